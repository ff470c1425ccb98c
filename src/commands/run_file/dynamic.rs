//! Dynamic variables (`{{$name …}}`): the VS Code REST Client's (`$guid`, `$randomInt`,
//! `$timestamp`, `$datetime`, `$localDatetime`, `$processEnv`, `$dotenv`) and the JetBrains
//! HTTP Client's (`$uuid`, `$isoTimestamp`, `$random.*`, `$env.NAME`), drawn anew at each
//! use.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

/// What dynamic variables read besides the clock and the process: the `.env` file beside
/// the `.http` file.
#[derive(Debug, Default)]
pub struct Sources {
    pub dotenv: HashMap<String, String>,
}

/// A dynamic variable's value; the error says why there is none. `secret` is set when the
/// value comes from the environment or `.env` (shown as profile secrets are).
pub fn value(name: &str, args: &[&str], sources: &Sources) -> Result<Value, String> {
    let plain = |text: String| {
        Ok(Value {
            text,
            secret: false,
        })
    };
    match name {
        "uuid" | "guid" | "random.uuid" => plain(uuid::Uuid::new_v4().to_string()),
        "timestamp" => plain((now_offset(args, "$timestamp")? / 1000).to_string()),
        "isoTimestamp" => plain(iso_utc(now_millis())),
        "datetime" | "localDatetime" => datetime(name, args).map(|text| Value {
            text,
            secret: false,
        }),
        "randomInt" => random_int(args).and_then(plain),
        "random.integer" => random_integer(args).and_then(plain),
        "random.float" => random_float(args).and_then(plain),
        "random.alphabetic" | "random.alphanumeric" | "random.hexadecimal" | "random.numeric" => {
            random_text(name, args).and_then(plain)
        }
        "random.email" => plain(format!(
            "{}@{}.com",
            letters(8, ALPHABETIC).to_lowercase(),
            letters(6, ALPHABETIC).to_lowercase()
        )),
        "processEnv" => {
            let [variable] = args else {
                return Err("$processEnv takes the name of one environment variable".into());
            };
            process_env(variable)
        }
        "dotenv" => {
            let [variable] = args else {
                return Err("$dotenv takes the name of one variable of the .env file".into());
            };
            let text = sources.dotenv.get(*variable).cloned().ok_or_else(|| {
                format!("{variable} is not in the .env file beside the .http file")
            })?;
            Ok(Value { text, secret: true })
        }
        _ if name.starts_with("env.") && args.is_empty() => process_env(&name[4..]),
        _ => Err(unknown(name)),
    }
}

/// A dynamic variable's text.
pub struct Value {
    pub text: String,
    pub secret: bool,
}

fn process_env(variable: &str) -> Result<Value, String> {
    let text = std::env::var(variable)
        .map_err(|_| format!("the environment variable {variable} is not set"))?;
    Ok(Value { text, secret: true })
}

/// The dynamic variables hit knows, as the message lists them.
const KNOWN: [&str; 17] = [
    "$uuid",
    "$guid",
    "$timestamp",
    "$isoTimestamp",
    "$datetime",
    "$localDatetime",
    "$randomInt",
    "$random.integer(a, b)",
    "$random.float(a, b)",
    "$random.alphabetic(n)",
    "$random.alphanumeric(n)",
    "$random.hexadecimal(n)",
    "$random.email",
    "$random.uuid",
    "$processEnv NAME",
    "$env.NAME",
    "$dotenv NAME",
];

/// Why `$name` is refused: the variables of the IDEs hit cannot give, and misspellings
/// (the closest known name is suggested).
fn unknown(name: &str) -> String {
    if name.starts_with("aad") {
        return format!(
            "${name} is an Azure Active Directory token that VS Code signs in for; hit \
             cannot obtain one (put the token in a variable: --env-var token=…)"
        );
    }
    if name == "shared" {
        return "$shared NAME reads a value of the environments' \"$shared\", which has no \
                such value (or the environment was not chosen: --env NAME)"
            .into();
    }
    let written = format!("${name}");
    let closest = KNOWN
        .iter()
        .map(|known| known.split([' ', '(']).next().unwrap_or(known))
        .map(|known| {
            (
                strsim::jaro_winkler(&written.to_lowercase(), &known.to_lowercase()),
                known,
            )
        })
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = closest.map_or(String::new(), |(_, known)| {
        format!("; did you mean {known}?")
    });
    format!(
        "{written} is not a dynamic variable hit knows{hint} ({})",
        KNOWN.join(", ")
    )
}

const ALPHABETIC: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn letters(count: usize, from: &str) -> String {
    let chars: Vec<char> = from.chars().collect();
    (0..count)
        .map(|_| chars[fastrand::usize(..chars.len())])
        .collect()
}

