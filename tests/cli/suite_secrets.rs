//! `hit test`'s reports and lines keep secrets hidden wherever a secret can stand: a data
//! row's name, a form body, a body cut for an excerpt, the error of a request that cannot be
//! built; and the verdicts a review found wrong stay right.

use std::path::Path;

use crate::support::{Recorded, Reply, Server, hit, untimed};

fn write(dir: &Path, name: &str, source: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, source).unwrap();
}

fn reports(dir: &Path) -> String {
    ["j.xml", "r.json", "t.tap", "site/index.html"]
        .iter()
        .map(|name| std::fs::read_to_string(dir.join(name)).unwrap_or_default())
        .collect()
}

const REPORTS: [&str; 8] = [
    "--report",
    "junit=j.xml",
    "--report",
    "json=r.json",
    "--report",
    "tap=t.tap",
    "--report",
    "html=site",
];

#[test]
fn secrets_stay_hidden_in_row_names_form_bodies_and_cut_excerpts() {
    let padding = "x".repeat(2040);
    let body = format!("{padding}s3cr3t+k3y== and more");
    let server = Server::start(move |_: &Recorded| Reply::text(200, &body));
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/token");
    write(dir.path(), "rows.csv", "password,user\ns3cr3t+k3y==,ann\n");
    let source = format!(
        "# @secret password\n# @data rows.csv\n\
         POST {url}\nContent-Type: application/x-www-form-urlencoded\n\n\
         grant_type=password&password={{{{password}}}}&user={{{{user}}}}\n"
    );
    write(dir.path(), "login.http", &source);
    let mut args = vec!["test", "login.http"];
    args.extend(REPORTS);
    let run = hit(&args).current_dir(dir.path()).run();
    assert_eq!(run.code, 0, "{run:#?}");
    // The server got the value; nothing the user sees has it, in any encoding.
    assert!(
        server
            .only_request()
            .body_str()
            .contains("password=s3cr3t%2Bk3y%3D%3D")
    );
    let seen = format!("{}{}{}", run.stdout(), run.stderr, reports(dir.path()));
    assert!(
        untimed(&run.stdout()).starts_with("PASS login.http [row 1: password=••••]"),
        "{}",
        run.stdout()
    );
    for form in ["s3cr3t", "k3y"] {
        assert!(!seen.contains(form), "{form} shown: {seen}");
    }
}

#[cfg(feature = "jq")]
#[test]
fn a_request_that_cannot_be_built_does_not_show_the_secret_in_its_error() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    let source = format!(
        "# @secret token\nGET {}\n# @check .query.t == \"{{{{token}}}}\"\n",
        server.url("/")
    );
    write(dir.path(), "a.http", &source);
    let mut args = vec!["test", "a.http", "-V", "token=abc\"def"];
    args.extend(REPORTS);
    let run = hit(&args).current_dir(dir.path()).run();
    let seen = format!("{}{}{}", run.stdout(), run.stderr, reports(dir.path()));
    assert!(!seen.contains("abc"), "{seen}");
}

#[cfg(feature = "jq")]
#[test]
fn a_passing_check_is_not_taken_for_a_longer_failing_one() {
    let server = Server::start(|_: &Recorded| Reply::json(200, r#"{"a":1,"b":3}"#));
    let dir = tempfile::tempdir().unwrap();
    let source = format!(
        "GET {}\n# @check .a == 1\n# @check .a == 1 and .b == 2\n",
        server.url("/")
    );
    write(dir.path(), "a.http", &source);
    let run = hit(&["test", "a.http", "--report", "json=r.json"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        untimed(&run.stdout()).ends_with("; 2 checks, 1 failed\n"),
        "{}",
        run.stdout()
    );
    let text = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let checks = &json["files"][0]["cases"][0]["checks"];
    assert_eq!(checks[0]["passed"], true, "{checks}");
    assert_eq!(checks[1]["passed"], false, "{checks}");
}

#[test]
fn a_closed_stdout_does_not_turn_a_failing_suite_into_a_pass() {
    let server = Server::reply(Reply::json(500, "{}"));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.http", &format!("GET {}\n", server.url("/")));
    let script = format!(
        "'{}' test a.http | true; echo \"${{PIPESTATUS[0]}}\"",
        env!("CARGO_BIN_EXE_hit")
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
}

#[test]
fn a_failed_import_under_fail_fast_reports_the_rest_skipped_at_its_own_place() {
    let server = Server::start(|r: &Recorded| match r.target.as_str() {
        "/login" => Reply::json(401, "{}"),
        _ => Reply::json(200, "{}"),
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    write(
        dir.path(),
        "lib/auth.http",
        &format!("\n\n# @name login\nPOST {url}/login\n"),
    );
    let source = format!(
        "# @import ./lib/auth.http\nGET {url}/me\nX-Token: {{{{login.response.body.$.token}}}}\n\n\
         ###\nGET {url}/other\n"
    );
    write(dir.path(), "a.http", &source);
    let run = hit(&["test", "a.http", "--fail-fast"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    let stdout = untimed(&run.stdout());
    assert!(
        stdout.contains(&format!("  lib/auth.http:4: login (POST {url}/login): 401")),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 requests: 0 passed, 1 failed, 2 skipped"),
        "{stdout}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_shared_login_opens_its_session_for_every_file() {
    let server = Server::start(|r: &Recorded| match r.target.as_str() {
        "/login" => Reply::json(200, r#"{"ok":true}"#).header("Set-Cookie", "sid=s1; Path=/"),
        _ => match r.header("cookie") {
            Some("sid=s1") => Reply::json(200, "{}"),
            _ => Reply::json(401, "{}"),
        },
    });
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("");
    write(
        dir.path(),
        "auth.http",
        &format!("# @name login\nPOST {url}/login\n"),
    );
    for name in ["a", "b"] {
        let source = format!(
            "# @import ./auth.http\nGET {url}/{name}\nX-Ok: {{{{login.response.body.$.ok}}}}\n"
        );
        write(dir.path(), &format!("{name}.http"), &source);
    }
    let run = hit(&["test", "a.http", "b.http", "--jobs", "1"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let logins = server
        .requests()
        .iter()
        .filter(|r| r.target == "/login")
        .count();
    assert_eq!(logins, 1);
}
