//! An `application/x-www-form-urlencoded` body read as the object its schema describes, so
//! that it is checked like a JSON one (`body /age: expected integer, got string`).

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::resolved;
use crate::openapi::Dialect;
use crate::openapi::schema;

/// The form's pairs as an object: each value read as its property's type (`coerce`), an
/// array property's values (`tag=a&tag=b`) as its items' type, another name given more than
/// once an array of its values.
pub fn object(document: &Value, body_schema: &Value, dialect: Dialect, body: &[u8]) -> Value {
    let properties = resolved(document, body_schema).and_then(|s| s.get("properties"));
    let mut given: IndexMap<String, Vec<String>> = IndexMap::new();
    for (name, raw) in url::form_urlencoded::parse(body) {
        given
            .entry(name.into_owned())
            .or_default()
            .push(raw.into_owned());
    }
    let read = |schema: Option<&Value>, raw: &str| match schema {
        Some(schema) => schema::coerce(document, schema, dialect, raw),
        None => Value::String(raw.to_owned()),
    };
    let mut object = Map::new();
    for (name, raws) in given {
        let property = properties.and_then(|p| p.get(&name));
        let items = property
            .and_then(|p| resolved(document, p))
            .filter(|p| p.get("type").and_then(Value::as_str) == Some("array"))
            .map(|p| p.get("items").unwrap_or(&Value::Bool(true)));
        let value = match (items, raws.as_slice()) {
            (Some(items), _) => raws.iter().map(|raw| read(Some(items), raw)).collect(),
            (None, [one]) => read(property, one),
            (None, many) => many.iter().map(|raw| read(property, raw)).collect(),
        };
        object.insert(name, value);
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pairs_are_read_as_their_properties_types() {
        let document = json!({"components": {"schemas": {"Form": {"type": "object", "properties": {
            "age": {"type": "integer"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "name": {"type": "string"}
        }}}}});
        let schema = json!({"$ref": "#/components/schemas/Form"});
        let body = b"age=42&name=Ada+L&tags=a&tags=b&other=1&other=2";
        assert_eq!(
            object(&document, &schema, Dialect::V30, body),
            json!({"age": 42, "name": "Ada L", "tags": ["a", "b"], "other": ["1", "2"]})
        );
        let loop_schema = json!({"$ref": "#/a"});
        let looping = json!({"a": {"$ref": "#/a"}});
        assert_eq!(
            object(&looping, &loop_schema, Dialect::V30, b"x=1"),
            json!({"x": "1"})
        );
    }
}
