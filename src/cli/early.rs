//! Command lines read before clap parses them: `hit --generate KIND`, and `hit WORD ...` for
//! the commands with parsers of their own.

use clap::ValueEnum;

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

/// `hit --generate KIND`, if that is the whole command line.
pub fn generate_request() -> Option<Result<Generate, String>> {
    // args_os: an argument that is not UTF-8 (a file name) must not stop hit here.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match args.as_slice() {
        [flag, kind] if flag == "--generate" => {
            let kind = kind.to_string_lossy();
            Some(Generate::from_str(&kind, true).map_err(|_| {
                format!("--generate takes bash, zsh, fish, powershell, elvish or man, not '{kind}'")
            }))
        }
        _ => None,
    }
}

/// The command line from `WORD` on, when `WORD` is its first argument (`hit serve --port
/// 8080`): what a command's own parser reads.
pub fn command_args(word: &str) -> Option<Vec<std::ffi::OsString>> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    (args.first()? == word).then_some(args)
}
