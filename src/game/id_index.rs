//! An index from a typed id to its place in a list, built once whenever the list is (at load
//! and on hot reload), so look-ups never scan the list or compare text.

use std::collections::HashMap;
use std::hash::Hash;

/// Where each id sits in the list it was built from.
#[derive(Debug)]
pub struct IdIndex<K>(HashMap<K, usize>);

impl<K> Default for IdIndex<K> {
    fn default() -> Self {
        IdIndex(HashMap::new())
    }
}

impl<K: Hash + Eq + Clone> IdIndex<K> {
    /// Indexes `items` by `id` (the first of two items with one id wins, as loading reports
    /// the second as a duplicate).
    pub fn build<T>(items: &[T], id: impl Fn(&T) -> &K) -> Self {
        let mut map = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            map.entry(id(item).clone()).or_insert(i);
        }
        IdIndex(map)
    }

    /// The place of `id` in the list, if it is there.
    pub fn position(&self, id: &K) -> Option<usize> {
        self.0.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_id_finds_its_own_place_and_a_missing_one_finds_none() {
        let items = ["a", "b", "c", "b"].map(care_engine::ScenarioId::new);
        let index = IdIndex::build(&items, |s| s);
        assert_eq!(index.position(&care_engine::ScenarioId::new("c")), Some(2));
        assert_eq!(index.position(&care_engine::ScenarioId::new("b")), Some(1));
        assert_eq!(index.position(&care_engine::ScenarioId::new("z")), None);
    }
}
