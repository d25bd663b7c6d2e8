-- Users and their grants (role × scope). Ids are given by the store (MAX + 1 inside the write
-- transaction): SQLite and PostgreSQL share no autoincrement syntax.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

-- An empty code means "no scope of this kind" (system_admin has none at all), so the whole
-- row can be the key.
CREATE TABLE user_grants (
    user_id INTEGER NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    office_code TEXT NOT NULL DEFAULT '',
    school_code TEXT NOT NULL DEFAULT '',
    group_name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, role, office_code, school_code, group_name)
);
