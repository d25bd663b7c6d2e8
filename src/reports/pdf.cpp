#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <variant>
#include <vector>

#include "reports/render.hpp"
#include "reports/render_support.hpp"

namespace khet::reports {
namespace {

// A4 in PDF points, upright or turned (PageBreak::landscape), with the margins of Thai
// official documents.
constexpr double kCm = 72.0 / 2.54;
constexpr double kA4Short = 595.276;
constexpr double kA4Long = 841.89;
constexpr double kMarginLeft = 3.0 * kCm;
constexpr double kMarginRight = 2.0 * kCm;
constexpr double kMarginTop = 2.5 * kCm;
constexpr double kMarginBottom = 2.0 * kCm;

constexpr double kCellPadX = 3.0;
constexpr double kCellPadY = 1.0;
constexpr double kRule = 0.5;
constexpr double kHeaderGrey = 0.85;

// Laksaman is TH Sarabun's design drawn larger: 10.5 pt Laksaman looks like TH Sarabun 16 pt.
constexpr const char* kBodyFont = "Laksaman 10.5";
constexpr const char* kBoldFont = "Laksaman Bold 10.5";
constexpr const char* kTitleFont = "Laksaman Bold 12";
constexpr const char* kHeadingFont = "Laksaman Bold 11";
constexpr const char* kSmallFont = "Laksaman 9";
constexpr const char* kCoverFont = "Laksaman Bold 18";

struct GObjectUnref {
    void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;

struct FontFree {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;

struct SurfaceDestroy {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

double Points(int pango_units) { return pango_units_to_double(pango_units); }

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

enum class Align { kLeft, kCenter, kRight };

/// The fonts of one render, made once and shared by every layout.
struct Fonts {
    FontPtr body{pango_font_description_from_string(kBodyFont)};
    FontPtr bold{pango_font_description_from_string(kBoldFont)};
    FontPtr title{pango_font_description_from_string(kTitleFont)};
    FontPtr heading{pango_font_description_from_string(kHeadingFont)};
    FontPtr small{pango_font_description_from_string(kSmallFont)};
    FontPtr cover{pango_font_description_from_string(kCoverFont)};
};

/// A heading the contents list, with the page it was drawn on (0 before the first pass).
struct ContentsEntry {
    std::string text;
    int level = 1;
    int page = 0;
};

/// Lays a document out top to bottom, starting a page whenever the next line or table row
/// would cross the bottom margin.
class PdfWriter {
  public:
    PdfWriter(cairo_t* cr, PangoContext* context, const PdfOptions& options,
              const Document& document, std::vector<ContentsEntry> contents)
        : cr_(cr),
          context_(context),
          options_(options),
          cover_(document.cover),
          landscape_(document.landscape),
          contents_(std::move(contents)) {
        line_height_ = Height(Layout("ก", fonts_.body.get(), 0, Align::kLeft).get());
        StartPage();
    }

    /// The headings the contents list, with the pages this pass drew them on.
    const std::vector<ContentsEntry>& Headings() const { return drawn_; }

    void Title(const Document& document) {
        if (cover_) {
            // The cover: the title a third of the way down, the provenance under it.
            y_ = PageHeight() / 3;
            Flow(Layout(document.title, fonts_.cover.get(), TextWidth(), Align::kCenter).get());
            y_ += 24;
            for (const std::string& line : document.provenance) {
                Flow(Layout(line, fonts_.heading.get(), TextWidth(), Align::kCenter).get());
                y_ += 4;
            }
            NewPage();
            return;
        }
        if (!document.title.empty()) {
            Flow(Layout(document.title, fonts_.title.get(), TextWidth(), Align::kCenter).get());
            y_ += 3;
        }
        for (const std::string& line : document.provenance) {
            Flow(Layout(line, fonts_.small.get(), TextWidth(), Align::kCenter).get());
        }
        if (!document.title.empty() || !document.provenance.empty()) y_ += 10;
    }

