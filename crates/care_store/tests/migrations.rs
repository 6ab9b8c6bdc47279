//! Upgrading: a store at every older schema version, with data in it, opens at the newest version
//! with nothing lost; a store from a newer program is refused with a clear message.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use care_store::{SCHEMA_VERSION, Store, StoreError, TeamFilter, Timestamp};
use common::{attempt, backends, raw_sql};

/// Writes one employee and one finished attempt the way schema version 1 stored them.
fn v1_rows(employee: &str, a: &care_store::NewAttempt, postgres: bool) -> Vec<String> {
    let card = a.card.as_ref().expect("card");
    let s = card.scores();
    let record_literal = hex_literal(&record_bytes(a), postgres);
    vec![
        format!(
            "INSERT INTO employees (id, display_name, team, created_at) VALUES ('{employee}', 'Old Timer', 'Harbour', 1)"
        ),
        format!(
            "INSERT INTO attempts (id, employee_id, scenario_id, scenario_title, content_hash, seed, status,
                started_at, finished_at, duration_ms, speed, empathy, follow_through, overall, passed,
                outcome)
             VALUES ('{}', '{employee}', '{}', '{}', '{}', 1, 'finished', {}, {}, 1000, {}, {}, {}, {}, {},
                'Resolved')",
            a.id,
            a.scenario_id,
            a.scenario_title,
            a.content_hash,
            a.started.0,
            a.finished.0,
            s.speed,
            s.empathy,
            s.follow_through,
            card.overall,
            i32::from(card.passed),
        ),
        format!(
            "INSERT INTO attempt_records (attempt_id, record) VALUES ('{}', {record_literal})",
            a.id
        ),
    ]
}

/// The stored form of an attempt's card and transcript, as version 1 wrote it.
fn record_bytes(a: &care_store::NewAttempt) -> Vec<u8> {
    use std::io::Write;
    let json = serde_json::json!({ "card": a.card, "transcript": a.transcript });
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(json.to_string().as_bytes())
        .expect("compress");
    enc.finish().expect("compress")
}

fn hex_literal(bytes: &[u8], postgres: bool) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    if postgres {
        format!("'\\x{hex}'::bytea")
    } else {
        format!("X'{hex}'")
    }
}

#[test]
fn every_older_schema_upgrades_with_its_data() {
    for db_for_version in 1..SCHEMA_VERSION {
        for db in backends() {
            let old = Store::open_at_version(&db.location, db_for_version).expect("old store");
            assert_eq!(old.schema_version().expect("version"), db_for_version);

            let employee = care_store::EmployeeId::new();
            let a = attempt(
                employee,
                "transferred-again",
                0,
                Timestamp(1_790_000_000_000),
            );
            let mut sql = v1_rows(&employee.to_string(), &a, db.name == "postgres");
            if db_for_version >= 3 {
                // From version 3 on, saving keeps summaries in step: save as that version did.
                raw_sql(&db.location, &sql[..1]);
                old.trainee(employee)
                    .expect("sign in")
                    .record_attempt(&a)
                    .expect("save at the old version");
                sql.clear();
            }
            drop(old);
            if db_for_version >= 2 {
                sql.push(format!(
                    "INSERT INTO checkpoints (attempt_id, employee_id, scenario_id, scenario_title,
                        content_hash, seed, started_at, updated_at, beats, answers)
                     VALUES ('{}', '{employee}', 'nobody-said-hello', 'Nobody said hello', 'abc', 5, 10, 20, 0, '[]')",
                    care_store::AttemptId::new()
                ));
            }
            raw_sql(&db.location, &sql);

            let store = db.open();
            assert_eq!(
                store.schema_version().expect("version"),
                SCHEMA_VERSION,
                "{} from v{db_for_version}",
                db.name
            );
            let manager = store
                .set_manager_passphrase("manager passphrase")
                .expect("set");
            let rows = manager
                .team_overview(&TeamFilter::default())
                .expect("overview");
            assert_eq!(rows.len(), 1);
            let row = &rows[0];
            assert_eq!(
                row.attempts, 1,
                "{} from v{db_for_version}: summaries were backfilled",
                db.name
            );
            assert_eq!(row.latest, Some(a.card.as_ref().expect("card").scores()));
            assert_eq!(row.scenarios_passed, 1);
            let me = store.trainee(employee).expect("sign in");
            let detail = me.attempt(a.id).expect("old attempt readable");
            assert_eq!(detail.transcript, a.transcript);
            assert_eq!(
                me.interrupted().expect("checkpoints").len(),
                usize::from(db_for_version >= 2)
            );

            // New attempts keep the backfilled summary going.
            me.record_attempt(&attempt(
                employee,
                "transferred-again",
                4,
                Timestamp(1_790_000_100_000),
            ))
            .expect("save");
            assert_eq!(me.progress().expect("progress").attempts, 2);
        }
    }
}

#[test]
fn a_store_from_a_newer_program_is_refused_with_advice() {
    for db in backends() {
        drop(db.open());
        raw_sql(
            &db.location,
            &[format!(
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
                 VALUES (99, 'from the future', TRUE, {}, 0)",
                match db.name {
                    "sqlite" => "X'00'",
                    _ => "'\\x00'::bytea",
                }
            )],
        );
        let err = Store::open(&db.location).expect_err("too new");
        assert!(
            matches!(err, StoreError::TooNew { found: 99, .. }),
            "{}: {err}",
            db.name
        );
        assert!(err.to_string().contains("update CARE"), "{err}");
    }
}
