//! `hit run FILE.http [NAME …]`: the requests of a `.http` file (JetBrains HTTP Client,
//! VS Code REST Client) sent in file order over one client, each printed as hit prints a
//! request. The whole file is checked before anything is sent.

mod env;
mod failure;
mod parse;
mod plan;
mod vars;

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use clap::Parser;

use crate::cli::{RunArgs, RunOptions};
use crate::error::{self, usage};
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

/// `hit run ...` when those are the first words of the command line.
pub fn requested() -> Option<Result<RunArgs, clap::Error>> {
    crate::cli::command_args("run").map(RunArgs::try_parse_from)
}

/// Runs the file; the exit code is the worst of its requests' (`worse`). Errors in the
/// file are returned before anything is sent; a request's own error is reported as it
/// happens.
pub fn run(args: RunArgs) -> Result<u8> {
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
    plan.check()?;
    let terminal = output::Console::terminal();
    let shared = Settings::for_run(&args.options, terminal)?;
    let mut printed = shared.output;
    // Under -q the run's own line names the request that failed; each response's status
    // line would say the same without the name.
    printed.status_failures &= args.options.output.quiet == 0;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut printer = Printer::new(&printed);
    let transport = Transport::new(&shared.transport)?;
    let run = Run {
        plan: &plan,
        options: &args.options,
        terminal,
        transport: &transport,
        keep_going: args.keep_going,
    };
    runtime.block_on(async {
        let mut interrupted = std::pin::pin!(tokio::signal::ctrl_c());
        let _ = futures_util::poll!(&mut interrupted);
        tokio::select! {
            code = run.all(&mut printer) => Ok(code),
            _ = &mut interrupted => {
                printer.interrupted();
                Ok(error::code::INTERRUPTED)
            }
        }
    })
}

/// The worse of two exit codes: an interruption (130) above all, then the higher code
/// (a refused connection, 7, above a 5xx above a 4xx above success).
pub fn worse(a: u8, b: u8) -> u8 {
    if a == error::code::INTERRUPTED || b == error::code::INTERRUPTED {
        error::code::INTERRUPTED
    } else {
        a.max(b)
    }
}

/// What every request of the run shares.
struct Run<'a> {
    plan: &'a Plan<'a>,
    options: &'a RunOptions,
    terminal: Terminal,
    transport: &'a Transport,
    keep_going: bool,
}

impl Run<'_> {
    /// Sends the planned requests in order; the worst exit code.
    async fn all(&self, printer: &mut Printer) -> u8 {
        let mut kept: HashMap<String, Kept> = HashMap::new();
        let mut worst = error::code::SUCCESS;
        // Under -q, the one line that explains the exit code, said at the end.
        let quiet = self.options.output.quiet;
        let mut explained = None;
        for request in self.plan.requests() {
            let keep = request.name.as_ref().filter(|n| self.plan.is_used(n));
            let mut response = keep.map(|_| Kept::default());
            let mut named = failure::Named::written(request);
            let result = self
                .one(request, &kept, response.as_mut(), printer, &mut named)
                .await;
            let status = printer.take_final_status();
            if let Err(err) = &result
                && !error::is_quiet(err)
                && quiet == 0
            {
                output::report_error(err);
            }
            let code = error::exit_code(&result);
            if worse(worst, code) != worst && code != error::code::INTERRUPTED {
                let file = self.plan.file_name();
                explained = failure::line(file, request, &named, &result, status);
            }
            worst = worse(worst, code);
            if let (Some(name), Some(response)) = (keep, response) {
                kept.insert(name.clone(), response);
            }
            let stop = code == error::code::INTERRUPTED || (code != 0 && !self.keep_going);
            if stop {
                break;
            }
        }
        if quiet == 1
            && worst != error::code::INTERRUPTED
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
        let mut secrets = Vec::new();
        let spec = self.spec(request, kept, &mut secrets)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_code_wins() {
        for (a, b, worst) in [
            (0, 0, 0),
            (0, 4, 4),
            (5, 4, 5),
            (4, 7, 7),
            (9, 2, 9),
            (130, 9, 130),
            (1, 130, 130),
        ] {
            assert_eq!(worse(a, b), worst, "{a} {b}");
        }
    }
}
