//! Test servers: a demo store on SQLite or on a fresh PostgreSQL database (skipped when
//! CARE_TEST_POSTGRES_URL is unset or CARE_TEST_POSTGRES=0), served by `care_web::start` on a
//! free loopback port, and a small HTTP client that keeps the session cookie.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this helper"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::time::Duration;

use care_engine::{LoadOptions, load_paths};
use care_store::demo::DemoPlan;
use care_store::{Store, StoreLocation};
use care_web::{Library, RunningServer, ServeOptions, SessionLimits};

pub const PASSPHRASE: &str = "web test passphrase";

/// The shipped scenarios folder.
pub fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

/// A store that lives as long as the test.
pub struct TestStore {
    pub name: &'static str,
    pub location: StoreLocation,
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some((admin, db)) = self.drop_pg.take() {
            let sql = format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)");
            let _ = psql(&admin, &sql);
        }
    }
}

/// Runs one statement on the PostgreSQL server.
fn psql(url: &str, sql: &str) -> Result<(), String> {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let sql = sql.to_string();
    let url = url.to_string();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?
        .block_on(async move {
            let mut c = sqlx::AnyConnection::connect(&url).await?;
            c.execute(sqlx::AssertSqlSafe(sql)).await?;
            Ok::<_, sqlx::Error>(())
        })
        .map_err(|e| e.to_string())
}

/// A store in a SQLite file.
pub fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().expect("a temp dir");
    let location = StoreLocation::in_dir(dir.path());
    TestStore {
        name: "sqlite",
        store: Store::open(&location).expect("the store opens"),
        location,
        _dir: Some(dir),
        drop_pg: None,
    }
}

fn postgres() -> Option<TestStore> {
    if std::env::var("CARE_TEST_POSTGRES").as_deref() == Ok("0") {
        eprintln!("note: skipping PostgreSQL because CARE_TEST_POSTGRES=0");
        return None;
    }
    let Some(admin) = std::env::var("CARE_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("note: skipping PostgreSQL because CARE_TEST_POSTGRES_URL is unset");
        return None;
    };
    let db = format!("care_web_test_{}", uuid_like());
    psql(&admin, &format!("CREATE DATABASE {db}"))
        .unwrap_or_else(|e| panic!("cannot create a test database at CARE_TEST_POSTGRES_URL: {e}"));
    let (base, _) = admin.rsplit_once('/').expect("a URL with a database name");
    let location = StoreLocation::Postgres(format!("{base}/{db}"));
    Some(TestStore {
        name: "postgres",
        store: Store::open(&location).expect("the PostgreSQL store opens"),
        location,
        _dir: None,
        drop_pg: Some((admin, db)),
    })
}

fn uuid_like() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}_{nanos}", std::process::id())
}

/// Every backend the tests run on.
pub fn backends() -> Vec<TestStore> {
    let mut v = vec![sqlite()];
    v.extend(postgres());
    v
}

/// Fills `store` with `employees` demo employees and sets the manager passphrase.
pub fn fill(store: &Store, employees: usize, attempts: usize) {
    let scenarios: Vec<_> = load_paths(&[scenarios_dir()], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .collect();
    let plan = DemoPlan {
        employees,
        attempts_per_employee: attempts,
        seed: 7,
    };
    store
        .fill_demo(&scenarios, &plan, &mut |_, _| {})
        .expect("demo data");
    if store.manager_lock().expect("lock") == care_store::ManagerLock::NotSet {
        store
            .set_manager_passphrase(PASSPHRASE)
            .expect("passphrase");
    }
}

/// `care serve` on a free loopback port.
pub fn serve(store: &Store) -> RunningServer {
    care_web::start(
        store.clone(),
        ServeOptions {
            bind: "127.0.0.1:0".parse().expect("an address"),
            secure_cookies: false,
            sessions: SessionLimits::default(),
            library: Library::load(&scenarios_dir()),
        },
    )
    .expect("the server starts")
}

/// A response: status, headers of interest and body.
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub content_type: Option<String>,
    /// Seconds, from `Retry-After`.
    pub retry_after: Option<u64>,
    pub body: Vec<u8>,
}

impl Page {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A browser without JavaScript: follows no redirect, keeps the session cookie.
pub struct Browser {
    base: String,
    agent: ureq::Agent,
    pub cookie: Option<String>,
}

impl Browser {
    pub fn new(server: &RunningServer) -> Browser {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Browser {
            base: format!("http://{}", server.addr()),
            agent,
            cookie: None,
        }
    }

    fn page(&mut self, mut r: ureq::http::Response<ureq::Body>) -> Page {
        let header = |name: &str| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (location, set_cookie, content_type) = (
            header("location"),
            header("set-cookie"),
            header("content-type"),
        );
        let retry_after = header("retry-after").and_then(|v| v.parse().ok());
        if let Some(c) = &set_cookie {
            let pair = c.split(';').next().unwrap_or_default().to_string();
            self.cookie = pair
                .split_once('=')
                .filter(|(_, v)| !v.is_empty())
                .map(|_| pair.clone());
        }
        let body = r
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_vec()
            .expect("a body");
        Page {
            status: r.status().as_u16(),
            location,
            set_cookie,
            content_type,
            retry_after,
            body,
        }
    }

    pub fn get(&mut self, path: &str) -> Page {
        let mut req = self.agent.get(format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", c);
        }
        let r = req.call().expect("a response");
        self.page(r)
    }

    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let mut req = self.agent.post(format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", c);
        }
        let r = req.send_form(form.iter().copied()).expect("a response");
        self.page(r)
    }

    /// Signs in with the test passphrase.
    pub fn sign_in(&mut self) {
        let p = self.post("/login", &[("passphrase", PASSPHRASE)]);
        assert_eq!(p.status, 303, "{}", p.text());
        assert_eq!(p.location.as_deref(), Some("/team"));
        assert!(self.cookie.is_some(), "a session cookie");
    }
}
