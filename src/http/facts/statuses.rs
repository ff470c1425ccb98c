//! What each status code means (RFC 9110 §15, and the codes registered since), and the
//! common codes that vendors use without registering them.

use super::Redirect;

/// What a status code means to a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFacts {
    pub code: u16,
    pub reason: &'static str,
    /// Retried by default with `--retry` (SPEC §6): the server asks to try again later.
    pub retryable: bool,
    /// Followed with `-L`, and how.
    pub redirect: Option<Redirect>,
    /// Where it is defined (for a vendor code, where it is documented).
    pub rfc: &'static str,
    /// Who uses a code that IANA does not register (`nginx`, `Cloudflare`); `None` for a
    /// registered one.
    pub vendor: Option<&'static str>,
    /// What it means, in a sentence or two of our own.
    pub meaning: &'static str,
    /// What a client should do next: retry (after what wait), change the request,
    /// authenticate, or nothing.
    pub next: &'static str,
    /// The header fields that go with it.
    pub headers: &'static [&'static str],
}

const fn status(code: u16, reason: &'static str, rfc: &'static str) -> StatusFacts {
    StatusFacts {
        code,
        reason,
        retryable: false,
        redirect: None,
        rfc,
        vendor: None,
        meaning: "",
        next: "",
        headers: &[],
    }
}

impl StatusFacts {
    /// `--retry` retries it unless `--retry-on` says otherwise.
    const fn retried(self) -> StatusFacts {
        StatusFacts {
            retryable: true,
            ..self
        }
    }

    /// `-L` follows it, this way.
    const fn followed(self, how: Redirect) -> StatusFacts {
        StatusFacts {
            redirect: Some(how),
            ..self
        }
    }

    /// A code that a vendor uses and IANA does not register.
    const fn by(self, vendor: &'static str) -> StatusFacts {
        StatusFacts {
            vendor: Some(vendor),
            ..self
        }
    }

    const fn says(self, meaning: &'static str, next: &'static str) -> StatusFacts {
        StatusFacts {
            meaning,
            next,
            ..self
        }
    }

    const fn with(self, headers: &'static [&'static str]) -> StatusFacts {
        StatusFacts { headers, ..self }
    }
}

