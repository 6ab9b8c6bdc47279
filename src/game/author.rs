//! Author mode's editor: the scenario being edited (a `care_engine::edit::Document`) lives in
//! the [`ScenarioEditor`] resource, changed only here, by the messages the screen sends
//! ([`EditScenario`], [`ContinueEdit`], [`AddNode`], [`Undo`], [`Redo`], [`SaveScenario`], [`ResolveConflict`] …).
//! A run of changes to one field (typing, dragging a slider) makes one undo step. Files are read
//! and written on the async compute pool (`author_files`), the checks of `care check` and the
//! score ranges are worked out there too (`author_check`), and example replies go to the
//! judging worker (`author_examples`): a frame never waits on any of them.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::{RequestRedraw, WindowCloseRequested};
use care_engine::edit::{Document, Edit, Exit, Graph, graph};
use care_engine::model::{Channel, Outcome};

use super::AppSystems;
pub use super::author_check::Checked;
use super::author_edits::MergeKey;
pub use super::author_examples::{ExampleResult, Examples};
use super::author_files::FileJob;
use super::{author_check, author_edits, author_examples, author_files};

/// Opens a scenario file for editing (the one open is closed: the screen asks first).
#[derive(Message, Debug, Clone)]
pub struct OpenScenario(pub PathBuf);

/// Starts a new scenario from the channel's template; its file goes into the scenarios folder
/// when it is first saved.
#[derive(Message, Debug, Clone)]
pub struct NewScenario {
    pub id: String,
    pub channel: Channel,
}

/// One edit of the open scenario: a step of its own in the history.
#[derive(Message, Debug, Clone)]
pub struct EditScenario(pub Edit);

/// One more change in a run the trainer is still making (typing in a field, dragging a
/// slider): it joins the last step in the history when that step changed the same field.
#[derive(Message, Debug, Clone)]
pub struct ContinueEdit(pub Edit);

/// What [`AddNode`] adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewNode {
    Beat,
    Ending(Outcome),
}

/// Adds a beat or an ending, at a place on the graph, and connects `from` to it.
#[derive(Message, Debug, Clone)]
pub struct AddNode {
    pub node: NewNode,
    pub from: Option<Exit>,
    /// Column and row on the graph.
    pub place: Option<(usize, usize)>,
}

/// Moves a node on the graph (the places are the editor's, not the file's).
#[derive(Message, Debug, Clone)]
pub struct PlaceNode {
    pub key: String,
    pub place: (usize, usize),
}

#[derive(Message, Debug, Clone, Copy)]
pub struct Undo;

#[derive(Message, Debug, Clone, Copy)]
pub struct Redo;

/// Saves the open scenario (atomically; a file changed on disk becomes a conflict).
#[derive(Message, Debug, Clone, Copy)]
pub struct SaveScenario;

/// The trainer's choice after a conflict.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolveConflict {
    /// Take the file as it is on disk (undo brings the edited version back).
    TakeTheirs,
    /// Keep the edited version and write it over the file.
    KeepMine,
}

/// Closes the open scenario, dropping unsaved edits (the screen asks first).
#[derive(Message, Debug, Clone, Copy)]
pub struct CloseScenario;

/// The window's close button was pressed while there were unsaved edits: the screen asks
/// what to do (without edits to lose, the game closes at once).
#[derive(Resource, Debug, Default)]
pub struct CloseAsked(pub bool);

/// What the editor works through, in the order it was asked.
#[derive(Debug, Clone)]
pub(super) enum Command {
    Open(PathBuf),
    New(NewScenario),
    /// An edit, and whether it may join the last step.
    Edit(Edit, bool),
    Add(AddNode),
    Undo,
    Redo,
    Save,
    Resolve(ResolveConflict),
    /// Read the file again: it changed on disk and there are no edits to lose.
    Follow,
    Close,
}

/// A short message for the trainer about the last thing done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Problem(String),
}