    void Draw(const khet::PageBreak& page_break) {
        if (!AtPageTop()) {
            NewPage(page_break.landscape);
        } else if (page_break.landscape != landscape_) {
            Turn(page_break.landscape);  // nothing is drawn on it yet
        }
    }

    // One line per heading: its text, dots, and its page; level 2 indented. The first pass
    // draws the same lines without page numbers, so the pages after fall the same way.
    void Draw(const khet::Contents& contents) {
        Flow(Layout(contents.title, fonts_.title.get(), TextWidth(), Align::kCenter).get());
        y_ += 8;
        constexpr double kPageColumn = 1.2 * kCm;
        for (const ContentsEntry& entry : contents_) {
            const double indent = entry.level <= 1 ? 0 : 0.8 * kCm;
            auto text = Layout(entry.text, entry.level <= 1 ? fonts_.bold.get() : fonts_.body.get(),
                               TextWidth() - indent - kPageColumn, Align::kLeft);
            const double height = Height(text.get());
            KeepTogether(height);
            Flow(text.get(), kMarginLeft + indent);
            auto page = Layout(entry.page > 0 ? std::to_string(entry.page) : "", fonts_.body.get(),
                               kPageColumn, Align::kRight);
            cairo_move_to(cr_, kMarginLeft + TextWidth() - kPageColumn, y_ - LineHeight());
            pango_cairo_show_layout(cr_, page.get());
            y_ += 2;
        }
        NewPage();
    }

    void Draw(const khet::Heading& heading) {
        if (heading.level <= 2) drawn_.push_back({heading.text, heading.level, page_});
        auto layout =
            Layout(heading.text, heading.level <= 1 ? fonts_.heading.get() : fonts_.bold.get(),
                   TextWidth(), Align::kLeft);
        // A heading alone at the foot of a page reads as belonging to the page before.
        Space(6);
        KeepTogether(Height(layout.get()) + 2 * LineHeight());
        Flow(layout.get());
        y_ += 2;
    }

    void Draw(const khet::Paragraph& paragraph) {
        // Left aligned: pango's justify only widens spaces, which Thai barely has.
        Flow(Layout(paragraph.text, fonts_.body.get(), TextWidth(), Align::kLeft).get());
        y_ += 4;
    }

    void Draw(const khet::Table& table);

    void Finish() {
        PageNumber();
        cairo_show_page(cr_);
    }

  private:
    struct Grid {
        std::vector<double> widths;
        std::vector<bool> right;
    };

    std::string Text(std::string_view text) const {
        return options_.thai_digits ? internal::ThaiDigits(text) : std::string(text);
    }

    LayoutPtr Layout(std::string_view text, const PangoFontDescription* font, double width,
                     Align align) const {
        LayoutPtr layout(pango_layout_new(context_));
        pango_layout_set_font_description(layout.get(), font);
        const std::string shown = Text(text);
        pango_layout_set_text(layout.get(), shown.data(), static_cast<int>(shown.size()));
        if (width > 0) {
            pango_layout_set_width(layout.get(), pango_units_from_double(width));
            // Words first (pango breaks Thai with a dictionary), characters only for a word
            // wider than its column.
            pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        }
        pango_layout_set_alignment(layout.get(), align == Align::kLeft     ? PANGO_ALIGN_LEFT
                                                 : align == Align::kCenter ? PANGO_ALIGN_CENTER
                                                                           : PANGO_ALIGN_RIGHT);
        return layout;
    }

    // A column squeezed below its padding still gets a sliver, so pango wraps instead of
    // running the text across the next column.
    static double InnerWidth(double column_width) {
        return std::max(1.0, column_width - 2 * kCellPadX);
    }

    static double Height(PangoLayout* layout) {
        PangoRectangle logical;
        pango_layout_get_extents(layout, nullptr, &logical);
        return Points(logical.height);
    }

    static double NaturalWidth(PangoLayout* layout) {
        PangoRectangle logical;
        pango_layout_get_extents(layout, nullptr, &logical);
        return Points(logical.width);
    }

