//! `care sync` as a trainer uses it: a network sign-in page keeps everything queued and the
//! status says how to fix it; `--backfill` asks first, queues saved results exactly once, and
//! names the ones it cannot rebuild.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_cli::{Cli, EXIT_OK, EXIT_PROBLEMS, Io};
use clap::Parser;

const SCENARIOS: &str = "../../scenarios";

/// Runs `care ARGS…` from this crate's folder; returns (exit code, stdout, stderr).
fn care(args: &[&str]) -> (i32, String, String) {
    care_answering(args, "")
}

/// `care ARGS…` with `answers` typed at its questions; returns (exit code, stdout, stderr).
fn care_answering(args: &[&str], answers: &str) -> (i32, String, String) {
    let cli = Cli::try_parse_from(std::iter::once("care").chain(args.iter().copied()))
        .expect("valid arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut input = std::io::Cursor::new(answers.as_bytes().to_vec());
    let code = {
        let mut io = Io {
            out: &mut out,
            err: &mut err,
            color: false,
        };
        care_cli::run_answering(
            cli.command.expect("a command"),
            &cli.game,
            &mut io,
            Some(&mut input),
        )
    };
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Learning-record settings sending to `endpoint`, written into `dir`.
fn lrs_settings(dir: &std::path::Path, endpoint: &str) -> String {
    let path = dir.join("learning-records.ron");
    let raw = care_xapi::RawConfig {
        endpoint: Some(endpoint.into()),
        username: Some("care".into()),
        password: Some(care_xapi::Secret::new("secret")),
        homepage: Some("https://harbour-shop.example.com".into()),
        ..care_xapi::RawConfig::default()
    };
    care_xapi::write_config(&path, &raw).unwrap();
    path.to_str().unwrap().to_string()
}

/// A network sign-in page on loopback: every request is redirected to its login page.
fn sign_in_page() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut length = 0;
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                line.clear();
            }
            let mut body = vec![0; length];
            let _ = std::io::Read::read_exact(&mut reader, &mut body);
            let _ = (&stream).write_all(
                format!(
                    "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{port}/login\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            );
        }
    });
    port
}

#[test]
fn sync_behind_a_sign_in_page_keeps_everything_and_status_says_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let store = care_store::Store::open(&care_store::StoreLocation::in_dir(dir.path())).unwrap();
    let employee = store.add_employee("Ana", "Harbour").unwrap();
    let id = care_store::AttemptId::new().0;
    store
        .outbox()
        .enqueue(&[care_store::OutboxStatement {
            id,
            registration: care_store::AttemptId::new(),
            employee: employee.id,
            ordinal: 0,
            verb: "attempted".into(),
            created: care_store::Timestamp::now(),
            body: format!("{{\"id\":\"{id}\"}}"),
        }])
        .unwrap();
    let port = sign_in_page();
    let settings = lrs_settings(dir.path(), &format!("http://127.0.0.1:{port}/xAPI/"));
    let (code, _, err) = care(&["sync", "--data-dir", d, "--settings", &settings]);
    assert_eq!(code, EXIT_PROBLEMS, "{err}");
    assert!(
        err.contains("redirects") && err.contains("nothing is lost"),
        "{err}"
    );
    let (code, out, _) = care(&["sync", "--status", "--data-dir", d]);
    assert_eq!(code, EXIT_OK);
    assert!(out.contains("1 pending, 0 sent, 0 rejected"), "{out}");
    let login = format!("http://127.0.0.1:{port}/login");
    assert!(
        out.contains("last problem: configuration problem:") && out.contains(&login),
        "{out}"
    );
    assert!(
        out.contains("sign in to the network") && out.contains("correct `endpoint`"),
        "says how to fix it: {out}"
    );
}

/// Saves `n` finished attempts of the exemplary path as results saved before learning records
/// were set up (no statements); returns the store's folder and a passphrase file.
fn results_without_records(dir: &std::path::Path, n: usize) -> String {
    let store = care_store::Store::open(&care_store::StoreLocation::in_dir(dir)).unwrap();
    let employee = store.add_employee("Rosa Diaz", "Harbour").unwrap();
    store.set_manager_passphrase("backfill passphrase").unwrap();
    let root = std::path::Path::new(SCENARIOS);
    let loaded = care_engine::load::load_paths(&[root.to_path_buf()], Default::default());
    let scenario = loaded
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .find(|s| s.id == "nobody-said-hello")
        .unwrap();
    let (_, plays) = care_engine::script::Playthroughs::find(root, scenario.id.as_str()).unwrap();
    let me = store.trainee(employee.id).unwrap();
    for _ in 0..n {
        let run = care_engine::script::play(&scenario, plays.seed, &plays.cases[0].answers)
            .unwrap_or_else(|e| panic!("{}", e.message));
        let transcript = run.into_transcript();
        let card = care_engine::scoring::score(&scenario.scoring, &transcript);
        let now = care_store::Timestamp::now();
        let attempt = care_store::NewAttempt::finished(
            care_store::AttemptId::new(),
            employee.id,
            &scenario,
            now.plus_ms(-60_000),
            now,
            transcript,
            card,
        );
        me.record_attempt(&attempt).unwrap();
    }
    let passphrase = dir.join("passphrase");
    std::fs::write(&passphrase, "backfill passphrase\n").unwrap();
    passphrase.to_str().unwrap().to_string()
}

fn pending(dir: &std::path::Path) -> u64 {
    care_store::Store::open(&care_store::StoreLocation::in_dir(dir))
        .unwrap()
        .outbox()
        .summary()
        .unwrap()
        .pending
}

#[test]
fn sync_backfill_asks_first_then_queues_saved_results_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let passphrase = results_without_records(dir.path(), 2);
    let settings = lrs_settings(dir.path(), "http://127.0.0.1:9/xAPI/");
    let args = [
        "sync",
        "--backfill",
        "--data-dir",
        d,
        "--settings",
        &settings,
        "--passphrase-file",
        &passphrase,
        "--scenarios",
        SCENARIOS,
    ];
    let (code, out, err) = care_answering(&args, "n\n");
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(
        out.contains("2 saved results have no learning records; 2 can be rebuilt"),
        "{out}"
    );
    assert!(
        out.contains("[y/N]") && out.contains("Nothing queued."),
        "{out}"
    );
    assert_eq!(pending(dir.path()), 0, "no means no");

    let (code, out, err) = care_answering(&args, "y\n");
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("of 2 results"), "{out}");
    let queued = pending(dir.path());
    assert!(
        queued >= 6,
        "attempted, completed and passed for each: {queued}"
    );

    let mut again = args.to_vec();
    again.push("--yes");
    let (code, out, _) = care(&again);
    assert_eq!(code, EXIT_OK);
    assert!(out.contains("nothing to backfill"), "{out}");
    assert_eq!(pending(dir.path()), queued, "nothing queued twice");
}

#[test]
fn sync_backfill_names_results_it_cannot_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let passphrase = results_without_records(dir.path(), 1);
    let settings = lrs_settings(dir.path(), "http://127.0.0.1:9/xAPI/");
    let empty = tempfile::tempdir().unwrap();
    let (code, out, _) = care(&[
        "sync",
        "--backfill",
        "--yes",
        "--data-dir",
        d,
        "--settings",
        &settings,
        "--passphrase-file",
        &passphrase,
        "--scenarios",
        empty.path().to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(
        out.contains("cannot rebuild attempt") && out.contains("`nobody-said-hello` is not there"),
        "{out}"
    );
    assert!(out.contains("--scenarios"), "{out}");
    assert_eq!(pending(dir.path()), 0);
}
