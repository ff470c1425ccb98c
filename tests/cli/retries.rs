//! Retries (SPEC §6): only what is safe, with backoff, Retry-After and a budget, one stderr
//! line per retry.

use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use crate::support::{Raw, Reply, Server, hit, raw_server};

fn unavailable() -> Reply {
    Reply::text(503, "busy").header("X-Request-Id", "req-7")
}

#[test]
fn retries_503_until_a_success() {
    let server = Server::sequence(vec![unavailable(), unavailable(), Reply::text(200, "done")]);
    let run = hit(&["--retry", "3", "--retry-delay", "0", &server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "done");
    assert_eq!(server.requests().len(), 3);
    assert_eq!(
        run.stderr,
        "hit: retry 1/3 in 0ms after 503 Service Unavailable (request id: req-7)\n\
         hit: retry 2/3 in 0ms after 503 Service Unavailable (request id: req-7)\n"
    );
}

#[test]
fn gives_up_when_retries_run_out_and_exits_with_the_last_status() {
    let server = Server::reply(unavailable());
    let run = hit(&["--retry", "2", "--retry-delay", "0", &server.url("/")]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(server.requests().len(), 3);
    assert_eq!(run.stdout(), "busy", "only the last response is printed");
    assert!(
        run.stderr.ends_with(
            "hit: warning: gave up after 2 retries (--retry 2)\n\
             hit: warning: 503 Service Unavailable (request id: req-7)\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn retry_after_seconds_is_honoured() {
    let server = Server::sequence(vec![
        Reply::new(429).header("Retry-After", "1"),
        Reply::new(200),
    ]);
    let run = hit(&["--retry", "1", "--retry-delay", "0", &server.url("/")]).run();
    run.success();
    assert_eq!(server.requests().len(), 2);
    // With --retry-delay 0, a wait of 1.0 s is the server's Retry-After.
    assert_eq!(
        run.stderr,
        "hit: retry 1/1 in 1.0s after 429 Too Many Requests\n"
    );
}

#[test]
fn retry_after_as_an_http_date_is_honoured() {
    // Three seconds ahead; the date has whole seconds and hit starts late on a busy
    // machine, so the wait is more than nothing and at most 3 s.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3));
    let server = Server::sequence(vec![
        Reply::new(503).header("Retry-After", &date),
        Reply::new(200),
    ]);
    let run = hit(&["--retry", "1", "--retry-delay", "0", &server.url("/")]).run();
    run.success();
    assert_eq!(server.requests().len(), 2);
    // With --retry-delay 0, any wait is the date's.
    let wait = run
        .stderr
        .strip_prefix("hit: retry 1/1 in ")
        .and_then(|rest| rest.strip_suffix(" after 503 Service Unavailable\n"))
        .and_then(|wait| match wait.strip_suffix("ms") {
            Some(ms) => ms.parse::<f64>().ok().map(|ms| ms / 1000.0),
            None => wait.strip_suffix('s')?.parse::<f64>().ok(),
        });
    assert!(
        wait.is_some_and(|wait| wait > 0.0 && wait <= 3.0),
        "{}",
        run.stderr
    );
}

#[test]
fn a_retry_after_past_the_budget_stops_and_says_so() {
    let server = Server::reply(Reply::new(503).header("Retry-After", "120"));
    let run = hit(&["--retry", "3", "--retry-max-time", "5", &server.url("/")]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        run.stderr,
        "hit: warning: not retrying after 503 Service Unavailable: --retry-max-time is 5.0s and \
         the server asked to wait 2m 0s (Retry-After)\n\
         hit: warning: 503 Service Unavailable\n"
    );
}

#[test]
fn an_absurd_retry_after_meets_the_default_budget() {
    let server = Server::reply(Reply::new(503).header("Retry-After", "99999999999999999999"));
    let run = hit(&["--retry", "3", &server.url("/")]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(server.requests().len(), 1);
    assert!(
        run.stderr
            .contains("--retry-max-time is 5m 0s and the server asked to wait 8760h 0m"),
        "{}",
        run.stderr
    );
}

#[test]
fn garbage_retry_after_falls_back_to_the_backoff() {
    for value in ["soon", "-3", "1.5"] {
        let server = Server::sequence(vec![
            Reply::new(503).header("Retry-After", value),
            Reply::new(200),
        ]);
        let run = hit(&["--retry", "1", "--retry-delay", "0", &server.url("/")]).run();
        run.success();
        assert_eq!(server.requests().len(), 2, "{value}");
        assert_eq!(
            run.stderr, "hit: retry 1/1 in 0ms after 503 Service Unavailable\n",
            "{value}"
        );
    }
}

#[test]
fn a_post_is_not_retried_and_hit_says_why() {
    let server = Server::reply(unavailable());
    // The lint said so before sending too (tests/cli/learn.rs); this is the retry's line.
    let args = [
        "--no-lint",
        "unsafe-retry",
        "--retry",
        "3",
        "POST",
        &server.url("/"),
        "a=1",
    ];
    let run = hit(&args).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(server.requests().len(), 1);
    assert!(
        run.stderr.starts_with(
            "hit: warning: not retrying POST after 503 Service Unavailable (request id: req-7): \
             POST is not idempotent, so sending it twice could apply it twice; \
             --idempotency-key auto makes the retry safe if the server honours Idempotency-Key\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_post_with_an_idempotency_key_is_retried_with_the_same_key() {
    let server = Server::sequence(vec![unavailable(), unavailable(), Reply::new(201)]);
    let run = hit(&[
        "--retry",
        "3",
        "--retry-delay",
        "0",
        "--idempotency-key",
        "auto",
        "POST",
        &server.url("/"),
        "a=1",
    ])
    .run();
    run.success();
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let keys: Vec<&str> = requests
        .iter()
        .map(|r| r.header("idempotency-key").unwrap())
        .collect();
    assert_eq!(keys[0].len(), 36, "a UUID: {}", keys[0]);
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    assert!(requests.iter().all(|r| r.body_str() == r#"{"a":"1"}"#));

    // Another invocation makes another key.
    let again = Server::ok();
    hit(&["--idempotency-key", "auto", "POST", &again.url("/")])
        .run()
        .success();
    assert_ne!(
        again.only_request().header("idempotency-key"),
        Some(keys[0])
    );
}

#[test]
fn a_given_idempotency_key_is_sent_as_is() {
    let server = Server::ok();
    hit(&["--idempotency-key", "order-42", "POST", &server.url("/")])
        .run()
        .success();
    assert_eq!(
        server.only_request().header("idempotency-key"),
        Some("order-42")
    );
}

#[test]
fn put_is_retried_and_patch_is_not() {
    let server = Server::sequence(vec![unavailable(), Reply::new(200)]);
    let run = hit(&[
        "--retry",
        "2",
        "--retry-delay",
        "0",
        "PUT",
        &server.url("/"),
        "a=1",
    ])
    .run();
    run.success();
    assert_eq!(server.requests().len(), 2);

    let server = Server::sequence(vec![unavailable(), Reply::new(200)]);
    let run = hit(&["--retry", "2", "PATCH", &server.url("/"), "a=1"]).run();
    assert_eq!(run.code, 5, "{run:#?}");
    assert_eq!(server.requests().len(), 1);
    assert!(run.stderr.contains("not retrying PATCH"), "{}", run.stderr);
}

#[test]
fn a_404_is_never_retried() {
    let server = Server::reply(Reply::new(404));
    let run = hit(&["--retry", "3", "--retry-delay", "0", &server.url("/")]).run();
    assert_eq!(run.code, 4);
    assert_eq!(server.requests().len(), 1);
    assert_eq!(run.stderr, "hit: warning: 404 Not Found\n");
}

#[test]
fn retry_on_replaces_the_statuses() {
    let server = Server::sequence(vec![Reply::new(404), Reply::new(200)]);
    let run = hit(&[
        "--retry",
        "1",
        "--retry-delay",
        "0",
        "--retry-on",
        "404",
        &server.url("/"),
    ])
    .run();
    run.success();
    assert_eq!(server.requests().len(), 2);

    let server = Server::reply(unavailable());
    let run = hit(&["--retry", "1", "--retry-on", "4xx", &server.url("/")]).run();
    assert_eq!((run.code, server.requests().len()), (5, 1));
}

#[test]
fn no_retries_without_the_option() {
    let server = Server::reply(unavailable());
    let run = hit(&[&server.url("/")]).run();
    assert_eq!((run.code, server.requests().len()), (5, 1));
}

#[test]
fn a_refused_connection_is_retried_even_for_a_post() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let url = format!("127.0.0.1:{port}/");
    let args = [
        "--no-lint",
        "unsafe-retry",
        "--retry",
        "2",
        "--retry-delay",
        "0",
        "POST",
        &url,
        "a=1",
    ];
    let run = hit(&args).run();
    assert_eq!(run.code, 7, "{run:#?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stderr);
    assert!(
        lines[0].starts_with(&format!(
            "hit: retry 1/2 in 0ms after an error: cannot connect to 127.0.0.1:{port}: "
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        lines[2],
        "hit: warning: gave up after 2 retries (--retry 2)"
    );
    assert!(lines[3].starts_with("hit: error: cannot connect"));
}

/// A raw server whose first connection is handled as `first` and every later one gets a
/// 200 with the body "ok"; returns the port and the count of connections.
fn fails_once(first: Raw) -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    raw_server(move |n| {
        if n == 0 {
            first
        } else {
            Raw::Answer(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        }
    })
}

#[test]
fn a_connection_lost_before_the_response_is_retried() {
    let (port, accepted) = fails_once(Raw::Answer(b""));
    let run = hit(&[
        "--retry",
        "1",
        "--retry-delay",
        "0",
        &format!("127.0.0.1:{port}/"),
    ])
    .run();
    run.success();
    assert_eq!(run.stdout(), "ok");
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
    assert!(
        run.stderr.starts_with(&format!(
            "hit: retry 1/1 in 0ms after an error: 127.0.0.1:{port} closed the connection without a response"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_stalled_attempt_is_retried_after_timeout() {
    let (port, accepted) = fails_once(Raw::Stall(b""));
    let run = hit(&[
        "--timeout",
        "0.5",
        "--retry",
        "1",
        "--retry-delay",
        "0",
        &format!("127.0.0.1:{port}/"),
    ])
    .run();
    run.success();
    assert_eq!(run.stdout(), "ok");
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
    assert!(
        run.stderr
            .contains("timed out: no bytes for --timeout 500ms"),
        "{}",
        run.stderr
    );
}

#[test]
fn max_time_bounds_every_attempt_together() {
    let (port, accepted) = fails_once(Raw::Stall(b""));
    let run = hit(&[
        "-m",
        "0.5",
        "--retry",
        "1",
        "--retry-delay",
        "0",
        &format!("127.0.0.1:{port}/"),
    ])
    .run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: not retrying after the error below: -m/--max-time 500ms has run out\n\
             hit: error: request to 127.0.0.1:{port} timed out: no response within -m/--max-time 500ms\n"
        )
    );
}

#[test]
fn a_body_cut_short_is_not_retried() {
    let (port, accepted) =
        raw_server(|_| Raw::Answer(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"));
    let run = hit(&[
        "--retry",
        "3",
        "--retry-delay",
        "0",
        &format!("127.0.0.1:{port}/"),
    ])
    .run();
    assert_eq!(run.code, 9, "{run:#?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[test]
fn verbose_shows_each_attempt_and_metadata_counts_them() {
    let server = Server::sequence(vec![unavailable(), Reply::text(200, "done")]);
    let run = hit(&[
        "-vv",
        "--retry",
        "1",
        "--retry-delay",
        "0",
        &server.url("/"),
    ])
    .run();
    run.success();
    let stdout = run.stdout();
    assert_eq!(stdout.matches("GET / HTTP/1.1").count(), 2, "{stdout}");
    assert!(stdout.contains("503 Service Unavailable"), "{stdout}");
    // The retried response is shown whole, its body too, before the next attempt.
    assert!(stdout.contains("\n\nbusy\n\nGET / HTTP/1.1\n"), "{stdout}");
    assert!(stdout.contains("Attempts: 2\n"), "{stdout}");
}

#[test]
fn bad_retry_options_are_usage_errors() {
    for (args, message) in [
        (
            &["--retry", ":1"][..],
            "hit: error: invalid value ':1' for '--retry <N>'",
        ),
        (
            &["--retry-on", "5x", ":1"][..],
            "hit: error: invalid value '5x' for '--retry-on <CODES>': '5x' is not a status",
        ),
        (
            &["--idempotency-key", "", ":1"][..],
            "hit: error: --idempotency-key needs a key, or 'auto'",
        ),
    ] {
        let run = hit(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stderr.starts_with(message), "{}", run.stderr);
    }
}

#[test]
fn a_budget_spent_by_the_attempts_themselves_is_named() {
    let (port, accepted) = raw_server(|_| Raw::Stall(b""));
    let run = hit(&[
        "--retry",
        "3",
        "--retry-max-time",
        "0.5",
        "-m",
        "0.6",
        &format!("127.0.0.1:{port}/"),
    ])
    .run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(
            "hit: warning: not retrying after the error below: --retry-max-time is 500ms and "
        ) && first.ends_with("s of it has gone already"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_post_that_was_redirected_is_not_resent_when_the_next_hop_is_refused() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    let server = Server::reply(
        Reply::new(307).header("Location", &format!("http://127.0.0.1:{closed_port}/x")),
    );
    let run = hit(&[
        "--retry",
        "2",
        "--retry-delay",
        "0",
        "-L",
        "POST",
        &server.url("/pay"),
        "amount=5",
    ])
    .run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(server.requests().len(), 1, "the POST was sent again");
    assert!(run.stderr.contains("not retrying POST"), "{}", run.stderr);
}

#[test]
fn two_idempotency_keys_are_a_usage_error() {
    for args in [
        &[
            "--idempotency-key",
            "auto",
            "-H",
            "Idempotency-Key: a",
            "POST",
            ":1",
        ][..],
        &["--idempotency-key", "k", "POST", ":1", "idempotency-key:b"][..],
    ] {
        let run = hit(args).run();
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            "hit: error: an Idempotency-Key header and --idempotency-key both give the key; give it once\n"
        );
    }
}

#[test]
fn metadata_total_time_covers_every_attempt() {
    let server = Server::sequence(vec![
        Reply::new(503).header("Retry-After", "1"),
        Reply::new(200),
    ]);
    let run = hit(&["-p", "m", "--retry", "1", &server.url("/")]).run();
    run.success();
    let stdout = run.stdout();
    let total = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Total time: "))
        .expect(&stdout);
    assert!(
        total.ends_with('s') && !total.ends_with("ms"),
        "the 1 s wait is counted: {total}"
    );
}
