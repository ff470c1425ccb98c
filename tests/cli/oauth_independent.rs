//! The OAuth client against an authorization server hit did not write: a small server on
//! oauthlib (Python; tests/oauthlib/server.py), started by the test. Without python3 or
//! oauthlib (`pip install oauthlib`) the tests are skipped with a note saying so.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::oauth::{OAuth, now};

/// The oauthlib server, stopped when dropped.
struct Independent {
    child: Child,
    base: String,
}

impl Drop for Independent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server, its access tokens living `ttl` seconds; `None` (with a note on
/// stderr) when python3 or oauthlib is missing.
fn start(ttl: u32) -> Option<Independent> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oauthlib/server.py");
    let spawned = Command::new("python3")
        .arg(script)
        .arg(ttl.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = spawned else {
        eprintln!("note: skipped: no python3 to run the oauthlib authorization server");
        return None;
    };
    let mut line = String::new();
    let _ = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
    let Some(base) = line.trim().strip_prefix("listening on ") else {
        let _ = child.wait();
        eprintln!("note: skipped: oauthlib is not installed (pip install oauthlib)");
        return None;
    };
    Some(Independent {
        base: base.to_string(),
        child,
    })
}

fn profile(oauth: &OAuth, server: &Independent, flow: &str, client: &[&str]) {
    let base = format!("{}/", server.base);
    let token = format!("{}/token", server.base);
    let authorize = format!("{}/authorize", server.base);
    let revoke = format!("{}/revoke", server.base);
    let mut args = vec![
        "profile",
        "add",
        "api",
        "--force",
        "--base-url",
        &base,
        "--oauth",
        flow,
        "--token-url",
        &token,
        "--authorization-url",
        &authorize,
        "--revocation-url",
        &revoke,
        "--scope",
        "read",
    ];
    args.extend_from_slice(client);
    oauth.ok(&args);
}

#[test]
fn client_credentials_against_oauthlib() {
    let Some(server) = start(3600) else { return };
    let oauth = OAuth::new();
    profile(
        &oauth,
        &server,
        "client_credentials",
        &["--client-id", "confidential", "--client-secret-env", "SHH"],
    );
    let run = oauth.hit(&["-P", "api", "/api/me"]).env("SHH", "shh").run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout(), r#"{"client": "confidential"}"#);
    let run = oauth
        .hit(&["auth", "login", "api"])
        .env("SHH", "wrong")
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("refused: invalid_client"), "{run:#?}");
}

#[test]
fn authorization_code_with_pkce_refresh_and_renewal_against_oauthlib() {
    // Tokens live 20 s, less than hit's 30 s margin: each request refreshes.
    let Some(server) = start(20) else { return };
    let oauth = OAuth::new();
    profile(
        &oauth,
        &server,
        "authorization_code",
        &["--client-id", "public"],
    );
    let browser = format!("'{}' -L -q", env!("CARGO_BIN_EXE_hit"));
    let run = oauth
        .hit(&["auth", "login", "api"])
        .env("BROWSER", &browser)
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let first = oauth.cache()["tokens"].clone();
    assert!(first["refresh_token"].is_string(), "{first}");

    let run = oauth.ok(&["-P", "api", "/api/me"]);
    assert_eq!(run.stdout(), r#"{"client": "public"}"#);
    let second = oauth.cache()["tokens"].clone();
    assert_ne!(second["refresh_token"], first["refresh_token"], "rotated");

    let mut entry = oauth.cache();
    entry["tokens"]["access_token"] = "not-a-token".into();
    entry["tokens"]["expires_at"] = (now() + 3600).into();
    std::fs::write(oauth.cache_path(), entry.to_string()).unwrap();
    let run = oauth.ok(&["-P", "api", "/api/me"]);
    assert_eq!(
        run.stderr,
        "hit: the access token was refused; refreshed it and sent the request again\n"
    );
    oauth.ok(&["auth", "logout", "api"]);
}
