//! What a run of a file is made of before anything is sent: its data rows (`--data`,
//! `# @data`), the environment of each row, the names to hide, and the plans of the file
//! and its imports, all checked.

use std::path::Path;

use anyhow::Result;

use super::plan::Plan;
use super::{data, directives, env, imports, parse, script};
use crate::error::usage;

/// A file and its imports, as read.
pub struct Files<'a> {
    pub shown: &'a str,
    pub file: &'a parse::HttpFile,
    pub dir: &'a Path,
    pub imported: &'a [imports::Imported],
}

/// The plans of one run of the file (one per data row): the file's and its imports', and
/// the names whose values are hidden in output.
pub struct Plans<'a> {
    pub plan: Plan<'a>,
    /// The imported files' plans, whose requests are sent when a request uses them.
    pub imports: Vec<Plan<'a>>,
    /// `# @secret` names, and captures whose name or jq path looks like a credential.
    pub secrets: Vec<String>,
}

impl<'a> Plans<'a> {
    /// The requests to send (all, or those named and what they use), the imported files'
    /// requests, and the file's scripts, every placeholder and body file checked.
    pub fn new(
        files: &Files<'a>,
        env: &'a env::Environment,
        names: &[String],
        no_scripts: bool,
    ) -> Result<(Plans<'a>, script::Session<'a>)> {
        let (shown, dir) = (files.shown, files.dir);
        let mut plan = Plan::new(shown, files.file, dir, names, env)?;
        let requests = || files.imported.iter().flat_map(|i| &i.file.requests);
        let names: Vec<String> = requests().filter_map(|r| r.name.clone()).collect();
        let captures: Vec<String> = requests()
            .flat_map(|r| r.directives.captures.iter().map(|c| c.name.clone()))
            .collect();
        let mut imports = Vec::new();
        for import in files.imported {
            let mut import_plan = Plan::new(&import.name, &import.file, &import.dir, &[], env)?;
            import_plan.captured = plan.captured.clone();
            import_plan.imported = names.clone();
            import_plan.imported_captures = captures.clone();
            import_plan.check()?;
            imports.push(import_plan);
        }
        plan.imported = names;
        plan.imported_captures = captures;
        let scripts = script::Session::new(shown, &plan, dir, &env.values, no_scripts)?;
        plan.scripted.replace(scripts.names());
        plan.check()?;
        let plans = Plans {
            plan,
            imports,
            secrets: secret_names(files.file, files.imported),
        };
        Ok((plans, scripts))
    }
}

/// The data rows the file runs over: `--data`'s, else `# @data`'s (relative to the file);
/// one run without a row when neither is given.
pub fn data_rows(
    data: Option<&Path>,
    shown: &str,
    file: &parse::HttpFile,
    dir: &Path,
) -> Result<Vec<Option<data::Row>>> {
    let rows = match (data, &file.directives.data) {
        (Some(path), _) => data::rows(path, &path.display().to_string())?,
        (None, Some(path)) => {
            let full = dir.join(&path.text);
            data::rows(&full, &full.display().to_string())
                .map_err(|err| usage(format!("{shown}:{}: @data: {err:#}", path.line)))?
        }
        (None, None) => return Ok(vec![None]),
    };
    // A row is named by its first column: a secret one is hidden in the name.
    let secret = |name: &str| {
        file.directives.secrets.iter().any(|s| s.text == name) || directives::looks_secret(name)
    };
    Ok(rows
        .into_iter()
        .map(|mut row| {
            if let (Some((name, _)), Some((number, _))) =
                (row.values.first(), row.label.split_once(": "))
                && secret(name)
            {
                row.label = format!("{number}: {name}={}", crate::output::redact::HIDDEN);
            }
            Some(row)
        })
        .collect())
}

/// The environment with a row's values, which win over the file's variables; `--env-var`
/// still wins over them.
pub fn with_row(env: &env::Environment, row: Option<&data::Row>) -> env::Environment {
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
fn secret_names(file: &parse::HttpFile, imported: &[imports::Imported]) -> Vec<String> {
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
