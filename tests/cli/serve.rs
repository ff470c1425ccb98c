//! `hit serve`: the practice API, run as a real process and reached by the real `hit`.
//! This file covers the resources (lists, items, methods, validators);
//! serve_tools.rs covers the practice routes, bad input, refusals, Idempotency-Key and load.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Practice, hit};

/// A response as `hit -p hb` shows it.
pub struct Answer {
    /// hit's exit code.
    pub code: i32,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub stderr: String,
}

/// The body as text, so that a failure shows it readably.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("code", &self.code)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .field("stderr", &self.stderr)
            .finish()
    }
}

impl Answer {
    /// The first value of a header (names compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_all(name).into_iter().next()
    }

    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {self:#?}"))
    }

    /// Asserts hit's exit code and the status.
    #[track_caller]
    pub fn is(&self, code: i32, status: u16) -> &Answer {
        assert_eq!((self.code, self.status), (code, status), "{self:#?}");
        self
    }

    /// Asserts the whole RFC 9457 problem, its media type and hit's exit code (4 or 5).
    #[track_caller]
    pub fn is_problem(&self, status: u16, title: &str, detail: &str) {
        self.is(i32::from(status / 100), status);
        let media = self.header("Content-Type");
        assert_eq!(media, Some("application/problem+json"), "{self:#?}");
        assert_eq!(self.json(), problem(status, title, detail));
    }

    /// Asserts a 422 problem with its `errors` member.
    #[track_caller]
    pub fn is_invalid(&self, detail: &str, errors: Value) {
        self.is(4, 422);
        let mut expected = problem(422, "Unprocessable Content", detail);
        expected["errors"] = errors;
        assert_eq!(self.json(), expected);
    }
}

/// Runs hit with `-p hb` and splits what it printed into status, headers and body.
#[track_caller]
pub fn ask(args: &[&str]) -> Answer {
    // What the server sent, Set-Cookie values included.
    let mut all = vec!["-p", "hb", "--show-secrets"];
    all.extend_from_slice(args);
    let run = hit(&all).run();
    let end = run
        .stdout
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or_else(|| panic!("no response head: {run:#?}"));
    let head = String::from_utf8(run.stdout[..end].to_vec()).expect("UTF-8 head");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1)?.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {run:#?}"));
    let headers = lines
        .filter_map(|line| line.split_once(": "))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    Answer {
        code: run.code,
        status,
        headers,
        body: run.stdout[end + 2..].to_vec(),
        stderr: run.stderr,
    }
}

/// The JSON body of a request that must succeed.
#[track_caller]
pub fn body(args: &[&str]) -> Value {
    let run = hit(args).run();
    run.success();
    serde_json::from_slice(&run.stdout).unwrap_or_else(|err| panic!("not JSON ({err}): {run:#?}"))
}

/// An RFC 9457 problem as the practice API writes it.
pub fn problem(status: u16, title: &str, detail: &str) -> Value {
    json!({"type": "about:blank", "title": title, "status": status, "detail": detail})
}

/// A field of every record of a list.
fn column(list: &Value, kind: &str, field: &str) -> Vec<Value> {
    let records = list[kind].as_array();
    let records = records.unwrap_or_else(|| panic!("no {kind} in {list}"));
    records.iter().map(|record| record[field].clone()).collect()
}

fn ids(list: &Value, kind: &str) -> Vec<u64> {
    let ids = column(list, kind, "id");
    ids.iter().map(|id| id.as_u64().unwrap()).collect()
}

/// A list's ids and the rest of its envelope (page, total, ...).
fn page(list: &Value, kind: &str) -> (Vec<u64>, Value) {
    let mut rest = list.clone();
    rest.as_object_mut().unwrap().remove(kind);
    (ids(list, kind), rest)
}

/// Sends raw bytes on a new connection and reads until the server closes it (waiting at
/// most `limit` for each read); returns what came back as text.
pub fn raw(port: u16, request: &[u8], limit: Duration) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(limit)).unwrap();
    stream.write_all(request).expect("send the request");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// A reqwest client for plain http, set up as hit's own (no root certificates to load).
