//! The spellings of curl and HTTPie that hit accepts for its own behaviour: each is read
//! into hit's own options once the command line is parsed ([`CompatArgs::apply`]), and a
//! flag that asks for what hit does not do gets one note saying what hit does instead.
//! Shown by `--help` under one heading, left out of `-h`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Args;

use super::Cli;
use super::values::StatusList;

const HEADING: &str = "curl and HTTPie spellings";

/// curl's and HTTPie's options that mean something hit does (or does safely otherwise).
#[derive(Args, Debug, Clone, Default)]
pub struct CompatArgs {
    /// curl: no progress bar (notes and errors still show)
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub no_progress_meter: bool,

    /// curl: retry any 4xx and 5xx too (with --retry; still idempotent requests only)
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub retry_all_errors: bool,

    /// curl: hit already retries a refused connection, whatever the method
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub retry_connrefused: bool,

    /// curl: as hit without -f: the body is printed and 4xx exits 4, 5xx exits 5
    #[arg(
        long,
        overrides_with = "fail",
        hide_short_help = true,
        help_heading = HEADING
    )]
    pub fail_with_body: bool,

    /// curl: hit's progress bar is the default on a terminal
    #[arg(short = '#', long, hide_short_help = true, help_heading = HEADING)]
    pub progress_bar: bool,

    /// curl: as --stream
    #[arg(short = 'N', long, hide_short_help = true, help_heading = HEADING)]
    pub no_buffer: bool,

    /// curl: with -o FILE, make the directories it names that are missing
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub create_dirs: bool,

    /// curl: as -O (hit sends one URL)
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub remote_name_all: bool,

    /// curl: as --bearer TOKEN
    #[arg(
        long,
        value_name = "TOKEN",
        conflicts_with_all = ["user", "auth"],
        hide_short_help = true,
        help_heading = HEADING
    )]
    pub oauth2_bearer: Option<String>,

    /// curl: Basic auth with -u, the default (turns off --digest and --anyauth)
    #[arg(
        long,
        overrides_with_all = ["digest", "anyauth"],
        hide_short_help = true,
        help_heading = HEADING
    )]
    pub basic: bool,

    /// curl: only these protocols: '=https' refuses http:// URLs and redirects to them
    #[arg(long, value_name = "PROTOCOLS", allow_hyphen_values = true, hide_short_help = true, help_heading = HEADING)]
    pub proto: Option<String>,

    /// curl: only these protocols after a redirect: '=https' refuses redirects to http://
    #[arg(long, value_name = "PROTOCOLS", allow_hyphen_values = true, hide_short_help = true, help_heading = HEADING)]
    pub proto_redir: Option<String>,

    /// curl: TLS 1.2 or later, as hit always speaks
    #[arg(long = "tlsv1.2", hide_short_help = true, help_heading = HEADING)]
    pub tlsv1_2: bool,

    /// curl: TLS 1.0 or later; hit speaks TLS 1.2 or later, and says so
    #[arg(
        short = '1',
        long = "tlsv1",
        visible_alias = "tlsv1.0",
        visible_alias = "tlsv1.1",
        hide_short_help = true,
        help_heading = HEADING
    )]
    pub tlsv1: bool,

    /// curl: hit keeps TCP keepalive probes on, and says so
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub no_keepalive: bool,

    /// curl: hit's default. These change nothing either: --compressed-ssh and --ssl-reqd
    /// (not HTTP's), --disable (hit reads no .curlrc), --fail-early (one URL), --no-clobber
    /// (hit never overwrites without --clobber), --styled-output
    #[arg(
        long = "tcp-nodelay",
        aliases = ["compressed-ssh", "disable", "fail-early", "no-clobber", "ssl-reqd",
            "styled-output"],
        hide_short_help = true,
        help_heading = HEADING
    )]
    pub no_effect: bool,

    /// curl: a multipart text field taken as written (no @file, <file or ;type=)
    #[arg(long, value_name = "NAME=VALUE", allow_hyphen_values = true,
        hide_short_help = true, help_heading = HEADING)]
    pub form_string: Vec<String>,

    /// curl: write each response's status line and headers, as received, to FILE ('-' is
    /// stdout)
    #[arg(short = 'D', long, value_name = "FILE", hide_short_help = true, help_heading = HEADING)]
    pub dump_header: Option<PathBuf>,

    /// curl: write hit's -v view of the exchange to FILE: request and response heads and
    /// bodies, credentials hidden as -v hides them, no colour ('-' is stdout, as -v)
    #[arg(long, value_name = "FILE", visible_alias = "trace-ascii", hide_short_help = true,
        help_heading = HEADING)]
    pub trace: Option<PathBuf>,

    /// HTTPie: as hit by default: 3xx exits 3, 4xx exits 4, 5xx exits 5 (turns off
    /// --ignore-status)
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub check_status: bool,

    /// HTTPie: as --no-stdin
    #[arg(long, hide_short_help = true, help_heading = HEADING)]
    pub ignore_stdin: bool,

    /// HTTPie: 'no' as -k, 'yes' as --no-insecure, a PATH as --cacert PATH
    #[arg(long, value_name = "no|yes|PATH", hide_short_help = true, help_heading = HEADING)]
    pub verify: Option<String>,

    /// HTTPie: as -u
    #[arg(
        long,
        value_name = "USER[:PASSWORD]",
        conflicts_with_all = ["user", "bearer"],
        hide_short_help = true,
        help_heading = HEADING
    )]
    pub auth: Option<String>,

    /// HTTPie: how -u/--auth is sent: basic (the default), bearer (as --bearer) or digest
    /// (as --digest)
    #[arg(long, value_name = "TYPE", value_parser = ["basic", "bearer", "digest"],
        hide_short_help = true, help_heading = HEADING)]
    pub auth_type: Option<String>,

    /// HTTPie's --form, when no NAME=CONTENT follows (then it is curl's -F): data items as
    /// a form (--urlencoded, or --multipart with a file item)
    #[arg(long = "httpie-form", hide = true)]
    pub httpie_form: bool,

    /// jq's -r with --jq (--raw-output); curl's -r (--range) otherwise, which hit does not
    /// support
    #[arg(short = 'r', hide = true)]
    pub r: bool,
}

