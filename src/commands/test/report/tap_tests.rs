//! The TAP report checked line by line against the TAP 14 grammar (testanything.org
//! tap-version-14-specification), its YAML scalars read back as the JSON they are written as.

use serde_json::Value;

use super::super::fixture::{HOSTILE, suite};
use super::render;

/// A test point: `ok`/`not ok`, its number, an optional ` - description` (no unescaped
/// `#`), an optional `# SKIP`/`# TODO` directive.
#[derive(Debug)]
struct Point {
    ok: bool,
    number: usize,
    description: String,
    directive: Option<String>,
    diagnostic: Vec<(String, Value)>,
}

#[derive(Debug, Default)]
struct Tap {
    plan: usize,
    points: Vec<Point>,
    bailed: bool,
}

/// Parses a TAP 14 document, failing on any line the grammar does not allow here.
fn parse(tap: &str) -> Tap {
    let mut lines = tap.lines().peekable();
    assert_eq!(
        lines.next(),
        Some("TAP version 14"),
        "the version line comes first"
    );
    let mut parsed = Tap::default();
    while let Some(line) = lines.next() {
        if let Some(plan) = line.strip_prefix("1..") {
            assert_eq!(parsed.plan, 0, "one plan");
            parsed.plan = plan.parse().unwrap_or_else(|_| panic!("bad plan {line:?}"));
        } else if line.starts_with("ok ") || line.starts_with("not ok ") {
            let mut point = test_point(line);
            if lines.peek() == Some(&"  ---") {
                lines.next();
                point.diagnostic = yaml_block(&mut lines);
            }
            parsed.points.push(point);
        } else if line.starts_with("Bail out!") {
            parsed.bailed = true;
        } else {
            assert!(
                line.starts_with('#') || line.is_empty(),
                "not TAP: {line:?}"
            );
        }
    }
    parsed
}

fn test_point(line: &str) -> Point {
    let (ok, rest) = match line.strip_prefix("not ok ") {
        Some(rest) => (false, rest),
        None => (true, &line[3..]),
    };
    let (number, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let number = number
        .parse()
        .unwrap_or_else(|_| panic!("no number in {line:?}"));
    let rest = rest
        .strip_prefix("- ")
        .unwrap_or_else(|| panic!("no description in {line:?}"));
    // The description ends at the first unescaped `#`.
    let mut description = String::new();
    let mut chars = rest.chars();
    let mut directive = None;
    while let Some(c) = chars.next() {
        match c {
            '\\' => description.push(chars.next().expect("a dangling backslash")),
            '#' => {
                let text: String = chars.by_ref().collect();
                let text = text.trim_start();
                assert!(
                    text.starts_with("SKIP") || text.starts_with("TODO"),
                    "an unescaped # that is not a directive in {line:?}"
                );
                directive = Some(text.to_string());
            }
            _ => description.push(c),
        }
    }
    let description = description.trim_end().to_string();
    Point {
        ok,
        number,
        description,
        directive,
        diagnostic: Vec::new(),
    }
}

/// `  key: VALUE` lines up to `  ...`; a key with nothing after it opens a list of
/// `    - key: VALUE` maps, kept as an array of objects.
fn yaml_block<'a>(lines: &mut impl Iterator<Item = &'a str>) -> Vec<(String, Value)> {
    let mut fields: Vec<(String, Value)> = Vec::new();
    for line in lines.by_ref() {
        if line == "  ..." {
            return fields;
        }
        assert!(
            line.starts_with("  "),
            "a YAML line must be indented: {line:?}"
        );
        if let Some(item) = line.strip_prefix("    - ") {
            let (key, value) = pair(item);
            let Some((_, Value::Array(list))) = fields.last_mut() else {
                panic!("a list item outside a list")
            };
            list.push(Value::Object([(key, value)].into_iter().collect()));
        } else if let Some(more) = line.strip_prefix("      ") {
            let (key, value) = pair(more);
            let Some((_, Value::Array(list))) = fields.last_mut() else {
                panic!("a continuation outside a list")
            };
            let Some(Value::Object(map)) = list.last_mut() else {
                panic!("no list item")
            };
            map.insert(key, value);
        } else {
            let line = &line[2..];
            match line.strip_suffix(':') {
                Some(key) => fields.push((key.to_string(), Value::Array(Vec::new()))),
                None => fields.push(pair(line)),
            }
        }
    }
    panic!("a YAML block without its `  ...`");
}

fn pair(line: &str) -> (String, Value) {
    let (key, value) = line
        .split_once(": ")
        .unwrap_or_else(|| panic!("not key: value: {line:?}"));
    let value =
        serde_json::from_str(value).unwrap_or_else(|e| panic!("{value:?} is not a scalar: {e}"));
    (key.to_string(), value)
}

fn field<'a>(point: &'a Point, key: &str) -> &'a Value {
    point
        .diagnostic
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {key} in {point:?}"))
}

#[test]
fn every_case_is_a_numbered_test_point_under_the_plan() {
    let tap = parse(&render(&suite()));
    assert_eq!(tap.plan, 5);
    assert_eq!(tap.points.len(), 5);
    assert!(
        tap.points
            .iter()
            .enumerate()
            .all(|(i, p)| p.number == i + 1)
    );
    let oks: Vec<_> = tap.points.iter().map(|p| p.ok).collect();
    assert_eq!(oks, [true, false, true, true, false]);
    assert_eq!(tap.points[0].description, "api/users.http: login");
    assert_eq!(
        tap.points[2].directive.as_deref(),
        Some("SKIP uses `get user`, which failed")
    );
    assert!(!tap.bailed);
}

#[test]
fn a_failure_has_its_diagnostics() {
    let tap = parse(&render(&suite()));
    let failed = &tap.points[1];
    assert_eq!(
        field(failed, "message"),
        "check failed: .name == \"ann\" (found \"bob\")"
    );
    assert_eq!(field(failed, "severity"), "fail");
    assert_eq!(field(failed, "file"), "api/users.http");
    assert_eq!(field(failed, "line"), 7);
    assert_eq!(field(failed, "status"), 500);
    assert_eq!(field(failed, "request_id"), "req-42");
    assert_eq!(
        field(failed, "checks"),
        &serde_json::json!([{"name": ".name == \"ann\"", "actual": "found \"bob\""}])
    );
    let flaky = &tap.points[3];
    assert!(flaky.ok);
    assert_eq!(field(flaky, "severity"), "flaky");
    assert_eq!(field(flaky, "attempts"), 2);
    assert!(tap.points[0].diagnostic.is_empty());
}

#[test]
fn hostile_names_do_not_break_the_stream() {
    let text = render(&suite());
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control character in:\n{text}"
    );
    let tap = parse(&text);
    let hostile = &tap.points[4];
    assert!(!hostile.ok);
    assert_eq!(
        hostile.directive, None,
        "the # in the name is escaped, not a directive"
    );
    assert!(
        hostile.description.ends_with("#tag \\"),
        "{:?}",
        hostile.description
    );
    assert!(
        field(hostile, "body")
            .as_str()
            .unwrap()
            .starts_with("<b>&amp;</b> ]]> \\u{1b}")
    );
    assert!(HOSTILE.contains('\u{1b}'));
}

#[test]
fn an_interrupted_run_bails_out() {
    let mut interrupted = suite();
    interrupted.interrupted = true;
    let text = render(&interrupted);
    assert!(text.ends_with("Bail out! interrupted\n"));
    assert!(parse(&text).bailed);
}
