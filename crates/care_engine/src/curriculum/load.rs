//! Loading curriculum files: the same file checks and file:line:column diagnostics as scenarios,
//! plus that each step plays exactly one known scenario or shift, prerequisites name earlier
//! steps, and pass marks are scores.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Problem};
use crate::load::{FileOutcome, load_resolved};
use crate::model::{PerDimension, Scenario};
use crate::path::Path;
use crate::shift::Shift;
use crate::suggest::did_you_mean;

use super::model::{Activity, Curriculum, Step, StepId};
use super::raw::RawCurriculum;

/// File name ending of curriculum files.
pub const CURRICULUM_SUFFIX: &str = ".curriculum.ron";
const DEFAULT_PASS: i32 = 60;
const SHIFT_MINUTES: u32 = 10;

/// Loads one curriculum; its steps are looked up among `scenarios` and `shifts` by id.
pub fn load_curriculum_bytes(
    file: &str,
    bytes: &[u8],
    scenarios: &[Arc<Scenario>],
    shifts: &[Arc<Shift>],
) -> FileOutcome<Curriculum> {
    load_resolved(file, bytes, "curriculum", |raw: &RawCurriculum, hash| {
        resolve(raw, scenarios, shifts, hash)
    })
}

fn resolve(
    raw: &RawCurriculum,
    scenarios: &[Arc<Scenario>],
    shifts: &[Arc<Shift>],
    content_hash: String,
) -> (Option<Curriculum>, Vec<Problem>) {
    let root = Path::root();
    let mut problems = Vec::new();
    for (field, value) in [("id", &raw.id), ("title", &raw.title)] {
        if value.trim().is_empty() {
            problems.push(Problem::new(
                Code::EmptyText,
                root.field(field),
                format!("`{field}` is empty"),
            ));
        }
    }
    if raw.steps.is_empty() {
        problems.push(
            Problem::new(
                Code::MissingField,
                root.field("steps"),
                "the curriculum has no steps",
            )
            .hint("add steps: (id: \"hello\", scenario: \"nobody-said-hello\")"),
        );
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in raw.steps.iter().enumerate() {
        if index.insert(s.id.as_str(), i).is_some() {
            problems.push(
                Problem::new(
                    Code::DuplicateId,
                    root.field("steps").index(i).field("id"),
                    format!("two steps have the id `{}`", s.id),
                )
                .hint("give each step its own id"),
            );
        }
    }
    let scenario_ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
    let shift_ids: Vec<&str> = shifts.iter().map(|s| s.id.as_str()).collect();
    let step_ids: Vec<&str> = raw.steps.iter().map(|s| s.id.as_str()).collect();
    let mut steps = Vec::new();
    for (i, s) in raw.steps.iter().enumerate() {
        let path = root.field("steps").index(i);
        let activity = match (&s.scenario, &s.shift) {
            (Some(id), None) => match scenarios.iter().find(|x| &x.id == id) {
                Some(x) => Some(Activity::Scenario(Arc::clone(x))),
                None => {
                    problems.push(
                        Problem::new(
                            Code::UnknownReference,
                            path.field("scenario"),
                            format!("no scenario has the id `{id}`"),
                        )
                        .label("unknown scenario")
                        .hint_opt(did_you_mean(id, scenario_ids.iter().copied())),
                    );
                    None
                }
            },
            (None, Some(id)) => match shifts.iter().find(|x| &x.id == id) {
                Some(x) => Some(Activity::Shift(Arc::clone(x))),
                None => {
                    problems.push(
                        Problem::new(
                            Code::UnknownReference,
                            path.field("shift"),
                            format!("no shift has the id `{id}`"),
                        )
                        .label("unknown shift")
                        .hint_opt(did_you_mean(id, shift_ids.iter().copied())),
                    );
                    None
                }
            },
            _ => {
                problems.push(
                    Problem::new(
                        Code::ConflictingSteps,
                        path.clone(),
                        format!("step `{}` must play one scenario or one shift", s.id),
                    )
                    .hint(
                        "write either `scenario: \"ID\"` or `shift: \"ID\"`, not both or neither",
                    ),
                );
                None
            }
        };
        if let (Some(level), Some(Activity::Scenario(x))) = (s.level, &activity)
            && x.difficulty < level
        {
            problems.push(
                Problem::new(
                    Code::OutOfRange,
                    path.field("level"),
                    format!(
                        "step `{}` requires {} but `{}` is {}",
                        s.id,
                        crate::texts::difficulty(level),
                        x.id,
                        crate::texts::difficulty(x.difficulty)
                    ),
                )
                .label("level not met")
                .hint("choose a scenario of this level, or lower the step's `level`"),
            );
        }
        let pass = s.pass.map_or(
            PerDimension {
                speed: DEFAULT_PASS,
                empathy: DEFAULT_PASS,
                follow_through: DEFAULT_PASS,
            },
            |p| PerDimension {
                speed: p.speed,
                empathy: p.empathy,
                follow_through: p.follow_through,
            },
        );
        for (name, v) in [
            ("speed", pass.speed),
            ("empathy", pass.empathy),
            ("follow_through", pass.follow_through),
        ] {
            if !(0..=100).contains(&v) {
                problems.push(
                    Problem::new(
                        Code::OutOfRange,
                        path.field("pass").field(name),
                        format!("a pass mark of {v}; scores run from 0 to 100"),
                    )
                    .hint("60 is usual"),
                );
            }
        }
        let mut requires = Vec::new();
        for (k, r) in s.requires.iter().enumerate() {
            match index.get(r.as_str()) {
                Some(&j) if j < i => requires.push(StepId(j)),
                Some(_) => problems.push(
                    Problem::new(
                        Code::EndlessCycle,
                        path.field("requires").index(k),
                        format!("step `{}` requires `{r}`, which comes after it", s.id),
                    )
                    .hint(
                        "list steps in the order they unlock: a step may only require earlier ones",
                    ),
                ),
                None => problems.push(
                    Problem::new(
                        Code::UnknownReference,
                        path.field("requires").index(k),
                        format!("no step has the id `{r}`"),
                    )
                    .hint_opt(did_you_mean(r, step_ids.iter().copied())),
                ),
            }
        }
        if let Some(activity) = activity {
            let minutes = s.minutes.unwrap_or(match &activity {
                Activity::Scenario(x) => x.minutes,
                Activity::Shift(_) => SHIFT_MINUTES,
            });
            steps.push(Step {
                key: s.id.clone(),
                activity,
                minutes,
                pass,
                requires,
            });
        }
    }
    let curriculum = Curriculum {
        id: crate::names::CurriculumId::new(raw.id.clone()),
        title: raw.title.clone(),
        summary: raw.summary.clone(),
        steps,
        content_hash,
    };
    (Some(curriculum), problems)
}

/// Every curriculum under some paths, with every problem found.
#[derive(Debug, Default)]
pub struct CurriculumReport {
    pub curricula: Vec<Arc<Curriculum>>,
    /// The file each curriculum came from, in the order of `curricula`.
    pub origins: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: HashMap<String, String>,
    pub files: usize,
}

/// Loads every `*.curriculum.ron` under `paths` against `scenarios` and `shifts`.
pub fn load_curriculum_paths(
    paths: &[PathBuf],
    scenarios: &[Arc<Scenario>],
    shifts: &[Arc<Shift>],
) -> CurriculumReport {
    let mut report = CurriculumReport::default();
    let files = crate::load::discover_suffix(paths, CURRICULUM_SUFFIX);
    report.files = files.len();
    let loaded = crate::load::load_each(
        &files,
        |name, bytes| load_curriculum_bytes(name, bytes, scenarios, shifts),
        &mut report.diagnostics,
        &mut report.sources,
    );
    (report.origins, report.curricula) = loaded
        .into_iter()
        .map(|(file, c)| (file, Arc::new(c)))
        .unzip();
    report
}
