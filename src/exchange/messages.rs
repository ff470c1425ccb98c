//! A streamed body read as messages: the events of a `text/event-stream`, or the values of
//! NDJSON (`application/x-ndjson`, or any body with `--stream`). `--jq` and `--check` run
//! on each event's data (`$__event` holding its fields), `--count` and `--until` end the
//! stream at a message's end, and `--sse-reconnect` sends the request again when an event
//! stream drops.
//!
//! Without `--jq` the stream is shown as it came (byte for byte in a pipe), cut at the end
//! of the message that ended it. A failed check on an event stops the stream there. An
//! event stream's bytes are shown a whole block at a time: a connection that drops with an
//! event half read is reconnected without that half on stdout.

use std::time::Instant;

use anyhow::{Result, bail};
use bytes::Bytes;
use reqwest::header::CONTENT_TYPE;

use super::filter::{BODY_LIMIT, Messages};
use super::reconnect::{Again, Backoff, reconnect};
use super::send::Exchange;
use crate::error::{self, Exit};
use crate::http::event_stream::{EVENT_LIMIT, Event, EventStream};
use crate::http::media::media_type;
use crate::http::{ResponseHead, header_text};
use crate::output::{Printer, StreamView};
use crate::settings::Settings;

/// What the filter made of one message.
pub(super) enum Verdict {
    /// Carry on.
    Go,
    /// `--until` is true of it: the stream ends after it.
    Until,
    /// The lines of the checks that failed on it: the stream stops there.
    Failed(Vec<String>),
}

/// How a body is read as messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Events,
    Values,
}

/// How the response's body is read as messages, if it is: an event stream whenever an
/// option is about its events; NDJSON (or `--stream`) when `--count` or `--until` is given.
pub(super) fn kind(settings: &Settings, head: &ResponseHead) -> Option<Kind> {
    let content_type = header_text(&head.headers, CONTENT_TYPE).map(|t| media_type(&t));
    let stream = &settings.stream;
    let bounded = stream.count.is_some() || stream.until.is_some();
    match content_type.as_deref() {
        Some("text/event-stream")
            if bounded || stream.sse_reconnect || settings.filter.is_some() =>
        {
            Some(Kind::Events)
        }
        Some("application/x-ndjson") if bounded => Some(Kind::Values),
        _ if bounded && settings.output.stream => Some(Kind::Values),
        _ => None,
    }
}

/// The warning for stream options on a response that is no stream, if one is due.
pub(super) fn not_a_stream(settings: &Settings, head: &ResponseHead) -> Option<String> {
    let stream = &settings.stream;
    let flags: Vec<&str> = [
        (stream.count.is_some(), "--count"),
        (stream.until.is_some(), "--until"),
        (stream.sse_reconnect, "--sse-reconnect"),
    ]
    .into_iter()
    .filter_map(|(given, flag)| given.then_some(flag))
    .collect();
    if flags.is_empty() || !head.status.is_success() || kind(settings, head).is_some() {
        return None;
    }
    let content_type = header_text(&head.headers, CONTENT_TYPE);
    let content_type = content_type.as_deref().unwrap_or("none");
    let applies = match flags.as_slice() {
        ["--sse-reconnect"] => "applies to event streams (text/event-stream)",
        _ => "applies to event streams, NDJSON and WebSockets",
    };
    Some(format!(
        "{} {applies}; this response's Content-Type is {content_type}: shown whole",
        flags.join(" and ")
    ))
}

