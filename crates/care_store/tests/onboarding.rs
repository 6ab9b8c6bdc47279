//! Onboarding on every backend: a cohort of twelve works through a curriculum in a session, and
//! the facilitator's figures and the group debrief match what they played; assignments fall
//! overdue against a clock the test sets; completion is recorded once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::curriculum::{Curriculum, StepId, StepStatus, load_curriculum_paths};
use care_engine::load::{LoadOptions, load_paths};
use care_engine::shift::load_shift_paths;
use care_store::{Assignee, Timestamp};
use common::{attempt, backends};

fn curriculum(id: &str) -> Arc<Curriculum> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let scenarios: Vec<_> = load_paths(std::slice::from_ref(&root), LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let shifts: Vec<_> = load_shift_paths(std::slice::from_ref(&root), &scenarios)
        .shifts
        .into_iter()
        .map(|l| l.shift)
        .collect();
    load_curriculum_paths(&[root], &scenarios, &shifts)
        .curricula
        .into_iter()
        .find(|c| c.id == id)
        .expect("shipped curriculum")
}

const MIN: i64 = 60_000;

#[test]
fn a_cohort_of_twelve_and_what_the_facilitator_sees() {
    let c = curriculum("first-day-on-the-floor");
    for db in backends() {
        let store = db.open();
        let manager = store
            .set_manager_passphrase("facilitator passphrase")
            .expect("set");
        let start = Timestamp(1_800_000_000_000);
        let people: Vec<_> = (0..12)
            .map(|i| {
                store
                    .add_employee(&format!("Trainee {i:02}"), "Cohort A")
                    .expect("add")
            })
            .collect();
        let ids: Vec<_> = people.iter().map(|e| e.id).collect();
        let session = manager
            .start_session(&c.id, "Monday morning", &ids, start)
            .expect("session");
        // 0–7 pass every step first time, the odd ones failing the Saturday shift; 8–9 fail
        // "colleagues" twice; 10–11 fail "greet" once and stop.
        for (t, e) in people.iter().enumerate() {
            let me = store.trainee(e.id).expect("sign in");
            let at = |m: i64| start.plus_ms(m * MIN);
            let save = |scenario: &str, case: usize, m: i64| {
                me.record_attempt(&attempt(e.id, scenario, case, at(m)))
                    .expect("save");
            };
            save("first-shift-tutorial", 0, 2);
            match t {
                0..=7 => {
                    save("nobody-said-hello", 0, 7);
                    save("transferred-again", 0, 13);
                    save("the-bad-day", 0, 18);
                    save("the-dishwasher-pan", 0, 21);
                    save("more-than-i-can-sign-off", 0, 24);
                    me.record_shift(
                        &"saturday-shop-floor".into(),
                        if t % 2 == 0 { 80 } else { 40 },
                        t % 2 == 0,
                        at(26),
                    )
                    .expect("shift");
                    save("back-with-the-box", 0, 28);
                }
                8 | 9 => {
                    save("nobody-said-hello", 0, 7);
                    save("the-bad-day", 1, 12);
                    save("the-bad-day", 1, 17);
                }
                _ => save("nobody-said-hello", 1, 10),
            }
        }
        let view = manager
            .session_view(&session, &c, start.plus_ms(30 * MIN))
            .expect("view");
        assert_eq!(view.members.len(), 12, "{}", db.name);
        assert_eq!(view.finished, 4, "{}: four passed everything", db.name);
        assert_eq!(view.on_step[1], 2, "{}: two still on greeting", db.name);
        assert_eq!(
            view.on_step[2], 2,
            "{}: two on the colleagues step",
            db.name
        );
        assert_eq!(
            view.on_step[6], 4,
            "{}: four to retry the Saturday shift",
            db.name
        );
        let stuck: Vec<&str> = view
            .members
            .iter()
            .filter(|m| m.stuck.is_some())
            .map(|m| m.employee.display_name.as_str())
            .collect();
        assert_eq!(
            stuck,
            ["Trainee 08", "Trainee 09", "Trainee 10", "Trainee 11"],
            "{}",
            db.name
        );
        let first = &view.members[0];
        assert_eq!(
            first.statuses[0],
            StepStatus::Passed {
                tries: 1,
                at_ms: start.plus_ms(2 * MIN).0
            }
        );
        assert_eq!(first.current, None);
        let ten = view
            .members
            .iter()
            .find(|m| m.employee.display_name == "Trainee 10")
            .expect("10");
        assert_eq!(ten.current, Some(StepId(1)));

        // Free practice outside the curriculum does not crowd the group debrief.
        for e in &people[..6] {
            store
                .trainee(e.id)
                .expect("t")
                .record_attempt(&attempt(
                    e.id,
                    "the-one-star-review",
                    1,
                    start.plus_ms(20 * MIN),
                ))
                .expect("practice");
        }
        let view = manager
            .session_view(&session, &c, start.plus_ms(30 * MIN))
            .expect("view");
        assert!(
            view.mistakes
                .iter()
                .all(|m| m.scenario_title != "The one-star review"),
            "{}: {:?}",
            db.name,
            view.mistakes
        );
        // The group debrief: the beats they lost most on, with the better response, no names.
        assert!(!view.mistakes.is_empty(), "{}", db.name);
        let worst = &view.mistakes[0];
        assert!(
            ["The bad day", "Nobody said hello"].contains(&worst.scenario_title.as_str()),
            "{}: the failed steps top the list: {worst:?}",
            db.name
        );
        assert!(worst.better.as_deref().is_some_and(|b| !b.is_empty()));
        assert!(view.mistakes.windows(2).all(|w| w[0].points >= w[1].points));
        for m in &view.mistakes {
            for p in &people {
                assert!(
                    !m.customer_said.contains(&p.display_name),
                    "no trainee named"
                );
            }
        }
        assert_eq!(manager.sessions().expect("sessions")[0].members.len(), 12);
        assert_eq!(
            store.trainee(ids[3]).expect("t").sessions().expect("mine")[0].id,
            session.id
        );
    }
}

