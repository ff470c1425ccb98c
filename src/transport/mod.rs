//! The HTTP client: built once from the transport settings, it sends any number of prepared
//! requests over kept-alive connections, and turns failures into error kinds.

mod body;
mod failure;
pub mod limits;
mod route;
mod socks;
pub mod stdin;
mod timing;
mod tls;
mod upload;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use anyhow::{Context, Result};
use bytes::Bytes;
use reqwest::redirect::Policy;
use reqwest::{Body, Client, ClientBuilder, Response, Url, Version};

use crate::error::HitError;
use crate::facts;
use crate::http::duration::human;
use crate::http::timing::ConnectionTiming;
use crate::http::{PreparedRequest, RequestBody, ResponseHead, host_header};
use crate::policy::retry::Trigger;
use crate::settings::{HttpVersion, IpFamily, Proxy, ProxySettings, TransportSettings};
use crate::transport::limits::{Expired, TimeLimits};
use body::Decoding;
pub use failure::Failed;
pub use failure::authority;
use failure::{StdinStalled, idle_message, timed_out};
use route::Route;
use upload::Activity;

/// Watches files go out; the printer implements it with progress bars, so that nothing
/// here prints.
pub trait UploadProgress: Send + Sync {
    /// A file of `len` bytes starts to be sent; the returned function is called with the
    /// size of each piece sent.
    fn start(&self, name: &str, len: u64) -> Box<dyn FnMut(u64) + Send>;
    /// The response has come, or the attempt ended: whatever is still shown goes away (a
    /// response can come before its upload has ended: 413, a redirect).
    fn clear(&self);
}

/// The clients, built on first use from the settings alone.
pub struct Transport {
    settings: TransportSettings,
    /// Shared with the proxy choice each client makes.
    proxies: Arc<ProxySettings>,
    /// Without TLS roots (for http) and with them.
    clients: [OnceLock<Client>; 2],
    /// Clients that connect elsewhere (`--connect-to`, `--resolve`), by route and TLS.
    routed: Mutex<Vec<(Route, bool, Client)>>,
    uploads: Option<Arc<dyn UploadProgress>>,
}

