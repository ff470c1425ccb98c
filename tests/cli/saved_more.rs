//! More on saved requests (SPEC §8), beside saved.rs: show's listing, `@PROFILE/NAME`
//! against `-P` and HIT_PROFILE, where `hit save` keeps a request, replacing one while
//! keeping a hand-written file, vars everywhere, options layered on top, concurrent saves.

use std::process::Stdio;

use crate::profiles::{Config, mode};
use crate::support::{Reply, Server, collect};

#[test]
fn show_lists_each_saved_request_with_its_method_and_url() {
    let config = Config::new();
    config.add(&["api", "--base-url", "http://127.0.0.1:9/v1"]);
    config.ok(&["save", "me", "-P", "api", "users/me", "fields==name"]);
    config.ok(&["save", "create", "-P", "api", "/v2/users", "name=Ada"]);
    config.ok(&["save", "drop", "-P", "api", "DELETE", "users/{id}"]);
    let shown = config.ok(&["profile", "show", "api"]).stdout();
    let line = |name: &str| {
        shown
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no saved request {name} in {shown}"))
            .to_string()
    };
    assert!(line("me").contains("GET users/me"), "{shown}");
    assert!(line("create").contains("POST /v2/users"), "{shown}");
    assert!(line("drop").contains("DELETE 'users/{id}'"), "{shown}");
}

#[test]
fn a_named_profile_in_the_reference_beats_dash_p_and_hit_profile() {
    let config = Config::new();
    let one = Server::ok();
    let two = Server::ok();
    config.add(&[
        "one",
        "--base-url",
        &one.url("/one"),
        "-H",
        "X-Profile: one",
    ]);
    config.add(&[
        "two",
        "--base-url",
        &two.url("/two"),
        "-H",
        "X-Profile: two",
    ]);
    config.ok(&["save", "who", "-P", "one", "who"]);
    config
        .hit(&["@one/who", "extra==1"])
        .env("HIT_PROFILE", "two")
        .run()
        .success();
    config.ok(&["-P", "two", "@one/who"]);
    let sent = one.requests();
    assert_eq!(sent.len(), 2, "{sent:#?}");
    assert_eq!(sent[0].target, "/one/who?extra=1");
    assert_eq!(sent[1].target, "/one/who");
    for request in &sent {
        assert_eq!(request.header_all("x-profile"), ["one"]);
    }
    assert!(two.requests().is_empty());

    // Without a profile in the reference, -P's is searched, and one it lacks is named.
    let run = config.hit(&["-P", "two", "@who"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("'who'") && run.stderr.contains("'two'"),
        "{run:#?}"
    );
    let run = config.hit(&["@one/whom"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("it has: who"), "{run:#?}");
}

#[test]
fn hit_save_keeps_the_request_in_hit_profile_and_dash_p_beats_it() {
    let config = Config::new();
    config.add(&["one", "--base-url", "http://127.0.0.1:9/"]);
    config.add(&["two", "--base-url", "http://127.0.0.1:9/"]);
    config
        .hit(&["save", "a", "/a"])
        .env("HIT_PROFILE", "one")
        .run()
        .success();
    config
        .hit(&["save", "b", "-P", "two", "/b"])
        .env("HIT_PROFILE", "one")
        .run()
        .success();
    assert!(config.text("one").contains("[requests.a]"));
    assert!(!config.text("one").contains("[requests.b]"));
    assert!(config.text("two").contains("[requests.b]"));
    assert!(!config.file("default").exists());
    assert!(!config.text("one").contains("HIT_PROFILE"));
}

#[test]
fn saving_a_name_again_replaces_it_and_keeps_the_rest_of_the_file_as_written() {
    let config = Config::new();
    let server = Server::ok();
    let written = format!(
        "# Shop API: hand-written\nversion = 1\nbase_url = \"{}\" # production\n\n\
         [headers]\nX-Team = \"core\"\n",
        server.url("/api/")
    );
    config.write("shop", &written);
    config.ok(&["save", "list", "-P", "shop", "orders", "page==1"]);
    let run = config.ok(&["save", "list", "-P", "shop", "orders", "page==2"]);
    assert!(run.stderr.contains("replaced 'list'"), "{run:#?}");
    let text = config.text("shop");
    assert!(text.starts_with(&written), "{text}");
    assert_eq!(text.matches("[requests.list]").count(), 1, "{text}");
    assert!(
        text.contains("page==2") && !text.contains("page==1"),
        "{text}"
    );
    assert_eq!(mode(&config.file("shop")), 0o600);
    config.ok(&["-P", "shop", "@list"]);
    let request = server.only_request();
    assert_eq!(request.target, "/api/orders?page=2");
    assert_eq!(request.header("x-team"), Some("core"));
}

#[test]
fn vars_fill_the_url_items_and_options_and_every_missing_one_is_named() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["gh", "--base-url", &server.url("/")]);
    config.ok(&[
        "save",
        "issue",
        "-P",
        "gh",
        "PATCH",
        "repos/{owner}/{repo}/issues/{n}",
        "title={title}",
        "-H",
        "X-Owner: {owner}",
    ]);
    let run = config.hit(&["@gh/issue", "--var", "owner=ada"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    for missing in ["--var n=VALUE", "--var repo=VALUE", "--var title=VALUE"] {
        assert!(run.stderr.contains(missing), "{missing}: {run:#?}");
    }
    assert!(!run.stderr.contains("owner=VALUE"), "{run:#?}");
    assert!(server.requests().is_empty());

    config.ok(&[
        "@gh/issue",
        "--var",
        "owner=ada",
        "--var",
        "repo=engine",
        "--var",
        "n=1",
        "--var",
        "n=7",
        "--var",
        "title=Fix {it}",
    ]);
    let request = server.only_request();
    assert_eq!(request.method, "PATCH");
    assert_eq!(
        request.target, "/repos/ada/engine/issues/7",
        "the last --var wins"
    );
    assert_eq!(request.header("x-owner"), Some("ada"));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, serde_json::json!({"title": "Fix {it}"}));
}

#[test]
fn an_output_option_given_again_wins_over_the_saved_one() {
    let config = Config::new();
    let server = Server::reply(Reply::text(200, "saved body").header("X-Answer", "42"));
    config.ok(&["save", "peek", &server.url("/peek"), "-p", "b"]);
    assert_eq!(config.ok(&["@peek"]).stdout(), "saved body");
    let out = config.ok(&["@peek", "-p", "h"]).stdout();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.contains("X-Answer: 42"), "{out}");
    assert!(!out.contains("saved body"), "{out}");
}

