//! Turns a [`RawScenario`] into a validated [`Scenario`] with typed ids, collecting every problem.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::diagnostic::{Code, Problem};
use crate::ids::{BeatId, EndingId, FlagId, PromiseId, RubricId};
use crate::model::{Outcome, Scenario};
use crate::path::Path;
use crate::raw::{RawEffects, RawRubric, RawScenario};
use crate::suggest::did_you_mean;
use crate::template::Template;

/// Largest effect a single moment may have on a score, mood or audience.
pub const MAX_EFFECT: i32 = 100;

/// The follow-through effect of an ending that sets none of its own.
pub fn default_ending_effects(outcome: Outcome) -> crate::model::Effects {
    let follow_through = match outcome {
        Outcome::Resolved => 20,
        Outcome::WonBack => 25,
        Outcome::Escalated => -10,
        Outcome::Lost => -20,
        Outcome::GoneViral => -25,
    };
    crate::model::Effects {
        follow_through,
        ..Default::default()
    }
}

/// The built-in rubric, as shipped in `default_rubric.ron`.
#[expect(
    clippy::expect_used,
    reason = "the text is compiled in and a unit test parses it, so parsing cannot fail at run time"
)]
pub fn default_rubric() -> &'static RawRubric {
    static RUBRIC: OnceLock<RawRubric> = OnceLock::new();
    RUBRIC.get_or_init(|| {
        ron::from_str(include_str!("default_rubric.ron"))
            .expect("the built-in rubric is valid RON; a unit test loads it")
    })
}

/// Resolution state: the id tables and the problems found so far.
pub(crate) struct Ctx<'r> {
    pub raw: &'r RawScenario,
    pub problems: Vec<Problem>,
    pub beats: HashMap<&'r str, BeatId>,
    pub endings: HashMap<&'r str, EndingId>,
    pub promises: HashMap<&'r str, PromiseId>,
    pub rubrics: HashMap<&'r str, RubricId>,
    /// Keys of every rubric entry, for `Met(…)` conditions.
    pub criteria: HashSet<String>,
    pub vars: Vec<&'r str>,
    pub flags: Vec<String>,
    flag_ids: HashMap<String, FlagId>,
    pub flags_set: HashSet<FlagId>,
    pub flags_tested: Vec<(FlagId, Path)>,
    pub stemmer: rust_stemmers::Algorithm,
    /// Whether the scenario's channel is public (rubric entries marked `public_only` apply).
    pub public: bool,
}

/// Resolves and validates `raw`. `content_hash` is recorded in the result.
pub fn resolve(raw: &RawScenario, content_hash: String) -> Result<Scenario, Vec<Problem>> {
    let root = Path::root();
    let mut cx = Ctx {
        raw,
        problems: Vec::new(),
        beats: HashMap::new(),
        endings: HashMap::new(),
        promises: HashMap::new(),
        rubrics: HashMap::new(),
        criteria: HashSet::new(),
        vars: raw.vars.iter().map(|v| v.id.as_str()).collect(),
        flags: Vec::new(),
        flag_ids: HashMap::new(),
        flags_set: HashSet::new(),
        flags_tested: Vec::new(),
        stemmer: rust_stemmers::Algorithm::English,
        public: raw.channel.is_public(),
    };
    cx.non_empty(&raw.id, root.field("id"), "the scenario id");
    cx.non_empty(&raw.title, root.field("title"), "the title");
    cx.non_empty(&raw.summary, root.field("summary"), "the summary");
    let language = cx.language();
    cx.stemmer = language.stemmer;
    let customer = cx.customer();
    let audience = cx.audience();
    let clock = cx.clock();
    let vars = cx.vars_table();
    cx.index_nodes();
    let promises = cx.promises_table();
    let rubrics = cx.rubrics_table();
    cx.criteria = rubrics
        .iter()
        .flat_map(|r| r.entries.iter().map(|e| e.key.clone()))
        .collect();
    let scoring = cx.scoring();
    let beats = raw
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| cx.beat(b, root.field("beats").index(i), &customer))
        .collect();
    let endings = cx.endings_table();
    let start = cx.start();
    cx.check_flags();
    if !cx.problems.is_empty() {
        return Err(cx.problems);
    }
    let mut scenario = Scenario {
        id: crate::names::ScenarioId::new(raw.id.clone()),
        title: raw.title.clone(),
        summary: raw.summary.clone(),
        version: raw.version,
        channel: raw.channel,
        difficulty: raw.difficulty,
        language,
        lesson: raw.lesson.clone(),
        objectives: raw.objectives.clone(),
        minutes: raw.minutes,
        tags: raw.tags.clone(),
        customer,
        audience,
        clock,
        vars,
        promises,
        flags: cx.flags,
        rubrics,
        start,
        beats,
        endings,
        scoring,
        content_hash,
    };
    crate::difficulty::tune(&mut scenario);
    let graph_problems = crate::graph::check(&scenario);
    if graph_problems.is_empty() {
        Ok(scenario)
    } else {
        Err(graph_problems)
    }
}

