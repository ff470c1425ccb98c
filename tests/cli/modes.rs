//! The first word: a method, a URL, or one of hit's command words, never a host to look up
//! when it cannot be one.

use crate::support::{Server, hit};

/// Runs hit with every proxy variable pointing at a recording server, so that any attempt
/// to reach a host, by name or not, shows up there.
fn without_network(args: &[&str]) -> (crate::support::Run, usize) {
    let trap = Server::ok();
    let proxy = trap.url("");
    let mut command = hit(args);
    for name in ["http_proxy", "https_proxy", "all_proxy", "HTTPS_PROXY"] {
        command = command.env(name, &proxy);
    }
    let run = command.run();
    (run, trap.requests().len())
}

#[test]
fn run_takes_a_file_and_its_own_options_after_the_word() {
    let (run, contacted) = without_network(&["run", "x"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: cannot read 'x': No such file or directory\n"
    );
    let (run, contacted_later) = without_network(&["-v", "run", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: 'hit run' takes its own options after the word (hit run --help); \
         to reach a host named 'run', write http://run/\n"
    );
    assert_eq!(contacted + contacted_later, 0);
}

#[test]
fn profile_and_save_are_commands_and_never_hosts() {
    let config = tempfile::tempdir().unwrap();
    let with_config = |args: &[&str]| {
        let trap = Server::ok();
        let proxy = trap.url("");
        let mut command = hit(args).env("HIT_CONFIG_DIR", config.path().to_str().unwrap());
        for name in ["http_proxy", "https_proxy", "all_proxy", "HTTPS_PROXY"] {
            command = command.env(name, &proxy);
        }
        (command.run(), trap.requests().len())
    };
    let (run, contacted) = with_config(&["profile", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: unrecognized subcommand 'x' (see 'hit profile --help')\n"
    );
    let (run, contacted_later) = with_config(&["save", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(run.stderr, "hit: error: no URL given (try 'hit --help')\n");
    let (run, contacted_last) = with_config(&["-v", "profile"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .starts_with("hit: error: 'hit profile' takes its own options after the word"),
        "{}",
        run.stderr
    );
    assert_eq!(contacted + contacted_later + contacted_last, 0);
}

#[test]
fn serve_takes_its_own_options_and_a_host_named_serve_needs_its_scheme() {
    let (run, contacted) = without_network(&["serve", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: unexpected argument 'x' found (see 'hit serve --help')\n"
    );
    let (run, contacted_later) = without_network(&["-v", "serve"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: 'hit serve' takes its own options after the word (hit serve --help); \
         to reach a host named 'serve', write http://serve/\n"
    );
    assert_eq!(contacted + contacted_later, 0);
    let (run, contacted) = without_network(&["-v", "explain", "GET"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .starts_with("hit: error: 'hit explain' takes its own options after the word"),
        "{}",
        run.stderr
    );
    assert_eq!(contacted, 0);
}

#[test]
fn a_method_without_a_url_is_a_usage_error() {
    for (args, method) in [
        (&["POST"][..], "POST"),
        (&["get"], "GET"),
        (&["DELETE"], "DELETE"),
    ] {
        let (run, contacted) = without_network(args);
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert_eq!(
            run.stderr,
            format!("hit: error: {method} needs a URL after it: hit {method} URL [ITEM ...]\n")
        );
        assert_eq!(contacted, 0);
    }
}

#[test]
fn a_bare_word_is_not_looked_up_as_a_host() {
    let (run, contacted) = without_network(&["intranet", "a=b"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: 'intranet' is not a URL: expected a host with a dot, a port or a path \
         (http://intranet/ reaches a host with that bare name)\n"
    );
    assert_eq!(contacted, 0);
}

#[test]
fn a_host_named_like_a_command_is_reached_with_a_scheme() {
    // Through a proxy, so that the name need not resolve: the proxy sees the request.
    let proxy = Server::ok();
    let run = hit(&["-x", &proxy.url(""), "http://serve/x"]).run();
    run.success();
    let request = proxy.only_request();
    assert_eq!(request.target, "/x");
    assert_eq!(request.header("host"), Some("serve"));
}
