//! `hit @PROFILE/OPERATION`: an operation of the profile's OpenAPI document, found by name
//! and given to the request as its method and path template; and the operation loaded
//! again for the checks of the request and of its response.

use std::sync::Arc;

use anyhow::Result;

use crate::cli::{self, OperationCall};
use crate::error::usage;
use crate::openapi::profile::{Loaded, load};
use crate::openapi::{Operation, names};
use crate::settings::store::Store;
use crate::settings::store::model::Profile;

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
    pub api: Arc<crate::openapi::Api>,
}

/// Loads the operation `call` names (a millisecond: one file of the cache).
pub fn called(call: &OperationCall) -> Result<Called> {
    let store = Store::open()?;
    let profile = store.load(&call.profile)?;
    let config = profile.openapi.as_ref().ok_or_else(|| {
        usage(format!(
            "profile '{}' has no OpenAPI document",
            call.profile
        ))
    })?;
    let document = load(&store, &call.profile, config)?;
    let operation = document.operation(&call.name).ok_or_else(|| {
        usage(format!(
            "operation '{}' is gone from profile '{}''s document",
            call.name, call.profile
        ))
    })??;
    Ok(Called {
        operation,
        dialect: document.api.dialect,
        api: Arc::new(document.api),
    })
}
