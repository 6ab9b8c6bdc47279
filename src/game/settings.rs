//! Station settings a trainee can change (text size, theme, reduced motion, sound), kept between
//! launches in a small RON file in the platform's config folder.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Smallest and largest UI scale offered.
pub const UI_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.0;

/// The settings themselves.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Zoom of the whole interface (1.0 = normal).
    pub ui_scale: f32,
    /// No animations: panels and scrolling jump instead of sliding.
    pub reduced_motion: bool,
    /// Light, dark or high contrast.
    pub theme: Theme,
    /// No sounds (the door chime, message ping and phone ring).
    pub muted: bool,
}

/// The look of every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// Black and white with yellow for focus, and heavier outlines.
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::HighContrast];

    /// The theme's name in the settings window.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::HighContrast => "High contrast",
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            reduced_motion: false,
            theme: Theme::default(),
            muted: false,
        }
    }
}

/// Where the settings are kept.
#[derive(Resource, Debug, Clone)]
pub struct SettingsFile(pub PathBuf);

impl Default for SettingsFile {
    fn default() -> Self {
        let dir = directories::ProjectDirs::from("", "", "CARE")
            .map(|d| d.config_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from("."));
        SettingsFile(dir.join("settings.ron"))
    }
}

/// Reads settings; a missing or unreadable file gives the defaults (with a warning when broken).
pub fn load(path: &Path) -> Settings {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Settings::default();
    };
    match ron::from_str::<Settings>(&text) {
        Ok(mut s) => {
            s.ui_scale = s
                .ui_scale
                .clamp(*UI_SCALE_RANGE.start(), *UI_SCALE_RANGE.end());
            s
        }
        Err(e) => {
            warn!("ignoring the settings in {}: {e}", path.display());
            Settings::default()
        }
    }
}

/// Writes settings next to the old file and renames it over, so a crash never leaves half a file.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The settings as last read or written, to write only real changes.
#[derive(Resource, Debug, Clone, Default)]
struct Saved(Settings);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SettingsFile>();
    app.init_resource::<Settings>();
    app.init_resource::<Saved>();
    app.add_systems(PreStartup, read_settings);
    app.add_systems(
        PostUpdate,
        write_settings.run_if(resource_changed::<Settings>),
    );
}

fn read_settings(
    file: Res<SettingsFile>,
    mut settings: ResMut<Settings>,
    mut saved: ResMut<Saved>,
) {
    *settings = load(&file.0);
    saved.0 = settings.clone();
}

fn write_settings(file: Res<SettingsFile>, settings: Res<Settings>, mut saved: ResMut<Saved>) {
    if saved.0 == *settings {
        return;
    }
    match save(&file.0, &settings) {
        Ok(()) => saved.0 = settings.clone(),
        Err(e) => warn!("settings not saved to {}: {e}", file.0.display()),
    }
}
