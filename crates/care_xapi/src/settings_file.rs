//! Writing the learning-record settings file all at once: the new text goes to a temporary file
//! beside it (readable by its owner only), reaches the disk, and is renamed over the old one, so a
//! failed or cut-off write leaves the old settings as they were.

use std::io::Write;
use std::path::Path;

use crate::config::{RawConfig, ron_options};
use crate::error::ConfigError;

const HEADER: &str =
    "// CARE learning records: where xAPI statements are sent. Keep this file private.\n";

/// Writes a settings file readable by its owner only (on Unix), creating its folder.
pub fn write_config(path: &Path, raw: &RawConfig) -> Result<(), ConfigError> {
    let io = |source| ConfigError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let text = ron_options()
        .to_string_pretty(raw, ron::ser::PrettyConfig::default())
        .map_err(|e| io(std::io::Error::other(e)))?;
    // On Unix the temporary file is created readable by its owner only, so the password is
    // never readable by others, not even for a moment.
    let mut tmp = tempfile::Builder::new()
        .prefix(".learning-records.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io)?;
    }
    tmp.write_all(format!("{HEADER}{text}\n").as_bytes())
        .map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    sync_folder(dir).map_err(io)
}

/// Makes the rename itself durable.
#[cfg(unix)]
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CONFIG_FILE, Secret};

    fn raw(user: &str) -> RawConfig {
        RawConfig {
            endpoint: Some("http://127.0.0.1:8100/xAPI".into()),
            username: Some(user.into()),
            password: Some(Secret::new("s3cret")),
            homepage: Some("https://shop.example.com".into()),
            ..RawConfig::default()
        }
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_written_file_is_private_and_reads_back() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("sub").join(CONFIG_FILE);
        write_config(&path, &raw("care")).expect("write");
        assert_eq!(RawConfig::read(&path).expect("read"), raw("care"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("widen");
            write_config(&path, &raw("other")).expect("rewrite");
            assert_eq!(RawConfig::read(&path).expect("read"), raw("other"));
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "a rewritten file is private again");
        }
        assert!(leftovers(&path.with_file_name("")).is_empty());
    }

    #[test]
    fn a_write_that_cannot_finish_says_where_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("tmp");
        // A folder where the file should be: nothing can replace it.
        let path = dir.path().join(CONFIG_FILE);
        std::fs::create_dir(&path).expect("dir");
        std::fs::write(path.join("keep"), "x").expect("inside");
        let e = write_config(&path, &raw("care")).expect_err("a folder is in the way");
        assert!(matches!(e, ConfigError::Write { .. }), "{e:?}");
        assert!(e.to_string().contains(CONFIG_FILE), "{e}");
        assert!(path.join("keep").is_file(), "what was there is untouched");
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
    }

    /// Run as a child by the next test, under a file-size limit of zero: writing the new
    /// settings kills it part way, as a full disk or a crash would stop a write.
    #[test]
    #[ignore = "run as a child process by a_write_cut_off_part_way_leaves_the_old_settings"]
    fn child_writes_new_settings() {
        if let Some(path) = std::env::var_os("CARE_TEST_SETTINGS_CHILD") {
            let _ = write_config(Path::new(&path), &raw("new"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_write_cut_off_part_way_leaves_the_old_settings() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(CONFIG_FILE);
        write_config(&path, &raw("old")).expect("first write");
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -f 0 && exec \"$0\" \"$@\"")
            .arg(std::env::current_exe().expect("test binary"))
            .args(["--exact", "settings_file::tests::child_writes_new_settings"])
            .args(["--ignored", "--test-threads=1", "--quiet"])
            .env("CARE_TEST_SETTINGS_CHILD", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("child runs");
        assert!(!status.success(), "the size limit stopped the write");
        assert_eq!(
            RawConfig::read(&path).expect("the old file still reads"),
            raw("old")
        );
    }
}
