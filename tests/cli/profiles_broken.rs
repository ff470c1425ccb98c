//! Profiles that go wrong (SPEC §8): `extends` that names nothing or goes round in a circle,
//! broken and missing profiles, and `hit profile edit`.

use std::fs;

use crate::profiles::{Config, editor, mode};
use crate::support::Server;

// ---------------------------------------------------------------------------------------
// extends

#[test]
fn an_extending_profile_overrides_a_header_and_must_name_an_existing_one() {
    let config = Config::new();
    let production = Server::ok();
    let staging = Server::ok();
    config.add(&[
        "common",
        "--base-url",
        &production.url("/api"),
        "-H",
        "X-Client: hit-tests",
        "-H",
        "X-Tier: production",
        "--bearer-env",
        "COMMON_TOKEN",
    ]);
    config.add(&[
        "staging",
        "--extends",
        "common",
        "--base-url",
        &staging.url("/api"),
        "-H",
        "X-Tier: staging",
    ]);
    assert!(!config.text("staging").contains("COMMON_TOKEN"));
    config
        .hit(&["-P", "staging", "users"])
        .env("COMMON_TOKEN", "tok-common")
        .run()
        .success();
    assert!(
        production.requests().is_empty(),
        "sent to the base it overrides"
    );
    let request = staging.only_request();
    assert_eq!(request.target, "/api/users");
    assert_eq!(request.header("x-client"), Some("hit-tests"));
    assert_eq!(request.header_all("x-tier"), ["staging"]);
    assert_eq!(request.header("authorization"), Some("Bearer tok-common"));

    let run = config
        .hit(&["profile", "add", "qa", "--extends", "nothing"])
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("'nothing'"), "{run:#?}");
    assert!(run.stderr.contains("common, staging"), "{run:#?}");
    assert!(!config.file("qa").exists());

    // The base removed later: using the profile names both.
    fs::remove_file(config.file("common")).unwrap();
    let run = config.hit(&["-P", "staging", "users"]).run();
    assert_ne!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("staging") && run.stderr.contains("common"),
        "{run:#?}"
    );
    assert_eq!(staging.requests().len(), 1);
}

#[test]
fn a_longer_circle_and_a_profile_extending_itself_are_errors() {
    let config = Config::new();
    let server = Server::ok();
    let base = server.url("/");
    config.write("a", &format!("extends = \"b\"\nbase_url = \"{base}\"\n"));
    config.write("b", "extends = \"c\"\n");
    config.write("c", "extends = \"a\"\n");
    config.write(
        "self",
        &format!("extends = \"self\"\nbase_url = \"{base}\"\n"),
    );
    for name in ["a", "b", "self"] {
        for args in [&["-P", name, "/x"][..], &["profile", "show", name]] {
            let run = config.hit(args).run();
            assert_eq!(run.code, 2, "{args:?}: {run:#?}");
            assert!(run.stderr.contains("circle"), "{args:?}: {run:#?}");
        }
    }
    let run = config.hit(&["-P", "a", "/x"]).run();
    assert!(run.stderr.contains("a → b → c → a"), "{run:#?}");
    assert!(server.requests().is_empty());
}

// ---------------------------------------------------------------------------------------
// Broken and missing profiles

#[test]
fn a_nested_unknown_key_is_named_and_a_broken_profile_is_left_alone() {
    let config = Config::new();
    let server = Server::ok();
    let base = server.url("/");
    let broken = format!("base_url = \"{base}\"\n[auth]\ntype = \"bearer\"\ntoken_evn = \"X\"\n");
    config.write("nested", &broken);
    let expected = format!("{}:4:1:", config.file("nested").display());
    for args in [
        &["-P", "nested", "/x"][..],
        &["profile", "show", "nested"],
        &["save", "r", "-P", "nested", "/x"],
        &["@nested/r"],
    ] {
        let run = config.hit(args).run();
        assert_eq!(run.code, 1, "{args:?}: {run:#?}");
        assert!(
            run.stderr.contains(&expected),
            "{args:?}: want {expected}: {run:#?}"
        );
        assert!(run.stderr.contains("token_evn"), "{args:?}: {run:#?}");
    }
    assert_eq!(
        config.text("nested"),
        broken,
        "hit save rewrote a broken profile"
    );
    assert!(server.requests().is_empty());

    // A good profile beside it still works, and the list says which one is broken.
    config.add(&["good", "--base-url", &base]);
    config.ok(&["-P", "good", "/x"]);
    let list = config.ok(&["profile", "list"]).stdout();
    assert!(
        list.lines()
            .any(|l| l.starts_with("good ") && l.contains(&base)),
        "{list}"
    );
    assert!(
        list.lines()
            .any(|l| l.starts_with("nested ") && l.contains("token_evn")),
        "{list}"
    );
}

