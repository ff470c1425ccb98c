//! `hit serve`: the practice API, run as a real process and reached by the real `hit`.

use crate::support::{Practice, hit};

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
