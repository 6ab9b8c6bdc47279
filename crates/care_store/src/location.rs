//! Where the store lives: a SQLite file in a data folder (the default) or a PostgreSQL URL.

use std::fmt;
use std::path::{Path, PathBuf};

/// Environment variable naming the data folder for the embedded store.
pub const DATA_DIR_ENV: &str = "CARE_DATA_DIR";
/// Environment variable naming a PostgreSQL database (`postgres://user:pass@host/db`).
pub const DATABASE_URL_ENV: &str = "CARE_DATABASE_URL";

/// The file name of the embedded store inside its data folder.
pub const SQLITE_FILE: &str = "care.sqlite3";

/// The folder of results not committed yet, inside a data folder.
pub const PENDING_SAVES_DIR: &str = "pending-saves";

/// Which store to open.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A SQLite file (created when missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl StoreLocation {
    /// The store in `dir` (a data folder).
    pub fn in_dir(dir: &Path) -> StoreLocation {
        StoreLocation::Sqlite(dir.join(SQLITE_FILE))
    }

    /// Picks the store from command-line values, which win over the environment
    /// (`CARE_DATABASE_URL`, `CARE_DATA_DIR`), which win over the platform's data folder.
    pub fn resolve(database: Option<&str>, data_dir: Option<&Path>) -> StoreLocation {
        if let Some(url) = database.filter(|u| !u.trim().is_empty()) {
            return StoreLocation::from_url_or_path(url);
        }
        if let Some(dir) = data_dir {
            return StoreLocation::in_dir(dir);
        }
        if let Ok(url) = std::env::var(DATABASE_URL_ENV)
            && !url.trim().is_empty()
        {
            return StoreLocation::from_url_or_path(&url);
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return StoreLocation::in_dir(Path::new(&dir));
        }
        StoreLocation::in_dir(&default_data_dir())
    }

    /// Where this station keeps results not committed yet (the [`crate::Saver`]'s journal):
    /// `pending-saves` beside a SQLite store, or in this computer's data folder
    /// (`CARE_DATA_DIR`, else the platform's) for a PostgreSQL store. Always a local folder.
    pub fn pending_saves_dir(&self) -> PathBuf {
        let base = match self {
            StoreLocation::Sqlite(path) => path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            StoreLocation::Postgres(_) => local_data_dir(None),
        };
        base.join(PENDING_SAVES_DIR)
    }

    fn from_url_or_path(text: &str) -> StoreLocation {
        let t = text.trim();
        if t.starts_with("postgres://") || t.starts_with("postgresql://") {
            StoreLocation::Postgres(t.to_string())
        } else if let Some(path) = t.strip_prefix("sqlite://") {
            StoreLocation::Sqlite(PathBuf::from(path))
        } else {
            StoreLocation::Sqlite(PathBuf::from(t))
        }
    }
}

/// This computer's data folder for CARE: `data_dir` (from `--data-dir`) when given, else
/// `CARE_DATA_DIR`, else the platform's ([`default_data_dir`]). Whatever the store, the
/// trainer's copy of the scenarios and unsent work live here.
pub fn local_data_dir(data_dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = data_dir {
        return dir.to_path_buf();
    }
    std::env::var_os(DATA_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map_or_else(default_data_dir, PathBuf::from)
}

/// The platform's per-user data folder for CARE (for example `~/.local/share/care` on Linux),
/// or `./care-data` when the platform has none.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "CARE")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("care-data"))
}

/// Where exports are written by default: the user's documents folder, else their home folder,
/// else the current folder.
pub fn default_export_dir() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| {
            u.document_dir()
                .map_or_else(|| u.home_dir().to_path_buf(), Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

impl fmt::Display for StoreLocation {
    /// Shows where the store is, never a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreLocation::Sqlite(p) => write!(f, "{}", p.display()),
            StoreLocation::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

impl fmt::Debug for StoreLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// `postgres://care:secret@host/db` → `postgres://care:***@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.split_once('@') {
        Some(parts) => parts,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_and_urls_pick_the_backend() {
        let l = StoreLocation::resolve(Some("postgres://a:b@h/db"), Some(Path::new("/x")));
        assert!(matches!(l, StoreLocation::Postgres(_)));
        let l = StoreLocation::resolve(None, Some(Path::new("/x")));
        assert_eq!(l, StoreLocation::Sqlite(PathBuf::from("/x/care.sqlite3")));
        let l = StoreLocation::resolve(Some("sqlite:///tmp/a.db"), None);
        assert_eq!(l, StoreLocation::Sqlite(PathBuf::from("/tmp/a.db")));
    }

    #[test]
    fn unsaved_results_wait_beside_a_sqlite_store() {
        let l = StoreLocation::in_dir(Path::new("/x"));
        assert_eq!(l.pending_saves_dir(), PathBuf::from("/x/pending-saves"));
        let p = StoreLocation::Postgres("postgres://a@h/db".into());
        assert!(p.pending_saves_dir().ends_with(PENDING_SAVES_DIR));
    }

    #[test]
    fn passwords_never_show() {
        let l = StoreLocation::Postgres("postgres://care:hunter2@db.example/care".into());
        assert_eq!(l.to_string(), "postgres://care:***@db.example/care");
        assert!(!format!("{l:?}").contains("hunter2"));
    }
}
