-- Onboarding: training sessions for a cohort on a curriculum, curricula assigned with a due date,
-- completed curricula, and shift results (a shift step is passed by its triage).

CREATE TABLE training_sessions (
    id TEXT PRIMARY KEY,
    curriculum_id TEXT NOT NULL,
    title TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);

CREATE TABLE session_members (
    session_id TEXT NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, employee_id)
);

CREATE INDEX session_members_by_employee ON session_members (employee_id);

-- Either one employee or a whole team.
CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    curriculum_id TEXT NOT NULL,
    employee_id TEXT REFERENCES employees (id) ON DELETE CASCADE,
    team TEXT,
    due_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE curriculum_completions (
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    curriculum_id TEXT NOT NULL,
    completed_at BIGINT NOT NULL,
    PRIMARY KEY (employee_id, curriculum_id)
);

CREATE TABLE shift_results (
    id TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    shift_id TEXT NOT NULL,
    triage BIGINT NOT NULL,
    passed BIGINT NOT NULL,
    finished_at BIGINT NOT NULL
);

CREATE INDEX shift_results_by_employee ON shift_results (employee_id, finished_at);
