//! A real learning record store for tests: a ralph server on a free loopback port with its own
//! data folder, started from the `ralph` named by `CARE_TEST_RALPH` (`scripts/test` installs it).
//! Each server runs in its own process group, which `stop` ends as a whole.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use care_xapi::{Endpoint, Secret};

pub const USER: &str = "care-station";
pub const PASSWORD: &str = "correct horse battery staple";

/// The `ralph` command, or `None` when the tests are told to skip the LRS.
pub fn ralph() -> Option<PathBuf> {
    if std::env::var("CARE_TEST_LRS").as_deref() == Ok("0") {
        return None;
    }
    match std::env::var_os("CARE_TEST_RALPH") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => panic!(
            "CARE_TEST_RALPH is not set.\n  hint: run the tests with scripts/test, which installs ralph, \
             or set CARE_TEST_RALPH=$(scripts/install-ralph); CARE_TEST_LRS=0 skips these tests"
        ),
    }
}

pub struct Lrs {
    ralph: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Lrs {
    /// Starts a server with one account ([`USER`], [`PASSWORD`]); `None` when skipped.
    pub fn start() -> Option<Lrs> {
        let ralph = ralph()?;
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("app")).expect("app dir");
        std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
        let status = Command::new(&ralph)
            .args(["auth", "-u", USER, "-p", PASSWORD, "-s", "all"])
            .args(["-M", "mailto:trainer@example.com", "-w"])
            .env("RALPH_APP_DIR", dir.path().join("app"))
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("ralph auth runs");
        assert!(status.success(), "ralph auth failed");
        let mut lrs = Lrs {
            ralph,
            dir,
            port: free_port(),
            child: None,
        };
        lrs.run();
        Some(lrs)
    }

    /// Starts the server process (again, after [`Lrs::stop`]) and waits until it answers.
    pub fn run(&mut self) {
        let app = self.dir.path().join("app");
        // ralph rewrites a bookkeeping file of its reads and writes in place on every request, so
        // a kill can leave it empty, and a ralph that finds it unreadable answers 500 to every
        // request. It holds no statements; clear it as an operator would after a crash.
        let _ = std::fs::remove_file(app.join("history.json"));
        // Likewise a statement the kill cut off half-written (never acknowledged, so CARE sends
        // it again) would leave a line no reader can parse.
        if let Ok(text) = std::fs::read(self.data_file()) {
            let whole = text.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            if whole < text.len() {
                std::fs::write(self.data_file(), &text[..whole]).expect("repair data file");
            }
        }
        let log = std::fs::File::create(self.dir.path().join("server.log")).expect("log");
        let child = Command::new(&self.ralph)
            .args(["runserver", "-b", "fs", "--fs-default-directory-path"])
            .arg(self.dir.path().join("data"))
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            // ralph runs uvicorn with auto-reload from the current folder: keep it in its own.
            .current_dir(&app)
            .env("RALPH_APP_DIR", &app)
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("ralph runserver starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if self.answers() {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!(
            "ralph did not answer within a minute; see {}",
            self.log_path().display()
        );
    }

    fn answers(&self) -> bool {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(2)))
            .build()
            .new_agent();
        agent
            .get(format!("http://127.0.0.1:{}/__heartbeat__", self.port))
            .call()
            .is_ok_and(|r| r.status().as_u16() == 200)
    }

    /// Ends the server's whole process group at once, as a crash or a power cut would.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
        }
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// The file the server keeps its statements in.
    pub fn data_file(&self) -> PathBuf {
        self.dir.path().join("data").join("fs_lrs.jsonl")
    }

    pub fn endpoint(&self) -> Endpoint {
        self.endpoint_as(USER, PASSWORD)
    }

    pub fn endpoint_as(&self, user: &str, password: &str) -> Endpoint {
        Endpoint {
            base: format!("http://127.0.0.1:{}/xAPI/", self.port)
                .parse()
                .expect("url"),
            username: user.to_string(),
            password: Secret::new(password),
            batch_size: 100,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The end of the server's log and of its data file, for a failing test's message.
    pub fn explain(&self) -> String {
        // The server logs an error's trace after it has answered.
        std::thread::sleep(Duration::from_millis(500));
        let tail = |path: PathBuf| {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let start = text.len().saturating_sub(3000);
            let start = (start..text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(text.len());
            format!("--- {} (end)\n{}", path.display(), &text[start..])
        };
        format!("{}\n{}", tail(self.log_path()), tail(self.data_file()))
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Lrs {
    fn drop(&mut self) {
        self.stop();
    }
}
