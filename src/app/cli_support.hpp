#pragma once
// What every `khet` command shares: how an error is told, how a file is written.
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace khet::app {

/// Prints the error (with each field's place) to stderr; the exit code: 2 for bad input or
/// something not found, 1 otherwise.
int Report(const Error& error);

/// Writes `bytes` to `output` ("" or "-": standard output) through a temporary file renamed into
/// place, so a failed write leaves what was there; says what it wrote on stderr. The exit code.
int WriteOutput(const std::string& output, std::string_view bytes);

}  // namespace khet::app
