//! `hit serve --openapi FILE`: the mock of an OpenAPI document, run as a real process and
//! reached by the real `hit`. The property that every operation's answer passes the
//! contract is checked in process (src/commands/serve/mock/tests.rs); this file checks what
//! a user sees: the start line, answers, problems, `Prefer`, `--seed` and bad documents.

use serde_json::{Value, json};

use crate::serve::{Answer, ask};
use crate::support::{Practice, hit, temp_file};

/// A running mock and the cache directory it reads its parsed document from.
struct Mock {
    server: Practice,
    _cache: tempfile::TempDir,
}

impl Mock {
    fn start(fixture: &str, args: &[&str]) -> Mock {
        let cache = tempfile::tempdir().expect("a cache directory");
        let file = fixture_path(fixture);
        let mut all = vec!["--openapi", file.as_str()];
        all.extend_from_slice(args);
        let dir = cache.path().to_str().expect("a UTF-8 path");
        let server = Practice::start_serving(&all, &[("HIT_CACHE_DIR", dir)]);
        Mock {
            server,
            _cache: cache,
        }
    }

    fn at(&self, path: &str) -> String {
        self.server.at(path)
    }
}

fn fixture_path(fixture: &str) -> String {
    format!(
        "{}/tests/fixtures/openapi/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn fixture(fixture: &str) -> Value {
    let text = std::fs::read_to_string(fixture_path(fixture)).expect("the fixture");
    serde_json::from_str(&text).expect("a JSON fixture")
}

/// Asserts an RFC 9457 problem and returns its `errors`.
#[track_caller]
fn problem(answer: &Answer, status: u16, title: &str) -> Value {
    answer.is(4, status);
    assert_eq!(
        answer.header("Content-Type"),
        Some("application/problem+json"),
        "{answer:#?}"
    );
    let document = answer.json();
    assert_eq!(document["type"], "about:blank");
    assert_eq!(document["title"], title);
    assert_eq!(document["status"], status);
    let errors = document["errors"].clone();
    let lines: Vec<String> = (errors.as_array().expect("an errors list").iter())
        .map(|e| {
            format!(
                "{}: {}",
                e["place"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(document["detail"], lines.join("; "), "{document}");
    errors
}

#[test]
fn the_banner_names_the_spec_its_operations_and_the_url_and_requests_are_logged() {
    let mock = Mock::start("petstore-3.0.yaml", &[]);
    let banner = &mock.server.banner;
    assert!(
        banner.starts_with("hit serve: mock of Swagger Petstore 1.0.0 ("),
        "{banner}"
    );
    assert!(
        banner.contains("petstore-3.0.yaml, 20 operations)"),
        "{banner}"
    );
    let url = mock.server.url("/v2/");
    assert!(
        banner.contains(&format!("on {url} (Ctrl-C stops it)")),
        "{banner}"
    );
    let tried = format!(
        "try: hit {} status==available",
        mock.at("/v2/pet/findByStatus")
    );
    assert!(banner.trim_end().ends_with(&tried), "{banner}");
    ask(&[&mock.at("/v2/pet/findByStatus"), "status==sold"]).is(0, 200);
    let Mock { server, _cache } = mock;
    let (status, log) = server.interrupt();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(
        log.contains("hit serve: GET /v2/pet/findByStatus?status=sold 200 "),
        "{log}"
    );
}

#[test]
fn a_documented_get_answers_a_body_its_schema_accepts_with_or_without_the_base_path() {
    let mock = Mock::start("petstore-3.0.yaml", &[]);
    for path in ["/v2/pet/3", "/pet/3"] {
        let answer = ask(&[&mock.at(path)]);
        answer.is(0, 200);
        assert_eq!(answer.header("Content-Type"), Some("application/json"));
        let pet = answer.json();
        // The schema's own examples, and a value of each required property's type.
        assert_eq!(pet["name"], "doggie", "{pet}");
        assert!(pet["photoUrls"].is_array(), "{pet}");
        assert!(pet["id"].is_i64(), "{pet}");
    }
    // A bodiless documented answer: no body and no type.
    let deleted = ask(&["DELETE", &mock.at("/v2/pet/3"), "api_key:secret"]);
    deleted.is(4, 400);
    assert!(deleted.body.is_empty(), "{deleted:#?}");
    assert_eq!(deleted.header("Content-Type"), None);
}

#[test]
fn the_spec_examples_are_answered_as_written_and_prefer_picks_a_named_one() {
    let mock = Mock::start("train-travel-3.1.json", &[]);
    let spec = fixture("train-travel-3.1.json");
    let stations = ask(&[&mock.at("/stations")]);
    stations.is(0, 200);
    let example = &spec["paths"]["/stations"]["get"]["responses"]["200"]["content"]["application/json"]
        ["example"];
    assert_eq!(&stations.json(), example);
    let payment = "/bookings/1725ff48-ab45-4bb5-9d02-88745177dedb/payment";
    let request = &spec["paths"]["/bookings/{bookingId}/payment"]["post"]["requestBody"]["content"]
        ["application/json"]["examples"]["Card"]["value"];
    let body = request.to_string();
    let args = ["POST", &mock.at(payment), "Prefer:example=Bank"];
    let bank = ask(&[
        &args[..],
        &["--data-raw", &body, "Content-Type:application/json"],
    ]
    .concat());
    bank.is(0, 200);
    assert_eq!(bank.header("Preference-Applied"), Some("example=Bank"));
    let examples = &spec["paths"]["/bookings/{bookingId}/payment"]["post"]["responses"]["200"]["content"]
        ["application/json"]["examples"];
    assert_eq!(bank.json(), examples["Bank"]["value"]);
    let unknown = ask(&["GET", &mock.at("/stations"), "Prefer:example=Nope"]);
    let errors = problem(&unknown, 400, "Bad Request");
    assert_eq!(
        errors,
        json!([{"place": "Prefer", "message": "example=Nope: no response of the operation has it"}])
    );
}

#[test]
fn prefer_code_picks_a_documented_response() {
    let mock = Mock::start("petstore-3.1.json", &[]);
    let missing = ask(&[&mock.at("/v2/pet/3"), "Prefer:code=404"]);
    missing.is(4, 404);
    assert_eq!(missing.header("Preference-Applied"), Some("code=404"));
    assert!(missing.body.is_empty(), "{missing:#?}");
    let login = [&mock.at("/v2/user/login"), "username==ada", "password==pw"];
    let answer = ask(&[&login[..], &["Prefer:code=200"]].concat());
    answer.is(0, 200);
    // Documented response headers come with values of their type.
    let limit = answer.header("X-Rate-Limit").expect("X-Rate-Limit");
    assert!(limit.parse::<i64>().is_ok(), "{answer:#?}");
    let refused = ask(&[&login[..], &["Prefer:code=302"]].concat());
    let errors = problem(&refused, 400, "Bad Request");
    assert_eq!(
        errors[0]["message"],
        "code=302: not documented (the spec lists 200, 400)"
    );
}

#[test]
fn requests_the_spec_refuses_get_problems_naming_what_is_wrong() {
    let mock = Mock::start("petstore-3.0.yaml", &[]);
    let nowhere = ask(&[&mock.at("/v2/stores")]);
    let errors = problem(&nowhere, 404, "Not Found");
    assert_eq!(errors[0]["place"], "path /v2/stores");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("no path of the spec matches it (it has /pet, "),
        "{message}"
    );

    let patch = ask(&["PATCH", &mock.at("/v2/pet/3")]);
    let errors = problem(&patch, 405, "Method Not Allowed");
    assert_eq!(patch.header("Allow"), Some("GET, POST, DELETE, HEAD"));
    assert_eq!(
        errors,
        json!([{"place": "method PATCH", "message": "/pet/{petId} takes GET, POST, DELETE, HEAD"}])
    );

    let options = ask(&["OPTIONS", &mock.at("/v2/pet/3")]);
    options.is(0, 204);
    assert_eq!(
        options.header("Allow"),
        Some("GET, POST, DELETE, HEAD, OPTIONS")
    );
    let head = ask(&["HEAD", &mock.at("/v2/pet/3")]);
    head.is(0, 200);
    assert_eq!(head.header("Content-Type"), Some("application/json"));
    assert!(head.body.is_empty(), "{head:#?}");

    let text = [
        "POST",
        &mock.at("/v2/pet"),
        "Content-Type:text/plain",
        "--data-raw",
        "a pet",
    ];
    let errors = problem(&ask(&text), 415, "Unsupported Media Type");
    assert_eq!(
        errors,
        json!([{"place": "body", "message": "content type text/plain is not one of application/json, application/xml"}])
    );

    let typo = ask(&[&mock.at("/v2/pet/findByStatus"), "statuss==sold"]);
    let errors = problem(&typo, 400, "Bad Request");
    assert_eq!(
        errors,
        json!([
            {"place": "query parameter \"statuss\"", "message": "not in the spec (did you mean \"status\"?)"},
            {"place": "query parameter \"status\"", "message": "required"}
        ])
    );
    let id = ask(&[&mock.at("/v2/pet/three")]);
    let errors = problem(&id, 400, "Bad Request");
    assert_eq!(
        errors,
        json!([{"place": "path parameter \"petId\"", "message": "expected integer, got string"}])
    );

    let pet = [
        "POST",
        &mock.at("/v2/pet"),
        "name:=3",
        "photoUrls:=[\"x\"]",
        "status=lost",
    ];
    let errors = problem(&ask(&pet), 422, "Unprocessable Content");
    let places: Vec<&str> = (errors.as_array().unwrap().iter())
        .map(|e| e["place"].as_str().unwrap())
        .collect();
    assert_eq!(places, ["body /name", "body /status"], "{errors}");
    assert_eq!(errors[0]["message"], "expected string, got integer");
}

#[test]
fn an_operation_the_cache_lost_under_a_running_mock_is_a_500_that_says_so() {
    let mock = Mock::start("petstore-3.0.yaml", &[]);
    ask(&[&mock.at("/v2/store/inventory")]).is(0, 200);
    std::fs::remove_dir_all(mock._cache.path().join("openapi")).expect("clear the cache");
    // Operations read before stay answered.
    ask(&[&mock.at("/v2/store/inventory")]).is(0, 200);
    let lost = ask(&[&mock.at("/v2/store/order/3")]);
    lost.is(5, 500);
    let document = lost.json();
    assert_eq!(document["errors"][0]["place"], "the mock");
    let message = document["errors"][0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "cannot read this operation from the OpenAPI cache (No such file or directory); \
         restart hit serve to read the document again"
    );
}

#[test]
fn the_same_seed_gives_the_same_answers_and_another_seed_other_values() {
    let first = Mock::start("petstore-3.0.yaml", &["--seed", "7"]);
    let again = Mock::start("petstore-3.0.yaml", &["--seed", "7"]);
    let other = Mock::start("petstore-3.0.yaml", &["--seed", "8"]);
    let bodies: Vec<Vec<u8>> = [&first, &again, &other]
        .iter()
        .map(|mock| {
            let answer = ask(&[&mock.at("/v2/user/ada")]);
            answer.is(0, 200);
            answer.body
        })
        .collect();
    assert_eq!(bodies[0], bodies[1]);
    assert_ne!(bodies[0], bodies[2]);
}

#[test]
fn a_document_that_cannot_be_served_is_one_line_and_exit_2() {
    let cache = tempfile::tempdir().expect("a cache directory");
    let dir = cache.path().to_str().unwrap();
    let (_text, not_a_spec) = temp_file("notes.txt", "key: [unclosed\n\tand: {\n");
    let (_old, swagger) = temp_file(
        "old.yaml",
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n",
    );
    let cases = [
        (not_a_spec.as_str(), "notes.txt"),
        (swagger.as_str(), "Swagger 2.0"),
        ("/nonexistent/spec.yaml", "spec.yaml"),
    ];
    for (file, named) in cases {
        let run = hit(&["serve", "--port", "0", "--openapi", file])
            .env("HIT_CACHE_DIR", dir)
            .run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(run.stdout.is_empty(), "nothing served: {run:#?}");
        assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
        assert!(run.stderr.starts_with("hit: error: "), "{run:#?}");
        assert!(run.stderr.contains(named), "{run:#?}");
    }
    let run = hit(&["serve", "--seed", "3"]).run();
    assert_eq!(run.code, 2, "--seed needs --openapi: {run:#?}");
}
