//! `hit auth login` with a person in the loop: the authorization code flow with PKCE
//! driven by the test (`--no-browser`, and `$BROWSER` pointed at a program that follows
//! the redirect), a wrong `state`, a denied consent, the device flow, discovery, logout
//! with revocation, and a refresh token given for CI.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use base64::Engine;

use crate::oauth::{OAuth, api, field, form, now, token_reply};
use crate::support::{Recorded, Reply, Server, collect};

/// S256 of a verifier (RFC 7636 §4.2), as the authorization server checks it.
fn s256(verifier: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

fn query(url: &str, name: &str) -> Option<String> {
    let url = url::Url::parse(url).unwrap();
    url.query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

/// A plain GET, as a browser would make it; returns the status and the Location.
pub(crate) fn visit(url: &str) -> (u16, Option<String>) {
    let url = url::Url::parse(url).unwrap();
    let address = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let target = &url[url::Position::BeforePath..];
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        url.authority()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let location = response
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .map(str::to_string);
    (status, location)
}

/// An authorization server for the code flow: `/authorize` redirects at once (as
/// `?auto=approve` would), remembering the challenge; `/token` gives a token only for the
/// code it issued and a verifier that matches the challenge. It also notes whether the
/// redirect's listener still took connections when the code came to be exchanged.
fn code_server() -> (Server, Arc<Mutex<Option<bool>>>) {
    let challenge: Arc<Mutex<Option<String>>> = Arc::default();
    let kept = challenge.clone();
    let listening: Arc<Mutex<Option<bool>>> = Arc::default();
    let noted = listening.clone();
    let server = Server::start(move |r: &Recorded| {
        let url = format!("http://x{}", r.target);
        match r.target.split('?').next().unwrap() {
            "/authorize" => {
                *kept.lock().unwrap() = query(&url, "code_challenge");
                let redirect = query(&url, "redirect_uri").unwrap();
                let state = query(&url, "state").unwrap();
                Reply::new(302).header("Location", &format!("{redirect}?code=CODE-1&state={state}"))
            }
            "/token" => {
                let redirect = field(r, "redirect_uri").unwrap_or_default();
                let address = redirect
                    .trim_start_matches("http://")
                    .split('/')
                    .next()
                    .unwrap();
                *noted.lock().unwrap() = Some(std::net::TcpStream::connect(address).is_ok());
                let verifier = field(r, "code_verifier").unwrap_or_default();
                let expected = kept.lock().unwrap().clone().unwrap_or_default();
                if field(r, "code").as_deref() == Some("CODE-1") && s256(&verifier) == expected {
                    token_reply("T1", Some("R1"), 3600)
                } else {
                    Reply::json(400, r#"{"error":"invalid_grant"}"#)
                }
            }
            "/revoke" => Reply::new(200),
            _ => api(r, &["T1"]),
        }
    });
    (server, listening)
}

fn code_profile(oauth: &OAuth, server: &Server) {
    let (token, authorize, revoke) = (
        server.url("/token"),
        server.url("/authorize"),
        server.url("/revoke"),
    );
    oauth.profile(
        server,
        &[
            "--oauth",
            "authorization_code",
            "--client-id",
            "cli",
            "--token-url",
            &token,
            "--authorization-url",
            &authorize,
            "--revocation-url",
            &revoke,
            "--scope",
            "read",
        ],
    );
}

/// A login under way, its stderr read past the URL it printed.
struct Login {
    child: std::process::Child,
    url: String,
    rest: std::thread::JoinHandle<String>,
}

impl Login {
    /// Pastes `line` and waits for hit to end: its exit code and the rest of stderr.
    fn paste(mut self, line: &str) -> (i32, String) {
        writeln!(self.child.stdin.take().unwrap(), "{line}").unwrap();
        let run = collect(self.child);
        (run.code, self.rest.join().unwrap())
    }
}

/// Starts `hit auth login api --no-browser` and reads stderr up to the URL it prints.
fn start_paste_login(oauth: &OAuth) -> Login {
    let mut command = oauth
        .hit(&["auth", "login", "api", "--no-browser"])
        .command();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let url = loop {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "hit ended before printing the URL"
        );
        if let Some(url) = line
            .trim()
            .strip_prefix("hit: open this URL in a browser: ")
        {
            break url.to_string();
        }
    };
    let rest = std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = stderr.read_to_string(&mut rest);
        rest
    });
    Login { child, url, rest }
}

