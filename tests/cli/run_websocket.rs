//! `WEBSOCKET` requests in `.http` files (JetBrains' syntax), run by `hit run` and `hit
//! test` against an in-process WebSocket server: messages sent in order, `=== wait-for-server`
//! holding the next message until the server replied, `# @check` on each message, close
//! codes, variables in messages, and the file's mistakes named by their line.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::SinkExt;
use http_body_util::Empty;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use yawc::close::CloseCode;
use yawc::frame::{Frame, OpCode};

use crate::support::{hit, temp_file};

/// What the server saw and did, in order: `open PATH`, `got TEXT`, `sent TEXT`,
/// `closed CODE`.
type Events = Arc<Mutex<Vec<String>>>;

/// A WebSocket server on 127.0.0.1. By path: `/echo` echoes each text message, `/slow`
/// echoes each one 300 ms later, `/close/1011` closes with 1011 after the first message.
struct WsServer {
    port: u16,
    events: Events,
    /// Each handshake's `Content-Type` and `X-Token` headers.
    headers: Arc<Mutex<Vec<(String, String)>>>,
    _runtime: tokio::runtime::Runtime,
}

impl WsServer {
    fn start() -> WsServer {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        let events = Events::default();
        let headers = Arc::new(Mutex::new(Vec::new()));
        let (seen, heads) = (events.clone(), headers.clone());
        runtime.spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let (seen, heads) = (seen.clone(), heads.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let (seen, heads) = (seen.clone(), heads.clone());
                        async move { upgrade(request, seen, heads) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tcp), service)
                        .with_upgrades()
                        .await;
                });
            }
        });
        WsServer {
            port,
            events,
            headers,
            _runtime: runtime,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("ws://127.0.0.1:{}{path}", self.port)
    }

    /// What the server saw, once it has seen a session end (its task may still be
    /// finishing when hit has exited).
    fn events(&self) -> Vec<String> {
        crate::support::wait_until(
            "the server to see the close",
            Duration::from_secs(10),
            || {
                self.events
                    .lock()
                    .unwrap()
                    .iter()
                    .any(|e| e.starts_with("closed "))
            },
        );
        self.events.lock().unwrap().clone()
    }
}

/// The handshake answered with 101, and the session run on its own task.
fn upgrade(
    mut request: Request<Incoming>,
    seen: Events,
    heads: Arc<Mutex<Vec<(String, String)>>>,
) -> Result<Response<Empty<Bytes>>, yawc::WebSocketError> {
    let header = |name: &str| {
        let value = request.headers().get(name);
        value.map_or(String::new(), |v| v.to_str().unwrap().to_string())
    };
    heads
        .lock()
        .unwrap()
        .push((header("content-type"), header("x-token")));
    let path = request.uri().path().to_string();
    let (response, upgrading) = yawc::WebSocket::upgrade(&mut request)?;
    tokio::spawn(async move {
        if let Ok(ws) = upgrading.await {
            session(ws, &path, &seen).await;
        }
    });
    Ok(response)
}

/// How long the server takes to answer a message on PATH; `None` when it never does.
fn delay(path: &str) -> Option<Duration> {
    match path {
        "/slow" => Some(Duration::from_millis(300)),
        // Longer than hit waits for replies once its messages are sent.
        "/slower" => Some(Duration::from_millis(900)),
        "/mute" => None,
        _ => Some(Duration::ZERO),
    }
}

