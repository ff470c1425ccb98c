//! WebSocket close codes (RFC 6455 §7.4 and IANA's WebSocket Close Code Number Registry):
//! one table for `hit explain 1011`, for `hit serve`'s `/ws/close/{code}`, and for the
//! line a WebSocket client prints when the other side closes ("closed by the server: 1011
//! Internal Error: ...").

/// What a close code means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseFact {
    /// The code itself (for a range, the code that was asked about).
    pub code: u16,
    /// Its registered name (`Internal Error`), or the name of its range
    /// (`Application-defined`).
    pub name: &'static str,
    /// What it says, in a sentence or two of our own.
    pub meaning: &'static str,
    /// Whether an endpoint may put it in a Close frame. 1005, 1006 and 1015 only report
    /// what happened to a connection, and 1004 and the unassigned ones are reserved.
    pub sendable: bool,
    /// Where it is defined.
    pub source: &'static str,
}

const fn fact(
    code: u16,
    name: &'static str,
    sendable: bool,
    source: &'static str,
    meaning: &'static str,
) -> CloseFact {
    CloseFact {
        code,
        name,
        meaning,
        sendable,
        source,
    }
}

/// The codes with a meaning of their own, 1000 to 1015, in order.
pub const CLOSE_CODES: &[CloseFact] = &[
    fact(
        1000,
        "Normal Closure",
        true,
        "RFC 6455 §7.4.1",
        "The connection did what it was opened for and is closed on purpose. The usual \
         answer to a close that asks for nothing else.",
    ),
    fact(
        1001,
        "Going Away",
        true,
        "RFC 6455 §7.4.1",
        "The endpoint is leaving: a server shutting down or restarting, a browser tab \
         navigating to another page. Not an error; connect again later if you still need to.",
    ),
    fact(
        1002,
        "Protocol Error",
        true,
        "RFC 6455 §7.4.1",
        "The other side broke the WebSocket protocol: a malformed frame, a reserved bit set \
         without an extension for it, a control frame that was fragmented or too long.",
    ),
    fact(
        1003,
        "Unsupported Data",
        true,
        "RFC 6455 §7.4.1",
        "The endpoint received a kind of message it cannot take, such as a binary message \
         sent to an endpoint that only understands text.",
    ),
    fact(
        1004,
        "Reserved",
        false,
        "RFC 6455 §7.4.1",
        "Reserved by RFC 6455 for a meaning that may be defined later. It is not sent.",
    ),
    fact(
        1005,
        "No Status Received",
        false,
        "RFC 6455 §7.4.1",
        "Never sent in a Close frame: a library reports it when the other side's Close frame \
         carried no code at all.",
    ),
    fact(
        1006,
        "Abnormal Closure",
        false,
        "RFC 6455 §7.4.1",
        "Never sent in a Close frame: a library reports it when the connection ended without \
         a Close frame, because the network dropped or the other side vanished.",
    ),
    fact(
        1007,
        "Invalid Frame Payload Data",
        true,
        "RFC 6455 §7.4.1",
        "A message's content did not fit its type: most often a text message that is not \
         valid UTF-8.",
    ),
    fact(
        1008,
        "Policy Violation",
        true,
        "RFC 6455 §7.4.1",
        "A message broke the endpoint's rules. The generic refusal, when no more precise code \
         fits or the endpoint would rather not say why.",
    ),
    fact(
        1009,
        "Message Too Big",
        true,
        "RFC 6455 §7.4.1",
        "A message was larger than the endpoint is willing to handle.",
    ),
    fact(
        1010,
        "Mandatory Extension",
        true,
        "RFC 6455 §7.4.1",
        "Sent by a client: the server's handshake answer left out an extension the client \
         cannot do without; the reason names it.",
    ),
    fact(
        1011,
        "Internal Error",
        true,
        "RFC 6455 §7.4.1",
        "The server met an unexpected condition and cannot go on with this connection: the \
         WebSocket counterpart of HTTP's 500.",
    ),
    fact(
        1012,
        "Service Restart",
        true,
        "IANA WebSocket Close Code registry",
        "The service is restarting. Connect again, after a short random delay so that all \
         clients do not come back at once.",
    ),
    fact(
        1013,
        "Try Again Later",
        true,
        "IANA WebSocket Close Code registry",
        "The server is overloaded or otherwise unable to serve for now. Connect again later, \
         or to another server.",
    ),
    fact(
        1014,
        "Bad Gateway",
        true,
        "IANA WebSocket Close Code registry",
        "A gateway or proxy got an invalid response from the server behind it: the \
         counterpart of HTTP's 502.",
    ),
    fact(
        1015,
        "TLS Handshake",
        false,
        "RFC 6455 §7.4.1",
        "Never sent in a Close frame: a library reports it when the TLS handshake failed, for \
         instance because the server's certificate could not be verified.",
    ),
];

