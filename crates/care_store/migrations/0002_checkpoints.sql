-- A run in progress, saved at every beat so a crash loses at most the current beat.

CREATE TABLE checkpoints (
    attempt_id TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    seed BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    beats BIGINT NOT NULL,
    answers TEXT NOT NULL
);

CREATE INDEX checkpoints_by_employee ON checkpoints (employee_id);
