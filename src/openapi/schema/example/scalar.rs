//! Example strings and numbers: formats, lengths, patterns, bounds and `multipleOf`.

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{Map, Value};

use super::Generator;

/// Plain example words; seed 0 gives the first.
const WORDS: [&str; 8] = [
    "string", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
];

/// The longest string built from a pattern.
const MAX_PATTERN_LENGTH: usize = 256;

/// How far above a lower bound (or below an upper one) a number is drawn.
const SPREAD: u64 = 100;

impl Generator<'_> {
    /// A string honouring `pattern`, `format`, `minLength` and `maxLength`.
    pub(super) fn string(&mut self, map: &Map<String, Value>) -> String {
        let least = map.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let most = map
            .get("maxLength")
            .and_then(Value::as_u64)
            .map(|m| m as usize);
        let pattern = map.get("pattern").and_then(Value::as_str);
        let formatted = map
            .get("format")
            .and_then(Value::as_str)
            .and_then(|f| self.formatted(f));
        // A format's value when the pattern (if any) takes it: `date` with `^\d{4}-\d{2}-\d{2}$`
        // wants a real date, not `0000-00-00`.
        if let Some(text) = &formatted
            && pattern
                .is_none_or(|pattern| regex::Regex::new(pattern).is_ok_and(|r| r.is_match(text)))
        {
            return text.clone();
        }
        if let Some(text) = pattern.and_then(|pattern| self.matching(pattern, least, most)) {
            return text;
        }
        if let Some(text) = formatted {
            return text;
        }
        let word = WORDS[self.pick(WORDS.len() as u64) as usize];
        let mut text: String = word.chars().take(most.unwrap_or(usize::MAX)).collect();
        // Padded in one step, and no longer than an example needs to be: a schema asking for
        // two million characters gets the longest example hit makes.
        let least = least.min(most.unwrap_or(usize::MAX)).min(MAX_MIN_LENGTH);
        let short = least.saturating_sub(text.chars().count());
        text.push_str(&"x".repeat(short));
        text
    }

    /// A string in a format the validator asserts, or a readable one for common annotations.
    fn formatted(&mut self, format: &str) -> Option<String> {
        let text = match format {
            "date-time" => format!(
                "2024-01-{:02}T{:02}:{:02}:00Z",
                1 + self.pick(28),
                self.pick(24),
                self.pick(60)
            ),
            "date" => format!("2024-01-{:02}", 1 + self.pick(28)),
            "time" => format!("{:02}:{:02}:00Z", self.pick(24), self.pick(60)),
            "uuid" => self.uuid(),
            "email" | "idn-email" => format!("user{}@example.com", self.pick(1000)),
            "uri" | "url" | "iri" | "uri-reference" | "iri-reference" => {
                format!(
                    "https://example.com/{}",
                    WORDS[self.pick(WORDS.len() as u64) as usize]
                )
            }
            "hostname" | "idn-hostname" => "example.com".to_owned(),
            "ipv4" => format!("192.0.2.{}", 1 + self.pick(254)),
            "ipv6" => format!("2001:db8::{:x}", 1 + self.pick(0xfffe)),
            "byte" => "c3RyaW5n".to_owned(),
            "password" => "secret".to_owned(),
            "duration" => format!("P{}D", 1 + self.pick(30)),
            "json-pointer" => "/string".to_owned(),
            "regex" => "^string$".to_owned(),
            "int32" | "int64" => self.pick(SPREAD).to_string(),
            _ => return None,
        };
        Some(text)
    }

    /// A UUID (version 4 in form), fixed for seed 0, else drawn from the seed.
    fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        for byte in &mut bytes {
            *byte = self.pick(256) as u8;
        }
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }

    /// A string that `pattern` matches, within the length bounds, if hit can build one: a
    /// pattern the regex parser takes (no look-around or back-references) is walked, taking
    /// each repetition's least count (more when `minLength` asks) and one alternative.
    fn matching(&mut self, pattern: &str, least: usize, most: Option<usize>) -> Option<String> {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        for extra in [0, least] {
            let mut text = String::new();
            self.emit(&hir, extra, &mut text)?;
            let length = text.chars().count();
            if length >= least && most.is_none_or(|most| length <= most) {
                return Some(text);
            }
        }
        None
    }

    fn emit(&mut self, hir: &Hir, extra: usize, out: &mut String) -> Option<()> {
        if out.len() > MAX_PATTERN_LENGTH {
            return None;
        }
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
            HirKind::Class(class) => out.push(self.member(class)?),
            HirKind::Repetition(repetition) => {
                let wanted = repetition.min as usize + extra;
                let count = repetition
                    .max
                    .map_or(wanted, |max| wanted.min(max as usize));
                for _ in 0..count {
                    self.emit(&repetition.sub, extra, out)?;
                }
            }
            HirKind::Capture(capture) => self.emit(&capture.sub, extra, out)?,
            HirKind::Concat(parts) => {
                for part in parts {
                    self.emit(part, extra, out)?;
                }
            }
            HirKind::Alternation(choices) => {
                let choice = self.pick(choices.len() as u64) as usize;
                self.emit(&choices[choice], extra, out)?;
            }
        }
        Some(())
    }

    /// A character of a class, preferring a visible ASCII one.
    fn member(&mut self, class: &Class) -> Option<char> {
        let ranges: Vec<(char, char)> = match class {
            Class::Unicode(set) => set.ranges().iter().map(|r| (r.start(), r.end())).collect(),
            Class::Bytes(set) => set
                .ranges()
                .iter()
                .filter(|r| r.start().is_ascii())
                .map(|r| (char::from(r.start()), char::from(r.end().min(0x7f))))
                .collect(),
        };
        let visible: Vec<char> = ranges
            .iter()
            .flat_map(|&(start, end)| (start..=end).take(128))
            .filter(|c| c.is_ascii_alphanumeric())
            .take(64)
            .collect();
        if visible.is_empty() {
            return ranges.first().map(|r| r.0);
        }
        Some(visible[self.pick(visible.len() as u64) as usize])
    }

    /// A number within the bounds (`minimum`, `maximum`, both kinds of exclusive ones, an
    /// int32/int64 range) and a multiple of `multipleOf`; a whole one when it can be.
    pub(super) fn number(&mut self, map: &Map<String, Value>, integer: bool) -> Value {
        let bounds = Bounds::read(map);
        let multiple = map
            .get("multipleOf")
            .filter(|m| m.as_f64().is_some_and(|m| m > 0.0));
        if let Some(multiple) = multiple
            && !is_whole(multiple)
        {
            return self.fractional_multiple(&bounds, multiple);
        }
        let step = multiple.and_then(Value::as_f64).unwrap_or(1.0).max(1.0) as i128;
        let (low, high) = (bounds.whole_low(), bounds.whole_high());
        let draw = self.pick(SPREAD) as i128;
        let span = match (low, high) {
            (Some(low), Some(high)) => (high - low).max(0),
            _ => SPREAD as i128,
        };
        let start = match (low, high) {
            (Some(low), _) if draw < low => low + draw % (span + 1),
            (_, Some(high)) if draw > high => high - draw % (span + 1),
            _ => draw,
        };
        let mut whole = start.div_euclid(step) * step;
        if low.is_some_and(|low| whole < low) {
            whole += step;
        }
        if high.is_some_and(|high| whole > high) {
            whole -= step;
        }
        match (low, high) {
            // No whole number fits (0 < x < 1): the middle, if a fraction may do.
            (Some(low), Some(high)) if low > high && !integer => bounds.middle(),
            _ => Value::from(whole as i64),
        }
    }

    /// `k × multipleOf` written in decimal (0.1 × 3 is `0.3`, not 0.30000000000000004), the
    /// least such at or above the lower bound.
    fn fractional_multiple(&mut self, bounds: &Bounds, multiple: &Value) -> Value {
        let step = multiple.as_f64().unwrap_or(1.0);
        let text = multiple.to_string();
        let scale = text
            .split_once('.')
            .map_or(0, |(_, fraction)| fraction.len());
        let mantissa: i128 = text.replace('.', "").parse().unwrap_or(1);
        let mut k = bounds
            .low
            .map_or(self.pick(SPREAD) as f64, |low| (low / step).ceil())
            as i128;
        if bounds.low_exclusive && bounds.low.is_some_and(|low| k as f64 * step <= low) {
            k += 1;
        }
        let digits = format!("{:0>width$}", (k * mantissa).abs(), width = scale + 1);
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        let sign = if k * mantissa < 0 { "-" } else { "" };
        let written = if scale == 0 {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{fraction}")
        };
        serde_json::from_str(&written).unwrap_or_else(|_| Value::from(step))
    }
}

