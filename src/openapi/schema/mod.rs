//! The JSON Schema layer of OpenAPI support: validate a value against a Schema Object, make an
//! example value that validates, and read a parameter's text as its schema's type.
//!
//! Everything works on `serde_json::Value`: `document` is the OpenAPI document (possibly
//! sparse) that local `$ref`s (`#/components/schemas/Pet`, any JSON pointer) resolve against,
//! `schema` a Schema Object (itself a `$ref` or containing them, cyclic through refs or not).
//! Remote and file references are never fetched: the spec loader resolves those beforehand,
//! and what is left unresolved is a [`SchemaError`].
//!
//! The two dialects: OpenAPI 3.1 schemas are JSON Schema 2020-12 as is; OpenAPI 3.0's are
//! translated to draft 4 (`nullable`, boolean `exclusiveMinimum`, `$ref` siblings ignored)
//! before compiling. In both, a `discriminator` picks its `oneOf`/`anyOf` branch as OpenAPI
//! means, and `readOnly`/`writeOnly` properties are not required in the direction that does
//! not carry them.
//!
//! Formats asserted, in both dialects: `date-time`, `date`, `time`, `email`, `hostname`,
//! `ipv4`, `ipv6`, `uri`, `uuid` and `regex` (the `jsonschema` crate's checks; `uuid` is
//! hit's, as draft 4 has none) and `int32`/`int64` (an integer's range). 3.1 adds 2020-12's
//! `duration`, `uri-reference`, `uri-template`, `iri`, `iri-reference`, `json-pointer` and
//! `relative-json-pointer`. Any other format (`byte`, `binary`, `password`, `float`,
//! `double`, vendor names) is an annotation only: OpenAPI's formats are open-ended.

mod coerce;
mod discriminator;
mod example;
mod message;
mod refs;
mod translate;
mod validate;

#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::Value;

pub use coerce::coerce;
pub use example::example;
pub use validate::Validator;
#[cfg(test)]
pub use validate::validate;

/// Which JSON Schema dialect the document's schemas are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Dialect {
    /// OpenAPI 3.0: an extended subset of JSON Schema draft 4 (`nullable`, no type arrays).
    V30,
    /// OpenAPI 3.1: JSON Schema 2020-12.
    V31,
}

/// Which way a value travels: `readOnly` properties are only in responses, `writeOnly` ones
/// only in requests (OpenAPI 3.0 §4.7.25 "readOnly", 3.1 through JSON Schema's meaning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// A request body or parameter: a required `readOnly` property may be absent.
    Request,
    /// A response body or header: a required `writeOnly` property may be absent.
    Response,
}

impl Direction {
    /// Whether a property is left out this way (`readOnly` in a request, `writeOnly` in a
    /// response), on itself or on what its `$ref` names.
    fn hides(self, document: &Value, property: &Value) -> bool {
        let keyword = match self {
            Direction::Request => "readOnly",
            Direction::Response => "writeOnly",
        };
        let flagged = |schema: &Value| schema.get(keyword) == Some(&Value::Bool(true));
        flagged(property) || refs::follow(document, property).is_ok_and(flagged)
    }
}

/// One way an instance breaks its schema: where (a JSON pointer into the instance, `""` for
/// the root) and what, in a few plain words (`expected number, got string`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer to the offending value in the instance; empty for the instance itself.
    pub pointer: String,
    /// What is wrong, one short line.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.pointer, self.message)
        }
    }
}

/// A schema that cannot be used: the document is broken, not the instance.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// A local `$ref` names a place the document does not have.
    #[error("$ref \"{0}\" points to nothing in the document")]
    MissingRef(String),
    /// A `$ref` to another document: the loader should have resolved it.
    #[error(
        "$ref \"{0}\" is not a reference inside the document (remote references are resolved when the spec is loaded)"
    )]
    ExternalRef(String),
    /// `$ref`s that lead only to one another, never to a schema.
    #[error("$ref \"{0}\" leads only to other $refs, in a loop")]
    RefLoop(String),
    /// Schemas nested deeper than hit follows (a hand-made or hostile document).
    #[error("schema nested deeper than {0} levels")]
    TooDeep(usize),
    /// The validator refused the schema (an invalid keyword value, a bad regex...).
    #[error("invalid schema: {0}")]
    Invalid(String),
}

/// How deep hit follows a schema's own structure (not counting `$ref` hops, which are
/// followed once each): far beyond any real document, well within the stack.
const MAX_SCHEMA_DEPTH: usize = 128;
