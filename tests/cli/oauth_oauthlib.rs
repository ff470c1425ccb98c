//! hit's OAuth client (`hit auth`, `[auth] type = "oauth2"`) against an authorization
//! server it did not write: the oauthlib server of tests/support/oauth_server.py. Without
//! python3 or oauthlib (`pip install oauthlib`) the tests are skipped with a note saying so.

use crate::oauth::{OAuth, now};
use crate::support::oauth_independent::{
    CLIENT_ID, CLIENT_SECRET, IndependentServer, PUBLIC_CLIENT_ID, skip,
};

fn profile(oauth: &OAuth, server: &IndependentServer, flow: &str, client: &[&str]) {
    let base = server.url("/");
    let token = server.url("/token");
    let authorize = server.url("/authorize");
    let revoke = server.url("/revoke");
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
    let Some(server) = IndependentServer::start(3600) else {
        return skip("client_credentials_against_oauthlib");
    };
    let oauth = OAuth::new();
    profile(
        &oauth,
        &server,
        "client_credentials",
        &["--client-id", CLIENT_ID, "--client-secret-env", "SHH"],
    );
    let run = oauth
        .hit(&["-P", "api", "/api/me", "--body"])
        .env("SHH", CLIENT_SECRET)
        .run();
    assert_eq!(run.code, 0, "{run:#?}\n{}", server.log());
    let me: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(me["client_id"], CLIENT_ID, "{me}");
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
    let Some(server) = IndependentServer::start(20) else {
        return skip("authorization_code_with_pkce_refresh_and_renewal_against_oauthlib");
    };
    let oauth = OAuth::new();
    profile(
        &oauth,
        &server,
        "authorization_code",
        &["--client-id", PUBLIC_CLIENT_ID],
    );
    let browser = format!("'{}' -L -q", env!("CARGO_BIN_EXE_hit"));
    let run = oauth
        .hit(&["auth", "login", "api"])
        .env("BROWSER", &browser)
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let first = oauth.cache()["tokens"].clone();
    assert!(first["refresh_token"].is_string(), "{first}");

    let run = oauth.ok(&["-P", "api", "/api/me", "--body"]);
    let me: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(me["client_id"], PUBLIC_CLIENT_ID, "{me}");
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
