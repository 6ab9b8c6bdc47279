//! `care serve` beside `care report`: the web report is byte for byte the CLI's CSV for the same
//! store and filters, on SQLite and on PostgreSQL (when CARE_TEST_POSTGRES_URL names a server),
//! and `care serve --help` explains signing in, the pages and HTTPS.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use care_cli::{Cli, EXIT_OK, Io};
use care_store::{Store, StoreLocation};
use care_web::{Library, ServeOptions, SessionLimits};
use clap::{CommandFactory, Parser};

const SCENARIOS: &str = "../../scenarios";
const PASSPHRASE: &str = "serve test passphrase";

/// Runs `care ARGS…`; returns (exit code, stdout bytes, stderr).
fn care(args: &[&str]) -> (i32, Vec<u8>, String) {
    let cli = Cli::try_parse_from(std::iter::once("care").chain(args.iter().copied()))
        .expect("valid arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = {
        let mut io = Io {
            out: &mut out,
            err: &mut err,
            color: false,
        };
        care_cli::run(cli.command.expect("a command"), &cli.game, &mut io)
    };
    (code, out, String::from_utf8_lossy(&err).into_owned())
}

fn on_postgres(sql: &str) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let url = std::env::var("CARE_TEST_POSTGRES_URL").expect("a server");
    let sql = sql.to_string();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async move {
            let mut c = sqlx::AnyConnection::connect(&url).await?;
            c.execute(sqlx::AssertSqlSafe(sql)).await?;
            Ok::<_, sqlx::Error>(())
        })
        .expect("the statement runs");
}

/// (the store's flag and value, the database to drop afterwards) per backend.
fn backends(dir: &std::path::Path) -> Vec<(&'static str, String, Option<String>)> {
    let mut v = vec![(
        "--data-dir",
        dir.join("sqlite").to_string_lossy().into_owned(),
        None,
    )];
    match std::env::var("CARE_TEST_POSTGRES_URL") {
        Ok(admin)
            if !admin.is_empty() && std::env::var("CARE_TEST_POSTGRES").as_deref() != Ok("0") =>
        {
            let db = format!("care_serve_test_{}", std::process::id());
            on_postgres(&format!("DROP DATABASE IF EXISTS {db}"));
            on_postgres(&format!("CREATE DATABASE {db}"));
            let (base, _) = admin.rsplit_once('/').expect("a URL with a database");
            v.push(("--database", format!("{base}/{db}"), Some(db)));
        }
        _ => eprintln!("note: skipping PostgreSQL because CARE_TEST_POSTGRES_URL is unset"),
    }
    v
}

fn get(agent: &ureq::Agent, url: &str, cookie: &str) -> (u16, Vec<u8>) {
    let mut r = agent
        .get(url)
        .header("Cookie", cookie)
        .call()
        .expect("a response");
    let body = r.body_mut().read_to_vec().expect("a body");
    (r.status().as_u16(), body)
}

#[test]
fn the_web_report_is_the_cli_report() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("write");
    let pass = pass.to_string_lossy().into_owned();
    for (flag, value, drop_db) in backends(dir.path()) {
        let (code, _, err) = care(&[
            "--scenarios",
            SCENARIOS,
            flag,
            &value,
            "demo-data",
            "--employees",
            "8",
            "--attempts",
            "4",
        ]);
        assert_eq!(code, EXIT_OK, "{err}");
        let location = StoreLocation::resolve(
            (flag == "--database").then_some(value.as_str()),
            (flag == "--data-dir").then(|| std::path::Path::new(&value)),
        );
        let store = Store::open(&location).expect("open");
        store.set_manager_passphrase(PASSPHRASE).expect("set");
        let server = care_web::start(
            store.clone(),
            ServeOptions {
                bind: "127.0.0.1:0".parse().expect("an address"),
                secure_cookies: false,
                sessions: SessionLimits::default(),
                library: Library::load(std::path::Path::new(SCENARIOS)),
            },
        )
        .expect("the server starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        let base = format!("http://{}", server.addr());
        let login = agent
            .post(format!("{base}/login"))
            .send_form([("passphrase", PASSPHRASE)])
            .expect("signs in");
        assert_eq!(login.status().as_u16(), 303);
        let cookie = login
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.split(';').next())
            .expect("a cookie")
            .to_string();
        for (flags, query) in [
            (vec![], ""),
            (vec!["--team", "Harbour branch"], "?team=Harbour+branch"),
            (
                vec!["--since", "2000-01-01", "--until", "2999-01-01"],
                "?since=2000-01-01&until=2999-01-01",
            ),
            (
                vec!["--scenario", "no-such-scenario"],
                "?scenario=no-such-scenario",
            ),
        ] {
            let mut args = vec![flag, value.as_str(), "report", "--csv", "-"];
            args.extend(flags.iter().copied());
            args.extend(["--passphrase-file", pass.as_str()]);
            let (code, cli_csv, err) = care(&args);
            assert_eq!(code, EXIT_OK, "{err}");
            let (status, web_csv) = get(&agent, &format!("{base}/report.csv{query}"), &cookie);
            assert_eq!(status, 200);
            assert!(
                cli_csv.len() > 100 || query.contains("no-such"),
                "{flags:?}"
            );
            assert_eq!(
                String::from_utf8_lossy(&web_csv),
                String::from_utf8_lossy(&cli_csv),
                "{flag} {flags:?}"
            );
            assert_eq!(web_csv, cli_csv);
        }
        drop(server);
        drop(store);
        if let Some(db) = drop_db {
            on_postgres(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
        }
    }
}

#[test]
fn serve_help_explains_sign_in_pages_and_https() {
    let mut cmd = Cli::command();
    let help = cmd
        .find_subcommand_mut("serve")
        .expect("a serve command")
        .render_long_help()
        .to_string();
    for needed in [
        "--bind",
        "127.0.0.1:8080",
        "manager passphrase",
        "/team",
        "/employee/",
        "/report.csv",
        "HTTPS",
        "reverse proxy",
    ] {
        assert!(help.contains(needed), "{needed} in:\n{help}");
    }
    let cli = Cli::try_parse_from(["care", "serve"]).expect("defaults");
    assert!(matches!(cli.command, Some(care_cli::Command::Serve(_))));
}
