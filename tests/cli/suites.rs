//! `hit test`: `.http` files as a test suite against real servers: what passes and fails,
//! what is said per file and at the end, the exit codes, every file checked before anything
//! is sent, folders and patterns, files at once.

use std::path::Path;

use crate::support::{Recorded, Reply, Server, hit, untimed};

/// `/ok` a JSON `{"n": 1}`, `/missing` a 404, `/down` a 500, `/token` a token; anything
/// else echoes its path.
fn api() -> Server {
    Server::start(|r: &Recorded| match r.target.as_str() {
        "/ok" => Reply::json(200, r#"{"n": 1}"#),
        "/missing" => Reply::json(404, r#"{"error": "no"}"#).header("X-Request-Id", "r-77"),
        "/down" => Reply::json(500, r#"{"error":"down"}"#),
        "/token" => Reply::json(200, r#"{"token":"t0"}"#),
        _ => Reply::text(200, &r.target),
    })
}

fn write(dir: &Path, name: &str, source: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, source).unwrap();
}

#[test]
fn a_passing_suite_exits_0_prints_no_bodies_and_sums_up() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    write(
        dir.path(),
        "a.http",
        &format!("GET {url}/ok\n\n###\nGET {url}/token\n"),
    );
    write(
        dir.path(),
        "sub/b.rest",
        &format!("### echo\nGET {url}/echo\n"),
    );
    write(dir.path(), "notes.txt", &format!("GET {url}/not-a-test\n"));
    let run = hit(&["test", "--jobs", "1"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 0, "{run:#?}");
    let stdout = untimed(&run.stdout());
    assert!(!stdout.contains("\"n\""), "no bodies: {stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with("PASS a.http  2 requests  "),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with("PASS sub/b.rest  1 request  "),
        "{stdout}"
    );
    assert_eq!(
        lines[2],
        "2 files, 3 requests: 3 passed, 0 failed, 0 skipped"
    );
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/ok", "/token", "/echo"]);
}

#[test]
fn failures_name_the_request_its_line_and_why_and_skips_say_why() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    let source = format!(
        "### fine\nGET {url}/ok\n\n\
         ###\n# @name gone\nGET {url}/missing\n\n\
         ###\n# @name uses\nGET {url}/echo/{{{{gone.response.body.$.error}}}}\n\n\
         ###\nGET {url}/down\n"
    );
    write(dir.path(), "api.http", &source);
    let run = hit(&["test", "api.http"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = untimed(&run.stdout());
    let expected = format!(
        "FAIL api.http  4 requests: 1 passed, 2 failed, 1 skipped  \n\
         \x20 api.http:6: gone (GET {url}/missing): 404 Not Found (request id: r-77)\n\
         \x20 api.http:10: skipped uses: it uses the response of 'gone', which failed\n\
         \x20 api.http:13: GET {url}/down: 500 Internal Server Error\n\
         1 file, 4 requests: 1 passed, 2 failed, 1 skipped\n"
    );
    // The file's time is the only thing left after its counts.
    let shown: String = stdout
        .lines()
        .map(|l| match l.split_once(" skipped  ") {
            Some((kept, _)) => format!("{kept} skipped  \n"),
            None => format!("{l}\n"),
        })
        .collect();
    assert_eq!(shown, expected);
    // Nothing of hit run's own lines reaches stderr.
    assert_eq!(run.stderr, "");
    assert_eq!(server.requests().len(), 3);
}

#[cfg(feature = "jq")]
#[test]
fn a_failed_check_is_a_failure_with_what_was_found() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    let source = format!("GET {url}/ok\n# @check .n == 2\n# @check .n > 0\n");
    write(dir.path(), "checks.http", &source);
    let run = hit(&["test", "checks.http"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = untimed(&run.stdout());
    assert!(
        stdout.contains(&format!(
            "  checks.http:1: GET {url}/ok: check failed: .n == 2 (.n is 1)\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 file, 1 request: 0 passed, 1 failed, 0 skipped; 2 checks, 1 failed\n"),
        "{stdout}"
    );
}

#[test]
fn a_mistake_in_any_file_stops_the_suite_before_anything_is_sent() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    write(dir.path(), "a.http", &format!("GET {url}/ok\n"));
    write(
        dir.path(),
        "b.http",
        &format!("GET {url}/{{{{nowhere}}}}\n"),
    );
    let run = hit(&["test", "a.http", "b.http"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.starts_with("hit: error: b.http:1: {{nowhere}}"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout(), "");
    assert!(server.requests().is_empty());

    let run = hit(&["test", "missing.http"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: missing.http: no such file or folder\n"
    );
    let run = hit(&["test", "*.json"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: *.json: no .http or .rest files match\n"
    );
}

#[test]
fn patterns_pick_files_and_files_run_at_once_without_mixing_their_blocks() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    for n in 0..6 {
        let source = format!("GET {url}/ok\n\n###\nGET {url}/missing\n\n###\nGET {url}/f{n}\n");
        write(dir.path(), &format!("t/f{n}.http"), &source);
    }
    let run = hit(&["test", "t/*.http", "--jobs", "3"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = untimed(&run.stdout());
    // Each file's block is whole: its FAIL line and then its failure line.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6 * 2 + 1, "{stdout}");
    for pair in lines[..12].chunks(2) {
        let file = pair[0]
            .strip_prefix("FAIL ")
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        assert!(pair[1].starts_with(&format!("  {file}:4: ")), "{stdout}");
    }
    assert_eq!(
        lines[12],
        "6 files, 18 requests: 12 passed, 6 failed, 0 skipped"
    );
    assert_eq!(server.requests().len(), 18);
}

#[test]
fn hit_run_titles_each_exchange_on_a_terminal_and_sums_up() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    write(
        dir.path(),
        "api.http",
        &format!("### first\nGET {url}/echo\n\n###\nGET {url}/token\n"),
    );
    let run = hit(&["run", "api.http", "-p", "b"])
        .plain_terminal()
        .current_dir(dir.path())
        .run();
    run.success();
    assert_eq!(
        run.stdout(),
        format!(
            "### first  GET {url}/echo\n/echo\n\n### GET {url}/token\n{{\n    \"token\": \"t0\"\n}}\n"
        )
    );
    assert_eq!(
        untimed(&run.stderr),
        "hit: api.http: 2 requests: 2 passed, 0 failed, 0 skipped\n"
    );
    // In a pipe: the bodies only, and no summary when all passed.
    let run = hit(&["run", "api.http"]).current_dir(dir.path()).run();
    run.success();
    assert_eq!(run.stdout(), "/echo{\"token\":\"t0\"}");
    assert_eq!(run.stderr, "");
}

#[cfg(feature = "scripts")]
#[test]
fn script_tests_are_checks_that_pass_or_fail() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    let source = format!(
        "GET {url}/ok\n\n> {{%\n\
         client.test('status', () => client.assert(response.status === 200));\n\
         client.test('n is 2', () => client.assert(response.body.n === 2, 'n is ' + response.body.n));\n\
         %}}\n\n###\nGET {url}/token\n\n> {{% client.test('token', () => client.assert(response.body.token === 't0')); %}}\n"
    );
    write(dir.path(), "scripted.http", &source);
    let run = hit(&["test", "scripted.http", "--report", "json=r.json"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = untimed(&run.stdout());
    assert!(
        stdout.contains("test failed: 'n is 2': n is 1 (scripted.http:3)"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 file, 2 requests: 1 passed, 1 failed, 0 skipped; 3 checks, 1 failed\n"),
        "{stdout}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let checks = &json["files"][0]["cases"][0]["checks"];
    assert_eq!(checks.as_array().unwrap().len(), 2, "{checks}");
}

#[test]
fn offline_is_for_hit_run() {
    let run = hit(&["test", "--offline"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: hit test sends the requests it checks; 'hit run FILE --offline' (or \
         --curl) shows them without sending\n"
    );
}

#[test]
fn expect_status_makes_a_4xx_pass_and_another_status_fail() {
    let server = api();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    let source = format!(
        "# @expect-status 404\nGET {url}/missing\n\n###\n# @expect-status 201\nGET {url}/ok\n"
    );
    write(dir.path(), "status.http", &source);
    let run = hit(&["test", "status.http"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = untimed(&run.stdout());
    assert!(
        stdout.contains(&format!(
            "  status.http:6: GET {url}/ok: status 200 OK, expected 201 (# @expect-status)\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 requests: 1 passed, 1 failed"),
        "{stdout}"
    );
    // hit run reads it too.
    let run = hit(&["run", "status.http"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let bad = "# @expect-status 42\nGET http://127.0.0.1:9/\n";
    write(dir.path(), "bad.http", bad);
    let run = hit(&["test", "bad.http"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("'@expect-status 42': a status from 100 to 599"),
        "{}",
        run.stderr
    );
}

#[test]
fn data_rows_are_runs_named_by_their_row() {
    let server = Server::start(|r: &Recorded| match r.target.starts_with("/missing") {
        true => Reply::json(404, "{}"),
        false => Reply::json(200, "{}"),
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    write(dir.path(), "rows.csv", "user,path\nann,ok\nbob,missing\n");
    write(
        dir.path(),
        "users.http",
        &format!("# @data rows.csv\nGET {url}/{{{{path}}}}?u={{{{user}}}}\n"),
    );
    let run = hit(&[
        "test",
        "users.http",
        "--jobs",
        "1",
        "--report",
        "junit=j.xml",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = untimed(&run.stdout());
    assert!(
        stdout.contains("PASS users.http [row 1: user=ann]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("FAIL users.http [row 2: user=bob]"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 file, 2 requests: 1 passed, 1 failed, 0 skipped\n"),
        "{stdout}"
    );
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/ok?u=ann", "/missing?u=bob"]);
    let xml = std::fs::read_to_string(dir.path().join("j.xml")).unwrap();
    let junit = junit_parser::from_reader(std::io::Cursor::new(xml.as_bytes())).unwrap();
    let names: Vec<&str> = junit.suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "users.http [row 1: user=ann]",
            "users.http [row 2: user=bob]"
        ]
    );
    // A short row stops everything before anything is sent.
    let before = server.requests().len();
    write(dir.path(), "short.csv", "user,path\nann\n");
    let run = hit(&["test", "users.http", "--data", "short.csv"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(server.requests().len(), before);
}

#[test]
fn a_request_that_passed_after_a_retry_is_flaky() {
    let server = Server::sequence(vec![
        Reply::json(503, r#"{"busy":true}"#),
        Reply::json(200, r#"{"ok":true}"#),
    ]);
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "flaky.http",
        &format!("# @retry 2\nGET {}\n", server.url("/f")),
    );
    let run = hit(&[
        "test",
        "flaky.http",
        "--report",
        "junit=j.xml",
        "--retry-delay",
        "0",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let stdout = untimed(&run.stdout());
    assert!(
        stdout.contains("passed after 2 attempts (flaky)"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 request: 1 passed (1 flaky), 0 failed, 0 skipped\n"),
        "{stdout}"
    );
    let xml = std::fs::read_to_string(dir.path().join("j.xml")).unwrap();
    assert!(xml.contains("<flakyFailure"), "{xml}");
}
