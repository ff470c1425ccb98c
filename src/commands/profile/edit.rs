//! `hit profile edit NAME`: the user's editor on a private copy; the copy replaces the
//! profile only when it is valid, and an invalid one is kept so no work is lost.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Result, anyhow};

use super::command::note;
use crate::error::io_reason;
use crate::files::private;
use crate::settings::store::{self, Store, check_name};

pub fn edit(store: &Store, name: &str) -> Result<()> {
    check_name(name)?;
    let (original, _) = store.read_text(name)?;
    let copy = store
        .path(name)
        .with_file_name(format!(".{name}.edit.toml"));
    open_copy(&copy, &original)?;
    let edited = run_editor(&copy, name, &original)?;
    if edited == original {
        let _ = fs::remove_file(&copy);
        note(&format!("profile '{name}' is unchanged"));
        return Ok(());
    }
    // Valid TOML, valid values, and an `extends` that leads somewhere.
    let checked = store::parse(&edited, &copy).and_then(|profile| store.resolve(name, profile));
    if let Err(err) = checked {
        return Err(anyhow!(
            "{err:#}; profile '{name}' is unchanged, and the edit is kept in {} (hit profile \
             edit {name} opens it again)",
            copy.display()
        ));
    }
    let _lock = store.lock()?;
    if store.read_text(name)?.0 != original {
        return Err(anyhow!(
            "profile '{name}' changed while it was being edited (a hit save?); it is left as \
             it is now, and the edit is kept in {}",
            copy.display()
        ));
    }
    store.write_text(name, &edited)?;
    let _ = fs::remove_file(&copy);
    note(&format!("saved profile '{name}'"));
    Ok(())
}

/// A private copy to edit: the one an earlier edit left, or the profile as it is.
fn open_copy(copy: &Path, original: &str) -> Result<()> {
    if copy.exists() {
        note(&format!(
            "going on with the edit kept in {}",
            copy.display()
        ));
        return Ok(());
    }
    private::write(copy, original.as_bytes())
        .map_err(|err| anyhow!("cannot write '{}': {}", copy.display(), io_reason(&err)))
}

/// `$VISUAL`, `$EDITOR` or vi on the copy; what the copy holds afterwards.
fn run_editor(copy: &Path, name: &str, original: &str) -> Result<String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    // Through the shell, as git does, so that EDITOR='code --wait' works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(copy)
        .status()
        .map_err(|err| anyhow!("cannot start the editor '{editor}': {err}"))?;
    let edited = fs::read_to_string(copy)
        .map_err(|err| anyhow!("cannot read '{}': {}", copy.display(), io_reason(&err)))?;
    if !status.success() {
        let kept = if edited == original {
            let _ = fs::remove_file(copy);
            String::new()
        } else {
            format!(", and the edit is kept in {}", copy.display())
        };
        return Err(anyhow!(
            "the editor '{editor}' failed ({status}); profile '{name}' is unchanged{kept}"
        ));
    }
    Ok(edited)
}
