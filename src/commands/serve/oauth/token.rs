//! `/oauth/token` (RFC 6749 §3.2): client credentials, the authorization code with PKCE
//! (RFC 7636), refresh with rotation, and the device code (RFC 8628 §3.4).

use std::time::{SystemTime, UNIX_EPOCH};

use hyper::{Method, Response};
use serde_json::{Value, json};
use tokio::time::Instant;

use super::clients::{self, Client, Grant, USER};
use super::crypto;
use super::grants::{CODE_LIFETIME, Grants, Issued, SLOW_DOWN, Subject};
use super::params::Params;
use super::reply::{self, Refusal};
use crate::commands::serve::exchange::{Body, Req};
use crate::commands::serve::resources;
use crate::commands::serve::store::Shared;

pub fn token(req: &Req, shared: &Shared) -> Response<Body> {
    if req.method != Method::POST {
        return resources::not_allowed(req, "POST");
    }
    reply::answer(exchange(req, shared))
}

fn exchange(req: &Req, shared: &Shared) -> Result<Response<Body>, Refusal> {
    let params = Params::form(req)?;
    params.once()?;
    let client = clients::authenticate(req, &params)?;
    let name = params.required("grant_type")?;
    let Some(grant) = Grant::from_name(name) else {
        let known: Vec<&str> = Grant::ALL.iter().map(|grant| grant.name()).collect();
        let detail = format!(
            "the grant type '{name}' is not supported here; these are: {}",
            known.join(", ")
        );
        return Err(Refusal::new("unsupported_grant_type", &detail));
    };
    if !client.may(grant) {
        let detail = format!("{} may not use the {} grant", client.id, grant.name());
        return Err(Refusal::new("unauthorized_client", &detail));
    }
    let issuer = super::issuer(req);
    let mut state = shared.lock();
    let grants = &mut state.oauth;
    let (issued, nonce) = match grant {
        Grant::ClientCredentials => {
            let scope = clients::scope(params.get("scope"), false)?;
            let grant = grants.grant();
            let issued = grants.issue(client, Subject::Client, &scope, &scope, grant)?;
            (issued, None)
        }
        Grant::AuthorizationCode => authorization_code(grants, client, &params)?,
        Grant::RefreshToken => (refresh(grants, client, &params)?, None),
        Grant::DeviceCode => (device_code(grants, client, &params)?, None),
    };
    let subject = if grant == Grant::ClientCredentials {
        Subject::Client
    } else {
        Subject::User
    };
    let document = response(grants, client, subject, &issued, nonce, &issuer)?;
    Ok(reply::tokens(&document))
}

/// The token response (RFC 6749 §5.1), with an ID token when the user's `openid` scope
/// was granted (OpenID Connect Core §3.1.3.3).
fn response(
    grants: &Grants,
    client: &Client,
    subject: Subject,
    issued: &Issued,
    nonce: Option<String>,
    issuer: &str,
) -> Result<Value, Refusal> {
    let mut document = json!({
        "access_token": issued.access,
        "token_type": "Bearer",
        "expires_in": grants.ttl.as_secs(),
        "scope": issued.scope,
    });
    if let Some(refresh) = &issued.refresh {
        document["refresh_token"] = refresh.as_str().into();
    }
    let openid = issued.scope.split(' ').any(|word| word == "openid");
    if let (Subject::User, true, Some(signer)) = (subject, openid, &grants.signer) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let (sub, name, email) = USER;
        let mut claims = json!({
            "iss": issuer,
            "sub": sub,
            "aud": client.id,
            "iat": now,
            "exp": now + grants.ttl.as_secs(),
        });
        if let Some(nonce) = nonce {
            claims["nonce"] = nonce.into();
        }
        if issued.scope.split(' ').any(|word| word == "profile") {
            claims["name"] = name.into();
        }
        if issued.scope.split(' ').any(|word| word == "email") {
            claims["email"] = email.into();
        }
        document["id_token"] = signer.sign(&claims)?.into();
    }
    Ok(document)
}

