//! JetBrains HTTP Client scripts in `hit run`: pre-request scripts (`< {% … %}`) and
//! response handlers (`> {% … %}`, `> ./handler.js`). Their `client.global` values and
//! `request.variables` fill later `{{…}}`; `client.test` and `client.assert` are checks.
//! The engine (`engine.rs`, cargo feature `scripts`) starts on the first script a run
//! meets: a file without scripts never pays for it.

#[cfg(feature = "scripts")]
mod digest;
#[cfg(feature = "scripts")]
mod engine;
#[cfg(feature = "scripts")]
mod memory;
mod written;

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use serde_json::{Value, json};

use super::parse::{BodyPart, Request, Text};
use super::plan::Plan;
use crate::error::{self, usage};
use crate::exchange::Kept;
use crate::output::Printer;
pub use written::{Reader, Scripts, names_set};
use written::{Script, Source};

/// The scripts of one run and what they keep between requests.
pub struct Session<'a> {
    file_name: &'a str,
    env: &'a HashMap<String, String>,
    /// `--no-scripts`: each script is named as skipped instead.
    skip: bool,
    /// The text of each `./file.js` script, read before anything is sent.
    files: HashMap<String, String>,
    /// `client.global`'s values, as text.
    globals: HashMap<String, String>,
    /// The names scripts set with a literal name, and the line of the first that does.
    names: Vec<(String, usize)>,
    /// The `client.test`s that passed since `take_passed` (`hit test` reports them).
    passed: Vec<String>,
    #[cfg(feature = "scripts")]
    engine: Option<engine::Engine>,
}

/// A request as its scripts see it: raw and filled-in URL, headers and body.
pub struct Shown {
    pub method: String,
    pub url: (String, String),
    pub headers: Vec<(String, String, String)>,
    pub body: String,
}

