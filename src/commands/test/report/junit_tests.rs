//! The JUnit report read back by a JUnit reader (junit-parser, quick-xml underneath), as a
//! CI system would read it.

use junit_parser::{RerunOrFlakyKind, TestStatus, TestSuites};

use super::super::fixture::{HOSTILE, suite};
use super::super::text::visible;
use super::render;

/// Reads the report as a CI system would. roxmltree first: quick-xml (under junit-parser)
/// forgives what Java's parsers in Jenkins refuse, such as `<` in an attribute value.
fn parse(xml: &str) -> TestSuites {
    if let Err(e) = roxmltree::Document::parse(xml) {
        panic!("not well-formed XML: {e}\n{xml}");
    }
    junit_parser::from_reader(std::io::Cursor::new(xml.as_bytes()))
        .unwrap_or_else(|e| panic!("not JUnit XML: {e}\n{xml}"))
}

/// Characters XML 1.0 allows (§2.2).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[test]
fn counts_and_names_read_back() {
    let report = parse(&render(&suite()));
    assert_eq!(report.name, "hit test");
    assert_eq!(
        (report.tests, report.failures, report.skipped, report.errors),
        (5, 2, 1, 0)
    );
    assert_eq!(report.time, 1.234);
    let names: Vec<_> = report.suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["api/users.http", "api/health.http [row 1: user=<ann>]"]
    );
    let users = &report.suites[0];
    assert_eq!((users.tests, users.failures, users.skipped), (3, 1, 1));
    assert_eq!(users.time, 0.8);
    let login = &users.cases[0];
    assert_eq!(login.original_name, "login");
    assert_eq!(login.classname.as_deref(), Some("api/users.http"));
    assert_eq!(login.file.as_deref(), Some("api/users.http"));
    assert_eq!(login.line, Some(1));
    assert_eq!(login.time, 0.012);
    assert!(login.status.is_success());
    let row = &report.suites[1];
    assert_eq!(
        row.properties.hashmap.get("row").map(String::as_str),
        Some("row 1: user=<ann>")
    );
    assert_eq!(
        row.cases[0].classname.as_deref(),
        Some("api/health.http [row 1: user=<ann>]")
    );
}

#[test]
fn a_failure_carries_where_what_and_the_exchange() {
    let report = parse(&render(&suite()));
    let case = &report.suites[0].cases[1];
    assert_eq!(case.original_name, "get user");
    let TestStatus::Failure(failure) = &case.status else {
        panic!("not a failure: {:?}", case.status);
    };
    assert_eq!(
        failure.message,
        "check failed: .name == \"ann\" (found \"bob\")"
    );
    assert_eq!(failure.failure_type, "check");
    for part in [
        "api/users.http:7: check failed",
        "check failed: .name == \"ann\": found \"bob\"",
        "request id: req-42",
        "> GET http://127.0.0.1:8080/get user",
        "> Authorization: Bearer ••••",
        "< HTTP/1.1 500 Internal Server Error",
        "< X-Request-Id: req-42",
        "\"raw\":\"\u{fffd}\u{fffd}\"",
        "[body cut at 2048 bytes]",
    ] {
        assert!(
            failure.text.contains(part),
            "{part:?} missing from:\n{}",
            failure.text
        );
    }
}

#[test]
fn skipped_and_flaky_cases_are_marked() {
    let report = parse(&render(&suite()));
    let TestStatus::Skipped(skipped) = &report.suites[0].cases[2].status else {
        panic!("not skipped");
    };
    assert_eq!(skipped.message, "uses `get user`, which failed");
    let flaky = &report.suites[1].cases[0];
    assert!(flaky.status.is_success());
    assert_eq!(flaky.reruns.len(), 1);
    assert!(matches!(
        flaky.reruns[0].kind,
        RerunOrFlakyKind::FlakyFailure
    ));
    assert!(flaky.reruns[0].message.contains("2 attempts"));
    assert!(report.suites[0].cases[0].reruns.is_empty());
}

#[test]
fn hostile_text_stays_well_formed_and_readable() {
    let xml = render(&suite());
    assert!(xml.chars().all(xml_char), "a character XML forbids");
    for piece in xml.split("<![CDATA[").skip(1) {
        assert_eq!(
            piece.matches("]]>").count(),
            1,
            "one CDATA end per section: {piece:?}"
        );
    }
    let report = parse(&xml);
    let case = &report.suites[1].cases[1];
    assert_eq!(case.original_name, visible(&format!("hostile {HOSTILE}")));
    let TestStatus::Failure(failure) = &case.status else {
        panic!("not a failure");
    };
    assert_eq!(failure.message, visible(&format!("status 500 {HOSTILE}")));
    // junit-parser joins adjacent CDATA sections with a line break: the split `]]>` shows so.
    let text = failure.text.replace("]]\n>", "]]>");
    assert!(
        text.contains("<b>&amp;</b> ]]> \\u{1b}[31m\\u{0}\\u{c}\\u{85}"),
        "{text}"
    );
}

#[test]
fn line_breaks_in_attributes_survive() {
    let mut suite = suite();
    suite.files[0].cases[2].verdict = super::Verdict::Skipped {
        reason: "one\ntwo".to_string(),
    };
    let report = parse(&render(&suite));
    let TestStatus::Skipped(skipped) = &report.suites[0].cases[2].status else {
        panic!("not skipped");
    };
    assert_eq!(skipped.message, "one\ntwo");
}

#[test]
fn an_interrupted_run_says_so_in_every_testsuite() {
    let mut interrupted = suite();
    interrupted.interrupted = true;
    let report = parse(&render(&interrupted));
    for testsuite in &report.suites {
        assert_eq!(
            testsuite
                .properties
                .hashmap
                .get("interrupted")
                .map(String::as_str),
            Some("true")
        );
        assert!(
            testsuite
                .system_out
                .as_deref()
                .unwrap_or("")
                .contains("interrupted")
        );
    }
    assert!(
        parse(&render(&suite()))
            .suites
            .iter()
            .all(|s| !s.properties.hashmap.contains_key("interrupted"))
    );

    interrupted.files.clear();
    let report = parse(&render(&interrupted));
    assert_eq!(
        report.suites.len(),
        1,
        "an empty interrupted run still says why"
    );
    assert_eq!(
        report.suites[0]
            .properties
            .hashmap
            .get("interrupted")
            .map(String::as_str),
        Some("true")
    );
    assert_eq!(report.tests, 0);
}
