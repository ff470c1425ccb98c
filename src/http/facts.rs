//! The table of HTTP facts that retry, redirect, output and `hit explain` read: what each
//! method promises (RFC 9110 §9.2) and what each status code means (RFC 9110 §15).

/// What a method promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodFacts {
    pub name: &'static str,
    /// RFC 9110 §9.2.1: read-only, as far as the client asks.
    pub safe: bool,
    /// RFC 9110 §9.2.2: sending it twice has the effect of sending it once.
    pub idempotent: bool,
    /// RFC 9110 §9.2.3: a response to it may be stored and reused.
    pub cacheable: bool,
    /// Where it is defined.
    pub rfc: &'static str,
}

const fn method(
    name: &'static str,
    safe: bool,
    idempotent: bool,
    cacheable: bool,
    rfc: &'static str,
) -> MethodFacts {
    MethodFacts {
        name,
        safe,
        idempotent,
        cacheable,
        rfc,
    }
}

/// The methods of RFC 9110, PATCH (RFC 5789) and QUERY (draft-ietf-httpbis-safe-method-w-body).
pub const METHODS: &[MethodFacts] = &[
    method("GET", true, true, true, "RFC 9110 §9.3.1"),
    method("HEAD", true, true, true, "RFC 9110 §9.3.2"),
    method("POST", false, false, false, "RFC 9110 §9.3.3"),
    method("PUT", false, true, false, "RFC 9110 §9.3.4"),
    method("DELETE", false, true, false, "RFC 9110 §9.3.5"),
    method("CONNECT", false, false, false, "RFC 9110 §9.3.6"),
    method("OPTIONS", true, true, false, "RFC 9110 §9.3.7"),
    method("TRACE", true, true, false, "RFC 9110 §9.3.8"),
    method("PATCH", false, false, false, "RFC 5789 §2"),
    method(
        "QUERY",
        true,
        true,
        true,
        "draft-ietf-httpbis-safe-method-w-body",
    ),
];

/// The facts of a method, by its exact (upper-case) name.
pub fn method_facts(name: &str) -> Option<&'static MethodFacts> {
    METHODS.iter().find(|m| m.name == name)
}

/// RFC 9110 §9.2.2: whether a method may be sent twice. Unknown methods are not.
pub fn is_idempotent_method(name: &str) -> bool {
    method_facts(name).is_some_and(|m| m.idempotent)
}

/// How a client follows a redirect status (RFC 9110 §15.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redirect {
    /// 301 and 302: a POST becomes a GET, as browsers, curl and the Fetch standard do;
    /// any other method is repeated.
    PostBecomesGet,
    /// 303: anything but HEAD becomes a GET.
    BecomesGet,
    /// 307 and 308: the method and body are repeated.
    Repeat,
}

/// What a status code means to a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFacts {
    pub code: u16,
    pub reason: &'static str,
    /// Retried by default with `--retry` (SPEC §6): the server asks to try again later.
    pub retryable: bool,
    /// Followed with `-L`, and how.
    pub redirect: Option<Redirect>,
    /// Where it is defined.
    pub rfc: &'static str,
}

const fn status(code: u16, reason: &'static str, rfc: &'static str) -> StatusFacts {
    StatusFacts {
        code,
        reason,
        retryable: false,
        redirect: None,
        rfc,
    }
}

const fn retryable(code: u16, reason: &'static str, rfc: &'static str) -> StatusFacts {
    StatusFacts {
        retryable: true,
        ..status(code, reason, rfc)
    }
}

const fn redirect(code: u16, reason: &'static str, how: Redirect) -> StatusFacts {
    StatusFacts {
        redirect: Some(how),
        ..status(code, reason, "RFC 9110 §15.4")
    }
}

