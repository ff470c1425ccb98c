//! How long a stream of messages or events lasts (`--count`, `--until`,
//! `--sse-reconnect`), and what a WebSocket session sends and accepts.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use reqwest::Method;

use super::{
    FilterSettings, HttpVersion, OutputSettings, RequestSettings, Sections, TransportSettings,
    filter,
};
use crate::cli::Cli;
use crate::error::usage;
use crate::items::Item;
use crate::jq::Check;

/// The largest WebSocket message accepted unless `--max-message` says otherwise.
pub const MAX_MESSAGE: usize = 16 << 20;

/// `--count`, `--until` and `--sse-reconnect`, and the WebSocket session when the request
/// opens one.
#[derive(Debug, Default)]
pub struct StreamSettings {
    /// End after this many messages or events.
    pub count: Option<u64>,
    /// End at the first message or event this is true of: a filter of its own whose one
    /// check is `--until`'s expression.
    pub until: Option<Arc<FilterSettings>>,
    pub sse_reconnect: bool,
    pub websocket: Option<WebSocketSettings>,
}

/// What a WebSocket session offers, sends and accepts.
#[derive(Debug, Clone)]
pub struct WebSocketSettings {
    /// `--subprotocol`, in order of preference.
    pub subprotocols: Vec<String>,
    /// `--message`s (or a `.http` request's messages and its waits for the server), in
    /// order, instead of reading stdin.
    pub messages: Vec<Step>,
    /// `--binary`: stdin's bytes go as binary messages.
    pub binary: bool,
    /// `--ping SECONDS`.
    pub ping: Option<Duration>,
    /// `--max-message`.
    pub max_message: usize,
    /// Stdin is read for messages (not with `--no-stdin`, or in `hit run`).
    pub reads_stdin: bool,
}

/// One step of the messages a session is given: `T` is the message's text (a `.http`
/// file's parse keeps its line beside it, until its variables are filled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<T = String> {
    /// A text message to send.
    Send(T),
    /// `=== wait-for-server` in a `.http` file: one message is received before the next
    /// step (as JetBrains' HTTP Client waits for a reply).
    WaitForServer,
}

impl<T> Step<T> {
    /// The step with its message made by FILL.
    pub fn try_map<U, E>(&self, fill: impl FnOnce(&T) -> Result<U, E>) -> Result<Step<U>, E> {
        Ok(match self {
            Step::Send(text) => Step::Send(fill(text)?),
            Step::WaitForServer => Step::WaitForServer,
        })
    }
}

impl StreamSettings {
    /// The stream options of the command line; a WebSocket request is checked for what a
    /// handshake cannot carry (a body, another method, HTTP/2), and its transport held to
    /// HTTP/1.1, where the upgrade exists (RFC 6455 §4.1).
    pub(super) fn new(
        cli: &Cli,
        request: &RequestSettings,
        output: &OutputSettings,
        transport: &mut TransportSettings,
    ) -> Result<StreamSettings> {
        let args = &cli.stream;
        let until = match &args.until {
            Some(expr) => {
                let vars = filter::variables(&cli.filter)?;
                let compiled = Check::compile_as("--until", expr, &vars);
                let check = compiled.map_err(|err| usage(format!("{err:#}")))?;
                Some(Arc::new(FilterSettings {
                    program: None,
                    raw: false,
                    checks: vec![check],
                }))
            }
            None => None,
        };
        if args.count == Some(0) {
            return Err(usage("--count 0 would end before anything is received"));
        }
        let websocket = if request.websocket {
            if output.save.is_some() || output.document {
                return Err(usage(
                    "-o/--download and --output-format json are for a response body; a \
                     WebSocket's messages go to stdout (redirect it to keep them)",
                ));
            }
            Some(websocket(cli, request, transport)?)
        } else {
            for (given, flag) in [
                (!args.subprotocol.is_empty(), "--subprotocol"),
                (!args.message.is_empty(), "--message"),
                (args.binary, "--binary"),
                (args.ping.is_some(), "--ping"),
                (args.max_message.is_some(), "--max-message"),
            ] {
                if given {
                    return Err(usage(format!(
                        "{flag} is for WebSockets: give a ws:// or wss:// URL, or --ws"
                    )));
                }
            }
            None
        };
        Ok(StreamSettings {
            count: args.count,
            until,
            sse_reconnect: args.sse_reconnect,
            websocket,
        })
    }
}

/// A session's `101` head is shown when asked for (`-v`, `-i`, `-h`, `-p`), not by default
/// on a terminal as a response's head is: the messages are what a session is for.
pub(super) fn quiet_head(cli: &Cli, sections: &mut Sections) {
    let o = &cli.output;
    let asked = o.verbose > 0 || o.include || o.headers_only || o.sections.print.is_some();
    if !asked {
        sections.response_headers = false;
    }
}

/// The WebSocket session the command line asks for.
fn websocket(
    cli: &Cli,
    request: &RequestSettings,
    transport: &mut TransportSettings,
) -> Result<WebSocketSettings> {
    if let Some(method) = request.method.as_ref().filter(|m| **m != Method::GET) {
        return Err(usage(format!(
            "a WebSocket opens with a GET request (RFC 6455 §4.1), not {method}"
        )));
    }
    let fields = request
        .items
        .iter()
        .any(|item| matches!(item, Item::Field(_) | Item::File { .. }));
    let body = fields
        || !request.data.is_empty()
        || !request.json.is_empty()
        || !request.form.is_empty()
        || request.upload.is_some()
        || request.exact_body.is_some();
    if body {
        return Err(usage(
            "a WebSocket handshake has no body: send messages with --message TEXT or on stdin",
        ));
    }
    if transport.version == HttpVersion::Http2PriorKnowledge {
        return Err(usage(
            "a WebSocket opens over HTTP/1.1 (RFC 6455 §4.1); hit does not open one over \
             HTTP/2 (--http2-prior-knowledge)",
        ));
    }
    if cli.learn.curl {
        return Err(usage(
            "--curl writes a curl command for an HTTP request; curl's own WebSocket support \
             does not read messages from its command line (--offline shows the handshake)",
        ));
    }
    if cli.connection.paginate {
        return Err(usage(
            "--paginate follows pages of HTTP responses, not a WebSocket",
        ));
    }
    transport.version = HttpVersion::Http1Only;
    let args = &cli.stream;
    for name in &args.subprotocol {
        if name.is_empty() || !name.chars().all(crate::items::is_token_char) {
            return Err(usage(format!(
                "--subprotocol '{}': a subprotocol is an HTTP token (letters, digits and \
                 !#$%&'*+-.^_`|~)",
                crate::error::excerpt(name)
            )));
        }
    }
    Ok(WebSocketSettings {
        subprotocols: args.subprotocol.clone(),
        messages: args.message.iter().cloned().map(Step::Send).collect(),
        binary: args.binary,
        ping: crate::cli::time_limit(args.ping),
        max_message: args.max_message.map_or(MAX_MESSAGE, |max| {
            usize::try_from(max).unwrap_or(usize::MAX)
        }),
        reads_stdin: !cli.body.no_stdin,
    })
}
