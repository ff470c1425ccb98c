//! The exchange shown as it was: the server's reason phrase, header bytes, and request
//! headers as they went on the wire.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use crate::support::hit;

/// A server that answers `response` once and keeps the request's bytes.
fn capturing(response: &'static [u8]) -> (u16, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let keep = seen.clone();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let mut head = Vec::new();
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        *keep.lock().unwrap() = head;
        let _ = stream.write_all(response);
    });
    (port, seen)
}

#[test]
fn the_reason_phrase_is_the_servers() {
    let (port, _) = capturing(b"HTTP/1.1 409 CONFLICT\r\nContent-Length: 0\r\n\r\n");
    let run = hit(&["-p", "h", &format!("127.0.0.1:{port}/")]).run();
    assert_eq!(run.code, 4);
    assert_eq!(run.stdout(), "HTTP/1.1 409 CONFLICT\nContent-Length: 0\n\n");
    assert_eq!(run.stderr, "hit: warning: 409 CONFLICT\n");

    let (port, _) = capturing(b"HTTP/1.1 200 Wonderful\r\nContent-Length: 2\r\n\r\n{}");
    let run = hit(&["--output-format", "json", &format!("127.0.0.1:{port}/")]).run();
    run.success();
    let document: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(document["response"]["reason"], "Wonderful");
}

#[test]
fn request_headers_are_shown_as_they_are_sent() {
    let (port, seen) = capturing(b"HTTP/1.1 204 No Content\r\n\r\n");
    let run = hit(&[
        "-p",
        "H",
        "-H",
        "x-lower: 1",
        "-H",
        "X-UPPER: 2",
        &format!("127.0.0.1:{port}/"),
    ])
    .run();
    run.success();
    let wire = String::from_utf8(seen.lock().unwrap().clone()).unwrap();
    let shown = run.stdout();
    // Every line -v shows after the request line is on the wire as it is shown.
    for line in shown.lines().skip(1).filter(|l| !l.is_empty()) {
        assert!(
            wire.contains(&format!("{line}\r\n")),
            "{line:?} not in {wire:?}"
        );
    }
    assert!(
        shown.contains("X-Lower: 1\n") && shown.contains("X-Upper: 2\n"),
        "{shown}"
    );
}

#[test]
fn header_bytes_reach_a_pipe_unchanged() {
    let (port, _) = capturing(b"HTTP/1.1 200 OK\r\nX-Name: caf\xe9\r\nContent-Length: 0\r\n\r\n");
    let run = hit(&["-p", "h", &format!("127.0.0.1:{port}/")]).run();
    run.success();
    assert_eq!(
        run.stdout,
        b"HTTP/1.1 200 OK\nX-Name: caf\xe9\nContent-Length: 0\n\n".to_vec()
    );
}
