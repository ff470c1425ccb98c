//! A request given as data rather than as words (each request of `hit run`'s file): its
//! method, URL, headers, body and checks, under the option groups the whole run shares.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use reqwest::Url;

use super::request::{Given, Source};
use super::{
    Cli, Data, Layered, OutputSettings, Settings, Step, Terminal, TransportSettings, args, profile,
    proxies,
};
use crate::cli::{AuthArgs, BodyArgs, FilesArgs, RequestArgs, RunOptions};
use crate::error::usage;
use crate::items::{DataKind, HeaderEdit, header_line};

/// One request, its placeholders already filled.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    /// An HTTP token, as the file wrote it.
    pub method: String,
    pub url: String,
    /// In order; an empty value is sent empty, as `-H 'Name;'` does.
    pub headers: Vec<(String, String)>,
    pub body: Option<SpecBody>,
    /// jq expressions that must be true of the JSON body (`--check`).
    pub checks: Vec<String>,
    /// A `WEBSOCKET` request's messages and waits for the server, in order.
    pub messages: Vec<Step>,
    /// `# @count N`: the command line's `--count N`.
    pub count: Option<u64>,
    /// `# @until EXPR`: the command line's `--until EXPR`.
    pub until: Option<String>,
}

/// A request's body.
#[derive(Debug, Clone)]
pub enum SpecBody {
    /// Sent as it is (`--data-raw`).
    Text(String),
    /// The file's bytes (`--data-binary @FILE`).
    File(PathBuf),
    /// Bytes, sent as they are.
    Bytes(Vec<u8>),
}

/// What every request of a run shares: how it is printed, the one transport, and the
/// profile, loaded once (its `token_cmd` runs once for the run).
pub struct RunShared {
    pub output: OutputSettings,
    pub transport: TransportSettings,
    profile: Option<Arc<profile::Active>>,
    /// The environment's unusable proxies were said (with the first request).
    warned: Cell<bool>,
}

impl Settings {
    /// The settings of one request of a run: `spec` under the run's option groups (and
    /// the profile they name), as the command line's request is under its own.
    pub fn from_spec(
        options: &RunOptions,
        shared: &RunShared,
        mut spec: RequestSpec,
        terminal: Terminal,
    ) -> Result<Settings> {
        let mut cli = run_cli(options);
        cli.filter.check.extend(spec.checks.iter().cloned());
        cli.stream.count = spec.count;
        cli.stream.until = spec.until.clone();
        let messages = std::mem::take(&mut spec.messages);
        let layered = Layered::with(&cli, terminal, shared.profile.clone())?;
        let mut settings = Settings::build(&cli, &Source::Spec(spec), layered, terminal)?;
        if let Some(websocket) = settings.stream.websocket.as_mut() {
            websocket.messages = messages;
        }
        if shared.warned.replace(true) {
            settings.transport.proxies.ignored.clear();
        }
        Ok(settings)
    }

    /// The printer's settings and the transport a run shares; the options that make no
    /// sense for every request of a file are refused here, before anything is sent.
    pub fn for_run(options: &RunOptions, terminal: Terminal) -> Result<RunShared> {
        if options.output.head {
            return Err(usage(
                "-I/--head asks for a HEAD request, and in hit run the file gives each \
                 request's method (--headers prints only the response headers)",
            ));
        }
        if let Some(key) = options
            .retry
            .idempotency_key
            .as_deref()
            .filter(|k| *k != "auto")
        {
            return Err(usage(format!(
                "--idempotency-key {key} would send one key with every request of the file; \
                 --idempotency-key auto makes a key per request"
            )));
        }
        let cli = run_cli(options);
        let layered = Layered::new(&cli, terminal)?;
        let documented = (layered.active.as_deref()).is_some_and(|a| a.profile.openapi.is_some());
        if (options.learn.validate || options.learn.strict) && !documented {
            return Err(usage(
                "--validate (--contract) and --strict hold each request to an OpenAPI document: \
                 name a profile that has one (-P NAME; hit profile add NAME --openapi FILE)",
            ));
        }
        let proxies = proxies(&cli, layered.active.as_deref(), None)?;
        Ok(RunShared {
            transport: layered.transport(&cli, proxies),
            profile: layered.active.clone(),
            output: layered.output,
            warned: Cell::new(false),
        })
    }
}

/// The run's option groups as a command line that names no request: no positionals, no
/// header, body or credential options, and stdin is not a body.
fn run_cli(options: &RunOptions) -> Cli {
    let RunOptions {
        transfer,
        retry,
        connection,
        tls,
        limit,
        proxy,
        output,
        profile,
        learn,
        filter,
    } = options.clone();
    Cli {
        args: Vec::new(),
        request: RequestArgs::default(),
        body: BodyArgs {
            no_stdin: true,
            ..BodyArgs::default()
        },
        auth: AuthArgs::default(),
        transfer,
        retry,
        connection,
        tls,
        limit,
        proxy,
        files: FilesArgs::default(),
        output,
        profile,
        learn,
        filter,
        stream: Default::default(),
        compat: Default::default(),
    }
}

