//! An X server (Xvfb) of 1280x800 for the window tests, on a free display number, and a look at
//! the screenshots taken in it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An X server for the test, stopped when dropped.
pub struct Xvfb {
    child: Child,
    pub display: String,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start_xvfb() -> Xvfb {
    for n in 0..20 {
        let number = 90 + (std::process::id() % 50) + n;
        if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
            continue;
        }
        let display = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start Xvfb ({e}): install it (Debian: apt-get install xvfb \
                     mesa-vulkan-drivers libgl1-mesa-dri) or set CARE_TEST_WINDOW=0 to skip"
                )
            });
        let mut xvfb = Xvfb { child, display };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
                return xvfb;
            }
            if let Ok(Some(_)) = xvfb.child.try_wait() {
                break; // taken meanwhile: try the next number
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        drop(xvfb);
    }
    panic!("no free X display for Xvfb");
}

/// How many colours a screenshot shows (every seventh pixel): a drawn screen has many, a blank
/// or failed one a handful.
pub fn distinct_colours(png: &std::path::Path) -> usize {
    let img = image::open(png)
        .unwrap_or_else(|e| panic!("{} is a PNG: {e}", png.display()))
        .to_rgb8();
    let mut seen = std::collections::HashSet::new();
    for p in img.pixels().step_by(7) {
        seen.insert(p.0);
    }
    seen.len()
}