impl<'a> Session<'a> {
    /// Reads the script files of the planned requests (relative to `dir`); a file that
    /// cannot be read, or a script when hit is built without them, names its line.
    pub fn new(
        file_name: &'a str,
        plan: &Plan<'_>,
        dir: &Path,
        env: &'a HashMap<String, String>,
        skip: bool,
    ) -> Result<Session<'a>> {
        let mut files = HashMap::new();
        for script in plan.requests().flat_map(|r| r.scripts.all()) {
            let at = |why: String| usage(format!("{file_name}:{}: {why}", script.line));
            if skip {
                continue;
            }
            if cfg!(not(feature = "scripts")) {
                return Err(at(
                    "this build of hit was built without scripts (the cargo \
                               feature 'scripts'); a default build has them, and --no-scripts \
                               runs the file without them"
                        .into(),
                ));
            }
            if let Source::File(path) = &script.source {
                let text = std::fs::read_to_string(dir.join(path))
                    .map_err(|err| at(error::cannot_read(path, &err)))?;
                files.insert(path.clone(), text);
            }
        }
        let mut session = Session {
            file_name,
            env,
            skip,
            files,
            globals: HashMap::new(),
            names: Vec::new(),
            passed: Vec::new(),
            #[cfg(feature = "scripts")]
            engine: None,
        };
        for script in plan.requests().flat_map(|r| r.scripts.all()) {
            let mut names = Vec::new();
            if !skip {
                names_set(session.text(script), &mut names);
            }
            session
                .names
                .extend(names.into_iter().map(|name| (name, script.line)));
        }
        Ok(session)
    }

    /// The names the scripts set with a literal name, as empty values: what the check of
    /// the file's placeholders takes as known.
    pub fn names(&self) -> HashMap<String, String> {
        let names = self
            .names
            .iter()
            .map(|(name, _)| (name.clone(), String::new()));
        names.collect()
    }

    /// A variable missing when a request is filled in, that a script sets, names the
    /// script.
    pub fn explain(&self, err: anyhow::Error) -> anyhow::Error {
        let message = format!("{err:#}");
        let set = self
            .names
            .iter()
            .find(|(name, _)| message.contains(&format!("{{{{{name}}}}} is not a variable")));
        match set {
            Some((_, line)) => usage(format!(
                "{message}; the script at {}:{line} sets it, and had not when this request \
                 was filled in",
                self.file_name
            )),
            None => err,
        }
    }

    /// Runs the request's pre-request scripts; the script values `{{…}}` reads for it,
    /// as JetBrains ranks them: the globals under the environment's values, this request's
    /// own variables over them.
    pub fn before(
        &mut self,
        request: &Request,
        shown: impl FnOnce() -> Shown,
        printer: &mut Printer,
    ) -> Result<HashMap<String, String>> {
        let mut variables = HashMap::new();
        if !request.scripts.pre.is_empty() {
            let input = json!({"request": self.request(shown())});
            for script in &request.scripts.pre {
                if let Some(out) = self.run(script, &input, printer)? {
                    let set = out["variables"].as_object().into_iter().flatten();
                    variables.extend(set.map(|(k, v)| (k.clone(), text(v))));
                    let failed = failures(self.file_name, script, &out);
                    if !failed.is_empty() {
                        return Err(error::HitError::Check(failed).into());
                    }
                }
            }
        }
        let globals = self
            .globals
            .iter()
            .filter(|(k, _)| !self.env.contains_key(*k));
        let mut values: HashMap<String, String> =
            globals.map(|(k, v)| (k.clone(), v.clone())).collect();
        values.extend(variables);
        Ok(values)
    }

    /// Runs the response handlers on the response kept in `kept`: failed tests and
    /// assertions are failed checks, added to the request's.
    pub fn after(
        &mut self,
        request: &Request,
        shown: impl FnOnce() -> Shown,
        kept: Option<&Kept>,
        result: Result<Option<error::Outcome>>,
        printer: &mut Printer,
    ) -> Result<Option<error::Outcome>> {
        let Some(kept) = kept.filter(|k| k.status.is_some()) else {
            return result;
        };
        if request.scripts.handlers.is_empty() {
            return result;
        }
        let input = json!({"request": self.request(shown()), "response": response(kept)});
        let mut failed = Vec::new();
        for script in &request.scripts.handlers {
            if let Some(out) = self.run(script, &input, printer)? {
                failed.extend(failures(self.file_name, script, &out));
            }
        }
        if failed.is_empty() {
            return result;
        }
        match result {
            Err(err) => match err.downcast::<error::HitError>() {
                Ok(error::HitError::Check(mut lines)) => {
                    lines.extend(failed);
                    Err(error::HitError::Check(lines).into())
                }
                Ok(other) => Err(other.into()),
                Err(err) => Err(err),
            },
            Ok(_) => Err(error::HitError::Check(failed).into()),
        }
    }

    fn request(&self, shown: Shown) -> Value {
        json!({
            "method": shown.method,
            "url": [shown.url.0, shown.url.1],
            "headers": shown.headers.iter().map(|(n, r, f)| json!([n, r, f])).collect::<Vec<_>>(),
            "body": shown.body,
            "env": self.env,
        })
    }

    fn text<'s>(&'s self, script: &'s Script) -> &'s str {
        match &script.source {
            Source::Inline(text) => text,
            Source::File(path) => self.files.get(path).map_or("", String::as_str),
        }
    }

    /// One script: its logs said, its globals kept; what it returned, or `None` when
    /// skipped. A script that throws or runs too long is the error, with its line.
    fn run(
        &mut self,
        script: &Script,
        input: &Value,
        printer: &mut Printer,
    ) -> Result<Option<Value>> {
        let place = format!("{}:{}", self.file_name, script.line);
        if self.skip {
            printer.note(&format!("{place}: script not run (--no-scripts)"));
            return Ok(None);
        }
        let out = self
            .evaluate(script, &input.to_string())
            .map_err(|why| anyhow::anyhow!("{place}: the script failed: {}", sandboxed(&why)))?;
        let out: Value = serde_json::from_str(&out)?;
        let error = &out["error"];
        if !error.is_null() && error["assertion"] != true {
            let why = sandboxed(&text(&error["message"]));
            return Err(anyhow::anyhow!("{place}: the script failed: {why}"));
        }
        for line in out["logs"].as_array().into_iter().flatten() {
            printer.note(&format!("{place}: {}", text(line)));
        }
        for test in out["tests"].as_array().into_iter().flatten() {
            if test["failed"].is_null() {
                let name = text(&test["name"]);
                printer.note(&format!("{place}: test '{name}' passed"));
                self.passed.push(name);
            }
        }
        if let Some(globals) = out["globals"].as_object() {
            self.globals = globals.iter().map(|(k, v)| (k.clone(), text(v))).collect();
        }
        Ok(Some(out))
    }

    /// The names of the tests that passed since the last call.
    pub fn take_passed(&mut self) -> Vec<String> {
        std::mem::take(&mut self.passed)
    }

    #[cfg(feature = "scripts")]
    fn evaluate(&mut self, script: &Script, input: &str) -> Result<String, String> {
        if self.engine.is_none() {
            self.engine = Some(engine::Engine::new()?);
        }
        let source = self.text(script).to_string();
        let engine = self.engine.as_ref().expect("made above");
        engine.run(input, &source)
    }

    #[cfg(not(feature = "scripts"))]
    fn evaluate(&mut self, _script: &Script, _input: &str) -> Result<String, String> {
        Err("this hit is built without JavaScript".into())
    }
}

