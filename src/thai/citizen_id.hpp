#pragma once

#include <string>
#include <string_view>

#include "base/error.hpp"

namespace khet {

/// The 13 ASCII digits of a Thai citizen ID written with any dashes, spaces or Thai digits
/// ("1-1037-02071-81-1", "๑ ๑๐๓๗ ...") after checking its check digit; kInvalidArgument naming
/// the fault (a character that is not a digit, the wrong length, or the expected check digit).
Result<std::string> NormalizeCitizenId(std::string_view text);

}  // namespace khet
