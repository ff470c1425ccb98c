//! One request as the practice API's handlers see it (read whole, within limits), and the
//! small vocabulary they answer with: JSON, RFC 9457 problems, empty answers.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::upgrade::OnUpgrade;
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};

use crate::facts;

/// The largest request body the practice API reads; a larger one is answered with 413.
pub const MAX_BODY: u64 = 1024 * 1024;
/// The longest value of a header the practice API keeps (`Idempotency-Key`,
/// `X-Client-Id`): keys are remembered, so their size is bounded like everything kept.
pub const MAX_KEPT_HEADER: usize = 256;

pub type Body = UnsyncBoxBody<Bytes, Infallible>;

/// A step of a handler that may end the exchange early with its answer (boxed: a response
/// is large next to what the steps return).
pub type Step<T> = Result<T, Box<Response<Body>>>;

/// Turns true when the server stops: a WebSocket session then closes with 1001 Going Away.
/// The server waits (a little) until every receiver is dropped.
pub type Stopping = tokio::sync::watch::Receiver<bool>;

/// A request, read whole.
pub struct Req {
    pub method: Method,
    /// `/api`, `/v1`, `/api/v1` or empty: kept so that links point where the client looked.
    pub prefix: &'static str,
    /// The path after the prefix, without a trailing slash (`/` for the root).
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub peer: SocketAddr,
    /// Where the server listens, for links when the request has no usable `Host`.
    pub local: SocketAddr,
    /// The connection itself, after a 101 answer: hyper hands it over once the answer is
    /// sent. Only requests that ask for an upgrade have one; the WebSocket routes take it.
    upgrade: Mutex<Option<OnUpgrade>>,
    pub stopping: Stopping,
}

impl Req {
    /// Reads the request's body within the limits (its last byte within `timeout`), or
    /// says why not as a response.
    pub async fn read(
        request: Request<Incoming>,
        peer: SocketAddr,
        local: SocketAddr,
        timeout: Duration,
        stopping: Stopping,
    ) -> Result<Req, Response<Body>> {
        let (mut parts, incoming) = request.into_parts();
        let upgrade = Mutex::new(parts.extensions.remove::<OnUpgrade>());
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|length| length > MAX_BODY) {
            return Err(too_large());
        }
        let collected =
            tokio::time::timeout(timeout, Limited::new(incoming, MAX_BODY as usize).collect())
                .await;
        let body = match collected {
            Ok(Ok(collected)) => collected.to_bytes(),
            Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => return Err(too_large()),
            Ok(Err(_)) => return Err(closing(problem(400, "the request body could not be read"))),
            Err(_) => {
                let detail = format!(
                    "the request body did not arrive within {} seconds",
                    timeout.as_secs()
                );
                return Err(closing(problem(408, &detail)));
            }
        };
        let (prefix, path) = split_prefix(parts.uri.path());
        let query = url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
        Ok(Req {
            method: parts.method,
            prefix,
            path,
            query,
            headers: parts.headers,
            body,
            peer,
            local,
            upgrade,
            stopping,
        })
    }

    /// The connection to hand to a WebSocket session, once: `None` when the request did
    /// not ask for an upgrade or a handler took it already.
    pub fn take_upgrade(&self) -> Option<OnUpgrade> {
        self.upgrade
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }

    pub fn header(&self, name: impl header::AsHeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The first value of a query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The path's segments, percent-decoded: `/products/42` is `["products", "42"]`.
    pub fn segments(&self) -> Vec<String> {
        self.path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect()
    }

    /// A header whose value the server keeps, named as it is written (`Idempotency-Key`):
    /// at most [`MAX_KEPT_HEADER`] bytes, else a 431 that names it (RFC 6585 §5: the
    /// response says which field was too large). A value that is not text counts as absent.
    pub fn kept_header(&self, name: &str) -> Step<Option<&str>> {
        let Some(value) = self.headers.get(name) else {
            return Ok(None);
        };
        if value.len() > MAX_KEPT_HEADER {
            let detail = format!(
                "the {name} header is {} bytes long; hit serve keeps values of at most \
                 {MAX_KEPT_HEADER} bytes, so send a shorter one",
                value.len()
            );
            return Err(Box::new(problem(431, &detail)));
        }
        Ok(value.to_str().ok())
    }

    /// Who is asking, for the per-client counters: an `X-Client-Id` header, or the address.
    pub fn client(&self) -> Step<String> {
        Ok(match self.kept_header("X-Client-Id")? {
            Some(id) if !id.is_empty() => format!("id:{id}"),
            _ => self.peer.ip().to_string(),
        })
    }

    /// A path on this server, under the prefix the request used.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// `http://HOST` as the client addressed the server.
    pub fn origin(&self) -> String {
        let host = self.header(header::HOST).filter(|host| {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        });
        match host {
            Some(host) => format!("http://{host}"),
            None => format!("http://{}", self.local),
        }
    }

    /// The media type of the body, lower case, without parameters.
    pub fn media_type(&self) -> Option<String> {
        let value = self.header(header::CONTENT_TYPE)?;
        let essence = value.split(';').next().unwrap_or("").trim();
        Some(essence.to_ascii_lowercase())
    }
}

