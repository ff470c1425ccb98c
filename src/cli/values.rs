//! The parsers of option values that clap does not have: statuses, byte counts, seconds,
//! `--resolve` rules; and the closed sets of values (`--pretty`, `--color`, ...).

use clap::ValueEnum;

/// `--pretty`: what the printer may do to a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Pretty {
    /// Format and colour
    All,
    /// Colour only
    Colors,
    /// Format only
    Format,
    /// Neither
    None,
}

/// `--output-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Request, status, headers, timing, attempts and body as one JSON document
    Json,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal, NO_COLOR is unset and TERM is not dumb
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// `--retry-on`: the statuses it lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusList(pub Vec<u16>);

pub fn status_list(s: &str) -> Result<StatusList, String> {
    let mut codes = Vec::new();
    for part in s.split(',').map(str::trim) {
        let bad = || format!("'{part}' is not a status (like 503) or a class (like 5xx)");
        if let Some(class) = part.strip_suffix("xx").or_else(|| part.strip_suffix("XX")) {
            match class.parse::<u16>() {
                Ok(c @ 1..=5) if class.len() == 1 => codes.extend(c * 100..c * 100 + 100),
                _ => return Err(bad()),
            }
        } else {
            match part.parse::<u16>() {
                Ok(code @ 100..=599) if part.len() == 3 => codes.push(code),
                _ => return Err(bad()),
            }
        }
    }
    Ok(StatusList(codes))
}

/// `--resolve HOST:PORT:ADDRESS` (an IPv6 address in brackets or not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolve {
    pub host: String,
    pub port: u16,
    pub address: std::net::IpAddr,
}

pub(super) fn resolve(s: &str) -> Result<Resolve, String> {
    let bad = || format!("'{s}' is not HOST:PORT:ADDRESS (example.org:443:127.0.0.1)");
    let mut parts = s.splitn(3, ':');
    let (Some(host), Some(port), Some(address)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let address = address.trim_start_matches('[').trim_end_matches(']');
    // curl takes a list of addresses; hit connects to the first.
    let address = address.split(',').next().unwrap_or_default();
    match (port.parse::<u16>(), address.parse()) {
        (Ok(port), Ok(address)) if !host.is_empty() => Ok(Resolve {
            host: host.to_ascii_lowercase(),
            port,
            address,
        }),
        _ => Err(bad()),
    }
}

/// `-C -`: resume from the size of the file already saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContinueAt;

pub(super) fn continue_at(s: &str) -> Result<ContinueAt, String> {
    match s {
        "-" => Ok(ContinueAt),
        _ => Err(format!(
            "'{s}': hit resumes from the end of the file already there, so only '-C -' is supported"
        )),
    }
}

/// A number of bytes with an optional k, M or G (powers of 1024, as curl reads them).
pub(super) fn byte_count(s: &str) -> Result<u64, String> {
    let (digits, shift) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 10),
        Some((i, 'm' | 'M')) => (&s[..i], 20),
        Some((i, 'g' | 'G')) => (&s[..i], 30),
        _ => (s, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("'{s}' is not a number of bytes (like 500000, 500k, 20M or 1G)"))
}

pub(super) fn indent(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n @ 0..=16) => Ok(n),
        _ => Err(format!("'{s}' is not a number of spaces from 0 to 16")),
    }
}

pub(super) fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("'{s}' is not a number of seconds")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts() {
        assert_eq!(byte_count("500"), Ok(500));
        assert_eq!(byte_count("2k"), Ok(2048));
        assert_eq!(byte_count("1G"), Ok(1 << 30));
        assert!(byte_count("x").is_err() && byte_count("-1").is_err() && byte_count("").is_err());
    }

    #[test]
    fn status_lists() {
        assert_eq!(status_list("503, 429").unwrap().0, [503, 429]);
        assert_eq!(status_list("5xx").unwrap().0.len(), 100);
        for bad in ["", "50", "5000", "600", "6xx", "0503", "x"] {
            assert!(status_list(bad).is_err(), "{bad:?}");
        }
    }
}