/// The scenario being edited, and everything worked out about it.
#[derive(Resource, Default)]
pub struct ScenarioEditor {
    pub(super) doc: Option<Document>,
    /// Where a new scenario's file goes when first saved.
    pub(super) new_file: Option<PathBuf>,
    /// Counts changes of the document, so results about an older text are recognised.
    pub(super) revision: u64,
    pub(super) graph: Graph,
    pub(super) placed: HashMap<String, (usize, usize)>,
    pub(super) checked: Option<Checked>,
    pub(super) examples: Examples,
    pub(super) status: Option<Status>,
    /// Notes about the last edit (references left dangling, companion files).
    pub(super) notes: Vec<String>,
    pub(super) conflict: Option<Box<care_engine::edit::Conflict>>,
    pub(super) queue: VecDeque<Command>,
    pub(super) file_job: Option<FileJob>,
    /// The field the last edit changed, when the next edit of it joins the same undo step.
    pub(super) merge: Option<MergeKey>,
}

impl ScenarioEditor {
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// Whether there are edits not saved yet (a new scenario always has).
    pub fn is_modified(&self) -> bool {
        self.doc
            .as_ref()
            .is_some_and(|d| self.new_file.is_some() || d.is_modified())
    }

    /// The file the document is saved to.
    pub fn file(&self) -> Option<PathBuf> {
        self.new_file
            .clone()
            .or_else(|| self.doc.as_ref()?.path().map(PathBuf::from))
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The checks of the text as it is now; `None` while they are being worked out.
    pub fn checked(&self) -> Option<&Checked> {
        self.checked
            .as_ref()
            .filter(|c| c.revision == self.revision)
    }

    /// The last checks done, perhaps of an earlier text (to keep showing while the new ones
    /// are worked out).
    pub fn last_checked(&self) -> Option<&Checked> {
        self.checked.as_ref()
    }

    pub fn examples(&self) -> &Examples {
        &self.examples
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    pub fn conflict(&self) -> Option<&care_engine::edit::Conflict> {
        self.conflict.as_deref()
    }

    /// What the editor is doing with files, e.g. "Saving…".
    pub fn busy(&self) -> Option<&'static str> {
        self.file_job.as_ref().map(FileJob::doing)
    }

    /// Whether a file job is out or commands wait for one.
    pub fn working_on_files(&self) -> bool {
        self.file_job.is_some() || !self.queue.is_empty()
    }

    /// Whether anything is still being worked out (checks, files, judged examples).
    pub fn working(&self) -> bool {
        self.file_job.is_some()
            || !self.queue.is_empty()
            || (self.doc.is_some() && self.checked().is_none())
            || self.examples.judging()
    }

    /// Replaces the document (opened, created, reloaded or saved), as a change of its text.
    pub(super) fn set_document(&mut self, doc: Option<Document>) {
        self.doc = doc;
        self.checked = None;
        self.examples.forget();
        self.changed();
    }

    /// The document's text changed: lay the graph out again; checks follow.
    pub(super) fn changed(&mut self) {
        self.revision += 1;
        self.relayout();
    }

    pub(super) fn relayout(&mut self) {
        self.graph = self
            .doc
            .as_ref()
            .and_then(Document::raw)
            .map(|raw| graph(raw, &self.placed))
            .unwrap_or_default();
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ScenarioEditor>();
    app.init_resource::<author_check::CheckJob>();
    app.init_resource::<CloseAsked>();
    // Present with a window; headless, a test may send one.
    app.add_message::<WindowCloseRequested>();
    // Present with a window; headless, the editor's requests are simply not read.
    app.add_message::<RequestRedraw>();
    app.add_message::<OpenScenario>()
        .add_message::<NewScenario>()
        .add_message::<EditScenario>()
        .add_message::<ContinueEdit>()
        .add_message::<AddNode>()
        .add_message::<PlaceNode>()
        .add_message::<Undo>()
        .add_message::<Redo>()
        .add_message::<SaveScenario>()
        .add_message::<ResolveConflict>()
        .add_message::<CloseScenario>();
    app.add_systems(
        Update,
        (
            (take_messages, close_requested).in_set(AppSystems::RecordInput),
            (
                author_files::follow_the_file,
                author_files::finish,
                run_commands,
                author_check::start,
                author_check::finish,
                author_examples::submit,
                author_examples::collect,
                keep_frames_coming,
            )
                .chain()
                .in_set(AppSystems::Update),
        ),
    );
}

#[expect(
    clippy::too_many_arguments,
    reason = "one reader per message the screen sends"
)]
fn take_messages(
    mut editor: ResMut<ScenarioEditor>,
    mut open: MessageReader<OpenScenario>,
    mut new: MessageReader<NewScenario>,
    (mut edits, mut continued): (MessageReader<EditScenario>, MessageReader<ContinueEdit>),
    (mut add, mut place): (MessageReader<AddNode>, MessageReader<PlaceNode>),
    (mut undo, mut redo): (MessageReader<Undo>, MessageReader<Redo>),
    (mut save, mut resolve): (MessageReader<SaveScenario>, MessageReader<ResolveConflict>),
    mut close: MessageReader<CloseScenario>,
) {
    let q = &mut editor.queue;
    q.extend(close.read().map(|_| Command::Close));
    q.extend(open.read().map(|m| Command::Open(m.0.clone())));
    q.extend(new.read().cloned().map(Command::New));
    q.extend(edits.read().map(|m| Command::Edit(m.0.clone(), false)));
    q.extend(continued.read().map(|m| Command::Edit(m.0.clone(), true)));
    q.extend(add.read().cloned().map(Command::Add));
    q.extend(undo.read().map(|_| Command::Undo));
    q.extend(redo.read().map(|_| Command::Redo));
    q.extend(save.read().map(|_| Command::Save));
    q.extend(resolve.read().map(|r| Command::Resolve(*r)));
    let moved: Vec<PlaceNode> = place.read().cloned().collect();
    if !moved.is_empty() {
        for m in moved {
            editor.placed.insert(m.key, m.place);
        }
        editor.relayout();
    }
}

