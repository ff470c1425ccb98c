//! A profile under the command line: it fills what the command line leaves unsaid
//! (command line > environment > profile > built-in default).

use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::Result;
use clap::ValueEnum;
use reqwest::Url;

use super::secrets;
use super::store::{AuthKind, Profile, Store};
use super::{Auth, CookieFiles, OAuthUse, ProxySettings};
use crate::cli::{
    self, Cli, OutputArgs, Pretty, RetryArgs, SectionsArgs, StyleArgs, TlsArgs, TransferArgs,
};
use crate::error::usage;
use crate::http::is_credential;

/// The profile a run uses, loaded with what it extends.
pub struct Active {
    pub name: String,
    pub profile: Profile,
    pub base_url: Option<Url>,
    jar: PathBuf,
    /// The `[auth]` credentials once fetched: `token_cmd` runs once for a whole run.
    credentials: OnceLock<Auth>,
}

/// What a profile gives where the command line gives nothing.
#[derive(Default)]
pub struct Defaults {
    pub transfer: TransferArgs,
    pub tls: TlsArgs,
    pub retry: RetryArgs,
    pub output: OutputArgs,
}

/// What a profile adds to the request itself.
#[derive(Debug, Default)]
pub struct Additions {
    /// Sent unless the command line gives the same name (`Name:` removes one).
    pub headers: Vec<(String, String)>,
    /// Names of headers whose values are secrets, for redaction and redirects.
    pub secret_headers: Vec<String>,
    /// Secrets taken from environment variables, with the name of each.
    pub secret_variables: Vec<(String, String)>,
    pub auth: Option<Auth>,
    /// Credentials left out because the URL is not on the base URL's origin.
    pub warning: Option<String>,
}

impl Active {
    /// `-P NAME` or `HIT_PROFILE`.
    pub fn load(cli: &Cli) -> Result<Option<Active>> {
        let Some(name) = cli.profile.profile.as_deref().filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        Active::named(name).map(Some)
    }

    /// The profile named `name`.
    pub fn named(name: &str) -> Result<Active> {
        let store = Store::open()?;
        let profile = store.load(name)?;
        let base_url = match &profile.base_url {
            Some(raw) => Some(base_url(name, raw)?),
            None => None,
        };
        Ok(Active {
            name: name.to_string(),
            jar: store.jar(name),
            profile,
            base_url,
            credentials: OnceLock::new(),
        })
    }

    /// The profile's defaults, as the option groups they stand under (`Combine`).
    /// (Reading the profile checked its values: `Profile::check`.)
    pub fn defaults(&self) -> Defaults {
        let p = &self.profile;
        let retry = p.retry.clone().unwrap_or_default();
        let output = p.output.clone().unwrap_or_default();
        Defaults {
            transfer: TransferArgs {
                location: p.follow.unwrap_or(false),
                max_redirs: p.max_redirs,
                max_time: p.max_time,
                connect_timeout: p.connect_timeout,
                timeout: p.timeout,
                ..TransferArgs::default()
            },
            tls: TlsArgs {
                insecure: p.insecure.unwrap_or(false),
                cacert: p.cacert.as_ref().map(PathBuf::from),
                ..TlsArgs::default()
            },
            retry: RetryArgs {
                retry: retry.retry,
                retry_delay: retry.retry_delay,
                retry_max_time: retry.retry_max_time,
                retry_on: (retry.retry_on.as_deref()).and_then(|on| cli::status_list(on).ok()),
                ..RetryArgs::default()
            },
            output: OutputArgs {
                style: StyleArgs {
                    pretty: (output.pretty.as_deref()).and_then(|p| Pretty::from_str(p, true).ok()),
                },
                sections: SectionsArgs {
                    print: output.print,
                },
                ..OutputArgs::default()
            },
        }
    }

