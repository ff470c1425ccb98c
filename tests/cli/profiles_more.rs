//! More of SPEC §8, beside profiles.rs and saved.rs: how a URL joins the base URL, which of
//! the command line, the profile and hit's defaults wins, literal and referenced secrets,
//! private files after every kind of write, broken and circular profiles, `hit profile
//! edit`, and saved requests across profiles, vars and concurrent saves.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::support::{Hit, Reply, Run, Server, hit};

/// A private `HIT_CONFIG_DIR` for one test (the support module's runner already leaves
/// HIT_PROFILE and the rest of the environment out).
pub(crate) struct Config {
    pub(crate) dir: tempfile::TempDir,
}

impl Config {
    pub(crate) fn new() -> Config {
        Config {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub(crate) fn hit(&self, args: &[&str]) -> Hit {
        hit(args).env("HIT_CONFIG_DIR", self.dir.path().to_str().unwrap())
    }

    /// Runs hit, which must succeed.
    #[track_caller]
    pub(crate) fn ok(&self, args: &[&str]) -> Run {
        let run = self.hit(args).run();
        assert_eq!(run.code, 0, "hit {args:?}: {run:#?}");
        run
    }

    /// `hit profile add ARGS`, which must succeed.
    #[track_caller]
    pub(crate) fn add(&self, args: &[&str]) -> Run {
        let mut all = vec!["profile", "add"];
        all.extend_from_slice(args);
        self.ok(&all)
    }

    pub(crate) fn profiles(&self) -> PathBuf {
        self.dir.path().join("profiles")
    }

    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.profiles().join(format!("{name}.toml"))
    }

    pub(crate) fn text(&self, name: &str) -> String {
        fs::read_to_string(self.file(name)).expect("read the profile file")
    }

    /// A profile written by hand, private as hit keeps them.
    pub(crate) fn write(&self, name: &str, text: &str) {
        fs::create_dir_all(self.profiles()).unwrap();
        fs::set_permissions(self.profiles(), fs::Permissions::from_mode(0o700)).unwrap();
        fs::write(self.file(name), text).unwrap();
        fs::set_permissions(self.file(name), fs::Permissions::from_mode(0o600)).unwrap();
    }

    /// What the profile directory holds, the lock file aside.
    pub(crate) fn entries(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.profiles())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name != ".lock")
            .collect();
        names.sort();
        names
    }
}

pub(crate) fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

/// Fails when `secret` shows on stdout or stderr.
#[track_caller]
pub(crate) fn never_shown(run: &Run, secret: &str) {
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(!stdout.contains(secret), "{secret} on stdout: {run:#?}");
    assert!(!run.stderr.contains(secret), "{secret} on stderr: {run:#?}");
}

/// An executable shell script for EDITOR, and the directory that holds it.
pub(crate) fn editor(script: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("editor.sh");
    fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

// ---------------------------------------------------------------------------------------
// The base URL

#[test]
fn references_are_resolved_against_the_base_url_read_as_a_directory() {
    let config = Config::new();
    let server = Server::ok();
    let other = Server::ok();
    config.add(&["j", "--base-url", &server.url("/api/v1"), "-H", "X-From: j"]);
    for path in ["users/1", "./users/2", "/root", "?page=2", "../v2/x"] {
        config.ok(&["-P", "j", path]);
    }
    // A full URL is used as it is, with the profile's other settings.
    config.ok(&["-P", "j", &other.url("/elsewhere")]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/api/v1/users/1",
            "/api/v1/users/2",
            "/root",
            "/api/v1/?page=2",
            "/api/v2/x"
        ]
    );
    let elsewhere = other.only_request();
    assert_eq!(elsewhere.target, "/elsewhere");
    assert_eq!(elsewhere.header("x-from"), Some("j"));
}

// ---------------------------------------------------------------------------------------
// Literal secrets

