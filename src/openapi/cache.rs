//! The read form of a document on disk: `$HIT_CACHE_DIR/openapi/KEY/` (else the platform's
//! cache directory, `~/.cache/hit` on Linux), KEY a digest of the document's bytes.
//!
//! `index.json` holds the [`Api`] (what a listing and completion read); `ops/N.json` the
//! N-th [`Operation`] whole, with the parts of the document it reaches. A request reads the
//! index and one operation, never the document: GitHub's 13 MB description costs a
//! request about what its one operation weighs.

use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context, Result, anyhow};

use super::{Api, Operation};
use crate::error::cannot_write;
use crate::files::private;

/// A digest of a document's place and bytes, the name of its cache: two documents alike
/// in two folders may `$ref` files that differ.
pub fn key(source: &str, bytes: &[u8]) -> String {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    context.update(source.as_bytes());
    context.update(b"\0");
    context.update(bytes);
    let digest = context.finish();
    digest.as_ref()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The cache of the document whose bytes have `key`.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn of(key: &str) -> Result<Cache> {
        let root = crate::files::own_dir(
            "HIT_CACHE_DIR",
            directories::ProjectDirs::cache_dir,
            "OpenAPI cache",
        )?;
        Ok(Cache {
            dir: root.join("openapi").join(key),
        })
    }

    /// The summary, or `None` when this document was never read here (or its cache was
    /// removed, or written by another version of hit).
    pub fn api(&self) -> Option<Api> {
        // A request reads it twice (finding the operation, then holding the request to
        // it): the second time from memory.
        static LAST: Mutex<Option<(PathBuf, Api)>> = Mutex::new(None);
        let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((dir, api)) = last.as_ref()
            && *dir == self.dir
        {
            return Some(api.clone());
        }
        let bytes = std::fs::read(self.dir.join("index.json")).ok()?;
        let (version, api): (String, Api) = serde_json::from_slice(&bytes).ok()?;
        if version != env!("CARGO_PKG_VERSION") {
            return None;
        }
        *last = Some((self.dir.clone(), api.clone()));
        Some(api)
    }

    /// The operation listed `index`-th in the summary.
    pub fn operation(&self, index: usize) -> Result<Operation> {
        let path = self.dir.join("ops").join(format!("{index}.json"));
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "the OpenAPI cache lost {}; hit profile sync re-reads the document",
                path.display()
            )
        })?;
        serde_json::from_slice(&bytes)
            .with_context(|| format!("the OpenAPI cache file {} is damaged", path.display()))
    }

    /// Writes the read form whole: in a folder beside the final one, renamed into place, so
    /// that a reader sees all of it or none.
    pub fn store(&self, api: &Api, operations: &[Operation]) -> Result<()> {
        let parent = self.dir.parent().unwrap_or(&self.dir);
        let building = parent.join(format!(
            ".{}.{}",
            self.dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("new"),
            std::process::id()
        ));
        let write = |path: PathBuf, bytes: Vec<u8>| {
            private::write(&path, &bytes).map_err(|err| anyhow!(cannot_write(path.display(), &err)))
        };
        let _ = std::fs::remove_dir_all(&building);
        for (index, operation) in operations.iter().enumerate() {
            let path = building.join("ops").join(format!("{index}.json"));
            write(path, serde_json::to_vec(operation)?)?;
        }
        let index = (env!("CARGO_PKG_VERSION"), api);
        write(building.join("index.json"), serde_json::to_vec(&index)?)?;
        let _ = std::fs::remove_dir_all(&self.dir);
        std::fs::rename(&building, &self.dir).map_err(|err| {
            let _ = std::fs::remove_dir_all(&building);
            anyhow!(cannot_write(self.dir.display(), &err))
        })
    }
}
