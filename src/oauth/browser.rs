//! The authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636 S256, always), for a
//! native app (RFC 8252): the browser is sent to the authorization endpoint, and comes
//! back to a listener on 127.0.0.1 that takes one callback and closes, within 5 minutes.
//! Without a browser, the address the browser was sent back to (or the code) is pasted.

use std::time::Duration;

use anyhow::{Result, anyhow};
use reqwest::Url;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::cache::Tokens;
use super::endpoints::Endpoints;
use super::token::Refusal;
use super::{Client, pkce};
use crate::http::shown;

/// How long the login waits for the browser to come back (or for a pasted answer).
const LOGIN_LIMIT: Duration = Duration::from_secs(300);

/// The most of a callback request read.
const REQUEST_LIMIT: usize = 16 * 1024;

/// How the person reaches the authorization endpoint.
pub enum Browser {
    /// `$BROWSER`, else the platform's opener.
    Open,
    /// `--no-browser`: the URL is printed, the redirect URL or the code read from stdin.
    Paste,
}

/// What came back: the code, and the `state` it came with (`None` for a bare pasted code).
struct Callback {
    code: String,
    state: Option<String>,
    /// The issuer the response says it comes from (RFC 9207), when it says.
    iss: Option<String>,
}

pub(super) async fn log_in(
    client: &Client<'_>,
    endpoints: &Endpoints,
    browser: &Browser,
    say: &mut dyn FnMut(&str),
) -> Result<Tokens> {
    let authorization = endpoints.authorization.as_ref().ok_or_else(|| {
        anyhow!(
            "profile '{}': the authorization server has no authorization endpoint; give \
             authorization_url",
            client.profile
        )
    })?;
    let port = client.config.redirect_port.unwrap_or(0);
    // RFC 8252 §7.3: the loopback IP literal, never `localhost`, and only on loopback.
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|err| anyhow!("cannot listen on 127.0.0.1:{port} for the redirect: {err}"))?;
    let port = listener.local_addr()?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let verifier = pkce::random(32)?;
    let state = pkce::random(16)?;
    let url = authorization_url(client, authorization, &redirect_uri, &state, &verifier);
    let callback = match browser {
        Browser::Open => {
            match open(&url) {
                Ok(opener) => say(&format!(
                    "opened {opener} at the authorization page; if nothing shows, open: {url}"
                )),
                Err(why) => say(&format!("cannot open a browser ({why}); open: {url}")),
            }
            say(&format!(
                "waiting for the browser to come back to {redirect_uri} (5 minutes at most)"
            ));
            wait(listener, redirect_uri.clone(), &state).await?
        }
        Browser::Paste => {
            say(&format!("open this URL in a browser: {url}"));
            say("then paste the address the browser was sent back to (or the code):");
            tokio::select! {
                pasted = pasted() => pasted?,
                called = wait(listener, redirect_uri.clone(), &state) => called?,
            }
        }
    };
    if let Some(came) = &callback.state
        && *came != state
    {
        return Err(anyhow!(
            "the redirect's state does not match the one hit sent: refused (a stale tab, or a \
             redirect hit did not ask for); run 'hit auth login {}' again",
            client.profile
        ));
    }
    // RFC 9207 §2.4: a response from another issuer than the one asked is a mix-up.
    if let (Some(came), Some(issuer)) = (&callback.iss, &client.config.issuer)
        && came.trim_end_matches('/') != issuer.trim_end_matches('/')
    {
        return Err(anyhow!(
            "the redirect says it comes from the issuer '{came}', not '{issuer}': refused"
        ));
    }
    let grant = [
        ("grant_type", "authorization_code"),
        ("code", callback.code.as_str()),
        ("redirect_uri", redirect_uri.as_str()),
        ("code_verifier", verifier.as_str()),
    ];
    client.token_request(endpoints, &grant).await
}

/// The authorization request (RFC 6749 §4.1.1) with its PKCE challenge (RFC 7636 §4.3).
fn authorization_url(
    client: &Client<'_>,
    authorization: &Url,
    redirect_uri: &str,
    state: &str,
    verifier: &str,
) -> Url {
    let mut url = authorization.clone();
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("response_type", "code")
            .append_pair(
                "client_id",
                client.config.client_id.as_deref().unwrap_or_default(),
            )
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("state", state)
            .append_pair("code_challenge", &pkce::challenge(verifier))
            .append_pair("code_challenge_method", "S256");
        if let Some(scope) = client.scope() {
            query.append_pair("scope", &scope);
        }
        for (name, value) in [
            ("audience", &client.config.audience),
            ("resource", &client.config.resource),
        ] {
            if let Some(value) = value {
                query.append_pair(name, value);
            }
        }
    }
    url
}

/// Opens the URL with `$BROWSER` (run by the shell, the URL as its argument), else
/// `xdg-open` (`open` on macOS). Returns what opened it.
fn open(url: &Url) -> Result<String, String> {
    let mut command = match std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(browser) => {
            let mut command = std::process::Command::new("sh");
            command
                .arg("-c")
                .arg(format!("{browser} \"$1\""))
                .arg("hit")
                .arg(url.as_str());
            command
        }
        None if cfg!(target_os = "macos") => {
            let mut command = std::process::Command::new("open");
            command.arg(url.as_str());
            command
        }
        None => {
            let mut command = std::process::Command::new("xdg-open");
            command.arg(url.as_str());
            command
        }
    };
    let name = command.get_program().to_string_lossy().into_owned();
    let name = if name == "sh" {
        "$BROWSER".to_string()
    } else {
        name
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| format!("the browser ({name})"))
        .map_err(|err| format!("{name}: {err}"))
}

