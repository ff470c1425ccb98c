//! The parsers of option values that clap does not have: statuses, byte counts, seconds,
//! `--resolve` and `--connect-to` rules; and the closed sets of values (`--pretty`, `--color`, ...).

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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal, NO_COLOR is unset and TERM is not dumb
    #[default]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// `--retry-on`: the statuses it lists, and `check` for a failed `--check`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusList {
    pub codes: Vec<u16>,
    pub check: bool,
    /// As given, for a profile to keep.
    pub written: String,
}

pub fn status_list(s: &str) -> Result<StatusList, String> {
    let (mut codes, mut check) = (Vec::new(), false);
    for part in s.split(',').map(str::trim) {
        let bad = || format!("'{part}' is not a status (like 503), a class (like 5xx) or 'check'");
        if part == "check" {
            check = true;
        } else if let Some(class) = part.strip_suffix("xx").or_else(|| part.strip_suffix("XX")) {
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
    Ok(StatusList {
        codes,
        check,
        written: s.to_string(),
    })
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

/// Limits beyond this are no limit: adding them to a clock could overflow it.
const FOREVER: f64 = 100.0 * 365.0 * 24.0 * 3600.0;

/// A `SECONDS` option as a limit: 0 means no limit, as in curl; so does a limit of more
/// than a century.
pub fn time_limit(seconds: Option<f64>) -> Option<std::time::Duration> {
    seconds
        .filter(|s| *s > 0.0 && *s <= FOREVER)
        .map(std::time::Duration::from_secs_f64)
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
        assert_eq!(status_list("503, 429").unwrap().codes, [503, 429]);
        assert_eq!(status_list("5xx").unwrap().codes.len(), 100);
        let with_check = status_list("check,503").unwrap();
        assert_eq!((with_check.codes, with_check.check), (vec![503], true));
        for bad in ["", "50", "5000", "600", "6xx", "0503", "x"] {
            assert!(status_list(bad).is_err(), "{bad:?}");
        }
    }
}
