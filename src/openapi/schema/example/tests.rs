//! `example`: the values it prefers, its bounds, and a property test that what it makes
//! validates.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::super::{Dialect, Direction, validate};
use super::{Given, example, generate};

/// OpenAPI 3.0 components: petstore-expanded's, and cycles, compositions, direction.
fn document_3_0() -> Value {
    json!({"components": {"schemas": {
        "Pet": {"allOf": [{"$ref": "#/components/schemas/NewPet"},
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer", "format": "int64"}}}]},
        "NewPet": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "tag": {"type": "string"}}},
        "Error": {"type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "integer", "format": "int32"}, "message": {"type": "string"}}},
        "Tree": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"},
            "parent": {"$ref": "#/components/schemas/Tree"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}}},
        "Chain": {"type": "object", "required": ["next"], "properties": {
            "next": {"type": "array", "items": {"$ref": "#/components/schemas/Chain"}}}},
        "Account": {"type": "object", "additionalProperties": false, "required": ["id", "password", "email"], "properties": {
            "id": {"type": "string", "format": "uuid", "readOnly": true},
            "password": {"type": "string", "minLength": 12, "writeOnly": true},
            "email": {"type": "string", "format": "email"},
            "born": {"type": "string", "format": "date", "nullable": true},
            "plan": {"type": "string", "enum": ["free", "pro"], "default": "free"}}},
        "Shape": {"oneOf": [
            {"type": "object", "required": ["kind", "radius"], "properties": {
                "kind": {"type": "string", "enum": ["circle"]}, "radius": {"type": "number", "exclusiveMinimum": true, "minimum": 0}}},
            {"type": "object", "required": ["kind", "side"], "properties": {
                "kind": {"type": "string", "enum": ["square"]}, "side": {"type": "integer", "minimum": 1}}}]},
        "Numbers": {"type": "object", "required": ["price", "small", "count", "odd"], "properties": {
            "price": {"type": "number", "multipleOf": 0.01, "minimum": 0.5, "maximum": 1000},
            "small": {"type": "number", "minimum": 0, "maximum": 1, "exclusiveMinimum": true, "exclusiveMaximum": true},
            "count": {"type": "integer", "format": "int32", "minimum": -5, "maximum": -2},
            "odd": {"type": "integer", "multipleOf": 7, "minimum": 50}}},
        "Strings": {"type": "object", "required": ["code", "when", "site", "short", "long", "ip"], "properties": {
            "code": {"type": "string", "pattern": "^[A-Z]{2}-\\d{3}$"},
            "when": {"type": "string", "format": "date-time"},
            "site": {"type": "string", "format": "uri"},
            "short": {"type": "string", "maxLength": 3},
            "long": {"type": "string", "minLength": 20},
            "ip": {"type": "string", "format": "ipv4"}}},
        "Tags": {"type": "array", "uniqueItems": true, "minItems": 3, "maxItems": 5,
            "items": {"type": "string", "enum": ["a", "b", "c", "d"]}},
        "Lookup": {"type": "object", "minProperties": 2, "additionalProperties": {"type": "integer"}},
        "Animal": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog"}}},
        "Cat": {"type": "object", "required": ["kind", "name"], "properties": {
            "kind": {"type": "string"}, "name": {"type": "string"}, "lives": {"type": "integer", "maximum": 9}}},
        "Dog": {"type": "object", "required": ["kind", "name"], "properties": {
            "kind": {"type": "string"}, "name": {"type": "string"}, "good": {"type": "boolean"}}},
        "Overlap": {"oneOf": [{"enum": [1, 2]}, {"enum": [3, 1]}]},
        "Closed": {"allOf": [{"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}},
            {"properties": {"b": {"type": "string"}}}]},
        "Amount": {"type": "number", "enum": ["", 5, 7]}}}})
}

