//! OAuth 2.0 profiles (issue 28, the client side): client credentials end to end, the
//! token cache and its key, refresh on expiry with rotation, the renewal after a refused
//! token, two processes refreshing at once, and the authorization server's refusals.
//! The authorization servers are fakes on 127.0.0.1 that record what they received.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine;

use crate::support::{Hit, Recorded, Reply, Run, Server, hit};

/// A private config directory (profiles) and data directory (tokens) for one test.
pub(crate) struct OAuth {
    config: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl OAuth {
    pub(crate) fn new() -> OAuth {
        OAuth {
            config: tempfile::tempdir().unwrap(),
            data: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn hit(&self, args: &[&str]) -> Hit {
        hit(args)
            .env("HIT_CONFIG_DIR", self.config.path().to_str().unwrap())
            .env("HIT_DATA_DIR", self.data.path().to_str().unwrap())
            .env("CLIENT_SECRET", "s3cret")
    }

    #[track_caller]
    pub(crate) fn ok(&self, args: &[&str]) -> Run {
        let run = self.hit(args).run();
        assert_eq!(run.code, 0, "hit {args:?}: {run:#?}");
        run
    }

    /// `hit profile add api --base-url SERVER --oauth …`.
    #[track_caller]
    pub(crate) fn profile(&self, server: &Server, extra: &[&str]) {
        let base = server.url("/");
        let mut args = vec![
            "profile",
            "add",
            "api",
            "--base-url",
            base.as_str(),
            "--force",
        ];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    pub(crate) fn cache_path(&self) -> std::path::PathBuf {
        self.data.path().join("tokens/api.json")
    }

    pub(crate) fn cache(&self) -> serde_json::Value {
        let text = fs::read_to_string(self.cache_path()).unwrap_or_else(|_| "{}".into());
        serde_json::from_str(&text).unwrap()
    }

    /// Tokens written as an earlier login would have, expiring at `expires_at`.
    pub(crate) fn seed(&self, server: &Server, access: &str, refresh: &str, expires_at: i64) {
        let key = serde_json::json!({
            "server": server.url("/token"), "client_id": "cli", "scopes": ["read"],
        });
        self.seed_raw(&key, access, refresh, expires_at);
    }

    /// Tokens for the cache key `key` (its server, client and scopes).
    pub(crate) fn seed_raw(
        &self,
        key: &serde_json::Value,
        access: &str,
        refresh: &str,
        expires_at: i64,
    ) {
        let mut entry: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(self.cache_path()).unwrap_or("{}".into()))
                .unwrap();
        entry["key"] = key.clone();
        entry["tokens"] = serde_json::json!({
            "access_token": access, "refresh_token": refresh, "expires_at": expires_at,
        });
        let dir = self.data.path().join("tokens");
        fs::create_dir_all(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
        fs::write(self.cache_path(), entry.to_string()).unwrap();
        fs::set_permissions(self.cache_path(), fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// The form fields of a request body.
pub(crate) fn form(request: &Recorded) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body)
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect()
}

pub(crate) fn field(request: &Recorded, name: &str) -> Option<String> {
    form(request)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

pub(crate) fn token_reply(access: &str, refresh: Option<&str>, expires_in: u32) -> Reply {
    let mut body = serde_json::json!({
        "access_token": access, "token_type": "Bearer", "expires_in": expires_in,
    });
    if let Some(refresh) = refresh {
        body["refresh_token"] = refresh.into();
    }
    Reply::json(200, &body.to_string()).header("Cache-Control", "no-store")
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The API answers 200 with the bearer token it got, or 401 as RFC 6750 §3.1 says.
pub(crate) fn api(request: &Recorded, valid: &[&str]) -> Reply {
    let token = request
        .header("authorization")
        .and_then(|a| a.strip_prefix("Bearer "));
    match token {
        Some(token) if valid.contains(&token) => Reply::json(200, r#"{"ok":true}"#),
        _ => Reply::new(401).header(
            "WWW-Authenticate",
            r#"Bearer realm="api", error="invalid_token", error_description="expired""#,
        ),
    }
}

fn client_credentials(oauth: &OAuth, server: &Server) {
    let token_url = server.url("/token");
    oauth.profile(
        server,
        &[
            "--oauth",
            "client_credentials",
            "--client-id",
            "cli",
            "--client-secret-env",
            "CLIENT_SECRET",
            "--token-url",
            &token_url,
            "--scope",
            "read",
        ],
    );
}

#[test]
fn client_credentials_get_a_token_once_and_send_it() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => token_reply("T1", None, 3600),
        _ => api(r, &["T1"]),
    });
    client_credentials(&oauth, &server);
    let first = oauth.ok(&["-P", "api", "/me"]);
    assert_eq!(first.stdout(), "{\"ok\":true}");
    let second = oauth.ok(&["-P", "api", "-v", "/me"]);

    let requests = server.requests();
    let paths: Vec<_> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        paths,
        ["/token", "/me", "/me"],
        "the cached token is reused"
    );
    let token = &requests[0];
    assert_eq!(token.method, "POST");
    assert_eq!(
        token.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let basic = base64::engine::general_purpose::STANDARD.encode("cli:s3cret");
    assert_eq!(
        token.header("authorization"),
        Some(format!("Basic {basic}").as_str())
    );
    assert_eq!(
        form(token),
        [
            ("grant_type".into(), "client_credentials".into()),
            ("scope".into(), "read".into())
        ]
    );
    assert_eq!(requests[1].header("authorization"), Some("Bearer T1"));
    assert_eq!(requests[2].header("authorization"), Some("Bearer T1"));

    // The cache is private and holds the token; no output shows it.
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&oauth.cache_path()), 0o600);
    assert_eq!(mode(oauth.cache_path().parent().unwrap()), 0o700);
    assert_eq!(oauth.cache()["tokens"]["access_token"], "T1");
    assert!(
        !fs::read_to_string(oauth.config.path().join("profiles/api.toml"))
            .unwrap()
            .contains("T1")
    );
    for run in [&first, &second] {
        assert!(
            !run.stderr.contains("T1") && !run.stdout().contains("T1"),
            "{run:#?}"
        );
        assert!(!run.stderr.contains("s3cret"), "{run:#?}");
    }
    assert!(
        second.stderr.contains("Authorization: Bearer ••••")
            || second.stdout().contains("Authorization: Bearer ••••"),
        "{second:#?}"
    );
    let printed = oauth.ok(&["auth", "token", "api"]);
    assert_eq!(printed.stdout(), "T1\n");
}

#[test]
fn previews_and_json_never_show_the_token() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => token_reply("SECRET-TOKEN", None, 3600),
        _ => api(r, &["SECRET-TOKEN"]),
    });
    client_credentials(&oauth, &server);
    oauth.ok(&["auth", "login", "api"]);
    for args in [
        &["-P", "api", "--offline", "/me"][..],
        &["-P", "api", "--curl", "/me"],
        &["-P", "api", "-v", "/me"],
        &["-P", "api", "--output-format", "json", "/me"],
        &["auth", "status", "api"],
    ] {
        let run = oauth.ok(args);
        let all = format!("{}{}", run.stdout(), run.stderr);
        assert!(!all.contains("SECRET-TOKEN"), "{args:?}: {all}");
    }
    let status = oauth.ok(&["auth", "status", "api"]).stdout();
    assert!(
        status.contains("flow            client_credentials\n"),
        "{status}"
    );
    assert!(status.contains("access token    valid for"), "{status}");
    assert!(status.contains("refresh token   none\n"), "{status}");
}

