//! The store's behaviour, run on every backend (a SQLite file and a PostgreSQL database).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::time::Duration;

use care_engine::Dimension;
use care_store::report::{CsvReport, ReportFilter};
use care_store::{
    AttemptStatus, Checkpoint, ManagerLock, SCHEMA_VERSION, Saved, SortKey, Store, StoreError,
    TeamFilter, Timestamp, Trend,
};
use common::{attempt, backends};

fn each_backend(test: impl Fn(&Store, &str)) {
    for db in backends() {
        let store = db.open();
        test(&store, db.name);
    }
}

fn t(day: i64) -> Timestamp {
    Timestamp::parse("2026-10-01")
        .expect("a date")
        .plus_ms(day * 86_400_000)
}

#[test]
fn a_new_store_is_at_the_newest_schema_and_reopens_cleanly() {
    for db in backends() {
        let store = db.open();
        assert_eq!(
            store.schema_version().expect("version"),
            SCHEMA_VERSION,
            "{}",
            db.name
        );
        store.add_employee("Ana", "Harbour").expect("add");
        drop(store);
        let again = db.open();
        assert_eq!(again.employees().expect("list").len(), 1, "{}", db.name);
        assert_eq!(again.integrity_check().expect("check"), "ok");
    }
}

#[test]
fn employees_are_listed_by_team_then_name_and_bad_names_are_refused() {
    each_backend(|s, name| {
        s.add_employee("  Zoe   Park ", "Harbour").expect("add");
        s.add_employee("Adam", "Riverside").expect("add");
        s.add_employee("Bea", "Harbour").expect("add");
        let names: Vec<_> = s
            .employees()
            .expect("list")
            .into_iter()
            .map(|e| e.display_name)
            .collect();
        assert_eq!(names, ["Bea", "Zoe Park", "Adam"], "{name}");
        assert_eq!(s.teams().expect("teams"), ["Harbour", "Riverside"]);
        let err = s.add_employee("   ", "Harbour").expect_err("empty name");
        assert!(err.to_string().contains("name is empty"), "{err}");
    });
}

#[test]
fn a_retried_save_stores_the_attempt_once() {
    each_backend(|s, name| {
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let me = s.trainee(ana.id).expect("sign in");
        let a = attempt(ana.id, "transferred-again", 0, t(1));
        assert_eq!(
            me.record_attempt(&a).expect("save"),
            Saved::Stored,
            "{name}"
        );
        assert_eq!(
            me.record_attempt(&a).expect("retry"),
            Saved::AlreadyStored,
            "{name}"
        );
        let list = me.attempts().expect("list");
        assert_eq!(list.len(), 1, "{name}");
        let progress = me.progress().expect("progress");
        assert_eq!(
            progress.attempts, 1,
            "{name}: the summary counted the retry once"
        );

        let detail = me.attempt(a.id).expect("detail");
        assert_eq!(detail.transcript.as_ref(), a.transcript.as_ref(), "{name}");
        assert_eq!(detail.card.as_ref(), a.card.as_ref(), "{name}");
        assert_eq!(detail.row.status, AttemptStatus::Finished);
        assert!(detail.row.passed, "{name}: the exemplary path passes");
        assert_eq!(
            detail.row.outcome,
            format!(
                "{:?}",
                a.card.as_ref().and_then(|c| c.outcome).expect("ended")
            )
        );
    });
}

