//! Saved requests (SPEC §8): `hit save NAME ...` keeps a request in a profile, `hit @NAME`
//! runs it with more items and options layered on top, `{var}` filled from `--var`.

use std::collections::BTreeSet;

use anyhow::{Result, anyhow};

use crate::cli::{self, SaveArgs};
use crate::commands::profile::{self, SavedRequest, Store, check_name};
use crate::error::usage;
use crate::http::is_credential;
use crate::items::{HeaderEdit, Item, header_option};
use crate::settings::{positionals, split_positionals};

/// `hit save NAME [OPTIONS] [METHOD] URL [ITEM ...]`, checked and ready to store.
struct Save {
    name: String,
    profile: String,
    request: SavedRequest,
}

/// `hit save --help`.
pub fn help() -> Result<()> {
    crate::output::Console::plain().print(format!("{}\n", cli::help::SAVED_HELP).as_bytes())
}

/// `hit save NAME ...`: the request checked, then stored.
pub fn run(args: SaveArgs) -> Result<()> {
    save(check(args)?)
}

/// The request `hit save` read, checked and ready to store.
fn check(args: SaveArgs) -> Result<Save> {
    let SaveArgs {
        name,
        cli,
        options,
        store_secret,
    } = args;
    check_name(&name).map_err(|_| {
        usage(format!(
            "'{name}' cannot name a saved request: use letters, digits, '-', '_' and '.'"
        ))
    })?;
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
    let any_base = reqwest::Url::parse("http://base.invalid/").ok();
    let (method, url, items) = split_positionals(&request_words, any_base.as_ref())?;
    for item in &items {
        Item::parse(item).map_err(usage)?;
    }
    Ok(Save {
        name,
        profile,
        request: SavedRequest {
            method,
            url,
            items,
            options,
        },
    })
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
fn save(save: Save) -> Result<()> {
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

/// `hit @NAME` or `hit @PROFILE/NAME` (`target`): the saved request, filled in with the
/// `--var`s, from the profile named in it, else the one `-P` chose, else `default`.
pub fn lookup(target: &str, chosen: Option<String>, vars: &[String]) -> Result<cli::Found> {
    let vars = vars
        .iter()
        .map(|raw| var(raw))
        .collect::<Result<Vec<_>>>()?;
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
    let has_openapi = |name: &str| {
        check_name(name).is_ok()
            && store.exists(name)
            && store.load(name).is_ok_and(|p| p.openapi.is_some())
    };
    // `hit @NAME`: a saved request NAME of the active profile wins over profile NAME's
    // operations.
    let plain = !target.contains('/');
    let loaded = match store.load(&profile_name) {
        Err(_) if plain && has_openapi(target) => {
            return Ok(cli::Found::Operations {
                profile: target.to_string(),
            });
        }
        loaded => loaded?,
    };
    if plain && !loaded.requests.contains_key(name) && has_openapi(target) {
        return Ok(cli::Found::Operations {
            profile: target.to_string(),
        });
    }
    let Some(request) = loaded.requests.get(name) else {
        if let Some(words) = super::operation::words(&store, &profile_name, &loaded, name)? {
            return Ok(cli::Found::Saved(words));
        }
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
    let filled = fill(request, &vars)
        .map_err(|missing| usage(format!("saved request '{name}' needs {missing}")))?;
    let mut positionals: Vec<String> = filled.method.into_iter().collect();
    positionals.push(filled.url);
    positionals.extend(filled.items);
    Ok(cli::Found::Saved(cli::SavedRequestWords {
        profile: profile_name,
        options: filled.options,
        positionals,
        operation: None,
    }))
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
