//! `hit serve`'s practice authorization server, run as a real process and reached by the
//! real `hit`: discovery, client authentication and RFC 6749 §5.2's errors, and the
//! authorization code flow driven through the consent page as a browser would.
//! serve_oauth_tokens.rs covers refresh, the device flow, revocation and `/api/me`.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::serve::{Answer, ask, body};
use crate::support::Practice;

/// RFC 7636 Appendix B's verifier and its S256 challenge.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
pub const REDIRECT: &str = "http://127.0.0.1:9/callback";
pub const BASIC: &str = "practice-cli:practice-secret";

/// `hit --form POST :PORT/path ITEMS...`, as the response came.
pub fn post(practice: &Practice, path: &str, items: &[&str]) -> Answer {
    let url = practice.at(path);
    let mut args = vec!["--form", "POST", url.as_str()];
    args.extend_from_slice(items);
    ask(&args)
}

/// Asserts an RFC 6749 §5.2 error, uncached; gives its description.
#[track_caller]
pub fn refused(answer: &Answer, status: u16, error: &str) -> String {
    answer.is(4, status);
    assert_eq!(answer.header("Content-Type"), Some("application/json"));
    assert_eq!(
        answer.header("Cache-Control"),
        Some("no-store"),
        "{answer:#?}"
    );
    assert_eq!(answer.header("Pragma"), Some("no-cache"), "{answer:#?}");
    let document = answer.json();
    assert_eq!(document["error"], error, "{answer:#?}");
    let members: Vec<&String> = document.as_object().unwrap().keys().collect();
    assert_eq!(members, ["error", "error_description"]);
    document["error_description"].as_str().unwrap().to_owned()
}

/// Asserts a successful token response, uncached; gives it.
#[track_caller]
pub fn granted(answer: &Answer) -> Value {
    answer.is(0, 200);
    assert_eq!(
        answer.header("Cache-Control"),
        Some("no-store"),
        "{answer:#?}"
    );
    assert_eq!(answer.header("Pragma"), Some("no-cache"));
    let document = answer.json();
    assert_eq!(document["token_type"], "Bearer", "{answer:#?}");
    document
}

/// The query of a 302's Location, which must go to [`REDIRECT`].
#[track_caller]
pub fn sent_back(answer: &Answer) -> HashMap<String, String> {
    answer.is(3, 302);
    let location = answer.header("Location").expect("a Location");
    assert!(location.starts_with(&format!("{REDIRECT}?")), "{location}");
    let url = url::Url::parse(location).unwrap();
    url.query_pairs().into_owned().collect()
}

/// The authorization request's query items, with these changed or added.
pub fn authorization(client: &str, extra: &[&str]) -> Vec<String> {
    let mut items: Vec<String> = [
        "response_type==code".to_owned(),
        format!("client_id=={client}"),
        format!("redirect_uri=={REDIRECT}"),
        format!("code_challenge=={CHALLENGE}"),
        "code_challenge_method==S256".to_owned(),
    ]
    .into();
    items.extend(extra.iter().map(|item| item.to_string()));
    items
}

/// A code approved at once (`auto=approve`) for `client` and `scope`.
pub fn approved_code(practice: &Practice, client: &str, scope: &str) -> String {
    let scope = format!("scope=={scope}");
    let items = authorization(client, &["auto==approve", &scope, "state==s"]);
    let url = practice.at("/oauth/authorize");
    let mut args = vec![url.as_str()];
    args.extend(items.iter().map(String::as_str));
    sent_back(&ask(&args))["code"].clone()
}

/// The tokens of an approved code exchanged by the public client.
pub fn logged_in(practice: &Practice, scope: &str) -> Value {
    let code = approved_code(practice, "practice-public", scope);
    granted(&exchange(practice, &code, VERIFIER))
}

pub fn exchange(practice: &Practice, code: &str, verifier: &str) -> Answer {
    let code = format!("code={code}");
    let verifier = format!("code_verifier={verifier}");
    let redirect = format!("redirect_uri={REDIRECT}");
    let items = [
        "grant_type=authorization_code",
        "client_id=practice-public",
        &code,
        &redirect,
        &verifier,
    ];
    post(practice, "/oauth/token", &items)
}

/// `/api/me` with a bearer token.
pub fn me(practice: &Practice, token: &str) -> Answer {
    ask(&["--bearer", token, &practice.at("/api/me")])
}

