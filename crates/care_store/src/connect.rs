//! Opening a store: choosing the backend, SQLite's safety settings, and schema migrations.

use std::borrow::Cow;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor, Row, SqlSafeStr, Transaction};

use crate::error::StoreError;
use crate::location::StoreLocation;
use crate::retry;

/// The newest schema version this program writes.
pub const SCHEMA_VERSION: i64 = 5;

const MIGRATIONS: [(i64, &str, &str); 5] = [
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
struct Activity(Arc<AtomicU64>);

impl Activity {
    fn now_ms() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    fn wrote(&self) {
        self.0.store(Activity::now_ms(), Ordering::Relaxed);
    }

    fn quiet_for(&self) -> Duration {
        Duration::from_millis(Activity::now_ms().saturating_sub(self.0.load(Ordering::Relaxed)))
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        let pool = self.pool.clone();
        self.rt.block_on(async move { pool.close().await });
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
        Store::open_at_version(location, SCHEMA_VERSION)
    }

    /// Opens the store and migrates it only up to `version`. For tests of old schemas.
    #[doc(hidden)]
    pub fn open_at_version(location: &StoreLocation, version: i64) -> Result<Store, StoreError> {
        install_default_drivers();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("care-store")
            .enable_all()
            .build()?;
        let (url, backend) = url_for(location)?;
        let open_error = |source| StoreError::Open {
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
        };
        let activity = Activity::default();
        let pool = rt
            .block_on(connect(&url, backend, activity.clone()))
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
        store.block_on(store.migrate_to(version))?;
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

    pub(crate) fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.inner.rt.block_on(f)
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
        // Two stations opening a new store at once may race to create it: the loser retries and
        // then finds the schema in place.
        let mut tries = 0;
        loop {
            match migrator.run_to(version, self.pool()).await {
                Ok(()) => break,
                Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
                    return Err(StoreError::TooNew {
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
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }
}

/// Moves the write-ahead log into the database file in the background, never inside a save: when
/// this process has not written for a moment, or at the latest every half minute so the log
/// stays small. (A checkpoint copies pages and syncs the file; during a burst of saves it would
/// hold them up.) Stops when the pool closes.
async fn checkpoint_when_quiet(pool: AnyPool, activity: Activity) {
    const QUIET: Duration = Duration::from_secs(2);
    const AT_LEAST_EVERY: Duration = Duration::from_secs(30);
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut since_last = Duration::ZERO;
    let mut dirty = false;
    while !pool.is_closed() {
        tick.tick().await;
        since_last += Duration::from_secs(1);
        dirty |= activity.quiet_for() < QUIET + Duration::from_secs(1);
        if !dirty || (activity.quiet_for() < QUIET && since_last < AT_LEAST_EVERY) {
            continue;
        }
        // PASSIVE never blocks a writer; a busy or failed round is retried next tick.
        if sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
            .is_ok()
        {
            since_last = Duration::ZERO;
            dirty = false;
        }
    }
}

fn url_for(location: &StoreLocation) -> Result<(String, Backend), StoreError> {
    match location {
        StoreLocation::Postgres(url) => Ok((url.clone(), Backend::Postgres)),
        StoreLocation::Sqlite(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            let Some(text) = path.to_str() else {
                return Err(StoreError::Invalid(format!(
                    "the store path {} is not valid UTF-8; choose another with --data-dir",
                    path.display()
                )));
            };
            let encoded: String = text
                .chars()
                .map(|c| match c {
                    '%' => "%25".to_string(),
                    '?' => "%3F".to_string(),
                    '#' => "%23".to_string(),
                    ' ' => "%20".to_string(),
                    c => c.to_string(),
                })
                .collect();
            Ok((format!("sqlite://{encoded}?mode=rwc"), Backend::Sqlite))
        }
    }
}

async fn connect(url: &str, backend: Backend, activity: Activity) -> Result<AnyPool, sqlx::Error> {
    let options = AnyPoolOptions::new()
        .max_connections(match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 8,
        })
        .acquire_timeout(Duration::from_secs(10));
    match backend {
        Backend::Postgres => options.connect(url).await,
        Backend::Sqlite => {
            let pool = options
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        // Wait for another writer instead of failing. In WAL mode NORMAL sync
                        // keeps every committed attempt through a crash of the program and the
                        // file always consistent; only a power cut can undo the last commits.
                        conn.execute("PRAGMA busy_timeout = 15000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        // Checkpoints run in the background (below), never inside a save.
                        conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
                        // A larger page cache and memory-mapped reads keep a big store's hot
                        // index pages in memory (64 MiB cache per connection, 1 GiB mapped).
                        conn.execute("PRAGMA cache_size = -65536").await?;
                        conn.execute("PRAGMA mmap_size = 1073741824").await?;
                        Ok(())
                    })
                })
                .connect(url)
                .await?;
            // WAL lets readers and one writer work at once and survives a killed process.
            retry::on_busy(|| async {
                sqlx::query("PRAGMA journal_mode = WAL")
                    .execute(&pool)
                    .await
                    .map(|_| ())
            })
            .await?;
            tokio::spawn(checkpoint_when_quiet(pool.clone(), activity));
            Ok(pool)
        }
    }
}
