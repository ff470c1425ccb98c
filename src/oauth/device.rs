//! The device authorization grant (RFC 8628): hit shows a code to type on another
//! device, and polls the token endpoint until the person approves, honouring `interval`
//! and `slow_down`.

use std::time::Duration;

use anyhow::{Result, anyhow};

use super::Client;
use super::cache::Tokens;
use super::endpoints::Endpoints;
use super::token::{self, Refusal};
use crate::http::shown;

/// RFC 8628 §3.2: the interval when the server gives none.
const DEFAULT_INTERVAL: u64 = 5;

/// What to do after a poll the server answered with an error (RFC 8628 §3.5).
#[derive(Debug, PartialEq, Eq)]
enum Poll {
    /// Ask again after this many seconds.
    Wait(u64),
    /// Give up, saying why.
    Stop(String),
}

fn after(interval: u64, code: &str) -> Poll {
    match code {
        "authorization_pending" => Poll::Wait(interval),
        // §3.5: the interval grows by 5 seconds for this and every later poll.
        "slow_down" => Poll::Wait(interval + 5),
        "access_denied" => Poll::Stop("the authorization was denied (access_denied)".into()),
        "expired_token" => Poll::Stop(
            "the device code expired before it was approved (expired_token); run hit auth \
             login again"
                .into(),
        ),
        _ => Poll::Stop(String::new()),
    }
}

pub(super) async fn log_in(
    client: &Client<'_>,
    endpoints: &Endpoints,
    say: &mut dyn FnMut(&str),
) -> Result<Tokens> {
    let url = endpoints.device_authorization.as_ref().ok_or_else(|| {
        anyhow!(
            "profile '{}': the authorization server has no device authorization endpoint; \
             give device_authorization_url",
            client.profile
        )
    })?;
    let what = format!("the device authorization endpoint {}", shown(url));
    let scope = client.scope();
    let mut grant = Vec::new();
    if let Some(scope) = &scope {
        grant.push(("scope", scope.as_str()));
    }
    let form = client.form(&grant);
    let auth = client.client_auth()?;
    let answer = token::post(client.transport, (client.limits)(), url, &form, &auth).await?;
    if !answer.status.is_success() {
        return Err(answer.refusal(&what));
    }
    let (Some(device_code), Some(user_code)) =
        (answer.text("device_code"), answer.text("user_code"))
    else {
        return Err(anyhow!(
            "{what} answered without a device_code and user_code"
        ));
    };
    // Some servers (Google) say verification_url.
    let verification = answer
        .text("verification_uri")
        .or_else(|| answer.text("verification_url"))
        .ok_or_else(|| anyhow!("{what} answered without a verification_uri"))?;
    say(&format!(
        "open {verification} and enter the code {user_code}"
    ));
    if let Some(complete) = answer.text("verification_uri_complete") {
        say(&format!("(or open {complete}, which carries the code)"));
    }
    let expires_in = answer.seconds("expires_in").unwrap_or(600).max(1) as u64;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(expires_in);
    let mut interval = answer
        .seconds("interval")
        // At least a second: a server saying 0 is not asking to be polled without pause.
        .map_or(DEFAULT_INTERVAL, |s| s.max(1) as u64);
    say("waiting for the approval…");
    let grant = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ("device_code", device_code.as_str()),
    ];
    loop {
        tokio::time::sleep(Duration::from_secs(interval)).await;
        if tokio::time::Instant::now() >= deadline {
            return Err(anyhow!(
                "the device code expired before it was approved; run hit auth login again"
            ));
        }
        match client.token_request(endpoints, &grant).await {
            Ok(tokens) => return Ok(tokens),
            Err(err) => {
                let Some(refusal) = err.downcast_ref::<Refusal>() else {
                    return Err(err);
                };
                match after(interval, &refusal.code) {
                    Poll::Wait(next) => interval = next,
                    Poll::Stop(why) if why.is_empty() => return Err(err),
                    Poll::Stop(why) => return Err(anyhow!("{why}")),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_follow_rfc_8628() {
        assert_eq!(after(5, "authorization_pending"), Poll::Wait(5));
        assert_eq!(after(5, "slow_down"), Poll::Wait(10));
        assert_eq!(after(10, "slow_down"), Poll::Wait(15));
        assert!(matches!(after(5, "access_denied"), Poll::Stop(why) if why.contains("denied")));
        assert!(matches!(after(5, "expired_token"), Poll::Stop(why) if why.contains("expired")));
        assert_eq!(after(5, "invalid_client"), Poll::Stop(String::new()));
    }
}
