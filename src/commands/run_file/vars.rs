//! `{{…}}` placeholders: file and environment variables, dynamic variables (`{{$uuid}}`,
//! `{{$datetime iso8601}}`, `{{$random.integer(1, 9)}}`, `{{$processEnv NAME}}`: see
//! `dynamic`) and earlier responses (`{{login.response.body.$.token}}`,
//! `{{login.response.body.token}}`, `{{login.response.headers.Location}}`).

use std::collections::HashMap;

use super::dynamic::{self, Sources};
use super::env::Environment;
pub use super::jsonpath::json_value;
use super::parse::{Text, is_name_char};

/// How deep variables may refer to variables.
const MAX_DEPTH: usize = 32;
/// The most text the variables of one value (a URL, a header, a body's text) may expand
/// to: `@a = {{b}}{{b}}`, `@b = {{c}}{{c}}`, … doubles at each step, so a few hundred bytes
/// of file could otherwise send gigabytes or never end. A body from a file (`< FILE`) is
/// not expanded and not bounded by this.
const MAX_EXPANDED: usize = 1024 * 1024;
/// How many times the variables of one value may be used in all: the same growth with
/// variables that are empty makes no text but takes as long.
const MAX_USES: usize = 100_000;

/// What a placeholder stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder<'a> {
    Variable(&'a str),
    /// `$name arg …`.
    Dynamic(&'a str, Vec<&'a str>),
    /// `request.response.…`.
    Response(&'a str, ResponseField<'a>),
}

/// Which field of a response a placeholder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseField<'a> {
    /// A JSONPath (`$.a.b`), or `*` for the whole body.
    Body(&'a str),
    Header(&'a str),
}

/// The values a response placeholder reads: when checking, none yet.
pub trait Responses {
    /// The value, or why there is none.
    fn value(&self, request: &str, field: ResponseField<'_>) -> Result<String, String>;
}

/// Where plain variables come from: `--env-var`'s, the file's, then the environment's, in
/// that order (`Scope::lookup`); and what dynamic variables read.
pub struct Scope<'a> {
    pub variables: &'a HashMap<String, Text>,
    pub env: &'a Environment,
    /// What the scripts set (`client.global`, `request.variables`): under everything else.
    pub scripted: &'a HashMap<String, String>,
    /// What `# @capture` took from earlier responses: over the file's and the
    /// environment's variables, under `--env-var`'s.
    pub captured: &'a HashMap<String, String>,
    pub responses: &'a dyn Responses,
    pub sources: &'a Sources,
}

/// Where a filling is: the variables being expanded, outermost first, how much text
/// their expansion has made so far and how many variables it has used.
#[derive(Default)]
struct Filling {
    stack: Vec<String>,
    expanded: usize,
    uses: usize,
    /// The values taken from the environment (`$processEnv`), to hide in output, each
    /// with its variable's name.
    secrets: Vec<(String, String)>,
}

impl Filling {
    /// Counts `bytes` more of expanded text, or says which variable grew too large.
    fn spend(&mut self, bytes: usize, placeholder: &str) -> Result<(), String> {
        self.expanded += bytes;
        if self.expanded <= MAX_EXPANDED {
            return Ok(());
        }
        let outermost = self.stack.first().map_or(placeholder, String::as_str);
        Err(format!(
            "{{{{{outermost}}}}} expands to more than {} MiB; variables that use other \
             variables several times grow exponentially (a large body belongs in a file: \
             < FILE)",
            MAX_EXPANDED / (1024 * 1024)
        ))
    }

    /// Enters a variable, unless that would be a loop or too deep.
    fn enter(&mut self, name: &str) -> Result<(), String> {
        if let Some(at) = self.stack.iter().position(|n| n == name) {
            let through: Vec<String> = self.stack[at + 1..]
                .iter()
                .map(|n| format!("{{{{{n}}}}}"))
                .collect();
            let through = if through.is_empty() {
                String::new()
            } else {
                format!(" through {}", through.join(", "))
            };
            return Err(format!(
                "{{{{{name}}}}} refers to itself{through} (variables in a loop)"
            ));
        }
        let outermost = self.stack.first().map_or(name, String::as_str);
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!(
                "{{{{{outermost}}}}} nests variables more than {MAX_DEPTH} deep"
            ));
        }
        self.uses += 1;
        if self.uses > MAX_USES {
            return Err(format!(
                "{{{{{outermost}}}}} uses variables more than {MAX_USES} times; variables that \
                 use other variables several times grow exponentially"
            ));
        }
        self.stack.push(name.to_owned());
        Ok(())
    }
}

