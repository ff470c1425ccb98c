//! `hit run`: where a `.http` file's variables come from, as the JetBrains HTTP Client and
//! the VS Code REST Client document them: env files in the folders above the file up to the
//! repository, `--env-file`/`--private-env-file`/`-V`, VS Code's settings, `@name = value`
//! lines applying from where they stand, dynamic variables, `.env` and response references
//! without `$.`.

use std::path::Path;

use crate::support::{Recorded, Reply, Server, hit};

/// Writes each file (folders made as needed) under `root`.
fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, contents) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

fn env_json(server: &Server, token: &str) -> String {
    format!(
        r#"{{"dev": {{"host": "{}", "token": "{token}"}}}}"#,
        server.url("")
    )
}

const USES_HOST: &str = "GET {{host}}/me\nAuthorization: Bearer {{token}}\n";

#[test]
fn env_files_are_found_in_the_folders_above_up_to_the_repository() {
    let server = Server::ok();
    let outer = tempfile::tempdir().unwrap();
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    write(
        &repo,
        &[
            ("http-client.env.json", &env_json(&server, "public")),
            (
                "api/http-client.private.env.json",
                r#"{"dev": {"token": "private"}}"#,
            ),
            ("api/v1/requests/me.http", USES_HOST),
        ],
    );
    hit(&["run", "me.http", "--env", "dev"])
        .current_dir(&repo.join("api/v1/requests"))
        .run()
        .success();
    let request = server.only_request();
    assert_eq!(request.target, "/me");
    assert_eq!(request.header("authorization"), Some("Bearer private"));

    // Above the repository's folder, env files are not looked for.
    write(
        outer.path(),
        &[("http-client.env.json", &env_json(&server, "outer"))],
    );
    std::fs::remove_file(repo.join("http-client.env.json")).unwrap();
    std::fs::remove_file(repo.join("api/http-client.private.env.json")).unwrap();
    let run = hit(&["run", "me.http", "--env", "dev"])
        .current_dir(&repo.join("api/v1/requests"))
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("there is no http-client.env.json"),
        "{}",
        run.stderr
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn env_file_options_and_env_vars_as_jetbrains_cli_spells_them() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "me.http",
                "GET {{host}}/me?who={{who}}\nAuthorization: Bearer {{token}}\n",
            ),
            ("conf/public.json", &env_json(&server, "public")),
            (
                "conf/private.json",
                r#"{"dev": {"token": "private", "who": "env"}}"#,
            ),
            // Beside the file, but --env-file names others.
            (
                "http-client.env.json",
                r#"{"dev": {"host": "http://example.invalid"}}"#,
            ),
        ],
    );
    let args = [
        "run",
        "me.http",
        "--env",
        "dev",
        "--env-file",
        "conf/public.json",
        "--private-env-file",
        "conf/private.json",
    ];
    hit(&args).current_dir(dir.path()).run().success();
    let mut with_vars = args.to_vec();
    with_vars.extend(["-V", "who=cli", "--env-var", "token=a=b"]);
    hit(&with_vars).current_dir(dir.path()).run().success();
    let requests = server.requests();
    assert_eq!(requests[0].target, "/me?who=env");
    assert_eq!(requests[0].header("authorization"), Some("Bearer private"));
    assert_eq!(requests[1].target, "/me?who=cli");
    assert_eq!(requests[1].header("authorization"), Some("Bearer a=b"));

    // -V alone, without any environment.
    let url = server.url("");
    hit(&[
        "run",
        "me.http",
        "-V",
        &format!("host={url}"),
        "-V",
        "who=v",
        "-V",
        "token=t",
    ])
    .current_dir(dir.path())
    .run()
    .success();
    assert_eq!(server.requests()[2].target, "/me?who=v");
    // -V wins over the file's own @who, as JetBrains' environment variables do.
    let source = format!("@who = file\nGET {url}/me?who={{{{who}}}}\n");
    write(dir.path(), &[("file.http", &source)]);
    hit(&["run", "file.http"])
        .current_dir(dir.path())
        .run()
        .success();
    hit(&["run", "file.http", "-V", "who=cli"])
        .current_dir(dir.path())
        .run()
        .success();
    let targets: Vec<String> = server.requests()[3..]
        .iter()
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(targets, ["/me?who=file", "/me?who=cli"]);

    for (extra, message) in [
        (
            vec!["-V", "novalue"],
            "hit: error: --env-var 'novalue': a variable is given as NAME=VALUE\n",
        ),
        (
            vec!["--env", "dev", "--env-file", "conf/missing.json"],
            "hit: error: conf/missing.json: no such file\n",
        ),
    ] {
        let mut args = vec!["run", "me.http"];
        args.extend(extra);
        let run = hit(&args).current_dir(dir.path()).run();
        assert_eq!((run.code, run.stderr.as_str()), (2, message));
    }
    let run = hit(&["run", "me.http", "--env-file", "conf/public.json"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("--env"), "{}", run.stderr);
    assert_eq!(server.requests().len(), 5);
}

