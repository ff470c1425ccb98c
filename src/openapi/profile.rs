//! A profile's document: read when the profile is made (`hit profile add --openapi`) or
//! synced, then loaded from the cache by every request.

use anyhow::Result;

use super::cache::Cache;
use super::source::{self, Read, Source};
use super::{Api, Operation};
use crate::settings::store::Store;
use crate::settings::store::model::{OpenApiConfig, Profile};

/// A profile's document, as the cache holds it.
pub struct Loaded {
    pub api: Api,
    pub cache: Cache,
}

impl Loaded {
    /// The operation called `name`.
    pub fn operation(&self, name: &str) -> Option<Result<Operation>> {
        let index = self.api.operations.iter().position(|e| e.name == name)?;
        Some(self.cache.operation(index))
    }
}

/// The document of profile `name` (with what it inherits), from the cache: one line
/// (exit 2) when the profile is missing or has no document.
pub fn named(name: &str) -> Result<(Profile, Loaded)> {
    let store = Store::open()?;
    if crate::settings::store::check_name(name).is_err() || !store.exists(name) {
        return Err(store.missing(name));
    }
    let profile = store.load(name)?;
    let Some(config) = &profile.openapi else {
        return Err(crate::error::usage(format!(
            "profile '{name}' has no OpenAPI document; hit profile add {name} --openapi \
             FILE|URL --force gives it one"
        )));
    };
    let loaded = load(&store, name, config)?;
    Ok((profile, loaded))
}

/// Reads `source` for a profile: the `[openapi]` table that records this reading.
pub fn read(source: &Source, server_vars: Vec<(String, String)>) -> Result<(OpenApiConfig, Read)> {
    let read = source::read(source)?;
    let config = OpenApiConfig {
        source: source.text(),
        key: Some(read.key.clone()),
        stamp: stamp(source),
        server_vars: server_vars.into_iter().collect(),
    };
    Ok((config, read))
}

/// The document of profile `name`: from the cache while it holds the reading the profile
/// records. A file changed since (its size or time), or a cache that is gone, is read
/// again, and the profile's file updated when it is the one that names the document.
pub fn load(store: &Store, name: &str, config: &OpenApiConfig) -> Result<Loaded> {
    let source = Source::parse(&config.source)?;
    let current = match &source {
        Source::File(_) => stamp(&source) == config.stamp,
        Source::Url(_) => true,
    };
    if current && let Some(key) = &config.key {
        let cache = Cache::of(key)?;
        if let Some(api) = cache.api() {
            return Ok(Loaded { api, cache });
        }
    }
    // A request never fetches a document: a URL's is read by `hit profile add` and `sync`.
    if let Source::Url(url) = &source {
        return Err(anyhow::anyhow!(
            "profile '{name}''s OpenAPI document ({}) is not in the cache (it was removed, or \
             read by another version of hit); hit profile sync {name} reads it again",
            crate::http::secret::url_passwords(url.as_str())
        ));
    }
    let vars = config.server_vars.clone().into_iter().collect();
    let (fresh, read) = self::read(&source, vars)?;
    remember(store, name, &fresh);
    Ok(Loaded {
        api: read.api,
        cache: Cache::of(&read.key)?,
    })
}

/// Writes the new reading into the profile's own `[openapi]` table, keeping the rest of
/// the file as its author wrote it. Failing to is not an error: the next request reads the
/// document again.
fn remember(store: &Store, name: &str, config: &OpenApiConfig) {
    if let Ok(_lock) = store.lock() {
        let _ = record(store, name, config);
    }
}

/// Writes `config`'s reading (its key and stamp) into the `[openapi]` table of profile
/// `name`'s own file, the rest kept as written; the caller holds the store's lock. A file
/// whose table names another document is left alone.
pub fn record(store: &Store, name: &str, config: &OpenApiConfig) -> Result<()> {
    let (text, _) = store.read_text(name)?;
    let mut document = text
        .parse::<toml_edit::DocumentMut>()
        .map_err(|err| anyhow::anyhow!("profile '{name}' is not valid TOML: {err}"))?;
    let Some(table) = document.get_mut("openapi").and_then(|t| t.as_table_mut()) else {
        return Ok(());
    };
    if table.get("source").and_then(|s| s.as_str()) != Some(config.source.as_str()) {
        return Ok(());
    }
    for (key, value) in [("key", &config.key), ("stamp", &config.stamp)] {
        match value {
            Some(value) => table.insert(key, toml_edit::value(value.as_str())),
            None => table.remove(key),
        };
    }
    let mut text = document.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    store.write_text(name, &text)
}

/// A file's size and modification time, to notice that it changed.
fn stamp(source: &Source) -> Option<String> {
    let Source::File(path) = source else {
        return None;
    };
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{}:{}", metadata.len(), modified.as_nanos()))
}
