//! The item grammar split at every byte: an item is cut at its first separator, so whatever
//! the value holds (separators included) and wherever it is cut, the name and the kind stay
//! and the value is the text after the separator, up to the cut.

use proptest::prelude::*;

use super::{Field, FieldValue, HeaderEdit, Item};

/// What `name`, `separator` and `value` read as, for the separators that read no file.
fn expected(name: &str, separator: &str, value: &str) -> Item {
    match separator {
        ":" if value.trim().is_empty() => Item::Header {
            name: name.into(),
            edit: HeaderEdit::Remove,
        },
        ":" => Item::Header {
            name: name.into(),
            edit: HeaderEdit::Set(value.into()),
        },
        "==" => Item::Query {
            name: name.into(),
            value: value.into(),
        },
        _ => Item::Field(Field {
            name: name.into(),
            value: FieldValue::Text(value.into()),
            raw: format!("{name}{separator}{value}"),
        }),
    }
}

/// A name of token characters (a header name, a query or field name).
fn name() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,10}"
}

/// A value that starts with none of the characters that would lengthen the separator
/// (`:=`, `==@`, ...) or a blank, and holds anything but a backslash after that, separators
/// included.
fn value() -> impl Strategy<Value = String> {
    "([A-Za-z0-9.]([^\\\\@]|@){0,20})?"
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![":", "==", "="])
}

proptest! {
    #[test]
    fn every_cut_of_the_value_reads_as_that_much_of_it(
        name in name(),
        separator in separator(),
        value in value(),
    ) {
        for cut in (0..=value.len()).filter(|cut| value.is_char_boundary(*cut)) {
            let raw = format!("{name}{separator}{}", &value[..cut]);
            let item = Item::parse(&raw);
            prop_assert_eq!(item, Ok(expected(&name, separator, &value[..cut])), "{}", raw);
        }
    }

    #[test]
    fn a_cut_before_the_separator_is_no_item_or_another_name(
        name in name(),
        separator in separator(),
        value in value(),
    ) {
        let raw = format!("{name}{separator}{value}");
        for cut in 0..=name.len() {
            // No separator yet: an error that names the item, never a panic.
            let error = Item::parse(&raw[..cut]).unwrap_err();
            prop_assert!(error.contains("no separator"), "{}", error);
        }
    }

    #[test]
    fn an_escaped_separator_stays_in_the_name(
        left in name(),
        escaped in prop::sample::select(vec![":", "=", ";"]),
        right in name(),
        value in value(),
    ) {
        let raw = format!("{left}\\{escaped}{right}=={value}");
        let item = Item::parse(&raw);
        prop_assert_eq!(item, Ok(expected(&format!("{left}{escaped}{right}"), "==", &value)));
    }

    #[test]
    fn any_text_without_a_file_reads_without_a_panic(text in "[^@]{0,30}") {
        for cut in (0..=text.len()).filter(|cut| text.is_char_boundary(*cut)) {
            let _ = Item::parse(&text[..cut]);
        }
    }
}
