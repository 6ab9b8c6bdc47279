//! The starter pack (`scenarios/`) and the art (`assets/`) built into the binary, and where the
//! game finds them: a folder a trainer chose wins; else the scenarios are the trainer's own copy
//! in the data folder (kept up to date for files they have not changed) and the art is the
//! folder beside the binary or the checkout, else the built-in copy unpacked into the cache.

mod own;
mod unpack;

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

pub use own::{OwnCopy, own_copy};
pub use unpack::{PackError, unpack_into};

static SCENARIOS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../scenarios");
static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets");

/// One of the folders built into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The starter pack: scenarios, shifts and curricula.
    Scenarios,
    /// Sprites, portraits and sounds.
    Assets,
}

impl Bundle {
    /// The folder's name, in the checkout and in the cache.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Scenarios => "scenarios",
            Bundle::Assets => "assets",
        }
    }

    pub(crate) fn dir(self) -> &'static Dir<'static> {
        match self {
            Bundle::Scenarios => &SCENARIOS,
            Bundle::Assets => &ASSETS,
        }
    }

    /// A short hash of the built-in files, worked out when the binary was built: a changed pack
    /// unpacks to a new folder.
    pub fn fingerprint(self) -> &'static str {
        match self {
            Bundle::Scenarios => env!("CARE_PACK_SCENARIOS_FINGERPRINT"),
            Bundle::Assets => env!("CARE_PACK_ASSETS_FINGERPRINT"),
        }
    }

    /// How many files the built-in copy holds.
    pub fn file_count(self) -> usize {
        fn count(d: &Dir<'_>) -> usize {
            d.files().count() + d.dirs().map(count).sum::<usize>()
        }
        count(self.dir())
    }
}

/// The cache folder the built-in copies are unpacked into (`~/.cache/care` on Linux), or a
/// folder in the system's temporary folder when the platform names none.
pub fn cache_root() -> PathBuf {
    directories::ProjectDirs::from("", "", "CARE").map_or_else(
        || std::env::temp_dir().join("care-cache"),
        |d| d.cache_dir().to_path_buf(),
    )
}

/// The scenarios to offer, and where new ones are written: `explicit` (a `--scenarios` folder)
/// when given, else `scenarios/` in the current folder when there is one (a trainer's working
/// copy), else the trainer's own copy of the built-in pack in `data_dir` (see [`own_copy`]).
pub fn scenario_folder(explicit: Option<&Path>, data_dir: &Path) -> Result<PathBuf, PackError> {
    if let Some(folder) = explicit {
        return Ok(folder.to_path_buf());
    }
    let local = Path::new(Bundle::Scenarios.name());
    if local.is_dir() {
        return Ok(local.to_path_buf());
    }
    own_copy(data_dir).map(|copy| copy.folder)
}

/// The art to draw: an `assets/` folder beside the binary (an installation that ships its own),
/// else the one of the checkout `cargo run` started from, else the built-in art.
pub fn asset_folder() -> Result<PathBuf, PackError> {
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join(Bundle::Assets.name())));
    // `cargo run` sets this for the program it starts; a copied binary never has it.
    let checkout = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(|d| PathBuf::from(d).join(Bundle::Assets.name()));
    if let Some(found) = beside_binary
        .into_iter()
        .chain(checkout)
        .find(|p| p.is_dir())
    {
        return Ok(found);
    }
    unpack_into(Bundle::Assets, &cache_root())
}
