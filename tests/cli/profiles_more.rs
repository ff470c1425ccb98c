//! More of SPEC §8, beside profiles.rs and saved.rs: how a URL joins the base URL, which of
//! the command line, the profile and hit's defaults wins, literal and referenced secrets, and
//! private files after every kind of write.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use crate::profiles::{Config, mode, never_shown};
use crate::support::{Reply, Server, hit};

// ---------------------------------------------------------------------------------------
// The base URL

#[test]
fn paths_append_to_the_base_path() {
    let config = Config::new();
    let server = Server::ok();
    let other = Server::ok();
    config.add(&["j", "--base-url", &server.url("/api/v1"), "-H", "X-From: j"]);
    let paths = [
        "/users/1",
        "users/2",
        "./users/3",
        "/",
        "?page=2",
        "/products?category=shoes",
        "/users/../orders",
    ];
    for path in paths {
        config.ok(&["-P", "j", path, "sort==name"]);
    }
    // A full URL is used as it is, with the profile's other settings.
    config.ok(&["-P", "j", &other.url("/elsewhere")]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/api/v1/users/1?sort=name",
            "/api/v1/users/2?sort=name",
            "/api/v1/users/3?sort=name",
            "/api/v1/?sort=name",
            "/api/v1/?page=2&sort=name",
            "/api/v1/products?category=shoes&sort=name",
            "/api/v1/orders?sort=name",
        ]
    );
    let elsewhere = other.only_request();
    assert_eq!(elsewhere.target, "/elsewhere");
    assert_eq!(elsewhere.header("x-from"), Some("j"));
}

