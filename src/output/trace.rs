//! curl's side files: `-D FILE` (`--dump-header`), each response's head as received, and
//! `--trace FILE` (`--trace-ascii`), hit's `-v` view of the exchange without colour: the
//! requests as sent, body included, and the responses, heads and the bodies that reach
//! stdout. Each is written as the exchange goes; `-D -` writes to stdout.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use reqwest::Version;

use super::Printer;
use super::console::Stdout;
use crate::error::{cannot_write, usage};
use crate::files::special;
use crate::http::{PreparedRequest, ResponseHead, version_name};
use crate::settings::Sections;

/// Where the printer writes: stdout, or memory while a view is drawn for the trace file.
pub enum Sink {
    Stdout(Stdout),
    Memory(Vec<u8>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::Memory(bytes) => bytes.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Memory(_) => Ok(()),
        }
    }
}

/// A file named on the command line, created when first written to.
pub struct SideFile {
    path: PathBuf,
    /// `--clobber`: an existing file is replaced, not refused.
    clobber: bool,
    file: Option<BufWriter<File>>,
}

impl SideFile {
    pub fn new(path: &Path, clobber: bool) -> SideFile {
        SideFile {
            path: path.to_path_buf(),
            clobber,
            file: None,
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let path = &self.path;
        let failed = |e: io::Error| anyhow::anyhow!(cannot_write(path.display(), &e));
        if self.file.is_none() {
            let file = match special::create(path, self.clobber) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(usage(format!(
                        "'{}' exists; --clobber replaces it",
                        path.display()
                    )));
                }
                file => file.map_err(failed)?,
            };
            self.file = Some(BufWriter::new(file));
        }
        let file = self.file.as_mut().expect("opened above");
        file.write_all(bytes).map_err(failed)
    }

    fn flush(&mut self) -> Result<()> {
        let path = &self.path;
        match &mut self.file {
            Some(file) => file
                .flush()
                .map_err(|e| anyhow::anyhow!(cannot_write(path.display(), &e))),
            None => Ok(()),
        }
    }
}

/// `-D`'s bytes for a response head: the status line and the headers, CRLF-ended, then an
/// empty line, as curl writes them.
fn raw_head(head: &ResponseHead) -> Vec<u8> {
    let version = match head.version {
        Version::HTTP_2 => "HTTP/2",
        Version::HTTP_3 => "HTTP/3",
        other => version_name(other),
    };
    let mut out = format!("{version} {} {}\r\n", head.status.as_u16(), head.reason()).into_bytes();
    for (name, value) in &head.headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out
}

impl Printer {
    /// A response head for `-D` and `--trace`, whatever stdout shows of it.
    pub fn side_head(&mut self, head: &ResponseHead) -> Result<()> {
        self.dump_head(head)?;
        self.trace_head(head)
    }

    /// `-D`: a response head, as received.
    fn dump_head(&mut self, head: &ResponseHead) -> Result<()> {
        if self.dump_header.is_none() {
            return Ok(());
        }
        let bytes = raw_head(head);
        match &mut self.dump_header {
            // Written out at once, as curl does: `-D /dev/stderr` comes before the body.
            Some(Some(file)) => file.write(&bytes).and_then(|()| file.flush()),
            _ => self.write(&bytes),
        }
    }

    /// `--trace`: what `draw` shows, as `-v` shows it in a pipe (no colour, bytes as they
    /// came), written to the trace file.
    fn traced(&mut self, draw: impl FnOnce(&mut Printer) -> Result<()>) -> Result<()> {
        let Some(mut trace) = self.trace.take() else {
            return Ok(());
        };
        let memory = BufWriter::new(Sink::Memory(Vec::new()));
        let out = std::mem::replace(&mut self.out, memory);
        let palette = self.palette.take();
        let terminal = std::mem::replace(&mut self.terminal, false);
        let format = std::mem::replace(&mut self.format, false);
        let all = Sections {
            request_headers: true,
            request_body: true,
            response_headers: true,
            response_body: true,
            meta: false,
        };
        let sections = std::mem::replace(&mut self.sections, all);
        let drawn = draw(self);
        self.sections = sections;
        (self.palette, self.terminal, self.format) = (palette, terminal, format);
        let memory = std::mem::replace(&mut self.out, out).into_inner();
        let written = match memory {
            Ok(Sink::Memory(bytes)) => trace.write(&bytes),
            _ => Ok(()),
        };
        self.trace = Some(trace);
        drawn.and(written)
    }

    /// `--trace`: a request as `-v` shows it.
    pub(super) fn trace_request(
        &mut self,
        request: &PreparedRequest,
        version: Option<Version>,
    ) -> Result<()> {
        self.traced(|p| {
            p.request_head(request, version)?;
            p.request_body(request)
        })
    }

    /// `--trace`: a response head as `-v` shows it.
    fn trace_head(&mut self, head: &ResponseHead) -> Result<()> {
        self.traced(|p| p.head_lines(head))
    }

    /// `--trace`: body bytes as they came.
    pub(super) fn trace_body(&mut self, chunk: &[u8]) -> Result<()> {
        match &mut self.trace {
            Some(trace) => trace.write(chunk),
            None => Ok(()),
        }
    }

    /// Writes out what the side files hold.
    pub(super) fn flush_side_files(&mut self) -> Result<()> {
        if let Some(Some(dump)) = &mut self.dump_header {
            dump.flush()?;
        }
        match &mut self.trace {
            Some(trace) => trace.flush(),
            None => Ok(()),
        }
    }
}
