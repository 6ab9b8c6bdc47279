-- Running summaries kept up to date with every saved attempt, so the team overview reads one
-- row per employee instead of every attempt. Filled here from the attempts already stored.

CREATE TABLE employee_stats (
    employee_id TEXT PRIMARY KEY REFERENCES employees (id) ON DELETE CASCADE,
    attempts BIGINT NOT NULL,
    sum_speed BIGINT NOT NULL,
    sum_empathy BIGINT NOT NULL,
    sum_follow_through BIGINT NOT NULL,
    latest_at BIGINT NOT NULL,
    latest_speed BIGINT NOT NULL,
    latest_empathy BIGINT NOT NULL,
    latest_follow_through BIGINT NOT NULL,
    best_speed BIGINT NOT NULL,
    best_empathy BIGINT NOT NULL,
    best_follow_through BIGINT NOT NULL,
    scenarios_passed BIGINT NOT NULL,
    ema_fast DOUBLE PRECISION NOT NULL,
    ema_slow DOUBLE PRECISION NOT NULL
);

CREATE TABLE employee_scenarios (
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    passes BIGINT NOT NULL,
    best_overall BIGINT NOT NULL,
    PRIMARY KEY (employee_id, scenario_id)
);

INSERT INTO employee_scenarios (employee_id, scenario_id, attempts, passes, best_overall)
SELECT employee_id, scenario_id, COUNT(*), SUM(passed), MAX(overall)
FROM attempts
WHERE status = 'finished'
GROUP BY employee_id, scenario_id;

INSERT INTO employee_stats (
    employee_id, attempts, sum_speed, sum_empathy, sum_follow_through,
    latest_at, latest_speed, latest_empathy, latest_follow_through,
    best_speed, best_empathy, best_follow_through, scenarios_passed, ema_fast, ema_slow
)
SELECT a.employee_id, COUNT(*), SUM(a.speed), SUM(a.empathy), SUM(a.follow_through),
    MAX(a.finished_at), 0, 0, 0,
    MAX(a.speed), MAX(a.empathy), MAX(a.follow_through),
    (SELECT COUNT(*) FROM employee_scenarios s WHERE s.employee_id = a.employee_id AND s.passes > 0),
    AVG(a.overall * 1.0), AVG(a.overall * 1.0)
FROM attempts a
WHERE a.status = 'finished'
GROUP BY a.employee_id;

UPDATE employee_stats SET
    latest_speed = (SELECT a.speed FROM attempts a WHERE a.employee_id = employee_stats.employee_id
        AND a.status = 'finished' ORDER BY a.finished_at DESC, a.id DESC LIMIT 1),
    latest_empathy = (SELECT a.empathy FROM attempts a WHERE a.employee_id = employee_stats.employee_id
        AND a.status = 'finished' ORDER BY a.finished_at DESC, a.id DESC LIMIT 1),
    latest_follow_through = (SELECT a.follow_through FROM attempts a WHERE a.employee_id = employee_stats.employee_id
        AND a.status = 'finished' ORDER BY a.finished_at DESC, a.id DESC LIMIT 1);
