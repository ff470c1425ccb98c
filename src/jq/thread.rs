//! The filter's own thread: jaq runs beside the async runtime, not on it, so that Ctrl-C
//! and `-m` (awaited on the runtime) stop a filter that runs long (`last(range(1e12))`).
//! The thread has a large stack, and a guard for recursion deeper still (`overflow.rs`).
//!
//! Jobs go in over a channel; what a job writes (results, and the filter's own stderr)
//! comes out through a buffer the runtime side drains as it fills, so results are printed
//! as they are made, not only at the end. The runtime is woken when much is waiting or a
//! job ends, and looks every [`LOOK_EVERY`] otherwise: one wake per result would cost more
//! than the result (a `.[]` over a large array makes hundreds of thousands).

use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::time::Duration;

use tokio::sync::Notify;

use super::overflow;

/// The thread's stack. Input nests at most `MAX_DEPTH` levels, which needs a few MiB; the
/// rest is for filters that recurse, up to the guard.
pub const STACK: usize = 256 << 20;

/// How much output the thread holds before it waits for the runtime side to take it.
const HELD: usize = 1 << 20;
/// The runtime side is woken when this much output waits...
const WAKE_AT: usize = 64 << 10;
/// ...and otherwise looks this often, so a lone result shows without waiting for more.
const LOOK_EVERY: Duration = Duration::from_millis(20);

/// Where a piece of a job's output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// A result as JSON text.
    Json,
    /// A string result's own characters (`--raw-output`).
    Text,
    /// What the filter wrote to stderr (`stderr`, `halt_error`), as it wrote it.
    Stderr,
}

/// A job's output as the thread writes it.
pub struct Output<'a, D> {
    shared: &'a Shared<D>,
}

/// The runtime side stopped waiting (Ctrl-C, `-m`, a closed stdout).
#[derive(Debug, thiserror::Error)]
#[error("the filter's output is no longer read")]
pub struct Abandoned;

impl<D> Output<'_, D> {
    /// Hands on one piece, waiting while the runtime side has much to catch up on.
    pub fn write(&mut self, piece: Piece, bytes: &[u8]) -> Result<(), Abandoned> {
        let mut state = self.shared.lock();
        while state.bytes.len() >= HELD && !state.abandoned {
            self.shared.ready.notify_one();
            state = self
                .shared
                .drained
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
        if state.abandoned {
            return Err(Abandoned);
        }
        let before = state.bytes.len();
        state.bytes.extend_from_slice(bytes);
        let end = state.bytes.len();
        state.pieces.push((end, piece));
        if before < WAKE_AT && end >= WAKE_AT {
            self.shared.ready.notify_one();
        }
        Ok(())
    }
}

/// A thread that runs jobs of type J, each ending with a D.
pub struct Worker<J, D> {
    jobs: Option<mpsc::Sender<J>>,
    shared: Arc<Shared<D>>,
}

struct Shared<D> {
    state: Mutex<State<D>>,
    /// The thread waits here for the runtime side to take what it holds.
    drained: Condvar,
    /// The runtime side waits here.
    ready: Notify,
}

struct State<D> {
    bytes: Vec<u8>,
    /// Where each piece ends in `bytes`, and where it goes.
    pieces: Vec<(usize, Piece)>,
    /// The end of the job under way, once it has ended.
    done: Option<D>,
    abandoned: bool,
}

