//! `--check`: what passes, what fails and how a failure reads.

use super::tests::{USERS, ctx};
use super::*;

fn check(expr: &str, input: &str) -> Option<String> {
    Check::compile(expr, &[])
        .unwrap()
        .evaluate(input.as_bytes(), &ctx())
        .unwrap()
}

#[test]
fn checks_that_pass() {
    assert_eq!(check(".status == \"ok\"", r#"{"status":"ok"}"#), None);
    assert_eq!(check("$__status < 300", "{}"), None);
    assert_eq!(
        check(
            "$__headers[\"content-type\"] | startswith(\"application/json\")",
            "{}"
        ),
        None
    );
    assert_eq!(check(".[] | .age > 20", USERS), None);
    assert_eq!(check("true, true", "{}"), None);
}

#[test]
fn a_check_is_a_boolean() {
    let body = r#"{"status":"ok","items":[],"n":1}"#;
    for (expr, line) in [
        (
            ".status = \"ok\"",
            "check failed: .status = \"ok\" yielded an object, not true or false",
        ),
        (
            ".items",
            "check failed: .items yielded an array, not true or false",
        ),
        (".n", "check failed: .n yielded a number, not true or false"),
        (
            ".status",
            "check failed: .status yielded a string, not true or false",
        ),
        (
            ".missing",
            "check failed: .missing yielded null, not true or false",
        ),
        // Every result must be a boolean: the first that is not true decides.
        (
            "true, 1",
            "check failed: true, 1 yielded a number, not true or false",
        ),
        (
            "true, false, 1",
            "check failed: true, false, 1 (it yielded false)",
        ),
    ] {
        assert_eq!(check(expr, body).as_deref(), Some(line), "{expr}");
    }
}

#[test]
fn checks_that_name_the_status() {
    let names = |expr: &str| Check::compile(expr, &[]).unwrap().names_status();
    assert!(names("$__status == 404"));
    assert!(names("[$__status] | .[0] < 500"));
    assert!(names("\"\\($__status)\" == \"404\""));
    assert!(!names("\"$__status\" == \"x\""));
    assert!(!names(".status == 404"));
}

#[test]
fn checks_that_fail() {
    let degraded = r#"{"status":"degraded","n":3,"ok":false,"items":[]}"#;
    let cases = [
        (
            ".status == \"ok\"",
            "check failed: .status == \"ok\" (.status is \"degraded\")",
        ),
        ("  .n >= 10 ", "check failed: .n >= 10 (.n is 3)"),
        (
            ".missing != null",
            "check failed: .missing != null (.missing is null)",
        ),
        (
            "(.n | . * 2) < 1",
            "check failed: (.n | . * 2) < 1 ((.n | . * 2) is 6)",
        ),
        (
            ".items[] == 1",
            "check failed: .items[] == 1 (.items[] yields nothing)",
        ),
        (".ok", "check failed: .ok (it yielded false)"),
        (
            ".nothing",
            "check failed: .nothing yielded null, not true or false",
        ),
        (".items[]", "check failed: .items[] (it yielded nothing)"),
        (
            ".n == 3 and .status == \"ok\"",
            "check failed: .n == 3 and .status == \"ok\" (it yielded false)",
        ),
        (
            ".status == \"ok\" or .n > 5",
            "check failed: .status == \"ok\" or .n > 5 (it yielded false)",
        ),
        (
            ".n | . == 4",
            "check failed: .n | . == 4 (it yielded false)",
        ),
        (
            "[.n == 4][0]",
            "check failed: [.n == 4][0] (it yielded false)",
        ),
        (
            "if .n == 3 then .ok else true end",
            "check failed: if .n == 3 then .ok else true end (it yielded false)",
        ),
        (
            "if .n == 3 then 1 else 2 end == 2",
            "check failed: if .n == 3 then 1 else 2 end == 2 (if .n == 3 then 1 else 2 end is 1)",
        ),
        (
            ".status == \"a == b\"",
            "check failed: .status == \"a == b\" (.status is \"degraded\")",
        ),
        (
            ".n.x == 1",
            "check failed: .n.x == 1 (error: cannot index 3 with \"x\")",
        ),
    ];
    for (expr, line) in cases {
        assert_eq!(check(expr, degraded).as_deref(), Some(line), "{expr}");
    }
}

#[test]
fn check_shows_long_values_cut() {
    let input = format!("{{\"s\":\"{}\"}}", "x".repeat(500));
    let line = check(".s == \"y\"", &input).unwrap();
    assert_eq!(
        line,
        format!("check failed: .s == \"y\" (.s is \"{}…)", "x".repeat(199))
    );
}

#[test]
fn check_and_filter_share_one_parse() {
    let json = Json::parse(br#"{"status":"ok"}"#).unwrap();
    let check = Check::compile(".status == \"ok\"", &[]).unwrap();
    assert_eq!(check.evaluate_json(&json, &ctx()).unwrap(), None);
    let mut out = Vec::new();
    Program::compile(".status", &[])
        .unwrap()
        .run_json(&json, &ctx(), true, &mut |b, _| {
            out.extend_from_slice(b);
            Ok(())
        })
        .unwrap();
    assert_eq!(out, b"ok");
}

#[test]
fn a_check_stops_at_the_first_falsy_element() {
    assert_eq!(
        check(".[] | .age > 30", USERS).as_deref(),
        Some("check failed: .[] | .age > 30 (it yielded false)")
    );
}

#[test]
fn a_check_compiled_again_is_taken_from_the_cache_and_behaves_the_same() {
    let args = [("n".to_string(), Arg::Str("1".to_string()))];
    let first = Check::compile(".a == $n", &args).unwrap();
    let again = Check::compile(".a == $n", &args).unwrap();
    assert!(first.shares_program_with(&again));
    let other = Check::compile(".a == $n", &[]).map(|_| ()).unwrap_err();
    assert!(format!("{other:#}").contains("$n"), "{other:#}");
    assert_eq!(again.evaluate(br#"{"a":"1"}"#, &ctx()).unwrap(), None);
    assert_eq!(
        again.evaluate(br#"{"a":"2"}"#, &ctx()).unwrap().as_deref(),
        Some("check failed: .a == $n (.a is \"2\")")
    );
}
