//! The team page through the web server, from the store's summary rows: a store filled with
//! demo employees (2,000, then 10,000), `care serve` on loopback, and the median time of a
//! whole `GET /team` (query, sorting, HTML) as a browser asks for it. Targets: under 300 ms for
//! 2,000 employees, under 1 s for 10,000.
//!
//! `cargo bench -p care_web --bench team -- [--rounds N] [--attempts M] [--dir DIR]
//!  [--database postgres://…]`. With `--dir`, a SQLite store already filled there is reused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use care_engine::{LoadOptions, load_paths};
use care_store::demo::DemoPlan;
use care_store::{Durability, ManagerLock, Store, StoreLocation};
use care_web::{Library, ServeOptions, SessionLimits};

const PASSPHRASE: &str = "bench passphrase";
const SIZES: [(usize, Duration); 2] = [
    (2_000, Duration::from_millis(300)),
    (10_000, Duration::from_secs(1)),
];

struct Options {
    rounds: usize,
    attempts: usize,
    dir: Option<PathBuf>,
    database: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        rounds: 15,
        attempts: 3,
        dir: None,
        database: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => o.rounds = args.next().and_then(|v| v.parse().ok()).unwrap_or(o.rounds),
            "--attempts" => {
                o.attempts = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(o.attempts)
            }
            "--dir" => o.dir = args.next().map(PathBuf::from),
            "--database" => o.database = args.next(),
            _ => {} // cargo bench passes --bench
        }
    }
    o
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let o = options();
    let scenarios_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let scenarios: Vec<_> =
        load_paths(std::slice::from_ref(&scenarios_dir), LoadOptions::default())
            .scenarios
            .into_iter()
            .map(|l| l.scenario)
            .collect();
    let _tmp;
    let location = match (&o.database, &o.dir) {
        (Some(url), _) => StoreLocation::Postgres(url.clone()),
        (None, Some(dir)) => StoreLocation::in_dir(dir),
        (None, None) => {
            _tmp = tempfile::tempdir().expect("a temp dir");
            StoreLocation::in_dir(_tmp.path())
        }
    };
    // Demo fills need no protection against power cuts.
    let store = Store::open_with_durability(&location, Durability::Normal).expect("open");
    if store.manager_lock().expect("lock") == ManagerLock::NotSet {
        store.set_manager_passphrase(PASSPHRASE).expect("set");
    }
    let server = care_web::start(
        store.clone(),
        ServeOptions {
            bind: "127.0.0.1:0".parse().expect("an address"),
            secure_cookies: false,
            sessions: SessionLimits::default(),
            library: Library::load(&scenarios_dir),
        },
    )
    .expect("the server starts");
    let base = format!("http://{}", server.addr());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let login = agent
        .post(format!("{base}/login"))
        .send_form([("passphrase", PASSPHRASE)])
        .expect("sign in");
    let cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .expect("the bench store's passphrase is the bench's")
        .to_string();
    println!(
        "team page through `care serve` on {location}, medians of {} requests",
        o.rounds
    );
    for (size, target) in SIZES {
        let have = store.employees().expect("employees").len();
        if have < size {
            eprintln!("filling to {size} employees × {} attempts…", o.attempts);
            let plan = DemoPlan {
                employees: size - have,
                attempts_per_employee: o.attempts,
                seed: 21 + size as u64,
            };
            store
                .fill_demo(&scenarios, &plan, &mut |_, _| {})
                .expect("fill");
        }
        for (what, query) in [
            ("by name", ""),
            ("by best empathy, descending", "?sort=best-empathy&desc=1"),
            ("one team, name filter", "?team=Harbour+branch&name=a"),
        ] {
            let mut times = Vec::with_capacity(o.rounds);
            let mut bytes = 0;
            for _ in 0..o.rounds + 1 {
                let started = Instant::now();
                let mut r = agent
                    .get(format!("{base}/team{query}"))
                    .header("Cookie", &cookie)
                    .call()
                    .expect("the team page");
                let body = r
                    .body_mut()
                    .with_config()
                    .limit(512 * 1024 * 1024)
                    .read_to_vec()
                    .expect("a body");
                times.push(started.elapsed());
                assert_eq!(r.status().as_u16(), 200);
                bytes = body.len();
            }
            times.remove(0); // the first warms the caches
            let m = median(times);
            println!(
                "{size:>6} employees, {what:<28} median {:>9} ({} KiB) target {}: {}",
                ms(m),
                bytes / 1024,
                ms(target),
                if m < target { "met" } else { "NOT met" }
            );
        }
    }
    drop(server);
}
