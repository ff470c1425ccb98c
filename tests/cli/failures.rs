//! The error taxonomy (SPEC §5): broken transfers exit 9, time limits exit 8, each with one
//! line naming the host and the cause.

use crate::support::{Raw, hit, raw_server};

fn run_against(raw: Raw, args: &[&str]) -> (u16, crate::support::Run) {
    let (port, _) = raw_server(move |_| raw);
    let url = format!("127.0.0.1:{port}/");
    let mut all = args.to_vec();
    all.push(&url);
    (port, hit(&all).run())
}

#[track_caller]
fn assert_error(run: &crate::support::Run, code: i32, starts: &str) {
    assert_eq!(run.code, code, "{run:#?}");
    assert!(
        run.stderr.starts_with(&format!("hit: error: {starts}")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn fewer_bytes_than_content_length_exits_9() {
    let (port, run) = run_against(
        Raw::Answer(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"),
        &[],
    );
    assert_eq!(run.stdout(), "0123456789");
    assert_error(
        &run,
        9,
        &format!("the response body from 127.0.0.1:{port} was cut short: "),
    );
}

#[test]
fn chunked_body_without_its_last_chunk_exits_9() {
    let (port, run) = run_against(
        Raw::Answer(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"),
        &[],
    );
    assert_eq!(run.stdout(), "hello");
    assert_error(
        &run,
        9,
        &format!("the response body from 127.0.0.1:{port} was cut short: "),
    );
}

#[test]
fn invalid_chunk_size_exits_9() {
    let (port, run) = run_against(
        Raw::Answer(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        ),
        &[],
    );
    assert_eq!(run.stdout(), "");
    assert_error(
        &run,
        9,
        &format!("the response body from 127.0.0.1:{port} was cut short: "),
    );
}

#[test]
fn a_connection_closed_before_any_response_exits_9() {
    let (port, run) = run_against(Raw::Answer(b""), &[]);
    assert_error(
        &run,
        9,
        &format!("127.0.0.1:{port} closed the connection without a response"),
    );
}

#[test]
fn a_response_that_is_not_http_exits_9() {
    let (port, run) = run_against(Raw::Answer(b"SSH-2.0-OpenSSH_9.6\r\n"), &[]);
    assert_error(
        &run,
        9,
        &format!("the response from 127.0.0.1:{port} is not valid HTTP: "),
    );
}

#[test]
fn a_silent_server_runs_into_max_time() {
    let (port, run) = run_against(Raw::Stall(b""), &["-m", "0.5"]);
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: request to 127.0.0.1:{port} timed out: no response within -m/--max-time 500ms\n"
        )
    );
    assert_eq!(run.code, 8);
}

#[test]
fn a_silent_server_runs_into_the_idle_timeout() {
    let (port, run) = run_against(Raw::Stall(b""), &["--timeout", "0.5"]);
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: request to 127.0.0.1:{port} timed out: no bytes for --timeout 500ms\n"
        )
    );
    assert_eq!(run.code, 8);
}

#[test]
fn a_body_that_stalls_runs_into_the_idle_timeout() {
    let (port, run) = run_against(
        Raw::Stall(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
        &["--timeout", "0.5", "-m", "20"],
    );
    assert_eq!(run.stdout(), "abc");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: request to 127.0.0.1:{port} timed out: no bytes for --timeout 500ms\n"
        )
    );
    assert_eq!(run.code, 8);
}

#[test]
fn a_body_that_stalls_runs_into_max_time() {
    let (port, run) = run_against(
        Raw::Stall(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
        &["-m", "0.5", "--timeout", "20"],
    );
    assert_eq!(run.stdout(), "abc");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: request to 127.0.0.1:{port} timed out: -m/--max-time 500ms ran out while reading the body\n"
        )
    );
    assert_eq!(run.code, 8);
}

#[test]
fn a_stalled_download_keeps_its_partial_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.bin");
    let (_, run) = run_against(
        Raw::Stall(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
        &["--timeout", "0.5", "-o", path.to_str().unwrap()],
    );
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(
        run.stderr.contains(&format!(
            "'{0}' is incomplete (3 bytes kept; -o {0} -C - resumes it): ",
            path.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"abc");
}

#[test]
fn huge_time_limits_mean_no_limit() {
    let (_, run) = run_against(
        Raw::Answer(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        &[
            "--timeout",
            "1e19",
            "-m",
            "1e300",
            "--connect-timeout",
            "1e19",
        ],
    );
    assert_eq!((run.code, run.stdout().as_str()), (0, "ok"), "{run:#?}");
}

#[test]
fn a_reason_phrase_that_is_not_ascii_gives_way_to_the_registered_one() {
    let (port, _) = raw_server(|_| {
        Raw::Answer(b"HTTP/1.1 404 Nicht gef\xc3\xbcnden \xff\r\nContent-Length: 0\r\n\r\n")
    });
    let run = hit(&["-q", &format!("127.0.0.1:{port}/")]).run();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (4, "hit: warning: 404 Not Found\n")
    );
    // An ASCII phrase of the server's own is kept, as it was sent.
    let (port, _) =
        raw_server(|_| Raw::Answer(b"HTTP/1.1 409 CONFLICT\r\nContent-Length: 0\r\n\r\n"));
    let run = hit(&["-q", &format!("127.0.0.1:{port}/")]).run();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (4, "hit: warning: 409 CONFLICT\n")
    );
}
