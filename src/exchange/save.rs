//! Saving a response body to a file (SPEC §7): `-o FILE`, `-O`, `-J`, `--clobber` and
//! resuming with `-C -`. What to do with each response is `download::decide`; this is the
//! doing: opening the file, streaming into it, and saying what happened.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, anyhow};
use reqwest::{Method, StatusCode, Url};

use crate::error::{HitError, cannot_write, usage};
use crate::files::special;
use crate::http::{ResponseHead, shown};
use crate::output::{Partial, Printer, progress};
use crate::policy::download::{self, FileAction, KeepReason, MAX_SUFFIX};
use crate::settings::{SaveSettings, Target};
use crate::transport::{Incoming, TooLarge};

/// Write buffer for downloads.
const WRITE_BUFFER: usize = 256 * 1024;

/// A download decided before the request is sent: the file name as far as it is known, and
/// where a resumed download starts.
#[derive(Debug)]
pub struct DownloadPlan {
    save: SaveSettings,
    /// The `-o` name, or the name from the URL path (`None`: the URL has none, and `-J` must
    /// find one in the response).
    path: Option<PathBuf>,
    /// Bytes already on disk that `-C -` continues after.
    pub offset: u64,
}

/// What a download did.
#[derive(Debug)]
pub struct Saved {
    /// The file written, if any.
    pub path: Option<PathBuf>,
    /// Body bytes received.
    pub size: u64,
    /// `-C -` got 416 for a file that is already whole: a success.
    pub already_complete: bool,
    /// A 4xx/5xx body kept out of the file.
    pub withheld: Option<Withheld>,
}

/// An error page that was not saved (SPEC §7: it is not the file that was asked for).
#[derive(Debug)]
pub struct Withheld {
    /// Its first `output::EXCERPT` bytes, for stderr.
    pub excerpt: Vec<u8>,
    /// Its whole size.
    pub size: u64,
    /// What became of the file: `'a.bin' not written`, `'a.bin' left as it was (9 bytes)`.
    pub file: String,
}

impl Saved {
    fn nothing(size: u64) -> Saved {
        Saved {
            path: None,
            size,
            already_complete: false,
            withheld: None,
        }
    }
}

impl DownloadPlan {
    /// Checks what can be checked before sending: that `-O` has a name to use, that `-o`
    /// does not replace a file by accident, and how much of the file `-C -` already has.
    pub fn new(save: &SaveSettings, url: &Url) -> Result<DownloadPlan> {
        let path = match &save.target {
            Target::Named(path) => Some(path.clone()),
            Target::Remote { from_header } => {
                let name = download::name_from_url(url);
                if name.is_none() && !from_header {
                    return Err(usage(format!(
                        "-O: the URL '{}' has no file name at the end of its path; name the \
                         file with -o FILE",
                        shown(url)
                    )));
                }
                name.map(PathBuf::from)
            }
        };
        let existing = path.as_deref().and_then(|p| std::fs::metadata(p).ok());
        let offset = match &existing {
            Some(meta) if save.resume && meta.is_file() => meta.len(),
            _ => 0,
        };
        if let (Target::Named(path), Some(meta)) = (&save.target, &existing)
            && meta.is_file()
            && !save.clobber
            && !save.resume
        {
            return Err(exists(path));
        }
        Ok(DownloadPlan {
            save: save.clone(),
            path,
            offset,
        })
    }

    /// Whether `--fail` should leave this response to the download: a 416 to `-C -` says
    /// the file is whole, which is a success.
    pub fn handles_error(&self, status: StatusCode) -> bool {
        self.offset > 0 && status == StatusCode::RANGE_NOT_SATISFIABLE
    }

    /// Streams the body of `incoming` into the file, or leaves the file alone when the
    /// response is not the body it asked for.
    pub async fn save(
        &self,
        incoming: &mut Incoming,
        method: &Method,
        printer: &mut Printer,
    ) -> Result<Saved> {
        let response = &incoming.head;
        let planned = self.planned();
        let offset = self.offset;
        let error_bodies = self.save.error_bodies;
        let action = download::decide(
            method,
            response.status,
            &response.headers,
            offset,
            error_bodies,
        )
        .map_err(|why| {
            HitError::BodyBroken(format!(
                "cannot resume '{planned}': {why}; the file is left as it was"
            ))
        })?;
        let write_from = match action {
            FileAction::Append => offset,
            FileAction::Write => 0,
            FileAction::Restart => {
                printer.warning(&format!(
                    "the server sent the whole body (200 OK, not 206 Partial Content): \
                     downloading '{planned}' again from the start"
                ));
                0
            }
            FileAction::Keep(kept) => return self.keep(kept, incoming, printer).await,
        };
        self.write(incoming, write_from, printer).await
    }

