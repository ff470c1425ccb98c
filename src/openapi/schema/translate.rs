//! One schema and what its `$ref`s reach, as a single document the validator compiles.
//!
//! The schema sits at [`SCHEMA_KEY`] of a new root whose own `$ref` points at it; every local
//! `$ref` it reaches (transitively) is copied to the same pointer in that root, so
//! `#/components/schemas/Pet` resolves there as it did in the OpenAPI document, and a large
//! document is never copied whole. Each copy is translated on the way:
//!
//! - OpenAPI 3.0 → draft 4: `nullable: true` adds `null` to `type` and `enum` (or, with no
//!   `type` but `allOf`/`anyOf`/`oneOf`, admits null beside them); a `$ref`'s siblings go, as
//!   3.0 §4.7.26 says they are ignored; boolean `exclusiveMinimum`/`Maximum` stay (draft 4's own).
//! - Both: a `readOnly` property is dropped from `required` in a request and a `writeOnly` one in
//!   a response; `format: int32`/`int64` gains [`INTEGER_FORMAT_KEYWORD`] (formats only check
//!   strings); annotations the validator has no use for (`example`, `xml`, `discriminator`,
//!   `x-*`...) are left out; a `discriminator` pins each `oneOf`/`anyOf` branch to its values.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::{Dialect, Direction, MAX_SCHEMA_DEPTH, SchemaError, discriminator, refs};

/// Where the schema being validated sits in the compiled root.
pub(super) const SCHEMA_KEY: &str = "x-hit-schema";

/// The keyword that checks an integer's `int32`/`int64` range.
pub(super) const INTEGER_FORMAT_KEYWORD: &str = "x-hit-integer-format";

/// The root document to compile for `schema`: see the module documentation.
pub(super) fn bundle(
    document: &Value,
    schema: &Value,
    dialect: Dialect,
    direction: Direction,
) -> Result<Value, SchemaError> {
    let mut translator = Translator {
        document,
        dialect,
        direction,
        seen: HashSet::new(),
        pending: Vec::new(),
    };
    let translated = translator.schema(schema, 0)?;
    let mut targets = Vec::new();
    while let Some(pointer) = translator.pending.pop() {
        let original = document
            .pointer(&pointer)
            .ok_or_else(|| SchemaError::MissingRef(format!("#{pointer}")))?;
        let copy = translator.schema(original, 0)?;
        targets.push((pointer, copy));
    }
    // Shorter pointers first: a target inside another target's copy overwrites its own part.
    targets.sort_by_key(|(pointer, _)| pointer.len());
    let mut root = json!({ "$ref": format!("#/{SCHEMA_KEY}"), SCHEMA_KEY: translated });
    for (pointer, copy) in targets {
        place(&mut root, &pointer, copy)?;
    }
    Ok(root)
}

/// Put `value` at `pointer` in `root`, making the objects on the way.
fn place(root: &mut Value, pointer: &str, value: Value) -> Result<(), SchemaError> {
    let mut current = root;
    for token in refs::tokens(pointer) {
        current = match current {
            Value::Object(map) => map.entry(token).or_insert_with(|| json!({})),
            Value::Array(items) => match token.parse::<usize>().ok().and_then(|i| items.get_mut(i))
            {
                Some(item) => item,
                None => return Err(SchemaError::MissingRef(format!("#{pointer}"))),
            },
            _ => return Err(SchemaError::MissingRef(format!("#{pointer}"))),
        };
    }
    *current = value;
    Ok(())
}

struct Translator<'d> {
    document: &'d Value,
    dialect: Dialect,
    direction: Direction,
    /// Pointers already queued, so a cycle of references is copied once.
    seen: HashSet<String>,
    pending: Vec<String>,
}

