//! The store from the command line: `demo-data` fills one, and `report` writes a filtered CSV
//! behind the manager's passphrase.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod commands_support;

use care_cli::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use commands_support::{SCENARIOS, care};

#[test]
fn demo_data_then_a_filtered_csv_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let (code, out, err) = care(&[
        "--scenarios",
        SCENARIOS,
        "--data-dir",
        data,
        "demo-data",
        "--employees",
        "6",
        "--attempts",
        "5",
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(
        out.contains("Added 6 employees and 30 attempts over 32 scenarios"),
        "{out}"
    );
    assert!(out.contains("first visit sets its passphrase"), "{out}");

    let store = care_store::Store::open(&care_store::StoreLocation::in_dir(dir.path())).unwrap();
    store.set_manager_passphrase("manager passphrase").unwrap();
    drop(store);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "manager passphrase\n").unwrap();
    let csv = dir.path().join("out/report.csv");
    std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
    let (code, out, err) = care(&[
        "--data-dir",
        data,
        "report",
        "--csv",
        csv.to_str().unwrap(),
        "--team",
        "Downtown store",
        "--passphrase-file",
        pass.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("Wrote 10 attempts"), "{out}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("employee,team,"));
    assert_eq!(lines.clone().count(), 10);
    assert!(lines.all(|l| l.contains(",Downtown store,")), "{text}");

    std::fs::write(&pass, "not the passphrase\n").unwrap();
    let (code, _, err) = care(&[
        "--data-dir",
        data,
        "report",
        "--csv",
        "-",
        "--passphrase-file",
        pass.to_str().unwrap(),
    ]);
    assert_eq!(code, EXIT_PROBLEMS);
    assert!(err.contains("wrong passphrase"), "{err}");

    let (code, _, err) = care(&[
        "--data-dir",
        data,
        "report",
        "--csv",
        "-",
        "--since",
        "yesterday",
    ]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}
