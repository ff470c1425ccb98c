//! Request bodies that stream: files from disk, multipart forms, the rest of stdin. Each
//! records when it last moved (`Activity`), so that `--timeout` counts a pause from there
//! rather than from the start of a long upload.

use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use bytes::Bytes;
use futures_util::{Stream, StreamExt, TryStreamExt, stream};
use tokio::time::Instant;
use tokio_util::io::ReaderStream;

use super::UploadProgress;
use super::failure::StdinStalled;
use crate::error::cannot_read;
use crate::http::{Multipart, Part, StdinBody, StdinTransform};
use crate::transport::limits::TimeLimits;
use crate::transport::stdin;

/// Read size for streamed uploads.
const UPLOAD_CHUNK: usize = 256 * 1024;

pub type ByteStream = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

/// When the body being sent last made progress.
#[derive(Clone)]
pub struct Activity(Arc<Mutex<Instant>>);

impl Activity {
    pub fn new() -> Activity {
        Activity(Arc::new(Mutex::new(Instant::now())))
    }

    fn touch(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    pub fn last(&self) -> Instant {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `stream`, touching the activity with each piece.
    fn watch(&self, stream: ByteStream) -> ByteStream {
        let activity = self.clone();
        Box::pin(stream.inspect_ok(move |_| activity.touch()))
    }
}

/// A file streamed from disk, its progress shown when it is watched. The file must still
/// have the `expected` bytes the request announces in its Content-Length.
pub async fn file_stream(
    uploads: Option<&Arc<dyn UploadProgress>>,
    path: &Path,
    expected: u64,
    activity: &Activity,
) -> Result<ByteStream> {
    let shown = path.display().to_string();
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| anyhow::anyhow!(cannot_read(&shown, &e)))?;
    let len = file
        .metadata()
        .await
        .map_err(|e| anyhow::anyhow!(cannot_read(&shown, &e)))?
        .len();
    if len != expected {
        anyhow::bail!(
            "'{shown}' changed while hit was sending it: it had {expected} bytes when the \
             request was prepared and has {len} now"
        );
    }
    let stream = ReaderStream::with_capacity(file, UPLOAD_CHUNK);
    let stream: ByteStream = match uploads {
        Some(uploads) if len > 0 => {
            let mut sent = uploads.start(&shown, len);
            Box::pin(stream.inspect_ok(move |chunk| sent(chunk.len() as u64)))
        }
        _ => Box::pin(stream),
    };
    Ok(activity.watch(stream))
}

/// multipart/form-data as `Multipart` lays it out, files streamed from disk.
pub async fn multipart_stream(
    uploads: Option<&Arc<dyn UploadProgress>>,
    form: &Multipart,
    activity: &Activity,
) -> Result<ByteStream> {
    let bytes = |b: Vec<u8>| -> ByteStream { Box::pin(stream::once(async { Ok(Bytes::from(b)) })) };
    let mut pieces = Vec::new();
    for part in &form.parts {
        pieces.push(bytes(form.head(part)));
        pieces.push(match part {
            Part::Text { value, .. } => bytes(value.clone().into_bytes()),
            Part::File { path, len, .. } => file_stream(uploads, path, *len, activity).await?,
        });
        pieces.push(bytes(Multipart::PART_END.to_vec()));
    }
    pieces.push(bytes(form.tail()));
    Ok(Box::pin(stream::iter(pieces).flatten()))
}

/// What the rest of stdin has sent, against what the request announced.
struct StdinState {
    ended: bool,
    sent: u64,
    /// Bytes the rest of stdin must bring when the Content-Length was announced.
    expected: Option<u64>,
}

/// The rest of stdin after what was read while preparing, within the time limits. When a
/// Content-Length was announced (stdin is a regular file), stdin must bring exactly that.
pub fn stdin_stream(body: &StdinBody, limits: TimeLimits, activity: &Activity) -> ByteStream {
    let transform = body.transform;
    let expected = body
        .len
        .map(|len| len.saturating_sub(body.head.len() as u64 + body.tail.len() as u64));
    let state = StdinState {
        ended: false,
        sent: 0,
        expected: expected.filter(|_| transform == StdinTransform::Unchanged),
    };
    let rest = stream::unfold(state, move |mut state| async move {
        if state.ended {
            return None;
        }
        let next = match limits.bound(stdin::next_chunk(), true).await {
            Ok(Some(Ok(chunk))) => {
                state.sent += chunk.len() as u64;
                if state.expected.is_some_and(|expected| state.sent > expected) {
                    Err(changed(state.expected, state.sent))
                } else {
                    Ok(Bytes::from(transform.apply(&chunk)))
                }
            }
            Ok(Some(Err(e))) => Err(e),
            Ok(None) if state.expected.is_some_and(|expected| state.sent < expected) => {
                Err(changed(state.expected, state.sent))
            }
            Ok(None) => return None,
            Err(expired) => Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                StdinStalled(expired),
            )),
        };
        state.ended = next.is_err();
        Some((next, state))
    });
    let head = stream::once(std::future::ready(Ok(body.head.clone())));
    let tail = stream::once(std::future::ready(Ok(body.tail.clone())));
    activity.watch(Box::pin(head.chain(rest).chain(tail)))
}

fn changed(expected: Option<u64>, sent: u64) -> std::io::Error {
    std::io::Error::other(format!(
        "stdin changed while hit was sending it: {} bytes were announced and {sent} came",
        expected.unwrap_or_default()
    ))
}
