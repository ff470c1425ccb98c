//! WebSocket sessions (RFC 6455): the handshake is an ordinary request sent by the exchange
//! (so proxies, TLS options, `--resolve`, cookies, auth and `-v` apply as for any request),
//! and its `101 Switching Protocols` answer's connection is handed to yawc for the frames.
//!
//! Messages come from `--message`, stdin or the line editor (`input`, `editor`), go out and
//! come in together (`wire`), and are shown, filtered and counted until the session ends
//! (`session`). Exit codes: 0 for a normal close (1000, 1001) or one `--count`/`--until`
//! made, 10 for a session that failed to open or closed abnormally, 8 for a time limit, 1
//! for a failed `--check` (closed with 1008), 130 for Ctrl-C.

mod editor;
mod handshake;
mod input;
mod session;
mod wire;

use anyhow::{Context as _, Result};

use crate::error::{HitError, Outcome};
use crate::exchange::EachMessage;
use crate::http::ResponseHead;
use crate::output::Printer;
use crate::settings::{FilterSettings, Settings, WebSocketSettings};
use crate::transport::limits::TimeLimits;
pub use handshake::{Offer, offer};
use input::Source;
use session::{Out, Session};
use std::time::Duration;

/// The answer to a WebSocket handshake: a `101` opens the session; any other is delivered
/// as a response is, and says why no WebSocket opened (a 2xx is a failure of its own, exit
/// 10; another status exits as it would for any request).
pub(super) async fn answer(
    settings: &Settings,
    ws: &WebSocketSettings,
    offer: &Offer,
    exchange: super::send::Exchange,
    printer: &mut Printer,
    started: std::time::Instant,
) -> Result<Outcome> {
    let status = exchange.incoming.head.status;
    if status == reqwest::StatusCode::SWITCHING_PROTOCOLS {
        return talk(settings, ws, offer, exchange, printer).await;
    }
    let target = crate::transport::authority(&exchange.incoming.head.url);
    let answered = crate::output::describe_status(&exchange.incoming.head);
    let outcome = super::deliver::deliver(settings, exchange, None, printer, started, None).await?;
    let line = format!(
        "{target} answered the WebSocket handshake with {answered}, not 101 Switching \
         Protocols"
    );
    if crate::facts::is_success(status.as_u16()) {
        return Err(HitError::WebSocket(format!("{line}: no WebSocket there")).into());
    }
    printer.warning(&line);
    Ok(outcome)
}

/// Opens the session over the `101` answer to the handshake OFFER, and runs it to its end
/// within the run's time limits (`-m` counts from the start of the run).
async fn talk(
    settings: &Settings,
    ws: &WebSocketSettings,
    offer: &Offer,
    exchange: super::send::Exchange,
    printer: &mut Printer,
) -> Result<Outcome> {
    let (mut incoming, limits) = (exchange.incoming, exchange.limits);
    let upgrading = incoming.take_upgrade();
    let head = &incoming.head;
    let target = crate::transport::authority(&head.url);
    let agreed = handshake::accepted(offer, head).map_err(|why| {
        HitError::WebSocket(format!(
            "{target} answered 101 Switching Protocols, but {why}"
        ))
    })?;
    printer.response_head(head)?;
    // Out before the line editor takes the terminal.
    printer.finish()?;
    let upgrading = upgrading.context("the 101 answer's connection was not kept")?;
    let upgraded = match limits.bound(upgrading, true).await {
        Ok(upgraded) => upgraded.map_err(|err| {
            HitError::WebSocket(format!(
                "cannot take over the connection to {target} after its 101: {err}"
            ))
        })?,
        Err(expired) => {
            return Err(HitError::Timeout(expired.describe("no connection")).into());
        }
    };
    let socket = yawc::WebSocket::from_stream_with_extensions(
        upgraded,
        yawc::Role::Client,
        agreed.extensions.as_deref(),
        options(ws, agreed.extensions.is_some(), limits),
    )
    .map_err(|err| HitError::WebSocket(format!("cannot start the WebSocket: {err}")))?;
    let opened = Opened {
        head,
        target,
        agreed: &agreed,
        limits,
    };
    session(settings, ws, opened, printer)?
        .run(wire::Wire::new(socket))
        .await?;
    Ok(Outcome {
        status: reqwest::StatusCode::SWITCHING_PROTOCOLS,
        ignore_status: settings.output.ignore_status,
        attempts: exchange.attempts,
    })
}

/// How long the pieces of a fragmented message may take to arrive (`--timeout` when given).
const FRAGMENT_TIME: Duration = Duration::from_secs(30);

/// What the handshake opened.
struct Opened<'a> {
    head: &'a ResponseHead,
    target: String,
    agreed: &'a handshake::Agreed,
    limits: TimeLimits,
}

/// The smallest message hit compresses.
const COMPRESSED_FROM: usize = 256;

