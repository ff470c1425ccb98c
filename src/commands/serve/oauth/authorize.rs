//! `/oauth/authorize` (RFC 6749 §4.1.1): checks the client and its loopback redirect URI,
//! then everything else, then asks the user on a small consent page (or at once with
//! `auto=approve` / `auto=deny`) and sends the browser back with a code or an error.
//! A request whose client or redirect URI is wrong gets an error page: sending the browser
//! to an unchecked URI would make the server an open redirector (§4.1.2.1).

use hyper::{Method, Response};
use url::Url;

use super::clients::{self, Client, Grant, USER};
use super::crypto;
use super::grants::Code;
use super::params::Params;
use super::reply::{self, Refusal, escape, page};
use crate::commands::serve::exchange::{Body, Req};
use crate::commands::serve::resources;
use crate::commands::serve::store::Shared;

/// The parameters the consent form carries back.
const CARRIED: [&str; 8] = [
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "nonce",
];

/// A checked authorization request.
struct Asked<'a> {
    client: &'static Client,
    redirect: Url,
    /// The redirect URI as sent, which the token request must repeat exactly (RFC 6749
    /// §4.1.3): `redirect`, parsed, may differ (a slash added to an empty path).
    redirect_uri: &'a str,
    scope: String,
    challenge: &'a str,
    state: Option<&'a str>,
    nonce: Option<&'a str>,
}

pub fn authorize(req: &Req, shared: &Shared) -> Response<Body> {
    let params = match req.method {
        Method::GET | Method::HEAD => Params::query(req),
        Method::POST => match Params::form(req) {
            Ok(params) => params,
            Err(refusal) => return bad(&refusal.description),
        },
        _ => return resources::not_allowed(req, "GET, HEAD, POST"),
    };
    // Before anything is echoed: an overlong state would go back in the redirect.
    if let Err(refusal) = params.short() {
        return bad(&refusal.description);
    }
    let (client, redirect_uri, redirect) = match trusted(&params) {
        Ok(found) => found,
        Err(detail) => return bad(&detail),
    };
    let state = params.get("state");
    let asked = match check(&params, client, redirect_uri, redirect.clone()) {
        Ok(asked) => asked,
        Err(refusal) => return back_with_error(&redirect, &refusal, state, req),
    };
    let decision = if req.method == Method::POST {
        params.get("decision")
    } else {
        params.get("auto")
    };
    match decision {
        Some("approve") => approve(req, shared, &asked),
        Some("deny") => {
            let refusal = Refusal::new("access_denied", "the user denied the request");
            back_with_error(&asked.redirect, &refusal, asked.state, req)
        }
        None if req.method != Method::POST => consent(&params, &asked),
        _ => bad("Answer with approve or deny."),
    }
}

/// The error page, for a request the browser cannot be sent back with.
fn bad(detail: &str) -> Response<Body> {
    let body = format!("<p>{}</p>", escape(detail));
    page(400, "Bad authorization request", &body)
}

/// The client and the redirect URI (as sent, and parsed), or why the browser cannot be
/// sent back.
fn trusted(params: &Params) -> Result<(&'static Client, &str, Url), String> {
    let Some(id) = params.get("client_id") else {
        return Err("The request has no client_id.".into());
    };
    let Some(client) = clients::find(id) else {
        return Err(format!(
            "There is no client '{id}' here; GET / lists the practice clients."
        ));
    };
    let Some(text) = params.get("redirect_uri") else {
        return Err("The request has no redirect_uri.".into());
    };
    let Some(redirect) = clients::loopback_redirect(text) else {
        return Err(format!(
            "The redirect_uri '{text}' is not accepted: hit serve sends the browser back \
             only to http://127.0.0.1:PORT/..., http://[::1]:PORT/... or \
             http://localhost:PORT/..."
        ));
    };
    Ok((client, text, redirect))
}

