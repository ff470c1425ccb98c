//! A profile's OpenAPI document: read at `hit profile add --openapi|--discover`, read again
//! at `hit profile sync`, summed up by `hit profile show` and `list`.

use std::collections::HashSet;

use anyhow::Result;

use crate::cli::AddArgs;
use crate::error::{HitError, usage};
use crate::openapi::Api;
use crate::openapi::cache::Cache;
use crate::openapi::profile as document;
use crate::openapi::source::{self, Source};
use crate::settings::store::Store;
use crate::settings::store::model::{OpenApiConfig, Profile};

/// Reads the document `--openapi` or `--discover` names into `profile`: its `[openapi]`
/// table, and the document's server as the base URL when the profile has none. The summary
/// read is returned for the command's one line; nothing given, nothing is read.
pub fn add(args: &AddArgs, profile: &mut Profile) -> Result<Option<Api>> {
    let source = match (&args.openapi, args.discover, &args.base_url) {
        (Some(text), _, _) => Source::parse(text).map_err(as_usage)?,
        (None, true, Some(base)) => source::discover(base).map_err(as_usage)?,
        _ => {
            if !args.server_var.is_empty() {
                return Err(usage(
                    "--server-var fills the server URL of an OpenAPI document: give --openapi \
                     FILE|URL or --discover too",
                ));
            }
            return Ok(None);
        }
    };
    let vars = server_vars(&args.server_var)?;
    let (config, read) = document::read(&source, vars.clone()).map_err(as_usage)?;
    check_server_vars(&read.api, &vars)?;
    if profile.base_url.is_none() {
        let origin = match &source {
            Source::Url(url) => Some(url.as_str()),
            Source::File(_) => None,
        };
        profile.base_url = read.api.server_url(&vars, origin);
    }
    profile.openapi = Some(config);
    Ok(Some(read.api))
}

/// `read OpenAPI 3.0 document 'Swagger Petstore' 1.0.0: 20 operations`.
pub fn describe(api: &Api) -> String {
    let version = api.openapi_version();
    let count = api.operations.len();
    let mut text = format!("read OpenAPI {version} document '{}'", api.title);
    if !api.api_version.is_empty() {
        text.push_str(&format!(" {}", api.api_version));
    }
    text.push_str(&format!(
        ": {count} operation{}",
        if count == 1 { "" } else { "s" }
    ));
    text
}

/// `hit profile sync NAME`: the document read again, its new reading recorded in the
/// profile's own file, and what changed said.
pub fn sync(store: &Store, name: &str) -> Result<String> {
    let profile = store.read(name)?;
    let Some(config) = profile.openapi else {
        return Err(usage(format!(
            "profile '{name}' has no OpenAPI document; hit profile add {name} --openapi \
             FILE|URL --force gives it one"
        )));
    };
    let before = config
        .key
        .as_deref()
        .and_then(|key| Cache::of(key).ok()?.api());
    let source = Source::parse(&config.source).map_err(as_usage)?;
    let vars = config.server_vars.clone().into_iter().collect();
    let (fresh, read) = document::read(&source, vars).map_err(as_usage)?;
    let _lock = store.lock()?;
    document::record(store, name, &fresh)?;
    let changed = match before {
        Some(before) => changes(&before, &read.api),
        None => "the previous reading was no longer cached".to_string(),
    };
    Ok(format!(
        "{} for profile '{name}'; {changed}",
        describe(&read.api)
    ))
}

/// `2 added (a, b), 1 removed (c)`, or `no operation added or removed`.
fn changes(before: &Api, after: &Api) -> String {
    let names =
        |api: &Api| -> Vec<String> { api.operations.iter().map(|e| e.name.clone()).collect() };
    let (old, new) = (names(before), names(after));
    let old_set: HashSet<&String> = old.iter().collect();
    let new_set: HashSet<&String> = new.iter().collect();
    let added: Vec<&str> = new
        .iter()
        .filter(|n| !old_set.contains(n))
        .map(String::as_str)
        .collect();
    let removed: Vec<&str> = old
        .iter()
        .filter(|n| !new_set.contains(n))
        .map(String::as_str)
        .collect();
    let part = |what: &str, names: &[&str]| {
        const SHOWN: usize = 10;
        let mut list = names
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if names.len() > SHOWN {
            list.push_str(&format!(", … {} more", names.len() - SHOWN));
        }
        format!("{} {what} ({list})", names.len())
    };
    match (added.is_empty(), removed.is_empty()) {
        (true, true) => "no operation added or removed".to_string(),
        (false, true) => part("added", &added),
        (true, false) => part("removed", &removed),
        (false, false) => format!("{}, {}", part("added", &added), part("removed", &removed)),
    }
}

/// `# OpenAPI document: SOURCE, 20 operations (hit @NAME lists them)` for `hit profile
/// show`, from the cache; a document that cannot be loaded says why instead.
pub fn shown(store: &Store, name: &str, config: &OpenApiConfig) -> String {
    let source = crate::http::secret::url_passwords(&config.source);
    match document::load(store, name, config) {
        Ok(loaded) => format!(
            "\n# OpenAPI document {source}: '{}', {} operations (hit @{name} lists them)\n",
            loaded.api.title,
            loaded.api.operations.len()
        ),
        Err(err) => format!("\n# OpenAPI document {source}: cannot be read now ({err:#})\n"),
    }
}

/// `--server-var NAME=VALUE`s.
fn server_vars(raw: &[String]) -> Result<Vec<(String, String)>> {
    raw.iter()
        .map(|raw| match raw.split_once('=') {
            Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
            _ => Err(usage(format!(
                "bad --server-var '{raw}': expected NAME=VALUE"
            ))),
        })
        .collect()
}

/// Each `--server-var` names a variable of the document's first server, with one of the
/// values it allows.
fn check_server_vars(api: &Api, vars: &[(String, String)]) -> Result<()> {
    let variables = api.servers.first().map(|s| &s.variables);
    for (name, value) in vars {
        let Some(variable) = variables.and_then(|v| v.get(name)) else {
            let known: Vec<&str> = variables
                .map(|v| v.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let has = if known.is_empty() {
                "it has none".to_string()
            } else {
                format!("it has {}", known.join(", "))
            };
            return Err(usage(format!(
                "--server-var {name}: the document's server URL has no variable '{name}'; {has}"
            )));
        };
        if !variable.choices.is_empty() && !variable.choices.contains(value) {
            return Err(usage(format!(
                "--server-var {name}={value}: the document allows {}",
                variable.choices.join(", ")
            )));
        }
    }
    Ok(())
}

/// A document that cannot be read is a usage error (exit 2) in one line, unless hit already
/// knows what it is (a refused connection, a timeout).
fn as_usage(err: anyhow::Error) -> anyhow::Error {
    if err.downcast_ref::<HitError>().is_some() {
        return err;
    }
    usage(format!("{err:#}").replace('\n', " "))
}
