use super::*;
use crate::http::timing::ConnectionTiming;
use std::time::Duration;

pub(super) fn ctx() -> Context {
    Context {
        status: 200,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Vary".into(), "Accept".into()),
            ("Set-Cookie".into(), "a=1; Path=/".into()),
            ("vary".into(), "Origin".into()),
            ("set-cookie".into(), "b=2, c".into()),
        ],
        url: "http://127.0.0.1:8080/users?page=2".into(),
        version: "HTTP/2".into(),
        size: 42,
        timing: Timing {
            total: Duration::from_micros(12_345),
            ttfb: Duration::from_millis(10),
            sent: Duration::ZERO,
            connection: Some(ConnectionTiming {
                dns: None,
                connect: Duration::from_micros(1_500),
                tls: Some(Duration::from_millis(3)),
            }),
        },
        event: None,
    }
}

/// The results of FILTER over INPUT, one line each.
fn jq_with(filter: &str, args: &[(String, Arg)], input: &str, raw: bool) -> Result<String, String> {
    let program = Program::compile(filter, args).map_err(|e| e.to_string())?;
    let mut out = String::new();
    program
        .run(input.as_bytes(), &ctx(), raw, &mut |b, _| {
            out.push_str(std::str::from_utf8(b).unwrap());
            out.push('\n');
            Ok(())
        })
        .map_err(|e| format!("{e:?}"))?;
    Ok(out)
}

fn jq(filter: &str, input: &str) -> String {
    jq_with(filter, &[], input, false).unwrap()
}

fn compile_error(filter: &str) -> String {
    match Program::compile(filter, &[]) {
        Ok(_) => panic!("{filter} compiled"),
        Err(e) => e.to_string(),
    }
}

pub(super) const USERS: &str = r#"[{"name":"Ada","age":36,"id":1},{"name":"Bob","age":25,"id":2},
    {"name":"Cy","age":41,"id":3}]"#;