#[test]
fn latest_best_and_passed_scenarios_follow_the_attempts() {
    each_backend(|s, name| {
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let me = s.trainee(ana.id).expect("sign in");
        let good = attempt(ana.id, "transferred-again", 0, t(1));
        let poor = attempt(ana.id, "transferred-again", 4, t(2));
        let other_poor = attempt(ana.id, "nobody-said-hello", 1, t(3));
        for a in [&good, &poor, &other_poor] {
            me.record_attempt(a).expect("save");
        }
        let p = me.progress().expect("progress");
        let good_scores = good.card.as_ref().expect("card").scores();
        let last_scores = other_poor.card.as_ref().expect("card").scores();
        assert_eq!(p.attempts, 3, "{name}");
        assert_eq!(
            p.latest,
            Some(last_scores),
            "{name}: latest is the newest attempt"
        );
        assert!(
            p.best.expect("best").empathy >= good_scores.empathy,
            "{name}"
        );
        assert_eq!(
            p.scenarios_passed, 1,
            "{name}: one scenario passed, one not"
        );
        assert_eq!(p.last_active, Some(t(3)));
        assert!(p.weakest.is_some());
        let per_scenario = me.scenario_results().expect("results");
        let transferred = per_scenario
            .iter()
            .find(|r| r.scenario_id == "transferred-again")
            .expect("played");
        assert_eq!((transferred.attempts, transferred.passes), (2, 1), "{name}");
        assert_eq!(
            transferred.best_overall,
            good.card.as_ref().expect("card").overall
        );
        assert_eq!(per_scenario.len(), 2);
    });
}

#[test]
fn a_checkpoint_is_resumable_until_the_attempt_is_saved_or_abandoned() {
    each_backend(|s, name| {
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let me = s.trainee(ana.id).expect("sign in");
        let finished = attempt(ana.id, "transferred-again", 0, t(1));
        let answers = finished
            .transcript
            .as_ref()
            .expect("transcript")
            .answers
            .clone();
        let mut c = Checkpoint {
            attempt: finished.id,
            employee: ana.id,
            scenario_id: finished.scenario_id.clone(),
            scenario_title: finished.scenario_title.clone(),
            content_hash: finished.content_hash.clone(),
            seed: finished.seed,
            started: t(1),
            updated: t(1),
            answers: answers[..1].to_vec(),
        };
        me.save_checkpoint(&c).expect("checkpoint 1");
        c.answers = answers[..2].to_vec();
        c.updated = t(1).plus_ms(20_000);
        me.save_checkpoint(&c).expect("checkpoint 2");
        let open = me.interrupted().expect("interrupted");
        assert_eq!(
            open,
            vec![c.clone()],
            "{name}: the newest checkpoint replaces the older"
        );

        me.record_attempt(&finished).expect("save");
        assert!(
            me.interrupted().expect("none").is_empty(),
            "{name}: saving clears it"
        );
        me.save_checkpoint(&c)
            .expect("a late checkpoint write is ignored");
        assert!(
            me.interrupted().expect("none").is_empty(),
            "{name}: no checkpoint after the end"
        );

        let mut crashed = c.clone();
        crashed.attempt = care_store::AttemptId::new();
        me.save_checkpoint(&crashed).expect("checkpoint");
        assert_eq!(me.abandon(&crashed).expect("abandon"), Saved::Stored);
        assert!(me.interrupted().expect("none").is_empty(), "{name}");
        let rows = me.attempts().expect("list");
        assert_eq!(rows.len(), 2);
        let abandoned = rows
            .iter()
            .find(|r| r.id == crashed.attempt)
            .expect("recorded");
        assert_eq!(abandoned.status, AttemptStatus::Abandoned, "{name}");
        assert_eq!(
            me.progress().expect("p").attempts,
            1,
            "{name}: abandoned runs are not scored"
        );
    });
}

#[test]
fn a_trainee_sees_no_one_elses_results() {
    each_backend(|s, name| {
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let ben = s.add_employee("Ben", "Harbour").expect("add");
        let ana_view = s.trainee(ana.id).expect("sign in");
        let ben_view = s.trainee(ben.id).expect("sign in");
        let bens = attempt(ben.id, "transferred-again", 1, t(1));
        ben_view.record_attempt(&bens).expect("save");
        assert!(ana_view.attempts().expect("list").is_empty(), "{name}");
        assert!(matches!(
            ana_view.attempt(bens.id),
            Err(StoreError::NoSuchAttempt(_))
        ));
        let err = ana_view
            .record_attempt(&attempt(ben.id, "transferred-again", 0, t(2)))
            .expect_err("saving as someone else");
        assert!(err.to_string().contains("signed in"), "{err}");
        assert_eq!(ana_view.progress().expect("p").attempts, 0);
        assert!(ana_view.interrupted().expect("none").is_empty());
    });
}

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
        let page = manager.scenario_page("transferred-again").expect("page");
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
                "transferred-again".to_string(),
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
        let page = manager.scenario_page("transferred-again").expect("page");
        assert_eq!(page.attempts, 0);
        assert!(
            page.losses.is_empty(),
            "{name}: her lost points went with her"
        );
    });
}

