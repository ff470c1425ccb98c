//! OAuth 2.0 for profiles with `[auth] type = "oauth2"`: tokens got, cached, refreshed
//! and revoked over hit's own transport.
//!
//! Written on hit's transport rather than with the `oauth2` crate: the token request must
//! go where the request goes (proxies, `--cacert`, `-k`, `--resolve`, `--connect-to`, the
//! time limits), the errors must become hit's one-line errors and exit codes, and the
//! protocol parts are small (a form post and a JSON answer per grant).

mod browser;
pub mod cache;
mod device;
mod endpoints;
mod pkce;
mod status;
mod token;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow};

use crate::error::usage;
use crate::http::shown;
use crate::settings::secret_by_reference;
use crate::settings::store::AuthConfig;
use crate::settings::store::oauth::Flow;
use crate::transport::Transport;
use crate::transport::limits::TimeLimits;
pub use browser::Browser;
use cache::{Cache, Entry, Key, Tokens};
use endpoints::Endpoints;
pub use status::status;
use token::{ClientAuth, Refusal};

/// A token is renewed when it expires within this many seconds.
const EXPIRY_MARGIN: i64 = 30;

/// The longest wait for one answer of the authorization server when no `-m`/`--timeout`
/// says otherwise: a server that hangs ends in a line, not a stuck terminal.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);

/// The OAuth client of one profile, sending through `transport`.
pub struct Client<'a> {
    profile: String,
    config: AuthConfig,
    flow: Flow,
    transport: &'a Transport,
    /// The time limits of one answer of the authorization server, from when it is asked.
    limits: Limits<'a>,
    cache: Cache,
}

/// Gives the time limits of a request to the authorization server when it starts: a
/// request's own (`-m` counts the whole run), or `hit auth`'s, counted for each answer.
pub type Limits<'a> = Box<dyn Fn() -> TimeLimits + 'a>;

