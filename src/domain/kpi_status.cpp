#include "domain/kpi_status.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace khet {
namespace {

std::string Percent(double value) { return fmt::format("{:.2f}%", value); }

// The difference a − b, written with the larger number of decimals of the two.
Decimal Minus(const Decimal& a, const Decimal& b) {
    const int scale = std::max(a.scale, b.scale);
    const auto widen = [scale](const Decimal& d) {
        std::int64_t units = d.units;
        for (int i = d.scale; i < scale; ++i) units *= 10;
        return units;
    };
    return {widen(a) - widen(b), scale};
}

// A value as a number for comparing: a number, or a ratio's quotient.
std::optional<double> Numeric(const KpiValue& value) {
    if (value.kind == KpiValue::Kind::kNumber) return value.number.Value();
    if (value.kind == KpiValue::Kind::kRatio) return value.number.Value() / value.second.Value();
    return std::nullopt;
}

KpiStatus ByBands(double attainment, const StatusRules& rules, std::string* fired) {
    for (const StatusBand& band : rules.bands) {
        if (attainment + 1e-9 >= band.min_percent.Value()) {
            *fired =
                fmt::format("ตั้งแต่ {}% = {}", band.min_percent.Text(), KpiStatusLabel(band.status));
            return band.status;
        }
    }
    *fired = fmt::format("ต่ำกว่าทุกเกณฑ์ = {}", KpiStatusLabel(rules.otherwise));
    return rules.otherwise;
}

std::string Inputs(const KpiFacts& facts) {
    std::string target = facts.target.Text();
    if (facts.polarity == Polarity::kRange) target += "–" + facts.target_high.Text();
    return fmt::format("เป้าหมาย {} ผล {} ({}, {})", target, facts.result.Text(),
                       KpiUnitLabel(facts.unit), PolarityLabel(facts.polarity));
}

// What the result must come to, while the year is open and the KPI is not achieved.
std::string Needed(const KpiFacts& facts) {
    const KpiValue& target = facts.target;
    const KpiValue& result = facts.result;
    const bool numbers =
        target.kind == KpiValue::Kind::kNumber && result.kind == KpiValue::Kind::kNumber;
    switch (facts.polarity) {
        case Polarity::kHigherIsBetter:
            if (facts.unit == KpiUnit::kLevel) {
                return fmt::format("ต้องได้ระดับ {} ขึ้นไปจึงจะบรรลุ", target.Text());
            }
            if (numbers) {
                return fmt::format("ต้องได้อย่างน้อย {} จึงจะบรรลุ (ขาดอีก {})", target.Text(),
                                   Minus(target.number, result.number).Text());
            }
            if (target.kind == KpiValue::Kind::kNumber || target.kind == KpiValue::Kind::kRatio) {
                return fmt::format("ต้องได้อย่างน้อย {} จึงจะบรรลุ", target.Text());
            }
            return fmt::format("ต้องได้ {} จึงจะบรรลุ", target.Text());
        case Polarity::kLowerIsBetter:
            if (numbers) {
                return fmt::format("ต้องลดลงเหลือไม่เกิน {} จึงจะบรรลุ (ต้องลดอีก {})", target.Text(),
                                   Minus(result.number, target.number).Text());
            }
            return fmt::format("ต้องลดลงเหลือไม่เกิน {} จึงจะบรรลุ", target.Text());
        case Polarity::kRange:
            return fmt::format("ต้องอยู่ระหว่าง {} ถึง {} จึงจะบรรลุ", target.Text(),
                               facts.target_high.Text());
        case Polarity::kChange:
            return fmt::format("ต้องเปลี่ยนแปลงจากปีก่อนอย่างน้อย {} จึงจะบรรลุ", target.Text());
    }
    return "";
}

}  // namespace

std::string_view KpiStatusLabel(KpiStatus status) {
    switch (status) {
        case KpiStatus::kAchieved:
            return "บรรลุ";
        case KpiStatus::kClose:
            return "ใกล้เคียง";
        case KpiStatus::kNotAchieved:
            return "ไม่บรรลุ";
        case KpiStatus::kNoTarget:
            return "ไม่มีเป้าหมาย";
        case KpiStatus::kNoResult:
            return "ยังไม่มีผล";
    }
    return "";
}

