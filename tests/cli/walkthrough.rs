//! README's "Learn HTTP with hit", replayed: every console block of the walkthrough runs
//! through `sh` against a real `hit serve`, with stdout counted as a terminal (as the reader
//! sees it), and must print what the README shows. In the README, `…` stands for text that
//! differs on every run (a date, a request id) and a line of `…` alone for lines left out;
//! `8080` is the port. Every command's exit code is checked against the table below, which
//! lists the README's commands in their order.

use std::process::{Command, Stdio};

use crate::support::{Practice, wait_with_deadline};

const README: &str = include_str!("../../README.md");

/// Each command of the walkthrough, in order, and the exit code it must end with.
const EXITS: &[(&str, i32)] = &[
    ("hit serve", 0),
    ("hit :8080/products limit==2", 0),
    (
        "hit --body :8080/products category==shoes sort==-price limit==3",
        0,
    ),
    ("hit --headers :8080/products page==2 limit==20", 0),
    ("hit :8080/products/42", 0),
    ("hit :8080/products/999", 4),
    ("echo $?", 0),
    ("hit --body POST :8080/orders item=book qty:=2", 0),
    ("hit --body POST :8080/orders item=book qty:=2", 0),
    (
        "hit --body POST :8080/orders item=book qty:=2 Idempotency-Key:order-7f3e",
        0,
    ),
    (
        "hit POST :8080/orders item=book qty:=2 Idempotency-Key:order-7f3e",
        0,
    ),
    (
        "hit --body POST :8080/orders item=book qty:=3 Idempotency-Key:order-7f3e",
        4,
    ),
    ("hit --body :8080/users/1", 0),
    ("hit --body PUT :8080/users/1 name='Ada King'", 0),
    ("hit --body PATCH :8080/users/2 role=admin", 0),
    ("hit DELETE :8080/users/3", 0),
    ("hit DELETE :8080/users/3", 4),
    ("hit HEAD :8080/products/42", 0),
    ("hit OPTIONS :8080/products", 0),
    (
        "hit :8080/products/42 If-None-Match:'\"ecd3310f96a0d83c\"'",
        0,
    ),
    (
        "hit --body PATCH :8080/products/42 price:=25 If-Match:'\"ecd3310f96a0d83c\"'",
        0,
    ),
    (
        "hit --body PATCH :8080/products/42 price:=24 If-Match:'\"ecd3310f96a0d83c\"'",
        4,
    ),
    ("hit :8080/flaky", 5),
    ("hit --retry 3 :8080/flaky", 0),
    ("for i in 1 2 3; do hit --body :8080/ratelimit; done", 0),
    ("hit :8080/ratelimit", 4),
    ("hit -q :8080/products/999; echo $?", 0),
    ("hit -q :8080/status/503; echo $?", 0),
    ("hit -q :8080/redirect/2; echo $?", 0),
    ("hit -q -L :8080/redirect/2; echo $?", 0),
    ("hit -q :1/; echo $?", 0),
    ("hit -qq :8080/products/999; echo $?", 0),
];

/// A command the README shows and what it printed.
struct Step {
    command: String,
    output: Vec<String>,
}

/// The console blocks of the walkthrough section, in order.
fn walkthrough() -> Vec<Vec<Step>> {
    blocks("Learn HTTP with hit")
}

/// The console blocks of README's section TITLE, in order.
fn blocks(title: &str) -> Vec<Vec<Step>> {
    let start = README
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("README has a '{title}' section"));
    let section = &README[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if line != "```console" {
            continue;
        }
        let mut steps: Vec<Step> = Vec::new();
        for line in lines.by_ref().take_while(|line| *line != "```") {
            match (line.strip_prefix("$ "), steps.last_mut()) {
                (Some(command), _) => steps.push(Step {
                    command: command.to_string(),
                    output: Vec::new(),
                }),
                (None, Some(step)) => step.output.push(line.to_string()),
                (None, None) => panic!("output before any command in the walkthrough: {line}"),
            }
        }
        blocks.push(steps);
    }
    blocks
}

