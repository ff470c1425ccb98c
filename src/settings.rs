//! The command line and the environment merged into plain settings.
//!
//! This is the last layer that sees clap types.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use reqwest::{Method, Url};

use crate::cli::{Cli, ColorWhen, DataFlag, OutputFormat, Parsed, Pretty};
use crate::download::{Save, Target};
use crate::error::{excerpt, usage};
use crate::items::{HeaderEdit, Item, valid_header_name};
use crate::output::Template;
use crate::retry;

/// Everything a run needs, with no clap types left.
#[derive(Debug)]
pub struct Settings {
    pub request: RequestSettings,
    pub transport: TransportSettings,
    pub retry: retry::Policy,
    pub output: OutputSettings,
}

/// What to send.
#[derive(Debug)]
pub struct RequestSettings {
    /// The method the user asked for (positional, `-X`, `-I`, `-G`); `None` means infer it.
    pub method: Option<Method>,
    pub url: Url,
    pub items: Vec<Item>,
    /// Headers from `-H`, `-A`, `-e`, `-b`, `--idempotency-key` and `--accept`, in that order.
    pub headers: Vec<(String, HeaderEdit)>,
    pub data: Vec<(DataFlag, String)>,
    pub json: Vec<String>,
    pub form: Vec<String>,
    pub upload: Option<PathBuf>,
    pub item_encoding: ItemEncoding,
    /// `-G`: `-d` data goes into the query string.
    pub data_in_query: bool,
    pub auth: Option<Auth>,
    /// Stdin may become the body (it is not a terminal and `--no-stdin` is off).
    pub stdin_allowed: bool,
}

/// How `name=value` items are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemEncoding {
    Json,
    Urlencoded,
    Multipart,
}

#[derive(Debug, Clone)]
pub enum Auth {
    Basic { user: String, password: String },
    Bearer(String),
}

/// How to send it.
#[derive(Debug, Clone)]
pub struct TransportSettings {
    pub follow_redirects: bool,
    pub max_redirects: usize,
    /// `--location-trusted`: credentials follow redirects to other origins.
    pub location_trusted: bool,
    /// `-m`: the most one attempt may take.
    pub max_time: Option<Duration>,
    pub connect_timeout: Option<Duration>,
    /// `--timeout`: the longest wait for the response to start or the next body bytes.
    pub idle_timeout: Option<Duration>,
    pub insecure: bool,
    pub cacert: Option<PathBuf>,
    pub proxy: Option<String>,
}

/// What to show, and how.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    pub sections: Sections,
    /// Reformat JSON bodies.
    pub format: bool,
    /// Emit colour escapes.
    pub color: bool,
    pub stdout_is_terminal: bool,
    /// Save the response body to a file instead of printing it.
    pub save: Option<Save>,
    /// Progress bars on stderr (a terminal that can redraw, without `-q` or `-s`).
    pub progress: bool,
    /// Print warnings (off with `-q` and `-s`).
    pub warnings: bool,
    /// Spaces per level of pretty-printed JSON.
    pub indent: usize,
    pub sort_keys: bool,
    /// Flush each chunk of the body as it arrives.
    pub stream: bool,
    /// `--output-format json`: one JSON document instead of the sections.
    pub document: bool,
    /// `-w`: printed after the transfer.
    pub write_out: Option<Template>,
    /// `-f`: no body for a 4xx or 5xx.
    pub fail: bool,
    pub ignore_status: bool,
}

/// The parts of an exchange to print (SPEC §4's `-p HBhbm`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sections {
    pub request_headers: bool,
    pub request_body: bool,
    pub response_headers: bool,
    pub response_body: bool,
    pub meta: bool,
}

impl Sections {
    /// Parses `-p` letters: H B h b m.
    pub fn parse(letters: &str) -> Result<Sections> {
        let mut s = Sections::default();
        for c in letters.chars() {
            match c {
                'H' => s.request_headers = true,
                'B' => s.request_body = true,
                'h' => s.response_headers = true,
                'b' => s.response_body = true,
                'm' => s.meta = true,
                _ => {
                    return Err(usage(format!(
                        "bad --print '{letters}': '{c}' is not one of H B h b m"
                    )));
                }
            }
        }
        Ok(s)
    }
}

