//! The connection and how the message travels on it: `Connection`, `Transfer-Encoding`, `Upgrade`,
//! trailers, alternative services and 0-RTT data.

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
