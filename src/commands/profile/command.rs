//! `hit profile add|list|show|rm|edit`.

use anyhow::Result;
use clap_complete::engine::ArgValueCandidates;

use super::show;
use crate::cli::{Action, AddArgs, ProfileArgs};
use crate::error::usage;
use crate::http::is_credential;
use crate::http::secret::url_passwords;
use crate::items::{HeaderEdit, header_option, valid_header_name};
use crate::output::Console;
use crate::settings::store::model::{AuthConfig, AuthKind, OutputConfig, Profile, RetryConfig};
use crate::settings::store::{Store, check_name};

/// The command definition, for completions and the man page.
pub fn command() -> clap::Command {
    // Mapped in place (`mut_subcommand` would move each to the end of the completions).
    <ProfileArgs as clap::CommandFactory>::command().mut_subcommands(|action| {
        let takes = if action.get_name() == "add" {
            "extends"
        } else {
            "name"
        };
        action.mut_args(|arg| {
            if arg.get_id() == takes {
                arg.add(ArgValueCandidates::new(super::completion_names))
            } else {
                arg
            }
        })
    })
}

pub fn run(args: ProfileArgs) -> Result<()> {
    let store = Store::open()?;
    match args.action {
        Action::Add(add) => self::add(&store, *add),
        Action::List => list(&store),
        Action::Show { name, show_secrets } => {
            check_name(&name)?;
            let profile = store.load(&name)?;
            let mut text = show::render(&name, &profile, &store.path(&name), show_secrets);
            if let Some(config) = &profile.openapi {
                text.push_str(&super::openapi::shown(&store, &name, config));
            }
            Console::plain().print(text.as_bytes())
        }
        Action::Sync { name } => {
            check_name(&name)?;
            note(&super::openapi::sync(&store, &name)?);
            Ok(())
        }
        Action::Rm { name } => {
            let _lock = store.lock()?;
            store.remove(&name)?;
            note(&format!("removed profile '{name}'"));
            Ok(())
        }
        Action::Edit { name } => super::edit::edit(&store, &name),
    }
}

fn add(store: &Store, args: AddArgs) -> Result<()> {
    let name = args.name.clone();
    check_name(&name)?;
    if let Some(base) = &args.extends {
        check_name(base)?;
        if !store.exists(base) {
            return Err(store.missing(base));
        }
    }
    let force = args.force;
    let exists = |store: &Store| -> Result<bool> {
        if store.exists(&name) && !force {
            return Err(usage(format!(
                "profile '{name}' exists; --force replaces it (keeping its saved requests), \
                 hit profile edit {name} changes it"
            )));
        }
        Ok(store.exists(&name))
    };
    // Refused before a document is read, and again under the lock.
    exists(store)?;
    let mut profile = build(&args)?;
    let added = super::openapi::add(&args, &mut profile)?;
    let _lock = store.lock()?;
    if exists(store)? {
        profile.requests = store.read(&name)?.requests;
    }
    store.write(&name, &profile)?;
    let saved = format!("saved profile '{name}' in {}", store.path(&name).display());
    note(&match added {
        Some(api) => format!(
            "{}; {saved} (hit @{name} lists them)",
            super::openapi::describe(&api)
        ),
        None => format!("{saved} (hit -P {name} /path uses it)"),
    });
    Ok(())
}

/// The profile `hit profile add` describes.
fn build(args: &AddArgs) -> Result<Profile> {
    let secret = |what: &str| -> Result<()> {
        if args.store_secret {
            warning(&format!(
                "{what} is stored in plain text in the profile file (mode 0600); token_env or \
                 token_cmd keep it out of the file"
            ));
            Ok(())
        } else {
            Err(usage(format!(
                "{what} would be stored in plain text; keep it in the environment \
                 (--bearer-env VAR, --password-env VAR, --header-env 'Name=VAR'), or add \
                 --store-secret to store it anyway"
            )))
        }
    };
    kept_only(args)?;
    if let Some(base) = &args.base_url {
        crate::http::normalize_url(base).map_err(usage)?;
    }
    for (option, url) in [
        ("--base-url", &args.base_url),
        ("-x/--proxy", &args.proxy.proxy),
        ("--openapi", &args.openapi),
    ] {
        if url.as_deref().is_some_and(has_password) {
            secret(&format!("the password in {option}"))?;
        }
    }
    let mut profile = Profile {
        version: crate::settings::store::model::VERSION,
        extends: args.extends.clone(),
        base_url: args.base_url.clone(),
        cookies: args.cookies.then_some(true),
        proxy: args.proxy.proxy.clone(),
        timeout: args.transfer.timeout,
        connect_timeout: args.transfer.connect_timeout,
        max_time: args.transfer.max_time,
        follow: args.transfer.location.then_some(true),
        max_redirs: args.transfer.max_redirs,
        cacert: args.tls.cacert.as_ref().map(|p| p.display().to_string()),
        insecure: args.tls.insecure.then_some(true),
        ..Profile::default()
    };
    for raw in &args.headers {
        let (name, value) = header(raw)?;
        if is_credential(&name) {
            secret(&format!("the {name} header"))?;
        }
        profile.headers.insert(name, value);
    }
    for raw in &args.query {
        let (name, value) = raw
            .split_once('=')
            .ok_or_else(|| usage(format!("bad --query '{raw}': expected NAME=VALUE")))?;
        profile.query.insert(name.to_string(), value.to_string());
    }
    for raw in &args.header_env {
        let (name, var) = raw
            .split_once('=')
            .filter(|(name, var)| valid_header_name(name) && !var.is_empty())
            .ok_or_else(|| usage(format!("bad --header-env '{raw}': expected HEADER=VAR")))?;
        warn_if_unset(var);
        profile.header_env.insert(name.to_string(), var.to_string());
    }
    profile.auth = match super::oauth::config(&args.oauth)? {
        Some(oauth) => Some(oauth),
        None => auth(
            &args.bearer_env,
            &args.bearer_cmd,
            &args.bearer,
            &args.user,
            &args.password_env,
            &secret,
        )?,
    };
    defaults(args, &mut profile)?;
    Ok(profile)
}

