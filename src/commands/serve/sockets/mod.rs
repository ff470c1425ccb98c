//! The practice API's WebSocket routes (RFC 6455), to practise a client on: `/ws/echo`
//! sends every message back, `/ws/chat/{room}` passes messages to everyone in a room,
//! `/ws/ticker` pushes a JSON message at a steady pace, and `/ws/close/{code}` closes at once
//! with the code asked for. This module checks the handshake and says what is wrong with a
//! bad one; yawc answers a good one (Sec-WebSocket-Accept, permessage-deflate) and frames
//! the messages; each session runs on its own task once the 101 is sent.

mod chat;
mod sessions;

use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, Response, header};
use serde_json::{Value, json};

use super::exchange::{Body, Req, Step, problem, set};
use super::resources::not_allowed;
use super::store::Shared;
use chat::Member;
pub use chat::Rooms;
use sessions::Ticker;

/// A WebSocket after the handshake.
type Socket = yawc::WebSocket<yawc::HttpStream>;

/// The largest message a client may send, whole or fragmented; above it the session closes
/// with 1009 Message Too Big. What the server holds per client stays small: a chat room
/// keeps a backlog of messages for each of its clients.
const MAX_MESSAGE: usize = 64 * 1024;
/// The same for `/ws/echo`, which holds one message at a time: room for the 64 KiB pieces
/// a client sends a stream in (`hit --binary`), compressed or not.
const MAX_ECHOED: usize = 1024 * 1024;
/// Messages shorter than this go uncompressed (RFC 7692 lets each message choose): a short
/// message gains nothing, and compressing each costs more than sending it.
const COMPRESSED_FROM: usize = 256;
/// How long the pieces of a fragmented message may take to arrive.
const FRAGMENT_TIME: Duration = Duration::from_secs(10);

/// What a WebSocket route does once open. A chat route names its room until the handshake
/// is accepted, then holds a place in it (`Route<Member>`).
enum Route<Room> {
    Echo,
    Chat(Room),
    Ticker(Ticker),
    Close { code: u16, reason: String },
}

/// The WebSocket routes, for `GET /`.
pub fn listing(req: &Req) -> Value {
    let at = |path: &str| req.link(path);
    json!([
        at("/ws/echo"),
        at("/ws/chat/lobby"),
        at("/ws/ticker?count=10&interval=100"),
        at("/ws/close/4001?reason=bye"),
    ])
}

/// Answers `/ws/...`; `None` for a path that is no WebSocket route. A route's own
/// parameters are checked first, then the handshake.
pub fn route(req: &Req, shared: &Shared, words: &[&str]) -> Option<Response<Body>> {
    let route = match words {
        ["ws", "echo"] => Ok(Route::Echo),
        ["ws", "chat"] => chat::room_name("lobby").map(Route::Chat),
        ["ws", "chat", room] => chat::room_name(room).map(Route::Chat),
        ["ws", "ticker"] => Ticker::from_query(req).map(Route::Ticker),
        ["ws", "close", code] => {
            sessions::close_code(req, code).map(|(code, reason)| Route::Close { code, reason })
        }
        _ => return None,
    };
    let session = route.and_then(|route| {
        handshake(req)?;
        // A room is joined only once the handshake is sure to be answered.
        Ok(match route {
            Route::Echo => Route::Echo,
            Route::Chat(room) => Route::Chat(shared.rooms.join(&room)?),
            Route::Ticker(ticker) => Route::Ticker(ticker),
            Route::Close { code, reason } => Route::Close { code, reason },
        })
    });
    Some(match session {
        Ok(session) => open(req, session),
        Err(refusal) => *refusal,
    })
}

/// Whether a header lists `token` among its comma-separated values (`Connection: keep-alive,
/// Upgrade`), ignoring case.
fn lists(req: &Req, name: header::HeaderName, token: &str) -> bool {
    req.headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| item.trim().eq_ignore_ascii_case(token))
}

