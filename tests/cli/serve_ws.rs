//! `hit serve`'s WebSocket routes, reached by a real WebSocket client: the handshake is
//! written by hand so that the 101's head can be read, and yawc then speaks the protocol
//! over the same connection. Frames are also read raw where the wire itself is the point
//! (a compressed echo).

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use yawc::{Frame, OpCode, Options, Role, WebSocket};

use crate::serve::{ask, problem, raw, runtime};
use crate::support::Practice;

type Socket = WebSocket<TcpStream>;

/// RFC 6455 §1.3's example key, and the accept value it must get.
const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";
const ACCEPT: &str = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
const WAIT: Duration = Duration::from_secs(5);

/// A handshake request for `path`, with more header lines.
fn handshake(path: &str, extra: &[&str]) -> String {
    let mut request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n\
         Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {KEY}\r\n"
    );
    for line in extra {
        request.push_str(&format!("{line}\r\n"));
    }
    request.push_str("\r\n");
    request
}

/// Sends the handshake and reads the answer's head, byte by byte so that no frame after
/// it is taken; gives back the head and the connection.
async fn connect(port: u16, path: &str, extra: &[&str]) -> (String, TcpStream) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    stream
        .write_all(handshake(path, extra).as_bytes())
        .await
        .unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let byte = tokio::time::timeout(WAIT, stream.read_u8()).await;
        head.push(byte.expect("the head in time").expect("a byte of the head"));
    }
    (String::from_utf8(head).unwrap(), stream)
}

/// A header of a head, by name without regard to case.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (field, value) = line.split_once(':')?;
        field.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// A WebSocket on `path`: asserts the 101 and its accept value.
async fn open(port: u16, path: &str, extra: &[&str]) -> (String, Socket) {
    let (head, stream) = connect(port, path, extra).await;
    assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
    assert_eq!(
        header(&head, "Sec-WebSocket-Accept"),
        Some(ACCEPT),
        "{head}"
    );
    let extensions = header(&head, "Sec-WebSocket-Extensions");
    let options = match extensions {
        Some(_) => Options::default().with_balanced_compression(),
        None => Options::default(),
    };
    let socket = WebSocket::from_stream_with_extensions(stream, Role::Client, extensions, options)
        .expect("a WebSocket");
    (head, socket)
}

/// The next frame that is not a ping or a pong.
async fn next(socket: &mut Socket) -> Frame {
    loop {
        let frame = tokio::time::timeout(WAIT, socket.next()).await;
        let frame = frame.expect("a frame in time").expect("a frame");
        if !matches!(frame.opcode(), OpCode::Ping | OpCode::Pong) {
            return frame;
        }
    }
}

/// The next message, as JSON.
async fn json_message(socket: &mut Socket) -> Value {
    let frame = next(socket).await;
    assert_eq!(frame.opcode(), OpCode::Text);
    serde_json::from_slice(frame.payload()).expect("a JSON message")
}

/// The next frame is a Close with this code and reason.
#[track_caller]
fn is_close(frame: &Frame, code: u16, reason: &str) {
    assert_eq!(frame.opcode(), OpCode::Close, "{:?}", frame.payload());
    let sent = frame.close_code().map(u16::from);
    let said = frame.close_reason().unwrap().unwrap_or("");
    assert_eq!((sent, said), (Some(code), reason));
}

#[test]
fn echo_sends_text_and_binary_back_as_they_came() {
    let practice = Practice::start();
    runtime().block_on(async {
        let (head, mut socket) = open(practice.port, "/ws/echo", &[]).await;
        assert_eq!(header(&head, "Sec-WebSocket-Protocol"), None, "{head}");
        assert_eq!(header(&head, "Sec-WebSocket-Extensions"), None, "{head}");
        assert!(header(&head, "X-Request-Id").is_some(), "{head}");
        socket.send(Frame::text("hello")).await.unwrap();
        socket
            .send(Frame::binary(vec![0u8, 1, 2, 255]))
            .await
            .unwrap();
        let text = next(&mut socket).await;
        assert_eq!(
            (text.opcode(), text.payload().as_ref()),
            (OpCode::Text, &b"hello"[..])
        );
        let binary = next(&mut socket).await;
        let bytes = binary.payload().as_ref();
        assert_eq!(
            (binary.opcode(), bytes),
            (OpCode::Binary, &[0u8, 1, 2, 255][..])
        );
        // The server answers a Close with the same code.
        let goodbye = Frame::close(yawc::close::CloseCode::Normal, "done");
        socket.send(goodbye).await.unwrap();
        is_close(&next(&mut socket).await, 1000, "done");
    });
    let (_, log) = practice.interrupt();
    assert!(log.contains("GET /ws/echo 101 "), "{log}");
}

