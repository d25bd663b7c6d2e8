#include "store/sodium_password_hasher.hpp"

#include <sodium.h>

#include "base/assert.hpp"
#include "store/sodium_init.hpp"

namespace khet::store {
namespace {

// No 0/O/o, 1/l/I: a one-time password is read off a screen or paper and typed by hand.
constexpr std::string_view kUnambiguous =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
constexpr int kGeneratedLength = 16;

}  // namespace

void InitialiseSodiumOnce() {
    // A function-local static is initialised once even when threads race to it.
    static const int initialised = sodium_init();
    KHET_ASSERT(initialised >= 0, "sodium_init failed");
}

SodiumPasswordHasher::SodiumPasswordHasher(HashCost cost)
    : ops_limit_(cost == HashCost::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                : crypto_pwhash_OPSLIMIT_MIN),
      mem_limit_(cost == HashCost::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                : crypto_pwhash_MEMLIMIT_MIN) {
    InitialiseSodiumOnce();
}

Result<std::string> SodiumPasswordHasher::Hash(std::string_view password) {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), ops_limit_, mem_limit_,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Fail(ErrorCode::kInternal, "สร้างค่าแฮชของรหัสผ่านไม่ได้ (หน่วยความจำไม่พอ)");
    }
    return std::string(hash);
}

bool SodiumPasswordHasher::Verify(std::string_view hash, std::string_view password) {
    if (hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string SodiumPasswordHasher::GeneratePassword() {
    std::string password;
    password.reserve(kGeneratedLength);
    for (int i = 0; i < kGeneratedLength; ++i) {
        password += kUnambiguous[randombytes_uniform(static_cast<uint32_t>(kUnambiguous.size()))];
    }
    return password;
}

}  // namespace khet::store
