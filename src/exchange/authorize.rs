//! A profile's OAuth token on the request: got (or renewed) before the request is
//! prepared, and renewed once when the server refuses it (RFC 6750 §3.1) and the request
//! can be sent again.

use std::cell::{Cell, RefCell};

use anyhow::Result;
use reqwest::header::WWW_AUTHENTICATE;

use crate::http::{PreparedRequest, ResponseHead};
use crate::oauth;
use crate::output::{Console, Printer};
use crate::settings::{Auth, OAuthUse, Settings};
use crate::transport::Transport;
use crate::transport::limits::TimeLimits;

/// The OAuth client of the request's profile, and the token it sends.
pub struct OAuthSession {
    oauth: OAuthUse,
    token: RefCell<String>,
    /// A refused token is renewed once per run.
    renewed: Cell<bool>,
}

/// What a refusal of the token leads to.
pub enum Refused {
    /// The request again, with the renewed token.
    SendAgain(Box<PreparedRequest>),
    /// The token is renewed, but the body was streamed and is gone.
    Streamed,
}

/// The profile's `[auth] type = "oauth2"` made a bearer token. `--offline` and `--curl`
/// send nothing, so they show where the token would come from instead of getting one.
/// When only a person can log in and stderr is a terminal, the login runs first, as
/// `hit auth login` would; without one, the error names that command.
pub async fn authorize(
    settings: &mut Settings,
    shared: Option<&Transport>,
    limits: TimeLimits,
    printer: &mut Printer,
) -> Result<Option<OAuthSession>> {
    let Some(Auth::OAuth2(oauth)) = settings.request.auth.clone() else {
        return Ok(None);
    };
    if settings.learn.preview.is_some() {
        let stand_in = format!("$(hit auth token {})", oauth.profile);
        settings.request.auth = Some(Auth::Bearer(stand_in));
        return Ok(None);
    }
    let owned;
    let transport = match shared {
        Some(transport) => transport,
        None => {
            owned = Transport::new(&settings.transport)?;
            &owned
        }
    };
    let client = oauth::Client::new(
        &oauth.profile,
        &oauth.config,
        transport,
        Box::new(move || waits(limits)),
    )?;
    let token = if client.needs_login()? && Console::terminal().stderr {
        let say = &mut |line: &str| printer.note(line);
        client.login(&oauth::Browser::Open, say).await?.access_token
    } else {
        client.access_token().await?
    };
    settings.request.auth = Some(Auth::Bearer(token.clone()));
    Ok(Some(OAuthSession {
        oauth: *oauth,
        token: RefCell::new(token),
        renewed: Cell::new(false),
    }))
}

/// The run's limits, with a pause limit when none was given: an authorization server
/// that hangs ends in a line.
fn waits(mut limits: TimeLimits) -> TimeLimits {
    limits.idle = limits.idle.or(Some(oauth::DEFAULT_WAIT));
    limits
}

impl OAuthSession {
    /// `request` with the current token, when it went out with an older one (a retry of a
    /// request whose token was renewed meanwhile).
    pub fn current(&self, request: &mut PreparedRequest, first_token: &str) {
        let token = self.token.borrow();
        if *token != first_token
            && request.headers.get("authorization") == Some(&format!("Bearer {first_token}"))
        {
            request
                .headers
                .set("Authorization", format!("Bearer {token}"));
        }
    }

    /// After a 401 that refuses the token sent: the token renewed, once per run, and the
    /// request to send again.
    pub async fn refused(
        &self,
        transport: &Transport,
        limits: TimeLimits,
        request: &PreparedRequest,
        response: &ResponseHead,
    ) -> Result<Option<Refused>> {
        let sent = self.token.borrow().clone();
        let ours = request.headers.get("authorization") == Some(&format!("Bearer {sent}"));
        if response.status.as_u16() != 401 || !ours || self.renewed.get() {
            return Ok(None);
        }
        let config = &self.oauth.config;
        let waits = Box::new(move || waits(limits));
        let client = oauth::Client::new(&self.oauth.profile, config, transport, waits)?;
        let challenges = response.headers.get_all(WWW_AUTHENTICATE);
        let invalid = oauth::says_invalid_token(challenges.iter().filter_map(|v| v.to_str().ok()));
        if !invalid && !client.known_expired(&sent) {
            return Ok(None);
        }
        self.renewed.set(true);
        let token = client.replace(&sent).await?;
        *self.token.borrow_mut() = token.clone();
        if !request.body.is_replayable() {
            return Ok(Some(Refused::Streamed));
        }
        let mut again = request.clone();
        again
            .headers
            .set("Authorization", format!("Bearer {token}"));
        Ok(Some(Refused::SendAgain(Box::new(again))))
    }

    /// The token the request first went out with.
    pub fn token(&self) -> String {
        self.token.borrow().clone()
    }
}