impl Transport {
    /// The clients themselves are built when first needed.
    pub fn new(settings: &TransportSettings) -> Result<Transport> {
        // Several providers could be linked in; ring is the one hit ships.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Ok(Transport {
            settings: settings.clone(),
            proxies: Arc::new(settings.proxies.clone()),
            clients: Default::default(),
            routed: Mutex::default(),
            uploads: None,
        })
    }

    /// Shows the progress of uploaded files.
    pub fn with_upload_progress(mut self, uploads: Arc<dyn UploadProgress>) -> Transport {
        self.uploads = Some(uploads);
        self
    }

    /// The client for a request to `url`.
    fn client(&self, url: &Url) -> Result<Client> {
        // For `http://` a client whose TLS trusts nothing: loading the platform's root
        // certificates costs more than a whole request to a local server. Not when a
        // proxy may need TLS.
        let proxy = self.proxies.for_url(url);
        let https_proxy = proxy.is_some_and(|proxy| proxy.url.scheme() == "https");
        let tls = url.scheme() != "http" || https_proxy;
        // A proxy or a socket decides where the connection goes, but for a SOCKS proxy that
        // is handed the address hit looked up.
        let rerouted =
            proxy.is_none_or(Proxy::resolves_locally) && self.settings.unix_socket.is_none();
        if let Some(route) = rerouted
            .then(|| route::route(url, &self.settings.connect_to, &self.settings.resolve))
            .transpose()?
            .flatten()
        {
            let mut routed = self.routed.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((_, _, client)) = routed.iter().find(|(r, t, _)| *r == route && *t == tls) {
                return Ok(client.clone());
            }
            let client = self.build_client(tls, Some(&route))?;
            routed.push((route, tls, client.clone()));
            return Ok(client);
        }
        let index = usize::from(tls);
        if let Some(client) = self.clients[index].get() {
            return Ok(client.clone());
        }
        let client = self.build_client(tls, None)?;
        Ok(self.clients[index].get_or_init(|| client).clone())
    }

    /// A client with TLS roots or without, connecting where `route` says. Its resolver,
    /// connector and TLS configuration time each connection (`timing`).
    fn build_client(&self, tls: bool, route: Option<&Route>) -> Result<Client> {
        let resolver = timing::TimedResolver {
            route: route.cloned(),
        };
        let config = if tls {
            tls::client_config(&self.settings)?
        } else {
            // For http: a TLS configuration that trusts nothing, as loading the platform's
            // roots costs more than a whole request to a local server.
            tls::untrusting_config()
        };
        self.client_builder()
            .dns_resolver(Arc::new(resolver))
            .connector_layer(timing::TimedLayer)
            .tls_backend_preconfigured(config)
            .build()
            .context("cannot set up the HTTP client")
    }

    /// Everything but TLS: hit follows redirects itself (crate::policy::redirect), so that it
    /// decides what crosses to another origin.
    /// Responses are decoded by hit (`body`), and the request's headers are its own.
    fn client_builder(&self) -> ClientBuilder {
        // Header names go out in Title-Case, as `-v` shows them and most clients send them.
        let mut builder = Client::builder()
            .redirect(Policy::none())
            .referer(false)
            .http1_title_case_headers();
        // -m and --timeout are limits hit keeps itself (`TimeLimits`, `upload::Activity`), so
        // that it can say which fired, and so that a long upload is not a pause.
        if let Some(limit) = self.settings.connect_timeout {
            builder = builder.connect_timeout(limit);
        }
        builder = match self.settings.version {
            HttpVersion::Negotiated => builder,
            HttpVersion::Http1Only => builder.http1_only(),
            HttpVersion::Http2PriorKnowledge => builder.http2_prior_knowledge(),
        };
        builder = match self.settings.family {
            Some(IpFamily::V4) => builder.local_address(IpAddr::from(Ipv4Addr::UNSPECIFIED)),
            Some(IpFamily::V6) => builder.local_address(IpAddr::from(Ipv6Addr::UNSPECIFIED)),
            None => builder,
        };
        #[cfg(unix)]
        if let Some(path) = &self.settings.unix_socket {
            builder = builder.unix_socket(path.as_path());
        }
        // hit chooses the proxy itself (settings::ProxySettings), so that it can name it.
        builder = builder.no_proxy();
        if self.proxies.any() {
            let proxies = self.proxies.clone();
            let mut proxy = reqwest::Proxy::custom(move |url| {
                let proxy = proxies.for_url(url)?;
                Some(socks_url(proxy, proxies.credentials.as_ref()))
            });
            if let Some((user, password)) = &self.proxies.credentials {
                proxy = proxy.basic_auth(user, password);
            }
            builder = builder.proxy(proxy);
        }
        builder
    }

    /// The prepared request as reqwest sends it, with streamed files opened. Its headers
    /// are sent as they are, but for a `Host` that only repeats the URL: the connection
    /// writes that itself (as `:authority` over HTTP/2).
    pub async fn build(&self, prepared: &PreparedRequest, limits: TimeLimits) -> Result<Built> {
        let activity = Activity::new();
        let uploads = self.uploads.as_ref();
        let url = &prepared.url;
        let mut builder = self
            .client(url)?
            .request(prepared.method.clone(), url.clone());
        let default_host = host_header(url);
        for (name, value) in prepared.headers.iter() {
            if !(name.eq_ignore_ascii_case("host") && value == default_host) {
                builder = builder.header(name, value);
            }
        }
        builder = match &prepared.body {
            RequestBody::Empty => builder,
            RequestBody::Bytes(bytes) => builder.body(bytes.clone()),
            RequestBody::File { path, len } => builder.body(Body::wrap_stream(
                upload::file_stream(uploads, path, *len, &activity).await?,
            )),
            RequestBody::Multipart(form) => builder.body(Body::wrap_stream(
                upload::multipart_stream(uploads, form, &activity).await?,
            )),
            RequestBody::Stdin(body) => builder.body(Body::wrap_stream(upload::stdin_stream(
                body, limits, &activity,
            ))),
        };
        let request = builder.build().context("cannot build the request")?;
        Ok(Built { request, activity })
    }

    /// The HTTP version a request to `url` goes out in, when it is known before sending:
    /// HTTP/1.1 for http, which hit speaks only as HTTP/1.1. Over https the TLS handshake
    /// chooses (ALPN), so the version is known only with the response.
    pub fn version_before_sending(&self, url: &Url) -> Option<Version> {
        match self.settings.version {
            HttpVersion::Http2PriorKnowledge => Some(Version::HTTP_2),
            HttpVersion::Http1Only => Some(Version::HTTP_11),
            HttpVersion::Negotiated => (url.scheme() == "http").then_some(Version::HTTP_11),
        }
    }

    /// Sends the request and waits for the response head.
    pub async fn send(&self, built: Built, limits: TimeLimits) -> Result<Incoming, Failed> {
        let Built { request, activity } = built;
        let url = request.url().clone();
        let method = request.method().clone();
        let pending = self.client(&url)?.execute(request);
        let sent_at = Instant::now();
        let (result, connection) = timing::sending(wait_for_head(pending, limits, &activity)).await;
        if let Some(uploads) = &self.uploads {
            uploads.clear();
        }
        match result {
            Ok(Ok(response)) => {
                let mut incoming = Incoming::new(response, &method, limits, &self.settings)?;
                incoming.sent_at = sent_at;
                incoming.connection = connection;
                Ok(incoming)
            }
            Ok(Err(err)) => Err(failure::classify(
                &err,
                &url,
                &self.settings,
                self.proxies.for_url(&url),
            )),
            Err(expired) => Err(no_head(expired, &url)),
        }
    }
}

