//! The one runtime every mode runs on, and what Ctrl-C does to it.

use std::future::Future;

use anyhow::Result;

/// Runs `work` to its end on a current-thread runtime.
pub fn block_on<T>(work: impl Future<Output = T>) -> Result<T> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(work))
}

/// Runs `work` until it ends, or until Ctrl-C drops it (`None`). The handler is in place
/// before `work` is first polled, so that nothing is sent before Ctrl-C is heard.
pub fn until_interrupted<T>(work: impl Future<Output = T>) -> Result<Option<T>> {
    block_on(async {
        let mut interrupted = std::pin::pin!(tokio::signal::ctrl_c());
        // Polling once installs the handler.
        let _ = futures_util::poll!(&mut interrupted);
        tokio::select! {
            done = work => Some(done),
            _ = &mut interrupted => None,
        }
    })
}
