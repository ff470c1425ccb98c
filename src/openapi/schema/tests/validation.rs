//! `validate`: one case or more per JSON Schema keyword family, in hit's words.

use serde_json::{Value, json};

use super::super::{Dialect, Direction, SchemaError, Validator, Violation, validate};

/// The violations of `instance`, as their displayed lines, for a 3.1 schema in a request.
fn lines(schema: Value, instance: Value) -> Vec<String> {
    lines_in(
        &json!({}),
        schema,
        Dialect::V31,
        Direction::Request,
        instance,
    )
}

fn lines_in(
    document: &Value,
    schema: Value,
    dialect: Dialect,
    direction: Direction,
    instance: Value,
) -> Vec<String> {
    validate(document, &schema, dialect, direction, &instance)
        .expect("schema compiles")
        .iter()
        .map(Violation::to_string)
        .collect()
}

#[test]
fn type_names_what_was_expected_and_what_came() {
    assert_eq!(
        lines(json!({"type": "number"}), json!("1")),
        ["expected number, got string"]
    );
    assert_eq!(
        lines(json!({"type": "integer"}), json!(1.5)),
        ["expected integer, got number"]
    );
    assert_eq!(
        lines(json!({"type": "integer"}), json!(3)),
        Vec::<String>::new()
    );
    let items = json!({"type": "object", "properties": {"items": {"type": "array", "items": {
        "type": "object", "properties": {"price": {"type": "number"}}}}}});
    let instance = json!({"items": [{"price": 1}, {"price": 2.5}, {}, {"price": "9.99"}]});
    assert_eq!(
        lines(items, instance),
        ["/items/3/price: expected number, got string"]
    );
}

#[test]
fn type_arrays_of_3_1() {
    let schema = json!({"type": ["string", "null"]});
    assert!(lines(schema.clone(), json!(null)).is_empty());
    assert_eq!(
        lines(schema, json!(1)),
        ["expected string or null, got integer"]
    );
}

#[test]
fn enum_and_const() {
    let colours = json!({"enum": ["red", "green"]});
    assert_eq!(
        lines(colours, json!("purple")),
        [r#""purple" is not one of "red", "green""#]
    );
    assert_eq!(
        lines(json!({"const": "red"}), json!("blue")),
        [r#""blue" is not "red""#]
    );
    let many: Vec<u32> = (0..12).collect();
    assert_eq!(
        lines(json!({"enum": many}), json!(99)),
        ["99 is not one of 0, 1, 2, 3, 4, 5, 6, 7, … (4 more)"]
    );
}

#[test]
fn numeric_bounds() {
    let schema = json!({"minimum": 1, "maximum": 10, "multipleOf": 2});
    assert_eq!(lines(schema.clone(), json!(0)), ["less than minimum 1"]);
    assert_eq!(
        lines(schema.clone(), json!(12)),
        ["greater than maximum 10"]
    );
    assert_eq!(lines(schema, json!(3)), ["not a multiple of 2"]);
    let exclusive = json!({"exclusiveMinimum": 0, "exclusiveMaximum": 5});
    assert_eq!(
        lines(exclusive.clone(), json!(0)),
        ["not greater than exclusive minimum 0"]
    );
    assert_eq!(
        lines(exclusive, json!(5)),
        ["not less than exclusive maximum 5"]
    );
}

#[test]
fn boolean_exclusive_bounds_of_3_0() {
    let schema = json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1, "exclusiveMaximum": true});
    let check = |instance| {
        lines_in(
            &json!({}),
            schema.clone(),
            Dialect::V30,
            Direction::Request,
            instance,
        )
    };
    assert_eq!(check(json!(0)).len(), 1);
    assert_eq!(check(json!(1)).len(), 1);
    assert!(check(json!(0.5)).is_empty());
}

