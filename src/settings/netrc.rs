//! `-n`, `--netrc-file`, `--netrc-optional`: the user and password for the URL's host, from
//! a netrc file as curl reads it. They are for that host only: a redirect to another origin
//! drops them with every other credential (crate::redirect), and another host's entry is
//! never looked at for it (curl's CVE-2024-11053).

use std::io::ErrorKind;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use reqwest::Url;

use super::Auth;
use crate::cli::Cli;
use crate::error::{io_reason, usage};

/// The credentials the netrc file gives the URL's host, when the command line asks for it.
pub fn credentials(cli: &Cli, url: &Url) -> Result<Option<Auth>> {
    if !(cli.netrc || cli.netrc_optional || cli.netrc_file.is_some()) {
        return Ok(None);
    }
    let path = match &cli.netrc_file {
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
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == ErrorKind::NotFound && cli.netrc_optional => return Ok(None),
        Err(err) => {
            return Err(anyhow!(
                "cannot read the netrc file '{}': {}",
                path.display(),
                io_reason(&err)
            ));
        }
    };
    let netrc = netrc_rs::Netrc::parse(&text, false)
        .map_err(|err| anyhow!("the netrc file '{}': {err}", path.display()))?;
    let host = url.host_str().unwrap_or_default();
    // The machine named for the host, else `default`.
    let machine = netrc
        .machines
        .iter()
        .find(|m| {
            m.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(host))
        })
        .or_else(|| netrc.machines.iter().find(|m| m.name.is_none()));
    Ok(machine.and_then(|machine| {
        Some(Auth::Basic {
            user: machine.login.clone()?,
            password: machine.password.clone().unwrap_or_default(),
        })
    }))
}
