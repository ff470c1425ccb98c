//! The phases of an exchange, measured: curl's `-w` time variables, and what checks see of
//! an exchange (`$__timing`, `$__size`, `$__version`, `$__cookies`). No wall-clock bounds:
//! only what must hold on any machine (order, zero for a phase that did not happen).

use crate::support::{Reply, Server, hit, temp_file};

/// curl's six time points, in the order a transfer passes them.
const POINTS: &str = "%{time_namelookup} %{time_connect} %{time_appconnect} \
                      %{time_pretransfer} %{time_starttransfer} %{time_total}";

/// The six numbers `-w POINTS` printed.
fn points(stdout: &str) -> [f64; 6] {
    let numbers: Vec<f64> = stdout
        .split_whitespace()
        .map(|n| n.parse().unwrap_or_else(|_| panic!("not a number: {n}")))
        .collect();
    numbers
        .try_into()
        .unwrap_or_else(|n| panic!("six numbers, got {n:?}"))
}

/// Each point is at or after the one before it; appconnect, 0 without TLS, is left out
/// of the order then, as curl prints it.
fn assert_in_order(points: [f64; 6]) {
    let [_, _, appconnect, ..] = points;
    let ordered: Vec<f64> = points
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != 2 || appconnect > 0.0)
        .map(|(_, p)| *p)
        .collect();
    assert!(
        ordered.windows(2).all(|w| w[0] <= w[1]),
        "out of order: {points:?}"
    );
}

#[test]
fn write_out_gives_each_phase_of_a_fresh_connection_over_http() {
    let server = Server::reply(Reply::text(200, "hello"));
    let run = hit(&["-q", "-w", POINTS, &server.url("/")]).run();
    run.success();
    let points = points(&run.stdout());
    let [namelookup, connect, appconnect, pretransfer, ..] = points;
    // An address in the URL: nothing to look up. Plain http: no handshake.
    assert_eq!((namelookup, appconnect), (0.0, 0.0), "{points:?}");
    assert!(connect > 0.0, "{points:?}");
    assert!(pretransfer >= connect, "{points:?}");
    assert_in_order(points);
}

#[test]
fn a_name_looked_up_is_timed() {
    let server = Server::reply(Reply::text(200, "hello"));
    let port = server.addr.port();
    let resolve = format!("api.test:{port}:127.0.0.1");
    let url = format!("http://api.test:{port}/");
    let run = hit(&["-q", "--resolve", &resolve, "-w", POINTS, &url]).run();
    run.success();
    let points = points(&run.stdout());
    assert!(points[0] > 0.0 && points[1] >= points[0], "{points:?}");
    assert_in_order(points);
}

#[test]
fn write_out_times_the_tls_handshake() {
    let (server, ca) = Server::start_tls(|_| Reply::text(200, "secure"));
    let (_dir, ca) = temp_file("ca.pem", ca);
    let url = format!("https://localhost:{}/", server.addr.port());
    let run = hit(&["-q", "--cacert", &ca, "-w", POINTS, &url]).run();
    run.success();
    let points = points(&run.stdout());
    let [namelookup, connect, appconnect, pretransfer, ..] = points;
    assert!(namelookup > 0.0, "localhost is looked up: {points:?}");
    assert!(connect > namelookup, "{points:?}");
    assert!(appconnect > connect, "{points:?}");
    assert!(pretransfer >= appconnect, "{points:?}");
    assert_in_order(points);
}

