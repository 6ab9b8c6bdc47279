//! The trainee's training at the top of the library: each curriculum from a session or an
//! assignment (with its due date, and "overdue" in words), its steps passed, open or locked, a
//! Play button on each open step, and the certificate once completed.

use std::sync::Arc;

use bevy_egui::egui;
use care_engine::curriculum::{Activity, StepStatus};

use crate::game::onboarding::{Because, MyTraining};

/// What the trainee asked for in the training section.
pub(super) enum TrainingAction {
    Scenario(Arc<care_engine::Scenario>),
    Shift(Arc<care_engine::shift::Shift>),
    Certificate(care_engine::CurriculumId),
}

fn status_words(s: StepStatus) -> String {
    match s {
        StepStatus::Locked => "locked: pass the steps before it".into(),
        StepStatus::Open { tries: 0, .. } => "open".into(),
        StepStatus::Open { tries, .. } => format!("open · {tries} tries so far, try again"),
        StepStatus::Passed { tries: 1, .. } => "✔ passed".into(),
        StepStatus::Passed { tries, .. } => format!("✔ passed in {tries} tries"),
    }
}

pub(super) fn show(ui: &mut egui::Ui, mine: &MyTraining) -> Option<TrainingAction> {
    if mine.items.is_empty() && mine.notice.is_none() {
        return None;
    }
    let mut action = None;
    ui.strong("Your training");
    if let Some(n) = &mine.notice {
        ui.label(egui::RichText::new(n).strong());
    }
    for t in &mine.items {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                ui.strong(&t.curriculum.title);
                match &t.because {
                    Because::Session(s) => {
                        ui.label(format!("· session “{}”", s.title));
                    }
                    Because::Assigned(a) => {
                        let due = format!("· due {}", a.due.date_words());
                        if t.overdue {
                            super::problem(ui, &format!("Overdue {due}"));
                        } else {
                            ui.label(due);
                        }
                    }
                }
                ui.label(format!("· about {} min", t.curriculum.minutes()));
            });
            ui.label(&t.curriculum.summary);
            for (step, status) in t.curriculum.steps.iter().zip(&t.statuses) {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "{} — {}",
                        step.activity.title(),
                        status_words(*status)
                    ));
                    if matches!(status, StepStatus::Open { .. }) && ui.button("Play").clicked() {
                        action = Some(match &step.activity {
                            Activity::Scenario(s) => TrainingAction::Scenario(Arc::clone(s)),
                            Activity::Shift(s) => TrainingAction::Shift(Arc::clone(s)),
                        });
                    }
                });
            }
            if let Some(done) = t.completed {
                ui.horizontal(|ui| {
                    ui.label(format!("Completed {}.", done.date_words()));
                    if ui.button("Save my certificate (PDF)").clicked() {
                        action = Some(TrainingAction::Certificate(t.curriculum.id.clone()));
                    }
                });
            }
        });
    }
    ui.separator();
    action
}
