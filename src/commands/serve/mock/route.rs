//! Which documented path a request's path is: templates matched segment by segment, a
//! literal segment beating a parameter (`/pets/mine` is `/pets/mine`, not `/pets/{id}`).

use crate::openapi::{Entry, paths};

/// The document's paths, each with its operations.
pub struct Routes {
    templates: Vec<Template>,
}

struct Template {
    path: String,
    /// `paths::rank` of the path: which of two matching templates wins.
    rank: Vec<u8>,
    /// Indexes of the operations on this path, in the document's order.
    operations: Vec<usize>,
}

/// A path matched: its template, its operations and the path parameters' values (decoded).
pub struct Found<'r> {
    pub path: &'r str,
    pub operations: &'r [usize],
    pub values: Vec<(String, String)>,
}

impl Routes {
    pub fn new(operations: &[Entry]) -> Routes {
        let mut templates: Vec<Template> = Vec::new();
        for (index, op) in operations.iter().enumerate() {
            match templates.iter_mut().find(|t| t.path == op.path) {
                Some(template) => template.operations.push(index),
                None => templates.push(Template {
                    path: op.path.clone(),
                    rank: paths::rank(&op.path),
                    operations: vec![index],
                }),
            }
        }
        Routes { templates }
    }

    /// The best template `path` (raw, as sent, without the server's base path) matches.
    pub fn find(&self, path: &str) -> Option<Found<'_>> {
        let (template, values) = self
            .templates
            .iter()
            .filter_map(|t| Some((t, paths::matches(&t.path, path)?)))
            .reduce(|best, next| {
                if next.0.rank > best.0.rank {
                    next
                } else {
                    best
                }
            })?;
        Some(Found {
            path: &template.path,
            operations: &template.operations,
            values,
        })
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.templates.iter().map(|t| t.path.as_str())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn routes(paths: &[&str]) -> Routes {
        let operations: Vec<Entry> = paths
            .iter()
            .map(|path| {
                serde_json::from_value(json!({
                    "name": path, "method": "GET", "path": path
                }))
                .expect("well formed")
            })
            .collect();
        Routes::new(&operations)
    }

    fn found(routes: &Routes, path: &str) -> Option<(String, Vec<(String, String)>)> {
        let found = routes.find(path)?;
        Some((found.path.to_owned(), found.values))
    }

    fn pair(name: &str, value: &str) -> Vec<(String, String)> {
        vec![(name.to_owned(), value.to_owned())]
    }

    #[test]
    fn a_literal_segment_beats_a_parameter_whatever_the_order() {
        let routes = routes(&["/pets/{id}", "/pets/mine", "/", "/files/{name}.{ext}"]);
        assert_eq!(
            found(&routes, "/pets/mine"),
            Some(("/pets/mine".into(), vec![]))
        );
        assert_eq!(
            found(&routes, "/pets/42/"),
            Some(("/pets/{id}".into(), pair("id", "42")))
        );
        assert_eq!(found(&routes, "/"), Some(("/".into(), vec![])));
        assert_eq!(found(&routes, ""), Some(("/".into(), vec![])));
        assert_eq!(
            found(&routes, "/files/a.b.txt").map(|f| f.1),
            Some(vec![
                ("name".to_owned(), "a".to_owned()),
                ("ext".to_owned(), "b.txt".to_owned())
            ])
        );
        assert_eq!(found(&routes, "/pets"), None);
        assert_eq!(found(&routes, "/pets/1/2"), None);
    }

    #[test]
    fn values_are_decoded_and_literals_are_not_patterns() {
        let routes = routes(&["/a.b/{x}"]);
        assert_eq!(
            found(&routes, "/a.b/caf%C3%A9%20au%2Flait"),
            Some(("/a.b/{x}".into(), pair("x", "café au/lait")))
        );
        assert_eq!(found(&routes, "/aXb/1"), None);
        let repeated = self::tests::routes(&["/a/{id}/b/{id}"]);
        assert_eq!(
            found(&repeated, "/a/1/b/1"),
            Some(("/a/{id}/b/{id}".into(), pair("id", "1")))
        );
        assert_eq!(found(&repeated, "/a/1/b/2").map(|f| f.1.len()), Some(2));
    }

    #[test]
    fn operations_on_one_path_share_its_route() {
        let mut routes = routes(&["/pets", "/pets"]);
        assert_eq!(
            routes.find("/pets").map(|f| f.operations.to_vec()),
            Some(vec![0, 1])
        );
        routes.templates.clear();
        assert!(routes.find("/pets").is_none());
    }
}
