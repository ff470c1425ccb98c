//! Fields a client sends to say who it is and what it would like: `Host`, `User-Agent`, `Expect`,
//! `Prefer` and its answer, `Idempotency-Key`.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const REQUEST: &[HeaderFacts] = &[
    header(
        "Expect",
        Request,
        "RFC 9110 §10.1.1",
        "Sent by the client to ask for something before it goes on. The only value defined, \
         100-continue, asks the server to accept the request head before a large body is \
         sent.",
        "",
    ),
    header(
        "From",
        Request,
        "RFC 9110 §10.1.2",
        "An email address for the person or team responsible for the client. Crawlers send it \
         so that site owners can reach them.",
        "",
    ),
    header(
        "Host",
        Request,
        "RFC 9110 §7.2",
        "The host name and port the request is for, taken from the URL. One address can serve \
         many sites, so HTTP/1.1 requires it; HTTP/2 and HTTP/3 use :authority instead.",
        "",
    ),
    header(
        "Idempotency-Key",
        Request,
        "draft-ietf-httpapi-idempotency-key-header",
        "A unique value the client puts on a POST or PATCH so it can retry safely: a server \
         that sees the same key again returns the first result instead of acting twice.",
        "",
    ),
    header(
        "Prefer",
        Request,
        "RFC 7240 §2",
        "Sent by the client to state optional wishes, such as return=minimal (no body \
         needed), respond-async or wait=10. The server is free to ignore them.",
        "",
    ),
    header(
        "Preference-Applied",
        Response,
        "RFC 7240 §3",
        "Sent by a server to say which of the wishes in the client's Prefer it honoured.",
        "These Prefer wishes were honoured; assume the others were not.",
    ),
    header(
        "Priority",
        Both,
        "RFC 9218 §5",
        "Says how urgent a response is, from u=0 (first) to u=7, and whether it can be sent \
         in pieces (i). The client sends it; a server may send one to override it for \
         proxies.",
        "Nothing for a client: it tells proxies how the server ranks this response.",
    ),
    header(
        "Referer",
        Request,
        "RFC 9110 §10.1.3",
        "The URL of the page the request came from, such as the page with the link that was \
         clicked. Browsers trim or drop it as Referrer-Policy says. The spelling is an old \
         typo that stuck.",
        "",
    ),
    header(
        "User-Agent",
        Request,
        "RFC 9110 §10.1.5",
        "Names the client software and its version, such as hit/1.0 or a browser's long \
         string. Servers use it for statistics and sometimes to work around client bugs.",
        "",
    ),
];