/// `$random.alphabetic(n)` and its kin: `n` characters of the kind.
fn random_text(name: &str, args: &[&str]) -> Result<String, String> {
    let from = match name {
        "random.alphabetic" => ALPHABETIC,
        "random.alphanumeric" => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
        "random.hexadecimal" => "0123456789abcdef",
        _ => "0123456789",
    };
    let count = match args {
        [] => 10,
        [n] => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= 10_000)
            .ok_or_else(|| format!("${name}({n}): the length is a number up to 10000"))?,
        _ => return Err(format!("${name} takes one length: ${name}(10)")),
    };
    Ok(letters(count, from))
}

fn number<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.trim()
        .parse::<T>()
        .map_err(|_| format!("'{s}' is not a number"))
}

/// `$randomInt`: 0 to 999, or `$randomInt MIN MAX` (MAX excluded), as VS Code's.
fn random_int(args: &[&str]) -> Result<String, String> {
    let (min, max) = match args {
        [] => (0, 1000),
        [min, max] => (number(min)?, number(max)?),
        _ => return Err("$randomInt takes no bounds or two: MIN MAX".into()),
    };
    if min >= max {
        return Err(format!("$randomInt {min} {max}: MIN must be less than MAX"));
    }
    Ok(fastrand::i64(min..max).to_string())
}

/// `$random.integer(from, to)`: `to` excluded, 0 to 1000 without bounds, as JetBrains'.
fn random_integer(args: &[&str]) -> Result<String, String> {
    let (min, max) = match args {
        [] => (0, 1000),
        [min, max] => (number(min)?, number(max)?),
        _ => return Err("$random.integer takes no bounds or two: $random.integer(1, 10)".into()),
    };
    if min >= max {
        return Err(format!(
            "$random.integer({min}, {max}): the first must be less than the second"
        ));
    }
    Ok(fastrand::i64(min..max).to_string())
}

/// `$random.float(from, to)`: 0 to 1000 without bounds.
fn random_float(args: &[&str]) -> Result<String, String> {
    let (min, max): (f64, f64) = match args {
        [] => (0.0, 1000.0),
        [min, max] => (number(min)?, number(max)?),
        _ => return Err("$random.float takes no bounds or two: $random.float(0, 1)".into()),
    };
    if min >= max || !min.is_finite() || !max.is_finite() {
        return Err(format!(
            "$random.float({min}, {max}): the first must be less than the second"
        ));
    }
    Ok((min + fastrand::f64() * (max - min)).to_string())
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Now, moved by an offset `N UNIT` (`-3 h`, `1 d`), in milliseconds since 1970.
fn now_offset(args: &[&str], what: &str) -> Result<i64, String> {
    let now = now_millis();
    match args {
        [] => Ok(now),
        [amount, unit] => offset(now, amount, unit),
        _ => Err(format!("{what} takes an offset or none: {what} -3 h")),
    }
}

/// `at` moved by `amount` `unit`s: y, M, w, d, h, m, s, ms, as REST Client's.
fn offset(at: i64, amount: &str, unit: &str) -> Result<i64, String> {
    let n: i64 = number(amount)?;
    let millis = |per: i64| Ok(at + n.saturating_mul(per));
    match unit {
        "ms" => millis(1),
        "s" => millis(1000),
        "m" => millis(60_000),
        "h" => millis(3_600_000),
        "d" => millis(86_400_000),
        "w" => millis(7 * 86_400_000),
        "M" | "y" => {
            let months = if unit == "y" { n.saturating_mul(12) } else { n };
            let (days, in_day) = (at.div_euclid(86_400_000), at.rem_euclid(86_400_000));
            let (y, m, d) = civil(days);
            let total = y * 12 + (m - 1) + months;
            let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
            let d = d.min(month_days(y, m));
            Ok(days_from_civil(y, m, d) * 86_400_000 + in_day)
        }
        _ => Err(format!(
            "'{unit}' is not an offset unit (y, M, w, d, h, m, s, ms: 1 d)"
        )),
    }
}

/// `$datetime FORMAT [N UNIT]` (UTC) and `$localDatetime FORMAT [N UNIT]` (local time):
/// FORMAT is `rfc1123`, `iso8601` or a quoted day.js format (`"YYYY-MM-DD"`).
fn datetime(name: &str, args: &[&str]) -> Result<String, String> {
    let local = name == "localDatetime";
    let (format, at) = match args {
        [format] => (*format, now_millis()),
        [format, amount, unit] => (*format, offset(now_millis(), amount, unit)?),
        _ => {
            return Err(format!(
                "${name} takes a format and an offset: ${name} iso8601, ${name} rfc1123 1 d, \
                 ${name} \"YYYY-MM-DD\""
            ));
        }
    };
    let zone = if local { local_offset(at / 1000) } else { 0 };
    let time = Civil::new(at, zone);
    Ok(match (format, local) {
        ("rfc1123", false) => time.format("ddd, DD MMM YYYY HH:mm:ss [GMT]"),
        ("rfc1123", true) => time.format("ddd, DD MMM YYYY HH:mm:ss ZZ"),
        ("iso8601", false) => iso_utc(at),
        ("iso8601", true) => time.format("YYYY-MM-DDTHH:mm:ssZ"),
        (custom, _) => {
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|q| custom.strip_prefix(*q).and_then(|s| s.strip_suffix(*q)));
            let Some(custom) = unquoted else {
                return Err(format!(
                    "'{custom}' is not a format: rfc1123, iso8601 or a quoted one such as \
                     \"YYYY-MM-DD\""
                ));
            };
            time.format(custom)
        }
    })
}