#[test]
fn a_token_about_to_expire_is_refreshed_and_a_rotated_refresh_token_kept() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => token_reply("T2", Some("R2"), 3600),
        _ => api(r, &["T2"]),
    });
    client_credentials(&oauth, &server);
    // It expires in 10 s: within the 30 s margin.
    oauth.seed(&server, "T1", "R1", now() + 10);
    oauth.ok(&["-P", "api", "/me"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert_eq!(
        form(&requests[0]),
        [
            ("grant_type".into(), "refresh_token".into()),
            ("refresh_token".into(), "R1".into())
        ]
    );
    assert_eq!(requests[1].header("authorization"), Some("Bearer T2"));
    assert_eq!(oauth.cache()["tokens"]["refresh_token"], "R2");
}

#[test]
fn a_refused_token_is_refreshed_once_and_the_request_sent_again() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => token_reply("T2", Some("R2"), 3600),
        _ => api(r, &["T2"]),
    });
    client_credentials(&oauth, &server);
    // The server revoked T1 before its time.
    oauth.seed(&server, "T1", "R1", now() + 3600);
    let run = oauth.ok(&["-P", "api", "/me", "a=1"]);
    assert_eq!(run.stdout(), "{\"ok\":true}");
    assert_eq!(
        run.stderr,
        "hit: the access token was refused; refreshed it and sent the request again\n"
    );
    let requests = server.requests();
    let seen: Vec<_> = requests
        .iter()
        .map(|r| {
            (
                r.target.as_str(),
                r.header("authorization").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(seen[0], ("/me", "Bearer T1".to_string()));
    assert_eq!(seen[1].0, "/token");
    assert_eq!(seen[2], ("/me", "Bearer T2".to_string()));
    assert_eq!(
        requests[2].body_str(),
        r#"{"a":"1"}"#,
        "the body is sent again"
    );

    // Refused again: no second renewal, the 401 is the answer.
    let stubborn = Server::start(|r| match r.target.as_str() {
        "/token" => token_reply("T3", None, 3600),
        _ => api(r, &[]),
    });
    client_credentials(&oauth, &stubborn);
    oauth.seed(&stubborn, "T1", "R1", now() + 3600);
    let run = oauth.hit(&["-P", "api", "/me"]).run();
    assert_eq!(run.code, 4, "{run:#?}");
    let paths: Vec<_> = stubborn
        .requests()
        .iter()
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(paths, ["/me", "/token", "/me"]);
}

#[test]
fn two_processes_refreshing_at_once_keep_the_rotated_token() {
    let oauth = OAuth::new();
    let refreshes = Arc::new(AtomicUsize::new(0));
    let counted = refreshes.clone();
    let server = Server::start(move |r| match r.target.as_str() {
        "/token" => {
            // Rotation with reuse detection: R1 is good once.
            let n = counted.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(300));
            match (n, field(r, "refresh_token").as_deref()) {
                (0, Some("R1")) => token_reply("T2", Some("R2"), 3600),
                _ => Reply::json(400, r#"{"error":"invalid_grant"}"#),
            }
        }
        _ => api(r, &["T2"]),
    });
    client_credentials(&oauth, &server);
    oauth.seed(&server, "T1", "R1", now() - 5);
    let children: Vec<_> = (0..2)
        .map(|_| oauth.hit(&["-P", "api", "/me"]).spawn())
        .collect();
    for child in children {
        let run = crate::support::collect(child);
        assert_eq!(run.code, 0, "{run:#?}");
    }
    assert_eq!(
        refreshes.load(Ordering::SeqCst),
        1,
        "the second used the first's token"
    );
    assert_eq!(oauth.cache()["tokens"]["refresh_token"], "R2");
    assert_eq!(oauth.cache()["tokens"]["access_token"], "T2");
}

#[test]
fn a_refused_refresh_token_clears_the_cache_and_asks_for_a_login() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => Reply::json(
            400,
            r#"{"error":"invalid_grant","error_description":"refresh token revoked"}"#,
        ),
        _ => api(r, &[]),
    });
    let token_url = server.url("/token");
    let authorize = server.url("/authorize");
    oauth.profile(
        &server,
        &[
            "--oauth",
            "authorization_code",
            "--client-id",
            "cli",
            "--token-url",
            &token_url,
            "--authorization-url",
            &authorize,
            "--scope",
            "read",
        ],
    );
    oauth.seed(&server, "T1", "R1", now() - 5);
    let run = oauth.hit(&["-P", "api", "/me"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: profile 'api': the cached refresh token was refused (invalid_grant \
         (refresh token revoked)); the cached tokens are forgotten: run 'hit auth login api'\n"
    );
    assert!(oauth.cache().get("tokens").is_none(), "{}", oauth.cache());
    // With nothing cached, a flow that needs a person says where to run it.
    let run = oauth.hit(&["-P", "api", "/me"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: profile 'api' has no usable token (flow = \"authorization_code\" needs a \
         person to log in): run 'hit auth login api' where a browser is available, or use \
         client_credentials/refresh_token in CI\n"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "no request went out without a token"
    );
}

#[test]
fn the_authorization_servers_refusals_are_one_line_and_change_nothing() {
    let oauth = OAuth::new();
    let server = Server::start(|r| {
        match r.target.as_str() {
        "/token" => Reply::json(
            401,
            r#"{"error":"invalid_client","error_description":"bad secret","error_uri":"https://auth.example/e"}"#,
        )
        .header("WWW-Authenticate", "Basic realm=\"token\""),
        "/malformed" => Reply::json(200, r#"{"token":"T-NOT-SHOWN"}"#),
        _ => api(r, &[]),
    }
    });
    client_credentials(&oauth, &server);
    let run = oauth.hit(&["auth", "login", "api"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let token_url = server.url("/token");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the token endpoint {token_url} refused: invalid_client (bad secret; \
             see https://auth.example/e)\n"
        )
    );
    assert!(!oauth.cache_path().exists());

    let malformed = server.url("/malformed");
    oauth.profile(
        &server,
        &[
            "--oauth",
            "client_credentials",
            "--client-id",
            "cli",
            "--token-url",
            &malformed,
        ],
    );
    let run = oauth.hit(&["-P", "api", "/me"]).run();
    assert_eq!(run.code, 9, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the token endpoint {malformed} answered 200 OK without an \
             access_token\n"
        )
    );
}

#[test]
fn a_token_endpoint_that_hangs_ends_in_a_line() {
    let oauth = OAuth::new();
    let (port, _) = crate::support::raw_server(|_| crate::support::Raw::Stall(b""));
    let api = Server::ok();
    let token_url = format!("http://127.0.0.1:{port}/token");
    oauth.profile(
        &api,
        &[
            "--oauth",
            "client_credentials",
            "--client-id",
            "cli",
            "--token-url",
            &token_url,
        ],
    );
    let run = oauth.hit(&["-P", "api", "-m", "1", "/me"]).run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(run.stderr.starts_with("hit: error: "), "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
    assert!(api.requests().is_empty());
    let run = oauth.hit(&["auth", "login", "api", "-m", "1"]).run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
}

#[test]
fn changing_the_client_or_scopes_asks_for_new_tokens() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => token_reply("NEW", None, 3600),
        _ => api(r, &["NEW"]),
    });
    client_credentials(&oauth, &server);
    oauth.seed(&server, "OLD", "R1", now() + 3600);
    let token_url = server.url("/token");
    oauth.profile(
        &server,
        &[
            "--oauth",
            "client_credentials",
            "--client-id",
            "cli",
            "--client-secret-env",
            "CLIENT_SECRET",
            "--token-url",
            &token_url,
            "--scope",
            "read",
            "--scope",
            "write",
        ],
    );
    oauth.ok(&["-P", "api", "/me"]);
    let requests = server.requests();
    assert_eq!(requests[0].target, "/token", "the old token is not sent");
    assert_eq!(field(&requests[0], "scope").as_deref(), Some("read write"));
    assert_eq!(requests[1].header("authorization"), Some("Bearer NEW"));
}

#[test]
fn hit_run_hit_test_and_saved_requests_send_the_token() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => token_reply("T1", None, 3600),
        _ => api(r, &["T1"]),
    });
    client_credentials(&oauth, &server);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.http");
    fs::write(&file, "GET /a\n\n###\nGET /b\n").unwrap();
    let file = file.to_str().unwrap();
    oauth.ok(&["run", "-P", "api", file]);
    oauth.ok(&["test", "-P", "api", file]);
    oauth.ok(&["save", "me", "-P", "api", "/me"]);
    oauth.ok(&["-P", "api", "@me"]);
    let requests = server.requests();
    let paths: Vec<_> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(paths, ["/token", "/a", "/b", "/a", "/b", "/me"]);
    for request in &requests[1..] {
        assert_eq!(
            request.header("authorization"),
            Some("Bearer T1"),
            "{request:#?}"
        );
    }
}

