//! Which requests of the file run, in which order, and the check of every placeholder and
//! body file before the first one is sent.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use anyhow::Result;

use super::dynamic::Sources;
use super::env::Environment;
use super::parse::{BodyPart, HttpFile, Request, Text};
use super::vars::{self, ResponseField, Responses, Scope};
use super::websocket::Step;
use crate::error::{self, usage};
use crate::exchange::{KEPT_BODY_LIMIT, Kept};

/// The requests to send and what they need.
pub struct Plan<'a> {
    file_name: &'a str,
    file: &'a HttpFile,
    dir: &'a Path,
    env: &'a Environment,
    /// What dynamic variables read (`$dotenv`).
    sources: Sources,
    /// Indices into the file's requests, in file order.
    selected: Vec<usize>,
    /// The requests whose responses the selected ones use.
    used: Vec<String>,
    /// The values scripts set (`client.global`, `request.variables`): over the
    /// environment's, under the file's.
    pub scripted: RefCell<HashMap<String, String>>,
    /// What `# @capture` took so far: one map for the run's file and the files it imports.
    pub captured: Rc<RefCell<HashMap<String, String>>>,
    /// The names of the requests of the imported files (`# @import`), and of their
    /// captures: sent when used.
    pub imported: Vec<String>,
    pub imported_captures: Vec<String>,
    /// The `# @capture` programs, compiled when the file is checked, by the line of each.
    pub capture_programs: RefCell<HashMap<usize, Arc<crate::jq::Capture>>>,
}