#[test]
fn concurrent_saves_into_one_existing_profile_all_land() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["p", "--base-url", &server.url("/"), "-H", "X-Kept: yes"]);
    // Ten pairs, all started before any is waited for; each pair saves two names.
    let children: Vec<_> = (0..10)
        .flat_map(|pair| [format!("left{pair}"), format!("right{pair}")])
        .map(|name| {
            let path = format!("/{name}");
            let child = config
                .hit(&["save", &name, "-P", "p", &path])
                .command()
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn hit save");
            (name, child)
        })
        .collect();
    for (name, child) in children {
        let run = collect(child);
        assert_eq!(run.code, 0, "hit save {name}: {run:#?}");
    }
    assert_eq!(mode(&config.file("p")), 0o600);
    assert_eq!(
        config.entries(),
        ["p.toml"],
        "a temporary file was left behind"
    );
    let shown = config.ok(&["profile", "show", "p"]).stdout();
    assert!(shown.contains("X-Kept = \"yes\""), "{shown}");
    for pair in 0..10 {
        for name in [format!("left{pair}"), format!("right{pair}")] {
            assert!(
                shown
                    .lines()
                    .any(|l| l.starts_with(&format!("{name} ")) && l.contains(&format!("/{name}"))),
                "{name} was lost: {shown}"
            );
        }
    }
    config.ok(&["@p/left3"]);
    config.ok(&["@p/right9"]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/left3", "/right9"]);
}

#[test]
fn a_var_cannot_turn_a_word_into_an_option() {
    let config = Config::new();
    let server = Server::ok();
    config.ok(&["profile", "add", "p", "--base-url", &server.url("/")]);
    config.ok(&["save", "-P", "p", "get", "{path}"]);
    let run = config
        .hit(&["@p/get", "--var", "path=--output=/tmp/hit-pwned"])
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("a --var cannot turn a word into an option"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn saved_requests_and_http_files_append_to_the_base_path() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["shop", "--base-url", &server.url("/api")]);
    config.ok(&["save", "user", "-P", "shop", "/users/{id}", "fields==name"]);
    config.ok(&["save", "home", "-P", "shop", "/"]);
    config.ok(&["@shop/user", "--var", "id=7"]);
    config.ok(&["-P", "shop", "@home"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.http");
    std::fs::write(&file, "GET /orders?page=2\n\n###\nPOST orders\n\n{}\n").unwrap();
    config.ok(&["run", "-P", "shop", file.to_str().unwrap()]);
    let sent: Vec<String> = server
        .requests()
        .into_iter()
        .map(|r| format!("{} {}", r.method, r.target))
        .collect();
    assert_eq!(
        sent,
        [
            "GET /api/users/7?fields=name",
            "GET /api/",
            "GET /api/orders?page=2",
            "POST /api/orders"
        ]
    );
}

#[test]
fn a_saved_item_that_starts_with_a_dash_is_sent_as_an_item() {
    let config = Config::new();
    let server = Server::ok();
    config.ok(&["profile", "add", "loc", "--base-url", &server.url("/")]);
    config.ok(&["save", "neg", "-P", "loc", "POST", "/post", "--", "-n:=1"]);
    config.ok(&["@loc/neg", "b=2"]);
    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].target, "/post");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, serde_json::json!({"-n": 1, "b": "2"}));
}
