//! `--output-format json`: the whole exchange as one JSON document, for `jq` and scripts.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::value::RawValue;

use reqwest::header::CONTENT_TYPE;

use super::{Facts, Failure, redact};
use crate::http::media::is_json_body;
use crate::http::{Headers, header_text, version_name};
use crate::settings::Redaction;

#[derive(Serialize)]
struct Document<'a> {
    request: Request<'a>,
    response: Response<'a>,
    timing: Timing,
    attempts: u32,
    redirects: u32,
    remote_address: Option<String>,
}

#[derive(Serialize)]
struct Request<'a> {
    method: &'a str,
    url: Cow<'a, str>,
    /// `[name, value]` pairs in the order sent, credentials hidden.
    headers: Vec<(&'a str, Cow<'a, str>)>,
}

#[derive(Serialize)]
struct Response<'a> {
    http_version: &'static str,
    status: u16,
    reason: &'a str,
    /// `[name, value]` pairs in the order received, credentials hidden.
    headers: Vec<(&'a str, String)>,
    body: Embedded,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_encoding: Option<&'static str>,
    /// Why `body` is null when the body was not empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    body_omitted: Option<String>,
    body_size: u64,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Embedded {
    /// A JSON body, embedded token for token.
    Json(Box<RawValue>),
    Text(String),
    /// Not read into the document (`-o FILE`, or `--fail` on an error status).
    None,
}

/// Times in seconds, as curl's `-w` prints them.
#[derive(Serialize)]
struct Timing {
    time_to_first_byte: f64,
    total: f64,
}

/// The document for an exchange; `body` is `None` when it was not kept, and `omitted`
/// then says why.
pub fn render(
    facts: &Facts,
    body: Option<&[u8]>,
    omitted: Option<String>,
    redaction: &Redaction,
) -> Vec<u8> {
    let (body, body_encoding) = match body {
        None => (Embedded::None, None),
        Some(bytes) => {
            let content_type = header_text(&facts.response.headers, CONTENT_TYPE);
            embed(bytes, is_json_body(content_type.as_deref(), bytes))
        }
    };
    let document = Document {
        request: Request {
            method: facts.method.as_str(),
            url: redact::url(redaction, facts.url),
            headers: sent_headers(facts.request_headers, redaction),
        },
        response: Response {
            http_version: version_name(facts.response.version),
            status: facts.response.status.as_u16(),
            reason: facts.response.reason(),
            headers: facts
                .response
                .headers
                .iter()
                .map(|(n, v)| {
                    let shown = redact::header(redaction, n.as_str(), v.as_bytes());
                    let value =
                        shown.unwrap_or_else(|| String::from_utf8_lossy(v.as_bytes()).into());
                    (n.as_str(), value)
                })
                .collect(),
            body,
            body_encoding,
            body_omitted: omitted,
            body_size: facts.size,
        },
        // Seconds as JSON numbers: the document's contract, not a duration for people.
        timing: Timing {
            time_to_first_byte: facts.timing.ttfb.as_secs_f64(),
            total: facts.timing.total.as_secs_f64(),
        },
        attempts: facts.attempts,
        redirects: facts.redirects,
        remote_address: facts.response.remote.map(|a| a.to_string()),
    };
    serde_json::to_vec(&document).expect("the document serialises")
}

/// The document for a request that got no response: the request, and the error in place
/// of the response.
#[derive(Serialize)]
struct FailedDocument<'a> {
    request: Request<'a>,
    error: ErrorPart<'a>,
    timing: FailedTiming,
    attempts: u32,
}

#[derive(Serialize)]
struct ErrorPart<'a> {
    kind: &'a str,
    message: &'a str,
    exit_code: crate::error::Exit,
}

#[derive(Serialize)]
struct FailedTiming {
    total: f64,
}

pub fn render_failure(failure: &Failure, redaction: &Redaction) -> Vec<u8> {
    let request = failure.request;
    let document = FailedDocument {
        request: Request {
            method: request.method.as_str(),
            url: redact::url(redaction, &request.url),
            headers: sent_headers(&request.headers, redaction),
        },
        error: ErrorPart {
            kind: failure.kind,
            message: &failure.message,
            exit_code: failure.exit_code,
        },
        timing: FailedTiming {
            total: failure.total.as_secs_f64(),
        },
        attempts: failure.attempts,
    };
    serde_json::to_vec(&document).expect("the document serialises")
}

/// The headers sent, with credentials hidden.
fn sent_headers<'a>(headers: &'a Headers, redaction: &Redaction) -> Vec<(&'a str, Cow<'a, str>)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = redact::header(redaction, name, value.as_bytes());
            (name, shown.map_or(Cow::Borrowed(value), Cow::Owned))
        })
        .collect()
}

/// A body as JSON when it is valid JSON, as a string when it is text, base64 otherwise.
fn embed(bytes: &[u8], json: bool) -> (Embedded, Option<&'static str>) {
    if json
        && let Ok(text) = std::str::from_utf8(bytes.trim_ascii())
        && let Ok(raw) = RawValue::from_string(text.to_string())
    {
        return (Embedded::Json(raw), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Embedded::Text(text.to_string()), None),
        Err(_) => {
            use base64::Engine;
            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
            (Embedded::Text(encoded), Some("base64"))
        }
    }
}
