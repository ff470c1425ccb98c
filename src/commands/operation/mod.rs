//! `hit @PROFILE/OPERATION`: an operation of the profile's OpenAPI document, found by name
//! and given to the request as its method and path template; and the operation loaded
//! again for the checks of the request and of its response.

use std::sync::Arc;

use anyhow::Result;

use crate::cli::{self, OperationCall};
use crate::error::usage;
use crate::openapi::profile::{Loaded, load, named};
use crate::openapi::{Operation, names, paths};
use crate::settings::Settings;
use crate::settings::contract::ContractSettings;
use crate::settings::store::Store;
use crate::settings::store::model::Profile;

mod held;
mod security;

use held::Held;

/// The words of operation `name` of profile `profile_name` (`loaded` as it applies), or
/// `None` when the profile has no document.
pub fn words(
    store: &Store,
    profile_name: &str,
    loaded: &Profile,
    name: &str,
) -> Result<Option<cli::SavedRequestWords>> {
    let Some(config) = &loaded.openapi else {
        return Ok(None);
    };
    let document = load(store, profile_name, config)?;
    // The operationId as the document writes it (`getPetById`) finds it too.
    let found = (document.api.entry(name)).or_else(|| document.api.entry(&names::kebab(name)));
    let Some(entry) = found else {
        return Err(unknown(profile_name, loaded, &document, name));
    };
    let path_parameters = names::template_names(&entry.path)
        .map(str::to_string)
        .collect();
    Ok(Some(cli::SavedRequestWords {
        profile: profile_name.to_string(),
        options: Vec::new(),
        positionals: vec![entry.method.clone(), entry.path.clone()],
        operation: Some(cli::OperationWords {
            name: entry.name.clone(),
            path_parameters,
        }),
    }))
}

/// Neither a saved request nor an operation: the closest names of both.
fn unknown(profile_name: &str, profile: &Profile, document: &Loaded, name: &str) -> anyhow::Error {
    let names = (document.api.operations.iter().map(|e| e.name.as_str()))
        .chain(profile.requests.keys().map(String::as_str));
    let mut close: Vec<(f64, &str)> = names
        .map(|known| (strsim::jaro_winkler(name, known), known))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let hint = match close.first() {
        Some((_, best)) => format!("; did you mean '{best}'?"),
        None => format!("; hit @{profile_name} lists its operations"),
    };
    usage(format!(
        "profile '{profile_name}' has no operation or saved request '{name}'{hint}"
    ))
}

/// The operation a request calls, whole, with what its schemas need.
pub struct Called {
    pub operation: Operation,
    pub dialect: crate::openapi::Dialect,
    pub api: crate::openapi::Api,
}

/// Holds the request to its operation: the one `hit @PROFILE/OPERATION` called (its
/// credential placed as its security says), or with `--validate`/`--strict` the one of the
/// profile's document its method and path are. `own_auth`: the command line gave a
/// credential, which is sent as given. Returns what to say before sending.
pub fn hold(
    settings: &mut Settings,
    call: Option<&OperationCall>,
    profile: Option<&str>,
    own_auth: bool,
) -> Result<Vec<String>> {
    let asked = settings.learn.strict || settings.learn.validate;
    let (name, wanted) = match (call, profile) {
        (Some(call), _) => (call.profile.as_str(), Some(call.name.as_str())),
        (None, Some(profile)) if asked => (profile, None),
        (None, _) if asked => {
            return Err(usage(
                "--validate and --strict hold a request to an OpenAPI document: call an \
                 operation (hit @PROFILE/OPERATION) or use a profile that has one (-P NAME)",
            ));
        }
        (None, _) => return Ok(Vec::new()),
    };
    let (profile, document) = named(name)?;
    let base_path = (profile.base_url.as_deref())
        .and_then(|base| url::Url::parse(base).ok())
        .map_or_else(|| "/".to_string(), |base| base.path().to_string());
    let wanted = match wanted {
        Some(wanted) => wanted.to_string(),
        None => match matching(settings, &document, &base_path) {
            Some(found) => found,
            None => {
                let method = method(settings);
                return Ok(vec![format!(
                    "spec: no operation of profile '{name}''s document is {method} {}; the \
                     request is not checked",
                    settings.request.url.path()
                )]);
            }
        },
    };
    let operation = document.operation(&wanted).ok_or_else(|| {
        usage(format!(
            "operation '{wanted}' is gone from profile '{name}''s document"
        ))
    })??;
    let called = Called {
        operation,
        dialect: document.api.dialect,
        api: document.api,
    };
    let notes = match call {
        Some(_) if !own_auth => security::secure(settings, &called, name),
        _ => Vec::new(),
    };
    let (strict, validate) = (settings.learn.strict, settings.learn.validate);
    settings.learn.contract = Some(ContractSettings {
        contract: Arc::new(Held { called, base_path }),
        strict,
        validate,
    });
    Ok(notes)
}

/// The name of the operation the request's method and path are.
fn matching(settings: &Settings, document: &Loaded, base_path: &str) -> Option<String> {
    let path = paths::within(settings.request.url.path(), base_path)?;
    let (entry, _) = document.api.find(method(settings).as_str(), path)?;
    Some(entry.name.clone())
}

fn method(settings: &Settings) -> reqwest::Method {
    crate::request::method_of_unbuilt(&settings.request)
}
