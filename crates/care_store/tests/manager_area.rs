//! The manager area on every backend (a SQLite file and a PostgreSQL database): the passphrase
//! and its waits, the team overview, the scenario page, and exporting or deleting an employee.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::time::Duration;

use care_engine::Dimension;
use care_store::report::ReportFilter;
use care_store::{ManagerLock, SortKey, StoreError, TeamFilter, Trend};
use common::{attempt, each_backend, t};

#[test]
fn the_manager_area_refuses_a_wrong_passphrase_and_makes_you_wait() {
    each_backend(|s, name| {
        let now = t(10);
        assert_eq!(s.manager_lock_at(now).expect("lock"), ManagerLock::NotSet);
        assert!(matches!(
            s.unlock_manager_at("anything", now),
            Err(StoreError::PassphraseNotSet)
        ));
        let short = s.set_manager_passphrase("short").expect_err("too short");
        assert!(short.to_string().contains("at least 8"), "{short}");
        s.set_manager_passphrase("correct horse battery")
            .expect("set");
        assert!(matches!(
            s.set_manager_passphrase("another passphrase"),
            Err(StoreError::PassphraseAlreadySet)
        ));

        let wrong = s
            .unlock_manager_at("wrong passphrase", now)
            .expect_err("wrong");
        assert!(
            matches!(wrong, StoreError::WrongPassphrase { wait } if wait == Duration::from_secs(1)),
            "{name}: {wrong}"
        );
        let soon = s.unlock_manager_at("correct horse battery", now.plus_ms(200));
        assert!(
            matches!(soon, Err(StoreError::TooSoon { wait }) if wait == Duration::from_secs(2)),
            "{name}: even the right one waits, and a try in the wait counts: {soon:?}"
        );
        let _ = s
            .unlock_manager_at("wrong again", now.plus_ms(2_500))
            .expect_err("wrong");
        assert_eq!(
            s.manager_lock_at(now.plus_ms(2_600)).expect("lock"),
            ManagerLock::Wait(Duration::from_millis(3_900)),
            "{name}: the third try in a row waits four seconds"
        );
        s.unlock_manager_at("correct horse battery", now.plus_ms(7_000))
            .expect("right after the wait");
        assert_eq!(
            s.manager_lock_at(now.plus_ms(7_001)).expect("lock"),
            ManagerLock::Ready
        );
    });
}

#[test]
fn the_overview_sorts_filters_and_shows_trends() {
    each_backend(|s, name| {
        let manager = s.set_manager_passphrase("manager passphrase").expect("set");
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let ben = s.add_employee("Ben", "Riverside").expect("add");
        s.add_employee("Cy", "Harbour").expect("add");
        let ana_view = s.trainee(ana.id).expect("sign in");
        let ben_view = s.trainee(ben.id).expect("sign in");
        // Ana improves: poor, poor, poor, then the exemplary path twice.
        for (day, case) in [(1, 4), (2, 4), (3, 4), (4, 0), (5, 0)] {
            ana_view
                .record_attempt(&attempt(ana.id, "transferred-again", case, t(day)))
                .expect("save");
        }
        // Ben slips: exemplary three times, then poor twice.
        for (day, case) in [(1, 0), (2, 0), (3, 0), (4, 4), (5, 4)] {
            ben_view
                .record_attempt(&attempt(ben.id, "transferred-again", case, t(day)))
                .expect("save");
        }
        let all = manager
            .team_overview(&TeamFilter::default())
            .expect("overview");
        let by_name = |n: &str| {
            all.iter()
                .find(|r| r.employee.display_name == n)
                .expect("row")
        };
        assert_eq!(by_name("Ana").trend, Trend::Up, "{name}");
        assert_eq!(by_name("Ben").trend, Trend::Down, "{name}");
        assert_eq!(by_name("Cy").trend, Trend::TooFew);
        assert_eq!(by_name("Cy").attempts, 0);

        let harbour = manager
            .team_overview(&TeamFilter {
                team: Some("Harbour".into()),
                ..Default::default()
            })
            .expect("overview");
        let names: Vec<_> = harbour
            .iter()
            .map(|r| r.employee.display_name.as_str())
            .collect();
        assert_eq!(names, ["Ana", "Cy"], "{name}");

        let by_speed = manager
            .team_overview(&TeamFilter {
                sort: SortKey::Latest(Dimension::Speed),
                descending: true,
                ..Default::default()
            })
            .expect("overview");
        assert_eq!(
            by_speed.last().map(|r| r.employee.display_name.as_str()),
            Some("Cy"),
            "{name}: no attempts sorts last"
        );
        let first = by_speed[0].latest.expect("scores").speed;
        let second = by_speed[1].latest.expect("scores").speed;
        assert!(first >= second, "{name}");

        let found = manager
            .team_overview(&TeamFilter {
                name_contains: "be".into(),
                ..Default::default()
            })
            .expect("overview");
        assert_eq!(found.len(), 1);
    });
}

