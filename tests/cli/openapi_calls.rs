//! `hit @PROFILE/OPERATION` (issue 29): an operation of the profile's OpenAPI document
//! called by name, the request checked before it goes (`--strict` refuses), the credential
//! placed as the operation's security says, and the response checked (`--validate`,
//! `# @validate`, `hit test --contract`).

use crate::profiles::Config;
use crate::support::{Reply, Server};

/// A small API: a path parameter with a type, a query enum, a required header, a JSON
/// body, an API key in a header, and one operation that takes no credential.
const SPEC: &str = r##"
openapi: 3.1.0
info: {title: Shop, version: "2.0"}
servers: [{url: "/v2"}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
    query_key: {type: apiKey, in: query, name: key}
  schemas:
    Item:
      type: object
      required: [id, name, price]
      properties:
        id: {type: integer}
        name: {type: string}
        price: {type: number, minimum: 0}
security: [{key: []}]
paths:
  /items/{itemId}:
    get:
      operationId: getItem
      parameters:
        - {name: itemId, in: path, required: true, schema: {type: integer}}
        - {name: view, in: query, schema: {type: string, enum: [short, full]}}
      responses:
        "200":
          description: the item
          content:
            application/json: {schema: {$ref: "#/components/schemas/Item"}}
        "404": {description: no such item}
  /items:
    post:
      operationId: create_item
      parameters:
        - {name: X-Request-Tag, in: header, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: "#/components/schemas/Item"}}
      responses:
        "201": {description: created}
  /health:
    get:
      operationId: health
      security: []
      responses:
        "200": {description: up}
  /search:
    get:
      operationId: search
      security: [{query_key: []}]
      parameters:
        - {name: q, in: query, required: true, schema: {type: string}}
      responses:
        "200": {description: found}
"##;

/// A profile `shop` whose document is [`SPEC`], its base URL `server`'s `/v2/`, its token
/// in `SHOP_KEY`.
fn shop(server: &Server) -> Config {
    let config = Config::new();
    let spec = config.dir.path().join("shop.yaml");
    std::fs::write(&spec, SPEC).unwrap();
    config.write(
        "shop",
        &format!(
            "base_url = \"{}\"\n[auth]\ntype = \"bearer\"\ntoken_env = \"SHOP_KEY\"\n\
             [openapi]\nsource = \"{}\"\n",
            server.url("/v2/"),
            spec.display()
        ),
    );
    config
}

#[test]
fn an_operation_is_called_by_name_with_its_path_parameters_filled() {
    let server = Server::ok();
    let config = shop(&server);
    let run = |args: &[&str]| config.hit(args).env("SHOP_KEY", "k-123").run();
    let first = run(&["@shop/get-item", "42", "view==full"]);
    assert_eq!(first.code, 0, "{first:#?}");
    // The operationId as the document writes it finds it too; --var fills by name.
    let second = run(&["@shop/getItem", "--var", "itemId=7"]);
    assert_eq!(second.code, 0, "{second:#?}");
    let requests = server.requests();
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].target, "/v2/items/42?view=full");
    assert_eq!(requests[0].header("x-api-key"), Some("k-123"));
    assert_eq!(
        requests[0].header("authorization"),
        None,
        "the document wants the key in X-Api-Key, not as a bearer token"
    );
    assert_eq!(requests[1].target, "/v2/items/7");
    assert!(first.stderr.is_empty(), "nothing to warn about: {first:#?}");
}

#[test]
fn a_path_parameter_stays_one_segment_and_a_missing_one_is_named() {
    let server = Server::ok();
    let config = shop(&server);
    let run = config
        .hit(&["@shop/get-item", "a/b c", "--offline"])
        .env("SHOP_KEY", "k")
        .run();
    assert!(
        run.stdout().contains("GET /v2/items/a%2Fb%20c HTTP/1.1"),
        "{run:#?}"
    );
    let missing = config.hit(&["@shop/get-item"]).run();
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr.trim(),
        "hit: error: operation 'get-item' needs its path parameter 'itemId': hit @shop/get-item \
         ITEMID (or --var itemId=VALUE)"
    );
    let unknown = config.hit(&["@shop/get-itme", "1"]).run();
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("no operation or saved request 'get-itme'; did you mean 'get-item'?"),
        "{unknown:#?}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_request_that_breaks_the_document_is_said_and_strict_refuses_it() {
    let server = Server::ok();
    let config = shop(&server);
    let args = [
        "@shop/create-item",
        "id=x",
        "name=pen",
        "price:=-1",
        "colour==red",
    ];
    let warned = config.hit(&args).env("SHOP_KEY", "k").run();
    assert_eq!(warned.code, 0, "a warning does not stop it: {warned:#?}");
    for line in [
        "hit: spec: header parameter \"X-Request-Tag\": required",
        "hit: spec: body /id: expected integer, got string",
        "hit: spec: body /price:",
        "hit: spec: query parameter \"colour\": not in the spec",
    ] {
        assert!(warned.stderr.contains(line), "{line}: {}", warned.stderr);
    }
    assert_eq!(server.requests().len(), 1);

    let mut strict = args.to_vec();
    strict.push("--strict");
    let refused = config.hit(&strict).env("SHOP_KEY", "k").run();
    assert_eq!(refused.code, 2, "{refused:#?}");
    assert!(
        refused.stderr.contains(
            "hit: error: --strict: the request breaks create-item (POST /items) (4 problems \
             above); nothing was sent"
        ),
        "{}",
        refused.stderr
    );
    assert_eq!(server.requests().len(), 1, "nothing more was sent");

    let fine = [
        "@shop/create-item",
        "X-Request-Tag:a",
        "id:=1",
        "name=pen",
        "price:=2.5",
    ];
    let sent = config
        .hit(&[&fine[..], &["--strict"]].concat())
        .env("SHOP_KEY", "k")
        .run();
    assert_eq!(sent.code, 0, "{sent:#?}");
    assert!(sent.stderr.is_empty(), "{sent:#?}");
}

