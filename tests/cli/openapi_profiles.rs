//! Profiles that read an API's OpenAPI document (issue 29): `hit profile add --openapi`,
//! `--discover`, `hit profile sync`, the listing of `hit @NAME`, `hit explain
//! @NAME/OPERATION`, completion of operations and their parameters, and documents refused
//! in one line with nothing saved.

use std::fs;
use std::path::{Path, PathBuf};

use crate::profiles::Config;
use crate::support::{Hit, Reply, Run, Server};

/// A private config and cache directory for one test (`profiles::Config`), with what these
/// tests ask of it.
pub(crate) struct Env(Config);

impl Env {
    pub(crate) fn new() -> Env {
        Env(Config::new())
    }

    pub(crate) fn hit(&self, args: &[&str]) -> Hit {
        self.0.hit(args)
    }

    #[track_caller]
    pub(crate) fn ok(&self, args: &[&str]) -> Run {
        self.0.ok(args)
    }

    /// A run that must be refused in one line with exit 2, without a panic.
    #[track_caller]
    pub(crate) fn refused(&self, args: &[&str]) -> String {
        let run = self.hit(args).run();
        assert_eq!(run.code, 2, "hit {args:?}: {run:#?}");
        assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
        assert!(run.stderr.starts_with("hit: error: "), "{}", run.stderr);
        assert!(!run.stderr.contains("panick"), "{}", run.stderr);
        run.stderr
    }

    pub(crate) fn profile(&self, name: &str) -> PathBuf {
        self.0.file(name)
    }

    pub(crate) fn text(&self, name: &str) -> String {
        self.0.text(name)
    }

    /// `COMPLETE=bash hit -- WORDS`, the last word being completed: the candidates.
    pub(crate) fn complete(&self, words: &[&str]) -> Vec<String> {
        let index = (words.len() - 1).to_string();
        let output = self
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
        let text = String::from_utf8(output.stdout).unwrap();
        text.lines()
            .filter(|l| !l.starts_with('-'))
            .map(String::from)
            .collect()
    }
}

pub(crate) fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/openapi")
        .join(name)
        .display()
        .to_string()
}

/// A small 3.1 document with a relative server, an enum query parameter, a header
/// parameter, a deprecated and an untagged operation.
pub(crate) const SMALL: &str = r#"{
  "openapi": "3.1.0",
  "info": {"title": "Small", "version": "2.0"},
  "servers": [{"url": "/v1"}],
  "tags": [{"name": "things", "description": "What there is"}],
  "paths": {
    "/things/{kind}": {
      "get": {
        "operationId": "listThings",
        "summary": "List things",
        "tags": ["things"],
        "parameters": [
          {"name": "kind", "in": "path", "required": true,
           "schema": {"type": "string", "enum": ["big", "small"]}},
          {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
          {"name": "X-Trace", "in": "header", "schema": {"type": "string"}}
        ],
        "responses": {"200": {"description": "The things"}}
      }
    },
    "/old": {"get": {"operationId": "oldThing", "deprecated": true, "tags": ["things"],
                     "responses": {"200": {"description": "ok"}}}},
    "/ping": {"get": {"operationId": "ping", "summary": "Are you there",
                      "responses": {"204": {"description": "yes"}}}}
  }
}"#;

