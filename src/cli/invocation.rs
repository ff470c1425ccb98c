//! The one reading of the command line: the mode its first word names, with that mode's
//! parsed arguments; `hit @NAME` expanded into the saved request it stands for.

use std::ffi::OsString;

use clap::{Parser, ValueEnum};

use super::save::{self, SaveArgs};
use super::{
    AuthCommandArgs, ColorWhen, ExplainArgs, OperationCall, Parsed, ProfileArgs, RunArgs,
    ServeArgs, TestArgs, foreign_option, parse_from,
};
use crate::error::usage;

/// What the command line asks hit to do.
pub enum Invocation {
    /// `hit [OPTIONS] [METHOD] URL [ITEM ...]`, a saved request (`hit @NAME`) expanded.
    Request(Box<Parsed>),
    /// `hit serve ...`
    Serve(ServeArgs),
    /// `hit explain ...`
    Explain(ExplainArgs),
    /// `hit run FILE.http ...`
    RunFile(Box<RunArgs>),
    /// `hit test [PATH ...]`
    Test(Box<TestArgs>),
    /// `hit profile ...`
    Profile(ProfileArgs),
    /// `hit auth ...`
    Auth(Box<AuthCommandArgs>),
    /// `hit save NAME ...`
    Save(Box<SaveArgs>),
    /// `hit save --help`
    SaveHelp,
    /// `hit --generate KIND`
    Generate(Generate),
    /// `hit @NAME` alone, NAME a profile with an OpenAPI document: its operations listed.
    Operations { profile: String, color: ColorWhen },
}

/// A command line hit does not run, and what to say about it.
#[derive(Debug)]
pub enum Refused {
    /// clap's own error (help and version too), reported with the command whose `--help`
    /// describes the options, or what hit knows better (`instead`: an option of curl or
    /// HTTPie).
    Clap {
        err: clap::Error,
        instead: Option<String>,
        help: &'static str,
    },
    /// hit's own message: a usage error, or a saved request that cannot be read.
    Error(anyhow::Error),
}

/// A saved request (`hit @NAME`), found and filled in.
#[derive(Debug, Default)]
pub struct SavedRequestWords {
    /// The profile it is kept in: the one the request uses.
    pub profile: String,
    /// Its option words, as they were saved.
    pub options: Vec<String>,
    /// Its method (if saved), URL and items.
    pub positionals: Vec<String>,
    /// For an operation of the profile's OpenAPI document: its URL is a path template.
    pub operation: Option<OperationWords>,
}

/// What `hit @PROFILE/OPERATION` needs to fill in the operation's path template (the URL
/// of its positionals, `/pets/{petId}`).
#[derive(Debug, Default, Clone)]
pub struct OperationWords {
    pub name: String,
    /// The path parameters in the order the path names them: the bare words after
    /// `@PROFILE/OPERATION` fill them in turn, `--var NAME=VALUE` by name.
    pub path_parameters: Vec<String>,
}

/// What `hit @TARGET` names.
#[derive(Debug)]
pub enum Found {
    /// A saved request, found and filled in.
    Saved(SavedRequestWords),
    /// The operations of profile `profile`'s OpenAPI document (`hit @NAME`, when the
    /// active profile has no saved request NAME).
    Operations { profile: String },
}

/// Finds what `hit @TARGET` names (`NAME` or `PROFILE/NAME`), given the profile `-P` chose
/// and the `--var NAME=VALUE`s that fill it.
pub type Lookup<'a> = &'a dyn Fn(&str, Option<String>, &[String]) -> anyhow::Result<Found>;

/// `hit --generate KIND`: read before the command line is parsed, so that it stays out of
/// the help, the completions and the man page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
    Man,
}

/// The words SPEC §1 reserves in first position for hit's commands.
const COMMANDS: [&str; 7] = ["serve", "explain", "profile", "save", "run", "test", "auth"];