/// The rest of the request (RFC 6749 §4.1.1, RFC 7636 §4.3), PKCE S256 required.
fn check<'a>(
    params: &'a Params,
    client: &'static Client,
    redirect_uri: &'a str,
    redirect: Url,
) -> Result<Asked<'a>, Refusal> {
    params.once()?;
    match params.required("response_type")? {
        "code" => {}
        other => {
            let detail = format!("response_type '{other}' is not supported; send code");
            return Err(Refusal::new("unsupported_response_type", &detail));
        }
    }
    if !client.may(Grant::AuthorizationCode) {
        let detail = format!("{} may not use the authorization code grant", client.id);
        return Err(Refusal::new("unauthorized_client", &detail));
    }
    let pkce = "PKCE is required: send code_challenge=BASE64URL(SHA256(verifier)) and \
                code_challenge_method=S256";
    let Some(challenge) = params.get("code_challenge") else {
        return Err(Refusal::new("invalid_request", pkce));
    };
    if params.get("code_challenge_method") != Some("S256") {
        return Err(Refusal::new("invalid_request", pkce));
    }
    if !crypto::challenge_is_well_formed(challenge) {
        return Err(Refusal::new(
            "invalid_request",
            "code_challenge is not an S256 challenge: 43 characters of base64url",
        ));
    }
    Ok(Asked {
        client,
        redirect,
        redirect_uri,
        scope: clients::scope(params.get("scope"), true)?,
        challenge,
        state: params.get("state"),
        nonce: params.get("nonce"),
    })
}

/// A code for the request, and the browser sent back with it.
fn approve(req: &Req, shared: &Shared, asked: &Asked) -> Response<Body> {
    let code = match crypto::secret("ac_") {
        Ok(code) => code,
        Err(failed) => return back_with_error(&asked.redirect, &failed.into(), asked.state, req),
    };
    let entry = Code {
        client: asked.client.id,
        redirect_uri: asked.redirect_uri.to_owned(),
        challenge: asked.challenge.to_owned(),
        scope: asked.scope.clone(),
        nonce: asked.nonce.map(str::to_owned),
        issued: tokio::time::Instant::now(),
        spent: None,
    };
    shared.lock().oauth.codes.insert(code.clone(), entry);
    back(&asked.redirect, &[("code", &code)], asked.state, req)
}

/// RFC 6749 §4.1.2.1: the error in the redirect's query.
fn back_with_error(
    redirect: &Url,
    refusal: &Refusal,
    state: Option<&str>,
    req: &Req,
) -> Response<Body> {
    let pairs = [
        ("error", refusal.error),
        ("error_description", refusal.description.as_str()),
    ];
    back(redirect, &pairs, state, req)
}

/// 302 to the redirect URI with `pairs`, the client's `state`, and `iss` (RFC 9207, so that
/// a client talking to several servers knows which one answered).
fn back(redirect: &Url, pairs: &[(&str, &str)], state: Option<&str>, req: &Req) -> Response<Body> {
    let mut location = redirect.clone();
    {
        let mut query = location.query_pairs_mut();
        query.extend_pairs(pairs);
        if let Some(state) = state {
            query.append_pair("state", state);
        }
        query.append_pair("iss", &super::issuer(req));
    }
    reply::redirect(location.as_str())
}

/// The consent page: who asks for what, and a form that posts the request back with the
/// user's answer.
fn consent(params: &Params, asked: &Asked) -> Response<Body> {
    let hidden: String = CARRIED
        .iter()
        .filter_map(|name| Some((name, params.get(name)?)))
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
                escape(value)
            )
        })
        .collect();
    let (_, user, _) = USER;
    let body = format!(
        "<p><strong>{client}</strong> asks to act as <strong>{user}</strong> (user 1) \
         with the scopes <code>{scope}</code>.</p>\n\
         <p>Your answer goes back to <code>{redirect}</code>.</p>\n\
         <form method=\"post\" action=\"/oauth/authorize\">\n{hidden}\
         <button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>\n\
         <p>This is hit serve's practice authorization server: there is no password, and \
         everything is forgotten on restart.</p>",
        client = escape(asked.client.id),
        scope = escape(&asked.scope),
        redirect = escape(asked.redirect.as_str()),
    );
    page(200, "Authorize access", &body)
}