/// Messages are logged as they come, and echoed after the path's delay; a close is
/// answered.
async fn session(mut ws: yawc::WebSocket<yawc::HttpStream>, path: &str, seen: &Events) {
    let log = |event: String| seen.lock().unwrap().push(event);
    log(format!("open {path}"));
    let mut echoes: std::collections::VecDeque<(tokio::time::Instant, String)> = Default::default();
    loop {
        let due = echoes.front().map(|(at, _)| *at);
        tokio::select! {
            frame = std::future::poll_fn(|cx| ws.poll_next_frame(cx)) => {
                let Ok(frame) = frame else { return };
                match frame.opcode() {
                    OpCode::Text => {
                        let text = frame.as_str().to_string();
                        log(format!("got {text}"));
                        if path == "/close/1011" {
                            let _ = ws.send(Frame::close(CloseCode::Error, "broken")).await;
                            log("closed 1011".into());
                            return;
                        }
                        match delay(path) {
                            Some(delay) if delay.is_zero() => {
                                log(format!("sent {text}"));
                                let _ = ws.send(Frame::text(text)).await;
                            }
                            Some(delay) => {
                                echoes.push_back((tokio::time::Instant::now() + delay, text));
                            }
                            None => {}
                        }
                    }
                    OpCode::Close => {
                        let code = frame.close_code().map(u16::from);
                        log(format!("closed {}", code.unwrap_or(1005)));
                        let _ = ws.send(Frame::close(CloseCode::Normal, "")).await;
                        return;
                    }
                    _ => {}
                }
            }
            () = tokio::time::sleep_until(due.unwrap_or_else(tokio::time::Instant::now)), if due.is_some() => {
                let Some((_, text)) = echoes.pop_front() else { continue };
                log(format!("sent {text}"));
                let _ = ws.send(Frame::text(text)).await;
            }
        }
    }
}

#[test]
fn messages_are_sent_in_order_and_the_replies_printed() {
    let server = WsServer::start();
    let file = format!(
        "@who = ada\n### echo\nWEBSOCKET {}\nContent-Type: application/json\nX-Token: {{{{who}}}}\n\n\
         ===\n{{\"op\": \"hello\", \"who\": \"{{{{who}}}}\"}}\n===\n\nsecond\nline\n\n===\n",
        server.url("/echo")
    );
    let (_dir, path) = temp_file("ws.http", file);
    let run = hit(&["run", &path]).run();
    run.success();
    assert_eq!(
        run.stdout(),
        "{\"op\":\"hello\",\"who\":\"ada\"}\nsecond\nline\n",
        "{run:?}"
    );
    assert_eq!(
        server.events(),
        [
            "open /echo",
            "got {\"op\": \"hello\", \"who\": \"ada\"}",
            "sent {\"op\": \"hello\", \"who\": \"ada\"}",
            "got second\nline",
            "sent second\nline",
            "closed 1000"
        ]
    );
    assert_eq!(
        *server.headers.lock().unwrap(),
        [("application/json".to_string(), "ada".to_string())]
    );
}

#[test]
fn wait_for_server_holds_the_next_message_until_a_reply() {
    let server = WsServer::start();
    let file = format!(
        "WEBSOCKET {url}\n\n===\none\n=== wait-for-server\ntwo\n\n\
         ###\nWEBSOCKET {url}\n\n===\nthree\n===\nfour\n",
        url = server.url("/slow")
    );
    let (_dir, path) = temp_file("ws.http", file);
    let run = hit(&["run", &path]).run();
    run.success();
    assert_eq!(run.stdout(), "one\ntwo\nthree\nfour\n", "{run:?}");
    assert_eq!(
        server.events(),
        [
            "open /slow",
            // The second message went only after the first's reply.
            "got one",
            "sent one",
            "got two",
            "sent two",
            "closed 1000",
            // Without a wait, both go at once.
            "open /slow",
            "got three",
            "got four",
            "sent three",
            "sent four",
            "closed 1000",
        ]
    );
}

#[test]
fn a_wait_after_the_last_message_waits_for_a_slow_reply() {
    let server = WsServer::start();
    let file = format!(
        "WEBSOCKET {}\n\nonly\n=== wait-for-server\n",
        server.url("/slower")
    );
    let (_dir, path) = temp_file("ws.http", file);
    let run = hit(&["run", &path]).run();
    run.success();
    assert_eq!(run.stdout(), "only\n", "{run:?}");
    assert_eq!(
        server.events(),
        ["open /slower", "got only", "sent only", "closed 1000"]
    );
}