/// Reads the body as messages of KIND, reconnecting as `--sse-reconnect` asks. Returns the
/// bytes read and the lines of the checks that failed (each naming its message).
pub(super) async fn deliver(
    settings: &Settings,
    exchange: &mut Exchange,
    again: Option<&Again<'_, '_>>,
    kind: Kind,
    started: Instant,
    printer: &mut Printer,
) -> Result<(u64, Vec<String>)> {
    let mut filter = Messages::new(settings, exchange, started)?;
    let raw = filter.as_ref().is_none_or(|f| !f.shows()) && printer.wants_body();
    let content_type = header_text(&exchange.incoming.head.headers, CONTENT_TYPE);
    let mut reading = Reading {
        reader: match kind {
            Kind::Events => Reader::Events(EventStream::default()),
            Kind::Values => Reader::Values(Vec::new()),
        },
        count: settings.stream.count,
        seen: 0,
        size: 0,
        raw: raw.then(|| printer.stream_view(content_type.as_deref())),
        unshown: Vec::new(),
    };
    let reconnects = kind == Kind::Events && settings.stream.sse_reconnect;
    let mut backoff = Backoff::default();
    let failed = loop {
        let before = reading.seen;
        let connection = reading.connection(exchange, &mut filter, printer).await;
        let dropped = match connection {
            Ok(Some(failed)) => break failed,
            Ok(None) => None,
            Err(err) if reconnects && error::kind(&err).1 == Exit::BodyBroken => Some(err),
            Err(err) => {
                // The stream ends here: what it sent is shown, cut where it ended.
                let _ = reading.show_unshown(printer);
                return Err(err);
            }
        };
        let (Some(again), Reader::Events(events)) =
            (again.filter(|_| reconnects), &mut reading.reader)
        else {
            reading.show_unshown(printer)?;
            if let Some(err) = dropped {
                return Err(err);
            }
            break reading.unseen(&mut filter, printer).await?;
        };
        // The next connection's bytes must not follow an event cut short.
        reading.unshown.clear();
        let wait = backoff.next(events.reconnect(), reading.seen > before);
        if !reconnect(again, events, wait, &mut backoff, exchange, printer).await? {
            break Vec::new();
        }
        events.restart();
        if let Some(filter) = &mut filter {
            filter.reconnected(exchange);
        }
    };
    if let Some(view) = &mut reading.raw {
        printer.stream_end(view)?;
    }
    Ok((reading.size, failed))
}

/// How messages are split out of the bytes.
enum Reader {
    Events(EventStream),
    /// The NDJSON line so far.
    Values(Vec<u8>),
}

/// One message found in a chunk: its JSON, its event, and where it ends in the chunk.
struct Message {
    text: Bytes,
    event: Option<Event>,
    end: usize,
}

/// A stream being read as messages.
struct Reading {
    reader: Reader,
    count: Option<u64>,
    /// Messages so far, over every connection.
    seen: u64,
    size: u64,
    /// How the stream is shown, when it is shown as it came.
    raw: Option<StreamView>,
    /// The bytes of the event stream's block being read, shown once it is whole.
    unshown: Vec<u8>,
}

impl Reading {
    /// Reads one connection's body. `Some(lines)`: the stream was ended by a message
    /// (`--count`, `--until`, or the failed checks' lines); `None`: the body ended.
    async fn connection(
        &mut self,
        exchange: &mut Exchange,
        filter: &mut Option<Messages>,
        printer: &mut Printer,
    ) -> Result<Option<Vec<String>>> {
        while let Some(chunk) = exchange.incoming.chunk().await? {
            self.size += chunk.len() as u64;
            if let Some(filter) = filter {
                filter.read(self.size);
            }
            let mut shown = 0;
            for message in self.split(&chunk)? {
                self.show(&chunk[shown..message.end], printer)?;
                shown = message.end;
                if let Some(ended) = self.judge(message, filter, printer).await? {
                    return Ok(Some(ended));
                }
            }
            let whole = match &self.reader {
                Reader::Events(events) => events.block_end().map_or(shown, |end| end.max(shown)),
                Reader::Values(_) => chunk.len(),
            };
            self.show(&chunk[shown..whole], printer)?;
            if self.raw.is_some() {
                self.unshown.extend_from_slice(&chunk[whole..]);
            }
        }
        // An NDJSON body's last line needs no newline; an event needs its blank line.
        let last = match &mut self.reader {
            Reader::Values(line) => std::mem::take(line),
            Reader::Events(_) => Vec::new(),
        };
        if !last.iter().all(u8::is_ascii_whitespace) {
            let message = Message {
                text: Bytes::from(last),
                event: None,
                end: 0,
            };
            return self.judge(message, filter, printer).await;
        }
        Ok(None)
    }

    /// Shows PART, after the bytes held for it, when the stream is shown as it came.
    fn show(&mut self, part: &[u8], printer: &mut Printer) -> Result<()> {
        let Some(view) = &mut self.raw else {
            return Ok(());
        };
        if !self.unshown.is_empty() {
            printer.stream_part(view, &std::mem::take(&mut self.unshown))?;
        }
        printer.stream_part(view, part)
    }

