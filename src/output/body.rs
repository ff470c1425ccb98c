//! How a body becomes what stdout shows: charset decoding and neutralised control characters
//! on a terminal, JSON formatting where `--pretty` allows it, a notice instead of binary data.
//!
//! Everything here streams: a chunk in, its bytes out, with only small carries between
//! chunks (a split UTF-8 sequence, a trailing `\r`, the JSON nesting). `--sort-keys` is the
//! one exception: it has to see the whole document.

use encoding_rs::{Decoder, Encoding, UTF_8};

use super::palette::Palette;
use super::{json, sorted};

/// What the printer decided about a body before its first byte.
pub struct BodyStyle {
    /// stdout is a terminal: decode, neutralise, keep binary off it.
    pub terminal: bool,
    /// Spaces per JSON level, or `None` to keep the layout (colour only); `None` together
    /// with no palette means no JSON processing at all.
    pub indent: Option<usize>,
    pub palette: Option<Palette>,
    pub sort_keys: bool,
    /// Treat the body as JSON.
    pub json: bool,
    /// The `charset` of the Content-Type.
    pub charset: Option<String>,
}

/// Input is formatted in slices of this size, so that the output of one slice (JSON
/// indentation can multiply it) is written before the next is made.
const SLICE: usize = 16 * 1024;

/// The most `--sort-keys` holds: it needs the whole document before it can print any of it.
pub const SORT_LIMIT: usize = 16 << 20;

/// A body on its way to stdout.
pub struct BodyView {
    decoder: Option<Decoder>,
    /// A `\r` held back from the end of the last chunk, to see whether `\n` follows.
    carriage_return: bool,
    formatter: Option<json::Formatter>,
    /// `--sort-keys` collects the whole document here.
    sorted: Option<Vec<u8>>,
    /// The document passed `SORT_LIMIT`: nothing more is collected.
    too_big: bool,
    /// JSON whitespace may be `\r`; the formatter removes it, so it is not shown as `^M`.
    keep_carriage_returns: bool,
    binary: bool,
    text: String,
}

impl BodyView {
    pub fn new(style: BodyStyle) -> BodyView {
        let decoder = style.terminal.then(|| {
            let encoding = style
                .charset
                .as_deref()
                .and_then(|label| Encoding::for_label(label.as_bytes()))
                .unwrap_or(UTF_8);
            encoding.new_decoder_with_bom_removal()
        });
        let styled = style.json && (style.indent.is_some() || style.palette.is_some());
        let sorted = (styled && style.sort_keys).then(Vec::new);
        BodyView {
            decoder,
            carriage_return: false,
            formatter: styled.then(|| json::Formatter::new(style.indent, style.palette)),
            sorted,
            too_big: false,
            keep_carriage_returns: style.json,
            binary: false,
            text: String::new(),
        }
    }

    /// Whether JSON is formatted or coloured (rather than passed through).
    pub fn formats_json(&self) -> bool {
        self.formatter.is_some()
    }

    /// True once the body turned out to be binary on a terminal: nothing more is shown.
    pub fn is_binary(&self) -> bool {
        self.binary
    }

    /// True once `--sort-keys` had to stop collecting: the body passed `SORT_LIMIT`.
    pub fn is_too_big(&self) -> bool {
        self.too_big
    }

    /// Shows `chunk`, handing the output to `write` a slice at a time.
    pub fn push_in_slices<E>(
        &mut self,
        chunk: &[u8],
        out: &mut Vec<u8>,
        mut write: impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        // Nothing to decode or format: the bytes go out as they are, without a copy.
        if self.decoder.is_none() && self.formatter.is_none() {
            return write(chunk);
        }
        for slice in chunk.chunks(SLICE) {
            out.clear();
            self.push(slice, out);
            write(out)?;
        }
        Ok(())
    }