impl Invocation {
    /// Reads the command line (its first word is the program's name), once: the first
    /// word chooses the parser, and a request's `@NAME` is looked up with `lookup`.
    pub fn read(args: Vec<OsString>, lookup: Lookup) -> Result<Invocation, Refused> {
        let words = args.get(1..).unwrap_or_default();
        if let [flag, kind] = words
            && flag == "--generate"
        {
            return generate(kind).map(Invocation::Generate);
        }
        // A command's own parser reads the words from its name on.
        let own = |help| move |err| clap_error(err, None, help);
        match words.first().and_then(|w| w.to_str()) {
            Some("serve") => ServeArgs::try_parse_from(words)
                .map(Invocation::Serve)
                .map_err(own("hit serve --help")),
            Some("explain") => ExplainArgs::try_parse_from(words)
                .map(Invocation::Explain)
                .map_err(own("hit explain --help")),
            Some("run") => RunArgs::try_parse_from(words)
                .map(|args| Invocation::RunFile(Box::new(args)))
                .map_err(own("hit run --help")),
            Some("test") => TestArgs::try_parse_from(words)
                .map(|args| Invocation::Test(Box::new(args)))
                .map_err(own("hit test --help")),
            Some("profile") => ProfileArgs::try_parse_from(words)
                .map(Invocation::Profile)
                .map_err(own("hit profile --help")),
            Some("auth") => AuthCommandArgs::try_parse_from(words)
                .map(|args| Invocation::Auth(Box::new(args)))
                .map_err(own("hit auth --help")),
            Some("save") => match save::read(&words[1..])? {
                Some(args) => Ok(Invocation::Save(Box::new(args))),
                None => Ok(Invocation::SaveHelp),
            },
            _ => request(&args, lookup),
        }
    }
}

/// `hit --generate KIND`'s kind.
fn generate(kind: &OsString) -> Result<Generate, Refused> {
    let kind = kind.to_string_lossy();
    Generate::from_str(&kind, true).map_err(|_| {
        Refused::Error(usage(format!(
            "--generate takes bash, zsh, fish, powershell, elvish or man, not '{kind}'"
        )))
    })
}

/// A clap error of hit's own options, with the curl or HTTPie option it may have been.
pub(super) fn top_level(err: clap::Error) -> Refused {
    let instead = foreign_option(&err);
    clap_error(err, instead, "hit --help")
}

fn clap_error(err: clap::Error, instead: Option<String>, help: &'static str) -> Refused {
    Refused::Clap { err, instead, help }
}

/// A request's command line, `hit @NAME ...` expanded; a command's word after options
/// (`hit -v serve`) is refused with where it goes.
fn request(args: &[OsString], lookup: Lookup) -> Result<Invocation, Refused> {
    let mut parsed = parse_from(args).map_err(top_level)?;
    if let Some(target) = parsed.cli.args.first().and_then(|w| w.strip_prefix('@')) {
        let target = target.to_string();
        let chosen = &parsed.cli.profile;
        let found =
            lookup(&target, chosen.profile.clone(), &chosen.vars).map_err(Refused::Error)?;
        parsed = match found {
            Found::Saved(saved) => expand(&target, args, saved)?,
            Found::Operations { profile } => return operations(profile, &parsed),
        };
    }
    if let Some(word) = parsed.cli.args.first()
        && COMMANDS.contains(&word.as_str())
    {
        return Err(Refused::Error(usage(format!(
            "'hit {word}' takes its own options after the word (hit {word} --help); \
             to reach a host named '{word}', write http://{word}/"
        ))));
    }
    Ok(Invocation::Request(Box::new(parsed)))
}

/// `hit @NAME` for a profile with an OpenAPI document lists its operations; anything more
/// on the command line belongs to one operation.
fn operations(profile: String, parsed: &Parsed) -> Result<Invocation, Refused> {
    if parsed.cli.args.len() > 1 {
        return Err(Refused::Error(usage(format!(
            "hit @{profile} lists the operations of its OpenAPI document; \
             hit @{profile}/OPERATION ... calls one"
        ))));
    }
    Ok(Invocation::Operations {
        profile,
        color: parsed.cli.output.color,
    })
}

