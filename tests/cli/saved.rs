//! Saved requests (`hit save`, `hit @NAME`, `--var`) and a profile's secrets: they reach the
//! server and nothing else (the file, stdout, stderr), unless `--show-secrets`.

use std::process::Stdio;

use crate::profiles::Config;
use crate::support::{Recorded, Reply, Server};

const TOKEN: &str = "env-SECRET-token-1";
const KEY: &str = "env-SECRET-key-2";
const COMMAND_TOKEN: &str = "cmd-SECRET-token-3";

#[test]
fn a_saved_request_runs_with_more_items_options_and_vars() {
    let config = Config::new();
    let server = Server::ok();
    config.ok(&["profile", "add", "shop", "--base-url", &server.url("/api/")]);
    config.ok(&[
        "save",
        "order",
        "-P",
        "shop",
        "POST",
        "orders/{kind}",
        "item={item}",
        "qty:=1",
        "-H",
        "X-Source: saved",
        "--retry",
        "1",
    ]);
    let text = config.text("shop");
    assert!(text.contains("[requests.order]"), "{text}");
    assert!(text.contains("url = \"orders/{kind}\""), "{text}");
    assert!(
        !text.contains("-P"),
        "where it is kept is not part of it: {text}"
    );

    config.ok(&[
        "@shop/order",
        "--var",
        "kind=books",
        "--var",
        "item=novel",
        "note=gift",
        "X-Extra:1",
        "-H",
        "X-Source: command line",
    ]);
    config.ok(&[
        "-P",
        "shop",
        "@order",
        "--var=kind=pens",
        "--var",
        "item=blue",
    ]);
    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].target, "/api/orders/books");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"item": "novel", "qty": 1, "note": "gift"})
    );
    assert_eq!(requests[0].header("x-extra"), Some("1"));
    assert_eq!(
        requests[0].header_all("x-source"),
        ["saved", "command line"],
        "a header option adds to the saved ones, as -H does twice"
    );
    assert_eq!(requests[1].target, "/api/orders/pens");

    let show = config.ok(&["profile", "show", "shop"]).stdout();
    assert!(
        show.contains(
            "order  POST 'orders/{kind}' 'item={item}' 'qty:=1' -H 'X-Source: saved' --retry 1"
        ),
        "{show}"
    );
}

