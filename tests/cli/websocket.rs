//! WebSocket sessions through the real binary against raw WebSocket servers on 127.0.0.1:
//! what the server received, what the user saw, and the exit code.

use std::time::Duration;

use crate::support::hit;
use crate::support::ws::{self, BINARY, CLOSE, Frame, PING, Peer, TEXT};

/// What a test server keeps: one entry per connection.
type Kept<T> = std::sync::Arc<std::sync::Mutex<Vec<T>>>;

fn url(port: u16, path: &str) -> String {
    format!("ws://127.0.0.1:{port}{path}")
}

/// A server that echoes every message and answers the close.
fn echo_server() -> (u16, Kept<(String, Vec<Frame>)>) {
    ws::server(|mut peer: Peer| {
        peer.accept("");
        let frames = peer.echo();
        (peer.head.clone(), frames)
    })
}

#[cfg(feature = "jq")]
/// A server that sends each of MESSAGES, then echoes until the client closes; it keeps
/// what it received.
fn sending(
    messages: &'static [&'static str],
) -> (u16, std::sync::Arc<std::sync::Mutex<Vec<Vec<Frame>>>>) {
    ws::server(move |mut peer: Peer| {
        peer.accept("");
        for message in messages {
            peer.send_text(message);
        }
        peer.echo()
    })
}

#[test]
fn a_pipe_is_echoed_whole_one_line_per_message() {
    let (port, seen) = echo_server();
    let mut input = String::new();
    let mut expected = String::new();
    for i in 0..300 {
        input.push_str(&format!("{{ \"n\": {i},  \"s\": \"a  b\" }}\n"));
        expected.push_str(&format!("{{\"n\":{i},\"s\":\"a  b\"}}\n"));
    }
    input.push_str("plain text, not JSON\nlast line without a newline");
    expected.push_str("plain text, not JSON\nlast line without a newline\n");
    let run = hit(&[&url(port, "/echo")]).stdin(&input).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout(), expected);
    let seen = [ws::first(&seen)];
    let (head, frames) = &seen[0];
    assert!(head.starts_with("GET /echo HTTP/1.1\r\n"), "{head}");
    let texts: Vec<String> = frames
        .iter()
        .filter(|f| f.opcode == TEXT)
        .map(Frame::text)
        .collect();
    assert_eq!(texts.len(), 302);
    assert_eq!(texts[0], "{ \"n\": 0,  \"s\": \"a  b\" }", "sent as typed");
    assert_eq!(texts[301], "last line without a newline");
    assert_eq!(frames.last().unwrap().close_code(), Some(1000));
}

