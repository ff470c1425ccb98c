//! Shell words for the command: quoting, `printf` formats, and secrets carried as shell
//! variables (`-H "Authorization: Bearer $HIT_TOKEN"`), so that the command runs when pasted
//! and the secret is never printed.

use crate::output::redact::HIDDEN;

/// A shell word for any bytes: shlex's single quotes for plain text, Bash's `$'...'` for
/// text with control characters or bytes that are not UTF-8 (bash and zsh read both).
pub fn quote(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.chars().any(char::is_control)
        && let Ok(quoted) = shlex::try_quote(text)
    {
        return quoted.into_owned();
    }
    let quoted = shell_quote::Bash::quote_vec(bytes);
    String::from_utf8_lossy(&quoted).into_owned()
}

/// A `printf` format that writes exactly these bytes: `\ooo` for anything but printable
/// ASCII, and `%` and `\` doubled.
pub fn printf_format(bytes: &[u8]) -> String {
    let mut format = String::with_capacity(bytes.len());
    for &byte in bytes {
        match byte {
            b'%' => format.push_str("%%"),
            b'\\' => format.push_str("\\\\"),
            b' '..=b'~' => format.push(char::from(byte)),
            _ => format.push_str(&format!("\\{byte:03o}")),
        }
    }
    format
}

/// Bytes as they were sent, split where hit shows a secret: text, then a secret, then text,
/// and so on (always one more text than secrets).
pub struct SecretSplit<'a> {
    pub texts: Vec<&'a [u8]>,
    pub secrets: Vec<&'a [u8]>,
}

impl<'a> SecretSplit<'a> {
    /// Finds in `sent` the secrets that `shown` shows as `••••`; `None` when the two do not
    /// line up (then the command shows `••••` as other views do).
    pub fn of(sent: &'a [u8], shown: &[u8]) -> Option<SecretSplit<'a>> {
        let parts: Vec<&[u8]> = split(shown, HIDDEN.as_bytes());
        let (first, rest) = parts.split_first()?;
        let (last, middle) = rest.split_last()?;
        let mut at = sent.strip_prefix(*first)?;
        let mut texts = vec![&sent[..first.len()]];
        let mut secrets = Vec::new();
        for part in middle {
            // A secret has at least one byte; the text after it is the first match.
            if part.is_empty() || at.is_empty() {
                return None;
            }
            let end = 1 + memchr::memmem::find(&at[1..], part)?;
            secrets.push(&at[..end]);
            texts.push(&at[end..end + part.len()]);
            at = &at[end + part.len()..];
        }
        let secret = at.strip_suffix(*last)?;
        if secret.is_empty() {
            return None;
        }
        secrets.push(secret);
        texts.push(&at[secret.len()..]);
        Some(SecretSplit { texts, secrets })
    }
}

fn split<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut from = 0;
    for at in memchr::memmem::find_iter(haystack, needle) {
        parts.push(&haystack[from..at]);
        from = at + needle.len();
    }
    parts.push(&haystack[from..]);
    parts
}

/// The shell variables the command reads secrets from, named as they are met.
#[derive(Default)]
pub struct Variables {
    /// Each secret's value and its variable's name.
    named: Vec<(Vec<u8>, String)>,
    /// Secrets that came from environment variables, and the name of each: the command
    /// reads them from the same variables.
    known: Vec<(Vec<u8>, String)>,
}

impl Variables {
    /// Variables that read each of `known`'s secrets from the environment variable it came
    /// from (`GITHUB_TOKEN`).
    pub fn with_known(known: &[(String, String)]) -> Variables {
        Variables {
            named: Vec::new(),
            known: known
                .iter()
                .map(|(value, name)| (value.as_bytes().to_vec(), name.clone()))
                .collect(),
        }
    }

    /// The names, in the order the command uses them: those of the known variables, and
    /// the new ones.
    pub fn names(&self) -> (Vec<&str>, Vec<&str>) {
        self.named
            .iter()
            .map(|(_, name)| name.as_str())
            .partition(|name| self.known.iter().any(|(_, known)| known == name))
    }