impl<'a> Plan<'a> {
    /// All requests, or those named and the ones whose responses they use.
    pub fn new(
        file_name: &'a str,
        file: &'a HttpFile,
        dir: &'a Path,
        names: &[String],
        env: &'a Environment,
    ) -> Result<Plan<'a>> {
        let mut plan = Plan {
            file_name,
            file,
            dir,
            env,
            sources: Sources::default(),
            selected: Vec::new(),
            used: Vec::new(),
            scripted: RefCell::default(),
            captured: Rc::default(),
            imported: Vec::new(),
            imported_captures: Vec::new(),
            capture_programs: RefCell::default(),
        };
        // `.env` is read only for a file that uses it: one that cannot be read is no
        // other file's error.
        let uses_dotenv = file
            .variables
            .iter()
            .map(|v| &v.value)
            .chain(file.requests.iter().flat_map(texts))
            .map(|t| t.text.as_str())
            .chain(
                env.values
                    .values()
                    .chain(env.given.values())
                    .map(String::as_str),
            )
            .any(|text| text.contains("$dotenv"));
        if uses_dotenv {
            plan.sources.dotenv = super::env::dotenv(dir)?;
        }
        if names.is_empty() {
            plan.selected = (0..file.requests.len()).collect();
        } else {
            for name in names {
                let index = plan.find(name).ok_or_else(|| plan.unknown(name))?;
                if !plan.selected.contains(&index) {
                    plan.selected.push(index);
                }
            }
        }
        // The requests whose responses are used, and theirs, until none is new.
        let mut next = 0;
        while let Some(&index) = plan.selected.get(next) {
            for dependency in plan.dependencies(&file.requests[index]) {
                if !plan.used.contains(&dependency) {
                    plan.used.push(dependency.clone());
                }
                let named = file
                    .requests
                    .iter()
                    .position(|r| r.name.as_ref() == Some(&dependency));
                if let Some(index) = named.filter(|i| !plan.selected.contains(i)) {
                    plan.selected.push(index);
                }
            }
            next += 1;
        }
        plan.selected.sort_unstable();
        if plan.selected.is_empty() {
            return Err(usage(format!(
                "{file_name}: there is no request in the file"
            )));
        }
        Ok(plan)
    }

    /// The requests to send, in order.
    pub fn requests(&self) -> impl Iterator<Item = &'a Request> + '_ {
        self.selected.iter().map(|&i| &self.file.requests[i])
    }

    /// Whether a later request uses this one's response.
    pub fn is_used(&self, name: &str) -> bool {
        self.used.iter().any(|n| n == name)
    }

    pub fn file_name(&self) -> &str {
        self.file_name
    }

    /// Every placeholder can be filled and every body file read, or the first that
    /// cannot is the error, with its line.
    pub fn check(&self) -> Result<()> {
        let mut before = Vec::new();
        let imported = self.imported_captures.iter().cloned();
        self.captured
            .borrow_mut()
            .extend(imported.map(|name| (name, String::new())));
        for request in self.requests() {
            let expected = Expected {
                before: &before,
                file: self.file,
                imported: &self.imported,
            };
            for text in texts(request) {
                self.fill(text, &expected, &mut Vec::new())?;
            }
            for part in &request.body {
                if let BodyPart::File(path) | BodyPart::Filled(path) = part {
                    let filled = self.fill(path, &expected, &mut Vec::new())?;
                    if let Err(err) = std::fs::File::open(self.body_file(&filled)) {
                        let line = path.line;
                        let why = error::cannot_read(&filled, &err);
                        return Err(usage(format!("{}:{line}: {why}", self.file_name)));
                    }
                }
            }
            before.extend(request.name.clone());
            // A capture is a variable of the requests after it.
            let mut captured = self.captured.borrow_mut();
            for capture in &request.directives.captures {
                captured.entry(capture.name.clone()).or_default();
                super::capture::program(self, capture)?;
            }
        }
        self.captured.borrow_mut().clear();
        Ok(())
    }

    /// The text with its placeholders filled; an error names the line. Values taken from
    /// the environment are added to `secrets`, with the variable of each.
    pub fn fill(
        &self,
        text: &Text,
        responses: &dyn Responses,
        secrets: &mut Vec<(String, String)>,
    ) -> Result<String> {
        let variables = self.variables_at(text.line);
        let scripted = self.scripted.borrow();
        let captured = self.captured.borrow();
        let scope = Scope {
            variables: &variables,
            env: self.env,
            scripted: &scripted,
            captured: &captured,
            responses,
            sources: &self.sources,
        };
        scope
            .fill(&text.text, secrets)
            .map_err(|why| usage(format!("{}:{}: {why}", self.file_name, text.line)))
    }

    /// The file's variables as they stand at `line`: each definition above it, the last
    /// of a name winning; then, for a name defined only below, its first definition (REST
    /// Client's file variables hold for the whole file).
    fn variables_at(&self, line: usize) -> HashMap<String, Text> {
        let mut variables = HashMap::new();
        let (above, below): (Vec<_>, Vec<_>) = self
            .file
            .variables
            .iter()
            .partition(|v| v.value.line < line);
        for variable in above {
            variables.insert(variable.name.clone(), variable.value.clone());
        }
        for variable in below {
            variables
                .entry(variable.name.clone())
                .or_insert_with(|| variable.value.clone());
        }
        variables
    }

    /// A body file's path: relative to the `.http` file.
    pub fn body_file(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }

    /// A body file's bytes; an error names the request's line.
    pub fn body_bytes(&self, line: usize, path: &Path) -> Result<Vec<u8>> {
        std::fs::read(path).map_err(|err| {
            let why = error::cannot_read(path.display().to_string(), &err);
            usage(format!("{}:{line}: {why}", self.file_name))
        })
    }

    /// A body file as text, for a `<@ ./file` body.
    pub fn body_text(&self, at: &Text, path: &str) -> Result<String> {
        let bytes = std::fs::read(self.body_file(path)).map_err(|err| {
            let why = error::cannot_read(path, &err);
            usage(format!("{}:{}: {why}", self.file_name, at.line))
        })?;
        String::from_utf8(bytes).map_err(|_| {
            usage(format!(
                "{}:{}: '{path}' is not UTF-8 text; '< {path}' sends a file's bytes",
                self.file_name, at.line
            ))
        })
    }

    /// The request called `name` by its `@name`.
    pub fn named(&self, name: &str) -> Option<&'a Request> {
        let requests = &self.file.requests;
        requests.iter().find(|r| r.name.as_deref() == Some(name))
    }

    /// The request called `name` by its `@name`, or else its title.
    fn find(&self, name: &str) -> Option<usize> {
        let requests = &self.file.requests;
        requests
            .iter()
            .position(|r| r.name.as_deref() == Some(name))
            .or_else(|| {
                requests
                    .iter()
                    .position(|r| r.title.as_deref() == Some(name))
            })
    }

    fn unknown(&self, name: &str) -> anyhow::Error {
        let names: Vec<&str> = self
            .file
            .requests
            .iter()
            .filter_map(|r| r.name.as_deref().or(r.title.as_deref()))
            .collect();
        let known = if names.is_empty() {
            "it names none (# @name NAME)".to_string()
        } else {
            format!("it has: {}", names.join(", "))
        };
        usage(format!(
            "{}: no request is named '{name}' ({known})",
            self.file_name
        ))
    }

    /// The variables this request uses that the file does not define (`free_variables`).
    pub fn free_variables(&self, request: &Request) -> Vec<String> {
        let mut names = Vec::new();
        let variables = self.variables_at(request.line());
        for text in texts(request) {
            vars::free_variables(&text.text, &variables, &mut names);
        }
        names
    }

    /// The first request of the file that captures `name` (`# @capture NAME …`).
    pub fn capturer(&self, name: &str) -> Option<&'a Request> {
        let requests = self.file.requests.iter();
        requests
            .into_iter()
            .find(|r| r.directives.captures.iter().any(|c| c.name == name))
    }

    /// The names of the requests whose responses this one uses.
    pub fn dependencies(&self, request: &Request) -> Vec<String> {
        let mut names = Vec::new();
        let variables = self.variables_at(request.line());
        for text in texts(request) {
            vars::response_names(&text.text, &variables, &mut names);
        }
        names
    }
}

