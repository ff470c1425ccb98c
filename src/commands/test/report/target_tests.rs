use std::fs;

use super::super::fixture::suite;
use super::*;

fn target(spec: &str) -> ReportTarget {
    spec.parse().unwrap_or_else(|e| panic!("{spec}: {e}"))
}

#[test]
fn parses_kind_equals_path() {
    assert_eq!(
        target("junit=out/junit.xml"),
        ReportTarget {
            kind: ReportKind::Junit,
            path: "out/junit.xml".into()
        }
    );
    assert_eq!(
        target("tap=a=b.tap").path,
        PathBuf::from("a=b.tap"),
        "the first = splits"
    );
    assert_eq!(target("JSON=r.json").kind, ReportKind::Json);
    assert_eq!(target("html=site").kind, ReportKind::Html);
    assert_eq!(target("html=site").to_string(), "html=site");
}

#[test]
fn refuses_unknown_kinds_and_missing_paths_in_one_line() {
    for (spec, wanted) in [
        (
            "xml=out.xml",
            "unknown report kind 'xml': one of junit=FILE, tap=FILE, json=FILE, html=DIR",
        ),
        (
            "junit",
            "expected KIND=PATH, one of junit=FILE, tap=FILE, json=FILE, html=DIR",
        ),
        (
            "junit=",
            "'junit=' needs a path: one of junit=FILE, tap=FILE, json=FILE, html=DIR",
        ),
    ] {
        assert_eq!(spec.parse::<ReportTarget>().unwrap_err(), wanted);
    }
}

fn refusal(targets: &[ReportTarget]) -> String {
    let err = check_writable(targets).expect_err("should be refused");
    assert!(
        matches!(err.downcast_ref(), Some(crate::error::HitError::Usage(_))),
        "exit 2"
    );
    err.to_string()
}

#[test]
fn checks_every_path_before_anything_is_sent() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::write(dir.join("file"), "").unwrap();
    let ok = [
        target(&format!("junit={}/junit.xml", dir.display())),
        target(&format!("html={}/new/deeper", dir.display())),
        target(&format!("html={}", dir.display())),
    ];
    check_writable(&ok).unwrap();
    assert!(!dir.join("new").exists(), "the check creates nothing");
    assert_eq!(
        fs::read_dir(dir).unwrap().count(),
        1,
        "no probe is left behind"
    );

    // A missing directory is made when the report is written.
    let missing = target(&format!("junit={}/missing/junit.xml", dir.display()));
    check_writable(&[missing]).unwrap();
    let under_file = target(&format!("junit={}/file/junit.xml", dir.display()));
    assert!(refusal(&[ok[0].clone(), under_file]).contains("is not a directory"));
    let directory = target(&format!("tap={}", dir.display()));
    assert!(refusal(&[directory]).ends_with("cannot write: it is a directory"));
    let under_file = target(&format!("html={}/file/site", dir.display()));
    assert!(refusal(&[under_file]).contains("is not a directory"));
    let file_as_dir = target(&format!("html={}/file", dir.display()));
    assert!(refusal(&[file_as_dir]).ends_with("cannot write: it is not a directory"));
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let locked = root.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
    // Root writes anyway: the probe finds out, and then there is nothing to refuse.
    let writable = fs::write(locked.join("x"), "").is_ok();
    let result = check_writable(&[target(&format!("json={}/r.json", locked.display()))]);
    assert_eq!(result.is_ok(), writable, "{result:?}");
    if let Err(err) = result {
        assert!(
            err.to_string().ends_with("cannot write: Permission denied"),
            "{err}"
        );
    }
}

#[test]
fn writes_every_report_whole() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    let targets = [
        "junit=junit.xml",
        "tap=tests.tap",
        "json=report.json",
        "html=site/run",
    ]
    .map(|spec| {
        let mut t = target(spec);
        t.path = dir.join(&t.path);
        t
    });
    fs::write(dir.join("junit.xml"), "old").unwrap();
    write(&targets, &suite()).unwrap();
    assert!(
        fs::read_to_string(dir.join("junit.xml"))
            .unwrap()
            .starts_with("<?xml")
    );
    assert!(
        fs::read_to_string(dir.join("tests.tap"))
            .unwrap()
            .starts_with("TAP version 14\n")
    );
    assert!(
        fs::read_to_string(dir.join("report.json"))
            .unwrap()
            .starts_with("{")
    );
    assert!(
        fs::read_to_string(dir.join("site/run/index.html"))
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 4, "no temporary file is left: {names:?}");
}

#[test]
fn one_failed_report_does_not_stop_the_others() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::write(dir.join("taken"), "a file").unwrap();
    let targets = [
        target(&format!("junit={}/taken/junit.xml", dir.display())),
        target(&format!("json={}/report.json", dir.display())),
    ];
    let err = write(&targets, &suite()).unwrap_err();
    let shown = format!("{err:#}");
    assert!(
        shown.starts_with(&format!(
            "--report junit: cannot write '{}/taken'",
            dir.display()
        )),
        "{shown}"
    );
    assert!(dir.join("report.json").exists());
}

#[test]
fn clap_takes_several_reports_and_names_the_kinds_on_error() {
    let command = clap::Command::new("hit").arg(
        clap::Arg::new("report")
            .long("report")
            .value_name("KIND=PATH")
            .action(clap::ArgAction::Append)
            .value_parser(clap::value_parser!(ReportTarget)),
    );
    let matches = command
        .clone()
        .try_get_matches_from(["hit", "--report", "junit=j.xml", "--report", "html=site"])
        .unwrap();
    let targets: Vec<_> = matches
        .get_many::<ReportTarget>("report")
        .unwrap()
        .cloned()
        .collect();
    assert_eq!(targets, [target("junit=j.xml"), target("html=site")]);
    let err = command
        .try_get_matches_from(["hit", "--report", "xunit=x"])
        .unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
    let first = err
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        first,
        "error: invalid value 'xunit=x' for '--report <KIND=PATH>': unknown report kind 'xunit': one of junit=FILE, tap=FILE, json=FILE, html=DIR"
    );
}