    /// The variable for `secret`: the one it already has, the environment variable it came
    /// from, or a new one named after the key written just before it (`api_key=` is
    /// `HIT_API_KEY`), else after `hint` (`HIT_TOKEN`).
    fn name(&mut self, secret: &[u8], before: &[u8], hint: &str) -> String {
        if let Some((_, name)) = self.named.iter().find(|(value, _)| value == secret) {
            return name.clone();
        }
        if let Some((_, name)) = self.known.iter().find(|(value, _)| value == secret) {
            self.named.push((secret.to_vec(), name.clone()));
            return name.clone();
        }
        let base = format!(
            "{PREFIX}{}",
            key_before(before).unwrap_or_else(|| hint.to_string())
        );
        let mut name = base.clone();
        let mut n = 1;
        let taken = |name: &str| {
            let name = name.to_string();
            HIT_READS.contains(&name.as_str())
                || self
                    .named
                    .iter()
                    .chain(&self.known)
                    .any(|(_, taken)| *taken == name)
        };
        while taken(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.named.push((secret.to_vec(), name.clone()));
        name
    }

    /// The shell word that gives `pieces`, each secret as a variable.
    pub fn word(&mut self, pieces: &SecretSplit, hint: &str) -> String {
        let names: Vec<String> = pieces
            .secrets
            .iter()
            .zip(&pieces.texts)
            .map(|(secret, before)| self.name(secret, before, hint))
            .collect();
        double_quoted(&pieces.texts, &names).unwrap_or_else(|| joined(&pieces.texts, &names))
    }

    /// A `printf` format and its arguments that write `pieces`, each secret as a variable.
    pub fn printf(&mut self, pieces: &SecretSplit, hint: &str) -> String {
        let mut format = printf_format(pieces.texts[0]);
        let mut arguments = String::new();
        for (secret, (before, after)) in pieces
            .secrets
            .iter()
            .zip(pieces.texts.iter().zip(&pieces.texts[1..]))
        {
            let name = self.name(secret, before, hint);
            format.push_str("%s");
            format.push_str(&printf_format(after));
            arguments.push_str(&format!(" \"${name}\""));
        }
        format!("printf -- {}{arguments}", quote(format.as_bytes()))
    }
}

/// `"text $NAME text"`, when the texts read the same inside double quotes: plain UTF-8
/// without control characters or `!` (history expansion in an interactive bash).
fn double_quoted(texts: &[&[u8]], names: &[String]) -> Option<String> {
    let mut word = String::from("\"");
    for (i, text) in texts.iter().enumerate() {
        let text = std::str::from_utf8(text).ok()?;
        if text.chars().any(|c| c.is_control() || c == '!') {
            return None;
        }
        for c in text.chars() {
            if matches!(c, '"' | '\\' | '$' | '`') {
                word.push('\\');
            }
            word.push(c);
        }
        if let Some(name) = names.get(i) {
            word.push_str(&reference(name, texts[i + 1]));
        }
    }
    word.push('"');
    Some(word)
}

/// `'text'"$NAME"'text'`: each text quoted on its own, for texts double quotes cannot hold.
fn joined(texts: &[&[u8]], names: &[String]) -> String {
    let mut word = String::new();
    for (i, text) in texts.iter().enumerate() {
        if !text.is_empty() {
            word.push_str(&quote(text));
        }
        if let Some(name) = names.get(i) {
            word.push('"');
            word.push_str(&reference(name, b""));
            word.push('"');
        }
    }
    word
}

/// `$NAME`, or `${NAME}` when the text after it would run on into the name.
fn reference(name: &str, after: &[u8]) -> String {
    match after.first() {
        Some(c) if c.is_ascii_alphanumeric() || *c == b'_' => format!("${{{name}}}"),
        _ => format!("${name}"),
    }
}

/// Every name hit makes up starts with this, so that no secret lands in a variable a shell
/// or a common tool gives a meaning to (`PATH`, `PROMPT_COMMAND`, `_`).
const PREFIX: &str = "HIT_";

/// The variables hit reads itself, which share the prefix: a secret never goes in one.
const HIT_READS: &[&str] = &["HIT_CONFIG_DIR", "HIT_PROFILE", "HIT_TEST_TERMINAL"];

/// `API_KEY` for text that ends with `api_key=` or `"api_key":"`, when that names a key.
fn key_before(text: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(text).ok()?;
    let text = text
        .strip_suffix('=')
        .or_else(|| text.strip_suffix("\":\""))
        .or_else(|| text.strip_suffix("\": \""))?;
    let start = text
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |at| at + 1);
    let key = text[start..].to_ascii_uppercase().replace('-', "_");
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(quote(b"plain"), "plain");
        assert_eq!(quote(b"it's here"), r#""it's here""#);
        assert_eq!(quote(b"$HOME `x`"), "'$HOME `x`'");
        assert_eq!(quote(b"a\nb"), "$'a\\nb'");
        assert_eq!(quote(b"\xff"), "$'\\xFF'");
    }

