//! Cross-origin requests as browsers enforce them: CORS (`Origin`, `Access-Control-*`), the
//! `Cross-Origin-*` isolation policies and the `Sec-Fetch-*` metadata.

use super::Direction::{Request, Response};
use super::{HeaderFacts, header};

pub(super) const CORS: &[HeaderFacts] = &[
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
        "Origin",
        Request,
        "RFC 6454 §7; Fetch Standard",
        "Sent by a browser to name the origin (scheme, host and port, no path) of the page \
         that made the request. Servers check it for CORS and to refuse cross-site request \
         forgery.",
        "",
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
        "Timing-Allow-Origin",
        Response,
        "W3C Resource Timing",
        "Sent with a resource to let pages from these origins see its detailed timings, such \
         as DNS, connect and first byte, through the Resource Timing API.",
        "Browser: show this resource's detailed timings to pages from these origins.",
    ),
];
