//! The filter after the exchange (`--jq`'s program and `--check`'s checks): the body is read
//! whole (one NDJSON value at a time with `--stream` or an NDJSON body), the program's
//! results printed and the checks evaluated. The status decides first: the body of an error
//! status is filtered when it is JSON, and not checked, unless a check names `$__status`
//! (then the checks decide).
//!
//! The program and the checks run on their own thread (`jq::Worker`, kept for the next
//! response when the job ended), awaited here next to `-m` (and, in `main`, Ctrl-C); their
//! results are printed as they come. A `.http` file's `# @capture` runs there too.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap};

use super::Kept;
use super::send::Exchange;
use crate::error::{Exit, HitError};
use crate::facts::is_success;
use crate::http::media::media_type;
use crate::http::timing::Timing;
use crate::http::{ResponseHead, header_text, version_name};
use crate::jq::{self, Context, Finished, Job, Piece, RunError, Worker};
use crate::output::Printer;
use crate::settings::{FilterSettings, Settings};
use crate::transport::limits::TimeLimits;

#[path = "filter_events.rs"]
mod events;

pub(super) use events::Messages;

/// The most of a body `--jq` and `--check` hold: jaq keeps the whole value in memory.
/// Building the whole value takes about 15 times the body's size.
pub(super) const BODY_LIMIT: usize = 128 << 20;

/// What a filter thread is given: the program and checks over one text, with the line an
/// overflow of its stack ends hit with; or a `# @capture` over a kept body.
enum Task {
    Filter(Arc<FilterSettings>, &'static str, Job),
    Capture(Arc<jq::Capture>, Bytes, Context),
}

type Thread = Worker<Task, Finished>;

/// Filter threads between responses: a run of many requests (`hit run`, `hit test`) reuses
/// them rather than starting a thread with a large stack for every response.
static IDLE: Mutex<Vec<Thread>> = Mutex::new(Vec::new());

/// The most idle threads kept: more files at once than this start their own.
const IDLE_KEPT: usize = 16;

/// A filter thread lent to one response, given back when its last job ended: one left
/// running (`-m`, Ctrl-C, a closed stdout) is told to stop and is not reused.
struct FilterThread {
    thread: Option<Thread>,
    /// The last job ended and its output was all taken.
    idle: bool,
}

impl FilterThread {
    async fn run(
        &mut self,
        task: Task,
        show: &mut dyn FnMut(Piece, &[u8]) -> Result<()>,
    ) -> Result<Finished> {
        let thread = self
            .thread
            .as_mut()
            .context("the filter's thread has stopped")?;
        self.idle = false;
        let finished = thread.run(task, show).await?;
        self.idle = true;
        Ok(finished)
    }
}

impl Drop for FilterThread {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take().filter(|_| self.idle) {
            let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < IDLE_KEPT {
                idle.push(thread);
            }
        }
    }
}

/// A filter thread: an idle one, or a new one. Each task says first what an overflow of
/// the thread's stack ends hit with.
fn lend() -> Result<FilterThread> {
    let idle = IDLE.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let thread = match idle {
        Some(thread) => thread,
        None => Worker::start(jq::JQ_TOO_DEEP, |task: Task, out| match task {
            Task::Filter(filter, too_deep, job) => {
                jq::report_overflow_as(too_deep);
                filter.filters().run(job, out)
            }
            Task::Capture(capture, text, context) => capture.run(&text, &context, out),
        })
        .context("cannot start the filter's thread")?,
    };
    Ok(FilterThread {
        thread: Some(thread),
        idle: true,
    })
}

/// The job of FILTER over one text, with the line an overflow ends hit with.
fn filter_task(filter: &Arc<FilterSettings>, job: Job) -> Task {
    let too_deep = if filter.program.is_some() {
        jq::JQ_TOO_DEEP
    } else {
        jq::CHECK_TOO_DEEP
    };
    Task::Filter(filter.clone(), too_deep, job)
}