impl Scope<'_> {
    /// The text with every placeholder replaced; the error says which one failed. The
    /// values it took from the environment (`{{$processEnv NAME}}`) are added to `secrets`,
    /// with the variable of each: they are shown as profile secrets are.
    pub fn fill(&self, text: &str, secrets: &mut Vec<(String, String)>) -> Result<String, String> {
        let mut filling = Filling::default();
        let filled = self.fill_at(text, &mut filling)?;
        secrets.extend(filling.secrets);
        Ok(filled)
    }

    fn fill_at(&self, text: &str, filling: &mut Filling) -> Result<String, String> {
        let mut filled = String::with_capacity(text.len());
        let mut rest = text;
        // A variable's own text is expanded text; the value's (a URL, a body) is not.
        let inside = !filling.stack.is_empty();
        while let Some(start) = rest.find("{{") {
            if inside {
                filling.spend(start, "")?;
            }
            filled.push_str(&rest[..start]);
            let inner_start = &rest[start + 2..];
            let end = inner_start
                .find("}}")
                .ok_or_else(|| format!("'{{{{' without its '}}}}' in '{text}'"))?;
            let inner = &inner_start[..end];
            let placeholder = placeholder(inner)?;
            filled.push_str(&self.value(&placeholder, inner, filling)?);
            rest = &inner_start[end + 2..];
        }
        if inside {
            filling.spend(rest.len(), "")?;
        }
        filled.push_str(rest);
        Ok(filled)
    }

    fn value(
        &self,
        placeholder: &Placeholder<'_>,
        inner: &str,
        filling: &mut Filling,
    ) -> Result<String, String> {
        let value = match placeholder {
            // A captured value is a value, not a text with placeholders to fill.
            Placeholder::Variable(name)
                if !self.env.given.contains_key(*name) && self.captured.contains_key(*name) =>
            {
                self.captured[*name].clone()
            }
            Placeholder::Variable(name) => match self.lookup(name) {
                // An environment's value may use variables too (`{{host}}/v1`).
                Some(value) => {
                    filling.enter(name)?;
                    let filled = self.fill_at(value, filling)?;
                    filling.stack.pop();
                    return Ok(filled);
                }
                // What a script set is a value, not a text with placeholders to fill.
                None if self.scripted.contains_key(*name) => self.scripted[*name].clone(),
                None => {
                    return Err(format!(
                        "{{{{{name}}}}} is not a variable of the file (@{name} = …) or of the \
                         environment (--env, --env-var)"
                    ));
                }
            },
            Placeholder::Dynamic(name, args) => {
                // `$processEnv %NAME`, `$dotenv %NAME`: NAME is a variable holding the name.
                let mut named = Vec::with_capacity(args.len());
                for arg in args {
                    match arg.strip_prefix('%') {
                        Some(variable) if matches!(*name, "processEnv" | "dotenv") => {
                            named.push(self.value(
                                &Placeholder::Variable(variable),
                                variable,
                                filling,
                            )?);
                        }
                        _ => named.push((*arg).to_string()),
                    }
                }
                let args: Vec<&str> = named.iter().map(String::as_str).collect();
                let value = dynamic::value(name, &args, self.sources)
                    .map_err(|why| format!("{{{{{}}}}}: {why}", inner.trim()))?;
                if value.secret && !filling.secrets.iter().any(|(v, _)| *v == value.text) {
                    // The variable it came from, for `--curl` to read it from the same one.
                    let variable = name.strip_prefix("env.").or(args.first().copied());
                    let variable = variable.unwrap_or_default().to_string();
                    filling.secrets.push((value.text.clone(), variable));
                }
                value.text
            }
            Placeholder::Response(request, part) => self
                .responses
                .value(request, *part)
                .map_err(|why| format!("{{{{{}}}}}: {why}", inner.trim()))?,
        };
        filling.spend(value.len(), inner.trim())?;
        Ok(value)
    }
}

