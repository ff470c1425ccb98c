//! An OAuth 2.0 authorization server hit did not write: tests/support/oauth_server.py, built on
//! Python's oauthlib, run as a process so that hit's OAuth client is checked against another
//! reading of the RFCs than its own `hit serve` (issue 28's "Tests").
//!
//! It needs python3 with oauthlib (`pip install oauthlib`). Without them
//! [`IndependentServer::start`] gives `None` and the test says so with [`skip`] and passes, so
//! that `cargo test` needs nothing beyond cargo; `HIT_TEST_REQUIRE_OAUTHLIB=1` (for CI that has
//! oauthlib) turns the skip into a failure.
//!
//! What the server offers (see the script's docstring): `/authorize` (approves at once and
//! redirects to a loopback redirect URI), `/token`, `/revoke`,
//! `/.well-known/oauth-authorization-server`, and `/api/me` behind a Bearer token; scopes
//! `read` (the default) and `write`; the clients below.

use std::io::{BufRead, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// Who wrote the server, for skip notes and failure messages.
pub const LIBRARY: &str = "Python's oauthlib";
/// A confidential client: client_credentials, authorization_code and refresh_token, with the
/// secret by HTTP Basic or in the body.
pub const CLIENT_ID: &str = "indep-cli";
pub const CLIENT_SECRET: &str = "indep-secret";
/// A public client (no secret): authorization_code and refresh_token.
pub const PUBLIC_CLIENT_ID: &str = "indep-public";
/// The resource owner `/authorize` approves for; `/api/me` answers it as `sub`.
pub const USER: &str = "indep-user";

/// The running server; killed when dropped.
pub struct IndependentServer {
    child: Child,
    base: String,
    log: Arc<Mutex<String>>,
}

impl IndependentServer {
    /// Starts the server on an ephemeral port of 127.0.0.1 with access tokens that live `ttl`
    /// seconds; `None` when python3 or oauthlib is not there (unless
    /// `HIT_TEST_REQUIRE_OAUTHLIB` is set, which fails instead).
    pub fn start(ttl: u32) -> Option<IndependentServer> {
        if !oauthlib_available() {
            assert!(
                std::env::var_os("HIT_TEST_REQUIRE_OAUTHLIB").is_none(),
                "HIT_TEST_REQUIRE_OAUTHLIB is set but `python3 -c 'import oauthlib'` fails"
            );
            return None;
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/oauth_server.py");
        let mut child = Command::new("python3")
            .arg(script)
            .args(["--port", "0", "--ttl", &ttl.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn python3 tests/support/oauth_server.py");
        // Its log is read all along: a full stderr pipe would stop the server.
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&log);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buf) {
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut first = String::new();
        stdout
            .read_line(&mut first)
            .expect("read the server's first line");
        let mut server = IndependentServer {
            child,
            base: first.trim_end().to_owned(),
            log,
        };
        if !server.base.starts_with("http://127.0.0.1:") {
            // It ended before listening: what it said is the failure.
            let _ = server.child.wait();
            let _ = reader.join();
            panic!(
                "the {LIBRARY} server did not start: {:?}\n{}",
                server.base,
                server.log()
            );
        }
        Some(server)
    }

    /// `http://127.0.0.1:PORT`, which is also its issuer.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Its log so far: one line a request, `METHOD PATH FIELDS [SCHEME auth] -> STATUS`,
    /// secrets (`client_secret`, `code`, `code_verifier`, tokens) shown as `***`.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for IndependentServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether `python3 -c "import oauthlib"` succeeds.
fn oauthlib_available() -> bool {
    Command::new("python3")
        .args(["-c", "import oauthlib"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The one line a test prints when it skips for want of the server.
pub fn skip(test: &str) {
    eprintln!(
        "note: {test} skipped: the independent authorization server \
         (tests/support/oauth_server.py) runs on {LIBRARY}: pip install oauthlib"
    );
}

/// A PKCE pair (RFC 7636): a fresh random verifier and its S256 challenge.
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    pub fn fresh() -> Pkce {
        const UNRESERVED: &[u8] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        let verifier: String = (0..64)
            .map(|_| char::from(UNRESERVED[fastrand::usize(..UNRESERVED.len())]))
            .collect();
        let challenge = s256(&verifier);
        Pkce {
            verifier,
            challenge,
        }
    }
}

/// BASE64URL(SHA256(verifier)) without padding, RFC 7636 §4.2.
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}
