//! One run: build the request, send it (following redirects and retrying as allowed),
//! deliver the response (print it or save it), report the outcome.

mod authorize;
mod challenge;
mod contract;
pub mod cookies;
mod deliver;
#[cfg_attr(not(feature = "jq"), path = "filter_absent.rs")]
mod filter;
mod messages;
mod pages;
mod paginate;
mod reconnect;
mod save;
mod send;
mod websocket;

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;

use crate::error::{self, Outcome};
use crate::http::PreparedRequest;
use crate::output::curl;
use crate::output::{Failure, Printer, UploadBars};
use crate::policy::lint;
use crate::request;
use crate::settings::{self, Preview, Settings};
use crate::transport::Transport;
use crate::transport::limits::TimeLimits;
pub use cookies::Jar;
pub use filter::{EachMessage, capture};
use save::DownloadPlan;
use send::Exchange;

/// What `hit run` gives each request of a `.http` file: the client they all go through,
/// where to keep the response when later requests use it, and the run's cookie jar (used
/// when the options name no jar of their own).
pub struct InFile<'a> {
    pub transport: &'a Transport,
    pub keep: Option<&'a mut Kept>,
    pub jar: Option<&'a RefCell<Jar>>,
}

/// A response kept for the requests after it: its headers, and its body when it was
/// read whole and is at most `KEPT_BODY_LIMIT` bytes.
#[derive(Debug, Default, Clone)]
pub struct Kept {
    /// `None` until a response came.
    pub status: Option<reqwest::StatusCode>,
    pub version: Option<reqwest::Version>,
    /// The URL that answered (after redirects), for the cookies it set.
    pub url: Option<reqwest::Url>,
    pub headers: reqwest::header::HeaderMap,
    pub body: Option<Vec<u8>>,
    /// The exchange's phases (`hit test`'s reports): kept whether its checks passed or not;
    /// `None` until a response came.
    pub timing: Option<crate::http::timing::Timing>,
    /// The request's time limits, `-m`'s clock as it started: its `# @capture`s are taken
    /// within them.
    pub limits: TimeLimits,
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
    mut settings: Settings,
    printer: &mut Printer,
    in_file: Option<InFile<'_>>,
) -> Result<Option<Outcome>> {
    // `-m` counts from here: reading stdin, every attempt and every wait.
    let limits =
        TimeLimits::starting_now(settings.transport.max_time, settings.transport.idle_timeout);
    let warnings = settings.transport.proxies.ignored.iter();
    for warning in warnings.chain(&settings.request.warnings) {
        printer.warning(warning);
    }
    let started = Instant::now();
    let shared = in_file.as_ref().map(|f| f.transport);
    let oauth = authorize::authorize(&mut settings, shared, limits, printer).await?;
    let mut prepared = prepare(&settings, printer, limits, started).await?;
    let websocket = settings.stream.websocket.as_ref();
    let offer = websocket.map(|ws| websocket::offer(&mut prepared, ws));
    let plan = match &settings.output.save {
        Some(save) => Some(DownloadPlan::new(save, &prepared.url)?),
        None => None,
    };
    let mut transport_settings = settings.transport.clone();
    if let Some(plan) = plan.as_ref().filter(|plan| plan.offset > 0) {
        resume(plan.offset, &mut prepared, &mut transport_settings)?;
    }
    lint(&settings, &prepared, printer);
    contract::check_request(&settings, &prepared, printer)?;
    let own_jar = open_jar(&settings, printer)?;
    let run_jar = in_file.as_ref().and_then(|f| f.jar);
    let jar = own_jar.as_ref().or(run_jar);
    if let Some(preview) = settings.learn.preview {
        show(preview, &settings, prepared, jar, printer)?;
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
        jar,
        attempts: Default::default(),
        oauth: oauth.as_ref().map(|session| (session, session.token())),
    };
    let result = sending.with_retries(&prepared, printer).await;
    keep_cookies(jar, &settings, result.is_ok(), printer)?;
    let exchange = match result {
        Ok(exchange) => exchange,
        Err(err) => {
            let attempts = sending.attempts.get();
            return Err(failed(
                err, &settings, &prepared, printer, started, attempts,
            ));
        }
    };
    let outcome = if let (Some(ws), Some(offer)) = (websocket, &offer) {
        websocket::answer(&settings, ws, offer, exchange, printer, started).await
    } else if settings.paginate.is_some() {
        paginate::deliver(&sending, &prepared, exchange, plan.as_ref(), printer).await
    } else {
        let again = reconnect::Again {
            sending: &sending,
            request: &prepared,
        };
        deliver_one(&settings, exchange, plan.as_ref(), printer, keep, &again).await
    };
    print_cookies(jar, &settings, printer, outcome.is_ok())?;
    outcome.map(Some)
}

