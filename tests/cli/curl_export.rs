//! `--curl`: hit prints the request as one curl command (then `# ` lines) and sends nothing;
//! run by bash and curl, the command sends the same method, target, headers and body bytes
//! as hit sends itself, but for hit's own defaults that curl replaces with its own (see
//! [`sent`]). Each case sends the request both ways, to two servers, and compares what they
//! received.

use std::process::{Command, Stdio};

use crate::support::{Hit, Recorded, Reply, Run, Server, collect, hit, temp_file};

/// Where a case's arguments take the server's URL.
const URL: &str = "{url}";

/// Where a case's arguments take the server's address (`127.0.0.1:PORT`).
const ADDR: &str = "{addr}";

/// What stands for a multipart boundary when two requests are compared.
const BOUNDARY: &str = "BOUNDARY";

/// One request sent both ways: by hit, and by the command `hit --curl` printed.
struct Both {
    /// What `hit --curl` printed.
    command: String,
    by_hit: Recorded,
    by_curl: Recorded,
    /// What bash and curl wrote.
    shell: Run,
}

/// The arguments with [`URL`] replaced by `url`, and [`ADDR`] by the address in it.
fn with_url(args: &[&str], url: &str) -> Vec<String> {
    let addr = url
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default();
    args.iter()
        .map(|a| a.replace(URL, url).replace(ADDR, addr))
        .collect()
}

/// What hit and the command read on stdin.
#[derive(Clone, Copy)]
enum Input<'a> {
    Nothing,
    /// A pipe that gives these bytes.
    Pipe(&'a [u8]),
    /// This regular file.
    File(&'a str),
}

impl Input<'_> {
    fn stdio(self) -> Stdio {
        match self {
            Input::Nothing => Stdio::null(),
            Input::Pipe(_) => Stdio::piped(),
            Input::File(path) => Stdio::from(std::fs::File::open(path).expect("open stdin")),
        }
    }

    fn give_to(self, hit: Hit) -> Hit {
        match self {
            Input::Nothing => hit,
            Input::Pipe(bytes) => hit.stdin(bytes),
            Input::File(path) => hit.stdin_file(path),
        }
    }
}

/// `hit --curl ARGS` against a fresh server: the command printed, checked to be one command
/// line then only `# ` comment lines, and checked to have sent nothing.
fn curl_command(path: &str, args: &[&str]) -> (Server, String) {
    curl_command_with(path, args, Input::Nothing)
}

/// [`curl_command`] with `stdin` given to hit.
fn curl_command_with(path: &str, args: &[&str], stdin: Input) -> (Server, String) {
    let server = Server::ok();
    // The command is run, so it must carry the credentials (redaction.rs covers hiding them).
    let mut argv = vec!["--curl".to_string(), "--show-secrets".to_string()];
    argv.extend(with_url(args, &server.url(path)));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let run = stdin.give_to(hit(&argv)).run();
    run.success();
    assert!(
        server.requests().is_empty(),
        "--curl sent a request: {:#?}",
        server.requests()
    );
    let command = run.stdout();
    let mut lines = command.lines();
    let first = lines.next().unwrap_or_default();
    assert!(
        first.starts_with("curl ") || first.starts_with("printf "),
        "not a curl command: {command}"
    );
    for line in lines {
        assert!(
            line.starts_with("# "),
            "a second command line {line:?} in {command}"
        );
    }
    (server, command)
}

/// Runs `command` with bash in a clean environment (HOME an empty directory, so that no
/// .curlrc is read) from a script file: one argument to a program may hold at most 128 KiB,
/// which a command with a long body goes past, so `bash -c COMMAND` cannot run them all.
fn run_in_bash(command: &str, stdin: Input) -> Run {
    run_in_bash_with(command, stdin, &[])
}

/// [`run_in_bash`] with these environment variables too.
fn run_in_bash_with(command: &str, stdin: Input, env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("command.sh");
    std::fs::write(&script, command).expect("write the script");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("create HOME");
    let mut child = Command::new("/bin/bash")
        .arg(&script)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &home)
        .env("CURL_HOME", &home)
        .envs(env.iter().copied())
        .current_dir(dir.path())
        .stdin(stdin.stdio())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn bash");
    if let Input::Pipe(bytes) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    collect(child)
}

/// Sends the request hit sends for `args` (with [`URL`] standing for `path` on a server)
/// both ways, with `stdin` given to hit and to the command alike.
fn both_ways_with(path: &str, args: &[&str], stdin: Input) -> Both {
    let server = Server::ok();
    let argv = with_url(args, &server.url(path));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    stdin.give_to(hit(&argv)).run().success();
    let by_hit = server.only_request();

    let (server, command) = curl_command_with(path, args, stdin);
    let shell = run_in_bash(&command, stdin);
    assert_eq!(shell.code, 0, "the command failed: {command}\n{shell:#?}");
    let by_curl = server.only_request();
    Both {
        command,
        by_hit,
        by_curl,
        shell,
    }
}

fn both_ways(path: &str, args: &[&str]) -> Both {
    both_ways_with(path, args, Input::Nothing)
}