fn is_whole(number: &Value) -> bool {
    number.as_f64().is_some_and(|n| n.fract() == 0.0)
}

/// A schema's numeric bounds in one form, whichever dialect wrote them.
struct Bounds {
    low: Option<f64>,
    low_exclusive: bool,
    high: Option<f64>,
    high_exclusive: bool,
}

impl Bounds {
    fn read(map: &Map<String, Value>) -> Self {
        let number = |key: &str| map.get(key).and_then(Value::as_f64);
        let mut bounds = Bounds {
            low: number("minimum"),
            low_exclusive: map.get("exclusiveMinimum") == Some(&Value::Bool(true)),
            high: number("maximum"),
            high_exclusive: map.get("exclusiveMaximum") == Some(&Value::Bool(true)),
        };
        // 2020-12: the exclusive bounds are numbers of their own.
        if let Some(low) = number("exclusiveMinimum")
            && bounds.low.is_none_or(|l| low >= l)
        {
            (bounds.low, bounds.low_exclusive) = (Some(low), true);
        }
        if let Some(high) = number("exclusiveMaximum")
            && bounds.high.is_none_or(|h| high <= h)
        {
            (bounds.high, bounds.high_exclusive) = (Some(high), true);
        }
        let range = match map.get("format").and_then(Value::as_str) {
            Some("int32") => Some((f64::from(i32::MIN), f64::from(i32::MAX))),
            Some("int64") => Some((-9.2e18, 9.2e18)),
            _ => None,
        };
        if let Some((min, max)) = range {
            bounds.low = Some(bounds.low.map_or(min, |l| l.max(min)));
            bounds.high = Some(bounds.high.map_or(max, |h| h.min(max)));
        }
        bounds
    }

    /// The least whole number allowed.
    fn whole_low(&self) -> Option<i128> {
        self.low.map(|low| {
            let ceil = low.ceil();
            (if self.low_exclusive && ceil == low {
                ceil + 1.0
            } else {
                ceil
            }) as i128
        })
    }

    /// The greatest whole number allowed.
    fn whole_high(&self) -> Option<i128> {
        self.high.map(|high| {
            let floor = high.floor();
            (if self.high_exclusive && floor == high {
                floor - 1.0
            } else {
                floor
            }) as i128
        })
    }

    fn middle(&self) -> Value {
        let (low, high) = (self.low.unwrap_or(0.0), self.high.unwrap_or(0.0));
        Value::from((low + high) / 2.0)
    }
}

/// The longest string an example is padded to for `minLength`.
const MAX_MIN_LENGTH: usize = 1 << 16;
