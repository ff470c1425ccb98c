//! `# @import ./auth.http`: another file's named requests, available to the importing
//! file's references (`{{login.response.body.$.token}}`). An imported request is sent once
//! per run, before the first request that uses its response, and only when one does.
//!
//! Each imported file keeps its own `@var` definitions, and its body files and saves are
//! relative to it; the run's environment (`--env`, `--env-var`, a data row) is every file's,
//! as the IDEs give one environment to a run. Imports nest; a file imported twice is read
//! once. The importing file's names win over an import's, and earlier imports over later.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::parse::{self, HttpFile};
use crate::error::{self, usage};

/// An imported file, parsed.
pub struct Imported {
    /// Its path as messages show it.
    pub name: String,
    /// Its folder: its body files and `@import`s are relative to it.
    pub dir: PathBuf,
    pub file: HttpFile,
}

/// The files `file` (at `path`, shown as `shown`) imports, and theirs, in the order they
/// are first imported. A file that cannot be read or parsed, an import cycle, or a script
/// in an imported file is an error naming the `@import` line, before anything is sent.
pub fn load(shown: &str, path: &Path, file: &HttpFile) -> Result<Vec<Imported>> {
    let mut loaded = Vec::new();
    let mut seen = Vec::new();
    let mut chain = vec![(canonical(path), shown.to_string())];
    let dir = path.parent().unwrap_or(Path::new(""));
    visit(shown, dir, file, &mut chain, &mut seen, &mut loaded)?;
    Ok(loaded)
}

fn visit(
    shown: &str,
    dir: &Path,
    file: &HttpFile,
    chain: &mut Vec<(PathBuf, String)>,
    seen: &mut Vec<PathBuf>,
    loaded: &mut Vec<Imported>,
) -> Result<()> {
    for import in &file.directives.imports {
        let at = |why: String| usage(format!("{shown}:{}: {why}", import.line));
        // `./auth.http` is shown as `auth.http` beside the importing file.
        let path: PathBuf = dir
            .join(&import.text)
            .components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect();
        let name = path.display().to_string();
        let source = std::fs::read_to_string(&path)
            .map_err(|err| at(format!("@import: {}", error::cannot_read(&name, &err))))?;
        let real = canonical(&path);
        if let Some(start) = chain.iter().position(|(p, _)| *p == real) {
            let mut names: Vec<String> = chain[start..].iter().map(|(_, n)| n.clone()).collect();
            names.push(name);
            return Err(at(format!(
                "@import {}: an import cycle ({})",
                import.text,
                names.join(" -> ")
            )));
        }
        if seen.contains(&real) {
            continue;
        }
        seen.push(real.clone());
        let imported = parse::parse(&name, &source)?;
        if let Some(script) = imported
            .requests
            .iter()
            .flat_map(|r| r.scripts.all())
            .next()
        {
            return Err(usage(format!(
                "{name}:{}: a script in an imported file is not run; import requests without \
                 scripts (# @capture takes a value from a response)",
                script.line
            )));
        }
        let imported_dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        chain.push((real, name.clone()));
        visit(&name, &imported_dir, &imported, chain, seen, loaded)?;
        chain.pop();
        loaded.push(Imported {
            name,
            dir: imported_dir,
            file: imported,
        });
    }
    Ok(())
}

/// The path the file system resolves, so that `./a.http` and `../x/a.http` are one file.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