impl<'a> Scope<'a> {
    /// A plain variable's text (its placeholders still to fill), from the first source
    /// that has it: a new source of variables is one more line here.
    fn lookup(&self, name: &str) -> Option<&'a str> {
        if let Some(value) = self.env.given.get(name) {
            return Some(value);
        }
        if let Some(text) = self.variables.get(name) {
            return Some(&text.text);
        }
        self.env.values.get(name).map(String::as_str)
    }
}

/// The names of the requests whose responses `text` uses, also through variables.
pub fn response_names(text: &str, variables: &HashMap<String, Text>, names: &mut Vec<String>) {
    references(text, variables, names, &mut Vec::new(), &mut Vec::new());
}

/// The variables `text` uses, also through the file's variables, that the file does not
/// define: those a capture (`# @capture`) or the environment gives.
pub fn free_variables(text: &str, variables: &HashMap<String, Text>, free: &mut Vec<String>) {
    references(text, variables, &mut Vec::new(), free, &mut Vec::new());
}

/// Each variable is looked into once (`seen`): what it refers to is the same at every use,
/// and a variable used twice at each of many levels would otherwise be read exponentially
/// often.
fn references<'v>(
    text: &'v str,
    variables: &'v HashMap<String, Text>,
    names: &mut Vec<String>,
    free: &mut Vec<String>,
    seen: &mut Vec<&'v str>,
) {
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { return };
        match placeholder(&after[..end]) {
            Ok(Placeholder::Response(name, _)) if !names.iter().any(|n| n == name) => {
                names.push(name.to_string());
            }
            Ok(Placeholder::Variable(name)) => {
                if let Some((name, value)) = variables.get_key_value(name)
                    && !seen.contains(&name.as_str())
                {
                    seen.push(name);
                    references(&value.text, variables, names, free, seen);
                } else if !variables.contains_key(name) && !free.iter().any(|n| n == name) {
                    free.push(name.to_string());
                }
            }
            _ => {}
        }
        rest = &after[end + 2..];
    }
}

/// What is between `{{` and `}}`.
pub fn placeholder(inner: &str) -> Result<Placeholder<'_>, String> {
    let inner = inner.trim();
    if let Some(dynamic) = inner.strip_prefix('$') {
        return Ok(dynamic_placeholder(dynamic));
    }
    if let Some((request, part)) = inner.split_once(".response.") {
        let part = if let Some(path) = part.strip_prefix("body.") {
            // REST Client reads `body.a.b` as `$.a.b`.
            ResponseField::Body(path)
        } else if part == "body" {
            ResponseField::Body("*")
        } else if let Some(name) = part.strip_prefix("headers.") {
            ResponseField::Header(name)
        } else {
            return Err(format!(
                "{{{{{inner}}}}}: a response is read as {request}.response.body.$.PATH or \
                 {request}.response.headers.NAME"
            ));
        };
        return Ok(Placeholder::Response(request, part));
    }
    if inner.is_empty() || !inner.chars().all(is_name_char) {
        return Err(format!("{{{{{inner}}}}} is not a variable name"));
    }
    Ok(Placeholder::Variable(inner))
}

