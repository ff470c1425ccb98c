//! The options of `hit run` that every request of the file gets: hit's own output and
//! transfer options, handed on as they were written.

use std::path::PathBuf;

use clap::{ArgAction, Args, ValueEnum};

use crate::cli::{ColorWhen, OutputFormat, Pretty};

/// Options passed on to each request.
#[derive(Args, Debug, Default)]
pub struct Passed {
    /// Print the requests as well as the responses (-vv adds metadata)
    #[arg(short = 'v', long, action = ArgAction::Count, help_heading = "Output")]
    verbose: u8,
    /// What to print: H request headers, B request body, h response headers,
    /// b response body, m metadata
    #[arg(
        short = 'p',
        long = "print",
        value_name = "WHAT",
        help_heading = "Output"
    )]
    print: Option<String>,
    /// Print the response headers too
    #[arg(short = 'i', long, help_heading = "Output")]
    include: bool,
    /// Print only the response headers
    #[arg(
        long = "headers",
        conflicts_with = "body_only",
        help_heading = "Output"
    )]
    headers_only: bool,
    /// Print only the response bodies
    #[arg(long = "body", help_heading = "Output")]
    body_only: bool,
    /// Print nothing to stdout and no warnings
    #[arg(short = 'q', long, action = ArgAction::Count, help_heading = "Output")]
    quiet: u8,
    /// No warnings and no progress; errors are still shown
    #[arg(short = 's', long, help_heading = "Output")]
    silent: bool,
    /// Formatting and colours (default: all on a terminal, none in a pipe)
    #[arg(long, value_enum, value_name = "STYLE", help_heading = "Output")]
    pretty: Option<Pretty>,
    /// When to use colours [default: auto]
    #[arg(long, value_enum, value_name = "WHEN", help_heading = "Output")]
    color: Option<ColorWhen>,
    /// Print each exchange as one JSON document
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = "Output")]
    output_format: Option<OutputFormat>,
    /// After each transfer print FORMAT with curl's variables (%{http_code}, ...)
    #[arg(short = 'w', long, value_name = "FORMAT", help_heading = "Output")]
    write_out: Option<String>,
    /// Do not print the body of a 4xx or 5xx response
    #[arg(short = 'f', long, help_heading = "Output")]
    fail: bool,
    /// 3xx, 4xx and 5xx responses count as successes
    #[arg(long, help_heading = "Output")]
    ignore_status: bool,
    /// Show credentials where hit prints them
    #[arg(long, help_heading = "Output")]
    show_secrets: bool,
    /// Follow redirects
    #[arg(short = 'L', long, help_heading = "Transfer")]
    location: bool,
    /// The most each request may take, in seconds
    #[arg(short = 'm', long, value_name = "SECONDS", help_heading = "Transfer")]
    max_time: Option<String>,
    /// The most connecting may take, in seconds
    #[arg(long, value_name = "SECONDS", help_heading = "Transfer")]
    connect_timeout: Option<String>,
    /// Retry each request up to N times (idempotent ones only)
    #[arg(long, value_name = "N", help_heading = "Transfer")]
    retry: Option<String>,
    /// Do not check TLS certificates
    #[arg(short = 'k', long, help_heading = "Transfer")]
    insecure: bool,
    /// Trust this CA (or the server's own self-signed certificate)
    #[arg(long, value_name = "FILE", help_heading = "Transfer")]
    cacert: Option<PathBuf>,
}

impl Passed {
    /// `-q` (1) or `-qq` (2): what `hit run` itself keeps quiet.
    pub fn quiet(&self) -> u8 {
        self.quiet
    }

    /// The options as hit's own arguments.
    pub fn words(&self) -> Vec<String> {
        let mut words = Vec::new();
        let mut flag = |on: bool, word: &str| {
            if on {
                words.push(word.to_string());
            }
        };
        for _ in 0..self.verbose {
            flag(true, "-v");
        }
        for _ in 0..self.quiet {
            flag(true, "-q");
        }
        flag(self.include, "-i");
        flag(self.headers_only, "--headers");
        flag(self.body_only, "--body");
        flag(self.silent, "-s");
        flag(self.fail, "-f");
        flag(self.ignore_status, "--ignore-status");
        flag(self.show_secrets, "--show-secrets");
        flag(self.location, "-L");
        flag(self.insecure, "-k");
        let named = [
            ("--print", self.print.clone()),
            ("--pretty", self.pretty.as_ref().map(name)),
            ("--color", self.color.as_ref().map(name)),
            ("--output-format", self.output_format.as_ref().map(name)),
            ("--write-out", self.write_out.clone()),
            ("--max-time", self.max_time.clone()),
            ("--connect-timeout", self.connect_timeout.clone()),
            ("--retry", self.retry.clone()),
            (
                "--cacert",
                self.cacert.as_ref().map(|p| p.display().to_string()),
            ),
        ];
        for (option, value) in named {
            if let Some(value) = value {
                words.push(format!("{option}={value}"));
            }
        }
        words
    }
}

/// A value enum's name on the command line.
fn name(value: &impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        passed: Passed,
    }

    #[test]
    fn options_are_handed_on_as_written() {
        let args = [
            "run", "-vv", "-p", "hb", "--pretty", "none", "--color", "never", "-L", "-m", "2.5",
            "-k",
        ];
        let wrapper = Wrapper::try_parse_from(args).unwrap();
        assert_eq!(
            wrapper.passed.words(),
            [
                "-v",
                "-v",
                "-L",
                "-k",
                "--print=hb",
                "--pretty=none",
                "--color=never",
                "--max-time=2.5",
            ]
        );
    }
}
