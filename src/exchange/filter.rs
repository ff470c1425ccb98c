//! `--jq` and `--check` after the exchange: the body is read whole (one NDJSON value at a
//! time with `--stream` or an NDJSON body), the filter's results printed and the checks
//! evaluated. The status decides first: the body of an error status is filtered when it is
//! JSON, and not checked, unless a check names `$__status` (then the checks decide).
//!
//! The filter and the checks run on their own thread (`jq::Worker`), awaited here next to
//! `-m` (and, in `main`, Ctrl-C); their results are printed as they come.

use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use bytes::Bytes;
use reqwest::header::CONTENT_TYPE;

use crate::error::{Exit, HitError};
use crate::facts::is_success;
use crate::http::media::media_type;
use crate::http::{ResponseHead, header_text};
use crate::jq::{self, Context, Finished, Job, Piece, RunError, Worker};
use crate::output::Printer;
use crate::settings::{FilterSettings, Settings};
use crate::transport::Incoming;
use crate::transport::limits::Limits;

/// The most of a body `--jq` and `--check` hold: jaq keeps the whole value in memory.
/// Building the whole value takes about 15 times the body's size.
pub(super) const BODY_LIMIT: usize = 128 << 20;

/// The thread the filter and checks run on.
type FilterThread = Worker<Job, Finished>;

/// Starts the thread for FILTER.
fn start(filter: &Arc<FilterSettings>) -> Result<FilterThread> {
    let filter = filter.clone();
    let too_deep = if filter.program.is_some() {
        jq::JQ_TOO_DEEP
    } else {
        jq::CHECK_TOO_DEEP
    };
    Worker::start(too_deep, move |job, out| filter.filters().run(job, out))
        .context("cannot start the filter's thread")
}

/// Filters and checks the body. Returns its size and the lines of the checks that failed.
pub async fn deliver(
    settings: &Settings,
    filter: &Arc<FilterSettings>,
    incoming: &mut Incoming,
    limits: Limits,
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
        thread: start(filter)?,
        limits,
    };
    if !(settings.output.stream || ndjson) {
        // Reading stops past the limit: an endless body is not read to its end.
        let Some(whole) = incoming.hold(BODY_LIMIT).await? else {
            bail!(
                "{}: the response body is over {} MiB, the most {} holds in memory (it \
                 stopped reading there); for NDJSON add --stream",
                body.flag(),
                BODY_LIMIT >> 20,
                body.flag()
            );
        };
        let size = whole.len() as u64;
        body.value(whole, printer).await?;
        return Ok((size, body.failed));
    }
    let (mut size, mut line) = (0u64, Vec::new());
    while let Some(chunk) = incoming.chunk().await? {
        size += chunk.len() as u64;
        let mut rest = &chunk[..];
        while let Some(end) = memchr::memchr(b'\n', rest) {
            line.extend_from_slice(&rest[..end]);
            body.line(&line, printer).await?;
            line.clear();
            rest = &rest[end + 1..];
        }
        line.extend_from_slice(rest);
        if line.len() > BODY_LIMIT {
            bail!(
                "{}: an NDJSON line is over {} MiB, the most {} holds in memory",
                body.flag(),
                BODY_LIMIT >> 20,
                body.flag()
            );
        }
    }
    body.line(&line, printer).await?;
    // A stream without a value still answers the checks: they see null, as for no body.
    if body.values == 0 {
        body.value(Bytes::new(), printer).await?;
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

/// For `--retry-on check`: the first check that fails on a JSON body (or NDJSON, or any
/// sequence of JSON values), as its line. A body that is not JSON is for the delivery to
/// report.
pub(super) async fn first_failure(
    filter: &Arc<FilterSettings>,
    head: &ResponseHead,
    body: Bytes,
    limits: Limits,
) -> Result<Option<String>> {
    let mut thread = start(filter)?;
    let job = Job {
        text: body,
        context: context(head),
        filter: false,
        checks: true,
    };
    // What a check writes to stderr is shown when the body is delivered.
    let mut ignore = |_: Piece, _: &[u8]| Ok(());
    let run = thread.run(job, &mut ignore);
    let finished = limits
        .bound(run, false)
        .await
        .map_err(|expired| timed_out("--check", expired))??;
    Ok(finished
        .checks
        .ok()
        .and_then(|lines| lines.into_iter().next()))
}

fn timed_out(flag: &str, expired: crate::transport::limits::Expired) -> anyhow::Error {
    let what = expired.describe("no output");
    HitError::Timeout(format!("{flag}: {what} while the filter ran")).into()
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
    thread: FilterThread,
    limits: Limits,
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
    async fn line(&mut self, line: &[u8], printer: &mut Printer) -> Result<()> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        self.values += 1;
        self.value(Bytes::from([line, b"\n"].concat()), printer)
            .await
    }

    /// A whole body, or one NDJSON line: filtered, or with checks alone shown as it came;
    /// then checked.
    async fn value(&mut self, text: Bytes, printer: &mut Printer) -> Result<()> {
        if self.filter.program.is_none() && printer.wants_body() {
            printer.whole_body(&text, self.content_type.as_deref())?;
        }
        let (flag, limits) = (self.flag(), self.limits);
        let job = Job {
            text,
            context: self.context.clone(),
            filter: printer.wants_body(),
            checks: !self.status_decides,
        };
        let mut show = |piece: Piece, bytes: &[u8]| match piece {
            Piece::Json => printer.filter_result(bytes, false),
            Piece::Text => printer.filter_result(bytes, true),
            Piece::Stderr => printer.filter_stderr(bytes),
        };
        let run = self.thread.run(job, &mut show);
        let finished = limits
            .bound(run, false)
            .await
            .map_err(|expired| timed_out(flag, expired))??;
        self.finished(finished)
    }

    /// What the thread's job came to: an error, or the lines of the checks that failed.
    fn finished(&mut self, finished: Finished) -> Result<()> {
        let flag = self.flag();
        match finished.unread {
            None => {}
            // An error page is the status's to report.
            Some(RunError::NotJson(_)) if self.status_decides => return Ok(()),
            Some(RunError::NotJson(_)) => {
                let content_type = self.content_type.as_deref().unwrap_or("none");
                bail!("{flag}: the response body is not JSON (Content-Type: {content_type})")
            }
            Some(err) => bail!("{flag}: {err}"),
        }
        match finished.filter {
            // jq's `halt`: the filter stops, quietly.
            Ok(()) | Err(RunError::Halt(0)) => {}
            // On an error status the status decides, not a filter meant for success.
            Err(_) if self.status_decides => {}
            Err(RunError::Halt(code)) => return Err(HitError::Halted(Exit::halted(code)).into()),
            Err(err) => bail!("--jq: {err}"),
        }
        match finished.checks {
            Ok(lines) => self.failed.extend(lines),
            Err(RunError::Halt(0)) => {}
            Err(RunError::Halt(code)) => return Err(HitError::Halted(Exit::halted(code)).into()),
            Err(err) => bail!("--check: {err}"),
        }
        Ok(())
    }
}