/// `hit @NAME [ITEM ...] [OPTIONS]`: the saved request's words go first, as ripgrep puts
/// its config file's arguments before the command line's, so that an option given again
/// wins and more items follow the saved ones. The `@NAME` word, `-P` and the `--var`s have
/// done their work once the request is found: the expanded request drops the word, uses
/// the profile the request is kept in and has no `--var` left.
fn expand(target: &str, args: &[OsString], saved: SavedRequestWords) -> Result<Parsed, Refused> {
    // The saved positionals are not parsed again: one that starts with `-` (`-n:=1`) would
    // be read as an option. They go in front of the command line's own.
    let words = std::iter::once(OsString::from("hit"))
        .chain(saved.options.iter().map(OsString::from))
        .chain(args.iter().skip(1).cloned());
    let mut expanded = parse_from(words).map_err(top_level)?;
    let named = |word: &String| word.strip_prefix('@') == Some(target);
    let at = expanded.cli.args.iter().position(named);
    if let Some(at) = at {
        expanded.cli.args.remove(at);
    }
    let mut positionals = saved.positionals;
    if let Some(operation) = &saved.operation {
        let cli = &mut expanded.cli;
        let after = at.unwrap_or(cli.args.len());
        let url = positionals.get_mut(1).ok_or_else(|| {
            Refused::Error(usage(format!("operation '{}' has no path", operation.name)))
        })?;
        let call = format!("hit @{target}");
        *url = fill_path(
            url,
            operation,
            &call,
            &mut cli.args,
            after,
            &cli.profile.vars,
        )
        .map_err(Refused::Error)?;
        expanded.operation = Some(OperationCall {
            profile: saved.profile.clone(),
            name: operation.name.clone(),
        });
    }
    let cli = &mut expanded.cli;
    cli.args.splice(0..0, positionals);
    cli.profile.profile = Some(saved.profile);
    cli.profile.vars.clear();
    Ok(expanded)
}