    // The widest word: the layout squeezed to nothing breaks at every word boundary.
    static double MinimumWidth(PangoLayout* layout) {
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
        pango_layout_set_width(layout, 1);
        PangoRectangle logical;
        pango_layout_get_extents(layout, nullptr, &logical);
        return Points(logical.x + logical.width);
    }

    // The widest part of a header between spaces, at most a sixth of the text width: where a
    // header may break without cutting a word ("ผลปฏิบัติงาน ปี 2561").
    double HeaderMinimum(std::string_view header) const {
        double widest = 0;
        std::size_t start = 0;
        while (start <= header.size()) {
            std::size_t end = header.find(' ', start);
            if (end == std::string_view::npos) end = header.size();
            auto part =
                Layout(header.substr(start, end - start), fonts_.bold.get(), 0, Align::kLeft);
            widest = std::max(widest, NaturalWidth(part.get()));
            start = end + 1;
        }
        auto whole = Layout(header, fonts_.bold.get(), 0, Align::kLeft);
        return std::max(MinimumWidth(whole.get()), std::min(widest, TextWidth() / 6));
    }

    double LineHeight() const { return line_height_; }

    double PageWidth() const { return landscape_ ? kA4Long : kA4Short; }
    double PageHeight() const { return landscape_ ? kA4Short : kA4Long; }
    double TextWidth() const { return PageWidth() - kMarginLeft - kMarginRight; }
    double Bottom() const { return PageHeight() - kMarginBottom; }

    void StartPage() {
        y_ = kMarginTop;
        ++page_;
    }

    // Drawn when the page is done, so a page turned before anything is on it has its number
    // where its own bottom is.
    void PageNumber() {
        if (cover_ && page_ == 1) return;  // the cover has no number
        auto number =
            Layout("หน้า " + std::to_string(page_), fonts_.body.get(), TextWidth(), Align::kCenter);
        cairo_move_to(cr_, kMarginLeft, Bottom() + 0.6 * kCm);
        pango_cairo_show_layout(cr_, number.get());
    }

    // The next page, turned as the one before unless a page break says otherwise.
    void NewPage() { NewPage(landscape_); }
    void NewPage(bool landscape) {
        PageNumber();
        cairo_show_page(cr_);
        Turn(landscape);
        StartPage();
    }

    void Turn(bool landscape) {
        landscape_ = landscape;
        cairo_pdf_surface_set_size(cairo_get_target(cr_), PageWidth(), PageHeight());
    }

    bool AtPageTop() const { return y_ <= kMarginTop; }

    void Space(double points) {
        if (!AtPageTop()) y_ += points;
    }

    void KeepTogether(double height) {
        if (y_ + height > Bottom() && !AtPageTop()) NewPage();
    }

    // Draws a layout line by line so a long paragraph continues on the next page.
    void Flow(PangoLayout* layout, double x = kMarginLeft) {
        PangoLayoutIter* iter = pango_layout_get_iter(layout);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            const double height = Points(logical.height);
            KeepTogether(height);
            const double baseline = Points(pango_layout_iter_get_baseline(iter) - logical.y);
            cairo_move_to(cr_, x + Points(logical.x), y_ + baseline);
            pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
            y_ += height;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
    }

    const PangoFontDescription* CellFont(const Row& row) const {
        return row.role == RowRole::kBody ? fonts_.body.get() : fonts_.bold.get();
    }

    Grid Measure(const khet::Table& table) const;
    void Caption(const khet::Table& table, bool continued);
    void HeaderRow(const khet::Table& table, const Grid& grid);
    double RowHeight(const std::vector<LayoutPtr>& layouts) const;
    void DrawHeader(const std::vector<LayoutPtr>& layouts, const Grid& grid, double height);
    void BodyRow(const std::vector<LayoutPtr>& layouts, const Grid& grid, const khet::Table& table);
    void ContinueTable(const khet::Table& table, const Grid& grid);
    std::vector<LayoutPtr> RowLayouts(const Row& row, const Grid& grid) const;
    std::vector<LayoutPtr> HeaderLayouts(const khet::Table& table, const Grid& grid) const;

