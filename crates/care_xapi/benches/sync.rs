//! Sending 10,000 statements to a real LRS (ralph on loopback): `care`'s sync against curl
//! posting the same batches in one process over one connection. Each run gets a fresh LRS, since
//! ralph's file backend slows as its file grows. Prints medians and the ratio.
//!
//! `CARE_TEST_RALPH=$(scripts/install-ralph) cargo bench -p care_xapi --bench sync`
//! Options: `--statements N` (10000), `--batch N` (100), `--rounds N` (3); `--probe` times the
//! store work, care's HTTP client alone and curl alone, once each.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "the counts, indices and percentiles of a test or benchmark are small"
)]

#[path = "../tests/common/lrs.rs"]
#[allow(dead_code, reason = "the bench uses part of the test server")]
mod lrs;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use care_engine::load::{LoadOptions, load_paths};
use care_engine::script::Playthroughs;
use care_store::{AttemptId, OutboxStatement, Store, StoreLocation, Timestamp};
use care_xapi::records::AttemptFacts;
use care_xapi::{Ending, LrsClient, Profile, SyncOptions};

struct Args {
    statements: usize,
    batch: usize,
    rounds: usize,
}

fn args() -> Args {
    let mut a = Args {
        statements: 10_000,
        batch: 100,
        rounds: 3,
    };
    let list: Vec<String> = std::env::args().collect();
    for w in list.windows(2) {
        let n = w[1].parse().ok();
        match (w[0].as_str(), n) {
            ("--statements", Some(n)) => a.statements = n,
            ("--batch", Some(n)) => a.batch = n,
            ("--rounds", Some(n)) => a.rounds = n,
            _ => {}
        }
    }
    a
}

fn profile() -> Profile {
    let mut p = Profile::for_homepage("https://bench.example.com").expect("a valid address");
    p.send_answered = true;
    p
}

/// `n` statements of real attempts (the exemplary path of one scenario, many times).
fn statements(employee: care_store::EmployeeId, n: usize) -> Vec<OutboxStatement> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let report = load_paths(std::slice::from_ref(&root), LoadOptions::default());
    let scenario = report
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .find(|s| s.id == "nobody-said-hello")
        .expect("shipped scenario");
    let (_, plays) = Playthroughs::find(&root, scenario.id.as_str()).expect("playthroughs");
    let run =
        care_engine::script::play(&scenario, plays.seed, &plays.cases[0].answers).expect("plays");
    let transcript = run.into_transcript();
    let card = care_engine::scoring::score(&scenario.scoring, &transcript);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let facts = AttemptFacts {
            attempt: AttemptId::new(),
            employee,
            scenario: &scenario,
            started: Timestamp::now(),
            transcript: &transcript,
        };
        let ending = Ending {
            card: &card,
            finished: Timestamp::now(),
        };
        out.extend(care_xapi::records::finished(&profile(), facts, ending));
    }
    out.truncate(n);
    out
}

fn filled_store(dir: &Path, n: usize) -> (Store, Vec<OutboxStatement>) {
    let store = Store::open(&StoreLocation::Sqlite(dir.join("care.sqlite"))).expect("store");
    let employee = store.add_employee("Bench", "Bench").expect("employee");
    let list = statements(employee.id, n);
    for chunk in list.chunks(1000) {
        store.outbox().enqueue(chunk).expect("enqueue");
    }
    (store, list)
}

/// The same statements with fresh ids, as JSON array files of `batch` each.
fn curl_batches(dir: &Path, list: &[OutboxStatement], batch: usize) -> Vec<std::path::PathBuf> {
    list.chunks(batch)
        .enumerate()
        .map(|(i, chunk)| {
            let values: Vec<serde_json::Value> = chunk
                .iter()
                .map(|s| {
                    let mut v: serde_json::Value = serde_json::from_str(&s.body).expect("json");
                    v["id"] = serde_json::json!(uuid::Uuid::new_v4());
                    v
                })
                .collect();
            let path = dir.join(format!("batch-{i:04}.json"));
            std::fs::write(&path, serde_json::to_vec(&values).expect("json")).expect("write");
            path
        })
        .collect()
}

fn time_care(a: &Args) -> Duration {
    let lrs = lrs::Lrs::start().expect("CARE_TEST_RALPH names ralph");
    let dir = tempfile::tempdir().expect("tmp");
    let (store, _) = filled_store(dir.path(), a.statements);
    let client = LrsClient::new(&lrs.endpoint());
    let options = SyncOptions {
        batch_size: a.batch,
        ..SyncOptions::default()
    };
    let t = Instant::now();
    let report = care_xapi::sync(&store.outbox(), &client, options, &mut |_| {}).expect("sync");
    let took = t.elapsed();
    assert_eq!(report.sent as usize, a.statements, "all sent");
    took
}

