//! The library screen: scenario cards by channel and difficulty.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::texts;

use super::Screen;
use care_engine::Scenario;
use care_store::ScenarioResult;

use super::training::TrainingAction;
use crate::game::library::ScenarioLibrary;
use crate::game::onboarding::WriteCertificate;
use crate::game::progress::{Account, SignedIn};
use crate::game::saving::{AbandonRun, ResumeRun};
use crate::game::session::StartScenario;
use crate::game::shift_saving::{AbandonShift, InterruptedShifts, ResumeShift};
use crate::game::shifts::{ShiftLibrary, StartShift};
use care_store::recommend::recommend;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Library)),
    );
}

/// Messages the library screen sends.
#[derive(bevy::ecs::system::SystemParam)]
struct Actions<'w> {
    start: MessageWriter<'w, StartScenario>,
    account: MessageWriter<'w, Account>,
    resume: MessageWriter<'w, ResumeRun>,
    abandon: MessageWriter<'w, AbandonRun>,
    settings: ResMut<'w, super::settings::SettingsOpen>,
    shift: MessageWriter<'w, StartShift>,
    certificate: MessageWriter<'w, WriteCertificate>,
    resume_shift: MessageWriter<'w, ResumeShift>,
    abandon_shift: MessageWriter<'w, AbandonShift>,
    interrupted_shifts: Res<'w, InterruptedShifts>,
}

fn trainee_bar(ui: &mut egui::Ui, signed: Option<&SignedIn>, actions: &mut Actions) {
    ui.horizontal(|ui| {
        match signed {
            Some(s) => {
                ui.strong(format!(
                    "{} · {}",
                    s.employee().display_name,
                    s.employee().team
                ));
                if let Some(p) = &s.progress {
                    ui.label(super::progress_line(p));
                }
            }
            None => {
                ui.label("Practising without saving.");
            }
        }
        if ui
            .button(if signed.is_some() {
                "Sign out"
            } else {
                "Sign in"
            })
            .clicked()
        {
            actions.account.write(Account::SignOut);
        }
        super::settings::button(ui, &mut actions.settings);
    });
    let Some(s) = signed else { return };
    if let Some(n) = &s.notice {
        super::problem(ui, n);
    }
    for c in &s.interrupted {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Interrupted: “{}”, {} answers in, last saved {}.",
                    c.scenario_title,
                    c.answers.len(),
                    c.updated
                ));
                if ui.button("Resume").clicked() {
                    actions.resume.write(ResumeRun(c.attempt));
                }
                if ui
                    .button("Record as abandoned")
                    .on_hover_text("Keeps it in your history as not finished.")
                    .clicked()
                {
                    actions.abandon.write(AbandonRun(c.attempt));
                }
            });
        });
    }
    let shifts: Vec<_> = actions
        .interrupted_shifts
        .0
        .iter()
        .map(|c| (c.id, c.shift_title.clone(), c.updated))
        .collect();
    for (id, title, updated) in shifts {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Interrupted rush hour: “{title}”, last saved {updated}."
                ));
                if ui.button("Resume").clicked() {
                    actions.resume_shift.write(ResumeShift(id));
                }
                if ui
                    .button("Forget it")
                    .on_hover_text("A shift counts only when finished.")
                    .clicked()
                {
                    actions.abandon_shift.write(AbandonShift(id));
                }
            });
        });
    }
}

/// Shifts: several customers at once, where the order of work is scored too.
fn rush_hour(ui: &mut egui::Ui, shifts: &ShiftLibrary, actions: &mut Actions) {
    if shifts.shifts.is_empty() && shifts.problems.is_empty() {
        return;
    }
    ui.strong("Rush hour: several customers at once");
    ui.label("Answer who needs you most first. Besides each customer's scores, you are scored on triage.");
    if !shifts.problems.is_empty() {
        super::problem(ui, &problems_banner(&shifts.problems));
    }
    for shift in &shifts.shifts {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                ui.strong(&shift.title);
                ui.label(format!(
                    "· {} customers · starts {}",
                    shift.customers.len(),
                    shift.starts
                ));
            });
            ui.label(&shift.summary);
            ui.label(egui::RichText::new(format!("Lesson: {}", shift.lesson)).italics());
            if ui.button("Start the shift").clicked() {
                actions.shift.write(StartShift(Arc::clone(shift)));
            }
        });
    }
    ui.separator();
}

