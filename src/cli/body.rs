//! The request body's options: curl's `--data*`, `--json`, `-F`, `-T` and the item encodings.

use std::path::PathBuf;

use clap::Args;

/// The request body: curl's data options, forms, uploads and how items are encoded.
#[derive(Args, Debug, Clone, Default)]
pub struct BodyArgs {
    /// Body data, curl-style: '@file' reads a file (newlines stripped), '@-' stdin
    #[arg(
        short = 'd',
        long = "data",
        alias = "data-ascii",
        value_name = "DATA",
        allow_hyphen_values = true,
        help_heading = "Body"
    )]
    pub data: Vec<String>,

    /// Body data sent exactly as given; '@' has no special meaning
    #[arg(
        long,
        value_name = "DATA",
        allow_hyphen_values = true,
        help_heading = "Body"
    )]
    pub data_raw: Vec<String>,

    /// Body data; '@file' reads the file byte for byte
    #[arg(
        long,
        value_name = "DATA",
        allow_hyphen_values = true,
        help_heading = "Body"
    )]
    pub data_binary: Vec<String>,

    /// Body data, URL-encoded: 'content', 'name=content', '@file' or 'name@file'
    #[arg(long, value_name = "DATA", help_heading = "Body")]
    pub data_urlencode: Vec<String>,

    /// A JSON body, curl-style (sets Content-Type and Accept to application/json)
    #[arg(long, value_name = "DATA", help_heading = "Body")]
    pub json: Vec<String>,

    /// A multipart field: name=value, name=@file (upload) or name=<file (text from file)
    #[arg(
        short = 'F',
        long = "form",
        value_name = "NAME=CONTENT",
        allow_hyphen_values = true,
        help_heading = "Body"
    )]
    pub form: Vec<String>,

    /// Which `form` values came from curl's `--form-string` (taken as written): filled in
    /// after parsing, with `form` in command-line order.
    #[arg(skip)]
    pub form_literal: Vec<bool>,

    /// Send data items as application/x-www-form-urlencoded
    #[arg(long, conflicts_with = "multipart", help_heading = "Body")]
    pub urlencoded: bool,

    /// Send data items as multipart/form-data
    #[arg(long, help_heading = "Body")]
    pub multipart: bool,

    /// Upload a file as the body (PUT unless a method is given); '-' is stdin
    #[arg(short = 'T', long, value_name = "FILE", help_heading = "Body")]
    pub upload_file: Option<PathBuf>,

    /// Put -d data into the URL query and send a GET
    #[arg(short = 'G', long, help_heading = "Body")]
    pub get: bool,

    /// Never read the request body from stdin
    #[arg(long, help_heading = "Body")]
    pub no_stdin: bool,
}
