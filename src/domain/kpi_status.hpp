#pragma once
// Whether a KPI met its target, by an office's band table, and why: every judgement carries
// its inputs, the rule that fired and, while the year is open, what is still needed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/kpi.hpp"

namespace khet {

enum class KpiStatus {
    kAchieved,     // บรรลุ
    kClose,        // ใกล้เคียง
    kNotAchieved,  // ไม่บรรลุ
    kNoTarget,     // no target this year ("-"): nothing to judge
    kNoResult,     // a target, no result yet
};

std::string_view KpiStatusLabel(KpiStatus status);
/// "achieved", "close", "not_achieved", "no_target", "no_result".
std::string_view KpiStatusName(KpiStatus status);
/// The status of its name or Thai label; kInvalidArgument otherwise.
Result<KpiStatus> ParseKpiStatus(std::string_view text);

/// Attainment of at least `min_percent` % of the target gives `status`.
struct StatusBand {
    Decimal min_percent;
    KpiStatus status = KpiStatus::kAchieved;
    bool operator==(const StatusBand&) const = default;
};

/// An office's band table for a year: bands from the highest threshold down; below the last,
/// `otherwise`. Attainment is how far the result went towards the target, in % (100 = on
/// target), computed per polarity (see Judge).
struct StatusRules {
    std::vector<StatusBand> bands;
    KpiStatus otherwise = KpiStatus::kNotAchieved;

    /// ≥ 100 % achieved, ≥ 80 % close, else not achieved.
    static StatusRules Default();
    /// Thresholds strictly falling, statuses among achieved, close and not achieved;
    /// kInvalidArgument naming the band otherwise.
    Status Validate() const;
    /// "≥ 100% บรรลุ, ≥ 80% ใกล้เคียง, ต่ำกว่านั้น ไม่บรรลุ".
    std::string Describe() const;
};

/// What is known of one KPI (or sub-row) in one year.
struct KpiFacts {
    KpiUnit unit = KpiUnit::kPercent;
    Polarity polarity = Polarity::kHigherIsBetter;
    KpiValue target;
    KpiValue target_high;  // the top of a range target (kRange)
    KpiValue result;
    std::vector<std::string> levels = DefaultLevels();  // for unit ระดับ, lowest first
    bool year_open = false;                             // the fiscal year has not closed
};

/// A status with its reasons, in Thai, for the KPI table's "why".
struct KpiJudgement {
    KpiStatus status = KpiStatus::kNoTarget;
    std::optional<double> attainment;  // % of target, when the polarity gives one
    std::string inputs;  // "เป้าหมาย 100 ผล 91.97 (ร้อยละ, ยิ่งสูงยิ่งดี)"
    std::string rule;  // "ได้ 91.97% ของเป้าหมาย: ตั้งแต่ 80% = ใกล้เคียง"
    std::string needed;  // while the year is open and not achieved: what is missing
};

/// Judges `facts` by `rules`:
/// - higher is better: attainment = result ÷ target;
/// - lower is better: on or under the target is 100 %, above it target ÷ result;
/// - range: inside [target, target_high] is 100 %, outside the nearer bound ÷ result or
///   result ÷ bound;
/// - change: the result is the change itself; attainment = result ÷ target (a fall against a
///   rise asked for is negative);
/// - levels: the target level or above is achieved, one level below is close, else not;
/// - ทุกแห่ง: "ทุกแห่ง" achieves it; text: the same words achieve it.
KpiJudgement Judge(const KpiFacts& facts, const StatusRules& rules);

}  // namespace khet
