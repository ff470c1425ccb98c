//! Where the authorization server listens: the profile's URLs, else those its issuer
//! publishes (OpenID Connect Discovery 1.0 §4, then RFC 8414 §3), found once and kept in
//! the token cache.

use anyhow::{Result, anyhow};
use reqwest::Url;

use super::cache::Discovered;
use super::token;
use crate::settings::store::AuthConfig;
use crate::settings::store::oauth::endpoint;
use crate::transport::Transport;
use crate::transport::limits::TimeLimits;

/// The endpoints a profile uses, each checked (https, or http on this machine).
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub token: Url,
    pub authorization: Option<Url>,
    pub device_authorization: Option<Url>,
    pub revocation: Option<Url>,
}

impl Endpoints {
    /// The profile's own URLs over what discovery found.
    pub fn of(config: &AuthConfig, discovered: Option<&Discovered>) -> Result<Endpoints> {
        let pick = |key: &str, own: &Option<String>, found: Option<&String>| {
            own.as_ref()
                .or(found)
                .map(|raw| endpoint(key, raw).map_err(|why| anyhow!("{why}")))
                .transpose()
        };
        let d = discovered;
        let token = pick("token_url", &config.token_url, d.map(|d| &d.token_endpoint))?
            .ok_or_else(|| anyhow!("[auth] needs token_url (or issuer, to find it)"))?;
        Ok(Endpoints {
            token,
            authorization: pick(
                "authorization_url",
                &config.authorization_url,
                d.and_then(|d| d.authorization_endpoint.as_ref()),
            )?,
            device_authorization: pick(
                "device_authorization_url",
                &config.device_authorization_url,
                d.and_then(|d| d.device_authorization_endpoint.as_ref()),
            )?,
            revocation: pick(
                "revocation_url",
                &config.revocation_url,
                d.and_then(|d| d.revocation_endpoint.as_ref()),
            )?,
        })
    }
}

/// The two places an issuer publishes its metadata: OpenID Connect appends the well-known
/// path to the issuer, RFC 8414 §3.1 puts it between the host and the issuer's path.
fn metadata_urls(issuer: &Url) -> Vec<Url> {
    let path = issuer.path().trim_end_matches('/');
    let mut oidc = issuer.clone();
    oidc.set_path(&format!("{path}/.well-known/openid-configuration"));
    let mut rfc8414 = issuer.clone();
    rfc8414.set_path(&format!("/.well-known/oauth-authorization-server{path}"));
    vec![oidc, rfc8414]
}

/// Fetches the issuer's metadata: the first document found whose `issuer` is the one the
/// profile names (OpenID Connect Discovery §4.3, RFC 8414 §3.3: another is refused).
pub async fn discover(
    transport: &Transport,
    limits: TimeLimits,
    issuer_raw: &str,
) -> Result<Discovered> {
    let issuer = endpoint("issuer", issuer_raw).map_err(|why| anyhow!("{why}"))?;
    let mut tried = Vec::new();
    for url in metadata_urls(&issuer) {
        let answer = token::get(transport, limits, &url).await?;
        let found = answer
            .status
            .is_success()
            .then_some(())
            .and(answer.text("token_endpoint"));
        let Some(token_endpoint) = found else {
            tried.push(format!("{url} ({})", answer.status.as_u16()));
            continue;
        };
        let said = answer.text("issuer").unwrap_or_default();
        if said.trim_end_matches('/') != issuer_raw.trim_end_matches('/') {
            return Err(anyhow!(
                "{url} describes the issuer '{said}', not '{issuer_raw}'; refusing its endpoints"
            ));
        }
        return Ok(Discovered {
            issuer: issuer_raw.to_string(),
            token_endpoint,
            authorization_endpoint: answer.text("authorization_endpoint"),
            device_authorization_endpoint: answer.text("device_authorization_endpoint"),
            revocation_endpoint: answer.text("revocation_endpoint"),
        });
    }
    Err(anyhow!(
        "cannot discover the endpoints of the issuer {issuer_raw}: tried {}; give token_url \
         (and the others) in the profile",
        tried.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_is_looked_for_in_both_places() {
        let urls = metadata_urls(&Url::parse("https://auth.example/tenant/").unwrap());
        assert_eq!(
            urls[0].as_str(),
            "https://auth.example/tenant/.well-known/openid-configuration"
        );
        assert_eq!(
            urls[1].as_str(),
            "https://auth.example/.well-known/oauth-authorization-server/tenant"
        );
        let root = metadata_urls(&Url::parse("https://auth.example").unwrap());
        assert_eq!(
            root[1].as_str(),
            "https://auth.example/.well-known/oauth-authorization-server"
        );
    }
}
