//! `--connect-to` and `--resolve`: where a connection for a URL really goes. The URL, and so
//! the Host header, TLS's server name and the certificate checked, stay as they are.

use std::net::{IpAddr, SocketAddr};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::error::usage;
use crate::http::reroute::{ConnectTo, ResolveRule};

/// The host (a name or an address) and port to connect to instead of the URL's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The URL's host: the one name this route answers for (a SOCKS proxy's own name is
    /// looked up as usual).
    name: String,
    host: String,
    /// Given by `--resolve`: no lookup.
    address: Option<IpAddr>,
    port: u16,
}

/// The route for `url`, as curl chooses it: the first `--connect-to` rule that matches the
/// URL's host and port, then a `--resolve` rule for the host and port connected to. None when
/// no rule applies.
pub fn route(
    url: &Url,
    connect_to: &[ConnectTo],
    resolve: &[ResolveRule],
) -> anyhow::Result<Option<Route>> {
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
        return Ok(None);
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let rule = connect_to.iter().find(|rule| {
        rule.from_host.as_deref().is_none_or(|from| from == host)
            && rule.from_port.is_none_or(|from| from == port)
    });
    let to_host = rule.and_then(|r| r.to_host.as_deref()).unwrap_or(host);
    let to_port = rule.and_then(|r| r.to_port).unwrap_or(port);
    let address = resolve
        .iter()
        .find(|r| r.host == to_host && r.port == to_port)
        .map(|r| r.address);
    if address.is_none() && (to_host, to_port) == (host, port) {
        return Ok(None);
    }
    let option = rule.map_or("--resolve", |_| "--connect-to");
    // reqwest looks up names only: an address in the URL is connected to as it is.
    if url
        .host()
        .is_some_and(|h| !matches!(h, url::Host::Domain(_)))
    {
        return Err(usage(format!(
            "{option} cannot reroute a URL whose host is an address ({host}); use a host name"
        )));
    }
    // A port the URL names is the port reqwest connects to; only a default one can change.
    if to_port != port && url.port().is_some() {
        return Err(usage(format!(
            "--connect-to {}: hit can change the port only of a URL that does not name one; \
             leave :{port} out of the URL, or the port out of the rule",
            rule.map_or("", |r| r.text.as_str())
        )));
    }
    Ok(Some(Route {
        name: host.to_string(),
        host: to_host.to_string(),
        address,
        port: to_port,
    }))
}

impl Resolve for Route {
    fn resolve(&self, name: Name) -> Resolving {
        let Route {
            name: routed,
            host,
            address,
            port,
        } = self.clone();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = match address {
                _ if name.as_str() != routed => {
                    tokio::net::lookup_host((name.as_str(), 0)).await?.collect()
                }
                Some(address) => vec![SocketAddr::new(address, port)],
                None => match host.parse::<IpAddr>() {
                    Ok(address) => vec![SocketAddr::new(address, port)],
                    Err(_) => tokio::net::lookup_host((host.as_str(), port))
                        .await?
                        .collect(),
                },
            };
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> ConnectTo {
        ConnectTo::parse(text).unwrap()
    }

    fn to(url: &str, rules: &[&str]) -> Option<(String, u16)> {
        let rules: Vec<_> = rules.iter().map(|r| rule(r)).collect();
        route(&Url::parse(url).unwrap(), &rules, &[])
            .unwrap()
            .map(|r| (r.host, r.port))
    }

    #[test]
    fn the_first_matching_rule_wins() {
        let rules = ["a.test:443:b.test:8443", "::c.test:"];
        assert_eq!(to("https://a.test/", &rules), Some(("b.test".into(), 8443)));
        assert_eq!(to("https://x.test/", &rules), Some(("c.test".into(), 443)));
        assert_eq!(to("http://a.test/", &rules), Some(("c.test".into(), 80)));
        assert_eq!(to("http://a.test/", &["a.test:443:b.test:1"]), None);
        assert_eq!(to("http://a.test/", &["a.test:80::"]), None);
    }

    #[test]
    fn a_route_answers_for_the_urls_host_alone() {
        let rules = [rule("a.test:80:127.0.0.9:8080")];
        let route = route(&Url::parse("http://a.test/").unwrap(), &rules, &[])
            .unwrap()
            .unwrap();
        let lookup = |name: &str| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let name: Name = name.parse().unwrap();
            let addrs = runtime.block_on(route.resolve(name)).unwrap();
            addrs.map(|a| a.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(lookup("a.test"), ["127.0.0.9:8080"]);
        // A SOCKS proxy's own name (here an address, so that nothing is asked of DNS).
        assert_eq!(lookup("127.0.0.2"), ["127.0.0.2:0"]);
    }

    #[test]
    fn a_named_port_or_an_address_cannot_be_rerouted_in_part() {
        let rules = [rule("::b.test:9000")];
        let url = Url::parse("http://a.test:8080/").unwrap();
        assert!(route(&url, &rules, &[]).is_err());
        let url = Url::parse("http://127.0.0.1/").unwrap();
        assert!(route(&url, &rules, &[]).is_err());
        let same_port = [rule("::b.test:8080")];
        let url = Url::parse("http://a.test:8080/").unwrap();
        assert!(route(&url, &same_port, &[]).unwrap().is_some());
    }
}
