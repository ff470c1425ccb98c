//! `--paginate`: the JSON array pages of a paginated API (or the items array of its object
//! pages) shown as one array, or with `--stream` one element per line (NDJSON); with `-o`,
//! written to the file as it is. It streams: each chunk of a page goes out as it
//! arrives, so memory stays that of a chunk whatever the number and size of the pages.
//!
//! The pages are spliced into one document, `[`, the elements of every page joined by `,`,
//! then `]`, that goes through the same view as any body: byte for byte in a pipe,
//! formatted by the streaming JSON formatter on a terminal.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Result;
use bytes::Bytes;
use reqwest::header::CONTENT_TYPE;

use super::Printer;
use super::body::{BodyStyle, BodyView};
use crate::error::cannot_write;
use crate::http::header_text;
use crate::http::media::{charset, is_json_body};
use crate::transport::Incoming;

/// How the elements of the pages are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joining {
    /// One JSON array.
    Array,
    /// One element per line, for `--stream`.
    Lines,
}

/// Where a page's bytes are, relative to its array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Whitespace before the page's `[`.
    Before,
    Inside,
    /// Past the page's closing `]`: what follows is dropped.
    After,
}

/// Page bytes in, the inside of each page's array out, joined. Whitespace between the
/// elements is dropped; elements are copied byte for byte.
struct Splicer {
    joining: Joining,
    opened: bool,
    elements: u64,
    place: Place,
    /// Nesting inside the page's array: 0 is between its elements.
    depth: usize,
    in_element: bool,
    in_string: bool,
    escaped: bool,
}

impl Splicer {
    fn new(joining: Joining) -> Splicer {
        Splicer {
            joining,
            opened: false,
            elements: 0,
            place: Place::Before,
            depth: 0,
            in_element: false,
            in_string: false,
            escaped: false,
        }
    }

    /// A page starts; the first one opens the array.
    fn page(&mut self, out: &mut Vec<u8>) {
        if !self.opened && self.joining == Joining::Array {
            out.push(b'[');
        }
        self.opened = true;
        self.place = Place::Before;
        (self.depth, self.in_element) = (0, false);
        (self.in_string, self.escaped) = (false, false);
    }

    fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) {
        let separator = match self.joining {
            Joining::Array => b',',
            Joining::Lines => b'\n',
        };
        // `input[run..]` is still to be copied.
        let mut run = 0;
        for (i, &b) in input.iter().enumerate() {
            match self.place {
                Place::Before | Place::After => {
                    if b == b'[' && self.place == Place::Before {
                        self.place = Place::Inside;
                    }
                    run = i + 1;
                    continue;
                }
                Place::Inside => {}
            }
            if self.in_string {
                match b {
                    _ if self.escaped => self.escaped = false,
                    b'\\' => self.escaped = true,
                    b'"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            if self.depth == 0 {
                if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']') {
                    out.extend_from_slice(&input[run..i]);
                    run = i + 1;
                    match b {
                        b',' => self.in_element = false,
                        b']' => self.place = Place::After,
                        _ => {}
                    }
                    continue;
                }
                if !self.in_element {
                    out.extend_from_slice(&input[run..i]);
                    run = i;
                    if self.elements > 0 {
                        out.push(separator);
                    }
                    self.elements += 1;
                    self.in_element = true;
                }
            }
            match b {
                b'"' => self.in_string = true,
                b'[' | b'{' => self.depth += 1,
                b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        if run < input.len() {
            out.extend_from_slice(&input[run..]);
        }
    }

    /// Closes the array, if one was opened.
    fn finish(&mut self, out: &mut Vec<u8>) {
        if self.opened && self.joining == Joining::Array {
            out.push(b']');
        }
    }
}

/// Array pages being shown as one document, on stdout or in a file (`-o`).
pub struct Merged {
    splicer: Splicer,
    /// The view of the document, from the first array page's Content-Type.
    view: Option<BodyView>,
    size: u64,
    spliced: Vec<u8>,
    /// `-o FILE`: the document goes there, as it is (not formatted).
    file: Option<PageFile>,
}

/// The file the pages are written to.
struct PageFile {
    shown: String,
    writer: BufWriter<File>,
}

impl Merged {
    /// `-o FILE`: the pages go into `file`, named `path` in messages.
    pub fn into_file(mut self, path: &Path, file: File) -> Merged {
        self.file = Some(PageFile {
            shown: path.display().to_string(),
            writer: BufWriter::with_capacity(256 * 1024, file),
        });
        self
    }

    /// Writes bytes into the `-o` file as they are.
    fn write_file(&mut self, bytes: &[u8]) -> Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.writer
            .write_all(bytes)
            .map_err(|e| anyhow::anyhow!(cannot_write(&file.shown, &e)))
    }
}

