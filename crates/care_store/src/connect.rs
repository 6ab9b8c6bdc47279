//! Opening a store: choosing the backend, schema migrations, and running calls on the store's
//! own runtime (on PostgreSQL within a deadline). The pool's settings are in `pool`.

use std::borrow::Cow;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::any::install_default_drivers;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor, Row, SqlSafeStr, Transaction};

use crate::error::StoreError;
use crate::location::StoreLocation;
use crate::pool::{CALL_DEADLINE, ConnectError, Durability, connect, url_for};
use crate::retry;

/// The newest schema version this program writes: the last migration's.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "employees and attempts",
        include_str!("../migrations/0001_employees_and_attempts.sql"),
    ),
    (
        2,
        "checkpoints",
        include_str!("../migrations/0002_checkpoints.sql"),
    ),
    (
        3,
        "summaries",
        include_str!("../migrations/0003_summaries.sql"),
    ),
    (
        4,
        "statement outbox",
        include_str!("../migrations/0004_statement_outbox.sql"),
    ),
    (
        5,
        "onboarding",
        include_str!("../migrations/0005_onboarding.sql"),
    ),
    (
        6,
        "trainee pins",
        include_str!("../migrations/0006_trainee_pins.sql"),
    ),
    (
        7,
        "shift checkpoints",
        include_str!("../migrations/0007_shift_checkpoints.sql"),
    ),
];

/// Which database holds the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// An open progress store. Cheap to clone; all clones share one connection pool.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    rt: tokio::runtime::Runtime,
    pool: AnyPool,
    backend: Backend,
    location: StoreLocation,
    /// When this process last wrote, so WAL checkpoints wait for a quiet moment.
    activity: Activity,
}

/// The time of the last write, shared with the background checkpointer.
#[derive(Clone, Default)]
pub(crate) struct Activity(Arc<AtomicU64>);

impl Activity {
    fn now_ms() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    fn wrote(&self) {
        self.0.store(Activity::now_ms(), Ordering::Relaxed);
    }

    pub(crate) fn quiet_for(&self) -> Duration {
        Duration::from_millis(Activity::now_ms().saturating_sub(self.0.load(Ordering::Relaxed)))
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Closing waits for every connection to come back; one stuck on a server the network
        // no longer reaches never does, and closing the program must not wait for it.
        let pool = self.pool.clone();
        self.rt.block_on(async move {
            let _ = tokio::time::timeout(crate::pool::ACQUIRE_TIMEOUT, pool.close()).await;
        });
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Store({:?}, {})",
            self.inner.backend, self.inner.location
        )
    }
}

impl Store {
    /// Opens (creating when missing) the store and brings its schema up to date.
    pub fn open(location: &StoreLocation) -> Result<Store, StoreError> {
        Store::open_with(location, SCHEMA_VERSION, Durability::Full)
    }

    /// Opens the store and migrates it only up to `version`. For tests of old schemas.
    #[doc(hidden)]
    pub fn open_at_version(location: &StoreLocation, version: i64) -> Result<Store, StoreError> {
        Store::open_with(location, version, Durability::Full)
    }

    /// Opens a SQLite store with less care for power cuts ([`Durability::Normal`]). For the
    /// store benchmark's comparison and bulk demo fills.
    #[doc(hidden)]
    pub fn open_with_durability(
        location: &StoreLocation,
        durability: Durability,
    ) -> Result<Store, StoreError> {
        Store::open_with(location, SCHEMA_VERSION, durability)
    }

    fn open_with(
        location: &StoreLocation,
        version: i64,
        durability: Durability,
    ) -> Result<Store, StoreError> {
        install_default_drivers();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("care-store")
            .enable_all()
            .build()?;
        let (url, backend) = url_for(location)?;
        let open_error = |e| match e {
            ConnectError::NoWal(mode) => StoreError::NoWal {
                location: location.to_string(),
                mode,
            },
            ConnectError::Database(source) => StoreError::Open {
                location: location.to_string(),
                hint: match backend {
                    Backend::Sqlite => {
                        "check that the folder is writable, or pick another with --data-dir"
                    }
                    Backend::Postgres => {
                        "check that the server is running and the URL's user, password and database are right"
                    }
                },
                source,
            },
        };
        let activity = Activity::default();
        let pool = rt
            .block_on(connect(&url, backend, activity.clone(), durability))
            .map_err(open_error)?;
        let store = Store {
            inner: Arc::new(Inner {
                rt,
                pool,
                backend,
                location: location.clone(),
                activity,
            }),
        };
        // Migrations may take long on a big store: no call deadline, and on PostgreSQL no
        // statement timeout (see `migrate_to`).
        store.inner.rt.block_on(store.migrate_to(version))?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.inner.backend
    }

