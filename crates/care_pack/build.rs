//! Rebuilds the crate when a scenario or a sprite changes, so the embedded copy is never stale,
//! and fingerprints each built-in folder once, here, rather than at every start of the game.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// A short hash of every file's path (relative to `root`) and bytes.
fn fingerprint(root: &Path) -> std::io::Result<String> {
    let mut all = Vec::new();
    files(root, &mut all)?;
    all.sort();
    let mut hasher = blake3::Hasher::new();
    for path in all {
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let bytes = std::fs::read(&path)?;
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update(&[0]);
        hasher.update(&u64::try_from(bytes.len()).unwrap_or(u64::MAX).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher.finalize().to_hex()[..16].to_owned())
}

fn main() -> std::io::Result<()> {
    for (folder, env) in [
        ("scenarios", "CARE_PACK_SCENARIOS_FINGERPRINT"),
        ("assets", "CARE_PACK_ASSETS_FINGERPRINT"),
    ] {
        let root = Path::new("../..").join(folder);
        println!("cargo:rerun-if-changed={}", root.display());
        println!("cargo:rustc-env={env}={}", fingerprint(&root)?);
    }
    Ok(())
}