    /// Appends what `chunk` shows to `out`.
    fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        if self.binary {
            return;
        }
        let text = match &mut self.decoder {
            Some(decoder) => {
                self.text.clear();
                decode(decoder, chunk, false, &mut self.text);
                if self.text.contains('\0') {
                    self.binary = true;
                    return;
                }
                let mut safe = Vec::with_capacity(self.text.len());
                if self.keep_carriage_returns {
                    neutralise_except_cr(&self.text, &mut safe);
                } else {
                    neutralise(&self.text, &mut self.carriage_return, &mut safe);
                }
                safe
            }
            None => return self.styled(chunk, out),
        };
        self.styled(&text, out);
    }

    /// Appends whatever was held back to `out`.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.binary {
            return;
        }
        if let Some(decoder) = &mut self.decoder {
            self.text.clear();
            decode(decoder, &[], true, &mut self.text);
            let mut rest = Vec::new();
            neutralise(&self.text, &mut self.carriage_return, &mut rest);
            if std::mem::take(&mut self.carriage_return) {
                rest.extend_from_slice(b"^M");
            }
            self.styled(&rest, out);
        }
        if let Some(document) = self.sorted.take() {
            let sorted = sorted::sort_keys(&document).unwrap_or(document);
            if let Some(formatter) = &mut self.formatter {
                for slice in sorted.chunks(SLICE) {
                    formatter.feed(slice, out);
                }
            }
        }
        if let Some(formatter) = &mut self.formatter {
            formatter.finish(out);
        }
    }

    fn styled(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        if let Some(document) = &mut self.sorted {
            if self.too_big || document.len() + bytes.len() > SORT_LIMIT {
                self.too_big = true;
                *document = Vec::new();
                return;
            }
            document.extend_from_slice(bytes);
        } else if let Some(formatter) = &mut self.formatter {
            formatter.feed(bytes, out);
        } else {
            out.extend_from_slice(bytes);
        }
    }
}

fn decode(decoder: &mut Decoder, chunk: &[u8], last: bool, text: &mut String) {
    let needed = decoder
        .max_utf8_buffer_length(chunk.len())
        .unwrap_or(chunk.len() * 3 + 16);
    text.reserve(needed);
    let _ = decoder.decode_to_string(chunk, text, last);
}

/// Makes text safe for a terminal: control characters and escape sequences (C0 but tab and
/// newline, DEL, C1) are shown in caret notation (`^[`) or as `<U+009B>`, so a body cannot
/// move the cursor, retitle the window or hide what it says. A `\r` survives only as part
/// of `\r\n`; `carriage_return` carries one from the end of a chunk.
pub fn neutralise(text: &str, carriage_return: &mut bool, out: &mut Vec<u8>) {
    if std::mem::take(carriage_return) {
        if text.starts_with('\n') {
            out.push(b'\r');
        } else if !text.is_empty() {
            out.extend_from_slice(b"^M");
        } else {
            *carriage_return = true;
            return;
        }
    }
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let code = c as u32;
        let unsafe_char = (code < 0x20 && c != '\t' && c != '\n') || (0x7f..=0x9f).contains(&code);
        if !unsafe_char {
            continue;
        }
        out.extend_from_slice(&text.as_bytes()[start..i]);
        start = i + c.len_utf8();
        match c {
            '\r' => match chars.peek() {
                Some((_, '\n')) => out.push(b'\r'),
                Some(_) => out.extend_from_slice(b"^M"),
                None => *carriage_return = true,
            },
            '\x7f' => out.extend_from_slice(b"^?"),
            _ if code < 0x20 => {
                out.push(b'^');
                out.push(b'@' + code as u8);
            }
            _ => out.extend_from_slice(format!("<U+{code:04X}>").as_bytes()),
        }
    }
    out.extend_from_slice(&text.as_bytes()[start..]);
}

/// `neutralise` for JSON text: `\r` is whitespace there, and the formatter drops it.
fn neutralise_except_cr(text: &str, out: &mut Vec<u8>) {
    for piece in text.split_inclusive('\r') {
        let (body, cr) = match piece.strip_suffix('\r') {
            Some(body) => (body, true),
            None => (piece, false),
        };
        let mut carriage_return = false;
        neutralise(body, &mut carriage_return, out);
        if cr {
            out.push(b'\r');
        }
    }
}

