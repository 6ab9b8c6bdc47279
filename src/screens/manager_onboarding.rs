//! The manager's onboarding tab: start a session for a curriculum and a team, follow it live as
//! its facilitator (who is on which step, who is stuck), show the group debrief on a projector
//! (the cohort's common mistakes and the better responses, no names), and assign curricula with
//! a due date, with overdue work listed.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui;
use care_engine::CurriculumId;
use care_store::{Assignee, Timestamp};

use crate::game::manager::{ManagerAction, ManagerSession};
use crate::game::manager_onboarding::{LIVE, OnboardingTab as Figures};
use crate::game::onboarding::Curricula;

/// The tab's forms, reset when the manager area locks.
#[derive(Resource, Default)]
pub(super) struct OnboardingPage {
    curriculum: Option<CurriculumId>,
    assign_curriculum: Option<CurriculumId>,
    title: String,
    team: Option<String>,
    projector: bool,
    assign_to: Option<Assignee>,
    due: String,
}

#[derive(SystemParam)]
pub(super) struct OnboardingTab<'w> {
    curricula: Res<'w, Curricula>,
    page: ResMut<'w, OnboardingPage>,
}

fn attempts_word(n: i64) -> String {
    if n == 1 {
        "1 attempt".into()
    } else {
        format!("{n} attempts")
    }
}

fn curriculum_picker(
    ui: &mut egui::Ui,
    id: &str,
    curricula: &Curricula,
    chosen: &mut Option<CurriculumId>,
) {
    let shown = chosen
        .as_ref()
        .and_then(|c| curricula.get(c))
        .map_or_else(|| "pick a curriculum".to_string(), |c| c.title.clone());
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for c in &curricula.list {
                ui.selectable_value(chosen, Some(c.id.clone()), &c.title);
            }
        });
}

/// Members of `team` (or everyone) from the team overview.
fn members(session: &ManagerSession, team: Option<&str>) -> Vec<care_store::EmployeeId> {
    session
        .team
        .overview
        .iter()
        .filter(|r| team.is_none_or(|t| r.employee.team == t))
        .map(|r| r.employee.id)
        .collect()
}

fn start_form(
    ui: &mut egui::Ui,
    session: &ManagerSession,
    tab: &mut OnboardingTab,
    act: &mut MessageWriter<ManagerAction>,
) {
    ui.strong("Start a session");
    let page = &mut *tab.page;
    curriculum_picker(
        ui,
        "session-curriculum",
        &tab.curricula,
        &mut page.curriculum,
    );
    ui.add(egui::TextEdit::singleline(&mut page.title).hint_text("Title, e.g. Monday cohort"));
    super::team_picker(ui, "session-team", &session.team.teams, &mut page.team);
    let who = members(session, page.team.as_deref());
    let ready = page.curriculum.is_some() && !page.title.trim().is_empty() && !who.is_empty();
    if ui
        .add_enabled(
            ready,
            egui::Button::new(format!("Start for {} people", who.len())),
        )
        .clicked()
        && let Some(curriculum) = page.curriculum.clone()
    {
        act.write(ManagerAction::StartSession {
            curriculum,
            title: page.title.trim().to_string(),
            team: page.team.clone(),
        });
    }
}

fn facilitator(
    ui: &mut egui::Ui,
    page: &mut OnboardingPage,
    figures: &Figures,
    curricula: &Curricula,
) {
    let (Some(s), Some(view)) = (figures.selected_session(), &figures.view) else {
        ui.label("Pick a session to follow it live.");
        return;
    };
    let Some(c) = curricula.get(&s.curriculum_id) else {
        super::problem(
            ui,
            &format!(
                "The curriculum “{}” is no longer in the scenarios folder.",
                s.curriculum_id
            ),
        );
        return;
    };
    ui.heading(format!("{} · {}", s.title, c.title));
    ui.label(format!(
        "{} people · {} finished · started {} UTC · updated every {} s",
        view.members.len(),
        view.finished,
        s.started.short(),
        LIVE.as_secs()
    ));
    let per_step: Vec<String> = c
        .steps
        .iter()
        .zip(&view.on_step)
        .map(|(st, n)| format!("{}: {n}", st.activity.title()))
        .collect();
    ui.label(format!("On each step — {}", per_step.join(" · ")));
    egui::Grid::new("cohort").striped(true).show(ui, |ui| {
        for h in ["Name", "Now on", "Passed", "Stuck?"] {
            ui.strong(h);
        }
        ui.end_row();
        for m in &view.members {
            ui.label(&m.employee.display_name);
            ui.label(m.current.map_or("finished".into(), |k| {
                c.step(k).activity.title().to_string()
            }));
            ui.label(format!("{} / {}", m.passed, c.steps.len()));
            match &m.stuck {
                Some(why) => super::problem(ui, &format!("stuck: {why}")),
                None => {
                    ui.label("—");
                }
            }
            ui.end_row();
        }
    });
    ui.add_space(8.0);
    ui.strong("Where the cohort loses most points");
    if view.mistakes.is_empty() {
        ui.label("No points lost yet.");
    }
    for m in view.mistakes.iter().take(5) {
        ui.label(format!(
            "{} · beat “{}”: {} points over {}",
            m.scenario_title,
            m.beat_key,
            m.points,
            attempts_word(m.attempts)
        ));
    }
    if ui.button("Group debrief on the projector").clicked() {
        page.projector = true;
    }
}