#[test]
fn security_decides_where_the_credential_goes_or_that_none_goes() {
    let server = Server::ok();
    let config = shop(&server);
    config
        .hit(&["@shop/health"])
        .env("SHOP_KEY", "k-1")
        .run()
        .success();
    let search = config
        .hit(&["@shop/search", "q==pen"])
        .env("SHOP_KEY", "k-2")
        .run();
    search.success();
    let requests = server.requests();
    assert_eq!(
        requests[0].header("x-api-key"),
        None,
        "security: [] sends none"
    );
    assert_eq!(requests[0].header("authorization"), None);
    assert_eq!(requests[1].target, "/v2/search?key=k-2&q=pen");
    assert_eq!(
        (search
            .stderr
            .matches("lint secret-in-query: the query parameter 'key'"))
        .count(),
        1,
        "{}",
        search.stderr
    );
    // Shown, the key is hidden, also as the URL encodes it.
    for key in ["k-secret-3", "ab+c/d=e=="] {
        let shown = config
            .hit(&["@shop/search", "q==pen", "--offline", "--strict"])
            .env("SHOP_KEY", key)
            .run();
        let out = shown.stdout();
        assert!(!out.contains(key) && !out.contains("ab%2Bc"), "{shown:#?}");
        assert_eq!(shown.code, 0, "the key is no unknown parameter: {shown:#?}");
    }
    // A key the command line gives is sent as given, once, and the profile's not besides.
    config
        .hit(&["@shop/get-item", "1", "X-Api-Key:mine"])
        .env("SHOP_KEY", "k")
        .run()
        .success();
    let mine = server.requests().pop().unwrap();
    assert_eq!(mine.header_all("x-api-key"), ["mine"]);
    assert_eq!(mine.header("authorization"), None);
    let dots = config
        .hit(&["@shop/get-item", ".."])
        .env("SHOP_KEY", "k")
        .run();
    assert_eq!(dots.code, 2, "{dots:#?}");
    let own = config
        .hit(&["@shop/get-item", "1", "--bearer", "mine"])
        .env("SHOP_KEY", "k")
        .run();
    own.success();
    let last = server.requests().pop().unwrap();
    assert_eq!(
        last.header("authorization"),
        Some("Bearer mine"),
        "the command line's own"
    );
}