    cairo_t* cr_;
    PangoContext* context_;
    const PdfOptions& options_;
    Fonts fonts_;
    double line_height_ = 0;  // one line of body text
    double y_ = 0;
    int page_ = 0;
    bool cover_ = false;
    bool landscape_ = false;
    std::vector<ContentsEntry> contents_;  // what the contents list, pages from the last pass
    std::vector<ContentsEntry> drawn_;     // the headings drawn in this pass
};

// Every column first gets its widest body cell, so names and figures stay on one line, and its
// header's widest word; what is left of the text width goes first to headers that would wrap onto
// three lines or more, then to every column in proportion. When the body alone is too wide, text
// columns give up width down to their widest word (a header's widest part between spaces, so
// "ผลปฏิบัติงาน ปี 2561" breaks at its space and not inside the word), and the width left goes to
// the columns that carry the most text per row: a plan's KPI column, full on every row, gets
// more than its strategy column, written once per strategy. Figures never wrap.
PdfWriter::Grid PdfWriter::Measure(const khet::Table& table) const {
    const size_t n = table.columns.size();
    Grid grid{std::vector<double>(n, 0), std::vector<bool>(n, false)};
    std::vector<double> header(n, 0);
    std::vector<double> base(n, 0);
    std::vector<double> text_per_row(n, 0);
    for (size_t c = 0; c < n; ++c) {
        grid.right[c] = internal::IsNumeric(table.columns[c].kind);
        auto layout = Layout(table.columns[c].header, fonts_.bold.get(), 0, Align::kLeft);
        header[c] = NaturalWidth(layout.get()) + 2 * kCellPadX;
        base[c] = MinimumWidth(layout.get());
    }
    for (const Row& row : table.rows) {
        for (size_t c = 0; c < n; ++c) {
            auto layout = Layout(row.cells[c].text, CellFont(row), 0, Align::kLeft);
            const double natural = NaturalWidth(layout.get());
            base[c] = std::max(base[c], natural);
            text_per_row[c] += natural / static_cast<double>(table.rows.size());
        }
    }
    for (double& width : base) width += 2 * kCellPadX;
    const double base_sum = std::accumulate(base.begin(), base.end(), 0.0);

    if (base_sum <= TextWidth()) {
        // A little over half its width lets a header wrap onto two lines rather than three.
        std::vector<double> wanted(n, 0);
        for (size_t c = 0; c < n; ++c) wanted[c] = std::max(0.0, 0.55 * header[c] - base[c]);
        const double wanted_sum = std::accumulate(wanted.begin(), wanted.end(), 0.0);
        const double granted =
            wanted_sum > 0 ? std::min(1.0, (TextWidth() - base_sum) / wanted_sum) : 0;
        for (size_t c = 0; c < n; ++c) grid.widths[c] = base[c] + wanted[c] * granted;
        const double sum = std::accumulate(grid.widths.begin(), grid.widths.end(), 0.0);
        for (double& width : grid.widths) width *= TextWidth() / sum;
        return grid;
    }

    std::vector<double> minimum = base;
    for (size_t c = 0; c < n; ++c) {
        if (grid.right[c]) continue;
        double widest_word = 0;
        for (const Row& row : table.rows) {
            auto cell = Layout(row.cells[c].text, CellFont(row), 0, Align::kLeft);
            widest_word = std::max(widest_word, MinimumWidth(cell.get()));
        }
        const double header_part = HeaderMinimum(table.columns[c].header) + 2 * kCellPadX;
        minimum[c] = std::max(std::min(widest_word + 2 * kCellPadX, base[c]), header_part);
        base[c] = std::max(base[c], minimum[c]);
    }
    const double minimum_sum = std::accumulate(minimum.begin(), minimum.end(), 0.0);
    if (minimum_sum >= TextWidth()) {
        // Even the widest words do not fit: squeeze, and let pango break inside words.
        for (size_t c = 0; c < n; ++c) grid.widths[c] = minimum[c] * TextWidth() / minimum_sum;
        return grid;
    }
    // Water-filling: the width left is shared by text per row among the columns still narrower
    // than their widest cell; a column that reaches it stops, and the rest is shared again.
    grid.widths = minimum;
    std::vector<bool> full(n, false);
    for (size_t c = 0; c < n; ++c) full[c] = grid.widths[c] >= base[c];
    double left = TextWidth() - minimum_sum;
    while (left > 0.01) {
        double weight = 0;
        for (size_t c = 0; c < n; ++c) {
            if (!full[c]) weight += std::max(text_per_row[c], 1.0);
        }
        if (weight == 0) break;
        double given = 0;
        bool capped = false;
        for (size_t c = 0; c < n; ++c) {
            if (full[c]) continue;
            const double share = left * std::max(text_per_row[c], 1.0) / weight;
            const double room = base[c] - grid.widths[c];
            if (share >= room) {
                grid.widths[c] = base[c];
                given += room;
                full[c] = true;
                capped = true;
            }
        }
        if (capped) {
            left -= given;
            continue;
        }
        for (size_t c = 0; c < n; ++c) {
            if (!full[c]) grid.widths[c] += left * std::max(text_per_row[c], 1.0) / weight;
        }
        left = 0;
    }
    return grid;
}

std::vector<LayoutPtr> PdfWriter::HeaderLayouts(const khet::Table& table, const Grid& grid) const {
    std::vector<LayoutPtr> layouts;
    for (size_t c = 0; c < table.columns.size(); ++c) {
        layouts.push_back(Layout(table.columns[c].header, fonts_.bold.get(),
                                 InnerWidth(grid.widths[c]), Align::kCenter));
    }
    return layouts;
}

std::vector<LayoutPtr> PdfWriter::RowLayouts(const Row& row, const Grid& grid) const {
    std::vector<LayoutPtr> layouts;
    for (size_t c = 0; c < row.cells.size(); ++c) {
        layouts.push_back(Layout(row.cells[c].text, CellFont(row), InnerWidth(grid.widths[c]),
                                 grid.right[c] ? Align::kRight : Align::kLeft));
    }
    return layouts;
}

double PdfWriter::RowHeight(const std::vector<LayoutPtr>& layouts) const {
    double height = LineHeight();
    for (const LayoutPtr& layout : layouts) height = std::max(height, Height(layout.get()));
    return height + 2 * kCellPadY;
}

// The header row: grey, each header in the middle of its cell.
void PdfWriter::DrawHeader(const std::vector<LayoutPtr>& layouts, const Grid& grid, double height) {
    const double total_width = std::accumulate(grid.widths.begin(), grid.widths.end(), 0.0);
    cairo_rectangle(cr_, kMarginLeft, y_, total_width, height);
    cairo_set_source_rgb(cr_, kHeaderGrey, kHeaderGrey, kHeaderGrey);
    cairo_fill(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    double x = kMarginLeft;
    for (size_t c = 0; c < layouts.size(); ++c) {
        cairo_move_to(cr_, x + kCellPadX, y_ + (height - Height(layouts[c].get())) / 2);
        pango_cairo_show_layout(cr_, layouts[c].get());
        cairo_rectangle(cr_, x, y_, grid.widths[c], height);
        x += grid.widths[c];
    }
    cairo_set_line_width(cr_, kRule);
    cairo_stroke(cr_);
    y_ += height;
}

void PdfWriter::Caption(const khet::Table& table, bool continued) {
    if (table.caption.empty()) return;
    const std::string text = continued ? table.caption + " (ต่อ)" : table.caption;
    Flow(Layout(text, fonts_.bold.get(), TextWidth(), Align::kLeft).get());
    y_ += 2;
}

void PdfWriter::HeaderRow(const khet::Table& table, const Grid& grid) {
    auto layouts = HeaderLayouts(table, grid);
    DrawHeader(layouts, grid, RowHeight(layouts));
}

namespace {

// A line of a cell, in points from the top of its layout.
struct CellLine {
    double top = 0;
    double height = 0;
    double baseline = 0;
    double x = 0;
};

std::vector<CellLine> LinesOf(PangoLayout* layout) {
    std::vector<CellLine> lines;
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        lines.push_back({Points(logical.y), Points(logical.height),
                         Points(pango_layout_iter_get_baseline(iter)), Points(logical.x)});
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return lines;
}

}  // namespace

void PdfWriter::ContinueTable(const khet::Table& table, const Grid& grid) {
    NewPage();
    Caption(table, true);
    HeaderRow(table, grid);
}

// A row goes whole to the next page when it does not fit, unless it is tall (over a third of a
// page) and at least three lines are left here: then it is split line by line, each cell going
// on where it stopped, under the header again, so a long KPI does not leave a page half empty.
void PdfWriter::BodyRow(const std::vector<LayoutPtr>& layouts, const Grid& grid,
                        const khet::Table& table) {
    const size_t n = layouts.size();
    std::vector<std::vector<CellLine>> lines(n);
    for (size_t c = 0; c < n; ++c) lines[c] = LinesOf(layouts[c].get());
    const double full = RowHeight(layouts);
    bool fresh = false;
    if (y_ + full > Bottom()) {
        const bool tall = full > (Bottom() - kMarginTop) / 3;
        const bool room = Bottom() - y_ >= 3 * LineHeight() + 2 * kCellPadY;
        if (!tall || !room) {
            ContinueTable(table, grid);
            fresh = true;
        }
    }
    std::vector<size_t> next(n, 0);
    while (true) {
        const double available = Bottom() - y_ - 2 * kCellPadY;
        std::vector<size_t> upto(n, 0);
        std::vector<double> start(n, 0);
        double part = 0;
        bool rest = false;
        for (size_t c = 0; c < n; ++c) {
            size_t i = next[c];
            start[c] = i < lines[c].size() ? lines[c][i].top : 0;
            while (i < lines[c].size() &&
                   lines[c][i].top + lines[c][i].height - start[c] <= available + 0.01) {
                ++i;
            }
            // A line taller than a whole page still goes somewhere.
            if (fresh && i == next[c] && i < lines[c].size()) ++i;
            upto[c] = i;
            if (i > next[c]) {
                part = std::max(part, lines[c][i - 1].top + lines[c][i - 1].height - start[c]);
            }
            rest = rest || i < lines[c].size();
        }
        if (part == 0 && rest) {
            ContinueTable(table, grid);
            fresh = true;
            continue;
        }
        const double height = std::max(part, LineHeight()) + 2 * kCellPadY;
        double x = kMarginLeft;
        for (size_t c = 0; c < n; ++c) {
            for (size_t i = next[c]; i < upto[c]; ++i) {
                const CellLine& line = lines[c][i];
                cairo_move_to(cr_, x + kCellPadX + line.x,
                              y_ + kCellPadY + line.baseline - start[c]);
                pango_cairo_show_layout_line(
                    cr_, pango_layout_get_line_readonly(layouts[c].get(), static_cast<int>(i)));
            }
            cairo_rectangle(cr_, x, y_, grid.widths[c], height);
            x += grid.widths[c];
        }
        cairo_set_line_width(cr_, kRule);
        cairo_stroke(cr_);
        y_ += height;
        next = std::move(upto);
        if (!rest) break;
        ContinueTable(table, grid);
        fresh = true;
    }
}

void PdfWriter::Draw(const khet::Table& table) {
    Space(6);
    if (!table.columns.empty()) {
        const Grid grid = Measure(table);
        auto header = HeaderLayouts(table, grid);
        const double header_height = RowHeight(header);
        // The caption, the header and the first row start on the same page.
        double first_row = 0;
        if (!table.rows.empty()) first_row = RowHeight(RowLayouts(table.rows.front(), grid));
        KeepTogether(LineHeight() + 2 + header_height + first_row);
        Caption(table, false);
        DrawHeader(header, grid, header_height);
        for (const Row& row : table.rows) BodyRow(RowLayouts(row, grid), grid, table);
    } else {
        Caption(table, false);
    }
    if (!table.notes.empty()) y_ += 3;
    for (const std::string& note : table.notes) {
        Flow(Layout(note, fonts_.small.get(), TextWidth(), Align::kLeft).get());
    }
    y_ += 8;
}

ContextPtr NewContext() {
    // The default font map is per thread and keeps its font cache between renders.
    ContextPtr context(pango_font_map_create_context(pango_cairo_font_map_get_default()));
    // Pango sizes in points and cairo PDF units are both 1/72 inch.
    pango_cairo_context_set_resolution(context.get(), 72);
    pango_context_set_language(context.get(), pango_language_from_string("th"));
    // Hinting rounds glyph advances to device pixels, which a PDF does not have.
    cairo_font_options_t* font_options = cairo_font_options_create();
    cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context.get(), font_options);
    cairo_font_options_destroy(font_options);
    return context;
}

}  // namespace

namespace {

struct RenderedPdf {
    std::string bytes;
    std::vector<ContentsEntry> headings;
};

// One pass over the document; `contents` are the entries a Contents block lists.
Result<RenderedPdf> RenderPass(const Document& document, const PdfOptions& options,
                               std::vector<ContentsEntry> contents) {
    RenderedPdf rendered;
    std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_pdf_surface_create_for_stream(
        AppendToString, &rendered.bytes, document.landscape ? kA4Long : kA4Short,
        document.landscape ? kA4Short : kA4Long));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Khet");
    {
        std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
        ContextPtr context = NewContext();
        pango_cairo_update_context(cr.get(), context.get());

        PdfWriter writer(cr.get(), context.get(), options, document, std::move(contents));
        writer.Title(document);
        for (const Block& block : document.blocks) {
            std::visit([&writer](const auto& item) { writer.Draw(item); }, block);
        }
        writer.Finish();
        rendered.headings = writer.Headings();
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
            return Fail(ErrorCode::kInternal,
                        std::string("cairo: ") + cairo_status_to_string(cairo_status(cr.get())));
        }
    }
    cairo_surface_finish(surface.get());
    if (const cairo_status_t status = cairo_surface_status(surface.get())) {
        return Fail(ErrorCode::kInternal, std::string("cairo: ") + cairo_status_to_string(status));
    }
    return rendered;
}

}  // namespace

Result<std::string> RenderPdf(const Document& as_stored, const PdfOptions& options) {
    std::optional<Document> copy;
    const Document& document = internal::Printable(as_stored, copy);
    if (auto checked = internal::CheckDocument(document); !checked) {
        return std::unexpected(checked.error());
    }
    // With contents, a first pass finds the page of every heading (the contents lines are the
    // same in both passes, so the pages do not move) and the second prints them.
    std::vector<ContentsEntry> contents;
    bool after_contents = false;
    for (const Block& block : document.blocks) {
        if (std::holds_alternative<Contents>(block)) after_contents = true;
        const auto* heading = std::get_if<Heading>(&block);
        if (after_contents && heading && heading->level <= 2) {
            contents.push_back({heading->text, heading->level, 0});
        }
    }
    auto first = RenderPass(document, options, contents);
    if (!first || !after_contents) {
        if (!first) return std::unexpected(first.error());
        return std::move(first->bytes);
    }
    // The drawn headings include any before the contents; the contents list those after.
    const std::size_t skip = first->headings.size() - contents.size();
    for (std::size_t i = 0; i < contents.size(); ++i) {
        contents[i].page = first->headings[skip + i].page;
    }
    auto second = RenderPass(document, options, std::move(contents));
    if (!second) return std::unexpected(second.error());
    return std::move(second->bytes);
}

}  // namespace khet::reports
