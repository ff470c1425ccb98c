//! Redaction (SPEC §8): wherever hit shows a request or a response (`-v`, `-p Hh`,
//! `--offline`, `--curl`, `--output-format json`, warnings), credentials are shown as `••••`
//! unless `--show-secrets`, and what is sent stays the same.

use base64::Engine;

use crate::support::{Recorded, Reply, Run, Server, hit};

const TOKEN: &str = "tok-SECRET-1";
const PASSWORD: &str = "pw-SECRET-2";
const COOKIE_VALUE: &str = "ck-SECRET-3";
const SET_COOKIE_VALUE: &str = "sc-SECRET-4";
const URL_PASSWORD: &str = "url-SECRET-5";
const LOCATION_PASSWORD: &str = "loc-SECRET-6";
const PROXY_CREDENTIALS: &str = "px-SECRET-7";

/// Every secret of every case, and the Basic tokens made from them.
fn secrets() -> Vec<String> {
    let basic = |pair: &str| base64::engine::general_purpose::STANDARD.encode(pair);
    let mut all: Vec<String> = [
        TOKEN,
        PASSWORD,
        COOKIE_VALUE,
        SET_COOKIE_VALUE,
        URL_PASSWORD,
        LOCATION_PASSWORD,
        PROXY_CREDENTIALS,
    ]
    .map(String::from)
    .to_vec();
    all.push(basic(&format!("ada:{PASSWORD}")));
    all.push(basic(&format!("ada:{URL_PASSWORD}")));
    all
}

/// A server that creates something: a cookie and a Location carrying a password.
fn server() -> Server {
    Server::reply(
        Reply::new(201)
            .header(
                "Set-Cookie",
                &format!("sid={SET_COOKIE_VALUE}; Path=/; HttpOnly"),
            )
            .header(
                "Location",
                &format!("http://ada:{LOCATION_PASSWORD}@example.test/items/1"),
            ),
    )
}

/// A bearer token, cookies and a Proxy-Authorization header, shown as `view` says.
fn with_token(server: &Server, view: &[&str], show_secrets: bool) -> Run {
    let url = server.url("/items");
    let cookie = format!("Cookie:session={COOKIE_VALUE}; theme=dark");
    let proxy = format!("Proxy-Authorization:Basic {PROXY_CREDENTIALS}");
    let mut args = view.to_vec();
    if show_secrets {
        args.push("--show-secrets");
    }
    args.extend(["--bearer", TOKEN, &url, &cookie, &proxy]);
    hit(&args).run()
}

#[track_caller]
fn assert_hidden(run: &Run) {
    let stdout = String::from_utf8_lossy(&run.stdout);
    for secret in secrets() {
        assert!(!stdout.contains(&secret), "{secret} on stdout:\n{stdout}");
        assert!(
            !run.stderr.contains(&secret),
            "{secret} on stderr:\n{run:#?}"
        );
    }
}

#[track_caller]
fn assert_lines(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            text.lines().any(|l| l == *line),
            "no line {line:?} in:\n{text}"
        );
    }
}

/// The server received the real values.
#[track_caller]
fn assert_token_sent(request: &Recorded) {
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(request.header("authorization"), Some(bearer.as_str()));
    let cookie = format!("session={COOKIE_VALUE}; theme=dark");
    assert_eq!(request.header("cookie"), Some(cookie.as_str()));
    let proxy = format!("Basic {PROXY_CREDENTIALS}");
    assert_eq!(request.header("proxy-authorization"), Some(proxy.as_str()));
}

/// The request headers as `-v`, `-p H` and `--offline` show them.
const REQUEST_SHAPES: &[&str] = &[
    "Authorization: Bearer ••••",
    "Cookie: session=••••; theme=••••",
    "Proxy-Authorization: Basic ••••",
];

/// The response headers as `-v` and `-p h` show them.
const RESPONSE_SHAPES: &[&str] = &[
    "Set-Cookie: sid=••••; Path=/; HttpOnly",
    "Location: http://ada:••••@example.test/items/1",
];

#[test]
fn verbose_hides_credentials_in_the_request_and_the_response() {
    let server = server();
    let run = with_token(&server, &["-v"], false);
    run.success();
    assert_hidden(&run);
    assert_lines(&run.stdout(), REQUEST_SHAPES);
    assert_lines(&run.stdout(), RESPONSE_SHAPES);
    assert_token_sent(&server.only_request());
}

