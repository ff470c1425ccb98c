//! Transport failures turned into error kinds with one clear message each, and what a
//! retry would be retrying.

use std::error::Error as StdError;
use std::time::Duration;

use reqwest::Url;

use crate::error::HitError;
use crate::limits::{Expired, seconds};
use crate::retry::Trigger;
use crate::settings::{Proxy, TransportSettings};

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

/// Stdin went quiet, or `-m` ran out, while its bytes were being sent as the body.
#[derive(Debug)]
pub struct StdinStalled(pub Expired);

impl std::fmt::Display for StdinStalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "timed out waiting for the request body on stdin: {}",
            self.0.describe("no input")
        )
    }
}

impl StdError for StdinStalled {}

/// The first error of type `T` in an error's source chain.
fn find_cause<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        // An io::Error's source is its inner error's source, not the inner error: look
        // inside it (io::Errors nest).
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            && let Some(found) = find_cause::<T>(inner)
        {
            return Some(found);
        }
        current = e.source();
    }
    None
}

pub fn classify(
    err: &reqwest::Error,
    url: &Url,
    settings: &TransportSettings,
    proxy: Option<&Proxy>,
) -> Failed {
    if let Some(stalled) = find_cause::<StdinStalled>(err) {
        return Failed {
            error: HitError::Timeout(stalled.to_string()).into(),
            trigger: None,
        };
    }
    let target = authority(err.url().unwrap_or(url));
    let cause = root_cause(err);
    let chain = chain_text(err);
    let failed = |error: HitError, trigger| Failed {
        error: error.into(),
        trigger,
    };
    if err.is_timeout() {
        return if err.is_connect() {
            let what = match settings.connect_timeout {
                Some(limit) => {
                    format!("no connection within --connect-timeout {}", seconds(limit))
                }
                None => "the system gave up connecting".to_string(),
            };
            failed(timeout_error(&target, &what), Some(Trigger::Unsent))
        } else {
            failed(
                timeout_error(&target, &idle_message(settings.idle_timeout)),
                Some(Trigger::Lost),
            )
        };
    }
    if let Some(tls) = find_cause::<rustls::Error>(err) {
        let message = format!(
            "TLS handshake with {target} failed: {}",
            super::tls::describe(tls)
        );
        return failed(HitError::Connect(message), None);
    }
    if err.is_connect() {
        return connect_failure(url, &target, &cause, &chain, proxy);
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

/// No connection: to the server, or to the proxy on the way, named as such.
fn connect_failure(
    url: &Url,
    target: &str,
    cause: &str,
    chain: &str,
    proxy: Option<&Proxy>,
) -> Failed {
    let failed = |message: String, trigger| Failed {
        error: HitError::Connect(message).into(),
        trigger,
    };
    if let Some(proxy) = proxy {
        let at = format!("{} (from {})", authority(&proxy.url), proxy.source);
        if chain.contains("proxy authorization required") {
            return failed(
                format!(
                    "the proxy {at} asks for credentials (407 Proxy Authentication Required); \
                     pass -U/--proxy-user USER:PASSWORD"
                ),
                None,
            );
        }
        if chain.contains("dns error") {
            let host = proxy.url.host_str().unwrap_or_default();
            return failed(
                format!(
                    "cannot resolve the proxy host '{host}' (from {}): {cause}",
                    proxy.source
                ),
                None,
            );
        }
        let unreachable = ["refused", "reset", "unreachable"]
            .iter()
            .any(|word| cause.to_ascii_lowercase().contains(word));
        if chain.contains("tunnel error") && !unreachable {
            return failed(
                format!("the proxy {at} would not open a tunnel to {target}: {cause}"),
                None,
            );
        }
        if !chain.contains("certificate") && !chain.contains("tls") {
            return failed(
                format!("cannot connect to the proxy {at}: {cause}"),
                Some(Trigger::Unsent),
            );
        }
    }
    if chain.contains("dns error") {
        let host = url.host_str().unwrap_or_default();
        return failed(format!("cannot resolve host '{host}': {cause}"), None);
    }
    if chain.contains("certificate") || chain.contains("tls") {
        return failed(
            format!(
                "TLS handshake with {target} failed: {cause} (--cacert FILE trusts a private CA)"
            ),
            None,
        );
    }
    let hint = if cause.contains("refused") {
        format!(" (is anything listening on {target}?)")
    } else {
        String::new()
    };
    failed(
        format!("cannot connect to {target}: {cause}{hint}"),
        Some(Trigger::Unsent),
    )
}

/// How hyper reports a connection that ended before the response head.
const CLOSED: &[&str] = &[
    "connection closed before message completed",
    "connection reset",
    "broken pipe",
];

/// How hyper reports a response head it cannot parse.
const MALFORMED: &[&str] = &["parsed", "message head is too large", "invalid header"];

pub fn idle_message(idle: Option<Duration>) -> String {
    match idle {
        Some(limit) => format!("no bytes for --timeout {}", seconds(limit)),
        None => "the connection stalled".to_string(),
    }
}

pub fn timeout_error(target: &str, what: &str) -> HitError {
    HitError::Timeout(format!("request to {target} timed out: {what}"))
}

pub fn timed_out(target: &str, what: &str) -> anyhow::Error {
    timeout_error(target, what).into()
}

pub fn body_broken(target: &str, cause: &str) -> HitError {
    HitError::BodyBroken(format!(
        "the response body from {target} was cut short: {cause}"
    ))
}

/// `host:port` of a URL, with the scheme's default port filled in.
pub fn authority(url: &Url) -> String {
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
pub fn root_cause(err: &dyn StdError) -> String {
    let mut deepest: &dyn StdError = err;
    while let Some(source) = deepest.source() {
        deepest = source;
    }
    crate::error::without_os_error(deepest.to_string())
}
