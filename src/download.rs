//! Writing a response body to a file (`-o FILE`).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Result, anyhow};

use crate::error::io_reason;
use crate::transport::Incoming;

/// Write buffer for downloads.
const WRITE_BUFFER: usize = 256 * 1024;

/// Streams the body into `path` and returns its size. A body that breaks off leaves the
/// partial file in place and says so in the error.
pub async fn save(incoming: &mut Incoming, path: &Path) -> Result<u64> {
    let shown = path.display();
    let cannot_write = |e: io::Error| anyhow!("cannot write '{shown}': {}", io_reason(&e));
    let file = File::create(path).map_err(cannot_write)?;
    let mut writer = BufWriter::with_capacity(WRITE_BUFFER, file);
    let mut written = 0u64;
    loop {
        match incoming.chunk().await {
            Ok(Some(chunk)) => {
                writer.write_all(&chunk).map_err(cannot_write)?;
                written += chunk.len() as u64;
            }
            Ok(None) => break,
            Err(err) => {
                let _ = writer.flush();
                return Err(err.context(format!("'{shown}' is incomplete ({written} bytes kept)")));
            }
        }
    }
    let file = writer
        .into_inner()
        .map_err(|e| cannot_write(e.into_error()))?;
    // Make a finished download durable; `/dev/null` and pipes cannot be synced.
    if file.metadata().is_ok_and(|m| m.is_file()) {
        file.sync_all().map_err(cannot_write)?;
    }
    Ok(written)
}
