//! OpenAPI support (issue 29).

pub mod schema;
