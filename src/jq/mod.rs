//! jq programs (`--jq`) and checks (`--check`) over JSON bodies, through jaq.
//!
//! Names: the *program* is what `--jq` gives ([`Program`]); the *checks* are `--check`'s
//! ([`Check`]); the *filter* is both at work on a body (`FilterSettings`, the filter's
//! thread, `exchange/filter.rs`).
//!
//! A program is compiled once ([`Program::compile`]) and run over each JSON text (a body, or
//! one NDJSON value). Numbers keep their text where a program only selects them (jaq keeps
//! big integers exact and decimals as written), object keys keep their order, and results
//! are written as compact, valid JSON (see `value.rs` for where that differs from jaq's
//! own printer).
//!
//! Variables: `--arg NAME VALUE` (a string), `--argjson NAME JSON` (a value), and hit's
//! own: `$__status` (number), `$__url` (string) and `$__headers`: an object from the
//! lower-cased header name to its value, repeated headers joined with ", " in arrival
//! order, except `set-cookie`, which is always an array of strings (one per header line),
//! as cookies may themselves contain ", ". `$ENV` is the environment, as in jq.
//! `$__cookies`: the cookies the response set, name → value (from its Set-Cookie lines, a
//! later one of a name winning); `$__size`: the body's size in bytes, decoded;
//! `$__version`: `"HTTP/1.1"`, `"HTTP/2"`; `$__timing`: the exchange's phases in
//! milliseconds, `{total, ttfb, dns, connect, tls}` (see `http::timing`): `dns`, `connect`
//! and `tls` are null when they did not happen (a connection already open; an address in
//! the URL or a Unix socket has no lookup; http has no handshake). For one value of an
//! NDJSON stream, `$__size` and `$__timing.total` are as far as the body was read.
//! `$__event`: for one event of a `text/event-stream`, `{event, id, retry, data}` (its type,
//! `message` unless it named one; its own `id` and `retry` lines, null when it had none;
//! its data as received, a string); null for anything that is not an event.

mod capture;
mod check;
mod diagnose;
mod job;
mod overflow;
mod syntax;
mod thread;
mod value;

#[cfg(test)]
mod check_tests;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use jaq_core::load::parse::Def;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data};
use jaq_json::Val;

use crate::http::timing::Timing;

pub use capture::Capture;
pub use check::Check;
pub use job::{CHECK_TOO_DEEP, Filters, Finished, JQ_TOO_DEEP, Job};
pub use overflow::report_as as report_overflow_as;
pub use syntax::assigns;
pub use thread::{Piece, Worker};
pub use value::Json;

type Data = data::JustLut<Val>;
type Filter = jaq_core::Filter<Data>;

/// What an exchange tells a filter: its status, headers, URL, HTTP version, body size and
/// timing.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub status: u16,
    /// Names in any case: they are lower-cased for `$__headers`.
    pub headers: Vec<(String, String)>,
    pub url: String,
    /// `HTTP/1.1`, `HTTP/2`.
    pub version: String,
    /// Body bytes read (after decoding).
    pub size: u64,
    pub timing: Timing,
    /// The event of an event stream the input is the data of.
    pub event: Option<crate::http::event_stream::Event>,
}

/// A user's variable: `--arg NAME VALUE` or `--argjson NAME JSON`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    Str(String),
    /// JSON text; [`Program::compile`] rejects one that does not parse.
    Json(String),
}

/// Why running a filter over one input did not complete.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The input is not JSON; the parser's own words (with a byte offset).
    #[error("not JSON: {0}")]
    NotJson(String),
    /// The input nests arrays and objects deeper than [`MAX_DEPTH`].
    #[error("JSON nested deeper than {0} levels")]
    TooDeep(usize),
    /// The filter failed at run time (`.a` on a number, `error("…")`): jaq's message.
    #[error("{0}")]
    Filter(String),
    /// The filter called `halt` or `halt_error`, with this exit code (what `halt_error`
    /// wrote has been handed on).
    #[error("the filter halted with exit code {0}")]
    Halt(i32),
    /// `out` failed (a closed pipe, say).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// How deep arrays and objects may nest in an input (a body, `--argjson`): jaq's parser,
/// printer and drop are recursive, so a hostile body must not overflow the stack (a debug
/// build on a 2 MiB thread stack handles 1000 levels; a release build 4000). `--argjson`
/// is read on the main thread, before the filter thread starts.
pub const MAX_DEPTH: usize = 512;

/// A compiled program, reusable for many inputs.
pub struct Program {
    filter: Filter,
    args: Vec<Arg>,
    /// For a program `.[] | F` (or `.[].a…`): F compiled, to stream a top-level array.
    per_element: Option<Box<Program>>,
    /// Whether the program names `$__headers` / `$__cookies` / `$ENV` (else they are not
    /// built).
    uses_headers: bool,
    uses_cookies: bool,
    uses_env: bool,
}