/// The retry and output defaults of `hit profile add`.
fn defaults(args: &AddArgs, profile: &mut Profile) -> Result<()> {
    let retry = &args.retry;
    if retry.retry.is_some()
        || retry.retry_delay.is_some()
        || retry.retry_max_time.is_some()
        || retry.retry_on.is_some()
    {
        profile.retry = Some(RetryConfig {
            retry: retry.retry,
            retry_delay: retry.retry_delay,
            retry_max_time: retry.retry_max_time,
            retry_on: retry.retry_on.as_ref().map(|on| on.written.clone()),
        });
    }
    let (print, pretty) = (&args.sections.print, args.style.pretty);
    if let Some(print) = print
        && let Some(bad) = print.chars().find(|c| !"HBhbm".contains(*c))
    {
        return Err(usage(format!(
            "bad --print '{print}': '{bad}' is not one of H B h b m"
        )));
    }
    if pretty.is_some() || print.is_some() {
        profile.output = Some(OutputConfig {
            pretty: pretty.map(|p| format!("{p:?}").to_ascii_lowercase()),
            print: print.clone(),
        });
    }
    Ok(())
}

/// The shared option groups hold a few options that belong to one request and that a
/// profile does not keep: they are refused, not dropped.
fn kept_only(args: &AddArgs) -> Result<()> {
    let given = [
        (args.transfer.no_location, "--no-location"),
        (args.transfer.location_trusted, "--location-trusted"),
        (args.retry.idempotency_key.is_some(), "--idempotency-key"),
        (args.tls.no_insecure, "--no-insecure"),
        (args.tls.cert.is_some(), "-E/--cert"),
        (args.tls.key.is_some(), "--key"),
        (args.proxy.noproxy.is_some(), "--noproxy"),
        (args.proxy.proxy_user.is_some(), "-U/--proxy-user"),
    ];
    match given.iter().find(|(on, _)| *on) {
        Some((_, option)) => Err(usage(format!(
            "{option} is an option of one request, which a profile does not keep; give it \
             on the command line beside -P NAME"
        ))),
        None => Ok(()),
    }
}

type Secret<'a> = dyn Fn(&str) -> Result<()> + 'a;

fn auth(
    bearer_env: &Option<String>,
    bearer_cmd: &Option<String>,
    bearer: &Option<String>,
    user: &Option<String>,
    password_env: &Option<String>,
    secret: &Secret,
) -> Result<Option<AuthConfig>> {
    let mut auth = AuthConfig::default();
    if let Some(var) = bearer_env {
        warn_if_unset(var);
        auth.token_env = Some(var.clone());
    } else if let Some(command) = bearer_cmd {
        auth.token_cmd = Some(command.clone());
    } else if let Some(token) = bearer {
        secret("the bearer token")?;
        auth.token = Some(token.clone());
    } else if let Some(user) = user {
        auth.kind = AuthKind::Basic;
        let (user, password) = match user.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (user.as_str(), None),
        };
        auth.user = Some(user.to_string());
        if let Some(var) = password_env {
            warn_if_unset(var);
            auth.password_env = Some(var.clone());
        } else if let Some(password) = password {
            secret("the password")?;
            auth.password = Some(password.to_string());
        } else {
            return Err(usage(format!(
                "-u {user} needs --password-env VAR (or -u {user}:PASSWORD --store-secret)"
            )));
        }
    } else {
        return Ok(None);
    }
    Ok(Some(auth))
}

/// A URL with a password in it (`http://user:pw@host/`).
fn has_password(url: &str) -> bool {
    url_passwords(url) != url
}

/// `Name: value`, as `-H` reads it; a profile header has a value.
fn header(raw: &str) -> Result<(String, String)> {
    match header_option(raw).map_err(usage)? {
        (name, HeaderEdit::Set(value)) => Ok((name, value)),
        (name, _) => Err(usage(format!(
            "--header {name}: a profile header needs a value ('{name}: value')"
        ))),
    }
}

pub(super) fn warn_if_unset(var: &str) {
    if std::env::var_os(var).is_none() {
        warning(&format!(
            "${var} is not set now; requests with this profile need it"
        ));
    }
}

fn list(store: &Store) -> Result<()> {
    let names = store.names()?;
    if names.is_empty() {
        note("no profiles yet; hit profile add NAME --base-url URL creates one");
        return Ok(());
    }
    let width = names.iter().map(String::len).max().unwrap_or(0);
    let mut text = String::new();
    for name in names {
        let about = match store.read(&name) {
            Ok(profile) => {
                let mut about = match profile.base_url {
                    Some(base) => url_passwords(&base).into_owned(),
                    None => "(no base URL)".into(),
                };
                if profile.openapi.is_some() {
                    about.push_str(&format!("  (OpenAPI: hit @{name} lists its operations)"));
                }
                about
            }
            Err(err) => format!("(unreadable: {err})"),
        };
        text.push_str(&format!("{name:width$}  {about}\n"));
    }
    Console::plain().print(text.as_bytes())
}

/// `hit: MESSAGE` on stderr.
pub fn note(message: &str) {
    Console::plain().line(&format!("hit: {message}"));
}

/// `hit: warning: MESSAGE` on stderr.
pub fn warning(message: &str) {
    Console::plain().line(&format!("hit: warning: {message}"));
}
