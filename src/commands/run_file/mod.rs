//! `hit run FILE.http [NAME …]`: the requests of a `.http` file (JetBrains HTTP Client,
//! VS Code REST Client) sent in file order over one client, each printed as hit prints a
//! request. The whole file is checked before anything is sent. As the IDEs run a file,
//! cookies are kept between its requests, redirects are followed, and a failure skips only
//! the requests that use its response (`--fail-fast` stops the run). hit's own directives
//! (`directives.rs`) add imported requests sent when used, a run per data row, captures,
//! secrets and per-request retries.

mod build;
mod capture;
mod data;
mod directives;
mod dynamic;
mod env;
mod failure;
mod imports;
mod jsonpath;
mod parse;
mod plan;
mod saved;
mod script;
mod setup;
mod tally;
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
use tally::Tally;

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

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <RunArgs as clap::CommandFactory>::command()
}

/// Runs the file, once per data row when there are rows (`--data`, `# @data`); the exit
/// code is the worst of its requests' (`Exit::worse`). Errors in the file, its imports and
/// its data are returned before anything is sent; a request's own error is reported as it
/// happens.
pub fn run(args: RunArgs) -> Result<Exit> {
    let shown = args.file.display().to_string();
    let source = std::fs::read_to_string(&args.file)
        .map_err(|err| anyhow::anyhow!(error::cannot_read(&shown, &err)))?;
    let file = parse::parse(&shown, &source)?;
    let dir = args.file.parent().unwrap_or(Path::new("")).to_path_buf();
    let imported = imports::load(&shown, &args.file, &file)?;
    let rows = setup::data_rows(&args, &shown, &file, &dir)?;
    let choice = env::EnvChoice {
        name: args.env.as_deref(),
        public: args.env_file.as_deref(),
        private: args.private_env_file.as_deref(),
        values: &args.env_vars,
    };
    let env = env::variables(&dir, &choice)?;
    let envs: Vec<env::Environment> = rows.iter().map(|row| setup::with_row(&env, row)).collect();
    let mut files = Vec::new();
    for env in &envs {
        let plans = setup::Plans::new(&shown, &file, &dir, &imported, &args, env)?;
        files.push(plans);
    }
    let secrets = setup::secret_names(&file, &imported);
    let terminal = output::Console::terminal();
    let shared = Settings::for_run(&args.options, terminal)?;
    let mut printed = shared.output.clone();
    // Under -q the run's own line names the request that failed; each response's status
    // line would say the same without the name.
    printed.status_failures &= args.options.output.quiet == 0;
    let mut printer = Printer::new(&printed);
    let transport = Transport::new(&shared.transport)?;
    let mut worst = Exit::Success;
    for (row, plans) in rows.iter().zip(files) {
        if let Some(row) = row {
            printer.note(&row.label);
        }
        let run = Run {
            plan: &plans.plan,
            imports: &plans.imports,
            secrets: &secrets,
            options: &args.options,
            shared: &shared,
            terminal,
            transport: &transport,
            fail_fast: args.fail_fast,
            preview: args.options.learn.offline || args.options.learn.curl,
            jar: RefCell::new(Jar::default()),
            scripts: RefCell::new(plans.scripts),
        };
        match super::runtime::until_interrupted(run.all(&mut printer))? {
            Some(exit) => worst = worst.worse(exit),
            None => {
                printer.interrupted();
                return Ok(Exit::Interrupted);
            }
        }
    }
    Ok(worst)
}

/// What every request of the run shares.
struct Run<'a> {
    plan: &'a Plan<'a>,
    /// The imported files' plans, whose requests are sent when a request uses them.
    imports: &'a [Plan<'a>],
    /// The names whose values are hidden in output (`# @secret`, credential captures).
    secrets: &'a [String],
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