#[test]
fn mistakes_in_the_profile_file_name_their_key() {
    let oauth = OAuth::new();
    let dir = oauth.config.path().join("profiles");
    fs::create_dir_all(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    let cases = [
        ("client_secret = \"s\"", "unknown field `client_secret`"),
        ("flow = \"implicit\"", "flow is one of client_credentials"),
        (
            "token_url = \"http://auth.example/token\"",
            "token_url must be an https:// URL",
        ),
        ("redirect_port = \"x\"", "invalid type"),
        (
            "token_env = \"T\"",
            "token_env belongs to type = \"bearer\"",
        ),
    ];
    for (line, expected) in cases {
        let mut text = String::from("[auth]\ntype = \"oauth2\"\nclient_id = \"cli\"\n");
        if !line.starts_with("flow") {
            text.push_str("flow = \"client_credentials\"\n");
        }
        if !line.starts_with("token_url") {
            text.push_str("token_url = \"https://auth.example/token\"\n");
        }
        text.push_str(line);
        text.push('\n');
        let path = dir.join("api.toml");
        fs::write(&path, &text).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let run = oauth.hit(&["auth", "status", "api"]).run();
        // As any mistake in a profile file.
        assert_eq!(run.code, 1, "{line}: {run:#?}");
        assert_eq!(run.stderr.lines().count(), 1, "{line}: {run:#?}");
        assert!(run.stderr.contains(expected), "{line}: {run:#?}");
    }
    let run = oauth
        .hit(&[
            "profile",
            "add",
            "x",
            "--oauth",
            "client_credentials",
            "--client-id",
            "c",
        ])
        .run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: --oauth: flow = \"client_credentials\" needs --token-url (or --issuer, to \
         find it)\n"
    );
    let run = oauth.hit(&["auth", "status", "nope"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
}

#[test]
fn client_credentials_whose_refresh_token_is_refused_get_new_tokens() {
    let oauth = OAuth::new();
    let server = Server::start(|r| match r.target.as_str() {
        "/token" => match field(r, "grant_type").as_deref() {
            Some("client_credentials") => token_reply("T9", None, 3600),
            _ => Reply::json(400, r#"{"error":"invalid_grant"}"#),
        },
        _ => api(r, &["T9"]),
    });
    client_credentials(&oauth, &server);
    oauth.seed(&server, "T1", "R1", now() - 5);
    let run = oauth.ok(&["-P", "api", "/me"]);
    assert_eq!(run.stderr, "");
    let grants: Vec<_> = server
        .requests()
        .iter()
        .filter_map(|r| field(r, "grant_type"))
        .collect();
    assert_eq!(grants, ["refresh_token", "client_credentials"]);
    assert_eq!(oauth.cache()["tokens"]["access_token"], "T9");
}
