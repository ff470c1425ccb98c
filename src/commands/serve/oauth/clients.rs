//! The practice clients, fixed and public (they are listed on `/`), the scopes, the one
//! practice user, and how a client proves who it is (RFC 6749 §2.3).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hyper::header;
use subtle::ConstantTimeEq;
use url::{Host, Url};

use super::params::Params;
use super::reply::Refusal;
use crate::commands::serve::exchange::Req;

/// The grants a client may use, named as the token endpoint's `grant_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    ClientCredentials,
    AuthorizationCode,
    RefreshToken,
    DeviceCode,
}

impl Grant {
    pub const ALL: [Grant; 4] = [
        Grant::AuthorizationCode,
        Grant::ClientCredentials,
        Grant::RefreshToken,
        Grant::DeviceCode,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Grant::ClientCredentials => "client_credentials",
            Grant::AuthorizationCode => "authorization_code",
            Grant::RefreshToken => "refresh_token",
            Grant::DeviceCode => "urn:ietf:params:oauth:grant-type:device_code",
        }
    }

    pub fn from_name(name: &str) -> Option<Grant> {
        Grant::ALL.into_iter().find(|grant| grant.name() == name)
    }
}

/// A registered client. Redirect URIs are not registered: any loopback one is accepted
/// (RFC 8252 §7.3: a native app picks its port when it starts).
#[derive(Debug, PartialEq, Eq)]
pub struct Client {
    pub id: &'static str,
    /// None for a public client, which cannot keep a secret (a CLI, a single-page app).
    pub secret: Option<&'static str>,
    pub grants: &'static [Grant],
}

impl Client {
    pub fn may(&self, grant: Grant) -> bool {
        self.grants.contains(&grant)
    }
}

pub const CLIENTS: [Client; 2] = [
    Client {
        id: "practice-cli",
        secret: Some("practice-secret"),
        grants: &Grant::ALL,
    },
    Client {
        id: "practice-public",
        secret: None,
        grants: &[
            Grant::AuthorizationCode,
            Grant::RefreshToken,
            Grant::DeviceCode,
        ],
    },
];

pub fn find(id: &str) -> Option<&'static Client> {
    CLIENTS.iter().find(|client| client.id == id)
}

/// The scopes the practice server knows.
pub const SCOPES: [&str; 5] = ["openid", "profile", "email", "read", "write"];
/// What a request without `scope` gets.
pub const DEFAULT_SCOPE: &str = "read";

/// The practice user every consent and device approval acts for: user 1 of `/users`.
pub const USER: (&str, &str, &str) = ("1", "Ada Lovelace", "ada.lovelace@example.com");

/// The scopes asked for, checked and in a canonical order (`read openid` → `openid read`);
/// without a `scope`, [`DEFAULT_SCOPE`]. A user-less grant may not ask for the user's
/// claims.
pub fn scope(requested: Option<&str>, with_user: bool) -> Result<String, Refusal> {
    let Some(requested) = requested else {
        return Ok(DEFAULT_SCOPE.into());
    };
    let words: Vec<&str> = requested.split(' ').filter(|w| !w.is_empty()).collect();
    if let Some(unknown) = words.iter().find(|word| !SCOPES.contains(word)) {
        let detail = format!(
            "the scope '{unknown}' is not known here; ask for some of: {}",
            SCOPES.join(" ")
        );
        return Err(Refusal::new("invalid_scope", &detail));
    }
    if !with_user
        && let Some(word) = words
            .iter()
            .find(|w| ["openid", "profile", "email"].contains(w))
    {
        let detail = format!("the scope '{word}' is about a user, and client_credentials has none");
        return Err(Refusal::new("invalid_scope", &detail));
    }
    let chosen: Vec<&str> = SCOPES.into_iter().filter(|s| words.contains(s)).collect();
    if chosen.is_empty() {
        return Ok(DEFAULT_SCOPE.into());
    }
    Ok(chosen.join(" "))
}

/// Whether every scope of `narrower` is in `wider` (a refresh may narrow, never widen).
pub fn within(narrower: &str, wider: &str) -> bool {
    let wider: Vec<&str> = wider.split(' ').collect();
    narrower.split(' ').all(|word| wider.contains(&word))
}

/// A redirect URI the server will send a browser to: http on a loopback address, any port
/// and path, no fragment (RFC 6749 §3.1.2), nothing else. Exact comparison at the token
/// endpoint binds the code to it.
pub fn loopback_redirect(text: &str) -> Option<Url> {
    let url = Url::parse(text).ok()?;
    let loopback = match url.host()? {
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
    };
    let plain = url.fragment().is_none() && url.username().is_empty() && url.password().is_none();
    (url.scheme() == "http" && loopback && plain).then_some(url)
}

