//! The HTTP client: construction from settings, sending, and turning transport failures
//! into error kinds with one clear message each.

use std::error::Error as StdError;

use anyhow::{Context, Result};
use bytes::Bytes;
use reqwest::header::CONTENT_LENGTH;
use reqwest::redirect::Policy;
use reqwest::{Body, Client, Response, Url};
use tokio_util::io::ReaderStream;

use crate::error::HitError;
use crate::request::{Part, PreparedRequest, RequestBody};
use crate::settings::TransportSettings;

/// Read size for streamed uploads.
const UPLOAD_CHUNK: usize = 256 * 1024;

/// A configured client and the settings it was built from.
pub struct Transport {
    client: Client,
    settings: TransportSettings,
}

impl Transport {
    pub fn new(settings: &TransportSettings, request: &PreparedRequest) -> Result<Transport> {
        // Several providers could be linked in; ring is the one hit ships.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let redirect = if settings.follow_redirects {
            Policy::limited(settings.max_redirects)
        } else {
            Policy::none()
        };
        let mut builder = Client::builder().redirect(redirect).referer(false);
        let accepts_encoding = request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept-encoding"));
        if !accepts_encoding {
            // The user removed Accept-Encoding; keep reqwest from adding its own.
            builder = builder.no_gzip().no_deflate().no_brotli();
        }
        if let Some(limit) = settings.max_time {
            builder = builder.timeout(limit);
        }
        if let Some(limit) = settings.connect_timeout {
            builder = builder.connect_timeout(limit);
        }
        if let Some(proxy) = &settings.proxy {
            let proxy = reqwest::Proxy::all(proxy)
                .map_err(|e| crate::error::usage(format!("bad --proxy '{proxy}': {e}")))?;
            builder = builder.proxy(proxy);
        }
        if settings.insecure {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        if let Some(path) = &settings.cacert {
            let pem = std::fs::read(path)
                .with_context(|| format!("cannot read --cacert '{}'", path.display()))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .with_context(|| format!("no PEM certificates in '{}'", path.display()))?;
            builder = builder.tls_certs_only(certs);
        }
        let client = builder.build().context("cannot set up the HTTP client")?;
        Ok(Transport {
            client,
            settings: settings.clone(),
        })
    }

    /// Turns the prepared request into the one reqwest sends, opening streamed files.
    pub async fn build(&self, prepared: &PreparedRequest) -> Result<reqwest::Request> {
        let mut builder = self
            .client
            .request(prepared.method.clone(), prepared.url.clone());
        for (name, value) in &prepared.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder = match &prepared.body {
            RequestBody::Empty => builder,
            RequestBody::Bytes(bytes) => builder.body(bytes.clone()),
            RequestBody::File { path, len } => {
                let file = tokio::fs::File::open(path)
                    .await
                    .with_context(|| format!("cannot read '{}'", path.display()))?;
                let stream = ReaderStream::with_capacity(file, UPLOAD_CHUNK);
                builder
                    .header(CONTENT_LENGTH, *len)
                    .body(Body::wrap_stream(stream))
            }
            RequestBody::Multipart(parts) => builder.multipart(multipart_form(parts).await?),
        };
        builder.build().context("cannot build the request")
    }

    /// Sends the request and waits for the response head.
    pub async fn send(&self, request: reqwest::Request) -> Result<Response> {
        let url = request.url().clone();
        self.client
            .execute(request)
            .await
            .map_err(|err| self.classify(&err, &url))
    }

    fn classify(&self, err: &reqwest::Error, url: &Url) -> anyhow::Error {
        let target = authority(err.url().unwrap_or(url));
        let cause = root_cause(err);
        if err.is_redirect() {
            return HitError::TooManyRedirects(format!(
                "stopped after {} redirects from {url} (raise --max-redirs to allow more)",
                self.settings.max_redirects
            ))
            .into();
        }
        if err.is_timeout() {
            return timeout(&target, &self.settings);
        }
        if err.is_connect() {
            let chain = chain_text(err);
            let message = if chain.contains("dns error") {
                let host = url.host_str().unwrap_or_default();
                format!("cannot resolve host '{host}': {cause}")
            } else if cause.contains("refused") {
                format!("cannot connect to {target}: {cause} (is anything listening on {target}?)")
            } else if chain.contains("certificate") || chain.contains("tls") {
                format!(
                    "TLS handshake with {target} failed: {cause} (--cacert FILE trusts a private CA)"
                )
            } else {
                format!("cannot connect to {target}: {cause}")
            };
            return HitError::Connect(message).into();
        }
        if err.is_body() || err.is_decode() {
            return body_broken(&target, &cause);
        }
        anyhow::anyhow!("request to {target} failed: {cause}")
    }
}

/// The next piece of the response body, with failures classified (exit 8 or 9).
pub async fn next_chunk(response: &mut Response) -> Result<Option<Bytes>> {
    let target = authority(response.url());
    response.chunk().await.map_err(|err| {
        if err.is_timeout() {
            HitError::Timeout(format!("timed out reading the response body from {target}")).into()
        } else {
            body_broken(&target, &root_cause(&err))
        }
    })
}

/// Reads and discards the rest of the body, returning its size.
pub async fn drain(response: &mut Response) -> Result<u64> {
    let mut received = 0u64;
    while let Some(chunk) = next_chunk(response).await? {
        received += chunk.len() as u64;
    }
    Ok(received)
}

fn timeout(target: &str, settings: &TransportSettings) -> anyhow::Error {
    let limit = match (settings.max_time, settings.connect_timeout) {
        (Some(max), _) => format!(" (-m/--max-time {}s)", max.as_secs_f64()),
        (None, Some(connect)) => format!(" (--connect-timeout {}s)", connect.as_secs_f64()),
        (None, None) => String::new(),
    };
    HitError::Timeout(format!("request to {target} timed out{limit}")).into()
}

fn body_broken(target: &str, cause: &str) -> anyhow::Error {
    HitError::BodyBroken(format!(
        "the response body from {target} was cut short: {cause}"
    ))
    .into()
}

async fn multipart_form(parts: &[Part]) -> Result<reqwest::multipart::Form> {
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(name.clone(), value.clone()),
            Part::File { name, path, mime } => {
                let mut file = reqwest::multipart::Part::file(path)
                    .await
                    .with_context(|| format!("cannot read '{}'", path.display()))?;
                if let Some(mime) = mime {
                    file = file.mime_str(mime).map_err(|_| {
                        crate::error::usage(format!("bad content type '{mime}' for '{name}'"))
                    })?;
                }
                form.part(name.clone(), file)
            }
        };
    }
    Ok(form)
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
