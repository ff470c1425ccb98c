//! An API's OpenAPI document (3.0 and 3.1, JSON or YAML), read once and kept in a form a
//! request can load in a millisecond (SPEC §8, issue 29).
//!
//! The document is read as a `serde_json::Value` rather than into a typed OpenAPI model:
//! hit uses a small part of it (operations, parameters, bodies, responses, security and the
//! schemas they reach), a typed model refuses a valid document over a field it did not
//! expect (restish's 3.1 loader crashed on exactly that), and the schemas must stay JSON
//! for the validator anyway. What is read is checked as it is read, with one line naming
//! the place in the document.
//!
//! - [`source`]: where a document comes from (a file, a URL, discovery) and its bytes,
//!   bounded in size and time.
//! - [`parse`]: the bytes as JSON or YAML, the version, and `$ref`s to other documents
//!   grafted in so that every reference is local.
//! - [`build`]: the operations, each with its named form and the part of the document its
//!   schemas reach.
//! - [`cache`]: that form on disk, keyed by the document's bytes.
//! - [`schema`]: JSON Schema validation, examples and parameter values.
//! - [`contract`]: a request or a response checked against its operation.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod build;
pub mod cache;
pub mod contract;
pub mod names;
pub mod parse;
pub mod paths;
pub mod profile;
pub mod refs;
pub mod schema;
pub mod source;

pub use schema::Dialect;

/// What a listing, completion and the choice of an operation need: the document's
/// summary and one line per operation. Small enough to read on every Tab.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Api {
    pub dialect: Dialect,
    /// `info.title` and `info.version`.
    pub title: String,
    pub api_version: String,
    pub servers: Vec<Server>,
    pub security_schemes: IndexMap<String, SecurityScheme>,
    pub operations: Vec<Entry>,
    /// Tags in the order the document declares them, with their descriptions.
    pub tags: Vec<(String, Option<String>)>,
}

/// An operation as listed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The name `hit @PROFILE/NAME` calls it by.
    pub name: String,
    pub method: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Server {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub variables: IndexMap<String, ServerVariable>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerVariable {
    pub default: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

/// A security scheme, as far as a client acts on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SecurityScheme {
    /// `type: http`, `scheme: bearer`.
    Bearer,
    /// `type: http`, `scheme: basic`.
    Basic,
    /// Another `type: http` scheme (digest, …), named.
    Http {
        scheme: String,
    },
    /// `type: apiKey`: the key goes in a header, the query or a cookie, under `name`.
    ApiKey {
        name: String,
        place: Place,
    },
    OAuth2,
    OpenIdConnect,
    MutualTls,
}

/// Where a parameter or an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Path,
    Query,
    Header,
    Cookie,
}

impl Place {
    pub fn name(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Cookie => "cookie",
        }
    }
}

/// One operation, whole: what calling, checking, explaining and mocking it need.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Operation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub method: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The path item's parameters and the operation's, the operation's winning.
    pub parameters: Vec<Parameter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// The alternatives the operation accepts (its own `security`, else the document's):
    /// each is a set of schemes used together. `None`: neither says; empty: no credential
    /// (`security: []`); an empty set among them: a credential is optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<Vec<String>>>,
    /// Where the API keys of `security` go (`query` `api_key`): a request carries them
    /// besides the parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credentials: Vec<(Place, String)>,
    /// The parts of the document the schemas above reach through `$ref`, at the same JSON
    /// pointers as in the document, so that every reference resolves in it.
    pub document: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    pub place: Place,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its schema (of `schema`, or of the first `content` entry); `true` when it has none.
    pub schema: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequestBody {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub content: Vec<Media>,
}

/// One media type of a body: its schema and its first example.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Media {
    pub media_type: String,
    pub schema: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// The named `examples` (name, value), in the document's order: a mock's
    /// `Prefer: example=NAME` picks one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<(String, Value)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    /// `200`, `4XX` or `default`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<Media>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    pub schema: Value,
}

impl Operation {
    /// The response the spec documents for `status`: the exact code, then its class
    /// (`4XX`), then `default`.
    pub fn response(&self, status: u16) -> Option<&Response> {
        let exact = status.to_string();
        let class = format!("{}XX", status / 100);
        let find = |want: &str| {
            self.responses
                .iter()
                .find(|r| r.status.eq_ignore_ascii_case(want))
        };
        find(&exact)
            .or_else(|| find(&class))
            .or_else(|| find("default"))
    }

    pub fn parameter(&self, place: Place, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| {
            p.place == place
                && if place == Place::Header {
                    p.name.eq_ignore_ascii_case(name)
                } else {
                    p.name == name
                }
        })
    }

    /// The path parameters in the order the path names them.
    pub fn path_parameters(&self) -> Vec<&Parameter> {
        names::template_names(&self.path)
            .filter_map(|name| self.parameter(Place::Path, name))
            .collect()
    }
}

impl Api {
    /// `3.0` or `3.1`, as a person names the document's OpenAPI version.
    pub fn openapi_version(&self) -> &'static str {
        match self.dialect {
            Dialect::V30 => "3.0",
            Dialect::V31 => "3.1",
        }
    }

    /// The entry called `name`, or the error naming the closest ones.
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.operations.iter().find(|e| e.name == name)
    }

    /// The base URL the document gives: its first server, variables filled from `vars`
    /// then their defaults. A relative server URL (`/v1`) is joined to `origin` (where the
    /// document was read from, when that was a URL).
    pub fn server_url(&self, vars: &[(String, String)], origin: Option<&str>) -> Option<String> {
        let server = self.servers.first()?;
        let mut url = server.url.clone();
        for (name, variable) in &server.variables {
            let value = vars
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map_or(variable.default.as_str(), |(_, v)| v.as_str());
            url = url.replace(&format!("{{{name}}}"), value);
        }
        if url.starts_with('/') {
            let origin = url::Url::parse(origin?).ok()?;
            return origin.join(&url).ok().map(String::from);
        }
        Some(url)
    }
}
