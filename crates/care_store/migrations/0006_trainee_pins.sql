-- Trainee PINs: an argon2 hash of each trainee's PIN (none until they set one), with the count
-- of wrong tries in a row and the time before which no try is checked. Whether PINs are required
-- is one store-wide setting, off until the manager turns it on.

ALTER TABLE employees ADD COLUMN pin_hash TEXT;
ALTER TABLE employees ADD COLUMN pin_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE employees ADD COLUMN pin_wait_until BIGINT NOT NULL DEFAULT 0;

INSERT INTO settings (key, value) VALUES ('trainee_pins_required', 'no');
