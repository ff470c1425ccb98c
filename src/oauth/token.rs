//! Talking to the authorization server over hit's own transport (so that proxies,
//! `--cacert`, `-k`, `--resolve` and the time limits apply): form posts to the token,
//! device and revocation endpoints, JSON in return, and errors as RFC 6749 §5.2 names
//! them. Nothing here prints, and no message carries a token, a code or a secret.

use anyhow::{Result, anyhow};
use base64::Engine;
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use super::cache::Tokens;
use crate::error::HitError;
use crate::http::{Headers, PreparedRequest, RequestBody};
use crate::transport::Transport;
use crate::transport::limits::TimeLimits;

/// The most of a response from the authorization server hit reads.
const RESPONSE_LIMIT: usize = 256 * 1024;

/// How the client proves who it is: RFC 6749 §2.3.1 prefers HTTP Basic for a secret; a
/// public client (no secret) names itself in the form.
#[derive(Clone)]
pub struct ClientAuth {
    pub client_id: String,
    pub secret: Option<String>,
}

/// An error response of the authorization server (RFC 6749 §5.2, RFC 8628 §3.5).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{what} refused: {}", self.said())]
pub struct Refusal {
    /// `the token endpoint (https://…)`.
    pub what: String,
    pub code: String,
    pub description: Option<String>,
    pub uri: Option<String>,
}

impl Refusal {
    /// `invalid_grant (the refresh token was revoked; see https://…)`.
    pub fn said(&self) -> String {
        let mut said = self.code.clone();
        let details: Vec<String> = [
            self.description.clone(),
            self.uri.clone().map(|u| format!("see {u}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !details.is_empty() {
            said.push_str(&format!(" ({})", details.join("; ")));
        }
        said
    }
}

/// A response read whole: its status and JSON object (or `None` when it is not one).
pub struct Answer {
    pub status: StatusCode,
    pub json: Option<serde_json::Map<String, Value>>,
}

/// Posts `form` to `url`, with the client's credentials as RFC 6749 §2.3.1 says.
pub async fn post(
    transport: &Transport,
    limits: TimeLimits,
    url: &Url,
    form: &[(&str, &str)],
    client: &ClientAuth,
) -> Result<Answer> {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in form {
        body.append_pair(name, value);
    }
    let mut headers = Headers::default();
    headers.push("Accept", "application/json");
    headers.push("Content-Type", "application/x-www-form-urlencoded");
    headers.push("User-Agent", concat!("hit/", env!("CARGO_PKG_VERSION")));
    match &client.secret {
        Some(secret) => {
            // RFC 6749 §2.3.1: both are form-urlencoded before they are joined.
            let encode =
                |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
            let pair = format!("{}:{}", encode(&client.client_id), encode(secret));
            let token = base64::engine::general_purpose::STANDARD.encode(pair);
            headers.push("Authorization", format!("Basic {token}"));
        }
        None => {
            body.append_pair("client_id", &client.client_id);
        }
    }
    let request = PreparedRequest {
        method: Method::POST,
        url: url.clone(),
        headers,
        body: RequestBody::Bytes(body.finish().into_bytes().into()),
    };
    exchange(transport, limits, request).await
}

/// GETs a JSON document (discovery).
pub async fn get(transport: &Transport, limits: TimeLimits, url: &Url) -> Result<Answer> {
    let mut headers = Headers::default();
    headers.push("Accept", "application/json");
    headers.push("User-Agent", concat!("hit/", env!("CARGO_PKG_VERSION")));
    let request = PreparedRequest {
        method: Method::GET,
        url: url.clone(),
        headers,
        body: RequestBody::Empty,
    };
    exchange(transport, limits, request).await
}

async fn exchange(
    transport: &Transport,
    limits: TimeLimits,
    request: PreparedRequest,
) -> Result<Answer> {
    let built = transport.build(&request, limits).await?;
    let mut incoming = transport.send(built, limits).await.map_err(|f| f.error)?;
    let (body, _) = incoming.read_up_to(RESPONSE_LIMIT).await?;
    let json = body
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|v| match v {
            Value::Object(map) => Some(map),
            _ => None,
        });
    Ok(Answer {
        status: incoming.head.status,
        json,
    })
}

impl Answer {
    /// The refusal this answer is (RFC 6749 §5.2), or a line for one that is not even that.
    pub fn refusal(&self, what: &str) -> anyhow::Error {
        if let Some(code) = self.text("error") {
            return Refusal {
                what: what.to_string(),
                code: clean(&code),
                description: self.text("error_description").map(|d| clean(&d)),
                uri: self.text("error_uri").map(|u| clean(&u)),
            }
            .into();
        }
        anyhow!(
            "{what} answered {}, not a token or an OAuth error",
            describe(self.status)
        )
    }

