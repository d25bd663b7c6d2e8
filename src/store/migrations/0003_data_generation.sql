-- One number that every write raises in its own transaction: a process that kept something it
-- computed from the store (the HTTP response cache) compares it to know whether that is still
-- current, even when other processes write to the same database.
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY,
    value INTEGER NOT NULL
);

INSERT INTO data_generation (id, value) VALUES (1, 0);