#[test]
fn vscode_settings_environments_with_shared_values() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    let settings = format!(
        r#"{{
    // REST Client's environments
    "editor.tabSize": 2,
    "rest-client.environmentVariables": {{
        "$shared": {{ "version": "v1", "token": "shared", "base": "{}" }},
        "local": {{ "host": "{{{{$shared base}}}}", "api": "{{{{host}}}}/{{{{version}}}}", "token": "local", }},
        /* production */
        "production": {{ "host": "https://example.invalid" }}
    }},
}}"#,
        server.url("")
    );
    write(
        dir.path(),
        &[
            (".vscode/settings.json", &settings),
            (
                "requests/api.http",
                "GET {{api}}/me\nAuthorization: Bearer {{token}}\n",
            ),
        ],
    );
    hit(&["run", "requests/api.http", "--env", "local"])
        .current_dir(dir.path())
        .run()
        .success();
    let request = server.only_request();
    assert_eq!(request.target, "/v1/me");
    assert_eq!(request.header("authorization"), Some("Bearer local"));
    let run = hit(&["run", "requests/api.http", "--env", "qa"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no environment 'qa'")
            && run.stderr.ends_with("(it has: local, production)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn file_variables_apply_from_where_they_stand_between_requests_too() {
    let server = Server::ok();
    let url = server.url("");
    let source = format!(
        "@v = one\n\
         GET {url}/a?v={{{{v}}}}&late={{{{late}}}}\n\
         \n\
         @v = two\n\
         \n\
         ###\n\
         POST {url}/b?v={{{{v}}}}\n\
         Content-Type: text/plain\n\
         \n\
         body {{{{v}}}}\n\
         \n\
         @v = three\n\
         @late = below\n\
         ###\n\
         GET {url}/c?v={{{{v}}}}\n"
    );
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("api.http", &source)]);
    hit(&["run", "api.http"])
        .current_dir(dir.path())
        .run()
        .success();
    let requests = server.requests();
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    // A name defined only below is the file's all the same, as REST Client reads it.
    assert_eq!(targets, ["/a?v=one&late=below", "/b?v=two", "/c?v=three"]);
    assert_eq!(requests[0].body, b"");
    assert_eq!(requests[1].body_str(), "body two");
}

fn all(text: &str, kind: fn(char) -> bool) -> bool {
    !text.is_empty() && text.chars().all(kind)
}

/// `YYYY-MM-DDTHH:MM:SS` at the start of `text`; the rest.
fn iso_prefix(text: &str) -> &str {
    let digits = |range: std::ops::Range<usize>| all(&text[range], |c| c.is_ascii_digit());
    assert!(text.len() >= 19, "{text}");
    assert!(digits(0..4) && digits(5..7) && digits(8..10), "{text}");
    assert!(digits(11..13) && digits(14..16) && digits(17..19), "{text}");
    assert_eq!(
        (&text[4..5], &text[7..8], &text[10..11]),
        ("-", "-", "T"),
        "{text}"
    );
    &text[19..]
}