/// Which standard streams are terminals.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    /// TERM is set and not `dumb`: a terminal that can redraw a line.
    pub draws: bool,
}

impl Terminal {
    /// Detects the terminals. `HIT_TEST_TERMINAL=1` makes stdout count as one, for tests.
    pub fn detect() -> Terminal {
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal() || env_flag("HIT_TEST_TERMINAL"),
            stderr: std::io::stderr().is_terminal(),
            draws: std::env::var("TERM").is_ok_and(|term| !term.is_empty() && term != "dumb"),
        }
    }
}

/// An environment variable that is set, not empty and not "0".
fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

const KNOWN_METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY",
];

impl Settings {
    pub fn from_cli(parsed: Parsed, terminal: Terminal) -> Result<Settings> {
        let Parsed { cli, data } = parsed;
        let output = output_settings(&cli, terminal)?;
        let headers = header_options(&cli)?;
        let (positional_method, raw_url, raw_items) = split_positionals(&cli.args)?;
        let url = normalize_url(&raw_url)?;
        let items = raw_items
            .iter()
            .map(|raw| Item::parse(raw).map_err(usage))
            .collect::<Result<Vec<_>>>()?;
        // The option is one of `headers` already; another key would be sent beside it.
        let item_headers = items.iter().filter_map(|item| match item {
            Item::Header { name, .. } => Some(name),
            _ => None,
        });
        let keys = headers
            .iter()
            .map(|(name, _)| name)
            .chain(item_headers)
            .filter(|name| name.eq_ignore_ascii_case("idempotency-key"))
            .count();
        if cli.idempotency_key.is_some() && keys > 1 {
            return Err(usage(
                "an Idempotency-Key header and --idempotency-key both give the key; give it once",
            ));
        }

        let method = if let Some(m) = cli.method {
            Some(m)
        } else if cli.head {
            Some("HEAD".to_string())
        } else if cli.get {
            Some("GET".to_string())
        } else {
            positional_method
        };
        let method = method
            .map(|m| {
                Method::from_bytes(m.as_bytes())
                    .map_err(|_| usage(format!("bad method '{m}': not an HTTP token")))
            })
            .transpose()?;

        let auth = match (cli.user, cli.bearer) {
            (Some(user), _) => Some(basic_auth(&user, terminal)?),
            (None, Some(token)) => Some(Auth::Bearer(token)),
            (None, None) => None,
        };

        let item_encoding = if cli.multipart {
            ItemEncoding::Multipart
        } else if cli.urlencoded {
            ItemEncoding::Urlencoded
        } else {
            ItemEncoding::Json
        };

        Ok(Settings {
            request: RequestSettings {
                method,
                url,
                items,
                headers,
                data,
                json: cli.json,
                form: cli.form,
                upload: cli.upload_file,
                item_encoding,
                data_in_query: cli.get,
                auth,
                stdin_allowed: !cli.no_stdin && !terminal.stdin,
            },
            transport: TransportSettings {
                follow_redirects: cli.location,
                max_redirects: cli.max_redirs,
                location_trusted: cli.location_trusted,
                max_time: time_limit(cli.max_time),
                connect_timeout: time_limit(cli.connect_timeout),
                idle_timeout: time_limit(cli.idle_timeout),
                insecure: cli.insecure,
                cacert: cli.cacert,
                proxy: cli.proxy,
            },
            retry: retry::Policy {
                retries: cli.retry.unwrap_or(0),
                // Any delay is capped at retry::MAX_BACKOFF per wait.
                delay: cli.retry_delay.map_or(Duration::from_secs(1), |s| {
                    Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX)
                }),
                max_time: match cli.retry_max_time {
                    Some(s) => time_limit(Some(s)),
                    None => Some(retry::DEFAULT_MAX_TIME),
                },
                statuses: cli
                    .retry_on
                    .map_or_else(|| retry::DEFAULT_STATUSES.to_vec(), |list| list.0),
            },
            output,
        })
    }
}

