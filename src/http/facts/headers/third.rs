//! Header fields from Repr-Digest to X-XSS-Protection.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const THIRD: &[HeaderFacts] = &[
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
