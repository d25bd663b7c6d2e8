#!/usr/bin/env python3
"""The documents of bench/plan_pdf.sh: a long plan file made from seed 002, and the same
document as a flat ODT (.fodt) for LibreOffice.

    plan_pdf.py SEED.yaml COPIES PLAN.yaml DOCUMENT.fodt

PLAN.yaml is seed 002's plan with its six strategies (and their guidelines and KPIs) written
COPIES times, strategies numbered on (7-12, 13-18, ...) and KPIs numbered on through the plan
(33-64, ...); everything else as the seed has it. Its `serves:` links name obec-2562, so
data/frameworks/obec-2562.yaml is imported with it.

DOCUMENT.fodt holds the text of Khet's PDF of that plan in the same order, as
src/domain/plan_document.cpp lays it out: the cover (title and provenance), the contents (every
level-1 and level-2 heading with its page), the items from the vision to the guidelines (section
headings, strategies as headings, the other items as numbered paragraphs indented by depth with
no-break spaces), a page break, and the KPI table (7 columns, a KPI with sub-rows as one row with
its lines, strategy and guideline cells only where they change, the header row repeated on every
page, a tall row split across pages) with its note. A4 portrait, the KPI table on A4 landscape
from its page on, Khet's margins (3 cm left, 2 cm right, 2.5 cm top, 2 cm bottom) and fonts
(Laksaman 10.5 pt body, Bold 11 headings, Bold 12 the contents' title, Bold 18 the cover's, 9 pt
the note), the page number "หน้า N" centred under every page but the cover. The KPI table's
column widths are those Khet's PDF of this plan shows.

Needs PyYAML (Debian python3-yaml) to read the seed.
"""
import copy
import datetime
import sys
from xml.sax.saxutils import escape

import yaml

KINDS = ["vision", "mission", "goal", "value", "identity", "slogan", "strategy", "focus",
         "guideline", "kpi"]
# Numbered by their place when the file gives no number (docs/PLANS.md); KPIs are numbered
# through the plan and always carry their number in seed 002.
PER_PARENT = {"mission", "goal", "value", "strategy", "focus", "guideline"}
SECTION = {"vision": "วิสัยทัศน์", "mission": "พันธกิจ", "goal": "เป้าประสงค์",
           "value": "ค่านิยมองค์กร", "identity": "อัตลักษณ์", "slogan": "สโลแกน",
           "strategy": "กลยุทธ์และแนวทางการพัฒนา", "focus": "จุดเน้น", "guideline": "แนวทาง"}
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
# The KPI table's column widths in points in Khet's PDF of this plan (src/reports/pdf.cpp
# measures them from the cells), as shares of the 24.7 cm text width of a landscape page.
WIDTHS = [82, 122, 271, 70, 46, 63, 46]
TABLE_CM = 24.7


def kind_of(item):
    kinds = [k for k in KINDS if k in item]
    assert len(kinds) == 1, item
    return kinds[0]


def expand(seed, copies):
    """Seed 002 with its strategies written `copies` times, renumbered."""
    plan = {k: v for k, v in seed.items() if k != "items"}
    plan["source"] = f"bench/plan_pdf.sh: seed 002 with its strategies {copies} times"
    front = [i for i in seed["items"] if kind_of(i) != "strategy"]
    strategies = [i for i in seed["items"] if kind_of(i) == "strategy"]
    assert seed["items"] == front + strategies, "seed 002's strategies come last"

    def kpis(item):
        yield from ([item] if kind_of(item) == "kpi" else [])
        for child in item.get("items", []):
            yield from kpis(child)

    kpi_count = sum(1 for s in strategies for _ in kpis(s))
    items = list(front)
    for k in range(copies):
        for strategy in strategies:
            s = copy.deepcopy(strategy)
            s["number"] = str(int(s["number"]) + k * len(strategies))
            for kpi in kpis(s):
                kpi["number"] = str(int(kpi["number"]) + k * kpi_count)
            items.append(s)
    plan["items"] = items
    return plan


def walk(items, level=0, parent_numbers=None):
    """(item, kind, level, number) in document order, numbering as Khet does."""
    counts = {}
    for item in items:
        kind = kind_of(item)
        counts[kind] = counts.get(kind, 0) + 1
        number = item.get("number")
        if number is None and kind in PER_PARENT:
            number = str(counts[kind])
        yield item, kind, level, "" if number is None else str(number)
        yield from walk(item.get("items", []), level + 1)


