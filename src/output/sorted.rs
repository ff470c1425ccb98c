//! `--sort-keys`: a JSON document rebuilt with every object's keys in order, its tokens
//! unchanged. Unlike the formatter it needs the whole document.

use super::json::is_delimiter;
use crate::http::media::is_valid_json as is_valid;

/// `--sort-keys`: the document with every object's keys in order (by their decoded text),
/// tokens unchanged and whitespace removed. `None` when it is not one valid JSON document.
pub fn sort_keys(document: &[u8]) -> Option<Vec<u8>> {
    // serde_json checks the grammar and its recursion limit bounds the parser below.
    if !is_valid(document) {
        return None;
    }
    let mut parser = Parser {
        input: document,
        at: 0,
    };
    let mut tree = parser.value();
    tree.sort();
    let mut out = Vec::with_capacity(document.len());
    tree.write(&mut out);
    Some(out)
}

/// A JSON value whose scalars and keys are slices of the input.
enum Node<'a> {
    Scalar(&'a [u8]),
    Array(Vec<Node<'a>>),
    Object(Vec<(&'a [u8], Node<'a>)>),
}

impl Node<'_> {
    fn sort(&mut self) {
        match self {
            Node::Scalar(_) => {}
            Node::Array(items) => items.iter_mut().for_each(Node::sort),
            Node::Object(entries) => {
                entries.iter_mut().for_each(|(_, v)| v.sort());
                entries.sort_by_cached_key(|(key, _)| {
                    serde_json::from_slice::<String>(key).unwrap_or_default()
                });
            }
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Node::Scalar(token) => out.extend_from_slice(token),
            Node::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Node::Object(entries) => {
                out.push(b'{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    out.extend_from_slice(key);
                    out.push(b':');
                    value.write(out);
                }
                out.push(b'}');
            }
        }
    }
}

/// A parser for input already known to be valid JSON.
struct Parser<'a> {
    input: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn skip_whitespace(&mut self) {
        while matches!(self.input.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, consumed.
    fn next(&mut self) -> u8 {
        self.skip_whitespace();
        let b = self.input[self.at];
        self.at += 1;
        b
    }

    fn value(&mut self) -> Node<'a> {
        self.skip_whitespace();
        match self.input[self.at] {
            b'{' => {
                self.at += 1;
                let mut entries = Vec::new();
                self.skip_whitespace();
                if self.input[self.at] == b'}' {
                    self.at += 1;
                    return Node::Object(entries);
                }
                loop {
                    self.skip_whitespace();
                    let key = self.string();
                    self.next(); // ':'
                    entries.push((key, self.value()));
                    if self.next() == b'}' {
                        return Node::Object(entries);
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_whitespace();
                if self.input[self.at] == b']' {
                    self.at += 1;
                    return Node::Array(items);
                }
                loop {
                    items.push(self.value());
                    if self.next() == b']' {
                        return Node::Array(items);
                    }
                }
            }
            b'"' => Node::Scalar(self.string()),
            _ => {
                let start = self.at;
                while self.at < self.input.len() && !is_delimiter(self.input[self.at]) {
                    self.at += 1;
                }
                Node::Scalar(&self.input[start..self.at])
            }
        }
    }

    /// The string at the cursor, quotes included.
    fn string(&mut self) -> &'a [u8] {
        let start = self.at;
        self.at += 1;
        loop {
            match self.input[self.at] {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return &self.input[start..self.at];
                }
                _ => self.at += 1,
            }
        }
    }
}
