//! Dynamic variables (`{{$name …}}`): the VS Code REST Client's (`$guid`, `$randomInt`,
//! `$timestamp`, `$datetime`, `$localDatetime`, `$processEnv`, `$dotenv`) and the JetBrains
//! HTTP Client's (`$uuid`, `$isoTimestamp`, `$random.*`, `$env.NAME`), drawn anew at each
//! use.

use std::collections::HashMap;

use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, Zoned};

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
        "timestamp" => plain(now_offset(args, "$timestamp")?.as_second().to_string()),
        "isoTimestamp" => plain(iso_utc(Timestamp::now())),
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

/// `$random.integer(from, to)`: `to` excluded, 0 to 1000 without bounds, as JetBrains'; one
/// bound is the upper one.
fn random_integer(args: &[&str]) -> Result<String, String> {
    let (min, max) = match args {
        [] => (0, 1000),
        // One bound is the upper one, as files written for JetBrains use it.
        [max] => (0, number(max)?),
        [min, max] => (number(min)?, number(max)?),
        _ => return Err("$random.integer takes at most two bounds: $random.integer(1, 10)".into()),
    };
    if min >= max {
        return Err(format!(
            "$random.integer({min}, {max}): the first must be less than the second"
        ));
    }
    Ok(fastrand::i64(min..max).to_string())
}

/// `$random.float(from, to)`: 0 to 1000 without bounds; one bound is the upper one.
fn random_float(args: &[&str]) -> Result<String, String> {
    let (min, max): (f64, f64) = match args {
        [] => (0.0, 1000.0),
        [max] => (0.0, number(max)?),
        [min, max] => (number(min)?, number(max)?),
        _ => return Err("$random.float takes at most two bounds: $random.float(0, 1)".into()),
    };
    if min >= max || !min.is_finite() || !max.is_finite() {
        return Err(format!(
            "$random.float({min}, {max}): the first must be less than the second"
        ));
    }
    Ok((min + fastrand::f64() * (max - min)).to_string())
}

/// Now, moved by an offset `N UNIT` (`-3 h`, `1 d`).
fn now_offset(args: &[&str], what: &str) -> Result<Timestamp, String> {
    let now = Timestamp::now();
    match args {
        [] => Ok(now),
        [amount, unit] => offset(now, amount, unit),
        _ => Err(format!("{what} takes an offset or none: {what} -3 h")),
    }
}

/// `at` moved by `amount` `unit`s: y, M, w, d, h, m, s, ms, as REST Client's. The move is
/// made in UTC, where a day is 24 hours; a month or year later keeps the day of the month
/// unless that month is shorter (31 January + 1 M is the last day of February).
fn offset(at: Timestamp, amount: &str, unit: &str) -> Result<Timestamp, String> {
    let n: i64 = number(amount)?;
    let span = match unit {
        "ms" => Span::new().try_milliseconds(n),
        "s" => Span::new().try_seconds(n),
        "m" => Span::new().try_minutes(n),
        "h" => Span::new().try_hours(n),
        "d" => Span::new().try_days(n),
        "w" => Span::new().try_weeks(n),
        "M" => Span::new().try_months(n),
        "y" => Span::new().try_years(n),
        _ => {
            return Err(format!(
                "'{unit}' is not an offset unit (y, M, w, d, h, m, s, ms: 1 d)"
            ));
        }
    };
    span.and_then(|span| at.to_zoned(TimeZone::UTC).checked_add(span))
        .map(|moved| moved.timestamp())
        .map_err(|_| format!("{amount} {unit} moves the time past the years -9999 to 9999"))
}

/// `$datetime FORMAT [N UNIT]` (UTC) and `$localDatetime FORMAT [N UNIT]` (local time):
/// FORMAT is `rfc1123`, `iso8601` or a quoted day.js format (`"YYYY-MM-DD"`).
fn datetime(name: &str, args: &[&str]) -> Result<String, String> {
    let local = name == "localDatetime";
    let (format, at) = match args {
        [format] => (*format, Timestamp::now()),
        [format, amount, unit] => (*format, offset(Timestamp::now(), amount, unit)?),
        _ => {
            return Err(format!(
                "${name} takes a format and an offset: ${name} iso8601, ${name} rfc1123 1 d, \
                 ${name} \"YYYY-MM-DD\""
            ));
        }
    };
    // The local zone is the one TZ names, else /etc/localtime's (UTC when neither is
    // readable), as the C library's.
    let zone = if local {
        TimeZone::system()
    } else {
        TimeZone::UTC
    };
    shown(format, &at.to_zoned(zone), local)
}

/// `time` in `format`: the zone's offset is written where the local forms have it.
fn shown(format: &str, time: &Zoned, local: bool) -> Result<String, String> {
    let pattern = match (format, local) {
        ("rfc1123", false) => "%a, %d %b %Y %H:%M:%S GMT".to_string(),
        ("rfc1123", true) => "%a, %d %b %Y %H:%M:%S %z".to_string(),
        ("iso8601", false) => ISO_UTC.to_string(),
        ("iso8601", true) => "%Y-%m-%dT%H:%M:%S%:z".to_string(),
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
            strftime(custom, time)
        }
    };
    jiff::fmt::strtime::format(&pattern, time).map_err(|e| format!("'{format}': {e}"))
}

