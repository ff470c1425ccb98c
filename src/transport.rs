//! The HTTP client: construction from settings, sending, and turning transport failures
//! into error kinds with one clear message each.

use std::error::Error as StdError;
use std::path::Path;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use bytes::Bytes;
use futures_util::TryStreamExt;
use indicatif::ProgressBar;
use reqwest::header::CONTENT_LENGTH;
use reqwest::redirect::Policy;
use reqwest::{Body, Client, ClientBuilder, Response, Url};
use tokio_util::io::ReaderStream;

use crate::error::HitError;
use crate::output::progress;
use crate::request::{Part, PreparedRequest, RequestBody};
use crate::retry::Trigger;
use crate::settings::TransportSettings;

/// Read size for streamed uploads.
const UPLOAD_CHUNK: usize = 256 * 1024;

/// The configured clients and the settings they were built from.
pub struct Transport {
    /// For `http://` requests: a client whose TLS trusts nothing, because loading the
    /// platform's root certificates costs more than a whole request to a local server.
    /// `None` when a proxy may need TLS.
    plain: Option<Client>,
    /// For everything else, built on first use.
    tls: OnceLock<Client>,
    accepts_encoding: bool,
    settings: TransportSettings,
    /// Draw progress bars for files uploaded.
    progress: bool,
    /// The bars of the request being sent, cleared when its response arrives.
    uploads: Mutex<Vec<ProgressBar>>,
}

impl Transport {
    pub fn new(
        settings: &TransportSettings,
        request: &PreparedRequest,
        progress: bool,
    ) -> Result<Transport> {
        // Several providers could be linked in; ring is the one hit ships.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let accepts_encoding = request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept-encoding"));
        let plain = if proxy_may_need_tls(settings) {
            None
        } else {
            let tls = rustls::ClientConfig::builder()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth();
            let builder =
                client_builder(settings, accepts_encoding)?.tls_backend_preconfigured(tls);
            Some(builder.build().context("cannot set up the HTTP client")?)
        };
        let transport = Transport {
            plain,
            tls: OnceLock::new(),
            accepts_encoding,
            settings: settings.clone(),
            progress,
            uploads: Mutex::new(Vec::new()),
        };
        // Surface --cacert and TLS set-up errors before anything is sent.
        if request.url.scheme() != "http" || transport.plain.is_none() || settings.cacert.is_some()
        {
            transport.client(&request.url)?;
        }
        Ok(transport)
    }

