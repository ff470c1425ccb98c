//! `hit auth login|status|token|logout`: a profile's OAuth tokens, got with a person where
//! the flow needs one. `hit auth token` is the one command that shows a token.

use anyhow::Result;

use crate::cli::{AuthAction, AuthCommandArgs, AuthProfile};
use crate::oauth::{self, Browser, Client};
use crate::output::Console;
use crate::settings;
use crate::transport::Transport;
use crate::transport::limits::TimeLimits;

/// The command definition, for completions and the man page.
pub fn command() -> clap::Command {
    <AuthCommandArgs as clap::CommandFactory>::command().name("auth")
}

pub fn run(args: AuthCommandArgs) -> Result<()> {
    match args.action {
        AuthAction::Login {
            profile,
            no_browser,
        } => {
            let browser = if no_browser {
                Browser::Paste
            } else {
                Browser::Open
            };
            login(&profile, &browser)
        }
        AuthAction::Status { profile } => {
            let (config, _) = settings::oauth_profile(&profile)?;
            let text = oauth::status(&profile.name, &config)?;
            Console::plain().print(text.as_bytes())
        }
        AuthAction::Token { profile } => {
            let token = with_client(&profile, async |client| client.access_token().await)?;
            Console::plain().print(format!("{token}\n").as_bytes())
        }
        AuthAction::Logout { profile } => {
            let said = with_client(&profile, async |client| client.logout().await)?;
            for line in said {
                say(&line);
            }
            Ok(())
        }
    }
}

fn login(profile: &AuthProfile, browser: &Browser) -> Result<()> {
    let tokens = with_client(profile, async |client| {
        client.login(browser, &mut |line: &str| say(line)).await
    })?;
    let expiry = match tokens.expires_at {
        Some(at) => {
            let left = at.saturating_sub(jiff::Timestamp::now().as_second()).max(0) as u64;
            format!(
                "valid for {}",
                crate::http::duration::human(std::time::Duration::from_secs(left))
            )
        }
        None => "with no expiry given".to_string(),
    };
    let refresh = if tokens.refresh_token.is_some() {
        "a refresh token is held"
    } else {
        "no refresh token"
    };
    say(&format!(
        "logged in for profile '{}': an access token {expiry}, {refresh} (hit auth status {} \
         shows more)",
        profile.name, profile.name
    ));
    Ok(())
}

/// Runs `work` with the profile's OAuth client on a runtime, until it ends or Ctrl-C.
fn with_client<T>(
    profile: &AuthProfile,
    work: impl AsyncFnOnce(&Client<'_>) -> Result<T>,
) -> Result<T> {
    let (config, transport_settings) = settings::oauth_profile(profile)?;
    let transport = Transport::new(&transport_settings)?;
    // -m and --timeout count for each answer: the time a person takes in the browser is not
    // the server's.
    let max_time = transport_settings.max_time;
    let idle = transport_settings
        .idle_timeout
        .or(Some(oauth::DEFAULT_WAIT));
    let limits = Box::new(move || TimeLimits::starting_now(max_time, idle));
    let client = Client::new(&profile.name, &config, &transport, limits)?;
    match super::runtime::until_interrupted(work(&client))? {
        Some(result) => result,
        None => Err(crate::error::HitError::Interrupted.into()),
    }
}

/// `hit: MESSAGE` (or `hit: warning: …`) on stderr.
fn say(line: &str) {
    Console::plain().line(&format!("hit: {line}"));
}