/// A request reduced to what the contract compares: header names in lower case, the
/// headers as a sorted multiset, Host without its port (the two servers differ), and a
/// multipart boundary replaced by [`BOUNDARY`] (Content-Length following it). The command
/// leaves out hit's own defaults, for which curl sends its own: hit's and curl's
/// `User-Agent`, hit's `Accept-Encoding` (curl sends none) and, for a `--json` body, the
/// `Accept` hit sends with JSON items (curl's `--json` sends `application/json`).
#[derive(Debug, PartialEq, Eq)]
struct Sent {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn sent(request: &Recorded) -> Sent {
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| {
            let name = name.to_ascii_lowercase();
            let value = match name.as_str() {
                "host" => match value.rsplit_once(':') {
                    Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => {
                        host.to_string()
                    }
                    _ => value.clone(),
                },
                _ => value.clone(),
            };
            (name, value)
        })
        .filter(|(name, value)| match name.as_str() {
            "user-agent" => !value.starts_with("hit/") && !value.starts_with("curl/"),
            "accept-encoding" => value != "gzip, deflate, br",
            _ => true,
        })
        .map(|(name, value)| match (name.as_str(), value.as_str()) {
            ("accept", "application/json, */*;q=0.5") => (name, "application/json".into()),
            _ => (name, value),
        })
        .collect();
    let mut body = request.body.clone();
    let boundary = request
        .header("content-type")
        .and_then(|t| t.strip_prefix("multipart/form-data; boundary="))
        .map(str::to_string);
    if let Some(boundary) = boundary {
        body = replace(&body, boundary.as_bytes(), BOUNDARY.as_bytes());
        for (name, value) in &mut headers {
            match name.as_str() {
                "content-type" => *value = value.replace(&boundary, BOUNDARY),
                "content-length" => {
                    assert_eq!(*value, request.body.len().to_string(), "{request:#?}");
                    *value = body.len().to_string();
                }
                _ => {}
            }
        }
    }
    headers.sort();
    Sent {
        method: request.method.clone(),
        target: request.target.clone(),
        headers,
        body,
    }
}