/// The proxy's URL as reqwest takes it: `-U`'s credentials go into a SOCKS5 proxy's URL
/// (one that names none), which is where reqwest reads SOCKS credentials from; an http
/// proxy gets them as Proxy-Authorization.
fn socks_url(proxy: &Proxy, credentials: Option<&(String, String)>) -> Url {
    let mut url = proxy.url.clone();
    if let Some((user, password)) = credentials.filter(|_| proxy.is_socks()) {
        if url.username().is_empty() {
            let _ = url.set_username(user);
            let _ = url.set_password(Some(password));
        }
    }
    url
}

/// A request ready to send, and the record of its body's progress.
pub struct Built {
    request: reqwest::Request,
    activity: Activity,
}

/// Waits for the response head within `-m`, and within `--timeout` counted from the last
/// progress of the body being sent: a long upload is not a pause.
async fn wait_for_head<F: std::future::Future>(
    pending: F,
    limits: TimeLimits,
    activity: &Activity,
) -> Result<F::Output, Expired> {
    tokio::pin!(pending);
    loop {
        let quiet_end = limits
            .idle
            .and_then(|idle| activity.last().checked_add(idle));
        let end = match (limits.deadline(), quiet_end) {
            (Some(deadline), Some(quiet)) => Some(deadline.min(quiet)),
            (deadline, quiet) => deadline.or(quiet),
        };
        let Some(end) = end else {
            return Ok(pending.await);
        };
        if let Ok(output) = tokio::time::timeout_at(end, &mut pending).await {
            return Ok(output);
        }
        let now = tokio::time::Instant::now();
        if limits.deadline().is_some_and(|deadline| now >= deadline) {
            return Err(Expired::MaxTime(limits.max_time().unwrap_or_default()));
        }
        if let Some(idle) = limits.idle
            && activity
                .last()
                .checked_add(idle)
                .is_some_and(|quiet| now >= quiet)
        {
            return Err(Expired::Idle(idle));
        }
        // The body moved meanwhile: the pause starts again from there.
    }
}

