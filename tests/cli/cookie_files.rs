//! What `-c FILE` and `-b FILE` do when FILE is not a plain file: a link is followed and
//! kept, a FIFO or a device is written in place, `-` is stdout (`-c`) or stdin (`-b`), and
//! nothing waits forever on a FIFO, for a jar or a profile. (A pipe that stays silent is
//! given up on after `files::special::WAIT`; its unit tests show that with a zero wait
//! instead of waiting 10 real seconds here.)

use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use crate::support::{Reply, Server, hit, listing};

/// The jar hit writes after `sid=abc123` was set by 127.0.0.1.
const JAR: &str = "# Netscape HTTP Cookie File\n\
                   # https://curl.se/docs/http-cookies.html\n\
                   # This file was written by hit. Edit at your own risk.\n\n\
                   127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tabc123\n";

fn setter() -> Server {
    Server::reply(Reply::text(200, "hello\n").header("Set-Cookie", "sid=abc123; Path=/"))
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_link_is_followed_and_stays_a_link() {
    let server = setter();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink("target.txt", &link).unwrap();
    // A dangling link: its target is created, as opening it would.
    let dangling = dir.path().join("dangling");
    std::os::unix::fs::symlink("created.txt", &dangling).unwrap();
    for jar in [&link, &dangling] {
        let run = hit(&["-c", jar.to_str().unwrap(), &server.url("/")]).run();
        run.success();
        assert_eq!(run.stderr, "");
        assert!(fs::symlink_metadata(jar).unwrap().file_type().is_symlink());
    }
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("target.txt"));
    assert_eq!(fs::read_to_string(&target).unwrap(), JAR);
    assert_eq!(
        fs::read_to_string(dir.path().join("created.txt")).unwrap(),
        JAR
    );
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(
        listing(dir.path()),
        ["created.txt", "dangling", "link", "target.txt"],
        "no temporary file is left"
    );
}

#[test]
fn a_fifo_is_written_in_place_and_stays_a_fifo() {
    let server = setter();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("jar.fifo");
    mkfifo(&fifo);
    // The reader is there before hit opens the FIFO (opening it does not wait for a writer).
    let mut reader = fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(&fifo)
        .unwrap();
    let run = hit(&["-c", fifo.to_str().unwrap(), &server.url("/")]).run();
    run.success();
    assert_eq!(run.stderr, "");
    // hit has exited: what it wrote waits in the FIFO, and its end follows.
    let mut got = String::new();
    reader.read_to_string(&mut got).unwrap();
    assert_eq!(got, JAR);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(listing(dir.path()), ["jar.fifo"]);
}

#[test]
fn a_fifo_nobody_reads_is_an_error_not_a_wait() {
    let server = setter();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("jar.fifo");
    mkfifo(&fifo);
    let path = fifo.to_str().unwrap();
    let run = hit(&["-c", path, &server.url("/")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: cannot write the cookie jar '{path}': it is a FIFO that no process is \
             reading\n"
        )
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn dev_null_is_written_and_stays_a_device() {
    let server = setter();
    let run = hit(&["-c", "/dev/null", &server.url("/")]).run();
    run.success();
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout(), "hello\n");
    assert!(
        fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn dash_and_dev_stdout_print_the_jar_after_the_response() {
    let server = setter();
    // Where a file named '-' would land if hit took the name literally.
    let dir = tempfile::tempdir().unwrap();
    for jar in ["-", "/dev/stdout"] {
        let run = hit(&["-c", jar, &server.url("/")])
            .current_dir(dir.path())
            .run();
        run.success();
        assert_eq!(run.stderr, "");
        assert_eq!(run.stdout(), format!("hello\n{JAR}"), "-c {jar}");
    }
    // -s silences what it silences; the jar was asked for by name.
    let run = hit(&["-s", "-c", "-", &server.url("/")])
        .current_dir(dir.path())
        .run();
    run.success();
    assert_eq!(run.stdout(), format!("hello\n{JAR}"));
    assert_eq!(listing(dir.path()), Vec::<String>::new());
}

#[test]
fn a_fifo_without_a_writer_reads_as_an_empty_jar_at_once() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("jar.fifo");
    mkfifo(&fifo);
    let run = hit(&["-b", fifo.to_str().unwrap(), &server.url("/")]).run();
    run.success();
    assert_eq!(run.stderr, "");
    assert_eq!(server.only_request().header("cookie"), None);
}

#[test]
fn dash_reads_the_jar_from_stdin() {
    let server = Server::ok();
    let run = hit(&["-b", "-", &server.url("/")])
        .stdin("127.0.0.1\tFALSE\t/\tFALSE\t0\tfrom\tstdin\n")
        .run();
    run.success();
    assert_eq!(run.stderr, "", "stdin is the jar, not a body left unread");
    assert_eq!(server.only_request().header("cookie"), Some("from=stdin"));

    let run = hit(&["-b", "-", "-d", "@-", &server.url("/")])
        .stdin("x")
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: -b - and the body (@-) both read stdin, which can be read once; give the \
         cookie file by name\n"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_device_that_never_ends_is_read_up_to_a_limit() {
    let server = Server::ok();
    let run = hit(&["-b", "/dev/zero", &server.url("/")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: cannot read the cookie file '/dev/zero': it holds more than 64 MiB (the \
         most hit reads)\n"
    );
}

#[test]
fn a_fifo_in_the_profile_directory_is_refused_not_waited_on() {
    let server = Server::ok();
    let config = tempfile::tempdir().unwrap();
    let profiles = config.path().join("profiles");
    fs::create_dir(&profiles).unwrap();
    let toml = profiles.join("app.toml");
    fs::write(
        &toml,
        format!("base_url = \"{}\"\ncookies = true\n", server.url("/")),
    )
    .unwrap();
    fs::set_permissions(&toml, fs::Permissions::from_mode(0o600)).unwrap();
    mkfifo(&profiles.join("app.cookies"));
    mkfifo(&profiles.join("piped.toml"));
    let dir = profiles.to_str().unwrap();
    let with_config = |args: &[&str]| {
        hit(args)
            .env("HIT_CONFIG_DIR", config.path().to_str().unwrap())
            .run()
    };

    let run = with_config(&["-P", "app", "/"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: cannot read the cookie file '{dir}/app.cookies': it is a FIFO, not a \
             regular file\n"
        )
    );
    let run = with_config(&["-P", "piped", "/"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!("hit: error: cannot read '{dir}/piped.toml': it is a FIFO, not a regular file\n")
    );
    let run = with_config(&["profile", "list"]);
    run.success();
    assert_eq!(
        run.stdout(),
        format!(
            "app    {}\npiped  (unreadable: cannot read '{dir}/piped.toml': it is a FIFO, not a \
             regular file)\n",
            server.url("/")
        )
    );
    assert!(server.requests().is_empty());
}