#[test]
fn the_scenario_page_names_the_beat_where_attempts_lose_points() {
    each_backend(|s, name| {
        let manager = s.set_manager_passphrase("manager passphrase").expect("set");
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let me = s.trainee(ana.id).expect("sign in");
        for (day, case) in [(1, 0), (2, 1), (3, 2), (4, 1)] {
            me.record_attempt(&attempt(ana.id, "transferred-again", case, t(day)))
                .expect("save");
        }
        let page = manager
            .scenario_page(&"transferred-again".into())
            .expect("page");
        assert_eq!(page.attempts, 4, "{name}");
        assert_eq!(page.passed, 1, "{name}");
        assert_eq!(page.pass_rate(), Some(0.25));
        assert_eq!(page.title, "Transferred again");
        let weakest = page.weakest_beat().expect("some beat loses points");
        assert!(weakest.attempts >= 2, "{name}: {weakest:?}");
        assert!(weakest.points > 0);
        let avg = page.average.expect("averages");
        assert!((0.0..=100.0).contains(&avg.empathy));
        assert_eq!(
            manager.scenarios().expect("list"),
            [(
                care_engine::ScenarioId::new("transferred-again"),
                "Transferred again".to_string()
            )]
        );

        let emp = manager.employee_page(ana.id).expect("employee page");
        let series = emp.series(Dimension::FollowThrough);
        assert_eq!(series.len(), 4);
        assert!(
            series.windows(2).all(|w| w[0].0 <= w[1].0),
            "{name}: oldest first"
        );
    });
}

#[test]
fn export_holds_everything_and_delete_removes_everything() {
    each_backend(|s, name| {
        let manager = s.set_manager_passphrase("manager passphrase").expect("set");
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let ben = s.add_employee("Ben", "Harbour").expect("add");
        let me = s.trainee(ana.id).expect("sign in");
        me.record_attempt(&attempt(ana.id, "transferred-again", 0, t(1)))
            .expect("save");
        me.record_attempt(&attempt(ana.id, "nobody-said-hello", 1, t(2)))
            .expect("save");
        s.trainee(ben.id)
            .expect("ben")
            .record_attempt(&attempt(ben.id, "nobody-said-hello", 0, t(2)))
            .expect("save");
        let json = manager.export_employee_json(ana.id).expect("export");
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["employee"]["display_name"], "Ana");
        assert_eq!(
            value["attempts"].as_array().map(Vec::len),
            Some(2),
            "{name}"
        );
        assert!(
            json.contains("\"moments\""),
            "{name}: transcripts are included"
        );

        assert!(manager.delete_employee(ana.id).expect("delete"));
        assert!(
            !manager.delete_employee(ana.id).expect("again"),
            "{name}: already gone"
        );
        assert!(matches!(
            s.trainee(ana.id),
            Err(StoreError::NoSuchEmployee(_))
        ));
        let left = manager
            .team_overview(&TeamFilter::default())
            .expect("overview");
        assert_eq!(left.len(), 1);
        let mut rows = 0;
        manager
            .report(&ReportFilter::default(), &mut |r| {
                assert_eq!(r.employee, "Ben");
                rows += 1;
                Ok(())
            })
            .expect("report");
        assert_eq!(rows, 1, "{name}: no attempt of Ana's is left");
        let page = manager
            .scenario_page(&"transferred-again".into())
            .expect("page");
        assert_eq!(page.attempts, 0);
        assert!(
            page.losses.is_empty(),
            "{name}: her lost points went with her"
        );
    });
}
