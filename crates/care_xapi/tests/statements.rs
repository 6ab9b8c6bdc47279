//! The statements an attempt queues: written with the attempt, once, and shaped as xAPI 1.0.3
//! requires on their own (an LRS that accepts them is not proof; these checks are).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use care_store::Timestamp;
use care_xapi::records::{self, AttemptFacts};
use common::{played, profile, record, scenario, store};
use serde_json::Value;

fn bodies(t: &common::TestStore, id: care_store::AttemptId) -> Vec<(String, Value)> {
    t.manager
        .statements_of(id)
        .expect("outbox")
        .into_iter()
        .map(|q| (q.verb, serde_json::from_str(&q.body).expect("JSON")))
        .collect()
}

fn is_absolute_iri(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| u.scheme() == "http" || u.scheme() == "https")
}

fn is_language_map(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        !m.is_empty()
            && m.iter().all(|(tag, text)| {
                tag.split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
                    && text.is_string()
            })
    })
}

fn is_iso_duration(s: &str) -> bool {
    // What CARE writes: P0D or PT<seconds>[.<fraction>]S.
    s == "P0D"
        || s.strip_prefix("PT")
            .and_then(|r| r.strip_suffix('S'))
            .is_some_and(|n| {
                let mut parts = n.splitn(2, '.');
                let whole = parts.next().unwrap_or_default();
                !whole.is_empty()
                    && whole.chars().all(|c| c.is_ascii_digit())
                    && parts
                        .next()
                        .is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
            })
}

/// Every rule of xAPI 1.0.3 these statements touch.
fn assert_conformant(verb: &str, s: &Value, registration: &str) {
    let id = s["id"].as_str().expect("id");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{verb}: id is a UUID");
    assert_eq!(s["actor"]["objectType"], "Agent");
    let account = &s["actor"]["account"];
    assert!(is_absolute_iri(
        account["homePage"].as_str().expect("homePage")
    ));
    assert!(account["name"].as_str().is_some_and(|n| !n.is_empty()));
    assert!(
        s["actor"].get("mbox").is_none(),
        "no e-mail address is sent"
    );
    let verb_id = s["verb"]["id"].as_str().expect("verb id");
    assert_eq!(verb_id, format!("http://adlnet.gov/expapi/verbs/{verb}"));
    assert!(
        is_language_map(&s["verb"]["display"]),
        "{verb}: verb display"
    );
    assert_eq!(s["object"]["objectType"], "Activity");
    assert!(is_absolute_iri(
        s["object"]["id"].as_str().expect("object id")
    ));
    let def = &s["object"]["definition"];
    assert!(is_language_map(&def["name"]), "{verb}: activity name");
    if let Some(d) = def.get("description") {
        assert!(is_language_map(d), "{verb}: description");
    }
    assert!(is_absolute_iri(def["type"].as_str().expect("type")));
    let ctx = &s["context"];
    assert_eq!(ctx["registration"], registration);
    for list in ["parent", "category"] {
        for a in ctx["contextActivities"][list]
            .as_array()
            .into_iter()
            .flatten()
        {
            assert_eq!(a["objectType"], "Activity");
            assert!(is_absolute_iri(a["id"].as_str().expect("id")));
        }
    }
    let ts = s["timestamp"].as_str().expect("timestamp");
    assert!(
        time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).is_ok(),
        "{verb}: timestamp {ts} is ISO 8601"
    );
    if let Some(r) = s.get("result") {
        if let Some(d) = r.get("duration") {
            assert!(
                is_iso_duration(d.as_str().expect("duration")),
                "{verb}: {d}"
            );
        }
        if let Some(score) = r.get("score") {
            let f = |k: &str| score[k].as_f64().expect("number");
            assert!((-1.0..=1.0).contains(&f("scaled")));
            assert!(f("min") <= f("raw") && f("raw") <= f("max"));
        }
        for key in r["extensions"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            assert!(is_absolute_iri(key), "extension key {key} is an IRI");
        }
    }
    for forbidden in ["stored", "authority", "version"] {
        assert!(
            s.get(forbidden).is_none(),
            "the LRS sets {forbidden}, not CARE"
        );
    }
}

#[test]
fn a_finished_attempt_queues_its_statements_with_it_once() {
    let t = store();
    let s = scenario("nobody-said-hello");
    let id = record(&t, &s, 0);
    let queued = bodies(&t, id);
    let verbs: Vec<&str> = queued.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(verbs.first(), Some(&"attempted"));
    assert_eq!(&verbs[verbs.len() - 2..], ["completed", "passed"]);
    assert!(verbs.contains(&"answered"));
    for (verb, body) in &queued {
        assert_conformant(verb, body, &id.to_string());
    }
    // Queueing the same attempt's statements again adds nothing.
    let again = t.store.outbox().summary().expect("summary").pending;
    let statements = common::statements_for(id, t.employee.id, &s, 0);
    t.store.outbox().enqueue(&statements).expect("enqueue");
    assert_eq!(t.store.outbox().summary().expect("summary").pending, again);
}