/// The group debrief, full screen: mistakes and better responses, no names.
pub(super) fn projector(ui: &mut egui::Ui, figures: &Figures, tab: &mut OnboardingTab) -> bool {
    let page = &mut *tab.page;
    if !page.projector {
        return false;
    }
    let title = figures
        .selected_session()
        .and_then(|s| tab.curricula.get(&s.curriculum_id))
        .map_or_else(String::new, |c| c.title.clone());
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(egui::RichText::new(format!("What we learned: {title}")).size(30.0));
        if ui.button("Close the group debrief").clicked() {
            page.projector = false;
        }
        let Some(view) = &figures.view else { return };
        if view.mistakes.is_empty() {
            ui.label(egui::RichText::new("No points lost yet: keep going!").size(22.0));
        }
        for m in &view.mistakes {
            ui.add_space(12.0);
            ui.label(
                egui::RichText::new(format!("{} — the customer says:", m.scenario_title))
                    .size(20.0)
                    .strong(),
            );
            ui.label(
                egui::RichText::new(format!("“{}”", m.customer_said))
                    .size(20.0)
                    .italics(),
            );
            if let Some(b) = &m.better {
                ui.label(egui::RichText::new(format!("Better: {b}")).size(20.0));
            }
            ui.weak(format!(
                "{} lost {} points here",
                attempts_word(m.attempts),
                m.points
            ));
        }
    });
    true
}

fn assign_form(
    ui: &mut egui::Ui,
    session: &ManagerSession,
    tab: &mut OnboardingTab,
    act: &mut MessageWriter<ManagerAction>,
) {
    ui.strong("Assign a curriculum");
    let page = &mut *tab.page;
    curriculum_picker(
        ui,
        "assign-curriculum",
        &tab.curricula,
        &mut page.assign_curriculum,
    );
    ui.horizontal(|ui| {
        ui.label("to");
        let choices = &session.team.assignees;
        let shown = page
            .assign_to
            .as_ref()
            .and_then(|a| choices.iter().find(|(c, _)| c == a))
            .map_or_else(|| "a team or a person".to_string(), |(_, l)| l.clone());
        egui::ComboBox::from_id_salt("assign-to")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (choice, label) in choices {
                    ui.selectable_value(&mut page.assign_to, Some(choice.clone()), label);
                }
            });
    });
    ui.add(egui::TextEdit::singleline(&mut page.due).hint_text("due date, YYYY-MM-DD"));
    let due = Timestamp::parse(&page.due);
    let to = page.assign_to.clone();
    if !page.due.trim().is_empty() && due.is_none() {
        ui.label("Write the due date as YYYY-MM-DD.");
    }
    let ready = page.assign_curriculum.is_some() && due.is_some() && to.is_some();
    if ui.add_enabled(ready, egui::Button::new("Assign")).clicked()
        && let (Some(curriculum), Some(due), Some(to)) = (page.assign_curriculum.clone(), due, to)
    {
        act.write(ManagerAction::Assign {
            curriculum,
            to,
            due,
        });
    }
    ui.add_space(8.0);
    ui.strong("Overdue");
    if session.onboarding.overdue.is_empty() {
        ui.label("Nothing assigned is overdue.");
    }
    for o in &session.onboarding.overdue {
        let title = tab
            .curricula
            .get(&o.curriculum_id)
            .map_or(o.curriculum_id.as_str(), |c| c.title.as_str());
        super::problem(
            ui,
            &format!("{}: “{}” was due {}", o.name, title, o.due.date_words()),
        );
    }
}

pub(super) fn show(
    ui: &mut egui::Ui,
    session: &mut ManagerSession,
    tab: &mut OnboardingTab,
    act: &mut MessageWriter<ManagerAction>,
) {
    ui.ctx().request_repaint_after(LIVE);
    if projector(ui, &session.onboarding, tab) {
        return;
    }
    if !tab.curricula.problems.is_empty() {
        super::problem(ui, &super::problems_banner(&tab.curricula.problems));
    }
    if tab.curricula.list.is_empty() {
        super::problem(
            ui,
            "No curricula in the scenarios folder (scenarios/curricula/*.curriculum.ron).",
        );
        return;
    }
    if let Some(p) = &session.onboarding.problem {
        super::problem(ui, p);
    }
    egui::Panel::left("onboarding-left")
        .default_size(340.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                start_form(ui, session, tab, act);
                ui.separator();
                ui.strong("Sessions");
                let mut pick = None;
                for s in &session.onboarding.sessions {
                    let chosen = session.onboarding.selected == Some(s.id);
                    if ui
                        .selectable_label(
                            chosen,
                            format!(
                                "{} · {} · {} people",
                                s.title,
                                s.started.short(),
                                s.members.len()
                            ),
                        )
                        .clicked()
                    {
                        pick = Some(s.id);
                    }
                }
                if let Some(id) = pick {
                    session.onboarding.select(id);
                }
                ui.separator();
                assign_form(ui, session, tab, act);
            });
        });
    facilitator(ui, &mut tab.page, &session.onboarding, &tab.curricula);
}