fn output_settings(o: &Cli, terminal: Terminal) -> Result<OutputSettings> {
    let save = save_settings(o)?;
    let warnings = !o.quiet && !o.silent;
    let all = |meta| Sections {
        request_headers: true,
        request_body: true,
        response_headers: true,
        response_body: true,
        meta,
    };
    let headers_only = Sections {
        response_headers: true,
        ..Sections::default()
    };
    let body_only = Sections {
        response_body: true,
        ..Sections::default()
    };
    let sections = if o.quiet {
        Sections::default()
    } else if let Some(letters) = &o.print {
        Sections::parse(letters)?
    } else if o.verbose > 0 {
        all(o.verbose > 1)
    } else if o.head || o.headers_only {
        headers_only
    } else if o.body_only {
        body_only
    } else if o.include || (terminal.stdout && save.is_none()) {
        Sections {
            response_headers: true,
            response_body: true,
            ..Sections::default()
        }
    } else if save.is_some() {
        Sections::default()
    } else {
        body_only
    };

    let color = use_color(o.color, terminal.stdout);
    // A pipe gets the exact bytes; forced colour there paints them but keeps the layout.
    let pretty = o.pretty.unwrap_or(match (terminal.stdout, color) {
        (true, _) => Pretty::All,
        (false, true) => Pretty::Colors,
        (false, false) => Pretty::None,
    });
    Ok(OutputSettings {
        sections,
        format: matches!(pretty, Pretty::All | Pretty::Format),
        color: color && matches!(pretty, Pretty::All | Pretty::Colors),
        stdout_is_terminal: terminal.stdout,
        save,
        progress: warnings && terminal.stderr && terminal.draws,
        warnings,
        indent: o.indent,
        sort_keys: o.sort_keys,
        stream: o.stream,
        document: o.output_format == Some(OutputFormat::Json),
        write_out: o.write_out.as_deref().map(write_out_template).transpose()?,
        fail: o.fail,
        ignore_status: o.ignore_status,
    })
}

/// `-o FILE` (`-` is stdout), `-O`, `-J`, `--clobber` and `-C -`.
fn save_settings(o: &Cli) -> Result<Option<Save>> {
    let target = match &o.output {
        Some(path) if path.as_os_str() != "-" => Some(Target::Named(path.clone())),
        _ if o.remote_name || o.remote_header_name => Some(Target::Remote {
            from_header: o.remote_header_name,
        }),
        _ => None,
    };
    let resume = o.continue_at.is_some();
    let Some(target) = target else {
        if resume {
            return Err(usage("-C - resumes a file: give it with -o FILE or -O"));
        }
        return Ok(None);
    };
    Ok(Some(Save {
        target,
        clobber: o.clobber,
        resume,
    }))
}

/// Headers from `-H`, then `-A`, `-e`, `-b`, `--idempotency-key` and `--accept`.
fn header_options(cli: &Cli) -> Result<Vec<(String, HeaderEdit)>> {
    let mut headers = cli
        .headers
        .iter()
        .map(|h| parse_header_option(h))
        .collect::<Result<Vec<_>>>()?;
    let mut set = |name: &str, value: &str| {
        headers.push((name.to_string(), HeaderEdit::Set(value.to_string())));
    };
    if let Some(ua) = &cli.user_agent {
        set("User-Agent", ua);
    }
    if let Some(referer) = &cli.referer {
        set("Referer", referer);
    }
    if let Some(cookie) = cli.cookies.iter().find(|c| !c.contains('=')) {
        return Err(usage(format!(
            "bad --cookie '{}': expected 'name=value; other=value' (cookie files are not supported)",
            excerpt(cookie)
        )));
    }
    if !cli.cookies.is_empty() {
        set("Cookie", &cli.cookies.join("; "));
    }
    if let Some(key) = &cli.idempotency_key {
        if key.is_empty() {
            return Err(usage("--idempotency-key needs a key, or 'auto'"));
        }
        if key == "auto" {
            set("Idempotency-Key", &uuid::Uuid::new_v4().to_string());
        } else {
            set("Idempotency-Key", key);
        }
    }
    if let Some(accept) = &cli.accept {
        set(
            "Accept",
            if accept == "json" {
                "application/json"
            } else {
                accept
            },
        );
    }
    Ok(headers)
}

/// `-w FORMAT`, or `-w @file` to read the format from a file.
fn write_out_template(raw: &str) -> Result<Template> {
    let format = match raw.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            usage(format!(
                "cannot read --write-out file '{path}': {}",
                crate::error::io_reason(&e)
            ))
        })?,
        None => raw.to_string(),
    };
    Template::parse(&format).map_err(|why| usage(format!("bad --write-out: {why}")))
}