#[test]
fn profile_add_refuses_a_literal_secret_unless_told_and_show_hides_it() {
    let config = Config::new();
    let server = Server::ok();
    let base = server.url("/");
    for extra in [
        &["--bearer", "literal-tok-123"][..],
        &["-u", "ada:literal-pw-123"],
        &["-H", "Authorization: Bearer literal-tok-123"],
    ] {
        let mut args = vec!["profile", "add", "lit", "--base-url", &base];
        args.extend_from_slice(extra);
        let run = config.hit(&args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stderr.contains("--store-secret"), "{run:#?}");
        never_shown(&run, "literal-tok-123");
        never_shown(&run, "literal-pw-123");
        assert!(!config.file("lit").exists(), "{args:?} wrote the profile");
    }

    let run = config.add(&[
        "lit",
        "--base-url",
        &base,
        "--bearer",
        "literal-tok-123",
        "--store-secret",
    ]);
    assert!(run.stderr.contains("warning"), "{run:#?}");
    never_shown(&run, "literal-tok-123");
    assert_eq!(mode(&config.file("lit")), 0o600);

    let run = config.ok(&["profile", "show", "lit"]);
    never_shown(&run, "literal-tok-123");
    assert!(run.stdout().contains("token = \"••••\""), "{run:#?}");
    let run = config.ok(&["profile", "show", "lit", "--show-secrets"]);
    assert!(
        run.stdout().contains("token = \"literal-tok-123\""),
        "{run:#?}"
    );

    let run = config.ok(&["-P", "lit", "-v", "/x"]);
    never_shown(&run, "literal-tok-123");
    assert!(
        run.stdout().contains("Authorization: Bearer ••••"),
        "{run:#?}"
    );
    assert_eq!(
        server.only_request().header("authorization"),
        Some("Bearer literal-tok-123")
    );
}

// ---------------------------------------------------------------------------------------
// Private files

#[test]
fn every_write_leaves_a_0600_file_in_a_0700_directory_and_no_temporary_file() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["p", "--base-url", &server.url("/")]);
    assert_eq!(mode(&config.profiles()), 0o700);
    assert_eq!(mode(&config.file("p")), 0o600);

    // hit save rewrites the existing profile, each time by a rename over it: a reader
    // holding the old file still sees it whole, and the new one is another inode.
    for url in ["a", "a2"] {
        let old_text = config.text("p");
        let mut old = fs::File::open(config.file("p")).unwrap();
        let old_ino = old.metadata().unwrap().ino();
        config.ok(&["save", "a", "-P", "p", url]);
        assert_eq!(mode(&config.file("p")), 0o600);
        assert_eq!(mode(&config.profiles()), 0o700);
        assert_ne!(
            fs::metadata(config.file("p")).unwrap().ino(),
            old_ino,
            "the file was rewritten in place, not replaced atomically"
        );
        let mut seen = String::new();
        std::io::Read::read_to_string(&mut old, &mut seen).unwrap();
        assert_eq!(seen, old_text);
        assert!(config.text("p").contains(&format!("url = \"{url}\"")));
    }

    // hit save creates `default`.
    config.ok(&["save", "ping", &server.url("/ping")]);
    assert_eq!(mode(&config.file("default")), 0o600);
    assert_eq!(config.entries(), ["default.toml", "p.toml"]);
}

#[test]
fn a_config_directory_that_hit_creates_is_private() {
    let root = tempfile::tempdir().unwrap();
    let config_dir = root.path().join("fresh").join("hit");
    let run = hit(&["profile", "add", "p", "--base-url", "http://127.0.0.1:9/"])
        .env("HIT_CONFIG_DIR", config_dir.to_str().unwrap())
        .run();
    run.success();
    assert_eq!(mode(&config_dir.join("profiles")), 0o700);
    assert_eq!(mode(&config_dir.join("profiles/p.toml")), 0o600);
}

#[test]
fn a_profile_group_or_others_can_read_is_refused_for_use_and_for_save() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["p", "--base-url", &server.url("/")]);
    for exposed in [0o640, 0o604, 0o660] {
        fs::set_permissions(config.file("p"), fs::Permissions::from_mode(exposed)).unwrap();
        let before = config.text("p");
        for args in [&["-P", "p", "/x"][..], &["save", "x", "-P", "p", "/x"]] {
            let run = config.hit(args).run();
            assert_eq!(run.code, 1, "mode {exposed:o}, {args:?}: {run:#?}");
            let line = run
                .stderr
                .lines()
                .find(|l| l.contains("chmod 600"))
                .unwrap_or_else(|| panic!("no 'chmod 600' in {run:#?}"));
            assert!(line.contains(config.file("p").to_str().unwrap()), "{line}");
        }
        assert_eq!(
            config.text("p"),
            before,
            "hit save changed an exposed profile"
        );
    }
    assert!(server.requests().is_empty(), "an exposed profile was used");
    fs::set_permissions(config.file("p"), fs::Permissions::from_mode(0o600)).unwrap();
    config.ok(&["-P", "p", "/x"]);
    assert_eq!(server.only_request().target, "/x");
}

