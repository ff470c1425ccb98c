//! `hit run FILE.http [NAME …]`: the requests of a `.http` file (JetBrains HTTP Client,
//! VS Code REST Client) sent in file order over one client, each printed as hit prints a
//! request. The whole file is checked before anything is sent. As the IDEs run a file,
//! cookies are kept between its requests, redirects are followed, and a failure skips only
//! the requests that use its response (`--fail-fast` stops the run).

mod build;
mod dynamic;
mod env;
mod failure;
mod jsonpath;
mod parse;
mod plan;
mod saved;
mod script;
mod vars;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;

use crate::cli::{RunArgs, RunOptions};
use crate::error::{self, Exit, usage};
use crate::exchange::{InFile, Jar, Kept};
use crate::output::{self, Printer};
use crate::settings::{RequestSpec, RunShared, Settings, Terminal};
use crate::transport::Transport;
use parse::{BodyPart, Request};
use plan::Plan;

/// A form body's text, each `{{…}}` value percent-encoded as REST Client encodes it.
fn fill_form(
    text: &parse::Text,
    fill: &mut dyn FnMut(&parse::Text) -> Result<String>,
) -> Result<String> {
    let mut filled = String::new();
    let mut rest = text.text.as_str();
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}").map(|e| start + e + 2) else {
            break;
        };
        filled.push_str(&rest[..start]);
        let placeholder = parse::Text {
            text: rest[start..end].to_string(),
            line: text.line,
        };
        filled.push_str(&build::form_value(&fill(&placeholder)?));
        rest = &rest[end..];
    }
    filled.push_str(rest);
    Ok(filled)
}

impl Tally {
    /// A request not sent: it uses the response of `failed`, which failed or was skipped.
    fn skip(&mut self, request: &Request, failed: &str, file: &str, printer: &mut Printer) {
        self.skipped += 1;
        self.failed.extend(request.name.clone());
        let how = if self.passed_over.iter().any(|n| n == failed) {
            "was skipped"
        } else {
            "failed"
        };
        self.passed_over.extend(request.name.clone());
        let what = request.name.as_ref().or(request.title.as_ref());
        let what = what.map_or_else(
            || format!("{} {}", request.method, request.url.text),
            |name| name.clone(),
        );
        let line = request.line();
        printer.note(&format!(
            "{file}:{line}: skipped {what}: it uses the response of '{failed}', which {how}"
        ));
    }

    /// `hit: FILE: N requests: N passed, N failed, N skipped[, N not sent]`, when one
    /// failed; `total` is the number planned.
    fn summary(&self, file: &str, total: usize, printer: &mut Printer) {
        if self.failures == 0 && self.skipped == 0 {
            return;
        }
        let passed = self.sent - self.failures;
        let not_sent = total.saturating_sub(self.sent + self.skipped);
        let rest = match not_sent {
            0 => String::new(),
            n => format!(", {n} not sent"),
        };
        let noun = if total == 1 { "request" } else { "requests" };
        printer.note(&format!(
            "{file}: {total} {noun}: {passed} passed, {} failed, {} skipped{rest}",
            self.failures, self.skipped
        ));
    }
}

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <RunArgs as clap::CommandFactory>::command()
}

/// Runs the file; the exit code is the worst of its requests' (`Exit::worse`). Errors in
/// the file are returned before anything is sent; a request's own error is reported as it
/// happens.
pub fn run(args: RunArgs) -> Result<Exit> {
    let shown = args.file.display().to_string();
    let source = std::fs::read_to_string(&args.file)
        .map_err(|err| anyhow::anyhow!(error::cannot_read(&shown, &err)))?;
    let file = parse::parse(&shown, &source)?;
    let dir = args.file.parent().unwrap_or(Path::new("")).to_path_buf();
    let choice = env::EnvChoice {
        name: args.env.as_deref(),
        public: args.env_file.as_deref(),
        private: args.private_env_file.as_deref(),
        values: &args.env_vars,
    };
    let env = env::variables(&dir, &choice)?;
    let plan = Plan::new(&shown, &file, &dir, &args.names, &env)?;
    let scripts = script::Session::new(&shown, &plan, &dir, &env.values, args.no_scripts)?;
    plan.scripted.replace(scripts.names());
    plan.check()?;
    let terminal = output::Console::terminal();
    let shared = Settings::for_run(&args.options, terminal)?;
    let mut printed = shared.output.clone();
    // Under -q the run's own line names the request that failed; each response's status
    // line would say the same without the name.
    printed.status_failures &= args.options.output.quiet == 0;
    let mut printer = Printer::new(&printed);
    let transport = Transport::new(&shared.transport)?;
    let run = Run {
        plan: &plan,
        options: &args.options,
        shared: &shared,
        terminal,
        transport: &transport,
        fail_fast: args.fail_fast,
        preview: args.options.learn.offline || args.options.learn.curl,
        jar: RefCell::new(Jar::default()),
        scripts: RefCell::new(scripts),
    };
    match super::runtime::until_interrupted(run.all(&mut printer))? {
        Some(exit) => Ok(exit),
        None => {
            printer.interrupted();
            Ok(Exit::Interrupted)
        }
    }
}

