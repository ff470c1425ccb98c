//! A streaming, token-preserving JSON formatter.
//!
//! Bytes go in as they arrive, in chunks of any size; formatted bytes come out at once.
//! Numbers and strings are copied byte for byte, only whitespace outside strings changes, and
//! key order is kept. Memory does not grow with the body: the formatter keeps the nesting of
//! containers and, at most, one number or literal. When the input stops being JSON, what was
//! printed stays and everything from the first bad byte on is copied unchanged.
//!
//! This is the hot path of printing a large body, so it works on byte slices and finds
//! string ends with `memchr`; the colours are `colored_json`'s (see `palette`).

use super::palette::Palette;

/// A number or literal longer than this is not JSON this formatter will style; from there
/// on the input is copied as it is.
const MAX_SCALAR: usize = 64 * 1024;

/// Whitespace kept for the fallback (see `Formatter::fail`); a longer run is cut.
const MAX_WHITESPACE: usize = 64 * 1024;

/// Nesting deeper than this is copied as it is: indenting it would multiply the output
/// (each level adds its indentation to every line below it).
const MAX_DEPTH: usize = 64;

const SPACES: &[u8] = &[b' '; 128];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

/// What may come next, outside strings and scalars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value (after `:` or `,` in an array).
    Value,
    /// A value or `]` (just after `[`).
    ValueOrClose,
    /// A key or `}` (just after `{`).
    KeyOrClose,
    /// A key (after `,` in an object).
    Key,
    Colon,
    /// `,` or the container's close.
    CommaOrClose,
    /// Between top-level values: another value (NDJSON, concatenated JSON) or the end.
    Top,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Between,
    /// Inside a string whose opening quote (and colour) is written; `escaped` when the last
    /// byte was a backslash.
    InString {
        escaped: bool,
    },
    /// Inside a number or literal, collected in `scalar`.
    InScalar,
    /// The input stopped being JSON: copy everything.
    Raw,
}

/// The formatter. Feed it chunks with [`Formatter::feed`], then call [`Formatter::finish`].
pub struct Formatter {
    indent: Option<usize>,
    palette: Option<Palette>,
    stack: Vec<Container>,
    expect: Expect,
    state: State,
    /// The newline after an opening bracket or a comma is held back until the next token:
    /// a closing bracket right after an opening one keeps `{}` on one line.
    break_pending: bool,
    /// The string being written is a key.
    in_key: bool,
    scalar: Vec<u8>,
    /// Whitespace skipped since the last token, given back if the input turns out not to be
    /// JSON.
    whitespace: Vec<u8>,
    /// A top-level value has been written.
    wrote_value: bool,
}

impl Formatter {
    /// `indent`: spaces per level, or `None` to keep the input's whitespace (colour only).
    pub fn new(indent: Option<usize>, palette: Option<Palette>) -> Formatter {
        Formatter {
            indent,
            palette,
            stack: Vec::new(),
            expect: Expect::Top,
            state: State::Between,
            break_pending: false,
            in_key: false,
            scalar: Vec::new(),
            whitespace: Vec::new(),
            wrote_value: false,
        }
    }

