//! `hit serve`: a practice HTTP API on loopback (SPEC §9), so that every example of a
//! GET-vs-POST tutorial runs offline; or, with `--openapi`, a mock of an API's OpenAPI
//! document ([`mock`]). hyper serves HTTP/1.1 on the same current-thread tokio runtime the
//! client uses; one line per request goes to stderr. The practice API's `/ws/` routes
//! upgrade their connections to WebSockets ([`sockets`]).

mod bounded;
mod exchange;
mod files;
mod listing;
mod mock;
mod oauth;
mod ranges;
mod resources;
mod router;
mod sockets;
mod store;
#[cfg(test)]
mod tests_in_process;
mod tools;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, body::Incoming};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::time::Instant;

use crate::cli::ServeArgs;
use crate::error::usage;
use crate::output::Console;
use exchange::{Body, Req, Stopping};
use store::Shared;

/// The largest request head read (request line and headers); hyper answers a larger one
/// with 431.
const MAX_HEAD: usize = 64 * 1024;

/// The server's time limits and store budget: the defaults for `hit serve`, other values for
/// tests (which run the server in process, on tokio's paused clock: every time the server
/// reads is `tokio::time::Instant`, so a test's clock is the server's).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How long a client may take to send a request head.
    pub head: Duration,
    /// How long a client may take to send its body; then 408.
    pub body: Duration,
    /// How long in-flight responses may take to finish after Ctrl-C.
    pub drain: Duration,
    /// What the records may hold in memory, in bytes.
    pub store_bytes: usize,
    /// How long the access tokens of the practice authorization server live.
    pub token_ttl: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head: Duration::from_secs(10),
            body: Duration::from_secs(10),
            drain: Duration::from_secs(1),
            store_bytes: store::MAX_BYTES,
            token_ttl: TOKEN_TTL,
        }
    }
}

/// How long access tokens live unless `HIT_SERVE_TOKEN_TTL` says otherwise: a minute, so
/// that a client's refresh is seen at once.
const TOKEN_TTL: Duration = Duration::from_secs(60);

/// `HIT_SERVE_TOKEN_TTL`: the access tokens' lifetime in seconds, for tests and for
/// watching expiry.
fn token_ttl() -> Result<Duration> {
    let Some(text) = std::env::var_os("HIT_SERVE_TOKEN_TTL") else {
        return Ok(TOKEN_TTL);
    };
    let text = text.to_string_lossy();
    match text.trim().parse::<u64>() {
        Ok(seconds @ 1..=86_400) => Ok(Duration::from_secs(seconds)),
        _ => Err(usage(format!(
            "HIT_SERVE_TOKEN_TTL is the access tokens' lifetime, a whole number of seconds \
             from 1 to 86400, not '{text}'"
        ))),
    }
}

/// Where the server's lines go: one per request, a failed accept, and `stopped`. `hit
/// serve` writes them on stderr ([`Log::stderr`]); the in-process tests keep them to read.
#[derive(Clone)]
pub struct Log(Arc<dyn Fn(&str) + Send + Sync>);

impl Log {
    /// `hit serve: LINE` on stderr; a closed stderr does not stop the server.
    pub fn stderr() -> Log {
        Log(Arc::new(|line| {
            Console::plain().line(&format!("hit serve: {line}"));
        }))
    }

    fn line(&self, line: &str) {
        (self.0)(line);
    }
}

/// What answers the requests: the practice API and its records, or a mock of a document.
#[derive(Clone)]
enum App {
    Practice(Arc<Shared>),
    Mock(Arc<mock::Mock>),
}

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <ServeArgs as clap::CommandFactory>::command()
}

/// Serves until Ctrl-C or SIGTERM, which it listens for itself to let in-flight responses
/// finish (`stop_signal`).
pub fn run(args: ServeArgs) -> Result<()> {
    let ip = loopback(&args.host)?;
    let addr = SocketAddr::new(ip, args.port);
    if let Some(document) = &args.openapi {
        let mock = Arc::new(mock::Mock::load(document, args.seed)?);
        let app = App::Mock(mock);
        return super::runtime::block_on(serve(addr, Limits::default(), app, Log::stderr()))?;
    }
    let limits = Limits {
        token_ttl: token_ttl()?,
        ..Limits::default()
    };
    let shared = Arc::new(Shared::seeded(limits.store_bytes, limits.token_ttl));
    let app = App::Practice(shared);
    super::runtime::block_on(serve(addr, limits, app, Log::stderr()))?
}