/// Seconds since the Unix epoch.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl<'a> Client<'a> {
    pub fn new(
        profile: &str,
        config: &AuthConfig,
        transport: &'a Transport,
        limits: Limits<'a>,
    ) -> Result<Client<'a>> {
        Ok(Client {
            profile: profile.to_string(),
            flow: config.flow(),
            config: config.clone(),
            transport,
            limits,
            cache: Cache::of(profile)?,
        })
    }

    fn key(&self) -> Key {
        Key::of(&self.config)
    }

    /// The cached access token, when it is still good for a while.
    pub fn cached(&self) -> Result<Option<String>> {
        let entry = self.cache.read()?;
        let tokens = entry.tokens_for(&self.key());
        Ok(tokens
            .filter(|t| t.fresh_at(now(), EXPIRY_MARGIN))
            .map(|t| t.access_token.clone()))
    }

    /// Whether only a person can get the next token: a flow that needs one, and no token
    /// usable or renewable without them.
    pub fn needs_login(&self) -> Result<bool> {
        if !matches!(self.flow, Flow::AuthorizationCode | Flow::DeviceCode) {
            return Ok(false);
        }
        let entry = self.cache.read()?;
        Ok(match entry.tokens_for(&self.key()) {
            None => true,
            Some(t) => t.refresh_token.is_none() && !t.fresh_at(now(), EXPIRY_MARGIN),
        })
    }

    /// Whether the cached token is known to have expired (or been replaced).
    pub fn known_expired(&self, token: &str) -> bool {
        let entry = self.cache.read().unwrap_or_default();
        entry
            .tokens_for(&self.key())
            .is_none_or(|t| t.access_token != token || !t.fresh_at(now(), 0))
    }

    /// An access token for a request: the cached one, else one renewed without a person
    /// (a refresh, client credentials). Under the lock the cache is read again: another hit
    /// may have renewed it meanwhile.
    pub async fn access_token(&self) -> Result<String> {
        if let Some(token) = self.cached()? {
            return Ok(token);
        }
        let _lock = self.cache.lock()?;
        if let Some(token) = self.cached()? {
            return Ok(token);
        }
        let entry = self.cache.read()?;
        Ok(self.renew(&entry).await?.access_token)
    }

    /// A token other than `refused`, which the resource server turned down: one another
    /// hit renewed meanwhile, else a renewed one.
    pub async fn replace(&self, refused: &str) -> Result<String> {
        let _lock = self.cache.lock()?;
        let entry = self.cache.read()?;
        if let Some(tokens) = entry.tokens_for(&self.key())
            && tokens.access_token != refused
            && tokens.fresh_at(now(), EXPIRY_MARGIN)
        {
            return Ok(tokens.access_token.clone());
        }
        Ok(self.renew(&entry).await?.access_token)
    }

    /// New tokens without a person: the refresh token held, else what the flow allows.
    async fn renew(&self, entry: &Entry) -> Result<Tokens> {
        let held = entry.tokens_for(&self.key());
        let endpoints = self.endpoints(entry).await?;
        if let Some(refresh_token) = held.and_then(|t| t.refresh_token.clone()) {
            match self
                .refresh(&endpoints, &refresh_token, "the cached refresh token")
                .await
            {
                // Client credentials need no person: new tokens replace the refused ones.
                Err(err) if self.flow == Flow::ClientCredentials && err.is::<RefreshRefused>() => {}
                result => return result,
            }
        }
        match self.flow {
            Flow::ClientCredentials => self.client_credentials(&endpoints).await,
            Flow::RefreshToken => {
                let (token, origin) = self.configured_refresh_token()?;
                self.refresh(&endpoints, &token, &origin).await
            }
            Flow::AuthorizationCode | Flow::DeviceCode => Err(usage(format!(
                "profile '{}' has no usable token (flow = \"{}\" needs a person to log in): run \
                 'hit auth login {}' where a browser is available, or use \
                 client_credentials/refresh_token in CI",
                self.profile,
                self.flow.name(),
                self.profile
            ))),
        }
    }

    /// `hit auth login`: new tokens by the profile's flow, with a person where it needs one.
    pub async fn login(&self, browser: &Browser, say: &mut dyn FnMut(&str)) -> Result<Tokens> {
        let entry = self.cache.read()?;
        let endpoints = self.endpoints(&entry).await?;
        match self.flow {
            Flow::ClientCredentials => {
                let _lock = self.cache.lock()?;
                self.client_credentials(&endpoints).await
            }
            Flow::RefreshToken => {
                let _lock = self.cache.lock()?;
                let (token, origin) = self.configured_refresh_token()?;
                self.refresh(&endpoints, &token, &origin).await
            }
            Flow::AuthorizationCode => {
                let tokens = browser::log_in(self, &endpoints, browser, say).await?;
                let _lock = self.cache.lock()?;
                self.store(tokens)
            }
            Flow::DeviceCode => {
                let tokens = device::log_in(self, &endpoints, say).await?;
                let _lock = self.cache.lock()?;
                self.store(tokens)
            }
        }
    }

    /// `hit auth logout`: the tokens revoked where the server has a revocation endpoint
    /// (RFC 7009), and forgotten in any case. Returns what to say.
    pub async fn logout(&self) -> Result<Vec<String>> {
        let _lock = self.cache.lock()?;
        let entry = self.cache.read()?;
        let Some(tokens) = entry.tokens.clone() else {
            return Ok(vec![format!("profile '{}' holds no tokens", self.profile)]);
        };
        let mut said = Vec::new();
        let endpoints = match self.endpoints(&entry).await {
            Ok(endpoints) => endpoints.revocation,
            Err(err) => {
                said.push(format!("warning: not revoking the tokens: {err:#}"));
                None
            }
        };
        if let Some(url) = &endpoints {
            let client = self.client_auth()?;
            let mut revoked = Vec::new();
            let pairs = [
                (tokens.refresh_token.as_deref(), "refresh_token"),
                (Some(tokens.access_token.as_str()), "access_token"),
            ];
            for (token, hint) in pairs {
                let Some(token) = token else { continue };
                let form = [("token", token), ("token_type_hint", hint)];
                let what = format!("the revocation endpoint {}", shown(url));
                match token::post(self.transport, (self.limits)(), url, &form, &client).await {
                    // RFC 7009 §2.2: 200 also for a token the server no longer knows.
                    Ok(answer) if answer.status.is_success() => {
                        revoked.push(hint.replace('_', " "))
                    }
                    Ok(answer) => said.push(format!("warning: {:#}", answer.refusal(&what))),
                    Err(err) => said.push(format!("warning: {what}: {err:#}")),
                }
            }
            if !revoked.is_empty() {
                said.push(format!(
                    "revoked the {} at {}",
                    revoked.join(" and "),
                    shown(url)
                ));
            }
        }
        self.cache.forget_tokens()?;
        said.push(format!("forgot the tokens of profile '{}'", self.profile));
        Ok(said)
    }

    /// The endpoints: the profile's own, over those discovered from its issuer (kept in the
    /// cache, found once).
    async fn endpoints(&self, entry: &Entry) -> Result<Endpoints> {
        let Some(issuer) = &self.config.issuer else {
            return Endpoints::of(&self.config, None);
        };
        if let Some(found) = entry.discovered_for(issuer) {
            return Endpoints::of(&self.config, Some(found));
        }
        let found = endpoints::discover(self.transport, (self.limits)(), issuer).await?;
        let mut fresh = self.cache.read()?;
        fresh.discovered = Some(found.clone());
        self.cache.write(&fresh)?;
        Endpoints::of(&self.config, Some(&found))
    }

    /// The client's credentials; the secret read by reference each time.
    fn client_auth(&self) -> Result<ClientAuth> {
        let secret = secret_by_reference(
            &self.profile,
            (
                "client_secret_env",
                self.config.client_secret_env.as_deref(),
            ),
            (
                "client_secret_cmd",
                self.config.client_secret_cmd.as_deref(),
            ),
        )?;
        Ok(ClientAuth {
            client_id: self.config.client_id.clone().unwrap_or_default(),
            secret,
        })
    }

    /// `refresh_token_env`/`refresh_token_cmd`, and how to name where it came from.
    fn configured_refresh_token(&self) -> Result<(String, String)> {
        let config = &self.config;
        let token = secret_by_reference(
            &self.profile,
            ("refresh_token_env", config.refresh_token_env.as_deref()),
            ("refresh_token_cmd", config.refresh_token_cmd.as_deref()),
        )?
        .ok_or_else(|| anyhow!("profile '{}' gives no refresh token", self.profile))?;
        let origin = match (&config.refresh_token_env, &config.refresh_token_cmd) {
            (Some(var), _) => format!("the refresh token in ${var}"),
            (None, Some(command)) => format!("the refresh token of '{command}'"),
            (None, None) => "the refresh token".to_string(),
        };
        Ok((token, origin))
    }

    /// A grant's own parameters, then the profile's audience, resource and extras.
    fn form<'f>(&'f self, grant: &[(&'f str, &'f str)]) -> Vec<(&'f str, &'f str)> {
        let mut form = grant.to_vec();
        let config = &self.config;
        if let Some(audience) = &config.audience {
            form.push(("audience", audience));
        }
        if let Some(resource) = &config.resource {
            form.push(("resource", resource));
        }
        form.extend(
            config
                .token_params
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        form
    }

    fn scope(&self) -> Option<String> {
        (!self.config.scopes.is_empty()).then(|| self.config.scopes.join(" "))
    }

    /// Posts a token request to the token endpoint and keeps what it gives (under the lock
    /// the caller holds).
    async fn token_request(&self, endpoints: &Endpoints, grant: &[(&str, &str)]) -> Result<Tokens> {
        let what = format!("the token endpoint {}", shown(&endpoints.token));
        let form = self.form(grant);
        let client = self.client_auth()?;
        let answer = token::post(
            self.transport,
            (self.limits)(),
            &endpoints.token,
            &form,
            &client,
        )
        .await
        .map_err(|err| err.context(format!("profile '{}': getting a token", self.profile)))?;
        answer.tokens(&what, now())
    }

    async fn client_credentials(&self, endpoints: &Endpoints) -> Result<Tokens> {
        let scope = self.scope();
        let mut grant = vec![("grant_type", "client_credentials")];
        if let Some(scope) = &scope {
            grant.push(("scope", scope));
        }
        let tokens = self.token_request(endpoints, &grant).await?;
        self.store(tokens)
    }

    /// RFC 6749 §6; a new refresh token in the answer replaces the old one (rotation), and
    /// a refused one (`invalid_grant`) clears the cache.
    async fn refresh(
        &self,
        endpoints: &Endpoints,
        refresh_token: &str,
        origin: &str,
    ) -> Result<Tokens> {
        let grant = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        match self.token_request(endpoints, &grant).await {
            Ok(mut tokens) => {
                if tokens.refresh_token.is_none() {
                    tokens.refresh_token = Some(refresh_token.to_string());
                }
                self.store(tokens)
            }
            Err(err) if is_invalid_grant(&err) => {
                self.cache.forget_tokens()?;
                let said = err
                    .downcast_ref::<Refusal>()
                    .map(Refusal::said)
                    .unwrap_or_default();
                let next = if self.flow == Flow::RefreshToken {
                    "give a new refresh token".to_string()
                } else {
                    format!("run 'hit auth login {}'", self.profile)
                };
                Err(RefreshRefused(format!(
                    "profile '{}': {origin} was refused ({said}); the cached tokens are forgotten: \
                     {next}",
                    self.profile
                ))
                .into())
            }
            Err(err) => Err(err),
        }
    }

    /// Writes the tokens to the cache, for the profile's current key.
    fn store(&self, mut tokens: Tokens) -> Result<Tokens> {
        let mut entry = self.cache.read().unwrap_or_default();
        if tokens.id_token.is_none() {
            let old = entry.tokens_for(&self.key());
            tokens.id_token = old.and_then(|t| t.id_token.clone());
        }
        entry.key = Some(self.key());
        entry.tokens = Some(tokens.clone());
        self.cache.write(&entry)?;
        Ok(tokens)
    }
}

