//! One run: build the request, send it (following redirects and retrying as allowed),
//! deliver the response (print it or save it), report the outcome.

mod challenge;
pub mod cookies;
#[cfg_attr(not(feature = "jq"), path = "filter_absent.rs")]
mod filter;
mod paginate;
mod save;
mod send;

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;

use crate::error::{self, Outcome};
use crate::explain;
use crate::http::PreparedRequest;
use crate::output::curl;
use crate::output::{self, Facts, Failure, Printer, UploadBars};
use crate::policy::lint;
use crate::request;
use crate::settings::{self, Preview, Settings};
use crate::transport::Transport;
use crate::transport::limits::Limits;
use cookies::Jar;
use save::Plan;
use send::Exchange;

/// What `hit run` gives each request of a `.http` file: the client they all go through,
/// and where to keep the response when later requests use it.
pub struct InFile<'a> {
    pub transport: &'a Transport,
    pub keep: Option<&'a mut Kept>,
}

/// A response kept for the requests after it: its headers, and its body when it was
/// read whole and is at most `KEPT_BODY_LIMIT` bytes.
#[derive(Debug, Default)]
pub struct Kept {
    pub headers: reqwest::header::HeaderMap,
    pub body: Option<Vec<u8>>,
}

/// The largest body kept for later requests.
pub const KEPT_BODY_LIMIT: usize = 16 << 20;

/// Sends the request and delivers the response; `None` when `--offline` or `--curl` showed
/// the request instead.
pub async fn run(settings: Settings, printer: &mut Printer) -> Result<Option<Outcome>> {
    run_in(settings, printer, None).await
}

/// `run`, for one request of a `.http` file when `in_file` is given.
pub async fn run_in(
    settings: Settings,
    printer: &mut Printer,
    in_file: Option<InFile<'_>>,
) -> Result<Option<Outcome>> {
    // `-m` counts from here: reading stdin, every attempt and every wait.
    let limits = Limits::starting_now(settings.transport.max_time, settings.transport.idle_timeout);
    let warnings = settings.transport.proxies.ignored.iter();
    for warning in warnings.chain(&settings.request.warnings) {
        printer.warning(warning);
    }
    let started = Instant::now();
    let mut prepared = prepare(&settings, printer, limits, started).await?;
    let plan = match &settings.output.save {
        Some(save) => Some(Plan::new(save, &prepared.url)?),
        None => None,
    };
    let mut transport_settings = settings.transport.clone();
    if let Some(plan) = plan.as_ref().filter(|plan| plan.offset > 0) {
        resume(plan.offset, &mut prepared, &mut transport_settings)?;
    }
    lint(&settings, &prepared, printer);
    let jar = open_jar(&settings, printer)?;
    if let Some(preview) = settings.learn.preview {
        if let Some(jar) = &jar {
            let user = prepared.headers.get("cookie").map(str::to_string);
            jar.borrow().add_to(&mut prepared, user.as_deref());
        }
        match preview {
            Preview::Offline => printer.offline(&prepared)?,
            Preview::Curl => printer.curl(&curl::command(&settings, &prepared))?,
        }
        printer.finish()?;
        return Ok(None);
    }
    paginate::check(&settings)?;
    let (shared, keep) = in_file.map_or((None, None), |f| (Some(f.transport), f.keep));
    let owned;
    let transport = match shared {
        Some(transport) => transport,
        None => {
            owned = new_transport(&transport_settings, printer)?;
            &owned
        }
    };
    let sending = send::Sending {
        settings: &settings,
        transport,
        limits,
        started,
        jar: jar.as_ref(),
        attempts: Default::default(),
    };
    let result = sending.with_retries(&prepared, printer).await;
    keep_cookies(jar.as_ref(), &settings, result.is_ok(), printer)?;
    let exchange = match result {
        Ok(exchange) => exchange,
        Err(err) => {
            let attempts = sending.attempts.get();
            return Err(failed(
                err, &settings, &prepared, printer, started, attempts,
            ));
        }
    };
    let outcome = if settings.paginate.is_some() {
        paginate::deliver(&sending, &prepared, exchange, printer).await
    } else {
        let plan = plan.as_ref();
        match keep {
            Some(kept) => deliver_keeping(&settings, exchange, plan, printer, started, kept).await,
            None => deliver(&settings, exchange, plan, printer, started).await,
        }
    };
    print_cookies(jar.as_ref(), &settings, printer, outcome.is_ok())?;
    outcome.map(Some)
}

