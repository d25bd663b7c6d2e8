#include "store/sodium_tokens.hpp"

#include <sodium.h>

#include <array>

#include "store/sodium_init.hpp"

namespace khet::store {

SodiumTokenMinter::SodiumTokenMinter() { InitialiseSodiumOnce(); }

std::string SodiumTokenMinter::NewToken() {
    std::array<unsigned char, 32> bytes;
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::array<char, sodium_base64_ENCODED_LEN(32, kVariant)> text;
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
    return std::string(text.data());
}

std::string SodiumTokenMinter::HashToken(std::string_view token) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

bool SodiumTokenMinter::SameSecret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace khet::store