/// `…` in an expected line matches any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let parts: Vec<&str> = expected.split('…').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return expected == actual;
    }
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &actual[first.len()..];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// A line of `…` alone matches any number of lines.
fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "…" => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((first, rest)) => {
            actual.first().is_some_and(|line| line_matches(first, line))
                && lines_match(rest, &actual[1..])
        }
    }
}

/// Runs a block's commands in one shell, as a reader types them, and returns each
/// command's output and exit code.
fn replay(steps: &[Step], port: &str, env: &[(&str, &std::path::Path)]) -> Vec<(String, i32)> {
    const MARK: &str = "@@walkthrough-exit ";
    let mut script = String::from("exec 2>&1\n");
    for step in steps {
        script.push_str(&step.command.replace("8080", port));
        // The mark keeps `$?` for the next command: `echo $?` shows this one's.
        script.push_str(&format!(
            "\nstatus=$?; printf '\\n{MARK}%s\\n' $status; (exit $status)\n"
        ));
    }
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_hit"))
        .parent()
        .unwrap()
        .to_owned();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("HIT_TEST_TERMINAL", "1")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run sh");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).expect("UTF-8 output");
        text
    });
    wait_with_deadline(&mut child, std::time::Duration::from_secs(60));
    let text = reader.join().unwrap();
    let mut results = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&format!("\n{MARK}")) {
        let output = rest[..at].trim_end_matches('\n').to_string();
        let after = &rest[at + 1 + MARK.len()..];
        let end = after.find('\n').unwrap_or(after.len());
        results.push((output, after[..end].parse().expect("exit code")));
        rest = &after[end..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    results
}

#[test]
fn the_table_of_exit_codes_lists_the_walkthrough_in_order() {
    let shown: Vec<String> = walkthrough()
        .into_iter()
        .flatten()
        .map(|step| step.command)
        .collect();
    let known: Vec<&str> = EXITS.iter().map(|(command, _)| *command).collect();
    assert_eq!(
        shown, known,
        "the README's walkthrough and this test's table differ"
    );
}

#[test]
fn every_command_of_the_walkthrough_prints_what_the_readme_shows() {
    let practice = Practice::start();
    let port = practice.port.to_string();
    let blocks = walkthrough();
    assert!(
        blocks.len() >= 10,
        "the walkthrough has {} blocks",
        blocks.len()
    );
    let (first, blocks) = blocks.split_first().unwrap();
    assert_eq!(
        first[0].command, "hit serve",
        "the walkthrough starts the server"
    );
    let banner = first[0].output[0].replace("8080", &port);
    assert!(
        line_matches(&banner, practice.banner.trim_end()),
        "banner:\n{}\nREADME:\n{banner}",
        practice.banner
    );
    replay_all(blocks, &port, &[], &EXITS[1..]);
}

/// Replays each block and checks each command's output against the README's, and its exit
/// code against `exits`, which lists the blocks' commands in order.
fn replay_all(
    blocks: &[Vec<Step>],
    port: &str,
    env: &[(&str, &std::path::Path)],
    exits: &[(&str, i32)],
) {
    let mut exits = exits.iter();
    for steps in blocks {
        let results = replay(steps, port, env);
        assert_eq!(results.len(), steps.len(), "{results:#?}");
        for (step, (output, code)) in steps.iter().zip(results) {
            let expected: Vec<String> = step
                .output
                .iter()
                .map(|line| line.replace("8080", port))
                .collect();
            let actual: Vec<&str> = output.lines().collect();
            assert!(
                lines_match(&expected, &actual),
                "`{}` printed:\n{output}\n\nThe README shows:\n{}",
                step.command,
                expected.join("\n")
            );
            let wanted = exits.next().map(|(_, code)| *code);
            assert_eq!(Some(code), wanted, "`{}` exit code", step.command);
        }
    }
}

/// README's "Log in with OAuth", in order, and the exit code each command ends with.
const OAUTH_EXITS: &[(&str, i32)] = &[
    (
        "hit profile add practice --base-url http://127.0.0.1:8080 --oauth client_credentials \
         --client-id practice-cli --client-secret-env PRACTICE_SECRET --issuer \
         http://127.0.0.1:8080",
        0,
    ),
    ("export PRACTICE_SECRET=practice-secret", 0),
    ("hit -P practice --body /api/me", 0),
    ("hit auth status practice", 0),
    (
        "hit profile add me --base-url http://127.0.0.1:8080 --oauth authorization_code \
         --client-id practice-public --issuer http://127.0.0.1:8080 --authorization-url \
         'http://127.0.0.1:8080/oauth/authorize?auto=approve' --scope 'openid profile'",
        0,
    ),
    ("BROWSER='hit -q -L' hit auth login me", 0),
    ("hit auth status me", 0),
    ("hit -P me --body /api/me", 0),
    ("hit auth logout me", 0),
    ("hit -P me /api/me", 2),
];

#[test]
fn the_oauth_walkthrough_prints_what_the_readme_shows() {
    let practice = Practice::start();
    let port = practice.port.to_string();
    let home = tempfile::tempdir().unwrap();
    let (config, data) = (home.path().join("config"), home.path().join("data"));
    let env = [
        ("HIT_CONFIG_DIR", config.as_path()),
        ("HIT_DATA_DIR", data.as_path()),
    ];
    let steps: Vec<Step> = blocks("Log in with OAuth").into_iter().flatten().collect();
    let shown: Vec<&str> = steps.iter().map(|step| step.command.as_str()).collect();
    let known: Vec<&str> = OAUTH_EXITS.iter().map(|(command, _)| *command).collect();
    assert_eq!(
        shown, known,
        "README's OAuth walkthrough and this test's table differ"
    );
    replay_all(&blocks("Log in with OAuth"), &port, &env, OAUTH_EXITS);
}

/// README's "Talk to a WebSocket", in order, and the exit code each command ends with.
const WEBSOCKET_EXITS: &[(&str, i32)] = &[
    (
        "hit ws://127.0.0.1:8080/ws/echo --message hello --message '{\"op\": \"ping\", \"id\": 7}'",
        0,
    ),
    ("hit ws://127.0.0.1:8080/ws/ticker --count 2", 0),
    (
        "hit ws://127.0.0.1:8080/ws/ticker --until '.price > 99.7' --jq .price",
        0,
    ),
    (
        "hit ws://127.0.0.1:8080/ws/ticker --jq .price --check '.price < 99.7'; echo $?",
        0,
    ),
    (
        "hit ws://127.0.0.1:8080/ws/close/1011?reason=boom; echo $?",
        0,
    ),
];

#[test]
fn the_websocket_walkthrough_prints_what_the_readme_shows() {
    let practice = Practice::start();
    let port = practice.port.to_string();
    let blocks = blocks("Talk to a WebSocket");
    let shown: Vec<&str> = blocks
        .iter()
        .flatten()
        .map(|s| s.command.as_str())
        .collect();
    let known: Vec<&str> = WEBSOCKET_EXITS
        .iter()
        .map(|(command, _)| *command)
        .collect();
    assert_eq!(
        shown, known,
        "README's WebSocket walkthrough and this test's table differ"
    );
    replay_all(&blocks, &port, &[], WEBSOCKET_EXITS);
}

#[test]
fn the_matcher_is_strict_outside_the_ellipses() {
    assert!(line_matches(
        "Date: …",
        "Date: Sat, 28 Nov 2026 12:55:55 GMT"
    ));
    assert!(!line_matches("Date: …", "Dates: x"));
    assert!(line_matches("a … c … e", "a b c d e"));
    assert!(!line_matches("a … c", "a b d"));
    let expected = vec!["x".to_string(), "…".to_string(), "z".to_string()];
    assert!(lines_match(&expected, &["x", "1", "2", "z"]));
    assert!(!lines_match(&expected, &["x", "1", "2"]));
}
