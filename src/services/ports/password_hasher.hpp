#pragma once

#include <string>
#include <string_view>

#include "base/error.hpp"

namespace khet {

/// Turns passwords into slow, salted hashes (argon2id) and makes one-time passwords.
class PasswordHasher {
  public:
    virtual ~PasswordHasher() = default;
    /// A self-describing hash ("$argon2id$…"); kInternal when the memory it needs is not there.
    virtual Result<std::string> Hash(std::string_view password) = 0;
    /// Whether `password` is the one `hash` was made from; takes the same time either way.
    virtual bool Verify(std::string_view hash, std::string_view password) = 0;
    /// 16 random characters of an alphabet without look-alikes (no 0/O, 1/l/I).
    virtual std::string GeneratePassword() = 0;
};

}  // namespace khet
