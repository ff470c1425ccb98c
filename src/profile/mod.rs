//! Saved profiles (SPEC §8): per-API base URLs, headers, credentials by reference,
//! defaults and named requests, one private TOML file each.

mod model;
mod store;

pub use model::{AuthConfig, AuthKind, OutputConfig, Profile, RetryConfig, SavedRequest};
pub use store::{DEFAULT, Store, check_name};
