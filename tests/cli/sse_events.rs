//! Event streams read as events: `--jq`/`--check` per event with `$__event`, `--count` and
//! `--until` ending a stream (and NDJSON), `--sse-reconnect` following `retry` and
//! `Last-Event-ID`. Servers are raw TCP listeners: a stream kept open proves that hit ended
//! it, and a connection closed mid-stream is what reconnecting is for.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Raw, Reply, Server, hit, raw_server};

const LIMIT: Duration = Duration::from_secs(20);

const SSE_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n";

/// Three events (a comment, a named event with an ID, data over two lines, data that is
/// not JSON), then a stream that stays open.
const EVENTS: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n\
: a comment, ignored\n\
id: 1\nevent: tick\ndata: {\"n\":1}\n\n\
data: {\"n\":\ndata: 2}\n\n\
id: 3\r\nretry: 50\r\ndata: three\r\n\r\n\
data: {\"n\":4}\n\n";

/// What the server sent after its head.
fn body_of(answer: &[u8]) -> &[u8] {
    let at = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    &answer[at + 4..]
}

/// A stream server that sends `EVENTS` and holds the connection open.
fn open_stream(answer: &'static [u8]) -> String {
    let (port, _) = raw_server(move |_| Raw::Stall(answer));
    format!("http://127.0.0.1:{port}/events")
}

#[test]
fn count_ends_a_stream_at_an_event_boundary_byte_for_byte() {
    let url = open_stream(EVENTS);
    let run = hit(&[&url, "--count", "2"]).run_within(LIMIT);
    run.success();
    let body = body_of(EVENTS);
    let second_end = body.windows(3).position(|w| w == b"2}\n").unwrap() + 4;
    assert_eq!(run.stdout, &body[..second_end], "{run:#?}");
    assert_eq!(run.stderr, "");
    // CR line ends, and the last event ends the stream.
    let run = hit(&[&url, "--count", "4"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout, body, "{run:#?}");
}

#[cfg(feature = "jq")]
#[test]
fn jq_runs_on_each_events_data_with_its_fields() {
    let url = open_stream(EVENTS);
    let filter = "[$__event.event, $__event.id, $__event.retry, .]";
    let run = hit(&[&url, "--jq", filter, "--count", "3"]).run_within(LIMIT);
    run.success();
    assert_eq!(
        run.stdout(),
        "[\"tick\",\"1\",null,{\"n\":1}]\n\
         [\"message\",null,null,{\"n\":2}]\n\
         [\"message\",\"3\",50,\"three\"]\n"
    );
    // The raw data, lines joined with \n.
    let run = hit(&[&url, "--jq", "$__event.data", "-r", "--count", "2"]).run_within(LIMIT);
    assert_eq!(run.stdout(), "{\"n\":1}\n{\"n\":\n2}\n", "{run:#?}");
}

#[cfg(feature = "jq")]
#[test]
fn a_failed_check_stops_the_stream_at_its_event() {
    let url = open_stream(EVENTS);
    let run = hit(&[&url, "--jq", ".n", "--check", ".n < 2"]).run_within(LIMIT);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(run.stdout(), "1\n2\n");
    assert_eq!(
        run.stderr,
        "hit: check failed: .n < 2 (.n is 2) (event 2)\n"
    );
    // Without --jq the events are shown as they came, up to the one that failed.
    let run = hit(&[&url, "--check", "type == \"object\""]).run_within(LIMIT);
    assert_eq!(run.code, 1, "{run:#?}");
    let body = body_of(EVENTS);
    let third_end = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(run.stdout, &body[..third_end]);
    assert_eq!(
        run.stderr,
        "hit: check failed: type == \"object\" (type is \"string\") (event 3)\n"
    );
}

#[cfg(feature = "jq")]
#[test]
fn until_ends_the_stream_after_the_first_event_it_is_true_of() {
    let url = open_stream(EVENTS);
    let until = "$__event.id == \"3\"";
    let run = hit(&[&url, "--jq", ".n? // .", "--until", until]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "1\n2\n\"three\"\n");
    let run = hit(&[&url, "--until", ".n == 1"]).run_within(LIMIT);
    run.success();
    let body = body_of(EVENTS);
    let first_end = body.windows(3).position(|w| w == b"1}\n").unwrap() + 4;
    assert_eq!(run.stdout, &body[..first_end]);
}

#[test]
fn count_ends_ndjson_at_a_value() {
    let answer: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n\r\n\
{\"n\":1}\n\n{\"n\":2}\n{\"n\":3}\n";
    let url = open_stream(answer);
    let run = hit(&[&url, "--count", "2"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "{\"n\":1}\n\n{\"n\":2}\n");
}

#[cfg(feature = "jq")]
#[test]
fn until_ends_ndjson_with_stream() {
    let answer: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n\
{\"n\":1}\n{\"n\":2,\"done\":true}\n{\"n\":3}\n";
    let url = open_stream(answer);
    let run = hit(&[&url, "--stream", "--jq", ".n", "--until", ".done"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "1\n2\n");
}

#[test]
fn stream_options_on_a_plain_response_are_a_warning() {
    let server = Server::reply(Reply::json(200, "{\"a\":1}"));
    let run = hit(&[&server.url("/x"), "--count", "2"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "{\"a\":1}");
    assert_eq!(
        run.stderr,
        "hit: warning: --count applies to event streams, NDJSON and WebSockets; this \
         response's Content-Type is application/json: shown whole\n"
    );
    let run = hit(&[&server.url("/x"), "--sse-reconnect"]).run_within(LIMIT);
    run.success();
    assert_eq!(
        run.stderr,
        "hit: warning: --sse-reconnect applies to event streams (text/event-stream); this \
         response's Content-Type is application/json: shown whole\n"
    );
}

/// One connection of an event server: what it answers, and whether it then closes.
struct Connection {
    answer: Vec<u8>,
    close: bool,
}

/// What an event server saw: each connection's request head and when it came.
type Seen = Arc<Mutex<Vec<(String, Instant)>>>;

/// A server whose `n`th connection is answered as `answer(n)` says.
fn event_server(answer: impl Fn(usize) -> Connection + Send + 'static) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Seen = Arc::default();
    let heads = seen.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut head = Vec::new();
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => head.extend_from_slice(&buf[..k]),
                }
            }
            let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
            heads.lock().unwrap().push((text, Instant::now()));
            let connection = answer(n);
            let _ = stream.write_all(&connection.answer);
            if !connection.close {
                held.push(stream);
            }
        }
    });
    (format!("http://127.0.0.1:{port}/events"), seen)
}

fn closing(answer: impl Into<Vec<u8>>) -> Connection {
    Connection {
        answer: answer.into(),
        close: true,
    }
}

#[test]
fn reconnecting_sends_the_last_event_id_after_the_retry_time() {
    let (url, seen) = event_server(|n| match n {
        // Closed cleanly after an event.
        0 => closing(format!("{SSE_HEAD}retry: 50\nid: 1\ndata: one\n\n")),
        // Broken mid-stream: a chunked body cut off, with half an event.
        1 => closing(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: \
             chunked\r\n\r\n11\r\nid: 2\ndata: two\n\n\r\n9\r\ndata: hal\r\n",
        ),
        _ => closing("HTTP/1.1 204 No Content\r\n\r\n"),
    });
    let run = hit(&[&url, "--sse-reconnect"]).run_within(LIMIT);
    run.success();
    // The event cut short is not shown: the stream ended by reconnecting.
    assert_eq!(
        run.stdout(),
        "retry: 50\nid: 1\ndata: one\n\nid: 2\ndata: two\n\n"
    );
    // 100ms is the shortest wait.
    assert_eq!(
        run.stderr,
        "hit: reconnecting in 100ms (Last-Event-ID: 1)\n\
         hit: reconnecting in 100ms (Last-Event-ID: 2)\n\
         hit: the event stream's server answered 204 No Content: not reconnecting\n"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    assert!(!seen[0].0.contains("last-event-id"), "{}", seen[0].0);
    assert!(seen[1].0.contains("last-event-id: 1\r\n"), "{}", seen[1].0);
    assert!(seen[2].0.contains("last-event-id: 2\r\n"), "{}", seen[2].0);
    for pair in seen.windows(2) {
        assert!(pair[1].1 - pair[0].1 >= Duration::from_millis(100));
    }
}

#[cfg(feature = "jq")]
#[test]
fn reconnected_events_go_on_counting() {
    let (url, seen) = event_server(|n| {
        let event = format!("{SSE_HEAD}retry: 10\nid: {n}\ndata: {{\"n\":{n}}}\n\n");
        closing(event)
    });
    let run = hit(&[&url, "--sse-reconnect", "--jq", ".n", "--count", "3"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "0\n1\n2\n");
    assert_eq!(
        run.stderr,
        "hit: reconnecting in 100ms (Last-Event-ID: 0)\n\
         hit: reconnecting in 100ms (Last-Event-ID: 1)\n"
    );
    assert_eq!(seen.lock().unwrap().len(), 3);
    // -q: no note, and nothing on stdout.
    let run = hit(&[&url, "--sse-reconnect", "-q", "--count", "2"]).run_within(LIMIT);
    run.success();
    assert_eq!((run.stdout(), run.stderr.as_str()), (String::new(), ""));
    assert_eq!(seen.lock().unwrap().len(), 5);
}

#[test]
fn max_time_ends_a_reconnecting_stream() {
    let (url, _) = event_server(|_| closing(format!("{SSE_HEAD}retry: 20\ndata: x\n\n")));
    let started = Instant::now();
    let run = hit(&[&url, "--sse-reconnect", "-m", "0.5"]).run_within(LIMIT);
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        run.stdout()
            .starts_with("retry: 20\ndata: x\n\nretry: 20\n")
    );
    assert!(run.stderr.starts_with("hit: reconnecting in 100ms\n"));
    let last = run.stderr.lines().last().unwrap();
    assert!(last.contains("-m/--max-time 500ms ran out"), "{last}");
}

#[test]
fn a_failing_status_on_reconnecting_decides_the_exit_code() {
    let (url, _) = event_server(|n| match n {
        0 => closing(format!("{SSE_HEAD}retry: 0\ndata: x\n\n")),
        _ => closing("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"),
    });
    let run = hit(&[&url, "--sse-reconnect"]).run_within(LIMIT);
    assert_eq!(run.code, 5, "{run:#?}");
    assert!(
        run.stderr.starts_with(
            "hit: reconnecting in 100ms\n\
             hit: warning: reconnecting: the server answered 503 Service Unavailable; the \
             event stream ends\n"
        ),
        "{}",
        run.stderr
    );
    // Without --sse-reconnect a closed stream simply ends.
    let (url, seen) = event_server(|_| closing(format!("{SSE_HEAD}data: x\n\n")));
    let run = hit(&[&url, "--count", "5"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "data: x\n\n");
    assert_eq!(seen.lock().unwrap().len(), 1);
}

/// `hit serve`'s `/sse` drops after two events and resumes after `Last-Event-ID`, then
/// answers 204: the whole stream arrives once, over three connections.
#[cfg(all(feature = "jq", feature = "serve"))]
#[test]
fn reconnecting_to_the_practice_stream_resumes_it() {
    let practice = crate::support::Practice::start();
    let url = practice.url("/sse?drop=2&retry=10");
    let run = hit(&[&url, "--sse-reconnect", "--jq", ".tick"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "1\n2\n3\n4\n5\n");
    assert_eq!(
        run.stderr,
        "hit: reconnecting in 100ms (Last-Event-ID: 2)\n\
         hit: reconnecting in 100ms (Last-Event-ID: 4)\n\
         hit: reconnecting in 100ms (Last-Event-ID: 5)\n\
         hit: the event stream's server answered 204 No Content: not reconnecting\n"
    );
}

#[test]
fn a_stream_that_gives_no_event_is_reconnected_to_ever_more_slowly() {
    // `retry: 0` and no event: without a floor and a backoff hit would spin.
    let (url, seen) = event_server(|_| closing(format!("{SSE_HEAD}retry: 0\n\n")));
    let run = hit(&[&url, "--sse-reconnect", "-m", "1.2"]).run_within(LIMIT);
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(
        run.stderr.starts_with(
            "hit: reconnecting in 100ms\n\
             hit: reconnecting in 200ms\n\
             hit: reconnecting in 400ms\n"
        ),
        "{}",
        run.stderr
    );
    let seen = seen.lock().unwrap();
    assert!((3..=5).contains(&seen.len()), "{} connections", seen.len());
    for (pair, wait) in seen.windows(2).zip([100, 200, 400]) {
        assert!(pair[1].1 - pair[0].1 >= Duration::from_millis(wait));
    }
}

#[test]
fn an_event_cut_short_by_a_drop_is_not_shown() {
    let (url, _) = event_server(|n| match n {
        0 => closing(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: \
             chunked\r\n\r\n1b\r\nretry: 0\nid: 4\ndata: four\n\n\r\n9\r\ndata: hal\r\n",
        ),
        1 => closing(format!(
            "{SSE_HEAD}: hello\n\nid: 5\ndata: five\n\nid: 6\ndata: si"
        )),
        _ => closing("HTTP/1.1 204 No Content\r\n\r\n"),
    });
    let run = hit(&[&url, "--sse-reconnect"]).run_within(LIMIT);
    run.success();
    assert_eq!(
        run.stdout(),
        "retry: 0\nid: 4\ndata: four\n\n: hello\n\nid: 5\ndata: five\n\n",
        "{run:#?}"
    );
    // Without reconnecting, the stream is shown as it came, cut where it ended.
    let (url, _) = event_server(|_| closing(format!("{SSE_HEAD}data: one\n\ndata: hal")));
    let run = hit(&[&url, "--count", "5"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "data: one\n\ndata: hal");
}

#[test]
fn a_reconnection_that_fails_is_tried_again() {
    // Connection 1 is closed without an answer; connection 2 is refused (nothing listens).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Seen = Arc::default();
    let heads = seen.clone();
    std::thread::spawn(move || {
        let accept = |listener: &TcpListener, answer: &[u8]| {
            let (mut stream, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let k = stream.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..k]).to_ascii_lowercase();
            heads.lock().unwrap().push((head, Instant::now()));
            let _ = stream.write_all(answer);
        };
        let first = format!("{SSE_HEAD}retry: 0\nid: 1\ndata: one\n\n");
        accept(&listener, first.as_bytes());
        accept(&listener, b"");
        drop(listener);
        std::thread::sleep(Duration::from_millis(600));
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        accept(&listener, b"HTTP/1.1 204 No Content\r\n\r\n");
    });
    let url = format!("http://127.0.0.1:{port}/events");
    let run = hit(&[&url, "--sse-reconnect"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "retry: 0\nid: 1\ndata: one\n\n");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "hit: reconnecting in 100ms (Last-Event-ID: 1)");
    assert!(
        lines[1].starts_with("hit: could not reconnect: "),
        "{lines:?}"
    );
    assert_eq!(lines[2], "hit: reconnecting in 200ms (Last-Event-ID: 1)");
    assert!(
        run.stderr.ends_with(
            "hit: the event stream's server answered 204 No Content: not reconnecting\n"
        ),
        "{}",
        run.stderr
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    assert!(seen[2].0.contains("last-event-id: 1\r\n"), "{}", seen[2].0);
    assert!(
        run.stderr.matches("could not reconnect").count() >= 2,
        "{}",
        run.stderr
    );
}

#[test]
fn max_time_bounds_reconnecting_to_a_server_that_is_gone() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let _ = stream.read(&mut [0u8; 4096]);
        let _ = stream.write_all(format!("{SSE_HEAD}retry: 0\ndata: x\n\n").as_bytes());
    });
    let url = format!("http://127.0.0.1:{port}/events");
    let run = hit(&[&url, "--sse-reconnect", "-m", "1"]).run_within(LIMIT);
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(run.stdout(), "retry: 0\ndata: x\n\n");
    assert!(
        run.stderr.contains("hit: could not reconnect: "),
        "{}",
        run.stderr
    );
    let last = run.stderr.lines().last().unwrap();
    assert!(last.contains("-m/--max-time"), "{last}");
}

#[test]
fn the_users_last_event_id_stands_until_the_stream_sets_one() {
    let (url, seen) = event_server(|n| match n {
        0 => closing(format!("{SSE_HEAD}retry: 0\ndata: a\n\n")),
        1 => closing(format!("{SSE_HEAD}id: 7\ndata: b\n\n")),
        // An empty ID empties the buffer: no header then.
        2 => closing(format!("{SSE_HEAD}id\ndata: c\n\n")),
        _ => closing("HTTP/1.1 204 No Content\r\n\r\n"),
    });
    let run = hit(&[&url, "Last-Event-ID:41", "--sse-reconnect"]).run_within(LIMIT);
    run.success();
    assert_eq!(
        run.stderr,
        "hit: reconnecting in 100ms (Last-Event-ID: 41)\n\
         hit: reconnecting in 100ms (Last-Event-ID: 7)\n\
         hit: reconnecting in 100ms\n\
         hit: the event stream's server answered 204 No Content: not reconnecting\n"
    );
    let seen = seen.lock().unwrap();
    let ids: Vec<Option<&str>> = seen
        .iter()
        .map(|(head, _)| {
            let at = head.find("last-event-id: ")?;
            head[at + 15..].split("\r\n").next()
        })
        .collect();
    assert_eq!(ids, [Some("41"), Some("41"), Some("7"), None]);
}

#[cfg(feature = "jq")]
#[test]
fn an_empty_event_field_is_a_message() {
    let url = open_stream(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n\
event:\ndata: 1\n\nevent: tick\ndata: 2\n\n",
    );
    let run = hit(&[&url, "--jq", "$__event.event", "--count", "2"]).run_within(LIMIT);
    run.success();
    assert_eq!(run.stdout(), "\"message\"\n\"tick\"\n");
}