/// The notes to say once, before the request.
pub type Notes = Vec<String>;

impl CompatArgs {
    /// Reads these spellings into hit's own options, and returns what to say about them;
    /// an `Err` is a usage error.
    pub fn apply(cli: &mut Cli) -> Result<Notes, String> {
        let compat = std::mem::take(&mut cli.compat);
        let mut notes = Notes::new();
        if compat.retry_all_errors {
            let mut list = cli.retry.retry_on.take().unwrap_or(StatusList {
                codes: Vec::new(),
                check: false,
                written: String::new(),
            });
            list.codes.extend(400..600);
            list.codes.sort_unstable();
            list.codes.dedup();
            list.written = match list.written.as_str() {
                "" => "4xx,5xx".to_string(),
                written => format!("{written},4xx,5xx"),
            };
            cli.retry.retry_on = Some(list);
        }
        cli.output.no_progress_meter |= compat.no_progress_meter;
        if compat.fail_with_body {
            cli.output.fail = false;
        }
        cli.output.stream |= compat.no_buffer;
        side_files(cli, compat.dump_header, compat.trace);
        cli.files.create_dirs |= compat.create_dirs;
        cli.files.remote_name |= compat.remote_name_all && cli.files.output.is_none();
        if let Some(token) = compat.oauth2_bearer {
            cli.auth.bearer = Some(token);
        }
        if compat.basic {
            (cli.auth.digest, cli.auth.anyauth) = (false, false);
        }
        if compat.tlsv1 {
            notes.push("note: --tlsv1 allows TLS 1.0 and 1.1: hit speaks TLS 1.2 or later".into());
        }
        if compat.no_keepalive {
            notes.push("note: --no-keepalive: hit keeps TCP keepalive probes on".into());
        }
        if compat.check_status {
            cli.output.ignore_status = false;
        }
        cli.body.no_stdin |= compat.ignore_stdin;
        if let Some(verify) = compat.verify {
            verify_option(cli, &verify);
        }
        if let Some(auth) = compat.auth {
            cli.auth.user = Some(auth);
        }
        if let Some(kind) = compat.auth_type {
            auth_type(cli, &kind)?;
        }
        if compat.httpie_form && !cli.body.multipart && !cli.body.urlencoded {
            let file_item = |word: &String| {
                matches!(
                    crate::items::Item::parse(word),
                    Ok(crate::items::Item::File { .. })
                )
            };
            match cli.args.iter().skip(1).any(file_item) {
                true => cli.body.multipart = true,
                false => cli.body.urlencoded = true,
            }
        }
        if compat.r {
            match cli.filter.jq {
                Some(_) => cli.filter.raw_output = true,
                None => {
                    return Err("-r (--range) is a curl option hit does not support; \
                                with --jq, -r is jq's --raw-output"
                        .into());
                }
            }
        }
        if compat.proto.is_some() || compat.proto_redir.is_some() {
            protocols(cli, compat.proto.as_deref(), compat.proto_redir.as_deref())?;
        }
        Ok(notes)
    }
}

