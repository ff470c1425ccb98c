//! `hit test [PATH …]`: `.http` files as a test suite. Every file is read, parsed and
//! checked before anything is sent; files run at once (`--jobs`), the requests of a file in
//! order over one kept-alive client; nothing of the exchanges is printed: a block per file
//! as it finishes, a summary, and the reports CI systems read.

mod discover;
// The report writers land with their own commit; until then only the model is used.
#[allow(dead_code)]
pub mod report;
mod summary;

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use futures_util::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};

use super::run_file::{Context, EnvChoice, FileTask, Loaded};
use crate::cli::TestArgs;
use crate::error::Exit;
use crate::output::Console;
use crate::settings::Settings;
use crate::transport::Transport;
use report::{Case, FileRun, Suite, Verdict};
use summary::Paint;

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <TestArgs as clap::CommandFactory>::command()
}

/// Runs the suite: 0 when everything passed, 1 when a test failed, 130 when interrupted;
/// a usage or parse error is returned before anything is sent.
pub fn run(args: TestArgs) -> Result<Exit> {
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
            let loaded = task.load()?;
            loaded.check()?;
            Ok(loaded)
        })
        .collect::<Result<Vec<Loaded>>>()?;
    let terminal = Console::terminal();
    let shared = Settings::for_run(&options, terminal)?;
    let transport = Transport::new(&shared.transport)?;
    let context = Context {
        options: &options,
        shared: &shared,
        terminal,
        transport: &transport,
        fail_fast: args.fail_fast,
    };
    let jobs = args.jobs.map_or_else(cpus, usize::from);
    let paint = Paint {
        color: Console::new(&shared.output).palette().is_some(),
    };
    let suite =
        Runs::new(&paths, &loaded, terminal.stderr && terminal.draws).all(&context, jobs, paint)?;
    Console::plain().print(summary::summary(&suite, paint).as_bytes())?;
    Ok(if suite.interrupted {
        Exit::Interrupted
    } else if suite.counts().failed > 0 {
        Exit::Failure
    } else {
        Exit::Success
    })
}

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The files of the suite and what each has recorded so far: kept outside the work, so
/// that Ctrl-C, which drops the work, leaves what ran for the reports.
struct Runs<'a> {
    paths: &'a [PathBuf],
    loaded: &'a [Loaded],
    cases: Vec<RefCell<Vec<Case>>>,
    took: Vec<RefCell<Option<Duration>>>,
    bar: ProgressBar,
}

impl<'a> Runs<'a> {
    fn new(paths: &'a [PathBuf], loaded: &'a [Loaded], bars: bool) -> Runs<'a> {
        let bar =
            ProgressBar::with_draw_target(Some(paths.len() as u64), Console::draw_target(bars));
        if let Ok(style) = ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(100));
        Runs {
            paths,
            loaded,
            cases: paths.iter().map(|_| RefCell::default()).collect(),
            took: paths.iter().map(|_| RefCell::default()).collect(),
            bar,
        }
    }

    /// Runs the files, `jobs` at once, saying each as it finishes; the suite, which is
    /// marked interrupted when Ctrl-C ended it.
    fn all(&self, context: &Context<'_>, jobs: usize, paint: Paint) -> Result<Suite> {
        let started = SystemTime::now();
        let clock = Instant::now();
        let work = futures_util::stream::iter(0..self.loaded.len())
            .map(|at| self.one(context, at))
            .buffer_unordered(jobs.max(1))
            .for_each(|at| {
                self.said(at, paint);
                std::future::ready(())
            });
        let finished = super::runtime::until_interrupted(work)?;
        self.bar.finish_and_clear();
        let interrupted = finished.is_none();
        let files = (0..self.paths.len())
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
        if let Err(err) = self.loaded[at].record(context, cases).await {
            // The file was checked before the run: what is left is a failure of its own.
            cases
                .borrow_mut()
                .push(failed_to_run(&self.paths[at], &err));
        }
        self.took[at].replace(Some(clock.elapsed()));
        at
    }

    /// The file's block, written whole.
    fn said(&self, at: usize, paint: Paint) {
        let block = summary::file_block(&self.file_run(at, Duration::ZERO), paint);
        self.bar.suspend(|| {
            let _ = Console::plain().print(block.as_bytes());
        });
        self.bar.inc(1);
    }

    fn file_run(&self, at: usize, unfinished: Duration) -> FileRun {
        FileRun {
            path: self.paths[at].display().to_string(),
            row: None,
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