/// Filters and checks the body. Returns its size and the lines of the checks that failed.
/// `checked`: the checks' verdict on this body when it was read ahead (`--retry-on check`);
/// they are not run again.
pub async fn deliver(
    settings: &Settings,
    filter: &Arc<FilterSettings>,
    exchange: &mut Exchange,
    started: Instant,
    printer: &mut Printer,
) -> Result<(u64, Vec<String>)> {
    let (limits, checked) = (exchange.limits, exchange.checked.take());
    let timing = exchange.timing;
    let incoming = &mut exchange.incoming;
    let head = &incoming.head;
    let content_type = header_text(&head.headers, CONTENT_TYPE);
    let ndjson = content_type.as_deref().map(media_type).as_deref() == Some("application/x-ndjson");
    let mut body = Filtering {
        filter: filter.clone(),
        context: context(head, timing),
        started,
        status_decides: status_decides(settings, head.status.as_u16()),
        checked: checked.is_some(),
        content_type,
        failed: Vec::new(),
        values: 0,
        thread: lend()?,
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
        body.context.size = size;
        body.value(whole, printer).await?;
        return Ok((size, body.verdict(checked)));
    }
    let (mut size, mut line) = (0u64, Vec::new());
    while let Some(chunk) = incoming.chunk().await? {
        size += chunk.len() as u64;
        body.context.size = size;
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
    Ok((size, body.verdict(checked)))
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

/// For `--retry-on check`: the lines of the checks that fail on a JSON body (or NDJSON, or
/// any sequence of JSON values), read ahead; delivery reports them without running the
/// checks again. `None`: no verdict (a body that is not JSON, a check that stopped), for
/// the delivery to run the checks and report.
pub(super) async fn read_ahead(
    filter: &Arc<FilterSettings>,
    head: &ResponseHead,
    timing: Timing,
    body: Bytes,
    limits: TimeLimits,
) -> Result<Option<Vec<String>>> {
    let mut thread = lend()?;
    let mut context = context(head, timing);
    context.size = body.len() as u64;
    let job = Job {
        text: body,
        context,
        program: false,
        checks: true,
    };
    // What a check writes to stderr is shown when the body is delivered.
    let mut ignore = |_: Piece, _: &[u8]| Ok(());
    let run = thread.run(filter_task(filter, job), &mut ignore);
    let finished = limits
        .bound(run, false)
        .await
        .map_err(|expired| timed_out("--check", expired))??;
    Ok(match finished.unread {
        None => finished.checks.ok(),
        Some(_) => None,
    })
}

/// `# @capture`: CAPTURE's first result over the kept response's body, as text, taken on a
/// filter thread and awaited within the request's `-m` (and, in `main`, Ctrl-C), as `--jq`
/// is. `Ok(Err(why))`: there is none (no body kept, not JSON, an error, nothing or null),
/// for the caller to say which capture. LABEL (`api.http:4: @capture token .token`) leads
/// the line of a timeout.
pub async fn capture(
    capture: &Arc<jq::Capture>,
    kept: &Kept,
    label: &str,
    printer: &mut Printer,
) -> Result<Result<String, String>> {
    let Some(body) = kept.body.as_deref() else {
        let limit = super::KEPT_BODY_LIMIT >> 20;
        return Ok(Err(format!(
            "the body was not kept (it is larger than {limit} MiB)"
        )));
    };
    let context = Context {
        status: kept.status.map_or(0, |s| s.as_u16()),
        headers: header_pairs(&kept.headers),
        url: String::new(),
        version: kept
            .version
            .map(version_name)
            .unwrap_or_default()
            .to_string(),
        size: body.len() as u64,
        timing: kept.timing.unwrap_or_default(),
        event: None,
    };
    let task = Task::Capture(capture.clone(), Bytes::copy_from_slice(body), context);
    let mut value = None;
    let mut show = |piece: Piece, bytes: &[u8]| match piece {
        Piece::Stderr => printer.program_stderr(bytes),
        Piece::Json | Piece::Text => {
            value = Some(String::from_utf8_lossy(bytes).into_owned());
            Ok(())
        }
    };
    let mut thread = lend()?;
    let run = thread.run(task, &mut show);
    let finished = kept
        .limits
        .bound(run, false)
        .await
        .map_err(|expired| timed_out(label, expired))??;
    Ok(match (finished.unread, finished.program) {
        (Some(unread), _) => Err(format!("the body is {unread}")),
        (None, Err(err)) => Err(err.to_string()),
        (None, Ok(())) => value.ok_or_else(|| "it yielded nothing".to_string()),
    })
}

fn timed_out(flag: &str, expired: crate::transport::limits::Expired) -> anyhow::Error {
    let what = expired.describe("no output");
    HitError::Timeout(format!("{flag}: {what} while the filter ran")).into()
}

/// What the program and checks see of the response; the body's size is set as it is read.
fn context(head: &ResponseHead, timing: Timing) -> Context {
    Context {
        version: version_name(head.version).to_string(),
        size: 0,
        timing,
        status: head.status.as_u16(),
        headers: header_pairs(&head.headers),
        url: head.url.to_string(),
        event: None,
    }
}

/// Headers as the filter sees them: each name, and its value as text.
fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    let pairs = headers.iter().map(|(name, value)| {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        (name.as_str().to_string(), value)
    });
    pairs.collect()
}

/// One response's filtering under way.
struct Filtering {
    filter: Arc<FilterSettings>,
    context: Context,
    /// When the run started: `$__timing.total` counts from there to each value checked.
    started: Instant,
    status_decides: bool,
    /// The checks were run when the body was read ahead: only the filter runs here.
    checked: bool,
    content_type: Option<String>,
    failed: Vec<String>,
    /// NDJSON values seen.
    values: u64,
    thread: FilterThread,
    limits: TimeLimits,
}

impl Filtering {
    /// The option the messages name.
    fn flag(&self) -> &'static str {
        if self.filter.program.is_some() {
            "--jq"
        } else {
            "--check"
        }
    }

    /// The lines of the checks that failed: evaluated here, or when the body was read ahead.
    fn verdict(&mut self, checked: Option<Vec<String>>) -> Vec<String> {
        checked.unwrap_or_else(|| std::mem::take(&mut self.failed))
    }

    /// The thread's job for TEXT: the checks run unless the status decides or they ran
    /// when the body was read ahead.
    fn job(&self, text: Bytes, program: bool) -> Job {
        Job {
            text,
            context: self.context.clone(),
            program,
            checks: !self.status_decides && !self.checked,
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
        self.run(text, printer).await
    }

    /// The program and the checks over TEXT, the program's results printed.
    async fn run(&mut self, text: Bytes, printer: &mut Printer) -> Result<()> {
        let (flag, limits) = (self.flag(), self.limits);
        self.context.timing.total = self.started.elapsed();
        let job = self.job(text, printer.wants_body());
        let mut show = |piece: Piece, bytes: &[u8]| match piece {
            Piece::Json => printer.program_result(bytes, false),
            Piece::Text => printer.program_result(bytes, true),
            Piece::Stderr => printer.program_stderr(bytes),
        };
        let task = filter_task(&self.filter, job);
        let run = self.thread.run(task, &mut show);
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
        match finished.program {
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

/// `--jq` and `--check` (or `--until`) over the messages of a WebSocket session, one at a
/// time, on a filter thread bounded by `-m`.
pub struct EachMessage {
    filter: Arc<FilterSettings>,
    context: Context,
    thread: FilterThread,
    limits: TimeLimits,
    /// The option the messages name: `--jq`, `--check` or `--until`.
    flag: &'static str,
}

impl EachMessage {
    /// FILTER over the messages of the session the 101 answer (HEAD) opened.
    pub fn new(
        filter: Arc<FilterSettings>,
        flag: &'static str,
        head: &ResponseHead,
        limits: TimeLimits,
    ) -> Result<EachMessage> {
        Ok(EachMessage {
            filter,
            context: context(head, Timing::default()),
            thread: lend()?,
            limits,
            flag,
        })
    }

    /// Runs over one message, given as JSON text (a message that is not JSON is given as
    /// a JSON string): the program's results go to SHOW; the lines of the checks that
    /// failed are returned.
    pub async fn message(
        &mut self,
        json: Bytes,
        show: &mut dyn FnMut(Piece, &[u8]) -> Result<()>,
    ) -> Result<Vec<String>> {
        self.run(json, true, show).await
    }

    /// The checks on null, for a session that ended without a message: a check that
    /// expects one fails, as it does on an empty body.
    pub async fn unseen(&mut self) -> Result<Vec<String>> {
        self.run(Bytes::new(), false, &mut |_, _| Ok(())).await
    }

    async fn run(
        &mut self,
        json: Bytes,
        program: bool,
        show: &mut dyn FnMut(Piece, &[u8]) -> Result<()>,
    ) -> Result<Vec<String>> {
        self.context.size = json.len() as u64;
        let job = Job {
            text: json,
            context: self.context.clone(),
            program,
            checks: true,
        };
        let run = self.thread.run(filter_task(&self.filter, job), show);
        let flag = self.flag;
        let finished = (self.limits)
            .bound(run, false)
            .await
            .map_err(|expired| timed_out(flag, expired))??;
        if let Some(err) = finished.unread {
            bail!("{flag}: the message is {err}");
        }
        stopped(flag, finished.program)?;
        match finished.checks {
            Ok(lines) => Ok(lines),
            Err(err) => stopped(flag, Err(err)).map(|()| Vec::new()),
        }
    }
}

/// How a message's program or checks ended: `halt` quietly, `halt_error(CODE)` with its
/// code, a run-time error as the option's error.
fn stopped(flag: &str, ended: Result<(), RunError>) -> Result<()> {
    match ended {
        Ok(()) | Err(RunError::Halt(0)) => Ok(()),
        Err(RunError::Halt(code)) => Err(HitError::Halted(Exit::halted(code)).into()),
        Err(err) => bail!("{flag}: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::{StatusCode, Version};

    fn checks(exprs: &[&str]) -> Arc<FilterSettings> {
        let checks = exprs.iter().map(|e| jq::Check::compile(e, &[]).unwrap());
        Arc::new(FilterSettings {
            program: None,
            raw: false,
            checks: checks.collect(),
        })
    }

    fn head() -> ResponseHead {
        ResponseHead {
            status: StatusCode::OK,
            version: Version::HTTP_11,
            headers: Default::default(),
            url: "http://127.0.0.1:1/job".parse().unwrap(),
            remote: None,
            reason: None,
        }
    }

    #[tokio::test]
    async fn reading_ahead_gives_every_failed_check_once() {
        let filter = checks(&[".ready", ".n > 1"]);
        let body = Bytes::from_static(b"{\"ready\":false,\"n\":1}\n{\"ready\":true,\"n\":2}\n");
        let limits = TimeLimits::default();
        let timing = Timing::default();
        let lines = read_ahead(&filter, &head(), timing, body, limits)
            .await
            .unwrap();
        assert_eq!(
            lines.unwrap(),
            [
                "check failed: .ready (it yielded false)",
                "check failed: .n > 1 (.n is 1)"
            ]
        );
        // A body that is not JSON: no verdict, the delivery runs the checks and says why.
        let body = Bytes::from_static(b"<html>");
        let lines = read_ahead(&filter, &head(), timing, body, limits)
            .await
            .unwrap();
        assert_eq!(lines, None);
    }

    #[test]
    fn checks_read_ahead_are_not_run_again() {
        let filter = checks(&[".ready"]);
        let mut body = Filtering {
            filter: filter.clone(),
            context: context(&head(), Timing::default()),
            started: Instant::now(),
            status_decides: false,
            checked: true,
            content_type: None,
            failed: Vec::new(),
            values: 0,
            thread: lend().unwrap(),
            limits: TimeLimits::default(),
        };
        assert!(!body.job(Bytes::new(), true).checks);
        let read_ahead = vec!["check failed: .ready (it yielded false)".to_string()];
        assert_eq!(body.verdict(Some(read_ahead.clone())), read_ahead);
        body.checked = false;
        assert!(body.job(Bytes::new(), true).checks);
    }
}