/// A client frame written by hand: FIN, the opcode, masked with a zero key (so the
/// payload reads as it is).
fn client_frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode];
    match payload.len() {
        len @ 0..=125 => frame.push(0x80 | len as u8),
        len @ 126..=65535 => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(len as u16).to_be_bytes());
        }
        len => {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(&[0, 0, 0, 0]);
    frame.extend_from_slice(payload);
    frame
}

/// A server frame read raw: its first byte (FIN, RSV1-3, opcode) and its payload.
async fn raw_frame(stream: &mut TcpStream) -> (u8, Vec<u8>) {
    let first = stream.read_u8().await.unwrap();
    let length = match stream.read_u8().await.unwrap() {
        126 => u64::from(stream.read_u16().await.unwrap()),
        127 => stream.read_u64().await.unwrap(),
        short => u64::from(short),
    };
    let mut payload = vec![0; length as usize];
    stream.read_exact(&mut payload).await.unwrap();
    (first, payload)
}

#[test]
fn echo_compresses_with_permessage_deflate_when_the_client_offers_it() {
    let practice = Practice::start();
    let offer = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";
    let message = "the same words again and again; ".repeat(300);
    runtime().block_on(async {
        let (head, mut stream) = connect(practice.port, "/ws/echo", &[offer]).await;
        let agreed = header(&head, "Sec-WebSocket-Extensions").unwrap_or("");
        assert!(agreed.starts_with("permessage-deflate"), "{head}");
        // Sent uncompressed (RSV1 clear), which permessage-deflate allows.
        let frame = client_frame(0x1, message.as_bytes());
        stream.write_all(&frame).await.unwrap();
        let (first, payload) = tokio::time::timeout(WAIT, raw_frame(&mut stream))
            .await
            .unwrap();
        assert_eq!(first, 0x80 | 0x40 | 0x1, "FIN, RSV1 (compressed), text");
        assert!(
            payload.len() < message.len() / 10,
            "{} bytes",
            payload.len()
        );
        // RFC 7692 §7.2.2: the sender removed the deflate block's 00 00 ff ff tail.
        let mut deflated = payload;
        deflated.extend_from_slice(&[0, 0, 0xff, 0xff]);
        let mut inflated = String::new();
        let mut decoder = flate2::read::DeflateDecoder::new(&deflated[..]);
        let _ = std::io::Read::read_to_string(&mut decoder, &mut inflated);
        assert_eq!(inflated, message);
    });
    // And a compressing client gets every message back whole.
    runtime().block_on(async {
        let (_, mut socket) = open(practice.port, "/ws/echo", &[offer]).await;
        for n in 0..3 {
            let text = format!("{n}: {message}");
            socket.send(Frame::text(text.clone())).await.unwrap();
            assert_eq!(next(&mut socket).await.payload().as_ref(), text.as_bytes());
        }
    });
}

#[test]
fn echo_chooses_the_first_subprotocol_offered_and_other_routes_none() {
    let practice = Practice::start();
    runtime().block_on(async {
        let offer = "Sec-WebSocket-Protocol: graphql-ws, mqtt";
        let (head, _) = open(practice.port, "/ws/echo", &[offer]).await;
        assert_eq!(header(&head, "Sec-WebSocket-Protocol"), Some("graphql-ws"));
        let (head, _) = open(practice.port, "/ws/ticker", &[offer]).await;
        assert_eq!(header(&head, "Sec-WebSocket-Protocol"), None, "{head}");
    });
}

