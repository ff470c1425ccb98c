//! Header fields from Cross-Origin-Resource-Policy to Referrer-Policy.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const SECOND: &[HeaderFacts] = &[
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
];
