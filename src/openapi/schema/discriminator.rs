//! OpenAPI's `discriminator`: the property whose value says which `oneOf`/`anyOf` branch an
//! object is (OpenAPI 3.0 §4.7.25, 3.1 §4.8.25). Plain JSON Schema does not know it, so
//! branches that overlap (a `Cat` and a `Dog` with the same required properties) would all
//! match; pinning each branch to its discriminator values keeps them apart, as the spec means.

use serde_json::{Map, Value, json};

use super::refs;

/// The discriminator of a schema with `oneOf`/`anyOf`: the property, and for each branch the
/// schema that pins the property to that branch's values (`None` for a branch that is not a
/// `$ref`, which has no implicit value). `None` without a discriminator.
pub(super) fn pins(map: &Map<String, Value>, branches: &[Value]) -> Option<Vec<Option<Value>>> {
    let discriminator = map.get("discriminator")?;
    let property = discriminator.get("propertyName")?.as_str()?;
    let mapping = discriminator.get("mapping").and_then(Value::as_object);
    let pins = branches
        .iter()
        .map(|branch| {
            let reference = refs::reference_of(branch)?;
            let values = values_for(reference, mapping);
            Some(json!({ "properties": { property: { "enum": values } }, "required": [property] }))
        })
        .collect();
    Some(pins)
}

/// The discriminator values that name the branch `reference`: the mapping's entries that
/// point at it (by reference or by schema name), else the schema's own name.
fn values_for(reference: &str, mapping: Option<&Map<String, Value>>) -> Vec<Value> {
    let name = reference.rsplit('/').next().unwrap_or(reference);
    let named: Vec<Value> = mapping
        .into_iter()
        .flatten()
        .filter(|(_, target)| target.as_str().is_some_and(|t| t == reference || t == name))
        .map(|(value, _)| Value::String(value.clone()))
        .collect();
    if named.is_empty() {
        vec![Value::String(name.to_owned())]
    } else {
        named
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_referenced_branch_is_pinned_to_its_values() {
        let map = json!({"discriminator": {"propertyName": "kind", "mapping": {
            "cat": "#/components/schemas/Cat", "kitten": "#/components/schemas/Cat", "hound": "Dog"}}});
        let branches = [
            json!({"$ref": "#/components/schemas/Cat"}),
            json!({"$ref": "#/components/schemas/Dog"}),
            json!({"$ref": "#/components/schemas/Lizard"}),
            json!({"type": "object"}),
        ];
        let pins = pins(map.as_object().unwrap(), &branches).unwrap();
        let pin = |values: Value| {
            Some(json!({"properties": {"kind": {"enum": values}}, "required": ["kind"]}))
        };
        assert_eq!(
            pins,
            [
                pin(json!(["cat", "kitten"])),
                pin(json!(["hound"])),
                pin(json!(["Lizard"])),
                None
            ]
        );
        assert!(super::pins(&Map::new(), &branches).is_none());
    }
}