    /// The profile's headers, secret headers and credentials for a request to `url`.
    /// Credentials go only to the base URL's origin, and are fetched only when the command
    /// line does not give or remove them (`named`: the headers the command line names).
    pub fn additions(&self, cli: &Cli, url: &Url, named: &[String]) -> Result<Additions> {
        let p = &self.profile;
        let named = |header: &str| named.iter().any(|n| n.eq_ignore_ascii_case(header));
        let trusted = match &self.base_url {
            Some(base) => base.origin() == url.origin() || cli.transfer.location_trusted,
            None => true,
        };
        let mut additions = Additions::default();
        let mut withheld = Vec::new();
        for (header, value) in &p.headers {
            if is_credential(header) {
                if !trusted {
                    withheld.push(header.clone());
                    continue;
                }
                additions.secret_headers.push(header.clone());
            }
            additions.headers.push((header.clone(), value.clone()));
        }
        for (header, var) in p.header_env.iter().filter(|(h, _)| !named(h)) {
            if !trusted {
                withheld.push(header.clone());
                continue;
            }
            let value = secrets::variable(&self.name, "header_env", var)?;
            additions
                .secret_variables
                .push((value.clone(), var.clone()));
            additions.headers.push((header.clone(), value));
            additions.secret_headers.push(header.clone());
        }
        let url_has_credentials = !url.username().is_empty() || url.password().is_some();
        let own_auth = cli.auth.user.is_some()
            || cli.auth.bearer.is_some()
            || url_has_credentials
            || named("authorization");
        if let Some(auth) = p.auth.as_ref().filter(|_| !own_auth) {
            if trusted {
                let credentials = match self.credentials.get() {
                    Some(credentials) => credentials.clone(),
                    None if auth.kind == AuthKind::OAuth2 => Auth::OAuth2(Box::new(OAuthUse {
                        profile: self.name.clone(),
                        config: auth.clone(),
                    })),
                    None => {
                        let credentials = secrets::auth(&self.name, auth)?;
                        self.credentials.get_or_init(|| credentials).clone()
                    }
                };
                additions
                    .secret_variables
                    .extend(secrets::variables(auth, &credentials));
                additions.auth = Some(credentials);
            } else {
                withheld.push("Authorization".to_string());
            }
        }
        if !withheld.is_empty() {
            additions.warning = Some(format!(
                "not sending profile '{}''s {} to {}: its base URL is {} (--location-trusted \
                 sends them anyway)",
                self.name,
                withheld.join(", "),
                url.origin().ascii_serialization(),
                self.base_url
                    .as_ref()
                    .map(|b| b.origin().ascii_serialization())
                    .unwrap_or_default()
            ));
        }
        Ok(additions)
    }

    /// The profile's proxy, for a request to `url` that neither `-x` nor the environment
    /// (`http_proxy`, `https_proxy`, `all_proxy`, with their `no_proxy`) decides. With no
    /// URL (the one transport of `hit run`), any proxy the environment names decides.
    pub fn proxy(&self, environment: &ProxySettings, url: Option<&Url>) -> Option<String> {
        let decided = environment.all.is_some()
            || match url.map(Url::scheme) {
                Some("http") => environment.http.is_some(),
                Some(_) => environment.https.is_some(),
                None => environment.http.is_some() || environment.https.is_some(),
            };
        self.profile.proxy.clone().filter(|_| !decided)
    }

    /// `-b`/`-c` name their own files; otherwise a profile with `cookies = true` keeps a
    /// jar beside it.
    pub fn cookie_files(&self, files: &mut CookieFiles) {
        if self.profile.cookies == Some(true) {
            if files.read.is_empty() {
                files.read.push(self.jar.clone());
                files.profile_jar = true;
            }
            if files.write.is_none() {
                files.write = Some(self.jar.clone());
            }
        }
    }
}

/// The base URL, its path read as a directory: `https://api/v1` joins `users` as
/// `https://api/v1/users`.
fn base_url(profile: &str, raw: &str) -> Result<Url> {
    let mut url = super::normalize_url(raw)
        .map_err(|err| usage(format!("profile '{profile}': base_url: {err}")))?;
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}
