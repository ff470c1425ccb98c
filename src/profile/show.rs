//! `hit profile show`: a profile as it applies, its secrets hidden, and its saved requests.

use std::path::Path;

use super::model::{Profile, SavedRequest};

const HIDDEN: &str = "••••";

/// The profile as TOML, then one line per saved request.
pub fn render(name: &str, profile: &Profile, path: &Path, show_secrets: bool) -> String {
    let mut shown = profile.clone();
    let requests = std::mem::take(&mut shown.requests);
    if !show_secrets && let Some(auth) = &mut shown.auth {
        for literal in [&mut auth.token, &mut auth.password] {
            if literal.is_some() {
                *literal = Some(HIDDEN.to_string());
            }
        }
    }
    let mut text = format!("# profile '{name}': {}\n", path.display());
    if let Some(base) = &profile.extends {
        text.push_str(&format!("# with what it inherits from '{base}'\n"));
    }
    text.push_str(&toml::to_string_pretty(&shown).unwrap_or_default());
    if requests.is_empty() {
        text.push_str(&format!(
            "\n# no saved requests (hit save NAME -P {name} [METHOD] URL [ITEM ...] adds one)\n"
        ));
        return text;
    }
    text.push_str("\n# saved requests (hit @NAME runs one)\n");
    let width = requests.keys().map(String::len).max().unwrap_or(0);
    for (request_name, request) in &requests {
        let line = summary(request, show_secrets);
        text.push_str(&format!("{request_name:width$}  {line}\n"));
    }
    text
}

/// `POST /repos/{owner}/issues title={title} --retry 3`, with any credential stored by
/// `hit save --store-secret` hidden unless `show_secrets`.
pub fn summary(request: &SavedRequest, show_secrets: bool) -> String {
    let method = request.method.clone().unwrap_or_else(|| {
        let has_data = request.items.iter().any(|raw| {
            matches!(
                crate::items::Item::parse(raw),
                Ok(crate::items::Item::Field(_) | crate::items::Item::File { .. })
            )
        });
        let option = |prefixes: &[&str]| {
            request
                .options
                .iter()
                .any(|o| prefixes.iter().any(|p| o.starts_with(p)))
        };
        if option(&["-T", "--upload-file"]) {
            "PUT".to_string()
        } else if (has_data || option(&["-d", "--data", "--json", "-F", "--form"]))
            && !option(&["-G", "--get"])
        {
            "POST".to_string()
        } else {
            "GET".to_string()
        }
    });
    let mut words = vec![method, request.url.clone()];
    words.extend(request.items.iter().cloned());
    words.extend(request.options.iter().cloned());
    if !show_secrets {
        hide_credentials(&mut words);
    }
    words
        .iter()
        .map(|word| shlex::try_quote(word).map_or_else(|_| word.clone(), |q| q.into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value after `--bearer`, `-u` and `-b`, and credential headers given as `-H` or as
/// items, replaced by `••••`.
fn hide_credentials(words: &mut [String]) {
    let mut after_flag = false;
    for word in words.iter_mut() {
        let header = word
            .split_once(':')
            .map(|(name, _)| name.trim().to_string());
        let secret = after_flag
            || ["--bearer=", "--user=", "--cookie="]
                .iter()
                .any(|p| word.starts_with(p))
            || header.is_some_and(|name| crate::http::is_credential(&name));
        after_flag = matches!(
            word.as_str(),
            "--bearer" | "-u" | "--user" | "-b" | "--cookie" | "-U" | "--proxy-user"
        );
        if secret {
            *word = match word.split_once(':') {
                Some((name, _)) if !after_flag => format!("{name}:{HIDDEN}"),
                _ => HIDDEN.to_string(),
            };
        }
    }
}