/// Joins `room` and reads the welcome: the guest's name and how many are online.
async fn join(port: u16, room: &str) -> (Socket, String, u64) {
    let (_, mut socket) = open(port, &format!("/ws/chat/{room}"), &[]).await;
    let welcome = json_message(&mut socket).await;
    let you = welcome["you"].as_str().expect("a guest name").to_owned();
    assert!(you.starts_with("guest-"), "{welcome}");
    let online = welcome["online"].as_u64().expect("a count");
    assert_eq!(welcome, json!({"room": room, "you": you, "online": online}));
    (socket, you, online)
}

/// A chat message without its time, after checking the time is RFC 3339.
fn without_time(mut message: Value) -> Value {
    let at = message["at"]
        .as_str()
        .unwrap_or_else(|| panic!("{message}"));
    at.parse::<jiff::Timestamp>().expect("an RFC 3339 time");
    message.as_object_mut().unwrap().remove("at");
    message
}

#[test]
fn chat_passes_each_message_to_everyone_in_the_room_and_only_there() {
    let practice = Practice::start();
    runtime().block_on(async {
        let port = practice.port;
        let (mut ada, ada_name, online) = join(port, "tests").await;
        assert_eq!(online, 1);
        let (mut bob, bob_name, online) = join(port, "tests").await;
        assert_eq!(online, 2);
        let (mut eve, _, _) = join(port, "elsewhere").await;
        let joined = json!({"room": "tests", "joined": bob_name});
        assert_eq!(json_message(&mut ada).await, joined);

        bob.send(Frame::text("hi all")).await.unwrap();
        let said = json!({"room": "tests", "from": bob_name, "text": "hi all"});
        assert_eq!(without_time(json_message(&mut ada).await), said);
        assert_eq!(without_time(json_message(&mut bob).await), said);

        let object = json!({"text": "from JSON", "mood": "fine"}).to_string();
        ada.send(Frame::text(object)).await.unwrap();
        let said = json!({"room": "tests", "from": ada_name, "text": "from JSON"});
        assert_eq!(without_time(json_message(&mut bob).await), said);
        assert_eq!(without_time(json_message(&mut ada).await), said);

        // Nothing of that reached the other room: Eve's next message is her own.
        eve.send(Frame::text("anyone?")).await.unwrap();
        assert_eq!(json_message(&mut eve).await["text"], "anyone?");

        bob.send(Frame::close(yawc::close::CloseCode::Normal, ""))
            .await
            .unwrap();
        let left = json!({"room": "tests", "left": bob_name});
        assert_eq!(json_message(&mut ada).await, left);
    });
}

#[test]
fn chat_starts_in_the_lobby_and_closes_1003_on_binary() {
    let practice = Practice::start();
    runtime().block_on(async {
        let (_, mut socket) = open(practice.port, "/ws/chat", &[]).await;
        assert_eq!(json_message(&mut socket).await["room"], "lobby");
        socket.send(Frame::binary(vec![1u8, 2])).await.unwrap();
        is_close(
            &next(&mut socket).await,
            1003,
            "the chat takes text messages",
        );
    });
}

#[test]
fn ticker_with_count_3_sends_three_json_ticks_then_closes_1000() {
    let practice = Practice::start();
    runtime().block_on(async {
        let path = "/ws/ticker?count=3&interval=10";
        let (_, mut socket) = open(practice.port, path, &[]).await;
        for seq in 1..=3 {
            let tick = json_message(&mut socket).await;
            assert!(tick["price"].is_f64() || tick["price"].is_u64(), "{tick}");
            let rest = json!({"seq": seq});
            let mut tick = without_time(tick);
            tick.as_object_mut().unwrap().remove("price");
            assert_eq!(tick, rest);
        }
        is_close(&next(&mut socket).await, 1000, "3 ticks, as asked");
    });
}

#[test]
fn close_route_closes_at_once_with_the_code_and_reason_asked_for() {
    let practice = Practice::start();
    runtime().block_on(async {
        let (_, mut socket) = open(practice.port, "/ws/close/4001?reason=bye", &[]).await;
        is_close(&next(&mut socket).await, 4001, "bye");
        let (_, mut socket) = open(practice.port, "/ws/close/1011", &[]).await;
        is_close(&next(&mut socket).await, 1011, "");
    });
}

