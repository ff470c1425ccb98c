//! The JUnit XML report: one `<testsuite>` per file run, one `<testcase>` per request, as
//! Jenkins, GitLab and GitHub test reporters read it (Jenkins' junit.xsd, with Maven
//! Surefire's `<flakyFailure>` for a test that passed only after a retry).
//!
//! Attributes are escaped; a failure's text (bodies, headers) is a CDATA section, as
//! Surefire writes it, with any `]]>` in it split across two sections so that it cannot end
//! one early. Characters XML 1.0 forbids are shown as `\u{…}` everywhere.

use std::fmt::Write as _;

use super::text::{attribute, exchange_text, rfc3339, seconds, visible};
use super::{Case, FileRun, Suite, Verdict};

/// The whole report.
pub fn render(suite: &Suite) -> String {
    let counts = suite.counts();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"hit test\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\" timestamp=\"{}\">",
        counts.requests,
        counts.failed,
        counts.skipped,
        seconds(suite.duration),
        timestamp(suite),
    );
    for file in &suite.files {
        testsuite(&mut out, suite, file);
    }
    if suite.files.is_empty() && suite.interrupted {
        // Nothing finished, yet the report must say why it is empty: testsuites carries
        // no properties in Jenkins' schema, so an empty testsuite does.
        let empty = FileRun {
            path: "hit test".to_string(),
            row: None,
            cases: Vec::new(),
            duration: suite.duration,
        };
        testsuite(&mut out, suite, &empty);
    }
    out.push_str("</testsuites>\n");
    out
}

/// Jenkins' schema wants a local date and time without a zone; the time is UTC.
fn timestamp(suite: &Suite) -> String {
    rfc3339(suite.started).trim_end_matches('Z').to_string()
}

fn testsuite(out: &mut String, suite: &Suite, file: &FileRun) {
    let counts = file.counts();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\" timestamp=\"{}\" file=\"{}\">",
        attribute(&file.title()),
        counts.requests,
        counts.failed,
        counts.skipped,
        seconds(file.duration),
        timestamp(suite),
        attribute(&file.path),
    );
    if suite.interrupted || file.row.is_some() {
        out.push_str("    <properties>\n");
        if let Some(row) = &file.row {
            let _ = writeln!(
                out,
                "      <property name=\"row\" value=\"{}\"/>",
                attribute(row)
            );
        }
        if suite.interrupted {
            out.push_str("      <property name=\"interrupted\" value=\"true\"/>\n");
        }
        out.push_str("    </properties>\n");
    }
    for case in &file.cases {
        testcase(out, file, case);
    }
    if suite.interrupted {
        out.push_str(
            "    <system-out>hit test was interrupted (Ctrl-C): requests that had not run are not reported.</system-out>\n",
        );
    }
    out.push_str("  </testsuite>\n");
}

fn testcase(out: &mut String, file: &FileRun, case: &Case) {
    let _ = write!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" time=\"{}\" file=\"{}\" line=\"{}\"",
        attribute(&case.name),
        attribute(&file.title()),
        seconds(case.timing.total),
        attribute(&case.file),
        case.line,
    );
    if case.verdict == Verdict::Passed && !case.flaky {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    match &case.verdict {
        Verdict::Passed => {}
        Verdict::Failed { reason } => failure(out, file, case, reason),
        Verdict::Skipped { reason } => {
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", attribute(reason));
        }
    }
    if case.flaky {
        let _ = writeln!(
            out,
            "      <flakyFailure message=\"{}\" type=\"flaky\"/>",
            attribute(&flaky_message(case))
        );
    }
    out.push_str("    </testcase>\n");
}

fn flaky_message(case: &Case) -> String {
    format!(
        "passed after {} attempts: an earlier attempt failed",
        case.attempts
    )
}

fn failure(out: &mut String, file: &FileRun, case: &Case, reason: &str) {
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{}\">{}</failure>",
        attribute(reason),
        failure_type(case),
        cdata(&failure_text(file, case, reason)),
    );
}

/// `text` as CDATA: made visible, and `]]>` split as `]]]]><![CDATA[>`.
fn cdata(text: &str) -> String {
    let text = visible(text).replace("]]>", "]]]]><![CDATA[>");
    format!("<![CDATA[{text}]]>")
}

/// `check` when a check failed, `status` when only the status did, `connection` when no
/// response came: what GitLab and Jenkins show beside the message.
fn failure_type(case: &Case) -> &'static str {
    if case.checks.iter().any(|c| !c.passed) {
        "check"
    } else if case.exchange.as_ref().is_some_and(|e| e.status.is_some()) {
        "status"
    } else {
        "connection"
    }
}

/// `FILE:LINE`, the reason, each failed check with what was found, the request ID and the
/// exchange: what someone reading a CI page needs to find the request and the server's log.
pub fn failure_text(file: &FileRun, case: &Case, reason: &str) -> String {
    let mut text = format!("{}:{}: {reason}\n", case.file, case.line);
    if let Some(row) = &file.row {
        let _ = writeln!(text, "data {row}");
    }
    for check in case.checks.iter().filter(|c| !c.passed) {
        match &check.detail {
            Some(detail) => {
                let _ = writeln!(text, "check failed: {}: {detail}", check.name);
            }
            None => {
                let _ = writeln!(text, "check failed: {}", check.name);
            }
        }
    }
    if let Some(id) = case.exchange.as_ref().and_then(|e| e.request_id.as_deref()) {
        let _ = writeln!(text, "request id: {id}");
    }
    if case.attempts > 1 {
        let _ = writeln!(text, "attempts: {}", case.attempts);
    }
    text.push('\n');
    text.push_str(&exchange_text(case));
    text
}

#[cfg(test)]
#[path = "junit_tests.rs"]
mod tests;
