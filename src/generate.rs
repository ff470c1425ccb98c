//! Shell completions and the man page, generated from the clap definition
//! (`hit --generate KIND`), and committed under `completions/` and `man/`.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, Generate};

/// Writes the completion script or man page for `kind`.
pub fn generate(kind: Generate, out: &mut dyn Write) -> Result<()> {
    let mut command = Cli::command();
    let shell = match kind {
        Generate::Bash => Shell::Bash,
        Generate::Zsh => Shell::Zsh,
        Generate::Fish => Shell::Fish,
        Generate::Powershell => Shell::PowerShell,
        Generate::Elvish => Shell::Elvish,
        Generate::Man => {
            clap_mangen::Man::new(command).render(out)?;
            return Ok(());
        }
    };
    clap_complete::generate(shell, &mut command, "hit", out);
    Ok(())
}