/// `/api/v1/users` → (`/api/v1`, `/users`); tutorials use every one of these prefixes.
fn split_prefix(path: &str) -> (&'static str, String) {
    for prefix in ["/api/v1", "/api", "/v1"] {
        if let Some(rest) = path.strip_prefix(prefix)
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return (prefix, tidy(rest));
        }
    }
    ("", tidy(path))
}

fn tidy(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        trimmed.into()
    }
}

/// A response with a body of bytes.
pub fn bytes(status: u16, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Full::new(body.into()).boxed_unsync());
    *response.status_mut() = status_code(status);
    set(&mut response, header::CONTENT_TYPE, content_type);
    response
}

/// A response without a body (204, 304, or a HEAD-like answer).
pub fn empty(status: u16) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::new()).boxed_unsync());
    *response.status_mut() = status_code(status);
    response
}

/// JSON, pretty-printed for people who read it through curl, with a final newline.
pub fn json(status: u16, value: &Value) -> Response<Body> {
    bytes(status, "application/json", json_bytes(value))
}

pub fn json_bytes(value: &Value) -> Vec<u8> {
    let mut text = serde_json::to_vec_pretty(value).unwrap_or_default();
    text.push(b'\n');
    text
}

/// An RFC 9457 problem: the registered reason as its title, our sentence as its detail.
pub fn problem(status: u16, detail: &str) -> Response<Body> {
    problem_with(status, detail, Value::Null)
}

/// A problem with extension members (`errors`, `allowed`, ...).
pub fn problem_with(status: u16, detail: &str, extra: Value) -> Response<Body> {
    let mut document = json!({
        "type": "about:blank",
        "title": facts::reason(status),
        "status": status,
        "detail": detail,
    });
    if let (Value::Object(document), Value::Object(extra)) = (&mut document, extra) {
        document.extend(extra);
    }
    bytes(status, "application/problem+json", json_bytes(&document))
}

fn too_large() -> Response<Body> {
    let detail = format!("the request body is over the {} byte limit", MAX_BODY);
    closing(problem(413, &detail))
}

/// A response after which the connection closes: its request body was not read.
fn closing(mut response: Response<Body>) -> Response<Body> {
    set(&mut response, header::CONNECTION, "close");
    response
}

/// Sets a header; values are ours and always valid, anything else is left out.
pub fn set(response: &mut Response<Body>, name: impl TryInto<HeaderName>, value: &str) {
    if let (Ok(name), Ok(value)) = (name.try_into(), HeaderValue::from_str(value)) {
        response.headers_mut().insert(name, value);
    }
}

/// Adds a header without replacing one of the same name (`Set-Cookie`, `Link`).
pub fn append(response: &mut Response<Body>, name: HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().append(name, value);
    }
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_split_off_at_segment_boundaries() {
        assert_eq!(split_prefix("/api/users/"), ("/api", "/users".into()));
        assert_eq!(split_prefix("/v1/users/3"), ("/v1", "/users/3".into()));
        assert_eq!(split_prefix("/api/v1"), ("/api/v1", "/".into()));
        assert_eq!(split_prefix("/apis/users"), ("", "/apis/users".into()));
        assert_eq!(split_prefix("/"), ("", "/".into()));
    }
}
