//! `hit run FILE.http [NAME …]`: the requests of a `.http` file (JetBrains HTTP Client,
//! VS Code REST Client) sent in file order over one client, each printed as hit prints a
//! request. The whole file is checked before anything is sent. As the IDEs run a file,
//! cookies are kept between its requests, redirects are followed, and a failure skips only
//! the requests that use its response (`--fail-fast` stops the run).

mod build;
mod dynamic;
mod env;
mod failure;
mod jsonpath;
mod parse;
mod plan;
mod record;
mod runner;
mod saved;
mod script;
mod vars;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{RunArgs, RunOptions};
use crate::commands::test::report::Case;
use crate::error::{self, Exit};
use crate::output::{self, Printer};
use crate::settings::{RunShared, Settings, Terminal};
use crate::transport::Transport;
pub use env::EnvChoice;
use plan::Plan;
use runner::Run;

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
    let (plan, scripts) = loaded.plan(&args.names, task.no_scripts)?;
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
    };
    let run = Run::new(&plan, scripts, &context, None);
    match super::runtime::until_interrupted(run.all(&mut printer))? {
        Some(exit) => Ok(exit),
        None => {
            printer.interrupted();
            Ok(Exit::Interrupted)
        }
    }
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
}

impl FileTask<'_> {
    /// Reads and parses the file and finds its environment; nothing is sent.
    pub fn load(&self) -> Result<Loaded> {
        let shown = self.path.display().to_string();
        let source = std::fs::read_to_string(self.path)
            .map_err(|err| anyhow::anyhow!(error::cannot_read(&shown, &err)))?;
        let file = parse::parse(&shown, &source)?;
        let dir = self.path.parent().unwrap_or(Path::new("")).to_path_buf();
        let env = env::variables(&dir, &self.env)?;
        Ok(Loaded {
            shown,
            file,
            dir,
            env,
            no_scripts: self.no_scripts,
        })
    }
}

impl Loaded {
    /// The requests to send (all, or those named and what they use) and the file's
    /// scripts, every placeholder and body file checked.
    pub fn plan<'a>(
        &'a self,
        names: &[String],
        no_scripts: bool,
    ) -> Result<(Plan<'a>, script::Session<'a>)> {
        let plan = Plan::new(&self.shown, &self.file, &self.dir, names, &self.env)?;
        let scripts =
            script::Session::new(&self.shown, &plan, &self.dir, &self.env.values, no_scripts)?;
        plan.scripted.replace(scripts.names());
        plan.check()?;
        Ok((plan, scripts))
    }

    /// Checks the whole file: every request, placeholder, body file and script, as a
    /// run would before sending anything.
    pub fn check(&self) -> Result<()> {
        self.plan(&[], self.no_scripts).map(drop)
    }

    /// Runs every request of the file for `hit test`: nothing is printed, each request
    /// becomes a case in `cases` as it ends (so that an interrupted run keeps what ran).
    pub async fn record(&self, context: &Context<'_>, cases: &RefCell<Vec<Case>>) -> Result<Exit> {
        let (plan, scripts) = self.plan(&[], self.no_scripts)?;
        let mut printer = Printer::new(&context.shared.output);
        let run = Run::new(&plan, scripts, context, Some(cases));
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
}
