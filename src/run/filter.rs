//! `--jq` and `--check` after the exchange: the body is read whole (one NDJSON value at a
//! time with `--stream` or an NDJSON body), the filter's results printed and the checks
//! evaluated. The status decides first: the body of an error status is filtered when it is
//! JSON, and not checked, unless a check names `$__status` (then the checks decide).

use anyhow::{Result, bail};
use reqwest::header::CONTENT_TYPE;

use crate::http::facts::is_success;
use crate::http::media::media_type;
use crate::http::{ResponseHead, header_text};
use crate::jq::{Context, Json, RunError};
use crate::output::Printer;
use crate::settings::{FilterSettings, Settings};
use crate::transport::Incoming;

/// The most of a body `--jq` and `--check` hold: jaq keeps the whole value in memory.
/// Building the whole value takes about 15 times the body's size.
pub(super) const BODY_LIMIT: usize = 128 << 20;

/// Filters and checks the body. Returns its size and the lines of the checks that failed.
pub async fn deliver(
    settings: &Settings,
    filter: &FilterSettings,
    incoming: &mut Incoming,
    printer: &mut Printer,
) -> Result<(u64, Vec<String>)> {
    let head = &incoming.head;
    let content_type = header_text(&head.headers, CONTENT_TYPE);
    let ndjson = content_type.as_deref().map(media_type).as_deref() == Some("application/x-ndjson");
    let mut body = Body {
        filter,
        context: context(head),
        status_decides: status_decides(settings, head.status.as_u16()),
        content_type,
        failed: Vec::new(),
        values: 0,
    };
    if !(settings.output.stream || ndjson) {
        let (whole, size) = incoming.read_up_to(BODY_LIMIT).await?;
        let Some(whole) = whole else {
            bail!(
                "{} holds the whole body, and this one is over {} MiB; for NDJSON add --stream",
                body.flag(),
                BODY_LIMIT >> 20
            );
        };
        body.value(&whole, printer)?;
        return Ok((size, body.failed));
    }
    let (mut size, mut line) = (0u64, Vec::new());
    while let Some(chunk) = incoming.chunk().await? {
        size += chunk.len() as u64;
        let mut rest = &chunk[..];
        while let Some(end) = memchr::memchr(b'\n', rest) {
            line.extend_from_slice(&rest[..end]);
            body.line(&line, printer)?;
            line.clear();
            rest = &rest[end + 1..];
        }
        line.extend_from_slice(rest);
        if line.len() > BODY_LIMIT {
            bail!(
                "{}: an NDJSON line is over {} MiB",
                body.flag(),
                BODY_LIMIT >> 20
            );
        }
    }
    body.line(&line, printer)?;
    // A stream without a value still answers the checks: they see null, as for no body.
    if body.values == 0 {
        body.value(b"", printer)?;
    }
    Ok((size, body.failed))
}

/// Whether the status decides the exit code before any check runs: a status that is not a
/// success, unless `--ignore-status` is given or a check names `$__status` (and `--fail` is
/// not given).
pub(super) fn status_decides(settings: &Settings, status: u16) -> bool {
    // `--fail` skips an error's body: its status decides.
    let checks_decide =
        !settings.output.fail && settings.filter.as_ref().is_some_and(|f| f.checks_decide());
    !settings.output.ignore_status && !checks_decide && !is_success(status)
}

/// For `--retry-on check`: the first check that fails on a JSON body, as its line. A body
/// that is not JSON is for the delivery to report.
pub(super) fn first_failure(
    filter: &FilterSettings,
    head: &ResponseHead,
    body: &[u8],
) -> Option<String> {
    let json = Json::parse(body).ok()?;
    let context = context(head);
    let mut checks = filter.checks.iter();
    checks.find_map(|check| check.evaluate_json(&json, &context).ok().flatten())
}

/// What the filter and checks see of the response.
fn context(head: &ResponseHead) -> Context {
    let headers = head.headers.iter();
    Context {
        status: head.status.as_u16(),
        headers: headers
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), value)
            })
            .collect(),
        url: head.url.to_string(),
    }
}

/// One response's filtering under way.
struct Body<'a> {
    filter: &'a FilterSettings,
    context: Context,
    status_decides: bool,
    content_type: Option<String>,
    failed: Vec<String>,
    /// NDJSON values seen.
    values: u64,
}

impl Body<'_> {
    /// The option the messages name.
    fn flag(&self) -> &'static str {
        if self.filter.program.is_some() {
            "--jq"
        } else {
            "--check"
        }
    }

    /// One NDJSON line; blank ones are skipped.
    fn line(&mut self, line: &[u8], printer: &mut Printer) -> Result<()> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        self.values += 1;
        self.value(&[line, b"\n"].concat(), printer)
    }

    /// A whole body, or one NDJSON line: filtered, or with checks alone shown as it came;
    /// then checked.
    fn value(&mut self, text: &[u8], printer: &mut Printer) -> Result<()> {
        if self.filter.program.is_none() && printer.wants_body() {
            printer.whole_body(text, self.content_type.as_deref())?;
        }
        self.filtered(text, printer)
    }

    /// Filters and checks one JSON text.
    fn filtered(&mut self, text: &[u8], printer: &mut Printer) -> Result<()> {
        let flag = self.flag();
        // No body (a 204, a HEAD): nothing to filter, as jq reads no value from empty input;
        // checks see null, so that `$__status == 204` can hold.
        let empty = text.iter().all(u8::is_ascii_whitespace);
        let json = match Json::parse(if empty { b"null" } else { text }) {
            Ok(json) => json,
            // An error page is the status's to report.
            Err(RunError::NotJson(_)) if self.status_decides => return Ok(()),
            Err(RunError::NotJson(_)) => {
                let content_type = self.content_type.as_deref().unwrap_or("none");
                bail!("{flag}: the response body is not JSON (Content-Type: {content_type})")
            }
            Err(err) => bail!("{flag}: {err}"),
        };
        let program = self.filter.program.as_ref();
        if let Some(program) = program.filter(|_| printer.wants_body() && !empty) {
            // The printer's own error (a closed stdout) is kept whole for its exit code.
            let mut printing = None;
            let ran = program.run_json(&json, &self.context, self.filter.raw, &mut |out, text| {
                printer.filter_result(out, text).map_err(|err| {
                    printing = Some(err);
                    std::io::Error::other("stdout")
                })
            });
            if let Some(err) = printing {
                return Err(err);
            }
            match ran {
                // jq's `halt`: the filter stops, quietly.
                Ok(()) | Err(RunError::Halt(0)) => {}
                // On an error status the status decides, not a filter meant for success.
                Err(_) if self.status_decides => {}
                Err(err) => bail!("--jq: {err}"),
            }
        }
        if !self.status_decides {
            for check in &self.filter.checks {
                if let Some(line) = check.evaluate_json(&json, &self.context)? {
                    self.failed.push(line);
                }
            }
        }
        Ok(())
    }
}
