//! Test stores on real databases: a SQLite file in a temp folder, and a fresh PostgreSQL
//! database on the server named by CARE_TEST_POSTGRES_URL (skipped only when
//! CARE_TEST_POSTGRES=0).

#![allow(
    dead_code,
    reason = "each test file uses a different part of this helper"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

pub mod proxy;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use care_engine::{LoadOptions, Scenario, load_paths};
use care_store::{Store, StoreLocation, Timestamp};
use sqlx::{Connection, Executor};

/// A database that lives as long as the test.
pub struct TestDb {
    pub name: &'static str,
    pub location: StoreLocation,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

impl TestDb {
    pub fn open(&self) -> Store {
        Store::open(&self.location).expect("the test store opens")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, db)) = self.drop_pg.take() {
            block_on(async move {
                if let Ok(mut c) = sqlx::AnyConnection::connect(&admin).await {
                    let sql = format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)");
                    let _ = c.execute(sqlx::AssertSqlSafe(sql)).await;
                }
            });
        }
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a test runtime")
        .block_on(f)
}

pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("a temp dir");
    TestDb {
        name: "sqlite",
        location: StoreLocation::in_dir(dir.path()),
        _dir: Some(dir),
        drop_pg: None,
    }
}

/// The PostgreSQL server's admin URL, or None when the run said to skip PostgreSQL.
pub fn postgres_admin_url() -> Option<String> {
    if std::env::var("CARE_TEST_POSTGRES").as_deref() == Ok("0") {
        eprintln!("note: skipping the PostgreSQL backend because CARE_TEST_POSTGRES=0");
        return None;
    }
    match std::env::var("CARE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => panic!(
            "the store tests need PostgreSQL: set CARE_TEST_POSTGRES_URL to a server URL whose user \
             may create databases (scripts/test starts one), or CARE_TEST_POSTGRES=0 to skip it"
        ),
    }
}

/// A new, empty PostgreSQL database for one test.
pub fn postgres() -> Option<TestDb> {
    sqlx::any::install_default_drivers();
    let admin = postgres_admin_url()?;
    let db = format!("care_test_{}", uuid::Uuid::new_v4().simple());
    block_on(async {
        let mut c = sqlx::AnyConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at CARE_TEST_POSTGRES_URL: {e}"));
        c.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
            .await
            .expect("the test user may create databases");
    });
    let (base, _) = admin.rsplit_once('/').expect("a URL with a database name");
    Some(TestDb {
        name: "postgres",
        location: StoreLocation::Postgres(format!("{base}/{db}")),
        _dir: None,
        drop_pg: Some((admin, db)),
    })
}

/// Every backend the tests run on.
pub fn backends() -> Vec<TestDb> {
    let mut v = vec![sqlite()];
    v.extend(postgres());
    v
}

/// Runs `test` on a fresh store of every backend, with the backend's name.
pub fn each_backend(test: impl Fn(&Store, &str)) {
    for db in backends() {
        let store = db.open();
        test(&store, db.name);
    }
}

/// `day` days after 1 October 2026.
pub fn t(day: i64) -> Timestamp {
    Timestamp::parse("2026-10-01")
        .expect("a date")
        .plus_ms(day * 86_400_000)
}

/// The shipped scenarios, loaded once.
pub fn scenarios() -> &'static [Arc<Scenario>] {
    static LOADED: OnceLock<Vec<Arc<Scenario>>> = OnceLock::new();
    LOADED.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        let report = load_paths(&[dir], LoadOptions::default());
        assert_eq!(report.errors(), 0, "the shipped scenarios load");
        let mut v: Vec<_> = report.scenarios.into_iter().map(|l| l.scenario).collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    })
}

pub fn scenario(id: &str) -> Arc<Scenario> {
    scenarios()
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("scenario {id} is shipped"))
        .clone()
}

