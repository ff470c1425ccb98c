//! `>> ./file` and `>>! ./file`: a response body saved beside the `.http` file.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::error::usage;

/// Writes `body` to `path`; without `overwrite`, a file that exists is kept and the body
/// goes to the first free `NAME-1.EXT`, `NAME-2.EXT`…, as JetBrains' `>>` does. The path
/// written.
pub fn write(path: &Path, overwrite: bool, body: &[u8]) -> Result<PathBuf> {
    let target = if overwrite {
        path.to_path_buf()
    } else {
        free_name(path)
    };
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|err| cannot_write(&target, &err))?;
    }
    std::fs::write(&target, body).map_err(|err| cannot_write(&target, &err))?;
    Ok(target)
}

fn cannot_write(path: &Path, err: &std::io::Error) -> anyhow::Error {
    usage(format!("cannot write '{}': {err}", path.display()))
}

/// `path`, or the first `STEM-N.EXT` beside it that does not exist.
fn free_name(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()));
    (1..)
        .map(|n| path.with_file_name(format!("{stem}-{n}{}", ext.as_deref().unwrap_or(""))))
        .find(|p| !p.exists())
        .expect("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_kept_unless_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        assert_eq!(write(&path, false, b"1").unwrap(), path);
        let second = write(&path, false, b"2").unwrap();
        assert_eq!(second, dir.path().join("out-1.json"));
        assert_eq!(write(&path, true, b"3").unwrap(), path);
        assert_eq!(std::fs::read(&path).unwrap(), b"3");
        assert_eq!(std::fs::read(second).unwrap(), b"2");
    }
}
