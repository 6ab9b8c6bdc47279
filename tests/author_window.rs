//! Author mode in a real window, driven by real clicks and keys: under Xvfb, `--author` opens
//! the editor on a fresh throwaway store, and xdotool creates a scenario from the email
//! template, writes the customer's line, adds a poor response and connects it (from the side
//! panel) to a new ending made with the right-click menu, drags the good response to empty
//! space for a new beat, renames it, gives it a typed moment, makes a mistake and undoes it
//! with Ctrl+Z, and saves with Ctrl+S. The game saves a screenshot at each step (F12) and says
//! where its controls are (`marks.txt`). Skipped (with a note) only when CARE_TEST_WINDOW=0.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

#[path = "common/xvfb.rs"]
mod xvfb;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The game under test and the X display it runs on.
struct Game {
    child: Child,
    display: String,
    shots: PathBuf,
    taken: usize,
}

impl Drop for Game {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Rect = (i32, i32, i32, i32);

impl Game {
    fn marks(&self) -> HashMap<String, Rect> {
        let text = std::fs::read_to_string(self.shots.join("marks.txt")).unwrap_or_default();
        text.lines()
            .filter_map(|l| {
                let mut parts = l.split(' ');
                let name = parts.next()?.to_owned();
                let n: Vec<i32> = parts.filter_map(|p| p.parse().ok()).collect();
                (n.len() == 4).then(|| (name, (n[0], n[1], n[2], n[3])))
            })
            .collect()
    }