impl Printer {
    /// Whether the response body is all that stdout shows, so that pages can be merged
    /// (headers or metadata between them would break the document anyway).
    pub fn body_only(&self) -> bool {
        let s = self.sections;
        s.response_body && !(s.request_headers || s.request_body || s.response_headers || s.meta)
    }

    /// Starts a merged document of pages.
    pub fn merging(&self) -> Merged {
        let joining = if self.stream {
            Joining::Lines
        } else {
            Joining::Array
        };
        Merged {
            splicer: Splicer::new(joining),
            view: None,
            size: 0,
            spliced: Vec::new(),
            file: None,
        }
    }

    /// Shows one page's body, whose first chunk is `first`: its elements when it is a JSON
    /// array, else (after ending the document that is open) the body on its own. Returns
    /// the bytes received.
    pub async fn page_body(
        &mut self,
        merged: &mut Merged,
        incoming: &mut Incoming,
        first: Bytes,
    ) -> Result<u64> {
        let content_type = header_text(&incoming.head.headers, CONTENT_TYPE);
        let array = is_json_body(content_type.as_deref(), &first)
            && first.trim_ascii_start().first() == Some(&b'[');
        if !array {
            self.end_merged(merged)?;
            if merged.file.is_none() {
                return self.body_from(incoming, Some(first)).await;
            }
        } else {
            self.open_page(merged, content_type.as_deref());
        }
        let mut received = 0;
        let mut chunk = Some(first);
        while let Some(bytes) = chunk {
            received += bytes.len() as u64;
            if array {
                self.merged_chunk(merged, &bytes)?;
            } else {
                merged.write_file(&bytes)?;
            }
            chunk = incoming.chunk().await?;
        }
        merged.size += received;
        Ok(received)
    }

    /// Adds the elements of one array, written whole (the items of an object page).
    pub fn merged_array(
        &mut self,
        merged: &mut Merged,
        array: &[u8],
        content_type: Option<&str>,
    ) -> Result<()> {
        self.open_page(merged, content_type);
        merged.size += array.len() as u64;
        self.merged_chunk(merged, array)
    }

    /// A page held whole that is not merged: after the document that is open, as it came.
    pub fn unmerged_page(
        &mut self,
        merged: &mut Merged,
        page: &[u8],
        content_type: Option<&str>,
    ) -> Result<()> {
        self.end_merged(merged)?;
        if merged.file.is_some() {
            return merged.write_file(page);
        }
        self.whole_body(page, content_type).map(|_| ())
    }

    /// Ends the document, if one is open: `]` and the last line; with `-o`, flushes the
    /// file.
    pub fn end_merged(&mut self, merged: &mut Merged) -> Result<()> {
        let mut tail = Vec::new();
        if merged.file.is_some() {
            if merged.splicer.opened {
                merged.splicer.finish(&mut tail);
                merged.splicer = Splicer::new(merged.splicer.joining);
            }
            merged.write_file(&tail)?;
            let file = merged.file.as_mut().expect("a file");
            return file
                .writer
                .flush()
                .map_err(|e| anyhow::anyhow!(cannot_write(&file.shown, &e)));
        }
        let Some(mut view) = merged.view.take() else {
            return Ok(());
        };
        merged.splicer.finish(&mut tail);
        merged.splicer = Splicer::new(merged.splicer.joining);
        self.show(&mut view, &tail)?;
        self.close(&mut view, std::mem::take(&mut merged.size))?;
        self.end_body_line()
    }

