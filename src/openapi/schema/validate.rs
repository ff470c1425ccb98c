//! Checking an instance against a schema with the `jsonschema` crate.

use jsonschema::paths::Location;
use jsonschema::{Draft, Keyword, ValidationError};
use serde_json::{Map, Value};

use super::translate::{self, INTEGER_FORMAT_KEYWORD, SCHEMA_KEY};
use super::{Dialect, Direction, SchemaError, Violation, message};

/// At most this many violations are reported for one instance: enough to fix a payload,
/// few enough to read.
pub const MAX_VIOLATIONS: usize = 20;

/// How deep an instance may nest: serde_json's own parsing limit, so anything read from the
/// wire passes, and validation (which recurses with the instance) stays well within the stack.
pub const MAX_INSTANCE_DEPTH: usize = 128;

/// A schema compiled once, to check many instances (a mock server checks every request with
/// the operation's validators).
pub struct Validator {
    compiled: jsonschema::Validator,
}

impl Validator {
    /// Compile `schema`, resolving its local `$ref`s in `document`, for values travelling in
    /// `direction`.
    pub fn new(
        document: &Value,
        schema: &Value,
        dialect: Dialect,
        direction: Direction,
    ) -> Result<Self, SchemaError> {
        let root = translate::bundle(document, schema, dialect, direction)?;
        let draft = match dialect {
            Dialect::V30 => Draft::Draft4,
            Dialect::V31 => Draft::Draft202012,
        };
        let compiled = jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            // Draft 4 knows no `uuid`; one rule for both dialects.
            .with_format("uuid", |text: &str| {
                uuid::Uuid::try_parse(text).is_ok() && text.len() == 36
            })
            .with_keyword(INTEGER_FORMAT_KEYWORD, integer_format)
            .build(&root)
            .map_err(|error| {
                SchemaError::Invalid(located(&error.to_string(), error.instance_path().as_str()))
            })?;
        Ok(Self { compiled })
    }

    /// What is wrong with `instance`, at most [`MAX_VIOLATIONS`] lines; empty when it is valid.
    pub fn validate(&self, instance: &Value) -> Vec<Violation> {
        if let Some(pointer) = too_deep(instance) {
            return vec![Violation {
                pointer,
                message: format!("nested deeper than {MAX_INSTANCE_DEPTH} levels"),
            }];
        }
        let mut found = Vec::new();
        for error in self.compiled.iter_errors(instance) {
            found.extend(message::violations(&error));
            if found.len() >= MAX_VIOLATIONS {
                found.truncate(MAX_VIOLATIONS);
                break;
            }
        }
        found
    }

    /// Whether `instance` is valid, without describing why not (cheaper than `validate`).
    pub fn is_valid(&self, instance: &Value) -> bool {
        too_deep(instance).is_none() && self.compiled.is_valid(instance)
    }
}

/// A schema error's words with the place in the document (`#/components/schemas/N/minimum`)
/// or in the schema itself (`/properties/a/minimum in the schema`).
fn located(message: &str, location: &str) -> String {
    match location.strip_prefix(&format!("/{SCHEMA_KEY}")) {
        Some("") => message.to_owned(),
        Some(inside) => format!("{message} (at {inside} in the schema)"),
        None => format!("{message} (at #{location})"),
    }
}

/// Compile `schema` and check `instance` against it: see [`Validator`].
#[cfg(test)]
pub fn validate(
    document: &Value,
    schema: &Value,
    dialect: Dialect,
    direction: Direction,
    instance: &Value,
) -> Result<Vec<Violation>, SchemaError> {
    Ok(Validator::new(document, schema, dialect, direction)?.validate(instance))
}

/// The pointer of the first value nested deeper than [`MAX_INSTANCE_DEPTH`], found without
/// recursion and without building a pointer for every value.
fn too_deep(instance: &Value) -> Option<String> {
    // Depth-first, with the path to the current value kept as borrowed tokens.
    let mut stack: Vec<(&Value, usize, Token)> = vec![(instance, 0, Token::Root)];
    let mut path: Vec<Token> = Vec::new();
    while let Some((value, depth, token)) = stack.pop() {
        path.truncate(depth.saturating_sub(1));
        if depth > 0 {
            path.push(token);
        }
        if depth > MAX_INSTANCE_DEPTH {
            return Some(path.iter().map(Token::escaped).collect());
        }
        match value {
            Value::Array(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (item, depth + 1, Token::Index(i))),
            ),
            Value::Object(map) => stack.extend(
                map.iter()
                    .map(|(name, item)| (item, depth + 1, Token::Name(name))),
            ),
            _ => {}
        }
    }
    None
}

/// One step of a JSON pointer.
#[derive(Clone, Copy)]
enum Token<'v> {
    Root,
    Index(usize),
    Name(&'v str),
}

impl Token<'_> {
    /// `/step`, escaped as RFC 6901 §3 says.
    fn escaped(&self) -> String {
        match self {
            Token::Root => String::new(),
            Token::Index(i) => format!("/{i}"),
            Token::Name(name) => format!("/{}", name.replace('~', "~0").replace('/', "~1")),
        }
    }
}

/// The `int32`/`int64` range check, for the keyword the translation adds next to such a format.
fn integer_format<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _location: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let bits32 = value.as_str() == Some("int32");
    Ok(Box::new(IntegerFormat { bits32 }))
}

struct IntegerFormat {
    bits32: bool,
}

impl IntegerFormat {
    /// Only whole numbers are checked: `type` speaks for the rest, and a fraction is
    /// `type: integer`'s business too.
    fn fits(&self, instance: &Value) -> bool {
        let Value::Number(number) = instance else {
            return true;
        };
        let text = number.to_string();
        if let Ok(whole) = text.parse::<i64>() {
            return !self.bits32 || i32::try_from(whole).is_ok();
        }
        // Written as 1e30 or 2147483648.0, or beyond i64: compared as a float.
        let Ok(float) = text.parse::<f64>() else {
            return false;
        };
        let (low, high) = if self.bits32 {
            (f64::from(i32::MIN), f64::from(i32::MAX))
        } else {
            (i64::MIN as f64, i64::MAX as f64)
        };
        float.fract() != 0.0 || (low..=high).contains(&float) && (self.bits32 || float < high)
    }
}

impl<'i> Keyword<'i> for IntegerFormat {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.fits(instance) {
            return Ok(());
        }
        let name = if self.bits32 { "int32" } else { "int64" };
        Err(ValidationError::custom(format!("out of the {name} range")))
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.fits(instance)
    }
}
