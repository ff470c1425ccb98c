//! Saved profiles (SPEC §8): per-API base URLs, headers, credentials by reference,
//! defaults and named requests, one private TOML file each.

mod command;
mod edit;
mod oauth;
mod openapi;
mod show;

pub use crate::settings::store::{DEFAULT, SavedRequest, Store, VERSION, check_name, parse};
pub use command::{command, note, run, warning as warn};

/// The profiles there are, as completion candidates for `-P` and `hit profile show`.
pub fn completion_names() -> Vec<clap_complete::engine::CompletionCandidate> {
    Store::open()
        .and_then(|store| store.names())
        .unwrap_or_default()
        .into_iter()
        .map(clap_complete::engine::CompletionCandidate::new)
        .collect()
}
