//! The TAP 14 report: one flat stream of test points, one per request, each named
//! `FILE: NAME`, with a YAML diagnostic block for a failure or a flaky pass.
//!
//! Flat rather than one subtest per file: every TAP consumer, old or new, reads a flat
//! stream whole, while a consumer that predates TAP 14 skips indented subtests and with them
//! every failure's detail. A comment line names each file.
//!
//! YAML scalars are written as double-quoted strings with JSON's escapes, which YAML 1.2
//! reads the same; control characters are shown as `\u{…}` first.

use std::fmt::Write as _;

use super::text::{millis, visible};
use super::{Case, FileRun, Suite, Verdict};

/// The whole report.
pub fn render(suite: &Suite) -> String {
    let counts = suite.counts();
    let mut out = format!("TAP version 14\n1..{}\n", counts.requests);
    let mut number = 0;
    for file in &suite.files {
        let _ = writeln!(out, "# {}", description(&file.title()));
        for case in &file.cases {
            number += 1;
            test_point(&mut out, number, file, case);
        }
    }
    if suite.interrupted {
        out.push_str("Bail out! interrupted\n");
    } else {
        let _ = writeln!(
            out,
            "# {} passed, {} failed, {} skipped",
            counts.passed, counts.failed, counts.skipped
        );
    }
    out
}

fn test_point(out: &mut String, number: usize, file: &FileRun, case: &Case) {
    let name = description(&format!("{}: {}", file.title(), case.name));
    match &case.verdict {
        Verdict::Passed => {
            let _ = writeln!(out, "ok {number} - {name}");
            if case.flaky {
                diagnostic(out, file, case, None);
            }
        }
        Verdict::Failed { reason } => {
            let _ = writeln!(out, "not ok {number} - {name}");
            diagnostic(out, file, case, Some(reason));
        }
        Verdict::Skipped { reason } => {
            let _ = writeln!(out, "ok {number} - {name} # SKIP {}", description(reason));
        }
    }
}

/// A test point's description on one line, `#` and `\` escaped as TAP 14 asks (an
/// unescaped `#` would start a directive).
fn description(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '#' => out.push_str("\\#"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A YAML string scalar: JSON's double-quoted form.
fn scalar(text: &str) -> String {
    serde_json::Value::String(visible(text).into_owned()).to_string()
}

fn diagnostic(out: &mut String, file: &FileRun, case: &Case, reason: Option<&str>) {
    out.push_str("  ---\n");
    if let Some(reason) = reason {
        let _ = writeln!(out, "  message: {}", scalar(reason));
        out.push_str("  severity: \"fail\"\n");
    } else {
        let message = format!("passed after {} attempts", case.attempts);
        let _ = writeln!(out, "  message: {}", scalar(&message));
        out.push_str("  severity: \"flaky\"\n");
    }
    let _ = writeln!(out, "  file: {}", scalar(&case.file));
    let _ = writeln!(out, "  line: {}", case.line);
    if let Some(row) = &file.row {
        let _ = writeln!(out, "  row: {}", scalar(row));
    }
    let _ = writeln!(
        out,
        "  request: {}",
        scalar(&format!("{} {}", case.method, case.url))
    );
    let failed: Vec<_> = case.checks.iter().filter(|c| !c.passed).collect();
    if !failed.is_empty() {
        out.push_str("  checks:\n");
        for check in failed {
            let _ = writeln!(out, "    - name: {}", scalar(&check.name));
            if let Some(detail) = &check.detail {
                let _ = writeln!(out, "      actual: {}", scalar(detail));
            }
        }
    }
    exchange_fields(out, case);
    let _ = writeln!(out, "  attempts: {}", case.attempts);
    let _ = writeln!(out, "  duration_ms: {}", millis(case.timing.total));
    out.push_str("  ...\n");
}

fn exchange_fields(out: &mut String, case: &Case) {
    let Some(exchange) = &case.exchange else {
        return;
    };
    if let Some(status) = exchange.status {
        let _ = writeln!(out, "  status: {status}");
    }
    if let Some(id) = &exchange.request_id {
        let _ = writeln!(out, "  request_id: {}", scalar(id));
    }
    if let Some(body) = &exchange.response_body {
        let _ = writeln!(out, "  body: {}", scalar(body));
    }
}

#[cfg(test)]
#[path = "tap_tests.rs"]
mod tests;
