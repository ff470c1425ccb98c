//! Every `echo $?` in README shows the exit code the command before it really ends with:
//! each command runs through `sh`, against a real `hit serve` where it names `:8080`, and
//! against a test server giving the reply [`elsewhere`] says where it names another host.

use std::process::{Command, Stdio};

use crate::support::{Practice, Reply, Server, collect};

const README: &str = include_str!("../../README.md");

/// The README's commands that reach a host other than the practice API, with the host they
/// name and what a test server answers in its place.
fn elsewhere(command: &str) -> Option<(&'static str, Reply)> {
    match command {
        "hit -q api.example.com/health --check '.status == \"ok\"' --check '.db.connected'" => {
            Some((
                "api.example.com",
                Reply::json(200, r#"{"status":"degraded","db":{"connected":true}}"#),
            ))
        }
        _ => None,
    }
}

/// A command of README and the exit code its `echo $?` shows.
#[derive(Debug)]
struct Echoed {
    command: String,
    code: i32,
}

/// Each `$ COMMAND; echo $?` (the code is the last line after it) and each `$ echo $?`
/// (the code is the line after it; the command is the one before) in README's console
/// blocks.
fn echoed() -> Vec<Echoed> {
    let mut found = Vec::new();
    let mut in_console = false;
    let mut previous: Option<String> = None;
    let mut pending: Option<String> = None;
    let mut last_line = String::new();
    let close = |pending: &mut Option<String>, last: &str, found: &mut Vec<Echoed>| {
        if let Some(command) = pending.take() {
            let code = last
                .parse()
                .unwrap_or_else(|_| panic!("`{command}; echo $?` shows {last:?}"));
            found.push(Echoed { command, code });
        }
    };
    for line in README.lines() {
        if line == "```console" {
            in_console = true;
            previous = None;
            continue;
        }
        if !in_console {
            continue;
        }
        if line == "```" {
            close(&mut pending, &last_line, &mut found);
            in_console = false;
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            close(&mut pending, &last_line, &mut found);
            if command == "echo $?" {
                let before = previous.clone().expect("`echo $?` after a command");
                pending = Some(before);
            } else if let Some(before) = command.strip_suffix("; echo $?") {
                pending = Some(before.to_string());
            }
            previous = Some(command.to_string());
        }
        last_line = line.to_string();
    }
    found
}

/// Runs `command` with `sh`, hit on the PATH, and returns its exit code.
fn exit_code(command: &str) -> i32 {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_hit"))
        .parent()
        .unwrap()
        .to_owned();
    let child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sh");
    collect(child).code
}

#[test]
fn every_echo_of_the_exit_code_in_the_readme_is_the_real_one() {
    let echoed = echoed();
    // The walkthrough's and the checks' at least.
    assert!(echoed.len() >= 8, "{echoed:#?}");
    let practice = Practice::start();
    let port = practice.port.to_string();
    let mut wrong = Vec::new();
    for Echoed { command, code } in &echoed {
        // `:1/` is a port nothing listens on.
        let (run, _server) = if command.contains(":8080") || command.contains(" :1/") {
            (command.replace("8080", &port), None)
        } else {
            let (host, reply) = elsewhere(command).unwrap_or_else(|| {
                panic!("README runs `{command}`: say in `elsewhere` what answers it")
            });
            let server = Server::reply(reply);
            let url = format!("http://{}", server.addr);
            (command.replace(host, &url), Some(server))
        };
        let real = exit_code(&run);
        if real != *code {
            wrong.push(format!(
                "`{command}`: README shows {code}, hit exits {real}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_finds_both_forms() {
    let echoed = echoed();
    let find = |command: &str| echoed.iter().find(|e| e.command == command).map(|e| e.code);
    assert_eq!(find("hit :8080/products/999"), Some(4));
    assert_eq!(find("hit -q :8080/status/503"), Some(5));
}
