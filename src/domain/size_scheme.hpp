#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"

namespace khet {

/// One size group: schools with min..max students (max empty: no upper bound).
struct SizeBand {
    std::string label;
    int min_students = 0;
    std::optional<int> max_students;
};

/// A policy's grouping of schools by number of students; data chosen per year, never code.
class SizeScheme {
  public:
    /// kInvalidArgument unless the bands are ordered, contiguous and do not overlap.
    static Result<SizeScheme> Make(std::string code, std::string name, std::vector<SizeBand> bands);

    /// The seed schemes every store is preloaded with (migration 0002 holds the same data).
    static SizeScheme Seed003();  // 1–120, 121–600, 601–1,500, 1,501+
    static SizeScheme Seed000();  // 1–120, 121–500, 501+
    static SizeScheme
    Seed000Small();  // small schools of seed 000: ≤50, 51–60, 61–80, 81–100, 101–120
    static SizeScheme Obec7();  // 1–120, 121–200, 201–300, 301–499, 500–1,499, 1,500–2,499, 2,500+

    const std::string& Code() const { return code_; }
    const std::string& Name() const { return name_; }
    const std::vector<SizeBand>& Bands() const { return bands_; }
    /// The band holding `students`, or nullopt when no band does (0 students, or beyond a capped
    /// scheme such as Seed000Small).
    std::optional<int> BandIndexOf(int students) const;
    /// Label of the band, or "ไม่อยู่ในกลุ่มขนาด" when none holds it.
    std::string LabelOf(int students) const;

  private:
    SizeScheme(std::string code, std::string name, std::vector<SizeBand> bands)
        : code_(std::move(code)), name_(std::move(name)), bands_(std::move(bands)) {}
    std::string code_;
    std::string name_;
    std::vector<SizeBand> bands_;
};

/// students ÷ divisor, for a ratio written 1:17.28; nullopt when the divisor is 0.
std::optional<double> StudentsPer(long long students, long long divisor);

}  // namespace khet
