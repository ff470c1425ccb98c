//! `-n`, `--netrc-file`, `--netrc-optional`: the user and password for the URL's host, from
//! a netrc file as curl reads it. They are for that host only: a redirect to another origin
//! drops them with every other credential (crate::policy::redirect), and another host's entry is
//! never looked at for it (curl's CVE-2024-11053).

mod format;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use reqwest::Url;
use url::Host;

use super::Auth;
use crate::cli::Cli;
use crate::error::{io_reason, usage};

/// The credentials the netrc file gives the URL's host, when the command line asks for it.
pub fn credentials(cli: &Cli, url: &Url) -> Result<Option<Auth>> {
    if !(cli.auth.netrc || cli.auth.netrc_optional || cli.auth.netrc_file.is_some()) {
        return Ok(None);
    }
    let path = match &cli.auth.netrc_file {
        Some(path) => path.clone(),
        None => match std::env::var_os("HOME").filter(|home| !home.is_empty()) {
            Some(home) => PathBuf::from(home).join(".netrc"),
            None => {
                return Err(usage(
                    "-n/--netrc reads ~/.netrc, and HOME is not set; give --netrc-file FILE",
                ));
            }
        },
    };
    let text = match read(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == ErrorKind::NotFound && cli.auth.netrc_optional => {
            return Ok(None);
        }
        Err(err) => {
            return Err(anyhow!(
                "cannot read the netrc file '{}': {}",
                path.display(),
                io_reason(&err)
            ));
        }
    };
    let entries = format::parse(&text)
        .map_err(|err| anyhow!("the netrc file '{}', {err}", path.display()))?;
    // The name as curl compares it: an IPv6 address without its brackets.
    let host = match url.host() {
        Some(Host::Ipv6(address)) => address.to_string(),
        Some(host) => host.to_string(),
        None => return Ok(None),
    };
    Ok(format::entry_for(&entries, &host).map(|entry| Auth::Basic {
        user: entry.login.clone().unwrap_or_default(),
        password: entry.password.clone().unwrap_or_default(),
    }))
}

/// The most a netrc file may hold: a few entries are a few hundred bytes, and a FIFO or a
/// device named by mistake must not be read without end.
const SIZE_LIMIT: u64 = 1024 * 1024;

/// The file as text. A FIFO nothing writes to reads as empty instead of hanging, and
/// `--netrc-file <(pass show netrc)` still works (`special::read`).
fn read(path: &Path) -> std::io::Result<String> {
    let bytes = crate::files::special::read(path, SIZE_LIMIT, crate::files::special::WAIT)?;
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(ErrorKind::InvalidData, "it is not UTF-8 text"))
}
