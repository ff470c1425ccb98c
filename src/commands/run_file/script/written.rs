//! The scripts as the file writes them: `< {% … %}` and `< ./pre.js` before the request
//! line (pre-request scripts), `> {% … %}` and `> ./handler.js` after it (response
//! handlers). `>>` lines are not scripts.

/// Where a script's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Between `{%` and `%}`.
    Inline(String),
    /// A `.js` file, relative to the `.http` file.
    File(String),
}

/// One script, and the line (1-based) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub source: Source,
    pub line: usize,
}

/// A request's scripts: those run before it is filled in, and those run on its response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scripts {
    pub pre: Vec<Script>,
    pub handlers: Vec<Script>,
}

impl Scripts {
    pub fn all(&self) -> impl Iterator<Item = &Script> {
        self.pre.iter().chain(&self.handlers)
    }
}

/// Gathers a block's scripts while the parser reads its lines.
#[derive(Debug, Default)]
pub struct Reader {
    scripts: Scripts,
    /// An inline script not yet closed: whether it is a handler, its line, its text.
    open: Option<(bool, usize, String)>,
}

impl Reader {
    /// Takes the line when it belongs to a script; `before_request` says whether the
    /// request line is still to come.
    pub fn take(&mut self, raw: &str, line: usize, before_request: bool) -> bool {
        if let Some((_, _, text)) = &mut self.open {
            match raw.find("%}") {
                Some(end) => {
                    text.push_str(&raw[..end]);
                    self.close();
                }
                None => {
                    text.push_str(raw);
                    text.push('\n');
                }
            }
            return true;
        }
        let trimmed = raw.trim_start();
        let handler = match trimmed.as_bytes() {
            [b'<', rest @ ..] if before_request && !rest.starts_with(b">") => false,
            [b'>', rest @ ..] if !before_request && !rest.starts_with(b">") => true,
            _ => return false,
        };
        let rest = trimmed[1..].trim();
        if let Some(inline) = rest.strip_prefix("{%") {
            self.open = Some((handler, line, String::new()));
            return self.take(inline, line, before_request);
        }
        if rest.is_empty() || (!before_request && rest.starts_with("{{")) {
            return false;
        }
        // `< ./file` before the request line is a script; after it, a body file.
        let script = Script {
            source: Source::File(rest.to_string()),
            line,
        };
        self.push(handler, script);
        true
    }

    /// The block's scripts.
    pub fn finish(&mut self) -> Scripts {
        std::mem::take(&mut self.scripts)
    }

    /// The line of an inline script not closed yet (`###` inside it is its text).
    pub fn open_line(&self) -> Option<usize> {
        self.open.as_ref().map(|(_, line, _)| *line)
    }

    fn close(&mut self) {
        if let Some((handler, line, text)) = self.open.take() {
            let script = Script {
                source: Source::Inline(text),
                line,
            };
            self.push(handler, script);
        }
    }

    fn push(&mut self, handler: bool, script: Script) {
        match handler {
            true => self.scripts.handlers.push(script),
            false => self.scripts.pre.push(script),
        }
    }
}

/// The names a script sets with a literal: `client.global.set("token", …)` and
/// `request.variables.set('id', …)`, so that `{{token}}` later in the file is known
/// before anything is sent.
pub fn names_set(source: &str, names: &mut Vec<String>) {
    for call in ["global.set(", "variables.set("] {
        for (at, _) in source.match_indices(call) {
            let rest = source[at + call.len()..].trim_start();
            let Some(quote) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | '`'))
            else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                names.push(rest[1..1 + end].to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[(&str, bool)]) -> (Scripts, Vec<bool>) {
        let mut reader = Reader::default();
        let taken = lines
            .iter()
            .enumerate()
            .map(|(i, (raw, before))| reader.take(raw, i + 1, *before))
            .collect();
        (reader.finish(), taken)
    }

    #[test]
    fn inline_and_file_scripts() {
        let (scripts, taken) = read(&[
            ("< {% request.variables.set('a', 1) %}", true),
            ("< ./pre.js", true),
            ("{\"a\": 1}", false),
            ("< ./body.json", false),
            (">> ./saved.json", false),
            ("> {%", false),
            ("  client.test('ok', () => {});", false),
            ("%}", false),
            ("> ./handler.js", false),
        ]);
        assert_eq!(
            taken,
            [true, true, false, false, false, true, true, true, true]
        );
        let inline = |text: &str, line| Script {
            source: Source::Inline(text.into()),
            line,
        };
        let file = |path: &str, line| Script {
            source: Source::File(path.into()),
            line,
        };
        assert_eq!(
            scripts.pre,
            [
                inline(" request.variables.set('a', 1) ", 1),
                file("./pre.js", 2)
            ]
        );
        assert_eq!(
            scripts.handlers,
            [
                inline("\n  client.test('ok', () => {});\n", 6),
                file("./handler.js", 9)
            ]
        );
    }

    #[test]
    fn an_open_script_names_its_line() {
        let mut reader = Reader::default();
        assert!(reader.take("> {% client.log(1)", 4, false));
        assert_eq!(reader.open_line(), Some(4));
    }

    #[test]
    fn literal_names_are_found() {
        let mut names = Vec::new();
        names_set(
            "client.global.set(\"token\", x); request.variables.set( 'id', 2);\n\
             client.global.set(name, 1)",
            &mut names,
        );
        assert_eq!(names, ["token", "id"]);
    }
}
