//! `/api/me`: a resource that needs `Authorization: Bearer TOKEN` with a token this server
//! issued and that has not expired or been revoked. A refusal is RFC 6750 §3's 401 whose
//! `WWW-Authenticate` says why, which is what a client reads to refresh and retry.

use hyper::{Response, header};
use serde_json::json;
use tokio::time::Instant;

use super::clients::USER;
use super::grants::Subject;
use crate::commands::serve::exchange::{self, Body, Req, problem, set};
use crate::commands::serve::store::Shared;

pub fn me(req: &Req, shared: &Shared) -> Response<Body> {
    let token = req.header(header::AUTHORIZATION).and_then(|value| {
        let (scheme, token) = value.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    let Some(token) = token.filter(|token| !token.is_empty()) else {
        // §3.1: a request without credentials gets a challenge without an error code.
        let detail = "this route needs an access token from /oauth/token: \
                      hit --bearer TOKEN :PORT/api/me";
        return refused(detail, None);
    };
    let state = shared.lock();
    let Some(access) = state.oauth.access.get(&token.to_owned()) else {
        return refused(
            "the access token is not known here",
            Some("the access token is not known here (revoked, or never issued)"),
        );
    };
    let now = Instant::now();
    if now >= access.expires {
        let ago = now.duration_since(access.expires).as_secs();
        let said = format!("the access token expired {ago} s ago; refresh it");
        return refused(&said, Some(&said));
    }
    let mut document = match access.subject {
        Subject::User => json!({"sub": USER.0, "name": USER.1, "email": USER.2}),
        Subject::Client => json!({"sub": access.client}),
    };
    document["client_id"] = access.client.into();
    document["scope"] = access.scope.as_str().into();
    document["expires_in"] = access.expires.duration_since(now).as_secs().into();
    exchange::json(200, &document)
}

/// 401 with `WWW-Authenticate: Bearer realm="hit serve"` and, for a token that was sent,
/// `error="invalid_token"` and the reason.
fn refused(detail: &str, reason: Option<&str>) -> Response<Body> {
    let mut challenge = String::from("Bearer realm=\"hit serve\"");
    if let Some(reason) = reason {
        let reason = reason.replace(['"', '\\'], "'");
        challenge.push_str(&format!(
            ", error=\"invalid_token\", error_description=\"{reason}\""
        ));
    }
    let mut response = problem(401, detail);
    set(&mut response, header::WWW_AUTHENTICATE, &challenge);
    response
}