// ---------------------------------------------------------------------------------------
// Secrets by reference

#[test]
fn basic_auth_takes_its_password_from_the_environment_and_never_shows_it() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&[
        "basic",
        "--base-url",
        &server.url("/"),
        "-u",
        "ada",
        "--password-env",
        "ADA_PW",
    ]);
    assert!(!config.text("basic").contains("pw-from-env"));
    for way in ["-v", "--offline", "--curl"] {
        let run = config
            .hit(&["-P", "basic", way, "/x"])
            .env("ADA_PW", "pw-from-env")
            .run();
        run.success();
        never_shown(&run, "pw-from-env");
        // base64("ada:pw-from-env")
        never_shown(&run, "YWRhOnB3LWZyb20tZW52");
    }
    assert_eq!(
        server.only_request().header("authorization"),
        Some("Basic YWRhOnB3LWZyb20tZW52")
    );
}

#[test]
fn a_missing_or_empty_variable_is_a_usage_error_naming_it() {
    let config = Config::new();
    let server = Server::ok();
    let base = server.url("/");
    config.add(&["env", "--base-url", &base, "--bearer-env", "NOT_SET_TOKEN"]);
    config.add(&[
        "key",
        "--base-url",
        &base,
        "--header-env",
        "X-Api-Key=NOT_SET_KEY",
    ]);
    config.add(&[
        "pw",
        "--base-url",
        &base,
        "-u",
        "ada",
        "--password-env",
        "NOT_SET_PW",
    ]);
    for (profile, var) in [
        ("env", "NOT_SET_TOKEN"),
        ("key", "NOT_SET_KEY"),
        ("pw", "NOT_SET_PW"),
    ] {
        let run = config.hit(&["-P", profile, "/x"]).run();
        assert_eq!(run.code, 2, "{profile}: {run:#?}");
        assert!(
            run.stderr.contains(&format!("${var}")),
            "{profile}: {run:#?}"
        );
        let run = config.hit(&["-P", profile, "/x"]).env(var, "").run();
        assert_eq!(run.code, 2, "{profile} with {var} empty: {run:#?}");
        assert!(
            run.stderr.contains(&format!("${var}")),
            "{profile}: {run:#?}"
        );
    }
    assert!(server.requests().is_empty(), "sent without its secret");
}

#[test]
fn a_failing_token_command_is_named_with_its_status_and_its_output_is_never_shown() {
    let config = Config::new();
    let server = Server::ok();
    // It prints the would-be secret, assembled so that the text is not in the command
    // itself (which the error names), and fails.
    let command = "printf '%s-%s' s3cret failed-cmd-output; exit 3";
    config.add(&[
        "cmd",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        command,
    ]);
    for way in [
        &["/x"][..],
        &["-v", "/x"],
        &["--offline", "/x"],
        &["--curl", "/x"],
    ] {
        let mut args = vec!["-P", "cmd"];
        args.extend_from_slice(way);
        let run = config.hit(&args).run();
        assert_eq!(run.code, 1, "{way:?}: {run:#?}");
        assert!(run.stderr.contains(command), "{way:?}: {run:#?}");
        assert!(run.stderr.contains("status 3"), "{way:?}: {run:#?}");
        never_shown(&run, "s3cret-failed-cmd-output");
    }
    // A command that prints nothing is no token either.
    config.add(&[
        "empty",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        "printf '  \\n'",
    ]);
    let run = config.hit(&["-P", "empty", "/x"]).run();
    assert_ne!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("token_cmd"), "{run:#?}");
    assert!(server.requests().is_empty(), "sent without a token");
}

// ---------------------------------------------------------------------------------------
// Precedence: command line > environment > profile > built-in default

#[test]
fn a_header_of_the_same_name_in_any_case_or_form_replaces_the_profiles() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&[
        "h",
        "--base-url",
        &server.url("/"),
        "-H",
        "X-Team: profile",
        "-H",
        "Accept: application/json",
    ]);
    let cases: [(&[&str], &[&str]); 6] = [
        (&["/x"], &["profile"]),
        (&["-H", "X-Team: cli", "/x"], &["cli"]),
        (&["-H", "x-team: lower", "/x"], &["lower"]),
        (&["/x", "X-Team:item"], &["item"]),
        (&["/x", "x-team:"], &[]),
        (&["-H", "X-Team:", "/x"], &[]),
    ];
    for (args, _) in &cases {
        let mut all = vec!["-P", "h"];
        all.extend_from_slice(args);
        config.ok(&all);
    }
    let sent = server.requests();
    assert_eq!(sent.len(), cases.len());
    for ((args, expected), request) in cases.iter().zip(&sent) {
        assert_eq!(request.header_all("x-team"), *expected, "{args:?}");
        assert_eq!(
            request.header_all("accept"),
            ["application/json"],
            "{args:?}"
        );
    }
}