/// The first line of stdin: a redirect URL (`http://127.0.0.1:…/callback?code=…&state=…`)
/// or a bare code. Read on its own thread, which the end of the process ends.
async fn pasted() -> Result<Callback> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = std::io::stdin().read_line(&mut line).map(|_| line);
        let _ = sender.send(read);
    });
    let line = tokio::time::timeout(LOGIN_LIMIT, receiver)
        .await
        .map_err(|_| anyhow!("nothing was pasted within 5 minutes; the login is abandoned"))?
        .map_err(|_| anyhow!("cannot read stdin"))?
        .map_err(|err| anyhow!("cannot read stdin: {err}"))?;
    let line = line.trim();
    if line.is_empty() {
        return Err(anyhow!("nothing was pasted; the login is abandoned"));
    }
    match Url::parse(line) {
        Ok(url) => from_query(&url),
        Err(_) if line.chars().all(|c| c.is_ascii_graphic()) => Ok(Callback {
            code: line.to_string(),
            state: None,
            iss: None,
        }),
        Err(_) => Err(anyhow!(
            "what was pasted is neither the redirect's address nor a code"
        )),
    }
}

/// The code and state of a redirect (RFC 6749 §4.1.2), or the error it carries (§4.1.2.1).
fn from_query(url: &Url) -> Result<Callback> {
    let get = |name: &str| {
        url.query_pairs()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.into_owned())
    };
    if let Some(code) = get("error") {
        return Err(Refusal {
            what: "the authorization server".to_string(),
            code,
            description: get("error_description"),
            uri: get("error_uri"),
        }
        .into());
    }
    let code = get("code").filter(|c| !c.is_empty()).ok_or_else(|| {
        anyhow!(
            "the redirect carries no code: {}",
            shown(url).split('?').next().unwrap_or_default()
        )
    })?;
    Ok(Callback {
        code,
        state: Some(get("state").unwrap_or_default()),
        iss: get("iss"),
    })
}

/// Waits for the browser's request to `/callback`, answers it with a page saying the tab
/// can be closed (and whether its `state` was the one sent), and closes the listener: a second callback finds nobody. Requests for
/// other paths (a favicon) are answered 404 and waited past.
async fn wait(listener: TcpListener, redirect_uri: String, state: &str) -> Result<Callback> {
    let deadline = tokio::time::Instant::now() + LOGIN_LIMIT;
    loop {
        let accepted = tokio::time::timeout_at(deadline, listener.accept())
            .await
            .map_err(|_| {
                anyhow!("the browser did not come back within 5 minutes; the login is abandoned")
            })?;
        let Ok((mut stream, _)) = accepted else {
            continue;
        };
        let Ok(Ok(target)) =
            tokio::time::timeout(Duration::from_secs(10), request_target(&mut stream)).await
        else {
            continue;
        };
        let Ok(url) = Url::parse(&redirect_uri).and_then(|base| base.join(&target)) else {
            continue;
        };
        if url.path() != "/callback" {
            let _ = respond(&mut stream, "404 Not Found", "Not the OAuth callback.").await;
            continue;
        }
        let callback = from_query(&url);
        let page = match &callback {
            Ok(came) if came.state.as_deref() != Some(state) => {
                "hit refused this answer: its state is not the one hit sent. You can close this tab."
            }
            Ok(_) => "hit received the authorization. You can close this tab.",
            Err(_) => {
                "hit did not get an authorization code (see the terminal). You can close this tab."
            }
        };
        let _ = respond(&mut stream, "200 OK", page).await;
        return callback;
    }
}

/// The request target of an HTTP/1 request: `/callback?code=…`.
async fn request_target(stream: &mut tokio::net::TcpStream) -> Result<String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < REQUEST_LIMIT {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let text = String::from_utf8_lossy(&head);
    let line = text.lines().next().unwrap_or_default();
    let mut words = line.split(' ');
    match (words.next(), words.next()) {
        (Some("GET"), Some(target)) => Ok(target.to_string()),
        _ => Err(anyhow!("not a GET request")),
    }
}

async fn respond(stream: &mut tokio::net::TcpStream, status: &str, text: &str) -> Result<()> {
    let body = format!(
        "<!doctype html><meta charset=utf-8><title>hit</title><p style=\"font: 1.2em \
         sans-serif; margin: 3em\">{text}</p>\n"
    );
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \
         {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_are_read() {
        let url =
            Url::parse("http://127.0.0.1:1/callback?code=C&state=S&iss=https%3A%2F%2Fa").unwrap();
        let callback = from_query(&url).unwrap();
        assert_eq!(
            (callback.code.as_str(), callback.state.as_deref()),
            ("C", Some("S"))
        );
        assert_eq!(callback.iss.as_deref(), Some("https://a"));
        let denied = Url::parse("http://127.0.0.1:1/callback?error=access_denied&state=S").unwrap();
        let err = from_query(&denied).err().unwrap().to_string();
        assert_eq!(err, "the authorization server refused: access_denied");
        let empty = Url::parse("http://127.0.0.1:1/callback?state=S").unwrap();
        assert!(from_query(&empty).is_err());
    }
}
