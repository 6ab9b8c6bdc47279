//! Learning records inside a journalled save: the serde form of [`OutboxStatement`], used with
//! `#[serde(with = "crate::statement_serde")]` on a `Vec<OutboxStatement>` field.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::ids::{AttemptId, EmployeeId};
use crate::outbox::OutboxStatement;
use crate::time_fmt::Timestamp;

/// The same fields as [`OutboxStatement`], so the journal can write and read it.
#[derive(Serialize, Deserialize)]
#[serde(remote = "OutboxStatement")]
struct StatementDef {
    id: Uuid,
    registration: AttemptId,
    employee: EmployeeId,
    ordinal: i64,
    verb: String,
    created: Timestamp,
    body: String,
}

#[derive(Serialize)]
struct Out<'a>(#[serde(with = "StatementDef")] &'a OutboxStatement);

#[derive(Deserialize)]
struct In(#[serde(with = "StatementDef")] OutboxStatement);

pub(crate) fn serialize<S: Serializer>(
    statements: &[OutboxStatement],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(statements.iter().map(Out))
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<OutboxStatement>, D::Error> {
    Ok(Vec::<In>::deserialize(d)?
        .into_iter()
        .map(|In(s)| s)
        .collect())
}