/// HTTPie's `--form` is a flag, curl's takes a field: `--form` is HTTPie's when no
/// `NAME=CONTENT` follows it (`hit --form POST :8080/x a=1`, or `--form` last), and is
/// read as the hidden `--httpie-form`; `--form=…` and `--form a=1` stay curl's.
pub fn httpie_form(mut args: Vec<OsString>) -> Vec<OsString> {
    let end = args.iter().position(|w| w == "--").unwrap_or(args.len());
    for i in 1..end {
        if args[i] != "--form" {
            continue;
        }
        let field = args
            .get(i + 1)
            .and_then(|w| w.to_str())
            .is_some_and(|next| {
                next.split_once('=').is_some_and(|(name, _)| {
                    !name.is_empty() && !name.starts_with('-') && !name.contains(['/', ':', '?'])
                })
            });
        if !field {
            args[i] = OsString::from("--httpie-form");
        }
    }
    args
}

/// curl's `-D FILE` and `--trace FILE`; `--trace -` is `-v`.
fn side_files(cli: &mut Cli, dump_header: Option<PathBuf>, trace: Option<PathBuf>) {
    cli.output.dump_header = dump_header;
    match trace {
        Some(path) if path.as_os_str() == "-" => cli.output.verbose = cli.output.verbose.max(1),
        trace => cli.output.trace = trace,
    }
}

/// HTTPie's `--verify=no|yes|PATH` (and its `true`/`false`).
fn verify_option(cli: &mut Cli, verify: &str) {
    match verify.to_ascii_lowercase().as_str() {
        "no" | "false" => (cli.tls.insecure, cli.tls.no_insecure) = (true, false),
        "yes" | "true" => (cli.tls.insecure, cli.tls.no_insecure) = (false, true),
        _ => cli.tls.cacert = Some(PathBuf::from(verify)),
    }
}

/// HTTPie's `--auth-type`: how the `-u`/`--auth` value is sent.
fn auth_type(cli: &mut Cli, kind: &str) -> Result<(), String> {
    match kind {
        "bearer" => match cli.auth.user.take() {
            Some(token) => cli.auth.bearer = Some(token),
            None if cli.auth.bearer.is_some() => {}
            None => {
                return Err("--auth-type bearer needs the token: -u TOKEN or --auth TOKEN".into());
            }
        },
        "digest" => (cli.auth.digest, cli.auth.anyauth) = (true, false),
        _ => (cli.auth.digest, cli.auth.anyauth) = (false, false),
    }
    Ok(())
}

/// curl's `--proto` and `--proto-redir`: of http and https, which ones they leave allowed.
/// hit honours a list that keeps https; one that drops http makes hit refuse an http://
/// URL, and redirects to one.
fn protocols(cli: &mut Cli, proto: Option<&str>, redir: Option<&str>) -> Result<(), String> {
    let all = proto.map_or(Ok([true, true]), |list| allowed("--proto", list))?;
    let after = redir.map_or(Ok([true, true]), |list| allowed("--proto-redir", list))?;
    if !all[1] || !after[1] {
        return Err(
            "--proto and --proto-redir must allow https: hit speaks only http and https".into(),
        );
    }
    cli.transfer.https_only = !all[0];
    cli.transfer.https_redirects_only = !all[0] || !after[0];
    Ok(())
}

