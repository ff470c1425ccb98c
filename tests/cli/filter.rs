//! `--jq FILTER` and `--check EXPR`: the jq language (jaq) over the JSON body, its results
//! printed as hit prints JSON, checks as a CI gate; `--arg`, `--argjson` and hit's own
//! `$__status`, `$__headers` and `$__url`.

use crate::support::{Reply, Server, hit};

const USERS: &str = r#"[{"id":1,"name":"Ada","role":"admin"},{"id":2,"name":"Bob","role":"dev"}]"#;

fn users() -> Server {
    Server::reply(Reply::json(200, USERS).header("X-Request-Id", "req-42"))
}

/// hit's stdout for ARGS, which must succeed.
fn out(args: &[&str]) -> String {
    let run = hit(args).run();
    run.success();
    run.stdout()
}

#[test]
fn filters_select_from_objects_and_arrays() {
    let server = users();
    let url = server.url("/users");
    assert_eq!(out(&[&url, "--jq", ".[0].name", "--raw-output"]), "Ada\n");
    assert_eq!(out(&[&url, "--jq", ".[0].name"]), "\"Ada\"\n");
    assert_eq!(out(&[&url, "--jq", ".[].id"]), "1\n2\n");
    assert_eq!(out(&[&url, "--jq", "map(.name)"]), "[\"Ada\",\"Bob\"]\n");
    let admins = ".[] | select(.role == \"admin\") | {id, name}";
    assert_eq!(
        out(&[&url, "--jq", admins]),
        "{\"id\":1,\"name\":\"Ada\"}\n"
    );
    assert_eq!(out(&[&url, "--jq", "length"]), "2\n");
    let reordered = out(&[&url, "--jq", ".[0] | {role, id}", "--sort-keys"]);
    assert_eq!(reordered, "{\"id\":1,\"role\":\"admin\"}\n");
    // A filter that yields nothing prints nothing.
    assert_eq!(out(&[&url, "--jq", ".[] | select(.id > 5)"]), "");
}