fn replace(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// Fails, saying every way they differ, unless the two servers received the same request.
#[track_caller]
fn assert_same(both: &Both) {
    let problems = differences(&both.by_hit, &both.by_curl);
    if !problems.is_empty() {
        let command: String = both.command.chars().take(2000).collect();
        panic!("{}\ncommand: {command}", problems.join("\n"));
    }
}

/// How what curl sent differs from what hit sent, one line each.
fn differences(by_hit: &Recorded, by_curl: &Recorded) -> Vec<String> {
    let (hit, curl) = (sent(by_hit), sent(by_curl));
    let mut problems = Vec::new();
    if hit.method != curl.method {
        problems.push(format!("method: hit {}, curl {}", hit.method, curl.method));
    }
    if hit.target != curl.target {
        problems.push(format!("target: hit {}, curl {}", hit.target, curl.target));
    }
    if hit.headers != curl.headers {
        let only = |a: &[(String, String)], b: &[(String, String)]| {
            a.iter()
                .filter(|h| !b.contains(h))
                .cloned()
                .collect::<Vec<_>>()
        };
        problems.push(format!(
            "headers: only hit sent {:?}, only curl sent {:?}",
            only(&hit.headers, &curl.headers),
            only(&curl.headers, &hit.headers)
        ));
    }
    if hit.body != curl.body {
        let at = hit
            .body
            .iter()
            .zip(&curl.body)
            .position(|(a, b)| a != b)
            .unwrap_or(hit.body.len().min(curl.body.len()));
        let show = |body: &[u8]| {
            let from = at.saturating_sub(20);
            String::from_utf8_lossy(&body[from..body.len().min(at + 60)]).into_owned()
        };
        problems.push(format!(
            "body: hit sent {} bytes, curl {}; first difference at {at}: hit {:?}, curl {:?}",
            hit.body.len(),
            curl.body.len(),
            show(&hit.body),
            show(&curl.body),
        ));
    }
    problems
}

/// Both ways, compared.
#[track_caller]
fn same(path: &str, args: &[&str]) -> Both {
    let both = both_ways(path, args);
    assert_same(&both);
    both
}

/// The command's first line: the one that runs.
fn command_line(command: &str) -> &str {
    command.lines().next().unwrap_or_default()
}

/// The command's `# ` lines.
fn notes(command: &str) -> Vec<&str> {
    command.lines().skip(1).collect()
}

#[test]
fn curl_prints_a_command_and_sends_nothing() {
    let (server, command) = curl_command("/nothing", &[URL, "a==1"]);
    assert!(command.starts_with("curl "), "{command}");
    assert!(command.ends_with('\n'), "{command:?}");
    assert_eq!(command.lines().count(), 1, "{command}");
    assert!(server.requests().is_empty());

    // Its one request comes from curl.
    let shell = run_in_bash(&command, Input::Nothing);
    assert_eq!(shell.code, 0, "{shell:#?}");
    assert_eq!(server.only_request().target, "/nothing?a=1");
}

#[test]
fn get_with_query_items() {
    let both = same("/search", &[URL, "a==1", "b==x y"]);
    assert_eq!(both.by_curl.method, "GET");
    assert_eq!(both.by_curl.target, "/search?a=1&b=x+y");
    assert!(!both.command.contains(" -X "), "{}", both.command);
}

#[test]
fn json_body_from_items() {
    let both = same("/people", &[URL, "name=Ada", "age:=3"]);
    assert_eq!(both.by_curl.method, "POST");
    assert_eq!(both.by_curl.body_str(), r#"{"name":"Ada","age":3}"#);
    assert_eq!(
        both.by_curl.header("content-type"),
        Some("application/json")
    );
}

#[test]
fn urlencoded_form_items() {
    let both = same(
        "/form",
        &["--urlencoded", URL, "name=Ada", "city=São Paulo & more"],
    );
    assert_eq!(
        both.by_curl.body_str(),
        "name=Ada&city=S%C3%A3o+Paulo+%26+more"
    );
    assert_eq!(
        both.by_curl.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
}

#[test]
fn curl_style_form_data() {
    let both = same("/form", &["-d", "a=1&b=2", "-d", "c=3", URL]);
    assert_eq!(both.by_curl.body_str(), "a=1&b=2&c=3");
}

#[test]
fn binary_file_with_nul_and_ff_bytes() {
    let content = b"\x00\x01head\xff\xfe %s %% \\n \\0 '\"`$HOME\r\n\x7f\x80\x00tail\x00".to_vec();
    let (_dir, path) = temp_file("blob.bin", &content);
    let data = format!("@{path}");
    let both = same("/blob", &["--data-binary", &data, URL]);
    assert_eq!(both.by_curl.body, content);
    // A NUL cannot be in an argument: the bytes come through printf.
    assert!(
        command_line(&both.command).starts_with("printf -- "),
        "{}",
        both.command
    );
}

#[test]
fn data_that_needs_dollar_quotes() {
    let data = "line one\nline\ttwo: it's $HOME and `echo hi` and $(echo hi) \\ %s !x";
    let both = same("/data", &["-d", data, URL]);
    assert_eq!(both.by_curl.body_str(), data);
    assert!(both.command.contains("$'"), "{}", both.command);
}

#[test]
fn header_value_with_quotes_dollars_and_bangs() {
    let value = r#"say "hi" it's $HOME! `echo x` $(echo y)  two  spaces \ end"#;
    let header = format!("X-Note: {value}");
    let both = same("/h", &["-H", &header, URL]);
    assert_eq!(both.by_curl.header("x-note"), Some(value));
}

#[test]
fn empty_header() {
    let both = same("/h", &[URL, "X-Empty;"]);
    assert_eq!(both.by_curl.header("x-empty"), Some(""));
}

#[test]
fn removed_default_header() {
    let both = same("/h", &[URL, "User-Agent:"]);
    assert_eq!(both.by_hit.header("user-agent"), None);
    assert_eq!(both.by_curl.header("user-agent"), None);
}

#[test]
fn removed_accept_encoding() {
    let both = same("/h", &[URL, "Accept-Encoding:"]);
    assert_eq!(both.by_curl.header("accept-encoding"), None);
    assert!(!both.command.contains("--compressed"), "{}", both.command);
}

#[test]
fn put_with_upload_file() {
    let content = b"line 1\r\nline 2\n\x00\xff end";
    let (_dir, path) = temp_file("upload name's.bin", content);
    let both = same("/files/1", &["-X", "PUT", "-T", &path, URL]);
    assert_eq!(both.by_curl.method, "PUT");
    assert_eq!(both.by_curl.body, content);
}

#[test]
fn patch_with_json() {
    let both = same(
        "/people/1",
        &["PATCH", URL, "name=Ada", "tags:=[\"a\",\"b\"]"],
    );
    assert_eq!(both.by_curl.method, "PATCH");
    assert_eq!(
        both.by_curl.body_str(),
        r#"{"name":"Ada","tags":["a","b"]}"#
    );
}

#[test]
fn delete_without_body() {
    let both = same("/people/1", &["DELETE", URL]);
    assert_eq!(both.by_curl.method, "DELETE");
    assert!(both.by_curl.body.is_empty());
}

#[test]
fn post_without_body() {
    let both = same("/ping", &["POST", URL]);
    assert_eq!(both.by_curl.method, "POST");
    assert!(both.by_curl.body.is_empty());
}

#[test]
fn head_request() {
    let both = same("/h", &["-I", URL]);
    assert_eq!(both.by_curl.method, "HEAD");
    assert!(
        command_line(&both.command).starts_with("curl -I "),
        "{}",
        both.command
    );
}

#[test]
fn options_method() {
    let both = same("/o", &["OPTIONS", URL]);
    assert_eq!(both.by_curl.method, "OPTIONS");
}

#[test]
fn basic_auth_with_a_space_in_the_password() {
    let both = same("/private", &["-u", "user:pass word", URL]);
    assert_eq!(
        both.by_curl.header("authorization"),
        Some("Basic dXNlcjpwYXNzIHdvcmQ=")
    );
    assert!(
        command_line(&both.command).contains(" -u 'user:pass word'"),
        "{}",
        both.command
    );
    assert!(!both.command.contains("Authorization"), "{}", both.command);
}

#[test]
fn connection_options_carry_over() {
    let both = same("/conn", &["--http1.1", "-4", "--raw", URL]);
    assert_eq!(both.by_curl.target, "/conn");
    assert_eq!(both.by_curl.header("accept-encoding"), None);
    let (_server, command) = curl_command("/c", &["--http1.1", "-4", "--raw", URL]);
    assert!(command.contains(" --http1.1 --ipv4 "), "{command}");
    assert!(command.trim_end().ends_with(" --raw"), "{command:?}");
}

#[test]
fn connect_to_carries_over() {
    let args = [
        "--connect-to",
        "api.example.test:80:{addr}",
        "http://api.example.test/ct",
    ];
    let both = same("/ct", &args);
    assert_eq!(both.by_curl.header("host"), Some("api.example.test"));
}

#[test]
fn bearer_token() {
    let both = same("/private", &["--bearer", "TOKEN.abc-123", URL]);
    assert_eq!(
        both.by_curl.header("authorization"),
        Some("Bearer TOKEN.abc-123")
    );
}

#[test]
fn multipart_upload() {
    let (_dir, path) = temp_file("doc.txt", "hello\n\x00world\r\n");
    let file = format!("doc=@{path}");
    let both = same("/upload", &["-F", "name=Ada", "-F", &file, URL]);
    let body = sent(&both.by_curl).body;
    let body = String::from_utf8_lossy(&body);
    assert!(
        body.contains("name=\"doc\"; filename=\"doc.txt\"\r\nContent-Type: text/plain"),
        "{body}"
    );
    assert!(
        notes(&both.command)
            .iter()
            .any(|n| n.contains("multipart boundary")),
        "{}",
        both.command
    );
}

#[test]
fn multipart_items() {
    let (_dir, path) = temp_file("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    let file = format!("photo@{path}");
    same(
        "/upload",
        &["--multipart", URL, "title=Zoë's $HOME", "n:=3", &file],
    );
}

#[test]
fn multipart_file_with_a_type_and_parameters() {
    let (_dir, path) = temp_file("page.html", "<p>hi</p>");
    let file = format!("doc=@{path};type=text/html; charset=utf-8");
    let both = same("/upload", &["-F", &file, URL]);
    let body = sent(&both.by_hit).body;
    assert!(
        String::from_utf8_lossy(&body).contains("Content-Type: text/html; charset=utf-8\r\n"),
        "{}",
        String::from_utf8_lossy(&body)
    );
}

#[test]
fn multipart_file_with_quotes_in_its_name() {
    let (_dir, path) = temp_file("we \"said\" it's.txt", "text");
    let file = format!("doc=@{path}");
    same("/upload", &["-F", &file, URL]);
}

/// Bytes for a long body: every byte value, NUL and 0xFF included, over and over.
fn long_body(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 256) as u8).collect()
}

#[test]
fn body_over_64_kib_goes_through_printf() {
    // Mostly bytes printf writes as \ooo: the command is far longer than one argument may be.
    let content = long_body(100 * 1024);
    let (_dir, path) = temp_file("long.bin", &content);
    let data = format!("@{path}");
    let both = same("/long", &["--data-binary", &data, URL]);
    assert_eq!(both.by_curl.body, content);
    assert!(
        command_line(&both.command).starts_with("printf -- "),
        "{}",
        &both.command[..200]
    );
    assert!(both.command.len() > 128 * 1024);
}

#[test]
fn text_body_over_64_kib() {
    let content: String = (0..3000)
        .map(|i| format!("{i:05} it's 100% \\ ok é\n"))
        .collect();
    assert!(content.len() > 64 * 1024);
    let (_dir, path) = temp_file("long.txt", &content);
    let data = format!("@{path}");
    let both = same("/long", &["--data-binary", &data, URL]);
    assert_eq!(both.by_curl.body_str(), content);
}

#[test]
fn body_over_a_mebibyte() {
    let content = long_body(1024 * 1024 + 1);
    let (_dir, path) = temp_file("big.bin", &content);
    let data = format!("@{path}");
    let both = same("/big", &["--data-binary", &data, URL]);
    assert_eq!(both.by_curl.body, content);
}

#[test]
fn upload_over_a_mebibyte() {
    let content = long_body(2 * 1024 * 1024);
    let (_dir, path) = temp_file("big.bin", &content);
    let both = same("/big", &["-T", &path, URL]);
    assert_eq!(both.by_curl.body, content);
}

#[test]
fn multipart_over_a_mebibyte() {
    let (_dir, path) = temp_file("big.bin", long_body(1024 * 1024));
    let file = format!("doc=@{path}");
    same("/big", &["-F", &file, URL]);
}

#[test]
fn url_with_brackets_and_braces() {
    let both = same("/p?a[0]=1&b[]=2&c={x}", &[URL]);
    assert_eq!(both.by_curl.target, "/p?a[0]=1&b[]=2&c={x}");
    assert!(both.command.contains(" --globoff"), "{}", both.command);
}

#[test]
fn url_with_other_odd_characters() {
    same("/a%20b/c?q=a|b^c`d\\e&r=%zz&s='x'", &[URL]);
}

#[test]
fn non_ascii_header_and_body() {
    let both = same("/ü", &[URL, "X-Name:Zoë Ω ✓", "name=Zoë ✓ 日本"]);
    assert_eq!(both.by_curl.header("x-name"), Some("Zoë Ω ✓"));
    assert_eq!(both.by_curl.body_str(), r#"{"name":"Zoë ✓ 日本"}"#);
}

#[test]
fn non_utf8_body_without_nul() {
    // No NUL: an argument can hold it, in Bash's $'...' quotes.
    let content: Vec<u8> = (1..=255u8).rev().collect();
    let (_dir, path) = temp_file("high.bin", &content);
    let data = format!("@{path}");
    let both = same("/high", &["--data-binary", &data, URL]);
    assert_eq!(both.by_curl.body, content);
    assert!(
        command_line(&both.command).contains(" -d $'"),
        "{}",
        both.command
    );
}

#[test]
fn empty_data() {
    let both = same("/empty", &["-d", "", URL]);
    assert_eq!(both.by_curl.method, "POST");
    assert_eq!(both.by_curl.header("content-length"), Some("0"));
}

#[test]
fn header_value_with_a_tab() {
    let both = same("/h", &["-H", "X-Tab: a\tb", URL]);
    assert_eq!(both.by_curl.header("x-tab"), Some("a\tb"));
}

#[test]
fn accept_encoding_of_its_own() {
    let both = same("/h", &[URL, "Accept-Encoding:identity"]);
    assert_eq!(both.by_curl.header_all("accept-encoding"), ["identity"]);
}

#[test]
fn custom_method() {
    let both = same("/m", &["-X", "PROPFIND", URL]);
    assert_eq!(both.by_curl.method, "PROPFIND");
}

#[test]
fn url_with_credentials_and_a_fragment() {
    let url = format!("http://us%20er:pa%40ss:w@{ADDR}/p?x=1#frag");
    let both = same("/", &[&url]);
    assert_eq!(
        both.by_curl.header("authorization"),
        Some("Basic dXMgZXI6cGFAc3M6dw==")
    );
    assert_eq!(both.by_curl.target, "/p?x=1");
}

#[test]
fn multipart_names_and_text_from_a_file() {
    let (dir, text) = temp_file("value.txt", "from a file\r\nZoë\n");
    let odd = dir.path().join("back\\slash \"q\" ;x, é.txt");
    std::fs::write(&odd, "odd").unwrap();
    let field = format!("quo\"ted=<{text}");
    // A ';' in a file name needs curl's quotes, '\\' and '"' escaped inside them.
    let quoted = odd
        .display()
        .to_string()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let file = format!("naïve=@\"{quoted}\"");
    let both = same(
        "/upload",
        &["-F", &field, "-F", "naïve=Zoë", "-F", &file, URL],
    );
    let body = String::from_utf8_lossy(&both.by_hit.body).into_owned();
    assert!(body.contains("name=\"quo%22ted\""), "{body}");
}

#[test]
fn non_ascii_with_control_characters() {
    let data = "Zoë\tΩ\n✓\r\n\x1b[0m";
    let both = same("/u", &["--data-raw", data, URL]);
    assert_eq!(both.by_curl.body_str(), data);
}

#[test]
fn cookies_referer_and_host() {
    same(
        "/c",
        &[
            "-b",
            "a=1; b=2",
            "-e",
            "https://ref.example/?x=1",
            "-A",
            "agent/1 (x)",
            "--accept",
            "json",
            URL,
            "Host:example.test",
            "X-Twice:1",
            "X-Twice:2",
        ],
    );
}

#[test]
fn data_urlencode_and_get() {
    let both = same(
        "/q",
        &["-G", "-d", "a=1", "--data-urlencode", "q=x y&z", URL],
    );
    assert_eq!(both.by_curl.method, "GET");
    // curl writes a space as '+' in --data-urlencode.
    assert_eq!(both.by_curl.target, "/q?a=1&q=x+y%26z");
}

#[test]
fn json_option() {
    same("/j", &["--json", r#"{"a": [1, "it's"]}"#, URL]);
}

#[test]
fn get_with_a_body() {
    let both = same("/g", &["GET", URL, "name=Ada"]);
    assert_eq!(both.by_curl.method, "GET");
}

#[test]
fn body_from_stdin() {
    let input = b"from stdin\n\x00\xff it's\n".to_vec();
    let both = both_ways_with("/in", &["POST", URL], Input::Pipe(&input));
    assert_same(&both);
    assert_eq!(both.by_curl.body, input);
}

#[test]
fn data_from_stdin_between_values() {
    let input = b"line 1\nline 2\n".to_vec();
    let both = both_ways_with("/in", &["-d", "a=1", "-d", "@-", URL], Input::Pipe(&input));
    assert_same(&both);
}

#[test]
fn transfer_options_carry_over() {
    let (_, command) = curl_command(
        "/t",
        &[
            "-L",
            "--max-redirs",
            "3",
            "-k",
            "--connect-timeout",
            "2",
            "-m",
            "5",
            URL,
        ],
    );
    let line = command_line(&command);
    assert!(line.contains(" -L --max-redirs 3"), "{command}");
    assert!(line.contains(" -k"), "{command}");
    assert!(line.contains(" --connect-timeout 2"), "{command}");
    assert!(line.contains(" --max-time 5"), "{command}");
    // And the command still sends what hit sends.
    same(
        "/t",
        &[
            "-L",
            "--max-redirs",
            "3",
            "-k",
            "--connect-timeout",
            "2",
            "-m",
            "5",
            URL,
        ],
    );
}

#[test]
fn fractional_timeouts() {
    let (_, command) = curl_command("/t", &["--connect-timeout", "0.5", "-m", "2.25", URL]);
    let line = command_line(&command);
    assert!(line.contains(" --connect-timeout 0.5"), "{command}");
    assert!(line.contains(" --max-time 2.25"), "{command}");
}

#[test]
fn retry_on_get_carries_over() {
    let (_, command) = curl_command("/r", &["--retry", "2", URL]);
    let line = command_line(&command);
    assert!(line.contains(" --retry 2"), "{command}");
    same("/r", &["--retry", "2", URL]);
}

#[test]
fn retry_on_post_is_left_out_with_a_note() {
    let (_, command) = curl_command("/r", &["--retry", "2", "POST", URL, "a=1"]);
    assert!(!command_line(&command).contains("--retry"), "{command}");
    assert!(
        notes(&command)
            .iter()
            .any(|n| n.starts_with("# --retry is left out")),
        "{command}"
    );
    same("/r", &["--retry", "2", "POST", URL, "a=1"]);
}

#[test]
fn retry_on_post_with_an_idempotency_key_carries_over() {
    let (_, command) = curl_command(
        "/r",
        &[
            "--retry",
            "2",
            "--idempotency-key",
            "k-1",
            "POST",
            URL,
            "a=1",
        ],
    );
    assert!(command_line(&command).contains(" --retry 2"), "{command}");
}

/// A server that answers a request for /first with `status` and a Location to /next, and
/// the rest with 200.
fn redirecting(status: u16) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    move |request: &Recorded| {
        if request.target.starts_with("/first") {
            Reply::new(status).header("Location", "/next")
        } else {
            Reply::new(200)
        }
    }
}

/// The requests of a redirect chain from /first, as hit sends them and as the command does,
/// compared request by request.
fn same_redirect_chain(status: u16, args: &[&str]) -> Vec<Recorded> {
    let server = Server::start(redirecting(status));
    let argv = with_url(args, &server.url("/first"));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    hit(&argv).run().success();
    let by_hit = server.requests();

    let server = Server::start(redirecting(status));
    let mut argv = vec!["--curl".to_string(), "--show-secrets".to_string()];
    argv.extend(with_url(args, &server.url("/first")));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let run = hit(&argv).run();
    run.success();
    let command = run.stdout();
    let shell = run_in_bash(&command, Input::Nothing);
    assert_eq!(shell.code, 0, "{command}\n{shell:#?}");
    let by_curl = server.requests();

    let line = |r: &Recorded| format!("{} {} ({} bytes)", r.method, r.target, r.body.len());
    assert_eq!(
        by_curl.iter().map(line).collect::<Vec<_>>(),
        by_hit.iter().map(line).collect::<Vec<_>>(),
        "the chains differ (left: curl, right: hit); command: {command}"
    );
    let problems: Vec<String> = by_hit
        .iter()
        .zip(&by_curl)
        .enumerate()
        .flat_map(|(n, (by_hit, by_curl))| {
            differences(by_hit, by_curl)
                .into_iter()
                .map(move |p| format!("request {n}: {p}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{}\ncommand: {command}",
        problems.join("\n")
    );
    by_hit
}

fn methods(requests: &[Recorded]) -> Vec<&str> {
    requests.iter().map(|r| r.method.as_str()).collect()
}

#[test]
fn a_followed_get_both_ways() {
    let chain = same_redirect_chain(301, &["-L", URL, "a==1"]);
    assert_eq!(methods(&chain), ["GET", "GET"]);
}

#[test]
fn a_followed_post_is_repeated_after_307_both_ways() {
    let chain = same_redirect_chain(307, &["-L", "POST", URL, "a=1"]);
    assert_eq!(methods(&chain), ["POST", "POST"]);
    assert_eq!(chain[1].body_str(), r#"{"a":"1"}"#);
}

/// What curl cannot do as hit does on a redirect: the command says so instead.
fn redirect_note(args: &[&str]) -> bool {
    let (_server, command) = curl_command("/first", args);
    notes(&command)
        .iter()
        .any(|note| note.starts_with("# on a redirect curl repeats"))
}

#[test]
fn where_curl_follows_redirects_otherwise_the_command_says_so() {
    // curl keeps -X and every -H on each hop; no option changes that.
    assert!(redirect_note(&["-L", "POST", URL, "a=1"]));
    assert!(redirect_note(&["-L", "PATCH", URL, "a=1"]));
    assert!(redirect_note(&["-L", "DELETE", URL]));
    // Where curl does what hit does, nothing is said.
    assert!(!redirect_note(&["-L", URL, "a==1"]));
    assert!(!redirect_note(&["-L", "-T", "Cargo.toml", URL]));
    assert!(!redirect_note(&["DELETE", URL]));
}

#[test]
fn a_followed_put_becomes_a_get_after_303_both_ways() {
    let (_dir, path) = temp_file("up.txt", "content");
    let chain = same_redirect_chain(303, &["-L", "-T", &path, URL]);
    assert_eq!(methods(&chain), ["PUT", "GET"]);
}

#[test]
fn a_followed_put_keeps_its_body_after_302_both_ways() {
    let (_dir, path) = temp_file("up.txt", "content");
    let chain = same_redirect_chain(302, &["-L", "-T", &path, URL]);
    assert_eq!(methods(&chain), ["PUT", "PUT"]);
    assert_eq!(chain[1].body, b"content");
}

/// More than hit reads from stdin before it decides to stream it (1 MiB), in lines.
fn long_input() -> Vec<u8> {
    (0..12_000u32)
        .flat_map(|i| format!("{i:05} it's 100% \\ é {}\n", "x".repeat(80)).into_bytes())
        .collect()
}

#[test]
fn long_body_streamed_from_a_pipe() {
    let input = long_input();
    assert!(input.len() > 1024 * 1024);
    let both = both_ways_with("/in", &["POST", URL], Input::Pipe(&input));
    assert_same(&both);
    assert_eq!(both.by_hit.header("transfer-encoding"), Some("chunked"));
    assert_eq!(both.by_curl.body, input);
    assert!(
        notes(&both.command).iter().any(|n| n.contains("stdin")),
        "{}",
        both.command
    );
}

#[test]
fn long_body_from_a_regular_file_on_stdin() {
    let (_dir, path) = temp_file("in.txt", long_input());
    let both = both_ways_with("/in", &["PUT", URL], Input::File(&path));
    assert_eq!(both.by_curl.body, long_input());
    assert_same(&both);
}

#[test]
fn long_data_streamed_from_stdin() {
    let input = long_input();
    let both = both_ways_with("/in", &["-d", "@-", URL], Input::Pipe(&input));
    assert_same(&both);
}

#[test]
fn the_command_says_it_leaves_out_the_data_values_around_a_streamed_stdin() {
    let input = long_input();
    let args = ["-d", "a=1", "-d", "@-", "-d", "z=9", URL];
    let (_server, command) = curl_command_with("/in", &args, Input::Pipe(&input));
    assert!(
        notes(&command)
            .iter()
            .any(|note| note.contains("-d values around it") && note.contains("leaves out")),
        "{command}"
    );
}

/// The request hit sends through a proxy (a recording server) and the one the command
/// sends, to a target that neither reaches; `env` (with `{proxy}` for the proxy's URL) is
/// given to hit and to bash.
fn both_ways_through_a_proxy(args: &[&str], env: &[(&str, &str)]) -> Both {
    let target = Server::ok();
    let url = target.url("/via?a=1");
    let send = |proxy: &Server, curl: bool| {
        let proxy = proxy.url("");
        let mut argv: Vec<String> = curl
            .then(|| ["--curl".to_string(), "--show-secrets".to_string()])
            .into_iter()
            .flatten()
            .collect();
        argv.extend(
            args.iter()
                .map(|a| a.replace(URL, &url).replace("{proxy}", &proxy)),
        );
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(name, value)| (name.to_string(), value.replace("{proxy}", &proxy)))
            .collect();
        let mut run = hit(&argv);
        for (name, value) in &env {
            run = run.env(name, value);
        }
        let run = run.run();
        run.success();
        (run.stdout(), env)
    };
    let by_hit = Server::ok();
    send(&by_hit, false);
    let by_curl = Server::ok();
    let (command, env) = send(&by_curl, true);
    let env: Vec<(&str, &str)> = env.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let shell = run_in_bash_with(&command, Input::Nothing, &env);
    assert_eq!(shell.code, 0, "{command}\n{shell:#?}");
    assert!(
        target.requests().is_empty(),
        "the target was reached directly"
    );
    Both {
        command,
        by_hit: by_hit.only_request(),
        by_curl: by_curl.only_request(),
        shell,
    }
}

/// Leaves out `Proxy-Connection`, which curl adds for a proxy (see the ignored tests).
fn without_proxy_connection(mut both: Both) -> Both {
    for request in [&mut both.by_hit, &mut both.by_curl] {
        request
            .headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("proxy-connection"));
    }
    both
}

const PROXY_ARGS: &[&str] = &["-x", "{proxy}", "-U", "proxy user:pass word", URL, "X-A:1"];

#[test]
fn explicit_proxy_with_credentials() {
    let both = without_proxy_connection(both_ways_through_a_proxy(PROXY_ARGS, &[]));
    assert!(
        both.command
            .contains(" --proxy-user 'proxy user:pass word'"),
        "{}",
        both.command
    );
    assert_eq!(
        both.by_curl.header("proxy-authorization"),
        Some("Basic cHJveHkgdXNlcjpwYXNzIHdvcmQ=")
    );
    assert_same(&both);
}

#[test]
fn environment_proxy() {
    let env = [("http_proxy", "{proxy}")];
    let both = without_proxy_connection(both_ways_through_a_proxy(&[URL], &env));
    assert_same(&both);
}

#[test]
fn explicit_proxy_adds_no_header() {
    assert_same(&both_ways_through_a_proxy(PROXY_ARGS, &[]));
}

#[test]
fn environment_proxy_adds_no_header() {
    let env = [("http_proxy", "{proxy}")];
    assert_same(&both_ways_through_a_proxy(&[URL], &env));
}

#[test]
fn no_proxy_option_carries_over() {
    let proxy = Server::ok();
    let env_proxy = proxy.url("");
    let server = Server::ok();
    hit(&["-x", "", &server.url("/direct")])
        .env("http_proxy", &env_proxy)
        .run()
        .success();
    assert_eq!(server.only_request().target, "/direct");
    assert!(proxy.requests().is_empty(), "hit went through the proxy");

    let server = Server::ok();
    let run = hit(&["--curl", "-x", "", &server.url("/direct")])
        .env("http_proxy", &env_proxy)
        .run();
    run.success();
    let command = run.stdout();
    let shell = run_in_bash_with(&command, Input::Nothing, &[("http_proxy", &env_proxy)]);
    assert_eq!(shell.code, 0, "{command}\n{shell:#?}");
    assert!(
        proxy.requests().is_empty(),
        "curl went through the proxy: {command}"
    );
    assert_eq!(server.only_request().target, "/direct");
}

#[test]
fn shell_output_is_curls() {
    // The command is curl's own: what bash printed is the (empty) response.
    let both = same("/o", &[URL]);
    assert!(both.shell.stdout.is_empty(), "{:?}", both.shell);
}

/// `hit --curl ARGS` for a server that is never reached: what it printed on stdout and on
/// stderr.
fn printed(args: &[&str]) -> (String, String) {
    let mut argv = vec!["--curl"];
    argv.extend(args);
    let run = hit(&argv).run();
    run.success();
    (run.stdout(), run.stderr.clone())
}

#[test]
fn the_command_is_as_short_as_a_person_would_write_it() {
    // Host, Accept: */*, Content-Length, hit's User-Agent and Accept-Encoding: curl sends
    // its own, so none is written.
    let url = "https://api.example.test/products";
    assert_eq!(printed(&[url]).0, format!("curl {url}\n"));
    // JSON items: --json sets Content-Type and Accept as curl's --json does.
    assert_eq!(
        printed(&[url, "name=Ada", "age:=3"]).0,
        format!("curl {url} --json '{{\"name\":\"Ada\",\"age\":3}}'\n")
    );
    assert_eq!(
        printed(&["PUT", url, "name=Ada"]).0,
        format!("curl -X PUT {url} --json '{{\"name\":\"Ada\"}}'\n")
    );
    // A form: -d's own Content-Type.
    assert_eq!(
        printed(&["--urlencoded", url, "a=1", "b=x y"]).0,
        format!("curl {url} -d 'a=1&b=x+y'\n")
    );
    // What the user set is written, with -H.
    assert_eq!(
        printed(&["-A", "me/1", "--accept", "text/html", url, "X-A:1"]).0,
        format!("curl {url} -H 'User-Agent: me/1' -H 'Accept: text/html' -H 'X-A: 1'\n")
    );
    // A JSON body with an Accept of the user's keeps it.
    assert_eq!(
        printed(&[url, "a=1", "Accept:text/plain"]).0,
        format!("curl {url} -H 'Accept: text/plain' --json '{{\"a\":\"1\"}}'\n")
    );
}

/// The shell variables a command with secrets reads, and their values.
const VARIABLES: &[(&str, &str)] = &[
    ("HIT_TOKEN", "tok.en-123"),
    ("HIT_PASSWORD", "pass word's $x"),
    ("HIT_SESSION", "s1"),
];

#[test]
fn secrets_are_shell_variables_and_the_command_runs_with_them_set() {
    let server = Server::ok();
    let url = server.url("/private");
    let bearer = [
        "--bearer",
        VARIABLES[0].1,
        &url,
        "Cookie:session=s1; theme=dark",
    ];
    let basic = format!("ada:{}", VARIABLES[1].1);
    let basic = ["-u", &basic, &url, "name=Ada"];
    for (args, expected, stderr) in [
        (
            &bearer[..],
            format!(
                "curl {url} -H \"Authorization: Bearer $HIT_TOKEN\" \
                 -H \"Cookie: session=$HIT_SESSION; theme=$HIT_THEME\"\n"
            ),
            "hit: set HIT_TOKEN, HIT_SESSION and HIT_THEME before running the command, which \
             reads the secrets from them (--show-secrets prints the secrets instead)\n",
        ),
        (
            &basic[..],
            format!("curl {url} -u \"ada:$HIT_PASSWORD\" --json '{{\"name\":\"Ada\"}}'\n"),
            "hit: set HIT_PASSWORD before running the command, which reads the secret from it \
             (--show-secrets prints the secret instead)\n",
        ),
    ] {
        hit(args).run().success();
        let by_hit = server.requests().pop().expect("hit sent the request");
        let (command, said) = printed(args);
        assert_eq!(command, expected);
        // The secrets are not printed, and one line says what to set.
        assert!(
            !said.contains("tok.en") && !said.contains("pass word"),
            "{said}"
        );
        assert!(said.ends_with(stderr), "{said}");
        assert!(!command.contains("••••"), "{command}");
        let env = [VARIABLES, &[("HIT_THEME", "dark")]].concat();
        let shell = run_in_bash_with(&command, Input::Nothing, &env);
        assert_eq!(shell.code, 0, "{command}\n{shell:#?}");
        let by_curl = server.requests().pop().expect("curl sent the request");
        let problems = differences(&by_hit, &by_curl);
        assert!(problems.is_empty(), "{}\n{command}", problems.join("\n"));
    }
}

#[test]
fn a_secret_never_lands_in_a_variable_the_shell_gives_a_meaning_to() {
    // `_` cannot be set, PROMPT_COMMAND would run the secret, TZ and COLUMNS change what
    // the shell and tools do: every name hit makes up starts with HIT_.
    let server = Server::ok();
    let url = server.url("/x");
    let cookie = "Cookie: _=a; tz=b; prompt_command=c; columns=d; srandom=e";
    let (command, said) = printed(&[&url, cookie]);
    assert_eq!(
        command,
        format!(
            "curl {url} -H \"Cookie: _=$HIT__; tz=$HIT_TZ; prompt_command=$HIT_PROMPT_COMMAND; \
             columns=$HIT_COLUMNS; srandom=$HIT_SRANDOM\"\n"
        )
    );
    assert!(
        said.contains("set HIT__, HIT_TZ, HIT_PROMPT_COMMAND"),
        "{said}"
    );
    hit(&[&url, cookie]).run().success();
    let by_hit = server.requests().pop().expect("hit sent the request");
    let env = [
        ("HIT__", "a"),
        ("HIT_TZ", "b"),
        ("HIT_PROMPT_COMMAND", "c"),
        ("HIT_COLUMNS", "d"),
        ("HIT_SRANDOM", "e"),
    ];
    let shell = run_in_bash_with(&command, Input::Nothing, &env);
    assert_eq!(shell.code, 0, "{command}\n{shell:#?}");
    let by_curl = server.requests().pop().expect("curl sent the request");
    let problems = differences(&by_hit, &by_curl);
    assert!(problems.is_empty(), "{}\n{command}", problems.join("\n"));
}

#[test]
fn a_password_in_the_url_is_a_variable_too() {
    let server = Server::ok();
    let url = format!("http://ada:{}@{}/u", "se%20cret", server.addr);
    hit(&[&url]).run().success();
    let by_hit = server.only_request();
    let (command, _) = printed(&[&url]);
    assert_eq!(
        command,
        format!("curl {} -u \"ada:$HIT_PASSWORD\"\n", server.url("/u"))
    );
    let shell = run_in_bash_with(&command, Input::Nothing, &[("HIT_PASSWORD", "se cret")]);
    assert_eq!(shell.code, 0, "{command}\n{shell:#?}");
    let by_curl = server.requests().pop().expect("curl sent the request");
    let problems = differences(&by_hit, &by_curl);
    assert!(problems.is_empty(), "{}\n{command}", problems.join("\n"));
}

#[test]
fn a_profile_secret_is_read_from_the_variable_the_profile_reads() {
    let config = crate::profiles::Config::new();
    let server = Server::ok();
    config.ok(&[
        "profile",
        "add",
        "gh",
        "--base-url",
        &server.url("/"),
        "--bearer-env",
        "GITHUB_TOKEN",
        "--header-env",
        "X-Api-Key=GH_KEY",
    ]);
    let env = [("GITHUB_TOKEN", "gh-tok-1"), ("GH_KEY", "gh-key-2")];
    let with_env = |args: &[&str]| {
        let mut run = config.hit(args);
        for (name, value) in env {
            run = run.env(name, value);
        }
        run.run()
    };
    with_env(&["-P", "gh", "/user"]).success();
    let by_hit = server.requests().pop().expect("hit sent the request");
    let run = with_env(&["-P", "gh", "--curl", "/user"]);
    run.success();
    assert_eq!(
        run.stdout(),
        format!(
            "curl {} -H \"Authorization: Bearer $GITHUB_TOKEN\" -H \"X-Api-Key: $GH_KEY\"\n",
            server.url("/user")
        )
    );
    assert_eq!(
        run.stderr,
        "hit: the command reads the secrets from GITHUB_TOKEN and GH_KEY, where hit read them \
         (--show-secrets prints the secrets instead)\n"
    );
    // Pasted where the profile works, it runs as it is.
    let shell = run_in_bash_with(&run.stdout(), Input::Nothing, &env);
    assert_eq!(shell.code, 0, "{shell:#?}");
    let by_curl = server.requests().pop().expect("curl sent the request");
    let problems = differences(&by_hit, &by_curl);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_value_a_http_file_takes_from_the_environment_is_read_from_the_same_variable() {
    let server = Server::ok();
    let file = format!(
        "GET {}\nX-Api-Key: {{{{$processEnv API_KEY}}}}\n",
        server.url("/k")
    );
    let (_dir, path) = temp_file("api.http", file);
    let run = hit(&["run", &path, "--curl"]).env("API_KEY", "k-123").run();
    run.success();
    assert_eq!(
        run.stdout(),
        // hit run follows redirects, as the IDEs do.
        format!(
            "curl {} -H \"X-Api-Key: $API_KEY\" -L --max-redirs 10\n",
            server.url("/k")
        )
    );
    assert!(!run.stderr.contains("k-123"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the command reads the secret from API_KEY, where hit read it"),
        "{}",
        run.stderr
    );
    let shell = run_in_bash_with(&run.stdout(), Input::Nothing, &[("API_KEY", "k-123")]);
    assert_eq!(shell.code, 0, "{shell:#?}");
    assert_eq!(server.only_request().header("x-api-key"), Some("k-123"));
}
