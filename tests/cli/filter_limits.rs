//! The filter runs beside the runtime: Ctrl-C and `-m` stop a filter that runs long,
//! recursion without end is one line and exit 1, reading stops at the limit; input is read
//! as jq reads it (several values, a byte order mark) and `halt_error` keeps its message
//! and its code.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::support::{Reply, Server, hit, wait_with_deadline};

/// A filter that makes one result, then runs for days.
const LONG: &str = "\"started\", last(range(1e12))";

fn health() -> Server {
    Server::reply(Reply::json(200, r#"{"status":"ok"}"#))
}

#[test]
fn ctrl_c_stops_a_long_filter_and_its_first_result_is_out() {
    let server = health();
    // --stream flushes each result: seeing it proves the filter is running, and that
    // results come as they are made.
    let mut child = hit(&["--stream", &server.url("/health"), "--jq", LONG]).spawn();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let first = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("a first result");
    assert_eq!(first, "\"started\"\n");
    let pid = rustix::process::Pid::from_child(&child);
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    // The filter runs for minutes: exiting at all is stopping for Ctrl-C.
    let status = wait_with_deadline(&mut child, Duration::from_secs(10));
    assert_eq!(status.code(), Some(130));
    let run = crate::support::collect(child);
    assert_eq!(run.stderr, "");
}

#[test]
fn max_time_stops_a_long_filter() {
    let server = health();
    let run = hit(&["-m", "0.5", &server.url("/health"), "--jq", LONG])
        .run_within(Duration::from_secs(10));
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(run.stdout(), "\"started\"\n");
    assert_eq!(
        run.stderr,
        "hit: error: --jq: -m/--max-time 500ms ran out while the filter ran\n"
    );
    let run = hit(&[
        "-m",
        "0.5",
        &server.url("/health"),
        "--check",
        "last(range(1e12)) > 0",
    ])
    .run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --check: -m/--max-time 500ms ran out while the filter ran\n"
    );
}

#[test]
fn recursion_without_end_is_one_line_not_an_abort() {
    let server = health();
    let url = server.url("/health");
    let run = hit(&[&url, "--jq", "def f: 1 + f; f"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --jq: the filter recursed too deeply (it used up its 256 MiB stack)\n"
    );
    let deep = "(\"[\" * 1000000) + (\"]\" * 1000000) | fromjson | length";
    let run = hit(&[&url, "--jq", deep]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --jq: the filter recursed too deeply (it used up its 256 MiB stack)\n"
    );
    let run = hit(&[&url, "--check", "def f: [f]; f | length > 0"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --check: the expression recursed too deeply (it used up its 256 MiB \
         stack)\n"
    );
    // Deep input is refused before it is parsed.
    let nested = format!("{}{}", "[".repeat(60_000), "]".repeat(60_000));
    let run = hit(&[&url, "--argjson", "x", &nested, "--jq", "$x"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --argjson x: the value nests deeper than 512 levels, the most hit reads\n"
    );
    // Nothing was sent for the refused --argjson.
    assert_eq!(server.requests().len(), 3);
    let deep_body = Server::reply(Reply::json(200, &nested));
    let run = hit(&[&deep_body.url("/"), "--jq", "length"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --jq: JSON nested deeper than 512 levels\n"
    );
}

/// A server whose body never ends; it counts the bytes it managed to write.
fn endless() -> (String, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let written = Arc::new(AtomicU64::new(0));
    let count = written.clone();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = [0u8; 4096];
        let _ = std::io::Read::read(&mut stream, &mut head);
        let start = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                      Transfer-Encoding: chunked\r\n\r\n1\r\n[\r\n";
        if stream.write_all(start).is_err() {
            return;
        }
        let piece = "1,".repeat(32 << 10);
        let chunk = format!("{:x}\r\n{piece}\r\n", piece.len());
        while stream.write_all(chunk.as_bytes()).is_ok() {
            count.fetch_add(piece.len() as u64, Ordering::SeqCst);
        }
    });
    (url, written)
}

#[test]
fn reading_for_jq_stops_at_its_limit() {
    let (url, written) = endless();
    let run = hit(&[&url, "--jq", "length"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: --jq: the response body is over 128 MiB, the most --jq holds in memory \
         (it stopped reading there); for NDJSON add --stream\n"
    );
    // What the sockets buffer is all that was written past the limit.
    let sent = written.load(Ordering::SeqCst);
    assert!(sent < 160 << 20, "{sent} bytes were sent");
}

#[test]
fn several_values_and_a_byte_order_mark_are_read_as_jq_reads_them() {
    let values = Server::reply(Reply::json(200, "1 2\n3"));
    let run = hit(&[&values.url("/"), "--jq", ". * 10"]).run();
    assert_eq!((run.code, run.stdout().as_str()), (0, "10\n20\n30\n"));
    let objects = Server::reply(Reply::json(200, "{\"ok\":true}\n{\"ok\":false}\n"));
    let run = hit(&[&objects.url("/"), "--check", ".ok"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(run.stderr, "hit: check failed: .ok (it yielded false)\n");
    let marked = Server::reply(Reply::json(200, "\u{feff}{\"a\":1}"));
    let run = hit(&[&marked.url("/"), "--jq", ".a"]).run();
    assert_eq!((run.code, run.stdout().as_str()), (0, "1\n"));
    // Without a filter, several values are shown formatted, as one value is.
    let run = hit(&["--pretty", "format", &objects.url("/")]).run();
    assert_eq!(
        run.stdout(),
        "{\n    \"ok\": true\n}\n{\n    \"ok\": false\n}\n"
    );
}

#[test]
fn halt_error_writes_its_message_and_keeps_its_code() {
    let server = health();
    let url = server.url("/health");
    let run = hit(&[&url, "--jq", ".status | halt_error"]).run();
    assert_eq!((run.code, run.stderr.as_str()), (5, "ok"));
    let run = hit(&[&url, "--jq", "{a: 1} | halt_error(3)"]).run();
    assert_eq!((run.code, run.stderr.as_str()), (3, "{\"a\":1}\n"));
    let run = hit(&[&url, "--jq", "1, (\"bye\\n\" | halt_error(0)), 2"]).run();
    assert_eq!(
        (run.code, run.stdout().as_str(), run.stderr.as_str()),
        (0, "1\n", "bye\n")
    );
}
