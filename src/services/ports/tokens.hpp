#pragma once

#include <string>
#include <string_view>

namespace khet {

/// Session secrets: random tokens, and the hashes the store keeps instead of them.
class TokenMinter {
  public:
    virtual ~TokenMinter() = default;
    /// 256 random bits, URL-safe base64 without padding (43 characters).
    virtual std::string NewToken() = 0;
    /// SHA-256 of the token, lower-case hex: what the store keeps. A token has 256 bits of
    /// entropy, so a fast hash is enough (unlike a password).
    virtual std::string HashToken(std::string_view token) = 0;
    /// Whether two secrets are equal, in time independent of where they differ.
    virtual bool SameSecret(std::string_view a, std::string_view b) = 0;
};

}  // namespace khet
