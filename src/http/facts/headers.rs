//! What the common header fields mean, and what a response's fields ask of the client.

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

/// The header fields `hit explain` knows, sorted by name without regard to case.
pub const HEADERS: &[HeaderFacts] = &[];
