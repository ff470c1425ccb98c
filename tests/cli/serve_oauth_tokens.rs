//! `hit serve`'s practice authorization server, continued: refresh with rotation, the
//! device flow, revocation, and `/api/me`'s RFC 6750 answers (expiry through
//! `HIT_SERVE_TOKEN_TTL`).

use std::time::Duration;

use crate::serve::ask;
use crate::serve_oauth::{BASIC, granted, logged_in, me, post, refused};
use crate::support::{Practice, hit};

const DEVICE_GRANT: &str = "grant_type=urn:ietf:params:oauth:grant-type:device_code";

fn refresh(practice: &Practice, token: &str, extra: &[&str]) -> crate::serve::Answer {
    let token = format!("refresh_token={token}");
    let mut items = vec![
        "grant_type=refresh_token",
        "client_id=practice-public",
        token.as_str(),
    ];
    items.extend_from_slice(extra);
    post(practice, "/oauth/token", &items)
}

fn text<'a>(document: &'a serde_json::Value, member: &str) -> &'a str {
    document[member]
        .as_str()
        .unwrap_or_else(|| panic!("no {member} in {document}"))
}

#[test]
fn each_refresh_rotates_the_refresh_token_and_a_reused_one_revokes_the_grant() {
    let practice = Practice::start();
    let first = logged_in(&practice, "openid read write");
    let old = text(&first, "refresh_token");
    let second = granted(&refresh(&practice, old, &[]));
    let new = text(&second, "refresh_token");
    assert_ne!(new, old);
    assert_ne!(text(&second, "access_token"), text(&first, "access_token"));
    assert_eq!(second["scope"], "openid read write");
    assert!(second.get("id_token").is_some(), "openid was granted");
    me(&practice, text(&second, "access_token")).is(0, 200);
    // A narrower scope is fine; a wider one is not.
    let narrow = granted(&refresh(&practice, new, &["scope=read"]));
    assert_eq!(narrow["scope"], "read");
    let newest = text(&narrow, "refresh_token");
    let wider = refresh(&practice, newest, &["scope=read email"]);
    refused(&wider, 400, "invalid_scope");
    // The replaced token, presented again, is refused and takes the grant down with it.
    let said = refused(&refresh(&practice, old, &[]), 400, "invalid_grant");
    assert!(said.contains("already used"), "{said}");
    refused(&refresh(&practice, newest, &[]), 400, "invalid_grant");
    me(&practice, text(&narrow, "access_token")).is(4, 401);
    let other = post(
        &practice,
        "/oauth/token",
        &[
            "-u",
            BASIC,
            "grant_type=refresh_token",
            &format!("refresh_token={newest}"),
        ],
    );
    refused(&other, 400, "invalid_grant");
}

fn device_authorization(practice: &Practice) -> serde_json::Value {
    let answer = post(
        practice,
        "/oauth/device",
        &["client_id=practice-public", "scope=read"],
    );
    answer.is(0, 200);
    assert_eq!(answer.header("Cache-Control"), Some("no-store"));
    answer.json()
}

fn poll(practice: &Practice, device_code: &str) -> crate::serve::Answer {
    let code = format!("device_code={device_code}");
    post(
        practice,
        "/oauth/token",
        &[DEVICE_GRANT, "client_id=practice-public", &code],
    )
}

#[test]
fn the_device_flow_pends_slows_down_and_delivers_once_approved() {
    let practice = Practice::start();
    let started = device_authorization(&practice);
    let user_code = text(&started, "user_code");
    assert_eq!(user_code.len(), 9);
    assert_eq!(&user_code[4..5], "-");
    let verification = practice.url("/oauth/device");
    assert_eq!(started["verification_uri"], verification.as_str());
    let complete = format!("{verification}?user_code={user_code}");
    assert_eq!(started["verification_uri_complete"], complete.as_str());
    assert_eq!(
        (&started["expires_in"], &started["interval"]),
        (&600.into(), &5.into())
    );
    let device_code = text(&started, "device_code");
    refused(&poll(&practice, device_code), 400, "authorization_pending");
    let said = refused(&poll(&practice, device_code), 400, "slow_down");
    assert!(said.contains("wait 10 seconds"), "{said}");
    // The user types the code on the page, lower case and without its dash.
    let page = ask(&[&practice.at("/oauth/device")]);
    page.is(0, 200);
    let html = String::from_utf8_lossy(&page.body).into_owned();
    assert!(
        html.contains("<form method=\"post\" action=\"/oauth/device\">"),
        "{html}"
    );
    let typed = format!("user_code={}", user_code.replace('-', "").to_lowercase());
    let approved = post(&practice, "/oauth/device", &[&typed, "decision=approve"]);
    approved.is(0, 200);
    let again = post(&practice, "/oauth/device", &[&typed, "decision=deny"]);
    again.is(4, 400);
    // A second device, approved by script, polled once: the tokens, and then no more.
    let other = device_authorization(&practice);
    let url = format!("{}&auto=approve", text(&other, "verification_uri_complete"));
    hit(&["-q", &url]).run().success();
    let code = text(&other, "device_code");
    let tokens = granted(&poll(&practice, code));
    assert!(tokens.get("refresh_token").is_some());
    me(&practice, text(&tokens, "access_token")).is(0, 200);
    refused(&poll(&practice, code), 400, "invalid_grant");
    // A third, denied.
    let denied = device_authorization(&practice);
    let url = format!("{}&auto=deny", text(&denied, "verification_uri_complete"));
    hit(&["-q", &url]).run().success();
    refused(
        &poll(&practice, text(&denied, "device_code")),
        400,
        "access_denied",
    );
    let unknown = ask(&[
        &practice.at("/oauth/device"),
        "user_code==BCDF-GHJK",
        "auto==approve",
    ]);
    unknown.is(4, 400);
    let cli = post(&practice, "/oauth/device", &["-u", BASIC]);
    cli.is(0, 200);
    let stolen = format!("device_code={}", text(&cli.json(), "device_code"));
    let by_other = post(
        &practice,
        "/oauth/token",
        &[DEVICE_GRANT, "client_id=practice-public", &stolen],
    );
    refused(&by_other, 400, "invalid_grant");
}

