//! The mock answered in process: every operation of the fixtures, asked as the spec says,
//! answers what `contract::check_response` accepts; requests the spec refuses get the
//! problem that names why.

use serde_json::{Value, json};

use super::*;
use crate::openapi::contract::check_response;
use crate::openapi::{build, parse};

fn mock(fixture: &str, seed: u64) -> Mock {
    let path = format!(
        "{}/tests/fixtures/openapi/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("the fixture");
    let document = parse::document(&bytes, fixture).expect("it parses");
    let dialect = parse::dialect(&document, fixture).expect("OpenAPI 3");
    let (api, operations) = build::build(&document, dialect).expect("it builds");
    Mock::given(fixture, &api, operations, seed)
}

/// A request for `op` as the spec describes it: example path and required parameters, the
/// required headers, and a body of its first JSON type when it takes one.
fn asked(mock: &Mock, op: &Operation) -> Sent {
    let (path, query) = mock.example_request(op);
    let mut headers: Vec<(String, String)> = (op.parameters.iter())
        .filter(|p| p.place == Place::Header && p.required)
        .map(|p| (p.name.clone(), mock.parameter_text(op, p)))
        .collect();
    let cookies: Vec<String> = (op.parameters.iter())
        .filter(|p| p.place == Place::Cookie && p.required)
        .map(|p| format!("{}={}", p.name, mock.parameter_text(op, p)))
        .collect();
    if !cookies.is_empty() {
        headers.push(("Cookie".to_owned(), cookies.join("; ")));
    }
    let mut body = Vec::new();
    let json = op.body.as_ref().and_then(|b| {
        b.content.iter().find(|m| {
            crate::http::media::is_json_type(&crate::http::media::media_type(&m.media_type))
        })
    });
    if let Some(media) = json {
        let direction = schema::Direction::Request;
        let value = schema::example(&op.document, &media.schema, mock.dialect, direction, 0);
        body = serde_json::to_vec(&value).expect("JSON");
        headers.push(("Content-Type".to_owned(), media.media_type.clone()));
    }
    Sent {
        path,
        query,
        headers,
        body,
    }
}

struct Sent {
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn ask(
    mock: &Mock,
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
) -> Answer {
    mock.answer(&Asked {
        method,
        path,
        query,
        headers,
        body,
    })
}

/// Every operation of `fixture`, asked as the spec says, answers what the contract accepts
/// (an operation that documents only failures answers its first one).
fn answers_all_within_the_contract(fixture: &str, seed: u64) {
    let mock = mock(fixture, seed);
    for index in 0..mock.entries.len() {
        let op = &*mock.operation(index).expect("given");
        let Sent {
            path,
            query,
            headers,
            body,
        } = asked(&mock, op);
        let answer = ask(&mock, &op.method, &path, &query, &headers, &body);
        let shown = String::from_utf8_lossy(&answer.body);
        let succeeds =
            (op.responses.iter()).any(|r| r.status.starts_with('2') || r.status == "DEFAULT");
        assert!(
            answer.status < 400 || !succeeds,
            "{fixture} {} {path} (seed {seed}): {} {shown}",
            op.method,
            answer.status
        );
        let headers = answer.all_headers();
        let problems = check_response(op, mock.dialect, answer.status, &headers, &answer.body);
        assert!(
            problems.is_empty(),
            "{fixture} {} {path} (seed {seed}): {problems:?}\n{shown}",
            op.method
        );
    }
}

#[test]
fn every_operation_of_the_fixtures_answers_what_the_contract_accepts() {
    let fixtures = [
        "petstore-3.0.yaml",
        "petstore-3.1.json",
        "train-travel-3.1.json",
        "schema-types-3.1.json",
        "schema-validation-3.0.json",
        "schema-circular-3.0.json",
        "security-3.0.json",
        "server-variables-3.0.json",
    ];
    for fixture in fixtures {
        answers_all_within_the_contract(fixture, 0);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8))]

    #[test]
    fn any_seed_answers_within_the_contract(seed in proptest::prelude::any::<u64>()) {
        for fixture in ["petstore-3.0.yaml", "train-travel-3.1.json", "schema-types-3.1.json"] {
            answers_all_within_the_contract(fixture, seed);
        }
    }
}

fn problem(answer: &Answer) -> Value {
    assert_eq!(answer.content_type(), Some("application/problem+json"));
    serde_json::from_slice(&answer.body).expect("a JSON problem")
}

