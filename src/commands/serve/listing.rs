//! Listing a resource: filters (`category==shoes`, `q==`), sorting (`sort==-price`),
//! pagination by page or by offset, `X-Total-Count`, and a `Link` header with `first`,
//! `prev`, `next` and `last` (RFC 8288) that keeps the client's other parameters.

use std::cmp::Ordering;

use hyper::Response;
use hyper::header;
use serde_json::{Map, Value};

use super::exchange::{Body, Req, Step, append, json_bytes, problem, set};
use super::resources::conditional_get;
use super::store::{Kind, Record};

const DEFAULT_SIZE: usize = 10;
const MAX_SIZE: usize = 100;
const SIZE_NAMES: [&str; 4] = ["pageSize", "limit", "page_size", "per_page"];
const RESERVED: [&str; 8] = [
    "page",
    "pageSize",
    "limit",
    "page_size",
    "per_page",
    "offset",
    "sort",
    "q",
];

/// Which slice of the list the client asked for.
enum Page {
    Numbered { page: usize, size: usize },
    Offset { offset: usize, limit: usize },
}

impl Page {
    fn from_query(req: &Req) -> Step<Page> {
        let size_param = SIZE_NAMES
            .into_iter()
            .find(|name| req.param(name).is_some());
        let size = match size_param {
            Some(name) => number(req, name, 1, MAX_SIZE)?,
            None => DEFAULT_SIZE,
        };
        if req.param("offset").is_some() {
            let offset = number(req, "offset", 0, usize::MAX)?;
            return Ok(Page::Offset {
                offset,
                limit: size,
            });
        }
        let page = match req.param("page") {
            Some(_) => number(req, "page", 1, usize::MAX)?,
            None => 1,
        };
        Ok(Page::Numbered { page, size })
    }

    fn size(&self) -> usize {
        match self {
            Page::Numbered { size, .. } => *size,
            Page::Offset { limit, .. } => *limit,
        }
    }

    fn start(&self) -> usize {
        match self {
            Page::Numbered { page, size } => (page - 1).saturating_mul(*size),
            Page::Offset { offset, .. } => *offset,
        }
    }
}

fn number(req: &Req, name: &str, min: usize, max: usize) -> Step<usize> {
    let text = req.param(name).unwrap_or_default();
    match text.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => {
            let range = if max == usize::MAX {
                format!("a whole number of at least {min}")
            } else {
                format!("a whole number from {min} to {max}")
            };
            let detail = format!("the query parameter {name} must be {range}, not '{text}'");
            Err(Box::new(problem(400, &detail)))
        }
    }
}

/// The list answer: `{"products": [...], "page": 1, "pageSize": 10, "total": 64, ...}`.
pub fn list(req: &Req, kind: Kind, records: &[&Record]) -> Response<Body> {
    let page = match Page::from_query(req) {
        Ok(page) => page,
        Err(refusal) => return *refusal,
    };
    // A parameter filters when some record has that field; the others are left alone.
    let filters: Vec<&(String, String)> = req
        .query
        .iter()
        .filter(|(key, _)| key == "q" || !RESERVED.contains(&key.as_str()))
        .filter(|(key, _)| key == "q" || records.iter().any(|r| r.contains_key(key)))
        .collect();
    let mut chosen: Vec<&Record> = records
        .iter()
        .copied()
        .filter(|record| matches(&filters, record))
        .collect();
    if let Err(refusal) = sort(req, &mut chosen) {
        return *refusal;
    }
    let total = chosen.len();
    let items: Vec<Value> = chosen
        .iter()
        .skip(page.start())
        .take(page.size())
        .map(|record| Value::Object((*record).clone()))
        .collect();
    let mut envelope = Map::new();
    envelope.insert(kind.plural().into(), Value::Array(items));
    let pages = total.div_ceil(page.size()).max(1);
    match page {
        Page::Numbered { page, size } => {
            envelope.insert("page".into(), page.into());
            envelope.insert("pageSize".into(), size.into());
            envelope.insert("total".into(), total.into());
            envelope.insert("totalPages".into(), pages.into());
        }
        Page::Offset { offset, limit } => {
            envelope.insert("offset".into(), offset.into());
            envelope.insert("limit".into(), limit.into());
            envelope.insert("total".into(), total.into());
        }
    }
    let mut response = conditional_get(req, json_bytes(&Value::Object(envelope)));
    set(&mut response, "x-total-count", &total.to_string());
    for (rel, target) in links(&page, total) {
        let link = format!("<{}>; rel=\"{rel}\"", page_url(req, &page, target));
        append(&mut response, header::LINK, &link);
    }
    response
}

