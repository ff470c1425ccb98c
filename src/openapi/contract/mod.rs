//! An exchange checked against the operation the spec documents: the request before it
//! goes (`--strict`, the mock server) and the response when it comes back (`--validate`,
//! `hit test --contract`, the mock's own property test).
//!
//! Pure: the caller gives what was sent or received, as text and bytes, and gets one
//! [`Problem`] per thing wrong, each naming its place (`query parameter "limit"`,
//! `200 body /items/3/price`) and the rule in a few words. Nothing here reads a file, the
//! network or the clock, so the same checks serve the client and `hit serve --openapi`.

mod form;
mod request;
mod response;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::schema::{self, Direction, Validator};
use super::{Dialect, Media, Operation, Place};
use crate::http::media;

pub use request::{check_request, cookies};
pub use response::check_response;
// For the messages of `hit serve --openapi`, which a build without it does not have.
#[cfg_attr(not(feature = "serve"), allow(unused_imports))]
pub use response::documented_statuses;

/// One thing wrong with a request or a response: where and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `query parameter "limit"`, `body /items/3/price`, `200 header "X-Rate-Limit"`.
    pub place: String,
    /// `required`, `expected number, got string`, `not in the spec (did you mean "limit"?)`.
    pub message: String,
}

impl Problem {
    fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// A request as it is sent: the raw text of its parts, before anything is read as a type.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestParts<'a> {
    /// Path parameter name → the text that stands in its `{name}` in the path.
    pub path: &'a [(String, String)],
    /// The query's pairs, decoded, in order (a name given twice appears twice).
    pub query: &'a [(String, String)],
    /// The headers as sent; cookie parameters are read from their `Cookie` headers.
    pub headers: &'a [(String, String)],
    pub content_type: Option<&'a str>,
    pub body: Option<&'a [u8]>,
}

/// How a parameter or a body's place is named in a problem.
fn parameter_place(place: Place, name: &str) -> String {
    format!("{} parameter \"{name}\"", place.name())
}

/// `value` checked against `schema` (resolved in the operation's document), each violation a
/// problem at `place` followed by its JSON pointer. A schema the validator cannot compile (a
/// `pattern` in a regex dialect it does not read, say) judges nothing: the fault is the
/// spec's, and a request or response is not refused over it.
fn check_value(
    op: &Operation,
    dialect: Dialect,
    direction: Direction,
    place: &str,
    schema: &Value,
    value: &Value,
    into: &mut Vec<Problem>,
) {
    if *schema == Value::Bool(true) {
        return;
    }
    let Ok(validator) = Validator::new(&op.document, schema, dialect, direction) else {
        return;
    };
    into.extend(validator.validate(value).into_iter().map(|v| {
        let place = if v.pointer.is_empty() {
            place.to_owned()
        } else {
            format!("{place} {}", v.pointer)
        };
        Problem::new(place, v.message)
    }));
}

/// A parameter's or header's text, read as its schema's type and checked.
fn check_text(
    op: &Operation,
    dialect: Dialect,
    direction: Direction,
    place: &str,
    schema: &Value,
    raw: &str,
    into: &mut Vec<Problem>,
) {
    let value = schema::coerce(&op.document, schema, dialect, raw);
    check_value(op, dialect, direction, place, schema, &value, into);
}

/// The media type of `content` a body of `content_type` is: the same type, else a range the
/// spec lists (`application/*`, then `*/*`). Parameters (`charset`) are ignored on both sides.
pub(crate) fn find_media<'m>(content: &'m [Media], content_type: &str) -> Option<&'m Media> {
    let essence = media::media_type(content_type);
    let main = essence.split('/').next().unwrap_or_default();
    let listed = |m: &Media| media::media_type(&m.media_type);
    (content.iter().find(|m| listed(m) == essence))
        .or_else(|| content.iter().find(|m| listed(m) == format!("{main}/*")))
        .or_else(|| content.iter().find(|m| listed(m) == "*/*"))
}

/// The media types a body may have, for a message: `application/json, application/xml`.
fn listed_media(content: &[Media]) -> String {
    let names: Vec<&str> = content.iter().map(|m| m.media_type.as_str()).collect();
    names.join(", ")
}

/// A body of `content_type` checked against `media`: parsed when it is JSON (`+json` types
/// too) and validated; other types are not looked into (a request's form body is, by the
/// request's check).
fn check_json_body(
    op: &Operation,
    dialect: Dialect,
    direction: Direction,
    place: &str,
    (content_type, media): (&str, &Media),
    body: &[u8],
    into: &mut Vec<Problem>,
) {
    if !media::is_json_type(&media::media_type(content_type)) {
        return;
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(value) => check_value(op, dialect, direction, place, &media.schema, &value, into),
        Err(error) => into.push(Problem::new(place, format!("not JSON ({error})"))),
    }
}

/// A schema with its local `$ref`s followed; `None` for a chain that leads nowhere.
fn resolved<'d>(document: &'d Value, schema: &'d Value) -> Option<&'d Value> {
    super::refs::follow(document, schema, "a schema").ok()
}

/// The hint after an unknown name: the nearest known one, else what there is.
fn suggestion(unknown: &str, known: &[&str], what: &str) -> String {
    let nearest = known
        .iter()
        .map(|name| (strsim::jaro_winkler(unknown, name), *name))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match (nearest, known) {
        (Some((_, name)), _) => format!("did you mean \"{name}\"?"),
        (None, []) => format!("the operation takes no {what}"),
        (None, names) => {
            let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            format!("it takes {}", quoted.join(", "))
        }
    }
}
