//! `hit @NAME`, NAME a profile with an OpenAPI document: its operations, grouped by tag in
//! the document's order, one aligned line each, so that a newcomer finds what to call
//! without reading the document.

use std::fmt::Write as _;

use anyhow::Result;

use crate::cli::ColorWhen;
use crate::openapi::profile::named;
use crate::openapi::{Api, Entry};
use crate::output::{Console, Palette, neutralised};

/// Prints the operations of profile `name`'s document.
pub fn list(name: &str, color: ColorWhen) -> Result<()> {
    let (_, loaded) = named(name)?;
    let console = Console::listing(crate::settings::use_color(
        color,
        Console::terminal().stdout,
    ));
    let text = render(name, &loaded.api, console.palette().as_ref());
    console.print(text.as_bytes())
}

/// The tags in the document's order (declared ones first, then the others as operations
/// use them), each with its operations; an operation is listed under its first tag, the
/// untagged ones last.
fn groups(api: &Api) -> Vec<(Option<&str>, Vec<&Entry>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Entry>)> = (api.tags.iter())
        .map(|(tag, _)| (Some(tag.as_str()), Vec::new()))
        .collect();
    let mut untagged = Vec::new();
    for entry in &api.operations {
        let Some(tag) = entry.tags.first() else {
            untagged.push(entry);
            continue;
        };
        match groups.iter_mut().find(|(t, _)| *t == Some(tag.as_str())) {
            Some((_, entries)) => entries.push(entry),
            None => groups.push((Some(tag.as_str()), vec![entry])),
        }
    }
    groups.retain(|(_, entries)| !entries.is_empty());
    if !untagged.is_empty() {
        groups.push((None, untagged));
    }
    groups
}

/// The listing: a header line, then each tag and its operations in aligned columns.
pub fn render(name: &str, api: &Api, palette: Option<&Palette>) -> String {
    let paint = |codes: Option<&(String, String)>, text: &str| match codes {
        Some((on, off)) => format!("{on}{text}{off}"),
        None => text.to_string(),
    };
    let count = api.operations.len();
    let dialect = api.openapi_version();
    let mut text = String::new();
    let title = neutralised(&format!("{} {}", api.title, api.api_version));
    let _ = writeln!(
        text,
        "{}: {count} operation{} (OpenAPI {dialect}); hit explain @{name}/OPERATION describes one",
        paint(palette.map(|p| &p.title), title.trim()),
        if count == 1 { "" } else { "s" },
    );
    let method_width = (api.operations.iter())
        .map(|e| e.method.len())
        .max()
        .unwrap_or(0);
    for (tag, entries) in groups(api) {
        // Aligned within a tag: one long path elsewhere does not widen every line.
        let width = |of: fn(&Entry) -> usize| entries.iter().map(|e| of(e)).max().unwrap_or(0);
        let name_width = width(|e| e.name.chars().count());
        let path_width = width(|e| e.path.chars().count());
        let heading = match tag {
            Some(tag) => {
                let about = api.tags.iter().find(|(t, _)| t == tag);
                match about.and_then(|(_, d)| d.as_deref()).map(first_line) {
                    Some(about) if !about.is_empty() => format!("{tag}  {about}"),
                    _ => tag.to_string(),
                }
            }
            None => "(untagged)".to_string(),
        };
        let _ = writeln!(
            text,
            "\n{}",
            paint(palette.map(|p| &p.title), &neutralised(&heading))
        );
        for entry in entries {
            let summary = entry.summary.as_deref().map(first_line).unwrap_or_default();
            let mut line = format!(
                "  {}  {}  {}",
                paint(
                    palette.map(|p| &p.key),
                    &pad(&neutralised(&entry.name), name_width)
                ),
                paint(
                    palette.map(|p| &p.method),
                    &pad(&entry.method, method_width)
                ),
                pad(&neutralised(&entry.path), path_width),
            );
            if !summary.is_empty() {
                line.push_str("  ");
                line.push_str(&neutralised(summary));
            }
            if entry.deprecated {
                line.push_str("  ");
                line.push_str(&paint(palette.map(|p| &p.notice), "(deprecated)"));
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
    }
    text
}

fn pad(text: &str, width: usize) -> String {
    format!("{text:width$}")
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default().trim()
}