/// The names of hit's own variables, in the order their values are given.
const OWN_VARS: [&str; 9] = [
    "$__status",
    "$__headers",
    "$__url",
    "$ENV",
    "$__timing",
    "$__cookies",
    "$__size",
    "$__version",
    "$__event",
];

impl Program {
    /// Compiles CODE with the user's variables (`--arg`/`--argjson`) and hit's own.
    /// A syntax error or an unknown name gives one message: jaq's words, then the code's
    /// line with a caret under the position, e.g. "--jq: expected term, found end of
    /// input\n  .foo |\n        ^".
    pub fn compile(code: &str, args: &[(String, Arg)]) -> anyhow::Result<Program> {
        Self::compile_as("--jq", code, args)
    }

    /// [`Program::compile`], with FLAG leading the error messages.
    pub(crate) fn compile_as(
        flag: &str,
        code: &str,
        args: &[(String, Arg)],
    ) -> anyhow::Result<Program> {
        for (name, arg) in args {
            if let Arg::Json(text) = arg {
                check_argjson(name, text)?;
            }
        }
        let mut program = Self::compile_one(flag, code, args)?;
        program.per_element = syntax::after_iteration(code)
            .and_then(|rest| Self::compile_one(flag, &rest, args).ok())
            .map(Box::new);
        Ok(program)
    }

    fn compile_one(flag: &str, code: &str, args: &[(String, Arg)]) -> anyhow::Result<Program> {
        let names: Vec<String> = OWN_VARS
            .iter()
            .map(|n| n.to_string())
            .chain(args.iter().map(|(name, _)| format!("${name}")))
            .collect();
        Ok(Program {
            filter: compile_filter(flag, code, &names)?,
            args: args.iter().map(|(_, arg)| arg.clone()).collect(),
            per_element: None,
            uses_headers: code.contains("$__headers"),
            uses_cookies: code.contains("$__cookies"),
            uses_env: code.contains("$ENV"),
        })
    }

    /// Runs over one JSON text (a body, or one NDJSON line). Each result goes to `out` as
    /// compact JSON (one value, no newline) with `false`; with `raw`, a string result is
    /// its bare text instead, with `true`, as jq's `--raw-output` prints it. Results
    /// before a run-time error have been given.
    #[cfg(test)]
    pub fn run(
        &self,
        input: &[u8],
        ctx: &Context,
        raw: bool,
        out: &mut dyn FnMut(&[u8], bool) -> std::io::Result<()>,
    ) -> Result<(), RunError> {
        self.run_json(&Json::parse(input)?, ctx, raw, out)
    }

    /// [`Program::run`] over an input parsed once (for `--jq` and `--check` together).
    pub fn run_json(
        &self,
        input: &Json,
        ctx: &Context,
        raw: bool,
        out: &mut dyn FnMut(&[u8], bool) -> std::io::Result<()>,
    ) -> Result<(), RunError> {
        let mut buf = Vec::new();
        self.each(input, ctx, &mut |v| {
            buf.clear();
            let text = raw && matches!(v, Val::TStr(_) | Val::BStr(_));
            value::write(&mut buf, &v, raw);
            out(&buf, text).map_err(RunError::Io)?;
            Ok(true)
        })
    }

    /// Runs the filter, giving each result to `f` until it returns `Ok(false)`. A filter
    /// `.[] | F` over a top-level array not parsed yet runs F on each element as it is
    /// read, so the whole array is never held.
    fn each(
        &self,
        input: &Json,
        ctx: &Context,
        f: &mut dyn FnMut(Val) -> Result<bool, RunError>,
    ) -> Result<(), RunError> {
        if let Some(per_element) = self.per_element.as_deref().filter(|_| input.streams()) {
            let vars = per_element.vars(ctx);
            return input.elements(&mut |element| per_element.each_value(&vars, element, f));
        }
        let input = input.value()?.clone();
        self.each_value(&self.vars(ctx), input, f).map(|_| ())
    }

