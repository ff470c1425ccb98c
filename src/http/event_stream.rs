//! Server-sent events (`text/event-stream`), read as the WHATWG HTML standard's
//! "Interpreting an event stream" says (§9.2.6): lines end with CRLF, LF or CR; a leading
//! BOM is dropped; `:` starts a comment; `data` lines are joined with `\n`; `event`, `id`
//! and `retry` set the event's type, the last event ID and the reconnection time; a blank
//! line dispatches the event, unless it has no data.
//!
//! Written here rather than taken from a crate (`eventsource-stream`, `sse-stream`): those
//! give parsed events only, and hit also needs where each event ends in the bytes received,
//! to pass an event stream on byte for byte and stop it exactly at an event's end.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `event:`, or `message` when the event named none.
    pub event: String,
    /// The `data:` lines, joined with `\n`.
    pub data: String,
    /// This event's own `id:` line, when it had one (the last one wins).
    pub id: Option<String>,
    /// This event's own valid `retry:` line, in milliseconds.
    pub retry: Option<u64>,
}

/// A stream's event, and where in the chunk that completed it the event ends (just past
/// the blank line that dispatched it).
#[derive(Debug, PartialEq, Eq)]
pub struct Dispatched {
    pub event: Event,
    pub end: usize,
}

/// The largest event hit holds (its data and its lines), in bytes.
pub const EVENT_LIMIT: usize = 128 << 20;

/// An event stream being read, chunk by chunk.
#[derive(Debug, Default)]
pub struct EventStream {
    /// The line so far (without its end).
    line: Vec<u8>,
    /// The stream's first bytes have been looked at for a BOM.
    started: bool,
    /// The last line ended with CR: a LF right after it belongs to that line end.
    after_cr: bool,
    data: String,
    has_data: bool,
    event: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
    /// The last event ID buffer: kept from event to event, sent as `Last-Event-ID`. `None`
    /// until the stream sets it, so that a `Last-Event-ID` the user gave stays until then.
    last_id: Option<String>,
    /// The latest reconnection time the stream asked for, in milliseconds.
    reconnect: Option<u64>,
    /// Bytes held for the event being read, against `EVENT_LIMIT`.
    held: usize,
    /// Where in the chunk last pushed its last blank line ended.
    block_end: Option<usize>,
}

/// An event over [`EVENT_LIMIT`].
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

