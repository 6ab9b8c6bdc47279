//! The library screen: what to play next, the trainee's training, scenario cards with filters,
//! and rush hour once the basics are passed.

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
use care_store::recommend::{recommend, shift_open};

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

/// Shifts: several customers at once, where the order of work is scored too. A signed-in
/// trainee meets them once the basics are passed: a scenario on each channel a shift mixes.
fn rush_hour(
    ui: &mut egui::Ui,
    shifts: &ShiftLibrary,
    scenarios: &[Arc<Scenario>],
    results: Option<&[ScenarioResult]>,
    actions: &mut Actions,
) {
    if shifts.shifts.is_empty() && shifts.problems.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.heading("Rush hour: several customers at once");
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
            let channels: Vec<_> = shift.customers.iter().map(|c| c.scenario.channel).collect();
            let open = results.map_or(Ok(()), |r| shift_open(&channels, scenarios, r));
            match open {
                Ok(()) => {
                    if ui.button("Start the shift").clicked() {
                        actions.shift.write(StartShift(Arc::clone(shift)));
                    }
                }
                Err(missing) => {
                    let names: Vec<&str> = missing.iter().map(|c| texts::channel(*c)).collect();
                    ui.label(format!(
                        "🔒 Opens once you have passed a scenario on each of its channels. Still to pass: {}.",
                        names.join(", ")
                    ));
                }
            }
        });
    }
    ui.separator();
}

#[expect(
    clippy::too_many_arguments,
    reason = "one screen drawing from each part of the game it shows"
)]
fn draw(
    mut contexts: EguiContexts,
    library: Res<ScenarioLibrary>,
    shifts: Res<ShiftLibrary>,
    art: Res<super::art::Art>,
    training: Res<crate::game::onboarding::MyTraining>,
    signed: Option<Res<SignedIn>>,
    mut actions: Actions,
    mut filter: ResMut<super::library_filter::LibraryFilter>,
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
            egui::Frame::group(ui.style())
                .fill(ui.visuals().faint_bg_color)
                .inner_margin(egui::Margin::same(12))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        art.channel_icon(ui, s.channel, 40.0);
                        ui.vertical(|ui| {
                            ui.label(egui::RichText::new("Recommended next").small().weak());
                            ui.strong(&s.title);
                            ui.label(format!("Because {why}."));
                        });
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button("▶  Play it").clicked() {
                                actions.start.write(StartScenario {
                                    scenario: Arc::clone(s),
                                    seed: next_seed(results, s),
                                });
                            }
                        });
                    });
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
            ui.add_space(12.0);
            ui.heading("Scenarios");
            filter.bar(ui);
            let shown: Vec<&Arc<Scenario>> =
                library.scenarios.iter().filter(|s| filter.keeps(s)).collect();
            if shown.is_empty() {
                ui.label("No scenario matches these filters.");
            }
            let columns = ((ui.available_width() / 380.0).floor() as usize).clamp(1, 4);
            for row in shown.chunks(columns) {
                ui.columns(columns, |cols| {
                    for (col, s) in cols.iter_mut().zip(row) {
                        card(col, s, results, &mut actions, &art);
                    }
                });
            }
            let record = signed.as_deref().map(|s| s.results.as_slice());
            rush_hour(ui, &shifts, &library.scenarios, record, &mut actions);
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

/// One scenario card: channel icon, title, difficulty and length, this trainee's progress in
/// words and a symbol (never colour alone), the summary and lesson, and Play.
fn card(
    ui: &mut egui::Ui,
    s: &Arc<Scenario>,
    results: &[ScenarioResult],
    actions: &mut Actions,
    art: &super::art::Art,
) {
    let mine = results.iter().find(|r| r.scenario_id == s.id);
    egui::Frame::group(ui.style())
        .fill(ui.visuals().window_fill)
        .corner_radius(10.0)
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                art.channel_icon(ui, s.channel, 36.0);
                ui.vertical(|ui| {
                    ui.strong(&s.title);
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · {} · {} min",
                            texts::channel(s.channel),
                            texts::difficulty(s.difficulty),
                            s.minutes
                        ))
                        .small(),
                    );
                });
            });
            let (status, color) = match mine {
                None => ("• New".to_string(), ui.visuals().hyperlink_color),
                Some(r) if r.passes > 0 => (
                    format!("✔ Passed · best {}", r.best_overall),
                    egui::Color32::from_rgb(40, 130, 60),
                ),
                Some(r) => (
                    format!("↻ Best {} · not passed yet", r.best_overall),
                    ui.visuals().warn_fg_color,
                ),
            };
            ui.colored_label(color, status);
            ui.label(&s.summary);
            if !s.lesson.is_empty() {
                ui.label(
                    egui::RichText::new(format!("Lesson: {}", s.lesson))
                        .italics()
                        .small(),
                );
            }
            if ui.button("▶  Play").clicked() {
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