#[test]
fn a_missing_var_or_request_is_a_usage_error_naming_it() {
    let config = Config::new();
    let server = Server::ok();
    config.ok(&["save", "one", &server.url("/users/{id}/{part}")]);
    let run = config.hit(&["@one", "--var", "id=1"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: saved request 'one' needs --var part=VALUE\n"
    );
    let run = config.hit(&["@two"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: no saved request 'two' in profile 'default'; it has: one\n"
    );
    let run = config.hit(&[&server.url("/x"), "--var", "a=1"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("--var fills {NAME} in a saved request"),
        "{}",
        run.stderr
    );
    let run = config.hit(&["@one", "--var", "nope"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("bad --var 'nope'"), "{}", run.stderr);
    assert!(server.requests().is_empty());
}

#[test]
fn an_option_given_again_wins_over_the_saved_one() {
    let config = Config::new();
    let server = Server::sequence(vec![Reply::new(503), Reply::new(503), Reply::new(200)]);
    config.ok(&[
        "save",
        "flaky",
        &server.url("/f"),
        "--retry",
        "0",
        "--retry-delay",
        "0",
    ]);
    let run = config.hit(&["@flaky", "--retry", "2"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_literal_secret_is_saved_only_when_asked() {
    let config = Config::new();
    let url = "http://127.0.0.1:9/x";
    for args in [
        &["save", "a", url, "--bearer", "t"][..],
        &["save", "a", url, "-u", "bob:pw"],
        &["save", "a", url, "Authorization:Bearer t"],
        &["save", "a", url, "-H", "X-Api-Key: k"],
        &["save", "a", "http://bob:pw@127.0.0.1:9/x"],
    ] {
        let run = config.hit(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stderr.contains("--store-secret"), "{}", run.stderr);
    }
    assert!(!config.file("default").exists());
    let run = config
        .hit(&["save", "a", url, "--bearer", "lit-SECRET", "--store-secret"])
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr
            .contains("hit: warning: --bearer is stored in plain text"),
        "{}",
        run.stderr
    );
    let show = config.ok(&["profile", "show", "default"]).stdout();
    assert!(
        !show.contains("lit-SECRET") && show.contains("--bearer '••••'"),
        "{show}"
    );
}

#[test]
fn concurrent_saves_all_land() {
    let config = Config::new();
    let children: Vec<_> = (0..16)
        .map(|i| {
            let name = format!("r{i}");
            let url = format!("http://127.0.0.1:9/{i}");
            config
                .hit(&["save", &name, &url])
                .command()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = config.text("default");
    for i in 0..16 {
        assert!(
            text.contains(&format!("[requests.r{i}]")),
            "r{i} lost: {text}"
        );
    }
}

/// A profile whose token comes from the environment, an API key from the environment, and a
/// second one whose token a command prints.
fn secret_profiles(config: &Config, server: &Server) {
    config.ok(&[
        "profile",
        "add",
        "env",
        "--base-url",
        &server.url("/"),
        "--bearer-env",
        "API_TOKEN",
        "--header-env",
        "X-Key=API_KEY",
    ]);
    // The command prints the token kept in a file, with spaces and a newline around it.
    let file = config.dir.path().join("token");
    std::fs::write(&file, format!("  {COMMAND_TOKEN}\n")).unwrap();
    let command = format!("cat '{}'", file.display());
    config.ok(&[
        "profile",
        "add",
        "cmd",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        &command,
    ]);
}

fn with_secrets(config: &Config, args: &[&str]) -> crate::support::Run {
    config
        .hit(args)
        .env("API_TOKEN", TOKEN)
        .env("API_KEY", KEY)
        .run()
}

#[test]
fn secrets_reach_the_server_and_no_output_or_file() {
    let config = Config::new();
    let server = Server::reply(Reply::json(200, "{}").header("Set-Cookie", "s=1"));
    secret_profiles(&config, &server);
    for name in ["env", "cmd"] {
        let text = config.text(name);
        for secret in [TOKEN, KEY, COMMAND_TOKEN] {
            assert!(!text.contains(secret), "{name}.toml: {text}");
        }
    }
    let views: [&[&str]; 5] = [
        &["-v"],
        &["-p", "Hh"],
        &["--offline"],
        &["--curl"],
        &["--output-format", "json"],
    ];
    for view in views {
        for profile in ["env", "cmd"] {
            let mut args = vec!["-P", profile, "/x"];
            args.extend_from_slice(view);
            let run = with_secrets(&config, &args);
            assert_eq!(run.code, 0, "{args:?}: {run:#?}");
            let seen = format!("{}{}", run.stdout(), run.stderr);
            for secret in [TOKEN, KEY, COMMAND_TOKEN] {
                assert!(!seen.contains(secret), "{args:?} showed a secret: {seen}");
            }
            // --curl reads them from shell variables: those the profile reads, or new ones.
            let (bearer, key) = match (view, profile) {
                (["--curl"], "env") => ("Bearer $API_TOKEN", "X-Key: $API_KEY"),
                (["--curl"], _) => ("Bearer $HIT_TOKEN", ""),
                _ => ("Bearer ••••", "X-Key: ••••"),
            };
            assert!(seen.contains(bearer), "{args:?}: {seen}");
            if profile == "env" {
                assert!(
                    seen.contains("X-Key") && seen.contains(key.split_at(7).1),
                    "{args:?}: {seen}"
                );
            }
        }
    }
    let sent: Vec<Recorded> = server.requests();
    let env_sent = sent.iter().find(|r| r.header("x-key").is_some()).unwrap();
    assert_eq!(
        env_sent.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(env_sent.header("x-key"), Some(KEY));
    let cmd_sent = sent.iter().find(|r| r.header("x-key").is_none()).unwrap();
    assert_eq!(
        cmd_sent.header("authorization"),
        Some(format!("Bearer {COMMAND_TOKEN}").as_str()),
        "the command's output, trimmed"
    );

    let run = with_secrets(&config, &["-P", "env", "/x", "-v", "--show-secrets"]);
    assert!(
        run.stdout()
            .contains(&format!("Authorization: Bearer {TOKEN}")),
        "{run:#?}"
    );
    assert!(run.stdout().contains(&format!("X-Key: {KEY}")), "{run:#?}");
}

#[test]
fn a_missing_variable_or_a_failing_command_is_named_and_nothing_is_sent() {
    let config = Config::new();
    let server = Server::ok();
    secret_profiles(&config, &server);
    let run = config.hit(&["-P", "env", "/x"]).env("API_KEY", KEY).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: profile 'env' takes a secret from $API_TOKEN (token_env), and it is not set\n"
    );
    config.ok(&[
        "profile",
        "add",
        "broken",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        "printf would-be-SECRET; exit 3",
    ]);
    let run = config.hit(&["-P", "broken", "/x"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: profile 'broken': token_cmd 'printf would-be-SECRET; exit 3' exited with status 3\n"
    );
    assert!(run.stdout.is_empty());
    assert!(server.requests().is_empty());
}

#[test]
fn a_secret_header_does_not_follow_a_redirect_to_another_origin() {
    let config = Config::new();
    let other = Server::ok();
    let target = other.url("/landed");
    let first = Server::reply(Reply::new(302).header("Location", &target));
    config.ok(&[
        "profile",
        "add",
        "p",
        "--base-url",
        &first.url("/"),
        "--header-env",
        "X-Custom=API_KEY",
    ]);
    let run = with_secrets(&config, &["-P", "p", "-L", "/start"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(first.only_request().header("x-custom"), Some(KEY));
    assert_eq!(other.only_request().header("x-custom"), None);
    assert!(
        run.stderr.contains("not sending X-Custom to"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_completion_engine_offers_profiles_and_saved_requests() {
    let config = Config::new();
    config.ok(&["profile", "add", "gh", "--base-url", "https://api.example"]);
    config.ok(&["save", "-P", "gh", "issues", "/issues"]);
    config.ok(&["save", "me", "https://api.example/me"]);
    let complete = |words: &[&str]| {
        let index = (words.len() - 1).to_string();
        let output = config
            .hit(&[])
            .command()
            .args(["--"].iter().chain(words))
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", &index)
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "true")
            .env("_CLAP_IFS", "\n")
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let at = complete(&["hit", "@"]);
    let mut offered: Vec<&str> = at.lines().collect();
    offered.sort();
    assert_eq!(offered, ["@default/me", "@gh/issues", "@me"]);
    assert_eq!(complete(&["hit", "-P", "g"]).trim(), "gh");
}
