#pragma once

#include <string>
#include <string_view>

#include "services/ports/password_hasher.hpp"

namespace khet::store {

/// How much work a hash costs: kInteractive (about 78 ms and 64 MiB here) for real accounts,
/// kMinimum only for tests.
enum class HashCost { kInteractive, kMinimum };

/// argon2id through libsodium's crypto_pwhash_str.
class SodiumPasswordHasher final : public PasswordHasher {
  public:
    explicit SodiumPasswordHasher(HashCost cost = HashCost::kInteractive);

    Result<std::string> Hash(std::string_view password) override;
    bool Verify(std::string_view hash, std::string_view password) override;
    std::string GeneratePassword() override;

  private:
    unsigned long long ops_limit_;
    std::size_t mem_limit_;
};

}  // namespace khet::store