/// yawc's limits: a message up to `--max-message` (its bounds are exclusive), inflated
/// when permessage-deflate was agreed. hit compresses at deflate's fast level, and only
/// messages of [`COMPRESSED_FROM`] bytes or more: a short message gains nothing from it
/// (RFC 7692 lets each message be compressed or not), and compressing 100,000 of them
/// took twice as long as sending them.
fn options(ws: &WebSocketSettings, deflate: bool, limits: TimeLimits) -> yawc::Options {
    let limit = ws.max_message.saturating_add(1);
    let options = yawc::Options::default()
        .with_max_payload_read(limit)
        .with_max_read_buffer(limit)
        .with_fragment_timeout(limits.idle.unwrap_or(FRAGMENT_TIME));
    if deflate {
        options
            .with_low_latency_compression()
            .with_compression_threshold(COMPRESSED_FROM)
    } else {
        options
    }
}

/// The session the settings describe, reading from the line editor when stdin and stdout
/// are a terminal.
fn session<'a>(
    settings: &Settings,
    ws: &WebSocketSettings,
    opened: Opened,
    printer: &'a mut Printer,
) -> Result<Session<'a>> {
    let Opened {
        head,
        target,
        agreed,
        limits,
    } = opened;
    let terminal = crate::output::Console::terminal();
    let editing =
        ws.messages.is_empty() && !ws.binary && ws.reads_stdin && terminal.stdin && terminal.stdout;
    let (source, above) = if !ws.messages.is_empty() {
        (Source::Given(ws.messages.iter().cloned().collect()), None)
    } else if !ws.reads_stdin {
        (Source::Nothing, None)
    } else if editing {
        printer.note(&greeting(&target, agreed));
        let (source, above) = editor::start()?;
        (source, Some(above))
    } else {
        (Source::stdin(ws.binary), None)
    };
    let each =
        |filter: std::sync::Arc<FilterSettings>, flag| EachMessage::new(filter, flag, head, limits);
    let filter = settings.filter.clone();
    let filter_prints = filter.as_ref().is_some_and(|f| f.program.is_some());
    let until = settings.stream.until.clone();
    Ok(Session {
        filter: filter
            .map(|f| each(f, if filter_prints { "--jq" } else { "--check" }))
            .transpose()?,
        until: until.map(|u| each(u, "--until")).transpose()?,
        out: Out {
            printer,
            above,
            unflushed: false,
        },
        source,
        limits,
        ping: ws.ping,
        count: settings.stream.count,
        filter_prints,
        show_sent: terminal.stdout && !editing,
        waits: settings.stream.count.is_some() || settings.stream.until.is_some(),
        target,
        received: 0,
        until_met: false,
    })
}

/// The line said when an interactive session opens.
fn greeting(target: &str, agreed: &handshake::Agreed) -> String {
    let mut terms = Vec::new();
    if let Some(subprotocol) = &agreed.subprotocol {
        terms.push(format!("subprotocol {subprotocol}"));
    }
    if agreed.extensions.is_some() {
        terms.push("permessage-deflate".to_string());
    }
    let terms = if terms.is_empty() {
        String::new()
    } else {
        format!(" ({})", terms.join(", "))
    };
    format!(
        "connected to {target}{terms}: each line you type is a message; Ctrl-D closes, \
         Ctrl-C quits"
    )
}

/// The error of a close with a code other than 1000/1001.
pub(crate) fn closed_abnormally(target: &str, code: u16, reason: &str) -> anyhow::Error {
    let named = crate::facts::websocket::close_code(code).map_or_else(
        || code.to_string(),
        |fact| format!("{code} ({})", fact.name),
    );
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!(": {}", crate::output::neutralised(reason))
    };
    HitError::WebSocket(format!(
        "{target} closed the WebSocket with {named}{reason}"
    ))
    .into()
}

/// The error of a read that failed: the connection lost, or the protocol broken.
pub(crate) fn protocol_error(
    target: &str,
    err: &yawc::WebSocketError,
    received: u64,
) -> anyhow::Error {
    use yawc::WebSocketError as E;
    let line = match err {
        E::ConnectionClosed | E::IoError(_) => {
            let how = match err {
                E::IoError(io) => format!(" ({})", crate::error::io_reason(io)),
                _ => String::new(),
            };
            let messages = if received == 1 { "message" } else { "messages" };
            format!(
                "the connection to {target} was lost without a close frame{how} after \
                 {received} {messages} (1006 Abnormal Closure)"
            )
        }
        E::FragmentTimeout => format!(
            "a message from {target} came in pieces and was not finished in time; closed the \
             WebSocket with 1002 (Protocol Error)"
        ),
        E::FrameTooLarge => format!(
            "a message from {target} is larger than --max-message allows; closed the \
             WebSocket with 1009 (Message Too Big)"
        ),
        E::InvalidUTF8 => format!(
            "a text message from {target} is not UTF-8; closed the WebSocket with 1007 \
             (Invalid Frame Payload Data)"
        ),
        other => format!(
            "{target} broke the WebSocket protocol ({other}); closed the WebSocket with 1002 \
             (Protocol Error)"
        ),
    };
    HitError::WebSocket(line).into()
}