pub fn client() -> reqwest::Client {
    let tls = rustls::ClientConfig::builder()
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let builder = reqwest::Client::builder().tls_backend_preconfigured(tls);
    builder.build().expect("a reqwest client")
}

pub fn runtime() -> tokio::runtime::Runtime {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.worker_threads(4).enable_all();
    builder.build().expect("a tokio runtime")
}

#[test]
fn the_banner_names_the_url_and_ctrl_c_stops_it_cleanly() {
    let practice = Practice::start();
    assert!(
        practice.banner.contains(&practice.url("/")),
        "{}",
        practice.banner
    );
    hit(&[&practice.at("/health")]).run().success();
    let (status, log) = practice.interrupt();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(log.contains("GET /health 200"), "{log}");
    assert!(log.ends_with("hit serve: stopped\n"), "{log}");
}

// Lists

#[test]
fn each_resource_lists_its_first_page_in_an_envelope() {
    let practice = Practice::start();
    let first = |total: u64, pages: u64| json!({"page": 1, "pageSize": 10, "total": total, "totalPages": pages});
    let users = body(&[&practice.at("/users")]);
    assert_eq!(page(&users, "users"), ((1..=10).collect(), first(25, 3)));
    let ada = json!({"id": 1, "name": "Ada Lovelace", "email": "ada.lovelace@example.com", "role": "admin"});
    assert_eq!(users["users"][0], ada);
    let products = body(&[&practice.at("/products")]);
    assert_eq!(
        page(&products, "products"),
        ((1..=10).collect(), first(64, 7))
    );
    let orders = body(&[&practice.at("/orders")]);
    let mut expected = first(3, 1);
    expected["orders"] = json!([
        {"id": 1, "item": "book", "qty": 1, "userId": 1, "status": "shipped"},
        {"id": 2, "item": "kettle", "qty": 2, "userId": 3, "status": "processing"},
        {"id": 3, "item": "tent", "qty": 1, "userId": 2, "status": "delivered"},
    ]);
    assert_eq!(orders, expected);
}

#[test]
fn the_api_and_v1_prefixes_reach_the_same_resources() {
    let practice = Practice::start();
    let plain = body(&[&practice.at("/products"), "page==3"]);
    for prefix in ["/api", "/v1", "/api/v1"] {
        let path = format!("{prefix}/products");
        assert_eq!(body(&[&practice.at(&path), "page==3"]), plain, "{prefix}");
    }
    let user = body(&[&practice.at("/api/v1/users/2/")]);
    assert_eq!(user["name"], "Alan Turing");
}

#[test]
fn there_are_64_products_in_8_categories_of_8() {
    let practice = Practice::start();
    let all = body(&[&practice.at("/products"), "pageSize==100"]);
    let categories = column(&all, "products", "category");
    assert_eq!(categories.len(), 64);
    let mut names: Vec<&str> = categories.iter().map(|c| c.as_str().unwrap()).collect();
    names.sort_unstable();
    names.dedup();
    let expected = "books clothing electronics garden kitchen outdoors shoes toys";
    assert_eq!(names, expected.split(' ').collect::<Vec<_>>());
    for name in names {
        let count = categories.iter().filter(|c| *c == name).count();
        assert_eq!(count, 8, "{name}");
    }
}

#[test]
fn a_field_filter_keeps_the_matching_records_and_counts_them() {
    let practice = Practice::start();
    let shoes = ask(&[&practice.at("/products"), "category==shoes"]);
    shoes.is(0, 200);
    assert_eq!(shoes.header("X-Total-Count"), Some("8"));
    let list = shoes.json();
    let envelope = json!({"page": 1, "pageSize": 10, "total": 8, "totalPages": 1});
    assert_eq!(
        page(&list, "products"),
        (vec![1, 9, 17, 25, 33, 41, 49, 57], envelope)
    );
    let upper = body(&[&practice.at("/products"), "category==SHOES"]);
    assert_eq!(upper, list, "the filter ignores case");
}

