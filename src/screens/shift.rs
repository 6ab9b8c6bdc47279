//! The rush-hour screen: the queue of customers on the left (who waits, for how long, how they
//! feel), the chosen customer's conversation in the middle, and the answers below. Tab moves to
//! the next customer, 1–9 answer, Esc pauses.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::shift::{CustomerId, CustomerState, ShiftRun};
use care_engine::texts;

use super::Screen;
use super::answers::{Draft, answer_bar, offered_choices, pressed_choice};
use crate::game::Pause;
use crate::game::settings::Settings;
use crate::game::shifts::{ActiveShift, CycleFocus, FocusCustomer, ShiftAnswer};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Draft>();
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Shift).and_then(resource_exists::<ActiveShift>)),
    );
    app.add_systems(
        Update,
        keys.run_if(in_state(Screen::Shift).and_then(resource_exists::<ActiveShift>)),
    );
}

/// Messages the screen sends.
#[derive(bevy::ecs::system::SystemParam)]
struct Actions<'w> {
    answer: MessageWriter<'w, ShiftAnswer>,
    focus: MessageWriter<'w, FocusCustomer>,
    cycle: MessageWriter<'w, CycleFocus>,
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    active: Res<ActiveShift>,
    pause: Res<State<Pause>>,
    mut set_pause: ResMut<NextState<Pause>>,
    mut actions: Actions,
) {
    if keys.just_pressed(KeyCode::Escape) {
        set_pause.set(pause.get().toggled());
        return;
    }
    if *pause.get() == Pause::Paused {
        return;
    }
    if keys.just_pressed(KeyCode::Tab) {
        actions.cycle.write(CycleFocus);
    }
    let Some(c) = active.focus else { return };
    let offered = active.run.run(c).map_or(0, |r| r.choices_offered());
    if let Some(input) = pressed_choice(&keys, offered) {
        actions.answer.write(ShiftAnswer { customer: c, input });
    }
}

/// How a customer stands, in words (never by colour alone).
fn status(run: &ShiftRun, c: CustomerId) -> (String, f32) {
    match run.state(c) {
        CustomerState::NotArrived { .. } => ("not here yet".into(), 0.0),
        CustomerState::Waiting(w) => (format!("waiting {} s", w.waited_ms / 1000), w.patience()),
        CustomerState::Done(o) => (format!("done: {}", texts::outcome(o)), 0.0),
    }
}

fn queue(ui: &mut egui::Ui, active: &ActiveShift, actions: &mut Actions, art: &super::art::Art) {
    ui.heading("Customers");
    ui.weak("Tab: next customer");
    ui.add_space(6.0);
    let run = &active.run;
    for c in run.shift().ids() {
        if matches!(run.state(c), CustomerState::NotArrived { .. }) {
            continue;
        }
        let spec = run.shift().customer(c);
        let (words, patience) = status(run, c);
        let mood = run.run(c).map_or(0, |r| r.mood());
        let selected = active.focus == Some(c);
        let frame = egui::Frame::group(ui.style()).stroke(if selected {
            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color)
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke
        });
        let response = frame
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.strong(&spec.label);
                ui.horizontal(|ui| {
                    art.channel(ui, spec.scenario.channel, 18.0);
                    ui.label(format!("· {} ·", spec.priority.word()));
                    art.mood(ui, mood, 18.0);
                });
                if patience > 0.0 {
                    ui.label(format!("{words} · patience {:.0}%", patience * 100.0));
                    ui.add(egui::ProgressBar::new(patience).desired_height(8.0));
                } else {
                    ui.label(&words);
                }
            })
            .response
            .interact(egui::Sense::click());
        if response.clicked() {
            actions.focus.write(FocusCustomer(c));
        }
    }
    let coming = run
        .shift()
        .ids()
        .filter(|c| matches!(run.state(*c), CustomerState::NotArrived { .. }))
        .count();
    if coming > 0 {
        ui.weak(format!("{coming} more expected this shift"));
    }
}

fn answers(
    ui: &mut egui::Ui,
    active: &ActiveShift,
    paused: bool,
    draft: &mut Draft,
    actions: &mut Actions,
) {
    let Some(c) = active.focus else {
        ui.label("Nobody is waiting right now.");
        return;
    };
    let Some(run) = active.run.run(c) else { return };
    if !matches!(active.run.state(c), CustomerState::Waiting(_)) {
        ui.label("This customer is not waiting for you.");
        return;
    }
    let choices = offered_choices(run.transcript().moments.iter().map(|m| &m.event));
    if let Some(input) = answer_bar(ui, &choices, run.takes_typed(), draft, !paused) {
        actions.answer.write(ShiftAnswer { customer: c, input });
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one screen drawing from each part of the game it shows"
)]
fn draw(
    mut contexts: EguiContexts,
    active: Res<ActiveShift>,
    pause: Res<State<Pause>>,
    mut draft: ResMut<Draft>,
    mut actions: Actions,
    settings: Res<Settings>,
    art: Res<super::art::Art>,
    people: Res<super::people::People>,
) -> Result {
    let paused = *pause.get() == Pause::Paused;
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    let run = &active.run;
    egui::Panel::top("shift-status").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.strong(&run.shift().title);
            ui.label(format!(
                "· {} · {} waiting",
                run.clock(),
                run.waiting().len()
            ));
            if paused {
                ui.strong("· Paused — press Esc to continue");
            } else {
                ui.weak("· Esc pauses");
            }
        });
        if let Some(n) = &active.notice {
            super::problem(ui, n);
        }
    });
    egui::Panel::left("queue")
        .default_size(300.0)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| queue(ui, &active, &mut actions, &art));
        });
    egui::Panel::bottom("shift-answers").show(&mut root, |ui| {
        answers(ui, &active, paused, &mut draft, &mut actions);
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(c) = active.focus else {
            ui.label("The queue is empty for now. New customers will appear on the left.");
            return;
        };
        let Some(customer_run) = run.run(c) else {
            return;
        };
        ui.horizontal(|ui| {
            super::portrait::portrait(
                ui,
                &people,
                customer_run.persona(),
                customer_run.mood(),
                96.0,
                settings.reduced_motion,
            );
            ui.vertical(|ui| {
                ui.heading(&run.shift().customer(c).label);
                art.mood(ui, customer_run.mood(), 22.0);
            });
        });
        let since_reply_ms = match run.state(c) {
            CustomerState::Waiting(w) => w.waited_ms,
            _ => u64::MAX,
        };
        let view = super::scene::Conversation {
            run: customer_run,
            since_reply_ms,
        };
        super::scene::conversation(ui, &view, &people);
    });
    Ok(())
}