/// The address to bind: loopback only, so the practice API is never reachable from another
/// machine (it accepts any bearer token and keeps no secrets).
fn loopback(host: &str) -> Result<IpAddr> {
    let ip = if host.eq_ignore_ascii_case("localhost") {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        bare.parse::<IpAddr>()
            .map_err(|_| usage(format!("--host takes a loopback IP address, not '{host}'")))?
    };
    if !ip.is_loopback() {
        return Err(usage(format!(
            "hit serve listens on loopback only (127.0.0.1 or ::1), not {ip}: \
             it is a practice API that accepts any token, not for other machines to reach"
        )));
    }
    Ok(ip)
}

async fn serve(addr: SocketAddr, limits: Limits, app: App, log: Log) -> Result<()> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|err| bind_error(addr, &err))?;
    let local = listener.local_addr()?;
    match &app {
        App::Practice(_) => banner(&practice_banner(local))?,
        App::Mock(mock) => banner(&mock.banner(local))?,
    }
    accept(listener, limits, app, log, stop_signal()).await
}

/// Serves the connections `listener` accepts, each on its own task, until `stop` is ready;
/// then lets in-flight responses finish, and WebSocket sessions close, for `limits.drain`.
/// Its lines go to `log`.
async fn accept(
    listener: TcpListener,
    limits: Limits,
    app: App,
    log: Log,
    stop: impl Future<Output = ()>,
) -> Result<()> {
    let local = listener.local_addr()?;
    // Every connection, request and WebSocket session holds a receiver; the drain waits
    // until all are dropped (hyper-util's GracefulShutdown cannot watch a connection that
    // may upgrade).
    let (stopping_all, stopping) = watch::channel(false);
    let mut stop = std::pin::pin!(stop);
    let builder = http(&limits);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    log.line(&format!("accept failed: {err}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let (app, log, for_requests) = (app.clone(), log.clone(), stopping.clone());
        let service = service_fn(move |request| {
            let (app, log, stopping) = (app.clone(), log.clone(), for_requests.clone());
            handle(request, peer, local, limits.body, app, log, stopping)
        });
        let connection = builder
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        tokio::spawn(until_stopped(connection, stopping.clone()));
    }
    drop((listener, stopping));
    let _ = stopping_all.send(true);
    let _ = tokio::time::timeout(limits.drain, stopping_all.closed()).await;
    log.line("stopped");
    Ok(())
}

/// Serves one connection; when the server stops, lets the exchange in flight finish and
/// closes it. A connection that upgrades is done here once it is handed over.
async fn until_stopped<I, S>(connection: http1::UpgradeableConnection<I, S>, mut stopping: Stopping)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
    S: hyper::service::HttpService<Incoming, ResBody = Body>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut connection = std::pin::pin!(connection);
    // A client that goes away mid-exchange is its own business.
    tokio::select! {
        _ = connection.as_mut() => return,
        _ = stopping.wait_for(|stop| *stop) => {}
    }
    connection.as_mut().graceful_shutdown();
    let _ = connection.await;
}

/// How each connection is served: HTTP/1.1, its head within `limits.head` and
/// [`MAX_HEAD`] bytes.
fn http(limits: &Limits) -> http1::Builder {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head)
        .max_header_size(MAX_HEAD);
    builder
}

fn bind_error(addr: SocketAddr, err: &std::io::Error) -> anyhow::Error {
    let port = addr.port();
    match err.kind() {
        std::io::ErrorKind::AddrInUse => usage(format!(
            "port {port} is in use; choose another with --port N (--port 0 picks a free one)"
        )),
        _ => usage(format!(
            "cannot listen on {addr}: {}",
            crate::error::io_reason(err)
        )),
    }
}

/// How a user types this server's origin: `:8080` on 127.0.0.1, else the whole URL.
fn typed_origin(local: SocketAddr) -> String {
    if local.ip() == IpAddr::V4(Ipv4Addr::LOCALHOST) {
        format!(":{}", local.port())
    } else {
        format!("http://{local}")
    }
}

/// The practice API's start line: where it is and two commands to try.
fn practice_banner(local: SocketAddr) -> String {
    let base = typed_origin(local);
    format!(
        "hit serve: practice API on http://{local}/ (Ctrl-C stops it); try: \
         hit {base}/products category==shoes   hit POST {base}/orders item=book qty:=2\n"
    )
}

