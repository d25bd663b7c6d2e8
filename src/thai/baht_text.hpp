#pragma once

#include <string>

#include "base/money.hpp"

namespace khet {

/// An amount in Thai words as Excel's BAHTTEXT writes it on formal documents: 101 →
/// "หนึ่งร้อยเอ็ดบาทถ้วน", 0.01 → "หนึ่งสตางค์", -0.75 → "ลบเจ็ดสิบห้าสตางค์", 10^12 → "หนึ่งล้านล้านบาทถ้วน".
std::string BahtText(Money amount);

}  // namespace khet
