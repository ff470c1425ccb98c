//! A WebSocket session's messages as shown: in a pipe, one line per text message (JSON
//! made compact) and binary messages as their bytes; on a terminal, marked `<` (received)
//! and `>` (sent), JSON pretty and coloured, binary as a length and a hex summary.
//!
//! Messages are rendered to bytes first: on a terminal with a line editor they are printed
//! above its prompt, by the editor, rather than on stdout directly.

use anyhow::Result;

use super::Printer;
use super::body;
use super::program::format_all;

/// Which way a message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Received,
    Sent,
}

/// A message's payload.
#[derive(Debug, Clone, Copy)]
pub enum Payload<'a> {
    Text(&'a str),
    Binary(&'a [u8]),
}

/// How many bytes of a binary message a terminal shows in hex.
const HEX_SHOWN: usize = 16;

impl Printer {
    /// MESSAGE as it is shown; empty when nothing is (a sent message in a pipe).
    pub fn render_message(&self, way: Way, message: Payload) -> Vec<u8> {
        if !self.terminal {
            return match (way, message) {
                (Way::Sent, _) => Vec::new(),
                (Way::Received, Payload::Binary(bytes)) => bytes.to_vec(),
                (Way::Received, Payload::Text(text)) => {
                    let mut line = compact_json(text).unwrap_or_else(|| text.as_bytes().to_vec());
                    line.push(b'\n');
                    line
                }
            };
        }
        let shown = match message {
            Payload::Text(text) if is_json(text) && (self.format || self.palette.is_some()) => {
                let indent = self.format.then_some(self.indent);
                String::from_utf8_lossy(&format_all(text.as_bytes(), indent, self.palette.as_ref()))
                    .trim_end()
                    .to_string()
            }
            Payload::Text(text) => body::neutralised(text),
            Payload::Binary(bytes) => self.dimmed(&binary_summary(bytes)),
        };
        let mark = match way {
            Way::Received => "<",
            Way::Sent => ">",
        };
        let mut out = String::new();
        for (i, line) in shown.split('\n').enumerate() {
            let lead = if i == 0 { mark } else { " " };
            out.push_str(&self.dimmed(lead));
            out.push(' ');
            out.push_str(line);
            out.push('\n');
        }
        out.into_bytes()
    }

    /// Rendered messages to stdout; the session flushes them ([`Printer::finish`]) as soon
    /// as no more are waiting to be read.
    pub fn emit(&mut self, rendered: &[u8]) -> Result<()> {
        self.write(rendered)
    }

    /// TEXT dimmed when colour is on.
    pub fn dimmed(&self, text: &str) -> String {
        match &self.palette {
            Some(palette) => format!("{}{text}{}", palette.dim.0, palette.dim.1),
            None => text.to_string(),
        }
    }
}

/// Whether TEXT is one JSON value.
fn is_json(text: &str) -> bool {
    let start = text.trim_start();
    start.starts_with(['{', '[', '"'])
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// JSON text made compact; `None` when TEXT is not JSON.
fn compact_json(text: &str) -> Option<Vec<u8>> {
    is_json(text).then(|| super::json::strip_whitespace(text.as_bytes()))
}

/// `binary, 1,234 bytes: 89 50 4e 47 …`.
fn binary_summary(bytes: &[u8]) -> String {
    let hex: Vec<String> = bytes
        .iter()
        .take(HEX_SHOWN)
        .map(|b| format!("{b:02x}"))
        .collect();
    let more = if bytes.len() > HEX_SHOWN { " …" } else { "" };
    let unit = if bytes.len() == 1 { "byte" } else { "bytes" };
    format!(
        "binary, {} {unit}: {}{more}",
        indicatif::HumanCount(bytes.len() as u64),
        hex.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_made_compact_and_its_strings_kept() {
        let text = "{ \"a\" : [1, 2.50],\n \"b\": \"x  y\\\" z\" }";
        assert_eq!(
            compact_json(text).unwrap(),
            b"{\"a\":[1,2.50],\"b\":\"x  y\\\" z\"}"
        );
        assert_eq!(compact_json("hello { world"), None);
        assert_eq!(compact_json("42"), None, "a bare number stays as it came");
    }

    #[test]
    fn binary_is_summarised() {
        assert_eq!(binary_summary(&[0x89, 0x50]), "binary, 2 bytes: 89 50");
        let long = binary_summary(&[0u8; 2000]);
        assert!(long.starts_with("binary, 2,000 bytes: 00 00"), "{long}");
        assert!(long.ends_with(" …"));
    }
}