/// `-C -`: asks for the bytes after the `offset` the file already has.
fn resume(
    offset: u64,
    prepared: &mut PreparedRequest,
    transport: &mut crate::settings::TransportSettings,
) -> Result<()> {
    request::resume_from(prepared, offset)?;
    // --max-filesize is for the file: what it has already counts.
    if let Some(max) = transport.max_filesize {
        if offset >= max {
            anyhow::bail!(
                "the file already has {offset} bytes, as many as --max-filesize {max} allows"
            );
        }
        transport.max_filesize = Some(max - offset);
    }
    Ok(())
}

/// The request, built; a failure to build it (a file or stdin that cannot be read, `-m`
/// running out on stdin) is reported as a request that got no response.
async fn prepare(
    settings: &Settings,
    printer: &mut Printer,
    limits: Limits,
    started: Instant,
) -> Result<PreparedRequest> {
    let request = &settings.request;
    match request::prepare(request, printer, limits).await {
        Ok(prepared) => Ok(prepared),
        // A usage error stops before any transfer, as curl's do.
        Err(err) if error::kind(&err).1 == error::code::USAGE => Err(err),
        Err(err) => {
            let has_body = !request::body_sources(request).is_empty();
            let method = request::method(request, has_body);
            let unsent = PreparedRequest::unsent(method, request.url.clone());
            Err(failed(err, settings, &unsent, printer, started, 0))
        }
    }
}

/// `deliver`, keeping the response's headers and body for `hit run`'s later requests.
async fn deliver_keeping(
    settings: &Settings,
    mut exchange: Exchange,
    plan: Option<&Plan>,
    printer: &mut Printer,
    started: Instant,
    kept: &mut Kept,
) -> Result<Outcome> {
    exchange.incoming.keep_copy(KEPT_BODY_LIMIT);
    let outcome = deliver_kept(settings, &mut exchange, plan, printer, started).await;
    kept.headers = exchange.incoming.head.headers.clone();
    kept.body = exchange.incoming.take_copy();
    outcome
}

/// An exchange that failed: shown in `-w` and documents, then the error itself.
fn failed(
    err: anyhow::Error,
    settings: &Settings,
    prepared: &PreparedRequest,
    printer: &mut Printer,
    started: Instant,
    attempts: u32,
) -> anyhow::Error {
    let (kind, exit_code) = error::kind(&err);
    let failure = Failure {
        request: prepared,
        kind,
        message: format!("{err:#}"),
        exit_code,
        total: started.elapsed(),
        attempts,
    };
    let options = &settings.output;
    match printer.failure(&failure, options.write_out.as_ref(), options.document) {
        Ok(()) => err,
        Err(printing) => printing,
    }
}

/// A request whose settings failed (a profile's token command): `-w` and
/// `--output-format json` report it; the error itself is returned for its line.
pub fn unsent(unsent: settings::Unsent) -> anyhow::Error {
    let settings::Unsent {
        output,
        method,
        url,
        error,
    } = unsent;
    let mut printer = Printer::new(&output);
    let request = PreparedRequest::unsent(method, url);
    let (kind, exit_code) = error::kind(&error);
    let failure = Failure {
        request: &request,
        kind,
        message: format!("{error:#}"),
        exit_code,
        total: std::time::Duration::ZERO,
        attempts: 0,
    };
    match printer.failure(&failure, output.write_out.as_ref(), output.document) {
        Ok(()) => error,
        Err(printing) => printing,
    }
}

/// The client of a run on its own.
fn new_transport(
    settings: &crate::settings::TransportSettings,
    printer: &Printer,
) -> Result<Transport> {
    let transport = Transport::new(settings)?;
    Ok(if printer.shows_progress() {
        transport.with_upload_progress(Arc::new(UploadBars::default()))
    } else {
        transport
    })
}

