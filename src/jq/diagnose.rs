//! A filter's syntax and name errors as one message: jaq's words, then the filter's line
//! with a caret under the position.

use jaq_core::compile::{self, Undefined};
use jaq_core::load::{self, lex, parse};

/// The first error that jaq's loader (lexer, parser, module reader) found in CODE.
pub(super) fn load_errors(flag: &str, code: &str, errs: load::Errors<&str, ()>) -> String {
    let first = errs.into_iter().find_map(|(file, err)| {
        let (words, at) = match err {
            load::Error::Lex(es) => es
                .into_iter()
                .next()
                .map(|(e, at)| (lex_words(&e, at), at))?,
            load::Error::Parse(es) => {
                let (e, found) = es.into_iter().next()?;
                (parse_words(&e, found), found)
            }
            load::Error::Io(es) => es
                .into_iter()
                .next()
                .map(|(path, e)| (format!("cannot load module \"{path}\": {e}"), path))?,
        };
        Some((words, offset_in(code, file.code, at)))
    });
    let (words, at) = first.unwrap_or_else(|| ("syntax error".to_string(), None));
    message(flag, code, &words, at)
}

/// The first undefined name that jaq's compiler found in CODE.
pub(super) fn compile_errors(flag: &str, code: &str, errs: compile::Errors<&str, ()>) -> String {
    let first = errs.into_iter().find_map(|(file, es)| {
        let (name, what) = es.into_iter().next()?;
        let words = match what {
            Undefined::Filter(arity) => format!("undefined filter: {name}/{arity}"),
            other => format!("undefined {}: {name}", other.as_str()),
        };
        Some((words, offset_in(code, file.code, name)))
    });
    let (words, at) = first.unwrap_or_else(|| ("cannot compile the filter".to_string(), None));
    message(flag, code, &words, at)
}

/// What the lexer expected, in jaq's words.
fn lex_words(e: &lex::Expect<&str>, at: &str) -> String {
    let what = match e {
        lex::Expect::Delim("(") => "closing parenthesis",
        lex::Expect::Delim("[") => "closing bracket",
        lex::Expect::Delim("{") => "closing brace",
        lex::Expect::Delim(_) => "closing quote",
        lex::Expect::Digit => "digit",
        lex::Expect::Ident => "identifier",
        lex::Expect::Escape => "string escape sequence",
        lex::Expect::Unicode => "4-digit hexadecimal UTF-8 code point",
        _ => match at.chars().next() {
            Some(c) => return format!("expected token, found \"{c}\""),
            None => "token",
        },
    };
    format!("expected {what}")
}

/// What the parser expected and what it found instead, in jaq's words.
fn parse_words(e: &parse::Expect<&str>, found: &str) -> String {
    let found = if found.is_empty() {
        "end of input".to_string()
    } else {
        let short: String = found.chars().take(20).collect();
        let more = if short.len() < found.len() { "…" } else { "" };
        format!("\"{short}{more}\"")
    };
    format!("expected {}, found {found}", e.as_str())
}

/// Where PART starts in CODE, when the error is in CODE (FILE is the file it came from:
/// an error in jaq's own definitions has no place in the user's filter).
fn offset_in(code: &str, file: &str, part: &str) -> Option<usize> {
    let (start, end) = (code.as_ptr() as usize, code.as_ptr() as usize + code.len());
    let at = part.as_ptr() as usize;
    (file.as_ptr() == code.as_ptr() && (start..=end).contains(&at)).then(|| at - start)
}

/// "FLAG: WORDS" and, when the place is known, the line with a caret under it (and the
/// line's number when the filter has several).
fn message(flag: &str, code: &str, words: &str, at: Option<usize>) -> String {
    let Some(at) = at.filter(|&at| code.is_char_boundary(at)) else {
        return format!("{flag}: {words}");
    };
    let start = code[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = code[at..].find('\n').map_or(code.len(), |i| at + i);
    let line = code[start..end].trim_end_matches('\r');
    let pad: String = code[start..at]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let line_no = if code.contains('\n') {
        format!(" (line {})", code[..at].matches('\n').count() + 1)
    } else {
        String::new()
    };
    format!("{flag}: {words}{line_no}\n  {line}\n  {pad}^")
}
