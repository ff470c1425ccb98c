//! Saved profiles (SPEC §8): per-API base URLs, headers, credentials by reference,
//! defaults and named requests, one private TOML file each.

mod command;
mod edit;
mod model;
mod show;
mod store;

pub use model::{AuthConfig, AuthKind, Profile, SavedRequest, VERSION};
pub use store::{DEFAULT, Store, check_name, parse};
pub use command::{command, note, print, requested, run, warning as warn};