    /// Formats the next chunk of input, appending to `out`.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) {
        let mut i = 0;
        while i < input.len() {
            match self.state {
                State::Raw => {
                    out.extend_from_slice(&input[i..]);
                    return;
                }
                State::InString { escaped } => i = self.string(input, i, escaped, out),
                State::InScalar => {
                    let end = input[i..]
                        .iter()
                        .position(|&b| is_delimiter(b))
                        .map_or(input.len(), |n| i + n);
                    self.scalar.extend_from_slice(&input[i..end]);
                    if self.scalar.len() > MAX_SCALAR {
                        self.fail(&[], out);
                        i = end;
                        continue;
                    }
                    if end == input.len() {
                        return;
                    }
                    i = end;
                    if !self.end_scalar(out) {
                        self.fail(&input[i..], out);
                        return;
                    }
                }
                State::Between => {
                    let b = input[i];
                    if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                        let end = input[i..]
                            .iter()
                            .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                            .map_or(input.len(), |n| i + n);
                        self.skip_whitespace(&input[i..end], out);
                        i = end;
                    } else if self.token(b, out) {
                        self.whitespace.clear();
                        i += 1;
                    } else {
                        self.fail(&input[i..], out);
                        return;
                    }
                }
            }
        }
    }

    /// Ends the input: completes a final number or literal and the last line.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        match self.state {
            State::InScalar => {
                if !self.end_scalar(out) {
                    self.fail(&[], out);
                }
            }
            // A string cut off by the end of the input: close its colour.
            State::InString { .. } => self.paint_suffix(self.string_style(), out),
            State::Between | State::Raw => {}
        }
        // A document cut short still ends its last line.
        let incomplete = self.expect != Expect::Top || matches!(self.state, State::InString { .. });
        if self.indent.is_some() && self.wrote_value && incomplete && self.state != State::Raw {
            out.push(b'\n');
        }
    }

    fn skip_whitespace(&mut self, run: &[u8], out: &mut Vec<u8>) {
        if self.indent.is_none() {
            out.extend_from_slice(run);
        } else if self.whitespace.len() < MAX_WHITESPACE {
            let room = MAX_WHITESPACE - self.whitespace.len();
            self.whitespace
                .extend_from_slice(&run[..run.len().min(room)]);
        }
    }

    /// Handles one significant byte outside strings; false when it cannot be JSON here.
    fn token(&mut self, b: u8, out: &mut Vec<u8>) -> bool {
        match (self.expect, b) {
            (Expect::Value | Expect::ValueOrClose | Expect::Top, b'{' | b'[') => {
                if self.stack.len() >= MAX_DEPTH {
                    return false;
                }
                self.before_value(out);
                self.paint(bracket_style(b), &[b], out);
                self.stack.push(if b == b'{' {
                    Container::Object
                } else {
                    Container::Array
                });
                self.expect = if b == b'{' {
                    Expect::KeyOrClose
                } else {
                    Expect::ValueOrClose
                };
                self.break_pending = true;
            }
            (Expect::Value | Expect::ValueOrClose | Expect::Top, b'"') => {
                self.before_value(out);
                self.start_string(false, out);
            }
            (Expect::KeyOrClose | Expect::Key, b'"') => {
                self.line_break(out);
                self.start_string(true, out);
            }
            (
                Expect::Value | Expect::ValueOrClose | Expect::Top,
                b'-' | b'0'..=b'9' | b't' | b'f' | b'n',
            ) => {
                self.before_value(out);
                self.state = State::InScalar;
                self.scalar.clear();
                self.scalar.push(b);
            }
            (Expect::ValueOrClose, b']') | (Expect::KeyOrClose, b'}') => self.close(b, out),
            (Expect::CommaOrClose, b']' | b'}') => {
                let matches = match self.stack.last() {
                    Some(Container::Array) => b == b']',
                    Some(Container::Object) => b == b'}',
                    None => false,
                };
                if !matches {
                    return false;
                }
                self.close(b, out);
            }
            (Expect::CommaOrClose, b',') => {
                out.push(b',');
                self.expect = match self.stack.last() {
                    Some(Container::Object) => Expect::Key,
                    _ => Expect::Value,
                };
                self.break_pending = true;
            }
            (Expect::Colon, b':') => {
                self.paint(|p| &p.colon, b":", out);
                if self.indent.is_some_and(|n| n > 0) {
                    out.push(b' ');
                }
                self.expect = Expect::Value;
            }
            _ => return false,
        }
        true
    }

    /// Layout before a value: the held-back newline after an opening bracket or a comma.
    fn before_value(&mut self, out: &mut Vec<u8>) {
        if self.expect == Expect::Top {
            self.wrote_value = true;
        } else {
            self.line_break(out);
        }
    }

    /// The newline and indentation held back after an opening bracket or a comma.
    fn line_break(&mut self, out: &mut Vec<u8>) {
        if std::mem::take(&mut self.break_pending) {
            self.newline(out);
        }
    }

    fn close(&mut self, b: u8, out: &mut Vec<u8>) {
        self.stack.pop();
        // Pending only straight after the opening bracket: an empty container.
        if !std::mem::take(&mut self.break_pending) {
            self.newline(out);
        }
        self.paint(bracket_style(b), &[b], out);
        self.value_done(out);
    }

    /// After a value. A top-level value ends its line at once, so that a stream of values
    /// shows each one as soon as it is complete.
    fn value_done(&mut self, out: &mut Vec<u8>) {
        if self.stack.is_empty() {
            self.expect = Expect::Top;
            if self.indent.is_some() {
                out.push(b'\n');
            }
        } else {
            self.expect = Expect::CommaOrClose;
        }
    }

    fn newline(&mut self, out: &mut Vec<u8>) {
        // `--indent 0` is compact, as in jq.
        if let Some(indent) = self.indent.filter(|n| *n > 0) {
            out.push(b'\n');
            let mut width = self.stack.len() * indent;
            while width > 0 {
                let n = width.min(SPACES.len());
                out.extend_from_slice(&SPACES[..n]);
                width -= n;
            }
        }
    }

    fn start_string(&mut self, key: bool, out: &mut Vec<u8>) {
        self.in_key = key;
        self.paint_prefix(self.string_style(), out);
        out.push(b'"');
        self.state = State::InString { escaped: false };
    }

    fn string_style(&self) -> fn(&Palette) -> &(String, String) {
        if self.in_key {
            |p| &p.key
        } else {
            |p| &p.string
        }
    }

    /// Copies string content from `input[i..]`; returns where it stopped.
    fn string(&mut self, input: &[u8], mut i: usize, escaped: bool, out: &mut Vec<u8>) -> usize {
        if escaped {
            out.push(input[i]);
            i += 1;
        }
        loop {
            match memchr::memchr2(b'"', b'\\', &input[i..]) {
                None => {
                    out.extend_from_slice(&input[i..]);
                    self.state = State::InString { escaped: false };
                    return input.len();
                }
                Some(n) => {
                    let at = i + n;
                    out.extend_from_slice(&input[i..=at]);
                    if input[at] == b'"' {
                        self.paint_suffix(self.string_style(), out);
                        self.state = State::Between;
                        if self.in_key {
                            self.expect = Expect::Colon;
                        } else {
                            self.value_done(out);
                        }
                        return at + 1;
                    }
                    // A backslash: the next byte is copied whatever it is.
                    if at + 1 == input.len() {
                        self.state = State::InString { escaped: true };
                        return input.len();
                    }
                    out.push(input[at + 1]);
                    i = at + 2;
                }
            }
        }
    }

    /// Writes the collected number or literal; false when it is neither.
    fn end_scalar(&mut self, out: &mut Vec<u8>) -> bool {
        let style: fn(&Palette) -> &(String, String) = match self.scalar.as_slice() {
            b"true" | b"false" => |p| &p.boolean,
            b"null" => |p| &p.null,
            s if is_number(s) => {
                if s.iter().any(|c| matches!(c, b'.' | b'e' | b'E')) {
                    |p| &p.float
                } else {
                    |p| &p.integer
                }
            }
            _ => return false,
        };
        self.paint(style, &self.scalar, out);
        self.scalar.clear();
        self.state = State::Between;
        self.value_done(out);
        true
    }

    /// The input is not JSON from here: give back what was held (skipped whitespace, a
    /// partial scalar) and copy `rest` and all that follows unchanged.
    fn fail(&mut self, rest: &[u8], out: &mut Vec<u8>) {
        out.extend_from_slice(&self.whitespace);
        out.extend_from_slice(&self.scalar);
        out.extend_from_slice(rest);
        self.whitespace = Vec::new();
        self.scalar = Vec::new();
        self.stack = Vec::new();
        self.state = State::Raw;
    }

    fn paint(&self, style: fn(&Palette) -> &(String, String), token: &[u8], out: &mut Vec<u8>) {
        self.paint_prefix(style, out);
        out.extend_from_slice(token);
        self.paint_suffix(style, out);
    }

    fn paint_prefix(&self, style: fn(&Palette) -> &(String, String), out: &mut Vec<u8>) {
        if let Some(p) = &self.palette {
            out.extend_from_slice(style(p).0.as_bytes());
        }
    }

    fn paint_suffix(&self, style: fn(&Palette) -> &(String, String), out: &mut Vec<u8>) {
        if let Some(p) = &self.palette {
            out.extend_from_slice(style(p).1.as_bytes());
        }
    }
}

