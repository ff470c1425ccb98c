//! The ideas behind the methods, statuses and headers: idempotency, caching, CORS, ...

/// One concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept {
    /// The topic name, lower case (`get-vs-post`).
    pub name: &'static str,
    /// A one-line title.
    pub title: &'static str,
    /// Where it is defined.
    pub rfc: &'static str,
    /// A few short paragraphs, separated by blank lines, lines under 90 characters.
    pub text: &'static str,
}

/// The concepts `hit explain` knows, sorted by name.
pub const CONCEPTS: &[Concept] = &[];
