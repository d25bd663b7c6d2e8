#pragma once

#include <unicode/uversion.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

U_NAMESPACE_BEGIN
class Collator;
U_NAMESPACE_END

namespace khet {

/// Thai dictionary order (ICU collator for locale "th"): leading vowels เ แ โ ใ ไ sort by the
/// consonant they precede, so "เกาะ" comes among the ก words. Thread safety: use one instance
/// per thread; ThaiCollation() gives each thread its own.
class ThaiCollator {
  public:
    /// Opens ICU's "th" collator; missing ICU data is an installation bug and stops the process.
    ThaiCollator();
    ~ThaiCollator();
    ThaiCollator(ThaiCollator&&) noexcept;
    ThaiCollator& operator=(ThaiCollator&&) noexcept;

    /// Negative, zero or positive as `a` sorts before, with or after `b`; ill-formed UTF-8
    /// compares as U+FFFD.
    int Compare(std::string_view a, std::string_view b) const;
    /// Bytes whose plain byte order (memcmp, std::string <) is Compare's order; store them in a
    /// BLOB/BYTEA sort column, and rebuild that column when Version() changes.
    std::string SortKey(std::string_view text) const;
    /// The ICU collation version, e.g. "153.112.40.0"; sort keys differ between versions.
    std::string Version() const;

  private:
    std::unique_ptr<U_ICU_NAMESPACE::Collator> collator_;
};

/// This thread's ThaiCollator, created on first use in the thread and kept until it ends.
const ThaiCollator& ThaiCollation();

/// Sorts `range` in Thai dictionary order of `projection(element)` (anything convertible to
/// std::string_view, e.g. &School::name); elements that compare equal keep their order.
template <std::ranges::random_access_range Range, typename Projection = std::identity>
void SortByThai(Range&& range, Projection projection = {}) {
    const ThaiCollator& collator = ThaiCollation();
    std::ranges::stable_sort(
        range,
        [&collator](std::string_view a, std::string_view b) { return collator.Compare(a, b) < 0; },
        std::move(projection));
}

/// Sorts `texts` in Thai dictionary order; equal texts keep their order.
void SortThai(std::vector<std::string>& texts);

}  // namespace khet
