-- Size schemes are data: the seed schemes are preloaded here, offices may add their own.
CREATE TABLE size_schemes (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    ordinal INTEGER NOT NULL
);

CREATE TABLE size_bands (
    scheme_code TEXT NOT NULL REFERENCES size_schemes (code),
    ordinal INTEGER NOT NULL,
    label TEXT NOT NULL,
    min_students INTEGER NOT NULL,
    max_students INTEGER,
    PRIMARY KEY (scheme_code, ordinal)
);

INSERT INTO size_schemes (code, name, ordinal) VALUES
    ('seed003', 'เกณฑ์ 4 ขนาด (แผนปี 2565)', 1),
    ('seed000', 'เกณฑ์ 3 ขนาด (แผนปี 2563)', 2),
    ('seed000-small', 'กลุ่มย่อยโรงเรียนขนาดเล็ก (แผนปี 2563)', 3),
    ('obec7', 'เกณฑ์ 7 ขนาด', 4);

INSERT INTO size_bands (scheme_code, ordinal, label, min_students, max_students) VALUES
    ('seed003', 1, 'ขนาดเล็ก (1–120 คน)', 1, 120),
    ('seed003', 2, 'ขนาดกลาง (121–600 คน)', 121, 600),
    ('seed003', 3, 'ขนาดใหญ่ (601–1,500 คน)', 601, 1500),
    ('seed003', 4, 'ขนาดใหญ่พิเศษ (1,501 คนขึ้นไป)', 1501, NULL),
    ('seed000', 1, 'ขนาดเล็ก (1–120 คน)', 1, 120),
    ('seed000', 2, 'ขนาดกลาง (121–500 คน)', 121, 500),
    ('seed000', 3, 'ขนาดใหญ่ (501 คนขึ้นไป)', 501, NULL),
    ('seed000-small', 1, 'ไม่เกิน 50 คน', 1, 50),
    ('seed000-small', 2, '51–60 คน', 51, 60),
    ('seed000-small', 3, '61–80 คน', 61, 80),
    ('seed000-small', 4, '81–100 คน', 81, 100),
    ('seed000-small', 5, '101–120 คน', 101, 120),
    ('obec7', 1, '1–120 คน', 1, 120),
    ('obec7', 2, '121–200 คน', 121, 200),
    ('obec7', 3, '201–300 คน', 201, 300),
    ('obec7', 4, '301–499 คน', 301, 499),
    ('obec7', 5, '500–1,499 คน', 500, 1499),
    ('obec7', 6, '1,500–2,499 คน', 1500, 2499),
    ('obec7', 7, '2,500 คนขึ้นไป', 2500, NULL);
