//! A real browser (Debian's headless Chromium, driven over WebDriver by chromedriver): sign in,
//! open the team page, one employee and the replay of an attempt, and save screenshots.
//!
//! Chromium is required: without it the test fails, unless CARE_TEST_BROWSER=optional says a
//! browser is optional on this machine (then it is skipped with a note). CI installs it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{PASSPHRASE, fill, serve, sqlite};
use fantoccini::{ClientBuilder, Locator};

/// The flags a closed network needs (without them Chromium waits on refused connections).
const FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Ends chromedriver when the test ends, however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16, limit: Duration) {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("chromedriver did not listen on port {port} within {limit:?}");
}

fn save(dir: &Path, name: &str, png: &[u8]) {
    assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    assert!(
        png.len() > 10_000,
        "{name} shows a drawn page ({} bytes)",
        png.len()
    );
    let file = dir.join(name);
    std::fs::write(&file, png).expect("write the screenshot");
    eprintln!("screenshot: {}", file.display());
}

#[test]
fn a_manager_signs_in_and_reads_the_team_and_one_employee_in_chromium() {
    let (Some(chromium), Some(chromedriver)) = (
        find(&["chromium", "chromium-browser"]),
        find(&["chromedriver"]),
    ) else {
        if std::env::var("CARE_TEST_BROWSER").as_deref() == Ok("optional") {
            eprintln!(
                "note: skipping the browser test: chromium or chromedriver is not installed and CARE_TEST_BROWSER=optional"
            );
            return;
        }
        panic!(
            "the browser test needs Chromium and chromedriver (Debian: apt-get install chromium chromium-driver; .ci/run installs them), or CARE_TEST_BROWSER=optional to skip it"
        );
    };
    let db = sqlite();
    fill(&db.store, 18, 12);
    let server = serve(&db.store);
    let base = format!("http://{}", server.addr());

    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    wait_for_port(port, Duration::from_secs(20));
    let profile = tempfile::tempdir().expect("a fresh profile folder");
    let mut args: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.push("--window-size=1280,1100".into());
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": chromium, "args": args }),
    );
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).expect("a screenshots folder");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        client.goto(&format!("{base}/team")).await.expect("open");
        // Not signed in: the sign-in form.
        let url = client.current_url().await.expect("url");
        assert_eq!(url.path(), "/login");
        client
            .find(Locator::Css("input[name=passphrase]"))
            .await
            .expect("the passphrase field")
            .send_keys(PASSPHRASE)
            .await
            .expect("type");
        save(
            &shots,
            "serve-login.png",
            &client.screenshot().await.expect("shot"),
        );
        client
            .find(Locator::Css("form.signin button"))
            .await
            .expect("the button")
            .click()
            .await
            .expect("sign in");
        let url = client.current_url().await.expect("url");
        assert_eq!(url.path(), "/team");
        let rows = client
            .find_all(Locator::Css("tbody tr"))
            .await
            .expect("rows");
        assert_eq!(rows.len(), 18, "everyone is listed");
        save(
            &shots,
            "serve-team.png",
            &client.screenshot().await.expect("shot"),
        );

        let first = client
            .find(Locator::Css("tbody tr td a"))
            .await
            .expect("a name");
        first.click().await.expect("open an employee");
        let url = client.current_url().await.expect("url");
        assert!(url.path().starts_with("/employee/"), "{url}");
        let charts = client
            .find_all(Locator::Css("svg.chart"))
            .await
            .expect("charts");
        assert_eq!(charts.len(), 3, "a chart per dimension");
        client
            .find(Locator::Css("td a[href*='attempt=']"))
            .await
            .expect("an attempt")
            .click()
            .await
            .expect("open the replay");
        client
            .find(Locator::Css("#replay ul.points li"))
            .await
            .expect("the replay with its reasons");
        save(
            &shots,
            "serve-replay.png",
            &client.screenshot().await.expect("shot"),
        );
        client.goto(url.as_str()).await.expect("back to the top");
        save(
            &shots,
            "serve-employee.png",
            &client.screenshot().await.expect("shot"),
        );
        client.close().await.expect("close the browser");
    });
}