#[test]
fn assignments_fall_overdue_by_the_clock_and_completion_clears_them() {
    for db in backends() {
        let store = db.open();
        let manager = store
            .set_manager_passphrase("facilitator passphrase")
            .expect("set");
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let ben = store.add_employee("Ben", "Harbour").expect("add");
        let cy = store.add_employee("Cy", "Riverside").expect("add");
        // Employees record when they joined by the real clock, so the test clock starts now.
        let now = Timestamp::now();
        let week = 7 * 24 * 60 * MIN;
        manager
            .assign(
                &"our-company-online".into(),
                &Assignee::Team("Harbour".into()),
                now.plus_ms(week),
                now,
            )
            .expect("assign team");
        manager
            .assign(
                &"first-day-on-the-floor".into(),
                &Assignee::Employee(cy.id),
                now.plus_ms(2 * week),
                now,
            )
            .expect("assign one");
        assert!(
            manager
                .overdue(now.plus_ms(week - MIN))
                .expect("overdue")
                .is_empty()
        );
        let late = manager.overdue(now.plus_ms(week + MIN)).expect("overdue");
        let names: Vec<&str> = late.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Ben"], "{}", db.name);

        let me = store.trainee(ana.id).expect("ana");
        assert_eq!(
            me.assignments().expect("mine").len(),
            1,
            "the team's assignment"
        );
        assert!(
            me.record_completion(
                &"our-company-online".into(),
                now.plus_ms(week + 2 * MIN),
                &[]
            )
            .expect("done")
        );
        assert!(
            !me.record_completion(
                &"our-company-online".into(),
                now.plus_ms(week + 3 * MIN),
                &[]
            )
            .expect("again")
        );
        let late = manager
            .overdue(now.plus_ms(week + 5 * MIN))
            .expect("overdue");
        assert_eq!(
            late.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
            ["Ben"]
        );
        let much_later = manager.overdue(now.plus_ms(3 * week)).expect("overdue");
        assert_eq!(much_later.len(), 2, "{}: Ben and Cy", db.name);
        assert_eq!(
            store
                .trainee(ben.id)
                .expect("b")
                .completions()
                .expect("c")
                .len(),
            0
        );
        assert_eq!(me.completions().expect("c")[0].0, "our-company-online");
        // Someone who joins the team after the assignment is not overdue on it.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let newcomer = store.add_employee("Dee", "Harbour").expect("add");
        let names: Vec<String> = manager
            .overdue(now.plus_ms(3 * week))
            .expect("overdue")
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert!(
            !names.contains(&newcomer.display_name),
            "{}: {names:?}",
            db.name
        );
        // Each trainee sees exactly what the manager sees of them.
        let at = now.plus_ms(3 * week);
        for (who, expected) in [
            (&ana, &[][..]),
            (&ben, &["our-company-online"][..]),
            (&cy, &["first-day-on-the-floor"][..]),
            (&newcomer, &[][..]),
        ] {
            let mine = store
                .trainee(who.id)
                .expect("trainee")
                .overdue(at)
                .expect("mine");
            assert_eq!(mine, expected, "{}: {}", db.name, who.display_name);
        }
        assert!(
            store
                .trainee(ben.id)
                .expect("b")
                .overdue(now.plus_ms(week - MIN))
                .expect("not yet")
                .is_empty()
        );
    }
}
