//! What the authorization server remembers: authorization codes, access and refresh tokens,
//! rotated-out refresh tokens and pending device authorizations, each table within an entry
//! count and a byte budget (the oldest entries are forgotten first), like the practice
//! API's other stores. All of it lives in memory and is gone on restart.

use std::time::Duration;

use tokio::time::Instant;

use super::clients::Client;
use super::crypto::{self, NoRandom, Signer};
use crate::commands::serve::bounded::{Fifo, Held};

/// How long an authorization code may wait for its exchange (RFC 6749 §4.1.2 advises at
/// most ten minutes; a script exchanges it at once).
pub const CODE_LIFETIME: Duration = Duration::from_secs(60);
/// How long a device code and its user code are good for.
pub const DEVICE_LIFETIME: Duration = Duration::from_secs(600);
/// How often a device may poll, to begin with (RFC 8628 §3.2's default).
pub const DEVICE_INTERVAL: Duration = Duration::from_secs(5);
/// What `slow_down` adds to the interval (RFC 8628 §3.5).
pub const SLOW_DOWN: Duration = Duration::from_secs(5);

const TABLE_BYTES: usize = 4 * 1024 * 1024;
const MAX_TOKENS: usize = 10_000;
const MAX_PENDING: usize = 1_000;

/// Who a token speaks for: the practice user (a code or device grant), or the client
/// itself (client credentials).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    User,
    Client,
}

/// An authorization code, kept after its exchange so that a second use can be told from
/// an unknown code and revoke what the first use issued (RFC 6749 §4.1.2).
pub struct Code {
    pub client: &'static str,
    pub redirect_uri: String,
    pub challenge: String,
    pub scope: String,
    pub nonce: Option<String>,
    pub issued: Instant,
    /// Set by the first exchange, failed or not: the grant it made, if any.
    pub spent: Option<Option<u64>>,
}

pub struct Access {
    pub client: &'static str,
    pub subject: Subject,
    pub scope: String,
    pub expires: Instant,
    /// The grant (one consent or device approval, and its refreshes) it belongs to.
    pub grant: u64,
}

pub struct Refresh {
    pub client: &'static str,
    pub scope: String,
    pub grant: u64,
}

pub struct Device {
    pub client: &'static str,
    pub scope: String,
    /// The user code, without its dash.
    pub user_code: String,
    pub expires: Instant,
    pub interval: Duration,
    pub last_poll: Option<Instant>,
    /// The user's answer, once given.
    pub approved: Option<bool>,
}

impl Held for Code {
    fn held(&self) -> usize {
        let nonce = self.nonce.as_ref().map_or(0, Held::held);
        self.redirect_uri.held() + self.challenge.held() + self.scope.held() + nonce + 64
    }
}

impl Held for Access {
    fn held(&self) -> usize {
        self.scope.held()
    }
}

impl Held for Refresh {
    fn held(&self) -> usize {
        self.scope.held()
    }
}

impl Held for Device {
    fn held(&self) -> usize {
        self.scope.held() + self.user_code.held()
    }
}

/// The tokens one grant request yields.
pub struct Issued {
    pub access: String,
    pub refresh: Option<String>,
    pub scope: String,
}

pub struct Grants {
    /// How long access tokens live (60 s, or `HIT_SERVE_TOKEN_TTL`).
    pub ttl: Duration,
    pub codes: Fifo<String, Code>,
    pub access: Fifo<String, Access>,
    pub refresh: Fifo<String, Refresh>,
    /// Refresh tokens that a refresh replaced, with their grant: presenting one again means
    /// it leaked, so the grant is revoked (RFC 9700 §4.14.2).
    pub retired: Fifo<String, u64>,
    pub devices: Fifo<String, Device>,
    next_grant: u64,
    /// None when the key could not be made; then no ID token is issued.
    pub signer: Option<Signer>,
}

impl Grants {
    pub fn new(ttl: Duration) -> Grants {
        Grants {
            ttl,
            codes: Fifo::new(TABLE_BYTES, MAX_PENDING),
            access: Fifo::new(TABLE_BYTES, MAX_TOKENS),
            refresh: Fifo::new(TABLE_BYTES, MAX_TOKENS),
            retired: Fifo::new(TABLE_BYTES, MAX_TOKENS),
            devices: Fifo::new(TABLE_BYTES, MAX_PENDING),
            next_grant: 0,
            signer: Signer::generate().ok(),
        }
    }

    /// A new grant's number.
    pub fn grant(&mut self) -> u64 {
        self.next_grant += 1;
        self.next_grant
    }

