//! hit's own `.http` directives in `hit run`: `# @import` (another file's named requests,
//! sent once when used), `# @data` and `--data` (a run per CSV row), `# @capture` and
//! `# @secret` (variables from responses, hidden in output), and `# @retry` (hit's retry
//! rules per request, with a note for a request that passed only after a retry).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::{Recorded, Reply, Server, hit};

/// A folder with these files in it.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn path(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

/// `/login` answers a JSON token; anything else a JSON echo of its target.
fn api() -> Server {
    Server::start(|r: &Recorded| match r.target.as_str() {
        "/login" => Reply::json(200, r#"{"token":"t0k3n","id":7}"#),
        "/missing" => Reply::json(404, r#"{"error":"no"}"#),
        _ => Reply::json(200, &format!(r#"{{"target":"{}"}}"#, r.target)),
    })
}

fn targets(server: &Server) -> Vec<String> {
    server.requests().into_iter().map(|r| r.target).collect()
}

#[test]
fn an_imported_login_is_sent_once_for_every_request_that_uses_it() {
    let server = api();
    // The imported file's own variable fills its request; its unused request is not sent.
    let auth = format!(
        "@base = {}\n# @name login\nPOST {{{{base}}}}/login\n\n###\n# @name unused\n\
         GET {{{{base}}}}/unused\n",
        server.url("")
    );
    let main = format!(
        "# @import ./auth.http\n\
         GET {url}/a\nX-Token: {{{{login.response.body.$.token}}}}\n\n\
         ###\nGET {url}/b?t={{{{login.response.body.token}}}}\n",
        url = server.url("")
    );
    let dir = folder(&[("auth.http", &auth), ("main.http", &main)]);
    hit(&["run", &path(&dir, "main.http")]).run().success();
    assert_eq!(targets(&server), ["/login", "/a", "/b?t=t0k3n"]);
    assert_eq!(server.requests()[1].header("x-token"), Some("t0k3n"));
}

#[test]
fn nested_imports_are_followed() {
    let server = api();
    let inner = format!("# @name login\nPOST {}/login\n", server.url(""));
    let outer = "# @import ./inner.http\n# @name me\nGET http://127.0.0.1:1/never\n";
    let main = format!(
        "# @import ./outer.http\nGET {}/a?t={{{{login.response.body.token}}}}\n",
        server.url("")
    );
    let dir = folder(&[
        ("inner.http", &inner),
        ("outer.http", outer),
        ("main.http", &main),
    ]);
    hit(&["run", &path(&dir, "main.http")]).run().success();
    assert_eq!(targets(&server), ["/login", "/a?t=t0k3n"]);
}

#[test]
fn an_import_cycle_or_a_missing_import_is_refused_before_sending() {
    let server = api();
    let url = server.url("/x");
    let a = format!("# @import ./b.http\nGET {url}\n");
    let b = format!("# @import ./a.http\n# @name b\nGET {url}\n");
    let missing = format!("\n# @import ./nowhere.http\nGET {url}\n");
    let dir = folder(&[("a.http", &a), ("b.http", &b), ("missing.http", &missing)]);
    let run = hit(&["run", &path(&dir, "a.http")]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            == format!(
                "hit: error: {b}:1: @import ./a.http: an import cycle ({a} -> {b} -> {a})\n",
                a = path(&dir, "a.http"),
                b = path(&dir, "b.http")
            ),
        "{}",
        run.stderr
    );
    let run = hit(&["run", &path(&dir, "missing.http")]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.starts_with(&format!(
            "hit: error: {}:2: @import: cannot read '",
            path(&dir, "missing.http")
        )),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn data_rows_run_the_file_once_each() {
    let server = api();
    let source = format!(
        "GET {url}/u/{{{{user}}}}?id={{{{id}}}}\n\n###\nGET {url}/{{{{page}}}}\n",
        url = server.url("")
    );
    let rows = "user,id,page\nann,1,ok\nbob,2,missing\ncid,3,ok\n";
    let dir = folder(&[("api.http", &source), ("rows.csv", rows)]);
    let csv = path(&dir, "rows.csv");
    let run = hit(&["run", "--data", &csv, &path(&dir, "api.http")]).run();
    // Bob's second request is a 404: the worst of all rows.
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(
        targets(&server),
        [
            "/u/ann?id=1",
            "/ok",
            "/u/bob?id=2",
            "/missing",
            "/u/cid?id=3",
            "/ok"
        ]
    );
    for label in ["row 1: user=ann", "row 2: user=bob", "row 3: user=cid"] {
        assert!(
            run.stderr.contains(&format!("hit: {label}\n")),
            "{}",
            run.stderr
        );
    }
    let bob = run.stderr.find("row 2: user=bob").unwrap();
    let cid = run.stderr.find("row 3: user=cid").unwrap();
    let failed = run.stderr.find("404").unwrap();
    assert!(bob < failed && failed < cid, "{}", run.stderr);

    // `# @data` in the file, relative to it; a row's value wins over the file's variable.
    let source = format!(
        "# @data ./rows.csv\n@user = nobody\nGET {}/u/{{{{user}}}}\n",
        server.url("")
    );
    let dir = folder(&[("api.http", &source), ("rows.csv", "user\nann\nbob\n")]);
    hit(&["run", &path(&dir, "api.http")]).run().success();
    assert_eq!(&targets(&server)[6..], ["/u/ann", "/u/bob"]);
}

#[test]
fn a_short_row_is_refused_before_anything_is_sent() {
    let server = api();
    let source = format!("GET {}/u/{{{{user}}}}\n", server.url(""));
    let dir = folder(&[("api.http", &source), ("rows.csv", "user,id\nann,1\nbob\n")]);
    let csv = path(&dir, "rows.csv");
    let run = hit(&["run", "--data", &csv, &path(&dir, "api.http")]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: {csv}:3: row 2 has 1 of the 2 columns (user, id): no value for 'id'\n"
        )
    );
    let missing = path(&dir, "nowhere.csv");
    let run = hit(&["run", "--data", &missing, &path(&dir, "api.http")]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .starts_with(&format!("hit: error: cannot read '{missing}'"))
    );
    // `# @data` names the line of the directive, then the CSV's problem.
    let source = format!("GET {}/u\n# @data bad.csv\n", server.url(""));
    std::fs::write(dir.path().join("api.http"), source).unwrap();
    std::fs::write(dir.path().join("bad.csv"), b"user\nann\n\xff\n").unwrap();
    let run = hit(&["run", &path(&dir, "api.http")]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    let bad = path(&dir, "bad.csv");
    assert!(
        run.stderr.starts_with(&format!(
            "hit: error: {}:2: @data: {bad}:",
            path(&dir, "api.http")
        )),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
#[cfg(feature = "jq")]
fn a_capture_fills_later_requests_and_a_token_is_hidden() {
    let server = api();
    let source = format!(
        "# @secret user\n@user = alice\n\
         # @capture token .token\n# @capture id .id\nPOST {url}/login\n\n\
         ###\nGET {url}/me?t={{{{token}}}}&id={{{{id}}}}&u={{{{user}}}}\n",
        url = server.url("")
    );
    let dir = folder(&[("api.http", &source)]);
    let run = hit(&["run", "-v", &path(&dir, "api.http")]).run();
    run.success();
    assert_eq!(targets(&server), ["/login", "/me?t=t0k3n&id=7&u=alice"]);
    let stdout = run.stdout();
    assert!(
        stdout.contains("GET /me?t=••••&id=7&u=•••• HTTP/1.1\n"),
        "{stdout}"
    );
}

#[test]
#[cfg(feature = "jq")]
fn a_capture_that_yields_nothing_fails_its_request() {
    let server = api();
    let source = format!(
        "# @capture token .nope\nPOST {url}/login\n\n###\nGET {url}/me?t={{{{token}}}}\n",
        url = server.url("")
    );
    let dir = folder(&[("api.http", &source)]);
    let file = path(&dir, "api.http");
    let run = hit(&["run", &file, "--fail-fast"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains(&format!(
            "hit: error: {file}:1: @capture token .nope: it yielded nothing\n"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(targets(&server), ["/login"]);

    // A jq expression that does not compile is refused before anything is sent.
    let source = format!("# @capture token .[\nPOST {}/login\n", server.url(""));
    let dir = folder(&[("api.http", &source)]);
    let run = hit(&["run", &path(&dir, "api.http")]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(server.requests().len(), 1);
}

/// A file whose second request captures with CODE, between two plain requests.
#[cfg(feature = "jq")]
fn capturing_between(server: &Server, code: &str) -> String {
    format!(
        "GET {url}/a\n\n###\n# @capture x {code}\nGET {url}/b\n\n###\nGET {url}/c\n",
        url = server.url("")
    )
}

#[test]
#[cfg(feature = "jq")]
fn a_capture_that_recurses_without_end_is_one_line_naming_it() {
    let server = api();
    let dir = folder(&[("api.http", &capturing_between(&server, "def f: [f]; f"))]);
    let file = path(&dir, "api.http");
    let line = format!(
        "hit: error: {file}:4: @capture x def f: [f]; f: the expression recursed too deeply \
         (it used up its 256 MiB stack)\n"
    );
    let run = hit(&["run", &file]).run_within(std::time::Duration::from_secs(60));
    // The stack's end stops hit, as a check's does: the request before it was printed.
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (1, line.as_str()),
        "{run:#?}"
    );
    assert_eq!(run.stdout(), r#"{"target":"/a"}{"target":"/b"}"#);
    assert_eq!(targets(&server), ["/a", "/b"]);

    let run = hit(&["test", "api.http"])
        .current_dir(dir.path())
        .run_within(std::time::Duration::from_secs(60));
    let line = line.replace(&file, "api.http");
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (1, line.as_str()),
        "{run:#?}"
    );
}

#[test]
#[cfg(feature = "jq")]
fn a_capture_that_runs_long_stops_at_max_time_and_the_run_goes_on() {
    let server = api();
    let slow = capturing_between(&server, "last(range(1e10))");
    let fine = format!("GET {}/fine\n", server.url(""));
    let dir = folder(&[("slow.http", &slow), ("fine.http", &fine)]);
    let file = path(&dir, "slow.http");
    let run = hit(&["run", "-m", "1", &file]).run_within(std::time::Duration::from_secs(10));
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(
        run.stderr.starts_with(&format!(
            "hit: error: {file}:4: @capture x last(range(1e10)): -m/--max-time 1.0s ran out \
             while the filter ran\n"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 requests: 2 passed, 1 failed"),
        "{}",
        run.stderr
    );
    assert_eq!(targets(&server), ["/a", "/b", "/c"]);

    // Under `hit test` the other file runs meanwhile; the summary and the reports are written.
    let run = hit(&[
        "test",
        "-m",
        "1",
        "-j",
        "2",
        "slow.http",
        "fine.http",
        "--report",
        "json=run.json",
    ])
    .current_dir(dir.path())
    .run_within(std::time::Duration::from_secs(10));
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = run.stdout();
    assert!(stdout.contains("PASS fine.http  1 request"), "{stdout}");
    assert!(
        stdout.contains("slow.http:4: @capture x last(range(1e10)): -m/--max-time 1.0s ran out"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 files, 4 requests: 3 passed, 1 failed"),
        "{stdout}"
    );
    let report = std::fs::read_to_string(dir.path().join("run.json")).unwrap();
    assert!(report.contains("last(range(1e10))"), "{report}");
}

#[test]
#[cfg(not(feature = "jq"))]
fn a_capture_is_refused_without_jq() {
    let source = "# @capture token .token\nPOST http://127.0.0.1:1/login\n";
    let dir = folder(&[("api.http", source)]);
    let file = path(&dir, "api.http");
    let run = hit(&["run", &file]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: {file}:1: '@capture': this build of hit was built without jq (the \
             cargo feature 'jq'); a default build has it\n"
        )
    );
}

/// A server whose first request to each path fails with a 503; every later one is a 200.
fn fails_first() -> Server {
    let seen = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let count = Arc::new(AtomicUsize::new(0));
    Server::start(move |r: &Recorded| {
        count.fetch_add(1, Ordering::SeqCst);
        let mut seen = seen.lock().unwrap();
        if seen.contains(&r.target) {
            return Reply::text(200, "ok");
        }
        seen.push(r.target.clone());
        Reply::text(503, "busy")
    })
}

#[test]
fn a_retried_request_that_passes_is_flaky() {
    let server = fails_first();
    let source = format!(
        "# @retry 2\nGET {url}/flaky\n\n###\n# @retry 2\nPOST {url}/post\n",
        url = server.url("")
    );
    let dir = folder(&[("api.http", &source)]);
    let file = path(&dir, "api.http");
    let run = hit(&["run", "--retry-delay", "0", &file]).run();
    // The POST has no Idempotency-Key: it is not retried, and its 503 is the exit code.
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(targets(&server), ["/flaky", "/flaky", "/post"]);
    assert!(
        run.stderr.contains(&format!(
            "hit: {file}:2: GET {}/flaky passed after 2 attempts (flaky)\n",
            server.url("")
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not retrying POST"), "{}", run.stderr);
}

#[test]
fn a_post_with_an_idempotency_key_is_retried() {
    let server = fails_first();
    let source = format!(
        "# @name create\n# @retry 1\nPOST {}/post\nIdempotency-Key: k1\n",
        server.url("")
    );
    let dir = folder(&[("api.http", &source)]);
    let file = path(&dir, "api.http");
    let run = hit(&["run", "--retry-delay", "0", &file]).run();
    run.success();
    assert_eq!(targets(&server), ["/post", "/post"]);
    assert!(
        run.stderr.contains(&format!(
            "hit: {file}:3: create passed after 2 attempts (flaky)\n"
        )),
        "{}",
        run.stderr
    );
}

#[test]
#[cfg(feature = "jq")]
fn an_imported_capture_sends_its_request_once_and_a_failed_one_skips_its_users() {
    let server = api();
    let auth = format!(
        "# @capture token .token\nPOST {url}/login\n\n###\n\
         # @capture nothing .error\nGET {url}/missing\n",
        url = server.url("")
    );
    let main = format!(
        "# @import ./auth.http\nGET {url}/a?t={{{{token}}}}\n\n###\nGET {url}/b?t={{{{token}}}}\n\n\
         ###\n# @name uses\nGET {url}/c?n={{{{nothing}}}}\n",
        url = server.url("")
    );
    let dir = folder(&[("auth.http", &auth), ("main.http", &main)]);
    let file = path(&dir, "main.http");
    let run = hit(&["run", &file]).run();
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(
        targets(&server),
        ["/login", "/a?t=t0k3n", "/b?t=t0k3n", "/missing"]
    );
    assert!(
        run.stderr.contains(&format!(
            "hit: {file}:9: skipped uses: it uses {{{{nothing}}}}, captured by 'GET {}/missing', \
             which failed\n",
            server.url("")
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "hit: {file}: 5 requests: 3 passed, 1 failed, 1 skipped in "
        )),
        "{}",
        run.stderr
    );
}
