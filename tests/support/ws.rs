//! A raw WebSocket server for tests: it reads the handshake itself and then reads and
//! writes frames byte by byte, so that a test can break the protocol on purpose.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

use base64::Engine as _;

/// A frame as it travels: its opcode, whether it is final, and its payload (unmasked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub fin: bool,
    pub opcode: u8,
    pub payload: Vec<u8>,
}

impl Frame {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.payload).into_owned()
    }

    /// A close frame's code.
    pub fn close_code(&self) -> Option<u16> {
        (self.opcode == 8 && self.payload.len() >= 2)
            .then(|| u16::from_be_bytes([self.payload[0], self.payload[1]]))
    }
}

pub const TEXT: u8 = 1;
pub const BINARY: u8 = 2;
pub const CLOSE: u8 = 8;
pub const PING: u8 = 9;

/// One accepted connection, after its handshake head was read.
pub struct Peer {
    pub stream: TcpStream,
    /// The handshake as received (head only).
    pub head: String,
    key: String,
}

impl Peer {
    /// A request header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }

    /// Answers the handshake with a 101 and the right accept key, plus EXTRA header lines.
    pub fn accept(&mut self, extra: &str) {
        let accept = accept_key(&self.key);
        let head = format!(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Accept: {accept}\r\n{extra}\r\n"
        );
        self.stream.write_all(head.as_bytes()).unwrap();
    }

    /// Writes a frame from the server (unmasked).
    pub fn send(&mut self, fin: bool, opcode: u8, payload: &[u8]) {
        let _ = self.stream.write_all(&encode(fin, opcode, payload));
    }

    pub fn send_text(&mut self, text: &str) {
        self.send(true, TEXT, text.as_bytes());
    }

    /// A close frame with CODE and REASON.
    pub fn send_close(&mut self, code: u16, reason: &str) {
        let mut payload = code.to_be_bytes().to_vec();
        payload.extend_from_slice(reason.as_bytes());
        self.send(true, CLOSE, &payload);
    }

    /// The next frame from the client, unmasked; `None` when the connection ended.
    pub fn receive(&mut self) -> Option<Frame> {
        let mut head = [0u8; 2];
        self.stream.read_exact(&mut head).ok()?;
        let fin = head[0] & 0x80 != 0;
        let opcode = head[0] & 0x0f;
        let masked = head[1] & 0x80 != 0;
        let len = match head[1] & 0x7f {
            126 => {
                let mut b = [0u8; 2];
                self.stream.read_exact(&mut b).ok()?;
                u64::from(u16::from_be_bytes(b))
            }
            127 => {
                let mut b = [0u8; 8];
                self.stream.read_exact(&mut b).ok()?;
                u64::from_be_bytes(b)
            }
            n => u64::from(n),
        };
        let mut mask = [0u8; 4];
        if masked {
            self.stream.read_exact(&mut mask).ok()?;
        }
        let mut payload = vec![0u8; usize::try_from(len).ok()?];
        self.stream.read_exact(&mut payload).ok()?;
        if masked {
            for (i, b) in payload.iter_mut().enumerate() {
                *b ^= mask[i % 4];
            }
        }
        Some(Frame {
            fin,
            opcode,
            payload,
        })
    }

    /// Echoes every text and binary frame back until the client closes, then answers its
    /// close; returns what was received.
    pub fn echo(&mut self) -> Vec<Frame> {
        let mut seen = Vec::new();
        while let Some(frame) = self.receive() {
            seen.push(frame.clone());
            match frame.opcode {
                CLOSE => {
                    self.send(true, CLOSE, &frame.payload);
                    break;
                }
                TEXT | BINARY => self.send(true, frame.opcode, &frame.payload),
                _ => {}
            }
        }
        seen
    }
}

/// A frame's bytes as a server writes it.
pub fn encode(fin: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![if fin { 0x80 } else { 0 } | opcode];
    match payload.len() {
        n if n < 126 => out.push(n as u8),
        n if n <= 0xffff => {
            out.push(126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    out.extend_from_slice(payload);
    out
}

/// `Sec-WebSocket-Accept` for KEY.
pub fn accept_key(key: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        format!("{key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11").as_bytes(),
    );
    base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
}

/// A server on 127.0.0.1 that hands each connection, its head read, to BEHAVIOUR on a
/// thread of its own; what BEHAVIOUR returns is kept for the test. Returns the port.
pub fn server<T: Send + 'static>(
    behaviour: impl Fn(Peer) -> T + Send + Sync + 'static,
) -> (u16, Arc<Mutex<Vec<T>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().unwrap().port();
    let kept = Arc::new(Mutex::new(Vec::new()));
    let results = kept.clone();
    let behaviour = Arc::new(behaviour);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let behaviour = behaviour.clone();
            let results = results.clone();
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => return,
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let mut peer = Peer {
                    stream,
                    head,
                    key: String::new(),
                };
                peer.key = peer.header("sec-websocket-key").unwrap_or_default();
                let result = behaviour(peer);
                results.lock().unwrap().push(result);
            });
        }
    });
    (port, kept)
}

/// What the server kept of its first connection, once it has (the server's thread may
/// still be finishing when hit has exited).
#[track_caller]
pub fn first<T: Clone>(kept: &Arc<Mutex<Vec<T>>>) -> T {
    super::wait_until(
        "the server's record",
        std::time::Duration::from_secs(10),
        || !kept.lock().unwrap().is_empty(),
    );
    kept.lock().unwrap()[0].clone()
}