/// Plays case `index` of a scenario's playthroughs (0 is the exemplary path; the others fail).
pub fn played(
    id: &str,
    index: usize,
) -> (
    Arc<Scenario>,
    care_engine::transcript::Transcript,
    care_engine::ScoreCard,
) {
    let scenario = scenario(id);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (_, plays) = care_engine::script::Playthroughs::find(&root, id)
        .unwrap_or_else(|e| panic!("{id} has playthroughs: {e}"));
    let case = &plays.cases[index];
    let run = care_engine::script::play(&scenario, plays.seed, &case.answers)
        .unwrap_or_else(|e| panic!("{id} case {index} plays: {}", e.message));
    let transcript = run.into_transcript();
    let card = care_engine::scoring::score(&scenario.scoring, &transcript);
    (scenario, transcript, card)
}

/// A finished attempt of case `index` by `employee`, finishing at `at`.
pub fn attempt(
    employee: care_store::EmployeeId,
    id: &str,
    index: usize,
    at: care_store::Timestamp,
) -> care_store::NewAttempt {
    let (scenario, transcript, card) = played(id, index);
    care_store::NewAttempt::finished(
        care_store::AttemptId::new(),
        employee,
        &scenario,
        at.plus_ms(-60_000),
        at,
        transcript,
        card,
    )
}

/// Runs SQL statements straight on the test database (to build old or odd stores).
pub fn raw_sql(location: &StoreLocation, statements: &[String]) {
    sqlx::any::install_default_drivers();
    let url = match location {
        StoreLocation::Sqlite(p) => format!("sqlite://{}", p.display()),
        StoreLocation::Postgres(u) => u.clone(),
    };
    block_on(async {
        let mut c = sqlx::AnyConnection::connect(&url)
            .await
            .expect("raw connection");
        for s in statements {
            c.execute(sqlx::AssertSqlSafe(s.clone()))
                .await
                .unwrap_or_else(|e| panic!("{s}: {e}"));
        }
    });
}

/// A PostgreSQL test database reached through a [`proxy::Proxy`] the test can unplug, with the
/// proxied location. None when the run skips PostgreSQL.
pub fn postgres_behind_proxy() -> Option<(TestDb, proxy::Proxy, StoreLocation)> {
    let db = postgres()?;
    let StoreLocation::Postgres(url) = &db.location else {
        unreachable!("a PostgreSQL test database")
    };
    let (_, after) = url.rsplit_once('@').expect("user@host");
    let upstream = after.split('/').next().expect("host:port");
    let upstream = if upstream.contains(':') {
        upstream.to_string()
    } else {
        format!("{upstream}:5432")
    };
    let proxy = proxy::Proxy::start(&upstream);
    let location = StoreLocation::Postgres(proxy.url(url));
    Some((db, proxy, location))
}

/// Waits up to `limit` for `check` to hold, polling every 20 ms; false if it never did.
pub fn eventually(limit: std::time::Duration, mut check: impl FnMut() -> bool) -> bool {
    let until = std::time::Instant::now() + limit;
    while std::time::Instant::now() < until {
        if check() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    check()
}

/// The manager's access to `store`, setting the test passphrase on first use.
pub fn manager(store: &Store) -> care_store::ManagerAccess {
    const PASSPHRASE: &str = "test manager passphrase";
    match store.manager_lock().expect("lock") {
        care_store::ManagerLock::NotSet => store.set_manager_passphrase(PASSPHRASE),
        _ => store.unlock_manager(PASSPHRASE),
    }
    .expect("the manager area opens")
}

/// How many learning records are queued for attempt `id`.
pub fn queued(store: &Store, id: care_store::AttemptId) -> usize {
    manager(store).statements_of(id).expect("statements").len()
}

/// Runs `try_once` on `n` stations (each with its own connection pool) at the same moment.
pub fn at_once<T: Send + 'static>(
    location: &StoreLocation,
    n: usize,
    try_once: impl Fn(&Store) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let stations: Vec<Store> = (0..n)
        .map(|_| Store::open(location).expect("a station opens the store"))
        .collect();
    let start = Arc::new(std::sync::Barrier::new(n));
    let try_once = Arc::new(try_once);
    let threads: Vec<_> = stations
        .into_iter()
        .map(|store| {
            let (start, try_once) = (start.clone(), try_once.clone());
            std::thread::spawn(move || {
                start.wait();
                try_once(&store)
            })
        })
        .collect();
    threads
        .into_iter()
        .map(|t| t.join().expect("a station's thread"))
        .collect()
}
