//! `hit profile show`: a profile as it applies, its secrets hidden, and its saved requests.

use std::path::Path;

use crate::http::is_credential;
use crate::http::secret::{HIDDEN, url_passwords};
use crate::settings::store::model::{Profile, SavedRequest};

/// The profile as TOML, then one line per saved request.
pub fn render(name: &str, profile: &Profile, path: &Path, show_secrets: bool) -> String {
    let mut shown = profile.clone();
    let requests = std::mem::take(&mut shown.requests);
    if !show_secrets {
        hide_stored_secrets(&mut shown);
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

/// Literal secrets stored with `--store-secret`: a token, a password, a credential header,
/// a password in the base URL or the proxy.
fn hide_stored_secrets(profile: &mut Profile) {
    if let Some(auth) = &mut profile.auth {
        for literal in [&mut auth.token, &mut auth.password] {
            if literal.is_some() {
                *literal = Some(HIDDEN.to_string());
            }
        }
    }
    for (name, value) in profile.headers.iter_mut() {
        if is_credential(name) {
            *value = HIDDEN.to_string();
        }
    }
    let openapi = profile.openapi.as_mut().map(|o| &mut o.source);
    for url in [profile.base_url.as_mut(), profile.proxy.as_mut(), openapi]
        .into_iter()
        .flatten()
    {
        *url = url_passwords(url).into_owned();
    }
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

/// Credentials given as options (`--bearer T`, `-u user:pw`, `-ualice:pw`, `--proxy-user=u:p`,
/// `-b k=v`), as credential headers (`-H`, items), or as URL passwords, replaced by `••••`.
fn hide_credentials(words: &mut [String]) {
    const FLAGS: [&str; 7] = [
        "--bearer",
        "--user",
        "--cookie",
        "--proxy-user",
        "-u",
        "-U",
        "-b",
    ];
    let mut pending: Option<&str> = None;
    for word in words.iter_mut() {
        let hidden = if let Some(flag) = pending {
            Some(hide_value(flag, word))
        } else if let Some((flag, value)) = FLAGS.iter().find_map(|flag| attached(word, flag)) {
            Some(format!("{flag}{}", hide_value(flag, value)))
        } else {
            word.split_once(':')
                .filter(|(name, _)| is_credential(name.trim()))
                .map(|(name, _)| format!("{name}:{HIDDEN}"))
        };
        pending = FLAGS.iter().copied().find(|flag| word == flag);
        if let Some(hidden) = hidden {
            *word = hidden;
        }
        *word = url_passwords(word).into_owned();
    }
}

/// `--user=VALUE` → (`--user=`, VALUE); `-uVALUE` → (`-u`, VALUE).
fn attached<'a>(word: &'a str, flag: &'static str) -> Option<(&'static str, &'a str)> {
    if flag.starts_with("--") {
        let with_equals: &'static str = match flag {
            "--bearer" => "--bearer=",
            "--user" => "--user=",
            "--cookie" => "--cookie=",
            "--proxy-user" => "--proxy-user=",
            _ => return None,
        };
        return word.strip_prefix(with_equals).map(|v| (with_equals, v));
    }
    word.strip_prefix(flag)
        .filter(|v| !v.is_empty())
        .map(|v| (flag, v))
}

/// For `-u`/`-U`, `user:password` keeps the user; anything else is hidden whole. A cookie
/// file (`-b FILE`, no `=`) is not a secret.
fn hide_value(flag: &str, value: &str) -> String {
    let user_flag = matches!(
        flag,
        "-u" | "-U" | "--user" | "--user=" | "--proxy-user" | "--proxy-user="
    );
    match value.split_once(':') {
        Some((user, _)) if user_flag => format!("{user}:{HIDDEN}"),
        _ if flag.starts_with("-b") && !value.contains('=') => value.to_string(),
        _ => HIDDEN.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(words: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        hide_credentials(&mut words);
        words
    }

    #[test]
    fn credentials_in_a_saved_request_are_hidden() {
        assert_eq!(
            hidden(&[
                "-ualice:pw1",
                "--bearer",
                "tok:en",
                "--bearer=t",
                "-U",
                "p:q",
                "--proxy-user=u:v",
                "-b",
                "jar.txt",
                "-b",
                "k=v",
                "X-Api-Key:k",
                "-H",
                "Authorization: Bearer t",
                "http://carol:pw3@h/x",
                "-x",
                "http://dan:pw5@p:3128",
                "page==2",
            ]),
            [
                "-ualice:••••",
                "--bearer",
                "••••",
                "--bearer=••••",
                "-U",
                "p:••••",
                "--proxy-user=u:••••",
                "-b",
                "jar.txt",
                "-b",
                "••••",
                "X-Api-Key:••••",
                "-H",
                "Authorization:••••",
                "http://carol:••••@h/x",
                "-x",
                "http://dan:••••@p:3128",
                "page==2",
            ]
        );
    }
}
