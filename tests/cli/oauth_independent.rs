//! The independent authorization server (tests/support/oauth_server.py, on oauthlib) does what
//! hit's OAuth tests will count on, shown with hit as a plain HTTP client: client credentials,
//! authorization code with PKCE S256, refresh with rotation, revocation, expiry, discovery, and
//! `/api/me` behind a Bearer token. Each test skips with a note when python3 or oauthlib is
//! missing.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::oauth_independent::{
    CLIENT_ID, CLIENT_SECRET, IndependentServer, PUBLIC_CLIENT_ID, Pkce, USER, s256, skip,
};
use crate::support::{collect, hit};

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const BASIC: &str = "indep-cli:indep-secret";

/// `hit --form POST URL/token ITEMS...`: hit's exit code and the JSON the server answered.
fn token(server: &IndependentServer, items: &[&str]) -> (i32, Value) {
    let url = server.url("/token");
    let mut args = vec!["--form", "POST", url.as_str()];
    args.extend_from_slice(items);
    let run = hit(&args).run();
    let document = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|err| panic!("not JSON ({err}): {run:#?}\n{}", server.log()));
    (run.code, document)
}

/// A token request that succeeds; gives the token response.
#[track_caller]
fn granted(server: &IndependentServer, items: &[&str]) -> Value {
    let (code, document) = token(server, items);
    assert_eq!(code, 0, "{document:#}\n{}", server.log());
    assert_eq!(document["token_type"], "Bearer", "{document:#}");
    assert!(document["access_token"].is_string(), "{document:#}");
    document
}

/// A token request refused with this RFC 6749 §5.2 error (hit exits 4 on a 4xx).
#[track_caller]
fn refused(server: &IndependentServer, items: &[&str], error: &str) {
    let (code, document) = token(server, items);
    assert_eq!(
        (code, &document["error"]),
        (4, &Value::from(error)),
        "{document:#}"
    );
}

/// `/api/me` as hit saw it with `--bearer TOKEN`.
struct Me {
    code: i32,
    status: u16,
    challenge: String,
    body: Value,
}

fn me(server: &IndependentServer, token: Option<&str>) -> Me {
    let url = server.url("/api/me");
    let mut args = vec![
        url.as_str(),
        "-w",
        "\n--\n%{http_code} %header{www-authenticate}",
    ];
    if let Some(token) = token {
        args.extend(["--bearer", token]);
    }
    let run = hit(&args).run();
    let stdout = run.stdout();
    let (body, written) = stdout.rsplit_once("\n--\n").expect("the -w text");
    let (status, challenge) = written.split_once(' ').expect("status and challenge");
    Me {
        code: run.code,
        status: status.parse().expect("a status"),
        challenge: challenge.to_owned(),
        body: serde_json::from_str(body).unwrap_or_else(|err| panic!("not JSON ({err}): {run:#?}")),
    }
}

#[track_caller]
fn access_token(response: &Value) -> &str {
    response["access_token"].as_str().expect("an access token")
}

/// GET /authorize with these query items; gives the parameters of the redirect it answers
/// with (to `REDIRECT`, where no one listens: hit does not follow it).
fn authorize(server: &IndependentServer, items: &[&str]) -> HashMap<String, String> {
    let url = server.url("/authorize");
    let mut args = vec!["-q", "-w", "%header{location}", url.as_str()];
    args.extend_from_slice(items);
    let run = hit(&args).run();
    // hit exits 3 on a redirect it did not follow.
    assert_eq!(run.code, 3, "{run:#?}\n{}", server.log());
    let location = url::Url::parse(&run.stdout()).expect("a Location URL");
    assert_eq!(
        location.as_str().split('?').next(),
        Some(REDIRECT),
        "{location}"
    );
    location.query_pairs().into_owned().collect()
}

/// The query items of an authorization request from `client_id` with this PKCE challenge.
fn code_request(client_id: &str, challenge: &str, method: &str) -> Vec<String> {
    [
        "response_type==code".to_owned(),
        format!("client_id=={client_id}"),
        format!("redirect_uri=={REDIRECT}"),
        "scope==read write".to_owned(),
        "state==st-42".to_owned(),
        format!("code_challenge=={challenge}"),
        format!("code_challenge_method=={method}"),
    ]
    .into()
}

/// An authorization code for `client_id`, and the PKCE pair it is bound to.
fn code_for(server: &IndependentServer, client_id: &str) -> (String, Pkce) {
    let pkce = Pkce::fresh();
    let items = code_request(client_id, &pkce.challenge, "S256");
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    let redirect = authorize(server, &items);
    assert_eq!(redirect["state"], "st-42", "{redirect:?}");
    (redirect["code"].clone(), pkce)
}

/// The token exchange items for a code and verifier.
fn exchange(code: &str, verifier: &str) -> [String; 4] {
    [
        "grant_type=authorization_code".to_owned(),
        format!("code={code}"),
        format!("redirect_uri={REDIRECT}"),
        format!("code_verifier={verifier}"),
    ]
}

