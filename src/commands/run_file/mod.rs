//! `hit run FILE.http [NAME …]`: the requests of a `.http` file (JetBrains HTTP Client,
//! VS Code REST Client) sent in file order over one client, each printed as hit prints a
//! request. The whole file is checked before anything is sent.

mod env;
mod failure;
mod parse;
mod plan;
mod script;
mod vars;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;

use crate::cli::{RunArgs, RunOptions};
use crate::error::{self, Exit, usage};
use crate::exchange::{InFile, Kept};
use crate::output::{self, Printer};
use crate::settings::{RequestSpec, Settings, SpecBody, Terminal};
use crate::transport::Transport;
use parse::{BodyPart, Request};
use plan::Plan;

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
    let env = match &args.env {
        Some(name) => env::load(&dir, name)?,
        None => HashMap::new(),
    };
    let plan = Plan::new(&shown, &file, &dir, &args.names, &env)?;
    let scripts = script::Session::new(&shown, &plan, &dir, &env, args.no_scripts)?;
    plan.scripted.replace(scripts.names());
    plan.check()?;
    let terminal = output::Console::terminal();
    let shared = Settings::for_run(&args.options, terminal)?;
    let mut printed = shared.output;
    // Under -q the run's own line names the request that failed; each response's status
    // line would say the same without the name.
    printed.status_failures &= args.options.output.quiet == 0;
    let mut printer = Printer::new(&printed);
    let transport = Transport::new(&shared.transport)?;
    let run = Run {
        plan: &plan,
        options: &args.options,
        terminal,
        transport: &transport,
        keep_going: args.keep_going,
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
    terminal: Terminal,
    transport: &'a Transport,
    keep_going: bool,
    scripts: RefCell<script::Session<'a>>,
}

impl Run<'_> {
    /// Sends the planned requests in order; the worst exit code.
    async fn all(&self, printer: &mut Printer) -> Exit {
        let mut kept: HashMap<String, Kept> = HashMap::new();
        let mut worst = Exit::Success;
        // Under -q, the one line that explains the exit code, said at the end.
        let quiet = self.options.output.quiet;
        let mut explained = None;
        for request in self.plan.requests() {
            let keep = request.name.as_ref().filter(|n| self.plan.is_used(n));
            let handled = !request.scripts.handlers.is_empty();
            let mut response = (keep.is_some() || handled).then(Kept::default);
            let mut named = failure::Named::written(request);
            let result = self
                .one(request, &kept, response.as_mut(), printer, &mut named)
                .await;
            let shown = || script::shown(self.plan, request, &kept);
            let result =
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
            let code = error::exit_code(&result);
            if worst.worse(code) != worst && code != Exit::Interrupted {
                let file = self.plan.file_name();
                explained = failure::line(file, request, &named, &result, status);
            }
            worst = worst.worse(code);
            if let (Some(name), Some(response)) = (keep, response) {
                kept.insert(name.clone(), response);
            }
            let stop = code == Exit::Interrupted || (code != Exit::Success && !self.keep_going);
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
        worst
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
        let mut settings =
            Settings::from_spec(self.options, spec, self.terminal).map_err(|err| {
                let line = request.line();
                usage(format!("{}:{line}: {err:#}", self.plan.file_name()))
            })?;
        // Values from the environment are shown as profile secrets are (`--show-secrets`).
        for secret in &secrets {
            settings.output.redaction.hide(secret);
        }
        printer.set_redaction(&settings.output.redaction);
        named.redaction = settings.output.redaction.clone();
        let shown = output::redact::url_text(&named.redaction, &url);
        named.request = format!("{method} {}", shown.as_deref().unwrap_or(&url));
        let in_file = InFile {
            transport: self.transport,
            keep,
        };
        crate::exchange::run_in(settings, printer, Some(in_file)).await
    }

    /// The request with its placeholders filled: a body of one file is that file's bytes,
    /// any other body is text. The values taken from the environment go to `secrets`.
    fn spec(
        &self,
        request: &Request,
        kept: &HashMap<String, Kept>,
        secrets: &mut Vec<String>,
    ) -> Result<RequestSpec> {
        let plan = self.plan;
        let responses = plan::KeptResponses(kept);
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
        let body = match &request.body[..] {
            [] => None,
            [BodyPart::File(path)] => Some(SpecBody::File(plan.body_file(&fill(path)?))),
            parts => {
                let mut body = String::new();
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        body.push('\n');
                    }
                    match part {
                        BodyPart::Text(text) => body.push_str(&fill(text)?),
                        BodyPart::File(path) => body.push_str(&plan.body_text(path, &fill(path)?)?),
                    }
                }
                Some(SpecBody::Text(body))
            }
        };
        Ok(RequestSpec {
            method: request.method.clone(),
            url,
            headers,
            body,
            checks,
        })
    }
}
