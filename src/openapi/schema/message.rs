//! The validator's errors in hit's words: one short, uniform line per failing keyword.

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
use serde_json::Value;

use super::Violation;

/// How many enum options a message lists before it says how many more there are.
const OPTIONS_SHOWN: usize = 8;

/// The violations one validator error stands for (one per unexpected property, else one).
pub(super) fn violations(error: &ValidationError<'_>) -> Vec<Violation> {
    let pointer = error.instance_path().as_str().to_owned();
    let one = |message: String| {
        vec![Violation {
            pointer: pointer.clone(),
            message,
        }]
    };
    match error.kind() {
        Kind::AdditionalProperties { unexpected } | Kind::UnevaluatedProperties { unexpected } => {
            unexpected
                .iter()
                .map(|name| Violation {
                    pointer: pointer.clone(),
                    message: format!("unexpected property {}", quoted(name)),
                })
                .collect()
        }
        kind => one(message(kind, error.instance())),
    }
}

/// The words for one failing keyword; `instance` is the value that failed it.
fn message(kind: &Kind, instance: &Value) -> String {
    match kind {
        Kind::Type { kind } => format!(
            "expected {}, got {}",
            expected_types(kind),
            type_name(instance)
        ),
        Kind::Required { property } => format!("missing required property {}", compact(property)),
        Kind::Enum { options } => {
            format!("{} is not one of {}", compact(instance), listed(options))
        }
        Kind::Constant { expected_value } => {
            format!("{} is not {}", compact(instance), compact(expected_value))
        }
        Kind::Minimum { limit } => format!("less than minimum {limit}"),
        Kind::Maximum { limit } => format!("greater than maximum {limit}"),
        Kind::ExclusiveMinimum { limit } => format!("not greater than exclusive minimum {limit}"),
        Kind::ExclusiveMaximum { limit } => format!("not less than exclusive maximum {limit}"),
        Kind::MultipleOf { multiple_of } => format!("not a multiple of {multiple_of}"),
        Kind::MinLength { limit } => {
            format!("shorter than {limit} {}", plural(*limit, "character"))
        }
        Kind::MaxLength { limit } => format!("longer than {limit} {}", plural(*limit, "character")),
        Kind::Pattern { pattern } => format!("does not match pattern {}", quoted(pattern)),
        Kind::Format { format } => format!("not a valid {format}"),
        Kind::MinItems { limit } => format!("fewer than {limit} {}", plural(*limit, "item")),
        Kind::MaxItems { limit } => format!("more than {limit} {}", plural(*limit, "item")),
        Kind::AdditionalItems { limit } => {
            format!("more than {limit} {}", plural(*limit as u64, "item"))
        }
        Kind::UniqueItems => "has duplicate items".to_owned(),
        Kind::Contains => "has no item that matches \"contains\"".to_owned(),
        Kind::MinProperties { limit } => {
            format!("fewer than {limit} {}", plural(*limit, "property"))
        }
        Kind::MaxProperties { limit } => {
            format!("more than {limit} {}", plural(*limit, "property"))
        }
        Kind::PropertyNames { error } => {
            format!("property name {}", message(error.kind(), error.instance()))
        }
        Kind::AnyOf { context } => format!("matches none of anyOf's {} schemas", context.len()),
        Kind::OneOfNotValid { context } => {
            format!("matches none of oneOf's {} schemas", context.len())
        }
        Kind::OneOfMultipleValid { .. } => "matches more than one of oneOf's schemas".to_owned(),
        Kind::Not { .. } => "matches the schema under \"not\"".to_owned(),
        Kind::FalseSchema => "not allowed here".to_owned(),
        Kind::UnevaluatedItems { unexpected } => format!("{} unexpected items", unexpected.len()),
        Kind::AdditionalProperties { unexpected } | Kind::UnevaluatedProperties { unexpected } => {
            format!("unexpected properties {}", unexpected.join(", "))
        }
        Kind::ContentEncoding { content_encoding } => format!("not valid {content_encoding}"),
        Kind::ContentMediaType { content_media_type } => format!("not valid {content_media_type}"),
        Kind::FromUtf8 { .. } => "not valid UTF-8 once decoded".to_owned(),
        Kind::Custom { message, .. } => message.clone(),
        Kind::BacktrackLimitExceeded { .. } | Kind::RegexEngineFailure { .. } => {
            "too costly to match against its pattern".to_owned()
        }
        Kind::Referencing(error) => format!("unresolvable reference: {error}"),
    }
}

fn expected_types(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(single) => single.to_string(),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

/// The JSON type of a value as the messages name it (a whole number is an integer).
pub(super) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A value as compact JSON, cut short when long (messages stay one line).
fn compact(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn quoted(text: &str) -> String {
    compact(&Value::String(text.to_owned()))
}

/// An enum's options, the first few of them.
fn listed(options: &Value) -> String {
    let Value::Array(options) = options else {
        return compact(options);
    };
    let mut shown: Vec<String> = options.iter().take(OPTIONS_SHOWN).map(compact).collect();
    if options.len() > OPTIONS_SHOWN {
        shown.push(format!("… ({} more)", options.len() - OPTIONS_SHOWN));
    }
    shown.join(", ")
}

fn plural(count: u64, noun: &str) -> String {
    match (count, noun) {
        (1, _) => noun.to_owned(),
        (_, "property") => "properties".to_owned(),
        _ => format!("{noun}s"),
    }
}
