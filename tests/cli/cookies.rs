//! Cookie jars (`-b FILE`, `-c FILE`) in curl's Netscape format: what lands in the jar, what
//! goes back to which URL, and jars passed between hit and curl.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::support::{Recorded, Reply, Server, hit};

/// `/login` sets two cookies, `/hop` sets one and redirects to `/landing`; every other path
/// answers 200.
fn site() -> Server {
    Server::start(|request: &Recorded| match request.target.as_str() {
        "/login" => Reply::new(200)
            .header("Set-Cookie", "sid=abc123; Path=/; HttpOnly")
            .header("Set-Cookie", "theme=dark; Path=/app; Max-Age=3600"),
        "/hop" => Reply::new(302)
            .header("Location", "/landing")
            .header("Set-Cookie", "hop=1; Path=/"),
        _ => Reply::new(200),
    })
}

/// The cookie lines of a Netscape jar file (comments and blank lines left out).
pub(crate) fn cookie_lines(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| line.contains('\t'))
        .map(String::from)
        .collect()
}

#[test]
fn a_jar_keeps_what_the_server_sets_privately_and_sends_it_back_where_it_matches() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let jar_arg = jar.to_str().unwrap();
    hit(&["-c", jar_arg, &server.url("/login")]).run().success();
    let mode = std::fs::metadata(&jar).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&jar).unwrap();
    assert!(text.starts_with("# Netscape HTTP Cookie File\n"), "{text}");
    let lines = cookie_lines(&jar);
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.contains(&"#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tabc123".to_string()));
    let theme: Vec<&str> = lines
        .iter()
        .find(|l| l.contains("theme"))
        .unwrap()
        .split('\t')
        .collect();
    assert_eq!(theme[..4], ["127.0.0.1", "FALSE", "/app", "FALSE"]);
    let expiry: u64 = theme[4].parse().unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!((now + 3500..=now + 3700).contains(&expiry), "{expiry}");

    // A second run reads the jar: /app gets both, / only the one whose path matches.
    hit(&["-b", jar_arg, &server.url("/app/page")])
        .run()
        .success();
    hit(&["-b", jar_arg, &server.url("/")]).run().success();
    let requests = server.requests();
    assert_eq!(requests[1].header("cookie"), Some("theme=dark; sid=abc123"));
    assert_eq!(requests[2].header("cookie"), Some("sid=abc123"));
}

#[test]
fn expired_deeper_and_foreign_cookies_stay_in_the_jar() {
    // A Secure cookie goes to loopback over http, as browsers and curl send it to a
    // trustworthy origin; the unit tests in src/cookies.rs keep it from other http hosts.
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let later = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    std::fs::write(
        &jar,
        format!(
            "# Netscape HTTP Cookie File\n\
             127.0.0.1\tFALSE\t/\tFALSE\t{later}\tkept\tyes\n\
             127.0.0.1\tFALSE\t/\tFALSE\t1000\texpired\tno\n\
             127.0.0.1\tFALSE\t/\tTRUE\t0\tsecure\tyes\n\
             127.0.0.1\tFALSE\t/private\tFALSE\t0\tdeeper\tno\n\
             example.org\tFALSE\t/\tFALSE\t0\tforeign\tno\n\
             this line is not a cookie\n"
        ),
    )
    .unwrap();
    let jar_arg = jar.to_str().unwrap();
    hit(&["-b", jar_arg, "-b", "given=1", &server.url("/")])
        .run()
        .success();
    assert_eq!(
        server.only_request().header("cookie"),
        Some("given=1; kept=yes; secure=yes")
    );
}

