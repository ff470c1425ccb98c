//! Stdin as a stream of chunks. One thread reads it, so that what is read while deciding
//! about a body and what is streamed later come from one reader and nothing is lost between
//! them; a small channel keeps memory bounded whatever stdin's size.

use std::io::{self, Read};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use tokio::sync::{Mutex, mpsc};

/// Read size.
const CHUNK: usize = 64 * 1024;

static READER: OnceLock<Mutex<mpsc::Receiver<io::Result<Bytes>>>> = OnceLock::new();
static WAITING: AtomicBool = AtomicBool::new(false);

/// The next chunk of stdin, `None` at its end.
pub async fn next_chunk() -> Option<io::Result<Bytes>> {
    let reader = READER.get_or_init(start);
    let mut reader = reader.lock().await;
    let _waiting = Waiting::start();
    reader.recv().await
}

/// Marks the wait for stdin, until the read ends or is dropped unfinished (a time limit
/// or a response that came first).
struct Waiting;

impl Waiting {
    fn start() -> Waiting {
        WAITING.store(true, Ordering::Relaxed);
        Waiting
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITING.store(false, Ordering::Relaxed);
    }
}

/// Whether hit is waiting for stdin right now: for a time limit to say what it cut short.
pub fn is_waiting() -> bool {
    WAITING.load(Ordering::Relaxed)
}

fn start() -> Mutex<mpsc::Receiver<io::Result<Bytes>>> {
    let (sender, receiver) = mpsc::channel(2);
    std::thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        loop {
            let mut buf = vec![0; CHUNK];
            let read = match stdin.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    buf.truncate(n);
                    Ok(Bytes::from(buf))
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => Err(e),
            };
            let failed = read.is_err();
            if sender.blocking_send(read).is_err() || failed {
                break;
            }
        }
    });
    Mutex::new(receiver)
}

/// Whether stdin has bytes ready to read, checked without reading or waiting: a whole
/// regular file given to this command (`hit URL < file`), or a pipe or socket with bytes in
/// it. A file read part-way belongs to a loop around hit (`while read …; do hit …; done <
/// file`): its bytes are the loop's, not meant for hit.
#[cfg(unix)]
pub fn has_data_waiting() -> bool {
    use std::io::Seek;
    use std::os::fd::AsFd;
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    let mut file = std::fs::File::from(fd);
    if file.metadata().is_ok_and(|meta| meta.is_file()) {
        let at = file.stream_position().ok();
        return at == Some(0) && regular_file_len().is_some_and(|left| left > 0);
    }
    rustix::io::ioctl_fionread(io::stdin()).is_ok_and(|n| n > 0)
}

#[cfg(not(unix))]
pub fn has_data_waiting() -> bool {
    false
}

/// The bytes left in stdin when it is a regular file (`< file`), for a Content-Length.
#[cfg(unix)]
pub fn regular_file_len() -> Option<u64> {
    use std::io::Seek;
    use std::os::fd::AsFd;
    let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
    let mut file = std::fs::File::from(fd);
    let meta = file.metadata().ok()?;
    let at = file.stream_position().ok()?;
    // A size of 0 is what /proc and /sys files report, whatever they hold: unknown.
    (meta.is_file() && meta.len() > 0).then(|| meta.len().saturating_sub(at))
}

#[cfg(not(unix))]
pub fn regular_file_len() -> Option<u64> {
    None
}