#[test]
fn a_field_filter_leaves_out_records_without_that_field() {
    let practice = Practice::start();
    let created = body(&["POST", &practice.at("/users"), "name=No Role"]);
    assert_eq!(created["id"], 26);
    let admins = ask(&[&practice.at("/users"), "role==admin", "pageSize==100"]);
    assert_eq!(ids(&admins.json(), "users"), [1, 6, 11, 16, 21]);
    assert_eq!(admins.header("X-Total-Count"), Some("5"));
}

#[test]
fn q_searches_the_text_of_a_list() {
    let practice = Practice::start();
    let boots = body(&[&practice.at("/products"), "q==boot"]);
    let names = column(&boots, "products", "name");
    assert_eq!(names, ["Leather Boot", "Hiking Boot Pro", "Rain Boot"]);
    assert_eq!(boots["total"], 3);
    let books = ["q==python tutorial", "category==books"];
    let both = body(&[&practice.at("/products"), books[0], books[1]]);
    assert_eq!(ids(&both, "products"), [2, 34]);
}

#[test]
fn sort_by_name_orders_the_list_alphabetically() {
    let practice = Practice::start();
    let sorted = body(&[&practice.at("/users"), "sort==name", "pageSize==5"]);
    let names = column(&sorted, "users", "name");
    let expected = "Ada Lovelace,Adele Goldberg,Alan Turing,Annie Easley,Barbara Liskov";
    assert_eq!(names, expected.split(',').collect::<Vec<_>>());
}

#[test]
fn sort_by_minus_price_puts_the_dearest_first() {
    let practice = Practice::start();
    let sorted = body(&[&practice.at("/products"), "sort==-price", "pageSize==100"]);
    let prices = column(&sorted, "products", "price");
    let prices: Vec<f64> = prices.iter().map(|p| p.as_f64().unwrap()).collect();
    assert_eq!(prices.len(), 64);
    assert_eq!(prices[..3], [349.0, 329.99, 249.0]);
    assert!(prices.windows(2).all(|w| w[0] >= w[1]), "{prices:?}");
    assert_eq!(sorted["products"][0]["name"], "Stand Mixer");
}

#[test]
fn an_unknown_sort_field_is_400_naming_the_fields() {
    let practice = Practice::start();
    ask(&[&practice.at("/products"), "sort==colour"]).is_problem(
        400,
        "Bad Request",
        "cannot sort by 'colour'; sort by one of id, name, category, price, stock (a leading - \
         sorts descending)",
    );
}

#[test]
fn page_and_page_size_choose_a_slice() {
    let practice = Practice::start();
    let list = body(&[&practice.at("/users"), "page==2", "pageSize==5"]);
    let envelope = json!({"page": 2, "pageSize": 5, "total": 25, "totalPages": 5});
    assert_eq!(page(&list, "users"), (vec![6, 7, 8, 9, 10], envelope));
}

#[test]
fn page_and_limit_choose_a_slice() {
    let practice = Practice::start();
    let last = body(&[&practice.at("/users"), "page==3", "limit==10"]);
    let envelope = json!({"page": 3, "pageSize": 10, "total": 25, "totalPages": 3});
    assert_eq!(page(&last, "users"), (vec![21, 22, 23, 24, 25], envelope));
    let beyond = body(&[&practice.at("/users"), "page==4", "limit==10"]);
    assert_eq!(beyond["users"], json!([]));
}

#[test]
fn offset_and_limit_choose_a_slice_with_links_by_offset() {
    let practice = Practice::start();
    let answer = ask(&[&practice.url("/products"), "offset==20", "limit==10"]);
    let envelope = json!({"offset": 20, "limit": 10, "total": 64});
    let expected = ((21..=30).collect(), envelope);
    assert_eq!(page(&answer.json(), "products"), expected);
    let at = |offset: u32, rel: &str| {
        let path = format!("/products?offset={offset}&limit=10");
        format!("<{}>; rel=\"{rel}\"", practice.url(&path))
    };
    let links = [
        at(0, "first"),
        at(10, "prev"),
        at(30, "next"),
        at(60, "last"),
    ];
    assert_eq!(answer.header_all("Link"), links);
    let tail = body(&[&practice.at("/products"), "offset==60", "limit==10"]);
    assert_eq!(ids(&tail, "products"), [61, 62, 63, 64]);
}

