//! `--report KIND=PATH`: which reports a run writes and where, checked before anything is
//! sent and written atomically after the run.

use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::{Suite, html, json, junit, tap};
use crate::error::{cannot_write, io_reason, usage};

/// The report formats, as `--report` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// JUnit XML, as Jenkins, GitLab and GitHub test reporters read it.
    Junit,
    /// TAP version 14.
    Tap,
    /// hit's own JSON document (docs/test-report.schema.json).
    Json,
    /// A directory with one self-contained `index.html`.
    Html,
}

/// The kinds in the order usage errors list them.
const KINDS: &str = "junit=FILE, tap=FILE, json=FILE, html=DIR";

impl ReportKind {
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Junit => "junit",
            ReportKind::Tap => "tap",
            ReportKind::Json => "json",
            ReportKind::Html => "html",
        }
    }
}

/// One `--report KIND=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTarget {
    pub kind: ReportKind,
    /// The file, or for `html` the directory `index.html` is written into.
    pub path: PathBuf,
}

impl fmt::Display for ReportTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.kind.name(), self.path.display())
    }
}

impl FromStr for ReportTarget {
    type Err = String;

    /// `junit=out/junit.xml`; the message of an error is one line naming the kinds, which
    /// clap puts after `invalid value '…' for '--report <KIND=PATH>'`.
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let Some((kind, path)) = spec.split_once('=') else {
            return Err(format!("expected KIND=PATH, one of {KINDS}"));
        };
        let kind = match kind.trim().to_ascii_lowercase().as_str() {
            "junit" => ReportKind::Junit,
            "tap" => ReportKind::Tap,
            "json" => ReportKind::Json,
            "html" => ReportKind::Html,
            other => return Err(format!("unknown report kind '{other}': one of {KINDS}")),
        };
        if path.is_empty() {
            return Err(format!("'{}=' needs a path: one of {KINDS}", kind.name()));
        }
        Ok(ReportTarget {
            kind,
            path: PathBuf::from(path),
        })
    }
}

/// Checks, before any request is sent, that every report can be written: a file's directory
/// or an `html` directory exists and takes new files (tried by creating and removing one),
/// or can be created; a file's path is not a directory. The first
/// that cannot is a usage error (exit 2):
/// `--report junit=PATH: cannot write: REASON`.
pub fn check_writable(targets: &[ReportTarget]) -> anyhow::Result<()> {
    for target in targets {
        let checked = match target.kind {
            ReportKind::Html => check_directory(&target.path),
            _ => check_file(&target.path),
        };
        if let Err(reason) = checked {
            return Err(usage(format!("--report {target}: cannot write: {reason}")));
        }
    }
    Ok(())
}

/// A report file: its directory is made when it is missing, as CI configurations expect
/// of `--report junit=reports/junit.xml`.
fn check_file(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err("it is a directory".to_string());
    }
    check_directory(parent(path))
}

fn check_directory(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err("it is not a directory".to_string());
        }
        return probe(dir).map_err(|e| io_reason(&e));
    }
    // The nearest existing ancestor must take the directories `write` will create.
    let mut ancestor = parent(dir);
    while !ancestor.exists() {
        ancestor = match ancestor.parent() {
            Some(up) => parent_or_dot(up),
            None => return Err(format!("no directory '{}'", dir.display())),
        };
    }
    if !ancestor.is_dir() {
        return Err(format!("'{}' is not a directory", ancestor.display()));
    }
    probe(ancestor).map_err(|e| io_reason(&e))
}

/// Creates and removes a file in `dir`: permission bits cannot tell (root, ACLs, read-only
/// mounts), a try can.
fn probe(dir: &Path) -> io::Result<()> {
    let probe = temporary_in(dir, "hit-report-probe");
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    fs::remove_file(&probe)
}

/// Writes every report. A report that cannot be written does not stop the others; the
/// first failure is returned, naming the report and the file.
pub fn write(targets: &[ReportTarget], suite: &Suite) -> anyhow::Result<()> {
    let mut first = None;
    for target in targets {
        if let Err(err) = write_one(target, suite) {
            first.get_or_insert(err);
        }
    }
    first.map_or(Ok(()), Err)
}

fn write_one(target: &ReportTarget, suite: &Suite) -> anyhow::Result<()> {
    let (path, text) = match target.kind {
        ReportKind::Junit => (target.path.clone(), junit::render(suite)),
        ReportKind::Tap => (target.path.clone(), tap::render(suite)),
        ReportKind::Json => (target.path.clone(), json::render(suite)),
        ReportKind::Html => (target.path.join("index.html"), html::render(suite)),
    };
    let dir = parent(&path);
    fs::create_dir_all(dir).map_err(|e| cannot(target, dir, &e))?;
    write_atomic(&path, text.as_bytes()).map_err(|e| cannot(target, &path, &e))
}

/// `--report junit: cannot write 'PATH': REASON`, one line.
fn cannot(target: &ReportTarget, path: &Path, err: &io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "--report {}: {}",
        target.kind.name(),
        cannot_write(path.display(), err)
    )
}

/// Replaces `path` with `bytes` through a temporary file in the same directory and a rename,
/// so that a CI system never reads half a report (a run cut short by a full disk or a kill
/// leaves the previous report or none).
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = temporary_in(parent(path), &file_name(path));
    let result = write_new(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// `.NAME.PID-RANDOM.tmp` in `dir`: hidden, and unique among parallel runs.
fn temporary_in(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(
        ".{name}.{}-{:08x}.tmp",
        std::process::id(),
        fastrand::u32(..)
    ))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_string())
}

/// The directory a path is in: `.` for a bare file name.
fn parent(path: &Path) -> &Path {
    parent_or_dot(path.parent().unwrap_or(Path::new(".")))
}

fn parent_or_dot(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

#[cfg(test)]
#[path = "target_tests.rs"]
mod tests;