#[test]
fn the_report_filters_by_team_scenario_and_dates_and_writes_csv() {
    each_backend(|s, name| {
        let manager = s.set_manager_passphrase("manager passphrase").expect("set");
        let ana = s.add_employee("Ana", "Harbour").expect("add");
        let ben = s
            .add_employee("Ben, \"the\" Second", "Riverside")
            .expect("add");
        for (who, id, day) in [
            (&ana, "transferred-again", 1),
            (&ana, "nobody-said-hello", 5),
            (&ben, "transferred-again", 3),
        ] {
            s.trainee(who.id)
                .expect("sign in")
                .record_attempt(&attempt(who.id, id, 0, t(day)))
                .expect("save");
        }
        let count = |f: ReportFilter| {
            let mut n = 0;
            manager
                .report(&f, &mut |_| {
                    n += 1;
                    Ok(())
                })
                .expect("report");
            n
        };
        assert_eq!(count(ReportFilter::default()), 3, "{name}");
        assert_eq!(
            count(ReportFilter {
                team: Some("Harbour".into()),
                ..Default::default()
            }),
            2
        );
        assert_eq!(
            count(ReportFilter {
                scenario: Some("transferred-again".into()),
                ..Default::default()
            }),
            2
        );
        assert_eq!(
            count(ReportFilter {
                since: Some(t(2)),
                until: Some(t(4)),
                ..Default::default()
            }),
            1,
            "{name}"
        );

        let mut out = Vec::new();
        let mut csv = CsvReport::new(&mut out);
        csv.header().expect("header");
        manager
            .report(&ReportFilter::default(), &mut |r| csv.write(r))
            .expect("report");
        csv.finish().expect("flush");
        let text = String::from_utf8(out).expect("utf-8");
        let mut lines = text.lines();
        assert!(
            lines
                .next()
                .expect("header")
                .starts_with("employee,team,employee_id,attempt_id")
        );
        assert_eq!(text.lines().count(), 4);
        assert!(
            text.contains("\"Ben, \"\"the\"\" Second\""),
            "{name}: names are quoted: {text}"
        );
        assert!(
            text.contains("2026-10-02T00:00:00Z"),
            "{name}: RFC 3339 times"
        );
    });
}

#[test]
fn demo_data_fills_a_store_that_has_learners_and_strugglers() {
    each_backend(|s, name| {
        let manager = s.set_manager_passphrase("manager passphrase").expect("set");
        let plan = care_store::demo::DemoPlan {
            employees: 12,
            attempts_per_employee: 15,
            seed: 7,
        };
        let mut calls = Vec::new();
        let saved = s
            .fill_demo(common::scenarios(), &plan, &mut |done, total| {
                calls.push((done, total))
            })
            .expect("fill");
        assert!(saved >= 170, "{name}: nearly every run ends ({saved})");
        assert_eq!(
            calls.last(),
            Some(&(180, 180)),
            "{name}: progress ends at the total"
        );
        let rows = manager
            .team_overview(&TeamFilter::default())
            .expect("overview");
        assert_eq!(rows.len(), 12);
        assert!(
            rows.iter().any(|r| r.trend == Trend::Up),
            "{name}: someone improves"
        );
        assert!(
            rows.iter().any(|r| r.scenarios_passed > 0),
            "{name}: someone passes"
        );
        let teams = s.teams().expect("teams");
        assert!(teams.len() >= 3);
    });
}