#[test]
fn print_headers_hides_credentials_and_keeps_the_layout() {
    let server = server();
    let run = with_token(&server, &["-p", "Hh"], false);
    run.success();
    assert_hidden(&run);
    let port = server.addr.port();
    let shown: Vec<&str> = run
        .stdout
        .split(|&b| b == b'\n')
        .map(|line| std::str::from_utf8(line).unwrap())
        .filter(|line| !line.starts_with("Date:"))
        .collect();
    let expected = format!(
        "GET /items HTTP/1.1\n\
         Host: 127.0.0.1:{port}\n\
         User-Agent: hit/{}\n\
         Accept: */*\n\
         Accept-Encoding: gzip, deflate, br\n\
         Authorization: Bearer ••••\n\
         Cookie: session=••••; theme=••••\n\
         Proxy-Authorization: Basic ••••\n\
         \n\
         HTTP/1.1 201 Created\n\
         Set-Cookie: sid=••••; Path=/; HttpOnly\n\
         Location: http://ada:••••@example.test/items/1\n\
         Content-Length: 0\n\
         \n",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(shown.join("\n"), expected);
    assert_token_sent(&server.only_request());
}

#[test]
fn offline_hides_credentials_and_sends_nothing() {
    let server = server();
    let run = with_token(&server, &["--offline"], false);
    run.success();
    assert_hidden(&run);
    assert_lines(&run.stdout(), REQUEST_SHAPES);
    assert!(server.requests().is_empty(), "--offline sent a request");
}

#[test]
fn curl_reads_credentials_from_shell_variables_and_says_which() {
    let server = server();
    let run = with_token(&server, &["--curl"], false);
    run.success();
    assert_hidden(&run);
    let stdout = run.stdout();
    let mut lines = stdout.lines();
    let command = lines.next().unwrap();
    for word in [
        r#" -H "Authorization: Bearer $HIT_TOKEN""#,
        r#" -H "Cookie: session=$HIT_SESSION; theme=$HIT_THEME""#,
        r#" -H "Proxy-Authorization: Basic $HIT_PROXY_TOKEN""#,
    ] {
        assert!(command.contains(word), "no {word:?} in {command}");
    }
    assert_eq!(lines.count(), 0, "{stdout}");
    assert_eq!(
        run.stderr,
        "hit: set HIT_TOKEN, HIT_SESSION, HIT_THEME and HIT_PROXY_TOKEN before running the \
         command, which reads the secrets from them (--show-secrets prints the secrets \
         instead)\n"
    );
    assert!(server.requests().is_empty(), "--curl sent a request");
}

#[test]
fn curl_without_secrets_has_no_note() {
    let server = Server::ok();
    let run = hit(&["--curl", &server.url("/"), "X-A:1"]).run();
    run.success();
    assert!(!run.stdout().contains('#'), "{}", run.stdout());
}

/// The `[name, value]` pairs of a document's headers.
fn pairs(headers: &serde_json::Value) -> Vec<(String, String)> {
    headers
        .as_array()
        .expect("headers are an array")
        .iter()
        .map(|pair| {
            let text = |i: usize| pair[i].as_str().unwrap().to_string();
            (text(0), text(1))
        })
        .collect()
}

#[track_caller]
fn assert_pair(pairs: &[(String, String)], name: &str, value: &str) {
    let pair = (name.to_string(), value.to_string());
    assert!(pairs.contains(&pair), "no {pair:?} in {pairs:#?}");
}

#[test]
fn output_format_json_hides_credentials_and_stays_json() {
    let server = server();
    let run = with_token(&server, &["--output-format", "json"], false);
    run.success();
    assert_hidden(&run);
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).expect("one JSON document");
    let request = pairs(&doc["request"]["headers"]);
    assert_pair(&request, "Authorization", "Bearer ••••");
    assert_pair(&request, "Cookie", "session=••••; theme=••••");
    assert_pair(&request, "Proxy-Authorization", "Basic ••••");
    let response = pairs(&doc["response"]["headers"]);
    assert_pair(&response, "set-cookie", "sid=••••; Path=/; HttpOnly");
    let location = "http://ada:••••@example.test/items/1";
    assert_pair(&response, "location", location);
    assert_token_sent(&server.only_request());
}

#[test]
fn output_format_json_hides_credentials_of_a_request_that_failed() {
    let run = hit(&[
        "--output-format",
        "json",
        "--bearer",
        TOKEN,
        "http://127.0.0.1:1/x",
    ])
    .run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_hidden(&run);
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).expect("one JSON document");
    assert_pair(
        &pairs(&doc["request"]["headers"]),
        "Authorization",
        "Bearer ••••",
    );
}

#[test]
fn show_secrets_shows_them_in_every_view() {
    let token_views: &[&[&str]] = &[
        &["-v"],
        &["-p", "Hh"],
        &["--offline"],
        &["--curl"],
        &["--output-format", "json"],
    ];
    for view in token_views {
        let server = server();
        let run = with_token(&server, view, true);
        run.success();
        let stdout = run.stdout();
        assert!(!stdout.contains("••••"), "{view:?}:\n{stdout}");
        for secret in [TOKEN, COOKIE_VALUE, PROXY_CREDENTIALS] {
            assert!(
                stdout.contains(secret),
                "{view:?}: no {secret} in\n{stdout}"
            );
        }
        if !view.contains(&"--offline") && !view.contains(&"--curl") {
            assert!(stdout.contains(SET_COOKIE_VALUE), "{view:?}:\n{stdout}");
            assert!(stdout.contains(LOCATION_PASSWORD), "{view:?}:\n{stdout}");
            assert_token_sent(&server.only_request());
        }
    }
}

