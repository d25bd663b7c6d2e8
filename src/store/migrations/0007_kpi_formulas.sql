-- KPIs whose results come from Khet's own data (docs/PLANS.md, "Results from Khet's data"):
-- the formula of a KPI's line or sub-row, and, with each computed result, the formula it was
-- computed by, so a later change of the formula leaves stored results as they were.
ALTER TABLE kpi_rows ADD COLUMN formula TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi_results ADD COLUMN formula TEXT NOT NULL DEFAULT '';