/// The error for a response head that did not come in time, naming what hit was waiting
/// for.
fn no_head(expired: Expired, url: &Url) -> Failed {
    let what = match expired {
        _ if stdin::is_waiting() => {
            return Failed {
                error: HitError::Timeout(StdinStalled(expired).to_string()).into(),
                trigger: None,
            };
        }
        Expired::MaxTime(limit) => format!("no response within -m/--max-time {}", human(limit)),
        Expired::Idle(limit) => idle_message(Some(limit)),
    };
    Failed {
        error: timed_out(&authority(url), &what),
        trigger: Some(Trigger::Lost),
    }
}

/// A response whose body is still to be read, within the run's time limits.
pub struct Incoming {
    pub head: ResponseHead,
    body: body::DecodedBody,
    /// A content coding hit cannot undo: the body is passed on as received.
    pub undecoded: Option<String>,
    /// The body's length when it is known before reading it: the Content-Length of a body
    /// that is not decoded.
    pub length: Option<u64>,
    /// Bytes read so far, after decoding.
    received: u64,
    max_filesize: Option<u64>,
    /// `hit run`: a copy of the body as it is read, for the requests after it.
    copy: Option<BodyCopy>,
    /// The body read ahead by `hold`, given out again by `chunk`.
    held: Option<Bytes>,
    /// When the request was handed to the client.
    pub sent_at: Instant,
    /// The phases of the connection made for the request; `None` when it went over one
    /// already open.
    pub connection: Option<ConnectionTiming>,
    /// A `101 Switching Protocols` answer's connection, once it has switched.
    upgrade: Option<Upgrading>,
}

/// The connection of a 101 answer, given over to the protocol it switched to (a
/// WebSocket's) when awaited.
pub type Upgrading =
    std::pin::Pin<Box<dyn std::future::Future<Output = reqwest::Result<reqwest::Upgraded>> + Send>>;

/// A copy of a body up to a limit; `bytes` is `None` once the body passed it.
struct BodyCopy {
    bytes: Option<Vec<u8>>,
    limit: usize,
}

impl Incoming {
    fn new(
        response: Response,
        method: &reqwest::Method,
        limits: TimeLimits,
        settings: &TransportSettings,
    ) -> Result<Incoming, Failed> {
        let max_filesize = settings.max_filesize;
        let head = ResponseHead {
            status: response.status(),
            version: response.version(),
            headers: response.headers().clone(),
            url: response.url().clone(),
            remote: response.remote_addr(),
            // A phrase that is not plain ASCII text (obs-text, RFC 9112 §4) is not shown: the
            // registered one stands in for it.
            reason: response
                .extensions()
                .get::<hyper::ext::ReasonPhrase>()
                .map(|r| r.as_bytes())
                .filter(|r| {
                    !r.is_empty() && r.iter().all(|b| matches!(b, b' ' | b'\t' | 0x21..=0x7e))
                })
                .map(|r| String::from_utf8_lossy(r).into_owned()),
        };
        if head.status.as_u16() > 599 {
            let message = format!(
                "the response from {} is not valid HTTP: its status {} is outside 100-599 \
                 (RFC 9110 §15)",
                authority(&head.url),
                head.status.as_u16()
            );
            return Err(anyhow::Error::from(HitError::BodyBroken(message)).into());
        }
        let bodiless = facts::has_no_body(method.as_str(), head.status.as_u16());
        let (codings, undecoded) = match body::decoding(&head.headers) {
            // Nothing to decode, and nothing to warn about; or `--raw`.
            _ if bodiless || settings.raw => (Vec::new(), None),
            Ok(Decoding::Codings(codings)) => (codings, None),
            Ok(Decoding::Unknown(name)) => (Vec::new(), Some(name)),
            Err(why) => {
                let target = authority(&head.url);
                let message = format!("cannot read the response from {target}: {why}");
                return Err(anyhow::Error::from(HitError::BodyBroken(message)).into());
            }
        };
        let length = response
            .content_length()
            .filter(|_| codings.is_empty() && !bodiless);
        if let (Some(max), Some(len)) = (max_filesize, length)
            && len > max
        {
            return Err(too_large(max, &format!("Content-Length: {len}")).into());
        }
        let (body, upgrade) = if head.status == reqwest::StatusCode::SWITCHING_PROTOCOLS {
            let upgrade: Upgrading = Box::pin(response.upgrade());
            (body::DecodedBody::none(&head.url), Some(upgrade))
        } else {
            (body::DecodedBody::new(response, codings, limits), None)
        };
        Ok(Incoming {
            body,
            upgrade,
            head,
            undecoded,
            length,
            received: 0,
            max_filesize,
            copy: None,
            held: None,
            sent_at: Instant::now(),
            connection: None,
        })
    }

