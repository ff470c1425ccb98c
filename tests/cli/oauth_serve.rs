//! The OAuth client against `hit serve`'s practice authorization server, a separate
//! process found by discovery: each flow end to end, refresh with rotation, the renewal
//! after a refused token, and logout with revocation.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::oauth::OAuth;
use crate::oauth_login::visit;
use crate::support::{Practice, collect};

/// `hit profile add api` for the practice server at `practice`, by `flow`, found from its
/// issuer; the confidential practice client unless `public`.
fn practice_profile(oauth: &OAuth, practice: &Practice, flow: &str, extra: &[&str]) {
    let issuer = format!("http://127.0.0.1:{}", practice.port);
    let base = format!("{issuer}/");
    let mut args = vec![
        "profile",
        "add",
        "api",
        "--force",
        "--base-url",
        &base,
        "--oauth",
        flow,
        "--issuer",
        &issuer,
        "--scope",
        "read",
    ];
    args.extend_from_slice(extra);
    oauth.ok(&args);
}

const CONFIDENTIAL: [&str; 4] = [
    "--client-id",
    "practice-cli",
    "--client-secret-env",
    "PRACTICE_SECRET",
];

#[test]
fn client_credentials_against_hit_serve() {
    let practice = Practice::start();
    let oauth = OAuth::new();
    practice_profile(&oauth, &practice, "client_credentials", &CONFIDENTIAL);
    let me = |args: &[&str]| {
        let run = oauth
            .hit(args)
            .env("PRACTICE_SECRET", "practice-secret")
            .run();
        assert_eq!(run.code, 0, "{run:#?}");
        run
    };
    let run = me(&["-P", "api", "/api/me"]);
    assert!(
        run.stdout().contains("\"client_id\":\"practice-cli\"")
            || run.stdout().contains("practice-cli"),
        "{run:#?}"
    );
    me(&["-P", "api", "/api/me"]);
    let log = practice.log();
    assert_eq!(log.matches("POST /oauth/token").count(), 1, "{log}");
    assert_eq!(
        log.matches("GET /.well-known/openid-configuration").count(),
        1,
        "{log}"
    );

    // A wrong secret: invalid_client, in one line.
    let run = oauth
        .hit(&["auth", "login", "api"])
        .env("PRACTICE_SECRET", "wrong")
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.starts_with(&format!(
        "hit: error: the token endpoint http://127.0.0.1:{}/oauth/token refused: invalid_client",
        practice.port
    )), "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1);
    assert!(!run.stderr.contains("wrong"));
}

#[test]
fn authorization_code_refresh_renewal_and_logout_against_hit_serve() {
    let practice = Practice::start_with(&[("HIT_SERVE_TOKEN_TTL", "20")]);
    let oauth = OAuth::new();
    // `?auto=approve` answers the consent page at once, as a person clicking Approve.
    let authorize = format!(
        "http://127.0.0.1:{}/oauth/authorize?auto=approve",
        practice.port
    );
    practice_profile(
        &oauth,
        &practice,
        "authorization_code",
        &[
            "--client-id",
            "practice-public",
            "--authorization-url",
            &authorize,
        ],
    );
    let browser = format!("'{}' -L -q", env!("CARGO_BIN_EXE_hit"));
    let run = oauth
        .hit(&["auth", "login", "api"])
        .env("BROWSER", &browser)
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let first = oauth.cache()["tokens"].clone();
    assert!(first["refresh_token"].is_string(), "{first}");

    // The token lives 20 s, less than the 30 s margin: each request refreshes, and the
    // server rotates the refresh token.
    let run = oauth.ok(&["-P", "api", "/api/me"]);
    assert!(run.stdout().contains("practice"), "{run:#?}");
    let second = oauth.cache()["tokens"].clone();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);

    // A token the server does not know: refused, refreshed, sent again.
    let mut entry = oauth.cache();
    entry["tokens"]["access_token"] = "not-a-token".into();
    entry["tokens"]["expires_at"] = (crate::oauth::now() + 3600).into();
    std::fs::write(oauth.cache_path(), entry.to_string()).unwrap();
    let run = oauth.ok(&["-P", "api", "/api/me"]);
    assert_eq!(
        run.stderr,
        "hit: the access token was refused; refreshed it and sent the request again\n"
    );

    // Logout revokes at the discovered endpoint: the refresh token is dead after it.
    let held = oauth.cache()["tokens"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    let run = oauth.ok(&["auth", "logout", "api"]);
    assert!(
        run.stderr
            .contains("hit: revoked the refresh token and access token at "),
        "{run:#?}"
    );
    crate::oauth::OAuth::seed_raw(
        &oauth,
        &practice_key(&practice, "practice-public"),
        "x",
        &held,
        0,
    );
    let run = oauth.hit(&["-P", "api", "/api/me"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("was refused (invalid_grant"),
        "{run:#?}"
    );
    assert!(run.stderr.contains("run 'hit auth login api'"), "{run:#?}");
}

fn practice_key(practice: &Practice, client: &str) -> serde_json::Value {
    serde_json::json!({
        "server": format!("http://127.0.0.1:{}", practice.port),
        "client_id": client,
        "scopes": ["read"],
    })
}

#[test]
fn the_device_flow_against_hit_serve() {
    let practice = Practice::start();
    let oauth = OAuth::new();
    practice_profile(
        &oauth,
        &practice,
        "device_code",
        &["--client-id", "practice-public"],
    );
    let mut child = oauth
        .hit(&["auth", "login", "api"])
        .command()
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let complete = loop {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "hit ended before the code"
        );
        if let Some(rest) = line.trim().strip_prefix("hit: (or open ") {
            break rest.split(", which").next().unwrap().to_string();
        }
    };
    // The person types the code on another device (here: approves by script).
    let (status, _) = visit(&format!("{complete}&auto=approve"));
    assert_eq!(status, 200);
    let run = collect(child);
    assert_eq!(run.code, 0, "{run:#?}");
    oauth.ok(&["-P", "api", "/api/me"]);
}
