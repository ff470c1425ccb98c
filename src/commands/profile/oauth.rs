//! `hit profile add NAME --oauth FLOW …`: the `[auth] type = "oauth2"` it writes, checked
//! as a profile file is when read.

use anyhow::Result;

use super::command::warn_if_unset;
use crate::cli::OAuthArgs;
use crate::error::usage;
use crate::settings::store::model::{AuthConfig, AuthKind};
use crate::settings::store::oauth::check;

/// The OAuth configuration the options describe; `None` without `--oauth`.
pub fn config(args: &OAuthArgs) -> Result<Option<AuthConfig>> {
    let Some(flow) = &args.oauth else {
        return Ok(None);
    };
    let mut auth = AuthConfig {
        kind: AuthKind::OAuth2,
        flow: Some(flow.clone()),
        client_id: args.client_id.clone(),
        client_secret_env: args.client_secret_env.clone(),
        client_secret_cmd: args.client_secret_cmd.clone(),
        // `--scope "read write"` is two scopes, as the protocol writes them.
        scopes: (args.scopes.iter())
            .flat_map(|s| s.split_whitespace())
            .map(str::to_string)
            .collect(),
        audience: args.audience.clone(),
        resource: args.resource.clone(),
        issuer: args.issuer.clone(),
        token_url: args.token_url.clone(),
        authorization_url: args.authorization_url.clone(),
        device_authorization_url: args.device_authorization_url.clone(),
        revocation_url: args.revocation_url.clone(),
        redirect_port: args.redirect_port,
        refresh_token_env: args.refresh_token_env.clone(),
        refresh_token_cmd: args.refresh_token_cmd.clone(),
        ..AuthConfig::default()
    };
    for raw in &args.token_param {
        let (name, value) = raw
            .split_once('=')
            .filter(|(name, _)| !name.is_empty())
            .ok_or_else(|| usage(format!("bad --token-param '{raw}': expected NAME=VALUE")))?;
        auth.token_params
            .insert(name.to_string(), value.to_string());
    }
    // The same words as a profile file's mistakes, with the options' names.
    check(&auth).map_err(|why| usage(format!("--oauth: {}", option_names(&why))))?;
    for var in [&auth.client_secret_env, &auth.refresh_token_env]
        .into_iter()
        .flatten()
    {
        warn_if_unset(var);
    }
    Ok(Some(auth))
}

/// `[auth] token_url` as the option that sets it: `--token-url`.
fn option_names(message: &str) -> String {
    let mut said = message.replace("[auth] ", "");
    for key in [
        "device_authorization_url",
        "authorization_url",
        "token_url",
        "revocation_url",
        "client_id",
        "client_secret_env",
        "client_secret_cmd",
        "refresh_token_env",
        "refresh_token_cmd",
        "issuer",
    ] {
        said = said.replace(key, &format!("--{}", key.replace('_', "-")));
    }
    said.replace("token_params.", "--token-param ")
        .replace("flow is one of", "the flow is one of")
        .replace("scopes:", "--scope:")
}
