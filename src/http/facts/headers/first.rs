//! Header fields from Accept to Cross-Origin-Opener-Policy.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const FIRST: &[HeaderFacts] = &[
    header(
        "Accept",
        Request,
        "RFC 9110 §12.5.1",
        "Sent by the client to list the media types it can use in the response, such as \
         application/json or text/html, each with an optional q weight. The server picks one, \
         or may answer 406 Not Acceptable.",
        "",
    ),
    header(
        "Accept-Charset",
        Request,
        "RFC 9110 §12.5.2",
        "Sent by the client to say which character encodings it prefers for text, such as \
         utf-8. Browsers stopped sending it, and most servers ignore it.",
        "",
    ),
    header(
        "Accept-Encoding",
        Request,
        "RFC 9110 §12.5.3",
        "Sent by the client to list the content codings it can undo, such as gzip, br or \
         zstd. The server may then compress the body and name the coding in Content-Encoding.",
        "",
    ),
    header(
        "Accept-Language",
        Request,
        "RFC 9110 §12.5.4",
        "Sent by the client to list the human languages the user prefers, such as fr or \
         en-GB, with q weights. A server that has translations may pick one and name it in \
         Content-Language.",
        "",
    ),
    header(
        "Accept-Patch",
        Response,
        "RFC 5789 §3.1",
        "Sent by a server that supports PATCH on this resource, listing the patch formats it \
         understands, such as application/json-patch+json.",
        "To PATCH this resource, send the patch in one of these media types.",
    ),
    header(
        "Accept-Post",
        Response,
        "W3C Linked Data Platform 1.0 §7.1",
        "Sent by a server to list the media types it takes in the body of a POST to this \
         resource. Its presence also says that POST is allowed here.",
        "To POST here, send the body in one of these media types.",
    ),
    header(
        "Accept-Ranges",
        Response,
        "RFC 9110 §14.3",
        "Sent by a server to say whether it can send parts of this resource: bytes means it \
         honours byte Range requests, none means it does not.",
        "With bytes, you may resume or split a download with Range; with none, fetch it \
         whole.",
    ),
    header(
        "Access-Control-Allow-Credentials",
        Response,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. With the value true, the server lets a browser hand a cross-origin \
         response to the page's script even though the request carried cookies or other \
         credentials.",
        "Browser: let the page read this response although the request carried credentials.",
    ),
    header(
        "Access-Control-Allow-Headers",
        Response,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. In the answer to a preflight, the server lists the request header \
         fields that the page may send in the real cross-origin request.",
        "Browser: the real request may carry these header fields.",
    ),
    header(
        "Access-Control-Allow-Methods",
        Response,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. In the answer to a preflight, the server lists the methods that the \
         page may use in the real cross-origin request.",
        "Browser: the real request may use these methods.",
    ),
    header(
        "Access-Control-Allow-Origin",
        Response,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. The server names the one origin, or * for any, whose pages may read \
         this response from a script. Without it, a browser hides a cross-origin response \
         from the page. Tools like hit ignore it.",
        "Browser: let scripts from this origin (or any origin, for *) read the response.",
    ),
    header(
        "Access-Control-Expose-Headers",
        Response,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. A page's script can read only a few plain response fields by default; \
         this lists further fields it may read.",
        "Browser: let the page's script read these response header fields too.",
    ),
    header(
        "Access-Control-Max-Age",
        Response,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. Says for how many seconds a browser may keep the answer to this \
         preflight before it sends another.",
        "Browser: reuse this preflight answer for this many seconds.",
    ),
    header(
        "Access-Control-Request-Headers",
        Request,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. A browser sends it in a preflight OPTIONS request to name the header \
         fields, beyond the plain ones, that the real request will carry.",
        "",
    ),
    header(
        "Access-Control-Request-Method",
        Request,
        "Fetch Standard (CORS protocol)",
        "Part of CORS. A browser sends it in a preflight OPTIONS request to name the method \
         that the real request will use.",
        "",
    ),
    header(
        "Age",
        Response,
        "RFC 9111 §5.1",
        "Added by a cache: how many seconds ago this response was fetched from, or checked \
         with, the origin server. Seeing it usually means a cache answered.",
        "This copy is already this many seconds old: count that against its freshness.",
    ),
    header(
        "Allow",
        Response,
        "RFC 9110 §10.2.1",
        "Sent by a server to list the methods this resource supports. A 405 Method Not \
         Allowed must carry it, and answers to OPTIONS often do.",
        "Use one of these methods on this resource.",
    ),
    header(
        "Alt-Svc",
        Response,
        "RFC 7838 §3",
        "Sent by a server to say the same service can also be reached another way, for \
         example h3=\":443\" for HTTP/3 over UDP. The ma parameter says for how many seconds \
         the hint holds.",
        "You may send later requests over this protocol or endpoint, for up to ma seconds.",
    ),
    header(
        "Alt-Used",
        Request,
        "RFC 7838 §5",
        "Sent by a client that uses an alternative service from Alt-Svc, naming the host and \
         port it actually connected to.",
        "",
    ),
    header(
        "Authentication-Info",
        Response,
        "RFC 9110 §11.6.3",
        "Sent by a server after a successful authentication, with extra data that the scheme \
         defines, such as the next nonce to use in Digest authentication.",
        "Use these values in later requests, as the authentication scheme says.",
    ),
    header(
        "Authorization",
        Request,
        "RFC 9110 §11.6.2",
        "Sent by the client to prove who it is to the origin server, as a scheme and \
         credentials: Basic with a user name and password, or Bearer with a token. It usually \
         answers a 401 and its WWW-Authenticate.",
        "",
    ),
    header(
        "Cache-Control",
        Both,
        "RFC 9111 §5.2",
        "Directives for caches. In a response, the server says who may store it and for how \
         long: max-age=60, no-store, no-cache, private. In a request, the client can ask \
         caches for a fresh answer with no-cache.",
        "Store and reuse the response only as these directives allow.",
    ),
    header(
        "Cache-Status",
        Response,
        "RFC 9211 §2",
        "Added by each cache on the way to say what it did with the request: hit when it \
         answered from storage, fwd= with the reason when it went on to the next server. The \
         cache nearest the client comes last.",
        "Nothing to do: it tells which caches answered or forwarded this request, and why.",
    ),
    header(
        "CDN-Cache-Control",
        Response,
        "RFC 9213 §2",
        "Cache directives meant only for CDN caches; a CDN that reads it ignores \
         Cache-Control. Browsers and other clients ignore it.",
        "Nothing for a client: only CDN caches obey it, in place of Cache-Control.",
    ),
    header(
        "Clear-Site-Data",
        Response,
        "W3C Clear Site Data §3",
        "Sent by a server, often on logout, to tell the browser to delete what it keeps for \
         this site: \"cache\", \"cookies\", \"storage\", or \"*\" for everything.",
        "Delete the listed kinds of data stored for this site.",
    ),
    header(
        "Connection",
        Both,
        "RFC 9110 §7.6.1",
        "Options for this one HTTP/1.1 connection only: close ends it after this message, and \
         any field named here must be dropped by a proxy. HTTP/2 and HTTP/3 forbid it.",
        "With close, send no more requests on this connection; open a new one.",
    ),
    header(
        "Content-Digest",
        Both,
        "RFC 9530 §2",
        "A hash of the body exactly as sent, such as sha-256=:base64:, so the receiver can \
         check that the bytes arrived intact. With Repr-Digest, it replaces the obsolete \
         Digest field.",
        "Hash the body you received with this algorithm and compare, to catch corruption.",
    ),
    header(
        "Content-Disposition",
        Response,
        "RFC 6266 §4",
        "Says how to present the body: inline, shown in place, or attachment, saved as a \
         file, often with a suggested filename.",
        "With attachment, save the body as a file, under this filename if one is given.",
    ),
    header(
        "Content-Encoding",
        Both,
        "RFC 9110 §8.4",
        "Names the codings applied to the body, in order, such as gzip or br. The receiver \
         must undo them to get the data that Content-Type describes.",
        "Decode the body with these codings (gzip, br, ...) before you use it.",
    ),
    header(
        "Content-Language",
        Both,
        "RFC 9110 §8.5",
        "Names the human language or languages of the people the content is written for, such \
         as de or en-US.",
        "Nothing to do: the content is written for readers of this language.",
    ),
    header(
        "Content-Length",
        Both,
        "RFC 9110 §8.6",
        "The size of the body in bytes, after any content coding. In HTTP/1.1 it also tells \
         the receiver where the body ends.",
        "Expect exactly this many bytes of body; fewer means the transfer was cut off.",
    ),
    header(
        "Content-Location",
        Both,
        "RFC 9110 §8.7",
        "A URL for the exact representation in this message, which can differ from the URL \
         asked for, such as a page in one language among several.",
        "This body can also be fetched from this URL; it is not a redirect.",
    ),
    header(
        "Content-Range",
        Response,
        "RFC 9110 §14.4",
        "Sent with 206 Partial Content to say which bytes of the whole the body holds, such \
         as bytes 0-499/1234, or with 416 to give the full size.",
        "Place these bytes at this offset of the whole; the number after / is the full size.",
    ),
    header(
        "Content-Security-Policy",
        Response,
        "W3C Content Security Policy Level 3",
        "Sent with a page to tell the browser where the page may load scripts, styles, images \
         and frames from, and what else it may do. It limits what injected code can do.",
        "Browser: load and run only what these directives allow on this page.",
    ),
    header(
        "Content-Security-Policy-Report-Only",
        Response,
        "W3C Content Security Policy Level 3",
        "Like Content-Security-Policy, but the browser only reports what the policy would \
         block and blocks nothing. Sites use it to try out a policy.",
        "Browser: report what these directives would block, but block nothing.",
    ),
    header(
        "Content-Type",
        Both,
        "RFC 9110 §8.3",
        "The media type of the body, such as application/json or text/html; charset=utf-8. \
         The receiver uses it to decide how to read the bytes.",
        "Parse the body as this media type, in this charset if one is given.",
    ),
    header(
        "Cookie",
        Request,
        "RFC 6265 §5.4",
        "Sent by the client with the name=value pairs that the server stored earlier with \
         Set-Cookie, for this host and path. This is how a server recognises a session from \
         one request to the next.",
        "",
    ),
    header(
        "Cross-Origin-Embedder-Policy",
        Response,
        "WHATWG HTML",
        "Sent with a page to say it loads cross-origin resources only if they opt in, through \
         CORS or Cross-Origin-Resource-Policy. Together with COOP it unlocks features such as \
         SharedArrayBuffer.",
        "Browser: block cross-origin resources in this page unless they opt in.",
    ),
    header(
        "Cross-Origin-Opener-Policy",
        Response,
        "WHATWG HTML",
        "Sent with a page to say whether windows of other origins, such as one that opened \
         it, may keep a reference to it. same-origin cuts those links.",
        "Browser: keep this page apart from windows of other origins, as the value says.",
    ),
];