#[test]
fn a_path_that_leaves_the_base_path_is_refused_with_the_full_url_to_write() {
    let config = Config::new();
    let server = Server::ok();
    let base = server.url("/api/v1");
    config.add(&["j", "--base-url", &base]);
    for path in ["../v2/x", "/users/../../v2/x"] {
        let run = config.hit(&["-P", "j", path]).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert_eq!(
            run.stderr,
            format!(
                "hit: error: '{path}' would leave the profile's base path /api/v1/; write the \
                 full URL if that is meant ({})\n",
                server.url("/api/v2/x")
            )
        );
    }
    // Written whole, it goes where it says.
    config.ok(&["-P", "j", &server.url("/api/v2/x")]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/api/v2/x"]);
}

#[test]
fn credentials_follow_the_origin_not_the_base_path() {
    let config = Config::new();
    let server = Server::ok();
    let other = Server::ok();
    config.add(&[
        "tok",
        "--base-url",
        &server.url("/api"),
        "--bearer-env",
        "BASE_TOKEN",
    ]);
    // Appended, and written whole outside the base path on the same origin: sent.
    for url in ["/users/1".to_string(), server.url("/health")] {
        config
            .hit(&["-P", "tok", &url])
            .env("BASE_TOKEN", "tok-123")
            .run()
            .success();
    }
    for request in server.requests() {
        assert_eq!(request.header("authorization"), Some("Bearer tok-123"));
    }
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/api/users/1", "/health"]);
    // Another origin: withheld, as before.
    let run = config
        .hit(&["-P", "tok", &other.url("/api/users/1")])
        .env("BASE_TOKEN", "tok-123")
        .run();
    run.success();
    assert_eq!(other.only_request().header("authorization"), None);
    assert!(
        run.stderr
            .contains("not sending profile 'tok''s Authorization"),
        "{run:#?}"
    );
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
    let run = config
        .hit(&["-P", "slow", "/x"])
        .run_within(std::time::Duration::from_secs(10));
    assert_eq!(run.code, 8, "{run:#?}");
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn credentials_go_only_to_the_base_urls_origin() {
    let config = Config::new();
    let home = Server::ok();
    let other = Server::ok();
    config.add(&[
        "p",
        "--base-url",
        &home.url("/v1"),
        "--bearer-env",
        "TOK",
        "--header-env",
        "X-Key=KEY",
        "-H",
        "X-Team: core",
    ]);
    let run = config
        .hit(&["-P", "p", &other.url("/elsewhere")])
        .env("TOK", "tok-SECRET")
        .env("KEY", "key-SECRET")
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let sent = other.only_request();
    assert_eq!(sent.header("authorization"), None);
    assert_eq!(sent.header("x-key"), None);
    assert_eq!(
        sent.header("x-team"),
        Some("core"),
        "plain headers still go"
    );
    assert!(
        run.stderr
            .contains("not sending profile 'p''s X-Key, Authorization to"),
        "{}",
        run.stderr
    );
    // --location-trusted sends them anyway; the base URL's origin always gets them.
    let run = config
        .hit(&["-P", "p", &other.url("/trusted"), "--location-trusted"])
        .env("TOK", "tok-SECRET")
        .env("KEY", "key-SECRET")
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(
        other.requests()[1].header("authorization"),
        Some("Bearer tok-SECRET")
    );
    // A path a URL parser would read as another host never leaves the base URL.
    for sneaky in ["/\\127.0.0.2:9/x", "\\\\127.0.0.2:9/x"] {
        let run = config
            .hit(&["-P", "p", sneaky])
            .env("TOK", "tok-SECRET")
            .env("KEY", "key-SECRET")
            .run();
        assert_eq!(run.code, 2, "{sneaky}: {run:#?}");
    }
    assert_eq!(home.requests().len(), 0);
}

#[test]
fn a_removed_header_needs_no_secret_and_the_command_line_turns_off_follow_and_insecure() {
    let config = Config::new();
    let server = Server::reply(Reply::new(302).header("Location", "/next"));
    config.add(&[
        "p",
        "--base-url",
        &server.url("/"),
        "--header-env",
        "X-Key=KEY",
        "-L",
    ]);
    let run = config
        .hit(&["-P", "p", "/a", "X-Key:", "--no-location"])
        .run();
    assert_eq!(
        run.code, 3,
        "no $KEY needed, no redirect followed: {run:#?}"
    );
    assert_eq!(server.only_request().header("x-key"), None);
}

#[test]
fn passwords_in_urls_are_secrets_too() {
    let config = Config::new();
    let run = config
        .hit(&[
            "profile",
            "add",
            "p",
            "--base-url",
            "http://u:pw-SECRET@127.0.0.1:9/",
        ])
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("--store-secret"), "{}", run.stderr);
    config.add(&[
        "p",
        "--base-url",
        "http://u:pw-SECRET@127.0.0.1:9/",
        "-H",
        "X-Api-Key: key-SECRET",
        "--store-secret",
    ]);
    let show = config.ok(&["profile", "show", "p"]).stdout();
    assert!(
        !show.contains("pw-SECRET") && !show.contains("key-SECRET"),
        "{show}"
    );
    assert!(
        show.contains("u:••••@") && show.contains("X-Api-Key = \"••••\""),
        "{show}"
    );
    let run = config
        .hit(&["save", "x", "/x", "-x", "http://a:b@127.0.0.1:9"])
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
}

#[test]
fn hand_written_values_are_checked_and_a_missing_parent_is_a_usage_error() {
    let config = Config::new();
    config.write("bad", "[output]\npretty = \"rainbow\"\n");
    let run = config.hit(&["-P", "bad", "/x"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("bad.toml: output.pretty is all, colors, format or none"),
        "{}",
        run.stderr
    );
    config.write("child", "extends = \"gone\"\n");
    let run = config.hit(&["-P", "child", "/x"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .starts_with("hit: error: profile 'child' extends 'gone': no profile named 'gone'"),
        "{}",
        run.stderr
    );
    // Inline tables are TOML too: hit save adds to them.
    config.write(
        "inline",
        "requests = { a = { url = \"http://127.0.0.1:9/a\" } }\n",
    );
    config.ok(&["save", "-P", "inline", "b", "http://127.0.0.1:9/b"]);
    let text = config.text("inline");
    assert!(text.contains("a = {") && text.contains("b = {"), "{text}");
}

#[test]
fn profile_add_takes_the_shared_option_groups_and_refuses_what_a_profile_does_not_keep() {
    let root = tempfile::tempdir().unwrap();
    let config_dir = root.path().to_str().unwrap();
    let run = hit(&[
        "profile",
        "add",
        "p",
        "--retry",
        "3",
        "--retry-on",
        "5xx,429",
        "-L",
        "-p",
        "hb",
    ])
    .env("HIT_CONFIG_DIR", config_dir)
    .run();
    run.success();
    let toml = std::fs::read_to_string(root.path().join("profiles/p.toml")).unwrap();
    assert!(toml.contains("retry_on = \"5xx,429\""), "{toml}");
    for (option, shown) in [
        (&["--location-trusted"][..], "--location-trusted"),
        (&["-E", "c.pem"][..], "-E/--cert"),
        (&["--noproxy", "*"][..], "--noproxy"),
    ] {
        let mut args = vec!["profile", "add", "q"];
        args.extend_from_slice(option);
        let run = hit(&args).env("HIT_CONFIG_DIR", config_dir).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert_eq!(
            run.stderr,
            format!(
                "hit: error: {shown} is an option of one request, which a profile does not \
                 keep; give it on the command line beside -P NAME\n"
            )
        );
    }
}
