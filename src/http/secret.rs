//! Secrets in text: what a hidden one looks like, and URL passwords found and hidden
//! wherever they stand (output, messages, `hit profile show`).

use std::borrow::Cow;
use std::ops::Range;

/// What a hidden secret is shown as.
pub const HIDDEN: &str = "••••";

/// A message with the password of every URL in it hidden. Error lines are written before
/// `--show-secrets` is known, or without it, so they always hide them.
pub fn url_passwords(message: &str) -> Cow<'_, str> {
    let passwords: Vec<Range<usize>> = message
        .match_indices("://")
        .filter_map(|(at, _)| password_span(message, at + 3))
        .collect();
    if passwords.is_empty() {
        return Cow::Borrowed(message);
    }
    let mut shown = String::with_capacity(message.len());
    let mut from = 0;
    for password in passwords {
        shown.push_str(&message[from..password.start]);
        shown.push_str(HIDDEN);
        from = password.end;
    }
    shown.push_str(&message[from..]);
    Cow::Owned(shown)
}

/// Where the password lies in the authority that starts at `start`: RFC 3986 §3.2, the
/// user information ends at the last `@` before the path, query or fragment, and the
/// password follows its first `:`. A URL quoted in a message ends at a space or a quote.
pub fn password_span(text: &str, start: usize) -> Option<Range<usize>> {
    let rest = &text[start..];
    let end = rest
        .find(|c: char| "/?#'\"".contains(c) || c.is_whitespace())
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let at = authority.rfind('@')?;
    let colon = authority[..at].find(':')?;
    (colon + 1 < at).then(|| start + colon + 1..start + at)
}