#[test]
fn dynamic_variables_have_their_documented_shapes() {
    let server = Server::ok();
    let url = server.url("/");
    let source = format!(
        "@which = HIT_TEST_SOURCE\n\
         POST {url}\n\
         X-Datetime: {{{{$datetime iso8601}}}}\n\
         X-Rfc: {{{{$datetime rfc1123}}}}\n\
         X-Tomorrow: {{{{$datetime \"YYYY-MM-DD\" 1 d}}}}\n\
         X-Local: {{{{$localDatetime iso8601}}}}\n\
         X-Local-Custom: {{{{$localDatetime 'DD/MM/YYYY HH:mm'}}}}\n\
         X-Iso: {{{{$isoTimestamp}}}}\n\
         X-Timestamp: {{{{$timestamp}}}}\n\
         X-Hour-Ago: {{{{$timestamp -1 h}}}}\n\
         X-Email: {{{{$random.email}}}}\n\
         X-Integer: {{{{$random.integer(10, 20)}}}}\n\
         X-Float: {{{{$random.float}}}}\n\
         X-Alphabetic: {{{{$random.alphabetic(8)}}}}\n\
         X-Uuid: {{{{$random.uuid}}}}\n\
         X-Env: {{{{$env.HIT_TEST_SOURCE}}}}\n\
         X-Process-Env: {{{{$processEnv HIT_TEST_SOURCE}}}}\n\
         X-Dotenv: {{{{$dotenv API_KEY}}}}\n\
         X-Indirect: {{{{$processEnv %which}}}}\n\
         Content-Type: text/plain\n\
         \n\
         {{{{$randomInt 1 2}}}}\n"
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("api.http", &source),
            (".env", "# keys\nAPI_KEY=\"k-123\"\nexport OTHER=x\n"),
        ],
    );
    hit(&["run", "api.http"])
        .env("HIT_TEST_SOURCE", "from-env")
        .current_dir(dir.path())
        .run()
        .success();
    let request = server.only_request();
    let h = |name: &str| {
        request
            .header(name)
            .unwrap_or_else(|| panic!("{name}"))
            .to_string()
    };
    let datetime = h("x-datetime");
    let millis = iso_prefix(&datetime);
    assert!(
        millis.len() == 5 && millis.starts_with('.') && millis.ends_with('Z'),
        "{datetime}"
    );
    let rfc = h("x-rfc");
    assert!(
        rfc.ends_with(" GMT") && rfc.len() == 29 && &rfc[3..5] == ", ",
        "{rfc}"
    );
    let tomorrow = h("x-tomorrow");
    assert_eq!(tomorrow.len(), 10, "{tomorrow}");
    assert_ne!(tomorrow, datetime[..10]);
    let local = h("x-local");
    let zone = iso_prefix(&local);
    assert!(
        zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')),
        "{local}"
    );
    let custom = h("x-local-custom");
    assert!(
        custom.len() == 16 && &custom[2..3] == "/" && &custom[10..11] == " ",
        "{custom}"
    );
    let iso = h("x-iso");
    assert!(iso_prefix(&iso).ends_with('Z'), "{iso}");
    let now: u64 = h("x-timestamp").parse().unwrap();
    let before: u64 = h("x-hour-ago").parse().unwrap();
    assert!(
        now > 1_700_000_000 && (3590..=3610).contains(&(now - before)),
        "{now} {before}"
    );
    let email = h("x-email");
    let (user, domain) = email.split_once('@').unwrap();
    assert!(
        all(user, |c| c.is_ascii_lowercase()) && domain.contains('.'),
        "{email}"
    );
    let integer: i64 = h("x-integer").parse().unwrap();
    assert!((10..20).contains(&integer));
    let float: f64 = h("x-float").parse().unwrap();
    assert!((0.0..1000.0).contains(&float));
    let alphabetic = h("x-alphabetic");
    assert!(alphabetic.len() == 8 && all(&alphabetic, |c| c.is_ascii_alphabetic()));
    let uuid = h("x-uuid");
    assert!(
        uuid.len() == 36 && uuid.split('-').map(str::len).eq([8, 4, 4, 4, 12]),
        "{uuid}"
    );
    assert_eq!(h("x-env"), "from-env");
    assert_eq!(h("x-process-env"), "from-env");
    assert_eq!(h("x-dotenv"), "k-123");
    assert_eq!(h("x-indirect"), "from-env");
    assert_eq!(request.body_str(), "1");
}

