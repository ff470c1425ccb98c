//! `hit save NAME [OPTIONS] [METHOD] URL [ITEM ...]` as read: the request's command line,
//! its name, and the option words to keep as they were written.

use std::collections::BTreeSet;
use std::ffi::OsString;

use super::invocation::{Refused, top_level};
use super::{Cli, parse_from};
use crate::error::usage;

/// `hit save`'s words, read.
#[derive(Debug)]
pub struct SaveArgs {
    /// What the request is saved as: the first positional word.
    pub name: String,
    /// The request's command line, without the name.
    pub cli: Cli,
    /// The option words to keep, as written: not `-P`/`--profile` and `--var` (where the
    /// request is kept and what fills it when it runs), `--url` (its URL is the request's),
    /// `--store-secret` or a `--`.
    pub options: Vec<String>,
    /// `--store-secret`: keep a literal credential.
    pub store_secret: bool,
}

/// Reads the words after `hit save`. `None`: `hit save --help`.
pub fn read(words: &[OsString]) -> Result<Option<SaveArgs>, Refused> {
    let words = words
        .iter()
        .map(|w| {
            w.clone().into_string().map_err(|w| {
                Refused::Error(usage(format!(
                    "hit save keeps text, and {w:?} is not UTF-8"
                )))
            })
        })
        .collect::<Result<Vec<String>, Refused>>()?;
    if matches!(words.first().map(String::as_str), Some("--help" | "-h")) {
        return Ok(None);
    }
    let store_secret = words.iter().any(|w| w == "--store-secret");
    let rest: Vec<String> = words
        .into_iter()
        .filter(|w| w != "--store-secret")
        .collect();
    // The name is the first positional word, so that options may come before it too.
    let argv = std::iter::once("hit".to_string()).chain(rest.iter().cloned());
    let mut cli = parse_from(argv).map_err(top_level)?.cli;
    if cli.args.is_empty() {
        return Err(Refused::Error(usage(
            "hit save needs a name: hit save NAME [OPTIONS] [METHOD] URL [ITEM ...]",
        )));
    }
    // Which words were positional (the name too), and which choose the profile or fill it.
    let positional = positions(&rest, &cli.args);
    let name = cli.args.remove(0);
    let mut left_out = own_options(&rest);
    left_out.extend(option_words(&rest, &["--url"]));
    let options = rest
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !positional.contains(i) && !left_out.contains(i))
        .map(|(_, w)| w)
        .collect();
    Ok(Some(SaveArgs {
        name,
        cli,
        options,
        store_secret,
    }))
}

/// Where `values` stand in `words`, matched in order: clap keeps positional values as the
/// words they were (its own indices count `--opt=value` as two).
fn positions(words: &[String], values: &[String]) -> BTreeSet<usize> {
    let mut found = BTreeSet::new();
    let mut values = values.iter().peekable();
    let mut options_end = false;
    for (i, word) in words.iter().enumerate() {
        // Before `--`, a word starting with '-' is an option, whatever its text.
        if word == "--" && !options_end {
            options_end = true;
            continue;
        }
        let option = !options_end && word.starts_with('-') && word != "-";
        if !option && values.peek() == Some(&word) {
            found.insert(i);
            values.next();
        }
    }
    found
}

/// The words of `-P`/`--profile` and `--var` (`-P NAME`, `-PNAME`, `--profile=NAME`, ...):
/// they choose where the request is kept and fill it when it runs, so they are not part of
/// it; nor is a `--`, since a saved request's options and positional words are kept apart.
fn own_options(words: &[String]) -> BTreeSet<usize> {
    let mut left_out = option_words(words, &["-P", "--profile", "--var"]);
    // The words after it are positional wherever they go.
    left_out.extend(words.iter().position(|w| w == "--"));
    left_out
}

/// Where the options `names` and their values stand in `words`, before any `--`: `-P NAME`,
/// `-PNAME`, `--var NAME=V`, `--var=NAME=V`.
fn option_words(words: &[String], names: &[&str]) -> BTreeSet<usize> {
    let mut found = BTreeSet::new();
    let end = words.iter().position(|w| w == "--").unwrap_or(words.len());
    let mut i = 0;
    while i < end {
        let word = words[i].as_str();
        if names.contains(&word) {
            found.extend([i, i + 1]);
            i += 1;
        } else if names.iter().any(|name| match name.strip_prefix("--") {
            Some(_) => word.strip_prefix(name).is_some_and(|v| v.starts_with('=')),
            None => word.starts_with(name) && word.len() > name.len(),
        }) {
            found.insert(i);
        }
        i += 1;
    }
    found.retain(|&i| i < end);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(all: &[&str]) -> Vec<String> {
        all.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn the_profile_and_vars_are_not_part_of_a_request() {
        let all = words(&[
            "-Pgh",
            "--retry=2",
            "--var",
            "a=1",
            "x",
            "--profile=gh",
            "-P",
            "gh",
            "--var=b=2",
            "--",
            "-P",
        ]);
        let left: Vec<usize> = own_options(&all).into_iter().collect();
        assert_eq!(left, [0, 2, 3, 5, 6, 7, 8, 9]);
        assert_eq!(
            positions(&all, &words(&["x", "-P"]))
                .into_iter()
                .collect::<Vec<_>>(),
            [4, 10]
        );
    }

    #[test]
    fn the_options_are_kept_as_written() {
        let given = words(&[
            "-P",
            "shop",
            "order",
            "POST",
            "/o",
            "-H",
            "X-A: 1",
            "--retry=1",
        ]);
        let read = read(&given.into_iter().map(OsString::from).collect::<Vec<_>>());
        let Ok(Some(save)) = read else {
            panic!("not read");
        };
        assert_eq!(save.name, "order");
        assert_eq!(save.cli.args, ["POST", "/o"]);
        assert_eq!(save.options, ["-H", "X-A: 1", "--retry=1"]);
    }
}