    /// The client for a request to `url`.
    fn client(&self, url: &Url) -> Result<&Client> {
        if let (Some(plain), "http") = (&self.plain, url.scheme()) {
            return Ok(plain);
        }
        if let Some(client) = self.tls.get() {
            return Ok(client);
        }
        let mut builder = client_builder(&self.settings, self.accepts_encoding)?;
        if self.settings.insecure {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        if let Some(path) = &self.settings.cacert {
            let pem = std::fs::read(path)
                .with_context(|| format!("cannot read --cacert '{}'", path.display()))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .with_context(|| format!("no PEM certificates in '{}'", path.display()))?;
            builder = builder.tls_certs_only(certs);
        }
        let client = builder.build().context("cannot set up the HTTP client")?;
        Ok(self.tls.get_or_init(|| client))
    }

    /// Turns the prepared request into the one reqwest sends, opening streamed files.
    pub async fn build(&self, prepared: &PreparedRequest) -> Result<reqwest::Request> {
        let mut builder = self
            .client(&prepared.url)?
            .request(prepared.method.clone(), prepared.url.clone());
        for (name, value) in &prepared.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder = match &prepared.body {
            RequestBody::Empty => builder,
            RequestBody::Bytes(bytes) => builder.body(bytes.clone()),
            RequestBody::File { path, len } => builder
                .header(CONTENT_LENGTH, *len)
                .body(self.file_body(path).await?.0),
            RequestBody::Multipart(parts) => builder.multipart(self.multipart_form(parts).await?),
        };
        builder.build().context("cannot build the request")
    }

    /// A file streamed from disk, with a progress bar on a terminal, and its length.
    async fn file_body(&self, path: &Path) -> Result<(Body, u64)> {
        let cannot_read = || format!("cannot read '{}'", path.display());
        let file = tokio::fs::File::open(path)
            .await
            .with_context(cannot_read)?;
        let len = file.metadata().await.with_context(cannot_read)?.len();
        let stream = ReaderStream::with_capacity(file, UPLOAD_CHUNK);
        if !self.progress || len == 0 {
            return Ok((Body::wrap_stream(stream), len));
        }
        let name = path.display().to_string();
        let bar = progress::bar(true, Some(len), 0, &name);
        self.uploads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(bar.clone());
        let mut started = None;
        // hyper stops reading a body at its Content-Length, so the end is the last byte,
        // not the end of the stream.
        let stream = stream.inspect_ok(move |chunk| {
            let started = *started.get_or_insert_with(Instant::now);
            bar.inc(chunk.len() as u64);
            if bar.position() >= len && !bar.is_finished() {
                let took = started.elapsed();
                // Shown only while the bar is: on a terminal.
                bar.println(format!(
                    "hit: {}",
                    progress::summary("sent", len, "from", &name, took)
                ));
                bar.finish_and_clear();
            }
        });
        Ok((Body::wrap_stream(stream), len))
    }

    async fn multipart_form(&self, parts: &[Part]) -> Result<reqwest::multipart::Form> {
        let mut form = reqwest::multipart::Form::new();
        for part in parts {
            form = match part {
                Part::Text { name, value } => form.text(name.clone(), value.clone()),
                Part::File { name, path, mime } => {
                    let (body, len) = self.file_body(path).await?;
                    let mime = match mime {
                        Some(mime) => mime.clone(),
                        None => mime_guess::from_path(path)
                            .first_or_octet_stream()
                            .to_string(),
                    };
                    let mut file = reqwest::multipart::Part::stream_with_length(body, len)
                        .mime_str(&mime)
                        .map_err(|_| {
                            crate::error::usage(format!("bad content type '{mime}' for '{name}'"))
                        })?;
                    if let Some(file_name) = path.file_name() {
                        file = file.file_name(file_name.to_string_lossy().into_owned());
                    }
                    form.part(name.clone(), file)
                }
            };
        }
        Ok(form)
    }

    /// The time limits of one attempt, starting now.
    pub fn limits(&self) -> Limits {
        let deadline = self.settings.max_time.and_then(|limit| {
            let at = tokio::time::Instant::now().checked_add(limit)?;
            Some(Deadline { at, limit })
        });
        Limits {
            deadline,
            idle: self.settings.idle_timeout,
        }
    }

    /// Clears the upload bars of the request sent: a response can come before its upload
    /// has ended (413, a redirect).
    fn clear_uploads(&self) {
        let bars = std::mem::take(&mut *self.uploads.lock().unwrap_or_else(|e| e.into_inner()));
        for bar in bars {
            bar.finish_and_clear();
        }
    }

    /// Sends the request and waits for the response head.
    pub async fn send(
        &self,
        request: reqwest::Request,
        limits: Limits,
    ) -> Result<Incoming, Failed> {
        let url = request.url().clone();
        let client = self.client(&url)?;
        let pending = client.execute(request);
        let result = match limits.deadline {
            Some(deadline) => match tokio::time::timeout_at(deadline.at, pending).await {
                Ok(result) => result,
                Err(_) => {
                    self.clear_uploads();
                    return Err(Failed {
                        error: timed_out(
                            &authority(&url),
                            &format!(
                                "no response within -m/--max-time {}",
                                seconds(deadline.limit)
                            ),
                        ),
                        trigger: Some(Trigger::Lost),
                    });
                }
            },
            None => pending.await,
        };
        self.clear_uploads();
        match result {
            Ok(response) => Ok(Incoming { response, limits }),
            Err(err) => Err(self.classify(&err, &url)),
        }
    }

    fn classify(&self, err: &reqwest::Error, url: &Url) -> Failed {
        let target = authority(err.url().unwrap_or(url));
        let cause = root_cause(err);
        let chain = chain_text(err);
        let failed = |error: HitError, trigger| Failed {
            error: error.into(),
            trigger,
        };
        if err.is_timeout() {
            return if err.is_connect() {
                let what = match self.settings.connect_timeout {
                    Some(limit) => {
                        format!("no connection within --connect-timeout {}", seconds(limit))
                    }
                    None => "the system gave up connecting".to_string(),
                };
                failed(timeout_error(&target, &what), Some(Trigger::Unsent))
            } else {
                failed(
                    timeout_error(&target, &idle_message(self.settings.idle_timeout)),
                    Some(Trigger::Lost),
                )
            };
        }
        if err.is_connect() {
            if chain.contains("dns error") {
                let host = url.host_str().unwrap_or_default();
                let message = format!("cannot resolve host '{host}': {cause}");
                return failed(HitError::Connect(message), None);
            }
            if chain.contains("certificate") || chain.contains("tls") {
                let message = format!(
                    "TLS handshake with {target} failed: {cause} (--cacert FILE trusts a private CA)"
                );
                return failed(HitError::Connect(message), None);
            }
            let hint = if cause.contains("refused") {
                format!(" (is anything listening on {target}?)")
            } else {
                String::new()
            };
            let message = format!("cannot connect to {target}: {cause}{hint}");
            return failed(HitError::Connect(message), Some(Trigger::Unsent));
        }
        if err.is_body() || err.is_decode() {
            return failed(body_broken(&target, &cause), None);
        }
        if CLOSED.iter().any(|c| chain.contains(c)) {
            let message = format!("{target} closed the connection without a response: {cause}");
            return failed(HitError::BodyBroken(message), Some(Trigger::Lost));
        }
        if MALFORMED.iter().any(|m| chain.contains(m)) {
            let message = format!("the response from {target} is not valid HTTP: {cause}");
            return failed(HitError::BodyBroken(message), None);
        }
        Failed {
            error: anyhow::anyhow!("request to {target} failed: {cause}"),
            trigger: None,
        }
    }
}

/// Everything but TLS: hit follows redirects itself (crate::redirect), so that it decides
/// what crosses to another origin.
fn client_builder(settings: &TransportSettings, accepts_encoding: bool) -> Result<ClientBuilder> {
    let mut builder = Client::builder().redirect(Policy::none()).referer(false);
    if !accepts_encoding {
        // The user removed Accept-Encoding; keep reqwest from adding its own.
        builder = builder.no_gzip().no_deflate().no_brotli();
    }
    // -m/--max-time is a deadline hit keeps itself (`Limits`), so that it can say which
    // limit fired.
    if let Some(limit) = settings.idle_timeout {
        builder = builder.read_timeout(limit);
    }
    if let Some(limit) = settings.connect_timeout {
        builder = builder.connect_timeout(limit);
    }
    if let Some(proxy) = &settings.proxy {
        let proxy = reqwest::Proxy::all(proxy)
            .map_err(|e| crate::error::usage(format!("bad --proxy '{proxy}': {e}")))?;
        builder = builder.proxy(proxy);
    }
    Ok(builder)
}

/// Whether a plain-http request may still need TLS: through an https proxy, given with
/// -x or in the environment reqwest reads.
fn proxy_may_need_tls(settings: &TransportSettings) -> bool {
    let https = |url: &str| {
        url.trim_start()
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
    };
    settings.proxy.as_deref().is_some_and(https)
        || ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
            .iter()
            .any(|name| std::env::var(name).is_ok_and(|url| https(&url)))
}

/// How hyper reports a connection that ended before the response head.
const CLOSED: &[&str] = &[
    "connection closed before message completed",
    "connection reset",
    "broken pipe",
];

/// How hyper reports a response head it cannot parse.
const MALFORMED: &[&str] = &["parsed", "message head is too large", "invalid header"];

/// The deadline `-m/--max-time` sets for one attempt.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at: tokio::time::Instant,
    limit: Duration,
}

