//! `hit explain` on WebSockets: the protocol, the upgrade, 101 and the close codes, which
//! are numbers above any HTTP status.

use crate::support::hit;

/// What `hit explain WORDS` prints, after checking it succeeded.
fn explained(words: &[&str]) -> String {
    let mut args = vec!["explain"];
    args.extend_from_slice(words);
    let run = hit(&args).run();
    run.success();
    run.stdout()
}

/// The text with its lines joined, so that a phrase the wrapping split is found whole.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn websocket_explains_the_handshake_frames_closing_and_how_to_try_it() {
    let page = explained(&["websocket"]);
    assert!(
        page.starts_with("WebSocket: a two-way channel of messages"),
        "{page}"
    );
    let text = flat(&page);
    for fact in [
        "Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Version: 13",
        "101 Switching Protocols with Sec-WebSocket-Accept",
        "SHA-1 digest of the key followed by the fixed GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
        "A message is text (UTF-8) or binary",
        "a ping asks for a pong",
        "Sec-WebSocket-Protocol offers subprotocols",
        "permessage-deflate (RFC 7692)",
        "hit explain close-codes",
        "hit ws://127.0.0.1:8080/ws/echo --message hello --count 1",
        "--until '.seq == 3'",
    ] {
        assert!(text.contains(fact), "{fact:?} in {page}");
    }
    assert_eq!(explained(&["ws"]), page);
    assert_eq!(explained(&["WebSockets"]), page);
}

#[test]
fn upgrade_explains_the_switch_and_426_and_keeps_the_header_facts() {
    let text = flat(&explained(&["upgrade"]));
    assert!(
        text.starts_with("Upgrade: switching an HTTP/1.1 connection"),
        "{text}"
    );
    assert!(
        text.contains("426 Upgrade Required is the other direction"),
        "{text}"
    );
    assert!(
        text.contains("The Upgrade header: In a request, the client offers"),
        "{text}"
    );
    let status = flat(&explained(&["101"]));
    assert!(
        status.contains("the WebSocket handshake (RFC 6455)"),
        "{status}"
    );
    assert!(status.contains("hit explain websocket"), "{status}");
}

#[test]
fn close_codes_are_explained_one_by_one_and_as_a_table() {
    let page = explained(&["1011"]);
    assert_eq!(
        page.lines().next(),
        Some("WebSocket close code 1011 Internal Error  (RFC 6455 §7.4.1)")
    );
    assert!(
        flat(&page).contains("not an HTTP status: an endpoint may send it"),
        "{page}"
    );
    let abnormal = flat(&explained(&["1006"]));
    assert!(abnormal.contains("1006 Abnormal Closure"), "{abnormal}");
    assert!(abnormal.contains("never sent, only reported"), "{abnormal}");
    let private = explained(&["4001"]);
    assert!(
        private.starts_with("WebSocket close code 4001 Application-defined"),
        "{private}"
    );
    let table = explained(&["close-codes"]);
    for line in [
        "  1000 Normal Closure\n",
        "  1015 TLS Handshake (never sent)\n",
    ] {
        assert!(table.contains(line), "{line:?} in {table}");
    }
    assert!(
        table.contains("  4000-4999 the application's own (private use)\n"),
        "{table}"
    );
    let run = hit(&["explain", "5000"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("hit explain knows no topic '5000'"),
        "{run:#?}"
    );
}