#[test]
fn a_profile_reads_a_yaml_3_0_document_and_takes_its_server_as_base_url() {
    let env = Env::new();
    let run = env.ok(&[
        "profile",
        "add",
        "pets",
        "--openapi",
        &fixture("petstore-3.0.yaml"),
    ]);
    assert!(
        run.stderr.starts_with(
            "hit: read OpenAPI 3.0 document 'Swagger Petstore' 1.0.0: 20 operations; \
             saved profile 'pets' in "
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.trim_end().ends_with("(hit @pets lists them)"),
        "{}",
        run.stderr
    );
    let text = env.text("pets");
    assert!(
        text.contains("base_url = \"http://petstore.swagger.io/v2\""),
        "{text}"
    );
    assert!(text.contains("[openapi]"), "{text}");
    assert!(text.contains(&fixture("petstore-3.0.yaml")), "{text}");
    let shown = env.ok(&["profile", "show", "pets"]).stdout();
    assert!(
        shown.contains("'Swagger Petstore', 20 operations (hit @pets lists them)"),
        "{shown}"
    );
    let listed = env.ok(&["profile", "list"]).stdout();
    assert!(
        listed.contains("(OpenAPI: hit @pets lists its operations)"),
        "{listed}"
    );
}

#[test]
fn a_profile_reads_a_json_3_1_document_and_keeps_its_own_base_url() {
    let env = Env::new();
    let run = env.ok(&[
        "profile",
        "add",
        "trains",
        "--openapi",
        &fixture("train-travel-3.1.json"),
        "--base-url",
        "http://127.0.0.1:9/",
    ]);
    assert!(
        run.stderr
            .starts_with("hit: read OpenAPI 3.1 document 'Train Travel API' 1.0.0: 7 operations"),
        "{}",
        run.stderr
    );
    assert!(
        env.text("trains")
            .contains("base_url = \"http://127.0.0.1:9/\"")
    );
}

#[test]
fn server_variables_fill_the_base_url_and_unknown_ones_are_refused() {
    let env = Env::new();
    let file = fixture("server-variables-3.0.json");
    env.ok(&[
        "profile",
        "add",
        "sv",
        "--openapi",
        &file,
        "--server-var",
        "name=acme",
    ]);
    assert!(
        env.text("sv")
            .contains("base_url = \"https://acme.example.com:443/v2\""),
        "{}",
        env.text("sv")
    );
    assert!(env.text("sv").contains("name = \"acme\""));
    let said = env.refused(&[
        "profile",
        "add",
        "other",
        "--openapi",
        &file,
        "--server-var",
        "nope=1",
    ]);
    assert!(
        said.contains(
            "the document's server URL has no variable 'nope'; it has name, port, basePath"
        ),
        "{said}"
    );
    assert!(!env.profile("other").exists());
}

#[test]
fn a_document_is_read_from_a_url_and_its_relative_server_joined_to_it() {
    let server = Server::start(|request| match request.target.as_str() {
        "/specs/small.json" => Reply::json(200, SMALL),
        _ => Reply::new(404),
    });
    let env = Env::new();
    let url = server.url("/specs/small.json");
    let run = env.ok(&["profile", "add", "small", "--openapi", &url]);
    assert!(
        run.stderr.contains("'Small' 2.0: 3 operations"),
        "{}",
        run.stderr
    );
    let text = env.text("small");
    assert!(
        text.contains(&format!("base_url = \"{}\"", server.url("/v1"))),
        "{text}"
    );
    assert!(text.contains(&format!("source = \"{url}\"")), "{text}");
    assert_eq!(server.requests().len(), 1);
    // Listing needs no network: the cache has it.
    drop(server);
    assert!(env.ok(&["@small"]).stdout().contains("list-things"));
}

#[test]
fn discover_follows_the_service_desc_link_of_the_base_url() {
    let server = Server::start(|request| match request.target.as_str() {
        "/api/" => {
            Reply::json(200, "{}").header("Link", "</docs/small.json>; rel=\"service-desc\"")
        }
        "/docs/small.json" => Reply::json(200, SMALL),
        _ => Reply::new(404),
    });
    let env = Env::new();
    let base = server.url("/api/");
    env.ok(&["profile", "add", "small", "--base-url", &base, "--discover"]);
    let text = env.text("small");
    assert!(
        text.contains(&format!("source = \"{}\"", server.url("/docs/small.json"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("base_url = \"{base}\"")),
        "the given base URL is kept: {text}"
    );
}

#[test]
fn discover_tries_openapi_json_when_there_is_no_link() {
    let server = Server::start(|request| match request.target.as_str() {
        "/openapi.json" => Reply::json(200, SMALL),
        _ => Reply::new(404),
    });
    let env = Env::new();
    env.ok(&[
        "profile",
        "add",
        "small",
        "--base-url",
        &server.url("/"),
        "--discover",
    ]);
    assert!(
        env.text("small")
            .contains(&format!("source = \"{}\"", server.url("/openapi.json")))
    );
    let nothing = Server::start(|_| Reply::new(404));
    let said = env.refused(&[
        "profile",
        "add",
        "none",
        "--base-url",
        &nothing.url("/"),
        "--discover",
    ]);
    assert!(said.contains("found no OpenAPI document for"), "{said}");
    assert!(!env.profile("none").exists());
}

#[test]
fn sync_reads_a_changed_document_again_and_says_what_changed() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("small.json");
    fs::write(&file, SMALL).unwrap();
    env.ok(&[
        "profile",
        "add",
        "small",
        "--openapi",
        file.to_str().unwrap(),
    ]);
    let run = env.ok(&["profile", "sync", "small"]);
    assert!(
        run.stderr.contains("no operation added or removed"),
        "{}",
        run.stderr
    );
    let changed = SMALL.replace("\"ping\"", "\"pingServer\"");
    fs::write(&file, changed).unwrap();
    let run = env.ok(&["profile", "sync", "small"]);
    assert!(
        run.stderr
            .contains("3 operations for profile 'small'; 1 added (ping-server), 1 removed (ping)"),
        "{}",
        run.stderr
    );
    assert!(env.ok(&["@small"]).stdout().contains("ping-server"));
    let said = env.refused(&["profile", "sync", "nope"]);
    assert!(said.contains("no profile named 'nope'"), "{said}");
}

#[test]
fn hit_at_name_lists_the_operations_by_tag_untagged_last() {
    let env = Env::new();
    let (_dir, file) = crate::support::temp_file("small.json", SMALL);
    env.ok(&[
        "profile",
        "add",
        "small",
        "--openapi",
        &file,
        "--base-url",
        "http://127.0.0.1:9",
    ]);
    let listed = env.ok(&["@small"]).stdout();
    assert_eq!(
        listed,
        "Small 2.0: 3 operations (OpenAPI 3.1); hit explain @small/OPERATION describes one\n\
         \n\
         things  What there is\n  \
           list-things  GET  /things/{kind}  List things\n  \
           old-thing    GET  /old            (deprecated)\n\
         \n\
         (untagged)\n  \
           ping  GET  /ping  Are you there\n"
    );
    let coloured = env.hit(&["@small"]).terminal().run();
    assert!(
        coloured.stdout().contains("\x1b["),
        "coloured on a terminal"
    );
    let said = env.refused(&["@small", "extra"]);
    assert!(
        said.contains("hit @small/OPERATION ... calls one"),
        "{said}"
    );
}

#[test]
fn a_saved_request_of_that_name_keeps_winning_over_the_listing() {
    let server = Server::ok();
    let env = Env::new();
    let (_dir, file) = crate::support::temp_file("small.json", SMALL);
    env.ok(&["profile", "add", "small", "--openapi", &file]);
    env.ok(&["save", "small", &server.url("/saved")]);
    let run = env.ok(&["@small"]);
    assert!(!run.stdout().contains("list-things"), "{}", run.stdout());
    assert_eq!(server.only_request().target, "/saved");
}

#[test]
fn explain_shows_an_operation_whole() {
    let env = Env::new();
    env.ok(&[
        "profile",
        "add",
        "pets",
        "--openapi",
        &fixture("petstore-3.0.yaml"),
    ]);
    let page = env.ok(&["explain", "@pets/get-pet-by-id"]).stdout();
    for part in [
        "GET /pet/{petId}\n@pets/get-pet-by-id, operationId getPetById, tags pet\n",
        "\nFind pet by ID\n\nReturns a single pet\n",
        "  petId  path, required  integer (int64)  ID of pet to return\n",
        "  404      Pet not found\n",
        "\nSecurity\n  api_key: an API key in header api_key\n",
        "\nCall it\n  hit @pets/get-pet-by-id PET_ID\n",
    ] {
        assert!(page.contains(part), "{part:?} in:\n{page}");
    }
    let page = env.ok(&["explain", "@pets/add-pet"]).stdout();
    for part in [
        "Request body (required)\n",
        "  application/json, application/xml: Pet\n",
        "    name       string                            required\n",
        "    status     \"available\" | \"pending\" | \"sold\"            pet status in the store\n",
        "  Example:\n    {\n",
        "      \"name\": \"doggie\",\n",
        "petstore_auth: OAuth 2 (a bearer token)",
        "hit @pets/add-pet name=doggie 'photoUrls:=[",
    ] {
        assert!(page.contains(part), "{part:?} in:\n{page}");
    }
    let page = env.ok(&["explain", "@pets/find-pets-by-status"]).stdout();
    assert!(
        page.contains("hit @pets/find-pets-by-status status==available"),
        "{page}"
    );
}

#[test]
fn explain_refuses_what_it_cannot_find_in_one_line() {
    let env = Env::new();
    env.ok(&[
        "profile",
        "add",
        "pets",
        "--openapi",
        &fixture("petstore-3.0.yaml"),
    ]);
    env.ok(&[
        "profile",
        "add",
        "plain",
        "--base-url",
        "http://127.0.0.1:9",
    ]);
    let said = env.refused(&["explain", "@pets/get-pet"]);
    assert!(said.contains("no operation 'get-pet' in the OpenAPI document of profile 'pets'; did you mean get-pet-by-id"), "{said}");
    let said = env.refused(&["explain", "@nope/get-pet"]);
    assert!(said.contains("no profile named 'nope'"), "{said}");
    let said = env.refused(&["explain", "@plain/get-pet"]);
    assert!(
        said.contains("profile 'plain' has no OpenAPI document"),
        "{said}"
    );
}

#[test]
fn completion_offers_operations_then_their_parameters() {
    let env = Env::new();
    let (_dir, file) = crate::support::temp_file("small.json", SMALL);
    env.ok(&["profile", "add", "small", "--openapi", &file]);
    assert_eq!(env.complete(&["hit", "@sm"]), ["@small", "@small/"]);
    assert_eq!(
        env.complete(&["hit", "@small/"]),
        ["@small/list-things", "@small/old-thing", "@small/ping"]
    );
    assert_eq!(env.complete(&["hit", "@small/li"]), ["@small/list-things"]);
    let op = "@small/list-things";
    assert_eq!(
        env.complete(&["hit", op, ""]),
        ["big", "small", "order==", "X-Trace:"]
    );
    assert_eq!(env.complete(&["hit", op, "big", "o"]), ["order=="]);
    assert_eq!(
        env.complete(&["hit", op, "big", "order=="]),
        ["order==asc", "order==desc"]
    );
    assert_eq!(
        env.complete(&["hit", op, "big", "order==asc", ""]),
        ["X-Trace:"]
    );
    assert_eq!(env.complete(&["hit", "explain", "@s"]), ["@small/"]);
    assert_eq!(
        env.complete(&["hit", "explain", "@small/p"]),
        ["@small/ping"]
    );
    assert_eq!(
        env.complete(&["hit", "explain", "retry-a"]),
        ["Retry-After"]
    );
    // The document is gone: completion reads the cache only.
    fs::remove_file(&file).unwrap();
    assert_eq!(env.complete(&["hit", "@small/p"]), ["@small/ping"]);
}

/// A document around `paths`, as JSON.
fn with_paths(paths: &str) -> String {
    format!(r#"{{"openapi": "3.0.3", "info": {{"title": "T", "version": "1"}}, "paths": {paths}}}"#)
}

#[test]
fn bad_documents_are_refused_in_one_line_with_nothing_saved() {
    let env = Env::new();
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let cases: Vec<(&str, String, &str)> = vec![
        ("garbage.txt", "{ not json".into(), "is not valid JSON"),
        ("tabs.yaml", "a: [\n\tb".into(), "is neither JSON nor YAML"),
        (
            "swagger.json",
            r#"{"swagger": "2.0", "info": {}, "paths": {}}"#.into(),
            "Swagger 2.0",
        ),
        (
            "dangling.json",
            with_paths(
                r##"{"/a": {"get": {"responses": {"200": {"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}}}}}}}"##,
            ),
            "points at nothing",
        ),
        (
            "remote.json",
            with_paths(
                r#"{"/a": {"get": {"responses": {"200": {"$ref": "http://127.0.0.1:9/other.json#/r"}}}}}"#,
            ),
            "names another origin",
        ),
        (
            "nested.json",
            format!(r#"{{"openapi": "3.0.3", "x": {nested}}}"#),
            "recursion limit",
        ),
        (
            "collide.json",
            with_paths(
                r#"{"/a/{x}": {"get": {"responses": {}}}, "/a/{y}": {"get": {"responses": {}}}}"#,
            ),
            "collide",
        ),
        (
            "twice.json",
            with_paths(
                r#"{"/a": {"get": {"operationId": "same", "responses": {}}}, "/b": {"get": {"operationId": "same", "responses": {}}}}"#,
            ),
            "are both called 'same'",
        ),
    ];
    for (name, text, says) in cases {
        let (_dir, file) = crate::support::temp_file(name, text);
        let said = env.refused(&["profile", "add", "bad", "--openapi", &file]);
        assert!(said.contains(says), "{name}: {said}");
        assert!(!env.profile("bad").exists(), "{name}: nothing saved");
    }
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.json");
    fs::File::create(&huge)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let said = env.refused(&["profile", "add", "bad", "--openapi", huge.to_str().unwrap()]);
    assert!(said.contains("more than 64 MiB"), "{said}");
    let said = env.refused(&["profile", "add", "bad", "--openapi", "/nonexistent/x.json"]);
    assert!(said.contains("cannot read '/nonexistent/x.json'"), "{said}");
    assert!(!env.profile("bad").exists());
}
