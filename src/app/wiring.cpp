#include "app/wiring.hpp"

namespace khet::app {

Result<std::unique_ptr<Wiring>> Wiring::Open(const std::string& database) {
    auto connection = store::Connect(database);
    if (!connection) return std::unexpected(connection.error());
    return std::unique_ptr<Wiring>(new Wiring(std::move(*connection)));
}

}  // namespace khet::app
