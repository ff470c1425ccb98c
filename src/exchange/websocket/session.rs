//! A session: messages sent and received until a side closes, a time limit fires, or
//! `--count`/`--until` is met; then the close handshake (RFC 6455 §7) and the exit code it
//! comes to.

use std::future::{pending, poll_fn};
use std::time::Duration;

use anyhow::Result;
use bytes::Bytes;
use tokio::time::{Instant, Interval, sleep_until};
use yawc::close::CloseCode;
use yawc::frame::{Frame, OpCode};

use super::editor::Above;
use super::input::{Input, Source};
use super::wire::Wire;
use super::{closed_abnormally, protocol_error};
use crate::error::HitError;
use crate::exchange::EachMessage;
use crate::http::duration::human;
use crate::jq::Piece;
use crate::output::{Payload, Printer, Way};
use crate::transport::limits::{Expired, TimeLimits};

/// How long a `=== wait-for-server` waits for the reply unless `--timeout` says otherwise.
const REPLY_WAIT: Duration = Duration::from_secs(30);

/// How long hit waits for the server to answer its close.
const CLOSE_WAIT: Duration = Duration::from_secs(3);

/// Once stdin has ended, how long the server may be quiet before hit closes: replies to
/// the last messages still come in (an echo's, a request's answer).
const LINGER: Duration = Duration::from_millis(500);

/// Where a session is.
struct State {
    /// Why hit closed, and when it stops waiting for the server's answer.
    closing: Option<(Closing, Instant)>,
    input_done: bool,
    /// Input ended: hit closes once the server has been quiet for [`LINGER`].
    lingering: bool,
    /// The last message received (or the end of input): `--timeout` counts from here.
    heard: Instant,
    /// The last message sent: a `=== wait-for-server` counts from it (or from `heard`).
    sent: Instant,
}

/// Where rendered messages go: above the line editor's prompt, or to stdout (flushed
/// once no more messages are waiting).
pub struct Out<'a> {
    pub printer: &'a mut Printer,
    pub above: Option<Above>,
    /// Stdout holds messages not flushed yet.
    pub unflushed: bool,
}

impl Out<'_> {
    fn show(&mut self, rendered: &[u8]) -> Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        match &mut self.above {
            Some(above) => above.print(rendered),
            None => {
                self.unflushed = true;
                self.printer.emit(rendered)
            }
        }
    }

    /// Flushes stdout.
    fn flush(&mut self) -> Result<()> {
        self.unflushed = false;
        self.printer.finish()
    }
}

/// Why hit closed, which decides how the session ends once the server answers.
enum Closing {
    /// Stdin ended, the `--message`s were sent, or Ctrl-D was typed: replies still
    /// arriving are shown.
    InputEnded,
    /// `--count` or `--until` was met: the session did what it was for.
    Met,
    /// A `--check` failed on a message (closed with 1008).
    Check(Vec<String>),
    /// Reading stdin failed.
    Failed(anyhow::Error),
}

impl Closing {
    fn result(self) -> Result<()> {
        match self {
            Closing::InputEnded | Closing::Met => Ok(()),
            Closing::Check(lines) => Err(HitError::Check(lines).into()),
            Closing::Failed(err) => Err(err),
        }
    }
}

/// One session's state and settings.
pub struct Session<'a> {
    pub out: Out<'a>,
    pub source: Source,
    pub limits: TimeLimits,
    pub ping: Option<Duration>,
    pub count: Option<u64>,
    /// `--jq` and `--check`.
    pub filter: Option<EachMessage>,
    /// Whether the filter has a program, whose results are shown instead of the messages.
    pub filter_prints: bool,
    pub until: Option<EachMessage>,
    /// Sent messages are shown (stdout is a terminal and no line editor shows them).
    pub show_sent: bool,
    /// `--count` or `--until` is waited for: the end of input does not close.
    pub waits: bool,
    /// `host:port`, for the lines about the session.
    pub target: String,
    pub received: u64,
    /// `--until` held for a message.
    pub until_met: bool,
}

