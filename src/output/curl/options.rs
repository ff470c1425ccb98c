//! The transfer options of `--curl`: redirects, TLS, proxies, time limits, the connection,
//! retries; and the `# ` notes where curl cannot do as hit does.

use super::Command;
use crate::facts;
use crate::http::{PreparedRequest, RequestBody};
use crate::output::redact;

use crate::settings::{Challenge, HttpVersion, IpFamily, Redaction, Settings, TransportSettings};
use percent_encoding::percent_decode_str;

pub(super) fn options(command: &mut Command, settings: &Settings, request: &PreparedRequest) {
    let transport = &settings.transport;
    if transport.follow_redirects {
        redirect_note(command, request);
        command.flag("-L");
        // curl's default is 50.
        command.option("--max-redirs", transport.max_redirects.to_string());
        if transport.location_trusted {
            command.flag("--location-trusted");
        }
    }
    if transport.insecure {
        command.flag("-k");
    }
    if let Some(cacert) = &transport.cacert {
        command.option("--cacert", cacert.as_os_str().as_encoded_bytes());
    }
    let redaction = &settings.output.redaction;
    let mut url_user = false;
    if let Some(proxy) = &transport.proxies.explicit {
        // The URL's user info is percent-encoded; --proxy-user takes it decoded, as -u does.
        let mut bare = proxy.url.clone();
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        let user = decode(bare.username());
        let password = bare.password().map(decode);
        let _ = bare.set_password(None);
        let _ = bare.set_username("");
        let url = redact::url_text(redaction, bare.as_str());
        let word = command.secret_word(bare.as_str().as_bytes(), url, "PROXY_PASSWORD");
        command.option_word("-x", word);
        // As hit does: a SOCKS proxy takes the URL's user first, an http proxy -U's.
        let own = !user.is_empty() || password.is_some();
        if own && (proxy.is_socks() || transport.proxies.credentials.is_none()) {
            proxy_user(command, redaction, &user, &password.unwrap_or_default());
            url_user = true;
        }
    }
    if transport.proxies.off {
        command.option("--noproxy", "*");
    }
    let proxy = transport.proxies.for_url(&request.url);
    if proxy.is_some_and(|proxy| !proxy.is_socks()) {
        // curl adds this old field through an http proxy; hit does not.
        command.option("--proxy-header", "Proxy-Connection:");
    }
    if let Some((user, password)) = transport.proxies.credentials.as_ref().filter(|_| !url_user) {
        proxy_user(command, redaction, user, password);
    }
    if let Some(limit) = transport.connect_timeout {
        command.option("--connect-timeout", seconds(limit));
    }
    if let Some(limit) = transport.max_time {
        command.option("--max-time", seconds(limit));
    }
    if let Some(limit) = transport.idle_timeout {
        command.note(format!(
            "--timeout {}: curl has no limit on one pause; --speed-limit 1 --speed-time {} \
             comes close",
            seconds(limit),
            limit.as_secs().max(1)
        ));
    }
    if let Some(max) = transport.max_filesize {
        command.option("--max-filesize", max.to_string());
    }
    connection(command, transport);
    match settings.request.challenge {
        Some(Challenge::Digest) => command.flag("--digest"),
        Some(Challenge::Any) => command.flag("--anyauth"),
        None => {}
    }
    retry(command, settings, request);
}

/// `--proxy-user "bob:$HIT_PROXY_PASSWORD"`, the password carried as a shell variable.
fn proxy_user(command: &mut Command, redaction: &Redaction, user: &str, password: &str) {
    let hidden = redact::user_password(redaction, user, password);
    let pair = format!("{user}:{password}");
    let word = command.secret_word(pair.as_bytes(), hidden, "PROXY_PASSWORD");
    command.option_word("--proxy-user", word);
}

/// How the connection is made: HTTP version, address family, addresses, socket, decoding.
fn connection(command: &mut Command, transport: &TransportSettings) {
    match transport.version {
        HttpVersion::Negotiated => {}
        HttpVersion::Http1Only => command.flag("--http1.1"),
        HttpVersion::Http2PriorKnowledge => command.flag("--http2-prior-knowledge"),
    }
    match transport.family {
        Some(IpFamily::V4) => command.flag("--ipv4"),
        Some(IpFamily::V6) => command.flag("--ipv6"),
        None => {}
    }
    for rule in &transport.resolve {
        let address = match rule.address {
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            v4 => v4.to_string(),
        };
        command.option(
            "--resolve",
            format!("{}:{}:{address}", rule.host, rule.port),
        );
    }
    for rule in &transport.connect_to {
        command.option("--connect-to", rule.text.as_str());
    }
    if let Some(path) = &transport.unix_socket {
        command.option("--unix-socket", path.as_os_str().as_encoded_bytes());
    }
    if transport.raw {
        command.flag("--raw");
    }
    if let Some((cert, key)) = &transport.client_cert {
        command.option("--cert", cert.as_os_str().as_encoded_bytes());
        if let Some(key) = key {
            command.option("--key", key.as_os_str().as_encoded_bytes());
        }
    }
}

/// With `--request`, curl sends that method on every hop; hit follows RFC 9110 §15.4.
fn redirect_note(command: &mut Command, request: &PreparedRequest) {
    let method = request.method.as_str();
    let plain = match method {
        "GET" | "HEAD" => true,
        "POST" => request.body.is_empty() || !request.headers.contains("content-type"),
        "PUT" => matches!(request.body, RequestBody::File { .. }),
        _ => false,
    };
    if !plain {
        command.note(format!(
            "on a redirect curl repeats {method} and every -H, and drops the body after \
             301 or 302; hit repeats method and body only after 307 or 308, and turns a 303 \
             (and a POST after 301 or 302) into a GET without body or Content-Type"
        ));
    }
}

fn retry(command: &mut Command, settings: &Settings, request: &PreparedRequest) {
    let policy = &settings.retry;
    if policy.retry == 0 {
        return;
    }
    let method = request.method.as_str();
    if !facts::is_idempotent_method(method) && !request.headers.contains("idempotency-key") {
        command.note(format!(
            "--retry is left out: curl would retry this {method}, which is not idempotent; \
             hit retries it only with an Idempotency-Key (--idempotency-key auto)"
        ));
        return;
    }
    command.option("--retry", policy.retry.to_string());
    if let Some(limit) = policy.max_time {
        command.option("--retry-max-time", seconds(limit));
    }
    command.note(
        "curl retries 408, 429, 500, 502, 503, 504 and timeouts with its own backoff; hit \
         retries the statuses of --retry-on (425 too by default), waits with jitter from \
         --retry-delay and never retries once the body has started",
    );
}

/// A duration as curl's options take it (`--max-time 2.5`): seconds, to the millisecond,
/// without trailing zeros. An argument for curl, not a duration for people.
fn seconds(duration: std::time::Duration) -> String {
    let text = format!("{:.3}", duration.as_secs_f64());
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_short() {
        assert_eq!(seconds(std::time::Duration::from_millis(2500)), "2.5");
        assert_eq!(seconds(std::time::Duration::from_secs(30)), "30");
    }
}