fn iso_utc(at: i64) -> String {
    Civil::new(at, 0).format("YYYY-MM-DDTHH:mm:ss.SSS[Z]")
}

/// The local time's offset from UTC at `secs`, in seconds.
#[cfg(unix)]
fn local_offset(secs: i64) -> i64 {
    let time = secs as libc::time_t;
    // SAFETY: localtime_r is the thread-safe form: it writes only into `tm`, which is ours
    // and zeroed (a valid `tm`), and reads `time` and the zone (TZ, /etc/localtime). hit
    // never changes the environment (set_var is unsafe in edition 2024 and hit has no
    // unsafe code besides this), so reading TZ races with no writer. This is the one
    // reason for it: the crates that give the local offset either do the same or, like
    // `time`, refuse to in a process with threads.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&time, &mut tm).is_null() {
            return 0;
        }
        tm.tm_gmtoff as i64
    }
}

#[cfg(not(unix))]
fn local_offset(_secs: i64) -> i64 {
    0
}

/// A moment as a calendar date and time in a zone.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    weekday: i64,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
    /// Seconds east of UTC.
    zone: i64,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

impl Civil {
    fn new(at: i64, zone: i64) -> Civil {
        let at = at + zone * 1000;
        let days = at.div_euclid(86_400_000);
        let in_day = at.rem_euclid(86_400_000);
        let (year, month, day) = civil(days);
        Civil {
            year,
            month,
            day,
            weekday: (days + 4).rem_euclid(7),
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            millis: in_day % 1000,
            zone,
        }
    }

