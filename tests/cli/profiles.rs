//! Profiles (SPEC §8): the store, its commands, a profile under the command line, and
//! secrets that reach the server and nothing else.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::support::{Hit, Run, Server, hit};

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
        let cache = self.dir.path().join("cache");
        hit(args)
            .env("HIT_CONFIG_DIR", self.dir.path().to_str().unwrap())
            .env("HIT_CACHE_DIR", cache.to_str().unwrap())
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

#[test]
fn add_list_show_use_and_remove() {
    let config = Config::new();
    let server = Server::ok();
    let base = server.url("/api");
    config.ok(&[
        "profile",
        "add",
        "shop",
        "--base-url",
        &base,
        "-H",
        "X-Team: core",
        "--query",
        "per_page=2",
        "--retry",
        "2",
    ]);
    let list = config.ok(&["profile", "list"]);
    assert_eq!(list.stdout(), format!("shop  {base}\n"));
    let show = config.ok(&["profile", "show", "shop"]).stdout();
    assert!(show.contains(&format!("base_url = \"{base}\"")), "{show}");
    assert!(show.contains("X-Team = \"core\""), "{show}");
    assert!(show.contains("# no saved requests"), "{show}");

    config.ok(&["-P", "shop", "users/1", "page==3"]);
    config.ok(&["-P", "shop", "/other"]);
    let requests = server.requests();
    assert_eq!(requests[0].target, "/api/users/1?page=3&per_page=2");
    assert_eq!(requests[0].header("x-team"), Some("core"));
    // A path appends to the base path (issue 25).
    assert_eq!(requests[1].target, "/api/other?per_page=2");

    let run = config.hit(&["profile", "rm", "shop"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!config.file("shop").exists());
    assert_eq!(config.ok(&["profile", "list"]).stdout(), "");
    let run = config.hit(&["-P", "shop", "/x"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: no profile named 'shop'; there are none yet (hit profile add shop \
         --base-url URL creates it)\n"
    );
}

#[test]
fn a_missing_profile_names_those_there_are() {
    let config = Config::new();
    config.ok(&["profile", "add", "b", "--base-url", "https://b.example"]);
    config.ok(&["profile", "add", "a", "--base-url", "https://a.example"]);
    for args in [&["-P", "c", "/x"][..], &["profile", "show", "c"], &["@c/x"]] {
        let run = config.hit(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert_eq!(
            run.stderr,
            "hit: error: no profile named 'c'; the profiles are: a, b\n"
        );
    }
    let run = config.hit(&["/x"]).env("HIT_PROFILE", "zz").run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no profile named 'zz'"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_are_private_after_create_and_rewrite_and_a_readable_one_is_refused() {
    let config = Config::new();
    config.ok(&["profile", "add", "p", "--base-url", "https://p.example"]);
    let file = config.file("p");
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    config.ok(&["save", "-P", "p", "one", "/x"]);
    config.ok(&[
        "profile",
        "add",
        "p",
        "--base-url",
        "https://q.example",
        "--force",
    ]);
    assert_eq!(mode(&file), 0o600);
    assert!(
        config.text("p").contains("[requests.one]"),
        "--force keeps saved requests"
    );

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = config.hit(&["-P", "p", "/x"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let path = file.display();
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: profile 'p' ({path}) can be read by other users (mode 644), and it \
             may hold credentials; make it private with: chmod 600 '{path}'\n"
        )
    );
}

#[test]
fn a_broken_file_names_the_line_and_column() {
    let config = Config::new();
    config.ok(&["profile", "add", "p", "--base-url", "https://p.example"]);
    let file = config.file("p");
    std::fs::write(
        &file,
        "base_url = \"https://p.example\"\ntimeout = \"soon\"\n",
    )
    .unwrap();
    let run = config.hit(&["-P", "p", "/x"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let prefix = format!("hit: error: {}:2:11: invalid type", file.display());
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    std::fs::write(&file, "base_url = \"https://p.example\"\ncolour = 1\n").unwrap();
    let run = config.hit(&["profile", "show", "p"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    let prefix = format!("hit: error: {}:2:1: unknown field `colour`", file.display());
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    std::fs::write(&file, "base_url = [\n").unwrap();
    let run = config.hit(&["-P", "p", "/x"]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("p.toml:"), "{}", run.stderr);
}

#[test]
fn names_that_are_not_file_names_are_refused() {
    let config = Config::new();
    for name in ["../evil", "a/b", ".hidden", "a\u{1b}b", ""] {
        let run = config
            .hit(&["profile", "add", name, "--base-url", "https://x.example"])
            .run();
        assert_eq!(run.code, 2, "{name:?}: {run:#?}");
        assert!(
            run.stderr.contains("cannot be a profile name"),
            "{}",
            run.stderr
        );
    }
    assert!(!config.dir.path().join("evil.toml").exists());
}

#[test]
fn add_twice_needs_force() {
    let config = Config::new();
    config.ok(&["profile", "add", "p", "--base-url", "https://p.example"]);
    let run = config
        .hit(&["profile", "add", "p", "--base-url", "https://q.example"])
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("profile 'p' exists; --force replaces it"),
        "{}",
        run.stderr
    );
    assert!(config.text("p").contains("p.example"));
}

#[test]
fn the_command_line_comes_before_the_profile_and_the_profile_before_the_defaults() {
    let config = Config::new();
    let server = Server::sequence(vec![crate::support::Reply::new(503); 3]);
    config.ok(&[
        "profile",
        "add",
        "p",
        "--base-url",
        &server.url("/"),
        "-H",
        "Accept: text/plain",
        "-H",
        "X-Drop: me",
        "--bearer",
        "profile-token",
        "--store-secret",
        "--retry",
        "1",
        "--retry-delay",
        "0",
    ]);
    // The profile's retry applies: two attempts.
    let run = config.hit(&["-P", "p", "/a"]).run();
    assert_eq!(run.code, 5);
    // The command line's --retry 0 wins, its header replaces the profile's, `Name:` removes
    // one, and --bearer replaces the profile's token.
    let run = config
        .hit(&[
            "-P",
            "p",
            "/b",
            "--retry",
            "0",
            "-H",
            "Accept: application/json",
            "X-Drop:",
            "--bearer",
            "cli-token",
        ])
        .run();
    assert_eq!(run.code, 5);
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "{requests:#?}");
    assert_eq!(requests[0].header("accept"), Some("text/plain"));
    assert_eq!(requests[0].header("x-drop"), Some("me"));
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer profile-token")
    );
    assert_eq!(requests[2].target, "/b");
    assert_eq!(requests[2].header("accept"), Some("application/json"));
    assert_eq!(requests[2].header("x-drop"), None);
    assert_eq!(
        requests[2].header("authorization"),
        Some("Bearer cli-token")
    );
    // The built-in default stays where the profile says nothing.
    assert_eq!(
        requests[2]
            .header("user-agent")
            .map(|ua| ua.starts_with("hit/")),
        Some(true)
    );
}

#[test]
fn hit_profile_chooses_and_dash_p_overrides_it() {
    let config = Config::new();
    let one = Server::ok();
    let two = Server::ok();
    config.ok(&["profile", "add", "one", "--base-url", &one.url("/")]);
    config.ok(&["profile", "add", "two", "--base-url", &two.url("/")]);
    config
        .hit(&["/x"])
        .env("HIT_PROFILE", "one")
        .run()
        .success();
    config
        .hit(&["-P", "two", "/y"])
        .env("HIT_PROFILE", "one")
        .run()
        .success();
    assert_eq!(one.only_request().target, "/x");
    assert_eq!(two.only_request().target, "/y");
}

#[test]
fn extends_inherits_and_overrides() {
    let config = Config::new();
    let staging = Server::ok();
    config.ok(&[
        "profile",
        "add",
        "common",
        "--base-url",
        "https://prod.example",
        "-H",
        "X-Team: core",
        "--bearer-env",
        "SHARED_TOKEN",
    ]);
    config.ok(&[
        "profile",
        "add",
        "staging",
        "--extends",
        "common",
        "--base-url",
        &staging.url("/v1"),
    ]);
    config
        .hit(&["-P", "staging", "users"])
        .env("SHARED_TOKEN", "shared-secret")
        .run()
        .success();
    let request = staging.only_request();
    assert_eq!(request.target, "/v1/users");
    assert_eq!(request.header("x-team"), Some("core"));
    assert_eq!(
        request.header("authorization"),
        Some("Bearer shared-secret")
    );
    let show = config.ok(&["profile", "show", "staging"]).stdout();
    assert!(
        show.contains("inherits from 'common'") && show.contains("X-Team"),
        "{show}"
    );

    // A circle is refused.
    std::fs::write(config.file("common"), "extends = \"staging\"\n").unwrap();
    let run = config.hit(&["-P", "staging", "users"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("circle: staging → common → staging"),
        "{}",
        run.stderr
    );
}

#[test]
fn edit_replaces_a_valid_copy_and_keeps_an_invalid_one() {
    let config = Config::new();
    config.ok(&["profile", "add", "p", "--base-url", "https://p.example"]);
    let editor = config.dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'base_url = \"%s\"\\n' \"$NEW_BASE\" > \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.to_str().unwrap();
    config
        .hit(&["profile", "edit", "p"])
        .env("EDITOR", editor)
        .env("NEW_BASE", "https://edited.example")
        .run()
        .success();
    assert_eq!(config.text("p"), "base_url = \"https://edited.example\"\n");
    assert_eq!(mode(&config.file("p")), 0o600);

    let run = config
        .hit(&["profile", "edit", "p"])
        .env("VISUAL", editor)
        .env("NEW_BASE", "unterminated\n")
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    let copy = config.dir.path().join("profiles/.p.edit.toml");
    let prefix = format!("hit: error: {}:2:", copy.display());
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert!(copy.exists());
    assert!(
        run.stderr
            .contains("profile 'p' is unchanged, and the edit is kept in"),
        "{}",
        run.stderr
    );
    assert_eq!(config.text("p"), "base_url = \"https://edited.example\"\n");
}

#[test]
fn a_profile_with_cookies_keeps_its_own_private_jar() {
    let config = Config::new();
    let server = Server::start(|request: &crate::support::Recorded| {
        if request.target == "/login" {
            crate::support::Reply::new(200).header("Set-Cookie", "sid=s1; Path=/")
        } else {
            crate::support::Reply::new(200)
        }
    });
    config.ok(&[
        "profile",
        "add",
        "app",
        "--base-url",
        &server.url("/"),
        "--cookies",
    ]);
    config.ok(&["-P", "app", "/login"]);
    config.ok(&["-P", "app", "/account"]);
    let run = config.hit(&["/account"]).run();
    assert_eq!(run.code, 2, "a path needs a profile: {run:#?}");
    let jar = config.dir.path().join("profiles/app.cookies");
    assert_eq!(mode(&jar), 0o600);
    let requests = server.requests();
    assert_eq!(requests[1].header("cookie"), Some("sid=s1"));
    // Without the profile, nothing of its jar is sent.
    assert_eq!(requests.len(), 2);
    // -b names another jar: the profile's is not read.
    let other = config.dir.path().join("other.txt");
    config.ok(&["-P", "app", "/again", "-b", other.to_str().unwrap()]);
    assert_eq!(server.requests()[2].header("cookie"), None);
    // hit profile rm takes the jar with it.
    config.ok(&["profile", "rm", "app"]);
    assert!(!jar.exists());
}