#[test]
fn a_bad_page_page_size_or_offset_is_400() {
    let practice = Practice::start();
    let at_least = |name: &str, min: u8, sent: &str| {
        format!("the query parameter {name} must be a whole number of at least {min}, not '{sent}'")
    };
    let from_1_to_100 = |name: &str, sent: &str| {
        format!("the query parameter {name} must be a whole number from 1 to 100, not '{sent}'")
    };
    let cases = [
        ("page==0", at_least("page", 1, "0")),
        ("page==abc", at_least("page", 1, "abc")),
        ("offset==-1", at_least("offset", 0, "-1")),
        ("pageSize==0", from_1_to_100("pageSize", "0")),
        ("limit==101", from_1_to_100("limit", "101")),
    ];
    for (param, detail) in cases {
        let answer = ask(&[&practice.at("/products"), param]);
        answer.is_problem(400, "Bad Request", &detail);
    }
}

#[test]
fn the_link_header_has_first_prev_next_and_last_keeping_the_other_parameters() {
    let practice = Practice::start();
    let query = ["category==shoes", "page==2", "pageSize==3"];
    let answer = ask(&[&practice.url("/products"), query[0], query[1], query[2]]);
    answer.is(0, 200);
    assert_eq!(answer.header("X-Total-Count"), Some("8"));
    let at = |page: u32, rel: &str| {
        let path = format!("/products?category=shoes&page={page}&pageSize=3");
        format!("<{}>; rel=\"{rel}\"", practice.url(&path))
    };
    let links = [at(1, "first"), at(1, "prev"), at(3, "next"), at(3, "last")];
    assert_eq!(answer.header_all("Link"), links);
}

#[test]
fn links_point_at_the_host_and_prefix_the_client_used() {
    let practice = Practice::start();
    let answer = ask(&[&practice.at("/api/users"), "Host:api.example.test:8443"]);
    let at = |page: u32, rel: &str| {
        format!("<http://api.example.test:8443/api/users?page={page}>; rel=\"{rel}\"")
    };
    assert_eq!(
        answer.header_all("Link"),
        [at(1, "first"), at(2, "next"), at(3, "last")]
    );
}

#[test]
fn the_seed_article_request_answers_ten_users_sorted_by_name() {
    let practice = Practice::start();
    let list = body(&[
        "GET",
        &practice.at("/api/users?page=1&limit=10&sort=name"),
        "Authorization:Bearer token123",
        "Accept:application/json",
    ]);
    let expected = "Ada Lovelace,Adele Goldberg,Alan Turing,Annie Easley,Barbara Liskov,\
                    Bjarne Stroustrup,Dennis Ritchie,Donald Knuth,Edsger Dijkstra,Frances Allen";
    let names = column(&list, "users", "name");
    assert_eq!(names, expected.split(',').collect::<Vec<_>>());
    let (_, envelope) = page(&list, "users");
    let first = json!({"page": 1, "pageSize": 10, "total": 25, "totalPages": 3});
    assert_eq!(envelope, first);
}

// One item

#[test]
fn one_product_by_id() {
    let practice = Practice::start();
    let product = body(&[&practice.at("/products/42")]);
    let expected = json!({"id": 42, "name": "RESTful Web Services", "category": "books", "price": 27, "stock": 88});
    assert_eq!(product, expected);
}

#[test]
fn the_etag_of_product_42_is_the_one_the_readme_shows() {
    let practice = Practice::start();
    let answer = ask(&[&practice.at("/products/42")]);
    assert_eq!(answer.header("ETag"), Some("\"ecd3310f96a0d83c\""));
    assert_eq!(answer.header("Cache-Control"), Some("no-cache"));
}

