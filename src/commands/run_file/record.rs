//! A request of the file as a test case (`hit test`): what was sent and received, redacted
//! as hit shows it, whether it passed, and what each check found.

use std::time::Duration;

use anyhow::Result;

use super::failure::{self, Named};
use super::parse::Request;
use crate::commands::test::report::{self, Case, Check, Exchange, Timing, Verdict};
use crate::error::{Exit, HitError, Outcome};
use crate::exchange::Kept;
use crate::output::{self, redact};
use crate::settings::{Redaction, RequestSpec, SpecBody, Step};

/// What a case keeps of the request as sent: its head and the start of its body, redacted.
#[derive(Debug, Clone, Default)]
pub struct Sent {
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// The checks, filled in.
    pub checks: Vec<String>,
}

impl Sent {
    pub fn new(spec: &RequestSpec, redaction: &Redaction) -> Sent {
        let headers = spec
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = redact::header(redaction, name, value.as_bytes());
                (name.clone(), shown.unwrap_or_else(|| value.clone()))
            })
            .collect();
        let body = match &spec.body {
            Some(SpecBody::Text(text)) => Some(excerpt(redaction, text.as_bytes()).0),
            Some(SpecBody::Bytes(bytes)) => Some(excerpt(redaction, bytes).0),
            Some(SpecBody::File(path)) => Some(format!("< {}", path.display())),
            // A WebSocket's messages, as the file writes them.
            None if !spec.messages.is_empty() => {
                Some(excerpt(redaction, messages(&spec.messages).as_bytes()).0)
            }
            None => None,
        };
        Sent {
            headers,
            body,
            checks: spec.checks.clone(),
        }
    }
}

/// A WebSocket's messages as a `.http` file writes them: `===` between two messages,
/// `=== wait-for-server` where a reply is waited for.
fn messages(steps: &[Step]) -> String {
    let mut written = String::new();
    let mut after_message = false;
    for step in steps {
        match step {
            Step::Send(text) => {
                if after_message {
                    written.push_str("===\n");
                }
                written.push_str(text);
                written.push('\n');
                after_message = true;
            }
            Step::WaitForServer => {
                written.push_str("=== wait-for-server\n");
                after_message = false;
            }
        }
    }
    written
}

/// The request's case. `code` is its exit code as the run decided it; `kept` its response,
/// when one came.
pub fn case(
    file: &str,
    request: &Request,
    named: &Named,
    result: &Result<Option<Outcome>>,
    code: Exit,
    kept: Option<&Kept>,
    took: Duration,
) -> Case {
    let status = kept.and_then(|k| k.status);
    let verdict = if code == Exit::Success {
        Verdict::Passed
    } else {
        let id = kept.and_then(|k| output::request_id(&k.headers));
        let shown = status.map(|status| match id {
            Some((_, id)) => format!("{status} (request id: {id})"),
            None => status.to_string(),
        });
        let why =
            failure::why(result, shown).map_or_else(|| "failed".to_string(), failure::Why::text);
        Verdict::Failed {
            reason: redact::values(&named.redaction, &why).into_owned(),
        }
    };
    // `# @retry`: a pass after a failed attempt is flaky.
    let attempts = match result {
        Ok(Some(outcome)) => outcome.attempts.max(1),
        _ => 1,
    };
    let (method, url) = named
        .request
        .split_once(' ')
        .map_or((request.method.clone(), named.request.clone()), |(m, u)| {
            (m.to_string(), u.to_string())
        });
    Case {
        name: title(request, &named.request),
        method,
        url,
        file: file.to_string(),
        line: request.line(),
        verdict,
        checks: checks(
            &named.sent.checks,
            result,
            code == Exit::Success,
            &named.redaction,
        ),
        attempts,
        flaky: code == Exit::Success && attempts > 1,
        timing: timing(kept, took),
        exchange: exchange(named, kept),
        captures: Vec::new(),
    }
}

/// The script tests that passed, as checks that held (the failed ones are among the
/// failure's lines already).
pub fn passed_tests(case: &mut Case, names: Vec<String>) {
    case.checks.extend(names.into_iter().map(|name| Check {
        name: format!("test '{name}'"),
        passed: true,
        detail: None,
    }));
}

/// The exchange's phases as measured; `took` (the whole request, scripts included) when
/// no response came.
fn timing(kept: Option<&Kept>, took: Duration) -> Timing {
    match kept.and_then(|k| k.timing.as_ref()) {
        Some(t) => Timing {
            // A response whose body was not read to its end has no total of its own.
            total: if t.total.is_zero() { took } else { t.total },
            ttfb: Some(t.ttfb),
            dns: t.dns(),
            connect: t.connect(),
            tls: t.tls(),
        },
        None => Timing {
            total: took,
            ..Timing::default()
        },
    }
}

