//! Error paths that must name the real problem (issue 11, item 9).

use crate::support::{Raw, Reply, Server, hit, raw_server};

#[test]
fn a_huge_url_is_a_usage_error_naming_the_limit() {
    let query = format!("q=={}", "x".repeat(100_000));
    let run = hit(&["http://127.0.0.1:9/", &query]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: the URL is 100022 bytes long, more than the 65534 hit can send (servers \
         refuse far less: 8 KiB for nginx and Apache); send the data in a body instead\n"
    );
}

#[test]
fn a_full_device_reports_what_reached_it_and_no_resume_hint() {
    let server = Server::reply(Reply::text(200, &"x".repeat(300_000)));
    let run = hit(&["-o", "/dev/full", &server.url("/")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: writing to '/dev/full' stopped after 0 bytes: cannot write '/dev/full': \
         No space left on device\n"
    );
}

#[test]
fn quiet_still_reads_and_checks_the_body() {
    let (port, _) =
        raw_server(|_| Raw::Answer(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"));
    let run = hit(&["-q", &format!("127.0.0.1:{port}/")]).run();
    assert_eq!(run.code, 9, "{run:#?}");
}

#[test]
fn a_closed_stdout_does_not_hide_a_failed_status() {
    let server =
        Server::reply(Reply::text(500, &"x".repeat(200_000)).header("X-Request-Id", "r-1"));
    let mut child = hit(&[&server.url("/")]).spawn();
    // The reader goes away before hit writes anything, as `| head -c1` would soon after.
    drop(child.stdout.take());
    let run = crate::support::collect(child);
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: warning: 500 Internal Server Error (request id: r-1)\n"
    );

    let server = Server::reply(Reply::text(200, &"x".repeat(200_000)));
    let mut child = hit(&[&server.url("/")]).spawn();
    drop(child.stdout.take());
    let run = crate::support::collect(child);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stderr, "");
}

#[test]
fn a_redirect_that_cannot_be_followed_says_why() {
    for (reply, why) in [
        (Reply::new(302), "302 Found: it has no Location header"),
        (
            Reply::new(301).header("Location", ""),
            "301 Moved Permanently: its Location header is empty",
        ),
        (
            Reply::new(300).header("Location", "/a"),
            "300 Multiple Choices: it leaves the choice among its representations to the client",
        ),
    ] {
        let server = Server::reply(reply);
        let run = hit(&["-L", &server.url("/")]).run();
        assert_eq!(run.code, 3, "{run:#?}");
        assert_eq!(run.stderr, format!("hit: warning: not following {why}\n"));
    }
}

#[test]
fn a_status_past_599_is_not_http() {
    let (port, _) = raw_server(|_| Raw::Answer(b"HTTP/1.1 600 Odd\r\nContent-Length: 0\r\n\r\n"));
    let run = hit(&[&format!("127.0.0.1:{port}/")]).run();
    assert_eq!(run.code, 9, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the response from 127.0.0.1:{port} is not valid HTTP: its status 600 \
             is outside 100-599 (RFC 9110 §15)\n"
        )
    );
}

/// Runs hit with stdout on /dev/full; returns the exit code and stderr.
fn into_full_disk(hit: crate::support::Hit) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = hit
        .command()
        .stdin(std::process::Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn every_mode_reports_a_failed_write_to_stdout() {
    let config = crate::profiles::Config::new();
    config.ok(&[
        "profile",
        "add",
        "shop",
        "--base-url",
        "http://127.0.0.1:9/",
    ]);
    let line = "hit: error: cannot write to stdout: No space left on device\n".to_string();
    for args in [
        &["--generate", "bash"][..],
        &["--generate", "man"],
        &["explain", "GET"],
        &["explain"],
        &["profile", "list"],
        &["profile", "show", "shop"],
        &["save", "--help"],
        &["--help"],
        &["--version"],
        &["run", "--help"],
    ] {
        let outcome = into_full_disk(config.hit(args));
        assert_eq!(outcome, (Some(1), line.clone()), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    for args in [&["--generate", "bash"][..], &["explain"]] {
        let mut child = hit(args).spawn();
        drop(child.stdout.take());
        let run = crate::support::collect(child);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
    }
}
