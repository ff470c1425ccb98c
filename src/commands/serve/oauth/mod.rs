//! `hit serve`'s practice authorization server and OpenID provider, on the practice API's
//! own port: discovery (RFC 8414, OpenID Connect Discovery), the authorization code flow
//! with PKCE, client credentials, refresh with rotation, the device flow (RFC 8628),
//! revocation (RFC 7009), the JWK set, and `/api/me`, a resource that needs a valid token
//! (RFC 6750). It is for practising against: two fixed clients whose secret is public, one
//! user who never types a password, and everything forgotten on restart.

mod authorize;
mod clients;
mod crypto;
mod device;
mod grants;
mod me;
mod params;
mod reply;
mod revoke;
mod token;

use hyper::Response;
use serde_json::{Value, json};

use super::exchange::{self, Body, Req};
use super::store::Shared;
pub use clients::Grant;
pub use grants::Grants;

/// The routes under `/oauth/`, whatever the method (each endpoint says which it takes).
pub fn route(req: &Req, shared: &Shared, words: &[&str]) -> Option<Response<Body>> {
    Some(match words {
        ["oauth", "authorize"] => authorize::authorize(req, shared),
        ["oauth", "token"] => token::token(req, shared),
        ["oauth", "device"] => device::device(req, shared),
        ["oauth", "revoke"] => revoke::revoke(req, shared),
        _ => return None,
    })
}

pub use me::me;

/// The server's identifier and the base of its endpoints: the address it listens on
/// (`http://127.0.0.1:PORT`), the same whatever name the client used, as an issuer must be.
pub fn issuer(req: &Req) -> String {
    format!("http://{}", req.local)
}

/// `/.well-known/openid-configuration` and `/.well-known/oauth-authorization-server`: one
/// document, which both specifications accept.
pub fn discovery(req: &Req) -> Response<Body> {
    let base = issuer(req);
    let grants: Vec<&str> = Grant::ALL.iter().map(|grant| grant.name()).collect();
    let auth_methods = ["client_secret_basic", "client_secret_post", "none"];
    exchange::json(
        200,
        &json!({
            "issuer": base,
            "authorization_endpoint": format!("{base}/oauth/authorize"),
            "token_endpoint": format!("{base}/oauth/token"),
            "device_authorization_endpoint": format!("{base}/oauth/device"),
            "revocation_endpoint": format!("{base}/oauth/revoke"),
            "jwks_uri": format!("{base}/oauth/jwks"),
            "userinfo_endpoint": format!("{base}/api/me"),
            "scopes_supported": clients::SCOPES,
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": grants,
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": auth_methods,
            "revocation_endpoint_auth_methods_supported": auth_methods,
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "claims_supported": ["iss", "sub", "aud", "exp", "iat", "nonce", "name", "email"],
            "authorization_response_iss_parameter_supported": true,
        }),
    )
}

/// `/oauth/jwks`: the public key that signs ID tokens (empty if it could not be made).
pub fn jwks(shared: &Shared) -> Response<Body> {
    let state = shared.lock();
    let keys: Vec<Value> = state
        .oauth
        .signer
        .iter()
        .map(|signer| signer.jwk())
        .collect();
    exchange::json(200, &json!({"keys": keys}))
}

/// What `/` says about the authorization server.
pub fn listing() -> Value {
    json!({
        "discovery": "/.well-known/openid-configuration",
        "clients": clients::listing(),
        "user": clients::USER.1,
        "protected": "/api/me",
        "learn": "hit explain oauth",
    })
}
