//! Files hit reads and writes beside the exchange: those only their owner may read
//! (profiles, cookie jars) and paths that may name a FIFO, a device or a link.

pub mod private;
pub mod special;

use std::path::{Path, PathBuf};

/// One of hit's own directories: `$VAR` when it is set and not empty, else the platform's
/// (`platform` picks it from `directories`: `~/.config/hit`, `~/.local/share/hit`,
/// `~/.cache/hit` on Linux). `what` names its use in the error of a machine without a home.
pub fn own_dir(
    var: &str,
    platform: fn(&directories::ProjectDirs) -> &Path,
    what: &str,
) -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os(var).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "hit")
        .map(|dirs| platform(&dirs).to_path_buf())
        .ok_or_else(|| anyhow::anyhow!("cannot find a home directory for the {what}; set {var}"))
}
