//! A suite built by hand for the writers' tests: one of every verdict, a flaky pass, a data
//! row, and hostile text (markup, `]]>`, control characters, a lossily decoded body).

use std::time::{Duration, SystemTime};

use super::{Case, Check, Exchange, FileRun, Suite, Timing, Verdict};

/// Markup, a CDATA end, an escape sequence, NUL, a form feed and a C1 control.
pub const HOSTILE: &str = "<b>&amp;</b> ]]> \u{1b}[31m\0\u{c}\u{85} #tag \\";

fn case(name: &str, line: usize, verdict: Verdict) -> Case {
    Case {
        name: name.to_string(),
        method: "GET".to_string(),
        url: format!("http://127.0.0.1:8080/{name}"),
        file: String::new(),
        line,
        verdict,
        checks: Vec::new(),
        attempts: 1,
        flaky: false,
        timing: Timing {
            total: Duration::from_micros(12_345),
            ttfb: Some(Duration::from_micros(10_001)),
            dns: None,
            connect: Some(Duration::from_micros(150)),
            tls: None,
        },
        exchange: Some(exchange(200, "{\"ok\":true}")),
        captures: Vec::new(),
    }
}

fn exchange(status: u16, body: &str) -> Exchange {
    Exchange {
        request_headers: vec![
            ("Accept".to_string(), "application/json".to_string()),
            ("Authorization".to_string(), "Bearer ••••".to_string()),
        ],
        request_body: None,
        version: Some("HTTP/1.1".to_string()),
        status: Some(status),
        reason: Some(
            if status == 200 {
                "OK"
            } else {
                "Internal Server Error"
            }
            .to_string(),
        ),
        response_headers: vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("X-Request-Id".to_string(), "req-42".to_string()),
        ],
        response_body: Some(body.to_string()),
        response_body_cut: false,
        request_id: Some("req-42".to_string()),
    }
}

fn login() -> Case {
    let mut login = case("login", 1, Verdict::Passed);
    login.method = "POST".to_string();
    login.checks = vec![Check {
        name: "$__status == 200".to_string(),
        passed: true,
        detail: None,
    }];
    login.captures = vec![("token".to_string(), "••••".to_string())];
    if let Some(exchange) = &mut login.exchange {
        exchange.request_body = Some("{\"user\":\"ann\"}".to_string());
    }
    login
}

fn failed() -> Case {
    let mut failed = case(
        "get user",
        7,
        Verdict::Failed {
            reason: "check failed: .name == \"ann\" (found \"bob\")".to_string(),
        },
    );
    failed.checks = vec![
        Check {
            name: "$__status == 200".to_string(),
            passed: true,
            detail: None,
        },
        Check {
            name: ".name == \"ann\"".to_string(),
            passed: false,
            detail: Some("found \"bob\"".to_string()),
        },
    ];
    let lossy = String::from_utf8_lossy(b"{\"name\":\"bob\",\"raw\":\"\xff\xfe\"} ").into_owned();
    failed.exchange = Some(exchange(500, &(lossy + HOSTILE)));
    if let Some(exchange) = &mut failed.exchange {
        exchange.response_body_cut = true;
    }
    failed
}

fn skipped() -> Case {
    let mut skipped = case(
        "delete user",
        12,
        Verdict::Skipped {
            reason: "uses `get user`, which failed".to_string(),
        },
    );
    skipped.exchange = None;
    skipped.attempts = 0;
    skipped
}

fn flaky() -> Case {
    let mut flaky = case("health", 3, Verdict::Passed);
    flaky.attempts = 2;
    flaky.flaky = true;
    flaky
}

fn hostile() -> Case {
    let mut hostile = case(
        &format!("hostile {HOSTILE}"),
        9,
        Verdict::Failed {
            reason: format!("status 500 {HOSTILE}"),
        },
    );
    hostile.checks = vec![Check {
        name: format!("check {HOSTILE}"),
        passed: false,
        detail: Some(HOSTILE.to_string()),
    }];
    hostile.captures = vec![(format!("name {HOSTILE}"), HOSTILE.to_string())];
    hostile.exchange = Some(exchange(500, HOSTILE));
    hostile
}

/// Two files: `users.http` (login, a failed check, a skipped case) and `health.http` run
/// for a data row (a flaky pass, a hostile failure). 5 requests: 2 passed, 2 failed,
/// 1 skipped, 1 flaky.
pub fn suite() -> Suite {
    let mut suite = Suite {
        started: SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_597_439),
        duration: Duration::from_millis(1234),
        interrupted: false,
        files: vec![
            FileRun {
                path: "api/users.http".to_string(),
                row: None,
                cases: vec![login(), failed(), skipped()],
                duration: Duration::from_millis(800),
            },
            FileRun {
                path: "api/health.http".to_string(),
                row: Some("row 1: user=<ann>".to_string()),
                cases: vec![flaky(), hostile()],
                duration: Duration::from_millis(400),
            },
        ],
    };
    for file in &mut suite.files {
        for case in &mut file.cases {
            case.file = file.path.clone();
        }
    }
    suite
}