/// A request that was not sent, and why.
pub fn skipped(file: &str, request: &Request, reason: String) -> Case {
    Case {
        name: super::tally::what(request),
        method: request.method.clone(),
        url: request.url.text.clone(),
        file: file.to_string(),
        line: request.line(),
        verdict: Verdict::Skipped { reason },
        checks: Vec::new(),
        attempts: 0,
        flaky: false,
        timing: Timing::default(),
        exchange: None,
        captures: Vec::new(),
    }
}

/// `# @name`, else the `###` title, else `METHOD URL`.
fn title(request: &Request, written: &str) -> String {
    request
        .name
        .clone()
        .or_else(|| request.title.clone())
        .unwrap_or_else(|| written.to_string())
}

/// Each check with its verdict: a failed one carries its line (`check failed: EXPR (.a
/// is 2)`); script tests and assertions that failed follow, one each.
/// `ran`: the response was one the checks decide on (not a 4xx/5xx they leave alone).
fn checks(
    exprs: &[String],
    result: &Result<Option<Outcome>>,
    ran: bool,
    redaction: &Redaction,
) -> Vec<Check> {
    let failed: &[String] = match result {
        Err(err) => match err.downcast_ref::<HitError>() {
            Some(HitError::Check(lines)) => lines,
            // The checks did not run: the request failed before them.
            _ => return Vec::new(),
        },
        Ok(_) if !ran => return Vec::new(),
        Ok(_) => &[],
    };
    let shown = |text: &str| redact::values(redaction, text).into_owned();
    let mut placed = vec![false; failed.len()];
    let mut checks: Vec<Check> = exprs
        .iter()
        .map(|expr| {
            let prefix = format!("check failed: {expr}");
            // The line of this check, not of a longer one it begins: `check failed: EXPR`
            // then the end, ` (…)` or ` yielded …`.
            let at = (0..failed.len()).find(|&at| {
                let rest = failed[at].strip_prefix(&prefix);
                !placed[at]
                    && rest.is_some_and(|r| {
                        r.is_empty() || r.starts_with(" (") || r.starts_with(" yielded ")
                    })
            });
            if let Some(at) = at {
                placed[at] = true;
            }
            Check {
                name: shown(expr),
                passed: at.is_none(),
                detail: at.map(|at| shown(found(&failed[at][prefix.len()..]))),
            }
        })
        .collect();
    for (line, _) in failed.iter().zip(&placed).filter(|(_, placed)| !**placed) {
        checks.push(Check {
            name: shown(line),
            passed: false,
            detail: Some(shown(line)),
        });
    }
    checks
}

/// What a failed check's line says was found: `.a is 2` of `check failed: .a == 1 (.a is
/// 2)`, or `yielded null, not true or false`.
fn found(rest: &str) -> &str {
    let rest = rest.trim();
    rest.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(rest)
}

/// The heads and the start of the bodies, as shown.
fn exchange(named: &Named, kept: Option<&Kept>) -> Option<Exchange> {
    let redaction = &named.redaction;
    let mut exchange = Exchange {
        request_headers: named.sent.headers.clone(),
        request_body: named.sent.body.clone(),
        ..Exchange::default()
    };
    let Some(kept) = kept.filter(|k| k.status.is_some()) else {
        return Some(exchange);
    };
    let status = kept.status?;
    exchange.status = Some(status.as_u16());
    exchange.version = kept
        .version
        .map(|v| crate::http::version_name(v).to_string());
    exchange.reason = status.canonical_reason().map(str::to_owned);
    exchange.response_headers = kept
        .headers
        .iter()
        .map(|(name, value)| {
            let shown = redact::header(redaction, name.as_str(), value.as_bytes());
            let value = shown.unwrap_or_else(|| String::from_utf8_lossy(value.as_bytes()).into());
            (name.as_str().to_string(), value)
        })
        .collect();
    exchange.request_id = output::request_id(&kept.headers).map(|(_, id)| id);
    if let Some(body) = &kept.body {
        let (text, cut) = excerpt(redaction, body);
        exchange.response_body = Some(text);
        exchange.response_body_cut = cut;
    }
    Some(exchange)
}

/// The start of a body as text (lossily), redacted, and whether it was cut. The whole
/// text is redacted before it is cut: a secret across the cut would not be found after.
fn excerpt(redaction: &Redaction, body: &[u8]) -> (String, bool) {
    let text = String::from_utf8_lossy(body);
    let shown = redact::values(redaction, &text);
    if shown.len() <= report::EXCERPT {
        return (shown.into_owned(), false);
    }
    let mut end = report::EXCERPT;
    while !shown.is_char_boundary(end) {
        end -= 1;
    }
    (shown[..end].to_string(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_written_as_the_file_writes_them() {
        let steps = [
            Step::Send("{\"a\": 1}".into()),
            Step::Send("two".into()),
            Step::WaitForServer,
            Step::Send("three".into()),
            Step::WaitForServer,
        ];
        assert_eq!(
            messages(&steps),
            "{\"a\": 1}\n===\ntwo\n=== wait-for-server\nthree\n=== wait-for-server\n"
        );
    }
}
