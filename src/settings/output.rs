//! What to show and where: sections, colour, formatting, files, `-w`.

use std::path::PathBuf;

use anyhow::Result;

use super::{RequestSettings, Template, Terminal, env_flag};
use crate::cli::{Cli, ColorWhen, FilesArgs, FilterArgs, OutputArgs, OutputFormat, Pretty};
use crate::error::{cannot_read, usage};
use crate::items::Item;

/// What to show, and how.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    pub sections: Sections,
    /// Reformat JSON bodies.
    pub format: bool,
    /// Emit colour escapes.
    pub color: bool,
    pub stdout_is_terminal: bool,
    /// Save the response body to a file instead of printing it.
    pub save: Option<SaveSettings>,
    /// Progress bars on stderr (a terminal that can redraw, without `-q` or `-s`).
    pub progress: bool,
    /// Print warnings (off with `-q` and `-s`).
    pub warnings: bool,
    /// Say on stderr why the exit code is not 0: the failing status, a connection error, a
    /// failed check. Kept by `-q` and `-sS`; off with `-qq` and `-s` alone.
    pub status_failures: bool,
    /// Spaces per level of pretty-printed JSON.
    pub indent: usize,
    pub sort_keys: bool,
    /// Flush each chunk of the body as it arrives.
    pub stream: bool,
    /// `--output-format json`: one JSON document instead of the sections.
    pub document: bool,
    /// `-w`: printed after the transfer.
    pub write_out: Option<Template>,
    /// `-f`: no body for a 4xx or 5xx.
    pub fail: bool,
    pub ignore_status: bool,
    /// What is hidden wherever a request or response is shown.
    pub redaction: Redaction,
    /// curl's `-D FILE`: each response's head written to FILE as received (`-` is stdout).
    pub dump_header: Option<PathBuf>,
    /// curl's `--trace FILE`: the `-v` view written to FILE, without colour.
    pub trace: Option<PathBuf>,
    /// `--clobber`: `-D FILE` and `--trace FILE` replace an existing file, as `-o` does.
    pub clobber: bool,
    /// Show the request line, dimmed, above the response head: see [`shows_chosen_method`].
    pub chosen_method: bool,
}

/// Credentials are shown as `••••` unless `--show-secrets` (SPEC §8).
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    /// `--show-secrets`: hide nothing.
    pub off: bool,
    /// Headers whose values came from a profile's secrets, besides `Authorization`,
    /// `Proxy-Authorization`, `Cookie` and `Set-Cookie`, which are always hidden.
    pub headers: Vec<String>,
    /// Values hidden wherever they stand in a shown request (a `.http` file's
    /// `{{$processEnv NAME}}`), each as written and as a URL carries it; see
    /// `output::redact`'s `Redaction::hide`.
    pub values: Vec<String>,
    /// Secrets a profile took from environment variables, and the variable of each
    /// (`GITHUB_TOKEN`): `--curl` reads each from its own variable.
    pub variables: Vec<(String, String)>,
}

/// The parts of an exchange to print (SPEC §4's `-p HBhbm`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sections {
    pub request_headers: bool,
    pub request_body: bool,
    pub response_headers: bool,
    pub response_body: bool,
    pub meta: bool,
}

impl Sections {
    /// Parses `-p` letters: H B h b m.
    pub fn parse(letters: &str) -> Result<Sections> {
        let mut s = Sections::default();
        for c in letters.chars() {
            match c {
                'H' => s.request_headers = true,
                'B' => s.request_body = true,
                'h' => s.response_headers = true,
                'b' => s.response_body = true,
                'm' => s.meta = true,
                _ => {
                    return Err(usage(format!(
                        "bad --print '{letters}': '{c}' is not one of H B h b m"
                    )));
                }
            }
        }
        Ok(s)
    }
}

/// Where and how to save the body.
#[derive(Debug, Clone)]
pub struct SaveSettings {
    pub target: Target,
    /// `--clobber`: replace an existing file.
    pub clobber: bool,
    /// curl's `--create-dirs`: make the file's missing directories.
    pub create_dirs: bool,
    /// `-C -`: continue a partial file.
    pub resume: bool,
    /// `--ignore-status`: a 4xx/5xx body is saved too (otherwise it is not a download).
    pub error_bodies: bool,
}

/// How the file is named.
#[derive(Debug, Clone)]
pub enum Target {
    /// `-o FILE`.
    Named(PathBuf),
    /// `-O`, and with `-J` the server's Content-Disposition name first.
    Remote { from_header: bool },
}

/// Whether the line that explains a non-zero exit reaches stderr: `-q` keeps it (only `-qq`
/// silences it, as HTTPie's `-qq`); `-s` silences it unless `-S` is given, as in curl.
pub fn explains_failures(cli: &Cli) -> bool {
    cli.output.explains_failures()
}

