//! What each status code means (RFC 9110 §15, and the codes registered since), and the
//! common codes that vendors use without registering them.

mod client;
mod early;
mod server;

use std::sync::LazyLock;

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
/// Kept in three files by class; each is sorted, and the classes follow each other.
pub static STATUSES: LazyLock<Vec<StatusFacts>> =
    LazyLock::new(|| [early::EARLY, client::CLIENT, server::SERVER].concat());