#[test]
fn authorization_code_with_pkce_pasting_the_redirect() {
    let oauth = OAuth::new();
    let (server, _) = code_server();
    code_profile(&oauth, &server);
    let login = start_paste_login(&oauth);
    let url = login.url.clone();
    assert_eq!(query(&url, "response_type").as_deref(), Some("code"));
    assert_eq!(
        query(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(query(&url, "client_id").as_deref(), Some("cli"));
    assert_eq!(query(&url, "scope").as_deref(), Some("read"));
    assert_eq!(query(&url, "state").map(|s| s.len()), Some(22));
    let redirect_uri = query(&url, "redirect_uri").unwrap();
    assert!(redirect_uri.starts_with("http://127.0.0.1:") && redirect_uri.ends_with("/callback"));
    let (status, location) = visit(&url);
    assert_eq!(status, 302);
    let (code, stderr) = login.paste(&location.unwrap());
    assert_eq!(code, 0, "{stderr}");

    let requests = server.requests();
    let token = requests.iter().find(|r| r.target == "/token").unwrap();
    let verifier = field(token, "code_verifier").unwrap();
    assert!((43..=128).contains(&verifier.len()), "{verifier}");
    assert_eq!(field(token, "redirect_uri"), Some(redirect_uri));
    assert_eq!(
        field(token, "client_id").as_deref(),
        Some("cli"),
        "a public client names itself"
    );
    assert_eq!(token.header("authorization"), None);
    assert_eq!(oauth.cache()["tokens"]["access_token"], "T1");

    let request = oauth.ok(&["-P", "api", "/me"]);
    assert_eq!(request.stdout(), r#"{"ok":true}"#);
    let status = oauth.ok(&["auth", "status", "api"]).stdout();
    assert!(status.contains("refresh token   held\n"), "{status}");
    assert!(!status.contains("T1") && !status.contains("R1"), "{status}");
}

#[test]
fn authorization_code_through_the_browser_and_the_loopback_callback() {
    let oauth = OAuth::new();
    let (server, listening) = code_server();
    code_profile(&oauth, &server);
    // The "browser" is hit itself, following the redirect back to the loopback listener.
    let browser = format!("'{}' -L -q", env!("CARGO_BIN_EXE_hit"));
    let run = oauth
        .hit(&["auth", "login", "api"])
        .env("BROWSER", &browser)
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr
            .contains("hit: opened the browser ($BROWSER) at the authorization page"),
        "{run:#?}"
    );
    let last = run.stderr.lines().last().unwrap();
    assert!(last.starts_with("hit: logged in for profile 'api': an access token valid for "));
    assert!(last.ends_with(", a refresh token is held (hit auth status api shows more)"));
    assert_eq!(oauth.cache()["tokens"]["access_token"], "T1");
    // The listener took one callback and closed: a second one, while hit went on to
    // exchange the code, found nobody.
    assert_eq!(*listening.lock().unwrap(), Some(false));
}

#[test]
fn a_redirect_with_another_state_is_refused() {
    let oauth = OAuth::new();
    let (server, _) = code_server();
    code_profile(&oauth, &server);
    let login = start_paste_login(&oauth);
    let (_, location) = visit(&login.url);
    let forged = location.unwrap().replace("state=", "state=x");
    let (code, stderr) = login.paste(&forged);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        "hit: then paste the address the browser was sent back to (or the code):\n\
         hit: error: the redirect's state does not match the one hit sent: refused (a stale \
         tab, or a redirect hit did not ask for); run 'hit auth login api' again\n"
    );
    assert!(
        !server.requests().iter().any(|r| r.target == "/token"),
        "the code is not used"
    );
    assert!(!oauth.cache_path().exists());
}

#[test]
fn a_denied_consent_is_one_line() {
    let oauth = OAuth::new();
    let (server, _) = code_server();
    code_profile(&oauth, &server);
    let login = start_paste_login(&oauth);
    let redirect = query(&login.url, "redirect_uri").unwrap();
    let state = query(&login.url, "state").unwrap();
    let denied =
        format!("{redirect}?error=access_denied&error_description=The+user+said+no&state={state}");
    let (code, stderr) = login.paste(&denied);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        "hit: then paste the address the browser was sent back to (or the code):\n\
         hit: error: the authorization server refused: access_denied (The user said no)\n"
    );
    assert!(!oauth.cache_path().exists());
}

