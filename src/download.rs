//! Writing a response body to a file (`-o FILE`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::transport::Incoming;
use anyhow::{Context, Result};

/// Write buffer for downloads.
const WRITE_BUFFER: usize = 256 * 1024;

/// Streams the body into `path` and returns its size. A body that breaks off leaves the
/// partial file in place and says so in the error.
pub async fn save(incoming: &mut Incoming, path: &Path) -> Result<u64> {
    let shown = path.display();
    let file = File::create(path).with_context(|| format!("cannot write '{shown}'"))?;
    let mut writer = BufWriter::with_capacity(WRITE_BUFFER, file);
    let mut written = 0u64;
    loop {
        match incoming.chunk().await {
            Ok(Some(chunk)) => {
                writer
                    .write_all(&chunk)
                    .with_context(|| format!("cannot write '{shown}'"))?;
                written += chunk.len() as u64;
            }
            Ok(None) => break,
            Err(err) => {
                let _ = writer.flush();
                return Err(err.context(format!("'{shown}' is incomplete ({written} bytes kept)")));
            }
        }
    }
    writer
        .into_inner()
        .map_err(|e| e.into_error())
        .and_then(|file| file.sync_all())
        .with_context(|| format!("cannot write '{shown}'"))?;
    Ok(written)
}
