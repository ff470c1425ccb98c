//! What a run of a file is made of before anything is sent: its data rows (`--data`,
//! `# @data`), the environment of each row, the names to hide, and the plans of the file
//! and its imports, all checked.

use std::path::Path;

use anyhow::Result;

use super::plan::Plan;
use super::{data, directives, env, imports, parse, script};
use crate::cli::RunArgs;
use crate::error::usage;

/// The data rows the file runs over: `--data`'s (relative to the working directory), else
/// `# @data`'s (relative to the file); one run without a row when neither is given.
pub fn data_rows(
    args: &RunArgs,
    shown: &str,
    file: &parse::HttpFile,
    dir: &Path,
) -> Result<Vec<Option<data::Row>>> {
    let rows = match (&args.data.data, &file.directives.data) {
        (Some(path), _) => data::rows(path, &path.display().to_string())?,
        (None, Some(path)) => {
            let full = dir.join(&path.text);
            data::rows(&full, &full.display().to_string())
                .map_err(|err| usage(format!("{shown}:{}: @data: {err:#}", path.line)))?
        }
        (None, None) => return Ok(vec![None]),
    };
    Ok(rows.into_iter().map(Some).collect())
}

/// The environment with a row's values, which win over the file's variables; `--env-var`
/// still wins over them.
pub fn with_row(env: &env::Environment, row: &Option<data::Row>) -> env::Environment {
    let mut env = env.clone();
    for (name, value) in row.iter().flat_map(|row| &row.values) {
        env.given
            .entry(name.clone())
            .or_insert_with(|| value.clone());
    }
    env
}

/// The names whose values are hidden in output: each file's `# @secret` names, and the
/// captures whose name or jq path looks like a credential (`token`, `password`, `key`…).
pub fn secret_names(file: &parse::HttpFile, imported: &[imports::Imported]) -> Vec<String> {
    let files = std::iter::once(file).chain(imported.iter().map(|i| &i.file));
    let mut names = Vec::new();
    for file in files {
        names.extend(file.directives.secrets.iter().map(|t| t.text.clone()));
        let captures = file.requests.iter().flat_map(|r| &r.directives.captures);
        for capture in captures {
            if directives::looks_secret(&capture.name) || directives::looks_secret(&capture.jq.text)
            {
                names.push(capture.name.clone());
            }
        }
    }
    names
}

/// The plans of one run of the file (one per data row): the file's, its imports', and its
/// scripts, all checked.
pub struct Plans<'a> {
    pub plan: Plan<'a>,
    pub imports: Vec<Plan<'a>>,
    pub scripts: script::Session<'a>,
}

impl<'a> Plans<'a> {
    pub fn new(
        shown: &'a str,
        file: &'a parse::HttpFile,
        dir: &'a Path,
        imported: &'a [imports::Imported],
        args: &RunArgs,
        env: &'a env::Environment,
    ) -> Result<Plans<'a>> {
        let mut plan = Plan::new(shown, file, dir, &args.names, env)?;
        let names: Vec<String> = imported
            .iter()
            .flat_map(|i| i.file.requests.iter().filter_map(|r| r.name.clone()))
            .collect();
        let captures: Vec<String> = imported
            .iter()
            .flat_map(|i| &i.file.requests)
            .flat_map(|r| r.directives.captures.iter().map(|c| c.name.clone()))
            .collect();
        let mut imports = Vec::new();
        for import in imported {
            let mut import_plan = Plan::new(&import.name, &import.file, &import.dir, &[], env)?;
            import_plan.captured = plan.captured.clone();
            import_plan.imported = names.clone();
            import_plan.imported_captures = captures.clone();
            import_plan.check()?;
            imports.push(import_plan);
        }
        plan.imported = names;
        plan.imported_captures = captures;
        let scripts = script::Session::new(shown, &plan, dir, &env.values, args.no_scripts)?;
        plan.scripted.replace(scripts.names());
        plan.check()?;
        Ok(Plans {
            plan,
            imports,
            scripts,
        })
    }
}