def numbered(text, number):
    return f"{number}. {text}" if number else text


def value_text(value):
    return "-" if value is None else str(value)


def thai_now():
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7)))
    return f"{now.day} {MONTHS[now.month - 1]} {now.year + 543} เวลา {now:%H:%M} น."


def blocks(plan, office_name):
    """Khet's document of the plan (src/domain/plan_document.cpp), as a list of blocks."""
    year = int(plan["fiscal_year"])
    out = []
    section = None
    for item, kind, level, number in walk(plan["items"]):
        if kind == "kpi":
            continue
        if level == 0 and kind != section:
            section = kind
            out.append(("heading", 1, SECTION[kind]))
        if level == 0 and kind == "strategy":
            out.append(("heading", 2, f"กลยุทธ์ที่ {number} {item[kind]}" if number else item[kind]))
            continue
        out.append(("paragraph", "\u00a0\u00a0\u00a0\u00a0" * max(0, level - 1)
                    + numbered(item[kind], number)))

    # The KPI table: one line per KPI or sub-row, with the strategy and the topmost guideline
    # above it (src/domain/kpi_table.cpp).
    lines = []

    def collect(items, strategy, guideline):
        for item in items:
            kind = kind_of(item)
            here = numbered(item[kind], item.get("number", ""))
            if kind == "strategy":
                collect(item.get("items", []), here, None)
            elif kind == "guideline":
                collect(item.get("items", []), strategy, guideline or here)
            elif kind == "kpi":
                groups = "/".join(item.get("groups", []))
                rows = item.get("rows") or [None]
                lines.append([(id(item), here, strategy, guideline, row,
                               "/".join(row["groups"]) if row and "groups" in row else groups,
                               row if row else item) for row in rows])
            else:
                collect(item.get("items", []), strategy, guideline)

    collect(plan["items"], None, None)
    if not lines:
        return out
    out.append(("pagebreak",))
    out.append(("heading", 1, f"ตัวชี้วัดและค่าเป้าหมาย ปีงบประมาณ พ.ศ. {year}"))
    header = ["กลยุทธ์", "แนวทาง", "ตัวชี้วัด", "กลุ่มรับผิดชอบ", f"เป้าหมาย ปี {year - 1}",
              f"ผลปฏิบัติงาน ปี {year - 1}", f"เป้าหมาย ปี {year}"]
    rows = []
    last_strategy = last_guideline = None
    for kpi_lines in lines:
        _, text, strategy, guideline, _, _, _ = kpi_lines[0]
        groups, target_previous, result_previous, target = [], [], [], []
        for j, (_, _, _, _, row, line_groups, figures) in enumerate(kpi_lines):
            if row:
                text += "\n- " + row["label"]
            if j == 0 or line_groups != kpi_lines[0][5]:
                groups.append(line_groups)
            targets = figures.get("targets") or {}
            results = figures.get("results") or {}
            target_previous.append(value_text(targets.get(year - 1)))
            previous = results.get(year - 1)
            if isinstance(previous, dict):  # per round or with evidence
                previous = previous.get("value", previous.get(12))
            result_previous.append(value_text(previous))
            target.append(value_text(targets.get(year)))
        rows.append([strategy if strategy != last_strategy else "",
                     guideline if guideline != last_guideline else "",
                     text, "\n".join(groups), "\n".join(target_previous),
                     "\n".join(result_previous), "\n".join(target)])
        last_strategy, last_guideline = strategy, guideline
    caption = f"ตัวชี้วัด/เป้าหมาย ปีงบประมาณ พ.ศ. {year} ของ{office_name}"
    out.append(("table", caption, header, rows, ["- หมายถึง ไม่มีค่าเป้าหมายหรือผลในปีนั้น"]))
    return out


def text_props(size, bold=False):
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"' \
        if bold else ""
    return (f'<style:text-properties style:font-name="Laksaman" fo:font-size="{size}pt" '
            f'style:font-name-asian="Laksaman" style:font-size-asian="{size}pt" '
            f'style:font-name-complex="Laksaman" style:font-size-complex="{size}pt"{weight}/>')


def paragraph_style(name, size, bold=False, extra="", align="start"):
    return (f'<style:style style:name="{name}" style:family="paragraph" '
            f'style:parent-style-name="Standard">'
            f'<style:paragraph-properties fo:text-align="{align}" {extra}/>'
            f'{text_props(size, bold)}</style:style>')


