//! Onboarding in the game: the curricula beside the scenarios, the signed-in trainee's training
//! (sessions they are in and curricula assigned to them, with each step passed, open or
//! locked), completion (recorded once, with its learning record) and the certificate.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use care_certificate::{Certificate, certificate_pdf};
use care_engine::curriculum::{
    Curriculum, StepResult, StepStatus, completed_at, load_curriculum_paths, progress,
};
use care_engine::last_good::LastGood;
use care_engine::{CurriculumId, Diagnostic};
use care_store::{Assignment, Employee, Timestamp, TraineeView, TrainingSession, step_result};
use care_xapi::Profile;

use super::AppSystems;
use super::Screen;
use super::id_index::IdIndex;
use super::learning_records::LearningRecords;
use super::library::{ScenarioFolder, ScenarioLibrary, still_there};
use super::persistence::Persistence;
use super::progress::SignedIn;
use super::shifts::ShiftLibrary;

/// Curricula found in the scenarios folder (`*.curriculum.ron`). A curriculum file whose edit
/// breaks it keeps its last good version; its problems are listed.
#[derive(Resource, Default)]
pub struct Curricula {
    pub list: Vec<Arc<Curriculum>>,
    pub problems: Vec<Diagnostic>,
    files: LastGood<Curriculum>,
    /// Where each id sits in `list`, rebuilt with it.
    index: IdIndex<CurriculumId>,
}

impl Curricula {
    pub fn get(&self, id: &CurriculumId) -> Option<&Arc<Curriculum>> {
        self.index.position(id).map(|i| &self.list[i])
    }
}

/// Why a curriculum is on the trainee's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Because {
    Session(TrainingSession),
    Assigned(Assignment),
}

/// One curriculum the trainee works through.
#[derive(Debug, Clone)]
pub struct Training {
    pub curriculum: Arc<Curriculum>,
    pub because: Because,
    pub statuses: Vec<StepStatus>,
    pub completed: Option<Timestamp>,
    /// Assigned, past its due date and not completed (the store's rule, as the manager sees it).
    pub overdue: bool,
}

/// The signed-in trainee's training, assigned work first.
#[derive(Resource, Default)]
pub struct MyTraining {
    pub items: Vec<Training>,
    pub notice: Option<String>,
}

/// Write the certificate of a completed curriculum.
#[derive(Message, Debug, Clone)]
pub struct WriteCertificate(pub CurriculumId);

/// Where certificates are written (default: the documents folder).
#[derive(Resource, Debug, Clone)]
pub struct CertificateFolder(pub PathBuf);

