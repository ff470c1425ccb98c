//! Paths that may name something other than a regular file: a FIFO, a device, a link, a
//! terminal. Reading one never waits forever nor takes more than a limit; writing one never
//! replaces it (curl writes `-c /dev/null` in place, and so does hit).

use std::fs::{self, File, FileType};
use std::io::{self, ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::files::private;
use crate::http::duration::human;

/// How long a FIFO or a terminal may keep hit waiting, for data to read or room to write.
pub const WAIT: Duration = Duration::from_secs(10);

/// How many links a path may go through, as Linux allows (`ELOOP` past it).
const MAX_LINKS: usize = 40;

/// What `path` holds, at most `limit` bytes. A regular file is read as it is; a FIFO, a
/// pipe, a device or a terminal is read as long as it gives data, for at most `wait`; a
/// FIFO nobody writes to reads as empty.
pub fn read(path: &Path, limit: u64, wait: Duration) -> io::Result<Vec<u8>> {
    let file = open_nonblocking(path, false)?;
    let bytes = if file.metadata()?.is_file() {
        let mut bytes = Vec::new();
        (&file)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        bytes
    } else {
        read_waiting(&file, limit, wait)?
    };
    if bytes.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "it holds more than {} (the most hit reads)",
            size_name(limit)
        )));
    }
    Ok(bytes)
}

/// What the regular file at `path` holds, at most `limit` bytes; anything else (a FIFO, a
/// device, a directory) is refused without being read.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_nonblocking(path, false)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(io::Error::new(
            ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", kind_name(file_type)),
        ));
    }
    read(path, limit, WAIT)
}

/// Opens `path` for hit's output (`-o`, `-D`, `--trace`): a new file, or with `clobber`
/// a file replaced; an existing file is otherwise refused (`AlreadyExists`), even through
/// a link. A FIFO or a device (`/dev/null`, `/dev/stderr`) is written to, never replaced.
pub fn create(path: &Path, clobber: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if clobber {
        return options.create(true).truncate(true).open(path);
    }
    match options.clone().create_new(true).open(path) {
        Err(e)
            if e.kind() == ErrorKind::AlreadyExists
                && fs::metadata(path).is_ok_and(|m| !m.is_file()) =>
        {
            options.open(path)
        }
        opened => opened,
    }
}

/// Writes `bytes` to `path` as curl writes a cookie jar, without ever replacing what is not
/// a regular file: a regular file (or none yet) is replaced atomically and privately
/// (`private::write`), through any links to it, so that a link stays a link; a FIFO, a
/// device or the file behind stdout or stderr is written in place, appended to and never
/// truncated or created.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            Err(io::Error::new(ErrorKind::IsADirectory, "it is a directory"))
        }
        Ok(metadata)
            if metadata.is_file() && !is_std_stream(path, 1) && !is_std_stream(path, 2) =>
        {
            private::write(&link_target(path)?, bytes)
        }
        Ok(_) => write_in_place(path, bytes),
        Err(err) if err.kind() == ErrorKind::NotFound => private::write(&link_target(path)?, bytes),
        Err(err) => Err(err),
    }
}

/// Whether `path` is the file stdout writes to (`/dev/stdout`, or the file it is redirected
/// to), so that what goes there is written in order with the rest of stdout.
pub fn is_stdout(path: &Path) -> bool {
    is_std_stream(path, 1)
}

#[cfg(unix)]
fn is_std_stream(path: &Path, fd: i32) -> bool {
    // SAFETY: only looked at, for as long as this call; stdout and stderr stay open.
    let stream = unsafe { rustix::fd::BorrowedFd::borrow_raw(fd) };
    match (rustix::fs::fstat(stream), fs::metadata(path)) {
        (Ok(stream), Ok(file)) => same_file(&stream, &file),
        _ => false,
    }
}

/// Whether a stream and a file are one: the same device and inode.
#[cfg(unix)]
#[allow(clippy::unnecessary_cast)] // st_dev and st_ino are narrower than u64 on some systems
fn same_file(stream: &rustix::fs::Stat, file: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    stream.st_dev as u64 == file.dev() && stream.st_ino as u64 == file.ino()
}

#[cfg(not(unix))]
fn is_std_stream(_path: &Path, _fd: i32) -> bool {
    false
}

/// Where the links at the end of `path` lead: the file to replace, even when it does not
/// exist yet (a dangling link is followed, as `open` would create its target).
fn link_target(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other(format!(
        "it goes through more than {MAX_LINKS} links"
    )))
}