#[test]
fn on_a_terminal_results_are_indented_and_only_the_results_are_shown() {
    let server = users();
    let run = hit(&[&server.url("/users"), "--jq", ".[1]"])
        .plain_terminal()
        .run();
    run.success();
    assert_eq!(
        run.stdout(),
        "{\n    \"id\": 2,\n    \"name\": \"Bob\",\n    \"role\": \"dev\"\n}\n"
    );
    // -p asks for the head too.
    let run = hit(&[&server.url("/users"), "--jq", ".[1].id", "-p", "hb"])
        .plain_terminal()
        .run();
    run.success();
    assert!(
        run.stdout().starts_with("HTTP/1.1 200 OK\n"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().ends_with("\n\n2\n"), "{:?}", run.stdout());
}

#[test]
fn big_numbers_and_long_decimals_survive_a_selection() {
    let body =
        r#"{"id":12345678901234567890123,"x":3.141592653589793238462643383,"e":1E+2,"n":[-0.0]}"#;
    let server = Server::reply(Reply::json(200, body));
    let url = server.url("/n");
    assert_eq!(out(&[&url, "--jq", ".id"]), "12345678901234567890123\n");
    assert_eq!(
        out(&[&url, "--jq", ".x"]),
        "3.141592653589793238462643383\n"
    );
    assert_eq!(
        out(&[&url, "--jq", "{id}"]),
        "{\"id\":12345678901234567890123}\n"
    );
}

#[test]
fn each_ndjson_value_is_filtered_on_its_own() {
    let lines = "{\"n\":1,\"s\":\"a\"}\n\n{\"n\":2,\"s\":\"b\"}\n{\"n\":3,\"s\":\"c\"}";
    let ndjson = Server::reply(
        Reply::new(200)
            .header("Content-Type", "application/x-ndjson")
            .body(lines),
    );
    assert_eq!(out(&[&ndjson.url("/s"), "--jq", ".n"]), "1\n2\n3\n");
    // --stream reads any body that way.
    let plain = Server::reply(Reply::text(200, lines));
    let args = [
        &plain.url("/s") as &str,
        "--stream",
        "--jq",
        ".s",
        "--raw-output",
    ];
    assert_eq!(out(&args), "a\nb\nc\n");
}

#[test]
fn a_filter_that_does_not_parse_is_a_usage_error_before_sending() {
    let server = users();
    let run = hit(&[&server.url("/users"), "--jq", ".[0] | map(.name"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines[0].starts_with("hit: error: --jq: "), "{}", run.stderr);
    assert_eq!(lines[1].trim(), ".[0] | map(.name", "{}", run.stderr);
    assert!(lines[2].trim_end().ends_with('^'), "{}", run.stderr);
    let run = hit(&[&server.url("/users"), "--check", ".a ==", "-q"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.starts_with("hit: error: --check: "),
        "{}",
        run.stderr
    );
    let run = hit(&[
        &server.url("/users"),
        "--jq",
        ".",
        "--argjson",
        "x",
        "{nope",
    ])
    .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("--argjson x"), "{}", run.stderr);
    assert!(server.requests().is_empty(), "the server saw a request");
}

#[test]
fn a_body_that_is_not_json_is_an_error_naming_its_type() {
    let page = Reply::new(200)
        .header("Content-Type", "text/html")
        .body("<html>hi</html>");
    let server = Server::reply(page);
    let run = hit(&[&server.url("/"), "--jq", ".a"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --jq: the response body is not JSON (Content-Type: text/html)\n"
    );
    assert!(run.stdout.is_empty());
    let run = hit(&[&server.url("/"), "--check", ".a"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .starts_with("hit: error: --check: the response body is not JSON")
    );
}

#[test]
fn a_filter_that_fails_while_running_is_an_error() {
    let server = Server::reply(Reply::json(200, r#"{"a":1}"#));
    let run = hit(&[&server.url("/"), "--jq", ".a.b"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.starts_with("hit: error: --jq: "),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn checks_pass_quietly_and_fail_with_one_line_each() {
    let server = Server::reply(Reply::json(
        200,
        r#"{"status":"degraded","db":{"ok":true}}"#,
    ));
    let url = server.url("/health");
    let run = hit(&[
        "-q",
        &url,
        "--check",
        ".db.ok",
        "--check",
        "has(\"status\")",
    ])
    .run();
    assert_eq!(
        (run.code, run.stdout.len(), run.stderr.as_str()),
        (0, 0, "")
    );
    let run = hit(&[
        "-q",
        &url,
        "--check",
        ".status == \"ok\"",
        "--check",
        ".db.ok",
    ])
    .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "hit: check failed: .status == \"ok\" (.status is \"degraded\")\n"
    );
    let run = hit(&[&url, "--check", ".missing", "--check", ".db.ok == false"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: check failed: .missing yielded null, not true or false\n\
         hit: check failed: .db.ok == false (.db.ok is true)\n"
    );
    // Without -q the body is still printed, as it came.
    assert_eq!(run.stdout(), r#"{"status":"degraded","db":{"ok":true}}"#);
}

#[test]
fn the_status_decides_before_the_checks() {
    let broken = Server::reply(Reply::json(503, r#"{"status":"down"}"#));
    let run = hit(&["-q", &broken.url("/health"), "--check", ".status == \"ok\""]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert!(!run.stderr.contains("check failed"), "{}", run.stderr);
    // An error page that is not JSON is the status's to report, not --jq's.
    let page = Reply::new(502)
        .header("Content-Type", "text/html")
        .body("<h1>bad</h1>");
    let gateway = Server::reply(page);
    let run = hit(&[&gateway.url("/"), "--jq", ".a"]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert!(!run.stderr.contains("not JSON"), "{}", run.stderr);
    // A JSON error body is filtered.
    let missing = Server::reply(Reply::json(404, r#"{"error":"no such user"}"#));
    let run = hit(&[&missing.url("/u/9"), "--jq", ".error", "--raw-output"]).run();
    assert_eq!((run.code, run.stdout().as_str()), (4, "no such user\n"));
    // --fail: an error status's body is not read.
    let run = hit(&["--fail", &missing.url("/u/9"), "--jq", ".error"]).run();
    assert_eq!((run.code, run.stdout.len()), (4, 0), "{run:#?}");
    // --ignore-status: the checks decide.
    let run = hit(&[
        "-q",
        "--ignore-status",
        &broken.url("/"),
        "--check",
        ".status == \"ok\"",
    ])
    .run();
    assert_eq!(run.code, 1, "{run:#?}");
}

#[test]
fn status_headers_and_url_are_variables() {
    let server = users();
    let url = server.url("/users?page=1");
    assert_eq!(out(&[&url, "--jq", "$__status"]), "200\n");
    let header = "$__headers[\"x-request-id\"]";
    assert_eq!(out(&[&url, "--jq", header, "--raw-output"]), "req-42\n");
    assert_eq!(
        out(&[&url, "--jq", "$__url", "--raw-output"]),
        format!("{url}\n")
    );
    let check = "$__headers[\"content-type\"] | startswith(\"application/json\")";
    hit(&["-q", &url, "--check", "$__status == 200", "--check", check])
        .run()
        .success();
}

#[test]
fn arg_and_argjson_give_variables() {
    let server = users();
    let url = server.url("/users");
    let who = ".[] | select(.name == $who) | .id";
    assert_eq!(out(&[&url, "--jq", who, "--arg", "who", "Bob"]), "2\n");
    let above = "[.[] | select(.id > $min)] | length";
    assert_eq!(out(&[&url, "--jq", above, "--argjson", "min", "1"]), "1\n");
    let run = hit(&[&url, "--arg", "who", "Bob"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("--jq, --check and --until"),
        "{}",
        run.stderr
    );
}

#[test]
fn filters_do_not_mix_with_saving_the_body() {
    let server = users();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("u.json");
    let run = hit(&[&server.url("/u"), "--jq", ".", "-o", file.to_str().unwrap()]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(!file.exists());
    assert!(server.requests().is_empty());
}

#[test]
fn a_failed_check_is_retried_only_when_asked() {
    let not_yet = || Reply::json(200, r#"{"ready":false}"#);
    let ready = || Reply::json(200, r#"{"ready":true}"#);
    let polled = |replies, more: &[&str]| {
        let server = Server::sequence(replies);
        let url = server.url("/job");
        let args = [
            "--retry",
            "3",
            "--retry-delay",
            "0",
            "--check",
            ".ready",
            &url,
        ];
        (
            hit(&[&args[..], more].concat()).run(),
            server.requests().len(),
        )
    };
    let (run, requests) = polled(
        vec![not_yet(), not_yet(), ready()],
        &["--retry-on", "check"],
    );
    run.success();
    assert_eq!(requests, 3);
    // The body of the response that passed, once.
    assert_eq!(run.stdout(), r#"{"ready":true}"#);
    assert!(
        run.stderr
            .contains("retry 1/3 in 0ms after check failed: .ready (it yielded false)"),
        "{}",
        run.stderr
    );
    // Without --retry-on check, a failed check is final.
    let (run, requests) = polled(vec![not_yet(), ready()], &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(requests, 1);
    assert_eq!(run.stderr, "hit: check failed: .ready (it yielded false)\n");
}

#[test]
fn with_paginate_each_page_is_filtered_and_checked() {
    let server = Server::start(|req| {
        let page = req
            .target
            .rsplit('=')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let next = format!("</items?page={}>; rel=\"next\"", page + 1);
        let body = format!(
            r#"[{{"id":{page}1,"ok":true}},{{"id":{page}2,"ok":{}}}]"#,
            page < 3
        );
        let reply = Reply::json(200, &body);
        if page < 4 {
            reply.header("Link", &next)
        } else {
            reply
        }
    });
    let url = server.url("/items");
    assert_eq!(
        out(&["--paginate", "--max-pages", "2", &url, "--jq", ".[].id"]),
        "11\n12\n21\n22\n"
    );
    // Page 3 fails the check: the pages stop there, and the line names it.
    let run = hit(&["-q", "--paginate", &url, "--check", "all(.ok)"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!("hit: check failed: all(.ok) (it yielded false) on page 3 ({url}?page=3)\n")
    );
    assert_eq!(server.requests().len(), 2 + 3);
}

#[test]
fn curl_and_offline_compile_the_filter_and_send_nothing() {
    let server = users();
    let run = hit(&["--curl", &server.url("/users"), "--jq", ".[0]"]).run();
    run.success();
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("curl "), "{stdout}");
    assert_eq!(
        lines[1],
        "# --jq and --check run in hit only; pipe curl's output into jq instead"
    );
    let run = hit(&["--offline", &server.url("/users"), "--check", "..[", "-q"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(server.requests().is_empty());
}

#[test]
fn no_body_gives_no_results_and_checks_see_null() {
    let server = Server::reply(Reply::new(204));
    let url = server.url("/gone");
    assert_eq!(out(&["DELETE", &url, "--jq", "."]), "");
    hit(&["-q", "DELETE", &url, "--check", "$__status == 204"])
        .run()
        .success();
    let run = hit(&["-q", "DELETE", &url, "--check", ".id"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: check failed: .id yielded null, not true or false\n"
    );
}

#[test]
fn review_cases_error_status_halt_empty_streams_and_several_values() {
    // On an error status a filter meant for success does not take over the exit code.
    let missing = Server::reply(Reply::json(404, r#"{"error":"gone"}"#));
    let run = hit(&[&missing.url("/x"), "--jq", ".items[]"]).run();
    assert_eq!(run.code, 4, "{run:#?}");
    // jq's halt stops quietly.
    let server = users();
    assert_eq!(out(&[&server.url("/u"), "--jq", ".[0].id, halt, 5"]), "1\n");
    // An NDJSON stream with no value: the checks see null, not nothing.
    let empty = Server::reply(Reply::new(200).header("Content-Type", "application/x-ndjson"));
    let run = hit(&["-q", &empty.url("/s"), "--check", ".a"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    // A left side with several values does not name one of them.
    let run = hit(&["-q", &server.url("/u"), "--check", ".[].id == 1"]).run();
    assert_eq!(
        run.stderr,
        "hit: check failed: .[].id == 1 (it yielded false)\n"
    );
}
