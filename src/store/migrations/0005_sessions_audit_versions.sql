-- Sessions (only the hash of each token is kept), sign-in attempts for throttling, the audit
-- trail, and who last changed a school (its version is in 0001). Times of sessions and attempts are seconds since
-- 1970 UTC; audit times are UTC text "YYYY-MM-DDTHH:MM:SSZ", which sorts as it reads.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    address TEXT NOT NULL,
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sign_in_attempts (
    at BIGINT NOT NULL,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    succeeded INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_login ON sign_in_attempts (login, at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, at);

-- Keyed by the data generation the write produced (raised first in every write transaction, so
-- writers are already serialised on it) and the entry's order within the write.
CREATE TABLE audit_log (
    generation BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    user_login TEXT NOT NULL,
    user_name TEXT NOT NULL,
    address TEXT NOT NULL,
    office_code TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value TEXT NOT NULL,
    PRIMARY KEY (generation, seq)
);
CREATE INDEX audit_log_office ON audit_log (office_code, generation);

ALTER TABLE schools ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE schools ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
