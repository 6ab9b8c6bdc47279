-- Employees and their finished attempts. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Times are milliseconds since the Unix epoch; ids are UUID text.

CREATE TABLE employees (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    team TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    seed BIGINT NOT NULL,
    status TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    speed BIGINT NOT NULL,
    empathy BIGINT NOT NULL,
    follow_through BIGINT NOT NULL,
    overall BIGINT NOT NULL,
    passed BIGINT NOT NULL,
    outcome TEXT NOT NULL
);

-- The score card with its reasons and the whole transcript, apart from the scores so that lists
-- and summaries read small rows: deflate-compressed JSON ({"card": …, "transcript": …}), about a
-- fifth of the plain text.
CREATE TABLE attempt_records (
    attempt_id TEXT PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    record BYTEA NOT NULL
);

CREATE INDEX attempts_by_employee ON attempts (employee_id, finished_at);
CREATE INDEX attempts_by_scenario ON attempts (scenario_id, finished_at);

-- Points lost per beat of each attempt, so a scenario's weakest beat is one query.
CREATE TABLE attempt_losses (
    attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL,
    beat_key TEXT NOT NULL,
    points BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, beat_key)
);

CREATE INDEX attempt_losses_by_scenario ON attempt_losses (scenario_id, beat_key);

-- Small settings: the manager passphrase hash and its failed-try counter.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