def fodt(plan, office_name, document):
    year = int(plan["fiscal_year"])
    provenance = [office_name, f"ปีงบประมาณ พ.ศ. {year}",
                  f"เผยแพร่แล้ว ฉบับที่ 1 · พิมพ์จาก Khet เมื่อ {thai_now()}"]
    headings = [b for b in document if b[0] == "heading"]
    body = []
    p = body.append

    def para(style, text):
        lines = text.split("\n")
        return f'<text:p text:style-name="{style}">' + "<text:line-break/>".join(
            escape(line) for line in lines) + "</text:p>"

    # The cover: the title a third of the way down (less the top margin), the provenance.
    p(para("CoverTitle", plan["title"]))
    for line in provenance:
        p(para("CoverLine", line))
    # The contents: each heading with its page, from a reference to a bookmark on the heading.
    p(para("ContentsTitle", "สารบัญ"))
    for n, (_, level, text) in enumerate(headings):
        p(f'<text:p text:style-name="{"Contents1" if level <= 1 else "Contents2"}">{escape(text)}'
          f'<text:tab/><text:bookmark-ref text:reference-format="page" text:ref-name="h{n}">'
          f'</text:bookmark-ref></text:p>')
    n = 0
    next_break = "Heading1First"  # the items start on a new page, after the contents
    for block in document:
        if block[0] == "heading":
            _, level, text = block
            style = next_break if level <= 1 and next_break else f"Heading{min(level, 2)}"
            next_break = None
            p(f'<text:p text:style-name="{style}"><text:bookmark text:name="h{n}"/>'
              f'{escape(text)}</text:p>')
            n += 1
        elif block[0] == "paragraph":
            p(para("Body", block[1]))
        elif block[0] == "pagebreak":
            next_break = "Heading1Wide"
        elif block[0] == "table":
            _, caption, header, rows, notes = block
            p(para("Caption", caption))
            p('<table:table table:name="kpis" table:style-name="Kpis">')
            for c in range(len(header)):
                p(f'<table:table-column table:style-name="Kpis.{c}"/>')
            p('<table:table-header-rows><table:table-row table:style-name="Row">')
            for text in header:
                p('<table:table-cell table:style-name="Head" office:value-type="string">'
                  + para("TableHeader", text) + "</table:table-cell>")
            p("</table:table-row></table:table-header-rows>")
            for row in rows:
                p('<table:table-row table:style-name="Row">')
                for text in row:
                    p('<table:table-cell table:style-name="Cell" office:value-type="string">'
                      + "".join(para("TableBody", line) for line in text.split("\n"))
                      + "</table:table-cell>")
                p("</table:table-row>")
            p("</table:table>")
            for note in notes:
                p(para("Note", note))

    columns = "".join(
        f'<style:style style:name="Kpis.{c}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{TABLE_CM * w / sum(WIDTHS):.3f}cm"/>'
        f"</style:style>" for c, w in enumerate(WIDTHS))
    cell = ('fo:border="0.5pt solid #000000" fo:padding-left="3pt" fo:padding-right="3pt" '
            'fo:padding-top="1pt" fo:padding-bottom="1pt"')
    cover_top = 841.89 / 3 - 2.5 / 2.54 * 72
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{escape(plan["title"])}</dc:title></office:meta>
<office:font-face-decls>
 <style:font-face style:name="Laksaman" svg:font-family="Laksaman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/>
  <style:text-properties style:font-name="Laksaman" fo:font-size="10.5pt"
   style:font-name-asian="Laksaman" style:font-size-asian="10.5pt"
   style:font-name-complex="Laksaman" style:font-size-complex="10.5pt"
   fo:language="th" fo:country="TH" style:language-asian="th" style:country-asian="TH"
   style:language-complex="th" style:country-complex="TH" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 {paragraph_style("Body", 10.5, extra='fo:margin-top="0pt" fo:margin-bottom="4pt"')}
 {paragraph_style("Heading1", 11, True, 'fo:margin-top="6pt" fo:margin-bottom="2pt" fo:keep-with-next="always"')}
 {paragraph_style("Heading2", 10.5, True, 'fo:margin-top="6pt" fo:margin-bottom="2pt" fo:keep-with-next="always"')}
 {paragraph_style("CoverTitle", 18, True, f'fo:margin-top="{cover_top:.1f}pt" fo:margin-bottom="24pt"', "center")}
 {paragraph_style("CoverLine", 11, True, 'fo:margin-top="0pt" fo:margin-bottom="4pt"', "center")}
 {paragraph_style("ContentsTitle", 12, True, 'fo:margin-top="0pt" fo:margin-bottom="8pt"', "center")}
 <style:style style:name="Contents1" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="2pt"><style:tab-stops>
   <style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops></style:paragraph-properties>
  {text_props(10.5, True)}</style:style>
 <style:style style:name="Contents2" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-left="0.8cm" fo:margin-bottom="2pt"><style:tab-stops>
   <style:tab-stop style:position="15.2cm" style:type="right"/></style:tab-stops></style:paragraph-properties>
  {text_props(10.5)}</style:style>
 {paragraph_style("Caption", 10.5, True, 'fo:margin-top="6pt" fo:margin-bottom="2pt" fo:keep-with-next="always"')}
 {paragraph_style("TableHeader", 10.5, True, 'fo:margin="0pt"', "center")}
 {paragraph_style("TableBody", 10.5, False, 'fo:margin="0pt"')}
 {paragraph_style("Note", 9, False, 'fo:margin-top="3pt" fo:margin-bottom="8pt"')}
 {paragraph_style("Footer", 10.5, False, "", "center")}
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Cover">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"
   fo:margin-top="2.5cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
 </style:page-layout>
 <style:page-layout style:name="Page">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"
   fo:margin-top="2.5cm" fo:margin-bottom="0.9cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
  <style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.6cm"/></style:footer-style>
 </style:page-layout>
 <style:page-layout style:name="Wide">
  <style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape"
   fo:margin-top="2.5cm" fo:margin-bottom="0.9cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
  <style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.6cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="CoverTitleFirst" style:family="paragraph" style:parent-style-name="CoverTitle" style:master-page-name="Cover"/>
 <style:style style:name="ContentsTitlePage" style:family="paragraph" style:parent-style-name="ContentsTitle" style:master-page-name="Page"/>
 <style:style style:name="Heading1First" style:family="paragraph" style:parent-style-name="Heading1">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="Heading1Wide" style:family="paragraph" style:parent-style-name="Heading1" style:master-page-name="Wide"/>
 <style:style style:name="Kpis" style:family="table">
  <style:table-properties style:width="24.7cm" table:align="left" fo:margin-top="6pt" style:may-break-between-rows="true"/></style:style>
 {columns}
 <style:style style:name="Row" style:family="table-row">
  <style:table-row-properties fo:keep-together="auto"/></style:style>
 <style:style style:name="Head" style:family="table-cell">
  <style:table-cell-properties {cell} fo:background-color="#d9d9d9" style:vertical-align="middle"/></style:style>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties {cell} style:vertical-align="top"/></style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Cover" style:page-layout-name="Cover" style:next-style-name="Page"/>
 <style:master-page style:name="Page" style:page-layout-name="Page">
  <style:footer><text:p text:style-name="Footer">หน้า <text:page-number text:select-page="current"/></text:p></style:footer>
 </style:master-page>
 <style:master-page style:name="Wide" style:page-layout-name="Wide">
  <style:footer><text:p text:style-name="Footer">หน้า <text:page-number text:select-page="current"/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