/// The time limits of one attempt: `-m` as a deadline, `--timeout` between reads.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    deadline: Option<Deadline>,
    idle: Option<Duration>,
}

/// A failed attempt: the error to report, and what a retry would be retrying.
pub struct Failed {
    pub error: anyhow::Error,
    /// `None`: a retry cannot help (DNS, TLS, a malformed response, a local error).
    pub trigger: Option<Trigger>,
}

impl From<anyhow::Error> for Failed {
    fn from(error: anyhow::Error) -> Failed {
        Failed {
            error,
            trigger: None,
        }
    }
}

/// A response whose body is still to be read, within the attempt's time limits.
pub struct Incoming {
    pub response: Response,
    limits: Limits,
}

impl Incoming {
    /// The next piece of the body, with failures classified (exit 8 or 9).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        let read = self.response.chunk();
        let result = match self.limits.deadline {
            Some(deadline) => match tokio::time::timeout_at(deadline.at, read).await {
                Ok(result) => result,
                Err(_) => {
                    let what = format!(
                        "-m/--max-time {} ran out while reading the body",
                        seconds(deadline.limit)
                    );
                    return Err(timed_out(&authority(self.response.url()), &what));
                }
            },
            None => read.await,
        };
        result.map_err(|err| {
            let target = authority(self.response.url());
            if err.is_timeout() {
                timed_out(&target, &idle_message(self.limits.idle))
            } else {
                body_broken(&target, &root_cause(&err)).into()
            }
        })
    }

    /// Reads the rest of the body into memory when it is at most `limit` bytes, and its
    /// size in any case.
    pub async fn read_up_to(&mut self, limit: usize) -> Result<(Option<Vec<u8>>, u64)> {
        let mut body = Some(Vec::new());
        let mut size = 0u64;
        while let Some(chunk) = self.chunk().await? {
            size += chunk.len() as u64;
            if let Some(kept) = &mut body {
                if kept.len() + chunk.len() > limit {
                    body = None;
                } else {
                    kept.extend_from_slice(&chunk);
                }
            }
        }
        Ok((body, size))
    }

    /// Reads and discards the rest of the body, returning its size.
    pub async fn drain(&mut self) -> Result<u64> {
        let mut received = 0u64;
        while let Some(chunk) = self.chunk().await? {
            received += chunk.len() as u64;
        }
        Ok(received)
    }
}

/// A limit as it was given: `0.5s`, `2s`.
fn seconds(limit: Duration) -> String {
    format!("{}s", limit.as_secs_f64())
}

fn idle_message(idle: Option<Duration>) -> String {
    match idle {
        Some(limit) => format!("no bytes for --timeout {}", seconds(limit)),
        None => "the connection stalled".to_string(),
    }
}

fn timeout_error(target: &str, what: &str) -> HitError {
    HitError::Timeout(format!("request to {target} timed out: {what}"))
}

fn timed_out(target: &str, what: &str) -> anyhow::Error {
    timeout_error(target, what).into()
}

fn body_broken(target: &str, cause: &str) -> HitError {
    HitError::BodyBroken(format!(
        "the response body from {target} was cut short: {cause}"
    ))
}

/// `host:port` of a URL, with the scheme's default port filled in.
fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Every message in an error's source chain, lower-cased and joined.
fn chain_text(err: &dyn StdError) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text.to_ascii_lowercase()
}

/// The innermost cause, without the OS error number.
fn root_cause(err: &dyn StdError) -> String {
    let mut deepest: &dyn StdError = err;
    while let Some(source) = deepest.source() {
        deepest = source;
    }
    crate::error::without_os_error(deepest.to_string())
}
