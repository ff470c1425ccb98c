//! `hit test --report`: the reports of a real run, read back as CI systems read them, a
//! report path that cannot be written refused before anything is sent, and Ctrl-C writing
//! the reports for what ran.

use std::path::Path;
use std::time::Duration;

use crate::support::{Raw, Recorded, Reply, Server, collect, hit, raw_server, wait_until};

fn write(dir: &Path, name: &str, source: &str) {
    std::fs::write(dir.join(name), source).unwrap();
}

#[test]
fn junit_tap_json_and_html_reports_of_a_run_read_back() {
    let server = Server::start(|r: &Recorded| match r.target.as_str() {
        "/missing" => Reply::json(404, r#"{"error":"no"}"#).header("X-Request-Id", "r-9"),
        _ => Reply::json(200, r#"{"ok":true}"#),
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    write(
        dir.path(),
        "a.http",
        &format!(
            "# @name fine\nGET {url}/ok\n\n###\n# @name gone\nGET {url}/missing\nAuthorization: Bearer s3cret\n"
        ),
    );
    write(dir.path(), "b.http", &format!("GET {url}/b\n"));
    let run = hit(&[
        "test",
        "a.http",
        "b.http",
        "--report",
        "junit=reports/junit.xml",
        "--report",
        "tap=reports/run.tap",
        "--report",
        "json=reports/run.json",
        "--report",
        "html=reports/site",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 1, "{run:#?}");
    let reports = dir.path().join("reports");

    let xml = std::fs::read_to_string(reports.join("junit.xml")).unwrap();
    assert!(!xml.contains("s3cret"), "{xml}");
    roxmltree::Document::parse(&xml).expect("well-formed XML");
    let junit = junit_parser::from_reader(std::io::Cursor::new(xml.as_bytes())).unwrap();
    assert_eq!((junit.tests, junit.failures), (3, 1));
    let names: Vec<&str> = junit.suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["a.http", "b.http"]);
    let gone = &junit.suites[0].cases[1];
    assert_eq!(gone.original_name, "gone");
    let junit_parser::TestStatus::Failure(failure) = &gone.status else {
        panic!("{:?}", gone.status);
    };
    assert!(failure.message.contains("404"), "{failure:?}");
    assert!(failure.text.contains("a.http:6"), "{failure:?}");
    assert!(failure.text.contains("r-9"), "{failure:?}");

    let tap = std::fs::read_to_string(reports.join("run.tap")).unwrap();
    let points: Vec<&str> = tap
        .lines()
        .filter(|l| l.starts_with("ok ") || l.starts_with("not ok "))
        .collect();
    assert!(tap.starts_with("TAP version 14\n1..3\n"), "{tap}");
    assert_eq!(
        points,
        [
            "ok 1 - a.http: fine",
            "not ok 2 - a.http: gone",
            &format!("ok 3 - b.http: GET {url}/b")
        ]
    );

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reports.join("run.json")).unwrap()).unwrap();
    assert_eq!(json["counts"]["failed"], 1);
    assert_eq!(json["files"][0]["cases"][1]["verdict"], "failed");
    assert_eq!(
        json["files"][0]["cases"][1]["exchange"]["response"]["status"],
        404
    );
    assert!(!json.to_string().contains("s3cret"));
    assert!(
        json["files"][0]["cases"][0]["timing"]["total_ms"]
            .as_f64()
            .unwrap()
            > 0.0
    );

    let page = std::fs::read_to_string(reports.join("site/index.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let cases = scraper::Selector::parse("details").unwrap();
    assert_eq!(html.select(&cases).count(), 3, "{page}");
    assert!(!page.contains("s3cret"));
    // Nothing the page would fetch: no scripts, stylesheets, images or frames.
    let fetches = scraper::Selector::parse("[src], link, script, iframe, object").unwrap();
    assert_eq!(html.select(&fetches).count(), 0, "{page}");
}

#[test]
fn a_report_that_cannot_be_written_stops_the_run_before_anything_is_sent() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.http", &format!("GET {}\n", server.url("/")));
    write(dir.path(), "taken", "a file, not a folder");
    let run = hit(&["test", "a.http", "--report", "junit=taken/junit.xml"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --report junit=taken/junit.xml: cannot write: it is not a directory\n"
    );
    assert!(server.requests().is_empty());
    let run = hit(&["test", "a.http", "--report", "xml=out.xml"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("unknown report kind 'xml'"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_writes_the_reports_of_what_ran_marked_interrupted() {
    let (port, accepted) = raw_server(|n| match n {
        0 => Raw::Answer(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"),
        _ => Raw::Stall(b""),
    });
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}");
    write(
        dir.path(),
        "a.http",
        &format!("GET {url}/first\n\n###\nGET {url}/hangs\n"),
    );
    let child = hit(&["test", "a.http", "--report", "junit=junit.xml"])
        .current_dir(dir.path())
        .spawn();
    wait_until("the second request", Duration::from_secs(10), || {
        accepted.load(std::sync::atomic::Ordering::SeqCst) >= 2
    });
    std::thread::sleep(Duration::from_millis(100));
    let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let run = collect(child);
    assert_eq!(run.code, 130, "{run:#?}");
    assert!(
        run.stdout()
            .starts_with("interrupted: 1 file, 1 request: 1 passed"),
        "{run:#?}"
    );
    let xml = std::fs::read_to_string(dir.path().join("junit.xml")).unwrap();
    let junit = junit_parser::from_reader(std::io::Cursor::new(xml.as_bytes())).unwrap();
    assert_eq!(junit.tests, 1);
    assert!(xml.contains("interrupted"), "{xml}");
}

#[cfg(feature = "jq")]
#[test]
fn the_json_report_carries_captures_with_secrets_hidden() {
    let server = Server::start(|r: &Recorded| match r.target.as_str() {
        "/login" => Reply::json(200, r#"{"token":"t0k3n-x","user":"ann"}"#),
        _ => Reply::json(200, "{}"),
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    let source = format!(
        "POST {url}/login\n# @capture token .token\n# @capture user .user\n\n\
         ###\nGET {url}/me\nAuthorization: Bearer {{{{token}}}}\n"
    );
    write(dir.path(), "a.http", &source);
    let run = hit(&[
        "test",
        "a.http",
        "--report",
        "json=r.json",
        "--report",
        "junit=j.xml",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(
        server.requests()[1].header("authorization"),
        Some("Bearer t0k3n-x")
    );
    let text = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let captures = &json["files"][0]["cases"][0]["captures"];
    assert_eq!(captures["user"], "ann", "{captures}");
    assert_eq!(captures["token"], "••••", "{captures}");
    for report in ["r.json", "j.xml"] {
        let text = std::fs::read_to_string(dir.path().join(report)).unwrap();
        assert!(!text.contains("t0k3n-x"), "{report}: {text}");
    }
}
