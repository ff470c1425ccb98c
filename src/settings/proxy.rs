//! Proxies from `-x` (or `--socks5`, `--socks5-hostname`), `-U` and the environment, read as
//! curl reads them and checked before anything is sent: http, https and SOCKS.

use anyhow::Result;
use reqwest::Url;

use crate::error::{excerpt, usage};
use crate::http::secret::url_passwords;

/// The proxies a run may use.
#[derive(Debug, Clone, Default)]
pub struct ProxySettings {
    /// `-x`: every request, whatever the environment says.
    pub explicit: Option<Proxy>,
    /// `http_proxy` (lower case only, as curl reads it), for http URLs.
    pub http: Option<Proxy>,
    /// `https_proxy`/`HTTPS_PROXY`, for https URLs.
    pub https: Option<Proxy>,
    /// `all_proxy`/`ALL_PROXY`, for either.
    pub all: Option<Proxy>,
    /// `no_proxy`/`NO_PROXY`: hosts reached directly.
    pub no_proxy: Vec<String>,
    /// `-U user:password`.
    pub credentials: Option<(String, String)>,
    /// Proxies from the environment that hit cannot use, said once as warnings.
    pub ignored: Vec<String>,
    /// `-x ''`: no proxy at all, whatever the environment says.
    pub off: bool,
}

/// A proxy and where it was configured, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    pub url: Url,
    /// `-x`, `--socks5`, `--socks5-hostname`, or the environment variable.
    pub source: String,
}

/// The schemes hit speaks to a proxy in, as curl names them.
const SCHEMES: &str = "http, https, socks4, socks4a, socks5 and socks5h";

/// curl's port for a SOCKS proxy that names none.
const SOCKS_PORT: u16 = 1080;

impl Proxy {
    /// A SOCKS proxy: hit opens a TCP tunnel through it and speaks HTTP (and TLS) inside.
    pub fn is_socks(&self) -> bool {
        self.url.scheme().starts_with("socks")
    }

    /// Whether hit looks the target's host name up itself (`socks4`, `socks5`) and hands the
    /// proxy an address, so that `--resolve` and `--connect-to` apply as without a proxy;
    /// `socks4a` and `socks5h` hand the proxy the name.
    pub fn resolves_locally(&self) -> bool {
        matches!(self.url.scheme(), "socks4" | "socks5")
    }
}

/// The proxy the command line names, and the option that named it: `-x URL`, or
/// `--socks5`/`--socks5-hostname HOST[:PORT]` as the URL curl reads them as
/// (`socks5://HOST[:PORT]`, `socks5h://HOST[:PORT]`). clap keeps only the last of the three,
/// as curl does.
pub fn command_line_proxy(
    proxy: Option<&str>,
    socks5: Option<&str>,
    socks5_hostname: Option<&str>,
) -> Result<Option<(String, &'static str)>> {
    let socks = |raw: &str, option: &'static str, scheme: &str| {
        let raw = raw.trim();
        match raw.split_once("://") {
            None if raw.is_empty() => Ok((String::new(), option)),
            None => Ok((format!("{scheme}://{raw}"), option)),
            Some((given, _)) if given.eq_ignore_ascii_case(scheme) => Ok((raw.to_string(), option)),
            Some((given, _)) => Err(usage(format!(
                "{option} takes the HOST[:PORT] of a {scheme} proxy; -x takes the URL \
                 {given}://…"
            ))),
        }
    };
    Ok(match (proxy, socks5, socks5_hostname) {
        (_, Some(raw), _) => Some(socks(raw, "--socks5", "socks5")?),
        (_, _, Some(raw)) => Some(socks(raw, "--socks5-hostname", "socks5h")?),
        (Some(raw), _, _) => Some((raw.to_string(), "-x")),
        (None, None, None) => None,
    })
}

impl ProxySettings {
    /// `-x` (or the option `source` names), `-U` and the environment. `-x ''` turns proxies
    /// off, as in curl.
    pub fn new(explicit: Option<(&str, &str)>, user: Option<&str>) -> Result<ProxySettings> {
        if explicit.is_some_and(|(raw, _)| raw.is_empty()) {
            return Ok(ProxySettings {
                off: true,
                ..ProxySettings::default()
            });
        }
        let no_proxy = ["no_proxy", "NO_PROXY"]
            .iter()
            .find_map(|name| std::env::var(name).ok())
            .unwrap_or_default();
        let credentials = match user {
            Some(user) => Some(match user.split_once(':') {
                Some((user, password)) => (user.to_string(), password.to_string()),
                None => {
                    return Err(usage(format!(
                        "-U {user} needs a password: -U {user}:PASSWORD"
                    )));
                }
            }),
            None => None,
        };
        let with_user = credentials.is_some();
        let mut ignored = Vec::new();
        // A proxy in the environment that hit cannot use is said and passed over: the
        // variable may be meant for other programs.
        let mut env = |names: &[&str]| -> Option<Proxy> {
            let (name, value) = names.iter().find_map(|name| {
                let value = std::env::var(name).ok()?;
                (!value.trim().is_empty()).then_some((*name, value))
            })?;
            match proxy(&value, name).and_then(|proxy| with_proxy_user(proxy, with_user)) {
                Ok(proxy) => Some(proxy),
                Err(why) => {
                    ignored.push(format!("{why}; going direct for what it would cover"));
                    None
                }
            }
        };
        Ok(ProxySettings {
            http: env(&["http_proxy"]),
            https: env(&["https_proxy", "HTTPS_PROXY"]),
            all: env(&["all_proxy", "ALL_PROXY"]),
            explicit: explicit
                .map(|(raw, source)| with_proxy_user(proxy(raw, source)?, with_user))
                .transpose()?,
            no_proxy: host_list(&no_proxy),
            credentials,
            ignored,
            off: false,
        })
    }

