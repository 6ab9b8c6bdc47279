//! The manager's report and the demo data on every backend (a SQLite file and a PostgreSQL
//! database): filters by team, scenario and dates, CSV, and a demo store with learners and
//! strugglers.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use care_store::report::{CsvReport, ReportFilter};
use care_store::{TeamFilter, Trend};
use common::{attempt, each_backend, t};

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