fn draw(
    mut contexts: EguiContexts,
    library: Res<ScenarioLibrary>,
    shifts: Res<ShiftLibrary>,
    art: Res<super::art::Art>,
    training: Res<crate::game::onboarding::MyTraining>,
    signed: Option<Res<SignedIn>>,
    mut actions: Actions,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    egui::Panel::top("trainee").show(&mut root, |ui| {
        trainee_bar(ui, signed.as_deref(), &mut actions);
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading("CARE — Customers Are Really Everything");
        ui.label("Pick a customer moment to practise. You are scored on speed, empathy and follow-through.");
        ui.separator();
        if !library.problems.is_empty() {
            super::problem(ui, &problems_banner(&library.problems));
        }
        let results = signed.as_deref().map(|s| s.results.as_slice()).unwrap_or_default();
        let weakest = signed
            .as_deref()
            .and_then(|s| s.progress.as_ref())
            .and_then(|p| p.weakest);
        let suggestion = recommend(&library.scenarios, results, weakest);
        if let Some((s, why)) = &suggestion {
            ui.horizontal(|ui| {
                ui.strong(format!("Recommended next: {}", s.title));
                ui.label(format!("({why})"));
                if ui.button("Play it").clicked() {
                    actions.start.write(StartScenario { scenario: Arc::clone(s), seed: next_seed(results, s) });
                }
            });
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            match super::training::show(ui, &training) {
                Some(TrainingAction::Scenario(scenario)) => {
                    let seed = next_seed(results, &scenario);
                    actions.start.write(StartScenario { scenario, seed });
                }
                Some(TrainingAction::Shift(shift)) => {
                    actions.shift.write(StartShift(shift));
                }
                Some(TrainingAction::Certificate(id)) => {
                    actions.certificate.write(WriteCertificate(id));
                }
                None => {}
            }
            rush_hour(ui, &shifts, &mut actions);
            for s in &library.scenarios {
                card(ui, s, results, &mut actions, &art);
            }
        });
    });
    Ok(())
}

/// A different seed for each attempt, so a retry meets a fresh persona.
fn next_seed(results: &[ScenarioResult], s: &Scenario) -> u64 {
    let played = results
        .iter()
        .find(|r| r.scenario_id == s.id)
        .map_or(0, |r| r.attempts);
    u64::try_from(played).unwrap_or(0) + 1
}

/// One scenario card with this trainee's status on it.
fn card(
    ui: &mut egui::Ui,
    s: &Arc<Scenario>,
    results: &[ScenarioResult],
    actions: &mut Actions,
    art: &super::art::Art,
) {
    let mine = results.iter().find(|r| r.scenario_id == s.id);
    ui.group(|ui| {
        ui.horizontal(|ui| {
            ui.strong(&s.title);
            ui.label("·");
            art.channel(ui, s.channel, 20.0);
            ui.label(format!(
                "· {} · {} min",
                texts::difficulty(s.difficulty),
                s.minutes
            ));
            let (status, color) = match mine {
                None => ("New".to_string(), egui::Color32::from_rgb(60, 120, 200)),
                Some(r) if r.passes > 0 => (
                    format!("Passed · best {}", r.best_overall),
                    egui::Color32::from_rgb(60, 150, 80),
                ),
                Some(r) => (
                    format!("Best {} · not passed yet", r.best_overall),
                    egui::Color32::from_rgb(190, 130, 30),
                ),
            };
            ui.colored_label(color, status);
        });
        ui.label(&s.summary);
        if !s.lesson.is_empty() {
            ui.label(egui::RichText::new(format!("Lesson: {}", s.lesson)).italics());
        }
        if ui.button("Play").clicked() {
            actions.start.write(StartScenario {
                scenario: Arc::clone(s),
                seed: next_seed(results, s),
            });
        }
    });
}

/// The first few problems with file:line:column, for the banner a trainer sees after a broken edit.
pub fn problems_banner(problems: &[care_engine::Diagnostic]) -> String {
    const SHOWN: usize = 3;
    let mut text = format!(
        "{} problem(s) in the files of the scenarios folder; a file that no longer loads keeps its last good version.",
        problems.len()
    );
    for d in problems.iter().take(SHOWN) {
        text.push_str(&format!(
            "\n{}:{}:{}: {}",
            d.file, d.line, d.column, d.message
        ));
    }
    if problems.len() > SHOWN {
        text.push_str("\nRun `care check` on the folder for all of them.");
    }
    text
}