#[test]
fn every_command_naming_a_missing_profile_is_a_usage_error_listing_the_others() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["alpha", "--base-url", &server.url("/")]);
    config.add(&["beta", "--base-url", &server.url("/")]);
    let (_dir, script) = editor("printf 'version = 1\\n' > \"$1\"");
    for args in [
        &["profile", "rm", "nope"][..],
        &["profile", "edit", "nope"],
        &["save", "r", "-P", "nope", "/x"],
        &["@nope/r"],
        &["-P", "nope", "@r"],
    ] {
        let run = config.hit(args).env("EDITOR", &script).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stderr.contains("'nope'"), "{args:?}: {run:#?}");
        assert!(run.stderr.contains("alpha, beta"), "{args:?}: {run:#?}");
    }
    assert_eq!(config.entries(), ["alpha.toml", "beta.toml"]);
    assert!(server.requests().is_empty());
}

// ---------------------------------------------------------------------------------------
// hit profile edit

#[test]
fn a_valid_edit_replaces_the_profile_and_its_saved_requests_run_from_it() {
    let config = Config::new();
    let before = Server::ok();
    let after = Server::ok();
    config.add(&["e", "--base-url", &before.url("/")]);
    config.ok(&["save", "ping", "-P", "e", "ping"]);
    let edited = format!(
        "version = 1\nbase_url = \"{}\"\n\n[headers]\nX-Edited = \"yes\"\n\n\
         [requests.ping]\nurl = \"ping\"\n",
        after.url("/edited")
    );
    let (_dir, script) = editor(&format!("cat > \"$1\" <<'EOF'\n{edited}EOF"));
    config
        .hit(&["profile", "edit", "e"])
        .env("EDITOR", &script)
        .run()
        .success();
    assert_eq!(config.text("e"), edited);
    assert_eq!(mode(&config.file("e")), 0o600);
    assert_eq!(
        config.entries(),
        ["e.toml"],
        "the edited copy was left behind"
    );
    config.ok(&["@e/ping"]);
    assert!(before.requests().is_empty());
    let request = after.only_request();
    assert_eq!(request.target, "/edited/ping");
    assert_eq!(request.header("x-edited"), Some("yes"));
}

#[test]
fn an_invalid_edit_or_a_failing_editor_leaves_the_profile_as_it_was() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["e", "--base-url", &server.url("/"), "-H", "X-Kept: yes"]);
    let original = config.text("e");
    let (_a, bad_type) = editor(
        "printf 'version = 1\\n\\nbase_url = \"http://127.0.0.1:9/\"\\ntimeout = \"soon\"\\n' \
         > \"$1\"",
    );
    let (_b, unknown) = editor("printf 'colour = 1\\n' > \"$1\"");
    let (_c, missing_base) = editor("printf 'extends = \"nowhere\"\\n' > \"$1\"");
    for (script, about) in [
        (&bad_type, ":4:"),
        (&unknown, ":1:1:"),
        (&missing_base, "nowhere"),
    ] {
        let run = config
            .hit(&["profile", "edit", "e"])
            .env("EDITOR", script)
            .run();
        assert_ne!(run.code, 0, "{run:#?}");
        assert!(run.stderr.contains(about), "want {about}: {run:#?}");
        assert!(run.stderr.contains("unchanged"), "{run:#?}");
        assert_eq!(config.text("e"), original);
    }
    let (_d, failing) = editor("printf 'version = 1\\n' > \"$1\"; exit 1");
    let run = config
        .hit(&["profile", "edit", "e"])
        .env("EDITOR", &failing)
        .run();
    assert_ne!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("unchanged"), "{run:#?}");
    assert_eq!(config.text("e"), original);
    assert_eq!(mode(&config.file("e")), 0o600);
    config.ok(&["-P", "e", "/x"]);
    assert_eq!(server.only_request().header("x-kept"), Some("yes"));
}

#[test]
fn edit_runs_visual_before_editor_through_the_shell() {
    let config = Config::new();
    config.add(&["e", "--base-url", "http://127.0.0.1:9/"]);
    let (_a, visual) =
        editor("printf 'version = 1\\nbase_url = \"http://127.0.0.1:9/%s\"\\n' \"$1\" > \"$2\"");
    let (_b, editor_script) = editor("exit 9");
    // Through sh: a command with an argument, as VISUAL='code --wait' is.
    let run = config
        .hit(&["profile", "edit", "e"])
        .env("VISUAL", &format!("{visual} from-visual"))
        .env("EDITOR", &editor_script)
        .run();
    run.success();
    assert!(
        config.text("e").contains("/from-visual\""),
        "{}",
        config.text("e")
    );
}