/// Which of `[http, https]` a curl protocol list leaves allowed: `=https`, `-all,+https`,
/// `-http`, `https`; other protocols' names are passed over.
fn allowed(option: &str, list: &str) -> Result<[bool; 2], String> {
    let mut allowed = [true, true];
    for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (modifier, name) = match item.as_bytes()[0] {
            b'=' | b'+' | b'-' => item.split_at(1),
            _ => ("+", item),
        };
        let which = match name.to_ascii_lowercase().as_str() {
            "all" => [true, true],
            "http" => [true, false],
            "https" => [false, true],
            "" => return Err(format!("{option} '{list}': a protocol name is missing")),
            _ => [false, false],
        };
        for (slot, named) in allowed.iter_mut().zip(which) {
            *slot = match modifier {
                "=" => named,
                "-" => *slot && !named,
                _ => *slot || named,
            };
        }
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::allowed;
    use std::ffi::OsString;
    use std::path::PathBuf;

    fn cli(words: &[&str]) -> crate::cli::Cli {
        let args = std::iter::once("hit").chain(words.iter().copied());
        crate::cli::parse_from(args).expect("parsed").cli
    }

    #[test]
    fn spellings_become_hits_own_options() {
        let url = "example.org/f.txt";
        assert!(cli(&["-N", url]).output.stream);
        let output = cli(&["-D", "h.txt", "--trace-ascii", "t.txt", url]).output;
        assert_eq!(output.dump_header, Some(PathBuf::from("h.txt")));
        assert_eq!(output.trace, Some(PathBuf::from("t.txt")));
        let output = cli(&["--trace", "-", url]).output;
        assert_eq!((output.trace, output.verbose), (None, 1));
        assert!(cli(&["--no-progress-meter", url]).output.no_progress_meter);
        assert!(cli(&["--remote-name-all", url]).files.remote_name);
        assert!(
            !cli(&["--remote-name-all", "-o", "x", url])
                .files
                .remote_name
        );
        assert!(cli(&["--create-dirs", "-o", "d/x", url]).files.create_dirs);
        assert!(!cli(&["-f", "--fail-with-body", url]).output.fail);
        assert!(cli(&["--fail-with-body", "-f", url]).output.fail);
        assert!(
            !cli(&["--ignore-status", "--check-status", url])
                .output
                .ignore_status
        );
        assert!(cli(&["--ignore-stdin", url]).body.no_stdin);
        let tls = cli(&["--verify=no", url]).tls;
        assert!(tls.insecure && !tls.no_insecure);
        let tls = cli(&["-k", "--verify", "YES", url]).tls;
        assert!(!tls.insecure && tls.no_insecure);
        let tls = cli(&["--verify", "ca.pem", url]).tls;
        assert_eq!(tls.cacert, Some(PathBuf::from("ca.pem")));
        let auth = cli(&["--auth", "t", "--auth-type", "bearer", url]).auth;
        assert_eq!((auth.user, auth.bearer), (None, Some("t".into())));
        assert!(
            cli(&["-u", "a:b", "--auth-type", "digest", url])
                .auth
                .digest
        );
        assert!(!cli(&["--digest", "--basic", url]).auth.digest);
        let retry = cli(&["--retry-on", "check", "--retry-all-errors", url]).retry;
        let list = retry.retry_on.expect("a status list");
        assert_eq!((list.codes.len(), list.check), (200, true));
        assert!(cli(&["--jq", ".", "-r", url]).filter.raw_output);
        let transfer = cli(&["--proto-redir", "=https", url]).transfer;
        assert!(!transfer.https_only && transfer.https_redirects_only);
    }

    #[test]
    fn httpies_form_is_the_flag_when_no_field_follows() {
        let read = |words: &[&str]| -> Vec<String> {
            let args = words.iter().map(OsString::from).collect();
            super::httpie_form(args)
                .into_iter()
                .map(|w| w.into_string().unwrap())
                .collect()
        };
        assert_eq!(
            read(&["hit", "--form", "POST", "x.org", "a=1"])[1],
            "--httpie-form"
        );
        assert_eq!(read(&["hit", "--form", "x.org/?a=1"])[1], "--httpie-form");
        assert_eq!(read(&["hit", "x.org", "--form"])[2], "--httpie-form");
        assert_eq!(read(&["hit", "--form", "a=1", "x.org"])[1], "--form");
        assert_eq!(read(&["hit", "--form=a", "x.org"])[1], "--form=a");
        assert_eq!(read(&["hit", "x.org", "--", "--form"])[3], "--form");
    }

    #[test]
    fn curl_protocol_lists() {
        let table = [
            ("=https", [false, true]),
            ("https", [true, true]),
            ("-http", [false, true]),
            ("-all,+https", [false, true]),
            ("=http,https", [true, true]),
            ("=ftp", [false, false]),
            ("-all,http", [true, false]),
        ];
        for (list, expected) in table {
            assert_eq!(allowed("--proto", list), Ok(expected), "{list}");
        }
        assert!(allowed("--proto", "=").is_err());
    }
}
