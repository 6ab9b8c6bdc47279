-- A rush-hour shift in progress: its inputs so far (the engine's own JSON), saved as it is played
-- so one interrupted by a crash can be replayed. The row goes in the same transaction as the
-- shift's result (whose id it shares), or when the trainee abandons the shift.

CREATE TABLE shift_checkpoints (
    id TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    shift_id TEXT NOT NULL,
    shift_title TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    seed BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    inputs TEXT NOT NULL
);

CREATE INDEX shift_checkpoints_by_employee ON shift_checkpoints (employee_id, updated_at);
