#include "domain/size_scheme.hpp"

#include <fmt/format.h>

namespace khet {

Result<SizeScheme> SizeScheme::Make(std::string code, std::string name,
                                    std::vector<SizeBand> bands) {
    if (code.empty()) return InvalidArgument("เกณฑ์ขนาดโรงเรียนต้องมีรหัส");
    if (bands.empty()) return InvalidArgument(fmt::format("เกณฑ์ขนาด {} ไม่มีกลุ่มขนาด", code));
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const SizeBand& band = bands[i];
        if (band.label.empty() || band.min_students < 0 ||
            (band.max_students && *band.max_students < band.min_students)) {
            return InvalidArgument(fmt::format("เกณฑ์ขนาด {} กลุ่มที่ {} ไม่ถูกต้อง", code, i + 1));
        }
        if (i + 1 < bands.size()) {
            if (!band.max_students || *band.max_students + 1 != bands[i + 1].min_students) {
                return InvalidArgument(fmt::format(
                    "เกณฑ์ขนาด {}: กลุ่มที่ {} และ {} ต้องต่อกันพอดี (ไม่ซ้อน ไม่เว้นช่วง)", code, i + 1, i + 2));
            }
        }
    }
    return SizeScheme(std::move(code), std::move(name), std::move(bands));
}

SizeScheme SizeScheme::Seed003() {
    return *Make("seed003", "เกณฑ์ 4 ขนาด (แผนปี 2565)",
                 {{"ขนาดเล็ก (1–120 คน)", 1, 120},
                  {"ขนาดกลาง (121–600 คน)", 121, 600},
                  {"ขนาดใหญ่ (601–1,500 คน)", 601, 1500},
                  {"ขนาดใหญ่พิเศษ (1,501 คนขึ้นไป)", 1501, std::nullopt}});
}

SizeScheme SizeScheme::Seed000() {
    return *Make("seed000", "เกณฑ์ 3 ขนาด (แผนปี 2563)",
                 {{"ขนาดเล็ก (1–120 คน)", 1, 120},
                  {"ขนาดกลาง (121–500 คน)", 121, 500},
                  {"ขนาดใหญ่ (501 คนขึ้นไป)", 501, std::nullopt}});
}

SizeScheme SizeScheme::Seed000Small() {
    return *Make("seed000-small", "กลุ่มย่อยโรงเรียนขนาดเล็ก (แผนปี 2563)",
                 {{"ไม่เกิน 50 คน", 1, 50},
                  {"51–60 คน", 51, 60},
                  {"61–80 คน", 61, 80},
                  {"81–100 คน", 81, 100},
                  {"101–120 คน", 101, 120}});
}

SizeScheme SizeScheme::Obec7() {
    return *Make("obec7", "เกณฑ์ 7 ขนาด",
                 {{"1–120 คน", 1, 120},
                  {"121–200 คน", 121, 200},
                  {"201–300 คน", 201, 300},
                  {"301–499 คน", 301, 499},
                  {"500–1,499 คน", 500, 1499},
                  {"1,500–2,499 คน", 1500, 2499},
                  {"2,500 คนขึ้นไป", 2500, std::nullopt}});
}

std::optional<int> SizeScheme::BandIndexOf(int students) const {
    for (std::size_t i = 0; i < bands_.size(); ++i) {
        const SizeBand& band = bands_[i];
        if (students >= band.min_students &&
            (!band.max_students || students <= *band.max_students)) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

std::string SizeScheme::LabelOf(int students) const {
    const auto index = BandIndexOf(students);
    return index ? bands_[*index].label : "ไม่อยู่ในกลุ่มขนาด";
}

std::optional<double> StudentsPer(long long students, long long divisor) {
    if (divisor <= 0) return std::nullopt;
    return static_cast<double>(students) / static_cast<double>(divisor);
}

}  // namespace khet