/// `--offline` and `--curl`: the request, with the cookies the jar would add, in place of
/// sending it.
fn show(
    preview: Preview,
    settings: &Settings,
    mut prepared: PreparedRequest,
    jar: Option<&RefCell<Jar>>,
    printer: &mut Printer,
) -> Result<()> {
    if let Some(jar) = jar {
        let user = prepared.headers.get("cookie").map(str::to_string);
        jar.borrow().add_to(&mut prepared, user.as_deref());
    }
    match preview {
        Preview::Offline => printer.offline(&prepared)?,
        Preview::Curl => printer.curl(&curl::command(settings, &prepared))?,
    }
    printer.finish()
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
    limits: TimeLimits,
    started: Instant,
) -> Result<PreparedRequest> {
    let request = &settings.request;
    match request::prepare(request, printer, limits).await {
        Ok(prepared) => Ok(prepared),
        // A usage error stops before any transfer, as curl's do.
        Err(err) if error::is_usage(&err) => Err(err),
        Err(err) => {
            let method = request::method_of_unbuilt(request);
            let unsent = PreparedRequest::unsent(method, request.url.clone());
            Err(failed(err, settings, &unsent, printer, started, 0))
        }
    }
}

/// The response delivered: kept for `hit run`'s later requests (`keep`), and checked
/// against its contract with `--validate`.
async fn deliver_one(
    settings: &Settings,
    exchange: Exchange,
    plan: Option<&DownloadPlan>,
    printer: &mut Printer,
    keep: Option<&mut Kept>,
    again: &reconnect::Again<'_, '_>,
) -> Result<Outcome> {
    match keep {
        Some(kept) => {
            let outcome = deliver_keeping(settings, exchange, plan, printer, kept, again).await;
            contract::checked(settings, kept, outcome)
        }
        None if contract::validates(settings) => {
            let mut kept = Kept::default();
            let outcome =
                deliver_keeping(settings, exchange, plan, printer, &mut kept, again).await;
            contract::checked(settings, &kept, outcome)
        }
        None => {
            deliver::deliver(
                settings,
                exchange,
                plan,
                printer,
                again.sending.started,
                Some(again),
            )
            .await
        }
    }
}

/// `deliver`, keeping the response's headers and body for `hit run`'s later requests.
async fn deliver_keeping(
    settings: &Settings,
    mut exchange: Exchange,
    plan: Option<&DownloadPlan>,
    printer: &mut Printer,
    kept: &mut Kept,
    again: &reconnect::Again<'_, '_>,
) -> Result<Outcome> {
    exchange.incoming.keep_copy(KEPT_BODY_LIMIT);
    let outcome = deliver::deliver_kept(
        settings,
        &mut exchange,
        plan,
        printer,
        again.sending.started,
        Some(again),
    )
    .await;
    kept.status = Some(exchange.incoming.head.status);
    kept.version = Some(exchange.incoming.head.version);
    kept.url = Some(exchange.incoming.head.url.clone());
    kept.headers = exchange.incoming.head.headers.clone();
    kept.body = exchange.incoming.take_copy();
    kept.timing = Some(exchange.timing);
    kept.limits = exchange.limits;
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
    let context = lint::Subject {
        request: prepared,
        retries: settings.retry.retry,
        insecure: settings.transport.insecure,
        checks: settings
            .filter
            .iter()
            .flat_map(|filter| filter.checks.iter().map(|check| check.text()))
            .collect(),
        secret_query: &settings.request.secret_query,
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
