//! The sessions of `/ws/echo`, `/ws/ticker` and `/ws/close/{code}`, and how every session
//! ends: on the client's Close (yawc answers it), with a Close of the server's own, or with
//! 1001 Going Away when `hit serve` stops.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio::time::MissedTickBehavior;
use yawc::close::CloseCode;
use yawc::{Frame, OpCode};

use super::Socket;
use crate::commands::serve::exchange::{Req, Step, Stopping, problem};
use crate::facts::websocket::{MAX_CLOSE_REASON, close_code as close_fact, close_line, may_send};

/// How long the server waits for the client's Close after sending its own, or for the
/// answer to its Close to go out, before it drops the connection.
const CLOSE_WAIT: Duration = Duration::from_millis(800);
/// The ticker's pace unless `?interval=` says otherwise, and its bounds.
const TICK: Duration = Duration::from_millis(100);
const TICK_BOUNDS: std::ops::RangeInclusive<u64> = 10..=10_000;
const MAX_TICKS: u64 = 1_000_000;
/// The reason of the Close sent when the server stops.
pub const GOING_AWAY: &str = "hit serve is stopping";

/// The time now in RFC 3339, to the millisecond: `2026-12-07T04:05:06.789Z`.
pub fn now() -> String {
    format!("{:.3}", jiff::Timestamp::now())
}

/// Resolves when the server stops (or when nobody can tell it to any more).
pub async fn stopped(stopping: &mut Stopping) {
    let _ = stopping.wait_for(|stop| *stop).await;
}

/// Lets the session end cleanly: reads until the client's Close arrives or the connection
/// ends, within [`CLOSE_WAIT`]. Reading is also what makes yawc send the Close it owes
/// (the answer to the client's, or the 1002, 1007 or 1009 it chose on bad input).
pub async fn finish(socket: &mut Socket) {
    let drained = async { while socket.next().await.is_some() {} };
    let _ = tokio::time::timeout(CLOSE_WAIT, drained).await;
}

/// Sends a Close with `code` and `reason`, then waits for the client's.
pub async fn close(socket: &mut Socket, code: u16, reason: &str) {
    let sent = socket.send(Frame::close(CloseCode::from(code), reason));
    if tokio::time::timeout(CLOSE_WAIT, sent).await.is_ok() {
        finish(socket).await;
    }
}

/// The next message from the client, or `None` when the session is over: the client sent
/// Close, the connection broke, or yawc refused a frame (and owes a Close, which
/// [`finish`] sends). Pings are answered by yawc and skipped here, as are pongs.
pub async fn message(socket: &mut Socket) -> Option<Frame> {
    loop {
        let frame = socket.next().await?;
        match frame.opcode() {
            OpCode::Text | OpCode::Binary => return Some(frame),
            OpCode::Close => return None,
            _ => {}
        }
    }
}

/// `/ws/echo`: every message back as it came, text as text and binary as binary.
pub async fn echo(mut socket: Socket, mut stopping: Stopping) {
    loop {
        let frame = tokio::select! {
            frame = message(&mut socket) => frame,
            () = stopped(&mut stopping) => return close(&mut socket, 1001, GOING_AWAY).await,
        };
        let Some(frame) = frame else {
            return finish(&mut socket).await;
        };
        let (opcode, payload): (OpCode, bytes::Bytes) = frame.into();
        let reply = match opcode {
            OpCode::Binary => Frame::binary(payload),
            _ => Frame::text(payload),
        };
        if socket.send(reply).await.is_err() {
            return;
        }
    }
}

/// `/ws/ticker`'s pace and length.
pub struct Ticker {
    /// Ends with 1000 after this many ticks; `None` ticks until the client closes.
    count: Option<u64>,
    interval: Duration,
}

impl Ticker {
    /// `?count=N` (1 to a million) and `?interval=MS` (10 to 10000).
    pub fn from_query(req: &Req) -> Step<Ticker> {
        let number = |name: &str, bounds: std::ops::RangeInclusive<u64>| {
            let Some(text) = req.param(name) else {
                return Ok(None);
            };
            match text.parse::<u64>() {
                Ok(n) if bounds.contains(&n) => Ok(Some(n)),
                _ => {
                    let detail = format!(
                        "{name} must be a whole number from {} to {}, not '{text}'",
                        bounds.start(),
                        bounds.end()
                    );
                    Err(Box::new(problem(400, &detail)))
                }
            }
        };
        let count = number("count", 1..=MAX_TICKS)?;
        let interval = number("interval", TICK_BOUNDS)?.map_or(TICK, Duration::from_millis);
        Ok(Ticker { count, interval })
    }
}

/// A price that wanders a little at each tick, the same walk on every connection.
struct Price {
    cents: i64,
    rng: fastrand::Rng,
}

impl Price {
    fn new() -> Price {
        Price {
            cents: 10_000,
            rng: fastrand::Rng::with_seed(6455),
        }
    }

    fn next(&mut self) -> f64 {
        self.cents = (self.cents + self.rng.i64(-50..=50)).max(100);
        self.cents as f64 / 100.0
    }
}

/// `/ws/ticker`: `{"seq":1,"at":"…","price":100.12}` at each tick, like `/stream`'s lines;
/// with a count, a Close 1000 after the last one.
pub async fn tick(mut socket: Socket, mut stopping: Stopping, ticker: Ticker) {
    let mut clock = tokio::time::interval(ticker.interval);
    clock.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut price = Price::new();
    let mut seq: u64 = 0;
    loop {
        tokio::select! {
            // Anything the client sends is ignored; its Close ends the session.
            frame = message(&mut socket) => match frame {
                Some(_) => continue,
                None => return finish(&mut socket).await,
            },
            () = stopped(&mut stopping) => return close(&mut socket, 1001, GOING_AWAY).await,
            _ = clock.tick() => {}
        }
        seq += 1;
        let message = json!({"seq": seq, "at": now(), "price": price.next()});
        if socket.send(Frame::text(message.to_string())).await.is_err() {
            return;
        }
        if ticker.count == Some(seq) {
            let reason = format!("{seq} ticks, as asked");
            return close(&mut socket, 1000, &reason).await;
        }
    }
}

/// `/ws/close/{code}?reason=TEXT`: a code an endpoint may send (RFC 6455 §7.4) and a reason
/// that fits in a Close frame, else 400 before any upgrade.
pub fn close_code(req: &Req, code: &str) -> Step<(u16, String)> {
    let refuse = |detail: String| Err(Box::new(problem(400, &detail)));
    let Some(number) = code.parse::<u16>().ok().filter(|n| may_send(*n)) else {
        let named = match code.parse::<u16>() {
            Ok(n) if close_fact(n).is_some() => close_line(n),
            _ => format!("'{code}'"),
        };
        return refuse(format!(
            "{named} cannot be sent in a Close frame; choose 1000-1003, 1007-1014 or \
             3000-4999 (hit explain close-codes)"
        ));
    };
    let reason = req.param("reason").unwrap_or("").to_owned();
    if reason.len() > MAX_CLOSE_REASON {
        return refuse(format!(
            "the reason is {} bytes; a Close frame holds at most {MAX_CLOSE_REASON}",
            reason.len()
        ));
    }
    Ok((number, reason))
}

/// `/ws/close/{code}`: the Close right after the 101.
pub async fn close_at_once(mut socket: Socket, code: u16, reason: &str) {
    close(&mut socket, code, reason).await;
}
