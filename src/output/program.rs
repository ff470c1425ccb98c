//! What the `--jq` program prints: each result on a line of its own, shown as hit shows JSON (indented
//! and coloured on a terminal, compact in a pipe), and strings bare with `--raw-output`.

use anyhow::Result;

use super::palette::Palette;
use super::{Printer, body, json, sorted};

/// Formats a whole document at once.
pub(super) fn format_all(
    input: &[u8],
    indent: Option<usize>,
    palette: Option<&Palette>,
) -> Vec<u8> {
    let mut formatter = json::Formatter::new(indent, palette.cloned());
    let mut out = Vec::with_capacity(input.len() + input.len() / 2);
    formatter.feed(input, &mut out);
    formatter.finish(&mut out);
    out
}

impl Printer {
    /// One result of the program: JSON text, or with `text` a string's own characters.
    pub fn program_result(&mut self, result: &[u8], text: bool) -> Result<()> {
        let shown = self.render_result(result, text);
        self.write(&shown)?;
        self.result_written()
    }

    /// One result of the program as it is shown, its line ended: for stdout, or above a
    /// WebSocket session's line editor.
    pub fn render_result(&self, result: &[u8], text: bool) -> Vec<u8> {
        let sorted = (self.sort_keys && !text)
            .then(|| sorted::sort_keys(result))
            .flatten();
        let result = sorted.as_deref().unwrap_or(result);
        let mut shown = if text && self.terminal {
            body::neutralised(&String::from_utf8_lossy(result)).into_bytes()
        } else if !text && (self.format || self.palette.is_some()) {
            let indent = self.format.then_some(self.indent);
            let shown = format_all(result, indent, self.palette.as_ref());
            // Indented JSON ends its own last line.
            if shown.ends_with(b"\n") {
                return shown;
            }
            shown
        } else {
            result.to_vec()
        };
        shown.push(b'\n');
        shown
    }

    /// What the program wrote to stderr (jq's `stderr`, `halt_error`), as it wrote it: the
    /// program's own output, so not silenced by `-q`.
    pub fn program_stderr(&mut self, written: &[u8]) -> Result<()> {
        use std::io::Write as _;
        let _ = self.out.flush();
        self.console.text(&String::from_utf8_lossy(written));
        Ok(())
    }

    /// With `--stream`, each result goes out as soon as it is made.
    fn result_written(&mut self) -> Result<()> {
        if self.stream {
            self.finish()?;
        }
        Ok(())
    }
}
