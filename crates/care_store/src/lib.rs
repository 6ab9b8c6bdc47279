//! CARE's progress store: employees, finished attempts, per-beat checkpoints and the manager's
//! review, on an embedded SQLite file or a shared PostgreSQL database. No rendering.
//!
//! The API is synchronous (it drives its own small async runtime), so the game and the command
//! line call it directly. What a caller may see is decided by the type it holds: a
//! [`TraineeView`] reads and writes one employee's own results; a [`ManagerAccess`], obtained
//! with the manager passphrase, reads everyone's.
//!
//! Finished results go through a [`Saver`]: journalled on disk at once, committed on a thread of
//! its own, retried until stored, never stored twice.

mod attempts;
mod backfill;
mod checkpoints;
mod connect;
pub mod demo;
mod employees;
mod error;
mod facilitator;
pub mod files;
mod ids;
mod journal;
mod location;
mod manager;
mod onboarding;
mod outbox;
mod outbox_read;
mod overdue;
mod passphrase;
mod pending;
mod pin;
mod pool;
pub mod recommend;
mod record;
pub mod report;
mod retry;
mod review;
mod saver;
mod saver_worker;
mod shift_checkpoints;
mod shift_save;
mod statement_serde;
mod stats;
mod time_fmt;
mod trainee;

pub use attempts::{AttemptDetail, AttemptRow, AttemptStatus, NewAttempt, Saved};
pub use checkpoints::Checkpoint;
pub use connect::{Backend, SCHEMA_VERSION, Store};
pub use employees::{Employee, EmployeeExport};
pub use error::StoreError;
pub use facilitator::{MemberProgress, Mistake, SessionView, step_result};
pub use ids::{AttemptId, EmployeeId, ShiftRunId};
pub use journal::{Journal, JournalContents, SetAside};
pub use location::{
    DATA_DIR_ENV, DATABASE_URL_ENV, StoreLocation, default_data_dir, default_export_dir,
    local_data_dir,
};
pub use manager::ManagerAccess;
pub use onboarding::{Assignee, Assignment, CohortLoss, Overdue, PlayResult, TrainingSession};
pub use outbox::{
    ClaimedStatement, DeliveryStatus, Outbox, OutboxStatement, OutboxSummary, QueuedStatement,
    RejectedStatement,
};
pub use passphrase::{MIN_PASSPHRASE_CHARS, ManagerLock};
pub use pending::{PendingCheckpoint, PendingSave, SaveId};
pub use pin::{MAX_PIN_DIGITS, MIN_PIN_DIGITS};
pub use pool::Durability;
pub use review::{
    BeatLoss, EmployeePage, OverviewRow, ScenarioPage, ScenarioResult, SortKey, TeamFilter, Trend,
    sort_overview,
};
pub use saver::{SaveEvent, SaveState, Saver};
pub use shift_checkpoints::ShiftCheckpoint;
pub use shift_save::ShiftSave;
pub use stats::{TREND_MIN_ATTEMPTS, dimension_name};
pub use time_fmt::Timestamp;
pub use trainee::TraineeView;

/// Result of a store call.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