#[test]
fn basic_auth_is_hidden_and_curl_gets_the_user_alone() {
    let server = server();
    let url = server.url("/private");
    let user = format!("ada:{PASSWORD}");
    let sent = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(&user)
    );
    for view in [&["-v"][..], &["-p", "Hh"], &["--offline"]] {
        let mut args = view.to_vec();
        args.extend(["-u", &user, &url]);
        let run = hit(&args).run();
        run.success();
        assert_hidden(&run);
        assert_lines(&run.stdout(), &["Authorization: Basic ••••"]);
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.header("authorization"), Some(sent.as_str()));
    }

    let run = hit(&["--curl", "-u", &user, &url]).run();
    run.success();
    assert_hidden(&run);
    assert!(
        run.stdout().contains(r#" -u "ada:$HIT_PASSWORD""#),
        "{}",
        run.stdout()
    );
    let run = hit(&["--curl", "--show-secrets", "-u", &user, &url]).run();
    assert!(
        run.stdout().contains(&format!(" -u {user}")),
        "{}",
        run.stdout()
    );
    assert!(!run.stdout().contains('#'), "{}", run.stdout());
}

#[test]
fn a_password_in_the_url_is_hidden_everywhere() {
    let server = server();
    let url = format!("http://ada:{URL_PASSWORD}@{}/u", server.addr);
    for view in [
        &["-v"][..],
        &["-p", "Hh"],
        &["--offline"],
        &["--curl"],
        &["--output-format", "json"],
    ] {
        let mut args = view.to_vec();
        args.push(&url);
        let run = hit(&args).run();
        run.success();
        assert_hidden(&run);
        // --curl gives the user to -u and reads the password from a shell variable.
        let shown = match view {
            ["--curl"] => r#" -u "ada:$HIT_PASSWORD""#,
            _ => "Basic ••••",
        };
        assert!(run.stdout().contains(shown), "{}", run.stdout());
    }
    let sent = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("ada:{URL_PASSWORD}"))
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.header("authorization"), Some(sent.as_str()));
    }
}

#[test]
fn proxy_credentials_are_hidden_in_curl() {
    let proxy = format!("http://pu:{URL_PASSWORD}@127.0.0.1:3128");
    let user = format!("bob:{PASSWORD}");
    let run = hit(&["--curl", "-x", &proxy, "-U", &user, "http://a.test/x"]).run();
    run.success();
    assert_hidden(&run);
    let stdout = run.stdout();
    assert!(
        stdout.contains(r#" -x http://127.0.0.1:3128/ "#),
        "{stdout}"
    );
    assert!(
        stdout.contains(r#" --proxy-user "bob:$HIT_PROXY_PASSWORD""#),
        "{stdout}"
    );
}

#[test]
fn a_redirect_not_followed_hides_the_password_of_its_location() {
    let location = format!("http://ada:{LOCATION_PASSWORD}@example.test/next");
    let server = Server::reply(Reply::new(302).header("Location", &location));
    let run = hit(&[&server.url("/")]).run();
    assert_eq!(run.code, 3, "{run:#?}");
    assert_hidden(&run);
    assert_eq!(
        run.stderr,
        "hit: warning: 302 Found to http://ada:••••@example.test/next was not followed \
         (pass -L to follow redirects)\n"
    );
}

#[test]
fn an_error_line_hides_the_password_of_a_url() {
    let url = format!("http://ada:{URL_PASSWORD}@[::1/x");
    let run = hit(&[&url]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_hidden(&run);
    assert_eq!(
        run.stderr,
        "hit: error: bad URL 'http://ada:••••@[::1/x': invalid IPv6 address\n"
    );
}

#[test]
fn write_out_asks_for_a_header_by_name_and_gets_it() {
    let server = server();
    let run = hit(&["-w", "%header{set-cookie}", &server.url("/")]).run();
    run.success();
    assert_eq!(
        run.stdout(),
        format!("sid={SET_COOKIE_VALUE}; Path=/; HttpOnly")
    );
}

#[test]
fn a_bad_proxy_never_shows_its_password() {
    // Without a scheme, with an '@' in the password, on the command line or in the
    // environment: the message names the proxy with its password hidden.
    let server = Server::ok();
    for (proxy, shown) in [
        (
            "bob:s3cr3tP@127.0.0.1:notaport",
            "bob:••••@127.0.0.1:notaport",
        ),
        (
            "socks5://bob:p@ssw0rd@127.0.0.1:99999",
            "socks5://bob:••••@127.0.0.1:99999",
        ),
    ] {
        let run = hit(&["-x", proxy, &server.url("/")]).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(run.stderr.contains(&format!("'{shown}'")), "{}", run.stderr);
        assert!(!run.stderr.contains("s3cr3tP") && !run.stderr.contains("ssw0rd"));
        let run = hit(&[&server.url("/")]).env("http_proxy", proxy).run();
        assert!(run.stderr.contains(shown), "{}", run.stderr);
        assert!(!run.stderr.contains("s3cr3tP") && !run.stderr.contains("ssw0rd"));
    }
}
