//! Proxies between client and server, and the IDs that trace a request across them: `Via`,
//! `Forwarded`, `X-Forwarded-*`, `Proxy-Status`, `Traceparent`, `X-Request-Id`.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const PROXIES: &[HeaderFacts] = &[
    header(
        "Forwarded",
        Request,
        "RFC 7239 §4",
        "Added by proxies to pass on what they saw of the client: its address, the host it \
         asked for and the protocol, such as for=192.0.2.60;proto=https. It is the standard \
         form of the X-Forwarded-* fields.",
        "",
    ),
    header(
        "Max-Forwards",
        Request,
        "RFC 9110 §7.6.2",
        "A count that limits how many proxies may forward a TRACE or OPTIONS request: each \
         one lowers it by one, and the one that finds 0 answers itself.",
        "",
    ),
    header(
        "Proxy-Status",
        Response,
        "RFC 9209 §2",
        "Added by proxies and gateways to say how they handled the response and, if they \
         failed, why, such as dns_timeout or connection_refused. It tells a proxy error from \
         an origin one.",
        "Nothing to do: read it to see which proxy failed, and why.",
    ),
    header(
        "Traceparent",
        Request,
        "W3C Trace Context",
        "Carries the trace ID, the caller's span ID and flags of a distributed trace, as \
         00-<trace-id>-<span-id>-01, so each service can tie its work to the same trace.",
        "",
    ),
    header(
        "Tracestate",
        Request,
        "W3C Trace Context",
        "Goes with traceparent and carries vendor-specific trace data as key=value pairs. \
         Services that do not understand it pass it on unchanged.",
        "",
    ),
    header(
        "Via",
        Both,
        "RFC 9110 §7.6.3",
        "Added by each proxy or gateway that forwards the message, naming the protocol \
         version and the hop, such as 1.1 varnish. It shows the path and helps catch loops.",
        "Nothing to do: it lists the proxies the message passed through.",
    ),
    header(
        "X-Correlation-Id",
        Both,
        "de facto",
        "A non-standard ID that ties together the requests of one operation across several \
         services. Many APIs echo it back; it is much like X-Request-Id.",
        "Quote this ID when you report a problem, so logs across services can be joined.",
    ),
    header(
        "X-Forwarded-For",
        Request,
        "de facto",
        "Added by proxies and load balancers: the client's IP address, then each proxy's, \
         comma-separated. The standard form is Forwarded; anyone can fake the first entries.",
        "",
    ),
    header(
        "X-Forwarded-Host",
        Request,
        "de facto",
        "Added by a proxy to pass on the Host the client asked for, since the proxy may \
         rewrite Host. The standard form is host= in Forwarded.",
        "",
    ),
    header(
        "X-Forwarded-Proto",
        Request,
        "de facto",
        "Added by a proxy that ends TLS to say whether the client used http or https, so the \
         application behind it builds correct URLs. The standard form is proto= in Forwarded.",
        "",
    ),
    header(
        "X-Request-Id",
        Both,
        "de facto",
        "A unique ID for one request, set by the client or the first proxy and echoed by the \
         server, so the same request can be found in every log.",
        "Quote this ID when you report a problem with this request.",
    ),
];