#[test]
fn local_datetime_is_in_the_zone_tz_names() {
    let server = Server::ok();
    let url = server.url("/");
    let source = format!(
        "GET {url}\n\
         X-Local: {{{{$localDatetime iso8601}}}}\n\
         X-Local-Rfc: {{{{$localDatetime rfc1123 -1 M}}}}\n\
         X-Local-Custom: {{{{$localDatetime 'Z|ZZ'}}}}\n\
         X-Utc: {{{{$datetime 'Z'}}}}\n"
    );
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("api.http", &source)]);
    // A POSIX zone rule, so the test needs no time zone database.
    hit(&["run", "api.http"])
        .env("TZ", "<+0530>-5:30")
        .current_dir(dir.path())
        .run()
        .success();
    let request = server.only_request();
    let h = |name: &str| request.header(name).unwrap().to_string();
    let local = h("x-local");
    assert!(local.ends_with("+05:30") && local.len() == 25, "{local}");
    let rfc = h("x-local-rfc");
    assert!(rfc.ends_with(" +0530") && rfc.len() == 31, "{rfc}");
    assert_eq!(h("x-local-custom"), "+05:30|+0530");
    assert_eq!(h("x-utc"), "+00:00");
}

#[test]
fn a_variable_the_file_cannot_have_is_refused_naming_it_and_nothing_is_sent() {
    let server = Server::ok();
    let url = server.url("/");
    for (line, message) in [
        (
            "Authorization: {{$aadToken}}",
            "api.http:5: {{$aadToken}}: $aadToken is an Azure Active Directory token that VS \
             Code signs in for; hit cannot obtain one (put the token in a variable: --env-var \
             token=…)",
        ),
        (
            "X-N: {{$randomInteger}}",
            "api.http:5: {{$randomInteger}}: $randomInteger is not a dynamic variable hit knows; \
             did you mean $random.integer? ($uuid, $guid, ",
        ),
        (
            "X-D: {{$datetime iso8061}}",
            "api.http:5: {{$datetime iso8061}}: 'iso8061' is not a format: rfc1123, iso8601 or \
             a quoted one such as \"YYYY-MM-DD\"",
        ),
        (
            "X-D: {{$datetime iso8601 20000 y}}",
            "api.http:5: {{$datetime iso8601 20000 y}}: 20000 y moves the time past the years \
             -9999 to 9999",
        ),
        (
            "X-D: {{$dotenv MISSING}}",
            "api.http:5: {{$dotenv MISSING}}: MISSING is not in the .env file beside the .http \
             file",
        ),
    ] {
        let source = format!("GET {url}\n\n###\nGET {url}\n{line}\n");
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("api.http", &source)]);
        let run = hit(&["run", "api.http"]).current_dir(dir.path()).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(
            run.stderr.starts_with(&format!("hit: error: {message}")),
            "{}",
            run.stderr
        );
    }
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn response_references_without_a_dollar_read_a_plain_dotted_path() {
    let server = Server::start(|r: &Recorded| {
        if r.target == "/login" {
            Reply::json(
                200,
                r#"{"access_token": "abc", "user": {"id": 7, "roles": ["a", "b"]}}"#,
            )
        } else {
            Reply::new(204)
        }
    });
    let url = server.url("");
    let source = format!(
        "# @name login\n\
         POST {url}/login\n\
         \n\
         ###\n\
         GET {url}/users/{{{{login.response.body.user.id}}}}?role={{{{login.response.body.user.roles[1]}}}}\n\
         Authorization: Bearer {{{{login.response.body.access_token}}}}\n\
         X-Same: {{{{login.response.body.$.access_token}}}}\n"
    );
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("api.http", &source)]);
    hit(&["run", "api.http"])
        .current_dir(dir.path())
        .run()
        .success();
    let requests = server.requests();
    assert_eq!(requests[1].target, "/users/7?role=b");
    assert_eq!(requests[1].header("authorization"), Some("Bearer abc"));
    assert_eq!(requests[1].header("x-same"), Some("abc"));
}