impl EventStream {
    /// Reads CHUNK, giving each event it completes to `dispatch`. A UTF-8 character split
    /// between chunks is whole again by the time its line ends.
    pub fn push(
        &mut self,
        chunk: &[u8],
        dispatch: &mut dyn FnMut(Dispatched),
    ) -> Result<(), TooLarge> {
        let mut rest = chunk;
        self.block_end = None;
        if !self.started {
            // A BOM may itself arrive split; wait for three bytes or the end of the line.
            let mut seen = [self.line.as_slice(), chunk].concat();
            if seen.len() < 3 && !seen.iter().any(|&b| b == b'\n' || b == b'\r') {
                self.line = seen;
                return Ok(());
            }
            self.started = true;
            if seen.starts_with(b"\xEF\xBB\xBF") {
                seen.drain(..3);
            }
            // The held bytes came before this chunk: only what is new is read on.
            let new = chunk.len().min(seen.len());
            self.line = seen[..seen.len() - new].to_vec();
            rest = &chunk[chunk.len() - new..];
        }
        let mut at = chunk.len() - rest.len();
        if self.after_cr && rest.first() == Some(&b'\n') {
            rest = &rest[1..];
            at += 1;
        }
        self.after_cr = false;
        while let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.line.extend_from_slice(&rest[..end]);
            let mut past = end + 1;
            if rest[end] == b'\r' {
                match rest.get(past) {
                    Some(b'\n') => past += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            at += past;
            rest = &rest[past..];
            let line = std::mem::take(&mut self.line);
            if line.is_empty() {
                self.block_end = Some(at);
            }
            if let Some(event) = self.line_ended(&line)? {
                dispatch(Dispatched { event, end: at });
            }
        }
        self.line.extend_from_slice(rest);
        if self.held + self.line.len() > EVENT_LIMIT {
            return Err(TooLarge);
        }
        Ok(())
    }

    /// The last event ID buffer, once the stream has set it: the `Last-Event-ID` to
    /// reconnect with, none when it is empty (WHATWG HTML §9.2.3).
    pub fn last_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// Where in the chunk last pushed the last whole block (an event, or lines ended by a
    /// blank line) ended: the bytes after it belong to a block still being read, which a
    /// dropped connection cuts short.
    pub fn block_end(&self) -> Option<usize> {
        self.block_end
    }

    /// The reconnection time the stream last asked for, in milliseconds.
    pub fn reconnect(&self) -> Option<u64> {
        self.reconnect
    }

    /// Starts reading a new connection's stream: an event cut short is dropped (the
    /// standard discards it at the end of a stream); the last ID and the reconnection
    /// time are kept.
    pub fn restart(&mut self) {
        *self = EventStream {
            last_id: std::mem::take(&mut self.last_id),
            reconnect: self.reconnect,
            ..EventStream::default()
        };
    }

    /// One whole line; a blank line dispatches the event read so far.
    fn line_ended(&mut self, line: &[u8]) -> Result<Option<Event>, TooLarge> {
        if line.is_empty() {
            return Ok(self.dispatch());
        }
        self.held += line.len() + 1;
        if self.held > EVENT_LIMIT {
            return Err(TooLarge);
        }
        if line[0] == b':' {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(line);
        let (name, value) = match line.split_once(':') {
            Some((name, value)) => (name, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match name {
            "event" => self.event = Some(value.to_string()),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            // An ID with NUL is ignored, so that it can always be sent back in a header.
            "id" if !value.contains('\0') => {
                self.id = Some(value.to_string());
                self.last_id = Some(value.to_string());
            }
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                // Digits only: a number too large to hold is as long as can be.
                let millis = value.parse().unwrap_or(u64::MAX);
                self.retry = Some(millis);
                self.reconnect = Some(millis);
            }
            _ => {}
        }
        Ok(None)
    }

    /// The event read so far, when it has data; its fields are cleared either way.
    fn dispatch(&mut self) -> Option<Event> {
        // An empty `event:` sets no type (§9.2.6: only a non-empty buffer does).
        let event = self.event.take().filter(|event| !event.is_empty());
        let event = Event {
            event: event.unwrap_or_else(|| "message".to_string()),
            data: std::mem::take(&mut self.data),
            id: self.id.take(),
            retry: self.retry.take(),
        };
        self.held = 0;
        std::mem::take(&mut self.has_data).then_some(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(chunks: &[&[u8]]) -> Vec<(Event, usize)> {
        let mut stream = EventStream::default();
        let mut seen = Vec::new();
        for chunk in chunks {
            stream
                .push(chunk, &mut |d| seen.push((d.event, d.end)))
                .unwrap();
        }
        seen
    }

    fn event(kind: &str, data: &str, id: Option<&str>, retry: Option<u64>) -> Event {
        Event {
            event: kind.to_string(),
            data: data.to_string(),
            id: id.map(str::to_string),
            retry,
        }
    }

    #[test]
    fn reads_the_fields_of_each_event() {
        let text = b": hello\nid: 7\nevent: tick\nretry: 50\ndata: {\"n\":1}\n\ndata:a\ndata:  b\ndata\n\n";
        let seen = events(&[text]);
        assert_eq!(
            seen,
            [
                (event("tick", "{\"n\":1}", Some("7"), Some(50)), 51),
                (event("message", "a\n b\n", None, None), text.len()),
            ]
        );
    }

    #[test]
    fn every_line_end_and_a_bom() {
        let seen = events(&[b"\xEF\xBB\xBFdata: 1\r\n\r\ndata: 2\r\rdata: 3\n\n"]);
        let data: Vec<&str> = seen.iter().map(|(e, _)| e.data.as_str()).collect();
        assert_eq!(data, ["1", "2", "3"]);
        // A BOM is dropped once, at the very start only.
        let seen = events(&[b"\xEF\xBB", b"\xBFdata: x\n\n\xEF\xBB\xBFdata: y\n\n"]);
        assert_eq!(seen[0].0.data, "x");
        assert_eq!(seen.len(), 1, "{seen:?}");
    }

    #[test]
    fn events_without_data_are_not_dispatched_and_bad_fields_are_ignored() {
        let mut stream = EventStream::default();
        let mut seen = Vec::new();
        let text = b"id: 1\nretry: 2s\n\nevent: x\n\nid: a\0b\nretry: 300\nfoo: bar\ndata: z\n\n";
        stream.push(text, &mut |d| seen.push(d.event)).unwrap();
        assert_eq!(seen, [event("message", "z", None, Some(300))]);
        assert_eq!(stream.last_id(), Some("1"));
        assert_eq!(stream.reconnect(), Some(300));
        // An empty id empties the last ID: nothing to send back.
        stream.push(b"id\ndata: w\n\n", &mut |_| {}).unwrap();
        assert_eq!(stream.last_id(), Some(""));
        // A stream that never set one has none.
        assert_eq!(EventStream::default().last_id(), None);
    }

    #[test]
    fn an_empty_event_field_leaves_the_type_message() {
        let seen = events(&[b"event:\ndata: a\n\nevent: \ndata: b\n\nevent:x\ndata: c\n\n"]);
        let kinds: Vec<&str> = seen.iter().map(|(e, _)| e.event.as_str()).collect();
        assert_eq!(kinds, ["message", "message", "x"]);
    }

    #[test]
    fn the_last_whole_block_of_a_chunk_is_known() {
        let mut stream = EventStream::default();
        let text = b": hi\n\ndata: 1\n\nid: 2\n\ndata: cut";
        stream.push(text, &mut |_| {}).unwrap();
        assert_eq!(stream.block_end(), Some(text.len() - b"data: cut".len()));
        stream.push(b"ting", &mut |_| {}).unwrap();
        assert_eq!(stream.block_end(), None);
        stream.push(b"\n\nda", &mut |_| {}).unwrap();
        assert_eq!(stream.block_end(), Some(2));
    }

    #[test]
    fn restarting_drops_a_cut_event_and_keeps_the_last_id() {
        let mut stream = EventStream::default();
        let mut seen = Vec::new();
        stream
            .push(b"id: 4\nretry: 9\ndata: 1\n\ndata: cut", &mut |d| {
                seen.push(d.event.data)
            })
            .unwrap();
        stream.restart();
        stream
            .push(b"\ndata: 2\n\n", &mut |d| seen.push(d.event.data))
            .unwrap();
        assert_eq!(seen, ["1", "2"]);
        assert_eq!((stream.last_id(), stream.reconnect()), (Some("4"), Some(9)));
    }

    /// Split anywhere, the same events come, each ending at the same byte of the stream.
    #[test]
    fn split_at_every_byte_gives_the_same_events() {
        let text: &[u8] = "\u{feff}: c\r\nid: 1\r\ndata: é\r\ndata: {\"a\":[1]}\r\n\r\nevent: e\rdata: x\r\rdata: y\n\n"
            .as_bytes();
        let whole = events(&[text]);
        assert_eq!(whole.len(), 3);
        for at in 0..=text.len() {
            let mut stream = EventStream::default();
            let mut seen = Vec::new();
            let (a, b) = text.split_at(at);
            stream
                .push(a, &mut |d| seen.push((d.event, d.end)))
                .unwrap();
            stream
                .push(b, &mut |d| seen.push((d.event, a.len() + d.end)))
                .unwrap();
            // A CR line end split from nothing: the end is where the CR was read.
            assert_eq!(
                seen.iter().map(|(e, _)| e).collect::<Vec<_>>(),
                whole.iter().map(|(e, _)| e).collect::<Vec<_>>(),
                "split at {at}"
            );
            for ((_, end), (_, whole_end)) in seen.iter().zip(&whole) {
                assert!(
                    *end == *whole_end || *end + 1 == *whole_end,
                    "split at {at}"
                );
            }
        }
    }

    #[test]
    fn an_endless_event_is_refused() {
        let mut stream = EventStream::default();
        let line = vec![b'a'; EVENT_LIMIT + 1];
        assert_eq!(stream.push(&line, &mut |_| {}), Err(TooLarge));
    }
}
