//! `# @capture NAME JQ` in a `.http` file: the first result of a program over a response
//! body, a string as its bare text and anything else as compact JSON. It is compiled when
//! the file is checked and runs as a job of a filter thread (`exchange/filter.rs`), as
//! `--jq` does: awaited next to `-m` and Ctrl-C, and with the thread's large stack and its
//! guard, so that recursion without end is one line naming the capture.

use std::sync::Mutex;

use jaq_json::Val;

use super::job::{Finished, flush_stderr};
use super::thread::{Output, Piece};
use super::value::{self, Json};
use super::{Context, Program, RunError, overflow};

/// A capture's program, compiled.
pub struct Capture {
    program: Program,
    /// The line that ends hit when the program recurses past the end of its thread's stack.
    too_deep: &'static str,
}

impl Capture {
    /// Compiles CODE; a syntax error is `@capture`'s. LABEL (`api.http:4: @capture token
    /// .token`) names the capture in the line an overflow ends hit with.
    pub fn compile(label: &str, code: &str) -> anyhow::Result<Capture> {
        let program = Program::compile_as("@capture", code, &[])?;
        Ok(Capture {
            program,
            too_deep: too_deep(label),
        })
    }

    /// The job on the filter thread: the first result over TEXT handed on as one
    /// [`Piece::Text`], after what the program wrote to stderr; no piece when it yields
    /// nothing or null. How it ended is the program's part of [`Finished`].
    pub fn run(&self, text: &[u8], context: &Context, out: &mut Output<Finished>) -> Finished {
        overflow::report_as(self.too_deep);
        let first = match self.first(text, context) {
            Ok(first) => first,
            Err(unread) => return Finished::unread(unread),
        };
        let handed = flush_stderr(out).and_then(|()| match &first {
            Ok(Some(text)) => out.write(Piece::Text, text.as_bytes()),
            _ => Ok(()),
        });
        let program = match handed {
            Ok(()) => first.map(|_| ()),
            Err(abandoned) => Err(RunError::Io(std::io::Error::other(abandoned))),
        };
        Finished {
            unread: None,
            program,
            checks: Ok(Vec::new()),
        }
    }

    /// The first result over TEXT, `None` when it yields nothing or null. The outer error
    /// is the input's (not JSON, nested too deep); the inner, the program's.
    fn first(
        &self,
        text: &[u8],
        context: &Context,
    ) -> Result<Result<Option<String>, RunError>, RunError> {
        let input = Json::parse(text)?;
        let mut first = None;
        let ran = self.program.each(&input, context, &mut |v| {
            if !matches!(v, Val::Null) {
                let mut buf = Vec::new();
                value::write(&mut buf, &v, true);
                first = Some(String::from_utf8_lossy(&buf).into_owned());
            }
            Ok(false)
        });
        Ok(ran.map(|()| first))
    }
}

/// The overflow line for LABEL, made once for the whole run: the signal handler that
/// writes it needs it for as long as hit runs, and a file is checked again for each of its
/// data rows.
fn too_deep(label: &str) -> &'static str {
    static LINES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let line = format!(
        "hit: error: {label}: the expression recursed too deeply (it used up its 256 MiB \
         stack)\n"
    );
    let mut lines = LINES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(made) = lines.iter().find(|made| **made == line) {
        return made;
    }
    let made: &'static str = Box::leak(line.into_boxed_str());
    lines.push(made);
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_takes_the_first_result_as_text() {
        let ctx = Context::default();
        let body = br#"{"token":"t0","n":[1,2],"none":null}"#;
        let first = |code: &str| {
            let capture = Capture::compile("api.http:1: @capture x", code).unwrap();
            capture
                .first(body, &ctx)
                .unwrap()
                .map_err(|e| e.to_string())
        };
        assert_eq!(first(".token"), Ok(Some("t0".to_string())));
        assert_eq!(first(".n"), Ok(Some("[1,2]".to_string())));
        assert_eq!(first(".n[]"), Ok(Some("1".to_string())));
        assert_eq!(first(".none"), Ok(None));
        assert_eq!(first("empty"), Ok(None));
        assert_eq!(first(".token | error"), Err("t0".to_string()));
        let capture = Capture::compile("api.http:1: @capture x", ".a").unwrap();
        assert!(matches!(
            capture.first(b"not json", &ctx),
            Err(RunError::NotJson(_))
        ));
    }

    #[test]
    fn the_overflow_line_names_the_capture_and_is_made_once() {
        let line = too_deep("api.http:4: @capture token .token");
        assert_eq!(
            line,
            "hit: error: api.http:4: @capture token .token: the expression recursed too deeply (it \
             used up its 256 MiB stack)\n"
        );
        assert!(std::ptr::eq(
            line,
            too_deep("api.http:4: @capture token .token")
        ));
        assert!(Capture::compile("api.http:1: @capture x", ".[").is_err());
    }
}
