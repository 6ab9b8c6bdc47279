//! The last good version of every file across reloads: a file whose edit no longer loads keeps
//! what it loaded before (its problems are listed beside it); a removed file takes its item
//! with it. One rule for scenarios, shifts and curricula.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};

/// What each file last loaded as, by the file's display name (as in [`Diagnostic::file`]).
#[derive(Debug)]
pub struct LastGood<T> {
    files: BTreeMap<String, Arc<T>>,
}

impl<T> Default for LastGood<T> {
    fn default() -> Self {
        LastGood {
            files: BTreeMap::new(),
        }
    }
}

impl<T> LastGood<T> {
    /// What a first load found.
    pub fn new(loaded: impl IntoIterator<Item = (String, Arc<T>)>) -> Self {
        LastGood {
            files: loaded.into_iter().collect(),
        }
    }

    /// Takes a fresh load. A file that loaded before, still exists (`exists`), and now has an
    /// error and loads as nothing keeps its previous version; every other file is as loaded.
    /// Returns the files that kept a previous version.
    pub fn update(
        &mut self,
        loaded: impl IntoIterator<Item = (String, Arc<T>)>,
        diagnostics: &[Diagnostic],
        exists: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let mut fresh: BTreeMap<String, Arc<T>> = loaded.into_iter().collect();
        let broken: HashSet<&str> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.file.as_str())
            .collect();
        let mut kept = Vec::new();
        for (file, item) in std::mem::take(&mut self.files) {
            if broken.contains(file.as_str()) && !fresh.contains_key(&file) && exists(&file) {
                fresh.insert(file.clone(), item);
                kept.push(file);
            }
        }
        self.files = fresh;
        kept
    }

    /// Every item, in file order.
    pub fn items(&self) -> impl Iterator<Item = &Arc<T>> {
        self.files.values()
    }

    /// Every file with its item, in file order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Arc<T>)> {
        self.files.iter().map(|(f, t)| (f.as_str(), t))
    }

    /// The number of files with an item.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file has an item.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn error_in(file: &str) -> Diagnostic {
        Diagnostic::whole_file(file, Code::Syntax, "broken", "fix it")
    }

    fn items(kept: &LastGood<&'static str>) -> Vec<&'static str> {
        kept.items().map(|s| **s).collect()
    }

    #[test]
    fn a_broken_edit_keeps_the_last_good_version_and_a_fixed_one_replaces_it() {
        let mut kept = LastGood::new([
            ("a.ron".to_string(), Arc::new("a1")),
            ("b.ron".to_string(), Arc::new("b1")),
        ]);
        let held = kept.update(
            [("b.ron".to_string(), Arc::new("b2"))],
            &[error_in("a.ron")],
            |_| true,
        );
        assert_eq!(held, ["a.ron"]);
        assert_eq!(items(&kept), ["a1", "b2"]);
        let held = kept.update([("a.ron".to_string(), Arc::new("a3"))], &[], |_| true);
        assert!(held.is_empty());
        assert_eq!(items(&kept), ["a3"], "b.ron was removed without an error");
    }

    #[test]
    fn a_removed_or_merely_warned_file_keeps_nothing_old() {
        let mut kept = LastGood::new([("a.ron".to_string(), Arc::new("a1"))]);
        kept.update(Vec::new(), &[error_in("a.ron")], |_| false);
        assert!(kept.is_empty(), "a deleted file takes its item with it");

        let mut kept = LastGood::new([("a.ron".to_string(), Arc::new("a1"))]);
        let mut warning = error_in("a.ron");
        warning.severity = Severity::Warning;
        kept.update(Vec::new(), &[warning], |_| true);
        assert!(kept.is_empty(), "only an error keeps the old version");
    }
}