/// What every request of the run shares.
struct Run<'a> {
    plan: &'a Plan<'a>,
    options: &'a RunOptions,
    /// The profile the run loaded once, for every request.
    shared: &'a RunShared,
    terminal: Terminal,
    transport: &'a Transport,
    /// `--fail-fast`: the first failure ends the run.
    fail_fast: bool,
    /// `--offline`, `--curl`: nothing is sent.
    preview: bool,
    /// The cookies the run's responses set (`# @no-cookie-jar` opts out).
    jar: RefCell<Jar>,
    /// The file's scripts and what they have set.
    scripts: RefCell<script::Session<'a>>,
}

/// How the run went so far: the worst exit code, the requests that failed or were
/// skipped, and the counts for the summary.
#[derive(Default)]
struct Tally {
    failed: Vec<String>,
    /// The named requests among `failed` that were skipped rather than sent.
    passed_over: Vec<String>,
    skipped: usize,
    failures: usize,
    sent: usize,
}

impl Run<'_> {
    /// Sends the planned requests in order; the worst exit code. After a failure the run
    /// goes on (unless `--fail-fast`), skipping the requests that use a failed one's
    /// response, and ends with a summary line.
    async fn all(&self, printer: &mut Printer) -> Exit {
        let mut kept: HashMap<String, Kept> = HashMap::new();
        let mut worst = Exit::Success;
        let mut tally = Tally::default();
        // Under -q, the one line that explains the exit code, said at the end.
        let quiet = self.options.output.quiet;
        let mut explained = None;
        for request in self.plan.requests() {
            if let Some(failed) = self
                .plan
                .dependencies(request)
                .into_iter()
                .find(|d| tally.failed.contains(d))
            {
                tally.skip(request, &failed, self.plan.file_name(), printer);
                continue;
            }
            let used = request.name.as_ref().filter(|n| self.plan.is_used(n));
            let handled = !request.scripts.handlers.is_empty();
            let kept_for = used.is_some() || request.save.is_some() || handled;
            let mut response = kept_for.then(Kept::default);
            let mut named = failure::Named::written(request);
            let mut result = self
                .one(request, &kept, response.as_mut(), printer, &mut named)
                .await;
            if let (Ok(Some(_)), Some(save), Some(response)) = (&result, &request.save, &response) {
                result = self.save(request, save, response).map(|()| result.unwrap());
            }
            let shown = || script::shown(self.plan, request, &kept);
            result =
                self.scripts
                    .borrow_mut()
                    .after(request, shown, response.as_ref(), result, printer);
            let status = printer.take_final_status();
            if let Err(err) = &result
                && !error::is_quiet(err)
                && quiet == 0
            {
                output::report_error(err);
            }
            let mut code = error::exit_code(&result);
            // Under `# @no-redirect` the redirect is the response the file asked for.
            if request.no_redirect && code == Exit::Redirect {
                code = Exit::Success;
            }
            if worst.worse(code) != worst && code != Exit::Interrupted {
                let file = self.plan.file_name();
                explained = failure::line(file, request, &named, &result, status);
            }
            worst = worst.worse(code);
            tally.sent += 1;
            if code != Exit::Success {
                tally.failures += 1;
                tally.failed.extend(request.name.clone());
            }
            if let (Some(name), Some(response)) = (used, response) {
                kept.insert(name.clone(), response);
            }
            let stop = code == Exit::Interrupted || (code != Exit::Success && self.fail_fast);
            if stop {
                break;
            }
        }
        if quiet == 1
            && worst != Exit::Interrupted
            && let Some(line) = explained
        {
            output::report_error(&anyhow::anyhow!(line));
        }
        if worst != Exit::Interrupted {
            let total = self.plan.requests().count();
            tally.summary(self.plan.file_name(), total, printer);
        }
        worst
    }

    /// `>> ./file`: the response body written beside the `.http` file.
    fn save(&self, request: &Request, save: &parse::Save, response: &Kept) -> Result<()> {
        let at = |why: String| {
            usage(format!(
                "{}:{}: {why}",
                self.plan.file_name(),
                save.path.line
            ))
        };
        let path = self.plan.fill(
            &save.path,
            &plan::KeptResponses(&HashMap::new(), false),
            &mut Vec::new(),
        )?;
        let body = response.body.as_deref().ok_or_else(|| {
            at(format!(
                "the response of {} was not kept to save to '{path}' (it is larger than {} MiB)",
                request.method,
                crate::exchange::KEPT_BODY_LIMIT >> 20
            ))
        })?;
        saved::write(&self.plan.body_file(&path), save.overwrite, body)
            .map_err(|err| at(format!("{err:#}")))?;
        Ok(())
    }

    /// One request: filled in, and sent like any request under the run's options.
    /// `named` becomes the request as filled in, for the line `-q` keeps.
    async fn one(
        &self,
        request: &Request,
        kept: &HashMap<String, Kept>,
        keep: Option<&mut Kept>,
        printer: &mut Printer,
        named: &mut failure::Named,
    ) -> Result<Option<error::Outcome>> {
        let shown = || script::shown(self.plan, request, kept);
        let values = self.scripts.borrow_mut().before(request, shown, printer)?;
        self.plan.scripted.replace(values);
        let mut secrets = Vec::new();
        let spec = self.spec(request, kept, &mut secrets);
        let spec = spec.map_err(|err| self.scripts.borrow().explain(err))?;
        let (method, url) = (spec.method.clone(), spec.url.clone());
        // Redirects are followed, as the IDEs follow them, unless the file or the command
        // line says not to.
        let mut options = self.options.clone();
        options.transfer.location =
            !request.no_redirect && (options.transfer.location || !options.transfer.no_location);
        let mut settings = Settings::from_spec(&options, self.shared, spec, self.terminal)
            .map_err(|err| {
                let line = request.line();
                usage(format!("{}:{line}: {err:#}", self.plan.file_name()))
            })?;
        // Values from the environment are shown as profile secrets are (`--show-secrets`).
        for (secret, variable) in secrets {
            settings.output.redaction.hide(&secret);
            settings.output.redaction.variables.push((secret, variable));
        }
        printer.set_redaction(&settings.output.redaction);
        named.redaction = settings.output.redaction.clone();
        let shown = output::redact::url_text(&named.redaction, &url);
        named.request = format!("{method} {}", shown.as_deref().unwrap_or(&url));
        let in_file = InFile {
            transport: self.transport,
            keep,
            jar: (!request.no_cookie_jar).then_some(&self.jar),
        };
        crate::exchange::run_in(settings, printer, Some(in_file)).await
    }

    /// The request with its placeholders filled: a body of one file is that file's bytes,
    /// any other body is text. The values taken from the environment go to `secrets`.
    fn spec(
        &self,
        request: &Request,
        kept: &HashMap<String, Kept>,
        secrets: &mut Vec<(String, String)>,
    ) -> Result<RequestSpec> {
        let plan = self.plan;
        let responses = plan::KeptResponses(kept, self.preview);
        let mut fill = |text: &parse::Text| plan.fill(text, &responses, secrets);
        let url = fill(&request.url)?;
        let mut headers = Vec::new();
        for (name, value) in &request.headers {
            headers.push((fill(name)?, fill(value)?));
        }
        let checks = request
            .checks
            .iter()
            .map(&mut fill)
            .collect::<Result<_>>()?;
        let form = build::is_form(&headers);
        let mut pieces = Vec::new();
        for part in &request.body {
            pieces.push(match part {
                BodyPart::Text(text) if form => build::BodyPiece::Text(fill_form(text, &mut fill)?),
                BodyPart::Text(text) => build::BodyPiece::Text(fill(text)?),
                BodyPart::File(path) => build::BodyPiece::File(plan.body_file(&fill(path)?)),
                BodyPart::Filled(path) => {
                    let text = plan.body_text(path, &fill(path)?)?;
                    build::BodyPiece::Text(fill(&parse::Text {
                        text,
                        line: path.line,
                    })?)
                }
            });
        }
        let mut read = |path: &std::path::PathBuf| plan.body_bytes(request.line(), path);
        let shaped = build::shape(&request.method, headers, pieces, &mut read)
            .map_err(|err| usage(format!("{}:{}: {err:#}", plan.file_name(), request.line())))?;
        Ok(RequestSpec {
            method: shaped.method,
            url,
            headers: shaped.headers,
            body: shaped.body,
            checks,
        })
    }
}
