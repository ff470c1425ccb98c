//! `hit test [PATH …]`: `.http` files as a test suite.

// The runner that fills the model lands with the command; until then only the report
// writers use it.
#[allow(dead_code, unused_imports)]
pub mod report;