    #[test]
    fn printf_formats_reproduce_any_bytes() {
        assert_eq!(
            printf_format(b"a%b\\c\x00\n\xff"),
            "a%%b\\\\c\\000\\012\\377"
        );
    }

    fn word(sent: &str, shown: &str, hint: &str) -> (String, Vec<String>) {
        let mut variables = Variables::default();
        let pieces = SecretSplit::of(sent.as_bytes(), shown.as_bytes()).expect("lines up");
        let word = variables.word(&pieces, hint);
        let names = variables.names().1.into_iter().map(String::from).collect();
        (word, names)
    }

    #[test]
    fn secrets_become_variables() {
        assert_eq!(
            word(
                "Authorization: Bearer abc",
                "Authorization: Bearer ••••",
                "TOKEN"
            ),
            (
                "\"Authorization: Bearer $HIT_TOKEN\"".into(),
                vec!["HIT_TOKEN".into()]
            )
        );
        assert_eq!(
            word(
                "Cookie: session=a1; path=b2",
                "Cookie: session=••••; path=••••",
                "COOKIE"
            ),
            (
                "\"Cookie: session=$HIT_SESSION; path=$HIT_PATH\"".into(),
                vec!["HIT_SESSION".into(), "HIT_PATH".into()]
            )
        );
        assert_eq!(
            word("ada:pw", "ada:••••", "PASSWORD"),
            ("\"ada:$HIT_PASSWORD\"".into(), vec!["HIT_PASSWORD".into()])
        );
        // Texts double quotes cannot hold are quoted on their own.
        assert_eq!(
            word("it's!x", "it's!••••", "PASSWORD").0,
            r#""it's"'!'"$HIT_PASSWORD""#
        );
        // A name that would run on is braced; one secret twice is one variable.
        assert_eq!(
            word(
                r#"{"k":"s1","j":"s1x"}"#,
                r#"{"k":"••••","j":"••••x"}"#,
                "SECRET"
            ),
            (
                r#""{\"k\":\"$HIT_K\",\"j\":\"${HIT_K}x\"}""#.into(),
                vec!["HIT_K".into()]
            )
        );
    }

    #[test]
    fn a_secret_never_goes_in_a_variable_hit_reads() {
        assert_eq!(
            word("profile=p", "profile=••••", "SECRET").0,
            "\"profile=$HIT_PROFILE_2\""
        );
    }

    #[test]
    fn a_printf_body_takes_its_secrets_as_arguments() {
        let mut variables = Variables::default();
        let sent = b"{\"token\":\"s\x00\"}";
        let shown = "{\"token\":\"••••\x00\"}";
        let pieces = SecretSplit::of(sent, shown.as_bytes()).unwrap();
        assert_eq!(
            variables.printf(&pieces, "SECRET"),
            r#"printf -- "{\"token\":\"%s\\000\"}" "$HIT_TOKEN""#
        );
    }

    #[test]
    fn shown_text_that_does_not_line_up_is_refused() {
        assert!(SecretSplit::of(b"abc", "x••••".as_bytes()).is_none());
        assert!(SecretSplit::of(b"abc", "abc••••".as_bytes()).is_none());
        assert!(SecretSplit::of(b"abc", b"abc").is_none());
    }
}
