//! The words of the help, the man page and the messages for options from other tools.

pub const ABOUT: &str = "Hit an endpoint: curl's reach, HTTPie's syntax, HTTP semantics built in.";

pub const ARGS_HELP: &str = "\
[METHOD] URL [ITEM ...]

METHOD is optional and case-insensitive: GET, or POST when the request has a body.
URL may omit the scheme (http for localhost and 127.0.0.1, https elsewhere);
':8080/path' means http://localhost:8080/path. 'hit serve' starts a practice
API on 127.0.0.1:8080 and 'hit explain TOPIC' explains HTTP (see their --help);
profile, save and run are reserved for commands. Reach a host named so as
http://serve/.

ITEM is one of:
  Name:Value      header ('Name:' removes a default header, 'Name;' sends it empty)
  name==value     query parameter, appended to the URL's query
  name=value      JSON string field (form field with --urlencoded or --multipart)
  name:=json      raw JSON value: n:=3 ok:=true tags:='[\"a\",\"b\"]'
  name@path       file upload (switches to multipart/form-data)
  name=@path, name:=@path, Name:@path, name==@path
                  the value is read from a file
Nested JSON: user[name]=x tags[]=a tags[1]=b; a top-level array: []:=1
A backslash makes a separator literal ('a\\=b=c', 'path=C\\:\\dir'); before
anything else it stays, as in HTTPie (in nested keys it escapes [, ] and \\, and
'\\1' is the key \"1\", not an index).";

pub const EXAMPLES: &str = "\
Examples:
  hit serve                                 a practice API on 127.0.0.1:8080
  hit explain 429                           what a status, method or header means
  hit --offline POST :8080/orders item=book  the request as it would be sent
  hit :8080/users page==2                   GET http://localhost:8080/users?page=2
  hit POST :8080/users name=Ada admin:=true  JSON body {\"name\":\"Ada\",\"admin\":true}
  hit PUT example.org/x X-Api-Key:secret < body.json
  hit -F avatar=@me.png :8080/profile       multipart upload
  hit -d 'a=1&b=2' :8080/form               a curl-style form body
  hit :8080/users --jq '.users[0].name' --raw-output   one field, through a jq filter
  hit -q :8080/health --check '.status == \"ok\"'     exit 1 unless the check holds
  hit -P gh /user                           with profile gh's base URL, token and headers
  hit @gh/issues --var repo=hit             a saved request (hit save NAME ... keeps one)";

/// `hit save --help`, and the man page's SAVED REQUESTS.
pub const SAVED_HELP: &str = "\
Saved requests:
  hit save NAME [OPTIONS] [METHOD] URL [ITEM ...]
      Keep the request in the profile given with -P (or HIT_PROFILE), else in 'default'.
      {NAME} placeholders are kept as written. A literal credential (-u user:password,
      --bearer, an Authorization header, -b cookies) is refused unless --store-secret:
      let the profile supply it (hit profile add --bearer-env VAR).
  hit @NAME [ITEM ...] [OPTIONS]
  hit @PROFILE/NAME [ITEM ...] [OPTIONS]
      Run it, with more items and options after its own (an option given again wins).
      --var NAME=VALUE fills {NAME}; a placeholder without a value is a usage error.
  hit profile show PROFILE lists a profile's saved requests.";

/// The exit codes (SPEC §5), after the options in `--help` and in the man page.
pub const EXIT_STATUS: &str = "\
Exit status:
  0    success: 1xx, 2xx or 304 (also when the reader of stdout went away)
  1    a --check failed, or another error: a file that cannot be read or written,
       a body over a limit, a body --jq cannot read as JSON
  2    usage error: a bad option, item or URL
  3    a 3xx response other than 304 (a redirect not followed)
  4    a 4xx response
  5    a 5xx response
  6    too many redirects
  7    could not connect: DNS, refused, TLS, a proxy that refused
  8    timed out (--connect-timeout, -m, --timeout)
  9    the transfer broke, or the response is not HTTP
  130  interrupted (Ctrl-C)
--ignore-status makes 3, 4 and 5 exit 0.";

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
