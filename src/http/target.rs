//! The URL the user typed, read as SPEC §1 says.

use reqwest::Url;

/// Applies SPEC §1's URL defaults and accepts only http and https; the error is the whole
/// message (`bad URL '…': why`).
pub fn normalize_url(raw: &str) -> Result<Url, String> {
    let bad = |why: String| format!("bad URL '{raw}': {why}");
    if raw.starts_with(['/', '\\']) {
        return Err(bad(
            "no host (:PORT/path is localhost; a profile's base URL takes paths: -P NAME)".into(),
        ));
    }
    if let Some(rest) = raw.strip_prefix(':') {
        // `:8080/path` and `:/path` are shorthands for localhost.
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (port, path) = rest.split_at(digits);
        if port.is_empty() && path.starts_with("//") {
            return Err(bad("no scheme before '://' and no host".into()));
        }
        if !(path.is_empty() || path.starts_with(['/', '?', '#'])) {
            return Err(bad("expected ':PORT/path' or ':/path'".into()));
        }
        let port = if port.is_empty() {
            String::new()
        } else {
            format!(":{port}")
        };
        return Url::parse(&format!("http://localhost{port}{path}"))
            .map_err(|e| bad(e.to_string()));
    }
    if let Some(scheme) = scheme_of(raw) {
        let lower = scheme.to_ascii_lowercase();
        if lower != "http" && lower != "https" {
            return Err(bad(format!(
                "unsupported scheme '{scheme}' (hit speaks http and https)"
            )));
        }
        let url = Url::parse(raw).map_err(|e| bad(parse_error(e)))?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("no host".into()));
        }
        return checked_host(url).map_err(bad);
    }
    // No scheme: parse as http, then choose by the host that was parsed.
    let mut url = Url::parse(&format!("http://{raw}")).map_err(|e| bad(parse_error(e)))?;
    if url.host().is_none() {
        return Err(bad("no host".into()));
    }
    if !super::is_loopback(&url) {
        url.set_scheme("https")
            .map_err(|()| bad("cannot use https".into()))?;
    }
    checked_host(url).map_err(bad)
}

/// A `ws://` or `wss://` URL as the `http://` or `https://` URL its handshake goes to
/// (RFC 6455 §3); `None` for any other word.
pub fn websocket_as_http(raw: &str) -> Option<String> {
    let scheme = scheme_of(raw)?;
    let http = match scheme.to_ascii_lowercase().as_str() {
        "ws" => "http",
        "wss" => "https",
        _ => return None,
    };
    Some(format!("{http}{}", &raw[scheme.len()..]))
}

/// Why the URL parser refused a URL, in words for a host that is not an address.
fn parse_error(err: url::ParseError) -> String {
    match err {
        url::ParseError::InvalidIpv4Address => "a host name ending in a number (as 'v1.24') \
            reads as an IPv4 address, and this is not one (with --unix-socket such a host \
            is sent as localhost)"
            .into(),
        other => other.to_string(),
    }
}

/// A byte a host name may have: a letter, a digit, `-`, `_` or a dot.
pub fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

/// A host name is letters, digits, `-`, `_` and dots (international names arrive here in
/// their ASCII form): `a=1` or `my host` is a mistake, not a name to look up.
fn checked_host(url: Url) -> Result<Url, String> {
    if let Some(url::Host::Domain(host)) = url.host()
        && !host.bytes().all(is_host_byte)
    {
        return Err(format!("'{host}' cannot be a host name"));
    }
    Ok(url)
}

/// RFC 3986 §3.1: a scheme is a letter, then letters, digits, `+`, `-` and `.`.
pub fn is_scheme(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The scheme of a URL that has one. `host:8080/path` has none: digits after the colon,
/// up to the end or a `/?#`, are a port.
fn scheme_of(raw: &str) -> Option<&str> {
    let (scheme, rest) = raw.split_once(':')?;
    let valid = is_scheme(scheme);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let is_port = digits > 0
        && rest[digits..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '/' | '?' | '#'));
    (valid && !is_port).then_some(scheme)
}
