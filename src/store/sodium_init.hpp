#pragma once

namespace khet::store {

/// Initialises libsodium once per process (thread-safe); aborts if it cannot.
void InitialiseSodiumOnce();

}  // namespace khet::store
