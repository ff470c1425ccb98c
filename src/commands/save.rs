//! Saved requests (SPEC §8): `hit save NAME ...` keeps a request in a profile, `hit @NAME`
//! runs it with more items and options layered on top, `{var}` filled from `--var`.

use std::collections::BTreeSet;
use std::ffi::OsString;

use anyhow::{Result, anyhow};

use crate::cli;
use crate::commands::profile::{self, SavedRequest, Store, check_name};
use crate::error::usage;
use crate::http::is_credential;
use crate::items::{HeaderEdit, Item, header_option};
use crate::settings::{positionals, split_positionals};

/// `hit save NAME [OPTIONS] [METHOD] URL [ITEM ...]`, checked and ready to store.
pub struct Save {
    name: String,
    profile: String,
    request: SavedRequest,
}

/// The words after `hit save`, when the command line starts with it.
pub fn save_requested() -> Option<Vec<OsString>> {
    cli::command_args("save").map(|args| args.into_iter().skip(1).collect())
}

/// Reads `hit save`'s words. A clap error is returned apart, for the usual usage report.
/// `None`: `hit save --help` was answered.
pub fn parse_save(words: Vec<OsString>) -> Result<Result<Option<Save>, clap::Error>> {
    let words = words
        .into_iter()
        .map(|w| {
            w.into_string()
                .map_err(|w| usage(format!("hit save keeps text, and {w:?} is not UTF-8")))
        })
        .collect::<Result<Vec<String>>>()?;
    if matches!(words.first().map(String::as_str), Some("--help" | "-h")) {
        crate::output::Console::plain().print(format!("{}\n", cli::help::SAVED_HELP).as_bytes())?;
        return Ok(Ok(None));
    }
    let store_secret = words.iter().any(|w| w == "--store-secret");
    let rest: Vec<String> = words
        .iter()
        .filter(|w| *w != "--store-secret")
        .cloned()
        .collect();
    // The name is the first positional word, so that options may come before it too.
    let argv = std::iter::once("hit".to_string()).chain(rest.iter().cloned());
    let parsed = match cli::parse_from(argv) {
        Ok(parsed) => parsed,
        Err(err) => return Ok(Err(err)),
    };
    let Some(name) = parsed.cli.args.first().cloned() else {
        return Err(usage(
            "hit save needs a name: hit save NAME [OPTIONS] [METHOD] URL [ITEM ...]",
        ));
    };
    check_name(&name).map_err(|_| {
        usage(format!(
            "'{name}' cannot name a saved request: use letters, digits, '-', '_' and '.'"
        ))
    })?;
    let mut cli = parsed.cli;
    cli.args.remove(0);
    let profile = cli
        .profile
        .profile
        .clone()
        .unwrap_or_else(|| profile::DEFAULT.to_string());
    check_name(&profile)?;
    // Checked before they are looked at for credentials, and named only as far as is safe.
    for raw in &cli.request.headers {
        header_option(raw).map_err(usage)?;
    }
    let request_words = positionals(&cli)?;
    check_credentials(&cli, &profile, store_secret)?;
    // Which words were positional (the name too), and which choose the profile or fill it.
    let name_and_positionals: Vec<String> = std::iter::once(name.clone())
        .chain(cli.args.iter().cloned())
        .collect();
    let positional = positions(&rest, &name_and_positionals);
    let mut left_out = own_options(&rest);
    // `--url`'s URL is the request's URL, kept as such.
    left_out.extend(option_words(&rest, &["--url"]));
    let options = rest
        .iter()
        .enumerate()
        .filter(|(i, _)| !positional.contains(i) && !left_out.contains(i))
        .map(|(_, w)| w.clone())
        .collect();
    let any_base = reqwest::Url::parse("http://base.invalid/").ok();
    let (method, url, items) = split_positionals(&request_words, any_base.as_ref())?;
    for item in &items {
        Item::parse(item).map_err(usage)?;
    }

    Ok(Ok(Some(Save {
        name,
        profile,
        request: SavedRequest {
            method,
            url,
            items,
            options,
        },
    })))
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

/// A literal credential is refused without `--store-secret`, and stored with a warning.
fn check_credentials(cli: &cli::Cli, profile: &str, store_secret: bool) -> Result<()> {
    let Some(what) = credential(cli) else {
        return Ok(());
    };
    if !store_secret {
        return Err(usage(format!(
            "the request carries a credential ({what}), which would be stored in plain text; \
             let the profile supply it (hit profile add NAME --bearer-env VAR, --header-env \
             'Name=VAR'), or add --store-secret to store it anyway"
        )));
    }
    crate::commands::profile::warn(&format!(
        "{what} is stored in plain text in profile '{profile}' (mode 0600)"
    ));
    Ok(())
}

/// The literal credential a request carries, if any: kept in a profile only with
/// `--store-secret`.
fn credential(cli: &cli::Cli) -> Option<String> {
    let header_items = cli.args.iter().filter_map(|raw| match Item::parse(raw) {
        Ok(Item::Header {
            name,
            edit: HeaderEdit::Set(_),
        }) => Some(name),
        _ => None,
    });
    let header_options = cli
        .request
        .headers
        .iter()
        .filter_map(|h| h.split_once(':').map(|(name, _)| name.trim().to_string()));
    if cli.auth.user.as_deref().is_some_and(|u| u.contains(':')) {
        Some("-u user:password".to_string())
    } else if cli.auth.bearer.is_some() {
        Some("--bearer".to_string())
    } else if cli.request.cookies.iter().any(|c| c.contains('=')) {
        Some("-b cookies".to_string())
    } else if cli
        .request
        .url
        .iter()
        .chain(&cli.args)
        .any(|a| url_password(a))
    {
        Some("a password in the URL".to_string())
    } else if cli.proxy.proxy_user.is_some() {
        Some("--proxy-user".to_string())
    } else if cli
        .proxy
        .proxy
        .as_deref()
        .is_some_and(|p| crate::http::secret::url_passwords(p) != p)
    {
        Some("a password in the proxy URL".to_string())
    } else {
        header_options
            .chain(header_items)
            .find(|name| is_credential(name))
            .map(|name| format!("the {name} header"))
    }
}

fn url_password(word: &str) -> bool {
    crate::http::normalize_url(word).is_ok_and(|url| url.password().is_some())
}

/// Stores the request, replacing one of the same name, keeping the rest of the file as the
/// user wrote it (comments included).
pub fn save(save: Save) -> Result<()> {
    let store = Store::open()?;
    let Save {
        name,
        profile,
        request,
    } = save;
    let _lock = store.lock()?;
    let text = if store.exists(&profile) {
        store.read_text(&profile)?.0
    } else if profile == profile::DEFAULT {
        format!("version = {}\n", profile::VERSION)
    } else {
        return Err(store.missing(&profile));
    };
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|err| anyhow!("{}: {err}", store.path(&profile).display()))?;
    let requests = document.entry("requests").or_insert_with(toml_edit::table);
    let entry = table(&request);
    // `[requests.NAME]` tables, or `requests = { NAME = {...} }` as someone may write it.
    let replaced = if let Some(requests) = requests.as_table_mut() {
        requests.set_implicit(true);
        requests
            .insert(&name, toml_edit::Item::Table(entry))
            .is_some()
    } else if let Some(requests) = requests.as_inline_table_mut() {
        let entry = toml_edit::Value::InlineTable(entry.into_inline_table());
        requests.insert(&name, entry).is_some()
    } else {
        return Err(anyhow!(
            "{}: 'requests' is not a table",
            store.path(&profile).display()
        ));
    };
    let text = document.to_string();
    let loaded = profile::parse(&text, &store.path(&profile))?;
    if loaded.base_url.is_none() && crate::http::normalize_url(&request.url).is_err() {
        crate::commands::profile::warn(&format!(
            "profile '{profile}' has no base_url to join '{}' to; give it one (hit profile \
             edit {profile}) or save a full URL",
            request.url
        ));
    }
    store.write_text(&profile, &text)?;
    let with_profile = if profile == profile::DEFAULT {
        String::new()
    } else {
        format!(" -P {profile}")
    };
    let verb = if replaced { "replaced" } else { "saved" };
    crate::commands::profile::note(&format!(
        "{verb} '{name}' in profile '{profile}'; hit{with_profile} @{name} runs it"
    ));
    Ok(())
}

