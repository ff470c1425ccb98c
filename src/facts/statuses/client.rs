//! The 4xx codes: the request is wrong or not allowed.

use super::{StatusFacts, status};

pub(super) const CLIENT: &[StatusFacts] = &[
    status(400, "Bad Request", "RFC 9110 §15.5.1").says(
        "The server will not process the request because something in it is wrong: bad syntax, \
         invalid JSON, a missing or malformed parameter.",
        "Do not retry it as is. Read the body, which often says what is wrong, fix the request \
         and send it again.",
    ),
    status(401, "Unauthorized", "RFC 9110 §15.5.2")
        .says(
            "The request has no valid credentials: none were sent, or the ones sent were \
             refused. WWW-Authenticate says which scheme the server wants.",
            "Send credentials in the scheme WWW-Authenticate names: hit -u user:password for \
             Basic, --bearer TOKEN for a token. If you sent some, they are wrong or expired; get \
             new ones.",
        )
        .with(&["WWW-Authenticate"]),
    status(402, "Payment Required", "RFC 9110 §15.5.3").says(
        "Reserved for future use and never defined by HTTP. Some APIs send it when a payment, a \
         subscription or more credit is needed.",
        "Do not retry. Read the body: usually the account needs a payment method, a higher plan \
         or more credit.",
    ),
    status(403, "Forbidden", "RFC 9110 §15.5.4").says(
        "The server understood the request and refuses it. Unlike 401, authenticating again does \
         not help unless other credentials have more rights.",
        "Do not retry it as is. Check that the account may use this method on this resource; the \
         body may say which rule blocked it.",
    ),
    status(404, "Not Found", "RFC 9110 §15.5.5").says(
        "The server has nothing at this URL, or does not want to say that it has. It does not \
         say whether that is temporary or permanent.",
        "Check the URL: path, spelling, IDs, API version. Sending it again will not help, and \
         hit never retries a 404.",
    ),
    status(405, "Method Not Allowed", "RFC 9110 §15.5.6")
        .says(
            "The resource exists but does not accept this method, such as a POST to a read-only \
             URL. Allow lists the methods it does accept.",
            "Use one of the methods in Allow, or check that this is the right URL for the \
             action.",
        )
        .with(&["Allow"]),
    status(406, "Not Acceptable", "RFC 9110 §15.5.7")
        .says(
            "The server has no version of the resource that matches the request's Accept \
             headers: media type, language or encoding.",
            "Widen or fix Accept, Accept-Language or Accept-Encoding (Accept: */* takes \
             anything), or ask for a format the server offers.",
        )
        .with(&["Accept", "Accept-Language", "Accept-Encoding"]),
    status(407, "Proxy Authentication Required", "RFC 9110 §15.5.8")
        .says(
            "The proxy between the client and the server wants credentials before it forwards \
             the request. Proxy-Authenticate says which scheme it takes.",
            "Give the proxy its credentials and send again: hit -U user:password, or a \
             Proxy-Authorization header. The server's own credentials are a separate matter.",
        )
        .with(&["Proxy-Authenticate"]),
    status(408, "Request Timeout", "RFC 9110 §15.5.9")
        .retried()
        .says(
            "The server stopped waiting for the rest of the request: it came too slowly or not \
             at all. The server usually closes the connection.",
            "Send the request again on a new connection; hit --retry does so for idempotent \
             requests. If it keeps happening, look for a slow network or a stalled upload.",
        )
        .with(&["Connection"]),
    status(409, "Conflict", "RFC 9110 §15.5.10").says(
        "The request clashes with the resource's current state: an edit based on an old version, \
         a name already taken, a resource in the wrong state.",
        "Fetch the current state, resolve the conflict (merge, rename, or wait for the other \
         change), then send a new request. The same request will fail the same way.",
    ),
    status(410, "Gone", "RFC 9110 §15.5.11").says(
        "The resource was here and was removed on purpose, with no new address. The server \
         expects this to be permanent.",
        "Do not retry. Remove links to this URL, and look for a replacement in the API's \
         documentation.",
    ),
    status(411, "Length Required", "RFC 9110 §15.5.12")
        .says(
            "The server refuses a body sent without Content-Length, for example in chunks of \
             unknown total size.",
            "Send the body with a Content-Length: read it from a file or a string rather than a \
             stream whose size is unknown.",
        )
        .with(&["Content-Length"]),
    status(412, "Precondition Failed", "RFC 9110 §15.5.13")
        .says(
            "A condition in the request headers was false, usually If-Match: the resource \
             changed since the version the client saw, so the change was not applied.",
            "Fetch the resource again for its current ETag, redo your change on that version, \
             and send it with the new If-Match. This keeps you from overwriting someone else's \
             edit.",
        )
        .with(&["If-Match", "If-None-Match", "If-Unmodified-Since"]),
    status(413, "Content Too Large", "RFC 9110 §15.5.14")
        .says(
            "The request body is bigger than the server accepts. If the limit is only for now, \
             Retry-After may say when to try again.",
            "Send less: compress it, split it, or use the API's way of uploading big files. \
             Retry unchanged only after a Retry-After; hit --retry does not retry a 413.",
        )
        .with(&["Retry-After"]),
    status(414, "URI Too Long", "RFC 9110 §15.5.15").says(
        "The URL, usually its query string, is longer than the server will read. Too much data \
         in query parameters is the usual cause.",
        "Shorten the URL: send the data in a POST body instead of the query, or drop parameters. \
         Also check for a redirect loop that keeps making the URL longer.",
    ),
    status(415, "Unsupported Media Type", "RFC 9110 §15.5.16")
        .says(
            "The server does not take a body in this format or encoding: its Content-Type or \
             Content-Encoding is one the server cannot handle.",
            "Send a Content-Type the server takes (Accept in the response may list them), such \
             as JSON with hit --json, and only a Content-Encoding listed in Accept-Encoding.",
        )
        .with(&["Accept", "Accept-Encoding"]),
    status(416, "Range Not Satisfiable", "RFC 9110 §15.5.17")
        .says(
            "None of the byte ranges in the Range header fit the resource, usually because they \
             start past its end. Content-Range gives the real size.",
            "Fix the Range using the size in Content-Range, or drop Range to get everything. \
             With hit -C -, a 416 usually means the file is already complete, and hit keeps it \
             as it is.",
        )
        .with(&["Content-Range"]),
    status(417, "Expectation Failed", "RFC 9110 §15.5.18")
        .says(
            "The server cannot meet the Expect header of the request, in practice Expect: \
             100-continue, which some servers and proxies do not support.",
            "Send the request again without the Expect header, with the body straight away.",
        )
        .with(&["Expect"]),
    status(418, "I'm a teapot", "RFC 9110 §15.5.19").says(
        "A joke from RFC 2324, the coffee pot control protocol: a teapot refusing to brew \
         coffee. It was never part of HTTP, and IANA reserves 418 as unused so that nothing real \
         takes it; some servers still send it as an easter egg or to turn away bots.",
        "There is nothing to fix in HTTP terms. If you did not expect it, the server is joking \
         or is refusing your client on purpose; read the body.",
    ),
    status(419, "Page Expired", "Laravel documentation")
        .by("Laravel")
        .says(
            "Not a standard code. The Laravel PHP framework sends it when a form's CSRF token is \
             missing or no longer valid, often because the session expired.",
            "Load the form page again for a fresh token and session cookie, then submit again. A \
             script must send both the cookie and the token (the _token field or X-CSRF-TOKEN).",
        ),
    status(420, "Enhance Your Calm", "Twitter API v1 documentation")
        .by("Twitter")
        .says(
            "Not a standard code. Version 1 of the Twitter API sent it to a client that was \
             being rate limited; 429 is the standard code for that.",
            "Slow down, and wait longer before each new attempt. hit --retry retries it only if \
             you add it with --retry-on.",
        ),
    status(421, "Misdirected Request", "RFC 9110 §15.5.20").says(
        "The request reached a server that cannot answer for this host name and scheme. It \
         happens when a client reuses one connection for several host names (HTTP/2 connection \
         reuse) and the server does not serve them all.",
        "Send the request again on a new connection opened for this host. That is safe even for \
         a POST: the server did not process it.",
    ),
    status(422, "Unprocessable Content", "RFC 9110 §15.5.21").says(
        "The request is well formed and in a format the server takes, but its content does not \
         pass: a validation error such as a missing field or a value out of range.",
        "Do not retry it as is. Read the body for the fields that failed, correct them and send \
         again.",
    ),
    status(423, "Locked", "RFC 4918 §11.3").says(
        "A WebDAV answer: the resource is locked, for example while someone else edits it, so \
         the change is refused.",
        "Wait for the lock to be released, or, if you hold the lock, send its token in an If \
         header; then try again.",
    ),
    status(424, "Failed Dependency", "RFC 4918 §11.4").says(
        "A WebDAV answer: this action was not done because another action it depended on, in the \
         same request, failed.",
        "Find the action that failed first (often listed in the same 207 body), fix it, then \
         send the whole request again.",
    ),
    status(425, "Too Early", "RFC 8470 §5.2").retried().says(
        "The server will not process a request sent in TLS early data (0-RTT), because an \
         attacker could replay it. The request itself may be fine.",
        "Send it again once the TLS handshake is complete, not as early data. hit --retry \
         retries it for idempotent requests.",
    ),
    status(426, "Upgrade Required", "RFC 9110 §15.5.22")
        .says(
            "The server will not answer this request over the current protocol. Upgrade names \
             the protocol the client has to switch to: websocket, when a plain GET reaches a \
             WebSocket endpoint.",
            "Repeat the request in the protocol named in Upgrade: for websocket, open it as \
             one (hit ws://HOST/PATH; hit explain websocket).",
        )
        .with(&["Upgrade"]),
    status(428, "Precondition Required", "RFC 6585 §3")
        .says(
            "The server wants this request to be conditional, to avoid lost updates: a change \
             must say which version of the resource it is based on.",
            "GET the resource to learn its ETag, then send the change again with If-Match set to \
             that ETag.",
        )
        .with(&["If-Match"]),
    status(429, "Too Many Requests", "RFC 6585 §4")
        .retried()
        .says(
            "The client sent too many requests in a given time and hit a rate limit. Retry-After \
             may say how long to wait.",
            "Slow down: wait for the Retry-After delay if there is one, else back off with \
             growing waits. hit --retry does so for idempotent requests, never waiting less than \
             Retry-After.",
        )
        .with(&["Retry-After"]),
    status(431, "Request Header Fields Too Large", "RFC 6585 §5").says(
        "The request's headers are too large, one field or all of them together. Too many or too \
         large cookies are the usual cause.",
        "Send fewer or smaller headers: clear old cookies, shorten tokens, drop headers the \
         server does not need. The same request will fail again.",
    ),
    status(440, "Login Time-out", "Microsoft IIS documentation")
        .by("Microsoft IIS")
        .says(
            "Not a standard code. Microsoft IIS and Exchange (Outlook on the web) send it when \
             the client's session has expired.",
            "Log in again to start a new session, then repeat the request.",
        ),
    status(444, "No Response", "nginx documentation")
        .by("nginx")
        .says(
            "Not a standard code, and never sent: in its configuration, nginx uses 444 to close \
             the connection without any answer, often to drop bots or unknown host names. It \
             appears only in nginx's logs.",
            "A client never sees this status: the connection just closes, and hit reports a \
             broken transfer (exit 9). The server rejected the request on purpose; check the \
             host name and URL.",
        ),
    status(449, "Retry With", "Microsoft IIS documentation")
        .by("Microsoft IIS")
        .says(
            "Not a standard code. Microsoft servers (IIS, Exchange ActiveSync) send it when the \
             request lacks information they need to act on it.",
            "Read the body for what is missing, add it, and send the request again.",
        ),
    status(451, "Unavailable For Legal Reasons", "RFC 7725 §3")
        .says(
            "The server refuses to give the resource because of a legal demand, such as a court \
             order or government censorship. A Link with the blocked-by relation may name who \
             asked.",
            "There is nothing to change in the request. The block may depend on where you are; \
             the body may explain it.",
        )
        .with(&["Link"]),
    status(
        460,
        "Client Closed Connection",
        "AWS Elastic Load Balancing documentation",
    )
    .by("AWS Elastic Load Balancing")
    .says(
        "Not a standard code. An AWS Application Load Balancer logs it when the client closed \
         the connection before the load balancer's idle timeout, usually because the client's \
         own timeout was shorter than the backend's response time.",
        "A client does not receive it; it shows up in the load balancer's logs. If the client \
         gave up too early, allow more time (hit -m or --timeout).",
    ),
    status(
        463,
        "X-Forwarded-For Too Long",
        "AWS Elastic Load Balancing documentation",
    )
    .by("AWS Elastic Load Balancing")
    .says(
        "Not a standard code. An AWS Application Load Balancer sends it when the request's \
         X-Forwarded-For header lists too many IP addresses (over 30), often a sign of a proxy \
         loop.",
        "Do not retry it as is. Find the proxy chain that keeps adding to X-Forwarded-For, or \
         send the request without that header.",
    )
    .with(&["X-Forwarded-For"]),
    status(494, "Request Header Too Large", "nginx documentation")
        .by("nginx")
        .says(
            "Not a standard code. nginx uses it internally when the request's headers, or one \
             header line, do not fit its buffers; the client gets a 400 with a page that says \
             so, unless the configuration handles 494 itself.",
            "Send fewer or smaller headers: clear old cookies or shorten tokens. The same \
             request will fail again.",
        ),
    status(495, "SSL Certificate Error", "nginx documentation")
        .by("nginx")
        .says(
            "Not a standard code. nginx uses it internally when the client certificate sent in \
             the TLS handshake failed verification; the client gets a 400 with a page that says \
             so.",
            "Send a valid client certificate, signed by a CA the server trusts and not expired.",
        ),
    status(496, "SSL Certificate Required", "nginx documentation")
        .by("nginx")
        .says(
            "Not a standard code. nginx uses it internally when the server requires a client \
             certificate and none was sent; the client gets a 400 with a page that says so.",
            "Send the request again with a client certificate the server accepts.",
        ),
    status(
        497,
        "HTTP Request Sent to HTTPS Port",
        "nginx documentation",
    )
    .by("nginx")
    .says(
        "Not a standard code. nginx uses it internally when a plain HTTP request arrives on a \
         port that expects TLS; the client gets a 400 with a page that says so.",
        "Use an https:// URL for this port, or the server's plain HTTP port.",
    ),
    status(498, "Invalid Token", "Esri ArcGIS documentation")
        .by("Esri ArcGIS")
        .says(
            "Not a standard code. Esri's ArcGIS Server sends it when the access token in the \
             request has expired or is not valid.",
            "Get a new token, by signing in again or refreshing it, and repeat the request with \
             it.",
        ),
    status(499, "Client Closed Request", "nginx documentation")
        .by("nginx")
        .says(
            "Not a standard code. nginx writes it in its logs when the client closed the \
             connection before the server answered, so no response was sent. Esri ArcGIS uses \
             499 for another meaning, Token Required.",
            "A client never receives it from nginx. If the client gave up, the server was slower \
             than its timeout: allow more time (hit -m or --timeout) or find why the server is \
             slow.",
        ),
];
