//! `hit run FILE.http [NAME …]`: the requests of a `.http` file (JetBrains HTTP Client,
//! VS Code REST Client) sent in file order over one client, each printed as hit prints a
//! request. The whole file is checked before anything is sent. As the IDEs run a file,
//! cookies are kept between its requests, redirects are followed, and a failure skips only
//! the requests that use its response (`--fail-fast` stops the run). hit's own directives
//! (`directives.rs`) add imported requests sent when used, a run per data row, captures,
//! secrets and per-request retries.

mod build;
mod capture;
pub mod data;
mod directives;
mod dynamic;
mod env;
mod failure;
mod imports;
mod jsonpath;
mod parse;
mod plan;
mod record;
mod runner;
mod saved;
mod script;
mod settle;
mod setup;
mod shared;
mod tally;
mod vars;
mod websocket;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{RunArgs, RunOptions};
use crate::commands::test::report::Case;
use crate::error::{self, Exit};
use crate::output::{self, Printer};
use crate::settings::{RunShared, Settings, Terminal};
use crate::transport::Transport;
pub use env::{EnvChoice, Environment};
use runner::Run;
pub use setup::Plans;
pub use shared::SharedImports;

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <RunArgs as clap::CommandFactory>::command()
}

/// Runs the file; the exit code is the worst of its requests' (`Exit::worse`). Errors in
/// the file are returned before anything is sent; a request's own error is reported as it
/// happens.
pub fn run(args: RunArgs) -> Result<Exit> {
    let task = FileTask {
        path: &args.file,
        env: EnvChoice::from(&args.env),
        no_scripts: args.no_scripts,
    };
    let loaded = task.load()?;
    let rows = loaded.rows(args.data.data.as_deref())?;
    let envs: Vec<env::Environment> = rows
        .iter()
        .map(|row| loaded.env_for(row.as_ref()))
        .collect();
    let mut runs = Vec::new();
    for env in &envs {
        runs.push(loaded.plan_in(env, &args.names, task.no_scripts)?);
    }
    let terminal = output::Console::terminal();
    let shared = Settings::for_run(&args.options, terminal)?;
    let mut printed = shared.output.clone();
    // Under -q the run's own line names the request that failed; each response's status
    // line would say the same without the name.
    printed.status_failures &= args.options.output.quiet == 0;
    let mut printer = Printer::new(&printed);
    let transport = Transport::new(&shared.transport)?;
    let context = Context {
        options: &args.options,
        shared: &shared,
        terminal,
        transport: &transport,
        fail_fast: args.fail_fast,
        imports: None,
    };
    let mut worst = Exit::Success;
    for (row, (plans, scripts)) in rows.iter().zip(runs) {
        if let Some(row) = row {
            printer.note(&row.label);
        }
        let run = Run::new(&plans, scripts, &context, None, String::new());
        match super::runtime::until_interrupted(run.all(&mut printer))? {
            Some(exit) => worst = worst.worse(exit),
            None => {
                printer.interrupted();
                return Ok(Exit::Interrupted);
            }
        }
        // `--fail-fast`: a failed row ends the run too.
        if worst != Exit::Success && args.fail_fast {
            break;
        }
    }
    Ok(worst)
}

/// A file to run, and where its variables come from.
pub struct FileTask<'a> {
    pub path: &'a Path,
    pub env: env::EnvChoice<'a>,
    /// `--no-scripts`.
    pub no_scripts: bool,
}

/// A file read and parsed, with its environment: what a plan borrows.
pub struct Loaded {
    shown: String,
    file: parse::HttpFile,
    dir: PathBuf,
    env: env::Environment,
    no_scripts: bool,
    /// The files it imports (`# @import`), and theirs.
    imported: Vec<imports::Imported>,
}

impl FileTask<'_> {
    /// Reads and parses the file and finds its environment; nothing is sent.
    pub fn load(&self) -> Result<Loaded> {
        let shown = self.path.display().to_string();
        let source = std::fs::read_to_string(self.path)
            .map_err(|err| anyhow::anyhow!(error::cannot_read(&shown, &err)))?;
        let file = parse::parse(&shown, &source)?;
        let dir = self.path.parent().unwrap_or(Path::new("")).to_path_buf();
        let imported = imports::load(&shown, self.path, &file)?;
        let env = env::variables(&dir, &self.env)?;
        Ok(Loaded {
            shown,
            file,
            dir,
            env,
            no_scripts: self.no_scripts,
            imported,
        })
    }
}

impl Loaded {
    /// The requests to send (all, or those named and what they use) and the file's
    /// scripts, every placeholder and body file checked, under `env`: the file's
    /// environment with a data row's values (`env_for`).
    pub fn plan_in<'a>(
        &'a self,
        env: &'a env::Environment,
        names: &[String],
        no_scripts: bool,
    ) -> Result<(Plans<'a>, script::Session<'a>)> {
        let files = setup::Files {
            shown: &self.shown,
            file: &self.file,
            dir: &self.dir,
            imported: &self.imported,
        };
        Plans::new(&files, env, names, no_scripts)
    }

    /// The data rows the file runs over: `data`'s (`--data`, relative to the working
    /// directory), else the file's `# @data` (relative to the file); `[None]`, one run
    /// without a row, when there is neither. A CSV that cannot be read, does not parse or
    /// has a short row is an error naming the file and line, before anything is sent.
    pub fn rows(&self, data: Option<&Path>) -> Result<Vec<Option<data::Row>>> {
        setup::data_rows(data, &self.shown, &self.file, &self.dir)
    }

    /// The file's environment with `row`'s values, which win over the file's variables
    /// (`--env-var` still wins over them).
    pub fn env_for(&self, row: Option<&data::Row>) -> env::Environment {
        setup::with_row(&self.env, row)
    }

    /// Runs every request of the file for `hit test`, under `env` (for a data row,
    /// `self.env_for(Some(row))`): nothing is printed, each request becomes a case in
    /// `cases` as it ends (so that an interrupted run keeps what ran).
    pub async fn record_in(
        &self,
        env: &env::Environment,
        context: &Context<'_>,
        cases: &RefCell<Vec<Case>>,
    ) -> Result<Exit> {
        let (plan, scripts) = self.plan_in(env, &[], self.no_scripts)?;
        let mut printer = Printer::new(&context.shared.output);
        let run = Run::new(&plan, scripts, context, Some(cases), shared::env_key(env));
        Ok(run.all(&mut printer).await)
    }
}

/// What the requests of a run share, whichever file they come from.
pub struct Context<'a> {
    pub options: &'a RunOptions,
    /// The profile the run loaded once, for every request.
    pub shared: &'a RunShared,
    pub terminal: Terminal,
    pub transport: &'a Transport,
    /// `--fail-fast`: the first failure ends the run.
    pub fail_fast: bool,
    /// `hit test`: the imported requests sent once for all files.
    pub imports: Option<&'a SharedImports>,
}
