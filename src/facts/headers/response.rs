//! Fields a server sends about the response and itself: where to go (`Location`, `Link`), when to
//! come back (`Retry-After`, rate limits), what is allowed, and the end of an API's life
//! (`Deprecation`, `Sunset`).

use super::Direction::{Both, Response};
use super::{HeaderFacts, header};

pub(super) const RESPONSE: &[HeaderFacts] = &[
    header(
        "Allow",
        Response,
        "RFC 9110 §10.2.1",
        "Sent by a server to list the methods this resource supports. A 405 Method Not \
         Allowed must carry it, and answers to OPTIONS often do.",
        "Use one of these methods on this resource.",
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
        "Retry-After",
        Response,
        "RFC 9110 §10.2.3",
        "Sent with 503, 429 or a redirect to say how long to wait before the next request: a \
         number of seconds, or an HTTP date.",
        "Wait this many seconds (or until this date) before trying again.",
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
        "Sunset",
        Response,
        "RFC 8594 §3",
        "Sent by a server to give the date after which the resource is expected to stop \
         answering. A Link with rel=\"sunset\" may point to details.",
        "This resource goes away at this date: plan to move before then.",
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
];