/// The answer to a handshake on `path`, as text, read until the server closes.
fn refused(practice: &Practice, path: &str) -> (u16, Value) {
    let request = handshake(path, &["Connection: Upgrade, close"]);
    let answer = raw(practice.port, request.as_bytes(), WAIT);
    let (head, body) = answer.split_once("\r\n\r\n").expect("a head");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    (status, serde_json::from_str(body).expect("a problem"))
}

#[test]
fn close_codes_that_cannot_be_sent_and_long_reasons_are_400_before_the_upgrade() {
    let practice = Practice::start();
    let choose = "cannot be sent in a Close frame; choose 1000-1003, 1007-1014 or 3000-4999 \
                  (hit explain close-codes)";
    let detail = format!("1006 Abnormal Closure {choose}");
    assert_eq!(
        refused(&practice, "/ws/close/1006"),
        (400, problem(400, "Bad Request", &detail))
    );
    let detail = format!("'999' {choose}");
    assert_eq!(
        refused(&practice, "/ws/close/999"),
        (400, problem(400, "Bad Request", &detail))
    );
    let long = format!("/ws/close/4000?reason={}", "x".repeat(124));
    let detail = "the reason is 124 bytes; a Close frame holds at most 123";
    assert_eq!(
        refused(&practice, &long),
        (400, problem(400, "Bad Request", detail))
    );
    let detail = "interval must be a whole number from 10 to 10000, not '5'";
    assert_eq!(
        refused(&practice, "/ws/ticker?interval=5"),
        (400, problem(400, "Bad Request", detail))
    );
}

#[test]
fn a_plain_get_on_a_websocket_route_is_426_naming_the_ws_url() {
    let practice = Practice::start();
    let answer = ask(&[&practice.at("/ws/echo")]);
    answer.is(4, 426);
    assert_eq!(answer.header("Upgrade"), Some("websocket"));
    assert!(answer.header("X-Request-Id").is_some(), "{answer:#?}");
    let detail = format!(
        "/ws/echo is a WebSocket route: a plain request cannot use it. Open it as a \
         WebSocket, for example with hit ws://localhost:{}/ws/echo",
        practice.port
    );
    assert_eq!(answer.json(), problem(426, "Upgrade Required", &detail));
    let answer = ask(&["POST", &practice.at("/ws/chat")]);
    answer.is(4, 405);
    assert_eq!(answer.header("Allow"), Some("GET"));
    let listed = ask(&[&practice.at("/")]).json();
    assert_eq!(listed["websockets"][0], "/ws/echo", "{listed}");
}

#[test]
fn a_message_over_the_limit_closes_1009_and_stopping_the_server_closes_1001() {
    let practice = Practice::start();
    runtime().block_on(async {
        let (_, mut socket) = open(practice.port, "/ws/echo", &[]).await;
        socket
            .send(Frame::text("x".repeat(512 * 1024)))
            .await
            .unwrap();
        assert_eq!(next(&mut socket).await.payload().len(), 512 * 1024);
        // The server judges the frame by its header and closes with the payload still
        // unread: the kernel may then reset the connection before the close is read, which
        // is the one other ending allowed here.
        let _ = socket.send(Frame::text("x".repeat(1024 * 1024 + 1))).await;
        let frame = tokio::time::timeout(WAIT, socket.next_frame()).await;
        match frame.expect("an answer in time") {
            Ok(frame) => assert_eq!(frame.close_code().map(u16::from), Some(1009)),
            Err(err) => assert!(err.is_io_error(), "{err}"),
        }
    });
    let runtime = runtime();
    let (_, mut socket) = runtime.block_on(open(practice.port, "/ws/echo", &[]));
    let (status, log) = practice.interrupt();
    assert_eq!(status.code(), Some(0), "{log}");
    runtime.block_on(async {
        is_close(&next(&mut socket).await, 1001, "hit serve is stopping");
    });
    assert!(log.ends_with("hit serve: stopped\n"), "{log}");
}