impl<'r> Ctx<'r> {
    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    pub fn non_empty(&mut self, s: &str, path: Path, what: &str) {
        if s.trim().is_empty() {
            self.push(
                Problem::new(Code::EmptyText, path, format!("{what} is empty"))
                    .label("empty")
                    .hint(format!("write {what}; a trainee will see it")),
            );
        }
    }

    /// Parses a player-facing text; `required` texts must not be blank.
    pub fn text(&mut self, s: &str, path: Path, required: Option<&str>) -> Template {
        if let Some(what) = required
            && s.trim().is_empty()
        {
            self.non_empty(s, path.clone(), what);
        }
        match Template::parse(s, &self.vars) {
            Ok(t) => t,
            Err(e) => {
                let known: Vec<&str> = ["name", "first_name"]
                    .into_iter()
                    .chain(crate::pronouns::PLACEHOLDERS.iter().map(|(w, ..)| *w))
                    .chain(self.vars.iter().copied())
                    .collect();
                let hint = did_you_mean(&e.name, known.iter().copied()).unwrap_or_else(|| {
                    format!(
                        "placeholders available here: {}; add a pool to `vars` for a new one, or write `{{{{` for a literal brace",
                        known.iter().map(|k| format!("{{{k}}}")).collect::<Vec<_>>().join(", ")
                    )
                });
                let mut p = Problem::new(
                    Code::UnknownPlaceholder,
                    path,
                    format!("unknown placeholder `{{{}}}`", e.name),
                )
                .label("not a persona pool")
                .hint(hint);
                p.inner = Some(e.offset..e.offset + e.name.len() + 2);
                self.push(p);
                Template::default()
            }
        }
    }

    pub fn range(&mut self, value: i64, min: i64, max: i64, path: Path, what: &str) {
        if value < min || value > max {
            self.push(
                Problem::new(
                    Code::OutOfRange,
                    path,
                    format!("{what} is {value}, outside {min}..={max}"),
                )
                .label("out of range")
                .hint(format!("use a value from {min} to {max}")),
            );
        }
    }

    pub fn effects(&mut self, e: &RawEffects, path: Path) -> crate::model::Effects {
        let m = i64::from(MAX_EFFECT);
        for (name, v) in [
            ("speed", e.speed),
            ("empathy", e.empathy),
            ("follow_through", e.follow_through),
            ("mood", e.mood),
            ("audience", e.audience),
        ] {
            // Checked here first so the path and message are only built for a problem.
            if !(-m..=m).contains(&i64::from(v)) {
                self.range(
                    i64::from(v),
                    -m,
                    m,
                    path.field(name),
                    &format!("the {name} effect"),
                );
            }
        }
        crate::model::Effects {
            speed: e.speed,
            empathy: e.empathy,
            follow_through: e.follow_through,
            mood: e.mood,
            audience: e.audience,
        }
    }

    /// Interns a flag name.
    pub fn flag(&mut self, name: &str) -> FlagId {
        if let Some(id) = self.flag_ids.get(name) {
            return *id;
        }
        let id = FlagId::from_index(self.flags.len());
        self.flags.push(name.to_owned());
        self.flag_ids.insert(name.to_owned(), id);
        id
    }

    fn check_flags(&mut self) {
        let tested = std::mem::take(&mut self.flags_tested);
        let set_names: Vec<String> = self
            .flags_set
            .iter()
            .map(|f| self.flags[f.index()].clone())
            .collect();
        for (flag, path) in tested {
            if !self.flags_set.contains(&flag) {
                let name = self.flags[flag.index()].clone();
                let hint = did_you_mean(&name, set_names.iter().map(String::as_str))
                    .unwrap_or_else(|| {
                        "set it with `set: [\"…\"]` on a response, or test another flag".into()
                    });
                self.push(
                    Problem::new(
                        Code::UnknownReference,
                        path,
                        format!("flag `{name}` is tested but never set"),
                    )
                    .label("never set anywhere")
                    .hint(hint),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::RawMatcher;

    #[test]
    fn the_built_in_rubric_loads_and_every_phrase_can_match() {
        let r = default_rubric();
        assert_eq!(r.entries.len(), 13);
        assert_eq!(
            r.entries.iter().filter(|e| !e.examples.is_empty()).count(),
            9
        );
        for e in &r.entries {
            assert!(
                e.examples.is_empty() || e.examples.len() >= 5,
                "{}: a criterion judged by meaning needs several examples",
                e.id
            );
            assert!(
                !e.label.is_empty() && !e.advice.is_empty() && e.points != 0,
                "{}",
                e.id
            );
            if let RawMatcher::Phrases(list) = &e.matches {
                for p in list {
                    let w = crate::rubric::words(p, rust_stemmers::Algorithm::English);
                    assert!(!w.is_empty(), "{p}");
                    assert!(crate::rubric::find_phrase(&w, &w).is_some(), "{p}");
                }
            }
        }
    }
}