/// What a spec gives: its headers first, then those the run's options add. A header
/// whose value is empty is sent empty, and a body gets no Content-Type the spec does not
/// give.
pub(super) fn given(cli: &Cli, spec: &RequestSpec, base: Option<&Url>) -> Result<Given> {
    let mut headers = spec
        .headers
        .iter()
        .map(|(name, value)| match header_line(name, value) {
            Ok((name, HeaderEdit::Remove)) => Ok((name, HeaderEdit::Empty)),
            Ok(edit) => Ok(edit),
            Err(why) => Err(usage(why)),
        })
        .collect::<Result<Vec<_>>>()?;
    let typed = headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    if spec.body.is_some() && !typed {
        headers.push(("Content-Type".to_string(), HeaderEdit::Remove));
    }
    headers.extend(args::header_options(cli)?);
    args::check_url(&spec.url, base)?;
    let url = args::request_url(cli, &spec.url, base)?;
    let data = match &spec.body {
        None | Some(SpecBody::Bytes(_)) => Vec::new(),
        Some(SpecBody::Text(text)) => vec![Data {
            kind: DataKind::Raw,
            value: text.clone(),
        }],
        Some(SpecBody::File(path)) => vec![Data {
            kind: DataKind::Binary,
            value: format!("@{}", path.display()),
        }],
    };
    let exact_body = match &spec.body {
        Some(SpecBody::Bytes(bytes)) => Some(bytes.clone()),
        _ => None,
    };
    // JetBrains' HTTP Client writes a WebSocket as a `WEBSOCKET` request.
    let websocket = spec.method.eq_ignore_ascii_case("WEBSOCKET")
        || crate::http::websocket_as_http(&spec.url).is_some();
    let method = if spec.method.eq_ignore_ascii_case("WEBSOCKET") {
        "GET".to_string()
    } else {
        spec.method.clone()
    };
    Ok(Given {
        method: Some(method),
        url,
        items: Vec::new(),
        headers,
        data,
        exact_body,
        websocket,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terminal() -> Terminal {
        Terminal {
            stdin: false,
            stdout: false,
            stderr: false,
            draws: false,
        }
    }

    #[test]
    fn a_spec_goes_into_the_request_settings_as_it_is() {
        let spec = RequestSpec {
            method: "PATCH".into(),
            url: "http://127.0.0.1:9/items/1".into(),
            headers: vec![
                ("X-One".into(), "1".into()),
                ("Accept".into(), String::new()),
            ],
            body: Some(SpecBody::Text("-d not an option".into())),
            // A build without jq refuses checks.
            checks: if cfg!(feature = "jq") {
                vec![".ok".into()]
            } else {
                Vec::new()
            },
            messages: Vec::new(),
            count: None,
            until: None,
        };
        let options = RunOptions::default();
        let shared = Settings::for_run(&options, terminal()).unwrap();
        let settings = Settings::from_spec(&options, &shared, spec, terminal()).unwrap();
        let request = &settings.request;
        assert_eq!(request.method.as_ref().map(|m| m.as_str()), Some("PATCH"));
        assert_eq!(request.url.as_str(), "http://127.0.0.1:9/items/1");
        assert_eq!(
            request.headers,
            [
                ("X-One".to_string(), HeaderEdit::Set("1".into())),
                ("Accept".to_string(), HeaderEdit::Empty),
                ("Content-Type".to_string(), HeaderEdit::Remove),
            ]
        );
        assert_eq!(
            request.data,
            [Data {
                kind: DataKind::Raw,
                value: "-d not an option".into()
            }]
        );
        assert!(!request.stdin_allowed && request.items.is_empty());
        let checks = settings.filter.as_ref().map(|f| f.checks.len());
        assert_eq!(checks, cfg!(feature = "jq").then_some(1));
    }

    #[test]
    fn a_file_body_is_the_files_bytes_and_run_wide_options_apply() {
        let spec = RequestSpec {
            method: "POST".into(),
            url: "http://127.0.0.1:9/".into(),
            headers: Vec::new(),
            body: Some(SpecBody::File("dir/body.bin".into())),
            checks: Vec::new(),
            messages: Vec::new(),
            count: None,
            until: None,
        };
        let mut options = RunOptions::default();
        options.transfer.location = true;
        options.retry.retry = Some(2);
        let shared = Settings::for_run(&options, terminal()).unwrap();
        let settings = Settings::from_spec(&options, &shared, spec, terminal()).unwrap();
        assert_eq!(settings.request.data[0].kind, DataKind::Binary);
        assert_eq!(settings.request.data[0].value, "@dir/body.bin");
        assert!(settings.transport.follow_redirects);
        assert_eq!(settings.retry.retry, 2);
    }

    #[test]
    fn a_websocket_spec_opens_one_with_its_messages_count_and_until() {
        let spec = RequestSpec {
            method: "WEBSOCKET".into(),
            url: "ws://127.0.0.1:9/chat".into(),
            headers: Vec::new(),
            body: None,
            checks: Vec::new(),
            messages: vec![Step::Send("hi".into()), Step::WaitForServer],
            count: Some(3),
            until: None,
        };
        let options = RunOptions::default();
        let shared = Settings::for_run(&options, terminal()).unwrap();
        let settings = Settings::from_spec(&options, &shared, spec, terminal()).unwrap();
        assert_eq!(settings.request.method, Some(reqwest::Method::GET));
        assert_eq!(settings.request.url.as_str(), "http://127.0.0.1:9/chat");
        assert_eq!(settings.stream.count, Some(3));
        let ws = settings.stream.websocket.as_ref().unwrap();
        assert_eq!(ws.messages, [Step::Send("hi".into()), Step::WaitForServer]);
        assert!(!ws.reads_stdin);
    }

    #[test]
    fn options_that_name_one_request_are_refused_for_a_run() {
        let mut options = RunOptions::default();
        options.output.head = true;
        let err = Settings::for_run(&options, terminal()).err().unwrap();
        assert!(
            err.to_string()
                .starts_with("-I/--head asks for a HEAD request")
        );
    }
}
