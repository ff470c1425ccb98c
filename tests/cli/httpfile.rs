//! `hit run FILE.http [NAME …]`: the `.http` files of the JetBrains HTTP Client and the
//! VS Code REST Client, against servers on 127.0.0.1.

use crate::support::{Recorded, Reply, Server, closed_port, hit};

/// A directory with these files; the path of the first.
fn files(files: &[(&str, &[u8])]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in files {
        std::fs::write(dir.path().join(name), contents).unwrap();
    }
    let first = dir.path().join(files[0].0).display().to_string();
    (dir, first)
}

/// Answers with the request's own path as a text body.
fn echo() -> Server {
    Server::start(|r: &Recorded| Reply::text(200, &format!("{} {}\n", r.method, r.target)))
}

#[test]
fn variables_dynamic_variables_and_one_connection() {
    let server = echo();
    let source = format!(
        "@host = {}\n@path = /users\n\
         ### list\nGET {{{{host}}}}{{{{path}}}}?page=2 HTTP/1.1\n\
         X-Id: {{{{$uuid}}}}\nX-Time: {{{{$timestamp}}}}\nX-Number: {{{{$randomInt}}}}\n\
         Authorization: Bearer {{{{$processEnv HIT_TEST_TOKEN}}}}\n\n\
         ###\n// comment\n{{{{host}}}}/plain\n    ?a=1\n    &b=2\n\n\
         ###\nPOST {{{{host}}}}/users\nContent-Type: application/json\n\n\
         {{\"name\": \"{{{{path}}}}\"}}\n\n\n",
        server.url("")
    );
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    let run = hit(&["run", &path]).env("HIT_TEST_TOKEN", "s3cret").run();
    run.success();
    assert_eq!(
        run.stdout(),
        "GET /users?page=2\nGET /plain?a=1&b=2\nPOST /users\n"
    );
    let requests = server.requests();
    let [list, plain, post] = &requests[..] else {
        panic!("{requests:#?}");
    };
    assert_eq!(list.header("x-id").unwrap().len(), 36);
    assert!(list.header("x-time").unwrap().parse::<u64>().unwrap() > 1_600_000_000);
    assert!(list.header("x-number").unwrap().parse::<u32>().unwrap() < 1000);
    assert_eq!(list.header("authorization"), Some("Bearer s3cret"));
    assert_eq!(plain.method, "GET");
    assert_eq!(post.body_str(), "{\"name\": \"/users\"}");
    assert_eq!(post.header("content-type"), Some("application/json"));
    // One client, kept alive: every request came on the same connection.
    assert!(
        requests.iter().all(|r| r.peer == list.peer),
        "{requests:#?}"
    );
}