#[test]
fn discovery_names_every_endpoint_under_the_servers_own_address() {
    let practice = Practice::start();
    let document = body(&[&practice.at("/.well-known/openid-configuration")]);
    let rfc8414 = body(&[&practice.at("/.well-known/oauth-authorization-server")]);
    assert_eq!(document, rfc8414);
    let base = practice.url("");
    assert_eq!(document["issuer"], base);
    for (member, path) in [
        ("authorization_endpoint", "/oauth/authorize"),
        ("token_endpoint", "/oauth/token"),
        ("device_authorization_endpoint", "/oauth/device"),
        ("revocation_endpoint", "/oauth/revoke"),
        ("jwks_uri", "/oauth/jwks"),
        ("userinfo_endpoint", "/api/me"),
    ] {
        assert_eq!(document[member], format!("{base}{path}"), "{member}");
    }
    assert_eq!(
        document["code_challenge_methods_supported"],
        json!(["S256"])
    );
    assert_eq!(document["response_types_supported"], json!(["code"]));
    let auth = json!(["client_secret_basic", "client_secret_post", "none"]);
    assert_eq!(document["token_endpoint_auth_methods_supported"], auth);
    let grants = document["grant_types_supported"].as_array().unwrap();
    assert_eq!(grants.len(), 4);
    assert!(grants.contains(&json!("urn:ietf:params:oauth:grant-type:device_code")));
    let jwks = body(&[&practice.at("/oauth/jwks")]);
    let key = &jwks["keys"][0];
    assert_eq!(
        (&key["kty"], &key["crv"], &key["alg"]),
        (&json!("EC"), &json!("P-256"), &json!("ES256"))
    );
    let index = body(&[&practice.at("/")]);
    let clients = &index["oauth"]["clients"];
    assert_eq!(clients[0]["client_id"], "practice-cli");
    assert_eq!(clients[0]["client_secret"], "practice-secret");
    assert_eq!(clients[1]["client_id"], "practice-public");
    assert_eq!(clients[1]["client_secret"], Value::Null);
}

#[test]
fn client_credentials_by_basic_and_by_the_body_reach_api_me() {
    let practice = Practice::start();
    let basic = [
        "-u",
        BASIC,
        "grant_type=client_credentials",
        "scope=write read",
    ];
    let tokens = granted(&post(&practice, "/oauth/token", &basic));
    assert_eq!(tokens["expires_in"], 60);
    assert_eq!(tokens["scope"], "read write");
    assert_eq!(tokens.get("refresh_token"), None, "RFC 6749 §4.4.3");
    assert_eq!(tokens.get("id_token"), None);
    let access = tokens["access_token"].as_str().unwrap();
    assert!(access.starts_with("at_"), "{access}");
    let seen = me(&practice, access);
    seen.is(0, 200);
    let mut seen = seen.json();
    assert!(seen["expires_in"].as_u64().unwrap() <= 60);
    seen.as_object_mut().unwrap().remove("expires_in");
    let expected =
        json!({"sub": "practice-cli", "client_id": "practice-cli", "scope": "read write"});
    assert_eq!(seen, expected);
    let in_body = [
        "grant_type=client_credentials",
        "client_id=practice-cli",
        "client_secret=practice-secret",
    ];
    let tokens = granted(&post(&practice, "/oauth/token", &in_body));
    assert_eq!(tokens["scope"], "read");
}

#[test]
fn client_authentication_failures_are_invalid_client() {
    let practice = Practice::start();
    let grant = "grant_type=client_credentials";
    let wrong = post(
        &practice,
        "/oauth/token",
        &["-u", "practice-cli:nope", grant],
    );
    let said = refused(&wrong, 401, "invalid_client");
    assert!(said.contains("practice-cli"), "{said}");
    let challenge = wrong.header("WWW-Authenticate").unwrap();
    assert!(
        challenge.starts_with("Basic realm=\"hit serve\""),
        "{challenge}"
    );
    assert!(
        !said.contains("practice-secret") && !said.contains("nope"),
        "{said}"
    );
    let unknown = post(&practice, "/oauth/token", &["-u", "someone:x", grant]);
    refused(&unknown, 401, "invalid_client");
    let nobody = post(&practice, "/oauth/token", &[grant]);
    refused(&nobody, 401, "invalid_client");
    assert!(nobody.header("WWW-Authenticate").is_some());
    let in_body = [grant, "client_id=practice-cli", "client_secret=nope"];
    let wrong = post(&practice, "/oauth/token", &in_body);
    refused(&wrong, 400, "invalid_client");
    assert_eq!(wrong.header("WWW-Authenticate"), None);
    let no_secret = post(
        &practice,
        "/oauth/token",
        &[grant, "client_id=practice-cli"],
    );
    refused(&no_secret, 400, "invalid_client");
    let twice = ["-u", BASIC, grant, "client_secret=practice-secret"];
    refused(
        &post(&practice, "/oauth/token", &twice),
        400,
        "invalid_request",
    );
}