fn with<'a>(items: &'a [String], more: &[&'a str]) -> Vec<&'a str> {
    items
        .iter()
        .map(String::as_str)
        .chain(more.iter().copied())
        .collect()
}

#[test]
fn s256_is_rfc_7636_appendix_b() {
    assert_eq!(
        s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    let pkce = Pkce::fresh();
    assert_eq!(pkce.verifier.len(), 64);
    assert_eq!(pkce.challenge, s256(&pkce.verifier));
    assert_ne!(Pkce::fresh().verifier, pkce.verifier);
}

#[test]
fn discovery_names_the_endpoints_and_s256() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("discovery_names_the_endpoints_and_s256");
    };
    let url = server.url("/.well-known/oauth-authorization-server");
    let run = hit(&[url.as_str()]).run();
    run.success();
    let document: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(document["issuer"], server.base());
    assert_eq!(document["authorization_endpoint"], server.url("/authorize"));
    assert_eq!(document["token_endpoint"], server.url("/token"));
    assert_eq!(document["revocation_endpoint"], server.url("/revoke"));
    assert_eq!(
        document["grant_types_supported"],
        serde_json::json!(["authorization_code", "client_credentials", "refresh_token"])
    );
    assert_eq!(
        document["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
}

#[test]
fn client_credentials_give_a_token_that_opens_api_me() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("client_credentials_give_a_token_that_opens_api_me");
    };
    let by_basic = granted(
        &server,
        &[
            "grant_type=client_credentials",
            "scope=read write",
            "-u",
            BASIC,
        ],
    );
    assert_eq!(by_basic["scope"], "read write");
    assert_eq!(by_basic["expires_in"], 60);
    assert!(by_basic.get("refresh_token").is_none(), "{by_basic:#}");
    let secret = format!("client_secret={CLIENT_SECRET}");
    let client = format!("client_id={CLIENT_ID}");
    let by_body = granted(
        &server,
        &["grant_type=client_credentials", &client, &secret],
    );
    assert_eq!(by_body["scope"], "read", "the default scope");
    for response in [&by_basic, &by_body] {
        let seen = me(&server, Some(access_token(response)));
        assert_eq!((seen.code, seen.status), (0, 200), "{}", seen.body);
        assert_eq!(seen.body["sub"], CLIENT_ID);
        assert_eq!(seen.body["client_id"], CLIENT_ID);
    }
    // The log shows the requests and hides what is secret.
    let log = server.log();
    assert!(
        log.contains(
            "POST /token grant_type=client_credentials scope=read write [Basic auth] -> 200"
        ),
        "{log}"
    );
    assert!(log.contains("client_secret=***"), "{log}");
    for secret in [
        CLIENT_SECRET,
        access_token(&by_basic),
        access_token(&by_body),
    ] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}

#[test]
fn a_wrong_secret_or_a_public_client_gets_no_client_credentials() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("a_wrong_secret_or_a_public_client_gets_no_client_credentials");
    };
    refused(
        &server,
        &["grant_type=client_credentials", "-u", "indep-cli:wrong"],
        "invalid_client",
    );
    let public = format!("client_id={PUBLIC_CLIENT_ID}");
    refused(
        &server,
        &["grant_type=client_credentials", &public],
        "invalid_client",
    );
}

#[test]
fn api_me_refuses_a_garbage_token_as_invalid_token() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("api_me_refuses_a_garbage_token_as_invalid_token");
    };
    let seen = me(&server, Some("not-a-token"));
    assert_eq!((seen.code, seen.status), (4, 401));
    assert_eq!(seen.challenge, r#"Bearer error="invalid_token""#);
    assert_eq!(seen.body["error"], "invalid_token");
    // RFC 6750 §3.1: no error code for a request without a token.
    let bare = me(&server, None);
    assert_eq!(
        (bare.status, bare.challenge.as_str()),
        (401, r#"Bearer realm="indep""#)
    );
}

#[test]
fn authorization_code_with_pkce_gives_the_user_a_token_once() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("authorization_code_with_pkce_gives_the_user_a_token_once");
    };
    let (code, pkce) = code_for(&server, PUBLIC_CLIENT_ID);
    let items = exchange(&code, &pkce.verifier);
    let client = format!("client_id={PUBLIC_CLIENT_ID}");
    let response = granted(&server, &with(&items, &[&client]));
    assert_eq!(response["scope"], "read write");
    assert!(response["refresh_token"].is_string(), "{response:#}");
    let seen = me(&server, Some(access_token(&response)));
    assert_eq!(seen.status, 200);
    assert_eq!(seen.body["sub"], USER);
    assert_eq!(seen.body["client_id"], PUBLIC_CLIENT_ID);
    // A code is good for one exchange.
    refused(&server, &with(&items, &[&client]), "invalid_grant");
    let log = server.log();
    for secret in [code.as_str(), &pkce.verifier] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}

#[test]
fn a_wrong_verifier_is_an_invalid_grant() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("a_wrong_verifier_is_an_invalid_grant");
    };
    let (code, _) = code_for(&server, CLIENT_ID);
    let items = exchange(&code, &Pkce::fresh().verifier);
    refused(&server, &with(&items, &["-u", BASIC]), "invalid_grant");
}

