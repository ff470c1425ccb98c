//! The JSON report validated against docs/test-report.schema.json (boon, draft 2020-12)
//! and read back.

use serde_json::{Value, json};

use super::super::fixture::{HOSTILE, suite};
use super::render;

const SCHEMA: &str = include_str!("../../../../docs/test-report.schema.json");

/// Validates `document` against the schema, with `format` asserted (`started` is a
/// date-time).
fn validate(document: &Value) -> Result<(), String> {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("file:///test-report.schema.json", schema)
        .expect("the schema loads");
    let index = compiler
        .compile("file:///test-report.schema.json", &mut schemas)
        .unwrap_or_else(|e| panic!("the schema compiles: {e:#}"));
    schemas
        .validate(document, index)
        .map_err(|e| format!("{e}"))
}

fn document() -> Value {
    serde_json::from_str(&render(&suite())).expect("the report is JSON")
}

#[test]
fn the_report_matches_its_schema() {
    let document = document();
    validate(&document).unwrap_or_else(|e| panic!("{e}\n{document:#}"));
    let mut interrupted = suite();
    interrupted.interrupted = true;
    interrupted.files.clear();
    let empty: Value = serde_json::from_str(&render(&interrupted)).unwrap();
    validate(&empty).unwrap();
    assert_eq!(empty["interrupted"], true);
}

/// What a breakage is called, and how it breaks a good document.
type Breakage = (&'static str, fn(&mut Value));

#[test]
fn the_schema_refuses_what_the_report_must_not_be() {
    let good = document();
    let breakages: [Breakage; 5] = [
        ("version", |d| d["version"] = json!(2)),
        ("started", |d| d["started"] = json!("yesterday")),
        ("verdict", |d| {
            d["files"][0]["cases"][0]["verdict"] = json!("ok")
        }),
        ("reason", |d| {
            d["files"][0]["cases"][1]["reason"] = Value::Null
        }),
        ("extra", |d| {
            d["files"][0]["cases"][0]["secret"] = json!("x")
        }),
    ];
    for (what, breakage) in breakages {
        let mut bad = good.clone();
        breakage(&mut bad);
        assert!(validate(&bad).is_err(), "the schema accepted a bad {what}");
    }
}

#[test]
fn every_field_reads_back() {
    let document = document();
    assert_eq!(document["version"], 1);
    assert_eq!(document["started"], "2026-12-06T22:50:39Z");
    assert_eq!(document["duration_ms"], 1234.0);
    assert_eq!(document["interrupted"], false);
    assert_eq!(
        document["counts"],
        json!({"files": 2, "requests": 5, "passed": 2, "failed": 2, "skipped": 1, "flaky": 1, "checks": 4, "checks_failed": 2})
    );
    let users = &document["files"][0];
    assert_eq!(users["path"], "api/users.http");
    assert_eq!(users["row"], Value::Null);
    let login = &users["cases"][0];
    assert_eq!(login["method"], "POST");
    assert_eq!(login["verdict"], "passed");
    assert_eq!(login["reason"], Value::Null);
    assert_eq!(login["captures"], json!({"token": "••••"}));
    assert_eq!(
        login["timing"],
        json!({"total_ms": 12.345, "ttfb_ms": 10.001, "dns_ms": null, "connect_ms": 0.15, "tls_ms": null})
    );
    assert_eq!(login["exchange"]["request"]["body"], "{\"user\":\"ann\"}");
    assert_eq!(login["exchange"]["response"]["status"], 200);
    assert_eq!(login["exchange"]["request_id"], "req-42");
    let failed = &users["cases"][1];
    assert_eq!(failed["verdict"], "failed");
    assert_eq!(
        failed["checks"][1],
        json!({"name": ".name == \"ann\"", "passed": false, "detail": "found \"bob\""})
    );
    assert_eq!(failed["exchange"]["response"]["body_cut"], true);
    assert_eq!(users["cases"][2]["exchange"], Value::Null);
    let row = &document["files"][1];
    assert_eq!(row["title"], "api/health.http [row 1: user=<ann>]");
    assert_eq!(row["cases"][0]["flaky"], true);
    assert_eq!(row["cases"][0]["attempts"], 2);
}

#[test]
fn hostile_text_is_kept_exactly() {
    let document = document();
    let hostile = &document["files"][1]["cases"][1];
    assert_eq!(hostile["name"], format!("hostile {HOSTILE}"));
    assert_eq!(hostile["exchange"]["response"]["body"], HOSTILE);
    assert_eq!(hostile["captures"][format!("name {HOSTILE}")], HOSTILE);
    let lossy = document["files"][0]["cases"][1]["exchange"]["response"]["body"]
        .as_str()
        .unwrap();
    assert!(lossy.contains("\u{fffd}\u{fffd}"));
}
