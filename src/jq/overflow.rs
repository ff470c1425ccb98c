//! Recursion without end in a filter (`def f: 1+f; f`, `fromjson` of a deeply nested
//! string) as one line and exit 1, not an abort.
//!
//! jaq evaluates recursively and offers no depth limit, so a filter can use up any stack: a
//! larger one only delays the end. The filter thread records where its stack's guard
//! region lies; a SIGSEGV/SIGBUS handler, running on the alternate signal stack std gives
//! each thread, that finds the faulting address there writes the thread's line with
//! write(2) and calls `_exit(1)`: a thread that overflowed cannot go on, and nothing but
//! async-signal-safe calls may run in the handler. Any other fault goes to the handler that
//! was there before (std's, which reports an overflow of another thread's stack), or to
//! the default action. This is how std itself tells an overflow from another fault.

#[cfg(unix)]
pub use unix::{guard_this_thread, report_as};

/// Without the handler (not unix), an overflow aborts as Rust's does.
#[cfg(not(unix))]
pub fn guard_this_thread(_message: &'static str) {}

#[cfg(not(unix))]
pub fn report_as(_message: &'static str) {}

#[cfg(unix)]
mod unix {
    use std::cell::Cell;
    use std::sync::{Once, OnceLock};

    thread_local! {
        /// This thread's guard region (`start..end`), empty when it has none.
        static GUARD: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
        /// The line to write when this thread overflows.
        static MESSAGE: Cell<&'static str> = const { Cell::new("") };
    }

    /// The handlers for SIGSEGV and SIGBUS before hit's.
    static PREVIOUS: OnceLock<[libc::sigaction; 2]> = OnceLock::new();
    const SIGNALS: [libc::c_int; 2] = [libc::SIGSEGV, libc::SIGBUS];

    /// How far below the stack a fault still counts as an overflow: a frame larger than
    /// the guard page, where the compiler's stack probes do not reach.
    const SLACK: usize = 64 << 10;

    /// Makes an overflow of the calling thread's stack end hit with MESSAGE (a whole line).
    pub fn guard_this_thread(message: &'static str) {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(install);
        ensure_alternate_stack();
        if let Some(guard) = guard_region() {
            GUARD.with(|g| g.set(guard));
            MESSAGE.with(|m| m.set(message));
        }
    }

    /// Changes the line a guarded thread's overflow ends hit with (the filter, a check).
    pub fn report_as(message: &'static str) {
        MESSAGE.with(|m| m.set(message));
    }

    fn install() {
        // SAFETY: sigaction with valid pointers; the previous actions are kept before the
        // new handler can run, so it always finds them.
        unsafe {
            let mut previous: [libc::sigaction; 2] = std::mem::zeroed();
            for (signal, old) in SIGNALS.iter().zip(previous.iter_mut()) {
                libc::sigaction(*signal, std::ptr::null(), old);
            }
            let _ = PREVIOUS.set(previous);
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fault as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            for signal in SIGNALS {
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    }

    /// std gives its threads an alternate signal stack when its own handler is in place;
    /// if this one has none, it gets one (kept for the thread's life), or the handler
    /// could not run on an exhausted stack.
    fn ensure_alternate_stack() {
        const SIZE: usize = 64 << 10;
        // SAFETY: sigaltstack reads and sets this thread's alternate stack; the memory
        // given to it is leaked, so it outlives the thread.
        unsafe {
            let mut current: libc::stack_t = std::mem::zeroed();
            if libc::sigaltstack(std::ptr::null(), &mut current) != 0
                || current.ss_flags & libc::SS_DISABLE == 0
            {
                return;
            }
            let memory: &'static mut [u8] = Box::leak(vec![0u8; SIZE].into_boxed_slice());
            let stack = libc::stack_t {
                ss_sp: memory.as_mut_ptr().cast(),
                ss_flags: 0,
                ss_size: SIZE,
            };
            libc::sigaltstack(&stack, std::ptr::null_mut());
        }
    }

    /// The calling thread's guard region, with [`SLACK`] below it.
    #[cfg(target_os = "linux")]
    fn guard_region() -> Option<(usize, usize)> {
        // SAFETY: the attribute object is initialised by pthread_getattr_np before it is
        // read, and destroyed after.
        unsafe {
            let mut attr: libc::pthread_attr_t = std::mem::zeroed();
            if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
                return None;
            }
            let (mut guard, mut size) = (0usize, 0usize);
            let mut low = std::ptr::null_mut::<libc::c_void>();
            let got = libc::pthread_attr_getguardsize(&attr, &mut guard) == 0
                && libc::pthread_attr_getstack(&attr, &mut low, &mut size) == 0;
            libc::pthread_attr_destroy(&mut attr);
            let page = usize::try_from(libc::sysconf(libc::_SC_PAGESIZE)).unwrap_or(4096);
            let guard = guard.max(page);
            // glibc has placed the guard both inside and below the reported stack.
            let low = low as usize;
            got.then(|| (low.saturating_sub(guard + SLACK), low + guard))
        }
    }

    #[cfg(target_os = "macos")]
    fn guard_region() -> Option<(usize, usize)> {
        // SAFETY: plain queries about the calling thread.
        unsafe {
            let thread = libc::pthread_self();
            let top = libc::pthread_get_stackaddr_np(thread) as usize;
            let low = top - libc::pthread_get_stacksize_np(thread);
            let page = usize::try_from(libc::sysconf(libc::_SC_PAGESIZE)).unwrap_or(4096);
            Some((low.saturating_sub(page + SLACK), low))
        }
    }

    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    fn guard_region() -> Option<(usize, usize)> {
        None
    }

    #[cfg(target_os = "linux")]
    unsafe fn fault_address(info: *mut libc::siginfo_t) -> usize {
        // SAFETY: the kernel fills si_addr for SIGSEGV and SIGBUS.
        unsafe { (*info).si_addr() as usize }
    }

    #[cfg(not(target_os = "linux"))]
    unsafe fn fault_address(info: *mut libc::siginfo_t) -> usize {
        // SAFETY: the kernel fills si_addr for SIGSEGV and SIGBUS.
        unsafe { (*info).si_addr as usize }
    }

    extern "C" fn on_fault(
        signal: libc::c_int,
        info: *mut libc::siginfo_t,
        context: *mut libc::c_void,
    ) {
        // SAFETY: only async-signal-safe calls (write, _exit, sigaction) and reads of
        // constant-initialised thread-locals happen here.
        unsafe {
            let address = fault_address(info);
            let (start, end) = GUARD.with(Cell::get);
            if start <= address && address < end {
                let line = MESSAGE.with(Cell::get);
                libc::write(2, line.as_ptr().cast(), line.len());
                libc::_exit(1);
            }
            let index = usize::from(signal == libc::SIGBUS);
            let previous = PREVIOUS.get().map(|all| all[index]);
            match previous {
                Some(action)
                    if action.sa_sigaction != libc::SIG_DFL
                        && action.sa_sigaction != libc::SIG_IGN =>
                {
                    if action.sa_flags & libc::SA_SIGINFO != 0 {
                        let handler: extern "C" fn(
                            libc::c_int,
                            *mut libc::siginfo_t,
                            *mut libc::c_void,
                        ) = std::mem::transmute(action.sa_sigaction);
                        handler(signal, info, context);
                    } else {
                        let handler: extern "C" fn(libc::c_int) =
                            std::mem::transmute(action.sa_sigaction);
                        handler(signal);
                    }
                }
                // Back to the default action: returning retries the access, which then
                // ends the process as it would have without hit's handler.
                _ => {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = libc::SIG_DFL;
                    libc::sigaction(signal, &action, std::ptr::null_mut());
                }
            }
        }
    }
}
