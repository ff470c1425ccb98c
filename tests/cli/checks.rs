//! `--check` as a CI gate: a check is a boolean, a check that assigns is linted before
//! sending, checks that name `$__status` decide the exit code whatever the status, and
//! checks a status decided first are said not to have run.

use crate::support::{Reply, Server, hit, temp_file};

#[test]
fn a_check_that_is_not_a_boolean_fails() {
    let server = Server::reply(Reply::json(200, r#"{"status":"ok","items":[]}"#));
    let url = server.url("/health");
    let run = hit(&[&url, "--check", ".status = \"ok\""]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: lint check-assigns: --check '.status = \"ok\"' assigns, so it yields the updated \
         body, not true or false, and fails; did you mean ==?\n\
         hit: check failed: .status = \"ok\" yielded an object, not true or false\n"
    );
    // The lint can be silenced by name; the check still fails.
    let run = hit(&[
        &url,
        "--no-lint",
        "check-assigns",
        "--check",
        ".items",
        "--check",
        ".status |= \"ok\"",
        "--check",
        ".missing",
        "--check",
        ".status == \"ok\"",
    ])
    .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: check failed: .items yielded an array, not true or false\n\
         hit: check failed: .status |= \"ok\" yielded an object, not true or false\n\
         hit: check failed: .missing yielded null, not true or false\n"
    );
    // Several results: each must be true.
    let run = hit(&["-q", &url, "--check", ".status == \"ok\", 1"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: check failed: .status == \"ok\", 1 yielded a number, not true or false\n"
    );
    hit(&[
        "-q",
        &url,
        "--check",
        ".status == \"ok\", (.items | length == 0)",
    ])
    .run()
    .success();
}

#[test]
fn a_check_in_an_http_file_is_a_boolean_too() {
    let server = Server::reply(Reply::json(200, r#"{"status":"ok"}"#));
    let file = format!("# @check .status = \"ok\"\nGET {}\n", server.url("/health"));
    let (_dir, path) = temp_file("health.http", file);
    let run = hit(&["run", &path]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains(
            "hit: lint check-assigns: --check '.status = \"ok\"' assigns, so it yields the \
             updated body, not true or false, and fails; did you mean ==?\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("check failed: .status = \"ok\" yielded an object, not true or false"),
        "{}",
        run.stderr
    );
}

#[test]
fn checks_on_the_status_decide_an_error_status() {
    let missing = Server::reply(Reply::json(404, r#"{"error":"gone"}"#));
    let url = missing.url("/status/404");
    let run = hit(&[&url, "--check", "$__status == 404"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stderr, "hit: warning: 404 Not Found\n");
    assert_eq!(run.stdout(), r#"{"error":"gone"}"#);
    // All the checks run and decide, not only the one on the status.
    let run = hit(&[
        &url,
        "--check",
        "$__status == 404",
        "--check",
        ".error == \"here\"",
    ])
    .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: warning: 404 Not Found\n\
         hit: check failed: .error == \"here\" (.error is \"gone\")\n"
    );
    let run = hit(&[&url, "--check", "$__status < 400"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: warning: 404 Not Found\n\
         hit: check failed: $__status < 400 ($__status is 404)\n"
    );
    // With --fail the body is not read: the status decides.
    let run = hit(&["--fail", &url, "--check", "$__status == 404"]).run();
    assert_eq!(run.code, 4, "{run:#?}");
}

#[test]
fn checks_a_status_decided_are_said_not_to_have_run() {
    let broken = Server::reply(Reply::json(503, r#"{"status":"down"}"#));
    let url = broken.url("/health");
    let run = hit(&[&url, "--check", ".status == \"ok\""]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: warning: 503 Service Unavailable\n\
         hit: warning: 1 check not run: the 503 status decides the exit code (--ignore-status, \
         or a check on $__status, lets the checks decide)\n"
    );
    let run = hit(&[&url, "--check", ".a", "--check", "\"$__status\" == 1"]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert!(
        run.stderr.ends_with("hit: warning: 2 checks not run: the 503 status decides the exit code (--ignore-status, or a check on $__status, lets the checks decide)\n"),
        "{}",
        run.stderr
    );
    // No note without checks, and none with --ignore-status (the checks ran).
    let run = hit(&[&url, "--jq", ".status"]).run();
    assert_eq!(run.stderr, "hit: warning: 503 Service Unavailable\n");
    let run = hit(&[&url, "--ignore-status", "--check", ".status == \"down\""]).run();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, "hit: warning: 503 Service Unavailable\n")
    );
}

/// hit polling URL until `.ready` holds, with ARGS before it.
fn poll(url: &str, args: &[&str]) -> crate::support::Run {
    let fixed = [
        "--retry",
        "2",
        "--retry-on",
        "check",
        "--check",
        ".ready",
        url,
    ];
    hit(&[args, &fixed[..]].concat()).run()
}

#[test]
fn polling_a_check_waits_what_the_server_asks() {
    let server = Server::sequence(vec![
        Reply::json(200, r#"{"ready":false}"#).header("Retry-After", "1"),
        Reply::json(200, r#"{"ready":true}"#),
    ]);
    let run = poll(&server.url("/job"), &["--retry-delay", "0"]);
    run.success();
    // With --retry-delay 0, the wait of 1.0 s below is the server's Retry-After.
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        run.stderr,
        "hit: retry 1/2 in 1.0s after check failed: .ready (it yielded false)\n"
    );
}

#[test]
fn polling_a_check_waits_at_least_the_retry_delay() {
    let server = Server::sequence(vec![
        Reply::json(200, r#"{"ready":false}"#),
        Reply::json(200, r#"{"ready":true}"#),
    ]);
    // The backoff's jitter would draw between 0 and 300 ms: the delay is the floor.
    let run = poll(&server.url("/job"), &["--retry-delay", "0.3"]);
    run.success();
    assert_eq!(
        run.stderr,
        "hit: retry 1/2 in 300ms after check failed: .ready (it yielded false)\n"
    );
}

#[test]
fn an_ndjson_body_is_polled_too() {
    let ndjson = |body: &str| {
        Reply::new(200)
            .header("Content-Type", "application/x-ndjson")
            .body(body)
    };
    let server = Server::sequence(vec![
        ndjson("{\"ready\":true}\n{\"ready\":false}\n"),
        ndjson("{\"ready\":true}\n{\"ready\":true}\n"),
    ]);
    let run = poll(&server.url("/jobs"), &["--retry-delay", "0"]);
    run.success();
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        run.stderr,
        "hit: retry 1/2 in 0ms after check failed: .ready (it yielded false)\n"
    );
    assert_eq!(run.stdout(), "{\"ready\":true}\n{\"ready\":true}\n");
}
