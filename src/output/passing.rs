//! Responses that were not the last: a redirect followed, a challenge answered, an attempt
//! retried. They are shown only when the request is shown too (`-v`, `-p H…`), as a
//! conversation, each whole with the sections asked for: head, then body (HTTPie's and
//! xh's `--all`). A body is cut at `EXCERPT` bytes, as an error page withheld from a file
//! is: a passing response is read before the next request goes, and an endless one must
//! not hold it up.

use anyhow::Result;
use reqwest::header::CONTENT_TYPE;

use super::Printer;
use crate::http::header_text;
use crate::http::media::{is_json_body, is_valid_json};
use crate::transport::Incoming;

/// The most of a body shown for a response that was not the last (and of an error page
/// withheld from a file).
pub const EXCERPT: usize = 2048;

/// What was read of a passing response's body.
struct Excerpt {
    bytes: Vec<u8>,
    /// The body went on past `EXCERPT` bytes (it is not read further).
    cut: bool,
    /// Reading it failed: the rest did not arrive.
    broken: Option<String>,
}

impl Printer {
    /// Prints a response that was not the last, when the request is shown: its head (`h`)
    /// and its body (`b`), cut at `EXCERPT` bytes. A body that cannot be read is said to
    /// be, not an error: the exchange goes on without it.
    pub async fn passing_response(&mut self, incoming: &mut Incoming) -> Result<()> {
        if !self.sections.request_headers {
            // -D and --trace see every response.
            return self.side_head(&incoming.head);
        }
        self.response_head(&incoming.head)?;
        if !self.sections.response_body {
            return Ok(());
        }
        let excerpt = read_excerpt(incoming).await;
        if excerpt.bytes.is_empty() && excerpt.broken.is_none() {
            return Ok(());
        }
        let content_type = header_text(&incoming.head.headers, CONTENT_TYPE);
        let Excerpt { bytes, cut, broken } = excerpt;
        // Only a whole and valid JSON body is formatted: a cut one is shown as it came.
        let json = !cut
            && broken.is_none()
            && is_json_body(content_type.as_deref(), &bytes)
            && is_valid_json(&bytes);
        let mut view = self.body_view_as(content_type.as_deref(), json);
        self.show(&mut view, &bytes)?;
        let size = match (cut, incoming.length) {
            (true, Some(length)) => length,
            _ => bytes.len() as u64,
        };
        self.close(&mut view, size)?;
        let notice = match (&broken, cut && !view.is_binary()) {
            (Some(why), _) => Some(format!(
                "+-- the rest of the body did not arrive: {why} --+"
            )),
            (None, true) => Some(match incoming.length {
                Some(length) => {
                    format!("+-- the first {} of {length} bytes shown --+", bytes.len())
                }
                None => format!(
                    "+-- the first {} bytes shown; the body goes on --+",
                    bytes.len()
                ),
            }),
            (None, false) => None,
        };
        if std::mem::take(&mut self.body_open_line) {
            self.write(b"\n")?;
        }
        if let Some(notice) = notice {
            self.painted(|p| &p.notice, &notice)?;
            self.write(b"\n")?;
        }
        // A blank line before the next request, as after a request's body.
        self.write(b"\n")
    }
}

/// Reads a body up to `EXCERPT` bytes, and one chunk more to know whether it goes on.
async fn read_excerpt(incoming: &mut Incoming) -> Excerpt {
    let mut bytes = Vec::new();
    loop {
        match incoming.chunk().await {
            Ok(Some(chunk)) => {
                let room = EXCERPT - bytes.len();
                bytes.extend_from_slice(&chunk[..room.min(chunk.len())]);
                if chunk.len() > room {
                    return Excerpt {
                        bytes,
                        cut: true,
                        broken: None,
                    };
                }
            }
            Ok(None) => {
                return Excerpt {
                    bytes,
                    cut: false,
                    broken: None,
                };
            }
            Err(err) => {
                return Excerpt {
                    bytes,
                    cut: false,
                    broken: Some(format!("{err:#}")),
                };
            }
        }
    }
}