#[test]
fn object_and_array_filters() {
    assert_eq!(
        jq(".[] | select(.age > 30) | .name", USERS),
        "\"Ada\"\n\"Cy\"\n"
    );
    assert_eq!(jq("map(.id)", USERS), "[1,2,3]\n");
    assert_eq!(jq("length", USERS), "3\n");
    assert_eq!(jq(".[0] | keys", USERS), "[\"age\",\"id\",\"name\"]\n");
    assert_eq!(
        jq(".[0]", USERS),
        "{\"name\":\"Ada\",\"age\":36,\"id\":1}\n"
    );
    assert_eq!(
        jq(".[0] | has(\"age\"), has(\"x\")", USERS),
        "true\nfalse\n"
    );
    assert_eq!(jq(".a // \"default\"", "{}"), "\"default\"\n");
    assert_eq!(jq(".n | tostring", r#"{"n":12}"#), "\"12\"\n");
    assert_eq!(jq("@base64", r#""hit""#), "\"aGl0\"\n");
    assert_eq!(
        jq(".[] | test(\"^[AB]\")", r#"["Ada","Cy"]"#),
        "true\nfalse\n"
    );
    assert_eq!(jq("[.[].age] | add / length", USERS), "34\n");
    assert_eq!(
        jq("{z: 1, a: 2} | to_entries | map(.key)", "null"),
        "[\"z\",\"a\"]\n"
    );
    assert_eq!(
        jq(".[] | .name | ascii_downcase", USERS),
        "\"ada\"\n\"bob\"\n\"cy\"\n"
    );
    assert_eq!(jq("empty", "1"), "");
}

#[test]
fn key_order_is_kept() {
    let input = r#"{"zeta":1,"alpha":{"y":2,"b":3},"mid":[{"k2":1,"k1":2}]}"#;
    assert_eq!(jq(".", input), format!("{input}\n"));
}

#[test]
fn big_numbers_survive_selection() {
    let input = r#"{"id":12345678901234567890123,"x":3.141592653589793238462643383,
        "e":1.0E+400,"neg":-98765432109876543210,"small":1.50}"#;
    assert_eq!(jq(".id", input), "12345678901234567890123\n");
    assert_eq!(jq(".x", input), "3.141592653589793238462643383\n");
    assert_eq!(jq(".e", input), "1.0E+400\n");
    assert_eq!(jq(".neg", input), "-98765432109876543210\n");
    assert_eq!(jq(".small", input), "1.50\n");
    assert_eq!(
        jq("[.id, .x]", input),
        "[12345678901234567890123,3.141592653589793238462643383]\n"
    );
    // Integer arithmetic stays exact; floats are as jq prints them.
    assert_eq!(jq(".id + 1", input), "12345678901234567890124\n");
    assert_eq!(
        jq("10 / 4, 10 / 2, 0.1 + 0.2", "null"),
        "2.5\n5\n0.30000000000000004\n"
    );
    assert_eq!(
        jq("nan, infinite, -infinite", "null"),
        "null\n1.7976931348623157e+308\n-1.7976931348623157e+308\n"
    );
}

#[test]
fn strings_round_trip() {
    let input = r#"{"s":"é 東京 😀 \"q\" \\ \/ \n\t\r\b\f \u0001 \u007f \ud83d\ude00"}"#;
    assert_eq!(
        jq(".s", input),
        "\"é 東京 😀 \\\"q\\\" \\\\ / \\n\\t\\r\\b\\f \\u0001 \\u007f 😀\"\n"
    );
    assert_eq!(
        jq_with(".s", &[], input, true).unwrap(),
        "é 東京 😀 \"q\" \\ / \n\t\r\u{8}\u{c} \u{1} \u{7f} 😀\n"
    );
    // A lone surrogate is not valid text: an error, not a panic.
    for lone in [r#""\ud800""#, r#"["\udc00x"]"#, r#"{"a":"\ud83d"}"#] {
        let err = jq_with(".", &[], lone, false).unwrap_err();
        assert!(err.starts_with("NotJson("), "{err}");
    }
}

#[test]
fn raw_output() {
    assert_eq!(jq_with(".[0].name", &[], USERS, true).unwrap(), "Ada\n");
    assert_eq!(
        jq_with(".[0]", &[], USERS, true).unwrap(),
        "{\"name\":\"Ada\",\"age\":36,\"id\":1}\n"
    );
    assert_eq!(jq_with("\"a\\nb\"", &[], "null", true).unwrap(), "a\nb\n");
    assert_eq!(jq_with("[\"a\"]", &[], "null", true).unwrap(), "[\"a\"]\n");
}

#[test]
fn syntax_errors_point_at_the_place() {
    assert_eq!(
        compile_error(".foo |"),
        "--jq: expected term, found end of input\n  .foo |\n        ^"
    );
    assert_eq!(
        compile_error(".a | )"),
        "--jq: expected token, found \")\"\n  .a | )\n       ^"
    );
    assert_eq!(
        compile_error(".a | if"),
        "--jq: expected term, found end of input\n  .a | if\n         ^"
    );
    assert_eq!(
        compile_error("{a: 1, (1)}"),
        "--jq: expected :, found \"}\"\n  {a: 1, (1)}\n            ^"
    );
    assert_eq!(
        compile_error(".[0"),
        "--jq: expected closing bracket\n  .[0\n     ^"
    );
    assert_eq!(
        compile_error("\"\\q\""),
        "--jq: expected string escape sequence\n  \"\\q\"\n    ^"
    );
    assert_eq!(
        compile_error(".a | foo(1)"),
        "--jq: undefined filter: foo/1\n  .a | foo(1)\n       ^"
    );
    assert_eq!(
        compile_error("$nope"),
        "--jq: undefined variable: $nope\n  $nope\n  ^"
    );
    assert_eq!(
        compile_error(".a |\n\t.b ]"),
        "--jq: expected token, found \"]\" (line 2)\n  \t.b ]\n  \t   ^"
    );
    let check = Check::compile(".status ==", &[]).err().unwrap().to_string();
    assert_eq!(
        check,
        "--check: expected term, found end of input\n  .status ==\n            ^"
    );
}

#[test]
fn runtime_errors_give_jaq_s_message() {
    assert_eq!(
        jq_with(".[] | .a", &[], "[{\"a\":1}, 5]", false).unwrap_err(),
        "Filter(\"cannot index 5 with \\\"a\\\"\")"
    );
    assert_eq!(
        jq_with("error(\"boom\")", &[], "1", false).unwrap_err(),
        "Filter(\"boom\")"
    );
    assert_eq!(
        jq_with("error({a: 1})", &[], "1", false).unwrap_err(),
        "Filter(\"{\\\"a\\\":1}\")"
    );
    assert_eq!(
        jq_with("halt_error(3)", &[], "1", false).unwrap_err(),
        "Halt(3)"
    );
    // Results before the error were given.
    let program = Program::compile(".[] | 10 / .", &[]).unwrap();
    let mut out = Vec::new();
    let err = program.run(b"[2, \"x\"]", &ctx(), false, &mut |b, _| {
        out.push(String::from_utf8(b.to_vec()).unwrap());
        Ok(())
    });
    assert_eq!(out, ["5"]);
    assert_eq!(err.unwrap_err().to_string(), "cannot calculate 10 / \"x\"");
}

#[test]
fn input_that_is_not_json() {
    let bodies = [
        "<!doctype html><p>hi</p>",
        "",
        " ",
        "{\"a\":1} trailing",
        "{\"a\":}",
        "NaN",
        "[1,",
        "[1,2] x",
    ];
    for body in bodies {
        let err = Program::compile(".", &[])
            .unwrap()
            .run(body.as_bytes(), &ctx(), false, &mut |_, _| Ok(()))
            .unwrap_err();
        assert!(matches!(err, RunError::NotJson(_)), "{body}: {err:?}");
    }
    let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert!(matches!(
        Json::parse(deep.as_bytes()),
        Err(RunError::TooDeep(MAX_DEPTH))
    ));
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(Json::parse(ok.as_bytes()).is_ok());
    let in_string = format!("\"{}\\\"{}\"", "[".repeat(2000), "{".repeat(2000));
    assert!(Json::parse(in_string.as_bytes()).is_ok());
}

#[test]
fn hit_variables() {
    assert_eq!(jq("$__status", "null"), "200\n");
    assert_eq!(
        jq("$__url", "null"),
        "\"http://127.0.0.1:8080/users?page=2\"\n"
    );
    assert_eq!(
        jq("$__headers[\"content-type\"]", "null"),
        "\"application/json\"\n"
    );
    assert_eq!(
        jq("$__headers", "null"),
        "{\"content-type\":\"application/json\",\"vary\":\"Accept, Origin\",\
         \"set-cookie\":[\"a=1; Path=/\",\"b=2, c\"]}\n"
    );
    assert_eq!(jq("$ENV | type", "null"), "\"object\"\n");
}

#[test]
fn exchange_variables() {
    assert_eq!(jq("[$__size, $__version]", "null"), "[42,\"HTTP/2\"]\n");
    assert_eq!(
        jq("$__timing", "null"),
        "{\"total\":12.345,\"ttfb\":10,\"dns\":null,\"connect\":1.5,\"tls\":3}\n"
    );
    // The pair before the first `;` of each Set-Cookie line.
    assert_eq!(jq("$__cookies", "null"), "{\"a\":\"1\",\"b\":\"2, c\"}\n");
}

#[test]
fn cookies_take_the_last_line_for_a_name_and_skip_lines_without_a_pair() {
    let headers = [
        ("Set-Cookie", " sid = old ; Path=/"),
        ("content-type", "text/plain"),
        ("set-cookie", "flag; Secure"),
        ("SET-COOKIE", "sid=new"),
        ("set-cookie", "=nameless"),
        ("set-cookie", "empty="),
    ]
    .map(|(n, v)| (n.to_string(), v.to_string()));
    let mut out = Vec::new();
    value::write(&mut out, &value::cookies(&headers), false);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"sid\":\"new\",\"empty\":\"\"}"
    );
}

#[test]
fn user_variables() {
    let args = [
        ("name".to_string(), Arg::Str("Bob".into())),
        ("min".to_string(), Arg::Json("30".into())),
        (
            "big".to_string(),
            Arg::Json("{\"n\": 12345678901234567890123}".into()),
        ),
    ];
    let out = jq_with(
        ".[] | select(.name == $name or .age > $min) | .id",
        &args,
        USERS,
        false,
    );
    assert_eq!(out.unwrap(), "1\n2\n3\n");
    assert_eq!(
        jq_with("$big.n", &args, "null", false).unwrap(),
        "12345678901234567890123\n"
    );
    assert_eq!(jq_with("$name", &args, "null", true).unwrap(), "Bob\n");
    let bad = [("x".to_string(), Arg::Json("{nope".into()))];
    let err = Program::compile(".", &bad).err().unwrap().to_string();
    assert!(
        err.starts_with("--argjson x: the value is not JSON ("),
        "{err}"
    );
}

#[test]
fn a_leading_iteration_streams_the_array() {
    let cases = [
        (".[].id", Some(".id")),
        (".[]", Some(".")),
        (
            ".[] | select(.age > 30) | .name",
            Some(". | select(.age > 30) | .name"),
        ),
        (".[][0]", Some(".[0]")),
        (".[] [\"a\"]?", Some(".[\"a\"]?")),
        (".[] | .a, .b", Some(". | .a, .b")),
        (".[]?", None),
        (".[] as $x | $x", None),
        (".[], 1", None),
        ("[.[]]", None),
        (".[0]", None),
        (".[1:]", None),
        (".a[]", None),
        ("def f: .; .[] | f", None),
    ];
    for (filter, rest) in cases {
        assert_eq!(syntax::after_iteration(filter).as_deref(), rest, "{filter}");
    }
    // The same results as over the whole value, and errors in place.
    assert_eq!(
        jq(".[] | select(.age > 30) | .name", USERS),
        "\"Ada\"\n\"Cy\"\n"
    );
    assert_eq!(jq(".[].id", " [ ] "), "");
    assert_eq!(jq(".[] | $__status", "[1, 2]"), "200\n200\n");
    assert_eq!(jq(".[]", r#"{"b":[1],"a":2}"#), "[1]\n2\n");
    assert_eq!(
        jq(".[]", r#"[12345678901234567890123, 1.10, {"z":1,"a":2}]"#),
        "12345678901234567890123\n1.10\n{\"z\":1,\"a\":2}\n"
    );
    let err = jq_with(".[] | .a", &[], "[{\"a\":1}, 5, {\"a\":2}]", false).unwrap_err();
    assert_eq!(err, "Filter(\"cannot index 5 with \\\"a\\\"\")");
    let err = jq_with(".[]", &[], "5", false).unwrap_err();
    assert_eq!(
        err,
        "Filter(\"cannot use 5 as iterable (array or object)\")"
    );
}

#[test]
fn programs_can_move_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Program>();
    send_sync::<Check>();
}

/// Peak memory of `.[].id` (or `$JQ_MEMORY_FILTER`) over a 50 MiB array of objects; run by
/// hand: `cargo test --release --bin hit --no-run`, then the test binary under
/// `/usr/bin/time -f %M` with `jq::tests::memory --ignored --nocapture`.
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn memory_of_a_50_mib_array() {
    let mut body = String::from("[");
    let mut i = 0;
    while body.len() < 50 << 20 {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            "{{\"id\":{i},\"name\":\"user {i}\",\"email\":\"user{i}@example.com\",\"active\":true,\"score\":{}.5}}",
            i % 100
        ));
        i += 1;
    }
    body.push(']');
    let filter = std::env::var("JQ_MEMORY_FILTER").unwrap_or(".[].id".into());
    let program = Program::compile(&filter, &[]).unwrap();
    let mut n = 0;
    let t = std::time::Instant::now();
    program
        .run(body.as_bytes(), &ctx(), false, &mut |_, _| {
            n += 1;
            Ok(())
        })
        .unwrap();
    eprintln!(
        "{filter}: {} bytes, {i} objects, {n} results, {:?}",
        body.len(),
        t.elapsed()
    );
}

#[test]
fn event_fields_are_bound_for_an_event_and_null_elsewhere() {
    let program = Program::compile(
        "[$__event.event, $__event.id, $__event.retry, $__event.data, .n]",
        &[],
    )
    .unwrap();
    let mut context = ctx();
    context.event = Some(crate::http::event_stream::Event {
        event: "message".into(),
        data: "{\"n\": 1}".into(),
        id: None,
        retry: Some(50),
    });
    let mut out = Vec::new();
    program
        .run(b"{\"n\": 1}", &context, false, &mut |v, _| {
            out.push(String::from_utf8_lossy(v).into_owned());
            Ok(())
        })
        .unwrap();
    assert_eq!(out, [r#"["message",null,50,"{\"n\": 1}",1]"#]);
    let program = Program::compile("$__event", &[]).unwrap();
    out.clear();
    program
        .run(b"1", &ctx(), false, &mut |v, _| {
            out.push(String::from_utf8_lossy(v).into_owned());
            Ok(())
        })
        .unwrap();
    assert_eq!(out, ["null"]);
}