#[test]
fn a_missing_item_is_a_404_problem() {
    let practice = Practice::start();
    let missing = ask(&[&practice.at("/products/999")]);
    missing.is_problem(404, "Not Found", "there is no product with the id 999");
    let word = ask(&[&practice.at("/users/abc")]);
    word.is_problem(404, "Not Found", "there is no user with the id abc");
}

// Creating

#[test]
fn post_creates_a_user_with_201_and_its_location() {
    let practice = Practice::start();
    let fields = ["name=Charlie", "email=charlie@example.com", "role=viewer"];
    let answer = ask(&[
        "POST",
        &practice.at("/users"),
        fields[0],
        fields[1],
        fields[2],
    ]);
    answer.is(0, 201);
    assert_eq!(answer.header("Location"), Some("/users/26"));
    let expected =
        json!({"id": 26, "name": "Charlie", "email": "charlie@example.com", "role": "viewer"});
    assert_eq!(answer.json(), expected);
    assert_eq!(body(&[&practice.at("/users/26")]), expected);
    assert_eq!(body(&[&practice.at("/users")])["total"], 26);
}

#[test]
fn post_without_a_name_is_422_naming_it() {
    let practice = Practice::start();
    let answer = ask(&["POST", &practice.at("/users"), "email=x@example.com"]);
    let errors = json!([{"field": "name", "message": "is required"}]);
    answer.is_invalid("the user is not valid: name", errors);
    assert_eq!(body(&[&practice.at("/users")])["total"], 25, "nothing made");
}

#[test]
fn post_with_a_bad_email_is_422_naming_it() {
    let practice = Practice::start();
    let answer = ask(&["POST", &practice.at("/users"), "name=x", "email=nope"]);
    let errors = json!([{"field": "email", "message": "must be an email address"}]);
    answer.is_invalid("the user is not valid: email", errors);
}

#[test]
fn post_with_form_data_or_text_is_415() {
    let practice = Practice::start();
    let form = ask(&["POST", &practice.at("/users"), "-d", "name=x"]);
    form.is_problem(
        415,
        "Unsupported Media Type",
        "this API reads JSON (Content-Type: application/json), not \
         application/x-www-form-urlencoded",
    );
    assert_eq!(form.header("Accept"), Some("application/json"));
    let text_plain = "Content-Type: text/plain";
    let text = ask(&["POST", &practice.at("/users"), "-H", text_plain, "-d", "hi"]);
    text.is(4, 415);
    let detail = text.json()["detail"].as_str().unwrap().to_owned();
    assert!(detail.ends_with("not text/plain"), "{detail}");
}

/// POST /users with this body sent as JSON.
fn post_json(practice: &Practice, path: &str, json: &str) -> Answer {
    let json_type = "Content-Type: application/json";
    ask(&["POST", &practice.at(path), "-H", json_type, "-d", json])
}

