//! The JavaScript engine behind the scripts: QuickJS through `rquickjs`, made once per run
//! on the first script. A context has only the language (no `require`, `fetch`, file,
//! process or module access); each script is bounded in time by an interrupt handler and
//! the run in memory (by the allocator, `memory.rs`).

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use rquickjs::{Context, Function, Runtime};

/// How long one script (with its tests) may run.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);
/// The memory all the scripts of a run may hold.
const MEMORY_LIMIT: usize = super::MEMORY_MIB << 20;
const STACK_LIMIT: usize = 1 << 20;

const PRELUDE: &str = include_str!("prelude.js");

pub struct Engine {
    context: Context,
    deadline: Rc<Cell<Instant>>,
    /// Set when the allocator refused memory.
    refused: Rc<Cell<bool>>,
    // Kept last: the context is dropped before its runtime.
    _runtime: Runtime,
}

impl Engine {
    pub fn new() -> Result<Engine, String> {
        let refused = Rc::new(Cell::new(false));
        let allocator = super::memory::Bounded::new(MEMORY_LIMIT, refused.clone());
        let runtime = Runtime::new_with_alloc(allocator).map_err(|err| err.to_string())?;
        runtime.set_max_stack_size(STACK_LIMIT);
        let deadline = Rc::new(Cell::new(Instant::now() + TIME_LIMIT));
        let until = deadline.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || Instant::now() > until.get())));
        let context = Context::full(&runtime).map_err(|err| err.to_string())?;
        let engine = Engine {
            context,
            deadline,
            refused,
            _runtime: runtime,
        };
        engine.context.with(|ctx| -> Result<(), String> {
            let digest =
                Function::new(ctx.clone(), super::digest::hex).map_err(|err| err.to_string())?;
            ctx.globals()
                .set("__hit_digest", digest)
                .map_err(|err| err.to_string())?;
            ctx.eval::<(), _>(PRELUDE)
                .map_err(|err| exception(&ctx, err))
        })?;
        Ok(engine)
    }

    /// Runs one script on `input` (JSON); its result as JSON, or why it failed. A script
    /// that was refused memory failed, whatever it caught or threw.
    pub fn run(&self, input: &str, source: &str) -> Result<String, String> {
        self.deadline.set(Instant::now() + TIME_LIMIT);
        self.refused.set(false);
        let result = self.evaluate(input, source);
        if self.refused.get() {
            return Err(format!(
                "out of memory (the scripts of a run may hold {} MiB)",
                super::MEMORY_MIB
            ));
        }
        result
    }

    fn evaluate(&self, input: &str, source: &str) -> Result<String, String> {
        self.context.with(|ctx| {
            let run: Function = ctx
                .globals()
                .get("__hit_run")
                .map_err(|err| err.to_string())?;
            run.call::<_, String>((input, source)).map_err(|err| {
                if Instant::now() > self.deadline.get() {
                    format!(
                        "the script ran longer than {}s and was stopped",
                        TIME_LIMIT.as_secs()
                    )
                } else {
                    exception(&ctx, err)
                }
            })
        })
    }
}

/// The text of a failed evaluation: the exception's name and message.
fn exception(ctx: &rquickjs::Ctx<'_>, err: rquickjs::Error) -> String {
    if !matches!(err, rquickjs::Error::Exception) {
        return err.to_string();
    }
    let thrown = ctx.catch();
    if let Some(exception) = thrown.as_exception() {
        let message = exception.message().unwrap_or_default();
        return match thrown
            .as_object()
            .and_then(|o| o.get::<_, String>("name").ok())
        {
            Some(name) => format!("{name}: {message}"),
            None => message,
        };
    }
    match thrown.as_string().and_then(|s| s.to_string().ok()) {
        Some(text) => text,
        None => format!("{thrown:?}"),
    }
}
