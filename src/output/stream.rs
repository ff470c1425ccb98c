//! A body shown in parts that the exchange chooses: an event stream or NDJSON read as
//! messages (`--count`, `--until`, `--check` without `--jq`), shown as `response_body`
//! shows a streamed body, and ended at a message's end.

use anyhow::Result;

use super::Printer;
use super::body::BodyView;

/// How the parts of one streamed body are shown.
pub struct StreamView {
    view: Option<BodyView>,
    content_type: Option<String>,
    size: u64,
}

impl Printer {
    /// The view of a streamed body of CONTENT_TYPE; it is set up by its first part.
    pub fn stream_view(&self, content_type: Option<&str>) -> StreamView {
        StreamView {
            view: None,
            content_type: content_type.map(str::to_string),
            size: 0,
        }
    }

    /// Shows PART of the body, and flushes it: a stream is shown as it arrives.
    pub fn stream_part(&mut self, stream: &mut StreamView, part: &[u8]) -> Result<()> {
        if part.is_empty() {
            return Ok(());
        }
        stream.size += part.len() as u64;
        let content_type = stream.content_type.as_deref();
        let view = match &mut stream.view {
            Some(view) => view,
            None => stream.view.insert(self.body_view(content_type, part)),
        };
        self.trace_body(part)?;
        self.show(view, part)?;
        self.finish()
    }

    /// Ends the streamed body: what its view held back, and a line end on a terminal.
    pub fn stream_end(&mut self, stream: &mut StreamView) -> Result<()> {
        if let Some(view) = &mut stream.view {
            self.close(view, stream.size)?;
        }
        self.end_body_line()?;
        self.finish()
    }
}