#[test]
fn token_request_errors_follow_rfc_6749_section_5_2() {
    let practice = Practice::start();
    let token = |items: &[&str]| {
        let mut all = vec!["-u", BASIC];
        all.extend_from_slice(items);
        post(&practice, "/oauth/token", &all)
    };
    refused(&token(&["scope=read"]), 400, "invalid_request");
    let said = refused(
        &token(&["grant_type=password"]),
        400,
        "unsupported_grant_type",
    );
    assert!(said.contains("'password'"), "{said}");
    let said = refused(
        &token(&["grant_type=client_credentials", "scope=admin"]),
        400,
        "invalid_scope",
    );
    assert!(said.contains("'admin'"), "{said}");
    let openid = token(&["grant_type=client_credentials", "scope=openid"]);
    refused(&openid, 400, "invalid_scope");
    let twice = token(&["grant_type=client_credentials", "scope=read", "scope=write"]);
    refused(&twice, 400, "invalid_request");
    let public = ["grant_type=client_credentials", "client_id=practice-public"];
    let said = refused(
        &post(&practice, "/oauth/token", &public),
        400,
        "unauthorized_client",
    );
    assert_eq!(
        said,
        "practice-public may not use the client_credentials grant"
    );
    let url = practice.at("/oauth/token");
    let as_json = ask(&["POST", &url, "grant_type=client_credentials", "-u", BASIC]);
    let said = refused(&as_json, 400, "invalid_request");
    assert!(said.contains("not a application/json body"), "{said}");
    let get = ask(&[&url]);
    get.is(4, 405);
    assert_eq!(get.header("Allow"), Some("POST"));
}

/// The consent page's form: where it posts and its fields, as a browser reads them.
fn form(html: &str) -> (String, Vec<(String, String)>) {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        let end = start + tag[start..].find('"')?;
        let raw = &tag[start..end];
        Some(
            raw.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        )
    };
    let form_tag = html
        .split("<form")
        .nth(1)
        .expect("a form")
        .split('>')
        .next()
        .unwrap();
    assert_eq!(attribute(form_tag, "method").as_deref(), Some("post"));
    let action = attribute(form_tag, "action").expect("an action");
    let fields = html
        .split("<input")
        .skip(1)
        .map(|tag| tag.split('>').next().unwrap())
        .filter(|tag| tag.contains("type=\"hidden\""))
        .map(|tag| {
            (
                attribute(tag, "name").unwrap(),
                attribute(tag, "value").unwrap(),
            )
        })
        .collect();
    (action, fields)
}

/// GET the consent page and submit its form with `decision`, as a browser does.
fn through_the_page(practice: &Practice, items: &[String], decision: &str) -> Answer {
    let url = practice.at("/oauth/authorize");
    let mut args = vec![url.as_str()];
    args.extend(items.iter().map(String::as_str));
    let page = ask(&args);
    page.is(0, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("X-Frame-Options"), Some("DENY"));
    let html = String::from_utf8(page.body.clone()).unwrap();
    assert!(
        html.contains("<strong>practice-public</strong> asks to act as"),
        "{html}"
    );
    let (action, fields) = form(&html);
    assert_eq!(action, "/oauth/authorize");
    let mut posted: Vec<String> = fields.iter().map(|(n, v)| format!("{n}={v}")).collect();
    posted.push(format!("decision={decision}"));
    let posted: Vec<&str> = posted.iter().map(String::as_str).collect();
    post(practice, &action, &posted)
}

#[test]
fn the_authorization_code_flow_through_the_consent_page() {
    let practice = Practice::start();
    let extra = ["scope==openid profile read", "state==a<\"b", "nonce==n-1"];
    let items = authorization("practice-public", &extra);
    let back = sent_back(&through_the_page(&practice, &items, "approve"));
    assert_eq!(back["state"], "a<\"b");
    assert_eq!(back["iss"], practice.url(""));
    let code = &back["code"];
    assert!(code.starts_with("ac_"), "{code}");
    let tokens = granted(&exchange(&practice, code, VERIFIER));
    assert_eq!(tokens["scope"], "openid profile read");
    assert!(tokens["refresh_token"].as_str().unwrap().starts_with("rt_"));
    let id_token = tokens["id_token"].as_str().unwrap();
    let parts: Vec<&str> = id_token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["iss"], practice.url(""));
    assert_eq!(
        (
            &claims["sub"],
            &claims["aud"],
            &claims["nonce"],
            &claims["name"]
        ),
        (
            &json!("1"),
            &json!("practice-public"),
            &json!("n-1"),
            &json!("Ada Lovelace")
        )
    );
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(me(&practice, access).json()["name"], "Ada Lovelace");
    // A second use of the code is refused and revokes what the first one issued.
    let again = refused(&exchange(&practice, code, VERIFIER), 400, "invalid_grant");
    assert!(again.contains("already used"), "{again}");
    me(&practice, access).is(4, 401);
    let denied = sent_back(&through_the_page(&practice, &items, "deny"));
    assert_eq!(denied["error"], "access_denied");
    assert_eq!(denied["state"], "a<\"b");
    assert_eq!(denied.get("code"), None);
}