pub fn output_settings(
    o: &OutputArgs,
    files: &FilesArgs,
    filter: &FilterArgs,
    terminal: Terminal,
) -> Result<OutputSettings> {
    let save = save_settings(o, files, filter)?;
    let quiet = o.quiet > 0;
    let warnings = !quiet && !o.silent;
    let sections = sections(o, filter, terminal, save.is_some())?;

    let color = use_color(o.color, terminal.stdout);
    // A pipe gets the exact bytes; forced colour there paints them but keeps the layout.
    let pretty = o.style.pretty.unwrap_or(match (terminal.stdout, color) {
        (true, _) => Pretty::All,
        (false, true) => Pretty::Colors,
        (false, false) => Pretty::None,
    });
    Ok(OutputSettings {
        sections,
        format: matches!(pretty, Pretty::All | Pretty::Format),
        color: color && matches!(pretty, Pretty::All | Pretty::Colors),
        stdout_is_terminal: terminal.stdout,
        save,
        progress: warnings && terminal.stderr && terminal.draws && !o.no_progress_meter,
        warnings,
        status_failures: o.explains_failures(),
        indent: o.indent,
        sort_keys: o.sort_keys,
        stream: o.stream,
        document: o.output_format == Some(OutputFormat::Json),
        write_out: o.write_out.as_deref().map(write_out_template).transpose()?,
        fail: o.fail,
        ignore_status: o.ignore_status,
        redaction: Redaction {
            off: o.show_secrets,
            headers: Vec::new(),
            values: Vec::new(),
            variables: Vec::new(),
        },
        dump_header: o.dump_header.clone(),
        trace: o.trace.clone(),
        clobber: files.clobber,
        chosen_method: false,
    })
}

/// The sections a response is shown with: `-p`, `-v`, `-i`, `-q` and their kin, else by
/// where stdout goes. `saving`: the body goes to a file.
fn sections(
    o: &OutputArgs,
    filter: &FilterArgs,
    terminal: Terminal,
    saving: bool,
) -> Result<Sections> {
    let all = |meta| Sections {
        request_headers: true,
        request_body: true,
        response_headers: true,
        response_body: true,
        meta,
    };
    let headers_only = Sections {
        response_headers: true,
        ..Sections::default()
    };
    let body_only = Sections {
        response_body: true,
        ..Sections::default()
    };
    Ok(if o.quiet > 0 {
        Sections::default()
    } else if let Some(letters) = &o.sections.print {
        Sections::parse(letters)?
    } else if o.verbose > 0 {
        all(o.verbose > 1)
    } else if o.head || o.headers_only {
        headers_only
    } else if o.body_only || (filter.jq.is_some() && !o.include) {
        // --jq prints its results, as jq would: the head only when asked for.
        body_only
    } else if o.include || (terminal.stdout && !saving) {
        Sections {
            response_headers: true,
            response_body: true,
            ..Sections::default()
        }
    } else if saving {
        Sections::default()
    } else {
        body_only
    })
}

/// On a terminal, when data items made a request with no method a POST (`hit
/// :8080/products category=shoes`), the response head has the request line above it,
/// dimmed, so that `category=shoes` typed for the query `category==shoes` shows why a
/// filter became a POST. Not in a pipe, not when the request head is shown already (`-v`),
/// and not when the response head is not (`--body`, `--jq`, `-q`, `-o`).
pub(super) fn shows_chosen_method(output: &OutputSettings, request: &RequestSettings) -> bool {
    let data_items = request
        .items
        .iter()
        .any(|item| matches!(item, Item::Field(_) | Item::File { .. }));
    output.stdout_is_terminal
        && output.sections.response_headers
        && !output.sections.request_headers
        && !output.document
        && request.method.is_none()
        && data_items
}

/// `-o FILE` (`-` is stdout), `-O`, `-J`, `--clobber` and `-C -`.
fn save_settings(
    o: &OutputArgs,
    files: &FilesArgs,
    filter: &FilterArgs,
) -> Result<Option<SaveSettings>> {
    let target = match &files.output {
        Some(path) if path.as_os_str() != "-" => Some(Target::Named(path.clone())),
        _ if files.remote_name || files.remote_header_name => Some(Target::Remote {
            from_header: files.remote_header_name,
        }),
        _ => None,
    };
    let resume = files.continue_at.is_some();
    let filtering = filter.jq.is_some() || !filter.check.is_empty();
    if filtering && target.is_some() {
        return Err(usage(
            "--jq and --check read the body, and -o/-O save it as it came: use one or the other \
             (hit URL --jq FILTER > FILE saves what the filter prints)",
        ));
    }
    if filtering && o.output_format == Some(OutputFormat::Json) {
        return Err(usage(
            "--jq and --check read the body, and --output-format json embeds it: use one or the other",
        ));
    }
    let Some(target) = target else {
        if resume {
            return Err(usage("-C - resumes a file: give it with -o FILE or -O"));
        }
        return Ok(None);
    };
    Ok(Some(SaveSettings {
        target,
        clobber: files.clobber,
        create_dirs: files.create_dirs,
        resume,
        error_bodies: o.ignore_status,
    }))
}

/// `-w FORMAT`, or `-w @file` to read the format from a file.
fn write_out_template(raw: &str) -> Result<Template> {
    let format = match raw.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| usage(format!("bad --write-out: {}", cannot_read(path, &e))))?,
        None => raw.to_string(),
    };
    Template::parse(&format).map_err(|why| usage(format!("bad --write-out: {why}")))
}

/// SPEC §4: `--color auto` colours a terminal unless `NO_COLOR` or `TERM=dumb`;
/// `FORCE_COLOR`/`CLICOLOR_FORCE` force it.
pub fn use_color(when: ColorWhen, stdout_is_terminal: bool) -> bool {
    match when {
        ColorWhen::Never => false,
        ColorWhen::Always => true,
        ColorWhen::Auto => {
            if env_flag("FORCE_COLOR") || env_flag("CLICOLOR_FORCE") {
                return true;
            }
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            stdout_is_terminal && !no_color && !dumb
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_letters() {
        let s = Sections::parse("Hb").unwrap();
        assert!(s.request_headers && s.response_body && !s.response_headers);
        assert!(Sections::parse("x").is_err());
    }
}
