//! The sign-in screen: trainees pick their name or add themselves; managers go on to their area.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Screen;
use crate::game::manager::OpenManagerArea;
use crate::game::progress::{Account, PinPrompt, SignInList, StoreStatus};

/// What is typed on the sign-in screen.
#[derive(Resource, Default)]
struct Form {
    search: String,
    name: String,
    team: String,
    pin: String,
    pin_again: String,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Form>();
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::SignIn)),
    );
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource the sign-in screen shows or changes"
)]
fn draw(
    mut contexts: EguiContexts,
    progress: Res<StoreStatus>,
    list: Res<SignInList>,
    mut form: ResMut<Form>,
    mut account: MessageWriter<Account>,
    mut open: MessageWriter<OpenManagerArea>,
    mut settings: ResMut<super::settings::SettingsOpen>,
    art: Res<super::art::Art>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    egui::Panel::bottom("sign-in-footer").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            if progress.available && ui.button("Manager area").clicked() {
                open.write(OpenManagerArea { then_author: false });
            }
            if ui
                .button("Practise without saving")
                .on_hover_text("Play any scenario; nothing is recorded.")
                .clicked()
            {
                account.write(Account::Guest);
            }
            super::settings::button(ui, &mut settings);
            if progress.available
                && ui
                    .button("Author mode")
                    .on_hover_text(
                        "For trainers: branch graphs and score ranges. Needs the manager passphrase.",
                    )
                    .clicked()
            {
                open.write(OpenManagerArea { then_author: true });
            }
            ui.label(
                egui::RichText::new(format!("Progress store: {}", progress.location))
                    .small()
                    .weak(),
            );
        });
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        // One centred column, however wide the window.
        let width = ui.available_width().min(980.0);
        let margin = (ui.available_width() - width) / 2.0;
        ui.add_space(24.0);
        ui.horizontal_top(|ui| {
            ui.add_space(margin);
            ui.vertical(|ui| {
                ui.set_width(width);
                welcome(ui, &art, &progress, &list, &mut form, &mut account);
            });
        });
    });
    Ok(())
}

/// A card on the sign-in screen.
fn card(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().window_fill)
        .corner_radius(12.0)
        .inner_margin(egui::Margin::same(16))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}

fn welcome(
    ui: &mut egui::Ui,
    art: &super::art::Art,
    progress: &StoreStatus,
    list: &SignInList,
    form: &mut Form,
    account: &mut MessageWriter<Account>,
) {
    ui.horizontal(|ui| {
        art.icon(ui, 72.0);
        ui.vertical(|ui| {
            ui.label(egui::RichText::new("CARE").size(34.0).strong());
            ui.label("Customers Are Really Everything");
        });
    });
    ui.add_space(12.0);
    ui.label("Who is training today? Pick your name to see your progress and carry on.");
    ui.add_space(8.0);
    if !progress.opened {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Opening the progress store…");
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
        return;
    }
    if let Some(p) = &progress.problem {
        super::problem(ui, &format!("Results cannot be saved right now.\n{p}"));
        return;
    }
    if let Some(p) = &list.problem {
        super::problem(ui, p);
    }
    if let Some(prompt) = &list.pin {
        card(ui, |ui| pin_panel(ui, prompt, form, account));
        return;
    }
    ui.columns(2, |cols| {
        card(&mut cols[0], |ui| names(ui, list, form, account));
        card(&mut cols[1], |ui| new_here(ui, list, form, account));
    });
}

fn names(
    ui: &mut egui::Ui,
    list: &SignInList,
    form: &mut Form,
    account: &mut MessageWriter<Account>,
) {
    ui.strong("Your name");
    ui.add(egui::TextEdit::singleline(&mut form.search).hint_text("Type to find your name"));
    let needle = form.search.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .id_salt("names")
        .show(ui, |ui| {
            let mut team: Option<&str> = None;
            let mut shown = 0;
            for e in &list.employees {
                if !needle.is_empty() && !e.display_name.to_lowercase().contains(&needle) {
                    continue;
                }
                if team != Some(e.team.as_str()) {
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new(&e.team).weak());
                    team = Some(e.team.as_str());
                }
                if ui.button(&e.display_name).clicked() {
                    account.write(Account::SignIn(e.id));
                }
                shown += 1;
            }
            if shown == 0 {
                ui.label(if list.employees.is_empty() {
                    "Nobody has signed up yet: add yourself on the right."
                } else {
                    "No name matches; check the spelling or add yourself."
                });
            }
        });
}

fn new_here(
    ui: &mut egui::Ui,
    list: &SignInList,
    form: &mut Form,
    account: &mut MessageWriter<Account>,
) {
    ui.strong("New here?");
    ui.label("Add your name and your team or branch.");
    ui.add(egui::TextEdit::singleline(&mut form.name).hint_text("Your name"));
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut form.team).hint_text("Team or branch"));
        egui::ComboBox::from_id_salt("teams")
            .selected_text("pick")
            .show_ui(ui, |ui| {
                for t in &list.teams {
                    if ui.selectable_label(form.team == *t, t).clicked() {
                        form.team = t.clone();
                    }
                }
            });
    });
    let ready = !form.name.trim().is_empty() && !form.team.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Add me and start"))
        .clicked()
    {
        account.write(Account::Register {
            name: std::mem::take(&mut form.name),
            team: form.team.clone(),
        });
    }
}

/// The PIN prompt: type it, or choose one (twice) at a first sign-in.
fn pin_panel(
    ui: &mut egui::Ui,
    prompt: &PinPrompt,
    form: &mut Form,
    account: &mut MessageWriter<Account>,
) {
    let (min, max) = (care_store::MIN_PIN_DIGITS, care_store::MAX_PIN_DIGITS);
    ui.strong(&prompt.name);
    if prompt.choose {
        ui.label(format!(
            "Choose a PIN of {min} to {max} digits. You will type it each time you sign in, so \
             nobody else can open your results."
        ));
    } else {
        ui.label("Type your PIN.");
    }
    let first = ui.add(pin_field(&mut form.pin, "PIN"));
    if !first.has_focus() && form.pin.is_empty() {
        first.request_focus();
    }
    if prompt.choose {
        ui.add(pin_field(&mut form.pin_again, "The same PIN again"));
    }
    let digits = form.pin.chars().count();
    let well_formed = (min..=max).contains(&digits) && form.pin.chars().all(|c| c.is_ascii_digit());
    let same = !prompt.choose || form.pin == form.pin_again;
    if prompt.choose && !form.pin_again.is_empty() && !same {
        ui.weak("The two PINs differ.");
    }
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        let label = if prompt.choose {
            "Set PIN and sign in"
        } else {
            "Sign in"
        };
        let go = ui
            .add_enabled(well_formed && same, egui::Button::new(label))
            .clicked();
        if go || (enter && well_formed && same) {
            account.write(Account::Pin(std::mem::take(&mut form.pin)));
            form.pin_again.clear();
        }
        if ui.button("Not me").clicked() {
            form.pin.clear();
            form.pin_again.clear();
            account.write(Account::CancelPin);
        }
    });
}

fn pin_field<'t>(text: &'t mut String, hint: &str) -> egui::TextEdit<'t> {
    egui::TextEdit::singleline(text)
        .password(true)
        .hint_text(hint.to_string())
        .desired_width(160.0)
}