/// The request as its scripts see it, filled in as far as it can be.
pub fn shown(plan: &Plan<'_>, request: &Request, kept: &HashMap<String, Kept>) -> Shown {
    let responses = super::plan::KeptResponses(kept, false);
    let fill = |text: &Text| {
        let filled = plan.fill(text, &responses, &mut Vec::new());
        (
            text.text.clone(),
            filled.unwrap_or_else(|_| text.text.clone()),
        )
    };
    let body = request.body.iter().map(|part| match part {
        BodyPart::Text(text) => fill(text).1,
        BodyPart::File(path) => format!("< {}", path.text),
        BodyPart::Filled(path) => format!("<@ {}", path.text),
    });
    Shown {
        method: request.method.clone(),
        url: fill(&request.url),
        headers: request
            .headers
            .iter()
            .map(|(name, value)| {
                let (raw, filled) = fill(value);
                (name.text.clone(), raw, filled)
            })
            .collect(),
        body: body.collect::<Vec<_>>().join("\n"),
    }
}

/// The response as handlers see it.
fn response(kept: &Kept) -> Value {
    let headers: Vec<Value> = kept
        .headers
        .iter()
        .map(|(n, v)| json!([n.as_str(), String::from_utf8_lossy(v.as_bytes())]))
        .collect();
    let content_type = kept
        .headers
        .get(reqwest::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    json!({
        "status": kept.status.map(|s| s.as_u16()),
        "headers": headers,
        "contentType": content_type,
        "body": kept.body.as_ref().map(|b| String::from_utf8_lossy(b)),
    })
}

/// The failed tests and assertion of a script's result, as check lines.
fn failures(file_name: &str, script: &Script, out: &Value) -> Vec<String> {
    let place = format!("{file_name}:{}", script.line);
    let mut lines = Vec::new();
    for test in out["tests"].as_array().into_iter().flatten() {
        if !test["failed"].is_null() {
            let (name, why) = (text(&test["name"]), text(&test["failed"]));
            lines.push(format!("test failed: '{name}': {why} ({place})"));
        }
    }
    let error = &out["error"];
    if !error.is_null() {
        let why = text(&error["message"]);
        lines.push(format!("assertion failed: {why} ({place})"));
    }
    lines
}

/// The memory all the scripts of a run may hold, in MiB.
#[cfg(feature = "scripts")]
const MEMORY_MIB: usize = 64;

/// An error naming what the sandbox leaves out says so.
fn sandboxed(why: &str) -> String {
    const OUTSIDE: [&str; 6] = [
        "require",
        "fetch",
        "process",
        "XMLHttpRequest",
        "import",
        "module",
    ];
    match OUTSIDE
        .iter()
        .find(|name| why.contains(&format!("{name} is not defined")))
    {
        Some(_) => format!(
            "{why} (scripts have the JetBrains HTTP Client API only: no modules, files, \
             network or processes)"
        ),
        None => why.to_string(),
    }
}

/// A JSON value as the text a `{{…}}` gets: strings as they are.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
