//! Data-driven runs: `hit run --data rows.csv FILE` or `# @data rows.csv` in the file. The
//! CSV's header row names the variables; the file runs once per row with that row's values,
//! which win over the file's and the environment's variables (not over `--env-var`'s).

use std::path::Path;

use anyhow::Result;

use super::parse::is_name_char;
use crate::error::{self, usage};

/// One row of a data file: its label for output and reports (`row 3: user=ann`, from the
/// row's number and its first column) and its values, by the header's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub values: Vec<(String, String)>,
}

/// The rows of the CSV file at `path` (`shown` names it in messages). Every row is read
/// before anything is sent: an unreadable file, a CSV that does not parse, a header that is
/// not variable names, a row with fewer or more fields than the header, or no row at all
/// is a usage error naming the file and its line.
pub fn rows(path: &Path, shown: &str) -> Result<Vec<Row>> {
    let bytes = std::fs::read(path).map_err(|err| usage(error::cannot_read(shown, &err)))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let at = |line: u64, why: String| usage(format!("{shown}:{line}: {why}"));
    let names: Vec<String> = reader
        .headers()
        .map_err(|err| at(1, csv_reason(&err)))?
        .iter()
        .map(str::to_string)
        .collect();
    if let Some(bad) = names
        .iter()
        .find(|n| n.is_empty() || !n.chars().all(is_name_char))
    {
        return Err(at(
            1,
            format!("'{bad}' is not a variable name; the first row names the columns"),
        ));
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|err| {
            let line = err.position().map_or(0, |p| p.line());
            at(line, csv_reason(&err))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let number = index + 1;
        if record.len() != names.len() {
            let (fields, wanted) = (record.len(), names.len());
            let which = if fields < wanted {
                format!("no value for '{}'", names[fields])
            } else {
                "more values than columns".to_string()
            };
            return Err(at(
                line,
                format!(
                    "row {number} has {fields} of the {wanted} columns ({}): {which}",
                    names.join(", ")
                ),
            ));
        }
        let values: Vec<(String, String)> = names
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        let label = match values.first() {
            Some((name, value)) => format!("row {number}: {name}={value}"),
            None => format!("row {number}"),
        };
        rows.push(Row { label, values });
    }
    if rows.is_empty() {
        return Err(usage(format!(
            "{shown}: no rows after the header; each row is one run of the file"
        )));
    }
    Ok(rows)
}

/// The csv crate's words, without the position it also gives (the line says it).
fn csv_reason(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
        csv::ErrorKind::Io(err) => err.to_string(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Row>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.csv");
        std::fs::write(&path, text).unwrap();
        rows(&path, "rows.csv")
    }

    #[test]
    fn rows_are_named_by_the_header() {
        let rows = read("user, role\nann, admin\n\"bob, jr\",user\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].label, "row 1: user=ann");
        assert_eq!(
            rows[1].values,
            [
                ("user".into(), "bob, jr".into()),
                ("role".into(), "user".into())
            ]
        );
    }

    #[test]
    fn bad_rows_are_named() {
        let short = read("user,role\nann,admin\nbob\n").unwrap_err().to_string();
        assert_eq!(
            short,
            "rows.csv:3: row 2 has 1 of the 2 columns (user, role): no value for 'role'"
        );
        let long = read("user\nann,x\n").unwrap_err().to_string();
        assert!(
            long.starts_with("rows.csv:2: row 1 has 2 of the 1 columns"),
            "{long}"
        );
        let header = read("user name\nann\n").unwrap_err().to_string();
        assert!(
            header.starts_with("rows.csv:1: 'user name' is not"),
            "{header}"
        );
        let empty = read("user\n").unwrap_err().to_string();
        assert!(empty.starts_with("rows.csv: no rows"), "{empty}");
        let missing = rows(Path::new("/nonexistent/rows.csv"), "rows.csv").unwrap_err();
        assert!(missing.to_string().starts_with("cannot read 'rows.csv'"));
    }
}
