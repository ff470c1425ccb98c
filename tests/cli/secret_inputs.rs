//! Secrets typed by the user are never echoed, listed or stored by mistake (issue 23 items
//! 11 and 12): a header typo, a URL password in `hit profile list` or behind `hit save
//! --url`, and a token command that never stops printing.

use std::time::Duration;

use crate::profiles::Config;
use crate::support::{Server, hit};

const SECRET: &str = "s3cret";

#[test]
fn a_header_typo_never_echoes_what_may_be_a_secret() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["-H", "X-Api-Key=s3cret:1"],
            "hit: error: bad --header 'X-Api-Key…': a header name cannot hold '=' (the name is \
             everything before ':')\n",
        ),
        (
            &["-H", "X-Api-Key s3cret:1"],
            "hit: error: bad --header 'X-Api-Key …': a header name cannot hold a space (the \
             name is everything before ':')\n",
        ),
        (
            &["-H", "X-Api-Key=s3cret"],
            "hit: error: bad --header 'X-Api-Key…': expected 'Name: value'\n",
        ),
        (
            &["-H", "X-Api-Key\ts3cret:1"],
            "hit: error: bad --header 'X-Api-Key …': a header name cannot hold a tab (the name \
             is everything before ':')\n",
        ),
        (
            &["http://127.0.0.1:9/", "X-Api Key s3cret:1"],
            "hit: error: bad item 'X-Api …': a header name cannot hold a space\n",
        ),
        (
            &["http://127.0.0.1:9/", "X-Api-Key;s3cret"],
            "hit: error: bad item 'X-Api-Key;…': 'Name;' sends an empty header and takes no \
             value\n",
        ),
    ];
    for (args, expected) in cases {
        let mut all = args.to_vec();
        if all[0] == "-H" {
            all.push("http://127.0.0.1:9/");
        }
        let run = hit(&all).run();
        assert_eq!((run.code, run.stderr.as_str()), (2, expected), "{args:?}");
        assert!(run.stdout.is_empty());
    }
    // As a data item, `X-Api-Key=s3cret:1` is a JSON field, sent as typed.
    let server = Server::ok();
    hit(&[&server.url("/"), "X-Api-Key=s3cret:1"])
        .run()
        .success();
    assert_eq!(
        server.only_request().body_str(),
        r#"{"X-Api-Key":"s3cret:1"}"#
    );
}

#[test]
fn a_header_typo_in_a_profile_or_a_saved_request_is_refused_unechoed() {
    let config = Config::new();
    let expected = "hit: error: bad --header 'X-Api-Key…': a header name cannot hold '=' (the \
                    name is everything before ':')\n";
    for args in [
        &["profile", "add", "p", "-H", "X-Api-Key=s3cret:1"][..],
        &[
            "save",
            "s",
            "-H",
            "X-Api-Key=s3cret:1",
            "http://127.0.0.1:9/",
        ],
        &[
            "save",
            "s",
            "--store-secret",
            "-H",
            "X-Api-Key=s3cret:1",
            "http://127.0.0.1:9/",
        ],
    ] {
        let run = config.hit(args).run();
        assert_eq!((run.code, run.stderr.as_str()), (2, expected), "{args:?}");
    }
    assert!(!config.profiles().join("default.toml").exists());
    assert!(!config.file("p").exists());
}

#[test]
fn profile_list_hides_a_stored_url_password() {
    let config = Config::new();
    config.add(&[
        "stored",
        "--base-url",
        "http://bob:s3cret@api.test/v1",
        "--store-secret",
    ]);
    config.add(&["plain", "--base-url", "http://api.test/"]);
    let run = config.ok(&["profile", "list"]);
    assert_eq!(
        run.stdout(),
        "plain   http://api.test/\nstored  http://bob:••••@api.test/v1\n"
    );
    let run = config.ok(&["profile", "show", "stored"]);
    assert!(!run.stdout().contains(SECRET), "{run:#?}");
    // The file keeps it: it was stored on purpose.
    assert!(config.text("stored").contains("bob:s3cret@"));
}

