//! Saving the body: `-o`, `-O`, `-J`, `--clobber`, `-C -`.

use std::path::PathBuf;

use clap::Args;

use super::values::{ContinueAt, continue_at};

/// Saving the body to a file.
#[derive(Args, Debug, Clone, Default)]
pub struct FilesArgs {
    /// Write the response body to FILE instead of stdout ('-' is stdout); an existing file
    /// is kept unless --clobber or -C -
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Files")]
    pub output: Option<PathBuf>,

    /// Save the body in the current directory under the last part of the URL path
    #[arg(short = 'O', long, conflicts_with = "output", help_heading = "Files")]
    pub remote_name: bool,

    /// Save the body under the file name the server gives in Content-Disposition (implies
    /// -O, whose name is the fallback)
    #[arg(
        short = 'J',
        long,
        conflicts_with_all = ["output", "continue_at"],
        help_heading = "Files"
    )]
    pub remote_header_name: bool,

    /// Replace an existing file (without it, -O and -J pick 'name-1.ext' and -o refuses)
    #[arg(long, help_heading = "Files")]
    pub clobber: bool,

    /// Resume a download into an existing file: '-' asks for the bytes after its end
    #[arg(short = 'C', long, value_name = "-", value_parser = continue_at, help_heading = "Files")]
    pub continue_at: Option<ContinueAt>,

    /// Make the missing directories of -o FILE (curl's --create-dirs, read in cli::compat).
    #[arg(skip)]
    pub create_dirs: bool,
}
