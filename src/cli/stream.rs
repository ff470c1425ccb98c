//! Sessions that go on: WebSockets (`hit ws://…`, `--ws`) and how long a stream of
//! messages or events lasts (`--count`, `--until`, `--sse-reconnect`).

use clap::Args;

use super::values::{byte_count, seconds};

/// WebSockets and event streams.
#[derive(Args, Debug, Clone, Default)]
pub struct StreamArgs {
    /// Open a WebSocket to an http(s) URL (a ws:// or wss:// URL opens one anyway)
    #[arg(long, help_heading = "WebSockets and event streams")]
    pub ws: bool,

    /// Offer this WebSocket subprotocol (Sec-WebSocket-Protocol); repeatable, in order of
    /// preference
    #[arg(
        long,
        value_name = "NAME",
        help_heading = "WebSockets and event streams"
    )]
    pub subprotocol: Vec<String>,

    /// Send this WebSocket text message instead of reading stdin; repeatable, sent in order
    #[arg(
        long,
        value_name = "TEXT",
        help_heading = "WebSockets and event streams"
    )]
    pub message: Vec<String>,

    /// Send stdin's bytes as binary WebSocket messages instead of one text message per line
    #[arg(
        long,
        conflicts_with = "message",
        help_heading = "WebSockets and event streams"
    )]
    pub binary: bool,

    /// Ping the WebSocket's server every SECONDS, to keep an idle connection open
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "WebSockets and event streams")]
    pub ping: Option<f64>,

    /// The largest WebSocket message to accept [default: 16M]; a larger one closes the
    /// session with 1009
    #[arg(long, value_name = "BYTES", value_parser = byte_count, help_heading = "WebSockets and event streams")]
    pub max_message: Option<u64>,

    /// End after N messages (WebSocket) or events (text/event-stream) have been received
    #[arg(long, value_name = "N", help_heading = "WebSockets and event streams")]
    pub count: Option<u64>,

    /// End at the first message or event for which the jq EXPR is true: --until '.done'
    #[arg(
        long,
        value_name = "EXPR",
        help_heading = "WebSockets and event streams"
    )]
    pub until: Option<String>,

    /// When an event stream drops, connect again after its `retry` time, sending
    /// Last-Event-ID
    #[arg(long, help_heading = "WebSockets and event streams")]
    pub sse_reconnect: bool,
}