#[test]
fn a_server_that_never_replies_times_out_the_test() {
    let server = WsServer::start();
    let file = format!(
        "### mute\nWEBSOCKET {}\n\nfirst\n=== wait-for-server\nsecond\n",
        server.url("/mute")
    );
    let (_dir, path) = temp_file("ws.http", file);
    let run = hit(&["test", &path, "--timeout", "0.5"]).run();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout()
            .contains("ws.http:2: mute (WEBSOCKET ws://127.0.0.1:")
            && run
                .stdout()
                .contains("the WebSocket session stopped: no message from"),
        "{}",
        run.stdout()
    );
    // The second message waited for a reply that never came.
    assert_eq!(server.events(), ["open /mute", "got first", "closed 1001"]);
}

#[test]
fn count_ends_the_session_after_n_messages() {
    let server = WsServer::start();
    let file = format!(
        "# @count 1\nWEBSOCKET {}\n\na\n===\nb\n",
        server.url("/slow")
    );
    let (_dir, path) = temp_file("ws.http", file);
    let run = hit(&["run", &path]).run();
    run.success();
    assert_eq!(run.stdout(), "a\n", "{run:?}");
    let events = server.events();
    assert_eq!(events[..3], ["open /slow", "got a", "got b"]);
    assert!(events.contains(&"closed 1000".to_string()), "{events:?}");
}

#[cfg(feature = "jq")]
#[test]
fn a_check_failing_on_a_message_fails_the_test_with_its_line() {
    let server = WsServer::start();
    let file = format!(
        "### fine\n# @check .n > 0\nWEBSOCKET {url}\n\n{{\"n\": 1}}\n===\n{{\"n\": 2}}\n\n\
         ### bad\nWEBSOCKET {url}\n# @check .n < 2\n\n{{\"n\": 1}}\n=== wait-for-server\n\
         {{\"n\": 2}}\n=== wait-for-server\n{{\"n\": 0}}\n",
        url = server.url("/echo")
    );
    let (dir, path) = temp_file("ws.http", file);
    let report = dir.path().join("junit.xml");
    let junit = format!("junit={}", report.display());
    let run = hit(&["test", &path, "--report", &junit]).run();
    assert_eq!(run.code, 1, "{run:?}");
    let xml = std::fs::read_to_string(&report).unwrap();
    let parsed = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<_> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2, "{xml}");
    assert!(
        !cases[0].children().any(|c| c.has_tag_name("failure")),
        "{xml}"
    );
    let failure = cases[1]
        .children()
        .find(|c| c.has_tag_name("failure"))
        .unwrap_or_else(|| panic!("{xml}"));
    let message = failure.attribute("message").unwrap_or_default();
    assert!(
        message.contains(".n < 2") && message.contains("(message 2)"),
        "{xml}"
    );
    assert!(xml.contains("ws.http:10"), "{xml}");
    // The check closed the session with 1008 before the third message went.
    let events = server.events();
    assert!(events.contains(&"closed 1008".to_string()), "{events:?}");
    assert!(!events.iter().any(|e| e.contains("\"n\": 0")), "{events:?}");
}

#[test]
fn a_server_closing_with_1011_fails_the_test() {
    let server = WsServer::start();
    let file = format!(
        "### broken\nWEBSOCKET {}\n\nhello\n=== wait-for-server\nnever sent\n",
        server.url("/close/1011")
    );
    let (dir, path) = temp_file("ws.http", file);
    let report = dir.path().join("junit.xml");
    let junit = format!("junit={}", report.display());
    let run = hit(&["test", &path, "--report", &junit]).run();
    assert_eq!(run.code, 1, "{run:?}");
    let xml = std::fs::read_to_string(&report).unwrap();
    assert!(
        xml.contains("closed the WebSocket with 1011 (Internal Error): broken"),
        "{xml}"
    );
    assert!(xml.contains("ws.http:2"), "{xml}");
    assert_eq!(
        server.events(),
        ["open /close/1011", "got hello", "closed 1011"]
    );
    // `hit run` says the same on stderr and exits 10.
    let run = hit(&["run", &path]).run();
    assert_eq!(run.code, 10, "{run:?}");
    assert!(run.stderr.contains("with 1011 (Internal Error)"), "{run:?}");
}

