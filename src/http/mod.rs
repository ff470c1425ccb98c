//! Plain HTTP types and facts that every stage shares: the request as sent, its headers,
//! media types, multipart bodies, and the table of methods and statuses; and how a URL
//! and a duration are shown in a message.
//!
//! Nothing here imports the rest of the crate.

pub mod duration;
pub mod event_stream;
pub mod link;
pub mod media;
pub mod multipart;
pub mod reroute;
pub mod secret;
mod target;
pub mod timing;

pub use target::{is_host_byte, is_scheme, normalize_url, websocket_as_http};

use crate::facts;
use std::net::SocketAddr;
use std::path::PathBuf;

use bytes::Bytes;
use reqwest::header::{AsHeaderName, HeaderMap};
use reqwest::{Method, StatusCode, Url, Version};

pub use multipart::{Multipart, Part};

/// Header fields in the order they are sent; a name may repeat. Names compare
/// case-insensitively (RFC 9110 §5.1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// Appends a field.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Removes every field called `name`.
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// Gives `name` one value: in place of its first field, or at the end when it has none.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self
            .0
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(first) => {
                self.0[first].1 = value;
                let mut index = 0;
                self.0.retain(|(n, _)| {
                    index += 1;
                    index - 1 == first || !n.eq_ignore_ascii_case(name)
                });
            }
            None => self.push(name, value),
        }
    }

    /// Keeps the fields for which `keep(name, value)` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        self.0.retain(|(n, v)| keep(n, v));
    }

    /// Appends every field of `other`.
    pub fn extend(&mut self, other: Headers) {
        self.0.extend(other.0);
    }

    /// Every field, in sending order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl FromIterator<(String, String)> for Headers {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Headers {
        Headers(iter.into_iter().collect())
    }
}

/// The request exactly as it goes on the wire: what `-v` prints, what is sent, and what
/// `--offline` and `--curl` will read. No other module adds or rebuilds its headers.
#[derive(Debug, Clone)]
pub struct PreparedRequest {
    pub method: Method,
    pub url: Url,
    /// Every header in sending order, `Host`, `Content-Length` and `Content-Type` included.
    pub headers: Headers,
    pub body: RequestBody,
}

impl PreparedRequest {
    /// What is known of a request that failed before it was built: its method and URL.
    pub fn unsent(method: Method, url: Url) -> PreparedRequest {
        PreparedRequest {
            method,
            url,
            headers: Headers::default(),
            body: RequestBody::Empty,
        }
    }

    /// The request target of the request line: path and query (RFC 9112 §3.2.1).
    pub fn target(&self) -> String {
        match self.url.query() {
            Some(query) => format!("{}?{query}", self.url.path()),
            None => self.url.path().to_string(),
        }
    }
}

/// Words that mark a header as a credential, dropped when a redirect leaves the origin:
/// `Authorization`, `Proxy-Authorization`, `Cookie`, and custom ones such as `X-Api-Key`,
/// `Api-Key`, `X-Auth-Token` or `X-Client-Secret`.
const CREDENTIAL_WORDS: &[&str] = &[
    "auth", "cookie", "token", "secret", "password", "passwd", "api-key", "apikey", "session",
];

pub fn is_credential(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    CREDENTIAL_WORDS.iter().any(|word| name.contains(word))
}

/// Whether a URL's host is this machine: `localhost`, `*.localhost` (RFC 6761 §6.3),
/// 127.0.0.0/8 or `::1`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(host)) => {
            let host = host.to_ascii_lowercase();
            host == "localhost" || host.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A response's status line and headers, as received.
#[derive(Debug, Clone)]
pub struct ResponseHead {
    pub status: StatusCode,
    pub version: Version,
    pub headers: HeaderMap,
    /// The URL it answers.
    pub url: Url,
    pub remote: Option<SocketAddr>,
    /// The reason phrase the server sent, when it is not the usual one (`409 CONFLICT`).
    pub reason: Option<String>,
}

impl ResponseHead {
    /// The reason phrase as the server sent it, or the registered one.
    pub fn reason(&self) -> &str {
        self.reason
            .as_deref()
            .unwrap_or_else(|| facts::reason(self.status.as_u16()))
    }

    /// `409 CONFLICT`, `200 OK`: the status line without the version.
    pub fn status_text(&self) -> String {
        match self.reason() {
            "" => self.status.as_u16().to_string(),
            reason => format!("{} {reason}", self.status.as_u16()),
        }
    }
}