/// Limits beyond this are no limit: adding them to a clock could overflow it.
const FOREVER: f64 = 100.0 * 365.0 * 24.0 * 3600.0;

/// `-m 0` means no limit, as in curl; so does a limit of more than a century.
fn time_limit(seconds: Option<f64>) -> Option<Duration> {
    seconds
        .filter(|s| *s > 0.0 && *s <= FOREVER)
        .map(Duration::from_secs_f64)
}

/// SPEC §4: `--color auto` colours a terminal unless `NO_COLOR` or `TERM=dumb`;
/// `FORCE_COLOR`/`CLICOLOR_FORCE` force it.
fn use_color(when: ColorWhen, stdout_is_terminal: bool) -> bool {
    match when {
        ColorWhen::Never => false,
        ColorWhen::Always => true,
        ColorWhen::Auto => {
            if env_flag("FORCE_COLOR") || env_flag("CLICOLOR_FORCE") {
                return true;
            }
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            stdout_is_terminal && !no_color && !dumb
        }
    }
}

/// `[METHOD] URL [ITEM ...]`: the first word is a method when it is a known method in any
/// case, or an all-capitals word (`PURGE`), and a URL follows it.
fn split_positionals(args: &[String]) -> Result<(Option<String>, String, Vec<String>)> {
    let is_method = |word: &str| {
        let upper = word.to_ascii_uppercase();
        KNOWN_METHODS.contains(&upper.as_str())
            || (!word.is_empty() && word.bytes().all(|b| b.is_ascii_uppercase()))
    };
    match args {
        [] => Err(usage("no URL given (try 'hit --help')")),
        [first, url, items @ ..] if is_method(first) => Ok((
            Some(first.to_ascii_uppercase()),
            url.clone(),
            items.to_vec(),
        )),
        [url, items @ ..] => Ok((None, url.clone(), items.to_vec())),
    }
}

/// Applies SPEC §1's URL defaults and accepts only http and https.
pub fn normalize_url(raw: &str) -> Result<Url> {
    let bad = |why: String| usage(format!("bad URL '{raw}': {why}"));
    if let Some(rest) = raw.strip_prefix(':') {
        // `:8080/path` and `:/path` are shorthands for localhost.
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (port, path) = rest.split_at(digits);
        if !(path.is_empty() || path.starts_with(['/', '?', '#'])) {
            return Err(bad("expected ':PORT/path' or ':/path'".into()));
        }
        let port = if port.is_empty() {
            String::new()
        } else {
            format!(":{port}")
        };
        return Url::parse(&format!("http://localhost{port}{path}"))
            .map_err(|e| bad(e.to_string()));
    }
    if let Some(scheme) = scheme_of(raw) {
        let lower = scheme.to_ascii_lowercase();
        if lower != "http" && lower != "https" {
            return Err(bad(format!(
                "unsupported scheme '{scheme}' (hit speaks http and https)"
            )));
        }
        let url = Url::parse(raw).map_err(|e| bad(e.to_string()))?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("no host".into()));
        }
        return Ok(url);
    }
    // No scheme: parse as http, then choose by the host that was parsed.
    let mut url = Url::parse(&format!("http://{raw}")).map_err(|e| bad(e.to_string()))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(host)) => {
            let host = host.to_ascii_lowercase();
            host == "localhost" || host.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(bad("no host".into())),
    };
    if !loopback {
        url.set_scheme("https")
            .map_err(|()| bad("cannot use https".into()))?;
    }
    Ok(url)
}

/// The scheme of a URL that has one. `host:8080/path` has none: digits after the colon,
/// up to the end or a `/?#`, are a port.
fn scheme_of(raw: &str) -> Option<&str> {
    let (scheme, rest) = raw.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let is_port = digits > 0
        && rest[digits..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '/' | '?' | '#'));
    (valid && !is_port).then_some(scheme)
}

