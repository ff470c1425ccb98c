//! A token-preserving JSON pretty-printer: numbers and strings are copied byte for byte,
//! only whitespace changes, key order is kept.
//!
//! It works on a whole, already validated document; the streaming formatter replaces it.

use super::palette::Palette;

/// Returns true when `body` is one valid JSON document.
pub fn is_valid(body: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
}

/// Formats a valid JSON document with `indent` spaces per level, or keeps its whitespace
/// as it is when `indent` is `None`; coloured when a palette is given.
pub fn format(body: &[u8], indent: Option<usize>, palette: Option<&Palette>, out: &mut Vec<u8>) {
    let mut f = Formatter {
        out,
        palette,
        indent,
        depth: 0,
        stack: Vec::new(),
    };
    f.run(body);
}

#[derive(Clone, Copy, PartialEq)]
enum Container {
    /// An object; true while the next string is a key.
    Object(bool),
    Array,
}

struct Formatter<'a> {
    out: &'a mut Vec<u8>,
    palette: Option<&'a Palette>,
    indent: Option<usize>,
    depth: usize,
    stack: Vec<Container>,
}

impl Formatter<'_> {
    fn paint(&mut self, style: fn(&Palette) -> &(String, String), token: &[u8]) {
        match self.palette {
            Some(p) => {
                let (prefix, suffix) = style(p);
                self.out.extend_from_slice(prefix.as_bytes());
                self.out.extend_from_slice(token);
                self.out.extend_from_slice(suffix.as_bytes());
            }
            None => self.out.extend_from_slice(token),
        }
    }

    fn newline(&mut self) {
        if let Some(indent) = self.indent {
            self.out.push(b'\n');
            self.out
                .extend(std::iter::repeat_n(b' ', self.depth * indent));
        }
    }

    fn run(&mut self, body: &[u8]) {
        let mut i = 0;
        while i < body.len() {
            let b = body[i];
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    if self.indent.is_none() {
                        self.out.push(b);
                    }
                    i += 1;
                }
                b'{' | b'[' => {
                    let close = if b == b'{' { b'}' } else { b']' };
                    let style = bracket_style(b);
                    let next = next_significant(body, i + 1);
                    if self.indent.is_some() && body.get(next) == Some(&close) {
                        self.paint(style, &[b, close]);
                        i = next + 1;
                    } else {
                        self.paint(style, &[b]);
                        self.stack.push(if b == b'{' {
                            Container::Object(true)
                        } else {
                            Container::Array
                        });
                        self.depth += 1;
                        self.newline();
                        i += 1;
                    }
                }
                b'}' | b']' => {
                    self.stack.pop();
                    self.depth = self.depth.saturating_sub(1);
                    self.newline();
                    self.paint(bracket_style(b), &[b]);
                    i += 1;
                }
                b',' => {
                    self.out.push(b',');
                    if let Some(Container::Object(expect_key)) = self.stack.last_mut() {
                        *expect_key = true;
                    }
                    self.newline();
                    i += 1;
                }
                b':' => {
                    self.paint(|p| &p.colon, b":");
                    if self.indent.is_some() {
                        self.out.push(b' ');
                    }
                    if let Some(Container::Object(expect_key)) = self.stack.last_mut() {
                        *expect_key = false;
                    }
                    i += 1;
                }
                b'"' => {
                    let end = string_end(body, i);
                    let is_key = self.stack.last() == Some(&Container::Object(true));
                    let style: fn(&Palette) -> &(String, String) =
                        if is_key { |p| &p.key } else { |p| &p.string };
                    self.paint(style, &body[i..end]);
                    i = end;
                }
                _ => {
                    let end = body[i..]
                        .iter()
                        .position(|c| {
                            matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                        })
                        .map_or(body.len(), |n| i + n);
                    let token = &body[i..end];
                    let style: fn(&Palette) -> &(String, String) = match b {
                        b't' | b'f' => |p| &p.boolean,
                        b'n' => |p| &p.null,
                        _ if token.iter().any(|c| matches!(c, b'.' | b'e' | b'E')) => |p| &p.float,
                        _ => |p| &p.integer,
                    };
                    self.paint(style, token);
                    i = end;
                }
            }
        }
    }
}

fn bracket_style(b: u8) -> fn(&Palette) -> &(String, String) {
    if matches!(b, b'{' | b'}') {
        |p| &p.object_brackets
    } else {
        |p| &p.array_brackets
    }
}

fn next_significant(body: &[u8], from: usize) -> usize {
    body[from..]
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        .map_or(body.len(), |n| from + n)
}

/// The index just past the string that starts with the quote at `start`.
fn string_end(body: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(input: &str) -> String {
        assert!(is_valid(input.as_bytes()));
        let mut out = Vec::new();
        format(input.as_bytes(), Some(2), None, &mut out);
        String::from_utf8(out).unwrap()
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
}"#;
        assert_eq!(plain(input), expected);
    }

    #[test]
    fn strings_with_separators_inside() {
        assert_eq!(
            plain(r#"["a,b:{c}\"", 1]"#),
            "[\n  \"a,b:{c}\\\"\",\n  1\n]"
        );
    }

    #[test]
    fn reformats_existing_whitespace() {
        assert_eq!(
            plain("{ \"a\" :\n [ 1 , 2 ] }"),
            "{\n  \"a\": [\n    1,\n    2\n  ]\n}"
        );
    }

    #[test]
    fn scalars() {
        assert_eq!(plain(" 42 "), "42");
        assert_eq!(plain("\"x\""), "\"x\"");
    }

    #[test]
    fn colours_keys_and_values_differently() {
        let palette = Palette::new();
        let mut out = Vec::new();
        format(br#"{"k":"v"}"#, Some(2), Some(&palette), &mut out);
        let out = String::from_utf8(out).unwrap();
        let key = format!("{}\"k\"{}", palette.key.0, palette.key.1);
        let value = format!("{}\"v\"{}", palette.string.0, palette.string.1);
        assert!(out.contains(&key) && out.contains(&value), "{out:?}");
        assert_ne!(palette.key, palette.string);
    }

    #[test]
    fn colour_only_keeps_the_layout() {
        let input = "{ \"a\" :[1, {}],\n\"b\":null }";
        let mut out = Vec::new();
        format(input.as_bytes(), None, None, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), input);
        let palette = Palette::new();
        let mut out = Vec::new();
        format(input.as_bytes(), None, Some(&palette), &mut out);
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
}