    /// Shows the bytes held for a block that will not be finished: the stream ends there.
    fn show_unshown(&mut self, printer: &mut Printer) -> Result<()> {
        self.show(&[], printer)
    }

    /// The messages CHUNK completes.
    fn split(&mut self, chunk: &[u8]) -> Result<Vec<Message>> {
        let mut found = Vec::new();
        match &mut self.reader {
            Reader::Events(events) => {
                let pushed = events.push(chunk, &mut |dispatched| {
                    let event = dispatched.event;
                    found.push(Message {
                        text: text_as_json(&event.data),
                        event: Some(event),
                        end: dispatched.end,
                    });
                });
                if pushed.is_err() {
                    bail!(
                        "an event of the stream is over {} MiB, the most hit holds in memory",
                        EVENT_LIMIT >> 20
                    );
                }
            }
            Reader::Values(line) => {
                let mut at = 0;
                while let Some(end) = memchr::memchr(b'\n', &chunk[at..]) {
                    line.extend_from_slice(&chunk[at..at + end + 1]);
                    at += end + 1;
                    let text = std::mem::take(line);
                    if !text.iter().all(u8::is_ascii_whitespace) {
                        let (text, event) = (Bytes::from(text), None);
                        found.push(Message {
                            text,
                            event,
                            end: at,
                        });
                    }
                }
                line.extend_from_slice(&chunk[at..]);
                if line.len() > BODY_LIMIT {
                    bail!(
                        "an NDJSON line is over {} MiB, the most hit holds in memory",
                        BODY_LIMIT >> 20
                    );
                }
            }
        }
        Ok(found)
    }

    /// What the filter and `--count` make of MESSAGE: `Some` ends the stream.
    async fn judge(
        &mut self,
        message: Message,
        filter: &mut Option<Messages>,
        printer: &mut Printer,
    ) -> Result<Option<Vec<String>>> {
        self.seen += 1;
        let verdict = match filter {
            Some(filter) => filter.message(message.text, message.event, printer).await?,
            None => Verdict::Go,
        };
        Ok(match verdict {
            Verdict::Failed(lines) => {
                let what = match self.reader {
                    Reader::Events(_) => "event",
                    Reader::Values(_) => "value",
                };
                let n = self.seen;
                Some(
                    lines
                        .into_iter()
                        .map(|l| format!("{l} ({what} {n})"))
                        .collect(),
                )
            }
            Verdict::Until => Some(Vec::new()),
            Verdict::Go if self.count == Some(self.seen) => Some(Vec::new()),
            Verdict::Go => None,
        })
    }

    /// A stream that ended without a message still answers the checks: they see null, as
    /// for an empty body.
    async fn unseen(
        &mut self,
        filter: &mut Option<Messages>,
        printer: &mut Printer,
    ) -> Result<Vec<String>> {
        let Some(filter) = filter.as_mut().filter(|_| self.seen == 0) else {
            return Ok(Vec::new());
        };
        match filter.message(Bytes::new(), None, printer).await? {
            Verdict::Failed(lines) => Ok(lines),
            Verdict::Go | Verdict::Until => Ok(Vec::new()),
        }
    }
}

/// A message's text as a filter's input (an event's data, a WebSocket text message): its
/// JSON when it is one JSON value, else the text as a JSON string.
pub(crate) fn text_as_json(text: &str) -> Bytes {
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
        return Bytes::copy_from_slice(text.as_bytes());
    }
    // A string always serialises.
    Bytes::from(serde_json::to_vec(text).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_json_when_it_is_one_value() {
        assert_eq!(text_as_json("{\"a\": 1}"), &b"{\"a\": 1}"[..]);
        assert_eq!(text_as_json("42"), &b"42"[..]);
        assert_eq!(text_as_json("1 2"), &b"\"1 2\""[..]);
        assert_eq!(
            text_as_json("hello \"you\"\n"),
            &b"\"hello \\\"you\\\"\\n\""[..]
        );
        assert_eq!(text_as_json(""), &b"\"\""[..]);
    }
}
