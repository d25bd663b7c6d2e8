#pragma once
// What the fuzz targets check of what they read: a property that does not hold stops the run
// with its message, as a crash would, so libFuzzer keeps the input that broke it.
#include <cstdio>
#include <cstdlib>

#include "sheets/sheet.hpp"
#include "thai/text_hygiene.hpp"

namespace khet::fuzz {

inline void Require(bool holds, const char* property) {
    if (holds) return;
    std::fprintf(stderr, "fuzz: property does not hold: %s\n", property);
    std::abort();
}

/// Every row of a sheet has a cell, and every cell is text as imports store it.
inline void CheckSheet(const sheets::Sheet& sheet) {
    Require(!sheet.rows.empty(), "a sheet that reads has a row");
    for (const sheets::SheetRow& row : sheet.rows) {
        Require(row.number > 0 && !row.cells.empty(), "a row has a number and a cell");
        for (const std::string_view cell : row.cells) {
            Require(IsCleanText(cell), "every cell is clean one-line text");
        }
    }
}

}  // namespace khet::fuzz
