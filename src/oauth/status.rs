//! `hit auth status`: what is held for a profile, never a token itself.

use anyhow::Result;
use base64::Engine;

use super::cache::{Cache, Key};
use super::now;
use crate::http::duration::human;
use crate::settings::store::AuthConfig;

/// The lines of `hit auth status` for `profile`.
pub fn status(profile: &str, config: &AuthConfig) -> Result<String> {
    let cache = Cache::of(profile)?;
    let entry = cache.read()?;
    let key = Key::of(config);
    let mut lines = vec![
        ("profile", profile.to_string()),
        ("flow", config.flow().name().to_string()),
        ("client", config.client_id.clone().unwrap_or_default()),
        (
            if config.issuer.is_some() {
                "issuer"
            } else {
                "token endpoint"
            },
            key.server.clone(),
        ),
        (
            "scopes",
            if config.scopes.is_empty() {
                "(none asked for)".to_string()
            } else {
                config.scopes.join(" ")
            },
        ),
    ];
    match entry.tokens_for(&key) {
        Some(tokens) => {
            let now = now();
            let expiry = match tokens.expires_at {
                None => "held, with no expiry given".to_string(),
                Some(at) if at > now => format!(
                    "valid for {} (until {})",
                    human(std::time::Duration::from_secs((at - now) as u64)),
                    timestamp(at)
                ),
                Some(at) => format!(
                    "expired {} ago (at {}); the next request renews it",
                    human(std::time::Duration::from_secs((now - at) as u64)),
                    timestamp(at)
                ),
            };
            lines.push(("access token", expiry));
            if let Some(granted) = &tokens.scope {
                lines.push(("granted scopes", granted.clone()));
            }
            let refresh = if tokens.refresh_token.is_some() {
                "held"
            } else {
                "none"
            };
            lines.push(("refresh token", refresh.to_string()));
            if let Some(claims) = tokens.id_token.as_deref().and_then(claims) {
                lines.push(("id token", format!("claims (unverified): {claims}")));
            }
        }
        None => {
            let why = if entry.tokens.is_some() {
                " (the profile's server, client or scopes changed since the last login)"
            } else {
                ""
            };
            lines.push((
                "access token",
                format!("none{why}; hit auth login {profile} gets one"),
            ));
        }
    }
    lines.push(("cache", cache.path().display().to_string()));
    let width = lines.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    Ok(lines
        .iter()
        .map(|(name, value)| format!("{name:width$}  {value}\n"))
        .collect())
}

/// RFC 3339 in UTC.
fn timestamp(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds).map_or_else(|_| seconds.to_string(), |t| t.to_string())
}

/// A few claims of an ID token's payload, read without checking its signature: shown as
/// unverified, and never used to authorize anything.
fn claims(id_token: &str) -> Option<String> {
    let payload = id_token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let json: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&bytes).ok()?;
    let shown: Vec<String> = ["iss", "sub", "name", "email"]
        .iter()
        .filter_map(|name| Some(format!("{name}={}", json.get(*name)?.as_str()?)))
        .collect();
    (!shown.is_empty()).then(|| shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_token_claims_are_read_without_verifying() {
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(r#"{"sub":"alice","email":"a@example.com","aud":"x"}"#);
        let token = format!("e30.{payload}.sig");
        assert_eq!(
            claims(&token).as_deref(),
            Some("sub=alice, email=a@example.com")
        );
        assert_eq!(claims("not a jwt"), None);
    }
}
