//! The WebSocket close codes in words: `hit explain close-codes` and `hit explain 1011`.

use super::Page;
use crate::facts::websocket::{CLOSE_CODES, CloseFact, MAX_CLOSE_REASON, close_line, may_send};

/// The topic that lists every close code.
pub const CLOSE_CODES_TOPIC: &str = "close-codes";

/// The topic names this module answers, for completions and suggestions: the table and the
/// codes that have a name of their own (the ranges are found by number).
pub fn topics() -> impl Iterator<Item = String> {
    let codes = CLOSE_CODES.iter().map(|fact| fact.code.to_string());
    std::iter::once(CLOSE_CODES_TOPIC.to_string()).chain(codes)
}

/// What to say about sending it, in a sentence.
fn on_the_wire(fact: &CloseFact) -> &'static str {
    match (may_send(fact.code), fact.code) {
        (true, 1010) => "a client sends it in a Close frame",
        (true, _) => "an endpoint may send it in a Close frame",
        (false, 1005 | 1006 | 1015) => "it is never sent, only reported by a library",
        (false, _) => "reserved: an endpoint does not send it",
    }
}

pub(super) fn render_close_code(page: &mut Page, fact: &CloseFact) {
    page.title(
        &format!("WebSocket close code {}", close_line(fact.code)),
        fact.source,
    );
    page.paragraph(&format!(
        "A WebSocket close code, not an HTTP status: {}.",
        on_the_wire(fact)
    ));
    page.paragraph(fact.meaning);
    page.labelled(
        "See also",
        "hit explain close-codes lists every code; hit explain websocket tells how a \
         WebSocket opens and closes",
    );
}

pub(super) fn render_close_codes(page: &mut Page) {
    page.title("WebSocket close codes", "RFC 6455 §7.4, IANA registry");
    page.paragraph(&format!(
        "A Close frame carries a two-byte code and up to {MAX_CLOSE_REASON} bytes of reason \
         text. The endpoint that receives it answers with a Close frame of its own, and the \
         TCP connection ends. Codes are not HTTP statuses: they start at 1000."
    ));
    page.text.push('\n');
    for fact in CLOSE_CODES {
        let mark = if fact.sendable { "" } else { " (never sent)" };
        page.text
            .push_str(&format!("  {} {}{mark}\n", fact.code, fact.name));
    }
    page.text.push_str(
        "  1016-2999 reserved for the protocol's future\n  \
         3000-3999 registered with IANA by libraries and frameworks\n  \
         4000-4999 the application's own (private use)\n",
    );
    page.paragraph(
        "1005, 1006 and 1015 are never put in a frame; a library reports them for a close \
         without a code, a connection lost without a close, and a failed TLS handshake. \
         hit explain 1011 explains one code; hit serve's /ws/close/{code} closes with the \
         code you choose, to see how a client reports it.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::websocket::close_code;

    fn page_of(code: u16) -> String {
        let mut page = Page::default();
        render_close_code(&mut page, &close_code(code).unwrap());
        page.text
    }

    #[test]
    fn a_close_code_page_names_the_code_and_what_sending_it_means() {
        let page = page_of(1011);
        assert!(
            page.starts_with("WebSocket close code 1011 Internal Error  (RFC 6455 §7.4.1)\n"),
            "{page}"
        );
        assert!(page.contains("an endpoint may send it"), "{page}");
        assert!(page_of(1006).contains("never sent, only reported"));
        assert!(page_of(4001).contains("4001 Application-defined"));
    }

    #[test]
    fn the_table_lists_every_named_code() {
        let mut page = Page::default();
        render_close_codes(&mut page);
        for fact in CLOSE_CODES {
            assert!(
                page.text
                    .contains(&format!("  {} {}", fact.code, fact.name)),
                "{}",
                fact.code
            );
        }
        assert!(page.text.contains("4000-4999"));
    }
}