/// The cookie jar, when a file is read or written.
fn open_jar(settings: &Settings, printer: &mut Printer) -> Result<Option<RefCell<Jar>>> {
    let cookies = &settings.cookies;
    if cookies.read.is_empty() && cookies.write.is_none() {
        return Ok(None);
    }
    Ok(Some(RefCell::new(Jar::load(cookies, printer)?)))
}

/// Whatever came of the exchange, the cookies it received are kept. A jar that cannot be
/// written is the error, unless the exchange failed: its error says more.
fn keep_cookies(
    jar: Option<&RefCell<Jar>>,
    settings: &Settings,
    exchanged: bool,
    printer: &mut Printer,
) -> Result<()> {
    if let (Some(jar), Some(path)) = (jar, &settings.cookies.write)
        && !cookies::goes_to_stdout(path)
        && let Err(err) = jar.borrow().save(path)
    {
        if exchanged {
            return Err(err);
        }
        printer.warning(&format!("{err:#}"));
    }
    Ok(())
}

/// `-c -` (or `-c /dev/stdout`): the jar follows the response on stdout, as curl writes it
/// at the end. Failing to print it is the error unless delivering failed: its error says more.
fn print_cookies(
    jar: Option<&RefCell<Jar>>,
    settings: &Settings,
    printer: &mut Printer,
    delivered: bool,
) -> Result<()> {
    if let (Some(jar), Some(path)) = (jar, &settings.cookies.write)
        && cookies::goes_to_stdout(path)
    {
        let printed = printer.cookie_jar(&jar.borrow().to_netscape());
        if delivered {
            return printed;
        }
    }
    Ok(())
}

/// The lints that fire and are not silenced, one stderr line each.
fn lint(settings: &Settings, prepared: &PreparedRequest, printer: &mut Printer) {
    let context = lint::Context {
        request: prepared,
        retries: settings.retry.retry,
        insecure: settings.transport.insecure,
        checks: settings
            .filter
            .iter()
            .flat_map(|filter| filter.checks.iter().map(|check| check.text()))
            .collect(),
    };
    for finding in lint::check(&context) {
        if !settings.learn.silenced.contains(&finding.lint) {
            let name = finding.lint.name();
            printer.note(&format!("lint {name}: {}", finding.message));
        }
    }
}

/// Request building reports through the printer.
impl request::Notices for Printer {
    fn note(&mut self, message: &str) {
        Printer::note(self, message);
    }

    fn warning(&mut self, message: &str) {
        Printer::warning(self, message);
    }
}

/// The body of the final response, as far as it was read, and what became of it.
#[derive(Default)]
struct Delivered {
    size: u64,
    /// For `--output-format json`: the body, or why it is not there.
    kept: Option<Vec<u8>>,
    omitted: Option<String>,
    saved_to: Option<std::path::PathBuf>,
    /// `-C -` and 416: the file was already whole.
    already_complete: bool,
    /// The lines of the `--check`s that failed.
    failed_checks: Vec<String>,
    /// An error page that `-o`/`-O` did not save.
    withheld: Option<save::Withheld>,
}

/// Delivers the response, then says what a script should notice about its status.
async fn deliver(
    settings: &Settings,
    mut exchange: Exchange,
    plan: Option<&Plan>,
    printer: &mut Printer,
    started: Instant,
) -> Result<Outcome> {
    deliver_kept(settings, &mut exchange, plan, printer, started).await
}

/// `deliver`, leaving the exchange to the caller (`hit run` keeps its headers and body).
async fn deliver_kept(
    settings: &Settings,
    exchange: &mut Exchange,
    plan: Option<&Plan>,
    printer: &mut Printer,
    started: Instant,
) -> Result<Outcome> {
    let delivered = match show(settings, exchange, plan, printer, started).await {
        Ok(delivered) => delivered,
        // `hit URL | head -1`: the reader has what it wanted; the status still decides.
        Err(err) if error::is_stdout_closed(&err) => Delivered::default(),
        Err(err) => return Err(err),
    };
    let (already_complete, failed_checks) = (delivered.already_complete, delivered.failed_checks);
    let head = &exchange.incoming.head;
    if !already_complete {
        let following = settings.transport.follow_redirects;
        printer.status_warning(head, following);
    }
    if let Some(withheld) = &delivered.withheld {
        printer.withheld(&withheld.excerpt, withheld.size, &withheld.file);
    }
    let checks = settings.filter.as_ref().map_or(0, |f| f.checks.len());
    let status_decides = filter::status_decides(settings, head.status.as_u16());
    if checks > 0 && status_decides && !already_complete {
        printer.checks_not_run(checks, head.status.as_u16());
    }
    if settings.learn.explain {
        printer.explained(&explain::exchange(exchange.request.method.as_str(), head));
    }
    if !failed_checks.is_empty() {
        return Err(error::HitError::Check(failed_checks).into());
    }
    Ok(Outcome {
        status: head.status,
        ignore_status: !status_decides || already_complete,
    })
}

