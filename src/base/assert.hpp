#pragma once

#include <cstdio>
#include <cstdlib>

/// Bugs are asserts: a broken invariant stops the process with its place, never a Result.
#define KHET_ASSERT(condition, message)                                                    \
    do {                                                                                   \
        if (!(condition)) {                                                                \
            std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, \
                         #condition, message);                                             \
            std::abort();                                                                  \
        }                                                                                  \
    } while (false)

#define KHET_UNREACHABLE(message)                                                      \
    do {                                                                               \
        std::fprintf(stderr, "%s:%d: unreachable: %s\n", __FILE__, __LINE__, message); \
        std::abort();                                                                  \
    } while (false)
