//! The WebSocket client against `hit serve`'s WebSocket routes: compression and
//! subprotocols agreed, a chat between two sessions, the ticker ended by `--count`.

use crate::support::{Practice, hit};

fn ws(practice: &Practice, path: &str) -> String {
    format!("ws://127.0.0.1:{}{path}", practice.port)
}

#[test]
fn permessage_deflate_and_a_subprotocol_are_agreed_and_used() {
    let practice = Practice::start();
    // Long and repetitive: compressed on the wire both ways.
    let long = "abc ".repeat(15_000);
    let run = hit(&[
        "-v",
        &ws(&practice, "/ws/echo"),
        "--subprotocol",
        "v1.echo",
        "--message",
        &long,
    ])
    .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout();
    let (head, messages) = out.split_once("\n\n").unwrap();
    let response = &head[head.find("HTTP/1.1 101").expect("the 101")..];
    assert!(
        response.contains("Sec-Websocket-Extensions: permessage-deflate"),
        "{response}"
    );
    assert!(
        response.contains("Sec-Websocket-Protocol: v1.echo"),
        "{response}"
    );
    assert_eq!(
        messages.trim_end_matches('\n').rsplit('\n').next(),
        Some(long.as_str())
    );
}

#[test]
fn two_sessions_chat_in_a_room() {
    let practice = Practice::start();
    let room = ws(&practice, "/ws/chat/tests");
    // The first listens for three messages: its welcome, the second's arrival, its words.
    let listener = hit(&[&room, "--count", "3", "-m", "20"]).spawn();
    crate::support::wait_until(
        "the first joins",
        std::time::Duration::from_secs(10),
        || practice.log().contains("/ws/chat/tests 101"),
    );
    let second = hit(&[&room, "--message", "hello from two", "--count", "2"]).run();
    assert_eq!(second.code, 0, "{second:#?}");
    let first = crate::support::collect(listener);
    assert_eq!(first.code, 0, "{first:#?}");
    let lines: Vec<serde_json::Value> = first
        .stdout()
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(lines[0]["you"], "guest-1", "{lines:?}");
    assert_eq!(lines[1]["joined"], "guest-2", "{lines:?}");
    assert_eq!(lines[2]["from"], "guest-2", "{lines:?}");
    assert_eq!(lines[2]["text"], "hello from two", "{lines:?}");
    let own = second.stdout();
    assert_eq!(
        own.lines().count(),
        2,
        "its welcome and its own words: {own}"
    );
    assert!(own.contains("\"text\":\"hello from two\""), "{own}");
}
