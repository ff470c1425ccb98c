//! Transport failures turned into error kinds with one clear message each, and what a
//! retry would be retrying.

use std::error::Error as StdError;
use std::io;
use std::time::Duration;

use reqwest::Url;

use crate::error::HitError;
use crate::http::duration::human;
use crate::policy::retry::Trigger;
use crate::settings::{Proxy, TransportSettings};
use crate::transport::limits::Expired;

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

/// Every error in an error's source chain, outermost first. An io::Error's source is its
/// inner error's source, not the inner error: the inner error is listed too (io::Errors nest).
fn causes<'a>(err: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut all = Vec::new();
    let mut current = Some(err);
    while let Some(e) = current {
        all.push(e);
        if let Some(inner) = e.downcast_ref::<io::Error>().and_then(|io| io.get_ref()) {
            all.extend(causes(inner));
        }
        current = e.source();
    }
    all
}

/// The first error of type `T` in an error's source chain.
fn find_cause<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    causes(err).into_iter().find_map(|e| e.downcast_ref::<T>())
}

/// Whether an io::Error of one of these kinds is in the chain.
fn has_io_kind(err: &(dyn StdError + 'static), kinds: &[io::ErrorKind]) -> bool {
    causes(err)
        .into_iter()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|io| kinds.contains(&io.kind()))
}