fn table(request: &SavedRequest) -> toml_edit::Table {
    let mut table = toml_edit::Table::new();
    if let Some(method) = &request.method {
        table.insert("method", toml_edit::value(method.as_str()));
    }
    table.insert("url", toml_edit::value(request.url.as_str()));
    let array = |words: &[String]| toml_edit::value(words.iter().collect::<toml_edit::Array>());
    if !request.items.is_empty() {
        table.insert("items", array(&request.items));
    }
    if !request.options.is_empty() {
        table.insert("options", array(&request.options));
    }
    table
}

/// `hit @NAME [ITEM ...] [OPTIONS]` or `hit @PROFILE/NAME ...`: the full command line it
/// stands for, when the first positional word starts with `@`.
pub fn expand(args: &[OsString], parsed: &cli::Cli) -> Option<Result<Vec<OsString>>> {
    let first = parsed.args.first()?;
    let target = first.strip_prefix('@')?;
    let words: Vec<String> = args[1..]
        .iter()
        .map(|w| w.to_string_lossy().into_owned())
        .collect();
    let mut left_out = own_options(&words);
    // The user's own `--` stays: what follows it is theirs.
    if let Some(end) = words.iter().position(|w| w == "--") {
        left_out.remove(&end);
    }
    left_out.extend(positions(&words, std::slice::from_ref(first)));
    let rest = words
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !left_out.contains(i))
        .map(|(_, w)| w)
        .collect();
    let vars = parsed
        .profile
        .vars
        .iter()
        .map(|raw| var(raw))
        .collect::<Result<Vec<_>>>();
    let expanded =
        vars.and_then(|vars| expanded(target, parsed.profile.profile.clone(), &vars, rest));
    Some(expanded.map(|words| words.into_iter().map(OsString::from).collect()))
}

