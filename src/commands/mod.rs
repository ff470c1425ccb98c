//! One room per mode: `hit serve`, `hit run FILE.http`, `hit profile`, `hit save`/`@NAME`,
//! `--generate`.

pub mod generate;
pub mod profile;
pub mod run_file;
pub mod save;
#[cfg_attr(not(feature = "serve"), path = "serve/absent.rs")]
pub mod serve;