#[test]
fn the_handshake_carries_what_a_request_carries() {
    let (port, seen) = ws::server(|mut peer: Peer| {
        peer.accept("Sec-WebSocket-Protocol: v2.chat\r\n");
        peer.send_text("hi");
        peer.send_close(1000, "");
        peer.head.clone()
    });
    let run = hit(&[
        "-v",
        &url(port, "/chat"),
        "room==blue",
        "X-Token:abc",
        "-u",
        "ann:secret",
        "--subprotocol",
        "chat",
        "--subprotocol",
        "v2.chat",
        "--no-stdin",
    ])
    .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let head = ws::first(&seen).to_ascii_lowercase();
    for line in [
        "get /chat?room=blue http/1.1",
        "upgrade: websocket",
        "connection: upgrade",
        "sec-websocket-version: 13",
        "x-token: abc",
        "authorization: basic",
        "sec-websocket-protocol: chat, v2.chat",
        "sec-websocket-extensions: permessage-deflate\r\n",
    ] {
        assert!(head.contains(line), "{line} in {head}");
    }
    let out = run.stdout();
    assert!(out.contains("HTTP/1.1 101 Switching Protocols"), "{out}");
    assert!(
        out.contains("Sec-Websocket-Key:") || out.contains("Sec-WebSocket-Key:"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("hi"), "{out}");
}

#[cfg(feature = "jq")]
#[test]
fn count_and_until_end_the_session_with_a_normal_close() {
    let (port, seen) = sending(&["{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"]);
    let run = hit(&[&url(port, "/"), "--count", "2"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout(), "{\"n\":1}\n{\"n\":2}\n");
    let run = hit(&[&url(port, "/"), "--until", ".n == 3", "--jq", ".n"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout(), "1\n2\n3\n");
    crate::support::wait_until("both sessions' records", Duration::from_secs(10), || {
        seen.lock().unwrap().len() == 2
    });
    let seen = seen.lock().unwrap();
    for frames in seen.iter() {
        assert_eq!(
            frames.last().and_then(Frame::close_code),
            Some(1000),
            "{frames:?}"
        );
    }
}

#[cfg(feature = "jq")]
#[test]
fn a_failed_check_closes_with_1008_and_exits_1() {
    let (port, seen) = sending(&["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"]);
    let run = hit(&[&url(port, "/"), "--check", ".n < 2"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stdout(),
        "{\"n\":1}\n{\"n\":2}\n",
        "the failing message is shown"
    );
    assert!(
        run.stderr
            .contains("check failed: .n < 2 (.n is 2) (message 2)"),
        "{}",
        run.stderr
    );
    let seen = [ws::first(&seen)];
    assert_eq!(seen[0].last().and_then(Frame::close_code), Some(1008));
}

#[test]
fn close_codes_become_exit_codes() {
    for (code, reason, exit) in [
        (1000, "", 0),
        (1001, "bye", 0),
        (1011, "boom", 10),
        (4001, "nope", 10),
    ] {
        let (port, _) = ws::server(move |mut peer: Peer| {
            peer.accept("");
            peer.send_text("before");
            peer.send_close(code, reason);
            let _ = peer.receive();
        });
        let run = hit(&[&url(port, "/"), "--no-stdin"]).run();
        assert_eq!(run.code, exit, "close {code}: {run:#?}");
        assert_eq!(
            run.stdout(),
            "before\n",
            "received before the close is kept"
        );
        if exit != 0 {
            assert!(
                run.stderr
                    .contains(&format!("closed the WebSocket with {code}")),
                "{}",
                run.stderr
            );
            assert!(run.stderr.contains(reason), "{}", run.stderr);
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        }
        if code == 1011 {
            assert!(
                run.stderr.contains("1011 (Internal Error): boom"),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn a_connection_lost_without_a_close_exits_10() {
    let (port, _) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.send_text("one");
        // A fragment of a message never finished, then the connection drops.
        peer.send(false, TEXT, b"half of");
    });
    let run = hit(&[&url(port, "/"), "--no-stdin"]).run();
    assert_eq!(run.code, 10, "{run:#?}");
    assert_eq!(run.stdout(), "one\n");
    assert!(
        run.stderr.contains("without a close frame"),
        "{}",
        run.stderr
    );
    // Kept open and silent instead: --timeout ends it.
    let (port, _) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.send(false, TEXT, b"half of");
        std::thread::sleep(Duration::from_secs(5));
    });
    let run = hit(&[&url(port, "/"), "--no-stdin", "--timeout", "0.5"]).run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(run.stderr.contains("--timeout"), "{}", run.stderr);
}

#[test]
fn a_handshake_that_is_not_a_101_is_reported_with_its_status() {
    for (answer, exit, says) in [
        (
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
            10,
            "200 OK, not 101",
        ),
        (
            "HTTP/1.1 401 Unauthorized\r\nContent-Length: 6\r\n\r\ndenied",
            4,
            "401 Unauthorized",
        ),
        (
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
            5,
            "503",
        ),
    ] {
        let (port, _) = ws::server(move |mut peer: Peer| {
            use std::io::Write;
            let _ = peer.stream.write_all(answer.as_bytes());
        });
        let run = hit(&[&url(port, "/"), "--no-stdin"]).run();
        assert_eq!(run.code, exit, "{answer}: {run:#?}");
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
}

#[test]
fn a_wrong_accept_key_or_subprotocol_is_refused() {
    let (port, _) = ws::server(|mut peer: Peer| {
        use std::io::Write;
        let _ = peer.stream.write_all(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
              Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBrZXk=\r\n\r\n",
        );
    });
    let run = hit(&[&url(port, "/"), "--no-stdin"]).run();
    assert_eq!(run.code, 10, "{run:#?}");
    assert!(
        run.stderr.contains("Sec-WebSocket-Accept"),
        "{}",
        run.stderr
    );
    let (port, _) = ws::server(|mut peer: Peer| peer.accept("Sec-WebSocket-Protocol: mqtt\r\n"));
    let run = hit(&[&url(port, "/"), "--no-stdin", "--subprotocol", "chat"]).run();
    assert_eq!(run.code, 10, "{run:#?}");
    assert!(run.stderr.contains("'mqtt'"), "{}", run.stderr);
}

#[test]
fn a_message_over_the_limit_closes_with_1009() {
    let (port, seen) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.send_text("small");
        peer.send_text(&"x".repeat(2000));
        peer.receive()
    });
    let run = hit(&[&url(port, "/"), "--no-stdin", "--max-message", "1k"]).run();
    assert_eq!(run.code, 10, "{run:#?}");
    assert_eq!(run.stdout(), "small\n");
    assert!(run.stderr.contains("1009"), "{}", run.stderr);
    let close = ws::first(&seen);
    assert_eq!(close.and_then(|f| f.close_code()), Some(1009));
}

#[test]
fn invalid_utf8_in_a_text_message_closes_with_1007() {
    let (port, seen) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.send_text("fine");
        peer.send(true, TEXT, &[0x66, 0xff, 0xfe]);
        peer.receive()
    });
    let run = hit(&[&url(port, "/"), "--no-stdin"]).run();
    assert_eq!(run.code, 10, "{run:#?}");
    assert_eq!(run.stdout(), "fine\n");
    assert!(run.stderr.contains("1007"), "{}", run.stderr);
    let close = ws::first(&seen);
    assert_eq!(close.and_then(|f| f.close_code()), Some(1007));
}

#[test]
fn a_close_never_answered_is_an_error_unless_the_count_was_met() {
    let silent_after_close = |mut peer: Peer| {
        peer.accept("");
        while let Some(frame) = peer.receive() {
            if frame.opcode == CLOSE {
                std::thread::sleep(Duration::from_secs(6));
                break;
            }
            peer.send(true, frame.opcode, &frame.payload);
        }
    };
    let (port, _) = ws::server(silent_after_close);
    let run = hit(&[&url(port, "/")]).stdin("a\n").run();
    assert_eq!(run.code, 10, "{run:#?}");
    assert_eq!(run.stdout(), "a\n");
    assert!(
        run.stderr.contains("did not answer the close"),
        "{}",
        run.stderr
    );
    let run = hit(&[&url(port, "/"), "--count", "1"]).stdin("a\n").run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    // -m running out while the close waits for its answer: the count was still met.
    let run = hit(&[&url(port, "/"), "--count", "1", "-m", "1"])
        .stdin("a\n")
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("did not answer the close"),
        "{}",
        run.stderr
    );
}

