-- Plans (docs/PLANS.md): one per office and fiscal year (Buddhist era), its items in document
-- order, its KPIs with their sub-rows, targets per year and results per year and reporting
-- round; the frameworks plans serve and the links to them. A plan is written whole, in one
-- transaction, so its rows are keyed by the plan rather than by ids of their own.
CREATE TABLE plans (
    office_code TEXT NOT NULL REFERENCES offices (code),
    fiscal_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    numbering TEXT NOT NULL DEFAULT '',  -- "kind=style" lines, kinds not listed by default
    status_rules TEXT NOT NULL,          -- "percent=status" lines, then "otherwise=status"
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (office_code, fiscal_year)
);

CREATE TABLE plan_groups (
    office_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (office_code, fiscal_year, code),
    FOREIGN KEY (office_code, fiscal_year) REFERENCES plans (office_code, fiscal_year)
);

CREATE TABLE plan_items (
    office_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    position INTEGER NOT NULL,
    item_key TEXT NOT NULL,
    parent_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (office_code, fiscal_year, item_key),
    FOREIGN KEY (office_code, fiscal_year) REFERENCES plans (office_code, fiscal_year)
);

-- Lists (levels, groups) are kept as lines of text: neither holds a line break.
CREATE TABLE kpis (
    office_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    item_key TEXT NOT NULL,
    unit TEXT NOT NULL,
    polarity TEXT NOT NULL,
    levels TEXT NOT NULL,
    groups TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (office_code, fiscal_year, item_key),
    FOREIGN KEY (office_code, fiscal_year, item_key)
        REFERENCES plan_items (office_code, fiscal_year, item_key)
);

-- Row 0 is the KPI's own line (its figures when it has no sub-rows); 1, 2 … its sub-rows.
-- Values are kept as the plan prints them ("91.97", "-5.20", "ดีเยี่ยม", "-") and read back
-- by the KPI's unit.
CREATE TABLE kpi_rows (
    office_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    item_key TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    label TEXT NOT NULL,
    groups TEXT NOT NULL,
    baseline TEXT NOT NULL,
    PRIMARY KEY (office_code, fiscal_year, item_key, row_no),
    FOREIGN KEY (office_code, fiscal_year, item_key)
        REFERENCES kpis (office_code, fiscal_year, item_key)
);

CREATE TABLE kpi_targets (
    office_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    item_key TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    target_year INTEGER NOT NULL,
    target TEXT NOT NULL,
    target_high TEXT NOT NULL,
    PRIMARY KEY (office_code, fiscal_year, item_key, row_no, target_year),
    FOREIGN KEY (office_code, fiscal_year, item_key, row_no)
        REFERENCES kpi_rows (office_code, fiscal_year, item_key, row_no)
);

CREATE TABLE kpi_results (
    office_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    item_key TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    result_year INTEGER NOT NULL,
    round INTEGER NOT NULL,  -- months into the fiscal year: 3, 6, 9, 12
    value TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (office_code, fiscal_year, item_key, row_no, result_year, round),
    FOREIGN KEY (office_code, fiscal_year, item_key, row_no)
        REFERENCES kpi_rows (office_code, fiscal_year, item_key, row_no)
);

-- office_code '' for a national framework (OBEC's strategies).
CREATE TABLE frameworks (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    office_code TEXT NOT NULL DEFAULT ''
);

CREATE TABLE framework_items (
    framework_code TEXT NOT NULL REFERENCES frameworks (code),
    position INTEGER NOT NULL,
    item_key TEXT NOT NULL,
    parent_key TEXT NOT NULL,
    number TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (framework_code, item_key)
);

-- Not a foreign key to framework_items: a framework file imported again replaces its items,
-- and the import checks every plan's links against the frameworks as they will be.
CREATE TABLE plan_alignments (
    office_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    item_key TEXT NOT NULL,
    framework_code TEXT NOT NULL,
    framework_item TEXT NOT NULL,
    PRIMARY KEY (office_code, fiscal_year, item_key, framework_code, framework_item),
    FOREIGN KEY (office_code, fiscal_year, item_key)
        REFERENCES plan_items (office_code, fiscal_year, item_key)
);
CREATE INDEX plan_alignments_framework ON plan_alignments (framework_code, framework_item);