/// Where the request body comes from.
#[derive(Debug, Clone)]
pub enum RequestBody {
    Empty,
    Bytes(Bytes),
    /// `-T FILE`: streamed from disk.
    File {
        path: PathBuf,
        len: u64,
    },
    /// multipart/form-data; file parts are streamed from disk.
    Multipart(Multipart),
    /// Streamed from stdin: sent once, so never retried or repeated by a redirect.
    Stdin(StdinBody),
}

/// A body that goes on from stdin after what was read of it while preparing the request.
#[derive(Debug, Clone)]
pub struct StdinBody {
    /// Sent first: earlier `-d` values and the bytes already read from stdin.
    pub head: Bytes,
    /// What happens to the rest of stdin on its way.
    pub transform: StdinTransform,
    /// Sent after stdin's end: later `-d` values.
    pub tail: Bytes,
    /// The whole length, when stdin is a regular file sent unchanged.
    pub len: Option<u64>,
}

/// What a body option does to the bytes it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StdinTransform {
    Unchanged,
    /// curl's `-d @file`: carriage returns and newlines are left out.
    NoNewlines,
    /// curl's `--data-urlencode @file`: percent-encoded, a space as `+`.
    PercentEncoded,
}

/// What curl's `--data-urlencode` leaves as it is: letters, digits and `-._~`.
const URLENCODE_KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl StdinTransform {
    /// The bytes as the body carries them. Each byte is changed on its own, so a body can
    /// be transformed a chunk at a time.
    pub fn apply(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            StdinTransform::Unchanged => bytes.to_vec(),
            StdinTransform::NoNewlines => bytes
                .iter()
                .copied()
                .filter(|b| !matches!(b, b'\r' | b'\n'))
                .collect(),
            // A space is `+`, as curl writes it (application/x-www-form-urlencoded); a `%`
            // in the input is `%25`, so every `%20` here was a space.
            StdinTransform::PercentEncoded => {
                percent_encoding::percent_encode(bytes, URLENCODE_KEEP)
                    .to_string()
                    .replace("%20", "+")
                    .into_bytes()
            }
        }
    }
}

impl RequestBody {
    /// The Content-Length of the body, `None` for no body or a stream of unknown length.
    pub fn len(&self) -> Option<u64> {
        match self {
            RequestBody::Empty => None,
            RequestBody::Stdin(stdin) => stdin.len,
            RequestBody::Bytes(bytes) => Some(bytes.len() as u64),
            RequestBody::File { len, .. } => Some(*len),
            RequestBody::Multipart(form) => Some(form.len()),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, RequestBody::Empty)
    }

    /// Whether the body can be sent again (by a retry or a 307/308 redirect).
    pub fn is_replayable(&self) -> bool {
        !matches!(self, RequestBody::Stdin(_))
    }
}

/// The first value of a received header as text; bytes that are not UTF-8 become U+FFFD.
pub fn header_text(headers: &HeaderMap, name: impl AsHeaderName) -> Option<String> {
    let value = headers.get(name)?;
    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// The `Host` header for a URL (RFC 9110 §7.2): the host, and the port when it is not the
/// scheme's default.
pub fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// A URL for a message: without the password it may carry.
pub fn shown(url: &Url) -> String {
    let mut url = url.clone();
    if url.password().is_some() {
        let _ = url.set_password(None);
    }
    url.to_string()
}

/// `HTTP/1.1`, `HTTP/2`, ... as a status line writes it.
pub fn version_name(version: Version) -> &'static str {
    match version {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2",
        Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_by_any_case() {
        let mut headers = Headers::default();
        headers.push("Accept", "a");
        headers.push("X-Twice", "1");
        headers.push("x-twice", "2");
        assert_eq!(headers.get("ACCEPT"), Some("a"));
        headers.set("x-twice", "3");
        assert_eq!(headers.get("X-Twice"), Some("3"));
        assert_eq!(headers.iter().count(), 2);
        headers.remove("X-TWICE");
        assert_eq!(headers.iter().count(), 1);
        headers.set("New", "n");
        assert_eq!(headers.iter().last(), Some(("New", "n")));
    }

    #[test]
    fn hosts_and_targets() {
        let url = |u: &str| Url::parse(u).unwrap();
        assert_eq!(host_header(&url("http://a.test:80/")), "a.test");
        assert_eq!(host_header(&url("https://[::1]:8443/")), "[::1]:8443");
        assert_eq!(shown(&url("http://u:secret@a.test/x")), "http://u@a.test/x");
        let request = PreparedRequest {
            method: Method::GET,
            url: url("http://a.test/p?q=1"),
            headers: Headers::default(),
            body: RequestBody::Empty,
        };
        assert_eq!(request.target(), "/p?q=1");
    }
}
