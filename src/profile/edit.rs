//! `hit profile edit NAME`: the user's editor on a private copy; the copy replaces the
//! profile only when it is valid, and an invalid one is kept so no work is lost.

use std::fs;
use std::process::Command;

use anyhow::{Result, anyhow};

use super::command::note;
use super::store::{self, Store, check_name};
use crate::error::io_reason;
use crate::private_file;

pub fn edit(store: &Store, name: &str) -> Result<()> {
    check_name(name)?;
    let (original, _) = store.read_text(name)?;
    let path = store.path(name);
    let copy = path.with_file_name(format!(".{name}.edit.toml"));
    private_file::write(&copy, original.as_bytes())
        .map_err(|err| anyhow!("cannot write '{}': {}", copy.display(), io_reason(&err)))?;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    // Through the shell, as git does, so that EDITOR='code --wait' works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&copy)
        .status()
        .map_err(|err| anyhow!("cannot start the editor '{editor}': {err}"))?;
    if !status.success() {
        let _ = fs::remove_file(&copy);
        return Err(anyhow!(
            "the editor '{editor}' failed ({status}); profile '{name}' is unchanged"
        ));
    }
    let edited = fs::read_to_string(&copy)
        .map_err(|err| anyhow!("cannot read '{}': {}", copy.display(), io_reason(&err)))?;
    if edited == original {
        let _ = fs::remove_file(&copy);
        note(&format!("profile '{name}' is unchanged"));
        return Ok(());
    }
    let checked =
        store::parse(&edited, &copy).and_then(|profile| match profile.extends.as_deref() {
            Some(base) if !store.exists(base) => Err(store.missing(base)),
            _ => Ok(()),
        });
    if let Err(err) = checked {
        return Err(anyhow!(
            "{err:#}; profile '{name}' is unchanged, and the edit is kept in {} (fix it \
             there and copy it over, or run hit profile edit {name} again)",
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
