//! A SOCKS proxy's failures in words: the proxy that cannot be reached, the login it refused,
//! the destination it could not connect to, and the name hit could not look up for it.
//!
//! hyper-util's `SocksError` says what went wrong only in its message, and keeps the error of
//! the connection to the proxy out of the source chain (it has no `source()`): that one is
//! read from its Debug form. Each case is pinned by a test against the SOCKS proxy in
//! tests/support.

use reqwest::Url;

use super::failure::{Failed, authority, chain_text, proxy_unresolved, root_cause};
use crate::error::HitError;
use crate::policy::retry::Trigger;
use crate::settings::{Proxy, TransportSettings};

/// reqwest's words when hit's own lookup for a socks4 or socks5 proxy failed.
const LOCAL_LOOKUP_FAILED: &str = "error resolving for socks proxy";
/// hyper-util's words for each failure, after "SOCKS error: ".
const NO_CONNECTION: &str = "failed to create underlying connection";
const LOGIN_REFUSED: &str = "credentials not accepted";
const NO_LOGIN_METHOD: &str = "server does not support user/pass authentication";
/// The replies a SOCKS5 (RFC 1928 §6) or SOCKS4 proxy gives when it cannot connect.
const REFUSALS: &[&str] = &[
    "general server failure",
    "connection not allowed",
    "network unreachable",
    "host unreachable",
    "connection refused",
    "ttl expired",
    "command not supported",
    "address type not supported",
    "server failed to execute command",
    "server ident service",
];

/// The connection through the SOCKS `proxy` to `url` failed.
pub fn failure(
    err: &reqwest::Error,
    url: &Url,
    proxy: &Proxy,
    settings: &TransportSettings,
) -> Failed {
    let chain = chain_text(err);
    let at = format!("{} (from {})", authority(&proxy.url), proxy.source);
    let target = authority(url);
    let failed = |message: String, trigger| Failed {
        error: HitError::Connect(message).into(),
        trigger,
    };
    if chain.contains(LOCAL_LOOKUP_FAILED) {
        let host = url.host_str().unwrap_or_default();
        let scheme = proxy.url.scheme();
        let remote = if scheme == "socks4" {
            "socks4a"
        } else {
            "socks5h"
        };
        return failed(
            format!(
                "cannot resolve host '{host}': {} (for a {scheme} proxy hit looks the name up; \
                 with {remote}:// the proxy does)",
                root_cause(err)
            ),
            None,
        );
    }
    if chain.contains(NO_CONNECTION) {
        let (dns, cause) = connection_error(err);
        if dns {
            return failed(proxy_unresolved(proxy, &cause), None);
        }
        return failed(
            format!("cannot connect to the proxy {at}: {cause}"),
            Some(Trigger::Unsent),
        );
    }
    let with_login = !proxy.url.username().is_empty() || settings.proxies.credentials.is_some();
    if let Some(refusal) = login_refused(&chain, with_login) {
        return failed(format!("the proxy {at} {refusal}"), None);
    }
    let said = chain
        .rsplit("socks error: ")
        .next()
        .unwrap_or_default()
        .to_string();
    if REFUSALS.iter().any(|refusal| said.starts_with(refusal)) {
        return failed(
            format!("the proxy {at} could not connect to {target}: {said}"),
            None,
        );
    }
    failed(
        format!("the SOCKS handshake with the proxy {at} failed: {said}"),
        None,
    )
}

/// The proxy would not let hit in: what it wants, when that is known.
fn login_refused(chain: &str, with_login: bool) -> Option<&'static str> {
    if chain.contains(NO_LOGIN_METHOD) {
        return Some(if with_login {
            "takes no username and password; leave out -U and the USER:PASSWORD@ of its URL"
        } else {
            "asks for a username and password; pass -U/--proxy-user USER:PASSWORD"
        });
    }
    chain
        .contains(LOGIN_REFUSED)
        .then_some("refused the username and password")
}

/// Whether the connection to the proxy failed in the lookup of its name, and the cause in
/// words ("Connection refused"), from the Debug form that alone holds them:
/// `ConnectError("tcp connect error", …, Os { …, message: "Connection refused" })`.
fn connection_error(err: &reqwest::Error) -> (bool, String) {
    let debug = format!("{err:?}");
    let inner = debug.split_once("Inner(").map_or("", |(_, inner)| inner);
    let dns = inner.contains("\"dns error\"");
    let cause = ["message: \"", "error: \""]
        .iter()
        .filter_map(|key| Some(&inner[inner.rfind(key)? + key.len()..]))
        .find_map(|rest| rest.split_once('"').map(|(cause, _)| cause.to_string()))
        .unwrap_or_else(|| "no connection".to_string());
    (dns, cause)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_refused_login_asks_for() {
        let refused =
            |words: &str, with_login| login_refused(&format!("socks error: {words}"), with_login);
        assert_eq!(
            refused(NO_LOGIN_METHOD, false),
            Some("asks for a username and password; pass -U/--proxy-user USER:PASSWORD")
        );
        assert!(
            refused(NO_LOGIN_METHOD, true)
                .unwrap()
                .starts_with("takes no username")
        );
        assert_eq!(
            refused(LOGIN_REFUSED, true),
            Some("refused the username and password")
        );
        assert_eq!(refused("connection refused", true), None);
    }
}