    /// Runs the filter on INPUT; `Ok(false)` when `f` asked to stop.
    fn each_value(
        &self,
        vars: &Vars<Val>,
        input: Val,
        f: &mut dyn FnMut(Val) -> Result<bool, RunError>,
    ) -> Result<bool, RunError> {
        let cx = Ctx::<Data>::new(&self.filter.lut, vars.clone());
        for result in self.filter.id.run((cx, input)) {
            let more = match result {
                Ok(v) => f(v)?,
                Err(exn) => return Err(value::exception(exn)),
            };
            if !more {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The variables' values, in the order of the names given to the compiler.
    fn vars(&self, ctx: &Context) -> Vars<Val> {
        let own = [
            Val::from(usize::from(ctx.status)),
            if self.uses_headers {
                value::headers(&ctx.headers)
            } else {
                Val::Null
            },
            Val::from(ctx.url.clone()),
            if self.uses_env {
                value::env()
            } else {
                Val::Null
            },
            value::timing(&ctx.timing),
            if self.uses_cookies {
                value::cookies(&ctx.headers)
            } else {
                Val::Null
            },
            Val::from(usize::try_from(ctx.size).unwrap_or(usize::MAX)),
            Val::from(ctx.version.clone()),
            ctx.event.as_ref().map_or(Val::Null, value::event),
        ];
        let user = self.args.iter().map(|arg| match arg {
            Arg::Str(s) => Val::from(s.clone()),
            // Checked in `compile`.
            Arg::Json(text) => jaq_json::read::parse_single(text.as_bytes()).unwrap_or_default(),
        });
        Vars::new(own.into_iter().chain(user))
    }
}

/// Why an `--argjson` value cannot be read, if it cannot: it is not JSON, or it nests
/// deeper than [`MAX_DEPTH`] (a hit limit, so not a usage error: exit 1).
pub fn check_argjson(name: &str, text: &str) -> anyhow::Result<()> {
    if value::too_deep(text.as_bytes(), MAX_DEPTH) {
        anyhow::bail!(
            "--argjson {name}: the value nests deeper than {MAX_DEPTH} levels, the most hit reads"
        );
    }
    jaq_json::read::parse_single(text.as_bytes()).map_err(|e| {
        crate::error::usage(format!("--argjson {name}: the value is not JSON ({e})"))
    })?;
    Ok(())
}

/// jaq's core, standard and JSON definitions, and hit's own (see `job.rs`), parsed once:
/// parsing them was about 40% of compiling a small filter, and `hit test` compiles the
/// checks of every request.
fn prelude() -> &'static [Def<&'static str>] {
    static PRELUDE: OnceLock<Vec<Def<&'static str>>> = OnceLock::new();
    PRELUDE.get_or_init(|| {
        let own = jaq_core::load::parse(job::DEFS, |p| p.defs()).unwrap_or_default();
        jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs())
            .chain(own)
            .collect()
    })
}

/// jaq's native filters, hit's own in place of those it replaces.
fn natives() -> impl Iterator<Item = jaq_core::native::Fun<Data>> {
    jaq_core::funs()
        .chain(jaq_std::funs().filter(|(name, ..)| !job::replaced(name)))
        .chain(jaq_json::funs())
        .chain(job::funs())
}

/// Compiles FILTER. Compiling the [`prelude`] is nearly all the cost (about 0.2 ms, where
/// `.a == 1` alone takes microseconds), and `hit test` compiles the checks of every
/// request; so a filter that calls only native filters is compiled without it. That
/// changes nothing: no prelude definition has a native filter's name and arity (a test
/// says so), so every call resolves to the same filter either way.
fn compile_filter(flag: &str, code: &str, names: &[String]) -> anyhow::Result<Filter> {
    if let Ok(filter) = compile_with(&[], flag, code, names) {
        return Ok(filter);
    }
    compile_with(prelude(), flag, code, names)
}

/// Loads FILTER with the definitions DEFS, and compiles it.
fn compile_with(
    defs: &[Def<&'static str>],
    flag: &str,
    code: &str,
    names: &[String],
) -> anyhow::Result<Filter> {
    let arena = Arena::default();
    let modules = Loader::new(defs.iter().cloned())
        .load(&arena, File { code, path: () })
        .map_err(|errs| anyhow::anyhow!(diagnose::load_errors(flag, code, errs)))?;
    Compiler::default()
        .with_funs(natives())
        .with_global_vars(names.iter().map(String::as_str))
        .compile(modules)
        .map_err(|errs| anyhow::anyhow!(diagnose::compile_errors(flag, code, errs)))
}

#[cfg(test)]
mod compile_tests {
    use super::*;

    /// What makes compiling without the prelude safe: a definition of the prelude with a
    /// native's name and arity would be called with the prelude and the native without.
    #[test]
    fn no_prelude_definition_shadows_a_native_filter() {
        let natives: Vec<(&str, usize)> = natives()
            .map(|(name, args, _)| (name, args.len()))
            .collect();
        assert!(natives.len() > 50, "{natives:?}");
        assert!(prelude().len() > 50);
        for def in prelude() {
            let sig = (def.name, def.args.len());
            assert!(!natives.contains(&sig), "{sig:?} is both");
        }
    }

    #[test]
    fn filters_that_need_the_prelude_still_compile_and_run() {
        for (code, expected) in [
            (".a == 1", "true"),
            ("[.[]?] | map(. + 1) | length", "1"),
            (".a | tostring | ascii_downcase", "\"1\""),
            ("[paths] | length", "1"),
        ] {
            let program = Program::compile(code, &[]).unwrap();
            let mut out = Vec::new();
            program
                .run(br#"{"a": 1}"#, &Context::default(), false, &mut |v, _| {
                    out.push(String::from_utf8_lossy(v).into_owned());
                    Ok(())
                })
                .unwrap();
            assert_eq!(out, [expected], "{code}");
        }
    }
}
