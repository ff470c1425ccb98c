//! One file's requests, sent in order: each filled in, sent as hit sends a request, its
//! response kept for the requests that use it; after a failure the run goes on with the
//! requests that do not depend on it. `hit run` prints each exchange; `hit test` records
//! each request as a case instead.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::Instant;

use anyhow::Result;

use super::parse::{self, BodyPart, Request};
use super::plan::{self, Plan};
use super::settle::{needs_response, passed};
use super::setup::Plans;
use super::tally::Tally;
use super::{Context, build, failure, record, script};
use crate::commands::test::report::Case;
use crate::error::{self, Exit, usage};
use crate::exchange::{InFile, Jar, Kept};
use crate::output::{self, Printer};
use crate::settings::{Redaction, RequestSpec, Settings};

/// One file's run.
pub(super) struct Run<'a> {
    plan: &'a Plan<'a>,
    /// The imported files' plans, whose requests are sent when a request uses them.
    imports: &'a [Plan<'a>],
    /// The names whose values are hidden in output (`# @secret`, credential captures).
    pub(super) secrets: &'a [String],
    context: &'a Context<'a>,
    /// `--offline`, `--curl`: nothing is sent.
    preview: bool,
    /// The cookies the run's responses set (`# @no-cookie-jar` opts out).
    pub(super) jar: RefCell<Jar>,
    /// The file's scripts and what they have set.
    pub(super) scripts: RefCell<script::Session<'a>>,
    /// `hit test`: each request becomes a case here, and nothing is said of it.
    cases: Option<&'a RefCell<Vec<Case>>>,
    /// A request's title was printed: the next one is set apart by a blank line.
    titled: Cell<bool>,
    /// The run's environment as a key for the imported requests files share.
    pub(super) env_key: String,
}

impl<'a> Run<'a> {
    pub(super) fn new(
        plans: &'a Plans<'a>,
        scripts: script::Session<'a>,
        context: &'a Context<'a>,
        cases: Option<&'a RefCell<Vec<Case>>>,
        env_key: String,
    ) -> Run<'a> {
        let learn = &context.options.learn;
        Run {
            plan: &plans.plan,
            imports: &plans.imports,
            secrets: &plans.secrets,
            context,
            preview: learn.offline || learn.curl,
            jar: RefCell::new(Jar::default()),
            scripts: RefCell::new(scripts),
            cases,
            titled: Cell::new(false),
            env_key,
        }
    }
}

