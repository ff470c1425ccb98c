//! `/oauth/device`: the device authorization request (RFC 8628 §3.1, §3.2), a POST with
//! `client_id` and `scope`; and the verification page where the user types the user code
//! (GET shows it, its form POSTs `user_code` with the answer; `?user_code=…&auto=approve`
//! answers at once, for scripts).

use hyper::{Method, Response};
use serde_json::json;
use tokio::time::Instant;

use super::clients::{self, Grant, USER};
use super::crypto;
use super::grants::{DEVICE_INTERVAL, DEVICE_LIFETIME, Device};
use super::params::Params;
use super::reply::{self, Refusal, escape, page};
use crate::commands::serve::exchange::{Body, Req};
use crate::commands::serve::resources;
use crate::commands::serve::store::Shared;

pub fn device(req: &Req, shared: &Shared) -> Response<Body> {
    match req.method {
        Method::GET | Method::HEAD => {
            let params = Params::query(req);
            if let Err(refusal) = params.short() {
                return too_long(&refusal);
            }
            match params.get("auto") {
                Some(answer) => decide(shared, params.get("user_code"), Some(answer)),
                None => form(params.get("user_code")),
            }
        }
        Method::POST => {
            let params = match Params::form(req) {
                Ok(params) => params,
                Err(refusal) => return refusal.response(),
            };
            // The verification form sends a user code; a device never does.
            if params.get("user_code").is_some() {
                if let Err(refusal) = params.short() {
                    return too_long(&refusal);
                }
                decide(shared, params.get("user_code"), params.get("decision"))
            } else {
                reply::answer(authorization(req, shared, &params))
            }
        }
        _ => resources::not_allowed(req, "GET, HEAD, POST"),
    }
}

/// RFC 8628 §3.2: the device code to poll with, and the user code to show.
fn authorization(req: &Req, shared: &Shared, params: &Params) -> Result<Response<Body>, Refusal> {
    params.once()?;
    let client = clients::authenticate(req, params)?;
    if !client.may(Grant::DeviceCode) {
        let detail = format!("{} may not use the device code grant", client.id);
        return Err(Refusal::new("unauthorized_client", &detail));
    }
    let scope = clients::scope(params.get("scope"), true)?;
    let device_code = crypto::secret("dc_")?;
    let user_code = crypto::user_code()?;
    let shown = crypto::shown(&user_code);
    let entry = Device {
        client: client.id,
        scope,
        user_code,
        expires: Instant::now() + DEVICE_LIFETIME,
        interval: DEVICE_INTERVAL,
        last_poll: None,
        approved: None,
    };
    shared
        .lock()
        .oauth
        .devices
        .insert(device_code.clone(), entry);
    let verification = format!("{}/oauth/device", super::issuer(req));
    Ok(reply::tokens(&json!({
        "device_code": device_code,
        "user_code": shown,
        "verification_uri": verification,
        "verification_uri_complete": format!("{verification}?user_code={shown}"),
        "expires_in": DEVICE_LIFETIME.as_secs(),
        "interval": DEVICE_INTERVAL.as_secs(),
    })))
}

/// The error page for a value too long to echo (a user code is nine characters).
fn too_long(refusal: &Refusal) -> Response<Body> {
    let body = format!("<p>{}</p>", escape(&refusal.description));
    page(400, "Bad request", &body)
}

/// The page where the user types the code shown on the device.
fn form(user_code: Option<&str>) -> Response<Body> {
    let value = escape(user_code.unwrap_or(""));
    let body = format!(
        "<p>Type the code your device shows.</p>\n\
         <form method=\"post\" action=\"/oauth/device\">\n\
         <p><input name=\"user_code\" value=\"{value}\" placeholder=\"ABCD-EFGH\" \
         autocomplete=\"off\" autofocus></p>\n\
         <button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>\n\
         <p>Approving lets the device act as {user} (user 1) with the scopes it asked \
         for.</p>",
        user = USER.1,
    );
    page(200, "Connect a device", &body)
}

/// The user's answer for a user code.
fn decide(shared: &Shared, user_code: Option<&str>, answer: Option<&str>) -> Response<Body> {
    let approved = match answer {
        Some("approve") => true,
        Some("deny") => false,
        _ => {
            return page(
                400,
                "Bad answer",
                "Answer with <code>approve</code> or <code>deny</code>.",
            );
        }
    };
    let Some(typed) = user_code.map(crypto::typed_user_code) else {
        return page(400, "No code", "Type the code your device shows.");
    };
    let mut state = shared.lock();
    let now = Instant::now();
    let device = state
        .oauth
        .device_by_user_code(&typed)
        .filter(|device| device.expires > now);
    let Some(device) = device else {
        let detail = format!(
            "The code <code>{}</code> is not waiting for an answer: check it, or start \
             again on the device.",
            escape(&crypto::shown(&typed))
        );
        return page(400, "Unknown code", &detail);
    };
    if device.approved.is_some() {
        return page(400, "Already answered", "This code was answered already.");
    }
    device.approved = Some(approved);
    if approved {
        page(
            200,
            "Device connected",
            "Approved: the device will receive its tokens when it next asks.",
        )
    } else {
        page(200, "Device refused", "Denied: the device will be told so.")
    }
}