#[test]
fn the_result_carries_scores_success_completion_duration_and_each_dimension() {
    let t = store();
    let s = scenario("nobody-said-hello");
    let (_, card) = played(&s, 0);
    let id = record(&t, &s, 0);
    let queued = bodies(&t, id);
    let (_, passed) = queued.iter().find(|(v, _)| v == "passed").expect("passed");
    let r = &passed["result"];
    assert_eq!(r["success"], true);
    assert_eq!(r["completion"], true);
    assert_eq!(r["score"]["raw"].as_f64(), Some(f64::from(card.overall)));
    assert_eq!(
        r["score"]["scaled"].as_f64(),
        Some(f64::from(card.overall) / 100.0)
    );
    let ext = r["extensions"].as_object().expect("extensions");
    let base = "https://harbour-shop.example.com/care/extensions/";
    assert_eq!(ext[&format!("{base}speed")], card.dimensions.speed.score);
    assert_eq!(
        ext[&format!("{base}empathy")],
        card.dimensions.empathy.score
    );
    assert_eq!(
        ext[&format!("{base}follow-through")],
        card.dimensions.follow_through.score
    );
    assert_eq!(
        passed["object"]["definition"]["type"],
        "http://adlnet.gov/expapi/activities/simulation"
    );
    assert_eq!(
        passed["actor"]["account"]["homePage"], "https://harbour-shop.example.com",
        "the organisation's address exactly as configured, so other tools' records match"
    );
    let category = &passed["context"]["contextActivities"]["category"][0];
    assert_eq!(
        category["definition"]["name"]["en-US"],
        care_xapi::DEFAULT_PACK
    );
}

#[test]
fn a_failing_path_reports_failed_not_passed() {
    let t = store();
    let s = scenario("nobody-said-hello");
    let id = record(&t, &s, 1);
    let queued = bodies(&t, id);
    let verbs: Vec<&str> = queued.iter().map(|(v, _)| v.as_str()).collect();
    assert!(
        verbs.contains(&"failed") && !verbs.contains(&"passed"),
        "{verbs:?}"
    );
    let (_, failed) = queued.iter().find(|(v, _)| v == "failed").expect("failed");
    assert_eq!(failed["result"]["success"], false);
}

#[test]
fn a_checkpoint_queues_attempted_and_the_end_does_not_repeat_it() {
    let t = store();
    let s = scenario("nobody-said-hello");
    let (transcript, _) = played(&s, 0);
    let id = care_store::AttemptId::new();
    let started = Timestamp::now();
    let facts = AttemptFacts {
        attempt: id,
        employee: t.employee.id,
        scenario: &s,
        started,
        transcript: &transcript,
    };
    let checkpoint = care_store::Checkpoint {
        attempt: id,
        employee: t.employee.id,
        scenario_id: s.id.clone(),
        scenario_title: s.title.clone(),
        content_hash: s.content_hash.clone(),
        seed: transcript.seed,
        started,
        updated: Timestamp::now(),
        answers: transcript.answers.clone(),
    };
    let me = t.store.trainee(t.employee.id).expect("trainee");
    me.save_checkpoint_with(&checkpoint, &records::in_progress(&profile(), facts))
        .expect("checkpoint");
    let early = bodies(&t, id);
    assert_eq!(early[0].0, "attempted");
    assert!(
        early
            .iter()
            .all(|(v, _)| v == "attempted" || v == "answered")
    );
    // The crash is followed by "abandon": the attempted statement stays, nothing is doubled.
    me.abandon(&checkpoint).expect("abandon");
    let after = bodies(&t, id);
    assert_eq!(after.len(), early.len());
    assert!(after.iter().all(|(_, b)| {
        b.get("result").is_none()
            || b["verb"]["id"]
                .as_str()
                .is_some_and(|v| v.ends_with("answered"))
    }));
}

#[test]
fn statements_are_only_about_the_signed_in_employee() {
    let t = store();
    let other = t
        .store
        .add_employee("Someone Else", "Harbour")
        .expect("employee");
    let s = scenario("nobody-said-hello");
    let attempt = common::attempt_with_statements(t.employee.id, other.id, &s, 0);
    let me = t.store.trainee(t.employee.id).expect("trainee");
    assert!(me.record_attempt(&attempt).is_err());
    assert!(
        me.attempts().expect("attempts").is_empty(),
        "nothing half-saved"
    );
}

#[test]
fn deleting_an_employee_deletes_their_unsent_statements() {
    let t = store();
    let s = scenario("nobody-said-hello");
    let id = record(&t, &s, 0);
    assert!(!bodies(&t, id).is_empty());
    assert!(t.manager.delete_employee(t.employee.id).expect("delete"));
    assert!(bodies(&t, id).is_empty());
    let q = t.store.outbox().summary().expect("summary");
    assert_eq!((q.pending, q.sent, q.rejected), (0, 0, 0));
}

#[test]
fn a_completed_curriculum_is_one_course_statement() {
    let t = store();
    let complete = || {
        records::curriculum_completed(
            &profile(),
            t.employee.id,
            &"first-day-on-the-floor".into(),
            "First day on the floor",
            "Greet everyone.",
            Timestamp::now(),
        )
    };
    let (s, again) = (complete(), complete());
    assert_eq!(s.id, again.id, "completing twice names the same statement");
    let body: Value = serde_json::from_str(&s.body).expect("json");
    assert_conformant("completed", &body, &s.registration.to_string());
    assert_eq!(
        body["object"]["definition"]["type"],
        "http://adlnet.gov/expapi/activities/course"
    );
    assert_eq!(
        body["object"]["id"],
        "https://harbour-shop.example.com/care/curricula/first-day-on-the-floor"
    );
}