/// One line on stdout, where the server is. A start line that cannot be written (stdout
/// full, or its reader gone) stops the server: whoever started it would not learn where it
/// listens.
fn banner(line: &str) -> Result<()> {
    Console::plain().write_out(line.as_bytes()).map_err(|err| {
        anyhow::anyhow!(
            "cannot write the start line to stdout: {}",
            crate::error::io_reason(&err)
        )
    })
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

async fn handle(
    request: Request<Incoming>,
    peer: SocketAddr,
    local: SocketAddr,
    body_timeout: Duration,
    app: App,
    log: Log,
    stopping: Stopping,
) -> Result<Response<Body>, std::convert::Infallible> {
    let started = Instant::now();
    let id = request_id(&request);
    let method = request.method().clone();
    let target = request
        .uri()
        .path_and_query()
        .map_or("/".into(), |p| p.as_str().to_owned());
    let mut response = match Req::read(request, peer, local, body_timeout, stopping).await {
        Ok(req) => match &app {
            App::Practice(shared) => router::route(&req, shared).await,
            App::Mock(mock) => mock.respond(&req),
        },
        Err(refusal) => refusal,
    };
    exchange::set(&mut response, "x-request-id", &id);
    log.line(&request_line(
        &method,
        &target,
        response.status(),
        started,
        &id,
    ));
    Ok(response)
}

/// The client's `X-Request-Id` when it is a sensible one, else a new one.
fn request_id(request: &Request<Incoming>) -> String {
    request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|id| (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic()))
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
}

/// The log's line for one exchange: `GET /products/42 200 0.4ms ID`.
fn request_line(
    method: &hyper::Method,
    target: &str,
    status: StatusCode,
    started: Instant,
    id: &str,
) -> String {
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    let target: String = hidden(target).chars().take(200).collect();
    format!("{method} {target} {} {millis:.1}ms {id}", status.as_u16())
}

/// The query parameters whose values are secrets or one-time proofs: the practice
/// authorization server's codes and tokens, and a client's callback that a browser sends
/// here. A log on a shared terminal or in CI must not hand them out.
const SECRET_PARAMETERS: [&str; 10] = [
    "code",
    "user_code",
    "device_code",
    "state",
    "code_verifier",
    "client_secret",
    "refresh_token",
    "access_token",
    "token",
    "password",
];

/// The request target with the values of [`SECRET_PARAMETERS`] replaced by `••••` (names
/// compared decoded and ignoring case, as `%63ode` or `Code` could otherwise slip past).
fn hidden(target: &str) -> String {
    let Some((path, query)) = target.split_once('?') else {
        return target.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = url::form_urlencoded::parse(pair.as_bytes()).next();
            let secret = name.is_some_and(|(name, _)| {
                SECRET_PARAMETERS
                    .iter()
                    .any(|secret| secret.eq_ignore_ascii_case(&name))
            });
            match pair.split_once('=') {
                Some((name, value)) if secret && !value.is_empty() => format!("{name}=••••"),
                _ => pair.to_owned(),
            }
        })
        .collect();
    format!("{path}?{}", pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_hides_secret_parameters_values() {
        assert_eq!(hidden("/products/42"), "/products/42");
        assert_eq!(
            hidden("/oauth/device?user_code=WDJB-MJHT&auto=approve"),
            "/oauth/device?user_code=••••&auto=approve"
        );
        assert_eq!(
            hidden("/cb?Code=ac_1&st%61te=s&iss=x&code=&token"),
            "/cb?Code=••••&st%61te=••••&iss=x&code=&token"
        );
        assert_eq!(hidden("/a?b=1&&c"), "/a?b=1&&c");
    }

    #[test]
    fn only_loopback_addresses_are_served() {
        assert_eq!(loopback("::1").unwrap().to_string(), "::1");
        assert_eq!(loopback("[::1]").unwrap().to_string(), "::1");
        assert_eq!(loopback("127.0.0.2").unwrap().to_string(), "127.0.0.2");
        assert_eq!(loopback("LOCALHOST").unwrap().to_string(), "127.0.0.1");
        let refused = loopback("0.0.0.0").unwrap_err().to_string();
        assert!(refused.contains("loopback only"), "{refused}");
        assert!(loopback("example.org").is_err());
    }
}