/// The status codes registered for HTTP, with RFC 9110's reason phrases.
pub const STATUSES: &[StatusFacts] = &[
    status(100, "Continue", "RFC 9110 §15.2.1"),
    status(101, "Switching Protocols", "RFC 9110 §15.2.2"),
    status(102, "Processing", "RFC 2518 §10.1"),
    status(103, "Early Hints", "RFC 8297"),
    status(200, "OK", "RFC 9110 §15.3.1"),
    status(201, "Created", "RFC 9110 §15.3.2"),
    status(202, "Accepted", "RFC 9110 §15.3.3"),
    status(203, "Non-Authoritative Information", "RFC 9110 §15.3.4"),
    status(204, "No Content", "RFC 9110 §15.3.5"),
    status(205, "Reset Content", "RFC 9110 §15.3.6"),
    status(206, "Partial Content", "RFC 9110 §15.3.7"),
    status(207, "Multi-Status", "RFC 4918 §11.1"),
    status(208, "Already Reported", "RFC 5842 §7.1"),
    status(226, "IM Used", "RFC 3229 §10.4.1"),
    status(300, "Multiple Choices", "RFC 9110 §15.4.1"),
    redirect(301, "Moved Permanently", Redirect::PostBecomesGet),
    redirect(302, "Found", Redirect::PostBecomesGet),
    redirect(303, "See Other", Redirect::BecomesGet),
    status(304, "Not Modified", "RFC 9110 §15.4.5"),
    status(305, "Use Proxy", "RFC 9110 §15.4.6"),
    redirect(307, "Temporary Redirect", Redirect::Repeat),
    redirect(308, "Permanent Redirect", Redirect::Repeat),
    status(400, "Bad Request", "RFC 9110 §15.5.1"),
    status(401, "Unauthorized", "RFC 9110 §15.5.2"),
    status(402, "Payment Required", "RFC 9110 §15.5.3"),
    status(403, "Forbidden", "RFC 9110 §15.5.4"),
    status(404, "Not Found", "RFC 9110 §15.5.5"),
    status(405, "Method Not Allowed", "RFC 9110 §15.5.6"),
    status(406, "Not Acceptable", "RFC 9110 §15.5.7"),
    status(407, "Proxy Authentication Required", "RFC 9110 §15.5.8"),
    retryable(408, "Request Timeout", "RFC 9110 §15.5.9"),
    status(409, "Conflict", "RFC 9110 §15.5.10"),
    status(410, "Gone", "RFC 9110 §15.5.11"),
    status(411, "Length Required", "RFC 9110 §15.5.12"),
    status(412, "Precondition Failed", "RFC 9110 §15.5.13"),
    status(413, "Content Too Large", "RFC 9110 §15.5.14"),
    status(414, "URI Too Long", "RFC 9110 §15.5.15"),
    status(415, "Unsupported Media Type", "RFC 9110 §15.5.16"),
    status(416, "Range Not Satisfiable", "RFC 9110 §15.5.17"),
    status(417, "Expectation Failed", "RFC 9110 §15.5.18"),
    status(418, "I'm a teapot", "RFC 9110 §15.5.19"),
    status(421, "Misdirected Request", "RFC 9110 §15.5.20"),
    status(422, "Unprocessable Content", "RFC 9110 §15.5.21"),
    status(423, "Locked", "RFC 4918 §11.3"),
    status(424, "Failed Dependency", "RFC 4918 §11.4"),
    retryable(425, "Too Early", "RFC 8470 §5.2"),
    status(426, "Upgrade Required", "RFC 9110 §15.5.22"),
    status(428, "Precondition Required", "RFC 6585 §3"),
    retryable(429, "Too Many Requests", "RFC 6585 §4"),
    status(431, "Request Header Fields Too Large", "RFC 6585 §5"),
    status(451, "Unavailable For Legal Reasons", "RFC 7725 §3"),
    retryable(500, "Internal Server Error", "RFC 9110 §15.6.1"),
    status(501, "Not Implemented", "RFC 9110 §15.6.2"),
    retryable(502, "Bad Gateway", "RFC 9110 §15.6.3"),
    retryable(503, "Service Unavailable", "RFC 9110 §15.6.4"),
    retryable(504, "Gateway Timeout", "RFC 9110 §15.6.5"),
    status(505, "HTTP Version Not Supported", "RFC 9110 §15.6.6"),
    status(506, "Variant Also Negotiates", "RFC 2295 §8.1"),
    status(507, "Insufficient Storage", "RFC 4918 §11.5"),
    status(508, "Loop Detected", "RFC 5842 §7.2"),
    status(510, "Not Extended", "RFC 2774 §7"),
    status(511, "Network Authentication Required", "RFC 6585 §6"),
];

/// The facts of a registered status code.
pub fn status_facts(code: u16) -> Option<&'static StatusFacts> {
    STATUSES.iter().find(|s| s.code == code)
}

/// The reason phrase of a registered status code, or `""`.
pub fn reason(code: u16) -> &'static str {
    status_facts(code).map_or("", |s| s.reason)
}

/// `503 Service Unavailable`, or just `599` for an unregistered code.
pub fn status_line(code: u16) -> String {
    match reason(code) {
        "" => code.to_string(),
        reason => format!("{code} {reason}"),
    }
}

/// The statuses `--retry` retries unless `--retry-on` says otherwise.
pub fn retryable_statuses() -> Vec<u16> {
    STATUSES
        .iter()
        .filter(|s| s.retryable)
        .map(|s| s.code)
        .collect()
}

/// How `-L` follows a status, or `None` when it is not a redirect to follow.
pub fn redirect_kind(code: u16) -> Option<Redirect> {
    status_facts(code).and_then(|s| s.redirect)
}

/// RFC 9110 §6.4.1: responses that never have content: to HEAD, and 1xx, 204 and 304.
pub fn has_no_body(method: &str, code: u16) -> bool {
    method == "HEAD" || (100..200).contains(&code) || code == 204 || code == 304
}

/// Success for the exit code (SPEC §5): 1xx, 2xx and 304 Not Modified.
pub fn is_success(code: u16) -> bool {
    code < 300 || code == 304
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        assert!(is_idempotent_method("PUT") && is_idempotent_method("DELETE"));
        assert!(!is_idempotent_method("POST") && !is_idempotent_method("PATCH"));
        assert!(!is_idempotent_method("PURGE"));
        let get = method_facts("GET").unwrap();
        assert!(get.safe && get.idempotent && get.cacheable);
        assert!(method_facts("get").is_none());
    }

    #[test]
    fn statuses() {
        assert_eq!(retryable_statuses(), [408, 425, 429, 500, 502, 503, 504]);
        assert_eq!(status_line(503), "503 Service Unavailable");
        assert_eq!(status_line(599), "599");
        assert_eq!(redirect_kind(303), Some(Redirect::BecomesGet));
        assert_eq!(redirect_kind(304), None);
        assert_eq!(redirect_kind(300), None);
        assert!(has_no_body("GET", 204) && has_no_body("HEAD", 200) && !has_no_body("GET", 200));
        // Sorted and unique, so that a lookup finds the one entry.
        assert!(STATUSES.windows(2).all(|w| w[0].code < w[1].code));
    }
}