/// A refresh token the authorization server no longer takes (`invalid_grant`); the cache
/// has been cleared.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct RefreshRefused(String);

/// The authorization server's `invalid_grant`: the grant (a refresh token, a code) is no
/// good any more.
fn is_invalid_grant(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Refusal>()
        .is_some_and(|r| r.code == "invalid_grant")
}

/// Whether a 401's `WWW-Authenticate` says the bearer token was refused as invalid or
/// expired (RFC 6750 §3.1: `error="invalid_token"`).
pub fn says_invalid_token<'v>(challenges: impl Iterator<Item = &'v str>) -> bool {
    challenges.into_iter().any(|value| {
        let lower = value.to_ascii_lowercase();
        lower.trim_start().starts_with("bearer")
            && (lower.contains("error=\"invalid_token\"") || lower.contains("error=invalid_token"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_token_challenges() {
        let says = |v: &[&str]| says_invalid_token(v.iter().copied());
        assert!(says(&[
            r#"Bearer realm="api", error="invalid_token", error_description="expired""#
        ]));
        assert!(says(&["Basic realm=x", "bearer error=invalid_token"]));
        assert!(!says(&[r#"Bearer realm="api""#]));
        assert!(!says(&[r#"Bearer error="insufficient_scope""#]));
        assert!(!says(&[]));
    }
}