""".replace("\n \n", "\n") + "\n".join(body).replace(
        '<text:p text:style-name="CoverTitle">', '<text:p text:style-name="CoverTitleFirst">', 1
    ).replace('<text:p text:style-name="ContentsTitle">',
              '<text:p text:style-name="ContentsTitlePage">', 1) + """
</office:text></office:body>
</office:document>
"""


def main():
    seed_path, copies, plan_path, fodt_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    with open(seed_path, encoding="utf-8") as f:
        seed = yaml.safe_load(f)
    plan = expand(seed, copies)
    with open(plan_path, "w", encoding="utf-8") as f:
        f.write("# Made by bench/plan_pdf.py from data/plans/002-9202-2562.yaml\n")
        yaml.safe_dump(plan, f, allow_unicode=True, sort_keys=False, width=1 << 20)
    document = blocks(plan, plan.get("office_name") or plan["office"])
    with open(fodt_path, "w", encoding="utf-8") as f:
        f.write(fodt(plan, plan.get("office_name") or plan["office"], document))
    paragraphs = sum(1 for b in document if b[0] == "paragraph")
    rows = sum(len(b[3]) for b in document if b[0] == "table")
    print(f"  plan: {len(plan['items'])} top-level items, {paragraphs} paragraphs, "
          f"{sum(1 for b in document if b[0] == 'heading')} headings, {rows} KPI table rows")


if __name__ == "__main__":
    main()
