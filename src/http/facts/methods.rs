//! What each method promises (RFC 9110 §9).

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
    /// What it asks for, in our words.
    pub meaning: &'static str,
    /// What a request body means with it.
    pub body: &'static str,
    /// The statuses it typically gets.
    pub statuses: &'static str,
    /// When to use it.
    pub when: &'static str,
    /// The classic mistakes made with it.
    pub mistakes: &'static str,
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
        meaning: "",
        body: "",
        statuses: "",
        when: "",
        mistakes: "",
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