#[test]
fn command_line_credentials_replace_the_profiles_without_running_its_command() {
    let config = Config::new();
    let server = Server::ok();
    let marker = tempfile::tempdir().unwrap();
    let ran = marker.path().join("ran");
    // Had the command run, it would leave a file behind and fail.
    let command = format!(": > '{}'; exit 7", ran.display());
    config.add(&[
        "a",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        &command,
    ]);
    config.ok(&["-P", "a", "-u", "ada:pw", "/x"]);
    config.ok(&["-P", "a", "--bearer", "cli-token", "/x"]);
    config.ok(&[
        "-P",
        "a",
        &server.url("/x").replace("http://", "http://bob:pw2@"),
    ]);
    assert!(!ran.exists(), "the profile's token_cmd ran");
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].header("authorization"), Some("Basic YWRhOnB3"));
    assert_eq!(sent[1].header("authorization"), Some("Bearer cli-token"));
    assert_eq!(sent[2].header("authorization"), Some("Basic Ym9iOnB3Mg=="));
    // Without them, the profile's (failing) command is run.
    let run = config.hit(&["-P", "a", "/x"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("status 7"), "{run:#?}");
    assert!(ran.exists(), "the profile's token_cmd did not run");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn profile_defaults_beat_hits_and_the_command_line_beats_them() {
    let config = Config::new();
    let server = Server::start(|request| match request.target.as_str() {
        "/start" | "/start?per_page=100" => Reply::new(302).header("Location", "/end"),
        _ => Reply::text(200, "the end body"),
    });
    config.add(&[
        "f",
        "--base-url",
        &server.url("/"),
        "-L",
        "-p",
        "h",
        "--query",
        "per_page=100",
    ]);
    // No profile: the redirect is not followed (exit 3).
    let run = hit(&[&server.url("/start")]).run();
    assert_eq!(run.code, 3, "{run:#?}");
    assert_eq!(server.requests().len(), 1);

    // The profile: -L follows, -p h prints the response head only.
    let run = config.ok(&["-P", "f", "/start"]);
    let out = run.stdout();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(!out.contains("the end body"), "{out}");
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[1].target, "/start?per_page=100");
    assert!(sent[2].target.starts_with("/end"), "{sent:#?}");

    // The command line: -p b and per_page==5 win.
    let run = config.ok(&["-P", "f", "-p", "b", "/end", "per_page==5"]);
    assert_eq!(run.stdout(), "the end body");
    assert_eq!(server.requests()[3].target, "/end?per_page=5");
}

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

#[test]
fn a_command_line_header_replaces_or_removes_a_secret_header_from_the_environment() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&[
        "k",
        "--base-url",
        &server.url("/"),
        "--header-env",
        "X-Api-Key=K_KEY",
    ]);
    for args in [
        &["-P", "k", "/x"][..],
        &["-P", "k", "-H", "X-Api-Key: mine", "/x"],
        &["-P", "k", "/x", "x-api-key:"],
    ] {
        config
            .hit(args)
            .env("K_KEY", "key-from-env")
            .run()
            .success();
    }
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].header_all("x-api-key"), ["key-from-env"]);
    assert_eq!(sent[1].header_all("x-api-key"), ["mine"]);
    assert!(sent[2].header_all("x-api-key").is_empty(), "{:#?}", sent[2]);
}

#[test]
fn the_profiles_timeout_applies_when_the_command_line_gives_none() {
    let config = Config::new();
    let (port, accepted) = crate::support::raw_server(|_| {
        crate::support::Raw::Stall(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhal")
    });
    config.add(&[
        "slow",
        "--base-url",
        &format!("http://127.0.0.1:{port}/"),
        "--timeout",
        "0.5",
    ]);
    let started = std::time::Instant::now();
    let run = config.hit(&["-P", "slow", "/x"]).run();
    assert_eq!(run.code, 8, "{run:#?}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 1);
}
