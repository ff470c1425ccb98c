//! `--resolve` and `--connect-to`: rules for where a connection for a host and port goes
//! instead of where the URL says. Read here from the options' text (clap calls `parse`);
//! `transport::route` applies them.

/// `--resolve HOST:PORT:ADDRESS` (an IPv6 address in brackets or not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveRule {
    pub host: String,
    pub port: u16,
    pub address: std::net::IpAddr,
}

impl ResolveRule {
    /// Reads a rule as `--resolve` takes it; the error is for clap's message.
    pub fn parse(s: &str) -> Result<ResolveRule, String> {
        let bad = || format!("'{s}' is not HOST:PORT:ADDRESS (example.org:443:127.0.0.1)");
        let mut parts = s.splitn(3, ':');
        let (Some(host), Some(port), Some(address)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let address = address.trim_start_matches('[').trim_end_matches(']');
        // curl takes a list of addresses; hit connects to the first.
        let address = address.split(',').next().unwrap_or_default();
        match (port.parse::<u16>(), address.parse()) {
            (Ok(port), Ok(address)) if !host.is_empty() => Ok(ResolveRule {
                host: host.to_ascii_lowercase(),
                port,
                address,
            }),
            _ => Err(bad()),
        }
    }
}

/// `--connect-to HOST1:PORT1:HOST2:PORT2`: a connection for HOST1:PORT1 goes to HOST2:PORT2.
/// An empty part matches any host or port, or keeps the URL's. IPv6 addresses are written
/// in brackets, as curl reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectTo {
    pub from_host: Option<String>,
    pub from_port: Option<u16>,
    pub to_host: Option<String>,
    pub to_port: Option<u16>,
    /// As given, for messages and `--curl`.
    pub text: String,
}

impl ConnectTo {
    /// Reads a rule as `--connect-to` takes it; the error is for clap's message.
    pub fn parse(s: &str) -> Result<ConnectTo, String> {
        let bad =
            || format!("'{s}' is not HOST1:PORT1:HOST2:PORT2 (example.org:443:127.0.0.1:8443)");
        let mut rest = s;
        let mut parts = Vec::with_capacity(4);
        for i in 0..4 {
            // A host in brackets may hold colons; the last part runs to the end.
            let end = if i % 2 == 0 && rest.starts_with('[') {
                rest.find(']').map(|at| at + 1).ok_or_else(bad)?
            } else if i == 3 {
                rest.len()
            } else {
                rest.find(':').unwrap_or(rest.len())
            };
            parts.push(&rest[..end]);
            rest = &rest[end..];
            if i < 3 {
                rest = rest.strip_prefix(':').ok_or_else(bad)?;
            }
        }
        let host = |part: &str| {
            let bare = part.trim_start_matches('[').trim_end_matches(']');
            (!bare.is_empty()).then(|| bare.to_ascii_lowercase())
        };
        let port = |part: &str| match part {
            "" => Ok(None),
            digits => digits.parse::<u16>().map(Some).map_err(|_| bad()),
        };
        Ok(ConnectTo {
            from_host: host(parts[0]),
            from_port: port(parts[1])?,
            to_host: host(parts[2]),
            to_port: port(parts[3])?,
            text: s.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_to_rules() {
        let rule = ConnectTo::parse("example.org:443:127.0.0.1:8443").unwrap();
        assert_eq!(rule.from_host.as_deref(), Some("example.org"));
        assert_eq!((rule.from_port, rule.to_port), (Some(443), Some(8443)));
        assert_eq!(rule.to_host.as_deref(), Some("127.0.0.1"));
        let rule = ConnectTo::parse("::[::1]:").unwrap();
        assert_eq!((rule.from_host, rule.from_port), (None, None));
        assert_eq!((rule.to_host.as_deref(), rule.to_port), (Some("::1"), None));
        let rule = ConnectTo::parse("[2001:db8::1]:80:Other.Example:").unwrap();
        assert_eq!(rule.from_host.as_deref(), Some("2001:db8::1"));
        assert_eq!(rule.to_host.as_deref(), Some("other.example"));
        for bad in [
            "",
            "a:1:b",
            "a:x:b:1",
            "a:1:b:70000",
            "[::1:80:b:1",
            "a:1:b:1:2",
        ] {
            assert!(ConnectTo::parse(bad).is_err(), "{bad:?}");
        }
    }
}
