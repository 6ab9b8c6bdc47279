//! Resolving the scenario's ids and what they name: beat and ending ids (each defined once),
//! the promises, rubrics and endings tables, and the start beat.

use crate::diagnostic::{Code, Problem};
use crate::ids::{BeatId, EndingId, PromiseId, RubricId};
use crate::model::{Ending, Promise};
use crate::path::Path;
use crate::resolve::{Ctx, default_ending_effects, default_rubric};
use crate::suggest::did_you_mean;

impl Ctx<'_> {
    pub(crate) fn duplicate(&mut self, what: &str, key: &str, path: Path) {
        self.duplicate_of(what, key, path, None);
    }

    /// A second definition of `key`; `first` says where the first one is, when known.
    fn duplicate_of(&mut self, what: &str, key: &str, path: Path, first: Option<String>) {
        let message = match first {
            Some(f) => format!("{what} `{key}` is defined twice (first as {f})"),
            None => format!("{what} `{key}` is defined twice"),
        };
        self.push(
            Problem::new(Code::DuplicateId, path, message)
                .label("second definition")
                .hint("ids must be unique within a scenario (beats and endings share one namespace); rename one"),
        );
    }

    pub(crate) fn index_nodes(&mut self) {
        let raw = self.raw;
        for (i, b) in raw.beats.iter().enumerate() {
            let path = Path::root().field("beats").index(i).field("id");
            self.non_empty(&b.id, path.clone(), "the beat id");
            match self.beats.get(b.id.as_str()) {
                Some(first) => {
                    let first = format!("beats[{}]", first.index());
                    self.duplicate_of("beat", &b.id, path, Some(first));
                }
                None => {
                    self.beats.insert(&b.id, BeatId::from_index(i));
                }
            }
        }
        for (i, e) in raw.endings.iter().enumerate() {
            let path = Path::root().field("endings").index(i).field("id");
            self.non_empty(&e.id, path.clone(), "the ending id");
            let first = match (
                self.beats.get(e.id.as_str()),
                self.endings.get(e.id.as_str()),
            ) {
                (Some(b), _) => Some(format!("beats[{}]", b.index())),
                (_, Some(x)) => Some(format!("endings[{}]", x.index())),
                _ => None,
            };
            match first {
                Some(f) => self.duplicate_of("ending", &e.id, path, Some(f)),
                None => {
                    self.endings.insert(&e.id, EndingId::from_index(i));
                }
            }
        }
    }

    pub(crate) fn promises_table(&mut self) -> Vec<Promise> {
        let raw = self.raw;
        raw.promises
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = Path::root().field("promises").index(i);
                let id = PromiseId::from_index(i);
                if self.promises.insert(&p.id, id).is_some() {
                    self.duplicate("promise", &p.id, path.field("id"));
                }
                Promise {
                    key: p.id.clone(),
                    text: self.text(&p.text, path.field("text"), Some("the promise's text")),
                    due_minutes: p.due_minutes,
                }
            })
            .collect()
    }

    pub(crate) fn rubrics_table(&mut self) -> Vec<crate::model::Rubric> {
        let default = crate::resolve_rubric::rubric(
            self,
            default_rubric(),
            None,
            Path::root().field("rubrics"),
        );
        let mut out = vec![default];
        let raw = self.raw;
        for (i, r) in raw.rubrics.iter().enumerate() {
            let path = Path::root().field("rubrics").index(i);
            // Id 0 is the built-in rubric.
            let id = RubricId::from_index(i + 1);
            if r.id == "default" || self.rubrics.insert(&r.id, id).is_some() {
                self.duplicate("rubric", &r.id, path.field("id"));
            }
            let base = r.include_defaults.then(default_rubric);
            let resolved = crate::resolve_rubric::rubric(self, r, base, path);
            out.push(resolved);
        }
        out
    }

    pub(crate) fn endings_table(&mut self) -> Vec<Ending> {
        let raw = self.raw;
        raw.endings
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let path = Path::root().field("endings").index(i);
                let effects = match &e.effects {
                    Some(fx) => self.effects(fx, path.field("effects")),
                    None => default_ending_effects(e.outcome),
                };
                Ending {
                    key: e.id.clone(),
                    outcome: e.outcome,
                    text: self.text(
                        &e.text,
                        path.field("text"),
                        Some("the ending's debrief text"),
                    ),
                    effects,
                }
            })
            .collect()
    }

    pub(crate) fn start(&mut self) -> BeatId {
        let key = self.raw.start.as_str();
        if let Some(b) = self.beats.get(key) {
            return *b;
        }
        let path = Path::root().field("start");
        let (label, hint) = if self.endings.contains_key(key) {
            (
                "an ending, not a beat".to_owned(),
                Some("the scenario must start with a beat the trainee can answer".to_owned()),
            )
        } else {
            (
                "no beat has this id".to_owned(),
                did_you_mean(key, self.beats.keys().copied()),
            )
        };
        self.push(
            Problem::new(
                Code::UnknownBeat,
                path,
                format!("the start beat `{key}` does not exist"),
            )
            .label(label)
            .hint_opt(hint.or_else(|| Some("set `start` to the id of the first beat".into()))),
        );
        BeatId(0)
    }
}