impl Default for CertificateFolder {
    fn default() -> Self {
        CertificateFolder(care_store::default_export_dir())
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Curricula>();
    app.init_resource::<MyTraining>();
    app.init_resource::<CertificateFolder>();
    app.add_message::<WriteCertificate>();
    app.add_message::<TrainingRead>();
    app.add_message::<CertificateWritten>();
    app.add_systems(
        Update,
        (
            load_curricula
                .run_if(resource_changed::<ShiftLibrary>)
                .in_set(AppSystems::Update),
            write_certificates.in_set(AppSystems::RecordInput),
            (show_training, show_certificate).in_set(AppSystems::Update),
        ),
    );
    app.add_systems(OnEnter(Screen::Library), refresh_training);
    // A result that reaches the database after the library opened counts at once.
    app.add_systems(
        Update,
        refresh_training.in_set(AppSystems::Update).run_if(
            in_state(Screen::Library).and_eager(on_message::<super::save_worker::SaveReport>),
        ),
    );
}

fn load_curricula(
    folder: Res<ScenarioFolder>,
    library: Res<ScenarioLibrary>,
    shifts: Res<ShiftLibrary>,
    mut curricula: ResMut<Curricula>,
) {
    let report = load_curriculum_paths(
        std::slice::from_ref(&folder.0),
        &library.scenarios,
        &shifts.shifts,
    );
    let curricula = &mut *curricula;
    curricula.files.update(
        report.origins.into_iter().zip(report.curricula),
        &report.diagnostics,
        still_there,
    );
    curricula.problems = report.diagnostics;
    curricula.list = curricula.files.items().cloned().collect();
    curricula.index = IdIndex::build(&curricula.list, |c| &c.id);
}

/// The trainee's training from the store: sessions and assignments, each with its progress.
fn training_of(view: &TraineeView, curricula: &[Arc<Curriculum>]) -> Result<Vec<Training>, String> {
    let by_id: std::collections::HashMap<&CurriculumId, &Arc<Curriculum>> =
        curricula.iter().map(|c| (&c.id, c)).collect();
    let err = |e: care_store::StoreError| e.to_string();
    let completions = view.completions().map_err(err)?;
    let overdue = view.overdue(Timestamp::now()).map_err(err)?;
    let mut out = Vec::new();
    let mut because: Vec<(CurriculumId, Timestamp, Because)> = view
        .assignments()
        .map_err(err)?
        .into_iter()
        .map(|a| (a.curriculum_id.clone(), a.created, Because::Assigned(a)))
        .collect();
    because.extend(
        view.sessions()
            .map_err(err)?
            .into_iter()
            .map(|s| (s.curriculum_id.clone(), s.started, Because::Session(s))),
    );
    // One read of the plays serves every curriculum; each counts its own from its start.
    let earliest = because.iter().map(|(_, since, _)| *since).min();
    let plays: Vec<StepResult> = match earliest {
        Some(since) => view
            .plays(since)
            .map_err(err)?
            .iter()
            .map(step_result)
            .collect(),
        None => Vec::new(),
    };
    for (id, since, why) in because {
        let Some(curriculum) = by_id.get(&id) else {
            continue;
        };
        out.push(Training {
            overdue: matches!(why, Because::Assigned(_)) && overdue.contains(&id),
            statuses: progress(curriculum, &plays, since.0),
            curriculum: Arc::clone(curriculum),
            because: why,
            completed: completions
                .iter()
                .find(|(c, _)| *c == id)
                .map(|(_, at)| *at),
        });
    }
    Ok(out)
}

/// Records newly completed curricula once, with their learning record; says whether one was.
fn record_completions(
    items: &mut [Training],
    view: &TraineeView,
    profile: Option<&Profile>,
) -> (Option<String>, bool) {
    let mut notice = None;
    let mut recorded = false;
    for t in items.iter_mut() {
        if t.completed.is_some() {
            continue;
        }
        let Some(now) = completed_at(&t.statuses).map(Timestamp) else {
            continue;
        };
        let statements: Vec<_> = profile
            .iter()
            .map(|p| {
                care_xapi::records::curriculum_completed(
                    p,
                    view.employee().id,
                    &t.curriculum.id,
                    &t.curriculum.title,
                    &t.curriculum.summary,
                    now,
                )
            })
            .collect();
        match view.record_completion(&t.curriculum.id, now, &statements) {
            Ok(true) => {
                t.completed = Some(now);
                notice = Some(format!(
                    "You completed “{}”. Your certificate is ready.",
                    t.curriculum.title
                ));
                recorded = true;
            }
            // Already recorded (the same curriculum assigned and in a session): keep that date.
            Ok(false) => {
                t.completed = view.completions().ok().and_then(|done| {
                    done.into_iter()
                        .find(|(id, _)| *id == t.curriculum.id)
                        .map(|(_, at)| at)
                });
            }
            Err(e) => notice = Some(format!("Could not record your completion: {e}")),
        }
    }
    (notice, recorded)
}

/// The trainee's training as read (and completions recorded) on the worker.
#[derive(Message)]
struct TrainingRead {
    employee: care_store::EmployeeId,
    read: Result<(Vec<Training>, Option<String>, bool), String>,
}

fn refresh_training(
    signed: Option<Res<SignedIn>>,
    curricula: Res<Curricula>,
    records: Res<LearningRecords>,
    mut mine: ResMut<MyTraining>,
    mut worker: ResMut<Persistence>,
) {
    let Some(signed) = signed else {
        *mine = MyTraining::default();
        return;
    };
    let view = signed.view.clone();
    let curricula = curricula.list.clone();
    let profile = records.profile.clone();
    worker.send("reading your training", move || TrainingRead {
        employee: view.employee().id,
        read: training_of(&view, &curricula).map(|mut items| {
            let (notice, recorded) = record_completions(&mut items, &view, profile.as_ref());
            (items, notice, recorded)
        }),
    });
}

fn show_training(
    mut reads: MessageReader<TrainingRead>,
    signed: Option<Res<SignedIn>>,
    records: Res<LearningRecords>,
    mut mine: ResMut<MyTraining>,
) {
    for TrainingRead { employee, read } in reads.read() {
        if signed.as_ref().is_none_or(|s| s.employee().id != *employee) {
            continue;
        }
        *mine = match read {
            Ok((items, notice, recorded)) => {
                if *recorded {
                    records.wake(false);
                }
                MyTraining {
                    items: items.clone(),
                    notice: notice.clone(),
                }
            }
            Err(e) => MyTraining {
                items: Vec::new(),
                notice: Some(format!("Could not read your training: {e}")),
            },
        };
    }
}

/// The certificate for `training`, as PDF bytes.
pub fn certificate_for(training: &Training, employee: &Employee) -> Result<Vec<u8>, String> {
    let completed = training
        .completed
        .ok_or_else(|| "this curriculum is not completed yet".to_string())?;
    let steps = training
        .curriculum
        .steps
        .iter()
        .zip(&training.statuses)
        .map(|(s, st)| {
            let how = match st {
                StepStatus::Passed { tries: 1, .. } => "passed first time".to_string(),
                StepStatus::Passed { tries, .. } => format!("passed in {tries} tries"),
                _ => "not passed".to_string(),
            };
            (s.activity.title().to_string(), how)
        })
        .collect();
    let c = Certificate {
        name: employee.display_name.clone(),
        team: employee.team.clone(),
        curriculum: training.curriculum.title.clone(),
        completed: completed.date_words(),
        steps,
    };
    certificate_pdf(&c).map_err(|e| e.to_string())
}

/// A certificate written (or not), for the trainee.
#[derive(Message)]
struct CertificateWritten(String);

fn write_certificates(
    mut messages: MessageReader<WriteCertificate>,
    signed: Option<Res<SignedIn>>,
    folder: Res<CertificateFolder>,
    mine: Res<MyTraining>,
    mut worker: ResMut<Persistence>,
) {
    let Some(signed) = signed else { return };
    for WriteCertificate(id) in messages.read() {
        let Some(t) = mine.items.iter().find(|t| &t.curriculum.id == id) else {
            continue;
        };
        let name = format!("certificate-{id}-{}.pdf", signed.employee().display_name);
        let (t, employee, folder) = (t.clone(), signed.employee().clone(), folder.0.clone());
        worker.send("writing your certificate", move || {
            // Private to the trainee, written whole, never over an earlier certificate.
            let written = certificate_for(&t, &employee).and_then(|bytes| {
                care_store::files::write_private(&folder, &name, &bytes).map_err(|e| e.to_string())
            });
            CertificateWritten(match written {
                Ok(path) => format!("Certificate saved to {}", path.display()),
                Err(e) => format!(
                    "Could not save the certificate in {}: {e}",
                    folder.display()
                ),
            })
        });
    }
}

fn show_certificate(mut written: MessageReader<CertificateWritten>, mut mine: ResMut<MyTraining>) {
    for CertificateWritten(text) in written.read() {
        mine.notice = Some(text.clone());
    }
}