#[test]
fn the_device_flow_polls_until_approved() {
    let oauth = OAuth::new();
    let polls = Arc::new(Mutex::new(0));
    let counted = polls.clone();
    let server = Server::start(move |r: &Recorded| match r.target.as_str() {
        "/device" => Reply::json(
            200,
            r#"{"device_code":"DEVICE-SECRET","user_code":"WDJB-MJHT","verification_uri":"https://auth.example/device","verification_uri_complete":"https://auth.example/device?user_code=WDJB-MJHT","expires_in":60,"interval":1}"#,
        ),
        "/token" => {
            let mut n = counted.lock().unwrap();
            *n += 1;
            if *n == 1 {
                Reply::json(400, r#"{"error":"authorization_pending"}"#)
            } else {
                token_reply("T1", None, 3600)
            }
        }
        _ => api(r, &["T1"]),
    });
    let (device, token) = (server.url("/device"), server.url("/token"));
    oauth.profile(
        &server,
        &[
            "--oauth",
            "device_code",
            "--client-id",
            "tv",
            "--device-authorization-url",
            &device,
            "--token-url",
            &token,
            "--scope",
            "read",
        ],
    );
    let run = oauth.ok(&["auth", "login", "api"]);
    assert!(
        run.stderr.starts_with(
            "hit: open https://auth.example/device and enter the code WDJB-MJHT\n\
         hit: (or open https://auth.example/device?user_code=WDJB-MJHT, which carries the code)\n"
        ),
        "{run:#?}"
    );
    assert!(!run.stderr.contains("DEVICE-SECRET"));
    assert_eq!(*polls.lock().unwrap(), 2);
    let requests = server.requests();
    assert_eq!(field(&requests[0], "client_id").as_deref(), Some("tv"));
    assert_eq!(field(&requests[0], "scope").as_deref(), Some("read"));
    let poll = &requests[1];
    assert_eq!(
        form(poll)[..2],
        [
            (
                "grant_type".to_string(),
                "urn:ietf:params:oauth:grant-type:device_code".to_string()
            ),
            ("device_code".to_string(), "DEVICE-SECRET".to_string()),
        ]
    );
    oauth.ok(&["-P", "api", "/me"]);
}

#[test]
fn logout_revokes_and_forgets() {
    let oauth = OAuth::new();
    let (server, _) = code_server();
    code_profile(&oauth, &server);
    oauth.seed(&server, "T1", "R1", now() + 3600);
    let run = oauth.ok(&["auth", "logout", "api"]);
    let revoke = server.url("/revoke");
    assert_eq!(
        run.stderr,
        format!(
            "hit: revoked the refresh token and access token at {revoke}\nhit: forgot the \
             tokens of profile 'api'\n"
        )
    );
    let revocations: Vec<_> = server
        .requests()
        .iter()
        .map(|r| {
            (
                field(r, "token").unwrap(),
                field(r, "token_type_hint").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        revocations,
        [
            ("R1".into(), "refresh_token".into()),
            ("T1".into(), "access_token".into())
        ]
    );
    assert!(oauth.cache().get("tokens").is_none());
    let status = oauth.ok(&["auth", "status", "api"]).stdout();
    assert!(
        status.contains("access token    none; hit auth login api gets one"),
        "{status}"
    );
}

#[test]
fn endpoints_are_discovered_from_the_issuer_once() {
    let oauth = OAuth::new();
    let issuer: Arc<Mutex<String>> = Arc::default();
    let said = issuer.clone();
    let server = Server::start(move |r: &Recorded| match r.target.as_str() {
        // No OpenID Connect document: RFC 8414's is used.
        "/.well-known/oauth-authorization-server" => {
            let issuer = said.lock().unwrap().clone();
            Reply::json(
                200,
                &serde_json::json!({"issuer": issuer, "token_endpoint": format!("{issuer}/token")})
                    .to_string(),
            )
        }
        "/token" => token_reply("T1", None, 3600),
        "/me" => api(r, &["T1"]),
        _ => Reply::new(404),
    });
    let base = server.url("/");
    *issuer.lock().unwrap() = base.trim_end_matches('/').to_string();
    let issuer_url = issuer.lock().unwrap().clone();
    oauth.profile(
        &server,
        &[
            "--oauth",
            "client_credentials",
            "--client-id",
            "cli",
            "--issuer",
            &issuer_url,
        ],
    );
    oauth.ok(&["-P", "api", "/me"]);
    oauth.ok(&["auth", "logout", "api"]);
    oauth.ok(&["-P", "api", "/me"]);
    let paths: Vec<_> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        paths,
        [
            "/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server",
            "/token",
            "/me",
            "/token",
            "/me",
        ]
    );
}

#[test]
fn a_refresh_token_given_for_ci_is_used_and_its_rotation_kept() {
    let oauth = OAuth::new();
    let server = Server::start(|r: &Recorded| match r.target.as_str() {
        "/token" => match field(r, "refresh_token").as_deref() {
            Some("R0") => token_reply("T1", Some("R1"), 3600),
            _ => Reply::json(400, r#"{"error":"invalid_grant"}"#),
        },
        _ => api(r, &["T1"]),
    });
    let token = server.url("/token");
    oauth.profile(
        &server,
        &[
            "--oauth",
            "refresh_token",
            "--client-id",
            "ci",
            "--token-url",
            &token,
            "--refresh-token-env",
            "CI_REFRESH",
        ],
    );
    let run = oauth
        .hit(&["-P", "api", "/me"])
        .env("CI_REFRESH", "R0")
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(oauth.cache()["tokens"]["refresh_token"], "R1");
    assert!(!run.stderr.contains("R0"));
}

#[test]
fn a_callback_with_another_state_is_refused_at_the_listener() {
    let oauth = OAuth::new();
    let (server, _) = code_server();
    code_profile(&oauth, &server);
    let login = start_paste_login(&oauth);
    let redirect = query(&login.url, "redirect_uri").unwrap();
    // Something other than the browser calls the listener first.
    let (status, _) = visit(&format!("{redirect}?code=CODE-1&state=forged"));
    assert_eq!(status, 200);
    let run = collect(login.child);
    assert_eq!(run.code, 1, "{run:#?}");
    let rest = login.rest.join().unwrap();
    assert!(
        rest.ends_with("hit: error: the redirect's state does not match the one hit sent: refused (a stale tab, or a redirect hit did not ask for); run 'hit auth login api' again\n"),
        "{rest}"
    );
    assert!(!server.requests().iter().any(|r| r.target == "/token"));
}

#[test]
fn a_request_on_a_terminal_logs_in_first_and_without_one_names_the_command() {
    let oauth = OAuth::new();
    let (server, _) = code_server();
    code_profile(&oauth, &server);
    let browser = format!("'{}' -L -q", env!("CARGO_BIN_EXE_hit"));
    // No terminal: exit 2, naming the command, nothing sent.
    let run = oauth
        .hit(&["-P", "api", "/me"])
        .env("BROWSER", &browser)
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("run 'hit auth login api' where a browser is available")
    );
    assert!(server.requests().is_empty());
    // On a terminal: the browser opens, and the request goes with the token it brought.
    let run = oauth
        .hit(&["-P", "api", "/me"])
        .env("BROWSER", &browser)
        .run_with_stderr_terminal();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout(), r#"{"ok":true}"#);
    assert!(
        run.stderr.contains("hit: opened the browser ($BROWSER)"),
        "{run:#?}"
    );
    let me = server
        .requests()
        .into_iter()
        .find(|r| r.target == "/me")
        .unwrap();
    assert_eq!(me.header("authorization"), Some("Bearer T1"));
}
