//! Real processes against one store: a writer killed with SIGKILL at random moments loses nothing
//! it reported as saved, and two writers at once lose nothing and see no lock errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "the counts, indices and percentiles of a test or benchmark are small"
)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use care_store::report::ReportFilter;
use care_store::{AttemptId, Checkpoint, Saved, Store, StoreLocation, TeamFilter, Timestamp};
use rand::{RngExt, SeedableRng};

const MODE: &str = "CARE_TEST_CHILD_MODE";
const STORE: &str = "CARE_TEST_CHILD_STORE";
const COUNT: &str = "CARE_TEST_CHILD_COUNT";
const RESAVE: &str = "CARE_TEST_CHILD_RESAVE";

fn location_text(l: &StoreLocation) -> String {
    match l {
        StoreLocation::Sqlite(p) => p.display().to_string(),
        StoreLocation::Postgres(u) => u.clone(),
    }
}

fn location_from(text: &str) -> StoreLocation {
    if text.starts_with("postgres") {
        StoreLocation::Postgres(text.to_string())
    } else {
        StoreLocation::Sqlite(text.into())
    }
}

/// The child's work; does nothing unless started by one of the tests below.
#[test]
#[ignore = "run as a child process by the tests in this file"]
fn child_process() {
    let Ok(_mode) = std::env::var(MODE) else {
        return;
    };
    let location = location_from(&std::env::var(STORE).expect("store"));
    let count: usize = std::env::var(COUNT)
        .expect("count")
        .parse()
        .expect("number");
    let store = Store::open(&location).expect("child opens the store");
    let me = store
        .add_employee("Child", &format!("pid {}", std::process::id()))
        .expect("add");
    let view = store.trainee(me.id).expect("sign in");
    let template = common::attempt(me.id, "transferred-again", 0, Timestamp::now());
    let mut out = std::io::stdout().lock();
    // A retried save after a crash: these ids are already stored by an earlier child.
    for id in std::env::var(RESAVE)
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
    {
        let mut again = template.clone();
        again.id = id.parse().expect("id");
        // The original belongs to another child's employee; ask as that employee.
        let owner = store.employees().expect("list").into_iter().find(|e| {
            store
                .trainee(e.id)
                .and_then(|v| v.attempt(again.id))
                .is_ok()
        });
        let owner = owner.expect("the resaved attempt exists");
        again.employee = owner.id;
        let saved = store
            .trainee(owner.id)
            .expect("owner")
            .record_attempt(&again)
            .expect("resave");
        assert_eq!(saved, Saved::AlreadyStored);
        writeln!(out, "already {id}").expect("stdout");
    }
    let answers = template
        .transcript
        .as_ref()
        .expect("transcript")
        .answers
        .clone();
    for _ in 0..count {
        let mut a = template.clone();
        a.id = AttemptId::new();
        for beat in 1..=answers.len() {
            view.save_checkpoint(&Checkpoint {
                attempt: a.id,
                employee: me.id,
                scenario_id: a.scenario_id.clone(),
                scenario_title: a.scenario_title.clone(),
                content_hash: a.content_hash.clone(),
                seed: a.seed,
                started: a.started,
                updated: Timestamp::now(),
                answers: answers[..beat].to_vec(),
            })
            .expect("checkpoint");
        }
        assert_eq!(view.record_attempt(&a).expect("save"), Saved::Stored);
        writeln!(out, "committed {}", a.id).expect("stdout");
        out.flush().expect("flush");
    }
}

fn child(location: &StoreLocation, count: usize, resave: &[String]) -> Command {
    let mut c = Command::new(std::env::current_exe().expect("test binary"));
    c.args([
        "child_process",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(MODE, "write")
    .env(STORE, location_text(location))
    .env(COUNT, count.to_string())
    .env(RESAVE, resave.join(","))
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    c
}

fn lines_with(prefix: &str, out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| {
            l.find(prefix)
                .map(|at| l[at + prefix.len()..].trim().to_string())
        })
        .collect()
}

fn all_attempt_ids(store: &Store) -> Vec<String> {
    let manager = store.unlock_manager("manager passphrase").expect("unlock");
    let mut ids = Vec::new();
    manager
        .report(&ReportFilter::default(), &mut |r| {
            ids.push(r.attempt_id.clone());
            Ok(())
        })
        .expect("report");
    ids
}

#[test]
fn a_killed_writer_loses_nothing_it_reported_saved() {
    let db = common::sqlite();
    db.open()
        .set_manager_passphrase("manager passphrase")
        .expect("set");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let mut reported: Vec<String> = Vec::new();
    let rounds = 20;
    let mut resaved = 0;
    for round in 0..rounds {
        let resave: Vec<String> = reported.iter().rev().take(2).cloned().collect();
        let mut process = child(&db.location, 10_000, &resave).spawn().expect("spawn");
        std::thread::sleep(Duration::from_millis(rng.random_range(150..900)));
        process.kill().expect("SIGKILL");
        let output = process.wait_with_output().expect("wait");
        // A retried save of an attempt already stored is recognised, never stored again.
        let already = lines_with("already ", &output.stdout);
        assert!(
            already.iter().all(|id| resave.contains(id)),
            "round {round}"
        );
        resaved += already.len();
        reported.extend(lines_with("committed ", &output.stdout));

        let store = db.open();
        assert_eq!(
            store.integrity_check().expect("check"),
            "ok",
            "round {round}"
        );
        let ids = all_attempt_ids(&store);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            ids.len(),
            "round {round}: an attempt is stored twice"
        );
        for id in &reported {
            assert!(
                ids.contains(id),
                "round {round}: reported attempt {id} is missing"
            );
        }
        let manager = store.unlock_manager("manager passphrase").expect("unlock");
        let counted: i64 = manager
            .team_overview(&TeamFilter::default())
            .expect("overview")
            .iter()
            .map(|r| r.attempts)
            .sum();
        assert_eq!(
            counted as usize,
            ids.len(),
            "round {round}: summaries match the attempts"
        );
    }
    assert!(
        reported.len() >= rounds,
        "the children got work done ({} saves)",
        reported.len()
    );
    assert!(resaved > 0, "some retried saves happened");
    eprintln!(
        "{} saves over {rounds} kills, {resaved} retried saves",
        reported.len()
    );
}

#[test]
fn two_writers_at_once_lose_nothing_and_see_no_lock_errors() {
    for db in common::backends() {
        // Neither child has seen the store before: both create it at once.
        let per_child = 120;
        let a = child(&db.location, per_child, &[]).spawn().expect("spawn");
        let b = child(&db.location, per_child, &[]).spawn().expect("spawn");
        let outputs = [
            a.wait_with_output().expect("wait"),
            b.wait_with_output().expect("wait"),
        ];
        for o in &outputs {
            assert!(
                o.status.success(),
                "{}: a writer failed:\n{}",
                db.name,
                String::from_utf8_lossy(&o.stderr)
            );
            assert_eq!(lines_with("committed ", &o.stdout).len(), per_child);
        }
        let store = db.open();
        store
            .set_manager_passphrase("manager passphrase")
            .expect("set");
        assert_eq!(all_attempt_ids(&store).len(), 2 * per_child, "{}", db.name);
    }
}
