//! The practice authorization server's clocks, in virtual seconds: codes, device codes and
//! access tokens expire, and a device that polls too fast waits five seconds more.

use super::*;

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const PUBLIC: &str = "client_id=practice-public";

impl Server {
    /// POST a form.
    async fn form(&self, path: &str, form: &str) -> Answer {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: \
             application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        );
        Answer::parse(&self.raw(request.as_bytes()).await)
    }

    async fn error(&self, path: &str, form: &str) -> String {
        let answer = self.form(path, form).await;
        assert_eq!(answer.status, 400, "{answer:#?}");
        answer.json()["error"].as_str().unwrap().to_owned()
    }

    async fn device(&self) -> (String, String) {
        let started = self.form("/oauth/device", PUBLIC).await.json();
        let text = |member: &str| started[member].as_str().unwrap().to_owned();
        (text("device_code"), text("user_code"))
    }
}

fn poll(device_code: &str) -> String {
    format!(
        "grant_type=urn:ietf:params:oauth:grant-type:device_code&{PUBLIC}&device_code={device_code}"
    )
}

#[tokio::test(start_paused = true)]
async fn a_device_that_polls_too_fast_waits_five_seconds_more_each_time() {
    let server = practice();
    let (device_code, user_code) = server.device().await;
    let poll = poll(&device_code);
    assert_eq!(
        server.error("/oauth/token", &poll).await,
        "authorization_pending"
    );
    tokio::time::advance(Duration::from_secs(4)).await;
    assert_eq!(server.error("/oauth/token", &poll).await, "slow_down");
    tokio::time::advance(Duration::from_secs(6)).await;
    assert_eq!(
        server.error("/oauth/token", &poll).await,
        "slow_down",
        "10 s now"
    );
    tokio::time::advance(Duration::from_secs(15)).await;
    assert_eq!(
        server.error("/oauth/token", &poll).await,
        "authorization_pending"
    );
    let approve = format!("/oauth/device?user_code={user_code}&auto=approve");
    assert_eq!(server.get(&approve).await.status, 200);
    tokio::time::advance(Duration::from_secs(15)).await;
    let tokens = server.form("/oauth/token", &poll).await;
    assert_eq!(tokens.status, 200, "{tokens:#?}");
}

#[tokio::test(start_paused = true)]
async fn device_codes_expire_after_ten_minutes() {
    let server = practice();
    let (device_code, user_code) = server.device().await;
    tokio::time::advance(Duration::from_secs(600)).await;
    let approve = format!("/oauth/device?user_code={user_code}&auto=approve");
    assert_eq!(
        server.get(&approve).await.status,
        400,
        "too late to approve"
    );
    assert_eq!(
        server.error("/oauth/token", &poll(&device_code)).await,
        "expired_token"
    );
    let again = server.error("/oauth/token", &poll(&device_code)).await;
    assert_eq!(again, "invalid_grant", "forgotten once expired");
}

#[tokio::test(start_paused = true)]
async fn codes_live_a_minute_and_access_tokens_their_ttl() {
    let limits = Limits {
        token_ttl: Duration::from_secs(30),
        ..Limits::default()
    };
    let server = Server::new(limits);
    let authorize = format!(
        "/oauth/authorize?response_type=code&{PUBLIC}&redirect_uri=http://127.0.0.1:9/cb\
         &code_challenge={CHALLENGE}&code_challenge_method=S256&auto=approve"
    );
    let code_of = |answer: Answer| {
        let location = answer.header("location").unwrap().to_owned();
        let url = url::Url::parse(&location).unwrap();
        url.query_pairs()
            .find(|(name, _)| name == "code")
            .unwrap()
            .1
            .into_owned()
    };
    let exchange = |code: &str| {
        format!(
            "grant_type=authorization_code&{PUBLIC}&code={code}\
             &redirect_uri=http://127.0.0.1:9/cb&code_verifier={VERIFIER}"
        )
    };
    let late = code_of(server.get(&authorize).await);
    tokio::time::advance(Duration::from_secs(61)).await;
    let answer = server.form("/oauth/token", &exchange(&late)).await;
    assert_eq!(answer.json()["error"], "invalid_grant");
    assert!(answer.body.contains("expired"), "{answer:#?}");
    let code = code_of(server.get(&authorize).await);
    let tokens = server.form("/oauth/token", &exchange(&code)).await.json();
    assert_eq!(tokens["expires_in"], 30);
    let bearer = format!(
        "Authorization: Bearer {}",
        tokens["access_token"].as_str().unwrap()
    );
    let me = server.send("GET", "/api/me", &[&bearer], "").await;
    assert_eq!((me.status, &me.json()["expires_in"]), (200, &json!(30)));
    tokio::time::advance(Duration::from_secs(42)).await;
    let me = server.send("GET", "/api/me", &[&bearer], "").await;
    assert_eq!(me.status, 401);
    let challenge = me.header("www-authenticate").unwrap();
    assert!(
        challenge.contains("error_description=\"the access token expired 12 s ago; refresh it\""),
        "{challenge}"
    );
}