/// Works through the queue until a command needs the files (then waits for that job).
fn run_commands(
    mut editor: ResMut<ScenarioEditor>,
    folder: Res<super::library::ScenarioFolder>,
    library: Res<super::library::ScenarioLibrary>,
) {
    while editor.file_job.is_none() {
        let Some(command) = editor.queue.pop_front() else {
            break;
        };
        let editor = &mut *editor;
        match command {
            Command::Edit(edit, joins) => author_edits::apply(editor, edit, joins),
            Command::Add(add) => author_edits::add_node(editor, add),
            Command::Undo => author_edits::history(editor, true),
            Command::Redo => author_edits::history(editor, false),
            Command::Close => {
                editor.new_file = None;
                editor.conflict = None;
                editor.placed.clear();
                editor.notes.clear();
                editor.status = None;
                editor.set_document(None);
            }
            // Edits made since the file changed on disk are not to be read over.
            Command::Follow if editor.is_modified() => {}
            Command::Open(_)
            | Command::New(_)
            | Command::Save
            | Command::Resolve(_)
            | Command::Follow => {
                editor.merge = None;
                author_files::start(editor, command, &folder.0, &library);
            }
        }
    }
}

/// The window's close button: closes the game, unless there are edits to lose (then the
/// screen asks first).
fn close_requested(
    mut requests: MessageReader<WindowCloseRequested>,
    editor: Res<ScenarioEditor>,
    mut asked: ResMut<CloseAsked>,
    mut exit: MessageWriter<AppExit>,
) {
    if requests.read().count() == 0 {
        return;
    }
    if editor.is_modified() {
        asked.0 = true;
    } else {
        exit.write(AppExit::Success);
    }
}

/// Menus redraw only on input: while results are on their way, frames keep coming so they
/// show as soon as they arrive.
fn keep_frames_coming(editor: Res<ScenarioEditor>, mut redraw: MessageWriter<RequestRedraw>) {
    if editor.working() {
        redraw.write(RequestRedraw);
    }
}
