//! `--paginate` over pages that are JSON objects: which array field holds the items, and
//! where it is in a page. The pages' other fields (a count, a cursor, the page number)
//! describe one page, not the whole, so the merged document is the items alone: one
//! array, as for pages that are arrays.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::usage;

/// What `--paginate` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginate {
    /// `--max-pages`: the most pages to fetch.
    pub max_pages: u32,
    /// `--paginate-field`: where the items are in an object page; `None` finds the one
    /// array field that changes from page to page.
    pub field: Option<FieldPath>,
}

/// A jq path of object keys: `.products`, `.data.items`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    /// Parses `--paginate-field`'s value.
    pub fn parse(text: &str) -> anyhow::Result<FieldPath> {
        let keys = text.strip_prefix('.').map(|rest| rest.split('.'));
        let keys: Option<Vec<String>> = keys.and_then(|keys| {
            keys.map(|key| {
                let plain = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| !c.is_whitespace() && !"[]\"|(),".contains(c));
                plain.then(|| key.to_string())
            })
            .collect()
        });
        keys.map(FieldPath).ok_or_else(|| {
            usage(format!(
                "'{text}' is not a field path: give the keys from the top of a page, each after \
                 a dot (.products, .data.items)"
            ))
        })
    }

    /// A field at the top of a page.
    pub fn top(key: &str) -> FieldPath {
        FieldPath(vec![key.to_string()])
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for key in &self.0 {
            write!(f, ".{key}")?;
        }
        Ok(())
    }
}

/// The fields of a JSON object, in order, each value as it is written.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Fields<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ordered;
        impl<'de> Visitor<'de> for Ordered {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Fields<'de>, M::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &RawValue>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(Ordered)
    }
}

/// The fields of an object page; `None` when the text is not one JSON object.
fn fields(text: &str) -> Option<Vec<(String, &RawValue)>> {
    serde_json::from_str::<Fields>(text).ok().map(|f| f.0)
}

fn is_array(value: &RawValue) -> bool {
    value.get().starts_with('[')
}

/// The array at `path` in a page, as it is written; `Err` says what the page has instead.
pub fn array_at<'a>(page: &'a [u8], path: &FieldPath) -> Result<&'a str, String> {
    let Ok(mut text) = std::str::from_utf8(page) else {
        return Err("the page is not JSON".to_string());
    };
    for (depth, key) in path.0.iter().enumerate() {
        let at = FieldPath(path.0[..depth].to_vec());
        let Some(fields) = fields(text) else {
            let what = if depth == 0 { "the page" } else { "its value" };
            return Err(format!("{what} is not a JSON object{}", shown_at(&at)));
        };
        let Some((_, value)) = fields.iter().rev().find(|(name, _)| name == key) else {
            let names: Vec<&str> = fields.iter().map(|(name, _)| name.as_str()).collect();
            return Err(format!(
                "no field '{key}'{} (it has: {})",
                shown_at(&at),
                if names.is_empty() {
                    "nothing".to_string()
                } else {
                    names.join(", ")
                }
            ));
        };
        text = value.get();
    }
    if !text.starts_with('[') {
        return Err(format!("{path} is not an array"));
    }
    Ok(text)
}

fn shown_at(path: &FieldPath) -> String {
    if path.0.is_empty() {
        String::new()
    } else {
        format!(" at {path}")
    }
}

/// Which field of object pages holds the items.
#[derive(Debug, PartialEq, Eq)]
pub enum ItemsChoice {
    /// This one.
    Field(FieldPath),
    /// The first page has several array fields: the next page tells which one changes.
    Wait(Vec<String>),
    /// The page is not a JSON object, or has no array field: nothing to merge.
    Nothing,
    /// The pages have several array fields, and not just one of them changes.
    Unclear(Vec<String>),
}

/// Chooses the field to merge from the first object page and, when it has several array
/// fields, the second: the one array field of the first page, or the one whose value
/// changes between the two.
pub fn choose(first: &[u8], second: Option<&[u8]>) -> ItemsChoice {
    let Some(first) = std::str::from_utf8(first).ok().and_then(fields) else {
        return ItemsChoice::Nothing;
    };
    let arrays: Vec<&(String, &RawValue)> = first.iter().filter(|(_, v)| is_array(v)).collect();
    let names = || arrays.iter().map(|(name, _)| name.clone()).collect();
    match arrays.as_slice() {
        [] => return ItemsChoice::Nothing,
        [(name, _)] => return ItemsChoice::Field(FieldPath::top(name)),
        _ => {}
    }
    let Some(second) = second else {
        return ItemsChoice::Wait(names());
    };
    let Some(second) = std::str::from_utf8(second).ok().and_then(fields) else {
        return ItemsChoice::Unclear(names());
    };
    let changed: Vec<&String> = arrays
        .iter()
        .filter(|(name, value)| {
            let next = second.iter().rev().find(|(n, _)| n == name);
            next.is_some_and(|(_, next)| is_array(next) && next.get() != value.get())
        })
        .map(|(name, _)| name)
        .collect();
    match changed.as_slice() {
        [name] => ItemsChoice::Field(FieldPath::top(name)),
        _ => ItemsChoice::Unclear(names()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> FieldPath {
        FieldPath::parse(text).unwrap()
    }

    #[test]
    fn field_paths_are_keys_after_dots() {
        assert_eq!(path(".products").to_string(), ".products");
        assert_eq!(path(".data.items").to_string(), ".data.items");
        for bad in ["products", ".", ".a..b", ".a[]", ". a", ".a|b", ""] {
            assert!(FieldPath::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_array_is_found_as_written() {
        let page = br#"{"total": 3, "data": {"items": [1, 2.0e0, "x"]}, "next": null}"#;
        assert_eq!(
            array_at(page, &path(".data.items")),
            Ok(r#"[1, 2.0e0, "x"]"#)
        );
        assert_eq!(
            array_at(page, &path(".items")),
            Err("no field 'items' (it has: total, data, next)".to_string())
        );
        assert_eq!(
            array_at(page, &path(".total.x")),
            Err("its value is not a JSON object at .total".to_string())
        );
        assert_eq!(
            array_at(page, &path(".total")),
            Err(".total is not an array".to_string())
        );
        assert_eq!(
            array_at(b"[1]", &path(".items")),
            Err("the page is not a JSON object".to_string())
        );
    }

    #[test]
    fn the_one_array_field_or_the_one_that_changes() {
        let one = br#"{"page": 1, "products": [{"id": 1}]}"#;
        assert_eq!(choose(one, None), ItemsChoice::Field(path(".products")));
        let first = br#"{"tags": ["a"], "items": [1, 2], "page": 1}"#;
        let second = br#"{"tags": ["a"], "items": [3], "page": 2}"#;
        let names = vec!["tags".to_string(), "items".to_string()];
        assert_eq!(choose(first, None), ItemsChoice::Wait(names.clone()));
        assert_eq!(
            choose(first, Some(second)),
            ItemsChoice::Field(path(".items"))
        );
        let both = br#"{"tags": ["b"], "items": [3], "page": 2}"#;
        assert_eq!(
            choose(first, Some(both)),
            ItemsChoice::Unclear(names.clone())
        );
        assert_eq!(choose(first, Some(b"[1]")), ItemsChoice::Unclear(names));
        assert_eq!(choose(br#"{"page": 1}"#, None), ItemsChoice::Nothing);
        assert_eq!(choose(b"[1, 2]", None), ItemsChoice::Nothing);
        assert_eq!(choose(b"{\"a\": [1]} x", None), ItemsChoice::Nothing);
    }
}