impl Translator<'_> {
    fn schema(&mut self, node: &Value, depth: usize) -> Result<Value, SchemaError> {
        if depth > MAX_SCHEMA_DEPTH {
            return Err(SchemaError::TooDeep(MAX_SCHEMA_DEPTH));
        }
        let Value::Object(map) = node else {
            return Ok(node.clone());
        };
        if let Some(reference) = refs::reference_of(node) {
            self.reference(reference)?;
            if self.dialect == Dialect::V30 {
                return Ok(json!({ "$ref": reference }));
            }
        }
        let mut out = Map::new();
        for (keyword, value) in map {
            if ignored(keyword) {
                continue;
            }
            let translated = self.keyword(keyword, value, depth + 1)?;
            out.insert(keyword.clone(), translated);
        }
        self.drop_hidden_required(map, &mut out);
        pin_branches(map, &mut out);
        if let Some(format @ ("int32" | "int64")) = map.get("format").and_then(Value::as_str) {
            out.insert(INTEGER_FORMAT_KEYWORD.to_owned(), json!(format));
        }
        let out = Value::Object(out);
        let nullable = map.get("nullable") == Some(&Value::Bool(true));
        Ok(if self.dialect == Dialect::V30 && nullable {
            admit_null(out)
        } else {
            out
        })
    }

    /// One keyword's value: subschemas translated, anything else copied.
    fn keyword(
        &mut self,
        keyword: &str,
        value: &Value,
        depth: usize,
    ) -> Result<Value, SchemaError> {
        match (keyword, value) {
            (
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas",
                Value::Object(map),
            ) => {
                let mut out = Map::new();
                for (name, schema) in map {
                    out.insert(name.clone(), self.schema(schema, depth)?);
                }
                Ok(Value::Object(out))
            }
            ("dependencies", Value::Object(map)) => {
                let mut out = Map::new();
                for (name, dependency) in map {
                    let translated = match dependency {
                        Value::Array(_) => dependency.clone(),
                        schema => self.schema(schema, depth)?,
                    };
                    out.insert(name.clone(), translated);
                }
                Ok(Value::Object(out))
            }
            ("allOf" | "anyOf" | "oneOf" | "prefixItems" | "items", Value::Array(list)) => list
                .iter()
                .map(|schema| self.schema(schema, depth))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            (
                "items"
                | "additionalProperties"
                | "additionalItems"
                | "not"
                | "contains"
                | "propertyNames"
                | "if"
                | "then"
                | "else"
                | "unevaluatedProperties"
                | "unevaluatedItems"
                | "contentSchema",
                schema,
            ) => self.schema(schema, depth),
            _ => Ok(value.clone()),
        }
    }

    /// Queue a local reference's target for copying; check that it exists.
    fn reference(&mut self, reference: &str) -> Result<(), SchemaError> {
        let Some(pointer) = refs::pointer_of(reference)? else {
            return Ok(());
        };
        let Some(target) = self.document.pointer(&pointer) else {
            return Err(SchemaError::MissingRef(reference.to_owned()));
        };
        // `A: {$ref: A}` names no schema at all.
        refs::follow(self.document, target)?;
        if self.seen.insert(pointer.clone()) {
            self.pending.push(pointer);
        }
        Ok(())
    }

    /// Drop from `required` the properties this direction does not carry.
    fn drop_hidden_required(&self, original: &Map<String, Value>, out: &mut Map<String, Value>) {
        let Some(Value::Object(properties)) = original.get("properties") else {
            return;
        };
        let Some(Value::Array(required)) = out.get_mut("required") else {
            return;
        };
        required.retain(|name| {
            let property = name.as_str().and_then(|name| properties.get(name));
            !property.is_some_and(|property| self.hidden(property))
        });
    }

    /// Whether a property is left out in this direction ([`Direction::hides`]).
    fn hidden(&self, property: &Value) -> bool {
        self.direction.hides(self.document, property)
    }
}

/// `oneOf`/`anyOf` branches each pinned to their discriminator values (see
/// [`discriminator`]): `{allOf: [pin, branch]}`.
fn pin_branches(original: &Map<String, Value>, out: &mut Map<String, Value>) {
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Array(branches)) = original.get(keyword) else {
            continue;
        };
        let (Some(pins), Some(Value::Array(translated))) = (
            discriminator::pins(original, branches),
            out.get_mut(keyword),
        ) else {
            continue;
        };
        for (branch, pin) in translated.iter_mut().zip(pins) {
            if let Some(pin) = pin {
                *branch = json!({ "allOf": [pin, branch.take()] });
            }
        }
    }
}