/// Prints the response head, delivers the body, then the metadata and `-w`.
async fn show(
    settings: &Settings,
    exchange: &mut Exchange,
    plan: Option<&Plan>,
    printer: &mut Printer,
    started: Instant,
) -> Result<Delivered> {
    let options = &settings.output;
    if !options.document {
        printer.response_head(&exchange.incoming.head)?;
    }
    if let Some(coding) = &exchange.incoming.undecoded {
        printer.warning(&format!(
            "the body is '{coding}'-encoded, which hit cannot decode; it is passed on as received"
        ));
    }
    let delivered = deliver_body(settings, exchange, plan, printer).await?;
    let request = &exchange.request;
    let response = &exchange.incoming.head;
    let facts = Facts {
        method: &request.method,
        url: &request.url,
        request_headers: &request.headers,
        response,
        time_to_first_byte: exchange.time_to_first_byte,
        total: started.elapsed(),
        size: delivered.size,
        redirects: exchange.redirects,
        attempts: exchange.attempts,
        saved_to: delivered.saved_to.as_deref(),
    };
    if options.document {
        printer.document(&facts, delivered.kept.as_deref(), delivered.omitted.clone())?;
    } else {
        printer.meta(&facts)?;
    }
    if let Some(template) = &options.write_out {
        printer.write_out(template, &facts)?;
    }
    printer.finish()?;
    Ok(delivered)
}

/// Shows, saves, keeps or reads past the body, as the options ask.
async fn deliver_body(
    settings: &Settings,
    exchange: &mut Exchange,
    plan: Option<&Plan>,
    printer: &mut Printer,
) -> Result<Delivered> {
    let options = &settings.output;
    let incoming = &mut exchange.incoming;
    let status = incoming.head.status;
    // `--fail`: the body of an error status is neither shown nor saved.
    let skip_body = options.fail
        && status.as_u16() >= 400
        && !plan.is_some_and(|plan| plan.handles_error(status));
    if skip_body {
        return Ok(Delivered {
            omitted: Some("--fail, and the status is an error".to_string()),
            ..Delivered::default()
        });
    }
    if let Some(plan) = plan {
        let saved = plan
            .save(incoming, &exchange.request.method, printer)
            .await?;
        return Ok(Delivered {
            size: saved.size,
            omitted: saved
                .path
                .as_ref()
                .map(|p| format!("saved to {}", p.display())),
            saved_to: saved.path,
            already_complete: saved.already_complete,
            withheld: saved.withheld,
            ..Delivered::default()
        });
    }
    if let Some(filter) = &settings.filter {
        let limits = exchange.limits;
        let (size, failed_checks) =
            filter::deliver(settings, filter, &mut exchange.incoming, limits, printer).await?;
        return Ok(Delivered {
            size,
            failed_checks,
            ..Delivered::default()
        });
    }
    let size = if options.document {
        let (body, size) = incoming.read_up_to(output::DOCUMENT_BODY_LIMIT).await?;
        let omitted = body.is_none().then(|| {
            format!(
                "larger than {} MiB, the most a document embeds (-o FILE saves it)",
                output::DOCUMENT_BODY_LIMIT >> 20
            )
        });
        return Ok(Delivered {
            size,
            kept: body,
            omitted,
            ..Delivered::default()
        });
    } else if printer.wants_body() {
        printer.response_body(incoming).await?
    } else {
        // Read even when not shown: `m` and `-w` report its size, and a body cut short is
        // a failure (exit 9) with `-q` too.
        incoming.drain().await?
    };
    Ok(Delivered {
        size,
        ..Delivered::default()
    })
}
