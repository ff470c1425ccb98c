//! The connection and how the message travels on it: `Connection`, `Transfer-Encoding`, `Upgrade`
//! and the WebSocket handshake's fields, trailers, alternative services and 0-RTT data.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const CONNECTION: &[HeaderFacts] = &[
    header(
        "Alt-Svc",
        Response,
        "RFC 7838 §3",
        "Sent by a server to say the same service can also be reached another way, for \
         example h3=\":443\" for HTTP/3 over UDP. The ma parameter says for how many seconds \
         the hint holds.",
        "You may send later requests over this protocol or endpoint, for up to ma seconds.",
    ),
    header(
        "Alt-Used",
        Request,
        "RFC 7838 §5",
        "Sent by a client that uses an alternative service from Alt-Svc, naming the host and \
         port it actually connected to.",
        "",
    ),
    header(
        "Connection",
        Both,
        "RFC 9110 §7.6.1",
        "Options for this one HTTP/1.1 connection only: close ends it after this message, and \
         any field named here must be dropped by a proxy. HTTP/2 and HTTP/3 forbid it.",
        "With close, send no more requests on this connection; open a new one.",
    ),
    header(
        "Early-Data",
        Request,
        "RFC 8470 §5.1",
        "Set to 1 by a proxy that forwards a request it got in TLS early data (0-RTT). It \
         warns the server that the request could be a replay, and says 425 Too Early will be \
         understood.",
        "",
    ),
    header(
        "Keep-Alive",
        Both,
        "RFC 2068 §19.7.1.1",
        "An old HTTP/1.0 companion of Connection: keep-alive with hints such as timeout=5, \
         max=100 about how long an idle connection stays open. HTTP/1.1 keeps connections \
         open by default, and HTTP/2 and HTTP/3 forbid it.",
        "The other side may close the connection after this many idle seconds.",
    ),
    header(
        "Sec-WebSocket-Accept",
        Response,
        "RFC 6455 §4.2.2",
        "The server's proof, in a 101 answer, that it read this WebSocket handshake: \
         base64(SHA-1(the client's Sec-WebSocket-Key followed by the GUID \
         258EAFA5-E914-47DA-95CA-C5AB0DC85B11)).",
        "Compute it from the key you sent; on a mismatch, fail the WebSocket connection.",
    ),
    header(
        "Sec-WebSocket-Extensions",
        Both,
        "RFC 6455 §9.1, RFC 7692",
        "The WebSocket extensions offered by the client and the ones the server accepts, \
         with their parameters; in practice permessage-deflate, which compresses each message.",
        "Use exactly the extensions and parameters listed here, and no others.",
    ),
    header(
        "Sec-WebSocket-Key",
        Request,
        "RFC 6455 §4.1",
        "Sixteen random bytes in base64, new for each WebSocket handshake. The server mixes it \
         into Sec-WebSocket-Accept, which shows it understood the handshake; it is no secret \
         and proves nothing about who the client is.",
        "",
    ),
    header(
        "Sec-WebSocket-Protocol",
        Both,
        "RFC 6455 §11.3.4",
        "Subprotocols: the application protocols the client can speak over the WebSocket, in \
         order of preference (graphql-transport-ws, mqtt, ...); the server answers with the \
         one it chose, or leaves the header out.",
        "Speak this subprotocol on the connection; one you did not offer is an error.",
    ),
    header(
        "Sec-WebSocket-Version",
        Both,
        "RFC 6455 §4.1, §4.4",
        "The WebSocket protocol version of the handshake, always 13. A server that does not \
         speak the version asked for answers 426 listing the ones it does.",
        "Open the WebSocket again with one of the versions listed, which means 13.",
    ),
    header(
        "TE",
        Request,
        "RFC 9110 §10.1.4",
        "Sent by the client to list transfer codings it accepts besides chunked. In practice \
         it is TE: trailers, which says the client handles trailer fields; HTTP/2 allows only \
         that.",
        "",
    ),
    header(
        "Trailer",
        Both,
        "RFC 9110 §6.6.2",
        "Announces which fields will come after the body, as trailers, such as a checksum \
         computed while the body streams.",
        "Expect these fields after the body, and read them once it ends.",
    ),
    header(
        "Transfer-Encoding",
        Both,
        "RFC 9112 §6.1",
        "HTTP/1.1 only: the codings applied for the trip, almost always chunked, which sends \
         the body in pieces when its length is not known up front. HTTP/2 and HTTP/3 frame \
         bodies themselves.",
        "Undo these codings (de-chunk) before use; with both, it wins over Content-Length.",
    ),
    header(
        "Upgrade",
        Both,
        "RFC 9110 §7.8",
        "In a request, the client offers to switch this connection to another protocol, such \
         as websocket; a server that agrees answers 101 Switching Protocols. With 426, the \
         server names the protocol it requires.",
        "Switch to this protocol: at once after 101, or before retrying after 426.",
    ),
];