#[test]
fn a_normal_close_passes_the_test() {
    let server = WsServer::start();
    let file = format!(
        "### echo\nWEBSOCKET {}\n\nping\n=== wait-for-server\npong\n",
        server.url("/echo")
    );
    let (dir, path) = temp_file("ws.http", file);
    let report = dir.path().join("report.json");
    let json = format!("json={}", report.display());
    let run = hit(&["test", &path, "--report", &json]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        server.events(),
        [
            "open /echo",
            "got ping",
            "sent ping",
            "got pong",
            "sent pong",
            "closed 1000"
        ]
    );
    // The report shows the messages sent as the file writes them.
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(
        report.contains(r#""body": "ping\n=== wait-for-server\npong\n""#),
        "{report}"
    );
}

#[test]
fn a_bad_websocket_block_is_named_by_its_line() {
    for (body, message) in [
        (
            "WEBSOCKET ws://127.0.0.1:1/\n\nhello\n=== wait\n",
            "ws.http:4: '=== wait': messages are separated by '===' lines",
        ),
        (
            "WEBSOCKET ws://127.0.0.1:1/\n\n< ./hello.json\n",
            "ws.http:3: '< ./hello.json': a WEBSOCKET request's messages are written out",
        ),
        (
            "WEBSOCKET ws://127.0.0.1:1/\n\nhello\n\n> {%\n client.log(1)\n%}\n",
            "ws.http:5: handler scripts on WEBSOCKET requests are not supported",
        ),
        (
            "# @count 0\nWEBSOCKET ws://127.0.0.1:1/\n",
            "ws.http:1: '@count 0': a number of messages from 1 on",
        ),
    ] {
        let (_dir, path) = temp_file("ws.http", body);
        let run = hit(&["run", &path]).run();
        assert_eq!(run.code, 2, "{body}: {run:?}");
        assert!(run.stderr.contains(message), "{body}: {}", run.stderr);
    }
}

#[test]
fn on_a_terminal_messages_are_marked_under_the_requests_title() {
    let server = WsServer::start();
    let file = format!(
        "### echo\nWEBSOCKET {}\n\nhello\n=== wait-for-server\n",
        server.url("/echo")
    );
    let (_dir, path) = temp_file("ws.http", file);
    let run = hit(&["run", &path]).plain_terminal().run();
    run.success();
    let stdout = run.stdout();
    let title = format!("### echo  WEBSOCKET {}\n", server.url("/echo"));
    assert!(stdout.starts_with(&title), "{stdout}");
    assert!(stdout.contains("\n> hello\n< hello\n"), "{stdout}");
}

#[cfg(feature = "jq")]
#[test]
fn until_ends_the_session_at_the_first_message_it_is_true_of() {
    let server = WsServer::start();
    let file = format!(
        "@last = 2\n# @until .n == {{{{last}}}}\nWEBSOCKET {}\n\n{{\"n\": 1}}\n=== wait-for-server\n\
         {{\"n\": 2}}\n=== wait-for-server\n{{\"n\": 3}}\n",
        server.url("/echo")
    );
    let (_dir, path) = temp_file("ws.http", file);
    let run = hit(&["run", &path]).run();
    run.success();
    assert_eq!(run.stdout(), "{\"n\":1}\n{\"n\":2}\n", "{run:?}");
    let events = server.events();
    assert_eq!(events.last().map(String::as_str), Some("closed 1000"));
    assert!(!events.iter().any(|e| e.contains("3")), "{events:?}");
}