/// Every code in IANA's HTTP Status Code Registry, with its registered reason phrase
/// (418 keeps its RFC 2324 name), and the common vendor codes (`vendor` set), sorted by
/// code.
pub const STATUSES: &[StatusFacts] = &[
    status(100, "Continue", "RFC 9110 §15.2.1")
        .says(
            "The server has the request's headers and is ready for the body. It is an interim \
             answer to a request sent with Expect: 100-continue; the final status comes later.",
            "Send the body, then wait for the final response. HTTP libraries usually handle this \
             step on their own.",
        )
        .with(&["Expect"]),
    status(101, "Switching Protocols", "RFC 9110 §15.2.2")
        .says(
            "The server agrees to the protocol change the client asked for in Upgrade, for \
             example to WebSocket. Right after this response, the connection speaks the new \
             protocol.",
            "Carry on in the protocol named in Upgrade. There is no more HTTP on this \
             connection.",
        )
        .with(&["Upgrade", "Connection"]),
    status(102, "Processing", "RFC 2518 §10.1").says(
        "An interim answer from WebDAV: the server is still working on a long request and tells \
         the client not to give up. RFC 4918 dropped it, and few servers send it today.",
        "Keep waiting for the final response. Do not send the request again.",
    ),
    status(103, "Early Hints", "RFC 8297 §2")
        .says(
            "An interim answer sent before the final one. Its Link headers name resources the \
             page will probably need, so the client can start fetching them while the server \
             works.",
            "Preload or preconnect to what Link names if that helps, then wait for the final \
             response. The hints are only hints: the final response may differ.",
        )
        .with(&["Link"]),
    status(
        104,
        "Upload Resumption Supported",
        "draft-ietf-httpbis-resumable-upload-05",
    )
    .says(
        "An interim answer to an upload: the server supports resumable uploads, and Location \
         gives the URL where this upload can be resumed. IANA registered it only temporarily, \
         while the resumable uploads draft is being finished.",
        "Keep sending the body, and remember Location. If the connection breaks, ask that URL \
         how many bytes arrived and send only the rest.",
    )
    .with(&["Location"]),
    status(200, "OK", "RFC 9110 §15.3.1").says(
        "The request worked. What the body holds depends on the method: the resource for a GET, \
         the result of the action for a POST.",
        "Nothing to fix: use the response. For a GET, Cache-Control and ETag say how long you \
         may keep it and how to check it later.",
    ),
    status(201, "Created", "RFC 9110 §15.3.2")
        .says(
            "The request worked and made a new resource, usually after a POST or PUT. Location \
             gives the new resource's URL.",
            "Use the URL in Location (or in the body) from now on. Do not send the request \
             again, or you may create a second resource.",
        )
        .with(&["Location", "ETag"]),
    status(202, "Accepted", "RFC 9110 §15.3.3").says(
        "The server took the request but has not finished it; it may still succeed or fail \
         later. Typical for work queued to run in the background.",
        "Do not send it again. Check the outcome later, at the status URL the body or Location \
         gives, if the API offers one.",
    ),
    status(203, "Non-Authoritative Information", "RFC 9110 §15.3.4").says(
        "The request worked, but a proxy on the way changed the content the origin server sent, \
         so this is not exactly the origin's answer.",
        "Use it, knowing it was altered. To get the origin's version, avoid that proxy or send \
         Cache-Control: no-transform.",
    ),
    status(204, "No Content", "RFC 9110 §15.3.5").says(
        "The request worked and there is nothing to send back. Common after a PUT or DELETE.",
        "Nothing to do. Do not wait for a body: a 204 never has one.",
    ),
    status(205, "Reset Content", "RFC 9110 §15.3.6").says(
        "The request worked, and the client should clear the form or view that sent it, for \
         example so the user can enter the next item. It has no body.",
        "Reset the input that made the request. A command-line client has nothing to reset.",
    ),
    status(206, "Partial Content", "RFC 9110 §15.3.7")
        .says(
            "The server sends only the byte ranges the request asked for with Range. \
             Content-Range says which bytes these are and the full size.",
            "Check that Content-Range starts where you asked, then put the bytes in place. hit \
             -C - makes that check before appending to the partial file.",
        )
        .with(&["Content-Range"]),
    status(207, "Multi-Status", "RFC 4918 §11.1").says(
        "A WebDAV answer that carries one status per resource, in an XML body. The 207 itself \
         does not say whether each part worked.",
        "Read the XML body and check each resource's status: some may have failed even though \
         hit exits 0.",
    ),
    status(208, "Already Reported", "RFC 5842 §7.1").says(
        "Used inside a WebDAV 207 body: this resource was already listed earlier in the same \
         answer, under another binding, so it is not repeated.",
        "Nothing to do. Look for the resource where it first appears in the response.",
    ),
    status(226, "IM Used", "RFC 3229 §10.4.1")
        .says(
            "The server answered a GET with delta encoding: the body holds the changes since a \
             version the client already has, not the whole resource. IM names the encoding used.",
            "Apply the delta to your cached copy to get the current version. You only get this \
             if you sent A-IM.",
        )
        .with(&["IM", "Delta-Base"]),
    status(300, "Multiple Choices", "RFC 9110 §15.4.1")
        .says(
            "The resource exists in several versions, for example languages or formats, and the \
             server leaves the choice to the client. Location may name the one it prefers.",
            "Pick one from the list in the body, or use Location, and request it. hit -L does \
             not follow a 300: the choice is yours.",
        )
        .with(&["Location"]),
    status(301, "Moved Permanently", "RFC 9110 §15.4.2")
        .followed(Redirect::PostBecomesGet)
        .says(
            "The resource has a new permanent URL, given in Location. Links and bookmarks should \
             be updated.",
            "Request the URL in Location, and use it from now on. hit -L follows it but turns a \
             POST into a GET, as browsers do; 308 is the code that keeps the method.",
        )
        .with(&["Location"]),
    status(302, "Found", "RFC 9110 §15.4.3")
        .followed(Redirect::PostBecomesGet)
        .says(
            "The resource is at another URL for now, given in Location. The original URL is \
             still the one to use next time.",
            "Request the URL in Location, but keep the original one. hit -L follows it but turns \
             a POST into a GET, as browsers do; 307 is the code that keeps the method.",
        )
        .with(&["Location"]),
    status(303, "See Other", "RFC 9110 §15.4.4")
        .followed(Redirect::BecomesGet)
        .says(
            "The answer is at another URL, given in Location. Typical after a POST: the result \
             or a status page is there.",
            "Fetch Location with a GET. hit -L does so for any method; a HEAD stays a HEAD.",
        )
        .with(&["Location"]),
    status(304, "Not Modified", "RFC 9110 §15.4.5")
        .says(
            "The answer to a conditional request (If-None-Match or If-Modified-Since): the copy \
             the client already has is still current, so no body is sent.",
            "Keep using your cached copy, refreshed with this response's headers such as ETag \
             and Cache-Control. hit counts a 304 as a success.",
        )
        .with(&[
            "ETag",
            "Cache-Control",
            "Expires",
            "Vary",
            "Content-Location",
            "Date",
        ]),
    status(305, "Use Proxy", "RFC 9110 §15.4.6")
        .says(
            "An old code asking the client to repeat the request through the proxy named in \
             Location. It is deprecated: a server could use it to push clients through a proxy \
             of its choice.",
            "Do not follow it; treat it as an error. Use only a proxy you chose yourself (hit \
             -x).",
        )
        .with(&["Location"]),
    status(306, "(Unused)", "RFC 9110 §15.4.7").says(
        "Reserved and not used. An early draft of HTTP/1.1 called it Switch Proxy; it was \
         dropped, and no server should send it.",
        "Treat it as an error from a broken server or proxy. There is nothing to follow.",
    ),
    status(307, "Temporary Redirect", "RFC 9110 §15.4.8")
        .followed(Redirect::Repeat)
        .says(
            "The resource is at another URL for now, given in Location, and the request must be \
             sent there unchanged: same method, same body.",
            "Send the same request to Location, and keep the original URL for next time. hit -L \
             does so, sending the body again.",
        )
        .with(&["Location"]),
    status(308, "Permanent Redirect", "RFC 9110 §15.4.9")
        .followed(Redirect::Repeat)
        .says(
            "The resource has moved for good to the URL in Location, and the request must be \
             sent there unchanged: same method, same body.",
            "Send the same request to Location, and update stored links. hit -L does so, sending \
             the body again.",
        )
        .with(&["Location"]),
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
             the protocol the client has to switch to.",
            "Repeat the request in the protocol named in Upgrade, for example over a newer HTTP \
             version or over TLS.",
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