/// Where the code ranges come from: RFC 6455 §7.4.2.
const RANGES: &str = "RFC 6455 §7.4.2";

/// The facts of a close code: one of [`CLOSE_CODES`], or the range it falls in. `None` for
/// a number that is no close code (below 1000 or above 4999).
pub fn close_code(code: u16) -> Option<CloseFact> {
    if let Some(known) = CLOSE_CODES.iter().find(|c| c.code == code) {
        return Some(*known);
    }
    let (name, sendable, meaning) = match code {
        1016..=2999 => (
            "Reserved",
            false,
            "Reserved for future revisions of the WebSocket protocol and for extensions. No \
             meaning is assigned yet, so an endpoint does not send it.",
        ),
        3000..=3999 => (
            "Registered",
            true,
            "For libraries, frameworks and applications, registered first come first served \
             with IANA. Its meaning is what the registration says.",
        ),
        4000..=4999 => (
            "Application-defined",
            true,
            "For private use: the application on the other side chose it and gives it its own \
             meaning, which its documentation or the reason text should explain.",
        ),
        _ => return None,
    };
    Some(fact(code, name, sendable, RANGES, meaning))
}

/// `1011 Internal Error`, or the bare number for one that is no close code.
pub fn close_line(code: u16) -> String {
    match close_code(code) {
        Some(fact) => format!("{code} {}", fact.name),
        None => code.to_string(),
    }
}

/// Whether an endpoint may send `code` in a Close frame (RFC 6455 §7.4: 1000-1003, 1007-1014,
/// 3000-4999).
pub fn may_send(code: u16) -> bool {
    close_code(code).is_some_and(|fact| fact.sendable)
}

/// The longest reason a Close frame carries: a control frame's payload is at most 125 bytes
/// (RFC 6455 §5.5), two of them the code.
pub const MAX_CLOSE_REASON: usize = 123;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defined_codes_run_from_1000_to_1015_in_order() {
        let codes: Vec<u16> = CLOSE_CODES.iter().map(|c| c.code).collect();
        assert_eq!(codes, (1000..=1015).collect::<Vec<u16>>());
        for fact in CLOSE_CODES {
            assert!(!fact.name.is_empty() && !fact.meaning.contains('\n'));
            assert_eq!(fact.meaning, fact.meaning.trim(), "{}", fact.code);
        }
    }

    #[test]
    fn a_code_is_named_by_the_table_or_by_its_range() {
        assert_eq!(close_line(1011), "1011 Internal Error");
        assert_eq!(close_line(1000), "1000 Normal Closure");
        assert_eq!(close_line(1014), "1014 Bad Gateway");
        assert_eq!(close_line(4001), "4001 Application-defined");
        assert_eq!(close_line(3008), "3008 Registered");
        assert_eq!(close_line(2000), "2000 Reserved");
        assert_eq!(close_line(999), "999");
        assert_eq!(close_line(5000), "5000");
        assert_eq!(close_code(4999).map(|c| c.code), Some(4999));
        assert!(close_code(0).is_none());
    }

    #[test]
    fn only_the_codes_rfc_6455_allows_on_the_wire_may_be_sent() {
        let sent: Vec<u16> = (0..=5000).filter(|code| may_send(*code)).collect();
        let expected: Vec<u16> = (1000..=1003)
            .chain(1007..=1014)
            .chain(3000..=4999)
            .collect();
        assert_eq!(sent, expected);
    }
}