/// `$name arg …` (quoted arguments keep their spaces, without the quotes) or
/// `$name(arg, …)`, as JetBrains writes `$random.integer(1, 10)`.
fn dynamic_placeholder(text: &str) -> Placeholder<'_> {
    if let Some(open) = text.find('(')
        && let Some(inside) = text[open + 1..].trim_end().strip_suffix(')')
    {
        let args = inside
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        return Placeholder::Dynamic(text[..open].trim(), args);
    }
    let mut words = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
        let end = match quote {
            Some(q) => rest[1..].find(q).map_or(rest.len(), |at| at + 2),
            None => rest.find(char::is_whitespace).unwrap_or(rest.len()),
        };
        words.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    let name = if words.is_empty() {
        ""
    } else {
        words.remove(0)
    };
    Placeholder::Dynamic(name, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoResponses;

    impl Responses for NoResponses {
        fn value(&self, request: &str, field: ResponseField<'_>) -> Result<String, String> {
            Ok(format!("<{request} {field:?}>"))
        }
    }

    fn text(text: &str) -> Text {
        Text {
            text: text.into(),
            line: 1,
        }
    }

    #[test]
    fn fills_variables() {
        let variables = HashMap::from([
            ("host".to_string(), text("localhost:{{port}}")),
            ("port".to_string(), text("8080")),
            ("loop".to_string(), text("{{loop}}")),
        ]);
        let env = Environment {
            values: HashMap::from([
                ("token".to_string(), "t0k".to_string()),
                ("port".to_string(), "1".to_string()),
            ]),
            given: HashMap::from([("given".to_string(), "{{port}}!".to_string())]),
        };
        let scope = Scope {
            variables: &variables,
            env: &env,
            scripted: &HashMap::new(),
            captured: &HashMap::new(),
            responses: &NoResponses,
            sources: &Sources::default(),
        };
        assert_eq!(
            scope
                .fill("http://{{host}}/a?t={{ token }}", &mut Vec::new())
                .unwrap(),
            "http://localhost:8080/a?t=t0k"
        );
        assert_eq!(scope.fill("{{given}}", &mut Vec::new()).unwrap(), "8080!");
        assert_eq!(
            scope
                .fill("{{a.response.headers.Location}}", &mut Vec::new())
                .unwrap(),
            "<a Header(\"Location\")>"
        );
        assert_eq!(
            scope
                .fill("{{a.response.body.$.x}}", &mut Vec::new())
                .unwrap(),
            "<a Body(\"$.x\")>"
        );
        assert!(
            scope
                .fill("{{missing}}", &mut Vec::new())
                .unwrap_err()
                .starts_with("{{missing}} is not a variable")
        );
        assert!(
            scope
                .fill("{{loop}}", &mut Vec::new())
                .unwrap_err()
                .contains("loop")
        );
        assert!(
            scope
                .fill("{{open", &mut Vec::new())
                .unwrap_err()
                .contains("without")
        );
        assert!(
            scope
                .fill("{{$nope}}", &mut Vec::new())
                .unwrap_err()
                .contains("$nope is not a dynamic")
        );
        assert_eq!(scope.fill("{{$uuid}}", &mut Vec::new()).unwrap().len(), 36);
        let n: i64 = scope
            .fill("{{$random.integer(5, 7)}}", &mut Vec::new())
            .unwrap()
            .parse()
            .unwrap();
        assert!((5..7).contains(&n));
        let date = scope
            .fill("{{$datetime \"YYYY-MM-DD HH:mm\" -1 d}}", &mut Vec::new())
            .unwrap();
        assert_eq!(date.len(), 16, "{date}");
        assert!(
            scope
                .fill("{{$timestamp}}", &mut Vec::new())
                .unwrap()
                .parse::<u64>()
                .unwrap()
                > 1_600_000_000
        );
        let n: i64 = scope
            .fill("{{$randomInt 5 7}}", &mut Vec::new())
            .unwrap()
            .parse()
            .unwrap();
        assert!((5..7).contains(&n));
        assert!(
            scope
                .fill("{{$processEnv HIT_SURELY_UNSET_VARIABLE}}", &mut Vec::new())
                .unwrap_err()
                .contains("HIT_SURELY_UNSET_VARIABLE")
        );
    }

    #[test]
    fn values_from_the_environment_are_noted_as_secrets() {
        let variables = HashMap::from([("path".to_string(), text("{{$processEnv PATH}}"))]);
        let env = Environment::default();
        let scope = Scope {
            variables: &variables,
            env: &env,
            scripted: &HashMap::new(),
            captured: &HashMap::new(),
            responses: &NoResponses,
            sources: &Sources::default(),
        };
        let mut secrets = Vec::new();
        let filled = scope.fill("{{path}} {{$processEnv PATH}} {{$uuid}}", &mut secrets);
        let path = std::env::var("PATH").unwrap();
        assert_eq!(filled.unwrap().len(), 2 * path.len() + 2 + 36);
        assert_eq!(secrets, [(path, "PATH".to_string())]);
    }

    #[test]
    fn finds_response_names() {
        let variables = HashMap::from([(
            "auth".to_string(),
            text("Bearer {{login.response.body.$.token}}"),
        )]);
        let mut names = Vec::new();
        response_names(
            "{{auth}} {{me.response.headers.X}} {{login.response.body.*}}",
            &variables,
            &mut names,
        );
        assert_eq!(names, ["login", "me"]);
    }
}