/// Which client sent a request to the token, device or revocation endpoint: HTTP Basic
/// (`client_secret_basic`), `client_id` and `client_secret` in the body
/// (`client_secret_post`), or `client_id` alone for a public client (`none`). A failure
/// is `invalid_client`, 401 with a Basic challenge when the client tried Basic or sent
/// nothing (RFC 6749 §5.2), 400 when it tried the body.
pub fn authenticate(req: &Req, params: &Params) -> Result<&'static Client, Refusal> {
    let basic = req.header(header::AUTHORIZATION).and_then(|value| {
        let (scheme, rest) = value.split_once(' ')?;
        scheme.eq_ignore_ascii_case("basic").then(|| rest.trim())
    });
    if let Some(credentials) = basic {
        return basic_client(credentials, params);
    }
    let Some(id) = params.get("client_id") else {
        return Err(Refusal::new(
            "invalid_client",
            "no client authentication: send client_id (and client_secret for a \
             confidential client) in the body, or HTTP Basic",
        )
        .challenge());
    };
    let client = find(id).ok_or_else(|| unknown_client(id))?;
    match (client.secret, params.get("client_secret")) {
        (Some(_), None) => Err(Refusal::new(
            "invalid_client",
            &format!("{id} is a confidential client: send its client_secret too"),
        )),
        (Some(secret), Some(sent)) if !secret_is(secret, sent) => Err(wrong_secret(id)),
        (None, Some(_)) => Err(Refusal::new(
            "invalid_client",
            &format!("{id} is a public client and has no secret: send client_id alone"),
        )),
        _ => Ok(client),
    }
}

fn basic_client(credentials: &str, params: &Params) -> Result<&'static Client, Refusal> {
    // RFC 6749 §2.3.1: the id and the secret are form-encoded before they are joined.
    let decoded = STANDARD
        .decode(credentials)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let Some((id, secret)) = decoded.as_deref().and_then(|text| text.split_once(':')) else {
        return Err(Refusal::new(
            "invalid_client",
            "the Basic credentials are not base64 of client_id:client_secret",
        )
        .challenge());
    };
    let decode = |text: &str| -> String {
        url::form_urlencoded::parse(format!("x={text}").as_bytes())
            .next()
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default()
    };
    let (id, secret) = (decode(id), decode(secret));
    if params.get("client_secret").is_some() {
        return Err(Refusal::new(
            "invalid_request",
            "the client authenticated twice: send HTTP Basic or client_secret, not both",
        ));
    }
    if params.get("client_id").is_some_and(|body| body != id) {
        return Err(Refusal::new(
            "invalid_request",
            "client_id in the body is not the client of the Basic credentials",
        ));
    }
    let client = find(&id).ok_or_else(|| unknown_client(&id).challenge())?;
    if !client
        .secret
        .is_some_and(|expected| secret_is(expected, &secret))
    {
        return Err(wrong_secret(&id).challenge());
    }
    Ok(client)
}

/// Whether `sent` is the client's secret, in a time that does not depend on where they
/// first differ (only on their lengths), so that timing the refusals does not spell out
/// the secret byte by byte.
fn secret_is(secret: &str, sent: &str) -> bool {
    secret.as_bytes().ct_eq(sent.as_bytes()).into()
}

fn unknown_client(id: &str) -> Refusal {
    let known: Vec<&str> = CLIENTS.iter().map(|client| client.id).collect();
    let detail = format!(
        "there is no client '{id}' here; the practice clients are {}",
        known.join(" and ")
    );
    Refusal::new("invalid_client", &detail)
}

fn wrong_secret(id: &str) -> Refusal {
    Refusal::new(
        "invalid_client",
        &format!("the client secret is not {id}'s (GET / lists the practice clients)"),
    )
}

/// The practice clients, for `/`.
pub fn listing() -> serde_json::Value {
    let clients: Vec<serde_json::Value> = CLIENTS
        .iter()
        .map(|client| {
            let grants: Vec<&str> = client.grants.iter().map(|grant| grant.name()).collect();
            serde_json::json!({
                "client_id": client.id,
                "client_secret": client.secret,
                "type": if client.secret.is_some() { "confidential" } else { "public" },
                "grant_types": grants,
            })
        })
        .collect();
    serde_json::Value::Array(clients)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_redirects_are_accepted() {
        for good in [
            "http://127.0.0.1:53682/callback",
            "http://localhost:8080/",
            "http://[::1]:9/cb?x=1",
        ] {
            assert!(loopback_redirect(good).is_some(), "{good}");
        }
        for bad in [
            "https://127.0.0.1/cb",
            "http://example.com/cb",
            "http://127.0.0.1.evil.example/cb",
            "http://localhost:80/cb#frag",
            "http://user@127.0.0.1/cb",
            "/callback",
        ] {
            assert!(loopback_redirect(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn scopes_are_checked_ordered_and_defaulted() {
        assert_eq!(scope(None, true).unwrap(), "read");
        assert_eq!(scope(Some("read  openid"), true).unwrap(), "openid read");
        assert_eq!(scope(Some(" "), false).unwrap(), "read");
        assert_eq!(
            scope(Some("admin"), true).unwrap_err().error,
            "invalid_scope"
        );
        assert_eq!(
            scope(Some("openid"), false).unwrap_err().error,
            "invalid_scope"
        );
        assert!(within("read", "openid read"));
        assert!(!within("read write", "openid read"));
    }

    #[test]
    fn a_secret_matches_only_itself() {
        assert!(secret_is("practice-secret", "practice-secret"));
        for wrong in [
            "",
            "practice-secreT",
            "practice-secre",
            "practice-secrets",
            "x",
        ] {
            assert!(!secret_is("practice-secret", wrong), "{wrong}");
        }
    }

    #[test]
    fn grants_round_trip_their_names() {
        for grant in Grant::ALL {
            assert_eq!(Grant::from_name(grant.name()), Some(grant));
        }
        assert_eq!(Grant::from_name("password"), None);
    }
}