/// Appends `bytes` to what `path` already is, waiting at most `WAIT` for room.
#[cfg(unix)]
fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let file = open_nonblocking(path, true).map_err(|err| {
        if err.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) {
            io::Error::other("it is a FIFO that no process is reading")
        } else {
            err
        }
    })?;
    let deadline = Instant::now() + WAIT;
    let mut rest = bytes;
    while !rest.is_empty() {
        match rustix::io::write(&file, rest) {
            Ok(written) => rest = &rest[written..],
            Err(rustix::io::Errno::AGAIN) => wait_for(&file, false, deadline, WAIT)?,
            Err(rustix::io::Errno::INTR) => {}
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    open_nonblocking(path, true)?.write_all(bytes)
}

/// Reads a FIFO, pipe, device or terminal until its end, `limit + 1` bytes, or `wait`.
#[cfg(unix)]
fn read_waiting(file: &File, limit: u64, wait: Duration) -> io::Result<Vec<u8>> {
    let deadline = Instant::now() + wait;
    let mut bytes = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    while (bytes.len() as u64) <= limit {
        match rustix::io::read(file, &mut chunk[..]) {
            Ok(0) => break,
            Ok(read) => bytes.extend_from_slice(&chunk[..read]),
            Err(rustix::io::Errno::AGAIN) => wait_for(file, true, deadline, wait)?,
            Err(rustix::io::Errno::INTR) => {}
            Err(err) => return Err(err.into()),
        }
    }
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_waiting(file: &File, limit: u64, _wait: Duration) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Waits until `file` can be read (or written), failing at `deadline`, `wait` after the
/// start.
#[cfg(unix)]
fn wait_for(file: &File, reading: bool, deadline: Instant, wait: Duration) -> io::Result<()> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(gave_up(reading, wait));
    }
    let flags = if reading {
        PollFlags::IN
    } else {
        PollFlags::OUT
    };
    let timeout = Timespec::try_from(left).unwrap_or(Timespec {
        tv_sec: 1,
        tv_nsec: 0,
    });
    match poll(&mut [PollFd::new(file, flags)], Some(&timeout)) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(err) => Err(err.into()),
    }
}

/// The error of a wait that ran out: `nothing more arrived within 10 s`.
fn gave_up(reading: bool, wait: Duration) -> io::Error {
    let what = if reading {
        "nothing more arrived"
    } else {
        "nothing read what was written"
    };
    io::Error::new(
        ErrorKind::TimedOut,
        format!("{what} within {}", human(wait)),
    )
}

/// Opens without waiting for the other end of a FIFO (and so without hanging on one),
/// never creating or truncating anything.
fn open_nonblocking(path: &Path, writing: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    if writing {
        options.append(true);
    } else {
        options.read(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    options.open(path)
}

/// `a FIFO`, `a character device`, ...
fn kind_name(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "something else"
    }
}

/// `16 MiB`, `64 KiB`, `100 bytes`.
fn size_name(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_to_the_file_they_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::os::unix::fs::symlink("b", root.join("a")).unwrap();
        std::os::unix::fs::symlink(root.join("c"), root.join("b")).unwrap();
        assert_eq!(link_target(&root.join("a")).unwrap(), root.join("c"));
        assert_eq!(
            link_target(&root.join("plain")).unwrap(),
            root.join("plain")
        );
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        let err = link_target(&root.join("loop")).unwrap_err();
        assert_eq!(err.to_string(), "it goes through more than 40 links");
    }

    #[test]
    fn only_a_regular_file_is_read_where_one_is_expected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "12345").unwrap();
        assert_eq!(read_regular(&file, 5).unwrap(), b"12345");
        let err = read_regular(&file, 4).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it holds more than 4 bytes (the most hit reads)"
        );
        let err = read_regular(dir.path(), 5).unwrap_err();
        assert_eq!(err.to_string(), "it is a directory, not a regular file");
        let err = read_regular(Path::new("/dev/null"), 5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is a character device, not a regular file"
        );
        assert_eq!(read(Path::new("/dev/null"), 5, WAIT).unwrap(), b"");
    }

    /// A pipe's read end as a path (`-b -` reads `/dev/stdin`, the same kind of path), and
    /// its write end.
    fn pipe_path() -> (PathBuf, File, rustix::fd::OwnedFd) {
        let (reader, writer) = rustix::pipe::pipe().unwrap();
        let path = PathBuf::from(format!("/proc/self/fd/{}", {
            use std::os::fd::AsRawFd;
            reader.as_raw_fd()
        }));
        (path, File::from(reader), writer)
    }

    #[test]
    fn a_pipe_is_read_to_its_end_without_waiting_for_the_limit() {
        let (path, _reader, writer) = pipe_path();
        rustix::io::write(&writer, b"a\tb\n").unwrap();
        drop(writer);
        assert_eq!(read(&path, 64, WAIT).unwrap(), b"a\tb\n");
    }

    #[test]
    fn a_pipe_that_stays_silent_is_given_up_on_after_the_wait() {
        // What was written arrives; then the pipe stays open and silent, and a zero wait
        // has run out at the first pause (`hit -b -` waits WAIT, 10 s).
        let (path, _reader, writer) = pipe_path();
        rustix::io::write(&writer, b"part").unwrap();
        let err = read(&path, 64, Duration::ZERO).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TimedOut);
        assert_eq!(err.to_string(), "nothing more arrived within 0ms");
        drop(writer);
    }

    #[test]
    fn the_wait_is_named_as_durations_are() {
        assert_eq!(
            gave_up(true, WAIT).to_string(),
            "nothing more arrived within 10.0s"
        );
        assert_eq!(
            gave_up(false, WAIT).to_string(),
            "nothing read what was written within 10.0s"
        );
    }
}