#[test]
fn binary_stdin_goes_as_binary_messages_and_comes_back_as_bytes() {
    let (port, seen) = echo_server();
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let run = hit(&[&url(port, "/"), "--binary"]).stdin(&bytes).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, bytes);
    let seen = [ws::first(&seen)];
    let sent: Vec<u8> = seen[0]
        .1
        .iter()
        .filter(|f| f.opcode == BINARY)
        .flat_map(|f| f.payload.clone())
        .collect();
    assert_eq!(sent, bytes);
}

#[test]
fn messages_given_on_the_command_line_are_sent_in_order() {
    let (port, seen) = echo_server();
    let run = hit(&[
        &url(port, "/"),
        "--message",
        "one",
        "--message",
        "{\"two\": 2}",
    ])
    .terminal()
    .env("NO_COLOR", "1")
    .stdin("not read\n")
    .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let out = run.stdout();
    for line in ["> one", "< one", "> {", "< {", "      \"two\": 2"] {
        assert!(out.contains(line), "{line:?} in {out}");
    }
    let seen = [ws::first(&seen)];
    let texts: Vec<String> = seen[0]
        .1
        .iter()
        .filter(|f| f.opcode == TEXT)
        .map(Frame::text)
        .collect();
    assert_eq!(texts, ["one", "{\"two\": 2}"]);
}

#[test]
fn pings_keep_an_idle_session_alive() {
    let (port, seen) = ws::server(|mut peer: Peer| {
        peer.accept("");
        let mut pings = 0;
        while let Some(frame) = peer.receive() {
            match frame.opcode {
                PING => pings += 1,
                CLOSE => break,
                _ => {}
            }
        }
        pings
    });
    let run = hit(&[&url(port, "/"), "--no-stdin", "--ping", "0.1", "-m", "0.75"]).run();
    assert_eq!(run.code, 8, "-m ends it: {run:#?}");
    let pings = ws::first(&seen);
    assert!(pings >= 3, "{pings} pings");
}

#[test]
fn offline_shows_the_handshake_and_sends_nothing() {
    let run = hit(&[
        "--offline",
        "wss://chat.example/ws",
        "--subprotocol",
        "chat",
    ])
    .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let out = run.stdout();
    assert!(out.starts_with("GET /ws HTTP/1.1\n"), "{out}");
    assert!(
        out.contains("Upgrade: websocket") && out.contains("Sec-Websocket-Protocol: chat"),
        "{out}"
    );
}