/// RFC 6455 §4.2.1: what a server checks before it answers 101, each with a refusal that
/// says what to change.
fn handshake(req: &Req) -> Step<()> {
    let refuse = |response: Response<Body>| Err(Box::new(response));
    if req.method != Method::GET && req.method != Method::HEAD {
        return refuse(not_allowed(req, "GET"));
    }
    if req.method == Method::HEAD || !lists(req, header::UPGRADE, "websocket") {
        return refuse(upgrade_required(req));
    }
    if !lists(req, header::CONNECTION, "upgrade") {
        return refuse(problem(
            400,
            "a WebSocket handshake sends Connection: Upgrade with Upgrade: websocket",
        ));
    }
    if req.header(header::SEC_WEBSOCKET_VERSION) != Some("13") {
        // RFC 6455 §4.4: name the versions this server speaks.
        let detail = "hit serve speaks WebSocket version 13 (RFC 6455): send \
                      Sec-WebSocket-Version: 13";
        let mut response = problem(426, detail);
        set(&mut response, header::SEC_WEBSOCKET_VERSION, "13");
        set(&mut response, header::UPGRADE, "websocket");
        return refuse(response);
    }
    let key = req.header(header::SEC_WEBSOCKET_KEY).unwrap_or("");
    let decoded = base64::engine::general_purpose::STANDARD.decode(key.trim());
    if decoded.map_or(true, |key| key.len() != 16) {
        return refuse(problem(
            400,
            "Sec-WebSocket-Key must be 16 random bytes in base64 (24 characters), new for \
             each handshake",
        ));
    }
    Ok(())
}

/// 426 for a request that reached a WebSocket route without asking for the upgrade: a plain
/// GET, as from a browser's address bar or an ordinary `hit :8080/ws/echo`.
fn upgrade_required(req: &Req) -> Response<Body> {
    let host = req.origin().replacen("http://", "ws://", 1);
    let detail = format!(
        "{} is a WebSocket route: a plain request cannot use it. Open it as a WebSocket, \
         for example with hit {host}{}",
        req.link(&req.path),
        req.link(&req.path),
    );
    let mut response = problem(426, &detail);
    set(&mut response, header::UPGRADE, "websocket");
    set(&mut response, header::CONNECTION, "Upgrade");
    response
}

/// The first subprotocol the client offers, when it is a token (RFC 6455 §4.1): `/ws/echo`
/// accepts it, whatever it is, so that a client can see one chosen.
fn first_subprotocol(req: &Req) -> Option<&str> {
    let offered = req.header(header::SEC_WEBSOCKET_PROTOCOL)?;
    let first = offered.split(',').next()?.trim();
    let token = !first.is_empty()
        && first
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b));
    token.then_some(first)
}

/// Answers 101 and starts the session once hyper hands the connection over.
fn open(req: &Req, session: Route<Member>) -> Response<Body> {
    let Some(upgrade) = req.take_upgrade() else {
        return problem(400, "this connection cannot be upgraded to a WebSocket");
    };
    let mut request = Request::new(());
    *request.headers_mut() = req.headers.clone();
    request.extensions_mut().insert(upgrade);
    let max = match session {
        Route::Echo => MAX_ECHOED,
        _ => MAX_MESSAGE,
    };
    let options = yawc::Options::default()
        .with_low_latency_compression()
        .with_compression_threshold(COMPRESSED_FROM)
        .with_utf8()
        .with_limits(max + 1, max + 1)
        .with_fragment_timeout(FRAGMENT_TIME);
    let (accepted, upgraded) = match yawc::WebSocket::upgrade_with_options(&mut request, options) {
        Ok(answer) => answer,
        Err(err) => {
            let detail = format!("the WebSocket handshake cannot be answered: {err}");
            return problem(400, &detail);
        }
    };
    let (parts, _) = accepted.into_parts();
    let mut response = Response::from_parts(parts, Full::new(Bytes::new()).boxed_unsync());
    if matches!(session, Route::Echo)
        && let Some(protocol) = first_subprotocol(req)
    {
        set(&mut response, header::SEC_WEBSOCKET_PROTOCOL, protocol);
    }
    let stopping = req.stopping.clone();
    tokio::spawn(async move {
        // A client that goes away before the switch leaves nothing to do.
        let Ok(socket) = upgraded.await else {
            return;
        };
        match session {
            Route::Echo => sessions::echo(socket, stopping).await,
            Route::Chat(member) => chat::talk(socket, stopping, member).await,
            Route::Ticker(ticker) => sessions::tick(socket, stopping, ticker).await,
            Route::Close { code, reason } => sessions::close_at_once(socket, code, &reason).await,
        }
    });
    response
}
