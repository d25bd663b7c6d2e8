#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "sheets/sheet.hpp"

namespace khet {

/// One column an import expects: its key, the headers offices write for it, and whether a file
/// without it is refused.
struct ColumnSpec {
    std::string_view key;
    std::initializer_list<std::string_view> headers;
    bool required = true;
};

/// Where each expected column stands in a file's header row.
class HeaderMap {
  public:
    /// Matches the header row (the sheet's first row) against `specs`; headers are compared
    /// without case and surrounding spaces. Unknown and missing headers are errors naming the
    /// file, row 1 and the column.
    static Result<HeaderMap> Match(const sheets::Sheet& sheet,
                                   const std::vector<ColumnSpec>& specs);

    /// Index of the column for `key`, or -1 when the file has no such (optional) column.
    int Index(std::string_view key) const;
    /// The header as written in the file, for error messages.
    const std::string& Header(std::string_view key) const;
    /// The cell of `key` in `row` ("" when the row is short or the column absent).
    std::string_view Cell(const sheets::SheetRow& row, std::string_view key) const;

  private:
    std::vector<std::string> keys_;
    std::vector<int> indexes_;
    std::vector<std::string> headers_;
};

/// Collects the errors of one file, each naming file, row and column, and caps how many are kept
/// so a wholly wrong 1,000,000-row file does not produce 1,000,000 messages.
class ImportErrors {
  public:
    explicit ImportErrors(std::string source) : source_(std::move(source)) {}
    void Add(int row, std::string_view column, std::string message);
    bool Empty() const { return total_ == 0; }
    long long Total() const { return total_; }
    /// kInvalidArgument with every kept error; nothing of the file is written.
    Error ToError() const;

    static constexpr std::size_t kMaxKept = 200;

  private:
    std::string source_;
    std::vector<FieldError> fields_;
    long long total_ = 0;
};

/// The most a count cell may hold: no grade of a school, nor its staff of one kind, comes near,
/// and sums over every school of the country stay far within their integers.
inline constexpr int kMostCount = 100'000;

/// Parses a whole non-negative count up to kMostCount ("1,234" and Thai digits accepted; ""
/// and "-" are 0). nullopt for anything else.
std::optional<int> ParseCount(std::string_view text);

}  // namespace khet