#[test]
fn what_a_handshake_cannot_carry_is_refused() {
    for (args, says) in [
        (vec!["POST", "ws://127.0.0.1:1/"], "GET"),
        (vec!["ws://127.0.0.1:1/", "a=1"], "no body"),
        (
            vec!["http://127.0.0.1:1/", "--subprotocol", "x"],
            "for WebSockets",
        ),
        (
            vec!["ws://127.0.0.1:1/", "--http2-prior-knowledge"],
            "HTTP/1.1",
        ),
        (vec!["ws://127.0.0.1:1/", "-o", "x"], "stdout"),
        (vec!["ws://127.0.0.1:1/", "--subprotocol", "a b"], "token"),
        (vec!["ws://127.0.0.1:1/", "--curl"], "--offline"),
    ] {
        let run = hit(&args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}

/// Hit with stdin, stdout and stderr on one pseudo-terminal, as a user at a terminal runs it.
struct AtTerminal {
    child: std::process::Child,
    master: std::fs::File,
    screen: std::sync::Arc<std::sync::Mutex<String>>,
}

impl AtTerminal {
    fn start(args: &[&str]) -> AtTerminal {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        use std::process::Stdio;
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("open a pty");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let side = || {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(name.to_str().expect("pty name"))
                .expect("open the pty's terminal side")
        };
        let mut command = hit(args).command();
        command
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .stdin(Stdio::from(side()))
            .stdout(Stdio::from(side()))
            .stderr(Stdio::from(side()));
        let child = command.spawn().expect("spawn hit");
        drop(command);
        let master = std::fs::File::from(master);
        let screen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut reader = master.try_clone().unwrap();
        let shown = screen.clone();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buf = [0u8; 4096];
            // Linux reports EIO once the last holder of the terminal side has closed it.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                shown
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        AtTerminal {
            child,
            master,
            screen,
        }
    }

    fn type_keys(&mut self, keys: &str) {
        use std::io::Write;
        self.master.write_all(keys.as_bytes()).unwrap();
    }

    #[track_caller]
    fn wait_for(&self, text: &str) {
        let screen = self.screen.clone();
        crate::support::wait_until(
            &format!("{text:?} on the terminal"),
            Duration::from_secs(10),
            || screen.lock().unwrap().contains(text),
        );
    }

    fn exit_code(mut self) -> (i32, String) {
        let status = crate::support::wait_with_deadline(&mut self.child, Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(100));
        let screen = self.screen.lock().unwrap().clone();
        (status.code().unwrap_or(-1), without_escapes(&screen))
    }
}

#[test]
fn at_a_terminal_lines_are_typed_and_replies_marked() {
    let (port, seen) = ws::server(|mut peer: Peer| {
        peer.accept("");
        let mut frames = Vec::new();
        while let Some(frame) = peer.receive() {
            frames.push(frame.clone());
            match frame.opcode {
                TEXT => peer.send_text(&format!("{{\"you said\": \"{}\"}}", frame.text())),
                CLOSE => {
                    peer.send(true, CLOSE, &frame.payload);
                    break;
                }
                _ => {}
            }
        }
        frames
    });
    let mut terminal = AtTerminal::start(&[&url(port, "/"), "--pretty", "format"]);
    terminal.wait_for("Ctrl-D closes");
    // The editor's prompt is drawn: the terminal is in its raw mode, where Ctrl-C and
    // Ctrl-D are keys for it to read.
    terminal.wait_for("> ");
    terminal.type_keys("hello\r");
    terminal.wait_for("\"you said\": \"hello\"");
    // Ctrl-D at an empty prompt closes with 1000 and waits for the server's close.
    terminal.type_keys("\x04");
    let (code, screen) = terminal.exit_code();
    assert_eq!(code, 0, "{screen}");
    let typed = screen.find("hello").expect("the typed line");
    let reply = screen
        .find("< {\n      \"you said\": \"hello\"\n  }")
        .expect("the reply");
    assert!(typed < reply, "{screen}");
    let frames = ws::first(&seen);
    assert_eq!(frames[0].text(), "hello");
    assert_eq!(frames.last().and_then(Frame::close_code), Some(1000));
}

#[test]
fn at_a_terminal_ctrl_c_exits_130() {
    let (port, _) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.echo()
    });
    let mut terminal = AtTerminal::start(&[&url(port, "/")]);
    terminal.wait_for("Ctrl-D closes");
    // The editor's prompt is drawn: the terminal is in its raw mode, where Ctrl-C and
    // Ctrl-D are keys for it to read.
    terminal.wait_for("> ");
    terminal.type_keys("half a li\x03");
    let (code, screen) = terminal.exit_code();
    assert_eq!(code, 130, "{screen}");
}

