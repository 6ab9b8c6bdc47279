//! How the editor makes an edit: joining a run of changes to one field into one undo step,
//! undoing and redoing with a word on what was undone, adding a beat or an ending where the
//! trainer asked and connecting the answer it was dragged from, and keeping the places the
//! trainer chose across renames.

use care_engine::BeatId;
use care_engine::edit::{Document, Edit, Exit};

use super::author::{AddNode, NewNode, ScenarioEditor, Status};

/// Which field an edit changes, for joining runs of edits into one undo step.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum MergeKey {
    Text(care_engine::edit::TextAt),
    Effects(Exit),
    EndingEffects(care_engine::EndingId),
    Target(BeatId),
    Wait(BeatId),
    Patience,
    Persona,
    Typed(BeatId),
    Var(String),
    WholeText,
}

fn merge_key(edit: &Edit, doc: &Document) -> Option<MergeKey> {
    Some(match edit {
        Edit::SetText { at, .. } => MergeKey::Text(*at),
        Edit::SetEffects { exit, .. } => MergeKey::Effects(*exit),
        Edit::SetEndingEffects { ending, .. } => MergeKey::EndingEffects(*ending),
        Edit::SetTargetSecs { beat, .. } => MergeKey::Target(*beat),
        Edit::SetWaitSecs { beat, .. } => MergeKey::Wait(*beat),
        Edit::SetPatience { .. } => MergeKey::Patience,
        Edit::SetPersona(_) => MergeKey::Persona,
        Edit::SetVar { id, .. } => MergeKey::Var(id.clone()),
        Edit::ReplaceText { .. } => MergeKey::WholeText,
        // Changing a typed moment joins; adding one is a step of its own.
        Edit::AddTypedMoment(m) => {
            let had = doc.raw()?.beats.get(m.beat.index())?.typed.is_some();
            return had.then_some(MergeKey::Typed(m.beat));
        }
        _ => return None,
    })
}

/// Makes one edit; when it `may_join` and changes the same field as the last step, it takes
/// that step's place in the history (one step for a run of typing).
pub(super) fn apply(editor: &mut ScenarioEditor, edit: Edit, may_join: bool) {
    let Some(doc) = editor.doc.as_mut() else {
        return;
    };
    // A node the trainer placed keeps its place under its new id.
    let renamed = match &edit {
        Edit::RenameBeat { beat, to } => doc
            .raw()
            .and_then(|r| r.beats.get(beat.index()))
            .map(|b| (b.id.clone(), to.clone())),
        Edit::RenameEnding { ending, to } => doc
            .raw()
            .and_then(|r| r.endings.get(ending.index()))
            .map(|e| (e.id.clone(), to.clone())),
        _ => None,
    };
    let key = merge_key(&edit, doc);
    let joins = may_join && key.is_some() && key == editor.merge && doc.can_undo();
    if joins {
        doc.undo();
    }
    match doc.apply(edit) {
        Ok(applied) => {
            editor.notes = applied
                .notices
                .iter()
                .filter(|n| !matches!(n, care_engine::edit::Notice::Rewrite { .. }))
                .map(ToString::to_string)
                .collect();
            editor.status = None;
            editor.merge = if applied.is_empty() { None } else { key };
            if let Some((from, to)) = renamed
                && let Some(place) = editor.placed.remove(&from)
            {
                editor.placed.insert(to, place);
            }
            editor.changed();
        }
        Err(e) => {
            if joins {
                doc.redo();
            }
            editor.merge = None;
            editor.status = Some(Status::Problem(format!("Not changed: {e}.")));
        }
    }
}

pub(super) fn history(editor: &mut ScenarioEditor, back: bool) {
    let Some(doc) = editor.doc.as_mut() else {
        return;
    };
    editor.merge = None;
    let label = if back {
        doc.undo_label().map(str::to_owned)
    } else {
        doc.redo_label().map(str::to_owned)
    };
    let done = if back { doc.undo() } else { doc.redo() };
    if done.is_some() {
        let verb = if back { "Undone" } else { "Redone" };
        editor.status = label.map(|l| Status::Info(format!("{verb}: {l}.")));
        editor.notes.clear();
        editor.changed();
    }
}

/// Adds a beat or an ending where the trainer asked, and connects the exit it came from.
pub(super) fn add_node(editor: &mut ScenarioEditor, add: AddNode) {
    let Some(doc) = editor.doc.as_ref() else {
        return;
    };
    let (edit, key) = match add.node {
        NewNode::Beat => {
            let Some(beat) = doc.new_beat() else {
                editor.status = Some(Status::Problem(
                    "Fix the text first: it does not read as a scenario.".into(),
                ));
                return;
            };
            let key = beat.id.clone();
            let at = doc.place_for_new_beat(add.from.map(Exit::beat));
            let beat = Box::new(beat);
            (Edit::AddBeat { beat, at }, key)
        }
        NewNode::Ending(outcome) => {
            let ending = doc.new_ending(outcome);
            let key = ending.id.clone();
            let ending = Box::new(ending);
            (Edit::AddEnding { ending, at: None }, key)
        }
    };
    if let Some(place) = add.place {
        editor.placed.insert(key.clone(), place);
    }
    editor.merge = None;
    apply(editor, edit, false);
    // A new beat goes after the beat it comes from, so that beat keeps its place.
    let Some(doc) = editor.doc.as_ref() else {
        return;
    };
    if let (Some(from), Some(to)) = (add.from, doc.node_id(&key)) {
        apply(editor, Edit::Connect { exit: from, to }, false);
    }
}
