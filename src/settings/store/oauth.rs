//! `[auth] type = "oauth2"` read and checked: which flow, which endpoints, and the keys
//! that belong to another type of `[auth]`.

use reqwest::Url;

use super::model::{AuthConfig, AuthKind};

/// How a profile gets its tokens (RFC 6749 §4, RFC 8628).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    ClientCredentials,
    AuthorizationCode,
    DeviceCode,
    RefreshToken,
}

impl Flow {
    pub const NAMES: [&str; 4] = [
        "client_credentials",
        "authorization_code",
        "device_code",
        "refresh_token",
    ];

    pub fn parse(name: &str) -> Option<Flow> {
        match name {
            "client_credentials" => Some(Flow::ClientCredentials),
            "authorization_code" => Some(Flow::AuthorizationCode),
            "device_code" => Some(Flow::DeviceCode),
            "refresh_token" => Some(Flow::RefreshToken),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Flow::NAMES[self as usize]
    }
}

/// Token parameters hit sends itself: `token_params` may not replace them.
const OWN_PARAMETERS: [&str; 9] = [
    "grant_type",
    "client_id",
    "client_secret",
    "code",
    "code_verifier",
    "redirect_uri",
    "refresh_token",
    "device_code",
    "scope",
];

/// The keys of each type; a key of another type is a mistake worth one line.
fn keys_set(auth: &AuthConfig) -> Vec<(&'static str, AuthKind)> {
    use AuthKind::{Basic, Bearer, OAuth2};
    let set = [
        ("token_env", auth.token_env.is_some(), Bearer),
        ("token", auth.token.is_some(), Bearer),
        ("user", auth.user.is_some(), Basic),
        ("password_env", auth.password_env.is_some(), Basic),
        ("password", auth.password.is_some(), Basic),
        ("flow", auth.flow.is_some(), OAuth2),
        ("client_id", auth.client_id.is_some(), OAuth2),
        (
            "client_secret_env",
            auth.client_secret_env.is_some(),
            OAuth2,
        ),
        (
            "client_secret_cmd",
            auth.client_secret_cmd.is_some(),
            OAuth2,
        ),
        ("scopes", !auth.scopes.is_empty(), OAuth2),
        ("audience", auth.audience.is_some(), OAuth2),
        ("resource", auth.resource.is_some(), OAuth2),
        ("token_params", !auth.token_params.is_empty(), OAuth2),
        ("issuer", auth.issuer.is_some(), OAuth2),
        ("token_url", auth.token_url.is_some(), OAuth2),
        (
            "authorization_url",
            auth.authorization_url.is_some(),
            OAuth2,
        ),
        (
            "device_authorization_url",
            auth.device_authorization_url.is_some(),
            OAuth2,
        ),
        ("revocation_url", auth.revocation_url.is_some(), OAuth2),
        ("redirect_port", auth.redirect_port.is_some(), OAuth2),
        (
            "refresh_token_env",
            auth.refresh_token_env.is_some(),
            OAuth2,
        ),
        (
            "refresh_token_cmd",
            auth.refresh_token_cmd.is_some(),
            OAuth2,
        ),
    ];
    set.into_iter()
        .filter(|(_, given, _)| *given)
        .map(|(key, _, kind)| (key, kind))
        .collect()
}

fn type_name(kind: AuthKind) -> &'static str {
    match kind {
        AuthKind::Bearer => "bearer",
        AuthKind::Basic => "basic",
        AuthKind::OAuth2 => "oauth2",
    }
}

impl AuthConfig {
    /// A key of another type of `[auth]` (`flow` under `type = "bearer"`) is refused with
    /// its name (`token_cmd` serves bearer and basic alike).
    pub fn check_keys(&self) -> Result<(), String> {
        let wrong = keys_set(self)
            .into_iter()
            .find(|(_, kind)| *kind != self.kind);
        if self.kind == AuthKind::OAuth2 && self.token_cmd.is_some() {
            return Err(
                "[auth] token_cmd does not apply to type = \"oauth2\" (hit gets the token \
                 itself; client_secret_cmd gives the client secret)"
                    .to_string(),
            );
        }
        match wrong {
            Some((key, kind)) => Err(format!(
                "[auth] {key} belongs to type = \"{}\", and this is type = \"{}\"",
                type_name(kind),
                type_name(self.kind)
            )),
            None => Ok(()),
        }
    }

    /// The flow of a checked `type = "oauth2"`.
    pub fn flow(&self) -> Flow {
        (self.flow.as_deref())
            .and_then(Flow::parse)
            .unwrap_or(Flow::AuthorizationCode)
    }
}