/// The start of a body as text: invalid bytes become U+FFFD, and a character cut in two
/// at the end is left out rather than shown as one.
pub fn utf8_prefix(bytes: &[u8]) -> String {
    let end = match std::str::from_utf8(bytes) {
        Err(err) if err.error_len().is_none() => err.valid_up_to(),
        _ => bytes.len(),
    };
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// `neutralise` for one whole line of text, such as a header value.
pub fn neutralised(text: &str) -> String {
    let mut carriage_return = false;
    let mut out = Vec::with_capacity(text.len());
    neutralise(text, &mut carriage_return, &mut out);
    if carriage_return {
        out.extend_from_slice(b"^M");
    }
    String::from_utf8(out).expect("neutralise keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(terminal: bool, json: bool, charset: Option<&str>) -> BodyView {
        BodyView::new(BodyStyle {
            terminal,
            indent: json.then_some(2),
            palette: None,
            sort_keys: false,
            json,
            charset: charset.map(str::to_string),
        })
    }

    fn show(mut view: BodyView, chunks: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in chunks {
            view.push(chunk, &mut out);
        }
        view.finish(&mut out);
        out
    }

    #[test]
    fn escape_sequences_are_neutralised_on_a_terminal() {
        let evil: &[u8] = b"a\x1b[2J\x1b]0;owned\x07b\r\nc\rd\x7f\xc2\x9b31m";
        assert_eq!(
            String::from_utf8(show(view(true, false, None), &[evil])).unwrap(),
            "a^[[2J^[]0;owned^Gb\r\nc^Md^?<U+009B>31m"
        );
        // A pipe gets the bytes unchanged.
        assert_eq!(show(view(false, false, None), &[evil]), evil);
    }

    #[test]
    fn a_carriage_return_split_from_its_newline_survives() {
        assert_eq!(
            show(view(true, false, None), &[b"a\r", b"\nb\r", b"c\r"]),
            b"a\r\nb^Mc^M"
        );
    }

    #[test]
    fn charsets_are_decoded_on_a_terminal() {
        assert_eq!(
            show(view(true, false, Some("iso-8859-1")), &[b"caf\xe9"]),
            "café".as_bytes()
        );
        // A UTF-8 sequence split between chunks.
        assert_eq!(
            show(view(true, false, None), &[b"caf\xc3", b"\xa9"]),
            "café".as_bytes()
        );
        assert_eq!(
            show(view(false, false, Some("iso-8859-1")), &[b"caf\xe9"]),
            b"caf\xe9"
        );
    }

    #[test]
    fn nul_bytes_make_a_body_binary_on_a_terminal() {
        let mut v = view(true, false, None);
        let mut out = Vec::new();
        v.push(b"text ", &mut out);
        v.push(b"\x00\x01", &mut out);
        v.push(b"more", &mut out);
        v.finish(&mut out);
        assert!(v.is_binary());
        assert_eq!(out, b"text ");
    }

    #[test]
    fn json_is_decoded_then_formatted() {
        let out = show(view(true, true, Some("latin1")), &[b"{\"a\":\"\xe9\x1b\"}"]);
        assert_eq!(String::from_utf8(out).unwrap(), "{\n  \"a\": \"é^[\"\n}\n");
    }

    #[test]
    fn json_keeps_carriage_returns_for_the_formatter() {
        let out = show(view(true, true, None), &[b"{\"a\":1,\r\"b\":\"\x1b\"}"]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"a\": 1,\n  \"b\": \"^[\"\n}\n"
        );
    }

    #[test]
    fn sort_keys_sorts_every_object() {
        let v = BodyView::new(BodyStyle {
            terminal: false,
            indent: Some(2),
            palette: None,
            sort_keys: true,
            json: true,
            charset: None,
        });
        let out = show(v, &[br#"{"b":1,"a":{"d":1.0e3,"c":[{"z":1,"y":2}]}}"#]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"a\": {\n    \"c\": [\n      {\n        \"y\": 2,\n        \"z\": 1\n      }\n    ],\n    \"d\": 1.0e3\n  },\n  \"b\": 1\n}\n"
        );
    }
}
