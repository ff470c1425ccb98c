//! The table of HTTP facts that retry, redirect, output and `hit explain` read: what each
//! method promises (RFC 9110 §9.2), what each status code means (RFC 9110 §15), what the
//! common headers ask for, the concepts behind them, the mistakes hit's lints catch, and
//! WebSocket close codes. One table each, so that what hit
//! explains and what it does cannot disagree.

mod concepts;
mod headers;
mod methods;
mod mistakes;
mod statuses;
pub mod websocket;

pub use concepts::{CONCEPTS, Concept};
pub use headers::{Direction, HEADERS, HeaderFacts};
pub use methods::{METHODS, MethodFacts};
pub use mistakes::MISTAKES;
pub use statuses::{STATUSES, StatusFacts};

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