/// The pages (or offsets) that `first`, `prev`, `next` and `last` point at.
fn links(page: &Page, total: usize) -> Vec<(&'static str, usize)> {
    let size = page.size();
    let mut links = Vec::new();
    match *page {
        Page::Numbered { page, .. } => {
            let last = total.div_ceil(size).max(1);
            links.push(("first", 1));
            if page > 1 {
                links.push(("prev", (page - 1).min(last)));
            }
            if page < last {
                links.push(("next", page + 1));
            }
            links.push(("last", last));
        }
        Page::Offset { offset, .. } => {
            let last = total.saturating_sub(1) / size * size;
            links.push(("first", 0));
            if offset > 0 {
                links.push(("prev", offset.saturating_sub(size).min(last)));
            }
            if offset.saturating_add(size) < total {
                links.push(("next", offset.saturating_add(size)));
            }
            links.push(("last", last));
        }
    }
    links
}

/// The request's own URL with the page (or offset) replaced.
fn page_url(req: &Req, page: &Page, target: usize) -> String {
    let name = match page {
        Page::Numbered { .. } => "page",
        Page::Offset { .. } => "offset",
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    let mut replaced = false;
    for (key, value) in &req.query {
        if key == name {
            if !replaced {
                query.append_pair(key, &target.to_string());
                replaced = true;
            }
        } else {
            query.append_pair(key, value);
        }
    }
    if !replaced {
        query.append_pair(name, &target.to_string());
    }
    format!("{}{}?{}", req.origin(), req.link(&req.path), query.finish())
}

/// Field filters (`category==shoes`, case-insensitive; a record without the field does not
/// match) and `q==` (every word somewhere in the record's text).
fn matches(filters: &[&(String, String)], record: &Record) -> bool {
    filters.iter().all(|(key, wanted)| {
        if key == "q" {
            return search_matches(record, wanted);
        }
        match record.get(key) {
            Some(Value::String(text)) => text.eq_ignore_ascii_case(wanted),
            Some(Value::Number(n)) => wanted.parse::<f64>().ok() == n.as_f64(),
            Some(Value::Bool(b)) => wanted.eq_ignore_ascii_case(&b.to_string()),
            _ => false,
        }
    })
}

/// Whether every word of `query` appears in the record's text fields.
pub fn search_matches(record: &Record, query: &str) -> bool {
    let text: String = record
        .values()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    query
        .split_whitespace()
        .all(|word| text.contains(&word.to_lowercase()))
}

/// `sort==name`, `sort==-price`, `sort==category,-price`: stable, missing values last.
fn sort(req: &Req, records: &mut [&Record]) -> Step<()> {
    let Some(spec) = req.param("sort") else {
        return Ok(());
    };
    let mut keys = Vec::new();
    for key in spec.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let (field, descending) = match key.strip_prefix('-') {
            Some(field) => (field, true),
            None => (key, false),
        };
        if !records.iter().any(|record| record.contains_key(field)) && !records.is_empty() {
            let mut fields: Vec<&str> = Vec::new();
            for name in records.iter().flat_map(|record| record.keys()) {
                if !fields.contains(&name.as_str()) {
                    fields.push(name);
                }
            }
            let detail = format!(
                "cannot sort by '{field}'; sort by one of {} (a leading - sorts descending)",
                fields.join(", ")
            );
            return Err(Box::new(problem(400, &detail)));
        }
        keys.push((field, descending));
    }
    records.sort_by(|a, b| {
        keys.iter()
            .map(|(field, descending)| {
                let order = compare(a.get(*field), b.get(*field));
                if *descending && a.contains_key(*field) && b.contains_key(*field) {
                    order.reverse()
                } else {
                    order
                }
            })
            .find(|order| order.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    Ok(())
}

fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a, b) {
        (Some(Value::Number(a)), Some(Value::Number(b))) => {
            let (a, b) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
            a.total_cmp(&b)
        }
        (Some(Value::String(a)), Some(Value::String(b))) => a.to_lowercase().cmp(&b.to_lowercase()),
        (Some(a), Some(b)) => a.to_string().cmp(&b.to_string()),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_cover_the_pages_around_the_current_one() {
        let page = Page::Numbered { page: 2, size: 10 };
        assert_eq!(
            links(&page, 25),
            [("first", 1), ("prev", 1), ("next", 3), ("last", 3)]
        );
        let first = Page::Numbered { page: 1, size: 10 };
        assert_eq!(links(&first, 0), [("first", 1), ("last", 1)]);
        let offset = Page::Offset {
            offset: 20,
            limit: 10,
        };
        assert_eq!(
            links(&offset, 64),
            [("first", 0), ("prev", 10), ("next", 30), ("last", 60)]
        );
    }
}