fn time_curl(a: &Args) -> Duration {
    let lrs = lrs::Lrs::start().expect("ralph");
    let dir = tempfile::tempdir().expect("tmp");
    let (_, list) = filled_store(dir.path(), a.statements);
    let files = curl_batches(dir.path(), &list, a.batch);
    let url = format!("http://127.0.0.1:{}/xAPI/statements", lrs.port());
    let mut cmd = Command::new("curl");
    for (i, f) in files.iter().enumerate() {
        if i > 0 {
            cmd.arg("--next");
        }
        cmd.args(["-s", "-o", "/dev/null", "--fail"])
            .args(["-u", &format!("{}:{}", lrs::USER, lrs::PASSWORD)])
            .args(["-H", "X-Experience-API-Version: 1.0.3"])
            .args(["-H", "Content-Type: application/json"])
            .arg("--data-binary")
            .arg(format!("@{}", f.display()))
            .arg(&url);
    }
    let t = Instant::now();
    let status = cmd.status().expect("curl runs");
    let took = t.elapsed();
    assert!(status.success(), "curl posted every batch");
    took
}

/// The client's own work without the network: claiming and settling every statement.
fn time_bookkeeping(a: &Args) -> Duration {
    let dir = tempfile::tempdir().expect("tmp");
    let (store, _) = filled_store(dir.path(), a.statements);
    let outbox = store.outbox();
    let t = Instant::now();
    let (mut in_claim, mut in_settle) = (Duration::ZERO, Duration::ZERO);
    loop {
        let now = Timestamp::now();
        let c = Instant::now();
        let batch = outbox
            .claim(a.batch, now, now.plus_ms(60_000))
            .expect("claim");
        in_claim += c.elapsed();
        if batch.is_empty() {
            break;
        }
        let ids: Vec<_> = batch.iter().map(|s| s.id).collect();
        let raws: Vec<_> = batch
            .iter()
            .map(|s| serde_json::value::RawValue::from_string(s.body.clone()).expect("json"))
            .collect();
        std::hint::black_box(serde_json::to_vec(&raws).expect("json"));
        let c = Instant::now();
        outbox.mark_sent(&ids, Timestamp::now()).expect("settle");
        in_settle += c.elapsed();
    }
    if std::env::args().any(|a| a == "--probe") {
        println!("claim {in_claim:?}, settle {in_settle:?}");
    }
    t.elapsed()
}

/// The same batches as curl, posted with care's client directly (no store).
fn time_client_only(a: &Args) -> Duration {
    let lrs = lrs::Lrs::start().expect("ralph");
    let dir = tempfile::tempdir().expect("tmp");
    let (_, list) = filled_store(dir.path(), a.statements);
    let files = curl_batches(dir.path(), &list, a.batch);
    let bodies: Vec<Vec<Box<serde_json::value::RawValue>>> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("read");
            let values: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
            values
                .iter()
                .map(|v| serde_json::value::RawValue::from_string(v.to_string()).expect("raw"))
                .collect()
        })
        .collect();
    let client = LrsClient::new(&lrs.endpoint());
    let t = Instant::now();
    for b in &bodies {
        let refs: Vec<&serde_json::value::RawValue> = b.iter().map(AsRef::as_ref).collect();
        assert_eq!(client.post(&refs), care_xapi::PostOutcome::Accepted);
    }
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let a = args();
    if lrs::ralph().is_none() {
        eprintln!("CARE_TEST_LRS=0: skipped");
        return;
    }
    println!(
        "syncing {} statements in batches of {} to ralph on loopback, {} rounds",
        a.statements, a.batch, a.rounds
    );
    if std::env::args().any(|a| a == "--probe") {
        println!("bookkeeping: {:.2} s", time_bookkeeping(&a).as_secs_f64());
        println!("client only: {:.2} s", time_client_only(&a).as_secs_f64());
        println!("curl: {:.2} s", time_curl(&a).as_secs_f64());
        return;
    }
    let mut care = Vec::new();
    let mut curl = Vec::new();
    let mut books = Vec::new();
    for round in 1..=a.rounds {
        let c = time_care(&a);
        let u = time_curl(&a);
        let b = time_bookkeeping(&a);
        println!(
            "round {round}: care {:.2} s, curl {:.2} s, client bookkeeping alone {:.3} s",
            c.as_secs_f64(),
            u.as_secs_f64(),
            b.as_secs_f64()
        );
        care.push(c);
        curl.push(u);
        books.push(b);
    }
    let (c, u, b) = (median(care), median(curl), median(books));
    let per_s = |d: Duration| a.statements as f64 / d.as_secs_f64();
    println!(
        "median: care {:.2} s ({:.0} statements/s), curl {:.2} s ({:.0} statements/s)",
        c.as_secs_f64(),
        per_s(c),
        u.as_secs_f64(),
        per_s(u)
    );
    println!(
        "care / curl = {:.2}; the client's own work is {:.1} % of care's time",
        c.as_secs_f64() / u.as_secs_f64(),
        100.0 * b.as_secs_f64() / c.as_secs_f64()
    );
}