#[test]
fn revocation_forgets_tokens_and_answers_200_for_unknown_ones() {
    let practice = Practice::start();
    let tokens = logged_in(&practice, "read");
    let access = text(&tokens, "access_token");
    let public = "client_id=practice-public";
    let revoke = |token: &str| {
        let token = format!("token={token}");
        post(&practice, "/oauth/revoke", &[public, &token])
    };
    revoke(access).is(0, 200);
    let after = me(&practice, access);
    after.is(4, 401);
    assert!(
        after
            .header("WWW-Authenticate")
            .unwrap()
            .contains("invalid_token")
    );
    // Revoking the refresh token takes the grant's access tokens with it.
    let tokens = logged_in(&practice, "read");
    revoke(text(&tokens, "refresh_token")).is(0, 200);
    me(&practice, text(&tokens, "access_token")).is(4, 401);
    let refreshed = post(
        &practice,
        "/oauth/token",
        &[
            "grant_type=refresh_token",
            public,
            &format!("refresh_token={}", text(&tokens, "refresh_token")),
        ],
    );
    refused(&refreshed, 400, "invalid_grant");
    revoke("at_never-issued").is(0, 200);
    // Only the client a token was issued to may revoke it.
    let theirs = logged_in(&practice, "read");
    let token = format!("token={}", text(&theirs, "access_token"));
    let by_other = post(&practice, "/oauth/revoke", &["-u", BASIC, &token]);
    refused(&by_other, 400, "unauthorized_client");
    me(&practice, text(&theirs, "access_token")).is(0, 200);
    refused(
        &post(&practice, "/oauth/revoke", &[public]),
        400,
        "invalid_request",
    );
    let wrong = post(
        &practice,
        "/oauth/revoke",
        &["-u", "practice-cli:nope", &token],
    );
    refused(&wrong, 401, "invalid_client");
}

#[test]
fn api_me_answers_rfc_6750_challenges_for_missing_garbage_and_expired_tokens() {
    let practice = Practice::start_with(&[("HIT_SERVE_TOKEN_TTL", "1")]);
    let none = ask(&[&practice.at("/api/me")]);
    none.is(4, 401);
    assert_eq!(
        none.header("WWW-Authenticate"),
        Some("Bearer realm=\"hit serve\"")
    );
    let garbage = me(&practice, "garbage");
    garbage.is(4, 401);
    assert_eq!(
        garbage.header("WWW-Authenticate"),
        Some(
            "Bearer realm=\"hit serve\", error=\"invalid_token\", error_description=\"the \
             access token is not known here (revoked, or never issued)\""
        )
    );
    let tokens = granted(&post(
        &practice,
        "/oauth/token",
        &["-u", BASIC, "grant_type=client_credentials"],
    ));
    assert_eq!(tokens["expires_in"], 1);
    let access = text(&tokens, "access_token");
    me(&practice, access).is(0, 200);
    std::thread::sleep(Duration::from_millis(1100));
    let expired = me(&practice, access);
    expired.is(4, 401);
    let challenge = expired.header("WWW-Authenticate").unwrap();
    assert!(
        challenge.starts_with("Bearer realm=\"hit serve\", error=\"invalid_token\""),
        "{challenge}"
    );
    assert!(
        challenge.contains("the access token expired"),
        "{challenge}"
    );
}

#[test]
fn serve_refuses_a_token_lifetime_that_is_not_seconds() {
    for ttl in ["0", "soon", "86401"] {
        let run = hit(&["serve", "--port", "0"])
            .env("HIT_SERVE_TOKEN_TTL", ttl)
            .run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert_eq!(run.stdout(), "", "no banner");
        let refusal = format!(
            "hit: error: HIT_SERVE_TOKEN_TTL is the access tokens' lifetime, a whole number of \
             seconds from 1 to 86400, not '{ttl}'\n"
        );
        assert_eq!(run.stderr, refusal);
    }
}
