//! Resolving beats: responses, typed replies, timeouts, conditions and references to other nodes.

use crate::clock::parse_delay;
use crate::diagnostic::{Code, Problem};
use crate::ids::{BeatId, NodeId, PromiseId, RubricId};
use crate::model::{Beat, Branch, Cond, Customer, Reaction, Response, Step, Typed};
use crate::path::Path;
use crate::raw::{RawBeat, RawBranch, RawCond, RawEffects, RawStep};
use crate::resolve::Ctx;
use crate::suggest::did_you_mean;

/// Most responses a beat can offer: the trainee picks them with keys 1 to 9.
pub const MAX_RESPONSES: usize = 9;

/// The fields every kind of step shares, borrowed from whichever raw type holds them.
struct StepFields<'a> {
    narration: &'a str,
    effects: &'a RawEffects,
    delay: Option<&'a str>,
    makes: &'a [String],
    keeps: &'a [String],
    breaks: &'a [String],
    set: &'a [String],
    clear: &'a [String],
    feedback: &'a str,
    next: &'a str,
    branches: &'a [RawBranch],
}

impl<'a> From<&'a RawStep> for StepFields<'a> {
    fn from(s: &'a RawStep) -> Self {
        StepFields {
            narration: &s.narration,
            effects: &s.effects,
            delay: s.delay.as_deref(),
            makes: &[],
            keeps: &s.keeps,
            breaks: &s.breaks,
            set: &s.set,
            clear: &s.clear,
            feedback: &s.feedback,
            next: &s.next,
            branches: &s.branches,
        }
    }
}