    /// Creates the file as planned (`-O`: beside an existing one), for what is not one
    /// response's body (`--paginate`'s merged pages).
    pub fn create(&self, printer: &mut Printer) -> Result<(PathBuf, File)> {
        let (path, file) = self.open(self.path.as_deref(), false)?;
        if let Some(planned) = self.path.as_ref().filter(|planned| **planned != path) {
            printer.note(&format!(
                "'{}' exists; saving to '{}' (--clobber replaces it)",
                planned.display(),
                path.display()
            ));
        }
        Ok((path, file))
    }

    /// The name planned before the response, for messages.
    fn planned(&self) -> String {
        let planned = self.path.as_deref().unwrap_or(Path::new(""));
        planned.display().to_string()
    }

    /// Reads a body that is not written, and says why the file was left alone.
    async fn keep(
        &self,
        kept: KeepReason,
        incoming: &mut Incoming,
        printer: &mut Printer,
    ) -> Result<Saved> {
        if kept == KeepReason::Status {
            return self.withhold(incoming).await;
        }
        let size = incoming.drain().await?;
        let (planned, offset) = (self.planned(), self.offset);
        match kept {
            KeepReason::NoBody | KeepReason::Status => {}
            KeepReason::Complete { stated } => {
                printer.note(&if stated {
                    format!("'{planned}' is already complete ({offset} bytes)")
                } else {
                    format!(
                        "'{planned}' is taken to be complete ({offset} bytes): the server has \
                         nothing after its end"
                    )
                });
                return Ok(Saved {
                    already_complete: true,
                    ..Saved::nothing(size)
                });
            }
            KeepReason::Mismatch { total } => printer.warning(&format!(
                "'{planned}' left as it was: it has {offset} bytes and the server's copy \
                 {total}; run again with --clobber instead of -C - to download it anew"
            )),
        }
        Ok(Saved::nothing(size))
    }

    /// Reads an error page instead of saving it, keeping its start for stderr.
    async fn withhold(&self, incoming: &mut Incoming) -> Result<Saved> {
        let (excerpt, size) = incoming.read_prefix(crate::output::EXCERPT).await?;
        let planned = self.planned();
        let file = match self.offset {
            0 if planned.is_empty() => "nothing saved".to_string(),
            0 => format!("'{planned}' not written"),
            offset => format!("'{planned}' left as it was ({offset} bytes)"),
        };
        Ok(Saved {
            withheld: Some(Withheld {
                excerpt,
                size,
                file,
            }),
            ..Saved::nothing(size)
        })
    }

    /// Writes the body into the file from byte `write_from`.
    async fn write(
        &self,
        incoming: &mut Incoming,
        write_from: u64,
        printer: &mut Printer,
    ) -> Result<Saved> {
        let response = &incoming.head;
        let expected = download::content_range(&response.headers).and_then(|r| r.total);
        let wanted = self.wanted(response);
        let (path, file) = self.open(wanted.as_deref(), write_from > 0)?;
        let shown = path.display().to_string();
        if let Some(wanted) = &wanted
            && *wanted != path
        {
            printer.note(&format!(
                "'{}' exists; saving to '{shown}' (--clobber replaces it)",
                wanted.display()
            ));
        }
        // A device (`-o /dev/null`) cannot be resumed.
        let regular = file.metadata().is_ok_and(|m| m.is_file());
        let quoted = shlex::try_quote(&shown).map_or_else(|_| shown.clone(), |q| q.into_owned());
        let resume = regular.then(|| format!("-o {quoted} -C -"));
        let total = incoming.length.map(|n| n + write_from);
        let bar = progress::bar(printer.shows_progress(), total, write_from, &shown);
        let started = Instant::now();
        if let Some(resume) = &resume {
            // If Ctrl-C ends the run, the printer says what was kept.
            printer.downloading(Partial {
                path: shown.clone(),
                resume: resume.clone(),
                kept: write_from,
            });
        }
        let mut writer = BufWriter::with_capacity(WRITE_BUFFER, Counted { file, written: 0 });
        let stopped = pump(incoming, &mut writer, &bar, printer, write_from).await;
        bar.finish_and_clear();
        printer.download_ended();
        // What reached the file, not what was handed to its buffer.
        let kept = write_from + writer.get_ref().written;
        let received = match stopped {
            Ok(received) => received,
            Err(Stopped::Writing(e)) => {
                return Err(anyhow!(cannot_write(&shown, &e)).context(incomplete(
                    &shown,
                    kept,
                    resume.as_deref(),
                )));
            }
            // A body past --max-filesize is not one to resume.
            Err(Stopped::Reading(err)) if err.is::<TooLarge>() => {
                return Err(err.context(incomplete(&shown, kept, None)));
            }
            Err(Stopped::Reading(err)) => {
                return Err(err.context(incomplete(&shown, kept, resume.as_deref())));
            }
        };
        if let Some(total) = expected.filter(|total| kept < *total) {
            let again = resume.as_deref().unwrap_or("-C -");
            printer.warning(&format!(
                "'{shown}' has {kept} of {total} bytes: the server sent less than the rest \
                 ({again} asks again)"
            ));
        }
        if printer.shows_progress() {
            let mut line = progress::summary("saved", received, "to", &shown, started.elapsed());
            if write_from > 0 {
                line.push_str(&format!(" (after the {write_from} bytes already there)"));
            }
            printer.note(&line);
        }
        Ok(Saved {
            path: Some(path),
            ..Saved::nothing(received)
        })
    }