    /// `hit: error: ...` for a page that stopped the pages (its status), unless `-s`.
    pub fn page_failed(&mut self, message: &str) {
        if self.status_failures {
            let _ = self.finish();
            self.console.said(&format!("hit: error: {message}"));
        }
    }

    /// A page of the document starts; the first one opens it.
    fn open_page(&mut self, merged: &mut Merged, content_type: Option<&str>) {
        if merged.view.is_none() && merged.file.is_none() {
            merged.view = Some(self.merged_view(merged.splicer.joining, content_type));
        }
        let mut out = std::mem::take(&mut merged.spliced);
        out.clear();
        merged.splicer.page(&mut out);
        merged.spliced = out;
    }

    fn merged_view(&self, joining: Joining, content_type: Option<&str>) -> BodyView {
        match joining {
            Joining::Array => self.body_view_as(content_type, true),
            // Compact, so that each element is one line.
            Joining::Lines => BodyView::new(BodyStyle {
                terminal: self.terminal,
                indent: Some(0),
                palette: self.palette.clone(),
                sort_keys: false,
                json: true,
                charset: content_type.and_then(charset),
            }),
        }
    }

    fn merged_chunk(&mut self, merged: &mut Merged, chunk: &[u8]) -> Result<()> {
        let mut out = std::mem::take(&mut merged.spliced);
        merged.splicer.feed(chunk, &mut out);
        let result = match merged.view.as_mut() {
            Some(view) => self.show(view, &out),
            None => merged.write_file(&out),
        };
        out.clear();
        merged.spliced = out;
        result?;
        if self.stream && merged.file.is_none() {
            self.finish()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn splice(joining: Joining, pages: &[&[&str]]) -> String {
        let mut splicer = Splicer::new(joining);
        let mut out = Vec::new();
        for chunks in pages {
            splicer.page(&mut out);
            for chunk in *chunks {
                splicer.feed(chunk.as_bytes(), &mut out);
            }
        }
        splicer.finish(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn pages_become_one_array() {
        let pages: &[&[&str]] = &[
            &[" [1, {\"a\": [2, 3]} ,\"x, ]\\\"\"]\n"],
            &["[]"],
            &["[ true,null ]"],
        ];
        assert_eq!(
            splice(Joining::Array, pages),
            r#"[1,{"a": [2, 3]},"x, ]\"",true,null]"#
        );
        assert_eq!(
            splice(Joining::Lines, pages),
            "1\n{\"a\": [2, 3]}\n\"x, ]\\\"\"\ntrue\nnull"
        );
        assert_eq!(splice(Joining::Array, &[&["[]"], &["[ ]"]]), "[]");
    }

    #[test]
    fn split_at_every_byte_splices_the_same() {
        let page = r#"[{"k\"]": "v,\\"}, -1.5e3, ["[", "]"], "é"]"#;
        let whole = splice(Joining::Array, &[&[page], &[page]]);
        assert_eq!(
            whole,
            r#"[{"k\"]": "v,\\"},-1.5e3,["[", "]"],"é",{"k\"]": "v,\\"},-1.5e3,["[", "]"],"é"]"#
        );
        for cut in 0..=page.len() {
            if !page.is_char_boundary(cut) {
                continue;
            }
            let split: &[&str] = &[&page[..cut], &page[cut..]];
            assert_eq!(
                splice(Joining::Array, &[split, split]),
                whole,
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn bytes_after_a_page_array_are_dropped() {
        assert_eq!(splice(Joining::Array, &[&["[1] x"], &["[2]"]]), "[1,2]");
    }
}