    /// An access token for `scope`, and a refresh token carrying `refresh_scope` when the
    /// client may refresh (never for client credentials: RFC 6749 §4.4.3).
    pub fn issue(
        &mut self,
        client: &'static Client,
        subject: Subject,
        scope: &str,
        refresh_scope: &str,
        grant: u64,
    ) -> Result<Issued, NoRandom> {
        let access = crypto::secret("at_")?;
        let refreshable = subject == Subject::User && client.may(super::Grant::RefreshToken);
        let refresh = if refreshable {
            Some(crypto::secret("rt_")?)
        } else {
            None
        };
        let expires = Instant::now() + self.ttl;
        let entry = Access {
            client: client.id,
            subject,
            scope: scope.into(),
            expires,
            grant,
        };
        self.access.insert(access.clone(), entry);
        if let Some(token) = &refresh {
            let entry = Refresh {
                client: client.id,
                scope: refresh_scope.into(),
                grant,
            };
            self.refresh.insert(token.clone(), entry);
        }
        Ok(Issued {
            access,
            refresh,
            scope: scope.into(),
        })
    }

    /// Forgets every token of a grant.
    pub fn revoke_grant(&mut self, grant: u64) {
        self.access.retain(|_, token| token.grant != grant);
        self.refresh.retain(|_, token| token.grant != grant);
    }

    /// The pending device authorization a user code names.
    pub fn device_by_user_code(&mut self, user_code: &str) -> Option<&mut Device> {
        let key = self
            .devices
            .iter()
            .find(|(_, device)| device.user_code == user_code)
            .map(|(key, _)| key.clone())?;
        self.devices.get_mut(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::serve::oauth::clients::CLIENTS;

    #[test]
    fn revoking_a_grant_forgets_its_tokens_and_no_other() {
        let mut grants = Grants::new(Duration::from_secs(60));
        let client = &CLIENTS[0];
        let (one, two) = (grants.grant(), grants.grant());
        let first = grants
            .issue(client, Subject::User, "read", "read", one)
            .unwrap();
        let second = grants
            .issue(client, Subject::User, "read", "read", two)
            .unwrap();
        grants.revoke_grant(one);
        assert!(grants.access.get(&first.access).is_none());
        assert!(grants.refresh.get(&first.refresh.unwrap()).is_none());
        assert!(grants.access.get(&second.access).is_some());
        assert!(grants.refresh.get(&second.refresh.unwrap()).is_some());
    }

    #[test]
    fn no_table_grows_past_its_count() {
        let mut grants = Grants::new(Duration::from_secs(60));
        let client = &CLIENTS[0];
        for _ in 0..MAX_TOKENS + 10 {
            let grant = grants.grant();
            grants
                .issue(client, Subject::User, "read", "read", grant)
                .unwrap();
        }
        assert_eq!(grants.access.iter().count(), MAX_TOKENS);
        assert_eq!(grants.refresh.iter().count(), MAX_TOKENS);
        for n in 0..MAX_PENDING + 10 {
            let code = Code {
                client: client.id,
                redirect_uri: "http://127.0.0.1:9/cb".into(),
                challenge: "c".repeat(43),
                scope: "read".into(),
                nonce: None,
                issued: Instant::now(),
                spent: None,
            };
            grants.codes.insert(format!("ac_{n}"), code);
        }
        assert_eq!(grants.codes.iter().count(), MAX_PENDING);
        assert!(
            grants.codes.get(&"ac_0".to_owned()).is_none(),
            "the oldest go first"
        );
    }

    #[test]
    fn a_codes_nonce_counts_against_the_tables_bytes() {
        let mut grants = Grants::new(Duration::from_secs(60));
        for n in 0..10 {
            let code = Code {
                client: CLIENTS[0].id,
                redirect_uri: "http://127.0.0.1:9/cb".into(),
                challenge: "c".repeat(43),
                scope: "read".into(),
                nonce: Some("n".repeat(1024 * 1024)),
                issued: Instant::now(),
                spent: None,
            };
            grants.codes.insert(format!("ac_{n}"), code);
        }
        let kept = grants.codes.iter().count();
        assert!(
            kept < TABLE_BYTES / (1024 * 1024),
            "{kept} codes of 1 MB kept"
        );
    }

    #[test]
    fn client_credentials_get_no_refresh_token() {
        let mut grants = Grants::new(Duration::from_secs(60));
        let grant = grants.grant();
        let issued = grants
            .issue(&CLIENTS[0], Subject::Client, "read", "read", grant)
            .unwrap();
        assert!(issued.refresh.is_none());
    }
}
