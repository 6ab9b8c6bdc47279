//! Signing in on the worker: the list of who can sign in, a PIN asked for or chosen, a new
//! employee adding themselves, and the signed-in trainee with what the library shows them.

use bevy::prelude::*;
use care_store::{EmployeeId, Store, TraineeView};

use super::{Account, ListRead, PinPrompt, ProgressStore, SignInList, SignInReply, SignedIn};
use crate::game::Screen;
use crate::game::persistence::Persistence;

pub(super) fn read_sign_in_list(progress: Res<ProgressStore>, mut worker: ResMut<Persistence>) {
    let Some(store) = progress.store.clone() else {
        return;
    };
    worker.send("reading who can sign in", move || {
        ListRead(
            store
                .employees()
                .and_then(|e| Ok((e, store.teams()?)))
                .map_err(|e| e.to_string()),
        )
    });
}

pub(super) fn show_list(mut messages: MessageReader<ListRead>, mut list: ResMut<SignInList>) {
    for ListRead(read) in messages.read() {
        match read {
            Ok((e, t)) => {
                list.employees = e.clone();
                list.teams = t.clone();
                list.problem = None;
            }
            Err(e) => list.problem = Some(e.clone()),
        }
    }
}

/// Whether `who` must type a PIN (or choose one) first, because the store requires PINs.
fn pin_prompt(store: &Store, who: EmployeeId) -> Result<Option<PinPrompt>, care_store::StoreError> {
    if !store.pins_required()? {
        return Ok(None);
    }
    Ok(Some(PinPrompt {
        employee: who,
        name: store.employee(who)?.display_name,
        choose: !store.has_pin(who)?,
    }))
}

/// What the library shows `view`'s trainee, read from the store (on the worker).
fn signed_in_as(view: TraineeView) -> SignedIn {
    let read = SignedIn::read(&view);
    let mut signed = SignedIn {
        employee: view.employee().clone(),
        view,
        interrupted: Vec::new(),
        progress: None,
        results: Vec::new(),
        notice: None,
    };
    signed.show(&read);
    signed
}

/// Signs `who` in, or asks for their PIN first (on the worker).
fn sign_in(store: &Store, who: EmployeeId) -> SignInReply {
    match pin_prompt(store, who) {
        Ok(Some(prompt)) => SignInReply::AskPin(prompt),
        Ok(None) => match store.trainee(who) {
            Ok(view) => SignInReply::SignedIn(Box::new(signed_in_as(view))),
            Err(e) => SignInReply::Refused(e.to_string()),
        },
        Err(e) => SignInReply::Refused(e.to_string()),
    }
}

/// Signs out and goes on as a guest at once; hands sign-ins, registrations and PINs to the
/// worker.
pub(super) fn handle_accounts(
    mut messages: MessageReader<Account>,
    progress: Res<ProgressStore>,
    mut list: ResMut<SignInList>,
    mut worker: ResMut<Persistence>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    for m in messages.read() {
        match m {
            Account::SignOut => {
                commands.remove_resource::<SignedIn>();
                next.set(Screen::SignIn);
            }
            Account::Guest => {
                commands.remove_resource::<SignedIn>();
                next.set(Screen::Library);
            }
            Account::CancelPin => list.pin = None,
            Account::SignIn(id) => {
                let (Some(store), id) = (progress.store.clone(), *id) else {
                    continue;
                };
                worker.send("signing in", move || sign_in(&store, id));
            }
            Account::Register { name, team } => {
                let Some(store) = progress.store.clone() else {
                    continue;
                };
                let (name, team) = (name.clone(), team.clone());
                worker.send("adding you", move || {
                    match store.add_employee(&name, &team) {
                        Ok(e) => sign_in(&store, e.id),
                        Err(e) => SignInReply::Refused(e.to_string()),
                    }
                });
            }
            Account::Pin(pin) => {
                let (Some(store), Some(prompt)) = (progress.store.clone(), list.pin.clone()) else {
                    continue;
                };
                let pin = pin.clone();
                worker.send("checking the PIN", move || {
                    let view = if prompt.choose {
                        store.set_pin(prompt.employee, &pin)
                    } else {
                        store.trainee_with_pin(prompt.employee, &pin)
                    };
                    match view {
                        Ok(v) => SignInReply::SignedIn(Box::new(signed_in_as(v))),
                        Err(e) => SignInReply::Refused(e.to_string()),
                    }
                });
            }
        }
    }
}

pub(super) fn signed_in(
    mut replies: MessageReader<SignInReply>,
    mut list: ResMut<SignInList>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    for reply in replies.read() {
        match reply {
            SignInReply::AskPin(prompt) => {
                list.pin = Some(prompt.clone());
                list.problem = None;
            }
            SignInReply::SignedIn(signed) => {
                info!("signed in: {}", signed.employee().display_name);
                commands.insert_resource((**signed).clone());
                list.pin = None;
                list.problem = None;
                next.set(Screen::Library);
            }
            SignInReply::Refused(e) => list.problem = Some(e.clone()),
        }
    }
}