#[test]
fn a_missing_jar_is_empty_and_an_unreadable_one_is_an_error() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.txt");
    hit(&["-b", missing.to_str().unwrap(), &server.url("/")])
        .run()
        .success();
    assert_eq!(server.only_request().header("cookie"), None);
    let run = hit(&["-b", dir.path().to_str().unwrap(), &server.url("/")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .starts_with("hit: error: cannot read the cookie file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cookie_set_on_a_redirect_goes_to_the_next_hop() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    hit(&["-L", "-c", jar.to_str().unwrap(), &server.url("/hop")])
        .run()
        .success();
    let requests = server.requests();
    assert_eq!(requests[0].header("cookie"), None);
    assert_eq!(requests[1].target, "/landing");
    assert_eq!(requests[1].header("cookie"), Some("hop=1"));
    assert_eq!(
        cookie_lines(&jar),
        ["127.0.0.1\tFALSE\t/\tFALSE\t0\thop\t1"]
    );
}

#[test]
fn offline_shows_the_jars_cookies_and_writes_nothing() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let jar_arg = jar.to_str().unwrap();
    hit(&["-c", jar_arg, &server.url("/login")]).run().success();
    let before = std::fs::read(&jar).unwrap();
    let run = hit(&[
        "--offline",
        "--show-secrets",
        "-b",
        jar_arg,
        "-c",
        jar_arg,
        &server.url("/x"),
    ])
    .run();
    run.success();
    assert!(
        run.stdout().contains("Cookie: sid=abc123\r\n")
            || run.stdout().contains("Cookie: sid=abc123\n"),
        "{}",
        run.stdout()
    );
    assert_eq!(std::fs::read(&jar).unwrap(), before);
    assert_eq!(server.requests().len(), 1);
}

fn curl(args: &[&str]) {
    let status = Command::new("curl")
        .args(["-s", "-o", "/dev/null"])
        .args(args)
        .status()
        .expect("curl runs");
    assert!(status.success(), "curl {args:?}: {status}");
}

#[test]
fn curl_reads_hits_jar_and_hit_reads_curls() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let hits = dir.path().join("hit.txt");
    let curls = dir.path().join("curl.txt");
    hit(&["-c", hits.to_str().unwrap(), &server.url("/login")])
        .run()
        .success();
    curl(&["-b", hits.to_str().unwrap(), &server.url("/app/x")]);
    curl(&["-c", curls.to_str().unwrap(), &server.url("/login")]);
    hit(&["-b", curls.to_str().unwrap(), &server.url("/app/y")])
        .run()
        .success();
    let requests = server.requests();
    let cookies = |i: usize| {
        let mut pairs: Vec<String> = requests[i]
            .header("cookie")
            .unwrap_or_default()
            .split("; ")
            .map(String::from)
            .collect();
        pairs.sort();
        pairs
    };
    assert_eq!(requests[1].target, "/app/x");
    assert_eq!(
        cookies(1),
        ["sid=abc123", "theme=dark"],
        "curl sent hit's cookies"
    );
    assert_eq!(requests[3].target, "/app/y");
    assert_eq!(
        cookies(3),
        ["sid=abc123", "theme=dark"],
        "hit sent curl's cookies"
    );
}

#[test]
fn another_origin_gets_the_jars_cookies_but_not_the_users_header() {
    // Cookies do not tell ports apart (RFC 6265 §8.5): 127.0.0.1's jar cookie goes to the
    // other port too, while the user's own Cookie header stays behind (SPEC §6 redirects).
    let target = Server::ok();
    let location = target.url("/there");
    let origin = Server::start(move |_| {
        Reply::new(302)
            .header("Location", &location)
            .header("Set-Cookie", "sid=s1; Path=/")
    });
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let jar_arg = jar.to_str().unwrap();
    let run = hit(&["-L", "-c", jar_arg, &origin.url("/")]).run();
    run.success();
    assert_eq!(run.stderr, "");
    let run = hit(&["-L", "-b", jar_arg, &origin.url("/")]).run();
    run.success();
    assert_eq!(run.stderr, "", "the jar's cookies are not dropped");
    let run = hit(&["-L", "-b", "mine=1", "-b", jar_arg, &origin.url("/")]).run();
    run.success();
    assert!(
        run.stderr.contains("not sending Cookie to"),
        "{}",
        run.stderr
    );
    let got: Vec<Option<String>> = target
        .requests()
        .iter()
        .map(|r| r.header("cookie").map(String::from))
        .collect();
    assert_eq!(got, vec![Some("sid=s1".to_string()); 3]);
    assert_eq!(
        origin.requests()[2].header("cookie"),
        Some("mine=1; sid=s1")
    );
}

#[test]
fn a_retried_request_carries_what_the_failed_attempt_set() {
    let server = Server::sequence(vec![
        Reply::new(503).header("Set-Cookie", "lb=node2; Path=/"),
        Reply::new(200),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let url = server.url("/");
    hit(&[
        "--retry",
        "1",
        "--retry-delay",
        "0",
        "-c",
        jar.to_str().unwrap(),
        &url,
    ])
    .run()
    .success();
    let requests = server.requests();
    assert_eq!(requests[0].header("cookie"), None);
    assert_eq!(requests[1].header("cookie"), Some("lb=node2"));
    assert_eq!(
        cookie_lines(&jar),
        ["127.0.0.1\tFALSE\t/\tFALSE\t0\tlb\tnode2"]
    );
}

#[test]
fn a_secure_cookie_does_not_go_over_plain_http_to_another_host() {
    // Through a proxy on 127.0.0.1, the request is for a.test, which is not loopback.
    let proxy = Server::ok();
    let (_dir, jar) = crate::support::temp_file(
        "jar.txt",
        "a.test\tFALSE\t/\tTRUE\t0\tsecure\tno\n\
         a.test\tFALSE\t/\tFALSE\t0\tplain\tyes\n",
    );
    hit(&["-x", &proxy.url(""), "-b", &jar, "http://a.test/"])
        .run()
        .success();
    assert_eq!(proxy.only_request().header("cookie"), Some("plain=yes"));
}

#[test]
fn the_jar_is_written_when_a_later_hop_fails() {
    let server = Server::reply(
        Reply::new(302)
            .header("Location", "http://127.0.0.1:9/")
            .header("Set-Cookie", "seen=1; Path=/"),
    );
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let run = hit(&["-L", "-c", jar.to_str().unwrap(), &server.url("/")]).run();
    assert_ne!(run.code, 0, "{run:#?}");
    assert_eq!(
        cookie_lines(&jar),
        ["127.0.0.1\tFALSE\t/\tFALSE\t0\tseen\t1"]
    );
}
