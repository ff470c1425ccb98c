//! The words of the help, the man page and the messages for options from other tools.

pub const ABOUT: &str = "Hit an endpoint: curl's reach, HTTPie's syntax, HTTP semantics built in.";

pub const ARGS_HELP: &str = "\
[METHOD] URL [ITEM ...]

METHOD is optional and case-insensitive: GET, or POST when the request
has a body. URL may omit the scheme (http for localhost and 127.0.0.1,
https elsewhere); ':8080/path' means http://localhost:8080/path. A first
word that names a command (see Commands) runs it; reach a host named so
as http://serve/.

ITEM is one of:
  Name:Value      header ('Name:' removes a default header, 'Name;'
                  sends it empty)
  name==value     query parameter, appended to the URL's query
  name=value      JSON string field (a form field with --urlencoded or
                  --multipart)
  name:=json      raw JSON value: n:=3 ok:=true tags:='[\"a\",\"b\"]'
  name@path       file upload (switches to multipart/form-data)
  name=@path, name:=@path, Name:@path, name==@path
                  the value is read from a file
Nested JSON: user[name]=x tags[]=a tags[1]=b; a top-level array: []:=1
A backslash makes a separator literal ('a\\=b=c', 'path=C\\:\\dir');
before anything else it stays, as in HTTPie (in nested keys it escapes
[, ] and \\, and '\\1' is the key \"1\", not an index).";

/// The commands and what each does, for the zsh completions (as in [`COMMANDS`]).
pub const COMMAND_NAMES: &[(&str, &str)] = &[
    (
        "serve",
        "a practice API on 127.0.0.1:8080 to learn and test against",
    ),
    ("explain", "what a status, method, header or topic means"),
    ("run", "send the requests of a .http or .rest file"),
    ("test", "run .http files as a test suite, with reports"),
    (
        "profile",
        "keep a base URL, credentials and headers under a name",
    ),
    ("save", "keep a request to run again as hit @NAME"),
    ("auth", "log in with OAuth 2.0 for a profile"),
];

/// The commands, first in `-h` and `--help` and in the man page's COMMANDS.
pub const COMMANDS: &str = "\
Commands:
  serve     a practice API on 127.0.0.1:8080 to learn and test against
  explain   what a status, method, header or topic means: hit explain 429
  run       send the requests of a .http or .rest file: hit run api.http
  test      run .http files as a test suite, with reports: hit test api/
  profile   keep a base URL, credentials and headers under a name (-P)
  save      keep a request to run again as hit @NAME
  auth      log in with OAuth 2.0 for a profile: hit auth login api
  Each command has its own --help: hit serve --help";

pub const EXAMPLES: &str = "\
Examples:
  hit serve                              a practice API on 127.0.0.1:8080
  hit explain 429                        what a status or header means
  hit --offline POST :8080/orders item=book
                                         the request as it would be sent
  hit :8080/users page==2                GET localhost:8080/users?page=2
  hit POST :8080/users name=Ada admin:=true
                                         JSON {\"name\":\"Ada\",\"admin\":true}
  hit PUT example.org/x X-Api-Key:secret < body.json
  hit -F avatar=@me.png :8080/profile    multipart upload
  hit -d 'a=1&b=2' :8080/form            a curl-style form body
  hit :8080/users --jq '.users[0].name' --raw-output
                                         one field, through a jq filter
  hit -q :8080/health --check '.status == \"ok\"'
                                         exit 1 unless the check holds
  hit -P gh /user                        with profile gh's URL and token
  hit @gh/issues --var repo=hit          a saved request (see hit save)";

/// `hit save --help`, and the man page's SAVED REQUESTS.
pub const SAVED_HELP: &str = "\
Saved requests:
  hit save NAME [OPTIONS] [METHOD] URL [ITEM ...]
      Keep the request in the profile given with -P (or HIT_PROFILE),
      else in 'default'. {NAME} placeholders are kept as written. A
      literal credential (-u user:password, --bearer, an Authorization
      header, -b cookies) is refused unless --store-secret: let the
      profile supply it (hit profile add --bearer-env VAR).
  hit @NAME [ITEM ...] [OPTIONS]
  hit @PROFILE/NAME [ITEM ...] [OPTIONS]
      Run it, with more items and options after its own (an option
      given again wins). --var NAME=VALUE fills {NAME}; a placeholder
      without a value is a usage error.
  hit profile show PROFILE lists a profile's saved requests.
  hit @PROFILE
  hit @PROFILE/OPERATION [PATH-PARAMETER ...] [ITEM ...] [OPTIONS]
      For a profile with an OpenAPI document (hit profile add NAME
      --openapi FILE|URL): list its operations, or call one by name,
      its path parameters as bare words in order (or --var
      NAME=VALUE). hit explain @PROFILE/OPERATION describes one.";

/// The exit codes (SPEC §5), after the options in `--help` and in the man page.
pub const EXIT_STATUS: &str = "\
Exit status:
  0    success: 1xx, 2xx or 304 (also when the reader of stdout went
       away)
  1    a --check failed, or another error: a file that cannot be read
       or written, a body over a limit, a body --jq cannot read as JSON
  2    usage error: a bad option, item or URL
  3    a 3xx response other than 304 (a redirect not followed)
  4    a 4xx response
  5    a 5xx response
  6    too many redirects
  7    could not connect: DNS, refused, TLS, a proxy that refused
  8    timed out (--connect-timeout, -m, --timeout)
  9    the transfer broke, or the response is not HTTP
  10   a WebSocket did not open (a handshake answered with another 2xx
       than 101, a wrong Sec-WebSocket-Accept) or closed abnormally (a
       close code other than 1000/1001, a protocol error, the connection
       lost without a close)
  130  interrupted (Ctrl-C)
--ignore-status makes 3, 4 and 5 exit 0. hit test exits 0 when every
request passed, 1 when one failed, 2 for a usage or parse error (nothing
is sent) and 130 when interrupted.";

/// The man page's ENVIRONMENT: what hit reads from the environment.
pub const ENVIRONMENT: &str = "\
Environment:
  HIT_PROFILE      the profile to use when -P is not given
  HIT_CONFIG_DIR   where profiles are kept: $HIT_CONFIG_DIR/profiles
  HIT_DATA_DIR     where OAuth tokens are kept: $HIT_DATA_DIR/tokens
  BROWSER          the browser hit auth login opens (else xdg-open, open)
  NO_COLOR         when set and not empty, --color auto does not colour
  FORCE_COLOR, CLICOLOR_FORCE
                   when set and not 0, --color auto colours a pipe too
  TERM             TERM=dumb turns colour off, as NO_COLOR does
  http_proxy       the proxy for http URLs (lower case only, as curl)
  https_proxy, HTTPS_PROXY
                   the proxy for https URLs
  all_proxy, ALL_PROXY
                   the proxy for both, when the scheme's is not set
                   A proxy is http://, https://, socks4://, socks4a://,
                   socks5:// or socks5h:// (socks5h and socks4a hand
                   the host name to the proxy); user:password@ logs in.
  no_proxy, NO_PROXY
                   hosts reached directly: names (and subdomains),
                   addresses, networks such as 10.0.0.0/8, or *
  COMPLETE         COMPLETE=bash hit (or zsh, fish, elvish, powershell)
                   prints the dynamic completion script, which also
                   completes profiles and saved requests:
                   source <(COMPLETE=bash hit)
  A .http file's {{$processEnv NAME}} reads NAME; a profile made with
  --bearer-env, --password-env or --header-env reads the variables
  they name.";

/// The man page's FILES.
pub const FILES: &str = "\
Files:
  ~/.config/hit/profiles/NAME.toml
                   a profile and its saved requests, 0600; the directory
                   is $HIT_CONFIG_DIR/profiles when that is set, else
                   $XDG_CONFIG_HOME/hit/profiles on Linux,
                   ~/Library/Application Support/hit/profiles on macOS,
                   %APPDATA%\\hit\\config\\profiles on Windows
  ~/.config/hit/profiles/NAME.cookies
                   the cookie jar of a profile made with --cookies, 0600
  ~/.local/share/hit/tokens/NAME.json
                   the OAuth tokens of a profile, 0600 in a 0700
                   directory ($HIT_DATA_DIR/tokens when that is set)
  http-client.env.json, http-client.private.env.json
                   beside a .http file: the variables of
                   hit run FILE --env NAME (the private file's win)
  No cookie jar is read or written by default: -b FILE and -c FILE
  name one.";

/// Options of curl and HTTPie that hit spells another way: which tool has the option, and
/// what hit does instead.
const FOREIGN_OPTIONS: &[(&str, &str, &str)] = &[
    ("--download", "HTTPie", "hit's is -O (or -o FILE)"),
    (
        "--session",
        "HTTPie",
        "hit keeps them as profiles: -P NAME (hit profile add NAME --cookies keeps a jar)",
    ),
    ("--all", "HTTPie", "hit's -v shows every redirect and retry"),
    ("--socks4", "curl", "hit's is -x socks4://HOST[:PORT]"),
    ("--socks4a", "curl", "hit's is -x socks4a://HOST[:PORT]"),
];

/// The line for an unknown option that curl or HTTPie has: `--follow is HTTPie's option;
/// hit's is -L/--location`.
pub fn foreign_option(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let Some(ContextValue::String(given)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    let name = given.split('=').next().unwrap_or(given);
    if let Some((option, tool, instead)) = FOREIGN_OPTIONS.iter().find(|(o, _, _)| *o == name) {
        return Some(format!("{option} is {tool}'s option; {instead}"));
    }
    let (curls, other) = if super::curl_options::LONG.contains(&name) {
        (name.to_string(), None)
    } else {
        let (short, long) = super::curl_options::SHORT
            .iter()
            .find(|(short, _)| name.starts_with(short))?;
        let other = OTHER_LETTERS.iter().find(|(s, _)| s == short);
        (format!("{short} ({long})"), other.map(|(_, other)| *other))
    };
    // The report adds "(see 'hit --help')".
    Some(match other {
        Some(other) => format!("{curls} is a curl option hit does not support; {other}"),
        None => format!("{curls} is a curl option hit does not support"),
    })
}

/// curl's letters hit does not support that HTTPie gives another meaning: what to use.
const OTHER_LETTERS: &[(&str, &str)] = &[(
    "-a",
    "for credentials (HTTPie's -a, --auth) use -u USER[:PASSWORD]",
)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_list_names_every_command() {
        let listed: Vec<&str> = COMMANDS
            .lines()
            .filter_map(|line| line.strip_prefix("  "))
            .filter_map(|line| line.split_whitespace().next())
            .filter(|word| word.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        let names: Vec<&str> = COMMAND_NAMES.iter().map(|(name, _)| *name).collect();
        assert_eq!(listed, names);
        for (name, about) in COMMAND_NAMES {
            assert!(COMMANDS.contains(&format!("  {name:<10}{about}")), "{name}");
        }
    }
}