/// What TOML cannot check of `type = "oauth2"`: the flow, the client, endpoints that
/// exist, are URLs and are https (but on this machine), and the flow's own needs.
pub fn check(auth: &AuthConfig) -> Result<(), String> {
    let flow = match auth.flow.as_deref() {
        None => {
            return Err(format!(
                "[auth] type = \"oauth2\" needs flow: {}",
                Flow::NAMES.join(", ")
            ));
        }
        Some(name) => Flow::parse(name).ok_or_else(|| {
            format!(
                "[auth] flow is one of {}, not '{name}'",
                Flow::NAMES.join(", ")
            )
        })?,
    };
    if auth.client_id.as_deref().is_none_or(str::is_empty) {
        return Err("[auth] type = \"oauth2\" needs client_id".to_string());
    }
    if auth.client_secret_env.is_some() && auth.client_secret_cmd.is_some() {
        return Err(
            "[auth] give the client secret once: client_secret_env or client_secret_cmd"
                .to_string(),
        );
    }
    for (key, value) in [
        ("issuer", &auth.issuer),
        ("token_url", &auth.token_url),
        ("authorization_url", &auth.authorization_url),
        ("device_authorization_url", &auth.device_authorization_url),
        ("revocation_url", &auth.revocation_url),
    ] {
        if let Some(raw) = value {
            endpoint(key, raw)?;
        }
    }
    if auth.issuer.is_none() {
        let needed = match flow {
            Flow::AuthorizationCode if auth.authorization_url.is_none() => {
                Some("authorization_url")
            }
            Flow::DeviceCode if auth.device_authorization_url.is_none() => {
                Some("device_authorization_url")
            }
            _ if auth.token_url.is_none() => Some("token_url"),
            _ => None,
        };
        if let Some(key) = needed {
            return Err(format!(
                "[auth] flow = \"{}\" needs {key} (or issuer, to find it)",
                flow.name()
            ));
        }
    }
    if flow == Flow::RefreshToken
        && auth.refresh_token_env.is_none()
        && auth.refresh_token_cmd.is_none()
    {
        return Err(
            "[auth] flow = \"refresh_token\" needs refresh_token_env or refresh_token_cmd"
                .to_string(),
        );
    }
    if let Some(name) = (auth.token_params.keys()).find(|k| OWN_PARAMETERS.contains(&k.as_str())) {
        return Err(format!(
            "[auth] token_params.{name}: hit sends {name} itself"
        ));
    }
    if auth.scopes.iter().any(|s| s.is_empty() || s.contains(' ')) {
        return Err("[auth] scopes: each scope is one word, without spaces".to_string());
    }
    Ok(())
}

/// An endpoint URL: https, or http on this machine (RFC 6749 §3.1, §3.2 ask for TLS).
pub fn endpoint(key: &str, raw: &str) -> Result<Url, String> {
    let url =
        Url::parse(raw).map_err(|err| format!("[auth] {key}: '{raw}' is not a URL: {err}"))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if crate::http::is_loopback(&url) => Ok(url),
        _ => Err(format!(
            "[auth] {key} must be an https:// URL (http:// only on 127.0.0.1, ::1 or \
             localhost), not '{raw}'"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oauth(edit: impl FnOnce(&mut AuthConfig)) -> Result<(), String> {
        let mut auth = AuthConfig {
            kind: AuthKind::OAuth2,
            flow: Some("client_credentials".into()),
            client_id: Some("cli".into()),
            token_url: Some("https://auth.example/token".into()),
            ..AuthConfig::default()
        };
        edit(&mut auth);
        auth.check_keys().and_then(|()| check(&auth))
    }

    #[test]
    fn each_mistake_names_its_key() {
        assert_eq!(oauth(|_| {}), Ok(()));
        type Edit = Box<dyn FnOnce(&mut AuthConfig)>;
        let cases: [(&str, Edit); 9] = [
            ("flow is", Box::new(|a| a.flow = Some("implicit".into()))),
            ("needs client_id", Box::new(|a| a.client_id = None)),
            ("needs token_url", Box::new(|a| a.token_url = None)),
            (
                "token_url must be an https:// URL",
                Box::new(|a| a.token_url = Some("http://auth.example/token".into())),
            ),
            (
                "needs authorization_url",
                Box::new(|a| a.flow = Some("authorization_code".into())),
            ),
            (
                "needs refresh_token_env",
                Box::new(|a| a.flow = Some("refresh_token".into())),
            ),
            (
                "token_params.grant_type",
                Box::new(|a| {
                    a.token_params.insert("grant_type".into(), "x".into());
                }),
            ),
            (
                "token_env belongs to type = \"bearer\"",
                Box::new(|a| a.token_env = Some("T".into())),
            ),
            (
                "client_secret_env or client_secret_cmd",
                Box::new(|a| {
                    a.client_secret_env = Some("S".into());
                    a.client_secret_cmd = Some("pass s".into());
                }),
            ),
        ];
        for (expected, edit) in cases {
            let err = oauth(edit).unwrap_err();
            assert!(err.contains(expected), "{expected}: {err}");
        }
    }

    #[test]
    fn loopback_may_be_plain_http() {
        for url in [
            "http://127.0.0.1:8080/t",
            "http://localhost/t",
            "http://[::1]/t",
        ] {
            assert!(endpoint("token_url", url).is_ok(), "{url}");
        }
        assert!(endpoint("token_url", "http://10.0.0.1/t").is_err());
        assert!(endpoint("token_url", "ftp://x/t").is_err());
    }
}