/// Every text of a request that may hold placeholders.
fn texts(request: &Request) -> Vec<&Text> {
    let mut texts = vec![&request.url];
    for (name, value) in &request.headers {
        texts.push(name);
        texts.push(value);
    }
    for part in &request.body {
        let (BodyPart::Text(text) | BodyPart::File(text) | BodyPart::Filled(text)) = part;
        texts.push(text);
    }
    for step in &request.messages {
        if let Step::Send(text) = step {
            texts.push(text);
        }
    }
    texts
}

/// While checking: the responses that will be there when the request is sent.
struct Expected<'a> {
    before: &'a [String],
    file: &'a HttpFile,
    /// The imported files' request names: sent when first used.
    imported: &'a [String],
}

impl Responses for Expected<'_> {
    fn value(&self, request: &str, _field: ResponseField<'_>) -> Result<String, String> {
        if self
            .before
            .iter()
            .chain(self.imported)
            .any(|n| n == request)
        {
            return Ok(String::new());
        }
        if self
            .file
            .requests
            .iter()
            .any(|r| r.name.as_deref() == Some(request))
        {
            return Err(format!(
                "'{request}' comes later in the file; a response is used after its request"
            ));
        }
        Err(format!(
            "no request is named '{request}' (# @name {request})"
        ))
    }
}

/// The responses of the requests sent so far; with `.1` (`--offline`, `--curl`, where
/// nothing is sent) a placeholder for each.
pub struct KeptResponses<'a>(pub &'a HashMap<String, Kept>, pub bool);

impl Responses for KeptResponses<'_> {
    fn value(&self, request: &str, field: ResponseField<'_>) -> Result<String, String> {
        if self.1 {
            return Ok(match field {
                ResponseField::Header(name) => format!("{{{{{request}.response.headers.{name}}}}}"),
                ResponseField::Body(path) => format!("{{{{{request}.response.body.{path}}}}}"),
            });
        }
        let kept = self
            .0
            .get(request)
            .ok_or_else(|| format!("'{request}' got no response"))?;
        match field {
            ResponseField::Header(name) => {
                let values: Vec<String> = kept
                    .headers
                    .get_all(name)
                    .iter()
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                    .collect();
                if values.is_empty() {
                    return Err(format!("the response of '{request}' has no {name} header"));
                }
                Ok(values.join(", "))
            }
            ResponseField::Body(path) => {
                let body = kept.body.as_ref().ok_or_else(|| {
                    format!(
                        "the body of '{request}' was not kept (it is larger than {} MiB, or \
                         was not read)",
                        KEPT_BODY_LIMIT >> 20
                    )
                })?;
                if path == "*" {
                    return Ok(String::from_utf8_lossy(body).into_owned());
                }
                let json: serde_json::Value = serde_json::from_slice(body)
                    .map_err(|_| format!("the body of '{request}' is not JSON"))?;
                vars::json_value(&json, path)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::run_file::parse::parse;

    const FILE: &str = "@auth = Bearer {{login.response.body.$.token}}\n\
        ###\n# @name login\nPOST http://h/login\n\n\
        ###\n# @name me\nGET http://h/me\nAuthorization: {{auth}}\n\n\
        ###\n# @name other\nGET http://h/other\n\
        ###\n# @name next\nGET {{me.response.headers.Location}}\n";

    fn names(plan: &Plan<'_>) -> Vec<String> {
        plan.requests().filter_map(|r| r.name.clone()).collect()
    }

    #[test]
    fn named_requests_bring_their_dependencies() {
        let file = parse("f.http", FILE).unwrap();
        let env = Environment::default();
        let dir = Path::new("");
        let all = Plan::new("f.http", &file, dir, &[], &env).unwrap();
        assert_eq!(names(&all), ["login", "me", "other", "next"]);
        assert!(all.is_used("login") && all.is_used("me") && !all.is_used("other"));
        all.check().unwrap();
        let some = Plan::new("f.http", &file, dir, &["next".into()], &env).unwrap();
        assert_eq!(names(&some), ["login", "me", "next"]);
        let err = Plan::new("f.http", &file, dir, &["nope".into()], &env)
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "f.http: no request is named 'nope' (it has: login, me, other, next)"
        );
    }

    #[test]
    fn a_response_used_before_its_request_is_named() {
        let source =
            "GET http://h/{{later.response.body.$.id}}\n###\n# @name later\nGET http://h/\n";
        let file = parse("f.http", source).unwrap();
        let env = Environment::default();
        let plan = Plan::new("f.http", &file, Path::new(""), &[], &env).unwrap();
        let err = plan.check().unwrap_err().to_string();
        assert!(
            err.starts_with("f.http:1: {{later.response.body.$.id}}: 'later' comes later"),
            "{err}"
        );
    }
}
