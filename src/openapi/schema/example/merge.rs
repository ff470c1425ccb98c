//! Several schemas as one, for building a single value that satisfies them all: `allOf`'s
//! branches, a `oneOf`/`anyOf` branch with the keywords beside it, a 3.1 `$ref` with its
//! siblings.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::super::refs;

/// How deep `allOf`s inside `allOf`s are merged (a cycle of them stops here).
const MAX_NESTING: usize = 8;

/// The most schemas one merge absorbs: `allOf`s of `allOf`s can fan out at every level.
const MAX_ABSORBED: usize = 1_000;

/// What one merge has absorbed: each `$ref` once (eight references to one schema in an
/// `allOf` say what one does), and a bounded number of schemas in all.
#[derive(Default)]
struct Absorbed {
    references: HashSet<String>,
    count: usize,
}

/// `map` without its `allOf`, merged with each of the branches.
/// A branch with `additionalProperties: false` allows only its own properties, so the merged
/// schema keeps only those.
pub(super) fn all_of(document: &Value, map: &Map<String, Value>) -> Map<String, Value> {
    let mut out = map.clone();
    let branches = out.remove("allOf");
    let branches: Vec<&Value> = branches
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .collect();
    let mut absorbed = Absorbed::default();
    for branch in &branches {
        absorb(document, &mut out, branch, 0, &mut absorbed);
    }
    for closed in branches
        .iter()
        .filter_map(|branch| refs::follow(document, branch).ok())
    {
        if closed.get("additionalProperties") != Some(&Value::Bool(false))
            || closed.get("patternProperties").is_some()
        {
            continue;
        }
        let allowed = closed.get("properties").and_then(Value::as_object);
        if let Some(Value::Object(properties)) = out.get_mut("properties") {
            properties.retain(|name, _| allowed.is_some_and(|allowed| allowed.contains_key(name)));
        }
    }
    out
}

/// `map` without its `oneOf`/`anyOf`, merged with the chosen `branch`.
pub(super) fn with_branch(
    document: &Value,
    map: &Map<String, Value>,
    branch: &Value,
) -> Map<String, Value> {
    let mut out = map.clone();
    out.remove("oneOf");
    out.remove("anyOf");
    absorb(document, &mut out, branch, 0, &mut Absorbed::default());
    out
}

/// The given schemas merged, in order.
pub(super) fn parts<'a>(
    document: &Value,
    parts: impl IntoIterator<Item = &'a Value>,
) -> Map<String, Value> {
    let mut out = Map::new();
    let mut absorbed = Absorbed::default();
    for part in parts {
        absorb(document, &mut out, part, 0, &mut absorbed);
    }
    out
}

/// Merge `part` (its `$ref` followed) into `out`: properties and `required` united, bounds
/// tightened, `integer` kept over `number`, any other keyword kept from whoever had it first.
fn absorb(
    document: &Value,
    out: &mut Map<String, Value>,
    part: &Value,
    nesting: usize,
    absorbed: &mut Absorbed,
) {
    if nesting > MAX_NESTING || absorbed.count >= MAX_ABSORBED {
        return;
    }
    if let Some(reference) = part.get("$ref").and_then(Value::as_str)
        && !absorbed.references.insert(reference.to_owned())
    {
        return;
    }
    absorbed.count += 1;
    let Ok(Value::Object(map)) = refs::follow(document, part) else {
        return;
    };
    for (keyword, value) in map {
        match keyword.as_str() {
            "allOf" => {
                for branch in value.as_array().into_iter().flatten() {
                    absorb(document, out, branch, nesting + 1, absorbed);
                }
            }
            // One branch's example is not an example of the whole.
            "example" | "examples" | "default" | "$ref" => {}
            "properties" => unite_properties(out, value),
            "required" => unite_required(out, value),
            "minimum" | "minLength" | "minItems" | "minProperties" => {
                tighten(out, keyword, value, f64::max)
            }
            "maximum" | "maxLength" | "maxItems" | "maxProperties" => {
                tighten(out, keyword, value, f64::min)
            }
            "items" | "additionalProperties" | "contains" | "propertyNames" | "not" => {
                both(out, keyword, value)
            }
            "enum" => intersect_enum(out, value),
            "type" if out.get("type") == Some(&json!("number")) && value == &json!("integer") => {
                out.insert("type".to_owned(), value.clone());
            }
            _ => {
                out.entry(keyword.clone()).or_insert_with(|| value.clone());
            }
        }
    }
}