/// Whether hyper says this of the error in the chain.
fn hyper_says(err: &(dyn StdError + 'static), what: fn(&hyper::Error) -> bool) -> bool {
    find_cause::<hyper::Error>(err).is_some_and(what)
}

/// The connection ended before the response head: hyper's incomplete message, or the
/// peer's reset or a write into a closed socket.
fn closed_early(err: &(dyn StdError + 'static)) -> bool {
    hyper_says(err, hyper::Error::is_incomplete_message)
        || has_io_kind(
            err,
            &[io::ErrorKind::ConnectionReset, io::ErrorKind::BrokenPipe],
        )
}

/// The TLS handshake did not finish: rustls refused (found earlier, by its own type), or
/// the server closed the connection during it (tokio-rustls: "tls handshake eof").
fn tls_cut_short(err: &(dyn StdError + 'static), url: &Url) -> bool {
    url.scheme() == "https" && has_io_kind(err, &[io::ErrorKind::UnexpectedEof])
}

/// What hyper-util says only in words (its `ConnectError` and `TunnelError` are private):
/// each is pinned by a test that produces it.
const DNS_FAILED: &str = "dns error";
const PROXY_WANTS_CREDENTIALS: &str = "proxy authorization required";
const NO_TUNNEL: &str = "tunnel error";

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
    let failed = |error: HitError, trigger| Failed {
        error: error.into(),
        trigger,
    };
    if err.is_timeout() {
        return if err.is_connect() {
            let what = match settings.connect_timeout {
                Some(limit) => {
                    format!("no connection within --connect-timeout {}", human(limit))
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
        if let Some(socks) = proxy.filter(|proxy| proxy.is_socks()) {
            return super::socks::failure(err, url, socks, settings);
        }
        return connect_failure(err, url, &target, proxy);
    }
    if err.is_body() || err.is_decode() {
        return failed(body_broken(&target, &cause), None);
    }
    if closed_early(err) {
        let message = format!("{target} closed the connection without a response: {cause}");
        return failed(HitError::BodyBroken(message), Some(Trigger::Lost));
    }
    if hyper_says(err, hyper::Error::is_parse) {
        let message = format!("the response from {target} is not valid HTTP: {cause}");
        return failed(HitError::BodyBroken(message), None);
    }
    Failed {
        error: anyhow::anyhow!("request to {target} failed: {cause}"),
        trigger: None,
    }
}

/// No connection: to the server, or to the proxy on the way, named as such.
fn connect_failure(err: &reqwest::Error, url: &Url, target: &str, proxy: Option<&Proxy>) -> Failed {
    let cause = &root_cause(err);
    let chain = chain_text(err);
    let tls = tls_cut_short(err, url);
    let failed = |message: String, trigger| Failed {
        error: HitError::Connect(message).into(),
        trigger,
    };
    if let Some(proxy) = proxy {
        let at = format!("{} (from {})", authority(&proxy.url), proxy.source);
        if chain.contains(PROXY_WANTS_CREDENTIALS) {
            return failed(
                format!(
                    "the proxy {at} asks for credentials (407 Proxy Authentication Required); \
                     pass -U/--proxy-user USER:PASSWORD"
                ),
                None,
            );
        }
        if chain.contains(DNS_FAILED) {
            return failed(proxy_unresolved(proxy, cause), None);
        }
        let unreachable = has_io_kind(
            err,
            &[
                io::ErrorKind::ConnectionRefused,
                io::ErrorKind::ConnectionReset,
                io::ErrorKind::NetworkUnreachable,
            ],
        );
        if chain.contains(NO_TUNNEL) && !unreachable {
            return failed(
                format!("the proxy {at} would not open a tunnel to {target}: {cause}"),
                None,
            );
        }
        if !tls {
            return failed(
                format!("cannot connect to the proxy {at}: {cause}"),
                Some(Trigger::Unsent),
            );
        }
    }
    if chain.contains(DNS_FAILED) {
        let host = url.host_str().unwrap_or_default();
        return failed(format!("cannot resolve host '{host}': {cause}"), None);
    }
    if tls {
        return failed(
            format!(
                "TLS handshake with {target} failed: {cause} (--cacert FILE trusts a private CA)"
            ),
            None,
        );
    }
    let hint = if has_io_kind(err, &[io::ErrorKind::ConnectionRefused]) {
        format!(" (is anything listening on {target}?)")
    } else {
        String::new()
    };
    failed(
        format!("cannot connect to {target}: {cause}{hint}"),
        Some(Trigger::Unsent),
    )
}

pub fn idle_message(idle: Option<Duration>) -> String {
    match idle {
        Some(limit) => format!("no bytes for --timeout {}", human(limit)),
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
pub(super) fn chain_text(err: &dyn StdError) -> String {
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

/// Each test breaks a real exchange with a raw `TcpListener` and shows which error hit
/// reads by type, and which only by the words that remain matched above.
/// The proxy's own name did not resolve (an http or a SOCKS proxy).
pub(super) fn proxy_unresolved(proxy: &Proxy, cause: &str) -> String {
    let host = proxy.url.host_str().unwrap_or_default();
    format!(
        "cannot resolve the proxy host '{host}' (from {}): {cause}",
        proxy.source
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::Arc;

    /// A one-connection server on 127.0.0.1 that does `answer` with what it accepts.
    fn serve_once(answer: impl FnOnce(TcpStream) + Send + 'static) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            answer(stream);
        });
        port
    }

    /// Reads what the client sends first, answers `reply` and closes.
    fn replying(reply: &'static [u8]) -> impl FnOnce(TcpStream) + Send + 'static {
        move |mut stream| {
            let mut request = [0; 4096];
            let _ = stream.read(&mut request);
            stream.write_all(reply).unwrap();
        }
    }

    /// A client that trusts no certificate, as hit's client for `http://` is.
    fn client() -> reqwest::ClientBuilder {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config = rustls::ClientConfig::builder()
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth();
        reqwest::Client::builder()
            .no_proxy()
            .tls_backend_preconfigured(config)
    }

    fn fail(builder: reqwest::ClientBuilder, url: &str) -> reqwest::Error {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let client = builder.build().unwrap();
        runtime
            .block_on(client.get(url).send())
            .expect_err("the exchange must fail")
    }

    #[test]
    fn a_connection_closed_before_the_head_is_an_incomplete_message() {
        let port = serve_once(replying(b""));
        let err = fail(client(), &format!("http://127.0.0.1:{port}/"));
        assert!(
            hyper_says(&err, hyper::Error::is_incomplete_message),
            "{err:?}"
        );
        assert!(closed_early(&err) && !err.is_connect());
    }

    #[test]
    fn a_connection_reset_is_read_by_its_io_kind() {
        // Closing with the request unread makes the kernel answer with a reset.
        let port = serve_once(|stream| {
            let _ = stream.peek(&mut [0; 1]);
        });
        let err = fail(client(), &format!("http://127.0.0.1:{port}/"));
        assert!(
            has_io_kind(&err, &[io::ErrorKind::ConnectionReset]),
            "{err:?}"
        );
        assert!(closed_early(&err));
    }

    #[test]
    fn a_response_that_is_not_http_is_a_parse_error() {
        for reply in [
            &b"SSH-2.0-OpenSSH_9.6\r\n"[..],
            b"HTTP/1.1 200 OK\r\nX y\r\n\r\n",
        ] {
            let port = serve_once(replying(reply));
            let err = fail(client(), &format!("http://127.0.0.1:{port}/"));
            assert!(hyper_says(&err, hyper::Error::is_parse), "{err:?}");
            assert!(!closed_early(&err));
        }
    }

    #[test]
    fn a_closed_port_is_refused_by_its_io_kind() {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = fail(client(), &format!("http://127.0.0.1:{port}/"));
        assert!(err.is_connect());
        assert!(
            has_io_kind(&err, &[io::ErrorKind::ConnectionRefused]),
            "{err:?}"
        );
        assert!(!chain_text(&err).contains(DNS_FAILED));
    }

    #[test]
    fn a_server_that_closes_during_the_handshake_cuts_tls_short() {
        let port = serve_once(replying(b""));
        let url = format!("https://127.0.0.1:{port}/");
        let err = fail(client(), &url);
        assert!(err.is_connect() && find_cause::<rustls::Error>(&err).is_none());
        assert!(tls_cut_short(&err, &Url::parse(&url).unwrap()), "{err:?}");
    }

    /// hyper-util's `ConnectError` is private: a failed lookup is known by its words.
    #[test]
    fn a_failed_lookup_says_dns_error() {
        struct NoSuchHost;
        impl reqwest::dns::Resolve for NoSuchHost {
            fn resolve(&self, _: reqwest::dns::Name) -> reqwest::dns::Resolving {
                Box::pin(async { Err(io::Error::other("no such host").into()) })
            }
        }
        let err = fail(
            client().dns_resolver(Arc::new(NoSuchHost)),
            "http://nosuch.test/",
        );
        assert!(err.is_connect());
        assert!(chain_text(&err).contains(DNS_FAILED), "{err:?}");
    }

    /// hyper-util's `TunnelError` is private: a proxy's refusal is known by its words.
    #[test]
    fn a_proxy_that_refuses_the_tunnel_says_so_in_words() {
        for (reply, words) in [
            (
                &b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"[..],
                PROXY_WANTS_CREDENTIALS,
            ),
            (
                b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n",
                NO_TUNNEL,
            ),
        ] {
            let port = serve_once(replying(reply));
            let proxy = reqwest::Proxy::all(format!("http://127.0.0.1:{port}")).unwrap();
            let err = fail(client().proxy(proxy), "https://a.test/");
            assert!(err.is_connect());
            assert!(chain_text(&err).contains(words), "{err:?}");
            assert!(!has_io_kind(&err, &[io::ErrorKind::ConnectionRefused]));
        }
    }
}
