//! A request that failed while its settings were read, before anything was sent (a
//! profile's `token_cmd` failing): `-w` and `--output-format json` still report it, as they
//! do a request that got no response.

use reqwest::{Method, Url};

use super::OutputSettings;

/// The failure, with what is known of the request and how to show it.
#[derive(Debug)]
pub struct Unsent {
    pub output: OutputSettings,
    pub method: Method,
    pub url: Url,
    pub error: anyhow::Error,
}

impl std::fmt::Display for Unsent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

impl std::error::Error for Unsent {}

/// `error` as an `Unsent` when the output reports failures and the error is not one of
/// usage (a usage error stops before any transfer, as curl's do).
pub(super) fn unsent(
    error: anyhow::Error,
    output: &OutputSettings,
    target: impl FnOnce() -> Option<(Method, Url)>,
) -> anyhow::Error {
    let reports = output.write_out.is_some() || output.document;
    if !reports || crate::error::is_usage(&error) {
        return error;
    }
    match target() {
        Some((method, url)) => Unsent {
            output: output.clone(),
            method,
            url,
            error,
        }
        .into(),
        None => error,
    }
}