    /// Waits (at most a minute) for the control called `name` to be drawn.
    fn wait(&mut self, name: &str) -> Rect {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(r) = self.marks().get(name) {
                return *r;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the game ended ({status}) while waiting for `{name}`");
            }
            assert!(
                Instant::now() < deadline,
                "`{name}` never showed; marks: {:?}",
                self.marks().keys().collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn centre(&mut self, name: &str) -> (i32, i32) {
        let (x, y, w, h) = self.wait(name);
        (x + w / 2, y + h / 2)
    }

    fn xdo(&self, args: &[&str]) {
        let status = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .status()
            .unwrap_or_else(|e| {
                panic!("xdotool does not run ({e}): install it, or set CARE_TEST_WINDOW=0")
            });
        assert!(status.success(), "xdotool {args:?}");
        // Frames keep coming (the tool asks for them): give the screen one or two.
        std::thread::sleep(Duration::from_millis(150));
    }

    fn move_to(&self, (x, y): (i32, i32)) {
        self.xdo(&["mousemove", &x.to_string(), &y.to_string()]);
    }

    fn click_at(&self, at: (i32, i32), button: &str) {
        self.move_to(at);
        self.xdo(&["click", button]);
        std::thread::sleep(Duration::from_millis(300));
    }

    fn click(&mut self, name: &str) {
        let at = self.centre(name);
        self.click_at(at, "1");
    }

    /// Presses the left button at `from`, moves to `to` in steps, and lets go.
    fn drag(&self, from: (i32, i32), to: (i32, i32)) {
        self.move_to(from);
        self.xdo(&["mousedown", "1"]);
        for k in 1..=4 {
            let at = (
                from.0 + (to.0 - from.0) * k / 4,
                from.1 + (to.1 - from.1) * k / 4,
            );
            self.move_to(at);
        }
        self.xdo(&["mouseup", "1"]);
        std::thread::sleep(Duration::from_millis(400));
    }

    /// Holds `mods` while pressing `key`, slowly enough for the game to see each on a frame.
    fn chord(&self, mods: &[&str], key: &str) {
        for m in mods {
            self.xdo(&["keydown", m]);
        }
        self.xdo(&["key", key]);
        for m in mods.iter().rev() {
            self.xdo(&["keyup", m]);
        }
        std::thread::sleep(Duration::from_millis(300));
    }

    fn type_text(&self, text: &str) {
        self.xdo(&["type", "--delay", "25", text]);
    }

    /// Clicks the text box called `name` and replaces what it holds.
    fn replace_text(&mut self, name: &str, text: &str) {
        self.click(name);
        self.chord(&["ctrl"], "a");
        self.type_text(text);
    }

    /// Scrolls the side panel until the control called `name` is in view.
    fn scroll_to(&mut self, name: &str) {
        for _ in 0..60 {
            let (_, y, _, h) = self.wait(name);
            if y > 90 && y + h < 740 {
                return;
            }
            self.move_to((1040, 400));
            self.xdo(&["click", if y + h >= 740 { "5" } else { "4" }]);
        }
        panic!("`{name}` does not scroll into view");
    }

    /// Saves the window (F12) as `NAME.png` beside the game's own numbered screenshots.
    fn shot(&mut self, name: &str) -> PathBuf {
        self.taken += 1;
        // Let checks and judged replies arrive first.
        std::thread::sleep(Duration::from_millis(1500));
        self.xdo(&["key", "F12"]);
        let taken = self.shots.join(format!("author-{:02}.png", self.taken));
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = 0;
        loop {
            let size = std::fs::metadata(&taken).map(|m| m.len()).unwrap_or(0);
            if size > 0 && size == last {
                break;
            }
            last = size;
            assert!(
                Instant::now() < deadline,
                "{} was never saved",
                taken.display()
            );
            std::thread::sleep(Duration::from_millis(300));
        }
        let named = self.shots.join(format!("{name}.png"));
        std::fs::copy(&taken, &named).expect("the screenshot copies");
        named
    }
}

#[test]
fn a_trainer_builds_a_scenario_with_clicks_and_keys() {
    if std::env::var("CARE_TEST_WINDOW").as_deref() == Ok("0") {
        eprintln!("note: skipping the Author mode window test because CARE_TEST_WINDOW=0");
        return;
    }
    let x = xvfb::start_xvfb();
    let dir = tempfile::tempdir().unwrap();
    let (scenarios, shots) = (dir.path().join("scenarios"), dir.path().join("shots"));
    std::fs::create_dir_all(&scenarios).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_care"))
        .current_dir(dir.path())
        .arg("--author")
        // Relative to the game's folder, as a trainer's `scenarios` folder is (and as the
        // screenshots show it).
        .args(["--scenarios", "scenarios"])
        .arg("--data-dir")
        .arg(dir.path().join("store"))
        .arg("--screenshots")
        .arg(&shots)
        .env("DISPLAY", &x.display)
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the game starts");
    let mut game = Game {
        child,
        display: x.display.clone(),
        shots: shots.clone(),
        taken: 0,
    };
    let mut pictures = Vec::new();
    // No window manager gives the window the keyboard: ask for it once it is there.
    game.wait("new-scenario");
    let out = Command::new("xdotool")
        .args(["search", "--name", "CARE"])
        .env("DISPLAY", &game.display)
        .output()
        .expect("xdotool runs");
    let window = String::from_utf8_lossy(&out.stdout);
    let window = window.lines().next().expect("the game's window").to_owned();
    game.xdo(&["windowfocus", &window]);

    // A new scenario from the email template.
    game.click("new-scenario");
    game.click("channel:email");
    game.wait("new-id");
    game.type_text("late-parcel");
    pictures.push(game.shot("authoring-new"));
    game.click("create");
    game.replace_text("scenario,Title", "The late parcel");
    game.click("node:opening");
    game.replace_text(
        "says,0",
        "Hi, my parcel was due on Monday and it still hasn't come. Where is it?",
    );
    // A tempting poor response, connected from the side panel to a new ending.
    game.click("add-response");
    game.replace_text(
        "response,0,1",
        "\"Deliveries can take up to ten working days, as our terms say.\"",
    );
    let free = game.centre("graph-free");
    game.click_at(free, "3");
    game.click("menu:Lost");
    game.click("node:opening");
    let from = game.centre("response-drag:1");
    let to = game.centre("node:lost");
    game.drag(from, to);
    // The good response dragged to empty space below `resolved`: a new beat, renamed.
    let (x0, y0, w0, h0) = game.wait("node:resolved");
    let below = (x0 + w0 / 2, y0 + h0 + 40);
    let from = game.centre("handle:opening:0");
    game.drag(from, below);
    game.replace_text("beat-id,1", "details");
    game.xdo(&["key", "Return"]);
    game.click("node:details");
    game.click("add-typed");
    // A mistake, shown on the beat and in the panel, then undone with Ctrl+Z.
    game.replace_text("says,1", "Thanks, {nickname}. Any news?");
    game.click("node:details");
    pictures.push(game.shot("authoring-problem"));
    game.chord(&["ctrl"], "z");
    game.scroll_to("add-poor");
    pictures.push(game.shot("authoring-typed"));
    game.chord(&["ctrl", "shift"], "z");
    game.chord(&["ctrl"], "z");
    game.chord(&["ctrl"], "s");
    let file = scenarios.join("late-parcel.scenario.ron");
    // Saving runs on the async compute pool; a software-rendered window on a busy machine can
    // take a while to see the keys.
    let deadline = Instant::now() + Duration::from_secs(120);
    while !file.exists() {
        assert!(Instant::now() < deadline, "the scenario was never saved");
        std::thread::sleep(Duration::from_millis(200));
    }
    game.click("node:opening");
    pictures.push(game.shot("authoring-graph"));

    for p in &pictures {
        let colours = xvfb::distinct_colours(p);
        assert!(
            colours > 8,
            "{} shows a drawn screen ({colours} colours)",
            p.display()
        );
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let loaded = care_engine::load::load_bytes(
        "late-parcel.scenario.ron",
        text.as_bytes(),
        care_engine::load::LoadOptions::default(),
    );
    assert!(
        loaded.diagnostics.is_empty(),
        "{:#?}\n{text}",
        loaded.diagnostics
    );
    let s = loaded.scenario.expect("the saved scenario loads");
    let keys: Vec<&str> = s.beats.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(keys, ["opening", "details"], "{text}");
    let opening = &s.beats[0];
    assert!(
        opening
            .says
            .render(&care_engine::persona::Persona::draw(&s, 1))
            .contains("Monday")
    );
    assert_eq!(opening.responses.len(), 2);
    assert!(s.endings.iter().any(|e| e.key == "lost"), "{text}");
    let details = &s.beats[1];
    assert!(details.typed.is_some(), "the typed moment was saved");
    assert!(
        !text.contains("nickname"),
        "the mistake was undone before saving"
    );
    assert!(scenarios.join("late-parcel.replies.ron").exists());
    if let Ok(keep) = std::env::var("CARE_KEEP_SCREENSHOTS") {
        for p in &pictures {
            let name = p.file_name().expect("a file name");
            std::fs::copy(p, Path::new(&keep).join(name)).expect("copied");
        }
    }
}
