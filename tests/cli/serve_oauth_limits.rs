//! `hit serve`'s practice authorization server against requests it must not take at their
//! word: too many or too long parameters, a redirect URI sent as typed, and secrets kept
//! out of its log.

use crate::serve::ask;
use crate::serve_oauth::{BASIC, authorization, post, refused};
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
fn an_overlong_nonce_or_state_gets_a_page_and_no_code() {
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
}
