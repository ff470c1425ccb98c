//! The 5xx codes: the server failed.

use super::{StatusFacts, status};

pub(super) const SERVER: &[StatusFacts] = &[
    status(500, "Internal Server Error", "RFC 9110 §15.6.1")
        .retried()
        .says(
            "The server hit an unexpected problem, often a bug or a crash, and could not finish \
             the request. It does not say whether the request was wrong.",
            "Retry with backoff, as hit --retry does for idempotent requests; a POST may already \
             have been applied, so resend it only with an Idempotency-Key. If it persists, \
             report it with the request ID from the response headers.",
        ),
    status(501, "Not Implemented", "RFC 9110 §15.6.2").says(
        "The server does not support what the request needs, usually the method itself: it does \
         not know it for any resource.",
        "Do not retry. Use a method the server supports; this will not change soon.",
    ),
    status(502, "Bad Gateway", "RFC 9110 §15.6.3")
        .retried()
        .says(
            "A gateway or proxy in front of the real server got a bad answer, or none, from it: \
             the backend crashed, restarted or dropped the connection.",
            "Retry after a short backoff: it is often brief, for example during a deploy. hit \
             --retry does so for idempotent requests; a POST may have reached the backend, so \
             check before sending it again.",
        ),
    status(503, "Service Unavailable", "RFC 9110 §15.6.4")
        .retried()
        .says(
            "The server cannot handle the request right now, usually because it is overloaded or \
             down for maintenance.",
            "Wait and retry: after the Retry-After delay when there is one, else with a growing \
             backoff. hit --retry does this for idempotent requests.",
        )
        .with(&["Retry-After"]),
    status(504, "Gateway Timeout", "RFC 9110 §15.6.5")
        .retried()
        .says(
            "A gateway or proxy waited too long for the real server's answer and gave up. The \
             backend may still be working on the request.",
            "Retry with backoff if the request is idempotent, as hit --retry does. For a POST, \
             first check whether it took effect: the backend may have finished it anyway.",
        ),
    status(505, "HTTP Version Not Supported", "RFC 9110 §15.6.6").says(
        "The server refuses the major HTTP version the request used.",
        "Send the request with a version the server supports, usually HTTP/1.1. The same request \
         will fail again.",
    ),
    status(506, "Variant Also Negotiates", "RFC 2295 §8.1").says(
        "A configuration error in transparent content negotiation: the version the server picked \
         is itself set up to negotiate, which would loop. Rarely seen.",
        "Nothing to change on your side; tell the server's administrators. Retrying will not \
         help.",
    ),
    status(507, "Insufficient Storage", "RFC 4918 §11.5").says(
        "A WebDAV answer: the server cannot store what the request needs, for example because \
         the disk or the user's quota is full.",
        "Do not retry right away. Free space, raise the quota or send less, then try again.",
    ),
    status(508, "Loop Detected", "RFC 5842 §7.2").says(
        "A WebDAV answer: the server stopped an operation with Depth: infinity because it found \
         a loop of bindings, so the whole operation failed.",
        "Do not retry it as is. Use a smaller Depth, or remove the binding that makes the loop.",
    ),
    status(509, "Bandwidth Limit Exceeded", "cPanel documentation")
        .by("Apache/cPanel")
        .says(
            "Not a standard code. Web hosts running Apache with cPanel send it when a site has \
             used up the bandwidth its plan allows for the period.",
            "Retrying will not help until the limit resets, often monthly, or the site's owner \
             raises it with the host.",
        ),
    status(510, "Not Extended", "RFC 2774 §7").says(
        "From the HTTP Extension Framework: the server wants the request to declare an extension \
         it requires. The framework never caught on; its RFC is now historic and IANA lists 510 \
         as obsoleted.",
        "Treat it as an error. The body may name the extension wanted, but few clients or \
         servers support the framework.",
    ),
    status(511, "Network Authentication Required", "RFC 6585 §6").says(
        "Sent by the network in between, not by the server: usually a captive portal on hotel or \
         airport Wi-Fi that wants you to log in or accept terms first.",
        "Open a web page in a browser, complete the portal's login, then retry. Never give it \
         credentials meant for the real server.",
    ),
    status(
        520,
        "Web Server Returned an Unknown Error",
        "Cloudflare documentation",
    )
    .by("Cloudflare")
    .says(
        "Not a standard code. Cloudflare sends it when the origin server behind it answered with \
         something empty, malformed or unexpected, for example after crashing mid-response.",
        "The problem is between Cloudflare and the origin. Retry later if the request is \
         idempotent (hit --retry-on 5xx includes it); if you run the site, check the origin's \
         logs.",
    ),
    status(521, "Web Server Is Down", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare sends it when the origin server refused its \
             connection: the web server is down or blocks Cloudflare's addresses.",
            "Wait and retry later. If you run the site, make sure the web server is running and \
             accepts connections from Cloudflare.",
        ),
    status(522, "Connection Timed Out", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare sends it when it could not open a TCP connection to \
             the origin server in time: the origin is overloaded or offline, or a firewall drops \
             the packets.",
            "Wait and retry later. If you run the site, check that the origin is up and that its \
             firewall lets Cloudflare in.",
        ),
    status(523, "Origin Is Unreachable", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare sends it when it cannot reach the origin at all, \
             usually because the site's DNS record points to a wrong or unroutable address.",
            "Retrying soon rarely helps. If you run the site, check that its DNS records in \
             Cloudflare point to the origin's real address.",
        ),
    status(524, "A Timeout Occurred", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare sends it when it connected to the origin but got no \
             HTTP response before its timeout, 100 seconds by default. The origin may still be \
             working on the request.",
            "Retry only an idempotent request; a POST may still complete on the origin. For long \
             jobs, use the API's way to start them and check on them later, if it has one.",
        ),
    status(525, "SSL Handshake Failed", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare sends it when the TLS handshake between Cloudflare \
             and the origin server failed, for example with no TLS version or cipher in common.",
            "Nothing to change in your request. If you run the site, fix TLS on the origin: its \
             certificate, its SNI setup, its TLS versions.",
        ),
    status(526, "Invalid SSL Certificate", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare, set to check the origin's certificate strictly, \
             sends it when that certificate is invalid: expired, self-signed, or for another \
             name.",
            "Nothing to change in your request. If you run the site, install a valid certificate \
             on the origin.",
        ),
    status(527, "Railgun Error", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare sent it when its connection to the origin's Railgun \
             listener failed. Cloudflare has retired Railgun, so the code is historic.",
            "Nothing to do on your side. If you still see it, the site's setup refers to \
             Railgun; tell the site's owner.",
        ),
    status(
        529,
        "Site Is Overloaded",
        "Qualys SSL Labs API documentation",
    )
    .by("Qualys SSL Labs")
    .says(
        "Not a standard code. The Qualys SSL Labs API sends it when the service is too busy to \
         take the request; some other APIs use it for the same purpose.",
        "Wait and retry with a growing backoff. hit --retry retries it only if you add it with \
         --retry-on (5xx includes it).",
    ),
    status(530, "Origin DNS Error", "Cloudflare documentation")
        .by("Cloudflare")
        .says(
            "Not a standard code. Cloudflare sends it with one of its own 1xxx errors in the \
             body, most often 1016, when it cannot resolve the origin's host name, or 1033, when \
             the site's Cloudflare Tunnel is not connected.",
            "Read the 1xxx number in the body; it names the problem, which is on the site's \
             side. Retry later, or if you run the site, fix the origin's DNS record or tunnel.",
        ),
    status(
        561,
        "Unauthorized",
        "AWS Elastic Load Balancing documentation",
    )
    .by("AWS Elastic Load Balancing")
    .says(
        "Not a standard code. An AWS Application Load Balancer that authenticates users sends it \
         when the identity provider (OIDC or Amazon Cognito) returned an error during login.",
        "Start the login again from the beginning. If it keeps failing, the load balancer's \
         authentication settings (client ID, secret, endpoints) need fixing.",
    ),
];
