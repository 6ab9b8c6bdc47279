//! Resolving the scenario-wide tables: language, customer, audience, clock, pools, ids, promises,
//! rubrics, scoring, endings and the start beat.

use std::collections::HashSet;

use crate::clock::{Clock, OpeningHours, SimTime, parse_time_of_day};
use crate::diagnostic::{Code, Problem};
use crate::ids::{BeatId, EndingId, PromiseId, RubricId};
use crate::model::{Audience, Customer, Ending, Language, PerDimension, Promise, Scoring, Var};
use crate::path::Path;
use crate::pronouns::{Pronouns, split_name};
use crate::resolve::{Ctx, default_ending_effects, default_rubric};
use crate::suggest::did_you_mean;

impl Ctx<'_> {
    pub(crate) fn language(&mut self) -> Language {
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

    pub(crate) fn customer(&mut self) -> Customer {
        let c = &self.raw.customer;
        let path = Path::root().field("customer");
        if c.name.is_empty() {
            self.push(
                Problem::new(Code::EmptyText, path.field("name"), "the customer has no name")
                    .label("empty list")
                    .hint("give at least one name, e.g. `name: [\"Margaret\"]`; several names are drawn from per play"),
            );
        }
        let mut names = Vec::with_capacity(c.name.len());
        let mut pronouns = Vec::with_capacity(c.name.len());
        for (i, n) in c.name.iter().enumerate() {
            self.non_empty(n, path.field("name").index(i), "the customer's name");
            let (name, p) = split_name(n).unwrap_or_else(|written| {
                self.push(
                    Problem::new(
                        Code::UnknownPronouns,
                        path.field("name").index(i),
                        format!("`{written}` names no pronouns"),
                    )
                    .label("unknown pronouns")
                    .hint("write the pronouns after the name as (she), (he) or (they), e.g. \"Kwame (he)\""),
                );
                (n.trim().to_owned(), Pronouns::They)
            });
            names.push(name);
            pronouns.push(p);
        }
        self.range(
            i64::from(c.patience_secs),
            1,
            3600,
            path.field("patience_secs"),
            "patience_secs",
        );
        Customer {
            names,
            pronouns,
            details: self.text(&c.details, path.field("details"), None),
            traits: c.traits.clone(),
            mood: c.mood.value(),
            patience_secs: c.patience_secs,
        }
    }

    pub(crate) fn audience(&mut self) -> Option<Audience> {
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

    pub(crate) fn time(&mut self, s: &str, path: Path) -> u32 {
        parse_time_of_day(s).unwrap_or_else(|| {
            self.push(
                Problem::new(Code::BadTime, path, format!("`{s}` is not a time of day"))
                    .label("expected HH:MM")
                    .hint("write 24-hour time with a colon, e.g. \"17:05\""),
            );
            0
        })
    }

    pub(crate) fn clock(&mut self) -> Clock {
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

    pub(crate) fn vars_table(&mut self) -> Vec<Var> {
        let mut seen = HashSet::new();
        let raw = self.raw;
        raw.vars
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let path = Path::root().field("vars").index(i);
                if v.id == "name" || v.id == "first_name" || !seen.insert(v.id.as_str()) {
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

    pub(crate) fn scoring(&mut self) -> Scoring {
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
            ("public_loop_closed", s.public_loop_closed),
            ("public_loop_open", s.public_loop_open),
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
            public_loop_closed: s.public_loop_closed,
            public_loop_open: s.public_loop_open,
        }
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
