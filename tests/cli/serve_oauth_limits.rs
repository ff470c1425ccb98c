//! `hit serve`'s practice authorization server against requests it must not take at their
//! word: too many or too long parameters, a redirect URI sent as typed, and secrets kept
//! out of its log.

use crate::serve::ask;
use crate::serve_oauth::{BASIC, CHALLENGE, VERIFIER, authorization, granted, post, refused};
use crate::support::Practice;

#[test]
fn a_token_request_of_too_many_parameters_is_refused() {
    let practice = Practice::start();
    let names: Vec<String> = (0..200).map(|n| format!("p{n}=v")).collect();
    let mut items = vec!["-u", BASIC, "grant_type=client_credentials"];
    items.extend(names.iter().map(String::as_str));
    let detail = refused(
        &post(&practice, "/oauth/token", &items),
        400,
        "invalid_request",
    );
    assert!(detail.contains("at most 100"), "{detail}");
}

#[test]
fn an_overlong_nonce_state_or_user_code_gets_a_page() {
    let practice = Practice::start();
    let url = practice.at("/oauth/authorize");
    let long = "x".repeat(2000);
    for name in ["nonce", "state", "scope"] {
        let item = format!("{name}=={long}");
        let items = authorization("practice-public", &["auto==approve", &item]);
        let mut args = vec![url.as_str()];
        args.extend(items.iter().map(String::as_str));
        let answer = ask(&args);
        answer.is(4, 400);
        assert_eq!(answer.header("Location"), None, "{name}");
        let page = String::from_utf8_lossy(&answer.body);
        assert!(page.contains("longer than 1024 bytes"), "{answer:#?}");
    }
    // The device page echoes the user code it is given.
    let typed = format!("{}?user_code={long}", practice.url("/oauth/device"));
    let answer = ask(&[&typed]);
    answer.is(4, 400);
    let page = String::from_utf8_lossy(&answer.body);
    assert!(page.contains("longer than 1024 bytes"), "{answer:#?}");
    assert!(!page.contains(&long));
    let typed = format!("user_code={long}");
    let answer = post(&practice, "/oauth/device", &[&typed, "decision=approve"]);
    answer.is(4, 400);
    assert!(String::from_utf8_lossy(&answer.body).contains("longer than 1024 bytes"));
}

/// A code approved at once for the public client and this redirect URI, as sent.
fn code_for(practice: &Practice, redirect: &str) -> String {
    let redirect = format!("redirect_uri=={redirect}");
    let challenge = format!("code_challenge=={CHALLENGE}");
    let url = practice.at("/oauth/authorize");
    let args = [
        url.as_str(),
        "response_type==code",
        "client_id==practice-public",
        &redirect,
        &challenge,
        "code_challenge_method==S256",
        "auto==approve",
    ];
    let answer = ask(&args);
    answer.is(3, 302);
    let location = url::Url::parse(answer.header("Location").expect("a Location")).unwrap();
    let code = location.query_pairs().find(|(name, _)| name == "code");
    code.expect("a code").1.into_owned()
}

fn exchange_at(practice: &Practice, code: &str, redirect: &str) -> crate::serve::Answer {
    let code = format!("code={code}");
    let redirect = format!("redirect_uri={redirect}");
    let verifier = format!("code_verifier={VERIFIER}");
    let items = [
        "grant_type=authorization_code",
        "client_id=practice-public",
        &code,
        &redirect,
        &verifier,
    ];
    post(practice, "/oauth/token", &items)
}

/// RFC 6749 §4.1.3: the token request's redirect_uri must be identical to the
/// authorization request's, which is not what a URL parser makes of it.
#[test]
fn the_redirect_uri_is_compared_as_sent() {
    let practice = Practice::start();
    let bare = "http://127.0.0.1:9";
    let code = code_for(&practice, bare);
    granted(&exchange_at(&practice, &code, bare));
    let code = code_for(&practice, bare);
    let detail = refused(
        &exchange_at(&practice, &code, "http://127.0.0.1:9/"),
        400,
        "invalid_grant",
    );
    assert!(detail.contains("redirect_uri"), "{detail}");
}

/// The log names every request, but not the codes and states in their queries: a user
/// code approved by URL, or a client's callback sent here by mistake.
#[test]
fn the_log_hides_codes_and_states() {
    let practice = Practice::start();
    let started = post(
        &practice,
        "/oauth/device",
        &["client_id=practice-public", "scope=read"],
    );
    started.is(0, 200);
    let user_code = started.json()["user_code"].as_str().unwrap().to_owned();
    let approve = format!(
        "{}?user_code={user_code}&auto=approve",
        practice.url("/oauth/device")
    );
    ask(&[&approve]);
    let callback = practice.at("/callback?code=ac_SECRET1&state=SECRET2&keep=visible");
    ask(&[&callback]);
    let (_, log) = practice.interrupt();
    assert!(
        log.contains("GET /oauth/device?user_code=••••&auto=approve "),
        "{log}"
    );
    assert!(
        log.contains("GET /callback?code=••••&state=••••&keep=visible "),
        "{log}"
    );
    for secret in [user_code.as_str(), "SECRET1", "SECRET2"] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}