    pub fn location(&self) -> &StoreLocation {
        &self.inner.location
    }

    /// The schema version the store is at.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.block_on(async {
            let row = sqlx::query(
                "SELECT COALESCE(MAX(version), 0) AS v FROM _sqlx_migrations WHERE success = TRUE",
            )
            .fetch_one(self.pool())
            .await?;
            Ok(row.try_get::<i64, _>("v")?)
        })
    }

    /// SQLite's own consistency check (`ok` when sound). PostgreSQL keeps itself consistent and
    /// answers `ok`.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        if self.backend() == Backend::Postgres {
            return Ok("ok".into());
        }
        self.block_on(async {
            let row = sqlx::query("PRAGMA integrity_check")
                .fetch_one(self.pool())
                .await?;
            Ok(row.try_get::<String, _>(0)?)
        })
    }

    /// Runs a store call on the store's runtime. On PostgreSQL the call fails after
    /// [`CALL_DEADLINE`] instead of waiting for a server the network no longer reaches.
    pub(crate) fn block_on<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: Future<Output = Result<T, E>>,
        E: From<sqlx::Error>,
    {
        match self.backend() {
            Backend::Sqlite => self.inner.rt.block_on(f),
            Backend::Postgres => self
                .inner
                .rt
                // The timer is made inside the runtime, which drives it.
                .block_on(async { tokio::time::timeout(CALL_DEADLINE, f).await })
                .unwrap_or_else(|_| Err(no_answer().into())),
        }
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.inner.pool
    }

    /// Starts a write transaction. On SQLite it takes the write lock up front (`BEGIN
    /// IMMEDIATE`), so two stations never deadlock upgrading a read to a write.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        self.inner.activity.wrote();
        match self.backend() {
            Backend::Sqlite => self.pool().begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool().begin().await,
        }
    }

    async fn migrate_to(&self, version: i64) -> Result<(), StoreError> {
        let migrator = Migrator::with_migrations(
            MIGRATIONS
                .iter()
                .map(|(v, what, sql)| {
                    Migration::new(
                        *v,
                        Cow::Borrowed(*what),
                        MigrationType::Simple,
                        sql.into_sql_str(),
                        false,
                    )
                })
                .collect(),
        );
        // A migration over a big store may run longer than PostgreSQL's per-statement limit,
        // so it runs on one connection without it (restored afterwards).
        let postgres = self.backend() == Backend::Postgres;
        let mut conn = self.pool().acquire().await?;
        if postgres {
            conn.execute("SET statement_timeout = 0").await?;
        }
        // Two stations opening a new store at once may race to create it: the loser retries and
        // then finds the schema in place.
        let mut tries = 0;
        let result = loop {
            match migrator.run_to(version, &mut *conn).await {
                Ok(()) => break Ok(()),
                Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
                    break Err(StoreError::TooNew {
                        location: self.location().to_string(),
                        found,
                        known: SCHEMA_VERSION,
                    });
                }
                Err(e) if tries < 8 => {
                    tries += 1;
                    tokio::time::sleep(retry::backoff(tries)).await;
                    let _ = e;
                }
                Err(e) => break Err(e.into()),
            }
        };
        if postgres && conn.execute("RESET statement_timeout").await.is_err() {
            conn.close_on_drop();
        }
        result
    }
}

/// The error of a PostgreSQL call cut off by [`CALL_DEADLINE`].
fn no_answer() -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        format!(
            "no answer from the PostgreSQL server within {} s; check the network and the server",
            CALL_DEADLINE.as_secs()
        ),
    ))
}