/// `-H 'Name: value'`, `-H 'Name:'` (remove), `-H 'Name;'` (empty), as curl reads them.
fn parse_header_option(raw: &str) -> Result<(String, HeaderEdit)> {
    // Only the part before any space is echoed: the rest may be a credential.
    let shown = match raw.split_once(char::is_whitespace) {
        Some((head, _)) => format!("{head} …"),
        None => excerpt(raw),
    };
    let (name, edit) = if let Some((name, value)) = raw.split_once(':') {
        let value = value.trim();
        let edit = if value.is_empty() {
            HeaderEdit::Remove
        } else {
            HeaderEdit::Set(value.to_string())
        };
        (name.trim(), edit)
    } else if let Some(name) = raw.strip_suffix(';') {
        (name.trim(), HeaderEdit::Empty)
    } else {
        return Err(usage(format!(
            "bad --header '{shown}': expected 'Name: value'"
        )));
    };
    if !valid_header_name(name) {
        return Err(usage(format!(
            "bad --header '{shown}': '{}' is not a valid header name",
            excerpt(name)
        )));
    }
    Ok((name.to_string(), edit))
}

/// `-u user:password`, or `-u user` with the password asked for on a terminal.
fn basic_auth(raw: &str, terminal: Terminal) -> Result<Auth> {
    if let Some((user, password)) = raw.split_once(':') {
        return Ok(Auth::Basic {
            user: user.to_string(),
            password: password.to_string(),
        });
    }
    if !terminal.stdin {
        return Err(usage(format!(
            "-u {raw} has no password and there is no terminal to ask for one; pass -u {raw}:PASSWORD"
        )));
    }
    let password = rpassword::prompt_password(format!("hit: password for {raw}: "))
        .map_err(|e| usage(format!("cannot read the password for {raw}: {e}")))?;
    Ok(Auth::Basic {
        user: raw.to_string(),
        password,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> String {
        normalize_url(raw).unwrap().to_string()
    }

    #[test]
    fn url_defaults() {
        assert_eq!(url(":8080/x"), "http://localhost:8080/x");
        assert_eq!(url(":/x"), "http://localhost/x");
        assert_eq!(url(":3000"), "http://localhost:3000/");
        assert_eq!(url("localhost:3000/a"), "http://localhost:3000/a");
        assert_eq!(url("api.localhost/a"), "http://api.localhost/a");
        assert_eq!(url("127.0.0.2:9/a"), "http://127.0.0.2:9/a");
        assert_eq!(url("[::1]:8080"), "http://[::1]:8080/");
        assert_eq!(url("example.org/a"), "https://example.org/a");
        assert_eq!(url("HTTP://example.org"), "http://example.org/");
        assert_eq!(url("127.1:8080"), "http://127.0.0.1:8080/");
        assert_eq!(
            url("localhost:8080/login?next=https://app"),
            "http://localhost:8080/login?next=https://app"
        );
        assert_eq!(url("example.org:8443"), "https://example.org:8443/");
    }

    #[test]
    fn only_http_and_https() {
        for raw in [
            "ftp://x/y",
            "file:///etc/passwd",
            "file:/etc/passwd",
            "mailto:a@b",
            ":abc",
            "http://",
        ] {
            let err = normalize_url(raw).unwrap_err().to_string();
            assert!(err.starts_with(&format!("bad URL '{raw}'")), "{err}");
        }
    }

    #[test]
    fn method_detection() {
        let split = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            let (m, u, i) = split_positionals(&args).unwrap();
            (m, u, i.len())
        };
        assert_eq!(
            split(&["post", ":8080", "a=b"]),
            (Some("POST".into()), ":8080".into(), 1)
        );
        assert_eq!(
            split(&["PURGE", "example.org"]),
            (Some("PURGE".into()), "example.org".into(), 0)
        );
        assert_eq!(split(&["localhost", "a=b"]), (None, "localhost".into(), 1));
        assert_eq!(split(&["get"]), (None, "get".into(), 0));
    }

    #[test]
    fn header_option() {
        assert_eq!(
            parse_header_option("X-A:  b ").unwrap(),
            ("X-A".into(), HeaderEdit::Set("b".into()))
        );
        assert_eq!(
            parse_header_option("Accept:").unwrap().1,
            HeaderEdit::Remove
        );
        assert_eq!(parse_header_option("X-E;").unwrap().1, HeaderEdit::Empty);
        assert!(parse_header_option("nocolon").is_err());
    }

    #[test]
    fn print_letters() {
        let s = Sections::parse("Hb").unwrap();
        assert!(s.request_headers && s.response_body && !s.response_headers);
        assert!(Sections::parse("x").is_err());
    }
}