    /// A 101 answer's connection, to be awaited once; `None` for any other answer.
    pub fn take_upgrade(&mut self) -> Option<Upgrading> {
        self.upgrade.take()
    }

    /// The next piece of the body, decoded, with failures classified (exit 8 or 9).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        if let Some(held) = self.held.take() {
            return Ok(Some(held));
        }
        let chunk = self.body.next().await?;
        if let Some(chunk) = &chunk {
            self.received += chunk.len() as u64;
            if let Some(max) = self.max_filesize.filter(|max| self.received > *max) {
                return Err(too_large(max, &format!("{} bytes arrived", self.received)));
            }
            if let Some(BodyCopy { bytes, limit }) = &mut self.copy {
                if bytes
                    .as_ref()
                    .is_some_and(|b| b.len() + chunk.len() > *limit)
                {
                    *bytes = None;
                }
                if let Some(bytes) = bytes {
                    bytes.extend_from_slice(chunk);
                }
            }
        }
        Ok(chunk)
    }

    /// Keeps a copy of the body, up to `limit` bytes, as it is read; what `hold` read ahead
    /// and has not handed out yet is part of it.
    pub fn keep_copy(&mut self, limit: usize) {
        let held = self.held.as_deref().unwrap_or_default();
        self.copy = Some(BodyCopy {
            bytes: (held.len() <= limit).then(|| held.to_vec()),
            limit,
        });
    }

    /// The copy `keep_copy` asked for: `None` when the body was larger than its limit.
    pub fn take_copy(&mut self) -> Option<Vec<u8>> {
        self.copy.take().and_then(|copy| copy.bytes)
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

    /// Reads the whole body, keeping its first `limit` bytes; returns them and the size.
    pub async fn read_prefix(&mut self, limit: usize) -> Result<(Vec<u8>, u64)> {
        let mut kept = Vec::new();
        let mut size = 0u64;
        while let Some(chunk) = self.chunk().await? {
            size += chunk.len() as u64;
            let room = limit.saturating_sub(kept.len());
            kept.extend_from_slice(&chunk[..room.min(chunk.len())]);
        }
        Ok((kept, size))
    }

    /// Reads the body ahead, up to `limit` bytes, to look at it before it is delivered:
    /// `chunk` gives it out again. `None` when the body is longer (what was read is given
    /// out again all the same).
    pub async fn hold(&mut self, limit: usize) -> Result<Option<Bytes>> {
        let mut read = Vec::new();
        let mut ended = false;
        while read.len() <= limit {
            match self.chunk().await? {
                Some(chunk) => read.extend_from_slice(&chunk),
                None => {
                    ended = true;
                    break;
                }
            }
        }
        let read = Bytes::from(read);
        self.held = (!read.is_empty()).then(|| read.clone());
        Ok(ended.then_some(read))
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

/// `--max-filesize`, passed.
fn too_large(max: u64, seen: &str) -> anyhow::Error {
    TooLarge(format!(
        "the response body is larger than --max-filesize {max} ({seen})"
    ))
    .into()
}

/// A body past `--max-filesize`: not something to resume.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TooLarge(String);
