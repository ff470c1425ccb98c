//! What is printed and how: sections, quiet levels, formatting, `-w`, exit status.

use clap::{ArgAction, Args};

use super::values::{ColorWhen, OutputFormat, Pretty, indent};

/// What to print and how.
#[derive(Args, Debug, Clone, Default)]
pub struct OutputArgs {
    /// Send a HEAD request and print the response headers
    #[arg(short = 'I', long, help_heading = "Output")]
    pub head: bool,

    /// Print the response headers too
    #[arg(short = 'i', long, help_heading = "Output")]
    pub include: bool,

    /// Print the request as well as the response (-vv adds metadata)
    #[arg(short = 'v', long, action = ArgAction::Count, help_heading = "Output")]
    pub verbose: u8,

    #[command(flatten)]
    pub sections: SectionsArgs,

    /// curl's `-D FILE` (read by `CompatArgs`): each response head, as received.
    #[arg(skip)]
    pub dump_header: Option<std::path::PathBuf>,

    /// curl's `--trace FILE` (read by `CompatArgs`): the `-v` view, without colour.
    #[arg(skip)]
    pub trace: Option<std::path::PathBuf>,

    /// Print only the response headers
    #[arg(
        long = "headers",
        conflicts_with = "body_only",
        help_heading = "Output"
    )]
    pub headers_only: bool,

    /// Print only the response body
    #[arg(long = "body", help_heading = "Output")]
    pub body_only: bool,

    /// Print nothing to stdout and no warnings; the line that explains a non-zero exit
    /// (failing status, error, failed check) stays. -qq silences that too
    #[arg(short = 'q', long, action = ArgAction::Count, help_heading = "Output")]
    pub quiet: u8,

    /// No warnings, no progress and no error lines, as curl's -s (usage errors still show)
    #[arg(short = 's', long, help_heading = "Output")]
    pub silent: bool,

    /// With -s: still show errors and a failing status, as curl's -sS does
    #[arg(short = 'S', long, help_heading = "Output")]
    pub show_error: bool,

    /// No progress bar (curl's --no-progress-meter, read in cli::compat).
    #[arg(skip)]
    pub no_progress_meter: bool,

    #[command(flatten)]
    pub style: StyleArgs,

    /// When to use colours
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, help_heading = "Output")]
    pub color: ColorWhen,

    /// Spaces per level of pretty-printed JSON, 0 to 16 (0: compact)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = indent, help_heading = "Output")]
    pub indent: usize,

    /// Print JSON objects with their keys sorted (reads the whole body first)
    #[arg(long, help_heading = "Output")]
    pub sort_keys: bool,

    /// Print each part of the body as it arrives (automatic for text/event-stream and
    /// application/x-ndjson)
    #[arg(long, help_heading = "Output")]
    pub stream: bool,

    /// Print the whole exchange as one JSON document instead of the sections
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = "Output")]
    pub output_format: Option<OutputFormat>,

    /// After the transfer print FORMAT with curl's variables: %{http_code}, %{time_total},
    /// %{size_download}, %{url_effective}, %header{name}, ... ('@file' reads it from a file)
    #[arg(short = 'w', long, value_name = "FORMAT", help_heading = "Output")]
    pub write_out: Option<String>,

    /// Do not print the body of a 4xx or 5xx response (say so on stderr instead)
    #[arg(short = 'f', long, help_heading = "Output")]
    pub fail: bool,

    /// Exit 0 for 3xx, 4xx and 5xx responses too
    #[arg(long, help_heading = "Output")]
    pub ignore_status: bool,

    /// Show credentials where hit prints them (Authorization, Cookie, Set-Cookie, URL
    /// passwords and a profile's secrets are shown as •••• without it)
    #[arg(long, help_heading = "Output")]
    pub show_secrets: bool,
}

/// `-p`: the sections to print (a profile keeps it too).
#[derive(Args, Debug, Clone, Default)]
pub struct SectionsArgs {
    /// What to print: H request headers, B request body, h response headers,
    /// b response body, m metadata
    #[arg(
        short = 'p',
        long = "print",
        value_name = "WHAT",
        help_heading = "Output"
    )]
    pub print: Option<String>,
}

/// `--pretty`: formatting and colours (a profile keeps it too).
#[derive(Args, Debug, Clone, Default)]
pub struct StyleArgs {
    /// Formatting and colours (default: all on a terminal, none in a pipe)
    #[arg(long, value_enum, value_name = "STYLE", help_heading = "Output")]
    pub pretty: Option<Pretty>,
}

impl OutputArgs {
    /// Whether the line that explains a non-zero exit reaches stderr: `-q` keeps it (only
    /// `-qq` silences it, as HTTPie's `-qq`); `-s` silences it unless `-S` is given, as in
    /// curl.
    pub fn explains_failures(&self) -> bool {
        self.quiet < 2 && (!self.silent || self.show_error)
    }

    /// The sections to print are chosen: `-p`, `-v`, `-I`, `-i`, `--headers` or `--body`.
    pub fn chooses_sections(&self) -> bool {
        self.sections.print.is_some()
            || self.verbose > 0
            || self.head
            || self.include
            || self.headers_only
            || self.body_only
    }
}
