#pragma once

#include "services/ports/tokens.hpp"

namespace khet::store {

/// Session tokens from libsodium's randombytes; hashes with crypto_hash_sha256.
class SodiumTokenMinter final : public TokenMinter {
  public:
    SodiumTokenMinter();
    std::string NewToken() override;
    std::string HashToken(std::string_view token) override;
    bool SameSecret(std::string_view a, std::string_view b) override;
};

}  // namespace khet::store
