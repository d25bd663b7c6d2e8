#include "thai/collation.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>

#include "base/assert.hpp"

namespace khet {

ThaiCollator::ThaiCollator() {
    UErrorCode status = U_ZERO_ERROR;
    collator_.reset(icu::Collator::createInstance(icu::Locale("th"), status));
    KHET_ASSERT(U_SUCCESS(status) && collator_ != nullptr, "ICU has no Thai collation data");
}

ThaiCollator::~ThaiCollator() = default;
ThaiCollator::ThaiCollator(ThaiCollator&&) noexcept = default;
ThaiCollator& ThaiCollator::operator=(ThaiCollator&&) noexcept = default;

int ThaiCollator::Compare(std::string_view a, std::string_view b) const {
    UErrorCode status = U_ZERO_ERROR;
    const UCollationResult result =
        collator_->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                               icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    KHET_ASSERT(U_SUCCESS(status), "ICU collation failed");
    return static_cast<int>(result);
}

std::string ThaiCollator::SortKey(std::string_view text) const {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    std::string key(unicode.length() * 4 + 16, '\0');
    for (;;) {
        const int32_t length = collator_->getSortKey(
            unicode, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
        KHET_ASSERT(length > 0, "ICU sort key failed");
        if (static_cast<std::size_t>(length) <= key.size()) {
            // ICU ends every key with a 0 byte, the only 0 in it; dropping it keeps the order.
            key.resize(static_cast<std::size_t>(length) - 1);
            return key;
        }
        key.resize(static_cast<std::size_t>(length));
    }
}

std::string ThaiCollator::Version() const {
    UVersionInfo version;
    collator_->getVersion(version);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(version, text);
    return text;
}

const ThaiCollator& ThaiCollation() {
    // ICU documents const collator calls as thread-safe; a copy per thread costs one collator per
    // thread and keeps Khet correct even if a future ICU call used here is not.
    thread_local const ThaiCollator collator;
    return collator;
}

void SortThai(std::vector<std::string>& texts) { SortByThai(texts); }

}  // namespace khet
