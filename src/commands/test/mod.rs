//! `hit test [PATH …]`: `.http` files as a test suite. Every file is read, parsed and
//! checked before anything is sent; files run at once (`--jobs`), the requests of a file in
//! order over one kept-alive client; nothing of the exchanges is printed: a block per file
//! as it finishes, a summary, and the reports CI systems read.

mod discover;
pub mod report;
mod summary;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use futures_util::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};

use super::run_file::{Context, EnvChoice, Environment, FileTask, Loaded, SharedImports};
use crate::cli::TestArgs;
use crate::error::{Exit, usage};
use crate::output::Console;
use crate::settings::Settings;
use crate::transport::Transport;
use report::{Case, FileRun, ReportTarget, Suite, Verdict};
use summary::Paint;

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <TestArgs as clap::CommandFactory>::command()
}

/// Runs the suite: 0 when everything passed, 1 when a test failed, 130 when interrupted;
/// a usage or parse error is returned before anything is sent.
pub fn run(args: TestArgs) -> Result<Exit> {
    let reports = args
        .report
        .iter()
        .map(|raw| {
            raw.parse::<ReportTarget>()
                .map_err(|err| usage(format!("--report {raw}: {err}")))
        })
        .collect::<Result<Vec<_>>>()?;
    if args.options.learn.offline || args.options.learn.curl {
        return Err(usage(
            "hit test sends the requests it checks; 'hit run FILE --offline' (or --curl) \
             shows them without sending",
        ));
    }
    let paths = discover::files(&args.paths)?;
    let mut options = args.options.clone();
    // The exchanges are not printed: each request becomes a case.
    options.output.quiet = 2;
    let choice = EnvChoice::from(&args.env);
    let loaded = paths
        .iter()
        .map(|path| {
            let task = FileTask {
                path,
                env: choice.clone(),
                no_scripts: args.no_scripts,
            };
            task.load()
        })
        .collect::<Result<Vec<Loaded>>>()?;
    let units = units(&loaded, args.data.data.as_deref(), args.no_scripts)?;
    report::check_writable(&reports)?;
    let terminal = Console::terminal();
    let shared = Settings::for_run(&options, terminal)?;
    let transport = Transport::new(&shared.transport)?;
    let imports = SharedImports::default();
    let context = Context {
        options: &options,
        shared: &shared,
        terminal,
        transport: &transport,
        fail_fast: args.fail_fast,
        imports: Some(&imports),
    };
    let jobs = args.jobs.map_or_else(cpus, usize::from);
    let paint = Paint {
        palette: Console::new(&shared.output).palette(),
    };
    let suite = Runs::new(&paths, &loaded, &units, terminal.stderr && terminal.draws)
        .all(&context, jobs, &paint)?;
    let written = report::write(&reports, &suite);
    // A reader of stdout that went away (`| head`) does not change the verdict.
    let _ = Console::plain().print(summary::summary(&suite, &paint).as_bytes());
    written?;
    Ok(if suite.interrupted {
        Exit::Interrupted
    } else if suite.counts().failed > 0 {
        Exit::Failure
    } else {
        Exit::Success
    })
}

/// One run of a file: the file (an index into the loaded files) and, for a data-driven
/// file, its row and the environment with the row's values.
struct Unit {
    file: usize,
    row: Option<String>,
    env: Environment,
}

/// Every run of every file, each planned and checked (with its row's values) before
/// anything is sent.
fn units(loaded: &[Loaded], data: Option<&Path>, no_scripts: bool) -> Result<Vec<Unit>> {
    let mut units = Vec::new();
    for (file, loaded) in loaded.iter().enumerate() {
        for row in loaded.rows(data)? {
            let env = loaded.env_for(row.as_ref());
            loaded.plan_in(&env, &[], no_scripts)?;
            let row = row.map(|row| row.label);
            units.push(Unit { file, row, env });
        }
    }
    Ok(units)
}

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The files of the suite and what each has recorded so far: kept outside the work, so
/// that Ctrl-C, which drops the work, leaves what ran for the reports.
struct Runs<'a> {
    paths: &'a [PathBuf],
    loaded: &'a [Loaded],
    units: &'a [Unit],
    cases: Vec<RefCell<Vec<Case>>>,
    took: Vec<RefCell<Option<Duration>>>,
    bar: ProgressBar,
}

impl<'a> Runs<'a> {
    fn new(paths: &'a [PathBuf], loaded: &'a [Loaded], units: &'a [Unit], bars: bool) -> Runs<'a> {
        let bar =
            ProgressBar::with_draw_target(Some(units.len() as u64), Console::draw_target(bars));
        if let Ok(style) = ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(100));
        Runs {
            paths,
            loaded,
            units,
            cases: units.iter().map(|_| RefCell::default()).collect(),
            took: units.iter().map(|_| RefCell::default()).collect(),
            bar,
        }
    }

    /// Runs the files, `jobs` at once, saying each as it finishes; the suite, which is
    /// marked interrupted when Ctrl-C ended it.
    fn all(&self, context: &Context<'_>, jobs: usize, paint: &Paint) -> Result<Suite> {
        let started = SystemTime::now();
        let clock = Instant::now();
        let work = futures_util::stream::iter(0..self.units.len())
            .map(|at| self.one(context, at))
            .buffer_unordered(jobs.max(1))
            .for_each(|at| {
                self.said(at, paint);
                std::future::ready(())
            });
        let finished = super::runtime::until_interrupted(work)?;
        self.bar.finish_and_clear();
        let interrupted = finished.is_none();
        let files = (0..self.units.len())
            .filter(|&at| {
                !interrupted
                    || self.took[at].borrow().is_some()
                    || !self.cases[at].borrow().is_empty()
            })
            .map(|at| self.file_run(at, clock.elapsed()))
            .collect();
        Ok(Suite {
            started,
            duration: clock.elapsed(),
            interrupted,
            files,
        })
    }

    /// One file; its index when it is done.
    async fn one(&self, context: &Context<'_>, at: usize) -> usize {
        let clock = Instant::now();
        let cases = &self.cases[at];
        let unit = &self.units[at];
        let loaded = &self.loaded[unit.file];
        if let Err(err) = loaded.record_in(&unit.env, context, cases).await {
            // The file was checked before the run: what is left is a failure of its own.
            let path = &self.paths[unit.file];
            cases.borrow_mut().push(failed_to_run(path, &err));
        }
        self.took[at].replace(Some(clock.elapsed()));
        at
    }

    /// The file's block, written whole.
    fn said(&self, at: usize, paint: &Paint) {
        let block = summary::file_block(&self.file_run(at, Duration::ZERO), paint);
        self.bar.suspend(|| {
            let _ = Console::plain().print(block.as_bytes());
        });
        self.bar.inc(1);
    }

    fn file_run(&self, at: usize, unfinished: Duration) -> FileRun {
        let unit = &self.units[at];
        FileRun {
            path: self.paths[unit.file].display().to_string(),
            row: unit.row.clone(),
            cases: self.cases[at].borrow().clone(),
            duration: self.took[at].borrow().unwrap_or(unfinished),
        }
    }
}

/// A file that could not run, as one failed case.
fn failed_to_run(path: &std::path::Path, err: &anyhow::Error) -> Case {
    Case {
        name: path.display().to_string(),
        method: String::new(),
        url: String::new(),
        file: path.display().to_string(),
        line: 1,
        verdict: Verdict::Failed {
            reason: format!("{err:#}"),
        },
        checks: Vec::new(),
        attempts: 0,
        flaky: false,
        timing: report::Timing::default(),
        exchange: None,
        captures: Vec::new(),
    }
}
