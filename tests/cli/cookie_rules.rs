//! Which cookies a jar refuses: a Domain that is a public suffix (`Domain=com`), and names
//! or values its Netscape lines cannot hold (a tab, a carriage return), whether a server
//! sets them or a hand-edited jar has them.

use crate::cookies::cookie_lines;
use crate::support::{Recorded, Reply, Server, hit, temp_file};

/// The port of a test server, for `--resolve NAME:PORT:127.0.0.1`.
fn port(server: &Server) -> String {
    let url = server.url("");
    url.trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn a_domain_that_is_a_public_suffix_is_refused() {
    let server = Server::start(|request: &Recorded| match request.target.as_str() {
        "/set" => Reply::new(200)
            .header("Set-Cookie", "wide=1; Domain=com; Path=/")
            .header("Set-Cookie", "dotted=1; Domain=.com; Path=/")
            .header("Set-Cookie", "site=1; Domain=example.com; Path=/")
            .header("Set-Cookie", "own=1; Path=/"),
        "/pages" => Reply::new(200).header("Set-Cookie", "pages=1; Domain=github.io; Path=/"),
        _ => Reply::new(200),
    });
    let port = port(&server);
    let names = [
        "a.example.com",
        "www.example.com",
        "b.other.com",
        "github.io",
        "x.github.io",
    ];
    let rules: Vec<String> = names
        .iter()
        .map(|name| format!("{name}:{port}:127.0.0.1"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let jar_arg = jar.to_str().unwrap();
    let get = |name: &str, path: &str| {
        let url = format!("http://{name}:{port}{path}");
        let mut args = vec!["-b", jar_arg, "-c", jar_arg];
        for rule in &rules {
            args.extend(["--resolve", rule.as_str()]);
        }
        args.push(&url);
        let run = hit(&args).run();
        run.success();
        assert_eq!(run.stderr, "");
    };
    get("a.example.com", "/set");
    // RFC 6265 §5.3 step 5: the host itself may name a public suffix; the cookie is then
    // its own (host-only).
    get("github.io", "/pages");
    get("b.other.com", "/");
    get("www.example.com", "/");
    get("x.github.io", "/");
    get("github.io", "/");
    let got: Vec<(String, Option<String>)> = server
        .requests()
        .iter()
        .map(|r| {
            let host = r
                .header("host")
                .unwrap()
                .split(':')
                .next()
                .unwrap()
                .to_string();
            (host, r.header("cookie").map(String::from))
        })
        .collect();
    let want = [
        ("a.example.com", None),
        ("github.io", None),
        ("b.other.com", None),
        ("www.example.com", Some("site=1")),
        ("x.github.io", None),
        ("github.io", Some("pages=1")),
    ];
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(host, cookie)| (host.to_string(), cookie.map(String::from)))
        .collect();
    assert_eq!(got, want);
    let mut lines = cookie_lines(&jar);
    lines.sort();
    assert_eq!(
        lines,
        [
            ".example.com\tTRUE\t/\tFALSE\t0\tsite\t1",
            "a.example.com\tFALSE\t/\tFALSE\t0\town\t1",
            "github.io\tFALSE\t/\tFALSE\t0\tpages\t1",
        ]
    );
}

#[test]
fn a_jar_line_that_cannot_be_a_cookie_is_skipped_with_one_warning() {
    let server = Server::ok();
    let (_dir, jar) = temp_file(
        "jar.txt",
        "# Netscape HTTP Cookie File\n\
         \n\
         127.0.0.1\tFALSE\t/\tFALSE\t0\tfirst\t1\n\
         127.0.0.1\tFALSE\t/\tFALSE\t0\tcr\tbad\rvalue\n\
         127.0.0.1\tFALSE\t/\tFALSE\t0\ttab\tbad\tvalue\n\
         .com\tTRUE\t/\tFALSE\t0\twide\t1\n\
         127.0.0.1\tFALSE\t/\tFALSE\t0\tlast\t2\r\n\
         127.0.0.1\tFALSE\t/\tFALSE\t0\tempty\n",
    );
    let run = hit(&["-b", &jar, &server.url("/")]).run();
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: {jar}:4: skipped a line that is not a cookie: it holds a control \
             character (a carriage return?) (and 2 more such lines)\n"
        )
    );
    assert_eq!(
        server.only_request().header("cookie"),
        Some("empty=; first=1; last=2")
    );
}

#[test]
fn a_value_with_a_tab_from_a_server_is_not_kept() {
    let server = Server::start(|request: &Recorded| match request.target.as_str() {
        "/set" => Reply::new(200)
            .header("Set-Cookie", "tab=a\tb; Path=/")
            .header("Set-Cookie", "fine=1; Path=/"),
        _ => Reply::new(200),
    });
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let jar_arg = jar.to_str().unwrap();
    hit(&["-c", jar_arg, &server.url("/set")]).run().success();
    assert_eq!(
        cookie_lines(&jar),
        ["127.0.0.1\tFALSE\t/\tFALSE\t0\tfine\t1"]
    );
    let run = hit(&["-b", jar_arg, &server.url("/")]).run();
    run.success();
    assert_eq!(run.stderr, "");
    assert_eq!(server.requests()[1].header("cookie"), Some("fine=1"));
}
