//! One or more cases per rule of the request and response checks.

use serde_json::json;

use super::*;

/// A small operation: `GET /pets/{status}` with a few parameters, a JSON body and responses.
fn operation(method: &str) -> Operation {
    serde_json::from_value(json!({
        "name": "list-pets",
        "method": method,
        "path": "/pets/{status}",
        "parameters": [
            {"name": "status", "place": "path", "required": true,
             "schema": {"type": "string", "enum": ["available", "sold"]}},
            {"name": "limit", "place": "query", "required": true,
             "schema": {"type": "integer", "maximum": 100}},
            {"name": "tags", "place": "query",
             "schema": {"type": "array", "items": {"type": "string"}}},
            {"name": "X-Request-Id", "place": "header", "required": true,
             "schema": {"type": "string", "format": "uuid"}},
            {"name": "session", "place": "cookie", "schema": {"type": "integer"}}
        ],
        "body": {"required": true, "content": [
            {"media_type": "application/json", "schema": {"$ref": "#/components/schemas/Order"}},
            {"media_type": "application/xml", "schema": true}
        ]},
        "responses": [
            {"status": "200", "headers": [
                {"name": "X-Rate-Limit", "required": true, "schema": {"type": "integer"}},
                {"name": "X-Optional", "schema": {"type": "integer"}},
                {"name": "Content-Type", "required": true, "schema": {"type": "string"}}
             ], "content": [
                {"media_type": "application/*", "schema": {"$ref": "#/components/schemas/Order"}}
             ]},
            {"status": "204"},
            {"status": "4XX", "content": [{"media_type": "text/plain", "schema": {"type": "string"}}]}
        ],
        "security": [],
        "document": {"components": {"schemas": {"Order": {
            "type": "object", "required": ["items"],
            "properties": {"items": {"type": "array", "items": {
                "type": "object", "properties": {"price": {"type": "number"}}}}}
        }}}}
    }))
    .expect("the test operation is well formed")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

const GOOD_BODY: &str = r#"{"items": [{"price": 1.5}]}"#;

/// The problems of a request that is good except for what `change` does to it.
fn request(change: impl FnOnce(&mut Sent)) -> Vec<String> {
    let mut sent = Sent {
        path: pairs(&[("status", "sold")]),
        query: pairs(&[("limit", "10")]),
        headers: pairs(&[("x-request-id", "0b7d6a64-8c5e-4cb5-9d3e-9f1f0a5d2c11")]),
        content_type: Some("application/json".to_owned()),
        body: Some(GOOD_BODY.as_bytes().to_vec()),
    };
    change(&mut sent);
    let parts = RequestParts {
        path: &sent.path,
        query: &sent.query,
        headers: &sent.headers,
        content_type: sent.content_type.as_deref(),
        body: sent.body.as_deref(),
    };
    let problems = check_request(&operation("POST"), Dialect::V31, &parts);
    problems.iter().map(ToString::to_string).collect()
}

struct Sent {
    path: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    content_type: Option<String>,
    body: Option<Vec<u8>>,
}

#[test]
fn a_request_as_the_spec_says_has_no_problem() {
    assert_eq!(request(|_| {}), Vec::<String>::new());
}

#[test]
fn an_unknown_query_parameter_is_named_with_the_nearest_known_one() {
    let problems = request(|s| s.query.push(("limt".into(), "3".into())));
    assert_eq!(
        problems,
        [r#"query parameter "limt": not in the spec (did you mean "limit"?)"#]
    );
    let problems = request(|s| s.path.push(("zzz".into(), "3".into())));
    assert_eq!(
        problems,
        [r#"path parameter "zzz": not in the spec (it takes "status")"#]
    );
}

#[test]
fn unknown_headers_and_cookies_are_not_judged() {
    let problems = request(|s| {
        s.headers.push(("Accept".into(), "*/*".into()));
        s.headers.push(("X-Whatever".into(), "1".into()));
        s.headers.push(("Cookie".into(), "tracking=abc".into()));
    });
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn a_missing_required_parameter_is_named() {
    let problems = request(|s| {
        s.query.clear();
        s.path.clear();
        s.headers.clear();
    });
    assert_eq!(
        problems,
        [
            r#"path parameter "status": required"#,
            r#"query parameter "limit": required"#,
            r#"header parameter "X-Request-Id": required"#,
        ]
    );
}

#[test]
fn parameter_values_are_read_as_their_type_and_checked() {
    let problems = request(|s| s.path[0].1 = "sold ".into());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with(r#"path parameter "status": "sold " is not one of"#),
        "{problems:?}"
    );
    let problems = request(|s| s.query[0].1 = "ten".into());
    assert_eq!(
        problems,
        [r#"query parameter "limit": expected integer, got string"#]
    );
    let problems = request(|s| s.query[0].1 = "1000".into());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(r#"query parameter "limit": "#));
    let problems = request(|s| s.headers[0].1 = "not-a-uuid".into());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(r#"header parameter "X-Request-Id": "#));
    let problems = request(|s| s.headers.push(("Cookie".into(), "a=1; session=x".into())));
    assert_eq!(
        problems,
        [r#"cookie parameter "session": expected integer, got string"#]
    );
}

#[test]
fn header_parameters_compare_case_insensitively() {
    let problems = request(|s| s.headers[0].0 = "X-REQUEST-ID".into());
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn an_array_parameter_takes_repeats_and_a_single_one_does_not() {
    let problems = request(|s| {
        s.query.push(("tags".into(), "a".into()));
        s.query.push(("tags".into(), "b".into()));
    });
    assert_eq!(problems, Vec::<String>::new());
    let problems = request(|s| s.query.push(("limit".into(), "5".into())));
    assert_eq!(
        problems,
        [r#"query parameter "limit": given 2 times; the spec takes one value"#]
    );
}

#[test]
fn a_required_body_must_be_there() {
    assert_eq!(request(|s| s.body = None), ["body: required"]);
    assert_eq!(request(|s| s.body = Some(Vec::new())), ["body: required"]);
}

#[test]
fn a_body_of_a_type_the_operation_does_not_take_is_named() {
    let problems = request(|s| s.content_type = Some("text/plain; charset=utf-8".into()));
    assert_eq!(
        problems,
        ["body: content type text/plain is not one of application/json, application/xml"]
    );
    let problems = request(|s| s.content_type = None);
    assert_eq!(
        problems,
        ["body: no content type (the spec lists application/json, application/xml)"]
    );
    // A type listed without a schema: its body is not looked into.
    let problems = request(|s| {
        s.content_type = Some("application/xml".into());
        s.body = Some(b"<a/>".to_vec());
    });
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn a_json_body_is_validated_at_its_pointer() {
    let problems =
        request(|s| s.body = Some(br#"{"items": [{"price": 1}, {"price": "9.99"}]}"#.to_vec()));
    assert_eq!(
        problems,
        ["body /items/1/price: expected number, got string"]
    );
    let problems = request(|s| s.body = Some(b"{}".to_vec()));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("body: "), "{problems:?}");
    let problems = request(|s| s.body = Some(b"{nope".to_vec()));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("body: not JSON ("), "{problems:?}");
}

fn response(method: &str, status: u16, headers: &[(&str, &str)], body: &str) -> Vec<String> {
    let problems = check_response(
        &operation(method),
        Dialect::V30,
        status,
        &pairs(headers),
        body.as_bytes(),
    );
    problems.iter().map(ToString::to_string).collect()
}

const JSON: (&str, &str) = ("content-type", "application/json");
const LIMIT: (&str, &str) = ("X-Rate-Limit", "10");

#[test]
fn a_response_as_the_spec_says_has_no_problem() {
    assert_eq!(
        response("GET", 200, &[JSON, LIMIT], GOOD_BODY),
        Vec::<String>::new()
    );
    // A media range and a +json type.
    let vendor = ("Content-Type", "application/vnd.shop+json; charset=utf-8");
    assert_eq!(
        response("GET", 200, &[vendor, LIMIT], GOOD_BODY),
        Vec::<String>::new()
    );
}

#[test]
fn an_undocumented_status_is_named_with_the_documented_ones() {
    assert_eq!(
        response("GET", 302, &[], ""),
        ["status 302: not documented (the spec lists 200, 204, 4XX)"]
    );
    // A class covers its codes.
    let text = ("Content-Type", "text/plain");
    assert_eq!(
        response("GET", 404, &[text], "no such pet"),
        Vec::<String>::new()
    );
}

#[test]
fn required_response_headers_are_there_and_valid() {
    assert_eq!(
        response("GET", 200, &[JSON], GOOD_BODY),
        [r#"200 header "X-Rate-Limit": required"#]
    );
    let bad = ("x-rate-limit", "lots");
    let optional = ("X-Optional", "nope");
    assert_eq!(
        response("GET", 200, &[JSON, bad, optional], GOOD_BODY),
        [
            r#"200 header "X-Rate-Limit": expected integer, got string"#,
            r#"200 header "X-Optional": expected integer, got string"#,
        ]
    );
}

#[test]
fn a_content_type_the_spec_does_not_list_is_named() {
    let html = ("Content-Type", "text/html");
    assert_eq!(
        response("GET", 200, &[html, LIMIT], "<p>"),
        ["200 body: content type text/html is not one of application/*"]
    );
    assert_eq!(
        response("GET", 200, &[LIMIT], GOOD_BODY),
        ["200 body: no content type (the spec lists application/*)"]
    );
}

#[test]
fn a_json_response_body_is_validated_with_the_status_first() {
    let body = r#"{"items": [{"price": 1}, {"price": 2}, {"price": 3}, {"price": "4"}]}"#;
    assert_eq!(
        response("GET", 200, &[JSON, LIMIT], body),
        ["200 body /items/3/price: expected number, got string"]
    );
}

#[test]
fn an_empty_body_is_a_problem_only_where_a_schema_describes_one() {
    assert_eq!(
        response("GET", 200, &[JSON, LIMIT], ""),
        ["200 body: empty (the spec describes application/*)"]
    );
    assert_eq!(
        response("HEAD", 200, &[JSON, LIMIT], ""),
        Vec::<String>::new()
    );
    assert_eq!(response("GET", 204, &[], ""), Vec::<String>::new());
}

#[test]
fn a_media_type_is_matched_exactly_before_a_range() {
    let content: Vec<Media> = serde_json::from_value(json!([
        {"media_type": "*/*", "schema": {"type": "string"}},
        {"media_type": "application/*", "schema": {"type": "object"}},
        {"media_type": "application/json; charset=utf-8", "schema": {"type": "array"}}
    ]))
    .expect("well formed");
    let schema = |ct: &str| find_media(&content, ct).map(|m| m.schema.clone());
    assert_eq!(schema("application/json"), Some(json!({"type": "array"})));
    assert_eq!(schema("application/xml"), Some(json!({"type": "object"})));
    assert_eq!(schema("TEXT/plain"), Some(json!({"type": "string"})));
    let none: Vec<Media> = Vec::new();
    assert!(find_media(&none, "text/plain").is_none());
}
