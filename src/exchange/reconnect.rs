//! `--sse-reconnect`: an event stream that drops is requested again, after the stream's
//! `retry` time, with `Last-Event-ID` (WHATWG HTML §9.2.3). A connection that delivered
//! no event, or that could not be made, is followed by longer and longer waits, so that a
//! server sending `retry: 0` or refusing connections is not hammered; `-m` bounds it all.

use std::time::Duration;

use anyhow::Result;
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;

use super::send::{Exchange, Sending};
use crate::error::{self, Exit, HitError};
use crate::http::duration::human;
use crate::http::event_stream::EventStream;
use crate::http::media::media_type;
use crate::http::{PreparedRequest, header_text};
use crate::output::Printer;

/// The wait before reconnecting when the stream set no `retry` (the standard leaves it to
/// the client, suggesting "a few seconds").
const DEFAULT_RETRY: Duration = Duration::from_secs(3);

/// The shortest wait: a `retry: 0` would have hit reconnect as fast as it can.
const MIN_RETRY: Duration = Duration::from_millis(100);

/// The longest wait hit honours: a `retry` of an hour would look like a hang.
const MAX_RETRY: Duration = Duration::from_secs(60);

/// What sends the request again when an event stream drops: the exchange's own sending
/// (its client, retries, cookies, `-m`) and the request as first sent.
pub(super) struct Again<'s, 'a> {
    pub sending: &'s Sending<'a>,
    pub request: &'s PreparedRequest,
}

/// The waits between connections: the stream's `retry` time (within bounds), doubled
/// after each connection that gave no event, until one does.
#[derive(Debug, Default)]
pub(super) struct Backoff {
    /// The last wait, while no event has come since it.
    fruitless: Option<Duration>,
}

impl Backoff {
    /// The wait before the next connection, when the stream asked for ASKED milliseconds
    /// and the last connection DELIVERED an event or not.
    pub(super) fn next(&mut self, asked: Option<u64>, delivered: bool) -> Duration {
        let retry = asked
            .map_or(DEFAULT_RETRY, Duration::from_millis)
            .clamp(MIN_RETRY, MAX_RETRY);
        let wait = match self.fruitless.filter(|_| !delivered) {
            Some(last) => (last * 2).clamp(retry, MAX_RETRY),
            None => retry,
        };
        self.fruitless = Some(wait);
        wait
    }
}

/// Sends the request again after WAIT, and again after longer waits while it cannot
/// connect. Whether the stream carries on: a 204 (the server's way to say stop), another
/// status or another type ends it, with the new response in EXCHANGE for its status to
/// decide the exit code.
pub(super) async fn reconnect(
    again: &Again<'_, '_>,
    events: &EventStream,
    mut wait: Duration,
    backoff: &mut Backoff,
    exchange: &mut Exchange,
    printer: &mut Printer,
) -> Result<bool> {
    let mut request = again.request.clone();
    // The user's own `Last-Event-ID` stands until the stream sets the buffer.
    match events.last_id() {
        Some("") => request.headers.remove("Last-Event-ID"),
        Some(id) => request.headers.set("Last-Event-ID", id),
        None => {}
    }
    let next = loop {
        printer.note(&match request.headers.get("Last-Event-ID") {
            Some(id) => format!("reconnecting in {} (Last-Event-ID: {id})", human(wait)),
            None => format!("reconnecting in {}", human(wait)),
        });
        let limits = again.sending.limits;
        if let Err(expired) = limits.bound(tokio::time::sleep(wait), false).await {
            let why = expired.describe("no time");
            let line = format!("{why} while waiting to reconnect to the event stream");
            return Err(HitError::Timeout(line).into());
        }
        match again.sending.with_retries(&request, printer).await {
            Ok(next) => break next,
            // A network error is one more drop (§9.2.3 "reestablish the connection").
            Err(err) if matches!(error::kind(&err).1, Exit::Connect | Exit::BodyBroken) => {
                printer.note(&format!("could not reconnect: {err}"));
                wait = backoff.next(events.reconnect(), false);
            }
            Err(err) => return Err(err),
        }
    };
    let carry_on = carries_on(&next, printer);
    *exchange = next;
    Ok(carry_on)
}

/// Whether the answer to a reconnection is an event stream to read on (§9.2.3): 204 No
/// Content stops reconnecting, as does any status but 200 or a type that is not
/// text/event-stream.
fn carries_on(next: &Exchange, printer: &mut Printer) -> bool {
    let head = &next.incoming.head;
    let content_type = header_text(&head.headers, CONTENT_TYPE);
    let essence = content_type.as_deref().map(media_type);
    if head.status == StatusCode::NO_CONTENT {
        printer.note("the event stream's server answered 204 No Content: not reconnecting");
        false
    } else if head.status != StatusCode::OK {
        printer.warning(&format!(
            "reconnecting: the server answered {}; the event stream ends",
            head.status
        ));
        false
    } else if essence.as_deref() != Some("text/event-stream") {
        let shown = content_type.as_deref().unwrap_or("none");
        printer.warning(&format!(
            "reconnecting: the answer's Content-Type is {shown}, not text/event-stream; the \
             event stream ends"
        ));
        false
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_follow_retry_within_bounds() {
        let mut backoff = Backoff::default();
        assert_eq!(backoff.next(None, true), DEFAULT_RETRY);
        assert_eq!(backoff.next(Some(0), true), MIN_RETRY);
        assert_eq!(backoff.next(Some(250), true), Duration::from_millis(250));
        assert_eq!(backoff.next(Some(3_600_000), true), MAX_RETRY);
    }

    #[test]
    fn waits_double_while_no_event_comes() {
        let mut backoff = Backoff::default();
        let ms = Duration::from_millis;
        // The first drop waits the retry time, even if the first connection gave nothing.
        assert_eq!(backoff.next(Some(0), false), ms(100));
        assert_eq!(backoff.next(Some(0), false), ms(200));
        assert_eq!(backoff.next(Some(0), false), ms(400));
        // An event resets it.
        assert_eq!(backoff.next(Some(0), true), ms(100));
        assert_eq!(backoff.next(Some(0), false), ms(200));
        // A longer retry asked meanwhile is honoured, and the ceiling holds.
        assert_eq!(backoff.next(Some(1000), false), ms(1000));
        let mut wait = Duration::ZERO;
        for _ in 0..10 {
            wait = backoff.next(Some(1000), false);
        }
        assert_eq!(wait, MAX_RETRY);
    }
}