/// Keywords the validator does not need: annotations and OpenAPI's own additions.
fn ignored(keyword: &str) -> bool {
    matches!(
        keyword,
        "example"
            | "examples"
            | "xml"
            | "externalDocs"
            | "discriminator"
            | "nullable"
            | "title"
            | "description"
    ) || keyword.starts_with("x-")
}

/// OpenAPI 3.0's `nullable: true` in draft 4 terms.
fn admit_null(schema: Value) -> Value {
    let Value::Object(mut map) = schema else {
        return schema;
    };
    if let Some(Value::Array(options)) = map.get_mut("enum")
        && !options.contains(&Value::Null)
    {
        options.push(Value::Null);
    }
    let composed = ["allOf", "anyOf", "oneOf"]
        .iter()
        .any(|k| map.contains_key(*k));
    match map.get("type") {
        Some(Value::String(single)) => {
            let both = json!([single, "null"]);
            map.insert("type".to_owned(), both);
            Value::Object(map)
        }
        None if composed => json!({ "anyOf": [{ "type": "null" }, Value::Object(map)] }),
        _ => Value::Object(map),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translate(
        document: &Value,
        schema: &Value,
        dialect: Dialect,
        direction: Direction,
    ) -> Value {
        bundle(document, schema, dialect, direction).unwrap()
    }

    #[test]
    fn reached_components_are_copied_to_their_pointers_once() {
        let document = json!({"components": {"schemas": {
            "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
            "Unused": {"type": "string"}}}});
        let root = translate(
            &document,
            &json!({"$ref": "#/components/schemas/Node"}),
            Dialect::V31,
            Direction::Request,
        );
        assert_eq!(root["$ref"], json!("#/x-hit-schema"));
        assert_eq!(
            root["x-hit-schema"],
            json!({"$ref": "#/components/schemas/Node"})
        );
        assert_eq!(
            root["components"]["schemas"]["Node"],
            document["components"]["schemas"]["Node"]
        );
        assert!(root["components"]["schemas"].get("Unused").is_none());
    }

    #[test]
    fn nullable_becomes_draft_4() {
        let document = json!({});
        let schema =
            json!({"type": "string", "enum": ["a"], "nullable": true, "example": "a", "x-y": 1});
        let root = translate(&document, &schema, Dialect::V30, Direction::Request);
        assert_eq!(
            root[SCHEMA_KEY],
            json!({"type": ["string", "null"], "enum": ["a", null]})
        );
        let composed = json!({"nullable": true, "allOf": [{"type": "string"}]});
        let root = translate(&document, &composed, Dialect::V30, Direction::Request);
        assert_eq!(
            root[SCHEMA_KEY],
            json!({"anyOf": [{"type": "null"}, {"allOf": [{"type": "string"}]}]})
        );
        // 3.1 has no `nullable`: it stays out of the way.
        let root = translate(&document, &schema, Dialect::V31, Direction::Request);
        assert_eq!(root[SCHEMA_KEY], json!({"type": "string", "enum": ["a"]}));
    }

    #[test]
    fn a_ref_loses_its_siblings_in_3_0_only() {
        let document = json!({"S": {"type": "string"}});
        let schema = json!({"$ref": "#/S", "maxLength": 2});
        let v30 = translate(&document, &schema, Dialect::V30, Direction::Request);
        assert_eq!(v30[SCHEMA_KEY], json!({"$ref": "#/S"}));
        let v31 = translate(&document, &schema, Dialect::V31, Direction::Request);
        assert_eq!(v31[SCHEMA_KEY], schema);
    }

    #[test]
    fn a_missing_target_is_an_error() {
        let schema = json!({"properties": {"a": {"$ref": "#/components/schemas/Gone"}}});
        assert_eq!(
            bundle(&json!({}), &schema, Dialect::V30, Direction::Request),
            Err(SchemaError::MissingRef("#/components/schemas/Gone".into()))
        );
    }
}