impl Session<'_> {
    /// Runs the session to its end; what it showed is flushed before its error is said.
    pub async fn run(mut self, wire: Wire) -> Result<()> {
        let ended = self.talk(wire).await;
        let flushed = self.out.flush();
        ended.and(flushed)?;
        self.ended_short().await
    }

    /// A session that ended as it should but short: its checks run on null when no message
    /// came (a check that expects one fails, as on an empty body), and a `--count` not
    /// reached is said.
    async fn ended_short(&mut self) -> Result<()> {
        if let (0, Some(filter)) = (self.received, &mut self.filter) {
            let failed = filter.unseen().await?;
            if !failed.is_empty() {
                let lines = failed.into_iter().map(|l| format!("{l} (no message came)"));
                return Err(HitError::Check(lines.collect()).into());
            }
        }
        let received = self.received;
        let count_met = self.count.is_some_and(|count| received >= count);
        if let Some(count) = self.count.filter(|_| !count_met && !self.until_met) {
            self.out.printer.warning(&format!(
                "the session ended after {received} of --count {count} messages"
            ));
        } else if self.until.is_some() && !self.until_met && !count_met {
            self.out.printer.warning(&format!(
                "the session ended after {received} messages, none of which --until held for"
            ));
        }
        Ok(())
    }

    async fn talk(&mut self, mut wire: Wire) -> Result<()> {
        let mut state = State {
            closing: None,
            input_done: false,
            lingering: false,
            heard: Instant::now(),
            sent: Instant::now(),
        };
        let mut ping = self.ping.map(|every| {
            let mut ticks = tokio::time::interval_at(Instant::now() + every, every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            ticks
        });
        loop {
            let open = state.closing.is_none();
            let silence = self.limits.idle.filter(|_| open);
            let linger = (state.lingering && open).then(|| state.heard + LINGER);
            let reading = !state.input_done && open && wire.has_room();
            let reply_due = (open && self.source.waiting())
                .then(|| state.heard.max(state.sent) + self.reply_wait());
            tokio::select! {
                biased;
                frame = poll_fn(|cx| wire.poll_next(cx)) => {
                    let frame = match frame {
                        Ok(frame) => frame,
                        Err(err) => return self.lost(&mut wire, err, state.closing).await,
                    };
                    // A pong is not a message: --timeout is about the server's silence.
                    if matches!(frame.opcode(), OpCode::Text | OpCode::Binary) {
                        state.heard = Instant::now();
                    }
                    if let Some(end) = self.frame(frame, &mut wire, &mut state.closing).await? {
                        return end;
                    }
                }
                input = self.source.next(), if reading => {
                    state.sent = Instant::now();
                    self.input(input, &mut wire, &mut state)?;
                }
                () = tick(ping.as_mut()), if open => wire.queue(Frame::ping("hit")),
                () = wake_at(linger) => {
                    state.closing = Some(close(&mut wire, CloseCode::Normal, Closing::InputEnded));
                }
                () = wake_at(silence.map(|idle| state.heard + idle)) => {
                    let expired = Expired::Idle(silence.unwrap_or_default());
                    return self.expired(&mut wire, expired).await;
                }
                () = wake_at(reply_due) => return self.no_reply(&mut wire).await,
                () = wake_at(self.limits.deadline()) => {
                    // Closing already: the session did what it was for, or failed as it says.
                    let limit = self.limits.max_time().unwrap_or_default();
                    if state.closing.is_some() {
                        let within = format!("before -m/--max-time {} ran out", human(limit));
                        return self.unanswered(state.closing, &within);
                    }
                    let expired = Expired::MaxTime(limit);
                    return self.expired(&mut wire, expired).await;
                }
                () = wake_at(state.closing.as_ref().map(|(_, at)| *at)) => {
                    let within = format!("within {}", human(CLOSE_WAIT));
                    return self.unanswered(state.closing, &within);
                }
                // Last, so it runs only when nothing else is ready: what was shown goes out
                // once no more messages are waiting to be read.
                () = std::future::ready(()), if self.out.unflushed => self.out.flush()?,
            }
        }
    }

    /// What the source gave: a message queued, or the end of input. A typed Ctrl-D closes
    /// at once; the end of stdin or of the `--message`s waits for the replies to stop
    /// ([`LINGER`]); with `--count` or `--until` the session goes on until they are met.
    fn input(&mut self, input: Result<Input>, wire: &mut Wire, state: &mut State) -> Result<()> {
        match input {
            Ok(Input::End) => {
                state.input_done = true;
                state.heard = Instant::now();
                if matches!(self.source, Source::Editor(_)) {
                    state.closing = Some(close(wire, CloseCode::Normal, Closing::InputEnded));
                } else if !self.waits {
                    state.lingering = true;
                }
                Ok(())
            }
            Ok(Input::Failed(err)) => {
                state.closing = Some(close(wire, CloseCode::Normal, Closing::Failed(err)));
                Ok(())
            }
            Ok(input) => self.send(wire, input),
            Err(err) if crate::error::is_quiet(&err) => Err(err),
            Err(err) => {
                state.closing = Some(close(wire, CloseCode::Normal, Closing::Failed(err)));
                Ok(())
            }
        }
    }

    /// One frame received: a message shown (and filtered), or the server's close.
    async fn frame(
        &mut self,
        frame: Frame,
        wire: &mut Wire,
        closing: &mut Option<(Closing, Instant)>,
    ) -> Result<Option<Result<()>>> {
        let (opcode, payload) = (frame.opcode(), frame.payload().clone());
        // Once `--count`, `--until` or a check ended the session, what still comes is not
        // shown; replies to what was sent before the input ended (or failed) are.
        let shown = match closing {
            Some((Closing::InputEnded | Closing::Failed(_), _)) | None => true,
            Some(_) => false,
        };
        match opcode {
            OpCode::Text => match std::str::from_utf8(&payload) {
                Ok(text) if shown => {
                    self.message(Payload::Text(text), &payload, wire, closing)
                        .await
                }
                Ok(_) => Ok(None),
                Err(_) => {
                    wire.queue(Frame::close(CloseCode::Invalid, "invalid UTF-8"));
                    flush(wire).await;
                    let n = self.received + 1;
                    Ok(Some(Err(HitError::WebSocket(format!(
                        "message {n} from {} is a text message that is not UTF-8; closed the \
                         WebSocket with 1007 (Invalid Frame Payload Data)",
                        self.target
                    ))
                    .into())))
                }
            },
            OpCode::Binary if shown => {
                self.message(Payload::Binary(&payload), &payload, wire, closing)
                    .await
            }
            OpCode::Close => {
                let end = self.closed(&frame, closing.take());
                settle(wire).await;
                Ok(Some(end))
            }
            _ => Ok(None),
        }
    }

    /// A message received: shown or filtered, then checked against `--count` and `--until`.
    async fn message(
        &mut self,
        message: Payload<'_>,
        bytes: &Bytes,
        wire: &mut Wire,
        closing: &mut Option<(Closing, Instant)>,
    ) -> Result<Option<Result<()>>> {
        self.received += 1;
        self.source.received();
        let number = self.received;
        if !self.filter_prints {
            let rendered = self.out.printer.render_message(Way::Received, message);
            self.out.show(&rendered)?;
        }
        if closing.is_some() {
            return Ok(None);
        }
        if self.filter.is_none() && self.until.is_none() {
            if self.count == Some(number) {
                *closing = Some(close(wire, CloseCode::Normal, Closing::Met));
            }
            return Ok(None);
        }
        let json = crate::exchange::messages::text_as_json(&String::from_utf8_lossy(bytes));
        let Session { out, filter, .. } = self;
        if let Some(filter) = filter {
            let failed = filter
                .message(json.clone(), &mut |piece, bytes| out.result(piece, bytes))
                .await?;
            if !failed.is_empty() {
                let lines = failed
                    .into_iter()
                    .map(|l| format!("{l} (message {number})"));
                let why = Closing::Check(lines.collect());
                *closing = Some(close(wire, CloseCode::Policy, why));
                return Ok(None);
            }
        }
        let met = match &mut self.until {
            Some(until) => until.message(json, &mut |_, _| Ok(())).await?.is_empty(),
            None => false,
        };
        self.until_met |= met;
        if met || self.count == Some(number) {
            *closing = Some(close(wire, CloseCode::Normal, Closing::Met));
        }
        Ok(None)
    }

    /// Queues a message to send, shown when stdout is a terminal.
    fn send(&mut self, wire: &mut Wire, input: Input) -> Result<()> {
        let frame = match input {
            Input::Text(text) => {
                if self.show_sent {
                    let rendered = self
                        .out
                        .printer
                        .render_message(Way::Sent, Payload::Text(&text));
                    self.out.show(&rendered)?;
                }
                Frame::text(text)
            }
            Input::Binary(bytes) => {
                if self.show_sent {
                    let rendered =
                        (self.out.printer).render_message(Way::Sent, Payload::Binary(&bytes));
                    self.out.show(&rendered)?;
                }
                Frame::binary(bytes)
            }
            Input::End | Input::Failed(_) => return Ok(()),
        };
        wire.queue(frame);
        Ok(())
    }

    /// The server's close frame: the end of the session hit closed, or the server's own
    /// close, normal (1000, 1001, or no code) or not.
    fn closed(&self, frame: &Frame, closing: Option<(Closing, Instant)>) -> Result<()> {
        if let Some((why, _)) = closing {
            return why.result();
        }
        let code = frame.close_code().map(u16::from);
        let reason = frame.close_reason().ok().flatten().unwrap_or_default();
        match code {
            None | Some(1000 | 1001) => Ok(()),
            Some(code) => Err(closed_abnormally(&self.target, code, reason)),
        }
    }

    /// Reading failed: the connection was lost, or the server broke the protocol (then the
    /// close yawc queued with the code that says how is let out first).
    async fn lost(
        &mut self,
        wire: &mut Wire,
        err: yawc::WebSocketError,
        closing: Option<(Closing, Instant)>,
    ) -> Result<()> {
        if let Some((why, _)) = closing.filter(|_| is_gone(&err)) {
            // The server dropped the connection after hit's close: it was closing anyway.
            return why.result();
        }
        settle(wire).await;
        Err(protocol_error(&self.target, &err, self.received))
    }

    /// `--timeout` or `-m` fired: the session is closed with 1001 (going away).
    async fn expired(&mut self, wire: &mut Wire, expired: Expired) -> Result<()> {
        wire.queue(Frame::close(CloseCode::Away, ""));
        flush(wire).await;
        let what = expired.describe(&format!("no message from {}", self.target));
        Err(HitError::Timeout(format!("the WebSocket session stopped: {what}")).into())
    }

    /// How long a `=== wait-for-server` waits: `--timeout`, else [`REPLY_WAIT`].
    fn reply_wait(&self) -> Duration {
        self.limits.idle.unwrap_or(REPLY_WAIT)
    }

    /// No reply came to the message a `=== wait-for-server` waits on: the session is
    /// closed with 1001, as for `--timeout`.
    async fn no_reply(&mut self, wire: &mut Wire) -> Result<()> {
        wire.queue(Frame::close(CloseCode::Away, ""));
        flush(wire).await;
        Err(HitError::Timeout(format!(
            "no reply from {} within {} to wait for (=== wait-for-server; --timeout sets how \
             long)",
            self.target,
            human(self.reply_wait())
        ))
        .into())
    }

    /// The server did not answer hit's close in time: within [`CLOSE_WAIT`], or before
    /// `-m` ran out (WITHIN says which).
    fn unanswered(&mut self, closing: Option<(Closing, Instant)>, within: &str) -> Result<()> {
        let line = format!("{} did not answer the close {within}", self.target);
        match closing {
            Some((Closing::InputEnded, _)) | None => Err(HitError::WebSocket(line).into()),
            Some((why, _)) => {
                self.out.printer.warning(&line);
                why.result()
            }
        }
    }
}