/// OpenAPI 3.1 components: petstore's Pet, type arrays, `examples`, `const`, prefixItems.
fn document_3_1() -> Value {
    json!({"components": {"schemas": {
        "Pet": {"type": "object", "required": ["name", "photoUrls"], "properties": {
            "id": {"type": "integer", "format": "int64", "readOnly": true},
            "category": {"$ref": "#/components/schemas/Category"},
            "name": {"type": "string", "example": "doggie"},
            "photoUrls": {"type": "array", "items": {"type": "string"}},
            "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}},
            "status": {"type": "string", "enum": ["available", "pending", "sold"]}}},
        "Category": {"type": "object", "properties": {"id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}}},
        "Maybe": {"type": ["null", "integer"], "exclusiveMinimum": 10, "exclusiveMaximum": 11.5},
        "Version": {"type": "string", "examples": ["1.2.3"], "pattern": "^\\d+\\.\\d+\\.\\d+$"},
        "Fixed": {"const": {"a": 1}},
        "Pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "minItems": 2,
            "items": false},
        "Node": {"$ref": "#/components/schemas/Category", "required": ["name"],
            "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
        "Either": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Pet"}]}}}})
}

fn schemas(document: &Value) -> Vec<String> {
    document["components"]["schemas"]
        .as_object()
        .map(|all| {
            all.keys()
                .map(|name| format!("#/components/schemas/{name}"))
                .collect()
        })
        .unwrap_or_default()
}

fn assert_valid(document: &Value, dialect: Dialect, direction: Direction, seed: u64) {
    for reference in schemas(document) {
        let schema = json!({ "$ref": reference });
        // The generator itself, without `example`'s second try.
        let value = generate(document, &schema, dialect, direction, seed, Given::Trusted);
        let violations =
            validate(document, &schema, dialect, direction, &value).expect("schema compiles");
        assert!(
            violations.is_empty(),
            "{reference} {direction:?} seed {seed}: {value} {violations:?}"
        );
        assert_eq!(
            value,
            example(document, &schema, dialect, direction, seed),
            "{reference}: not deterministic"
        );
        assert_eq!(
            value,
            example(document, &schema, dialect, direction, seed),
            "{reference}: not deterministic"
        );
    }
}

proptest! {
    // Each case compiles a few hundred validators; 32 seeds cover the draws well.
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn examples_validate(seed in any::<u64>()) {
        for direction in [Direction::Request, Direction::Response] {
            assert_valid(&document_3_0(), Dialect::V30, direction, seed);
            assert_valid(&document_3_1(), Dialect::V31, direction, seed);
        }
    }
}

#[test]
fn examples_validate_with_seed_0() {
    for direction in [Direction::Request, Direction::Response] {
        assert_valid(&document_3_0(), Dialect::V30, direction, 0);
        assert_valid(&document_3_1(), Dialect::V31, direction, 0);
    }
}

fn plain(document: &Value, name: &str, dialect: Dialect, direction: Direction) -> Value {
    let schema = json!({ "$ref": format!("#/components/schemas/{name}") });
    example(document, &schema, dialect, direction, 0)
}

#[test]
fn seed_0_is_the_plainest() {
    let v30 = document_3_0();
    let pet = plain(&v30, "Pet", Dialect::V30, Direction::Response);
    assert_eq!(pet, json!({"name": "string", "tag": "string", "id": 0}));
    let v31 = document_3_1();
    let pet = plain(&v31, "Pet", Dialect::V31, Direction::Request);
    assert_eq!(
        pet,
        json!({"category": {"id": 0, "name": "string"}, "name": "doggie", "photoUrls": ["string"],
            "tags": [{"id": 0, "name": "string"}], "status": "available"})
    );
    assert_eq!(
        plain(&v31, "Version", Dialect::V31, Direction::Request),
        json!("1.2.3")
    );
    assert_eq!(
        plain(&v31, "Maybe", Dialect::V31, Direction::Request),
        json!(11)
    );
    assert_eq!(
        plain(&v30, "Animal", Dialect::V30, Direction::Request),
        json!({"kind": "Cat", "name": "string", "lives": 0})
    );
    assert_eq!(
        plain(&v30, "Overlap", Dialect::V30, Direction::Request),
        json!(3)
    );
    assert_eq!(
        plain(&v30, "Closed", Dialect::V30, Direction::Request),
        json!({"a": "string"})
    );
    assert_eq!(
        plain(&v30, "Amount", Dialect::V30, Direction::Request),
        json!(5)
    );
}

#[test]
fn direction_leaves_out_read_only_and_write_only() {
    let v30 = document_3_0();
    let request = plain(&v30, "Account", Dialect::V30, Direction::Request);
    assert!(
        request.get("id").is_none() && request.get("password").is_some(),
        "{request}"
    );
    let response = plain(&v30, "Account", Dialect::V30, Direction::Response);
    assert!(
        response.get("id").is_some() && response.get("password").is_none(),
        "{response}"
    );
    assert_eq!(response["plan"], json!("free"));
}

#[test]
fn cycles_stop() {
    let v30 = document_3_0();
    let tree = plain(&v30, "Tree", Dialect::V30, Direction::Response);
    assert_eq!(tree, json!({"name": "string"}));
    let chain = plain(&v30, "Chain", Dialect::V30, Direction::Response);
    assert_eq!(chain, json!({"next": []}));
    // An inline schema that reaches itself only through a required property.
    let document =
        json!({"A": {"type": "object", "required": ["a"], "properties": {"a": {"$ref": "#/A"}}}});
    let value = example(
        &document,
        &json!({"$ref": "#/A"}),
        Dialect::V31,
        Direction::Request,
        0,
    );
    let mut depth = 0;
    let mut current = &value;
    while let Some(inner) = current.get("a") {
        depth += 1;
        current = inner;
    }
    assert!(depth > 10 && depth < 64, "{depth}");
}

#[test]
fn seeds_vary_values() {
    let v30 = document_3_0();
    let schema = json!({"$ref": "#/components/schemas/Strings"});
    let values: std::collections::HashSet<String> = (0..8)
        .map(|seed| example(&v30, &schema, Dialect::V30, Direction::Response, seed).to_string())
        .collect();
    assert!(values.len() > 4, "{values:?}");
    let uuid = json!({"type": "string", "format": "uuid"});
    let first = example(&v30, &uuid, Dialect::V30, Direction::Response, 1);
    assert_eq!(
        first,
        example(&v30, &uuid, Dialect::V30, Direction::Response, 1)
    );
    assert_ne!(
        first,
        example(&v30, &uuid, Dialect::V30, Direction::Response, 2)
    );
}

#[test]
fn a_wrong_example_in_the_spec_is_replaced() {
    let document = json!({});
    let schema = json!({"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string", "format": "uuid", "example": "not-a-uuid"},
        "name": {"type": "string", "example": "Ada"}}});
    let value = example(&document, &schema, Dialect::V31, Direction::Response, 0);
    assert!(
        validate(
            &document,
            &schema,
            Dialect::V31,
            Direction::Response,
            &value
        )
        .unwrap()
        .is_empty(),
        "{value}"
    );
    assert_eq!(value["name"], json!("string"));
}

#[test]
fn references_that_double_at_each_level_are_bounded() {
    // S0 → S1 twice → S2 four times …: 2^30 schemas if expanded whole.
    let mut schemas = serde_json::Map::new();
    for i in 0..30 {
        let next = json!({"$ref": format!("#/components/schemas/S{}", i + 1)});
        schemas.insert(
            format!("S{i}"),
            json!({"type": "object", "required": ["a", "b"],
                   "properties": {"a": next, "b": next}}),
        );
    }
    schemas.insert(
        "S30".into(),
        json!({"type": "string", "minLength": 2_000_000}),
    );
    let document = json!({"components": {"schemas": schemas}});
    let schema = json!({"$ref": "#/components/schemas/S0"});
    let started = std::time::Instant::now();
    let value = example(&document, &schema, Dialect::V31, Direction::Response, 0);
    assert!(value.is_object());
    let size = value.to_string().len();
    assert!(size < 50 << 20, "an example of {size} bytes");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn all_ofs_that_fan_out_at_each_level_are_merged_once() {
    // S0 is allOf eight times S1, which is allOf eight times S2 …: 8^9 merges if expanded.
    let mut schemas = serde_json::Map::new();
    for i in 0..9 {
        let next = json!({"$ref": format!("#/components/schemas/S{}", i + 1)});
        schemas.insert(format!("S{i}"), json!({"allOf": vec![next; 8]}));
    }
    schemas.insert(
        "S9".into(),
        json!({"type": "object", "properties": {"a": {"type": "string"}}}),
    );
    let document = json!({"components": {"schemas": schemas}});
    let schema = json!({"$ref": "#/components/schemas/S0"});
    let started = std::time::Instant::now();
    let value = example(&document, &schema, Dialect::V31, Direction::Response, 0);
    assert_eq!(value, json!({"a": "string"}));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