    /// day.js's format tokens; `[text]` is written as is.
    fn format(&self, pattern: &str) -> String {
        const TOKENS: [&str; 27] = [
            "YYYY", "YY", "MMMM", "MMM", "MM", "M", "DD", "D", "dddd", "ddd", "dd", "d", "HH", "H",
            "hh", "h", "mm", "m", "ss", "s", "SSS", "ZZ", "Z", "A", "a", "X", "x",
        ];
        let mut out = String::new();
        let mut rest = pattern;
        while !rest.is_empty() {
            if let Some(inner) = rest.strip_prefix('[')
                && let Some(end) = inner.find(']')
            {
                out.push_str(&inner[..end]);
                rest = &inner[end + 1..];
                continue;
            }
            if let Some(token) = TOKENS.iter().find(|t| rest.starts_with(**t)) {
                out.push_str(&self.token(token));
                rest = &rest[token.len()..];
                continue;
            }
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    fn token(&self, token: &str) -> String {
        let hour12 = (self.hour + 11) % 12 + 1;
        let zone = |sep: &str| {
            let sign = if self.zone < 0 { '-' } else { '+' };
            let z = self.zone.abs() / 60;
            format!("{sign}{:02}{sep}{:02}", z / 60, z % 60)
        };
        let epoch = (days_from_civil(self.year, self.month, self.day) * 86_400_000
            + ((self.hour * 60 + self.minute) * 60 + self.second) * 1000
            + self.millis)
            - self.zone * 1000;
        match token {
            "YYYY" => format!("{:04}", self.year),
            "YY" => format!("{:02}", self.year.rem_euclid(100)),
            "MMMM" => MONTHS[(self.month - 1) as usize].to_string(),
            "MMM" => MONTHS[(self.month - 1) as usize][..3].to_string(),
            "MM" => format!("{:02}", self.month),
            "M" => self.month.to_string(),
            "DD" => format!("{:02}", self.day),
            "D" => self.day.to_string(),
            "dddd" => DAYS[self.weekday as usize].to_string(),
            "ddd" => DAYS[self.weekday as usize][..3].to_string(),
            "dd" => DAYS[self.weekday as usize][..2].to_string(),
            "d" => self.weekday.to_string(),
            "HH" => format!("{:02}", self.hour),
            "H" => self.hour.to_string(),
            "hh" => format!("{hour12:02}"),
            "h" => hour12.to_string(),
            "mm" => format!("{:02}", self.minute),
            "m" => self.minute.to_string(),
            "ss" => format!("{:02}", self.second),
            "s" => self.second.to_string(),
            "SSS" => format!("{:03}", self.millis),
            "ZZ" => zone(""),
            "Z" => zone(":"),
            "A" => if self.hour < 12 { "AM" } else { "PM" }.to_string(),
            "a" => if self.hour < 12 { "am" } else { "pm" }.to_string(),
            "X" => epoch.div_euclid(1000).to_string(),
            _ => epoch.to_string(),
        }
    }
}

/// Days since 1970-01-01 into (year, month, day) (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn month_days(year: i64, month: i64) -> i64 {
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month + 1, 1)
    };
    next - days_from_civil(year, month, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_a_known_moment() {
        // 2024-06-30T04:09:33.853Z, a Sunday.
        let at = 1_719_720_573_853;
        let utc = Civil::new(at, 0);
        assert_eq!(
            utc.format("ddd, DD MMM YYYY HH:mm:ss [GMT]"),
            "Sun, 30 Jun 2024 04:09:33 GMT"
        );
        assert_eq!(iso_utc(at), "2024-06-30T04:09:33.853Z");
        let east = Civil::new(at, 8 * 3600);
        assert_eq!(
            east.format("YYYY-MM-DDTHH:mm:ssZ"),
            "2024-06-30T12:09:33+08:00"
        );
        assert_eq!(
            east.format("ddd, DD MMM YYYY HH:mm:ss ZZ"),
            "Sun, 30 Jun 2024 12:09:33 +0800"
        );
        assert_eq!(
            east.format("D/M/YY h:mm A X"),
            "30/6/24 12:09 PM 1719720573"
        );
        assert_eq!(
            Civil::new(-1, 0).format("YYYY-MM-DD HH:mm:ss.SSS"),
            "1969-12-31 23:59:59.999"
        );
    }

    #[test]
    fn offsets_move_the_moment() {
        let at = 1_719_720_573_000; // 2024-06-30
        let shown = |ms| Civil::new(ms, 0).format("YYYY-MM-DD HH:mm:ss");
        assert_eq!(shown(offset(at, "1", "d").unwrap()), "2024-07-01 04:09:33");
        assert_eq!(shown(offset(at, "-3", "h").unwrap()), "2024-06-30 01:09:33");
        assert_eq!(shown(offset(at, "8", "M").unwrap()), "2025-02-28 04:09:33");
        assert_eq!(shown(offset(at, "-1", "y").unwrap()), "2023-06-30 04:09:33");
        assert_eq!(shown(offset(at, "2", "w").unwrap()), "2024-07-14 04:09:33");
        assert!(
            offset(at, "1", "q")
                .unwrap_err()
                .contains("'q' is not an offset unit")
        );
    }

    #[test]
    fn random_values_have_their_shapes() {
        let dotenv = HashMap::from([("k".to_string(), "v".to_string())]);
        let sources = Sources { dotenv };
        let get = |name: &str, args: &[&str]| value(name, args, &sources).map(|v| v.text);
        let n: i64 = get("random.integer", &["5", "7"]).unwrap().parse().unwrap();
        assert!((5..7).contains(&n));
        let f: f64 = get("random.float", &["1", "2"]).unwrap().parse().unwrap();
        assert!((1.0..2.0).contains(&f));
        let word = get("random.alphabetic", &["12"]).unwrap();
        assert!(word.len() == 12 && word.chars().all(|c| c.is_ascii_alphabetic()));
        let email = get("random.email", &[]).unwrap();
        assert!(email.contains('@') && email.ends_with(".com"), "{email}");
        assert_eq!(get("dotenv", &["k"]).unwrap(), "v");
        assert!(get("dotenv", &["nope"]).unwrap_err().contains(".env"));
        assert!(get("aadToken", &[]).unwrap_err().contains("Azure"));
        let err = get("randomInteger", &[]).unwrap_err();
        assert!(
            err.starts_with(
                "$randomInteger is not a dynamic variable hit knows; did you mean \
                 $random.integer? ($uuid, "
            ),
            "{err}"
        );
        let err = get("randomint", &[]).unwrap_err();
        assert!(err.contains("did you mean $randomInt?"), "{err}");
        assert!(!get("zzz", &[]).unwrap_err().contains("did you mean"));
        let stamp: i64 = get("timestamp", &["-1", "d"]).unwrap().parse().unwrap();
        assert!(stamp < now_millis() / 1000 - 86_000);
    }
}