impl<'a> Run<'a> {
    /// Sends the planned requests in order; the worst exit code. After a failure the run
    /// goes on (unless `--fail-fast`), skipping the requests that use a failed one's
    /// response, and ends with a summary line.
    pub(super) async fn all(&self, printer: &mut Printer) -> Exit {
        let started = Instant::now();
        let mut tally = Tally::default();
        let requests: Vec<&Request> = self.plan.requests().collect();
        'requests: for (at, request) in requests.iter().enumerate() {
            let mut needed = Vec::new();
            self.on_demand(self.plan, request, &tally, &mut needed, &mut Vec::new());
            for (plan, imported) in needed {
                tally.imported += 1;
                let code = match self.context.imports {
                    Some(shared) => {
                        self.shared_step(shared, plan, imported, &mut tally, printer)
                            .await
                    }
                    None => self.step(plan, imported, true, &mut tally, printer).await,
                };
                if code == Exit::Interrupted {
                    break 'requests;
                }
                if code != Exit::Success && self.context.fail_fast {
                    self.not_run(imported, &requests[at..], printer);
                    break 'requests;
                }
            }
            let code = self
                .step(self.plan, request, false, &mut tally, printer)
                .await;
            if code == Exit::Interrupted {
                break;
            }
            if code != Exit::Success && self.context.fail_fast {
                self.not_run(request, &requests[at + 1..], printer);
                break;
            }
        }
        let worst = tally.worst;
        if self.context.options.output.quiet == 1
            && worst != Exit::Interrupted
            && let Some(line) = tally.explained.take()
        {
            output::report_error(&anyhow::anyhow!(line));
        }
        if worst != Exit::Interrupted && self.cases.is_none() {
            let total = requests.len() + tally.imported;
            let on_terminal = self.context.terminal.stdout;
            tally.summary(
                self.plan.file_name(),
                total,
                started.elapsed(),
                printer,
                on_terminal,
            );
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
                tally.kept.contains_key(&name) || tally.failed.contains(&name)
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
            self.on_demand(from, imported, tally, order, visiting);
            visiting.pop();
            order.push((from, imported));
        }
    }

    /// One request of `plan` (imported and sent because it is used: `on_demand`), or
    /// passed over when it uses one that failed; its exit code (success when passed over).
    pub(super) async fn step(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        on_demand: bool,
        tally: &mut Tally,
        printer: &mut Printer,
    ) -> Exit {
        if let Some(uses) = tally.failed_use(plan, request) {
            let reason = tally.skip(request, &uses);
            self.passed_over(plan, request, reason, printer);
            return Exit::Success;
        }
        self.send(plan, request, on_demand, tally, printer).await
    }

    /// A request not sent, said (`hit run`) or recorded (`hit test`).
    fn passed_over(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        reason: String,
        printer: &mut Printer,
    ) {
        match self.cases {
            Some(cases) => {
                let case = record::skipped(plan.file_name(), request, reason);
                cases.borrow_mut().push(case);
            }
            None => {
                let file = plan.file_name();
                printer.note(&format!("{file}:{}: {reason}", request.line()));
            }
        }
    }

    /// `--fail-fast` stopped the run at `failed`: the requests after it are not run.
    fn not_run(&self, failed: &Request, rest: &[&Request], printer: &mut Printer) {
        if rest.is_empty() {
            return;
        }
        let what = failed
            .name
            .clone()
            .or_else(|| failed.title.clone())
            .unwrap_or_else(|| format!("line {}", failed.line()));
        match self.cases {
            Some(cases) => {
                let reason = format!("not run: --fail-fast stopped the run at {what}");
                let mut cases = cases.borrow_mut();
                let file = self.plan.file_name();
                cases.extend(
                    rest.iter()
                        .map(|r| record::skipped(file, r, reason.clone())),
                );
            }
            None => printer.note(&format!(
                "{}: {} not run after {what} failed (--fail-fast; without it the run goes on)",
                self.plan.file_name(),
                rest.len()
            )),
        }
    }

    /// Sends one request and weighs its outcome; its exit code.
    async fn send(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        on_demand: bool,
        tally: &mut Tally,
        printer: &mut Printer,
    ) -> Exit {
        let started = Instant::now();
        let used = request
            .name
            .as_ref()
            .filter(|n| on_demand || plan.is_used(n));
        let keep = used.is_some() || self.cases.is_some() || needs_response(request);
        let mut response = keep.then(Kept::default);
        let mut named = failure::Named::written(request);
        // The responses kept so far, which the request may use.
        let kept = &tally.kept;
        let result = self
            .one(plan, request, kept, response.as_mut(), printer, &mut named)
            .await;
        let result = self
            .settle(plan, request, response.as_ref(), result, kept, printer)
            .await;
        let status = printer.take_final_status();
        let code = match passed(request, &result) {
            true => Exit::Success,
            false => error::exit_code(&result),
        };
        match self.cases {
            Some(cases) => {
                let ended = (&result, code, response.as_ref(), started.elapsed());
                let case = self.case(plan, request, &mut named, ended);
                cases.borrow_mut().push(case);
            }
            None => {
                if let Err(err) = &result
                    && !error::is_quiet(err)
                    && self.context.options.output.quiet == 0
                {
                    output::report_error(err);
                }
                if let (Ok(Some(outcome)), Exit::Success) = (&result, code) {
                    Tally::flaky(plan.file_name(), request, outcome, printer);
                }
            }
        }
        if tally.worst.worse(code) != tally.worst && code != Exit::Interrupted {
            let file = plan.file_name();
            tally.explained = failure::line(file, request, &named, &result, status);
        }
        tally.count(request, code);
        if let (Some(name), Some(response)) = (used, response) {
            tally.kept.insert(name.clone(), response);
        }
        code
    }

    /// `### login  POST https://api/login` above a request's exchange when `hit run` prints
    /// to a terminal, a blank line between exchanges.
    fn title(&self, request: &Request, named: &failure::Named, printer: &mut Printer) {
        if self.cases.is_some() || !self.context.terminal.stdout {
            return;
        }
        let line = match request.name.as_ref().or(request.title.as_ref()) {
            Some(name) => format!("### {name}  {}", named.request),
            None => format!("### {}", named.request),
        };
        printer.heading(&line, self.titled.replace(true));
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
        // `hit test` reports the request as sent.
        let sent = self.cases.is_some().then(|| spec.clone());
        // Redirects are followed, as the IDEs follow them, unless the file or the command
        // line says not to.
        let mut options = self.context.options.clone();
        options.transfer.location =
            !request.no_redirect && (options.transfer.location || !options.transfer.no_location);
        // Values from the environment and `# @secret`s are hidden as profile secrets are
        // (`--show-secrets`), the error of a request that cannot be built included.
        let values = secrets.iter().map(|(secret, _)| secret.clone());
        let values: Vec<String> = values.chain(self.secret_values(plan, request)).collect();
        let hide = |redaction: &mut Redaction| {
            for value in &values {
                redaction.hide(value);
                // As a form body of the file carries it.
                redaction.hide(&build::form_value(value));
            }
        };
        let mut hidden = Redaction::default();
        hide(&mut hidden);
        let mut settings =
            Settings::from_spec(&options, self.context.shared, spec, self.context.terminal)
                .map_err(|err| {
                    let line = request.line();
                    let message = format!("{}:{line}: {err:#}", plan.file_name());
                    usage(output::redact::values(&hidden, &message).into_owned())
                })?;
        // `# @retry N`: the request's own budget, under the same rules as `--retry`.
        if let Some(retry) = request.directives.retry {
            settings.retry.retry = retry;
        }
        // `# @expect-status N`: the status does not decide; `expected` compares it after.
        if request.directives.expect_status.is_some() {
            settings.output.ignore_status = true;
        }
        // `# @validate` (or `--validate`, `hit test --contract`): held to the operation of the
        // profile's document that the request is.
        settings.learn.validate |= request.directives.validate;
        if settings.learn.validate || settings.learn.strict {
            let profile = self.context.options.profile.profile.as_deref();
            for note in crate::commands::operation::hold(&mut settings, None, profile, false)? {
                printer.note(&note);
            }
        }
        hide(&mut settings.output.redaction);
        settings.output.redaction.variables.extend(secrets);
        printer.set_redaction(&settings.output.redaction);
        named.redaction = settings.output.redaction.clone();
        let shown = output::redact::url_text(&named.redaction, &url);
        named.request = format!("{method} {}", shown.as_deref().unwrap_or(&url));
        if let Some(sent) = &sent {
            named.sent = record::Sent::new(sent, &named.redaction);
        }
        self.title(request, named, printer);
        let in_file = InFile {
            transport: self.context.transport,
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
        let messages = (request.messages.iter())
            .map(|step| step.try_map(&mut fill))
            .collect::<Result<_>>()?;
        let until = request
            .directives
            .until
            .as_ref()
            .map(&mut fill)
            .transpose()?;
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
            messages,
            count: request.directives.count,
            until,
        })
    }
}

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