/// Properties from both sides; one named on both must satisfy both.
fn unite_properties(out: &mut Map<String, Value>, properties: &Value) {
    let Value::Object(properties) = properties else {
        return;
    };
    let Value::Object(existing) = out.entry("properties").or_insert_with(|| json!({})) else {
        return;
    };
    for (name, schema) in properties {
        match existing.get_mut(name) {
            Some(earlier) if earlier == schema => {}
            // One flat list, however many parts name the property.
            Some(Value::Object(earlier))
                if earlier.len() == 1 && earlier.get("allOf").is_some_and(Value::is_array) =>
            {
                if let Some(Value::Array(all)) = earlier.get_mut("allOf")
                    && !all.contains(schema)
                {
                    all.push(schema.clone());
                }
            }
            Some(earlier) => *earlier = json!({ "allOf": [earlier.take(), schema] }),
            None => {
                existing.insert(name.clone(), schema.clone());
            }
        }
    }
}

fn unite_required(out: &mut Map<String, Value>, required: &Value) {
    let Value::Array(names) = required else {
        return;
    };
    let Value::Array(existing) = out.entry("required").or_insert_with(|| json!([])) else {
        return;
    };
    for name in names {
        if !existing.contains(name) {
            existing.push(name.clone());
        }
    }
}

/// A subschema keyword on both sides: the value must satisfy both.
fn both(out: &mut Map<String, Value>, keyword: &str, value: &Value) {
    let merged = match out.remove(keyword) {
        Some(earlier) if earlier.is_array() || value.is_array() => earlier,
        Some(earlier) if &earlier != value => json!({ "allOf": [earlier, value] }),
        _ => value.clone(),
    };
    out.insert(keyword.to_owned(), merged);
}

/// The values both enums allow (the later one's when they share none).
fn intersect_enum(out: &mut Map<String, Value>, value: &Value) {
    let merged = match (out.get("enum"), value) {
        (Some(Value::Array(earlier)), Value::Array(later)) => {
            let shared: Vec<Value> = earlier
                .iter()
                .filter(|v| later.contains(v))
                .cloned()
                .collect();
            if shared.is_empty() {
                value.clone()
            } else {
                Value::Array(shared)
            }
        }
        _ => value.clone(),
    };
    out.insert("enum".to_owned(), merged);
}

/// Keep the tighter of two numeric bounds.
fn tighten(out: &mut Map<String, Value>, keyword: &str, value: &Value, pick: fn(f64, f64) -> f64) {
    let merged = match (out.get(keyword).and_then(Value::as_f64), value.as_f64()) {
        (Some(earlier), Some(later)) if pick(earlier, later) == earlier => return,
        _ => value.clone(),
    };
    out.insert(keyword.to_owned(), merged);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_of_unites_and_tightens() {
        let document = json!({"Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}},
            "example": {"id": 1}}});
        let map = json!({"allOf": [{"$ref": "#/Base"}, {"required": ["name"], "properties": {
            "name": {"type": "string"}, "id": {"minimum": 3}}}]});
        let merged = all_of(&document, map.as_object().unwrap());
        assert_eq!(
            Value::Object(merged),
            json!({"type": "object", "required": ["id", "name"], "properties": {
                "id": {"allOf": [{"type": "integer"}, {"minimum": 3}]}, "name": {"type": "string"}}})
        );
        let bounds = parts(
            &document,
            [
                &json!({"minimum": 1, "maximum": 9}),
                &json!({"minimum": 4, "maximum": 12}),
            ],
        );
        assert_eq!(Value::Object(bounds), json!({"minimum": 4, "maximum": 9}));
    }
}
