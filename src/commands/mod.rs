//! One room per mode: `hit serve`, `hit run FILE.http`, `hit profile`, `hit save`/`@NAME`,
//! `--generate`.

pub mod generate;
pub mod profile;
pub mod run_file;
pub mod save;
pub mod serve;
