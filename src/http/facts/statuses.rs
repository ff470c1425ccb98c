//! What each status code means (RFC 9110 §15, and the codes registered since).

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
    status(301, "Moved Permanently", "RFC 9110 §15.4.2").followed(Redirect::PostBecomesGet),
    status(302, "Found", "RFC 9110 §15.4.3").followed(Redirect::PostBecomesGet),
    status(303, "See Other", "RFC 9110 §15.4.4").followed(Redirect::BecomesGet),
    status(304, "Not Modified", "RFC 9110 §15.4.5"),
    status(305, "Use Proxy", "RFC 9110 §15.4.6"),
    status(307, "Temporary Redirect", "RFC 9110 §15.4.8").followed(Redirect::Repeat),
    status(308, "Permanent Redirect", "RFC 9110 §15.4.9").followed(Redirect::Repeat),
    status(400, "Bad Request", "RFC 9110 §15.5.1"),
    status(401, "Unauthorized", "RFC 9110 §15.5.2"),
    status(402, "Payment Required", "RFC 9110 §15.5.3"),
    status(403, "Forbidden", "RFC 9110 §15.5.4"),
    status(404, "Not Found", "RFC 9110 §15.5.5"),
    status(405, "Method Not Allowed", "RFC 9110 §15.5.6"),
    status(406, "Not Acceptable", "RFC 9110 §15.5.7"),
    status(407, "Proxy Authentication Required", "RFC 9110 §15.5.8"),
    status(408, "Request Timeout", "RFC 9110 §15.5.9").retried(),
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
    status(425, "Too Early", "RFC 8470 §5.2").retried(),
    status(426, "Upgrade Required", "RFC 9110 §15.5.22"),
    status(428, "Precondition Required", "RFC 6585 §3"),
    status(429, "Too Many Requests", "RFC 6585 §4").retried(),
    status(431, "Request Header Fields Too Large", "RFC 6585 §5"),
    status(451, "Unavailable For Legal Reasons", "RFC 7725 §3"),
    status(500, "Internal Server Error", "RFC 9110 §15.6.1").retried(),
    status(501, "Not Implemented", "RFC 9110 §15.6.2"),
    status(502, "Bad Gateway", "RFC 9110 §15.6.3").retried(),
    status(503, "Service Unavailable", "RFC 9110 §15.6.4").retried(),
    status(504, "Gateway Timeout", "RFC 9110 §15.6.5").retried(),
    status(505, "HTTP Version Not Supported", "RFC 9110 §15.6.6"),
    status(506, "Variant Also Negotiates", "RFC 2295 §8.1"),
    status(507, "Insufficient Storage", "RFC 4918 §11.5"),
    status(508, "Loop Detected", "RFC 5842 §7.2"),
    status(510, "Not Extended", "RFC 2774 §7"),
    status(511, "Network Authentication Required", "RFC 6585 §6"),
];
