//! The HTML report: one self-contained page (`DIR/index.html`) that opens offline. Inline
//! CSS only, no script, no link, no image: a Content-Security-Policy of `default-src 'none'`
//! makes the browser refuse any fetch a hostile body might still smuggle in. Each case is a
//! `<details>`, opened when it failed, so the page reads at a glance and unfolds on demand.

use std::fmt::Write as _;

use super::text::{human, markup, request_text, response_text, rfc3339};
use super::{Case, Counts, FileRun, Suite, Verdict};

const STYLE: &str = "\
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#1b1f24;background:#fff}\
header{border-radius:6px;padding:.6rem 1rem;color:#fff}\
header.passed{background:#1a7f37}header.failed{background:#cf222e}\
header h1{margin:0;font-size:1.3rem}header p{margin:.2rem 0 0}\
.banner{background:#9a6700;color:#fff;padding:.5rem 1rem;border-radius:6px;margin-top:.6rem;font-weight:600}\
h2{font-size:1.05rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #d0d7de}\
h2 small{font-weight:400;color:#57606a}\
details{border:1px solid #d0d7de;border-left-width:5px;border-radius:4px;margin:.3rem 0;padding:.2rem .6rem}\
details.passed{border-left-color:#1a7f37}details.failed{border-left-color:#cf222e}details.skipped{border-left-color:#8c959f}\
summary{cursor:pointer}summary code{color:#57606a}\
.verdict{display:inline-block;min-width:3.2rem;font-weight:700}\
.passed .verdict{color:#1a7f37}.failed .verdict{color:#cf222e}.skipped .verdict{color:#57606a}\
.flaky{color:#9a6700;font-weight:600}.time{float:right;color:#57606a}\
.reason{color:#cf222e;font-weight:600}li.fail{color:#cf222e}li.pass{color:#1a7f37}\
pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}\
h3{font-size:.9rem;margin:.6rem 0 .2rem}";

/// The whole page.
pub fn render(suite: &Suite) -> String {
    let counts = suite.counts();
    let outcome = if counts.failed > 0 || suite.interrupted {
        "failed"
    } else {
        "passed"
    };
    let mut out = String::with_capacity(8192);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>hit test: {}</title>", summary(&counts));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<header class=\"{outcome}\"><h1>hit test: {outcome}</h1><p class=\"counts\">{} in {}, {} files, started {}</p></header>",
        summary(&counts),
        human(suite.duration),
        counts.files,
        rfc3339(suite.started),
    );
    if suite.interrupted {
        out.push_str("<p class=\"banner\" role=\"alert\">Interrupted (Ctrl-C): requests that had not run are not shown.</p>\n");
    }
    out.push_str("<main>\n");
    for file in &suite.files {
        section(&mut out, file);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// `4 requests: 3 passed, 1 failed, 0 skipped (1 flaky)`.
fn summary(counts: &Counts) -> String {
    let mut text = format!(
        "{} requests: {} passed, {} failed, {} skipped",
        counts.requests, counts.passed, counts.failed, counts.skipped
    );
    if counts.flaky > 0 {
        let _ = write!(text, " ({} flaky)", counts.flaky);
    }
    text
}

fn section(out: &mut String, file: &FileRun) {
    let counts = file.counts();
    let _ = writeln!(
        out,
        "<section class=\"file\">\n<h2>{} <small>{}, {}</small></h2>",
        markup(&file.title()),
        summary(&counts),
        human(file.duration),
    );
    for case in &file.cases {
        details(out, case);
    }
    out.push_str("</section>\n");
}

fn details(out: &mut String, case: &Case) {
    let (class, label) = match &case.verdict {
        Verdict::Passed => ("passed", "PASS"),
        Verdict::Failed { .. } => ("failed", "FAIL"),
        Verdict::Skipped { .. } => ("skipped", "SKIP"),
    };
    let open = if class == "failed" { " open" } else { "" };
    let _ = write!(
        out,
        "<details class=\"case {class}\"{open}>\n<summary><span class=\"verdict\">{label}</span> {} <code>{} {}</code>",
        markup(&case.name),
        markup(&case.method),
        markup(&case.url),
    );
    if case.flaky {
        let _ = write!(
            out,
            " <span class=\"flaky\">flaky: {} attempts</span>",
            case.attempts
        );
    }
    let _ = writeln!(
        out,
        " <span class=\"time\">{}</span></summary>",
        human(case.timing.total)
    );
    if let Verdict::Failed { reason } | Verdict::Skipped { reason } = &case.verdict {
        let _ = writeln!(out, "<p class=\"reason\">{}</p>", markup(reason));
    }
    let _ = writeln!(
        out,
        "<p class=\"where\">{}:{}</p>",
        markup(&case.file),
        case.line
    );
    checks(out, case);
    exchange(out, case);
    captures(out, case);
    out.push_str("</details>\n");
}

fn captures(out: &mut String, case: &Case) {
    if case.captures.is_empty() {
        return;
    }
    out.push_str("<h3>Captured</h3>\n<ul class=\"captures\">\n");
    for (name, value) in &case.captures {
        let _ = writeln!(
            out,
            "<li><code>{}</code> = <code>{}</code></li>",
            markup(name),
            markup(value)
        );
    }
    out.push_str("</ul>\n");
}

fn checks(out: &mut String, case: &Case) {
    if case.checks.is_empty() {
        return;
    }
    out.push_str("<ul class=\"checks\">\n");
    for check in &case.checks {
        let class = if check.passed { "pass" } else { "fail" };
        let mark = if check.passed { "✓" } else { "✗" };
        let _ = write!(out, "<li class=\"{class}\">{mark} {}", markup(&check.name));
        if let Some(detail) = &check.detail {
            let _ = write!(out, ": {}", markup(detail));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn exchange(out: &mut String, case: &Case) {
    let Some(exchange) = &case.exchange else {
        return;
    };
    let _ = writeln!(
        out,
        "<h3>Request</h3>\n<pre class=\"request\">{}</pre>",
        markup(&request_text(case))
    );
    let _ = write!(
        out,
        "<h3>Response</h3>\n<pre class=\"response\">{}</pre>\n",
        markup(&response_text(exchange))
    );
    if let Some(id) = &exchange.request_id {
        let _ = writeln!(
            out,
            "<p class=\"request-id\">Request ID: <code>{}</code></p>",
            markup(id)
        );
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
