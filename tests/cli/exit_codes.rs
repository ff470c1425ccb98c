//! Exit codes (SPEC §5), and errors as one line even with RUST_BACKTRACE set.

use std::net::TcpListener;

use crate::support::{Reply, Server, closed_port, hit};

fn status_server(status: u16) -> Server {
    Server::reply(Reply::text(status, "x"))
}

#[test]
fn statuses_map_to_exit_codes() {
    for (status, code) in [
        (200, 0),
        (204, 0),
        (304, 0),
        (301, 3),
        (404, 4),
        (418, 4),
        (500, 5),
        (503, 5),
    ] {
        let server = status_server(status);
        let run = hit(&[&server.url("/")]).run();
        assert_eq!(run.code, code, "status {status}: {run:#?}");
    }
}

#[test]
fn ignore_status_exits_zero() {
    for status in [301, 404, 503] {
        let server = status_server(status);
        let run = hit(&["--ignore-status", &server.url("/")]).run();
        assert_eq!(run.code, 0, "status {status}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--no-such-flag", "x"],
            "hit: error: unexpected argument '--no-such-flag' found (see 'hit --help')\n",
        ),
        (
            &["ftp://example.org/f"],
            "hit: error: bad URL 'ftp://example.org/f': unsupported scheme 'ftp' (hit speaks http and https)\n",
        ),
        (&["http://"], "hit: error: bad URL 'http://': empty host\n"),
        (
            &["file:/etc/passwd"],
            "hit: error: bad URL 'file:/etc/passwd': unsupported scheme 'file' (hit speaks http and https)\n",
        ),
        (
            &["mailto:a@b.c"],
            "hit: error: bad URL 'mailto:a@b.c': unsupported scheme 'mailto' (hit speaks http and https)\n",
        ),
        (
            &["-H", "Authorization Bearer s3cret", ":1"],
            "hit: error: bad --header 'Authorization …': expected 'Name: value'\n",
        ),
        (
            &[":nope"],
            "hit: error: bad URL ':nope': expected ':PORT/path' or ':/path'\n",
        ),
        (
            &["-m", "soon", ":1"],
            "hit: error: invalid value 'soon' for '--max-time <SECONDS>': 'soon' is not a number of seconds (see 'hit --help')\n",
        ),
        (&[], "hit: error: no URL given (try 'hit --help')\n"),
    ];
    for (args, expected) in cases {
        let run = hit(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert_eq!(&run.stderr, expected, "{args:?}");
    }
}

#[test]
fn a_closed_port_exits_7_with_a_hint() {
    let closed = closed_port();
    let port = closed.port;
    let run = hit(&[&format!(":{port}/x")]).run();
    assert_eq!(run.code, 7);
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: cannot connect to localhost:{port}: Connection refused (is anything listening on localhost:{port}?)\n"
        )
    );
}

#[test]
fn quiet_keeps_the_error_line_and_silent_drops_it() {
    let closed = closed_port();
    let port = closed.port;
    let url = format!(":{port}/x");
    let line = format!(
        "hit: error: cannot connect to localhost:{port}: Connection refused (is anything listening on localhost:{port}?)\n"
    );
    for (flags, stderr) in [
        (&["-q"][..], line.as_str()),
        (&["-sS"], line.as_str()),
        (&["-s"], ""),
        (&["-qq"], ""),
    ] {
        let run = hit(&[flags, &[url.as_str()]].concat()).run();
        assert_eq!((run.code, run.stderr.as_str()), (7, stderr), "{flags:?}");
    }
    // A usage error is about the command line: -s does not hide it, as in curl.
    let run = hit(&["-s", "--max-time", "soon", &url]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("hit: error: "), "{}", run.stderr);
}

#[test]
fn errors_are_one_line_even_with_backtraces_requested() {
    let closed = closed_port();
    let port = closed.port;
    let run = hit(&[&format!("127.0.0.1:{port}")])
        .env("RUST_BACKTRACE", "full")
        .env("RUST_LIB_BACKTRACE", "1")
        .run();
    assert_eq!(run.code, 7);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("hit: error: cannot connect to 127.0.0.1:")
    );
}

#[test]
fn ctrl_c_exits_130_quietly() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let child = hit(&[&format!("127.0.0.1:{port}")]).spawn();
    // Once hit has connected it is waiting for the response, with its handler installed.
    let (_connection, _) = listener.accept().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let run = crate::support::collect(child);
    assert_eq!((run.code, run.stderr.as_str()), (130, ""));
}

#[test]
fn an_argument_that_is_not_utf8_is_no_crash() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.bin");
    let mut command = hit(&["-T"]).command();
    command.arg(name).arg("http://127.0.0.1:9/");
    let out = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("internal error"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("hit: error: cannot read"), "{stderr}");
}