std::string_view KpiStatusName(KpiStatus status) {
    switch (status) {
        case KpiStatus::kAchieved:
            return "achieved";
        case KpiStatus::kClose:
            return "close";
        case KpiStatus::kNotAchieved:
            return "not_achieved";
        case KpiStatus::kNoTarget:
            return "no_target";
        case KpiStatus::kNoResult:
            return "no_result";
    }
    return "";
}

Result<KpiStatus> ParseKpiStatus(std::string_view text) {
    for (KpiStatus status : {KpiStatus::kAchieved, KpiStatus::kClose, KpiStatus::kNotAchieved,
                             KpiStatus::kNoTarget, KpiStatus::kNoResult}) {
        if (text == KpiStatusName(status) || text == KpiStatusLabel(status)) return status;
    }
    return InvalidArgument(fmt::format(
        "ไม่รู้จักสถานะ \"{}\": ใช้ได้ achieved (บรรลุ), close (ใกล้เคียง), not_achieved (ไม่บรรลุ)", text));
}

StatusRules StatusRules::Default() {
    return {{{{100, 0}, KpiStatus::kAchieved}, {{80, 0}, KpiStatus::kClose}},
            KpiStatus::kNotAchieved};
}

Status StatusRules::Validate() const {
    const auto judged = [](KpiStatus status) {
        return status == KpiStatus::kAchieved || status == KpiStatus::kClose ||
               status == KpiStatus::kNotAchieved;
    };
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const std::string field = fmt::format("bands[{}]", i + 1);
        if (!judged(bands[i].status)) {
            const std::string message =
                fmt::format("เกณฑ์ที่ {} ให้ผลได้เพียง บรรลุ ใกล้เคียง หรือ ไม่บรรลุ", i + 1);
            return InvalidArgument(message, {FieldError{field, message, 0, ""}});
        }
        if (i > 0 && bands[i].min_percent.Value() >= bands[i - 1].min_percent.Value()) {
            const std::string message =
                fmt::format("เกณฑ์ที่ {} ({}%) ต้องต่ำกว่าเกณฑ์ก่อนหน้า ({}%): เรียงจากสูงไปต่ำ", i + 1,
                            bands[i].min_percent.Text(), bands[i - 1].min_percent.Text());
            return InvalidArgument(message, {FieldError{field, message, 0, ""}});
        }
    }
    if (!judged(otherwise)) {
        const std::string message = "ผลเมื่อต่ำกว่าทุกเกณฑ์ต้องเป็น บรรลุ ใกล้เคียง หรือ ไม่บรรลุ";
        return InvalidArgument(message, {FieldError{"otherwise", message, 0, ""}});
    }
    return {};
}

std::string StatusRules::Describe() const {
    std::string text;
    for (const StatusBand& band : bands) {
        text += fmt::format("ตั้งแต่ {}% {}, ", band.min_percent.Text(), KpiStatusLabel(band.status));
    }
    return text + fmt::format("ต่ำกว่านั้น {}", KpiStatusLabel(otherwise));
}

