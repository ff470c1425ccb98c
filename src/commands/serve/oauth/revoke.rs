//! `/oauth/revoke` (RFC 7009): a client revokes its own access or refresh token; a refresh
//! token takes the access tokens of its grant with it (§2.1). Unknown tokens are answered
//! 200 like known ones (§2.2): there is nothing to learn from trying.

use hyper::{Method, Response};

use super::clients;
use super::params::Params;
use super::reply::{self, Refusal};
use crate::commands::serve::exchange::{self, Body, Req};
use crate::commands::serve::resources;
use crate::commands::serve::store::Shared;

pub fn revoke(req: &Req, shared: &Shared) -> Response<Body> {
    if req.method != Method::POST {
        return resources::not_allowed(req, "POST");
    }
    reply::answer(revocation(req, shared))
}

fn revocation(req: &Req, shared: &Shared) -> Result<Response<Body>, Refusal> {
    let params = Params::form(req)?;
    params.once()?;
    let client = clients::authenticate(req, &params)?;
    let token = params.required("token")?.to_owned();
    let mut state = shared.lock();
    let grants = &mut state.oauth;
    let owner = grants
        .access
        .get(&token)
        .map(|access| access.client)
        .or_else(|| grants.refresh.get(&token).map(|refresh| refresh.client));
    if owner.is_some_and(|owner| owner != client.id) {
        return Err(Refusal::new(
            "unauthorized_client",
            "the token was issued to another client, which alone may revoke it",
        ));
    }
    grants.access.remove(&token);
    if let Some(refresh) = grants.refresh.remove(&token) {
        grants.revoke_grant(refresh.grant);
    }
    Ok(reply::uncached(exchange::empty(200)))
}
