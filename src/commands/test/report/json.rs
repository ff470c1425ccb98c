//! The JSON report: one document per run with every case, its checks, timings, exchange
//! and captures. Its shape is docs/test-report.schema.json (`"version": 1`); a change that
//! breaks a reader bumps the version.

use serde::Serialize;
use serde_json::{Map, Value};

use super::text::{millis, rfc3339};
use super::{Case, Check, Counts, Exchange, FileRun, Suite, Timing, Verdict};

/// The document's version: readers check it before trusting the shape.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    started: String,
    duration_ms: f64,
    interrupted: bool,
    counts: CountsJson,
    files: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct CountsJson {
    files: usize,
    requests: usize,
    passed: usize,
    failed: usize,
    skipped: usize,
    flaky: usize,
    checks: usize,
    checks_failed: usize,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    row: Option<&'a str>,
    title: String,
    duration_ms: f64,
    counts: CountsJson,
    cases: Vec<CaseJson<'a>>,
}

#[derive(Serialize)]
struct CaseJson<'a> {
    name: &'a str,
    method: &'a str,
    url: &'a str,
    file: &'a str,
    line: usize,
    verdict: &'static str,
    reason: Option<&'a str>,
    checks: Vec<CheckJson<'a>>,
    attempts: u32,
    flaky: bool,
    timing: TimingJson,
    exchange: Option<ExchangeJson<'a>>,
    captures: Map<String, Value>,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    name: &'a str,
    passed: bool,
    detail: Option<&'a str>,
}

#[derive(Serialize)]
struct TimingJson {
    total_ms: f64,
    ttfb_ms: Option<f64>,
    dns_ms: Option<f64>,
    connect_ms: Option<f64>,
    tls_ms: Option<f64>,
}

#[derive(Serialize)]
struct ExchangeJson<'a> {
    request: RequestJson<'a>,
    response: ResponseJson<'a>,
    request_id: Option<&'a str>,
}

#[derive(Serialize)]
struct RequestJson<'a> {
    headers: Vec<HeaderJson<'a>>,
    body: Option<&'a str>,
}

#[derive(Serialize)]
struct ResponseJson<'a> {
    version: Option<&'a str>,
    status: Option<u16>,
    reason: Option<&'a str>,
    headers: Vec<HeaderJson<'a>>,
    body: Option<&'a str>,
    body_cut: bool,
}

#[derive(Serialize)]
struct HeaderJson<'a> {
    name: &'a str,
    value: &'a str,
}

/// The whole report, pretty-printed (people read it too), ending with a line break.
pub fn render(suite: &Suite) -> String {
    let document = Document {
        version: VERSION,
        started: rfc3339(suite.started),
        duration_ms: millis(suite.duration),
        interrupted: suite.interrupted,
        counts: counts(suite.counts()),
        files: suite.files.iter().map(file).collect(),
    };
    // Plain data with string keys: serializing it cannot fail.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

fn counts(counts: Counts) -> CountsJson {
    CountsJson {
        files: counts.files,
        requests: counts.requests,
        passed: counts.passed,
        failed: counts.failed,
        skipped: counts.skipped,
        flaky: counts.flaky,
        checks: counts.checks,
        checks_failed: counts.checks_failed,
    }
}

fn file(file: &FileRun) -> FileJson<'_> {
    FileJson {
        path: &file.path,
        row: file.row.as_deref(),
        title: file.title(),
        duration_ms: millis(file.duration),
        counts: counts(file.counts()),
        cases: file.cases.iter().map(case).collect(),
    }
}

fn case(case: &Case) -> CaseJson<'_> {
    let (verdict, reason) = match &case.verdict {
        Verdict::Passed => ("passed", None),
        Verdict::Failed { reason } => ("failed", Some(reason.as_str())),
        Verdict::Skipped { reason } => ("skipped", Some(reason.as_str())),
    };
    CaseJson {
        name: &case.name,
        method: &case.method,
        url: &case.url,
        file: &case.file,
        line: case.line,
        verdict,
        reason,
        checks: case.checks.iter().map(check).collect(),
        attempts: case.attempts,
        flaky: case.flaky,
        timing: timing(&case.timing),
        exchange: case.exchange.as_ref().map(exchange),
        captures: case
            .captures
            .iter()
            .map(|(name, value)| (name.clone(), Value::String(value.clone())))
            .collect(),
    }
}

fn check(check: &Check) -> CheckJson<'_> {
    CheckJson {
        name: &check.name,
        passed: check.passed,
        detail: check.detail.as_deref(),
    }
}

fn timing(timing: &Timing) -> TimingJson {
    TimingJson {
        total_ms: millis(timing.total),
        ttfb_ms: timing.ttfb.map(millis),
        dns_ms: timing.dns.map(millis),
        connect_ms: timing.connect.map(millis),
        tls_ms: timing.tls.map(millis),
    }
}

fn exchange(exchange: &Exchange) -> ExchangeJson<'_> {
    ExchangeJson {
        request: RequestJson {
            headers: headers(&exchange.request_headers),
            body: exchange.request_body.as_deref(),
        },
        response: ResponseJson {
            version: exchange.version.as_deref(),
            status: exchange.status,
            reason: exchange.reason.as_deref(),
            headers: headers(&exchange.response_headers),
            body: exchange.response_body.as_deref(),
            body_cut: exchange.response_body_cut,
        },
        request_id: exchange.request_id.as_deref(),
    }
}

fn headers(headers: &[(String, String)]) -> Vec<HeaderJson<'_>> {
    headers
        .iter()
        .map(|(name, value)| HeaderJson { name, value })
        .collect()
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
