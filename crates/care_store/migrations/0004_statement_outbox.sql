-- Learning records waiting to be sent to the company's learning record store (xAPI). Each row is
-- written in the same transaction as the attempt or checkpoint it describes, with its statement
-- id fixed then, so sending it again can never make a second record.

CREATE TABLE statement_outbox (
    id TEXT PRIMARY KEY,
    registration TEXT NOT NULL,
    employee_id TEXT NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    ordinal BIGINT NOT NULL,
    verb TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    -- pending, sent or rejected; settled_at is when it was sent or rejected
    status TEXT NOT NULL,
    tries BIGINT NOT NULL,
    -- A pending row is not tried before this time: a back-off after a failure, or another
    -- station's claim while it sends the row.
    next_try_at BIGINT NOT NULL,
    claim TEXT,
    last_error TEXT,
    settled_at BIGINT
);

-- Sending order among the pending, what one sender holds, and one attempt's statements.
CREATE INDEX statement_outbox_queue ON statement_outbox (status, created_at, registration, ordinal);
CREATE INDEX statement_outbox_claim ON statement_outbox (claim);
CREATE INDEX statement_outbox_registration ON statement_outbox (registration);
