//! Bodies from stdin (SPEC §2): a short one is sent as bytes, a long one streams in bounded
//! memory, and time limits hold while hit waits for it.

use crate::support::{Reply, Server, hit, temp_file};

/// More than hit reads before deciding to stream (1 MiB), with a newline every 100 bytes.
fn long_input() -> Vec<u8> {
    (0..30_000u32)
        .flat_map(|i| {
            let mut line = format!("{i:099}").into_bytes();
            line.push(b'\n');
            line
        })
        .collect()
}

#[test]
fn a_long_piped_body_streams_in_chunks() {
    let server = Server::ok();
    let input = long_input();
    let run = hit(&["POST", &server.url("/up")]).stdin(&input).run();
    run.success();
    let request = server.only_request();
    assert_eq!(request.header("transfer-encoding"), Some("chunked"));
    assert_eq!(request.header("content-length"), None);
    assert_eq!(request.body, input);
}

#[test]
fn a_long_regular_file_on_stdin_has_a_content_length() {
    let server = Server::ok();
    let input = long_input();
    let (_dir, path) = temp_file("in.txt", &input);
    let run = hit(&["PUT", &server.url("/up")]).stdin_file(&path).run();
    run.success();
    let request = server.only_request();
    assert_eq!(
        request.header("content-length"),
        Some(&*input.len().to_string())
    );
    assert_eq!(request.header("transfer-encoding"), None);
    assert_eq!(request.body, input);
}

#[test]
fn data_at_stdin_strips_newlines_as_it_streams() {
    let server = Server::ok();
    let input = long_input();
    let run = hit(&["-d", "a=1", "-d", "@-", "-d", "z=9", &server.url("/")])
        .stdin(&input)
        .run();
    run.success();
    let request = server.only_request();
    let mut expected = b"a=1&".to_vec();
    expected.extend(input.iter().filter(|b| **b != b'\n'));
    expected.extend(b"&z=9");
    assert_eq!(request.body, expected);
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
}

#[test]
fn urlencoded_stdin_is_encoded_as_it_streams() {
    let server = Server::ok();
    let input = long_input();
    let run = hit(&["--data-urlencode", "q@-", &server.url("/")])
        .stdin(&input)
        .run();
    run.success();
    let body = server.only_request().body_str();
    let expected = format!(
        "q={}",
        String::from_utf8(input).unwrap().replace('\n', "%0A")
    );
    assert_eq!(body, expected);
}

#[test]
fn stdin_read_twice_is_a_usage_error() {
    let run = hit(&["-d", "@-", "--data-binary", "@-", "http://127.0.0.1:9/"])
        .stdin("x")
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: -d '@-' and --data-binary '@-' both read stdin, which can be read once\n"
    );
}

#[test]
fn max_time_covers_waiting_for_stdin() {
    let server = Server::ok();
    let run = hit(&["-m", "0.5", "-T", "-", &server.url("/")])
        .stdin_then_silence("")
        .run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: timed out waiting for the request body on stdin: -m/--max-time 500ms ran out\n"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn timeout_covers_a_pause_in_a_streamed_body() {
    let server = Server::ok();
    let run = hit(&["--timeout", "0.5", "-T", "-", &server.url("/")])
        .stdin_then_silence(long_input())
        .run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: timed out waiting for the request body on stdin: no input for --timeout 500ms\n"
    );
}

#[test]
fn a_streamed_body_is_not_sent_twice() {
    let server = Server::reply(Reply::text(503, "busy"));
    let run = hit(&[
        "--retry",
        "2",
        "--retry-delay",
        "0",
        "-T",
        "-",
        &server.url("/"),
    ])
    .stdin(long_input())
    .run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(server.requests().len(), 1);
    assert!(
        run.stderr.starts_with(
            "hit: warning: not retrying after 503 Service Unavailable: the request body was \
             streamed from stdin, so it cannot be sent again\n"
        ),
        "{}",
        run.stderr
    );

    let target = Server::ok();
    let origin = Server::reply(Reply::new(307).header("Location", &target.url("/next")));
    let run = hit(&["-L", "-T", "-", &origin.url("/")])
        .stdin(long_input())
        .run();
    assert_eq!(run.code, 3, "{run:#?}");
    assert!(target.requests().is_empty());
    assert!(
        run.stderr
            .contains("the body was streamed from stdin, so it cannot be sent twice"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_short_piped_body_may_be_sent_again() {
    let server = Server::sequence(vec![Reply::text(503, "busy"), Reply::text(200, "ok")]);
    let run = hit(&[
        "--retry",
        "1",
        "--retry-delay",
        "0",
        "-T",
        "-",
        &server.url("/"),
    ])
    .stdin("small")
    .run();
    run.success();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.body == b"small"));
    assert_eq!(requests[0].header("content-length"), Some("5"));
}

#[test]
fn a_steady_upload_is_not_a_pause() {
    // 1.4 MB in 200 kB pieces, each written once hit has read the one before: hit waits
    // for stdin between pieces, and no wait is a pause. (That pauses shorter than --timeout
    // may add up to more than it is tested on a paused clock in transport::limits.)
    let server = Server::ok();
    let input = vec![b'x'; 1_400_000];
    let run = hit(&["--timeout", "0.5", "-T", "-", &server.url("/")])
        .stdin_trickle(&input, 200_000)
        .run();
    run.success();
    assert_eq!(server.only_request().body.len(), input.len());
}
