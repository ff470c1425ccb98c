//! What the common header fields mean, and what a response's fields ask of the client.

mod auth;
mod caching;
mod connection;
mod content;
mod cors;
mod proxies;
mod request;
mod response;
mod security;

use std::sync::LazyLock;

/// Who sends a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
    Both,
}

/// One header field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderFacts {
    /// The name as it is usually written (`ETag`, `WWW-Authenticate`).
    pub name: &'static str,
    pub direction: Direction,
    /// Where it is defined.
    pub rfc: &'static str,
    /// What it says, in a sentence or two of our own.
    pub meaning: &'static str,
    /// What it asks of a client that receives it in a response, in one line, for
    /// `--explain`; empty when it asks nothing.
    pub asks: &'static str,
}

const fn header(
    name: &'static str,
    direction: Direction,
    rfc: &'static str,
    meaning: &'static str,
    asks: &'static str,
) -> HeaderFacts {
    HeaderFacts {
        name,
        direction,
        rfc,
        meaning,
        asks,
    }
}

/// The header tables, one per topic.
const TOPICS: [&[HeaderFacts]; 9] = [
    request::REQUEST,
    response::RESPONSE,
    caching::CACHING,
    auth::AUTH,
    cors::CORS,
    security::SECURITY,
    content::CONTENT,
    connection::CONNECTION,
    proxies::PROXIES,
];

/// The header fields `hit explain` knows, sorted by name without regard to case (the order
/// `hit explain` lists them in). Kept in one file per topic, each sorted by name too.
pub static HEADERS: LazyLock<Vec<HeaderFacts>> = LazyLock::new(|| {
    let mut all = TOPICS.concat();
    all.sort_by_key(|h| h.name.to_ascii_lowercase());
    all
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_sorted_and_unique() {
        for pair in HEADERS.windows(2) {
            let (a, b) = (pair[0].name, pair[1].name);
            assert!(
                a.to_ascii_lowercase() < b.to_ascii_lowercase(),
                "{a} must come before {b}, once each"
            );
        }
    }

    #[test]
    fn each_topic_is_sorted_by_name() {
        for topic in TOPICS {
            for pair in topic.windows(2) {
                let (a, b) = (pair[0].name, pair[1].name);
                assert!(
                    a.to_ascii_lowercase() < b.to_ascii_lowercase(),
                    "{a} before {b}"
                );
            }
        }
    }

    #[test]
    fn headers_are_many_enough() {
        assert!(HEADERS.len() >= 75, "only {} header fields", HEADERS.len());
    }

    #[test]
    fn headers_say_what_they_mean_and_where() {
        for h in HEADERS.iter() {
            assert!(!h.name.is_empty());
            assert!(!h.meaning.is_empty(), "{} has no meaning", h.name);
            assert!(!h.rfc.is_empty(), "{} has no source", h.name);
            assert!(
                !h.meaning.contains('\n') && !h.asks.contains('\n'),
                "{}",
                h.name
            );
        }
    }

    #[test]
    fn response_headers_say_what_they_ask() {
        for h in HEADERS.iter() {
            match h.direction {
                Direction::Request => assert!(h.asks.is_empty(), "{} asks nothing", h.name),
                Direction::Response | Direction::Both => {
                    assert!(!h.asks.is_empty(), "{} must say what it asks", h.name);
                    assert!(h.asks.len() < 110, "{}: asks is too long", h.name);
                }
            }
        }
    }
}