/// The terminal's text without its escape sequences (the line editor's redrawing) and
/// carriage returns.
fn without_escapes(screen: &str) -> String {
    let mut out = String::new();
    let mut chars = screen.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            continue;
        }
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() || c == '~' {
                    break;
                }
            }
        }
    }
    out
}

#[test]
fn the_servers_close_is_answered() {
    let (port, seen) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.send_close(1000, "done");
        peer.receive()
    });
    let run = hit(&[&url(port, "/"), "--no-stdin"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    let answer = ws::first(&seen);
    assert_eq!(answer.and_then(|f| f.close_code()), Some(1000));
}

#[test]
fn max_time_counts_from_the_start_of_the_run() {
    let (port, _) = ws::server(|mut peer: Peer| {
        std::thread::sleep(Duration::from_millis(1500));
        peer.accept("");
        std::thread::sleep(Duration::from_secs(5));
    });
    let started = std::time::Instant::now();
    let run = hit(&[&url(port, "/"), "--no-stdin", "-m", "2"]).run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(
        started.elapsed() < Duration::from_millis(3200),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn pongs_do_not_count_as_messages_for_the_timeout() {
    let (port, _) = ws::server(|mut peer: Peer| {
        peer.accept("");
        while let Some(frame) = peer.receive() {
            match frame.opcode {
                PING => peer.send(true, 10, &frame.payload),
                CLOSE => break,
                _ => {}
            }
        }
    });
    let args = [
        &url(port, "/")[..],
        "--no-stdin",
        "--ping",
        "0.1",
        "--timeout",
        "0.6",
    ];
    let run = hit(&args).run_within(Duration::from_secs(10));
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(run.stderr.contains("--timeout"), "{}", run.stderr);
}

#[test]
fn lines_before_one_that_cannot_be_sent_are_sent() {
    let (port, seen) = echo_server();
    let run = hit(&[&url(port, "/")]).stdin(b"a\nb\n\xff\nc\n").run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stdout(),
        "a\nb\n",
        "the replies to the lines sent are shown"
    );
    assert!(
        run.stderr.contains("line 3 of stdin is not UTF-8"),
        "{}",
        run.stderr
    );
    let seen = [ws::first(&seen)];
    let texts: Vec<String> = seen[0]
        .1
        .iter()
        .filter(|f| f.opcode == TEXT)
        .map(Frame::text)
        .collect();
    assert_eq!(texts, ["a", "b"]);
}

#[cfg(feature = "jq")]
#[test]
fn a_check_fails_when_no_message_came() {
    let (port, _) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.send_close(1000, "");
        let _ = peer.receive();
    });
    let run = hit(&[&url(port, "/"), "--no-stdin", "--check", ".ok"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("(no message came)"), "{}", run.stderr);
    let run = hit(&[&url(port, "/"), "--no-stdin", "--count", "3"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("after 0 of --count 3 messages"),
        "{}",
        run.stderr
    );
}

#[test]
fn at_a_terminal_ctrl_d_closes_even_when_a_count_is_awaited() {
    let (port, seen) = ws::server(|mut peer: Peer| {
        peer.accept("");
        peer.echo()
    });
    let mut terminal = AtTerminal::start(&[&url(port, "/"), "--count", "50"]);
    terminal.wait_for("Ctrl-D closes");
    terminal.wait_for("> ");
    terminal.type_keys("\x04");
    let (code, screen) = terminal.exit_code();
    assert_eq!(code, 0, "{screen}");
    let frames = ws::first(&seen);
    assert_eq!(frames.last().and_then(Frame::close_code), Some(1000));
}

#[cfg(feature = "jq")]
#[test]
fn an_until_that_never_held_is_said() {
    let (port2, _) = ws::server(move |mut peer: Peer| {
        peer.accept("");
        peer.send_text("{\"n\":1}");
        peer.send_close(1000, "");
        let _ = peer.receive();
    });
    let run = hit(&[&url(port2, "/"), "--no-stdin", "--until", ".n > 5"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("none of which --until held for"),
        "{}",
        run.stderr
    );
}