/// ISO 8601 in UTC with milliseconds: `2024-06-30T04:09:33.853Z`.
const ISO_UTC: &str = "%Y-%m-%dT%H:%M:%S.%3fZ";

fn iso_utc(at: Timestamp) -> String {
    at.to_zoned(TimeZone::UTC).strftime(ISO_UTC).to_string()
}

/// day.js's format tokens as strftime's (`[text]` is written as is): the two-letter
/// weekday and the Unix time are written out, as strftime has neither form.
fn strftime(dayjs: &str, time: &Zoned) -> String {
    const TOKENS: [(&str, &str); 27] = [
        ("YYYY", "%Y"),
        ("YY", "%y"),
        ("MMMM", "%B"),
        ("MMM", "%b"),
        ("MM", "%m"),
        ("M", "%-m"),
        ("DD", "%d"),
        ("D", "%-d"),
        ("dddd", "%A"),
        ("ddd", "%a"),
        ("dd", ""),
        ("d", "%w"),
        ("HH", "%H"),
        ("H", "%-H"),
        ("hh", "%I"),
        ("h", "%-I"),
        ("mm", "%M"),
        ("m", "%-M"),
        ("ss", "%S"),
        ("s", "%-S"),
        ("SSS", "%3f"),
        ("ZZ", "%z"),
        ("Z", "%:z"),
        ("A", "%p"),
        ("a", "%P"),
        ("X", ""),
        ("x", ""),
    ];
    let literal = |out: &mut String, text: &str| out.push_str(&text.replace('%', "%%"));
    let millis = time.timestamp().as_millisecond();
    let mut out = String::new();
    let mut rest = dayjs;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[')
            && let Some(end) = inner.find(']')
        {
            literal(&mut out, &inner[..end]);
            rest = &inner[end + 1..];
            continue;
        }
        if let Some((token, directive)) = TOKENS.iter().find(|(t, _)| rest.starts_with(*t)) {
            match *token {
                "dd" => out.push_str(&time.strftime("%a").to_string()[..2]),
                "X" => out.push_str(&millis.div_euclid(1000).to_string()),
                "x" => out.push_str(&millis.to_string()),
                _ => out.push_str(directive),
            }
            rest = &rest[token.len()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        literal(&mut out, c.encode_utf8(&mut [0; 4]));
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moment `millis` after 1970 in a zone `east` seconds east of UTC.
    fn moment(millis: i64, east: i32) -> Zoned {
        let zone = TimeZone::fixed(jiff::tz::Offset::from_seconds(east).unwrap());
        Timestamp::from_millisecond(millis).unwrap().to_zoned(zone)
    }

    fn dayjs(pattern: &str, time: &Zoned) -> String {
        shown(&format!("\"{pattern}\""), time, true).unwrap()
    }

    #[test]
    fn formats_a_known_moment() {
        // 2024-06-30T04:09:33.853Z, a Sunday.
        let at = 1_719_720_573_853;
        let utc = moment(at, 0);
        assert_eq!(
            shown("rfc1123", &utc, false).unwrap(),
            "Sun, 30 Jun 2024 04:09:33 GMT"
        );
        assert_eq!(
            shown("iso8601", &utc, false).unwrap(),
            "2024-06-30T04:09:33.853Z"
        );
        assert_eq!(
            iso_utc(Timestamp::from_millisecond(at).unwrap()),
            "2024-06-30T04:09:33.853Z"
        );
        let east = moment(at, 8 * 3600);
        assert_eq!(
            shown("iso8601", &east, true).unwrap(),
            "2024-06-30T12:09:33+08:00"
        );
        assert_eq!(
            shown("rfc1123", &east, true).unwrap(),
            "Sun, 30 Jun 2024 12:09:33 +0800"
        );
        assert_eq!(
            shown("'D/M/YY h:mm A X'", &east, true).unwrap(),
            "30/6/24 12:09 PM 1719720573"
        );
        assert_eq!(
            dayjs("YYYY-MM-DD HH:mm:ss.SSS", &moment(-1, 0)),
            "1969-12-31 23:59:59.999"
        );
        assert_eq!(dayjs("X x", &moment(-1, 0)), "-1 -1");
        assert!(
            shown("iso8061", &utc, false)
                .unwrap_err()
                .contains("'iso8061' is not a format")
        );
    }

    #[test]
    fn formats_every_dayjs_token() {
        // 2025-03-05T07:08:09.045-03:30, a Wednesday.
        let west = moment(1_741_171_089_045, -(3 * 3600 + 1800));
        assert_eq!(
            dayjs(
                "YYYY YY MMMM MMM MM M DD D dddd ddd dd d HH H hh h mm m ss s SSS ZZ Z A a X x",
                &west
            ),
            "2025 25 March Mar 03 3 05 5 Wednesday Wed We 3 07 7 07 7 08 8 09 9 045 -0330 \
             -03:30 AM am 1741171089 1741171089045"
        );
        assert_eq!(
            dayjs("[YYYY is] YYYY; 100% [at] h a", &west),
            "YYYY is 2025; 100% at 7 am"
        );
        let evening = moment(1_741_171_089_045 + 12 * 3_600_000, 0);
        assert_eq!(dayjs("hh:mm A, dd", &evening), "10:38 PM, We");
        // A zone with summer time has each moment's offset.
        let new_york = TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap();
        let summer = Timestamp::from_millisecond(1_719_720_573_853).unwrap();
        assert_eq!(
            shown("iso8601", &summer.to_zoned(new_york.clone()), true).unwrap(),
            "2024-06-30T00:09:33-04:00"
        );
        let winter = Timestamp::from_millisecond(1_706_695_200_000).unwrap();
        assert_eq!(
            shown("rfc1123", &winter.to_zoned(new_york), true).unwrap(),
            "Wed, 31 Jan 2024 05:00:00 -0500"
        );
    }

    #[test]
    fn offsets_move_the_moment() {
        let at = Timestamp::from_millisecond(1_719_720_573_000).unwrap(); // 2024-06-30
        let shown = |at: Timestamp| dayjs("YYYY-MM-DD HH:mm:ss", &at.to_zoned(TimeZone::UTC));
        assert_eq!(shown(offset(at, "1", "d").unwrap()), "2024-07-01 04:09:33");
        assert_eq!(shown(offset(at, "-3", "h").unwrap()), "2024-06-30 01:09:33");
        assert_eq!(shown(offset(at, "8", "M").unwrap()), "2025-02-28 04:09:33");
        assert_eq!(shown(offset(at, "-1", "y").unwrap()), "2023-06-30 04:09:33");
        assert_eq!(shown(offset(at, "2", "w").unwrap()), "2024-07-14 04:09:33");
        assert_eq!(shown(offset(at, "90", "m").unwrap()), "2024-06-30 05:39:33");
        assert_eq!(
            shown(offset(at, "-33", "s").unwrap()),
            "2024-06-30 04:09:00"
        );
        assert_eq!(
            shown(offset(at, "1500", "ms").unwrap()),
            "2024-06-30 04:09:34"
        );
        assert!(
            offset(at, "1", "q")
                .unwrap_err()
                .contains("'q' is not an offset unit")
        );
        assert!(offset(at, "x", "d").unwrap_err().contains("not a number"));
        assert!(
            offset(at, "20000", "y")
                .unwrap_err()
                .contains("past the years")
        );
        let far = offset(at, "9223372036854775807", "ms").unwrap_err();
        assert!(far.contains("past the years"), "{far}");
    }

    #[test]
    fn month_offsets_stop_at_the_month_end() {
        let day = |at: Timestamp| dayjs("YYYY-MM-DD HH:mm", &at.to_zoned(TimeZone::UTC));
        let end_of_january = Timestamp::from_millisecond(1_706_695_200_000).unwrap();
        let moved = |amount: &str, unit: &str| day(offset(end_of_january, amount, unit).unwrap());
        assert_eq!(day(end_of_january), "2024-01-31 10:00");
        assert_eq!(moved("1", "M"), "2024-02-29 10:00");
        assert_eq!(moved("2", "M"), "2024-03-31 10:00");
        assert_eq!(moved("3", "M"), "2024-04-30 10:00");
        assert_eq!(moved("13", "M"), "2025-02-28 10:00");
        assert_eq!(moved("-2", "M"), "2023-11-30 10:00");
        assert_eq!(moved("-11", "M"), "2023-02-28 10:00");
        assert_eq!(moved("1", "y"), "2025-01-31 10:00");
        let leap_day = offset(end_of_january, "1", "M").unwrap();
        let from_leap_day = |amount: &str, unit: &str| day(offset(leap_day, amount, unit).unwrap());
        assert_eq!(from_leap_day("1", "y"), "2025-02-28 10:00");
        assert_eq!(from_leap_day("4", "y"), "2028-02-29 10:00");
        assert_eq!(from_leap_day("-100", "y"), "1924-02-29 10:00");
        assert_eq!(from_leap_day("100", "y"), "2124-02-29 10:00");
        assert_eq!(from_leap_day("1200", "M"), "2124-02-29 10:00");
        assert_eq!(from_leap_day("-1", "M"), "2024-01-29 10:00");
        assert_eq!(from_leap_day("1", "d"), "2024-03-01 10:00");
    }

    #[test]
    fn random_values_have_their_shapes() {
        let dotenv = HashMap::from([("k".to_string(), "v".to_string())]);
        let sources = Sources { dotenv };
        let get = |name: &str, args: &[&str]| value(name, args, &sources).map(|v| v.text);
        let n: i64 = get("random.integer", &["5", "7"]).unwrap().parse().unwrap();
        assert!((5..7).contains(&n));
        // One bound is the upper one.
        assert_eq!(get("random.integer", &["1"]).unwrap(), "0");
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
        assert!(stamp < Timestamp::now().as_second() - 86_000);
    }
}