    /// A string member; a number is read as its digits (some servers send them so).
    pub fn text(&self, name: &str) -> Option<String> {
        match self.json.as_ref()?.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    pub fn seconds(&self, name: &str) -> Option<i64> {
        let text = self.text(name)?;
        text.parse::<f64>().ok().map(|s| s as i64)
    }

    /// The tokens of a successful token response (RFC 6749 §5.1), issued at `now`.
    pub fn tokens(&self, what: &str, now: i64) -> Result<Tokens> {
        if !self.status.is_success() {
            return Err(self.refusal(what));
        }
        let Some(access_token) = self.text("access_token").filter(|t| !t.is_empty()) else {
            let message = match self.json {
                Some(_) => format!(
                    "{what} answered {} without an access_token",
                    describe(self.status)
                ),
                None => format!(
                    "{what} answered {} with something that is not JSON",
                    describe(self.status)
                ),
            };
            return Err(HitError::BodyBroken(message).into());
        };
        if let Some(kind) = self.text("token_type")
            && !kind.eq_ignore_ascii_case("bearer")
        {
            return Err(anyhow!(
                "{what} gave a token of type '{}', and hit sends bearer tokens only",
                clean(&kind)
            ));
        }
        Ok(Tokens {
            access_token,
            expires_at: self.seconds("expires_in").map(|s| now + s),
            refresh_token: self.text("refresh_token").filter(|t| !t.is_empty()),
            scope: self.text("scope"),
            id_token: self.text("id_token"),
        })
    }
}

/// `400 Bad Request`.
fn describe(status: StatusCode) -> String {
    format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default()
    )
    .trim_end()
    .to_string()
}

/// What a server wrote, fit for one line: no control characters, 200 characters at most.
fn clean(text: &str) -> String {
    let line: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
    line.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, json: &str) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            json: serde_json::from_str(json).ok(),
        }
    }

    #[test]
    fn a_token_response_is_read() {
        let tokens = answer(
            200,
            r#"{"access_token":"A","token_type":"bearer","expires_in":60,"refresh_token":"R","scope":"read"}"#,
        )
        .tokens("the token endpoint", 1000)
        .unwrap();
        assert_eq!(tokens.access_token, "A");
        assert_eq!(tokens.expires_at, Some(1060));
        assert_eq!(tokens.refresh_token.as_deref(), Some("R"));
        let string_expiry = answer(200, r#"{"access_token":"A","expires_in":"30"}"#);
        assert_eq!(string_expiry.tokens("t", 0).unwrap().expires_at, Some(30));
    }

    #[test]
    fn refusals_and_malformed_answers_are_one_line_without_secrets() {
        let refused = answer(
            400,
            r#"{"error":"invalid_grant","error_description":"refresh token revoked\n","error_uri":"https://x/e"}"#,
        );
        let err = refused.tokens("the token endpoint", 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the token endpoint refused: invalid_grant (refresh token revoked; see https://x/e)"
        );
        assert_eq!(err.downcast_ref::<Refusal>().unwrap().code, "invalid_grant");
        let err = answer(200, r#"{"token":"SECRET"}"#)
            .tokens("t", 0)
            .unwrap_err();
        assert_eq!(err.to_string(), "t answered 200 OK without an access_token");
        let err = answer(500, "oops").tokens("t", 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t answered 500 Internal Server Error, not a token or an OAuth error"
        );
        let err = answer(200, r#"{"access_token":"S","token_type":"mac"}"#)
            .tokens("t", 0)
            .unwrap_err();
        assert!(!err.to_string().contains('S'), "{err}");
    }
}