impl<'a> Run<'a> {
    /// Sends the planned requests in order, each after the imported requests it uses; the
    /// worst exit code. After a failure the run goes on (unless `--fail-fast`), skipping
    /// the requests that use a failed one's response, and ends with a summary line.
    async fn all(&self, printer: &mut Printer) -> Exit {
        let mut kept: HashMap<String, Kept> = HashMap::new();
        let mut tally = Tally::default();
        'requests: for request in self.plan.requests() {
            let mut needed = Vec::new();
            self.on_demand(
                self.plan,
                request,
                &kept,
                &tally,
                &mut needed,
                &mut Vec::new(),
            );
            for (plan, imported) in needed {
                tally.imported += 1;
                if self
                    .step(plan, imported, true, &mut kept, &mut tally, printer)
                    .await
                {
                    break 'requests;
                }
            }
            if self
                .step(self.plan, request, false, &mut kept, &mut tally, printer)
                .await
            {
                break;
            }
        }
        let worst = tally.worst;
        if self.options.output.quiet == 1
            && worst != Exit::Interrupted
            && let Some(line) = tally.explained.take()
        {
            output::report_error(&anyhow::anyhow!(line));
        }
        if worst != Exit::Interrupted {
            let total = self.plan.requests().count() + tally.imported;
            tally.summary(self.plan.file_name(), total, printer);
        }
        worst
    }

    /// The imported requests `request` (of `plan`) uses, by their responses or their
    /// captures, and that have not run, each after those it uses in turn, into `order`. A
    /// name of the file run wins over an import's (the file's own requests run in its
    /// order); in an imported file, its own names win.
    fn on_demand(
        &self,
        plan: &'a Plan<'a>,
        request: &Request,
        kept: &HashMap<String, Kept>,
        tally: &Tally,
        order: &mut Vec<(&'a Plan<'a>, &'a Request)>,
        visiting: &mut Vec<String>,
    ) {
        let main = std::ptr::eq(plan, self.plan);
        let responses = plan.dependencies(request).into_iter().map(|n| (n, false));
        let captures = plan.free_variables(request).into_iter().map(|n| (n, true));
        for (name, captured) in responses.chain(captures) {
            let done = if captured {
                plan.captured.borrow().contains_key(&name) || tally.failed_capture(&name).is_some()
            } else {
                kept.contains_key(&name) || tally.failed.contains(&name)
            };
            let find = |p: &'a Plan<'a>| match captured {
                true => p.capturer(&name),
                false => p.named(&name),
            };
            if done || visiting.contains(&name) || (main && find(plan).is_some()) {
                continue;
            }
            let own = find(plan).filter(|_| !main).map(|r| (plan, r));
            let found = own.or_else(|| self.imports.iter().find_map(|p| find(p).map(|r| (p, r))));
            let Some((from, imported)) = found else {
                continue;
            };
            if order.iter().any(|(_, r)| std::ptr::eq(*r, imported)) {
                continue;
            }
            visiting.push(name);
            self.on_demand(from, imported, kept, tally, order, visiting);
            visiting.pop();
            order.push((from, imported));
        }
    }

    /// One request of `plan` (imported and sent because it is used: `on_demand`), or
    /// skipped when it uses a failed one; whether the run stops here.
    async fn step(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        on_demand: bool,
        kept: &mut HashMap<String, Kept>,
        tally: &mut Tally,
        printer: &mut Printer,
    ) -> bool {
        let file = plan.file_name();
        if let Some(uses) = tally.failed_use(plan, request) {
            tally.skip(request, &uses, file, printer);
            return false;
        }
        let used = request
            .name
            .as_ref()
            .filter(|n| on_demand || plan.is_used(n));
        let handled = !request.scripts.handlers.is_empty();
        let captures = !request.directives.captures.is_empty();
        let kept_for = used.is_some() || request.save.is_some() || handled || captures;
        let mut response = kept_for.then(Kept::default);
        let mut named = failure::Named::written(request);
        let mut result = self
            .one(plan, request, kept, response.as_mut(), printer, &mut named)
            .await;
        if let (Ok(Some(_)), Some(save), Some(response)) = (&result, &request.save, &response) {
            result = self
                .save(plan, request, save, response)
                .map(|()| result.unwrap());
        }
        let shown = || script::shown(plan, request, kept);
        result =
            self.scripts
                .borrow_mut()
                .after(request, shown, response.as_ref(), result, printer);
        if passed(request, &result) {
            result = capture::take(plan, request, response.as_ref(), result);
        }
        let status = printer.take_final_status();
        let quiet = self.options.output.quiet;
        if let Err(err) = &result
            && !error::is_quiet(err)
            && quiet == 0
        {
            output::report_error(err);
        }
        let code = if passed(request, &result) {
            Exit::Success
        } else {
            error::exit_code(&result)
        };
        if let (Ok(Some(outcome)), Exit::Success) = (&result, code) {
            Tally::flaky(file, request, outcome, printer);
        }
        if tally.worst.worse(code) != tally.worst && code != Exit::Interrupted {
            tally.explained = failure::line(file, request, &named, &result, status);
        }
        tally.worst = tally.worst.worse(code);
        tally.sent += 1;
        if code != Exit::Success {
            tally.failures += 1;
            tally.failed.extend(request.name.clone());
            tally.not_captured(request);
        } else {
            let captures = &request.directives.captures;
            let failed = &mut tally.failed_captures;
            failed.retain(|(name, _)| captures.iter().all(|c| c.name != *name));
        }
        if let (Some(name), Some(response)) = (used, response) {
            kept.insert(name.clone(), response);
        }
        code == Exit::Interrupted || (code != Exit::Success && self.fail_fast)
    }

    /// `>> ./file`: the response body written beside the `.http` file.
    fn save(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        save: &parse::Save,
        response: &Kept,
    ) -> Result<()> {
        let at = |why: String| usage(format!("{}:{}: {why}", plan.file_name(), save.path.line));
        let path = plan.fill(
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
        saved::write(&plan.body_file(&path), save.overwrite, body)
            .map_err(|err| at(format!("{err:#}")))?;
        Ok(())
    }

    /// One request: filled in, and sent like any request under the run's options.
    /// `named` becomes the request as filled in, for the line `-q` keeps.
    async fn one(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        kept: &HashMap<String, Kept>,
        keep: Option<&mut Kept>,
        printer: &mut Printer,
        named: &mut failure::Named,
    ) -> Result<Option<error::Outcome>> {
        let shown = || script::shown(plan, request, kept);
        let values = self.scripts.borrow_mut().before(request, shown, printer)?;
        plan.scripted.replace(values);
        let mut secrets = Vec::new();
        let spec = self.spec(plan, request, kept, &mut secrets);
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
                usage(format!("{}:{line}: {err:#}", plan.file_name()))
            })?;
        // `# @retry N`: the request's own budget, under the same rules as `--retry`.
        if let Some(retry) = request.directives.retry {
            settings.retry.retry = retry;
        }
        // Values from the environment are shown as profile secrets are (`--show-secrets`).
        for (secret, variable) in secrets {
            settings.output.redaction.hide(&secret);
            settings.output.redaction.variables.push((secret, variable));
        }
        for value in self.secret_values(plan, request) {
            settings.output.redaction.hide(&value);
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

    /// The values of the run's secret names as `request` sees them: a capture's, else the
    /// variable's; a name with no value there hides nothing.
    fn secret_values(&self, plan: &Plan<'_>, request: &Request) -> Vec<String> {
        let captured = plan.captured.borrow().clone();
        let responses = plan::KeptResponses(&HashMap::new(), true);
        let value = |name: &String| {
            captured.get(name).cloned().or_else(|| {
                let text = parse::Text {
                    text: format!("{{{{{name}}}}}"),
                    line: request.line(),
                };
                plan.fill(&text, &responses, &mut Vec::new()).ok()
            })
        };
        self.secrets.iter().filter_map(value).collect()
    }

    /// The request with its placeholders filled: a body of one file is that file's bytes,
    /// any other body is text. The values taken from the environment go to `secrets`.
    fn spec(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        kept: &HashMap<String, Kept>,
        secrets: &mut Vec<(String, String)>,
    ) -> Result<RequestSpec> {
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

/// Whether the request passed: no error, and a status that does not fail it (under
/// `# @no-redirect` the redirect is the response the file asked for).
fn passed(request: &Request, result: &Result<Option<error::Outcome>>) -> bool {
    match error::exit_code(result) {
        Exit::Success => true,
        Exit::Redirect => request.no_redirect,
        _ => false,
    }
}
