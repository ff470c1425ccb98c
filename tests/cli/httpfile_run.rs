//! `hit run` as the IDEs run a file: cookies kept between its requests, redirects
//! followed, on after a failure to the requests that do not depend on it, `--fail-fast`,
//! `--offline`, and a profile's token command run once for the run.

use crate::support::{Recorded, Reply, Server, hit, untimed};

fn file(source: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.http");
    std::fs::write(&path, source).unwrap();
    (dir, path.display().to_string())
}

/// `/login` sets a cookie, `/go` redirects to `/landed`, `/fail` is a 500, `/token` a JSON
/// token; anything else echoes its path.
fn api() -> Server {
    Server::start(|r: &Recorded| match r.target.as_str() {
        "/login" => Reply::text(200, "in").header("Set-Cookie", "sid=abc; Path=/"),
        "/go" => Reply::new(302).header("Location", "/landed"),
        "/fail" => Reply::json(500, r#"{"error":"down"}"#),
        "/token" => Reply::json(200, r#"{"token":"t0"}"#),
        _ => Reply::text(200, &r.target),
    })
}

#[test]
fn cookies_are_kept_between_requests_unless_the_request_opts_out() {
    let server = api();
    let source = format!(
        "GET {url}/login\n\n###\nGET {url}/me\n\n###\n# @no-cookie-jar\nGET {url}/anonymous\n",
        url = server.url("")
    );
    let (_dir, path) = file(&source);
    hit(&["run", &path]).run().success();
    let requests = server.requests();
    assert_eq!(requests[0].header("cookie"), None);
    assert_eq!(requests[1].header("cookie"), Some("sid=abc"));
    assert_eq!(requests[2].header("cookie"), None);
}

#[test]
fn redirects_are_followed_unless_the_request_opts_out() {
    let server = api();
    let source = format!(
        "GET {url}/go\n\n###\n# @no-redirect\nGET {url}/go\n",
        url = server.url("")
    );
    let (_dir, path) = file(&source);
    let run = hit(&["run", &path]).run();
    run.success();
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/go", "/landed", "/go"]);
    assert_eq!(run.stdout(), "/landed");
}

#[test]
fn a_failure_skips_only_the_requests_that_use_its_response() {
    let server = api();
    let source = format!(
        "# @name broken\nGET {url}/fail\n\n\
         ###\n# @name uses\nGET {url}/after?e={{{{broken.response.body.$.error}}}}\n\n\
         ###\nGET {url}/also?e={{{{uses.response.body.*}}}}\n\n\
         ###\nGET {url}/independent\n",
        url = server.url("")
    );
    let (_dir, path) = file(&source);
    let run = hit(&["run", &path]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/fail", "/independent"]);
    assert!(
        run.stderr.contains(&format!(
            "hit: {path}:6: skipped uses: it uses the response of 'broken', which failed\n"
        )),
        "{}",
        run.stderr
    );
    let also = run.stderr.lines().find(|l| l.contains(":9: skipped GET "));
    assert!(
        also.is_some_and(|l| l.ends_with(": it uses the response of 'uses', which was skipped")),
        "{}",
        run.stderr
    );
    assert!(
        untimed(&run.stderr).ends_with(&format!(
            "hit: {path}: 4 requests: 1 passed, 1 failed, 2 skipped\n"
        )),
        "{}",
        run.stderr
    );

    // --fail-fast: the first failure ends the run.
    let run = hit(&["run", &path, "--fail-fast"]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(server.requests().len(), 2 + 1);
    assert!(
        untimed(&run.stderr).ends_with(&format!(
            "hit: {path}: 3 not run after broken failed (--fail-fast; without it the run goes \
             on)\nhit: {path}: 4 requests: 0 passed, 1 failed, 0 skipped, 3 not sent\n"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn offline_prints_every_request_with_placeholders_for_responses() {
    let server = api();
    let source = format!(
        "# @name login\nPOST {url}/token\n\n###\nGET {url}/me\n\
         X-Token: {{{{login.response.body.$.token}}}}\n",
        url = server.url("")
    );
    let (_dir, path) = file(&source);
    let run = hit(&["run", &path, "--offline"]).run();
    run.success();
    assert!(server.requests().is_empty());
    let out = run.stdout();
    assert!(out.contains("POST /token HTTP/1.1"), "{out}");
    assert!(
        out.contains("X-Token: {{login.response.body.$.token}}"),
        "{out}"
    );
}

#[test]
fn a_profiles_token_command_runs_once_for_the_whole_run() {
    let config = crate::profiles::Config::new();
    let server = api();
    let count = config.dir.path().join("count");
    let command = format!("echo x >> '{}'; echo tok-1", count.display());
    config.add(&[
        "loc",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        &command,
    ]);
    let (_dir, path) = file("GET /a\n\n###\nGET /b\n\n###\nGET /c\n");
    config.ok(&["run", "-P", "loc", &path]);
    let runs = std::fs::read_to_string(&count).unwrap();
    assert_eq!(runs.lines().count(), 1, "{runs:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.header("authorization"), Some("Bearer tok-1"));
    }
}