/// RFC 6749 §4.1.3 with RFC 7636 §4.6: the code is single-use, bound to its client and
/// redirect URI, short-lived, and redeemed only with the verifier whose S256 digest is the
/// challenge. Any attempt spends it; a second one also revokes what the first issued.
fn authorization_code(
    grants: &mut Grants,
    client: &'static Client,
    params: &Params,
) -> Result<(Issued, Option<String>), Refusal> {
    let code = params.required("code")?;
    let redirect_uri = params.required("redirect_uri")?;
    let verifier = params.get("code_verifier").ok_or_else(|| {
        Refusal::new(
            "invalid_request",
            "the parameter code_verifier is missing: this server requires PKCE",
        )
    })?;
    if !crypto::verifier_is_well_formed(verifier) {
        return Err(Refusal::new(
            "invalid_request",
            "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)",
        ));
    }
    let invalid = |detail: &str| Refusal::new("invalid_grant", detail);
    let Some(entry) = grants.codes.get_mut(&code.to_owned()) else {
        return Err(invalid(
            "the authorization code is not known here (or was forgotten)",
        ));
    };
    if let Some(earlier) = entry.spent {
        if let Some(grant) = earlier {
            grants.revoke_grant(grant);
        }
        return Err(invalid(
            "the authorization code was already used; the tokens issued for it are revoked",
        ));
    }
    entry.spent = Some(None);
    if entry.client != client.id {
        return Err(invalid(
            "the authorization code was issued to another client",
        ));
    }
    if entry.issued.elapsed() > CODE_LIFETIME {
        return Err(invalid(
            "the authorization code expired; codes live 60 seconds",
        ));
    }
    if entry.redirect_uri != redirect_uri {
        return Err(invalid(
            "redirect_uri is not the one the authorization request used",
        ));
    }
    if crypto::s256(verifier) != entry.challenge {
        return Err(invalid(
            "the code_verifier does not match the code_challenge (PKCE S256)",
        ));
    }
    let (scope, nonce) = (entry.scope.clone(), entry.nonce.clone());
    let grant = grants.grant();
    if let Some(entry) = grants.codes.get_mut(&code.to_owned()) {
        entry.spent = Some(Some(grant));
    }
    let issued = grants.issue(client, Subject::User, &scope, &scope, grant)?;
    Ok((issued, nonce))
}

/// RFC 6749 §6 with rotation (RFC 9700 §4.14.2): each refresh token works once and is
/// replaced by a new one; the old one presented again revokes the whole grant.
fn refresh(
    grants: &mut Grants,
    client: &'static Client,
    params: &Params,
) -> Result<Issued, Refusal> {
    let token = params.required("refresh_token")?.to_owned();
    let invalid = |detail: &str| Refusal::new("invalid_grant", detail);
    let Some(entry) = grants.refresh.get(&token) else {
        if let Some(grant) = grants.retired.remove(&token) {
            grants.revoke_grant(grant);
            return Err(invalid(
                "the refresh token was already used and replaced; as it may have leaked, \
                 every token of its grant is revoked: log in again",
            ));
        }
        return Err(invalid(
            "the refresh token is not known here (revoked, or never issued)",
        ));
    };
    if entry.client != client.id {
        return Err(invalid("the refresh token was issued to another client"));
    }
    let (granted, grant) = (entry.scope.clone(), entry.grant);
    let scope = match params.get("scope") {
        Some(asked) => clients::scope(Some(asked), true)?,
        None => granted.clone(),
    };
    if !clients::within(&scope, &granted) {
        let detail = format!("a refresh may narrow the scope '{granted}', not widen it");
        return Err(Refusal::new("invalid_scope", &detail));
    }
    grants.refresh.remove(&token);
    grants.retired.insert(token, grant);
    Ok(grants.issue(client, Subject::User, &scope, &granted, grant)?)
}

/// RFC 8628 §3.4, §3.5: pending until the user answers, `slow_down` (and five seconds
/// more to wait) for a poll sooner than the interval, then the tokens once.
fn device_code(
    grants: &mut Grants,
    client: &'static Client,
    params: &Params,
) -> Result<Issued, Refusal> {
    let code = params.required("device_code")?.to_owned();
    let Some(device) = grants.devices.get_mut(&code) else {
        return Err(Refusal::new(
            "invalid_grant",
            "the device code is not known here (used already, or never issued)",
        ));
    };
    if device.client != client.id {
        return Err(Refusal::new(
            "invalid_grant",
            "the device code was issued to another client",
        ));
    }
    let now = Instant::now();
    if now >= device.expires {
        grants.devices.remove(&code);
        return Err(Refusal::new(
            "expired_token",
            "the device code expired before the user answered: start again",
        ));
    }
    // A little slack for the time the request took to arrive.
    let early = device
        .last_poll
        .is_some_and(|last| now.duration_since(last) + SLACK < device.interval);
    device.last_poll = Some(now);
    if early {
        device.interval += SLOW_DOWN;
        let detail = format!(
            "polling too fast: wait {} seconds between requests",
            device.interval.as_secs()
        );
        return Err(Refusal::new("slow_down", &detail));
    }
    match device.approved {
        None => Err(Refusal::new(
            "authorization_pending",
            "the user has not answered yet; poll again after the interval",
        )),
        Some(false) => {
            grants.devices.remove(&code);
            Err(Refusal::new("access_denied", "the user denied the request"))
        }
        Some(true) => {
            let scope = device.scope.clone();
            grants.devices.remove(&code);
            let grant = grants.grant();
            Ok(grants.issue(client, Subject::User, &scope, &scope, grant)?)
        }
    }
}

/// How much sooner than the interval a poll may come without `slow_down`.
const SLACK: std::time::Duration = std::time::Duration::from_millis(250);
