//! Cookie files: `-b FILE` to read (`-` is stdin, as in curl), `-c FILE` to write (`-` is
//! stdout), or a profile's own jar.

use std::path::PathBuf;

use anyhow::Result;

use super::profile::Active;
use crate::cli::Cli;
use crate::error::usage;

/// The jars a request reads and writes.
#[derive(Debug, Clone, Default)]
pub struct CookieFiles {
    /// Jars whose matching cookies are sent (a file that does not exist yet is empty).
    pub read: Vec<PathBuf>,
    /// Where every cookie is written after the exchange (`-` is stdout).
    pub write: Option<PathBuf>,
    /// `read` is a profile's own jar (`NAME.cookies`): only a regular file is read.
    pub profile_jar: bool,
}

impl CookieFiles {
    /// `-b` values without `=` name files (those with one are cookies, as in curl); `-c`
    /// names the file to write; otherwise the profile's jar, when it keeps one.
    pub fn from_cli(cli: &Cli, active: Option<&Active>) -> CookieFiles {
        let mut files = CookieFiles {
            read: cli
                .request
                .cookies
                .iter()
                .filter(|c| !c.contains('='))
                .map(PathBuf::from)
                .collect(),
            write: cli.request.cookie_jar.clone(),
            profile_jar: false,
        };
        if let Some(active) = active {
            active.cookie_files(&mut files);
        }
        files
    }
}

/// Whether `-b -` asks for the cookie jar on stdin; an error when the body reads stdin too.
pub fn from_stdin(cli: &Cli) -> Result<bool> {
    if !cli.request.cookies.iter().any(|c| c == "-") {
        return Ok(false);
    }
    let data = [
        &cli.body.data,
        &cli.body.data_binary,
        &cli.body.data_urlencode,
        &cli.body.json,
    ];
    let body = data
        .iter()
        .flat_map(|values| values.iter())
        .find(|value| value.ends_with("@-"))
        .or_else(|| {
            cli.body
                .form
                .iter()
                .find(|f| f.ends_with("=@-") || f.ends_with("=<-"))
        })
        .map(String::as_str)
        .or_else(|| {
            cli.body
                .upload_file
                .as_ref()
                .filter(|p| p.as_os_str() == "-")
                .map(|_| "-T -")
        });
    match body {
        Some(body) => Err(usage(format!(
            "-b - and the body ({body}) both read stdin, which can be read once; give the cookie \
             file by name"
        ))),
        None => Ok(true),
    }
}
