//! A parameter's text read as its schema's type, so that validation speaks about the value
//! (`?limit=abc`: `expected integer, got string`) rather than about text.

use serde_json::Value;

use super::{Dialect, refs};

/// `raw` (a path, query, header or cookie parameter's text) as the value its schema describes:
/// an integer, number or boolean when it parses as one, else the text itself (so that
/// validation reports the type); an array from comma-separated text (OpenAPI's default
/// `form` and `simple` styles), each item read by the items' schema. Anything else, and any
/// schema that cannot be followed, keeps the text.
pub fn coerce(document: &Value, schema: &Value, dialect: Dialect, raw: &str) -> Value {
    coerce_at(document, schema, dialect, raw, 0)
}

fn coerce_at(document: &Value, schema: &Value, dialect: Dialect, raw: &str, depth: usize) -> Value {
    let text = || Value::String(raw.to_owned());
    let Ok(schema) = refs::follow(document, schema) else {
        return text();
    };
    match type_of(document, schema, dialect) {
        Some("integer" | "number") => match serde_json::from_str::<Value>(raw) {
            Ok(number @ Value::Number(_)) => number,
            _ => text(),
        },
        Some("boolean") => match raw {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => text(),
        },
        Some("array") if depth == 0 => {
            if raw.is_empty() {
                return Value::Array(Vec::new());
            }
            let items = schema.get("items").unwrap_or(&Value::Bool(true));
            raw.split(',')
                .map(|item| coerce_at(document, items, dialect, item, depth + 1))
                .collect()
        }
        _ => text(),
    }
}

/// The type a schema names: its `type` (the first that is not `null` of a 3.1 list), else the
/// one all of an `allOf`, `anyOf` or `oneOf`'s branches that name one agree on.
fn type_of<'s>(document: &'s Value, schema: &'s Value, dialect: Dialect) -> Option<&'s str> {
    match schema.get("type") {
        Some(Value::String(single)) => return Some(single),
        Some(Value::Array(list)) if dialect == Dialect::V31 => {
            return list.iter().filter_map(Value::as_str).find(|t| *t != "null");
        }
        _ => {}
    }
    let branches = ["allOf", "anyOf", "oneOf"]
        .iter()
        .filter_map(|keyword| schema.get(*keyword).and_then(Value::as_array))
        .flatten();
    let mut named = branches.filter_map(|branch| {
        let branch = refs::follow(document, branch).ok()?;
        branch.get("type").and_then(Value::as_str)
    });
    let first = named.next()?;
    named.all(|other| other == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read(schema: Value, raw: &str) -> Value {
        let document = json!({"components": {"schemas": {"Id": {"type": "integer"}}}});
        coerce(&document, &schema, Dialect::V31, raw)
    }

    #[test]
    fn scalars_parse_when_they_can() {
        assert_eq!(read(json!({"type": "integer"}), "42"), json!(42));
        assert_eq!(read(json!({"type": "integer"}), "abc"), json!("abc"));
        assert_eq!(read(json!({"type": "integer"}), "1.5"), json!(1.5));
        assert_eq!(read(json!({"type": "number"}), "-0.25"), json!(-0.25));
        assert_eq!(read(json!({"type": "boolean"}), "true"), json!(true));
        assert_eq!(read(json!({"type": "boolean"}), "yes"), json!("yes"));
        assert_eq!(read(json!({"type": "string"}), "42"), json!("42"));
        assert_eq!(read(json!({"enum": ["a", "b"]}), "c"), json!("c"));
        assert_eq!(read(json!({"type": ["integer", "null"]}), "7"), json!(7));
    }

    #[test]
    fn refs_and_compositions_give_the_type() {
        assert_eq!(
            read(json!({"$ref": "#/components/schemas/Id"}), "7"),
            json!(7)
        );
        assert_eq!(
            read(
                json!({"allOf": [{"$ref": "#/components/schemas/Id"}, {"minimum": 1}]}),
                "7"
            ),
            json!(7)
        );
        assert_eq!(
            read(json!({"$ref": "#/components/schemas/Gone"}), "7"),
            json!("7")
        );
    }

    #[test]
    fn arrays_split_on_commas() {
        let schema = json!({"type": "array", "items": {"type": "integer"}});
        assert_eq!(read(schema.clone(), "1,2,x"), json!([1, 2, "x"]));
        assert_eq!(read(schema, ""), json!([]));
        assert_eq!(read(json!({"type": "array"}), "a,b"), json!(["a", "b"]));
    }
}