    /// The name the file should have: the planned one, or the server's with `-J`.
    fn wanted(&self, response: &ResponseHead) -> Option<PathBuf> {
        match &self.save.target {
            Target::Remote { from_header: true } => download::name_from_header(&response.headers)
                .map(PathBuf::from)
                .or_else(|| self.path.clone()),
            _ => self.path.clone(),
        }
    }

    /// Opens the file to write: to append to, to replace, or new. With `-O`/`-J` and an
    /// existing file, the first free `name-N.ext`.
    fn open(&self, wanted: Option<&Path>, append: bool) -> Result<(PathBuf, File)> {
        let cannot = |path: &Path, e: io::Error| anyhow!(cannot_write(path.display(), &e));
        let open = |path: PathBuf, options: &OpenOptions| match options.open(&path) {
            Ok(file) => Ok((path, file)),
            Err(e) => Err(cannot(&path, e)),
        };
        let Some(path) = wanted.map(Path::to_path_buf) else {
            return Err(anyhow!(
                "-J: the response has no file name in Content-Disposition and the URL has \
                 none at the end of its path; name the file with -o FILE"
            ));
        };
        if append {
            return open(path, OpenOptions::new().append(true));
        }
        if let Some(dir) = path.parent().filter(|_| self.save.create_dirs) {
            std::fs::create_dir_all(dir).map_err(|e| cannot(dir, e))?;
        }
        if self.save.clobber || self.save.resume {
            return special::create(&path, true)
                .map(|file| (path.clone(), file))
                .map_err(|e| cannot(&path, e));
        }
        // `create_new`: a file that appeared since `DownloadPlan::new` is not replaced either.
        let last = match self.save.target {
            Target::Named(_) => 0,
            Target::Remote { .. } => MAX_SUFFIX,
        };
        for n in 0..=last {
            let candidate = if n == 0 {
                path.clone()
            } else {
                download::with_suffix(&path, n)
            };
            // `-o /dev/null`, a FIFO: written to, never replaced.
            match special::create(&candidate, false) {
                Ok(file) => return Ok((candidate, file)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot(&candidate, e)),
            }
        }
        Err(match self.save.target {
            Target::Named(_) => exists(&path),
            Target::Remote { .. } => anyhow!(
                "'{}' and {MAX_SUFFIX} numbered names beside it exist; --clobber replaces it",
                path.display()
            ),
        })
    }
}

/// Why a download stopped early.
enum Stopped {
    Reading(anyhow::Error),
    Writing(io::Error),
}

/// Moves the body into the file, returning the bytes received.
async fn pump(
    incoming: &mut Incoming,
    writer: &mut BufWriter<Counted>,
    bar: &indicatif::ProgressBar,
    printer: &mut Printer,
    write_from: u64,
) -> Result<u64, Stopped> {
    let mut received = 0u64;
    let read = loop {
        match incoming.chunk().await {
            Ok(Some(chunk)) => {
                if let Err(e) = writer.write_all(&chunk) {
                    break Err(Stopped::Writing(e));
                }
                received += chunk.len() as u64;
                printer.downloaded(write_from + received);
                bar.inc(chunk.len() as u64);
            }
            Ok(None) => break Ok(received),
            Err(err) => break Err(Stopped::Reading(err)),
        }
    };
    // What did arrive is kept, even when reading failed.
    let flushed = writer.flush();
    match (read, flushed) {
        (Ok(received), Ok(())) => Ok(received),
        (Ok(_), Err(e)) => Err(Stopped::Writing(e)),
        (Err(stopped), _) => Err(stopped),
    }
}

/// The line for a file left incomplete: how much it has, and how to resume it.
fn incomplete(shown: &str, kept: u64, resume: Option<&str>) -> String {
    match resume {
        Some(resume) => format!("'{shown}' is incomplete ({kept} bytes kept; {resume} resumes it)"),
        None => format!("writing to '{shown}' stopped after {kept} bytes"),
    }
}

/// A file that counts the bytes written to it.
struct Counted {
    file: File,
    written: u64,
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

fn exists(path: &Path) -> anyhow::Error {
    usage(format!(
        "'{}' exists; --clobber replaces it, -C - resumes it",
        path.display()
    ))
}