impl Ctx<'_> {
    pub(crate) fn beat(&mut self, b: &RawBeat, path: Path, customer: &Customer) -> Beat {
        if b.narration.trim().is_empty() && b.says.trim().is_empty() {
            self.push(
                Problem::new(
                    Code::EmptyText,
                    path.field("id"),
                    format!("beat `{}` shows nothing", b.id),
                )
                .label("no `says` and no `narration`")
                .hint("write what the customer says (`says`) or what happens (`narration`)"),
            );
        }
        if !b.audience.is_empty() && !self.raw.channel.is_public() {
            self.push(
                Problem::new(
                    Code::AudienceOnPrivateChannel,
                    path.field("audience"),
                    "onlookers react on a private channel",
                )
                .at_key()
                .label("nobody is watching here")
                .hint("remove the audience lines, or use channel `SocialPost` or `ReviewSite`"),
            );
        }
        let audience = b
            .audience
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = path.field("audience").index(i);
                Reaction {
                    who: self.text(&r.who, p.field("who"), Some("the onlooker's name")),
                    says: self.text(&r.says, p.field("says"), Some("the onlooker's line")),
                    when: r.when.as_ref().map(|c| self.cond(c, p.field("when"))),
                }
            })
            .collect();
        let target_secs = b.target_secs.unwrap_or(self.raw.scoring.target_secs);
        let wait_secs = b.wait_secs.unwrap_or(customer.patience_secs);
        self.range(
            i64::from(target_secs),
            1,
            3600,
            path.field("target_secs"),
            "target_secs",
        );
        self.range(
            i64::from(wait_secs),
            1,
            3600,
            path.field("wait_secs"),
            "wait_secs",
        );
        if wait_secs < target_secs {
            self.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field(if b.wait_secs.is_some() { "wait_secs" } else { "target_secs" }),
                    format!("the customer waits {wait_secs} s but the answer is due in {target_secs} s"),
                )
                .label("wait shorter than target")
                .hint("make `wait_secs` (or the customer's `patience_secs`) at least as long as `target_secs`"),
            );
        }
        if b.responses.len() > MAX_RESPONSES {
            self.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field("responses").index(MAX_RESPONSES),
                    format!(
                        "beat `{}` offers {} responses; at most {MAX_RESPONSES} fit the keys 1-9",
                        b.id,
                        b.responses.len()
                    ),
                )
                .label("one too many")
                .hint("split the choice over two beats, or drop the weakest options"),
            );
        }
        let responses = b
            .responses
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = path.field("responses").index(i);
                let fields = StepFields {
                    narration: "",
                    effects: &r.effects,
                    delay: r.delay.as_deref(),
                    makes: &r.makes,
                    keeps: &r.keeps,
                    breaks: &r.breaks,
                    set: &r.set,
                    clear: &r.clear,
                    feedback: &r.feedback,
                    next: &r.next,
                    branches: &r.branches,
                };
                Response {
                    text: self.text(&r.text, p.field("text"), Some("the response text")),
                    pin: r.pin,
                    when: r.when.as_ref().map(|c| self.cond(c, p.field("when"))),
                    step: self.step(fields, &p),
                }
            })
            .collect();
        let typed = b.typed.as_ref().map(|t| {
            let p = path.field("typed");
            let rubric = match &t.rubric {
                None => RubricId(0),
                Some(key) => self.rubrics.get(key.as_str()).copied().unwrap_or_else(|| {
                    let hint = did_you_mean(key, self.rubrics.keys().copied())
                        .unwrap_or_else(|| "define it under `rubrics`, or leave `rubric` out to use the built-in one".into());
                    self.push(
                        Problem::new(Code::UnknownReference, p.field("rubric"), format!("unknown rubric `{key}`"))
                            .label("no rubric has this id")
                            .hint(hint),
                    );
                    RubricId(0)
                }),
            };
            self.range(i64::from(t.max_chars), 20, 5000, p.field("max_chars"), "max_chars");
            let fields = StepFields {
                narration: "",
                effects: &t.effects,
                delay: t.delay.as_deref(),
                makes: &t.makes,
                keeps: &t.keeps,
                breaks: &t.breaks,
                set: &t.set,
                clear: &t.clear,
                feedback: &t.feedback,
                next: &t.next,
                branches: &t.branches,
            };
            Typed {
                prompt: self.text(&t.prompt, p.field("prompt"), Some("the typed reply's prompt")),
                rubric,
                max_chars: t.max_chars,
                step: self.step(fields, &p),
            }
        });
        let awaits = !b.responses.is_empty() || b.typed.is_some();
        self.check_step_kinds(b, &path, awaits);
        let on_timeout = b
            .on_timeout
            .as_ref()
            .map(|s| self.step(s.into(), &path.field("on_timeout")));
        let then = b
            .then
            .as_ref()
            .map(|s| self.step(s.into(), &path.field("then")));
        Beat {
            key: b.id.clone(),
            narration: self.text(&b.narration, path.field("narration"), None),
            says: self.text(&b.says, path.field("says"), None),
            audience,
            keeps: self.promise_refs(&b.keeps, &path, "keeps"),
            breaks: self.promise_refs(&b.breaks, &path, "breaks"),
            target_secs,
            wait_secs,
            responses,
            typed,
            on_timeout,
            then,
        }
    }

    fn check_step_kinds(&mut self, b: &RawBeat, path: &Path, awaits: bool) {
        let id = &b.id;
        if awaits && b.on_timeout.is_none() {
            self.push(
                Problem::new(Code::MissingTimeout, path.field("id"), format!("beat `{id}` has no `on_timeout`"))
                    .label("what if nobody answers?")
                    .hint("add `on_timeout: (narration: \"…\", next: \"…\")`: doing nothing is a choice the trainee can make"),
            );
        }
        if awaits && b.then.is_some() {
            self.push(
                Problem::new(
                    Code::ConflictingSteps,
                    path.field("then"),
                    format!("beat `{id}` has both answers and `then`"),
                )
                .at_key()
                .label("`then` would never run")
                .hint("`then` is for beats with nothing to answer; remove it or the responses"),
            );
        }
        if !awaits && b.then.is_none() {
            self.push(
                Problem::new(Code::DeadEnd, path.field("id"), format!("beat `{id}` has nothing to answer and no `then`"))
                    .label("the story stops here")
                    .hint("add `responses`, a `typed` reply, or `then: (next: \"…\")` to carry on; to finish, point at an ending"),
            );
        }
        if !awaits && b.on_timeout.is_some() {
            self.push(
                Problem::new(
                    Code::ConflictingSteps,
                    path.field("on_timeout"),
                    format!("beat `{id}` has `on_timeout` but nothing to answer"),
                )
                .at_key()
                .label("nothing to wait for")
                .hint("use `then` for a beat that moves on by itself"),
            );
        }
    }

    fn step(&mut self, f: StepFields<'_>, path: &Path) -> Step {
        let delay_minutes = match f.delay {
            None => 0,
            Some(d) => parse_delay(d).unwrap_or_else(|e| {
                self.push(
                    Problem::new(
                        Code::BadDelay,
                        path.field("delay"),
                        if e.starts_with("expected number") {
                            // humantime's "expected number at 0" means nothing to a trainer.
                            format!("`{d}` is not a delay")
                        } else {
                            format!("`{d}` is not a delay: {e}")
                        },
                    )
                    .label("not a duration")
                    .hint("write a duration such as \"45m\", \"2h\" or \"2days 15h\""),
                );
                0
            }),
        };
        let set = f.set.iter().map(|s| self.flag(s)).collect::<Vec<_>>();
        self.flags_set.extend(set.iter().copied());
        Step {
            narration: self.text(f.narration, path.field("narration"), None),
            effects: self.effects(f.effects, path.field("effects")),
            delay_minutes,
            makes: self.promise_refs(f.makes, path, "makes"),
            keeps: self.promise_refs(f.keeps, path, "keeps"),
            breaks: self.promise_refs(f.breaks, path, "breaks"),
            set,
            clear: f.clear.iter().map(|s| self.flag(s)).collect(),
            feedback: self.text(f.feedback, path.field("feedback"), None),
            next: self.node(f.next, path, "next"),
            branches: f
                .branches
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let p = path.field("branches").index(i);
                    Branch {
                        when: self.cond(&b.when, p.field("when")),
                        next: self.node(&b.next, &p, "next"),
                    }
                })
                .collect(),
        }
    }

    /// The node `key` names; `at.field` is where the reference stands, built only for a problem.
    fn node(&mut self, key: &str, at: &Path, field: &str) -> NodeId {
        if let Some(b) = self.beats.get(key) {
            return NodeId::Beat(*b);
        }
        if let Some(e) = self.endings.get(key) {
            return NodeId::Ending(*e);
        }
        let path = at.field(field);
        let known = self.beats.keys().chain(self.endings.keys()).copied();
        let hint = did_you_mean(key, known.clone().collect::<Vec<_>>()).unwrap_or_else(|| {
            "point `next` at the id of a beat or an ending defined in this file".into()
        });
        self.push(
            Problem::new(
                Code::UnknownBeat,
                path,
                format!("no beat or ending is called `{key}`"),
            )
            .label("unknown id")
            .hint(hint),
        );
        NodeId::Beat(BeatId(0))
    }

    /// The promises `keys` name, from the list `at.field`; paths are built only for problems.
    fn promise_refs(&mut self, keys: &[String], at: &Path, field: &str) -> Vec<PromiseId> {
        keys.iter()
            .enumerate()
            .filter_map(|(i, k)| match self.promises.get(k.as_str()) {
                Some(id) => Some(*id),
                None => self.promise_ref(k, at.field(field).index(i)),
            })
            .collect()
    }

    fn promise_ref(&mut self, key: &str, path: Path) -> Option<PromiseId> {
        let found = self.promises.get(key).copied();
        if found.is_none() {
            let hint = did_you_mean(key, self.promises.keys().copied()).unwrap_or_else(|| {
                "declare it under `promises: [(id: \"…\", text: \"…\")]`".into()
            });
            self.push(
                Problem::new(
                    Code::UnknownReference,
                    path,
                    format!("unknown promise `{key}`"),
                )
                .label("no promise has this id")
                .hint(hint),
            );
        }
        found
    }

    pub(crate) fn cond(&mut self, c: &RawCond, path: Path) -> Cond {
        match c {
            RawCond::MoodAtLeast(v) => Cond::MoodAtLeast(*v),
            RawCond::MoodBelow(v) => Cond::MoodBelow(*v),
            RawCond::AudienceAtLeast(v) => Cond::AudienceAtLeast(*v),
            RawCond::AudienceBelow(v) => Cond::AudienceBelow(*v),
            RawCond::Flag(f) | RawCond::NotFlag(f) => {
                let id = self.flag(f);
                self.flags_tested.push((id, path));
                if matches!(c, RawCond::Flag(_)) {
                    Cond::Flag(id)
                } else {
                    Cond::NotFlag(id)
                }
            }
            RawCond::PromiseOpen(p) => match self.promise_ref(p, path) {
                Some(id) => Cond::PromiseOpen(id),
                None => Cond::AnyPromiseOpen,
            },
            RawCond::AnyPromiseOpen => Cond::AnyPromiseOpen,
            RawCond::NoPromiseOpen => Cond::NoPromiseOpen,
            RawCond::OpenHours => Cond::OpenHours,
            RawCond::OutsideHours => Cond::OutsideHours,
            RawCond::ReplyAtLeast(v) => Cond::ReplyAtLeast(*v),
            RawCond::Met(key) => {
                if !self.criteria.contains(key.as_str()) {
                    let hint = did_you_mean(key, self.criteria.iter().map(String::as_str))
                        .unwrap_or_else(|| {
                            "name the `id` of an entry of the typed moment's rubric".into()
                        });
                    self.push(
                        Problem::new(
                            Code::UnknownReference,
                            path,
                            format!("no rubric entry is called `{key}`"),
                        )
                        .label("unknown rubric entry")
                        .hint(hint),
                    );
                }
                Cond::Met(key.clone())
            }
            RawCond::All(list) => Cond::All(
                list.iter()
                    .enumerate()
                    .map(|(i, c)| self.cond(c, path.index(i)))
                    .collect(),
            ),
            RawCond::Any(list) => Cond::Any(
                list.iter()
                    .enumerate()
                    .map(|(i, c)| self.cond(c, path.index(i)))
                    .collect(),
            ),
            RawCond::Not(inner) => Cond::Not(Box::new(self.cond(inner, path.index(0)))),
        }
    }
}
