//! Local `$ref`s: a reference's JSON pointer and the value it names in the document.

use percent_encoding::percent_decode_str;
use serde_json::Value;

use super::SchemaError;

/// How many `$ref` hops lead from a schema to one that is not a bare reference: a chain longer
/// than this is a loop (`A: {$ref: B}, B: {$ref: A}`).
const MAX_HOPS: usize = 64;

/// The JSON pointer a `$ref` names inside the document (`#/components/schemas/Pet` →
/// `/components/schemas/Pet`, percent-decoded as a URI fragment is, RFC 6901 §6), or `None`
/// for a plain-name fragment (`#pet`, a 2020-12 `$anchor` that the validator itself resolves).
pub(super) fn pointer_of(reference: &str) -> Result<Option<String>, SchemaError> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(SchemaError::ExternalRef(reference.to_owned()));
    };
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Ok(None);
    }
    let pointer = percent_decode_str(fragment)
        .decode_utf8()
        .map_err(|_| SchemaError::MissingRef(reference.to_owned()))?;
    if pointer.is_empty() {
        // `#` is the whole OpenAPI document, never a schema.
        return Err(SchemaError::MissingRef(reference.to_owned()));
    }
    Ok(Some(pointer.into_owned()))
}

/// The value a `$ref` names in `document`.
pub(super) fn target<'d>(
    document: &'d Value,
    reference: &str,
) -> Result<Option<&'d Value>, SchemaError> {
    let Some(pointer) = pointer_of(reference)? else {
        return Ok(None);
    };
    document
        .pointer(&pointer)
        .map(Some)
        .ok_or_else(|| SchemaError::MissingRef(reference.to_owned()))
}

/// `schema` with its `$ref` chain followed to the first schema that is not a bare reference
/// (a plain-name `$ref` is left as it is).
pub(super) fn follow<'d>(document: &'d Value, schema: &'d Value) -> Result<&'d Value, SchemaError> {
    let mut current = schema;
    for _ in 0..MAX_HOPS {
        let Some(reference) = reference_of(current) else {
            return Ok(current);
        };
        match target(document, reference)? {
            Some(next) => current = next,
            None => return Ok(current),
        }
    }
    let start = reference_of(schema).unwrap_or_default();
    Err(SchemaError::RefLoop(start.to_owned()))
}

/// The `$ref` of a schema object, if it has one.
pub(super) fn reference_of(schema: &Value) -> Option<&str> {
    schema.get("$ref").and_then(Value::as_str)
}

/// The tokens of a JSON pointer, unescaped (`~1` is `/`, `~0` is `~`, RFC 6901 §4).
pub(super) fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_local_reference_is_a_decoded_pointer() {
        assert_eq!(
            pointer_of("#/components/schemas/Pet%20Owner")
                .unwrap()
                .as_deref(),
            Some("/components/schemas/Pet Owner")
        );
        assert_eq!(pointer_of("#pet").unwrap(), None);
        assert_eq!(
            pointer_of("other.yaml#/Pet"),
            Err(SchemaError::ExternalRef("other.yaml#/Pet".into()))
        );
        assert_eq!(pointer_of("#"), Err(SchemaError::MissingRef("#".into())));
    }

    #[test]
    fn follow_walks_a_chain_and_stops_a_loop() {
        let document = json!({"a": {"$ref": "#/b"}, "b": {"type": "string"},
            "x": {"$ref": "#/y"}, "y": {"$ref": "#/x"}});
        let start = json!({"$ref": "#/a"});
        assert_eq!(
            follow(&document, &start).unwrap(),
            &json!({"type": "string"})
        );
        assert_eq!(
            follow(&document, &json!({"$ref": "#/x"})),
            Err(SchemaError::RefLoop("#/x".into()))
        );
        assert_eq!(
            follow(&document, &json!({"$ref": "#/nope"})),
            Err(SchemaError::MissingRef("#/nope".into()))
        );
    }

    #[test]
    fn tokens_are_unescaped() {
        let all: Vec<String> = tokens("/paths/~1pets~1{id}/a~0b").collect();
        assert_eq!(all, ["paths", "/pets/{id}", "a~b"]);
    }
}