#[test]
fn validate_checks_the_response_against_the_operation() {
    let server = Server::start(|request| match request.target.as_str() {
        "/v2/items/1" => Reply::json(200, r#"{"id": 1, "name": "pen", "price": 2.5}"#),
        "/v2/items/2" => Reply::json(200, r#"{"id": "2", "name": "pen"}"#),
        "/v2/items/3" => Reply::text(200, "pen"),
        _ => Reply::new(418),
    });
    let config = shop(&server);
    let run = |args: &[&str]| config.hit(args).env("SHOP_KEY", "k").run();
    let good = run(&["@shop/get-item", "1", "--validate"]);
    assert_eq!(good.code, 0, "{good:#?}");
    let bad = run(&["@shop/get-item", "2", "--validate"]);
    assert_eq!(bad.code, 1, "{bad:#?}");
    assert!(
        bad.stderr
            .contains("hit: contract: 200 body /id: expected integer, got string"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.contains("hit: contract: 200 body: "),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stdout().contains("\"pen\""),
        "the body is still shown: {bad:#?}"
    );
    let text = run(&["@shop/get-item", "3", "--validate"]);
    assert_eq!(text.code, 1);
    assert!(
        text.stderr.contains("hit: contract: 200"),
        "{}",
        text.stderr
    );
    let teapot = run(&["@shop/get-item", "9", "--validate"]);
    assert!(
        teapot.stderr.contains("hit: contract: status 418"),
        "{}",
        teapot.stderr
    );
    // A plain request under the profile is matched to its operation.
    let plain = run(&["-P", "shop", "/items/2", "--validate"]);
    assert_eq!(plain.code, 1);
    assert!(
        plain.stderr.contains("/id: expected integer"),
        "{}",
        plain.stderr
    );
    let nowhere = run(&["-P", "shop", "/nowhere", "--validate"]);
    assert!(
        nowhere
            .stderr
            .contains("hit: spec: no operation of profile 'shop''s document is GET /v2/nowhere"),
        "{}",
        nowhere.stderr
    );
    let without = Config::new()
        .hit(&[&server.url("/v2/items/2"), "--validate"])
        .run();
    assert_eq!(without.code, 2);
    assert!(
        without
            .stderr
            .contains("--validate and --strict hold a request"),
        "{}",
        without.stderr
    );
}

#[test]
fn http_files_validate_a_request_and_hit_test_checks_every_one() {
    let server = Server::start(|request| match request.target.as_str() {
        "/v2/items/1" => Reply::json(200, r#"{"id": 1, "name": "pen", "price": 2.5}"#),
        _ => Reply::json(200, r#"{"id": "x"}"#),
    });
    let config = shop(&server);
    let file = config.dir.path().join("items.http");
    let base = server.url("/v2");
    std::fs::write(
        &file,
        format!(
            "### good\n# @validate\nGET {base}/items/1\n\n### bad\n# @validate\nGET \
             {base}/items/2\n\n### unchecked\nGET {base}/items/3\n"
        ),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let run = config
        .hit(&["run", "-P", "shop", file])
        .env("SHOP_KEY", "k")
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("contract: 200 body /id: expected integer, got string"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("contract: 200 body /id").count(),
        1,
        "{}",
        run.stderr
    );

    let test = config
        .hit(&["test", "-P", "shop", "--contract", file])
        .env("SHOP_KEY", "k")
        .run();
    assert_eq!(test.code, 1, "{test:#?}");
    let unheld = config.hit(&["test", "--contract", file]).run();
    assert_eq!(unheld.code, 2, "no document to hold them to: {unheld:#?}");
    assert!(
        unheld.stderr.contains("name a profile that has one"),
        "{}",
        unheld.stderr
    );
    let out = format!("{}{}", test.stdout(), test.stderr);
    assert!(out.contains("3 requests: 1 passed, 2 failed"), "{out}");
    assert!(
        out.contains("contract: 200 body: missing required property \"name\""),
        "{out}"
    );
}

/// Every operation of the Petstore (3.1), called by name through a profile against `hit
/// serve --openapi` of the same document, with `--strict` and `--validate`: the client and
/// the mock agree on the contract, end to end.
#[cfg(feature = "serve")]
#[test]
fn operations_called_against_the_mock_pass_strict_and_validate() {
    let spec = format!(
        "{}/tests/fixtures/openapi/petstore-3.1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let cache = tempfile::tempdir().unwrap();
    let mock = crate::support::Practice::start_serving(
        &["--openapi", &spec],
        &[("HIT_CACHE_DIR", cache.path().to_str().unwrap())],
    );
    let config = Config::new();
    let base = format!("http://127.0.0.1{}", mock.at("/v2"));
    config.add(&[
        "pets",
        "--openapi",
        &spec,
        "--base-url",
        &base,
        "--bearer-env",
        "PET_KEY",
    ]);
    let pet = r#"name=rex photoUrls:=["https://example.com/rex.png"] status=available"#;
    let user = "username=ada firstName=Ada email=ada@example.com";
    let calls: &[&str] = &[
        &format!("add-pet {pet}"),
        &format!("update-pet id:=1 {pet}"),
        "find-pets-by-status status==available",
        "find-pets-by-tags tags==a tags==b",
        "get-pet-by-id 1",
        "update-pet-with-form 1 --urlencoded name=rex status=sold",
        "delete-pet 1",
        "get-inventory",
        "place-order id:=1 petId:=1 quantity:=2 status=placed",
        "get-order-by-id 3",
        "delete-order 3",
        &format!("create-user {user}"),
        "login-user username==ada password==secret",
        "logout-user",
        "get-user-by-name ada",
        &format!("update-user ada {user}"),
        "delete-user ada",
    ];
    for call in calls {
        let mut args = vec![format!("@pets/{}", call.split(' ').next().unwrap())];
        args.extend(call.split(' ').skip(1).map(str::to_string));
        args.extend(["--strict", "--validate"].map(str::to_string));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = config.hit(&args).env("PET_KEY", "k").run();
        // The Petstore documents only a 405 for some operations (add-pet's "Invalid
        // input"): the mock answers it, and its exit code is a 4xx's.
        assert!([0, 4].contains(&run.code), "hit {call}: {run:#?}");
        assert!(
            !run.stderr.contains("contract:"),
            "hit {call}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("spec:"), "hit {call}: {}", run.stderr);
    }
}
