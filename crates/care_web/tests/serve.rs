//! `care serve` on a free loopback port over every backend: pages need a sign-in, a wrong
//! passphrase is refused and slows the next try, the team page lists every employee of a demo
//! store, and each page answers (unknown ones with a 404 page).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::time::Duration;

use care_store::TeamFilter;
use common::{Browser, PASSPHRASE, backends, fill, serve, sqlite};

#[test]
fn without_a_session_every_page_goes_to_the_sign_in() {
    for db in backends() {
        fill(&db.store, 3, 2);
        let server = serve(&db.store);
        let mut b = Browser::new(&server);
        for path in [
            "/",
            "/team",
            "/team?sort=best-empathy",
            "/employee/00000000-0000-0000-0000-000000000000",
            "/scenarios",
            "/onboarding",
            "/records",
            "/report.csv",
        ] {
            let p = b.get(path);
            assert_eq!(p.status, 303, "{} {path}", db.name);
            assert_eq!(p.location.as_deref(), Some("/login"), "{} {path}", db.name);
        }
        // A made-up cookie is no session either.
        b.cookie = Some("care_session=deadbeef".into());
        assert_eq!(b.get("/team").location.as_deref(), Some("/login"));
        let login = b.get("/login");
        assert_eq!(login.status, 200);
        assert!(login.text().contains("name=\"passphrase\""));
    }
}

#[test]
fn a_wrong_passphrase_is_refused_and_slows_the_next_try() {
    for db in backends() {
        fill(&db.store, 2, 1);
        let server = serve(&db.store);
        let mut b = Browser::new(&server);
        let wrong = b.post("/login", &[("passphrase", "not the passphrase")]);
        assert_eq!(wrong.status, 401, "{}", db.name);
        assert!(wrong.text().contains("wrong"), "{}", wrong.text());
        assert_eq!(wrong.retry_after, Some(1), "{}", db.name);
        assert!(b.cookie.is_none());
        // The next try waits longer, whether it came inside the first wait (refused unchecked)
        // or after it (checked and wrong).
        let again = b.post("/login", &[("passphrase", "still not it")]);
        assert!([401, 429].contains(&again.status), "{}", db.name);
        assert_eq!(again.retry_after, Some(2), "{}", db.name);
        // Right away, even the right passphrase is refused unchecked: the wait is running.
        let soon = b.post("/login", &[("passphrase", PASSPHRASE)]);
        assert_eq!(soon.status, 429, "{}: {}", db.name, soon.text());
        assert!(b.cookie.is_none());
        assert!(b.get("/login").text().contains("Wait"));
        // That refused try counted too; once its wait is over, the right passphrase opens.
        let wait = soon.retry_after.expect("a Retry-After");
        assert_eq!(wait, 4, "{}", db.name);
        std::thread::sleep(Duration::from_millis(wait * 1000 + 200));
        b.sign_in();
        let cookie = b.cookie.clone().unwrap_or_default();
        let team = b.get("/team");
        assert_eq!(team.status, 200, "{}", db.name);
        // Signing out ends the session on the server, not only in this browser.
        let out = b.post("/logout", &[]);
        assert_eq!(out.status, 303);
        b.cookie = Some(cookie);
        assert_eq!(b.get("/team").location.as_deref(), Some("/login"));
    }
}

#[test]
fn the_cookie_is_http_only_strict_and_expires() {
    let db = sqlite();
    fill(&db.store, 1, 1);
    let server = serve(&db.store);
    let mut b = Browser::new(&server);
    let p = b.post("/login", &[("passphrase", PASSPHRASE)]);
    let c = p.set_cookie.expect("a cookie");
    assert!(c.contains("HttpOnly"), "{c}");
    assert!(c.contains("SameSite=Strict"), "{c}");
    assert!(c.contains("Max-Age="), "{c}");
    assert!(!c.contains("Secure"), "plain HTTP on loopback: {c}");
}

#[test]
fn every_employee_of_a_demo_store_is_on_the_team_page() {
    for db in backends() {
        fill(&db.store, 25, 3);
        let server = serve(&db.store);
        let mut b = Browser::new(&server);
        b.sign_in();
        let team = b.get("/team");
        assert_eq!(team.status, 200);
        let html = team.text();
        let everyone = db.store.employees().expect("employees");
        assert_eq!(everyone.len(), 25);
        for e in &everyone {
            assert!(
                html.contains(&format!("/employee/{}", e.id)),
                "{}: {} is missing",
                db.name,
                e.display_name
            );
        }
        // Filtered by team: only that team's people, the same as the manager area's query.
        let team_name = everyone[0].team.clone();
        let q = serde_urlencoded_team(&team_name);
        let filtered = b
            .get(&format!("/team?{q}&sort=latest-empathy&desc=1"))
            .text();
        let manager = db.store.unlock_manager(PASSPHRASE).expect("unlock");
        let expected = manager
            .team_overview(&TeamFilter {
                team: Some(team_name.clone()),
                ..TeamFilter::default()
            })
            .expect("overview");
        let shown = filtered.matches("href=\"/employee/").count();
        assert_eq!(shown, expected.len(), "{}", db.name);
        for r in &expected {
            assert!(filtered.contains(&format!("/employee/{}", r.employee.id)));
        }
    }
}

fn serde_urlencoded_team(team: &str) -> String {
    format!("team={}", team.replace(' ', "+"))
}

#[test]
fn every_page_answers_and_unknown_ones_get_a_404_page() {
    for db in backends() {
        fill(&db.store, 4, 5);
        let server = serve(&db.store);
        let mut b = Browser::new(&server);
        b.sign_in();
        let e = db.store.employees().expect("employees").remove(0);
        let page = b.get(&format!("/employee/{}", e.id));
        assert_eq!(page.status, 200, "{}", db.name);
        let html = page.text();
        assert!(html.contains("<svg"), "charts");
        let manager = db.store.unlock_manager(PASSPHRASE).expect("unlock");
        let attempts = manager.employee_page(e.id).expect("page").attempts;
        let a = attempts.last().expect("an attempt");
        let replay = b
            .get(&format!("/employee/{}?attempt={}", e.id, a.id))
            .text();
        assert!(replay.contains("id=\"replay\""), "a replay");
        assert!(
            replay.contains("class=\"points\""),
            "reasons for the points"
        );
        for path in ["/scenarios", "/onboarding", "/records"] {
            let p = b.get(path);
            assert_eq!(p.status, 200, "{} {path}", db.name);
            assert!(
                !p.text().contains("http://") && !p.text().contains("https://"),
                "no outside requests on {path}"
            );
        }
        for path in [
            "/nowhere",
            "/employee/not-an-id",
            "/employee/00000000-0000-0000-0000-000000000000",
        ] {
            let p = b.get(path);
            assert_eq!(p.status, 404, "{path}");
            assert!(p.text().contains("<h1>"), "a page, not a bare error");
        }
        assert_eq!(b.get("/report.csv?since=yesterday").status, 400);
    }
}
