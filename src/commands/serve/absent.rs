//! The stand-in for `hit serve` in a build without the `serve` feature (`cargo build
//! --no-default-features`): the command stays defined (its help, completions and man page
//! are the same in every build) and is refused with one line that says why.

use anyhow::Result;

use crate::cli::ServeArgs;

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <ServeArgs as clap::CommandFactory>::command()
}

pub fn run(_args: ServeArgs) -> Result<()> {
    Err(crate::error::usage(
        "this build of hit was built without 'hit serve' (the cargo feature 'serve'); \
         a default build has it",
    ))
}
