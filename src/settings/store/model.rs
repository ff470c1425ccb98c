//! What a profile file holds (SPEC §8), as TOML reads and writes it.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The format this version of hit writes; a newer one is refused rather than misread.
pub const VERSION: u32 = 1;

/// One `profiles/NAME.toml`. Every field is optional, so that `extends` can layer them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default = "version")]
    pub version: u32,
    /// Another profile whose settings this one starts from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// What a URL starting with `/` (or a bare path) is joined to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Keep a cookie jar beside the profile (`NAME.cookies`, 0600).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cookies: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy: Option<String>,
    /// Seconds: `--timeout`, `--connect-timeout`, `-m`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_timeout: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_time: Option<f64>,
    /// `-L`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_redirs: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cacert: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insecure: Option<bool>,
    /// Sent with every request; a command-line header of the same name replaces one.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    /// Query items added unless the request gives the same name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, String>,
    /// Header name → the environment variable holding its value (an API key).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub header_env: IndexMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<OutputConfig>,
    /// The API's OpenAPI document: `hit @PROFILE/OPERATION` (crate::openapi).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openapi: Option<OpenApiConfig>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub requests: IndexMap<String, SavedRequest>,
}

fn version() -> u32 {
    VERSION
}

/// Credentials, by reference: the secret itself lives in the environment or another tool.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// `bearer` or `basic`.
    #[serde(rename = "type")]
    pub kind: AuthKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_env: Option<String>,
    /// Run through the shell once per invocation; its trimmed stdout is the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_cmd: Option<String>,
    /// A literal token, stored only with `--store-secret`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// A literal password, stored only with `--store-secret`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    // `type = "oauth2"` (crate::oauth): the client secret and a CI refresh token are
    // given by reference only, as other secrets are.
    /// client_credentials, authorization_code, device_code or refresh_token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret_env: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret_cmd: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Sent with every token request, beside the parameters of the flow.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub token_params: IndexMap<String, String>,
    /// Where the endpoints are found (OpenID Connect discovery, then RFC 8414).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_authorization_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation_url: Option<String>,
    /// The loopback port of the authorization code redirect; an ephemeral one when unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_port: Option<u16>,
    /// `flow = "refresh_token"` (CI): where the refresh token comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token_env: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token_cmd: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AuthKind {
    #[default]
    Bearer,
    Basic,
    #[serde(rename = "oauth2")]
    OAuth2,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RetryConfig {
    /// Named as the options are; the names before them (`retries`, `delay`, `max_time`,
    /// `on`) still read.
    #[serde(alias = "retries", skip_serializing_if = "Option::is_none")]
    pub retry: Option<u32>,
    #[serde(alias = "delay", skip_serializing_if = "Option::is_none")]
    pub retry_delay: Option<f64>,
    #[serde(alias = "max_time", skip_serializing_if = "Option::is_none")]
    pub retry_max_time: Option<f64>,
    /// As `--retry-on`: `429,503` or `5xx`.
    #[serde(alias = "on", skip_serializing_if = "Option::is_none")]
    pub retry_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// As `--pretty`: all, colors, format, none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pretty: Option<String>,
    /// As `-p`: HBhbm letters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub print: Option<String>,
}

/// `[openapi]`: where the document is, and which reading of it the cache holds.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OpenApiConfig {
    /// A file's absolute path, or an http(s) URL.
    pub source: String,
    /// The digest of the bytes last read (the name of their cache).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// A file's size and modification time when it was read: a change is read again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stamp: Option<String>,
    /// Values of the server URL's variables (`--var NAME=VALUE` at `hit profile add`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub server_vars: IndexMap<String, String>,
}

/// `[requests.NAME]`: a request as `hit save` was given it, with `{var}` placeholders.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SavedRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Command-line options, word by word (`["--retry", "3"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

impl Profile {
    /// The values TOML cannot check: names of styles, section letters, statuses, URLs,
    /// and credentials that say where their secret is.
    pub fn check(&self) -> Result<(), String> {
        if let Some(base) = &self.base_url {
            crate::http::normalize_url(base).map_err(|why| format!("base_url: {why}"))?;
        }
        if let Some(on) = self.retry.as_ref().and_then(|r| r.retry_on.as_deref()) {
            crate::cli::status_list(on).map_err(|why| format!("retry.retry_on: {why}"))?;
        }
        if let Some(output) = &self.output {
            if let Some(pretty) = &output.pretty
                && !["all", "colors", "format", "none"].contains(&pretty.as_str())
            {
                return Err(format!(
                    "output.pretty is all, colors, format or none, not '{pretty}'"
                ));
            }
            if let Some(print) = &output.print
                && let Some(bad) = print.chars().find(|c| !"HBhbm".contains(*c))
            {
                return Err(format!("output.print: '{bad}' is not one of H B h b m"));
            }
        }
        if let Some(auth) = &self.auth {
            auth.check_keys()?;
        }
        match &self.auth {
            Some(auth) if auth.kind == AuthKind::OAuth2 => super::oauth::check(auth),
            Some(auth) if auth.kind == AuthKind::Basic && auth.user.is_none() => {
                Err("[auth] type = \"basic\" needs user".to_string())
            }
            Some(auth)
                if auth.kind == AuthKind::Bearer
                    && auth.token_env.is_none()
                    && auth.token_cmd.is_none()
                    && auth.token.is_none() =>
            {
                Err("[auth] type = \"bearer\" needs token_env, token_cmd or token".to_string())
            }
            _ => Ok(()),
        }
    }

    /// `self` on top of `base`: a field set here wins, tables merge name by name.
    pub fn over(self, base: Profile) -> Profile {
        fn merged<V>(base: IndexMap<String, V>, top: IndexMap<String, V>) -> IndexMap<String, V> {
            let mut all = base;
            all.extend(top);
            all
        }
        Profile {
            version: self.version,
            extends: self.extends,
            base_url: self.base_url.or(base.base_url),
            cookies: self.cookies.or(base.cookies),
            proxy: self.proxy.or(base.proxy),
            timeout: self.timeout.or(base.timeout),
            connect_timeout: self.connect_timeout.or(base.connect_timeout),
            max_time: self.max_time.or(base.max_time),
            follow: self.follow.or(base.follow),
            max_redirs: self.max_redirs.or(base.max_redirs),
            cacert: self.cacert.or(base.cacert),
            insecure: self.insecure.or(base.insecure),
            headers: merged(base.headers, self.headers),
            query: merged(base.query, self.query),
            header_env: merged(base.header_env, self.header_env),
            auth: self.auth.or(base.auth),
            retry: self.retry.or(base.retry),
            output: self.output.or(base.output),
            openapi: self.openapi.or(base.openapi),
            requests: merged(base.requests, self.requests),
        }
    }
}