#[test]
fn authorization_needs_an_s256_challenge() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("authorization_needs_an_s256_challenge");
    };
    let pkce = Pkce::fresh();
    let plain = code_request(PUBLIC_CLIENT_ID, &pkce.verifier, "plain");
    let plain: Vec<&str> = plain.iter().map(String::as_str).collect();
    let refused = authorize(&server, &plain);
    assert_eq!(refused["error"], "invalid_request", "{refused:?}");
    assert_eq!(refused["state"], "st-42");
    assert!(!refused.contains_key("code"), "{refused:?}");
    let none: Vec<&str> = plain
        .iter()
        .copied()
        .filter(|item| !item.starts_with("code_challenge"))
        .collect();
    assert_eq!(authorize(&server, &none)["error"], "invalid_request");
}

#[test]
fn refresh_rotates_and_the_old_refresh_token_is_refused() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("refresh_rotates_and_the_old_refresh_token_is_refused");
    };
    let (code, pkce) = code_for(&server, CLIENT_ID);
    let first = granted(
        &server,
        &with(&exchange(&code, &pkce.verifier), &["-u", BASIC]),
    );
    let old = format!("refresh_token={}", first["refresh_token"].as_str().unwrap());
    let second = granted(&server, &["grant_type=refresh_token", &old, "-u", BASIC]);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);
    assert_eq!(
        second["scope"], "read write",
        "the scope of the original grant"
    );
    assert_eq!(me(&server, Some(access_token(&second))).body["sub"], USER);
    refused(
        &server,
        &["grant_type=refresh_token", &old, "-u", BASIC],
        "invalid_grant",
    );
    let new = format!(
        "refresh_token={}",
        second["refresh_token"].as_str().unwrap()
    );
    // A refresh token is bound to its client.
    let public = format!("client_id={PUBLIC_CLIENT_ID}");
    refused(
        &server,
        &["grant_type=refresh_token", &new, &public],
        "invalid_grant",
    );
    granted(&server, &["grant_type=refresh_token", &new, "-u", BASIC]);
}

#[test]
fn of_concurrent_refreshes_with_one_refresh_token_one_succeeds() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("of_concurrent_refreshes_with_one_refresh_token_one_succeeds");
    };
    let (code, pkce) = code_for(&server, CLIENT_ID);
    let first = granted(
        &server,
        &with(&exchange(&code, &pkce.verifier), &["-u", BASIC]),
    );
    let refresh = format!("refresh_token={}", first["refresh_token"].as_str().unwrap());
    let url = server.url("/token");
    let racers: Vec<_> = (0..4)
        .map(|_| {
            let args = [
                "--form",
                "POST",
                &url,
                "grant_type=refresh_token",
                &refresh,
                "-u",
                BASIC,
            ];
            hit(&args).spawn()
        })
        .collect();
    let codes: Vec<i32> = racers
        .into_iter()
        .map(|child| collect(child).code)
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(sorted, [0, 4, 4, 4], "{codes:?}\n{}", server.log());
}

#[test]
fn revocation_voids_refresh_and_access_tokens() {
    let Some(server) = IndependentServer::start(60) else {
        return skip("revocation_voids_refresh_and_access_tokens");
    };
    let (code, pkce) = code_for(&server, PUBLIC_CLIENT_ID);
    let client = format!("client_id={PUBLIC_CLIENT_ID}");
    let response = granted(&server, &with(&exchange(&code, &pkce.verifier), &[&client]));
    let revoke = server.url("/revoke");
    for kind in ["refresh_token", "access_token"] {
        let token = format!("token={}", response[kind].as_str().unwrap());
        let hint = format!("token_type_hint={kind}");
        let run = hit(&["--form", "POST", &revoke, &token, &hint, &client]).run();
        assert_eq!(run.code, 0, "{run:#?}\n{}", server.log());
    }
    let refresh = format!(
        "refresh_token={}",
        response["refresh_token"].as_str().unwrap()
    );
    refused(
        &server,
        &["grant_type=refresh_token", &refresh, &client],
        "invalid_grant",
    );
    assert_eq!(me(&server, Some(access_token(&response))).status, 401);
}

#[test]
fn an_access_token_expires_after_its_ttl() {
    // Two seconds: long enough for one hit run on a loaded machine, short enough to wait.
    let ttl = 2;
    let Some(server) = IndependentServer::start(ttl) else {
        return skip("an_access_token_expires_after_its_ttl");
    };
    let response = granted(&server, &["grant_type=client_credentials", "-u", BASIC]);
    // The server set the expiry before hit returned: past this instant the token is stale.
    let stale = Instant::now() + Duration::from_secs(ttl.into()) + Duration::from_millis(100);
    assert_eq!(response["expires_in"], ttl);
    let fresh = me(&server, Some(access_token(&response)));
    assert_eq!(fresh.status, 200, "{}", fresh.body);
    std::thread::sleep(stale.saturating_duration_since(Instant::now()));
    let expired = me(&server, Some(access_token(&response)));
    assert_eq!(
        (expired.status, expired.challenge.as_str()),
        (401, r#"Bearer error="invalid_token""#)
    );
}