KpiJudgement Judge(const KpiFacts& facts, const StatusRules& rules) {
    KpiJudgement judgement;
    judgement.inputs = Inputs(facts);
    // A stored value the unit cannot read says which it is, and what to do, instead of judging.
    if (facts.target.kind == KpiValue::Kind::kUnreadable) {
        judgement.status = KpiStatus::kNoTarget;
        judgement.rule =
            fmt::format("เป้าหมายที่บันทึกไว้ \"{}\" อ่านไม่ได้: แก้ไขเป้าหมายนี้", facts.target.text);
        return judgement;
    }
    if (facts.result.kind == KpiValue::Kind::kUnreadable) {
        judgement.status = KpiStatus::kNoResult;
        judgement.rule =
            fmt::format("ผลที่บันทึกไว้ \"{}\" อ่านไม่ได้: รายงานผลใหม่หรือล้างค่านี้ (-)", facts.result.text);
        return judgement;
    }
    if (facts.target.IsNone()) {
        judgement.status = KpiStatus::kNoTarget;
        judgement.rule = "ไม่มีเป้าหมายในปีนี้ (-)";
        return judgement;
    }
    if (facts.result.IsNone()) {
        judgement.status = KpiStatus::kNoResult;
        judgement.rule = facts.year_open ? "ยังไม่มีผลการดำเนินงาน" : "ไม่มีผลการดำเนินงาน (-)";
        if (facts.year_open) judgement.needed = Needed(facts);
        return judgement;
    }

    const KpiValue& target = facts.target;
    const KpiValue& result = facts.result;
    if (facts.unit == KpiUnit::kLevel && target.kind == KpiValue::Kind::kLevel &&
        result.kind == KpiValue::Kind::kLevel) {
        const auto rank = [&](const std::string& level) {
            return std::find(facts.levels.begin(), facts.levels.end(), level) -
                   facts.levels.begin();
        };
        const auto below = rank(target.text) - rank(result.text);
        if (below <= 0) {
            judgement.status = KpiStatus::kAchieved;
            judgement.rule =
                fmt::format("ระดับ {} ถึงระดับเป้าหมาย {} = บรรลุ", result.text, target.text);
        } else {
            judgement.status = below == 1 ? KpiStatus::kClose : KpiStatus::kNotAchieved;
            judgement.rule = fmt::format("ระดับ {} ต่ำกว่าเป้าหมาย {} อยู่ {} ระดับ = {}", result.text,
                                         target.text, below, KpiStatusLabel(judgement.status));
        }
    } else if (target.kind == KpiValue::Kind::kEvery || result.kind == KpiValue::Kind::kEvery ||
               target.kind == KpiValue::Kind::kText || result.kind == KpiValue::Kind::kText) {
        const bool met = result.kind == KpiValue::Kind::kEvery
                             ? true
                             : result.kind == target.kind && result.text == target.text;
        judgement.status = met ? KpiStatus::kAchieved : KpiStatus::kNotAchieved;
        judgement.rule = met ? fmt::format("ผล {} ตรงตามเป้าหมาย = บรรลุ", result.Text())
                             : fmt::format("ผล {} ไม่ใช่ {} = ไม่บรรลุ", result.Text(), target.Text());
    } else {
        const auto t = Numeric(target);
        const auto r = Numeric(result);
        if (!t || !r) {
            judgement.status = KpiStatus::kNotAchieved;
            judgement.rule = "เป้าหมายและผลเทียบกันไม่ได้ (ต่างชนิดกัน)";
            return judgement;
        }
        double attainment = 0;
        switch (facts.polarity) {
            case Polarity::kHigherIsBetter:
            case Polarity::kChange:
                if (*t == 0) {
                    attainment = *r >= 0 ? 100 : 0;
                } else {
                    attainment = *r / *t * 100;
                }
                break;
            case Polarity::kLowerIsBetter:
                attainment = *r <= *t ? 100 : (*r == 0 ? 100 : *t / *r * 100);
                break;
            case Polarity::kRange: {
                const auto high = Numeric(facts.target_high).value_or(*t);
                if (*r >= *t && *r <= high) {
                    attainment = 100;
                } else if (*r < *t) {
                    attainment = *t == 0 ? 0 : *r / *t * 100;
                } else {
                    attainment = *r == 0 ? 0 : high / *r * 100;
                }
                break;
            }
        }
        judgement.attainment = attainment;
        std::string fired;
        judgement.status = ByBands(attainment, rules, &fired);
        judgement.rule = fmt::format("ได้ {} ของเป้าหมาย: {}", Percent(attainment), fired);
    }
    if (facts.year_open && judgement.status != KpiStatus::kAchieved) {
        judgement.needed = Needed(facts);
    }
    return judgement;
}

}  // namespace khet
