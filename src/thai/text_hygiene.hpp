#pragma once
// One text hygiene for everything Khet takes in (API bodies, imported sheets, plan files, the
// command line) and one for everything it writes out (PDF, XLSX, CSV, JSON), so that no stored
// value can break a document and two spellings of one Thai word are stored as one.
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace khet {

/// What a text field may hold.
enum class TextShape {
    kLine,   // names, codes, labels: tabs and line breaks become spaces
    kLines,  // plan text, evidence: line breaks kept as LF (CR LF, U+2028 too); tabs become spaces
};

/// `text` as Khet stores it: well-formed UTF-8 in NFC; Thai in its normal form (ํ + า → ำ,
/// เ + เ → แ, a tone mark after the vowel it sits on, no mark typed twice); no noncharacter
/// (U+FFFE …), control character or direction override; no space or invisible character
/// (U+200B, U+00A0, U+FEFF …) at either end. kInvalidArgument, in Thai, naming the first
/// character that cannot be stored and its position ("ตัวอักษรที่ 5"); the caller adds the field,
/// row or line.
Result<std::string> CleanText(std::string_view text, TextShape shape = TextShape::kLine);

/// Whether CleanText returns `text` as it is: the cheap check before a copy.
bool IsCleanText(std::string_view text, TextShape shape = TextShape::kLine);

/// Whether `text` shows nothing: empty once every space and invisible character is removed.
bool IsBlank(std::string_view text);

/// `text` as any document can carry it, whatever was stored before the hygiene above existed:
/// ill-formed bytes, noncharacters and control characters other than TAB, LF and CR each become
/// U+FFFD. Everything else is kept, so clean text comes out unchanged.
std::string PrintableText(std::string_view text);

/// Whether PrintableText returns `text` unchanged.
bool IsPrintableText(std::string_view text);

}  // namespace khet