impl<D> Shared<D> {
    fn lock(&self) -> MutexGuard<'_, State<D>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<J: Send + 'static, D: Send + 'static> Worker<J, D> {
    /// Starts the thread; WORK runs each job. On the thread, recursion that reaches the
    /// end of its stack ends hit with OVERFLOW (one line, exit 1) instead of an abort.
    pub fn start(
        overflow: &'static str,
        mut work: impl FnMut(J, &mut Output<D>) -> D + Send + 'static,
    ) -> std::io::Result<Worker<J, D>> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                bytes: Vec::new(),
                pieces: Vec::new(),
                done: None,
                abandoned: false,
            }),
            drained: Condvar::new(),
            ready: Notify::new(),
        });
        let (jobs, inbox) = mpsc::channel::<J>();
        let theirs = shared.clone();
        std::thread::Builder::new()
            .name("hit-filter".to_string())
            .stack_size(STACK)
            .spawn(move || {
                overflow::guard_this_thread(overflow);
                for job in inbox {
                    let done = work(job, &mut Output { shared: &theirs });
                    theirs.lock().done = Some(done);
                    theirs.ready.notify_one();
                }
            })?;
        Ok(Worker {
            jobs: Some(jobs),
            shared,
        })
    }

    /// Runs JOB on the thread, giving each piece of its output to SHOW as it comes, and
    /// returns how it ended. An error from SHOW stops the job (the thread is told at its
    /// next output) and is returned.
    pub async fn run(
        &mut self,
        job: J,
        show: &mut dyn FnMut(Piece, &[u8]) -> anyhow::Result<()>,
    ) -> anyhow::Result<D> {
        let sent = self.jobs.as_ref().map(|jobs| jobs.send(job));
        if !matches!(sent, Some(Ok(()))) {
            anyhow::bail!("the filter's thread has stopped");
        }
        let (mut bytes, mut pieces) = (Vec::new(), Vec::new());
        loop {
            let done = {
                let mut state = self.shared.lock();
                std::mem::swap(&mut state.bytes, &mut bytes);
                std::mem::swap(&mut state.pieces, &mut pieces);
                state.done.take()
            };
            self.shared.drained.notify_one();
            let mut start = 0;
            for &(end, piece) in &pieces {
                if let Err(err) = show(piece, &bytes[start..end]) {
                    self.abandon();
                    return Err(err);
                }
                start = end;
            }
            bytes.clear();
            pieces.clear();
            if let Some(done) = done {
                return Ok(done);
            }
            let _ = tokio::time::timeout(LOOK_EVERY, self.shared.ready.notified()).await;
        }
    }

    fn abandon(&self) {
        self.shared.lock().abandoned = true;
        self.shared.drained.notify_all();
    }
}

impl<J, D> Drop for Worker<J, D> {
    /// The thread ends after its job; one still running (interrupted, or past `-m`) is told
    /// at its next output, and ends with the process otherwise.
    fn drop(&mut self) {
        self.jobs = None;
        self.shared.lock().abandoned = true;
        self.shared.drained.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn output_comes_in_order_and_jobs_end() {
        let mut worker = Worker::start("", |n: usize, out: &mut Output<usize>| {
            for i in 0..n {
                out.write(Piece::Json, i.to_string().as_bytes()).unwrap();
            }
            out.write(Piece::Stderr, b"done").unwrap();
            n
        })
        .unwrap();
        for n in [0, 3, 100_000] {
            let mut seen = Vec::new();
            let ended = worker
                .run(n, &mut |piece, bytes| {
                    seen.push((piece, String::from_utf8(bytes.to_vec()).unwrap()));
                    Ok(())
                })
                .await
                .unwrap();
            assert_eq!(ended, n);
            assert_eq!(seen.len(), n + 1);
            assert_eq!(seen[n], (Piece::Stderr, "done".to_string()));
            assert!(
                seen[..n]
                    .iter()
                    .enumerate()
                    .all(|(i, s)| s.1 == i.to_string())
            );
        }
    }

    #[tokio::test]
    async fn an_error_showing_stops_the_job() {
        let mut worker = Worker::start("", |_: (), out: &mut Output<bool>| {
            // Writes until told that no one reads.
            (0..).any(|_| out.write(Piece::Json, &[b'1'; 1000]).is_err())
        })
        .unwrap();
        let err = worker
            .run((), &mut |_, _| anyhow::bail!("stdout closed"))
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "stdout closed");
    }
}