#[test]
fn post_with_malformed_json_is_400_saying_where() {
    let practice = Practice::start();
    let answer = post_json(&practice, "/users", r#"{"name": "x","#);
    answer.is(4, 400);
    let detail = answer.json()["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.starts_with("the body is not valid JSON: "),
        "{detail}"
    );
    assert!(detail.ends_with("at line 1 column 13"), "{detail}");
}

#[test]
fn post_with_a_json_array_is_422() {
    let practice = Practice::start();
    let answer = post_json(&practice, "/orders", "[1]");
    answer.is_problem(
        422,
        "Unprocessable Content",
        "the body must be a JSON object",
    );
}

#[test]
fn post_with_no_body_is_400() {
    let practice = Practice::start();
    ask(&["POST", &practice.at("/users")]).is_problem(
        400,
        "Bad Request",
        "the request has no body; send a JSON object, such as hit POST :8080/orders item=book \
         qty:=2",
    );
}

#[test]
fn post_an_order_with_item_and_qty() {
    let practice = Practice::start();
    let answer = ask(&["POST", &practice.at("/orders"), "item=book", "qty:=2"]);
    answer.is(0, 201);
    assert_eq!(answer.header("Location"), Some("/orders/4"));
    assert_eq!(answer.json(), json!({"id": 4, "item": "book", "qty": 2}));
}

#[test]
fn an_order_for_zero_or_for_a_string_is_422() {
    let practice = Practice::start();
    let message = "must be a whole number of at least 1 (qty:=2 sends a number)";
    for qty in ["qty:=0", "qty=2"] {
        let answer = ask(&["POST", &practice.at("/orders"), "item=book", qty]);
        let errors = json!([{"field": "qty", "message": message}]);
        answer.is_invalid("the order is not valid: qty", errors);
    }
}

// PUT, PATCH, DELETE, HEAD, OPTIONS

#[test]
fn put_replaces_the_whole_record() {
    let practice = Practice::start();
    let answer = ask(&["PUT", &practice.at("/users/3"), "name=Grace B. Hopper"]);
    answer.is(0, 200);
    let expected = json!({"id": 3, "name": "Grace B. Hopper"});
    assert_eq!(answer.json(), expected, "email and role are gone");
    assert_eq!(body(&[&practice.at("/users/3")]), expected);
}

#[test]
fn patch_merges_null_removes_and_objects_merge() {
    let practice = Practice::start();
    let user = practice.at("/users/1");
    body(&[
        "PATCH",
        &user,
        r#"address:={"city": "London", "zip": "N1"}"#,
    ]);
    let change = ["role:=null", r#"address:={"zip": null, "country": "UK"}"#];
    let merged = body(&["PATCH", &user, change[0], change[1]]);
    let expected = json!({
        "id": 1,
        "name": "Ada Lovelace",
        "email": "ada.lovelace@example.com",
        "address": {"city": "London", "country": "UK"},
    });
    assert_eq!(merged, expected);
    assert_eq!(body(&[&user]), expected);
}

#[test]
fn patch_takes_merge_patch_json() {
    let practice = Practice::start();
    let merge_patch = "Content-Type: application/merge-patch+json";
    let change = r#"{"role": "admin"}"#;
    let patched = body(&[
        "PATCH",
        &practice.at("/users/2"),
        "-H",
        merge_patch,
        "-d",
        change,
    ]);
    assert_eq!(patched["role"], "admin");
    assert_eq!(patched["name"], "Alan Turing");
}

#[test]
fn validation_applies_after_put_and_patch() {
    let practice = Practice::start();
    let before = body(&[&practice.at("/users/5")]);
    let patch = ask(&["PATCH", &practice.at("/users/5"), "name:=null"]);
    let errors = json!([{"field": "name", "message": "is required"}]);
    patch.is_invalid("the user is not valid: name", errors.clone());
    let put = ask(&[
        "PUT",
        &practice.at("/users/5"),
        "email=margaret@example.com",
    ]);
    put.is_invalid("the user is not valid: name", errors);
    let price = ask(&["PATCH", &practice.at("/products/1"), "price:=-1"]);
    let errors = json!([{"field": "price", "message": "must be a number of at least 0"}]);
    price.is_invalid("the product is not valid: price", errors);
    assert_eq!(body(&[&practice.at("/users/5")]), before, "nothing changed");
}

#[test]
fn delete_answers_204_and_then_the_item_is_gone() {
    let practice = Practice::start();
    let gone = ask(&["DELETE", &practice.at("/orders/2")]);
    gone.is(0, 204);
    assert!(gone.body.is_empty());
    let missing = "there is no order with the id 2";
    let again = ask(&["DELETE", &practice.at("/orders/2")]);
    again.is_problem(404, "Not Found", missing);
    ask(&[&practice.at("/orders/2")]).is_problem(404, "Not Found", missing);
    assert_eq!(ids(&body(&[&practice.at("/orders")]), "orders"), [1, 3]);
}

#[test]
fn head_gives_the_headers_of_get_without_a_body() {
    let practice = Practice::start();
    let get = ask(&[&practice.at("/products/42")]);
    let head = ask(&["HEAD", &practice.at("/products/42")]);
    head.is(0, 200);
    assert!(head.body.is_empty(), "{head:#?}");
    let length = get.body.len().to_string();
    assert_eq!(head.header("Content-Length"), Some(length.as_str()));
    assert_eq!(head.header("ETag"), get.header("ETag"));
    assert!(head.header("ETag").is_some());
    let list = ask(&["HEAD", &practice.at("/products")]);
    assert_eq!(list.header("X-Total-Count"), Some("64"));
    assert!(list.body.is_empty());
}

#[test]
fn options_names_the_allowed_methods() {
    let practice = Practice::start();
    for (path, allow) in [
        ("/users", "GET, HEAD, POST, OPTIONS"),
        ("/users/1", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"),
    ] {
        let answer = ask(&["OPTIONS", &practice.at(path)]);
        answer.is(0, 204);
        assert_eq!(answer.header("Allow"), Some(allow), "{path}");
        assert!(answer.body.is_empty());
    }
}

#[test]
fn an_unsupported_method_is_405_with_allow() {
    let practice = Practice::start();
    let purge = ask(&["-X", "PURGE", &practice.at("/users")]);
    purge.is_problem(
        405,
        "Method Not Allowed",
        "PURGE is not allowed here; this resource allows GET, HEAD, POST, OPTIONS",
    );
    assert_eq!(purge.header("Allow"), Some("GET, HEAD, POST, OPTIONS"));
    let post = ask(&["POST", &practice.at("/users/1"), "name=x"]);
    post.is(4, 405);
    let item_methods = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS";
    assert_eq!(post.header("Allow"), Some(item_methods));
}

// Validators

#[test]
fn if_none_match_with_the_current_tag_is_304() {
    let practice = Practice::start();
    for path in ["/products/42", "/products?category=shoes"] {
        let first = ask(&[&practice.at(path)]);
        let tag = first.header("ETag").expect("an ETag").to_owned();
        assert!(tag.starts_with('"') && tag.ends_with('"'), "{tag}");
        let again = ask(&[&practice.at(path), &format!("If-None-Match:{tag}")]);
        again.is(0, 304);
        assert!(again.body.is_empty(), "{again:#?}");
        assert_eq!(again.header("ETag"), Some(tag.as_str()));
        let other = ask(&[&practice.at(path), "If-None-Match:\"other\""]);
        other.is(0, 200);
    }
}

#[test]
fn if_match_with_a_stale_tag_is_412_and_with_the_current_one_200() {
    let practice = Practice::start();
    let user = practice.at("/users/2");
    let stale = ask(&[&user]).header("ETag").unwrap().to_owned();
    let changed = ask(&["PATCH", &user, "role=admin", &format!("If-Match:{stale}")]);
    changed.is(0, 200);
    let current = changed.header("ETag").unwrap().to_owned();
    assert_ne!(current, stale);
    assert_eq!(ask(&[&user]).header("ETag"), Some(current.as_str()));
    let detail = format!(
        "the user changed since that version: its ETag is now {current}; GET it again and retry"
    );
    for method in ["PUT", "PATCH"] {
        let refused = ask(&[method, &user, "name=Someone", &format!("If-Match:{stale}")]);
        refused.is_problem(412, "Precondition Failed", &detail);
        assert_eq!(refused.header("ETag"), Some(current.as_str()));
    }
    for method in ["GET", "DELETE"] {
        let refused = ask(&[method, &user, &format!("If-Match:{stale}")]);
        refused.is_problem(412, "Precondition Failed", &detail);
    }
    let after = body(&[&user]);
    assert_eq!([&after["name"], &after["role"]], ["Alan Turing", "admin"]);
    let put = ask(&["PUT", &user, "name=Alan", &format!("If-Match:{current}")]);
    put.is(0, 200);
}

#[test]
fn if_none_match_star_on_an_existing_item_is_412_for_a_put() {
    let practice = Practice::start();
    let user = practice.at("/users/3");
    let before = body(&[&user]);
    let put = ask(&["PUT", &user, "name=Overwritten", "If-None-Match:*"]);
    put.is(4, 412);
    assert_eq!(body(&[&user]), before, "nothing changed");
}
