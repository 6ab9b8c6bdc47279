//! Turns a [`RawScenario`] into a validated [`Scenario`] with typed ids, collecting every problem.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::clock::{Clock, OpeningHours, SimTime, parse_time_of_day};
use crate::diagnostic::{Code, Problem};
use crate::ids::{BeatId, EndingId, FlagId, PromiseId, RubricId};
use crate::model::{
    Audience, Customer, Ending, Language, Outcome, PerDimension, Promise, Scenario, Scoring, Var,
};
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
    pub vars: Vec<&'r str>,
    pub flags: Vec<String>,
    flag_ids: HashMap<String, FlagId>,
    pub flags_set: HashSet<FlagId>,
    pub flags_tested: Vec<(FlagId, Path)>,
    pub stemmer: rust_stemmers::Algorithm,
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
        vars: raw.vars.iter().map(|v| v.id.as_str()).collect(),
        flags: Vec::new(),
        flag_ids: HashMap::new(),
        flags_set: HashSet::new(),
        flags_tested: Vec::new(),
        stemmer: rust_stemmers::Algorithm::English,
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
    let scenario = Scenario {
        id: raw.id.clone(),
        title: raw.title.clone(),
        summary: raw.summary.clone(),
        version: raw.version,
        channel: raw.channel,
        difficulty: raw.difficulty,
        language,
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
        if let Some(what) = required {
            self.non_empty(s, path.clone(), what);
        }
        match Template::parse(s, &self.vars) {
            Ok(t) => t,
            Err(e) => {
                let known: Vec<&str> = std::iter::once("name")
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
            self.range(
                i64::from(v),
                -m,
                m,
                path.field(name),
                &format!("the {name} effect"),
            );
        }
        crate::model::Effects {
            speed: e.speed,
            empathy: e.empathy,
            follow_through: e.follow_through,
            mood: e.mood,
            audience: e.audience,
        }
    }

    fn language(&mut self) -> Language {
        use rust_stemmers::Algorithm as A;
        const LANGS: [(&str, A); 18] = [
            ("en", A::English),
            ("ar", A::Arabic),
            ("da", A::Danish),
            ("nl", A::Dutch),
            ("fi", A::Finnish),
            ("fr", A::French),
            ("de", A::German),
            ("el", A::Greek),
            ("hu", A::Hungarian),
            ("it", A::Italian),
            ("no", A::Norwegian),
            ("pt", A::Portuguese),
            ("ro", A::Romanian),
            ("ru", A::Russian),
            ("es", A::Spanish),
            ("sv", A::Swedish),
            ("ta", A::Tamil),
            ("tr", A::Turkish),
        ];
        let code = self.raw.language.trim().to_lowercase();
        match LANGS.iter().find(|(c, _)| *c == code) {
            Some((c, a)) => Language {
                code: c,
                stemmer: *a,
            },
            None => {
                let codes: Vec<&str> = LANGS.iter().map(|(c, _)| *c).collect();
                self.push(
                    Problem::new(
                        Code::UnknownLanguage,
                        Path::root().field("language"),
                        format!("unknown language `{}`", self.raw.language),
                    )
                    .label("no stemmer for this language")
                    .hint(format!("use one of: {}", codes.join(", "))),
                );
                Language {
                    code: "en",
                    stemmer: A::English,
                }
            }
        }
    }

    fn customer(&mut self) -> Customer {
        let c = &self.raw.customer;
        let path = Path::root().field("customer");
        if c.name.is_empty() {
            self.push(
                Problem::new(Code::EmptyText, path.field("name"), "the customer has no name")
                    .label("empty list")
                    .hint("give at least one name, e.g. `name: [\"Margaret\"]`; several names are drawn from per play"),
            );
        }
        for (i, n) in c.name.iter().enumerate() {
            self.non_empty(n, path.field("name").index(i), "the customer's name");
        }
        self.range(
            i64::from(c.patience_secs),
            1,
            3600,
            path.field("patience_secs"),
            "patience_secs",
        );
        Customer {
            names: c.name.clone(),
            details: self.text(&c.details, path.field("details"), None),
            traits: c.traits.clone(),
            mood: c.mood.value(),
            patience_secs: c.patience_secs,
        }
    }

    fn audience(&mut self) -> Option<Audience> {
        let a = self.raw.audience.as_ref()?;
        let path = Path::root().field("audience");
        if !self.raw.channel.is_public() {
            self.push(
                Problem::new(
                    Code::AudienceOnPrivateChannel,
                    path.clone(),
                    format!(
                        "{:?} is a private channel, so nobody is watching",
                        self.raw.channel
                    ),
                )
                .at_key()
                .label("audience on a private channel")
                .hint("remove `audience`, or use channel `SocialPost` or `ReviewSite`"),
            );
        }
        self.non_empty(&a.name, path.field("name"), "the audience's name");
        self.range(
            i64::from(a.sentiment),
            -100,
            100,
            path.field("sentiment"),
            "sentiment",
        );
        Some(Audience {
            name: a.name.clone(),
            size: a.size,
            sentiment: a.sentiment,
        })
    }

    fn time(&mut self, s: &str, path: Path) -> u32 {
        parse_time_of_day(s).unwrap_or_else(|| {
            self.push(
                Problem::new(Code::BadTime, path, format!("`{s}` is not a time of day"))
                    .label("expected HH:MM")
                    .hint("write 24-hour time with a colon, e.g. \"17:05\""),
            );
            0
        })
    }

    fn clock(&mut self) -> Clock {
        let Some(c) = &self.raw.clock else {
            return Clock::default();
        };
        let path = Path::root().field("clock");
        let start = SimTime::at(c.day, self.time(&c.time, path.field("time")));
        let hours = match (&c.opens, &c.closes) {
            (Some(o), Some(cl)) => {
                let opens = self.time(o, path.field("opens"));
                let closes = self.time(cl, path.field("closes"));
                if closes <= opens {
                    self.push(
                        Problem::new(Code::BadTime, path.field("closes"), "closing time is not after opening time")
                            .label("closes before it opens")
                            .hint("opening hours run within one day, e.g. opens: \"09:00\", closes: \"17:30\""),
                    );
                }
                let mut days = [false; 7];
                for d in &c.open_days {
                    days[d.index()] = true;
                }
                Some(OpeningHours {
                    opens,
                    closes,
                    days,
                })
            }
            (None, None) => None,
            (Some(_), None) | (None, Some(_)) => {
                let missing = if c.opens.is_none() { "opens" } else { "closes" };
                self.push(
                    Problem::new(
                        Code::BadTime,
                        path.clone(),
                        format!("opening hours without `{missing}`"),
                    )
                    .label("half of the opening hours")
                    .hint("give both `opens` and `closes`, or neither"),
                );
                None
            }
        };
        Clock { start, hours }
    }

    fn vars_table(&mut self) -> Vec<Var> {
        let mut seen = HashSet::new();
        let raw = self.raw;
        raw.vars
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let path = Path::root().field("vars").index(i);
                if v.id == "name" || !seen.insert(v.id.as_str()) {
                    self.push(
                        Problem::new(
                            Code::DuplicateId,
                            path.field("id"),
                            format!("persona pool `{}` is defined twice", v.id),
                        )
                        .label("duplicate")
                        .hint("`name` is the customer's name; give every pool its own id"),
                    );
                }
                if v.values.is_empty() {
                    self.push(
                        Problem::new(
                            Code::EmptyText,
                            path.field("values"),
                            format!("persona pool `{}` has no values", v.id),
                        )
                        .label("empty list")
                        .hint("list at least one value to draw from"),
                    );
                }
                Var {
                    key: v.id.clone(),
                    values: v.values.clone(),
                }
            })
            .collect()
    }

    fn duplicate(&mut self, what: &str, key: &str, path: Path) {
        self.push(
            Problem::new(Code::DuplicateId, path, format!("{what} `{key}` is defined twice"))
                .label("second definition")
                .hint("ids must be unique within a scenario (beats and endings share one namespace); rename one"),
        );
    }

    fn index_nodes(&mut self) {
        let raw = self.raw;
        for (i, b) in raw.beats.iter().enumerate() {
            let path = Path::root().field("beats").index(i).field("id");
            self.non_empty(&b.id, path.clone(), "the beat id");
            if self.beats.insert(&b.id, BeatId(i as u32)).is_some() {
                self.duplicate("beat", &b.id, path);
            }
        }
        for (i, e) in raw.endings.iter().enumerate() {
            let path = Path::root().field("endings").index(i).field("id");
            self.non_empty(&e.id, path.clone(), "the ending id");
            if self.beats.contains_key(e.id.as_str())
                || self.endings.insert(&e.id, EndingId(i as u32)).is_some()
            {
                self.duplicate("ending", &e.id, path);
            }
        }
    }

    fn promises_table(&mut self) -> Vec<Promise> {
        let raw = self.raw;
        raw.promises
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = Path::root().field("promises").index(i);
                if self.promises.insert(&p.id, PromiseId(i as u32)).is_some() {
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

    fn rubrics_table(&mut self) -> Vec<crate::model::Rubric> {
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
            if r.id == "default" || self.rubrics.insert(&r.id, RubricId(i as u32 + 1)).is_some() {
                self.duplicate("rubric", &r.id, path.field("id"));
            }
            let base = r.include_defaults.then(default_rubric);
            let resolved = crate::resolve_rubric::rubric(self, r, base, path);
            out.push(resolved);
        }
        out
    }

    fn scoring(&mut self) -> Scoring {
        let s = &self.raw.scoring;
        let path = Path::root().field("scoring");
        let w = s.weights;
        for (name, v) in [
            ("speed", w.speed),
            ("empathy", w.empathy),
            ("follow_through", w.follow_through),
        ] {
            if !(0.0..=10.0).contains(&v) {
                self.push(
                    Problem::new(Code::OutOfRange, path.field("weights").field(name), format!("weight {v} is outside 0..=10"))
                        .label("out of range")
                        .hint("weights are relative: 1.0 each counts the dimensions equally; 0 leaves one out of the overall score"),
                );
            }
        }
        if w.speed + w.empathy + w.follow_through <= 0.0 {
            self.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field("weights"),
                    "every weight is zero, so there is no overall score",
                )
                .label("all zero")
                .hint("give at least one dimension a weight above 0"),
            );
        }
        let p = s.pass;
        let b = s.baseline;
        for (group, vals) in [
            (
                "pass",
                [
                    ("overall", p.overall),
                    ("speed", p.speed),
                    ("empathy", p.empathy),
                    ("follow_through", p.follow_through),
                ],
            ),
            (
                "baseline",
                [
                    ("speed", b.speed),
                    ("empathy", b.empathy),
                    ("follow_through", b.follow_through),
                    ("", 0),
                ],
            ),
        ] {
            for (name, v) in vals.into_iter().filter(|(n, _)| !n.is_empty()) {
                self.range(
                    i64::from(v),
                    0,
                    100,
                    path.field(group).field(name),
                    &format!("{group}.{name}"),
                );
            }
        }
        self.range(
            i64::from(s.target_secs),
            1,
            3600,
            path.field("target_secs"),
            "target_secs",
        );
        self.range(
            i64::from(s.max_late_points),
            0,
            100,
            path.field("max_late_points"),
            "max_late_points",
        );
        self.range(
            i64::from(s.max_delay_points),
            0,
            100,
            path.field("max_delay_points"),
            "max_delay_points",
        );
        for (name, v) in [
            ("promise_kept", s.promise_kept),
            ("promise_broken", s.promise_broken),
            ("promise_open_at_end", s.promise_open_at_end),
        ] {
            self.range(i64::from(v), -100, 100, path.field(name), name);
        }
        Scoring {
            weights: PerDimension {
                speed: w.speed,
                empathy: w.empathy,
                follow_through: w.follow_through,
            },
            pass_overall: p.overall,
            pass: PerDimension {
                speed: p.speed,
                empathy: p.empathy,
                follow_through: p.follow_through,
            },
            baseline: PerDimension {
                speed: b.speed,
                empathy: b.empathy,
                follow_through: b.follow_through,
            },
            late_points_per_sec: s.late_points_per_sec,
            max_late_points: s.max_late_points,
            delay_points_per_hour: s.delay_points_per_hour,
            max_delay_points: s.max_delay_points,
            promise_kept: s.promise_kept,
            promise_broken: s.promise_broken,
            promise_open_at_end: s.promise_open_at_end,
        }
    }

    fn endings_table(&mut self) -> Vec<Ending> {
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

    fn start(&mut self) -> BeatId {
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

    /// Interns a flag name.
    pub fn flag(&mut self, name: &str) -> FlagId {
        if let Some(id) = self.flag_ids.get(name) {
            return *id;
        }
        let id = FlagId(self.flags.len() as u32);
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
