//! A JSON Schema in a few words, for `hit explain @NAME/OPERATION`: `integer (int64)`,
//! `[Tag]`, `"available" | "pending"`. A `$ref` is shown by the name it points at and not
//! expanded, so that a cyclic schema reads as it is written, and an object's properties
//! are listed one level deep.

use serde_json::Value;

use crate::openapi::refs;

/// Most alternatives of an enum shown before `…`.
const ENUM_SHOWN: usize = 8;

/// `schema`'s type in a few words.
pub fn type_text(schema: &Value) -> String {
    match schema {
        Value::Bool(true) => return "any".to_string(),
        Value::Bool(false) => return "nothing".to_string(),
        Value::Object(_) => {}
        _ => return "?".to_string(),
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return ref_name(reference).to_string();
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return enum_text(values);
    }
    if let Some(value) = schema.get("const") {
        return value.to_string();
    }
    for (keyword, joint) in [("allOf", " & "), ("oneOf", " | "), ("anyOf", " | ")] {
        if let Some(parts) = schema.get(keyword).and_then(Value::as_array) {
            let parts: Vec<String> = parts.iter().map(type_text).collect();
            return nullable(schema, parts.join(joint));
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ if schema.get("properties").is_some() => vec!["object"],
        _ if schema.get("items").is_some() => vec!["array"],
        _ => vec![],
    };
    if types.is_empty() {
        return nullable(schema, "any".to_string());
    }
    let parts: Vec<String> = types.iter().map(|t| one_type(schema, t)).collect();
    nullable(schema, parts.join(" | "))
}

/// `type` `kind` of `schema`: arrays show their items, objects their properties' names,
/// scalars their format.
fn one_type(schema: &Value, kind: &str) -> String {
    match kind {
        "array" => match schema.get("items") {
            Some(items) => format!("[{}]", type_text(items)),
            None => "[any]".to_string(),
        },
        "object" => match schema.get("properties").and_then(Value::as_object) {
            Some(properties) if !properties.is_empty() => {
                let names: Vec<&str> = properties.keys().map(String::as_str).take(6).collect();
                let more = if properties.len() > 6 { ", …" } else { "" };
                format!("{{{}{more}}}", names.join(", "))
            }
            _ => match schema.get("additionalProperties") {
                Some(values @ Value::Object(_)) => format!("{{string: {}}}", type_text(values)),
                _ => "object".to_string(),
            },
        },
        _ => match schema.get("format").and_then(Value::as_str) {
            Some(format) => format!("{kind} ({format})"),
            None => kind.to_string(),
        },
    }
}

/// OpenAPI 3.0's `nullable: true` as `… | null`.
fn nullable(schema: &Value, text: String) -> String {
    if schema.get("nullable").and_then(Value::as_bool) == Some(true) {
        format!("{text} | null")
    } else {
        text
    }
}

fn enum_text(values: &[Value]) -> String {
    let mut parts: Vec<String> = values
        .iter()
        .take(ENUM_SHOWN)
        .map(Value::to_string)
        .collect();
    if values.len() > ENUM_SHOWN {
        parts.push(format!("… ({} in all)", values.len()));
    }
    parts.join(" | ")
}

/// `#/components/schemas/Pet` → `Pet`.
pub fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// What a schema says about its values besides its type: `default: 10`, `1..100`,
/// `pattern: ^a`.
pub fn constraints(schema: &Value) -> Vec<String> {
    let mut said = Vec::new();
    if let Some(default) = schema.get("default") {
        said.push(format!("default {default}"));
    }
    let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
    let number = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{}", n as i64)
        } else {
            n.to_string()
        }
    };
    for (low, high, what) in [
        ("minimum", "maximum", ""),
        ("minLength", "maxLength", " characters"),
        ("minItems", "maxItems", " items"),
    ] {
        match (bound(low), bound(high)) {
            (Some(low), Some(high)) => {
                said.push(format!("{}..{}{what}", number(low), number(high)))
            }
            (Some(low), None) => said.push(format!("at least {}{what}", number(low))),
            (None, Some(high)) => said.push(format!("at most {}{what}", number(high))),
            (None, None) => {}
        }
    }
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
        said.push(format!("pattern {pattern}"));
    }
    said
}

/// The schema a `$ref` chain in `document` ends at, for listing an object's properties;
/// `schema` itself when it is no reference or the reference goes nowhere.
pub fn resolved<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    refs::follow(document, schema, "").unwrap_or(schema)
}

/// An object schema's properties, one line each (`name  string  required  what it is`),
/// following `allOf`s; nothing for a schema that is not an object.
pub fn properties(document: &Value, schema: &Value) -> Vec<(String, String, bool, String)> {
    let mut lines = Vec::new();
    collect(document, resolved(document, schema), &mut lines, 0);
    lines
}

fn collect(
    document: &Value,
    schema: &Value,
    lines: &mut Vec<(String, String, bool, String)>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            collect(document, resolved(document, part), lines, depth + 1);
        }
    }
    let required: Vec<&str> = (schema.get("required").and_then(Value::as_array))
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        let mut about = constraints(property);
        if let Some(text) = property.get("description").and_then(Value::as_str) {
            about.insert(0, first_line(text).to_string());
        }
        for flag in ["readOnly", "writeOnly", "deprecated"] {
            if property.get(flag).and_then(Value::as_bool) == Some(true) {
                about.push(flag.to_string());
            }
        }
        lines.push((
            name.clone(),
            type_text(property),
            required.contains(&name.as_str()),
            about.join("; "),
        ));
    }
}

pub fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default().trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_read_as_a_few_words() {
        let cases = [
            (
                json!({"type": "integer", "format": "int64"}),
                "integer (int64)",
            ),
            (
                json!({"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}),
                "[Tag]",
            ),
            (
                json!({"type": "string", "enum": ["a", "b"]}),
                "\"a\" | \"b\"",
            ),
            (json!({"type": ["string", "null"]}), "string | null"),
            (json!({"type": "string", "nullable": true}), "string | null"),
            (
                json!({"oneOf": [{"$ref": "#/x/Cat"}, {"$ref": "#/x/Dog"}]}),
                "Cat | Dog",
            ),
            (json!({"properties": {"a": {}, "b": {}}}), "{a, b}"),
            (
                json!({"type": "object", "additionalProperties": {"type": "integer"}}),
                "{string: integer}",
            ),
            (json!(true), "any"),
        ];
        for (schema, text) in cases {
            assert_eq!(type_text(&schema), text, "{schema}");
        }
    }

    #[test]
    fn properties_follow_refs_and_all_of_and_say_what_is_required() {
        let document = json!({"components": {"schemas": {
            "Base": {"properties": {"id": {"type": "integer", "readOnly": true}}},
            "Pet": {"allOf": [{"$ref": "#/components/schemas/Base"}],
                    "required": ["name"],
                    "properties": {"name": {"type": "string", "description": "Its name", "maxLength": 9},
                                   "self": {"$ref": "#/components/schemas/Pet"}}}
        }}});
        let lines = properties(&document, &json!({"$ref": "#/components/schemas/Pet"}));
        assert_eq!(
            lines,
            [
                ("id".into(), "integer".into(), false, "readOnly".into()),
                (
                    "name".into(),
                    "string".into(),
                    true,
                    "Its name; at most 9 characters".into()
                ),
                ("self".into(), "Pet".into(), false, String::new()),
            ]
        );
    }
}