    /// The proxy a request to `url` goes through, if any.
    pub fn for_url(&self, url: &Url) -> Option<&Proxy> {
        let host = url
            .host_str()?
            .trim_matches(['[', ']'])
            .to_ascii_lowercase();
        let bypassed = self.no_proxy.iter().any(|entry| {
            entry == "*"
                || host == *entry
                || host.ends_with(&format!(".{entry}"))
                || in_network(&host, entry)
        });
        if bypassed {
            return None;
        }
        let by_scheme = match url.scheme() {
            "http" => self.http.as_ref(),
            _ => self.https.as_ref(),
        };
        self.explicit.as_ref().or(by_scheme).or(self.all.as_ref())
    }

    /// Whether any proxy is configured at all.
    pub fn any(&self) -> bool {
        self.explicit.is_some() || self.http.is_some() || self.https.is_some() || self.all.is_some()
    }
}

/// Whether `host` is an IP address inside `entry` when that is a network: `10.0.0.0/8`.
fn in_network(host: &str, entry: &str) -> bool {
    use std::net::IpAddr;
    let Some((network, bits)) = entry.split_once('/') else {
        return false;
    };
    let (Ok(host), Ok(network), Ok(bits)) = (
        host.parse::<IpAddr>(),
        network.parse::<IpAddr>(),
        bits.parse::<u32>(),
    ) else {
        return false;
    };
    // The first `bits` bits of an address `width` bits wide.
    let prefix = |value: u128, width: u32| match bits.min(width) {
        0 => 0,
        kept => value >> (width - kept),
    };
    match (host, network) {
        (IpAddr::V4(h), IpAddr::V4(n)) if bits <= 32 => {
            prefix(u32::from(h).into(), 32) == prefix(u32::from(n).into(), 32)
        }
        (IpAddr::V6(h), IpAddr::V6(n)) if bits <= 128 => {
            prefix(u128::from(h), 128) == prefix(u128::from(n), 128)
        }
        _ => false,
    }
}

/// `NO_PROXY` or `--noproxy`: host names, addresses and networks, comma-separated.
pub fn host_list(hosts: &str) -> Vec<String> {
    hosts
        .split(',')
        .map(|host| host.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|host| !host.is_empty())
        .collect()
}

/// A proxy URL for messages: its password hidden, as in any URL hit shows, also when the
/// URL has no scheme (`user:password@host`) or the password holds an `@`.
fn redacted(raw: &str) -> String {
    if raw.contains("://") {
        return url_passwords(raw).into_owned();
    }
    let shown = url_passwords(&format!("http://{raw}")).into_owned();
    match shown.strip_prefix("http://") {
        Some(rest) => rest.to_string(),
        None => shown,
    }
}

/// The proxy, unless `-U` was given for a SOCKS4 one, which takes no password.
fn with_proxy_user(proxy: Proxy, with_user: bool) -> Result<Proxy> {
    let scheme = proxy.url.scheme();
    if with_user && scheme.starts_with("socks4") {
        return Err(usage(format!(
            "-U cannot go to the {scheme} proxy {} (from {}): {scheme} carries no password and \
             hit sends no user ID; a proxy that wants credentials takes socks5: \
             -x socks5://HOST -U USER:PASSWORD",
            redacted(proxy.url.as_str()),
            proxy.source
        )));
    }
    Ok(proxy)
}