#[test]
fn write_out_for_a_request_without_a_response_prints_zeroes() {
    let closed = crate::support::closed_port();
    let url = format!("http://127.0.0.1:{}/", closed.port);
    let run = hit(&["-q", "-w", "%{time_namelookup} %{time_connect}", &url]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(run.stdout(), "0.000000 0.000000");
}

#[cfg(feature = "jq")]
mod checks {
    use crate::support::{Reply, Server, hit, temp_file};

    #[test]
    fn checks_see_the_phases_of_a_fresh_connection() {
        let server = Server::reply(Reply::json(200, "{}"));
        let url = server.url("/");
        let checks = [
            "$__timing.total >= 0 and $__timing.connect != null",
            "$__timing.ttfb <= $__timing.total",
            // An address in the URL, plain http.
            "$__timing.dns == null and $__timing.tls == null",
            "$__timing | keys == [\"connect\", \"dns\", \"tls\", \"total\", \"ttfb\"]",
        ];
        let mut args = vec!["-q"];
        for check in &checks {
            args.extend(["--check", check]);
        }
        args.push(&url);
        hit(&args).run().success();
        // A check on the phases can fail, too.
        let run = hit(&["-q", "--check", "$__timing.connect == null", &url]).run();
        assert_eq!(run.code, 1, "{run:#?}");
        assert!(
            run.stderr
                .contains("check failed: $__timing.connect == null"),
            "{}",
            run.stderr
        );
    }

    #[test]
    fn checks_see_the_handshake_over_https() {
        let (server, ca) = Server::start_tls(|_| Reply::json(200, "{}"));
        let (_dir, ca) = temp_file("ca.pem", ca);
        let url = format!("https://localhost:{}/", server.addr.port());
        let check = "$__timing.tls > 0 and $__timing.connect > 0 and $__timing.dns > 0";
        hit(&["-q", "--cacert", &ca, "--check", check, &url])
            .run()
            .success();
        // -k: hit's own TLS configuration there too.
        hit(&["-q", "-k", "--check", "$__timing.tls > 0", &url])
            .run()
            .success();
    }

    #[test]
    fn checks_see_the_version_agreed_on() {
        let (server, ca) = Server::start_tls_h2(|_| Reply::json(200, "{}"));
        let (_dir, ca) = temp_file("ca.pem", ca);
        let url = format!("https://localhost:{}/", server.addr.port());
        let check = "$__version == \"HTTP/2\" and $__timing.tls > 0";
        hit(&["-q", "--cacert", &ca, "--check", check, &url])
            .run()
            .success();
        let run = hit(&["-q", "--http1.1", "--cacert", &ca, "--check", check, &url]).run();
        assert_eq!(run.code, 1, "{run:#?}");
    }

    #[test]
    fn checks_see_the_size_version_and_cookies_of_the_response() {
        let body = r#"{"user":"ann","roles":["admin"]}"#;
        let server = Server::reply(
            Reply::json(200, body)
                .header("Set-Cookie", "session=abc; Path=/; HttpOnly")
                .header("Set-Cookie", "theme=dark"),
        );
        let size = format!("$__size == {}", body.len());
        let checks = [
            size.as_str(),
            "$__version == \"HTTP/1.1\"",
            "$__cookies.session == \"abc\"",
            "$__cookies == {\"session\": \"abc\", \"theme\": \"dark\"}",
        ];
        let url = server.url("/me");
        let mut args = vec!["-q"];
        for check in &checks {
            args.extend(["--check", check]);
        }
        args.push(&url);
        hit(&args).run().success();
        let run = hit(&["-q", "--check", "$__cookies.session == \"xyz\"", &url]).run();
        assert_eq!(run.code, 1, "{run:#?}");
    }

    #[test]
    fn a_request_over_a_connection_already_open_has_no_connection_phases() {
        let server = Server::reply(Reply::json(200, "{}"));
        let url = server.url("/");
        let source = format!(
            "# @check $__timing.connect != null\nGET {url}\n\n###\n\
             # @check $__timing.connect == null and $__timing.dns == null\n\
             # @check $__timing.ttfb > 0\nGET {url}\n"
        );
        let (_dir, path) = temp_file("api.http", source);
        let run = hit(&["run", &path]).run();
        run.success();
        assert_eq!(server.requests().len(), 2);
    }
}
