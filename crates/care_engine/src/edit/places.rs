//! Which beat or ending (and which of a beat's exits) a diagnostic is about, so an editor can
//! show it on that node of the graph and beside that answer. A diagnostic about the scenario
//! as a whole (its id, title, customer, a pattern that passes without the skill) has no place.

use std::ops::Range;

use super::ops::Exit;
use crate::diagnostic::Diagnostic;
use crate::ids::{BeatId, EndingId, NodeId};
use crate::path::Path;
use crate::source_map::SourceMap;

/// Where in the scenario a diagnostic points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub node: NodeId,
    /// The exit of the beat, when the diagnostic is inside one (a response, the typed reply,
    /// the timeout or `then`).
    pub exit: Option<Exit>,
}

/// The place of each of `diagnostics` in `text` (the scenario's text they were found in).
pub fn places(text: &str, diagnostics: &[Diagnostic]) -> Vec<Option<Place>> {
    if diagnostics.iter().all(|d| d.span.is_none()) {
        return vec![None; diagnostics.len()];
    }
    let map = SourceMap::parse(text);
    let list = |field: &str| {
        map.entries(&Path::root().field(field))
            .map_or(0, |e| e.items.len())
    };
    let (beats, endings) = (list("beats"), list("endings"));
    diagnostics
        .iter()
        .map(|d| {
            let at = d.span.as_ref()?.start;
            place_at(&map, at, beats, endings)
        })
        .collect()
}

fn inside(map: &SourceMap, path: &Path, at: usize) -> bool {
    map.contains(path)
        && map
            .value_span(path)
            .is_some_and(|s: Range<usize>| s.contains(&at))
}

fn place_at(map: &SourceMap, at: usize, beats: usize, endings: usize) -> Option<Place> {
    let root = Path::root();
    for i in 0..beats {
        let path = root.field("beats").index(i);
        if !inside(map, &path, at) {
            continue;
        }
        let b = BeatId::from_index(i);
        let responses = map
            .entries(&path.field("responses"))
            .map_or(0, |e| e.items.len());
        let exits = (0..responses)
            .map(|j| (path.field("responses").index(j), Exit::Response(b, j)))
            .chain([
                (path.field("typed"), Exit::Typed(b)),
                (path.field("on_timeout"), Exit::Timeout(b)),
                (path.field("then"), Exit::Then(b)),
            ]);
        let exit = exits
            .into_iter()
            .find(|(p, _)| inside(map, p, at))
            .map(|(_, e)| e);
        return Some(Place {
            node: NodeId::Beat(b),
            exit,
        });
    }
    (0..endings)
        .find(|&i| inside(map, &root.field("endings").index(i), at))
        .map(|i| Place {
            node: NodeId::Ending(EndingId::from_index(i)),
            exit: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Document;
    use crate::model::Channel;

    #[test]
    fn a_problem_inside_a_response_is_placed_on_its_beat_and_exit() {
        let text = Document::new_scenario("t", Channel::Phone).text().replacen(
            "next: \"resolved\"",
            "next: \"nowhere\"",
            1,
        );
        let doc = Document::from_text("t.scenario.ron", text);
        let ds = doc.diagnostics();
        let ps = places(doc.text(), &ds);
        let at = ds
            .iter()
            .position(|d| d.message.contains("nowhere"))
            .expect("the missing target is reported");
        assert_eq!(
            ps[at],
            Some(Place {
                node: NodeId::Beat(BeatId(0)),
                exit: Some(Exit::Response(BeatId(0), 0)),
            })
        );
        // The answer patterns that pass are about the whole scenario.
        let pattern = ds
            .iter()
            .position(|d| d.code.as_str() == "care::pattern-passes");
        if let Some(p) = pattern {
            assert_eq!(ps[p], None);
        }
    }

    #[test]
    fn a_problem_in_an_ending_is_placed_on_it() {
        let text = Document::new_scenario("t", Channel::Email).text().replacen(
            "text: \"{name} got",
            "text: \"{nobody} got",
            1,
        );
        let doc = Document::from_text("t.scenario.ron", text);
        let ds = doc.diagnostics();
        let ps = places(doc.text(), &ds);
        let at = ds
            .iter()
            .position(|d| d.message.contains("nobody"))
            .expect("the unknown placeholder is reported");
        assert_eq!(
            ps[at],
            Some(Place {
                node: NodeId::Ending(EndingId(0)),
                exit: None
            })
        );
    }
}