fn expanded(
    target: &str,
    chosen: Option<String>,
    vars: &[(String, String)],
    mut rest: Vec<String>,
) -> Result<Vec<String>> {
    let (profile_name, name) = match target.split_once('/') {
        Some((profile, name)) => (profile.to_string(), name),
        None => (
            chosen
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| profile::DEFAULT.to_string()),
            target,
        ),
    };
    check_name(&profile_name)?;
    let store = Store::open()?;
    let loaded = store.load(&profile_name)?;
    let Some(request) = loaded.requests.get(name) else {
        let known: Vec<&str> = loaded.requests.keys().map(String::as_str).collect();
        let known = if known.is_empty() {
            "it has none (hit save NAME URL keeps one)".to_string()
        } else {
            format!("it has: {}", known.join(", "))
        };
        return Err(usage(format!(
            "no saved request '{name}' in profile '{profile_name}'; {known}"
        )));
    };
    let filled = fill(request, vars)
        .map_err(|missing| usage(format!("saved request '{name}' needs {missing}")))?;
    let mut words = vec!["hit".to_string()];
    words.extend(filled.options);
    words.extend(filled.method);
    words.push(filled.url);
    words.extend(filled.items);
    // The profile goes before any `--`, so that it stays an option.
    let end = rest.iter().position(|w| w == "--").unwrap_or(rest.len());
    rest.splice(end..end, ["--profile".to_string(), profile_name]);
    words.extend(rest);
    Ok(words)
}

fn var(raw: &str) -> Result<(String, String)> {
    match raw.split_once('=') {
        Some((name, value)) if is_var_name(name) => Ok((name.to_string(), value.to_string())),
        _ => Err(usage(format!(
            "bad --var '{raw}': expected NAME=VALUE (NAME: letters, digits, '_' and '-')"
        ))),
    }
}

fn is_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The request with every `{NAME}` replaced; `Err` lists the `--var`s it lacks.
fn fill(request: &SavedRequest, vars: &[(String, String)]) -> Result<SavedRequest, String> {
    let mut missing = BTreeSet::new();
    let mut made_options = BTreeSet::new();
    let mut one = |text: &str| {
        let filled = placeholders(text, vars, &mut missing);
        // A value must not turn a word into an option (`--var path=--output=x`).
        if filled.starts_with('-') && !text.starts_with('-') {
            made_options.insert(text.to_string());
        }
        filled
    };
    let filled = SavedRequest {
        method: request.method.as_deref().map(&mut one),
        url: one(&request.url),
        items: request.items.iter().map(|w| one(w)).collect(),
        options: request.options.iter().map(|w| one(w)).collect(),
    };
    if let Some(word) = made_options.first() {
        return Err(format!(
            "a value that does not start with '-' in '{word}': a --var cannot turn a word into \
             an option"
        ));
    }
    if missing.is_empty() {
        return Ok(filled);
    }
    Err(missing
        .iter()
        .map(|name| format!("--var {name}=VALUE"))
        .collect::<Vec<_>>()
        .join(" "))
}

/// `{NAME}` → its value. Braces around anything that is not a name (`{"a":1}`) are text.
fn placeholders(text: &str, vars: &[(String, String)], missing: &mut BTreeSet<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| &after[..close]) {
            Some(name) if is_var_name(name) => {
                // The last --var of a name wins, as with any option.
                match vars.iter().rev().find(|(n, _)| n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        missing.insert(name.to_string());
                    }
                }
                rest = &after[name.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

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
    fn placeholders_are_names_in_braces() {
        let mut missing = BTreeSet::new();
        let given = vars(&[("owner", "rust-lang"), ("n", "1"), ("n", "2")]);
        let filled = placeholders("/repos/{owner}/{repo}/{n}", &given, &mut missing);
        assert_eq!(filled, "/repos/rust-lang//2");
        assert_eq!(missing.into_iter().collect::<Vec<_>>(), ["repo"]);
        let mut none = BTreeSet::new();
        let json = r#"data:={"a":{"b":1}} {} { x } {"#;
        assert_eq!(placeholders(json, &[], &mut none), json);
        assert!(none.is_empty());
    }
}
