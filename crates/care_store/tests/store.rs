//! The store's behaviour, run on every backend (a SQLite file and a PostgreSQL database): the
//! schema, employees, saved attempts, checkpoints, and what a trainee sees.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use care_store::{AttemptStatus, Checkpoint, SCHEMA_VERSION, Saved, StoreError};
use common::{attempt, backends, each_backend, t};

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