#[test]
fn save_refuses_a_password_given_with_url() {
    let config = Config::new();
    let run = config
        .hit(&[
            "save",
            "s",
            "--url",
            "http://u:s3cret@127.0.0.1:9/",
            "X-A:1",
        ])
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: the request carries a credential (a password in the URL), which would be \
         stored in plain text; let the profile supply it (hit profile add NAME --bearer-env \
         VAR, --header-env 'Name=VAR'), or add --store-secret to store it anyway\n"
    );
    assert!(!config.profiles().join("default.toml").exists());
}

#[test]
fn save_keeps_the_url_given_with_url_as_the_requests() {
    let config = Config::new();
    let server = Server::ok();
    let url = server.url("/items");
    config.ok(&["save", "new", "POST", "--url", &url, "-H", "X-A: 1", "n=1"]);
    config.ok(&["save", "other", &format!("--url={url}"), "q==2"]);
    assert_eq!(
        std::fs::read_to_string(config.profiles().join("default.toml")).unwrap(),
        format!(
            "version = 1\n\n\
             [requests.new]\nmethod = \"POST\"\nurl = \"{url}\"\nitems = [\"n=1\"]\n\
             options = [\"-H\", \"X-A: 1\"]\n\n\
             [requests.other]\nurl = \"{url}\"\nitems = [\"q==2\"]\n"
        )
    );
    config.ok(&["@new"]);
    config.ok(&["@other"]);
    let sent = server.requests();
    assert_eq!(
        (sent[0].method.as_str(), sent[0].target.as_str()),
        ("POST", "/items")
    );
    assert_eq!(sent[0].header("x-a"), Some("1"));
    assert_eq!(sent[0].header("http"), None);
    assert_eq!(sent[0].body_str(), r#"{"n":"1"}"#);
    assert_eq!(sent[1].target, "/items?q=2");
}

#[test]
fn a_second_url_beside_url_is_refused() {
    let config = Config::new();
    let server = Server::ok();
    let first = server.url("/a");
    let second = server.url("/b").replace("http://", "http://u:s3cret@");
    let expected = format!(
        "hit: error: --url gives the URL, and '{}' is a second one; hit sends one request \
         (give the URL once: --url URL or URL)\n",
        server.url("/b").replace("http://", "http://u:••••@")
    );
    for args in [
        &["--url", first.as_str(), &second][..],
        &["GET", "--url", &first, &second, "x==1"],
        &["save", "s", "--url", &first, &second],
    ] {
        let run = config.hit(args).run();
        assert_eq!((run.code, run.stderr.as_str()), (2, expected.as_str()));
    }
    assert!(server.requests().is_empty());
    assert!(!config.profiles().join("default.toml").exists());
}

#[test]
fn a_token_command_that_never_stops_printing_is_stopped_at_64_kib() {
    let config = Config::new();
    let server = Server::ok();
    config.add(&["y", "--base-url", &server.url("/"), "--bearer-cmd", "yes"]);
    // Output assembled by the shell, so that the command (which the error names) does not
    // hold the text that must not be shown.
    let command = "while :; do printf '%s-%s\\n' s3cret flood; done";
    config.add(&[
        "flood",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        command,
    ]);
    for (profile, command) in [("y", "yes"), ("flood", command)] {
        // Within 8 s: stopped by the size cap, not the 10 s limit.
        let run = config
            .hit(&["-P", profile, "/x"])
            .run_within(Duration::from_secs(8));
        assert_eq!(run.code, 1, "{run:#?}");
        assert_eq!(
            run.stderr,
            format!(
                "hit: error: profile '{profile}': token_cmd '{command}' printed more than 64 KiB, \
                 more than a token; it was stopped\n"
            )
        );
        assert!(!run.stderr.contains("s3cret-flood"));
    }
    assert!(server.requests().is_empty());
}

#[test]
fn a_token_of_almost_64_kib_is_still_a_token() {
    let config = Config::new();
    let server = Server::ok();
    let token = "t".repeat(60 * 1024);
    let command = format!("head -c {} /dev/zero | tr '\\0' t", token.len());
    config.add(&[
        "big",
        "--base-url",
        &server.url("/"),
        "--bearer-cmd",
        &command,
    ]);
    config.ok(&["-P", "big", "/x"]);
    assert_eq!(
        server.only_request().header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
}
