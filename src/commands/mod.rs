//! One room per mode: a request, `hit serve`, `hit run FILE.http`, `hit profile`, `hit auth`,
//! `hit save`/`@NAME`, `--generate`; and the runtime they run on.

pub mod auth;
pub mod generate;
mod operation;
pub mod operations;
pub mod profile;
pub mod request;
pub mod run_file;
mod runtime;
pub mod save;
#[cfg_attr(not(feature = "serve"), path = "serve/absent.rs")]
pub mod serve;
pub mod test;
