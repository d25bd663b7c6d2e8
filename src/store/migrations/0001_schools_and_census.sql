-- Offices, quality zones, schools, census rounds and the census counts.
-- Portable between SQLite and PostgreSQL: natural text keys, INTEGER counts, no engine types.
CREATE TABLE offices (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    data_note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE quality_zones (
    code TEXT PRIMARY KEY,
    office_code TEXT NOT NULL REFERENCES offices (code),
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    centre_school_code TEXT NOT NULL DEFAULT ''
);

CREATE TABLE schools (
    code TEXT PRIMARY KEY,
    smis_code TEXT NOT NULL DEFAULT '',
    office_code TEXT NOT NULL REFERENCES offices (code),
    name TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    zone_code TEXT NOT NULL DEFAULT '',
    affiliation TEXT NOT NULL,
    level_span TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX schools_by_office ON schools (office_code);

CREATE TABLE census_rounds (
    academic_year INTEGER NOT NULL,
    round INTEGER NOT NULL,
    snapshot_date TEXT NOT NULL,
    PRIMARY KEY (academic_year, round)
);

-- Students of a grade by sex, and the rooms of that grade (classrooms per grade).
CREATE TABLE enrolments (
    school_code TEXT NOT NULL REFERENCES schools (code),
    academic_year INTEGER NOT NULL,
    round INTEGER NOT NULL,
    grade TEXT NOT NULL,
    male INTEGER NOT NULL CHECK (male >= 0),
    female INTEGER NOT NULL CHECK (female >= 0),
    rooms INTEGER NOT NULL CHECK (rooms >= 0),
    PRIMARY KEY (academic_year, round, school_code, grade)
);

CREATE TABLE staff_counts (
    school_code TEXT NOT NULL REFERENCES schools (code),
    academic_year INTEGER NOT NULL,
    round INTEGER NOT NULL,
    position TEXT NOT NULL,
    rank TEXT NOT NULL,
    standing TEXT NOT NULL,
    male INTEGER NOT NULL CHECK (male >= 0),
    female INTEGER NOT NULL CHECK (female >= 0),
    PRIMARY KEY (academic_year, round, school_code, position, rank, standing)
);

CREATE TABLE degree_counts (
    school_code TEXT NOT NULL REFERENCES schools (code),
    academic_year INTEGER NOT NULL,
    round INTEGER NOT NULL,
    degree TEXT NOT NULL,
    male INTEGER NOT NULL CHECK (male >= 0),
    female INTEGER NOT NULL CHECK (female >= 0),
    PRIMARY KEY (academic_year, round, school_code, degree)
);