#[test]
fn a_wrong_verifier_spends_the_code() {
    let practice = Practice::start();
    let code = approved_code(&practice, "practice-public", "read");
    let other = "x".repeat(43);
    let said = refused(&exchange(&practice, &code, &other), 400, "invalid_grant");
    assert!(said.contains("code_verifier does not match"), "{said}");
    refused(&exchange(&practice, &code, VERIFIER), 400, "invalid_grant");
    let short = refused(&exchange(&practice, &code, "short"), 400, "invalid_request");
    assert!(short.contains("43 to 128"), "{short}");
    refused(
        &exchange(&practice, "ac_unknown", VERIFIER),
        400,
        "invalid_grant",
    );
    let code = approved_code(&practice, "practice-public", "read");
    let items = [
        "grant_type=authorization_code",
        "client_id=practice-public",
        &format!("code={code}"),
        "redirect_uri=http://127.0.0.1:9/elsewhere",
        &format!("code_verifier={VERIFIER}"),
    ];
    let said = refused(
        &post(&practice, "/oauth/token", &items),
        400,
        "invalid_grant",
    );
    assert!(said.contains("redirect_uri"), "{said}");
}

#[test]
fn a_bad_client_or_redirect_uri_gets_a_page_and_no_redirect() {
    let practice = Practice::start();
    let url = practice.at("/oauth/authorize");
    for (client, redirect) in [
        ("practice-public", "http://attacker.example/cb"),
        ("practice-public", "https://127.0.0.1/cb"),
        ("nobody", REDIRECT),
    ] {
        let client = format!("client_id=={client}");
        let redirect = format!("redirect_uri=={redirect}");
        let answer = ask(&[
            &url,
            "response_type==code",
            &client,
            &redirect,
            "auto==approve",
        ]);
        answer.is(4, 400);
        assert_eq!(answer.header("Location"), None);
        assert_eq!(
            answer.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
    }
    // Once the redirect URI is trusted, errors go back to it (RFC 6749 §4.1.2.1).
    let mut items = authorization("practice-public", &["state==s", "auto==approve"]);
    items.retain(|item| !item.starts_with("code_challenge"));
    let mut args = vec![url.as_str()];
    args.extend(items.iter().map(String::as_str));
    let back = sent_back(&ask(&args));
    assert_eq!(back["error"], "invalid_request");
    assert!(back["error_description"].contains("PKCE is required"));
    assert_eq!(back["state"], "s");
    for (from, to, error) in [
        (
            "code_challenge_method==S256",
            "code_challenge_method==plain",
            "invalid_request",
        ),
        (
            "response_type==code",
            "response_type==token",
            "unsupported_response_type",
        ),
        ("auto==approve", "scope==admin", "invalid_scope"),
    ] {
        let items: Vec<String> = authorization("practice-public", &["auto==approve"])
            .into_iter()
            .map(|item| if item == from { to.to_owned() } else { item })
            .collect();
        let mut args = vec![url.as_str()];
        args.extend(items.iter().map(String::as_str));
        assert_eq!(sent_back(&ask(&args))["error"], error, "{to}");
    }
}

#[test]
fn hit_explain_points_at_the_practice_endpoints() {
    for (topic, endpoint) in [
        ("oauth", ":8080/oauth/token"),
        ("pkce", "/oauth/authorize"),
        ("refresh-token", "grant_type=refresh_token"),
        ("device-flow", ":8080/oauth/device"),
    ] {
        let run = crate::support::hit(&["explain", topic]).run();
        run.success();
        let page = run
            .stdout()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(page.contains(endpoint), "{topic}: {page}");
        assert!(page.contains("hit serve"), "{topic}");
    }
    for (alias, topic) in [
        ("oauth2", "oauth"),
        ("OIDC", "oauth"),
        ("refresh", "refresh-token"),
    ] {
        let by_alias = crate::support::hit(&["explain", alias]).run();
        assert_eq!(
            by_alias.stdout,
            crate::support::hit(&["explain", topic]).run().stdout
        );
    }
}