#[test]
fn env_files_and_the_private_one_wins() {
    let server = echo();
    let env = format!(
        r#"{{"dev": {{"host": "{}", "token": "public"}}, "prod": {{"host": "http://example.invalid"}}}}"#,
        server.url("")
    );
    let private = r#"{"dev": {"token": "private"}}"#;
    let source = "GET {{host}}/me\nAuthorization: Bearer {{token}}\n";
    let (_dir, path) = files(&[
        ("api.http", source.as_bytes()),
        ("http-client.env.json", env.as_bytes()),
        ("http-client.private.env.json", private.as_bytes()),
    ]);
    hit(&["run", &path, "--env", "dev"]).run().success();
    assert_eq!(
        server.only_request().header("authorization"),
        Some("Bearer private")
    );
    let run = hit(&["run", &path, "--env", "qa"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --env qa: no environment 'qa' in http-client.env.json or \
         http-client.private.env.json (it has: dev, prod)\n"
    );
    // Without --env, {{host}} is no variable.
    let run = hit(&["run", &path]).run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("api.http:1: {{host}} is not a variable"),
        "{}",
        run.stderr
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn bodies_from_files_beside_the_http_file() {
    let server = Server::ok();
    let binary: &[u8] = b"\x00\x01\xffbytes\n";
    let source = format!(
        "PUT {}/blob\nContent-Type: application/octet-stream\n\n< ./blob.bin\n\n\
         ###\nPOST {}/text\n\nfirst line\n< ./part.txt\nlast line\n",
        server.url(""),
        server.url("")
    );
    let (_dir, path) = files(&[
        ("api.http", source.as_bytes()),
        ("blob.bin", binary),
        ("part.txt", b"from the file"),
    ]);
    // Run from elsewhere: the paths are relative to the .http file.
    hit(&["run", &path])
        .current_dir(std::env::temp_dir().as_path())
        .run()
        .success();
    let requests = server.requests();
    assert_eq!(requests[0].body, binary);
    assert_eq!(
        requests[1].body_str(),
        "first line\nfrom the file\nlast line"
    );
}

/// A login that returns a token and a Location, as an API would.
fn api() -> Server {
    Server::start(
        |r: &Recorded| match (r.method.as_str(), r.target.as_str()) {
            ("POST", "/login") => Reply::json(200, r#"{"token": "t0k", "user": {"ids": [7, 8]}}"#)
                .header("Location", "/users/7"),
            ("GET", "/me") if r.header("authorization") == Some("Bearer t0k") => {
                Reply::json(200, r#"{"me": true}"#)
            }
            ("GET", "/users/7") => Reply::text(200, "user 7"),
            ("GET", "/other") => Reply::text(200, "other"),
            _ => Reply::text(401, "no"),
        },
    )
}

const CHAINED: &str = "@host = HOST\n\
    ###\n# @name login\nPOST {{host}}/login\nContent-Type: application/json\n\n{\"user\": \"ada\"}\n\n\
    ###\n# @name other\nGET {{host}}/other\n\n\
    ###\n# @name me\nGET {{host}}/me\nAuthorization: Bearer {{login.response.body.$.token}}\n\
    X-Second: {{login.response.body.$['user'].ids[-1]}}\n\n\
    ###\n# @name user\nGET {{host}}{{login.response.headers.Location}}\n";

#[test]
fn responses_are_used_by_later_requests() {
    let server = api();
    let source = CHAINED.replace("HOST", &server.url(""));
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    let run = hit(&["run", &path]).run();
    run.success();
    assert_eq!(
        run.stdout(),
        "{\"token\": \"t0k\", \"user\": {\"ids\": [7, 8]}}other{\"me\": true}user 7"
    );
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(targets, ["/login", "/other", "/me", "/users/7"]);
    assert_eq!(server.requests()[2].header("x-second"), Some("8"));
}

#[test]
#[cfg(feature = "jq")]
fn a_response_read_ahead_for_its_checks_is_still_kept_for_later_requests() {
    // --retry-on check reads the body before it is delivered; the copy `me` uses must hold it.
    let server = api();
    let source = CHAINED.replace("HOST", &server.url(""));
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    let args = [
        "run",
        &path,
        "me",
        "-q",
        "--retry",
        "1",
        "--retry-on",
        "check",
        "--check",
        "true",
    ];
    let run = hit(&args).run();
    run.success();
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(targets, ["/login", "/me"]);
    assert_eq!(server.requests()[1].header("x-second"), Some("8"));
}

#[test]
fn names_run_with_the_requests_they_depend_on() {
    let server = api();
    let source = CHAINED.replace("HOST", &server.url(""));
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    hit(&["run", &path, "me", "-q"]).run().success();
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(targets, ["/login", "/me"]);
    let run = hit(&["run", &path, "nobody"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: {path}: no request is named 'nobody' (it has: login, other, me, user)\n"
        )
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_malformed_file_names_its_line_and_sends_nothing() {
    let server = Server::ok();
    let url = server.url("/");
    let cases = [
        (
            format!("GET {url}\n\n###\nPOST\n"),
            "api.http:4: 'POST': the request line has no URL",
        ),
        (
            format!("GET {url}\n\n###\nGET {url}\nX-A: {{{{nope}}}}\n"),
            "api.http:5: {{nope}} is not a variable of the file (@nope = …) or of the \
             environment (--env, --env-var)",
        ),
        (
            format!("GET {url}\n\n###\nPOST {url}\n\n< ./missing.json\n"),
            "api.http:6: cannot read './missing.json': No such file or directory",
        ),
        (
            format!("GET {url}\nnot a header\n"),
            "api.http:2: 'not a header' is not a header (Name: value); a blank line comes \
             before the body",
        ),
        (
            format!("GET {url}\n\n###\nGET {url}{{{{$processEnv HIT_TEST_UNSET}}}}\n"),
            "api.http:4: {{$processEnv HIT_TEST_UNSET}}: the environment variable \
             HIT_TEST_UNSET is not set",
        ),
    ];
    for (source, message) in cases {
        let (dir, path) = files(&[("api.http", source.as_bytes())]);
        let run = hit(&["run", "api.http"]).current_dir(dir.path()).run();
        assert_eq!(run.code, 2, "{source}: {run:#?}");
        assert_eq!(run.stderr, format!("hit: error: {message}\n"), "{path}");
    }
    let env = "{\n  \"dev\": {\n    \"host\": \"x\",\n  }\n}\n";
    let (dir, _) = files(&[
        ("api.http", format!("GET {url}\n").as_bytes()),
        ("http-client.env.json", env.as_bytes()),
    ]);
    let run = hit(&["run", "api.http", "--env", "dev"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: http-client.env.json:4: not valid JSON: trailing comma\n"
    );
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn the_exit_code_is_the_worst_and_fail_fast_stops_the_run() {
    let server = Server::start(|r: &Recorded| {
        let status = r.target.trim_start_matches('/').parse().unwrap_or(200);
        Reply::text(status, &r.target)
    });
    let closed = closed_port();
    let source = format!(
        "GET {ok}\n\n###\nGET {missing}\n\n###\nGET {broken}\n\n###\n\
         GET http://127.0.0.1:{closed}/\n\n###\nGET {ok}\n",
        ok = server.url("/200"),
        missing = server.url("/404"),
        broken = server.url("/500"),
        closed = closed.port,
    );
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    let run = hit(&["run", &path, "--fail-fast"]).run();
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(run.stdout(), "/200/404");
    assert_eq!(server.requests().len(), 2);

    // By default (--continue, as older command lines spell it) on to the end; a refused
    // connection (7) is worse than a 5xx.
    let run = hit(&["run", &path, "--continue"]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(run.stdout(), "/200/404/500/200");
    assert!(run.stderr.contains("hit: error: "), "{}", run.stderr);
    assert_eq!(server.requests().len(), 2 + 4);

    // Without the refused connection, a 5xx beats a 4xx.
    let source = format!(
        "GET {}\n\n###\nGET {}\n\n###\nGET {}\n",
        server.url("/404"),
        server.url("/500"),
        server.url("/200")
    );
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    let run = hit(&["run", &path, "--continue", "--ignore-status"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    let run = hit(&["run", &path, "--continue"]).run();
    assert_eq!(run.code, 5, "{run:#?}");
}

#[test]
fn output_options_apply_to_every_request() {
    let server = echo();
    let source = format!(
        "GET {}\n\n###\nHEAD {}\n",
        server.url("/a"),
        server.url("/b")
    );
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    let run = hit(&["run", &path, "-p", "H"]).run();
    run.success();
    let port = server.addr.port();
    assert_eq!(
        run.stdout(),
        format!(
            "GET /a HTTP/1.1\nHost: 127.0.0.1:{port}\nUser-Agent: hit/0.1.0\nAccept: */*\n\
             Accept-Encoding: gzip, deflate, br\n\n\
             HEAD /b HTTP/1.1\nHost: 127.0.0.1:{port}\nUser-Agent: hit/0.1.0\nAccept: */*\n\
             Accept-Encoding: gzip, deflate, br\n\n"
        )
    );
    let run = hit(&["run", &path, "-q"]).run();
    run.success();
    assert_eq!(run.stdout(), "");
}

#[test]
#[cfg(feature = "jq")]
fn check_lines_gate_each_request() {
    let server = Server::start(|r: &Recorded| match r.target.as_str() {
        "/health" => Reply::json(200, r#"{"status":"ok","version":"1.2"}"#),
        _ => Reply::json(200, r#"{"status":"degraded"}"#),
    });
    let source = format!(
        "@want = ok\n\
         ### health\n# @check .status == \"{{{{want}}}}\"\n// @check $__status == 200\n\
         GET {url}/health\n\n\
         ###\nGET {url}/other\n# @check .status == \"ok\"\n\n\
         ###\nGET {url}/after\n",
        url = server.url("")
    );
    let (_dir, path) = files(&[("checks.http", source.as_bytes())]);
    let run = hit(&["run", "-q", "--fail-fast", &path]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    // -q keeps one line: the request that stopped the run, where it is, and why.
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: {path}:8: GET {}: check failed: .status == \"ok\" (.status is \
             \"degraded\")\n",
            server.url("/other")
        )
    );
    // --fail-fast: the first failure stops the run; by default it goes on.
    assert_eq!(server.requests().len(), 2);
    let run = hit(&["run", "-q", &path]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(server.requests().len(), 2 + 3);
    let (_dir, bad) = files(&[("bad.http", b"# @check\nGET http://127.0.0.1:9/\n")]);
    let run = hit(&["run", &bad]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("bad.http:1: '@check' needs an expression"),
        "{}",
        run.stderr
    );
}

#[test]
#[cfg(feature = "jq")]
fn the_main_option_groups_apply_and_those_naming_one_request_are_refused() {
    let server = Server::start(|r: &Recorded| Reply::json(200, &format!("[\"{}\"]", r.target)));
    let source = format!(
        "GET {}\n\n###\nPOST {}\n\n{{\"a\": 1}}\n",
        server.url("/a"),
        server.url("/b")
    );
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    // --curl (Learn) and --jq (Filter) come from the main command line's groups.
    let run = hit(&["run", &path, "--curl"]).run();
    run.success();
    assert!(run.stdout().contains("curl "), "{run:#?}");
    assert!(server.requests().is_empty());
    let run = hit(&["run", &path, "--jq", ".[0]", "--raw-output"]).run();
    run.success();
    assert_eq!(run.stdout(), "/a\n/b\n");
    assert_eq!(server.requests().len(), 2);
    for (option, message) in [
        (
            &["-I"][..],
            "-I/--head asks for a HEAD request, and in hit run the file gives each request's \
             method (--headers prints only the response headers)",
        ),
        (
            &["--idempotency-key", "k1"][..],
            "--idempotency-key k1 would send one key with every request of the file; \
             --idempotency-key auto makes a key per request",
        ),
    ] {
        let mut args = vec!["run", path.as_str()];
        args.extend_from_slice(option);
        let run = hit(&args).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert_eq!(run.stderr, format!("hit: error: {message}\n"));
    }
    assert_eq!(server.requests().len(), 2);
}