#[test]
fn refusals_name_the_problem() {
    let mock = mock("petstore-3.0.yaml", 0);
    let none: [(String, String); 0] = [];
    let missing = ask(&mock, "GET", "/nope", &none, &none, b"");
    assert_eq!(missing.status, 404);
    assert_eq!(problem(&missing)["errors"][0]["place"], "path /nope");
    let wrong = ask(&mock, "PATCH", "/v2/pet/7", &none, &none, b"");
    assert_eq!(wrong.status, 405);
    assert_eq!(
        wrong.headers,
        [("Allow".to_owned(), "GET, POST, DELETE, HEAD".to_owned())]
    );
    let query = [("status".to_owned(), "gone".to_owned())];
    let bad = ask(&mock, "GET", "/pet/findByStatus", &query, &none, b"");
    assert_eq!(bad.status, 400);
    let document = problem(&bad);
    assert_eq!(
        document["errors"][0]["place"],
        "query parameter \"status\" /0"
    );
    assert_eq!(document["title"], "Bad Request");
    let json = [("content-type".to_owned(), "application/json".to_owned())];
    let text = [("content-type".to_owned(), "text/plain".to_owned())];
    let unsupported = ask(&mock, "POST", "/pet", &none, &text, b"hello");
    assert_eq!(unsupported.status, 415, "{:?}", problem(&unsupported));
    let invalid = ask(
        &mock,
        "POST",
        "/pet",
        &none,
        &json,
        br#"{"name": 3, "photoUrls": []}"#,
    );
    assert_eq!(invalid.status, 422);
    assert_eq!(
        problem(&invalid)["errors"],
        json!([{"place": "body /name", "message": "expected string, got integer"}])
    );
}

#[test]
fn prefer_picks_another_response_and_a_seed_the_values() {
    let mock7 = mock("petstore-3.0.yaml", 7);
    let none: [(String, String); 0] = [];
    let prefer = [("Prefer".to_owned(), "code=404".to_owned())];
    let answer = ask(&mock7, "GET", "/pet/1", &none, &prefer, b"");
    assert_eq!(answer.status, 404);
    // Without a `default`, a status the operation does not document is refused.
    let prefer = [("Prefer".to_owned(), "code=418".to_owned())];
    let query = [("status".to_owned(), "sold".to_owned())];
    let answer = ask(&mock7, "GET", "/pet/findByStatus", &query, &prefer, b"");
    assert_eq!(answer.status, 400);
    assert_eq!(
        problem(&answer)["errors"],
        json!([{"place": "Prefer", "message": "code=418: not documented (the spec lists 200, 400)"}])
    );
    let same = ask(&mock7, "GET", "/pet/1", &none, &none, b"");
    let again = ask(
        &mock("petstore-3.0.yaml", 7),
        "GET",
        "/pet/1",
        &none,
        &none,
        b"",
    );
    assert_eq!(same.body, again.body);
    assert_eq!(same.status, 200);
}

#[test]
fn accept_picks_the_media_type_of_the_answer() {
    let mock = mock("petstore-3.0.yaml", 0);
    let none: [(String, String); 0] = [];
    let ask_for = |path: &str, query: &[(String, String)], accept: &str| {
        let headers = [("Accept".to_owned(), accept.to_owned())];
        let answer = ask(&mock, "GET", path, query, &headers, b"");
        (answer.content_type().map(str::to_owned), answer.body)
    };
    let pet = |accept: &str| ask_for("/pet/1", &none, accept).0;
    // XML is not made from a schema: JSON is what the mock can write.
    assert_eq!(pet("application/xml").as_deref(), Some("application/json"));
    assert_eq!(
        pet("text/html, application/*").as_deref(),
        Some("application/json")
    );
    assert_eq!(pet("*/*").as_deref(), Some("application/json"));
    assert_eq!(pet("image/png").as_deref(), Some("application/json"));
    // A string is written as is in any type.
    let query = [
        ("username".to_owned(), "ada".to_owned()),
        ("password".to_owned(), "pw".to_owned()),
    ];
    let (xml, body) = ask_for("/user/login", &query, "text/html, application/xml");
    assert_eq!(xml.as_deref(), Some("application/xml"));
    assert!(!body.is_empty() && !body.starts_with(b"\""), "{body:?}");
    let (json, body) = ask_for("/user/login", &query, "application/json");
    assert_eq!(json.as_deref(), Some("application/json"));
    assert!(body.starts_with(b"\""), "{body:?}");
}

#[test]
fn a_base_path_that_is_also_a_documented_path_is_tried_both_ways() {
    let document = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://example.com/anything"}],
        "paths": {"/anything": {"get": {"responses": {"204": {"description": "none"}}}}}
    });
    let dialect = parse::dialect(&document, "t").expect("OpenAPI 3.1");
    let (api, operations) = build::build(&document, dialect).expect("it builds");
    let mock = Mock::given("t", &api, operations, 0);
    let none: [(String, String); 0] = [];
    for path in ["/anything", "/anything/anything"] {
        assert_eq!(
            ask(&mock, "GET", path, &none, &none, b"").status,
            204,
            "{path}"
        );
    }
    assert_eq!(ask(&mock, "GET", "/", &none, &none, b"").status, 404);
}
