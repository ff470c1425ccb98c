//! The token cache: one private JSON file per profile under the data directory (0600 in
//! 0700, written atomically), never in the profile's TOML. Its key is the authorization
//! server, the client and the scopes: a change to any of them asks for a new login
//! instead of sending a token meant for another.

use std::io::ErrorKind;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};

use crate::error::io_reason;
use crate::files::{private, special};
use crate::settings::store::AuthConfig;

/// The largest cache file hit reads: tokens are a few KiB at most.
const CACHE_LIMIT: u64 = 1 << 20;

/// What the tokens were issued for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// The issuer, or the token URL when the profile names no issuer.
    pub server: String,
    pub client_id: String,
    pub scopes: Vec<String>,
}

impl Key {
    pub fn of(config: &AuthConfig) -> Key {
        Key {
            server: (config.issuer.clone())
                .or_else(|| config.token_url.clone())
                .unwrap_or_default(),
            client_id: config.client_id.clone().unwrap_or_default(),
            scopes: config.scopes.clone(),
        }
    }
}

/// The tokens of one login, as the token endpoint gave them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    /// Seconds since the Unix epoch; `None` when the server gave no `expires_in`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The scopes granted, when the server said (RFC 6749 §5.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Kept only for `hit auth status` to show its claims (unverified): an ID token never
    /// authorizes a request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

impl Tokens {
    /// Usable for at least `margin` more seconds (a token without an expiry is).
    pub fn fresh_at(&self, now: i64, margin: i64) -> bool {
        self.expires_at.is_none_or(|at| at - margin > now)
    }
}

/// The endpoints found by discovery, for the issuer they were found for.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Discovered {
    pub issuer: String,
    pub token_endpoint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_authorization_endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation_endpoint: Option<String>,
}

/// One profile's cache file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Key>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Tokens>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered: Option<Discovered>,
}

impl Entry {
    /// The tokens, when they were issued for `key`.
    pub fn tokens_for(&self, key: &Key) -> Option<&Tokens> {
        self.tokens
            .as_ref()
            .filter(|_| self.key.as_ref() == Some(key))
    }

    /// The discovered endpoints, when they were found for `issuer`.
    pub fn discovered_for(&self, issuer: &str) -> Option<&Discovered> {
        self.discovered.as_ref().filter(|d| d.issuer == issuer)
    }
}

/// The cache of one profile.
pub struct Cache {
    path: PathBuf,
    lock: PathBuf,
}

impl Cache {
    /// `$HIT_DATA_DIR/tokens/PROFILE.json`, or the platform's data directory
    /// (`~/.local/share/hit/tokens` on Linux).
    pub fn of(profile: &str) -> Result<Cache> {
        let root = crate::files::own_dir(
            "HIT_DATA_DIR",
            directories::ProjectDirs::data_dir,
            "token cache",
        )?;
        let dir = root.join("tokens");
        Ok(Cache {
            path: dir.join(format!("{profile}.json")),
            lock: dir.join(format!("{profile}.lock")),
        })
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// What the file holds; nothing when there is no file. A file others can read is
    /// refused, as a profile is.
    pub fn read(&self) -> Result<Entry> {
        let bytes = match special::read_regular(&self.path, CACHE_LIMIT) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Entry::default()),
            Err(err) => return Err(self.failed("read", &err)),
        };
        if let Some(mode) = private::exposed(&self.path)? {
            return Err(anyhow!(
                "the token cache '{}' can be read by other users (mode {mode:o}); remove it \
                 (hit auth logout) or make it private with: chmod 600 '{}'",
                self.path.display(),
                self.path.display()
            ));
        }
        // A damaged file is forgotten rather than fatal: a new login rewrites it.
        Ok(serde_json::from_slice(&bytes).unwrap_or_default())
    }

    pub fn write(&self, entry: &Entry) -> Result<()> {
        let text = serde_json::to_vec_pretty(entry)?;
        private::write(&self.path, &text).map_err(|err| self.failed("write", &err))
    }

    /// Forgets the tokens (the discovered endpoints stay).
    pub fn forget_tokens(&self) -> Result<()> {
        let mut entry = self.read().unwrap_or_default();
        if entry.tokens.is_none() {
            return Ok(());
        }
        entry.tokens = None;
        entry.key = None;
        self.write(&entry)
    }

    /// Held while tokens are refreshed and written, so that two hit processes refreshing
    /// at once take turns: the second reads what the first wrote, and a refresh token the
    /// server rotates is never lost.
    pub fn lock(&self) -> Result<private::Lock> {
        private::Lock::acquire(&self.lock)
            .map_err(|err| anyhow!("cannot lock '{}': {}", self.lock.display(), io_reason(&err)))
    }

    fn failed(&self, what: &str, err: &std::io::Error) -> anyhow::Error {
        anyhow!(
            "cannot {what} the token cache '{}': {}",
            self.path.display(),
            io_reason(err)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_belong_to_their_key() {
        let key = Key {
            server: "https://auth.example".into(),
            client_id: "cli".into(),
            scopes: vec!["read".into()],
        };
        let entry = Entry {
            key: Some(key.clone()),
            tokens: Some(Tokens {
                access_token: "a".into(),
                expires_at: Some(100),
                refresh_token: None,
                scope: None,
                id_token: None,
            }),
            discovered: None,
        };
        assert!(entry.tokens_for(&key).is_some());
        let wider = Key {
            scopes: vec!["read".into(), "write".into()],
            ..key.clone()
        };
        assert!(entry.tokens_for(&wider).is_none());
        let tokens = entry.tokens_for(&key).unwrap();
        assert!(tokens.fresh_at(69, 30));
        assert!(!tokens.fresh_at(70, 30));
    }
}