impl Out<'_> {
    /// One piece of `--jq`'s output over a message.
    fn result(&mut self, piece: Piece, bytes: &[u8]) -> Result<()> {
        match piece {
            Piece::Json => {
                let rendered = self.printer.render_result(bytes, false);
                self.show(&rendered)
            }
            Piece::Text => {
                let rendered = self.printer.render_result(bytes, true);
                self.show(&rendered)
            }
            Piece::Stderr => self.printer.program_stderr(bytes),
        }
    }
}

/// Queues hit's close; the server has [`CLOSE_WAIT`] to answer it.
fn close(wire: &mut Wire, code: CloseCode, why: Closing) -> (Closing, Instant) {
    wire.queue(Frame::close(code, ""));
    (why, Instant::now() + CLOSE_WAIT)
}

/// Lets out what yawc owes once its read half is closed (the answer to the server's close,
/// or the close that says how the protocol was broken): reading once more sends it, and
/// the read ends at once.
async fn settle(wire: &mut Wire) {
    let read = poll_fn(|cx| wire.poll_next(cx));
    let _ = tokio::time::timeout(Duration::from_secs(1), read).await;
}

/// Lets what is queued go out (a close), for at most a second.
async fn flush(wire: &mut Wire) {
    let drained = poll_fn(|cx| wire.poll_drain(cx));
    let _ = tokio::time::timeout(Duration::from_secs(1), drained).await;
}

/// Whether a read failed because the connection is gone (not a protocol error).
fn is_gone(err: &yawc::WebSocketError) -> bool {
    matches!(
        err,
        yawc::WebSocketError::ConnectionClosed | yawc::WebSocketError::IoError(_)
    )
}

/// Wakes at AT, or never.
async fn wake_at(at: Option<Instant>) {
    match at {
        Some(at) => sleep_until(at).await,
        None => pending().await,
    }
}

/// The next `--ping`, or never.
async fn tick(ticks: Option<&mut Interval>) {
    match ticks {
        Some(ticks) => {
            ticks.tick().await;
        }
        None => pending().await,
    }
}