/// The operation's path template with its parameters filled: by the bare words (words
/// that are not items: no `=`, `:` or `@`) at `args[after..]`, which are taken out, then by
/// `--var NAME=VALUE`. Values are percent-encoded as path segments: `a/b` stays one.
fn fill_path(
    template: &str,
    operation: &OperationWords,
    call: &str,
    args: &mut Vec<String>,
    after: usize,
    vars: &[String],
) -> anyhow::Result<String> {
    let bare = |word: &String| !word.contains(['=', ':', '@']) && !word.is_empty();
    let mut given: Vec<(String, String)> = Vec::new();
    for name in &operation.path_parameters {
        if args.get(after).is_some_and(bare) {
            given.push((name.clone(), args.remove(after)));
        }
    }
    for raw in vars {
        let Some((name, value)) = raw.split_once('=') else {
            return Err(usage(format!("bad --var '{raw}': expected NAME=VALUE")));
        };
        if !operation.path_parameters.iter().any(|p| p == name) {
            return Err(usage(format!(
                "--var {name}: operation '{}' has no path parameter '{name}' (it has: {})",
                operation.name,
                listed(&operation.path_parameters)
            )));
        }
        given.retain(|(n, _)| n != name);
        given.push((name.to_string(), value.to_string()));
    }
    let mut path = template.to_string();
    for name in &operation.path_parameters {
        let Some((_, value)) = given.iter().find(|(n, _)| n == name) else {
            let words: Vec<String> = (operation.path_parameters.iter())
                .map(|p| p.to_uppercase())
                .collect();
            return Err(usage(format!(
                "operation '{}' needs its path parameter '{name}': {call} {} (or --var \
                 {name}=VALUE)",
                operation.name,
                words.join(" ")
            )));
        };
        // A URL reads `.` and `..` (encoded or not) as steps in the path, not as a segment.
        if value == "." || value == ".." {
            return Err(usage(format!(
                "path parameter '{name}' cannot be '{value}': a URL takes it as a step in the \
                 path, and the request would go elsewhere"
            )));
        }
        let encoded = percent_encoding::utf8_percent_encode(value, PATH_SEGMENT).to_string();
        path = path.replace(&format!("{{{name}}}"), &encoded);
    }
    Ok(path)
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// What a path parameter's value may not hold as it is (RFC 3986 §3.3: a segment).
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

#[cfg(test)]
mod tests {
    use super::*;

    fn read(words: &[&str]) -> Result<Invocation, Refused> {
        let lookup = |target: &str, chosen: Option<String>, vars: &[String]| {
            assert_eq!(target, "gh/issues");
            assert_eq!(chosen.as_deref(), Some("other"));
            assert_eq!(vars, ["repo=hit"]);
            Ok(Found::Saved(SavedRequestWords {
                profile: "gh".into(),
                options: vec![
                    "-H".into(),
                    "X-SavedRequestWords: 1".into(),
                    "--retry=1".into(),
                ],
                positionals: vec!["POST".into(), "/repos/hit/issues".into(), "a=1".into()],
                operation: None,
            }))
        };
        let args = std::iter::once("hit").chain(words.iter().copied());
        Invocation::read(args.map(OsString::from).collect(), &lookup)
    }

    #[test]
    fn a_saved_request_goes_first_and_its_name_profile_and_vars_are_used_up() {
        let Ok(Invocation::Request(parsed)) = read(&[
            "-P",
            "other",
            "@gh/issues",
            "b=2",
            "--var",
            "repo=hit",
            "--retry",
            "2",
            "--",
            "c=3",
        ]) else {
            panic!("not a request");
        };
        let cli = &parsed.cli;
        assert_eq!(cli.args, ["POST", "/repos/hit/issues", "a=1", "b=2", "c=3"]);
        assert_eq!(cli.profile.profile.as_deref(), Some("gh"));
        assert!(cli.profile.vars.is_empty());
        assert_eq!(cli.request.headers, ["X-SavedRequestWords: 1"]);
        assert_eq!(cli.retry.retry, Some(2), "the command line's option wins");
    }

    #[test]
    fn a_profile_with_a_document_alone_lists_its_operations() {
        let lookup = |target: &str, _: Option<String>, _: &[String]| {
            Ok(Found::Operations {
                profile: target.to_string(),
            })
        };
        let read = |words: &[&str]| {
            let args = std::iter::once("hit").chain(words.iter().copied());
            Invocation::read(args.map(OsString::from).collect(), &lookup)
        };
        let Ok(Invocation::Operations { profile, color }) = read(&["--color=never", "@pets"])
        else {
            panic!("not the listing");
        };
        assert_eq!((profile.as_str(), color), ("pets", ColorWhen::Never));
        let Err(Refused::Error(err)) = read(&["@pets", "more"]) else {
            panic!("more words are an operation's");
        };
        assert!(
            err.to_string()
                .contains("hit @pets/OPERATION ... calls one")
        );
    }

    #[test]
    fn the_first_word_chooses_the_parser() {
        assert!(matches!(
            read(&["serve", "--port", "0"]),
            Ok(Invocation::Serve(_))
        ));
        assert!(matches!(
            read(&["explain", "429"]),
            Ok(Invocation::Explain(_))
        ));
        assert!(matches!(
            read(&["save", "--help"]),
            Ok(Invocation::SaveHelp)
        ));
        assert!(matches!(
            read(&["--generate", "man"]),
            Ok(Invocation::Generate(Generate::Man))
        ));
        let Err(Refused::Clap { help, .. }) = read(&["serve", "--nope"]) else {
            panic!("serve's own options");
        };
        assert_eq!(help, "hit serve --help");
        let Err(Refused::Error(err)) = read(&["-v", "serve"]) else {
            panic!("a command's word after options");
        };
        assert!(
            err.to_string()
                .starts_with("'hit serve' takes its own options after the word")
        );
    }
}
