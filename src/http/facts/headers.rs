//! What the common header fields mean, and what a response's fields ask of the client.

use Direction::{Both, Request, Response};

/// Who sends a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
    Both,
}

/// One header field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderFacts {
    /// The name as it is usually written (`ETag`, `WWW-Authenticate`).
    pub name: &'static str,
    pub direction: Direction,
    /// Where it is defined.
    pub rfc: &'static str,
    /// What it says, in a sentence or two of our own.
    pub meaning: &'static str,
    /// What it asks of a client that receives it in a response, in one line, for
    /// `--explain`; empty when it asks nothing.
    pub asks: &'static str,
}

const fn header(
    name: &'static str,
    direction: Direction,
    rfc: &'static str,
    meaning: &'static str,
    asks: &'static str,
) -> HeaderFacts {
    HeaderFacts {
        name,
        direction,
        rfc,
        meaning,
        asks,
    }
}

/// The header fields `hit explain` knows, sorted by name without regard to case.
pub const HEADERS: &[HeaderFacts] = &[
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
    header(
        "Cross-Origin-Resource-Policy",
        Response,
        "Fetch Standard",
        "Sent with a resource to say which sites may embed it: same-origin, same-site or \
         cross-origin. A browser blocks other no-cors loads of it.",
        "Browser: let only pages from these sites load this resource.",
    ),
    header(
        "Date",
        Both,
        "RFC 9110 §6.6.1",
        "The time the message was made, as an HTTP date in GMT. Caches use it to work out how \
         old a response is.",
        "Take it as the server's clock when you work out age and expiry.",
    ),
    header(
        "Deprecation",
        Response,
        "RFC 9745 §2",
        "Sent by a server to say this resource is deprecated, or will be from the given date, \
         written like @1735689600. It still works for now; a Link with rel=\"deprecation\" \
         may point to details.",
        "This endpoint is deprecated (or will be at this date): plan to move off it.",
    ),
    header(
        "Early-Data",
        Request,
        "RFC 8470 §5.1",
        "Set to 1 by a proxy that forwards a request it got in TLS early data (0-RTT). It \
         warns the server that the request could be a replay, and says 425 Too Early will be \
         understood.",
        "",
    ),
    header(
        "ETag",
        Response,
        "RFC 9110 §8.8.3",
        "An opaque tag for this version of the content, such as \"33a64df5\"; it changes when \
         the content changes. A W/ in front marks a weak tag, for content that is only \
         equivalent.",
        "Send it back in If-None-Match to revalidate, or in If-Match to update only this \
         version.",
    ),
    header(
        "Expect",
        Request,
        "RFC 9110 §10.1.1",
        "Sent by the client to ask for something before it goes on. The only value defined, \
         100-continue, asks the server to accept the request head before a large body is \
         sent.",
        "",
    ),
    header(
        "Expires",
        Response,
        "RFC 9111 §5.3",
        "A date after which the response is stale. Cache-Control max-age takes precedence, \
         and a date that cannot be parsed counts as already past.",
        "Treat the response as fresh until this date, unless Cache-Control max-age says \
         otherwise.",
    ),
    header(
        "Forwarded",
        Request,
        "RFC 7239 §4",
        "Added by proxies to pass on what they saw of the client: its address, the host it \
         asked for and the protocol, such as for=192.0.2.60;proto=https. It is the standard \
         form of the X-Forwarded-* fields.",
        "",
    ),
    header(
        "From",
        Request,
        "RFC 9110 §10.1.2",
        "An email address for the person or team responsible for the client. Crawlers send it \
         so that site owners can reach them.",
        "",
    ),
    header(
        "Host",
        Request,
        "RFC 9110 §7.2",
        "The host name and port the request is for, taken from the URL. One address can serve \
         many sites, so HTTP/1.1 requires it; HTTP/2 and HTTP/3 use :authority instead.",
        "",
    ),
    header(
        "Idempotency-Key",
        Request,
        "draft-ietf-httpapi-idempotency-key-header",
        "A unique value the client puts on a POST or PATCH so it can retry safely: a server \
         that sees the same key again returns the first result instead of acting twice.",
        "",
    ),
    header(
        "If-Match",
        Request,
        "RFC 9110 §13.1.1",
        "Makes the request conditional: act only if the resource's current ETag is one of \
         these. A client uses it to avoid overwriting someone else's change; a mismatch gets \
         412.",
        "",
    ),
    header(
        "If-Modified-Since",
        Request,
        "RFC 9110 §13.1.3",
        "Makes a GET or HEAD conditional: send the body only if the resource changed after \
         this date, usually the Last-Modified the client saw. If not, the answer is 304 Not \
         Modified.",
        "",
    ),
    header(
        "If-None-Match",
        Request,
        "RFC 9110 §13.1.2",
        "Makes the request conditional on the ETag not matching. On a GET the client sends \
         the ETag of its cached copy and gets 304 if it is still current; on a PUT, * means \
         create only if nothing is there.",
        "",
    ),
    header(
        "If-Range",
        Request,
        "RFC 9110 §13.1.5",
        "Sent with Range to resume a download safely: send only the part if the resource \
         still has this ETag or date, and the whole of it with 200 if it changed.",
        "",
    ),
    header(
        "If-Unmodified-Since",
        Request,
        "RFC 9110 §13.1.4",
        "Makes the request conditional: act only if the resource has not changed since this \
         date. It is the date-based form of If-Match; a failed check gets 412.",
        "",
    ),
    header(
        "Keep-Alive",
        Both,
        "RFC 2068 §19.7.1.1",
        "An old HTTP/1.0 companion of Connection: keep-alive with hints such as timeout=5, \
         max=100 about how long an idle connection stays open. HTTP/1.1 keeps connections \
         open by default, and HTTP/2 and HTTP/3 forbid it.",
        "The other side may close the connection after this many idle seconds.",
    ),
    header(
        "Last-Modified",
        Response,
        "RFC 9110 §8.8.2",
        "The date the server believes the resource last changed. It is a weaker validator \
         than ETag, exact only to the second.",
        "Send it back in If-Modified-Since to revalidate a cached copy.",
    ),
    header(
        "Link",
        Response,
        "RFC 8288 §3",
        "Typed links to other resources, written <URL>; rel=\"next\": next and previous \
         pages, a deprecation notice, a preload hint. Many APIs page through results with it.",
        "Follow the rel you need (next, prev, deprecation, ...) to find related resources.",
    ),
    header(
        "Location",
        Response,
        "RFC 9110 §10.2.2",
        "A URL, possibly relative to the request URL. With 201 Created it names the new \
         resource; with a 3xx redirect it says where to go instead.",
        "Follow this URL: the new resource (201) or where the resource is now (3xx).",
    ),
    header(
        "Max-Forwards",
        Request,
        "RFC 9110 §7.6.2",
        "A count that limits how many proxies may forward a TRACE or OPTIONS request: each \
         one lowers it by one, and the one that finds 0 answers itself.",
        "",
    ),
    header(
        "Origin",
        Request,
        "RFC 6454 §7; Fetch Standard",
        "Sent by a browser to name the origin (scheme, host and port, no path) of the page \
         that made the request. Servers check it for CORS and to refuse cross-site request \
         forgery.",
        "",
    ),
    header(
        "Permissions-Policy",
        Response,
        "W3C Permissions Policy",
        "Sent with a page to say which browser features, such as camera, geolocation or \
         fullscreen, the page and the frames it embeds may use.",
        "Browser: allow each of these features only to the origins listed for it.",
    ),
    header(
        "Pragma",
        Request,
        "RFC 9111 §5.4",
        "An HTTP/1.0 field: Pragma: no-cache asked caches for a fresh response. It is \
         deprecated; use Cache-Control, which wins when both are present.",
        "",
    ),
    header(
        "Prefer",
        Request,
        "RFC 7240 §2",
        "Sent by the client to state optional wishes, such as return=minimal (no body \
         needed), respond-async or wait=10. The server is free to ignore them.",
        "",
    ),
    header(
        "Preference-Applied",
        Response,
        "RFC 7240 §3",
        "Sent by a server to say which of the wishes in the client's Prefer it honoured.",
        "These Prefer wishes were honoured; assume the others were not.",
    ),
    header(
        "Priority",
        Both,
        "RFC 9218 §5",
        "Says how urgent a response is, from u=0 (first) to u=7, and whether it can be sent \
         in pieces (i). The client sends it; a server may send one to override it for \
         proxies.",
        "Nothing for a client: it tells proxies how the server ranks this response.",
    ),
    header(
        "Proxy-Authenticate",
        Response,
        "RFC 9110 §11.7.1",
        "Sent by a proxy with 407 Proxy Authentication Required to name the schemes it \
         accepts. It is about the proxy on the way, not the origin server.",
        "Authenticate to the proxy with one of these schemes and send Proxy-Authorization.",
    ),
    header(
        "Proxy-Authentication-Info",
        Response,
        "RFC 9110 §11.7.3",
        "Sent by a proxy after a successful authentication, with extra data its scheme \
         defines. It is the proxy's form of Authentication-Info.",
        "Use these values in later requests through this proxy, as its scheme says.",
    ),
    header(
        "Proxy-Authorization",
        Request,
        "RFC 9110 §11.7.2",
        "Sent by the client with credentials for the proxy, usually answering a 407. The \
         proxy uses it up and does not pass it on.",
        "",
    ),
    header(
        "Proxy-Status",
        Response,
        "RFC 9209 §2",
        "Added by proxies and gateways to say how they handled the response and, if they \
         failed, why, such as dns_timeout or connection_refused. It tells a proxy error from \
         an origin one.",
        "Nothing to do: read it to see which proxy failed, and why.",
    ),
    header(
        "Range",
        Request,
        "RFC 9110 §14.2",
        "Asks for part of the representation only, such as bytes=0-1023 or bytes=500-. A \
         server that supports it answers 206 Partial Content with Content-Range.",
        "",
    ),
    header(
        "RateLimit",
        Response,
        "draft-ietf-httpapi-ratelimit-headers",
        "Sent by a server to report what is left of the client's quota under a named policy, \
         such as \"default\";r=50;t=30: 50 requests left, reset in 30 seconds.",
        "You have r requests left until the quota resets in t seconds: slow down before 0.",
    ),
    header(
        "RateLimit-Limit",
        Response,
        "draft-ietf-httpapi-ratelimit-headers (early drafts)",
        "From early drafts of the RateLimit work: the request quota of the current window. \
         Newer drafts replace it with RateLimit and RateLimit-Policy.",
        "This is your request budget for the window: pace yourself to stay under it.",
    ),
    header(
        "RateLimit-Policy",
        Response,
        "draft-ietf-httpapi-ratelimit-headers",
        "Sent by a server to describe its quota policies: a quota q for each window of w \
         seconds, such as \"default\";q=100;w=60.",
        "Keep your rate within q requests in each window of w seconds.",
    ),
    header(
        "RateLimit-Remaining",
        Response,
        "draft-ietf-httpapi-ratelimit-headers (early drafts)",
        "From early drafts of the RateLimit work: how many requests are left in the current \
         window. Newer drafts carry it as r in RateLimit.",
        "Only this many requests are left in this window: slow down as it nears 0.",
    ),
    header(
        "RateLimit-Reset",
        Response,
        "draft-ietf-httpapi-ratelimit-headers (early drafts)",
        "From early drafts of the RateLimit work: the seconds until the quota window starts \
         again. Newer drafts carry it as t in RateLimit.",
        "The budget refills in this many seconds: once it is spent, wait that long.",
    ),
    header(
        "Referer",
        Request,
        "RFC 9110 §10.1.3",
        "The URL of the page the request came from, such as the page with the link that was \
         clicked. Browsers trim or drop it as Referrer-Policy says. The spelling is an old \
         typo that stuck.",
        "",
    ),
    header(
        "Referrer-Policy",
        Response,
        "W3C Referrer Policy",
        "Sent with a page to say how much of its URL the browser may put in Referer on \
         requests it makes: none, the origin only, or the full URL.",
        "Browser: send Referer from this page only as this policy allows.",
    ),
    header(
        "Repr-Digest",
        Both,
        "RFC 9530 §3",
        "A hash of the whole representation, content coding included, not just the part in \
         this message, so the receiver can check a complete file even when it came in ranges.",
        "Hash the whole representation you assembled with this algorithm and compare.",
    ),
    header(
        "Retry-After",
        Response,
        "RFC 9110 §10.2.3",
        "Sent with 503, 429 or a redirect to say how long to wait before the next request: a \
         number of seconds, or an HTTP date.",
        "Wait this many seconds (or until this date) before trying again.",
    ),
    header(
        "Sec-Fetch-Dest",
        Request,
        "W3C Fetch Metadata Request Headers",
        "Sent by a browser to say what the response will be used as: document, image, script, \
         or empty for fetch(). Servers use it to refuse unexpected uses.",
        "",
    ),
    header(
        "Sec-Fetch-Mode",
        Request,
        "W3C Fetch Metadata Request Headers",
        "Sent by a browser to give the request's mode: navigate for a page load, cors, \
         no-cors, same-origin or websocket.",
        "",
    ),
    header(
        "Sec-Fetch-Site",
        Request,
        "W3C Fetch Metadata Request Headers",
        "Sent by a browser to say how the page that made the request relates to the target: \
         same-origin, same-site, cross-site, or none when the user typed the URL. Servers use \
         it to turn away cross-site attacks.",
        "",
    ),
    header(
        "Server",
        Response,
        "RFC 9110 §10.2.4",
        "Names the software that produced the response, such as nginx/1.25.3. Many servers \
         trim it so as not to help attackers.",
        "Nothing to do: it names the server software.",
    ),
    header(
        "Server-Timing",
        Response,
        "W3C Server Timing",
        "Sent by a server to report how long steps of its work took for this response, such \
         as db;dur=53, so developer tools can show where the time went.",
        "Nothing to do: read these durations to see where the server spent its time.",
    ),
    header(
        "Set-Cookie",
        Response,
        "RFC 6265 §5.2",
        "Sent by a server to store a name=value pair in the client, with attributes for where \
         and how long it applies: Domain, Path, Expires or Max-Age, Secure, HttpOnly, \
         SameSite. The client sends it back in Cookie.",
        "Store this cookie and send it back in Cookie to matching URLs until it expires.",
    ),
    header(
        "Signature",
        Both,
        "RFC 9421 §4.2",
        "Carries one or more HTTP message signatures, each under a label that matches an \
         entry in Signature-Input. They prove who signed the listed parts of the message.",
        "Verify each signature over the parts Signature-Input names, with the signer's key.",
    ),
    header(
        "Signature-Input",
        Both,
        "RFC 9421 §4.1",
        "Lists, for each signature in Signature, the parts that were signed, such as @method, \
         @path and content-digest, with parameters like keyid and created.",
        "Rebuild the signed text from these parts to check the matching Signature.",
    ),
    header(
        "Strict-Transport-Security",
        Response,
        "RFC 6797 §6.1",
        "Sent over HTTPS to tell the client to use only HTTPS with this host for max-age \
         seconds, with includeSubDomains to cover subdomains too. It stops downgrades to \
         plain HTTP.",
        "Use only HTTPS for this host for max-age seconds, and never skip certificate errors.",
    ),
    header(
        "Sunset",
        Response,
        "RFC 8594 §3",
        "Sent by a server to give the date after which the resource is expected to stop \
         answering. A Link with rel=\"sunset\" may point to details.",
        "This resource goes away at this date: plan to move before then.",
    ),
    header(
        "TE",
        Request,
        "RFC 9110 §10.1.4",
        "Sent by the client to list transfer codings it accepts besides chunked. In practice \
         it is TE: trailers, which says the client handles trailer fields; HTTP/2 allows only \
         that.",
        "",
    ),
    header(
        "Timing-Allow-Origin",
        Response,
        "W3C Resource Timing",
        "Sent with a resource to let pages from these origins see its detailed timings, such \
         as DNS, connect and first byte, through the Resource Timing API.",
        "Browser: show this resource's detailed timings to pages from these origins.",
    ),
    header(
        "Traceparent",
        Request,
        "W3C Trace Context",
        "Carries the trace ID, the caller's span ID and flags of a distributed trace, as \
         00-<trace-id>-<span-id>-01, so each service can tie its work to the same trace.",
        "",
    ),
    header(
        "Tracestate",
        Request,
        "W3C Trace Context",
        "Goes with traceparent and carries vendor-specific trace data as key=value pairs. \
         Services that do not understand it pass it on unchanged.",
        "",
    ),
    header(
        "Trailer",
        Both,
        "RFC 9110 §6.6.2",
        "Announces which fields will come after the body, as trailers, such as a checksum \
         computed while the body streams.",
        "Expect these fields after the body, and read them once it ends.",
    ),
    header(
        "Transfer-Encoding",
        Both,
        "RFC 9112 §6.1",
        "HTTP/1.1 only: the codings applied for the trip, almost always chunked, which sends \
         the body in pieces when its length is not known up front. HTTP/2 and HTTP/3 frame \
         bodies themselves.",
        "Undo these codings (de-chunk) before use; with both, it wins over Content-Length.",
    ),
    header(
        "Upgrade",
        Both,
        "RFC 9110 §7.8",
        "In a request, the client offers to switch this connection to another protocol, such \
         as websocket; a server that agrees answers 101 Switching Protocols. With 426, the \
         server names the protocol it requires.",
        "Switch to this protocol: at once after 101, or before retrying after 426.",
    ),
    header(
        "Upgrade-Insecure-Requests",
        Request,
        "W3C Upgrade Insecure Requests",
        "Sent as 1 by a browser to say it prefers HTTPS, so a server can redirect it to the \
         secure version of the page.",
        "",
    ),
    header(
        "User-Agent",
        Request,
        "RFC 9110 §10.1.5",
        "Names the client software and its version, such as hit/1.0 or a browser's long \
         string. Servers use it for statistics and sometimes to work around client bugs.",
        "",
    ),
    header(
        "Vary",
        Response,
        "RFC 9110 §12.5.5",
        "Lists the request fields, such as Accept-Encoding or Accept-Language, that the \
         server used to choose this response. Vary: * means the choice depends on more than \
         the request's header fields.",
        "A cached copy fits only requests with the same values of these headers.",
    ),
    header(
        "Via",
        Both,
        "RFC 9110 §7.6.3",
        "Added by each proxy or gateway that forwards the message, naming the protocol \
         version and the hop, such as 1.1 varnish. It shows the path and helps catch loops.",
        "Nothing to do: it lists the proxies the message passed through.",
    ),
    header(
        "Want-Content-Digest",
        Both,
        "RFC 9530 §4",
        "Asks the other side to send a Content-Digest, naming the hash algorithms wanted with \
         weights, such as sha-256=10.",
        "Add a Content-Digest with one of these algorithms to what you send next.",
    ),
    header(
        "Want-Repr-Digest",
        Both,
        "RFC 9530 §4",
        "Asks the other side to send a Repr-Digest, naming the hash algorithms wanted with \
         weights, such as sha-512=3, sha-256=10.",
        "Add a Repr-Digest with one of these algorithms to what you send next.",
    ),
    header(
        "Warning",
        Both,
        "RFC 9111 §5.5",
        "An old field for notes about a message, such as 110 Response is Stale. RFC 9111 made \
         it obsolete, and caches no longer send it.",
        "Nothing to do: the field is obsolete, though its text may hint at a stale copy.",
    ),
    header(
        "WWW-Authenticate",
        Response,
        "RFC 9110 §11.6.1",
        "Sent by a server, with 401 Unauthorized, to name the authentication schemes it \
         accepts and their parameters, such as Bearer realm=\"api\" or Basic.",
        "Authenticate with one of these schemes and send Authorization.",
    ),
    header(
        "X-Content-Type-Options",
        Response,
        "Fetch Standard",
        "With the value nosniff, tells a browser to trust Content-Type and never guess the \
         type from the bytes. It blocks scripts and styles served with the wrong type.",
        "Trust Content-Type as sent; do not guess the type from the content.",
    ),
    header(
        "X-Correlation-Id",
        Both,
        "de facto",
        "A non-standard ID that ties together the requests of one operation across several \
         services. Many APIs echo it back; it is much like X-Request-Id.",
        "Quote this ID when you report a problem, so logs across services can be joined.",
    ),
    header(
        "X-Forwarded-For",
        Request,
        "de facto",
        "Added by proxies and load balancers: the client's IP address, then each proxy's, \
         comma-separated. The standard form is Forwarded; anyone can fake the first entries.",
        "",
    ),
    header(
        "X-Forwarded-Host",
        Request,
        "de facto",
        "Added by a proxy to pass on the Host the client asked for, since the proxy may \
         rewrite Host. The standard form is host= in Forwarded.",
        "",
    ),
    header(
        "X-Forwarded-Proto",
        Request,
        "de facto",
        "Added by a proxy that ends TLS to say whether the client used http or https, so the \
         application behind it builds correct URLs. The standard form is proto= in Forwarded.",
        "",
    ),
    header(
        "X-Frame-Options",
        Response,
        "RFC 7034 §2; WHATWG HTML",
        "Tells a browser whether other pages may show this one in a frame: DENY, or \
         SAMEORIGIN for pages of the same origin. It guards against clickjacking; CSP \
         frame-ancestors is the newer way.",
        "Browser: show this page in a frame only as the value allows (never, or same origin).",
    ),
    header(
        "X-Powered-By",
        Response,
        "de facto",
        "Names the framework or language behind the server, such as Express or PHP/8.3. It is \
         only informational, and often removed so as not to help attackers.",
        "Nothing to do: it names the framework that built the response.",
    ),
    header(
        "X-RateLimit-Limit",
        Response,
        "de facto",
        "The older, non-standard way many APIs state the request quota of the current window. \
         The IETF RateLimit and RateLimit-Policy fields are meant to replace it and its \
         X-RateLimit-* siblings.",
        "This is your request budget per window; watch X-RateLimit-Remaining as you go.",
    ),
    header(
        "X-RateLimit-Remaining",
        Response,
        "de facto",
        "The older, non-standard way many APIs say how many requests are left in the current \
         window. In RateLimit it is the r parameter.",
        "Only this many requests are left in this window: slow down as it nears 0.",
    ),
    header(
        "X-RateLimit-Reset",
        Response,
        "de facto",
        "The older, non-standard way to say when the quota window starts again. Some APIs \
         give seconds to wait, others a Unix time. In RateLimit it is the t parameter.",
        "The budget refills at this time (or in these seconds): once it is spent, wait.",
    ),
    header(
        "X-Request-Id",
        Both,
        "de facto",
        "A unique ID for one request, set by the client or the first proxy and echoed by the \
         server, so the same request can be found in every log.",
        "Quote this ID when you report a problem with this request.",
    ),
    header(
        "X-XSS-Protection",
        Response,
        "de facto",
        "Turned on an old cross-site scripting filter in some browsers. Current browsers \
         ignore it; Content-Security-Policy does the job now.",
        "Nothing to do: current browsers ignore it.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_sorted_and_unique() {
        for pair in HEADERS.windows(2) {
            let (a, b) = (pair[0].name, pair[1].name);
            assert!(
                a.to_ascii_lowercase() < b.to_ascii_lowercase(),
                "{a} must come before {b}, once each"
            );
        }
    }

    #[test]
    fn headers_are_many_enough() {
        assert!(HEADERS.len() >= 75, "only {} header fields", HEADERS.len());
    }

    #[test]
    fn headers_say_what_they_mean_and_where() {
        for h in HEADERS {
            assert!(!h.name.is_empty());
            assert!(!h.meaning.is_empty(), "{} has no meaning", h.name);
            assert!(!h.rfc.is_empty(), "{} has no source", h.name);
            assert!(
                !h.meaning.contains('\n') && !h.asks.contains('\n'),
                "{}",
                h.name
            );
        }
    }

    #[test]
    fn response_headers_say_what_they_ask() {
        for h in HEADERS {
            match h.direction {
                Direction::Request => assert!(h.asks.is_empty(), "{} asks nothing", h.name),
                Direction::Response | Direction::Both => {
                    assert!(!h.asks.is_empty(), "{} must say what it asks", h.name);
                    assert!(h.asks.len() < 110, "{}: asks is too long", h.name);
                }
            }
        }
    }
}