/// A proxy URL: one of `SCHEMES`, `http://` when no scheme is given (as curl does), and port
/// 1080 for a SOCKS proxy that names none.
fn proxy(raw: &str, source: &str) -> Result<Proxy> {
    let bad = |why: String| usage(format!("bad {source} '{}': {why}", excerpt(&redacted(raw))));
    let with_scheme = if raw.contains("://") {
        raw.trim().to_string()
    } else {
        format!("http://{}", raw.trim())
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| bad(e.to_string()))?;
    let scheme = url.scheme().to_string();
    if !matches!(
        scheme.as_str(),
        "http" | "https" | "socks4" | "socks4a" | "socks5" | "socks5h"
    ) {
        return Err(bad(format!(
            "hit speaks to {SCHEMES} proxies, not {scheme}"
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host".into()));
    }
    if scheme.starts_with("socks4") && !url.username().is_empty() {
        return Err(bad(format!(
            "{scheme} carries no password and hit sends no user ID; a proxy that wants \
             credentials takes socks5: -x socks5://HOST -U USER:PASSWORD"
        )));
    }
    if scheme.starts_with("socks") && url.port().is_none() {
        let _ = url.set_port(Some(SOCKS_PORT));
    }
    Ok(Proxy {
        url,
        source: source.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(explicit: Option<&str>, no_proxy: &[&str]) -> ProxySettings {
        ProxySettings {
            explicit: explicit.map(|raw| proxy(raw, "-x").unwrap()),
            http: Some(proxy("plain.test:3128", "http_proxy").unwrap()),
            https: Some(proxy("https://secure.test", "https_proxy").unwrap()),
            all: None,
            no_proxy: no_proxy.iter().map(|s| s.to_string()).collect(),
            credentials: None,
            ignored: Vec::new(),
            off: false,
        }
    }

    #[test]
    fn which_proxy_a_url_takes() {
        let url = |u: &str| Url::parse(u).unwrap();
        let env = settings(None, &["internal.test", "10.0.0.1"]);
        let source = |u: &str| env.for_url(&url(u)).map(|p| p.source.clone());
        assert_eq!(source("http://a.test/").as_deref(), Some("http_proxy"));
        assert_eq!(source("https://a.test/").as_deref(), Some("https_proxy"));
        assert_eq!(source("http://internal.test/"), None);
        assert_eq!(source("http://api.internal.test/"), None);
        assert_eq!(source("http://10.0.0.1/"), None);
        let nets = settings(None, &["127.0.0.0/8", "fd00::/8"]);
        assert_eq!(nets.for_url(&url("http://127.3.4.5/")), None);
        assert!(nets.for_url(&url("http://128.0.0.1/")).is_some());
        assert_eq!(nets.for_url(&url("http://[fd12::1]/")), None);
        assert!(in_network("10.1.2.3", "10.0.0.0/8") && !in_network("11.0.0.1", "10.0.0.0/8"));
        assert!(in_network("1.2.3.4", "0.0.0.0/0"));
        let explicit = settings(Some("127.0.0.1:8888"), &[]);
        let chosen = explicit.for_url(&url("https://a.test/")).unwrap();
        assert_eq!(chosen.url.as_str(), "http://127.0.0.1:8888/");
        assert_eq!(
            settings(Some("p.test"), &["*"]).for_url(&url("http://a.test/")),
            None
        );
    }

    #[test]
    fn bad_proxies_are_usage_errors() {
        for raw in [
            "ftp://p.test",
            "socks://p.test",
            "socks4://user@p.test",
            "socks4a://user:pw@p.test",
            "ht!tp://bad",
            "http://",
        ] {
            let message = proxy(raw, "-x").unwrap_err().to_string();
            assert!(
                message.starts_with(&format!("bad -x '{}'", redacted(raw))),
                "{raw}: {message}"
            );
            assert!(!message.contains("pw"), "{message}");
        }
        let socks4 = proxy("socks4://p.test", "ALL_PROXY").unwrap();
        assert!(with_proxy_user(socks4.clone(), false).is_ok());
        assert!(with_proxy_user(socks4, true).is_err());
    }

    #[test]
    fn socks_proxies_as_curl_reads_them() {
        let read = |raw: &str| {
            let proxy = proxy(raw, "-x").unwrap();
            (
                proxy.url.to_string(),
                proxy.is_socks(),
                proxy.resolves_locally(),
            )
        };
        let url = |u: &str| u.to_string();
        assert_eq!(
            read("socks5://p.test"),
            (url("socks5://p.test:1080"), true, true)
        );
        assert_eq!(
            read("SOCKS5H://p.test:9050"),
            (url("socks5h://p.test:9050"), true, false)
        );
        assert_eq!(
            read("socks4://10.0.0.1"),
            (url("socks4://10.0.0.1:1080"), true, true)
        );
        assert_eq!(
            read("socks4a://p.test"),
            (url("socks4a://p.test:1080"), true, false)
        );
        let with_login = read("socks5h://bob:s%40cret@p.test");
        assert_eq!(with_login.0, "socks5h://bob:s%40cret@p.test:1080");
        assert_eq!(
            read("p.test:3128"),
            (url("http://p.test:3128/"), false, false)
        );
    }

    #[test]
    fn socks5_options_name_the_urls_curl_reads_them_as() {
        let named = |x, socks5, hostname| command_line_proxy(x, socks5, hostname).unwrap();
        let owned = |raw: &str, source| Some((raw.to_string(), source));
        assert_eq!(named(None, None, None), None);
        assert_eq!(named(Some("p:1"), None, None), owned("p:1", "-x"));
        assert_eq!(
            named(None, Some("p:1"), None),
            owned("socks5://p:1", "--socks5")
        );
        assert_eq!(
            named(None, None, Some("u:pw@p")),
            owned("socks5h://u:pw@p", "--socks5-hostname")
        );
        assert_eq!(
            named(None, None, Some("socks5h://p")),
            owned("socks5h://p", "--socks5-hostname")
        );
        assert_eq!(named(None, Some(""), None), owned("", "--socks5"));
        assert!(command_line_proxy(None, Some("socks5h://p"), None).is_err());
    }
}