#[test]
fn string_length_and_pattern() {
    let schema = json!({"type": "string", "minLength": 2, "maxLength": 10, "pattern": "^a"});
    assert_eq!(
        lines(schema.clone(), json!("abcdefghijk")),
        ["longer than 10 characters"]
    );
    assert_eq!(
        lines(schema.clone(), json!("a")),
        ["shorter than 2 characters"]
    );
    assert_eq!(
        lines(schema, json!("bc")),
        [r#"does not match pattern "^a""#]
    );
}

#[test]
fn formats_that_are_asserted() {
    let check = |format: &str, good: Value, bad: Value| {
        for dialect in [Dialect::V30, Dialect::V31] {
            let schema = json!({"format": format});
            let valid = lines_in(
                &json!({}),
                schema.clone(),
                dialect,
                Direction::Response,
                good.clone(),
            );
            assert!(valid.is_empty(), "{format} {dialect:?}: {valid:?}");
            let invalid = lines_in(
                &json!({}),
                schema,
                dialect,
                Direction::Response,
                bad.clone(),
            );
            assert_eq!(invalid.len(), 1, "{format} {dialect:?} accepted {bad}");
        }
    };
    check(
        "date-time",
        json!("2024-02-29T12:00:00Z"),
        json!("yesterday"),
    );
    check("date", json!("2024-02-29"), json!("2023-02-29"));
    check(
        "uuid",
        json!("0b4f8a52-7d1e-4c3a-9f8e-2a6b5c4d3e2f"),
        json!("0b4f8a527d1e4c3a9f8e2a6b5c4d3e2f"),
    );
    check("email", json!("ada@example.com"), json!("ada"));
    check("ipv4", json!("192.0.2.1"), json!("300.0.0.1"));
    check("int32", json!(2_147_483_647), json!(2_147_483_648_i64));
    check(
        "int64",
        json!(i64::MIN),
        json!(9_223_372_036_854_775_808_u64),
    );
    check("int64", json!(1e18), json!(1e30));
    check("int32", json!(2_147_483_647.0), json!(2_147_483_648.0));
    assert_eq!(
        lines(json!({"format": "date-time"}), json!("noon")),
        ["not a valid date-time"]
    );
    assert_eq!(
        lines(json!({"format": "int32"}), json!(1_u64 << 40)),
        ["out of the int32 range"]
    );
    // Formats OpenAPI uses as annotations only.
    assert!(lines(json!({"format": "byte"}), json!("not base64!")).is_empty());
    assert!(lines(json!({"format": "vendor-thing"}), json!("x")).is_empty());
}

#[test]
fn arrays() {
    let schema = json!({"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3, "uniqueItems": true});
    assert_eq!(lines(schema.clone(), json!([])), ["fewer than 1 item"]);
    assert_eq!(
        lines(schema.clone(), json!([1, 2, 3, 4])),
        ["more than 3 items"]
    );
    assert_eq!(
        lines(schema.clone(), json!([1, 1])),
        ["has duplicate items"]
    );
    assert_eq!(
        lines(schema, json!([1, "2"])),
        ["/1: expected integer, got string"]
    );
}

#[test]
fn objects() {
    let schema = json!({"type": "object", "required": ["name"], "additionalProperties": false,
        "properties": {"name": {"type": "string"}, "tag": {"type": "string"}}});
    assert_eq!(
        lines(schema.clone(), json!({})),
        [r#"missing required property "name""#]
    );
    assert_eq!(
        lines(schema.clone(), json!({"name": "a", "x": 1, "y": 2})),
        [r#"unexpected property "x""#, r#"unexpected property "y""#]
    );
    assert_eq!(
        lines(schema, json!({"name": "a", "tag": 1})),
        ["/tag: expected string, got integer"]
    );
}

#[test]
fn compositions() {
    let one_of = json!({"oneOf": [{"type": "string"}, {"type": "integer"}]});
    assert_eq!(
        lines(one_of, json!(true)),
        ["matches none of oneOf's 2 schemas"]
    );
    let both = json!({"oneOf": [{"type": "number"}, {"type": "integer"}]});
    assert_eq!(
        lines(both, json!(1)),
        ["matches more than one of oneOf's schemas"]
    );
    let any_of = json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]});
    assert_eq!(
        lines(any_of, json!(true)),
        ["matches none of anyOf's 3 schemas"]
    );
    let all_of = json!({"allOf": [{"type": "integer"}, {"minimum": 5}]});
    assert_eq!(lines(all_of, json!(3)), ["less than minimum 5"]);
    assert_eq!(
        lines(json!({"not": {"type": "null"}}), json!(null)),
        [r#"matches the schema under "not""#]
    );
}

/// A small petstore-like document: references, a cycle, read-only and write-only properties.
fn store() -> Value {
    json!({"components": {"schemas": {
        "Pet": {"type": "object", "required": ["id", "name", "secret"], "properties": {
            "id": {"$ref": "#/components/schemas/Id"},
            "name": {"type": "string"},
            "secret": {"type": "string", "writeOnly": true},
            "parent": {"$ref": "#/components/schemas/Pet"}}},
        "Id": {"type": "integer", "format": "int64", "readOnly": true}}}})
}

#[test]
fn refs_resolve_in_the_document_and_cycles_are_fine() {
    let pet = json!({"$ref": "#/components/schemas/Pet"});
    let instance =
        json!({"id": 1, "name": "a", "secret": "s", "parent": {"id": 2, "name": 3, "secret": "t"}});
    let found = lines_in(
        &store(),
        pet.clone(),
        Dialect::V31,
        Direction::Response,
        instance,
    );
    assert_eq!(found, ["/parent/name: expected string, got integer"]);
    let missing = json!({"$ref": "#/components/schemas/Gone"});
    assert_eq!(
        validate(
            &store(),
            &missing,
            Dialect::V30,
            Direction::Request,
            &json!(1)
        ),
        Err(SchemaError::MissingRef("#/components/schemas/Gone".into()))
    );
    let document = json!({"A": {"$ref": "#/B"}, "B": {"$ref": "#/A"}});
    assert_eq!(
        Validator::new(
            &document,
            &json!({"items": {"$ref": "#/A"}}),
            Dialect::V31,
            Direction::Request
        )
        .err(),
        Some(SchemaError::RefLoop("#/B".into()))
    );
    let external = json!({"$ref": "https://example.com/pet.json"});
    assert!(matches!(
        Validator::new(&store(), &external, Dialect::V31, Direction::Request),
        Err(SchemaError::ExternalRef(_))
    ));
}

#[test]
fn read_only_and_write_only_follow_the_direction() {
    let pet = json!({"$ref": "#/components/schemas/Pet"});
    let check =
        |direction, instance| lines_in(&store(), pet.clone(), Dialect::V30, direction, instance);
    // A request carries no id (read-only), a response no secret (write-only).
    assert!(check(Direction::Request, json!({"name": "a", "secret": "s"})).is_empty());
    assert!(check(Direction::Response, json!({"id": 1, "name": "a"})).is_empty());
    assert_eq!(
        check(Direction::Request, json!({"name": "a"})),
        [r#"missing required property "secret""#]
    );
    assert_eq!(
        check(Direction::Response, json!({"name": "a"})),
        [r#"missing required property "id""#]
    );
}

#[test]
fn nullable_of_3_0() {
    let check = |schema: Value, instance| {
        lines_in(
            &json!({}),
            schema,
            Dialect::V30,
            Direction::Response,
            instance,
        )
    };
    assert!(check(json!({"type": "string", "nullable": true}), json!(null)).is_empty());
    assert!(
        check(
            json!({"type": "string", "enum": ["a"], "nullable": true}),
            json!(null)
        )
        .is_empty()
    );
    assert_eq!(
        check(json!({"type": "string"}), json!(null)),
        ["expected string, got null"]
    );
    assert!(
        check(
            json!({"nullable": true, "allOf": [{"type": "string"}]}),
            json!(null)
        )
        .is_empty()
    );
    // 3.1 ignores the keyword: null is not a string there.
    let v31 = lines_in(
        &json!({}),
        json!({"type": "string", "nullable": true}),
        Dialect::V31,
        Direction::Response,
        json!(null),
    );
    assert_eq!(v31, ["expected string, got null"]);
}

#[test]
fn violations_are_capped() {
    let schema = json!({"type": "array", "items": {"type": "string"}});
    let numbers: Vec<u32> = (0..50).collect();
    assert_eq!(
        lines(schema, json!(numbers)).len(),
        super::super::validate::MAX_VIOLATIONS
    );
}

#[test]
fn a_deep_instance_against_a_recursive_schema_is_bounded() {
    let document = json!({"components": {"schemas": {"Tree": {"type": "object",
        "properties": {"child": {"$ref": "#/components/schemas/Tree"}}}}}});
    let schema = json!({"$ref": "#/components/schemas/Tree"});
    let validator = Validator::new(&document, &schema, Dialect::V30, Direction::Response).unwrap();
    let nest = |levels: usize| (0..levels).fold(json!({}), |inner, _| json!({"child": inner}));
    // On a small stack, as a tokio worker has: the deepest accepted instance validates.
    let deepest = nest(super::super::validate::MAX_INSTANCE_DEPTH);
    let shallow = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || validator.validate(&deepest))
        .unwrap()
        .join()
        .unwrap();
    assert!(shallow.is_empty());
    let validator = Validator::new(&document, &schema, Dialect::V30, Direction::Response).unwrap();
    let deeper = validator.validate(&nest(300));
    assert_eq!(deeper.len(), 1);
    assert!(
        deeper[0].message.starts_with("nested deeper than"),
        "{deeper:?}"
    );
}

#[test]
fn a_deeply_nested_schema_is_an_error() {
    let schema = (0..1000).fold(
        json!({"type": "string"}),
        |inner, _| json!({"items": inner}),
    );
    assert_eq!(
        Validator::new(&json!({}), &schema, Dialect::V31, Direction::Request).err(),
        Some(SchemaError::TooDeep(
            crate::openapi::schema::MAX_SCHEMA_DEPTH
        ))
    );
}

#[test]
fn a_discriminator_tells_overlapping_branches_apart() {
    let document = json!({"components": {"schemas": {
        "Cat": {"type": "object", "required": ["kind", "name"], "properties": {"kind": {"type": "string"}, "name": {"type": "string"}}},
        "Dog": {"type": "object", "required": ["kind", "name"], "properties": {"kind": {"type": "string"}, "name": {"type": "string"}}}}}});
    let pet = json!({"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog"}}});
    let check = |instance| {
        lines_in(
            &document,
            pet.clone(),
            Dialect::V30,
            Direction::Response,
            instance,
        )
    };
    assert!(check(json!({"kind": "Cat", "name": "Tom"})).is_empty());
    assert!(check(json!({"kind": "dog", "name": "Rex"})).is_empty());
    assert_eq!(
        check(json!({"kind": "Dog", "name": "Rex"})),
        ["matches none of oneOf's 2 schemas"]
    );
    // Without the discriminator both branches match, as JSON Schema alone says.
    let plain = json!({"oneOf": pet["oneOf"].clone()});
    let found = lines_in(
        &document,
        plain,
        Dialect::V31,
        Direction::Response,
        json!({"kind": "Cat", "name": "Tom"}),
    );
    assert_eq!(found, ["matches more than one of oneOf's schemas"]);
}

#[test]
fn the_pointer_of_a_too_deep_value_is_escaped() {
    let mut instance = json!("leaf");
    for level in 0..200 {
        instance = if level % 2 == 0 {
            json!([instance])
        } else {
            json!({"a/b": instance})
        };
    }
    let found = validate(
        &json!({}),
        &json!({}),
        Dialect::V31,
        Direction::Request,
        &instance,
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    let expected: String = (0..=super::super::validate::MAX_INSTANCE_DEPTH)
        .map(|level| if level % 2 == 0 { "/a~1b" } else { "/0" })
        .collect();
    assert_eq!(found[0].pointer, expected);
}

#[test]
fn a_compiled_validator_is_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Validator>();
}

#[test]
fn an_invalid_schema_says_where() {
    let document =
        json!({"components": {"schemas": {"N": {"type": "number", "exclusiveMinimum": true}}}});
    let invalid =
        |schema: Value| Validator::new(&document, &schema, Dialect::V31, Direction::Request).err();
    assert_eq!(
        invalid(json!({"$ref": "#/components/schemas/N"})),
        Some(SchemaError::Invalid(
            r#"true is not of type "number" (at #/components/schemas/N/exclusiveMinimum)"#.into()
        ))
    );
    assert_eq!(
        invalid(json!({"properties": {"a": {"minimum": "x"}}})),
        Some(SchemaError::Invalid(
            r#""x" is not of type "number" (at /properties/a/minimum in the schema)"#.into()
        ))
    );
    // The same keyword is 3.0's own: fine there.
    let v30 = Validator::new(
        &document,
        &json!({"$ref": "#/components/schemas/N"}),
        Dialect::V30,
        Direction::Request,
    );
    assert!(v30.is_ok());
}