/// Bytes that end a number or literal.
pub(super) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b']' | b'}' | b'[' | b'{' | b'"'
    )
}

fn bracket_style(b: u8) -> fn(&Palette) -> &(String, String) {
    if matches!(b, b'{' | b'}') {
        |p| &p.object_brackets
    } else {
        |p| &p.array_brackets
    }
}

/// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
fn is_number(s: &[u8]) -> bool {
    let digits = |s: &[u8], from: usize| {
        let n = s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        (n > 0).then_some(from + n)
    };
    let mut i = usize::from(s.first() == Some(&b'-'));
    i = match s.get(i) {
        Some(b'0') => i + 1,
        Some(b'1'..=b'9') => match digits(s, i) {
            Some(end) => end,
            None => return false,
        },
        _ => return false,
    };
    if s.get(i) == Some(&b'.') {
        i = match digits(s, i + 1) {
            Some(end) => end,
            None => return false,
        };
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = match digits(s, i) {
            Some(end) => end,
            None => return false,
        };
    }
    i == s.len()
}

/// JSON text without the whitespace between its tokens: strings (and so numbers) are
/// kept byte for byte (a WebSocket message made compact for a pipe).
pub(super) fn strip_whitespace(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in bytes {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            out.push(b);
            in_string = b == b'"';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::media::is_valid_json as is_valid;
    use crate::output::program::format_all;

    fn plain(input: &str) -> String {
        String::from_utf8(format_all(input.as_bytes(), Some(2), None)).unwrap()
    }

    #[test]
    fn pretty_prints_with_order_and_tokens_kept() {
        let input = r#"{"z":12345678901234567890123,"a":[1.0e+400,-0.0,"caf\u00e9 \/"],"e":{},"l":[],"t":true,"n":null}"#;
        let expected = r#"{
  "z": 12345678901234567890123,
  "a": [
    1.0e+400,
    -0.0,
    "caf\u00e9 \/"
  ],
  "e": {},
  "l": [],
  "t": true,
  "n": null
}
"#;
        assert_eq!(plain(input), expected);
    }

    #[test]
    fn strings_with_separators_and_escapes_inside() {
        assert_eq!(
            plain(r#"["a,b:{c}\"", "\\", 1]"#),
            "[\n  \"a,b:{c}\\\"\",\n  \"\\\\\",\n  1\n]\n"
        );
    }

    #[test]
    fn reformats_existing_whitespace() {
        assert_eq!(
            plain("{ \"a\" :\n [ 1 , 2 ] , \"b\" : { } }"),
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}\n"
        );
    }

    #[test]
    fn scalars_and_sequences() {
        assert_eq!(plain(" 42 "), "42\n");
        assert_eq!(plain("\"x\""), "\"x\"\n");
        assert_eq!(
            plain("{\"a\":1}\n{\"a\":2}\n"),
            "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n"
        );
        assert_eq!(plain("1 2"), "1\n2\n");
        assert_eq!(plain(""), "");
        assert_eq!(plain("[[]]"), "[\n  []\n]\n");
    }

    #[test]
    fn invalid_input_keeps_what_was_printed_and_copies_the_rest() {
        assert_eq!(plain("{\"a\": 1 x}"), "{\n  \"a\": 1 x}");
        assert_eq!(plain("not json"), "not json");
        assert_eq!(plain("[1, tru, 2]"), "[\n  1,\n  tru, 2]");
        assert_eq!(plain("[1}"), "[\n  1}");
        assert_eq!(plain("{1:2}"), "{1:2}");
        assert_eq!(plain("[01]"), "[\n  01]");
        assert_eq!(plain("<html>"), "<html>");
        // Truncated: what arrived is printed, nothing is invented.
        assert_eq!(plain("{\"a\": [1"), "{\n  \"a\": [\n    1\n");
    }

    #[test]
    fn deep_nesting_is_copied_not_indented() {
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let out = plain(&deep);
        assert!(out.len() < 64 * 64 * 3 + deep.len(), "{} bytes", out.len());
        assert!(out.ends_with(&format!("{}1{}", "[".repeat(36), "]".repeat(100))));
    }

    #[test]
    fn indent_zero_is_compact() {
        let out = format_all(br#"{ "a" : [1, {"b": null}] }"#, Some(0), None);
        assert_eq!(out, b"{\"a\":[1,{\"b\":null}]}\n");
    }

    #[test]
    fn numbers() {
        for ok in [
            "0",
            "-0",
            "1.5",
            "1e5",
            "1E+5",
            "-0.0e-0",
            "12345678901234567890123",
        ] {
            assert!(is_number(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.5", "--1",
        ] {
            assert!(!is_number(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn split_at_every_byte_boundary_formats_the_same() {
        let input = br#"{"k\"ey": [1.5e3, "v\\", true, null, {"x": []}], "n": -12}"#;
        let palette = Palette::new();
        let whole = format_all(input, Some(4), Some(&palette));
        for cut in 0..=input.len() {
            let mut f = Formatter::new(Some(4), Some(palette.clone()));
            let mut out = Vec::new();
            f.feed(&input[..cut], &mut out);
            f.feed(&input[cut..], &mut out);
            f.finish(&mut out);
            assert_eq!(out, whole, "cut at {cut}");
        }
        // And one byte at a time.
        let mut f = Formatter::new(Some(4), Some(palette.clone()));
        let mut out = Vec::new();
        for b in input {
            f.feed(&[*b], &mut out);
        }
        f.finish(&mut out);
        assert_eq!(out, whole);
    }

    #[test]
    fn colours_keys_and_values_differently() {
        let palette = Palette::new();
        let out = format_all(br#"{"k":"v"}"#, Some(2), Some(&palette));
        let out = String::from_utf8(out).unwrap();
        let key = format!("{}\"k\"{}", palette.key.0, palette.key.1);
        let value = format!("{}\"v\"{}", palette.string.0, palette.string.1);
        assert!(out.contains(&key) && out.contains(&value), "{out:?}");
        assert_ne!(palette.key, palette.string);
    }

    #[test]
    fn colour_only_keeps_the_layout() {
        let input = "{ \"a\" :[1, {}],\n\"b\":null }";
        let out = format_all(input.as_bytes(), None, None);
        assert_eq!(String::from_utf8(out).unwrap(), input);
        let palette = Palette::new();
        let out = format_all(input.as_bytes(), None, Some(&palette));
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains(&format!("{}\"a\"{} :", palette.key.0, palette.key.1))
        );
    }

    #[test]
    fn invalid_json_is_detected() {
        assert!(!is_valid(b"{\"a\":"));
        assert!(!is_valid(b"not json"));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Removes ANSI colour sequences (`ESC [ ... m`).
        fn strip_colour(bytes: &[u8]) -> Vec<u8> {
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
                    i += 2;
                    while i < bytes.len() && bytes[i] != b'm' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            out
        }

        fn json_value() -> impl Strategy<Value = String> {
            let leaf = prop_oneof![
                Just("null".to_string()),
                Just("true".to_string()),
                Just("false".to_string()),
                "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,5})?([eE][+-]?[0-9]{1,4})?",
                r#""([a-z ,:{}\[\]é]|\\["\\/bfnrt]|\\u[0-9a-f]{4}){0,8}""#,
            ];
            leaf.prop_recursive(5, 64, 6, |inner| {
                let ws = "[ \t\n\r]{0,2}";
                prop_oneof![
                    prop::collection::vec((inner.clone(), ws), 0..6).prop_map(|items| {
                        let items: Vec<String> = items
                            .into_iter()
                            .map(|(v, w)| format!("{w}{v}{w}"))
                            .collect();
                        format!("[{}]", items.join(","))
                    }),
                    prop::collection::vec((r#""([a-z]|\\["\\]){0,6}""#, inner, ws), 0..6).prop_map(
                        |entries| {
                            let entries: Vec<String> = entries
                                .into_iter()
                                .map(|(k, v, w)| format!("{w}{k}{w}:{w}{v}"))
                                .collect();
                            format!("{{{}}}", entries.join(","))
                        }
                    ),
                ]
            })
        }

        proptest! {
            #[test]
            fn only_whitespace_outside_strings_changes(json in json_value(), cut in any::<prop::sample::Index>()) {
                prop_assume!(is_valid(json.as_bytes()));
                let palette = Palette::new();
                let input = json.as_bytes();
                let cut = cut.index(input.len() + 1);
                let mut f = Formatter::new(Some(2), Some(palette));
                let mut out = Vec::new();
                f.feed(&input[..cut], &mut out);
                f.feed(&input[cut..], &mut out);
                f.finish(&mut out);
                prop_assert_eq!(strip_whitespace(&strip_colour(&out)), strip_whitespace(input));
                // Without colour the output is valid JSON again.
                let plain = format_all(input, Some(2), None);
                prop_assert!(is_valid(&plain));
            }

            #[test]
            fn any_input_loses_no_bytes(input in prop::collection::vec(any::<u8>(), 0..200)) {
                let out = format_all(&input, Some(2), None);
                let strip = |b: &[u8]| -> Vec<u8> {
                    b.iter().copied().filter(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r')).collect()
                };
                prop_assert_eq!(strip(&out), strip(&input));
            }
        }
    }
}
