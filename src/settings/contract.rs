//! An API contract a request and its response are held to (an operation of an OpenAPI
//! document, crate::openapi), seen through a trait: the settings need nothing of documents.

use std::sync::Arc;

use reqwest::header::HeaderMap;

use crate::http::PreparedRequest;

pub trait Contract: Send + Sync {
    /// What the request is held to, for messages: `get-pet-by-id (GET /pet/{petId})`.
    fn name(&self) -> String;
    /// The request's problems, one line each (`query parameter "limit": expected integer,
    /// got string`). A body hit streams (a file, stdin) is not read for it.
    fn check_request(&self, request: &PreparedRequest) -> Vec<String>;
    /// The response's problems, one line each (`200 body /id: expected integer, got
    /// string`).
    fn check_response(&self, status: u16, headers: &HeaderMap, body: &[u8]) -> Vec<String>;
}

/// The contract of a request and what to do about it.
#[derive(Clone)]
pub struct ContractSettings {
    pub contract: Arc<dyn Contract>,
    /// `--strict`: a request that breaks the contract is not sent (exit 2).
    pub strict: bool,
    /// `--validate`: the response is checked, and one that breaks the contract exits 1.
    pub validate: bool,
}

impl std::fmt::Debug for ContractSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContractSettings")
            .field("contract", &self.contract.name())
            .field("strict", &self.strict)
            .field("validate", &self.validate)
            .finish()
    }
}
