#include "store/postgres/postgres_connection.hpp"

#include <fmt/format.h>

#include <optional>
#include <pqxx/pqxx>
#include <vector>

namespace khet::store {
namespace {

// Exceptions of libpqxx stop here: everything above sees Result values.
Error PostgresError(const std::exception& error) {
    ErrorCode code = ErrorCode::kInternal;
    if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&error)) {
        code = ErrorCode::kConflict;
    } else if (dynamic_cast<const pqxx::broken_connection*>(&error) ||
               dynamic_cast<const pqxx::in_doubt_error*>(&error)) {
        code = ErrorCode::kUnavailable;
    }
    return Error{code, fmt::format("ฐานข้อมูล PostgreSQL: {}", error.what()), {}};
}

// Repositories write SQLite's `?`; PostgreSQL numbers its parameters `$1`, `$2`, …
std::string NumberPlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 0;
    bool in_string = false;
    for (char c : sql) {
        if (c == '\'') in_string = !in_string;
        if (c == '?' && !in_string) {
            out += fmt::format("${}", ++next);
        } else {
            out += c;
        }
    }
    return out;
}

class PostgresStatement final : public SqlStatement {
  public:
    PostgresStatement(pqxx::connection& connection, std::string name)
        : connection_(connection), name_(std::move(name)) {}

    void Bind(int index, long long value) override { Slot(index) = std::to_string(value); }
    void Bind(int index, std::string_view value) override { Slot(index) = std::string(value); }
    void BindNull(int index) override { Slot(index) = std::nullopt; }

    Result<bool> Step() override {
        try {
            if (!result_) {
                std::vector<const char*> pointers;
                pointers.reserve(parameters_.size());
                for (const auto& parameter : parameters_) {
                    pointers.push_back(parameter ? parameter->c_str() : nullptr);
                }
                pqxx::nontransaction work(connection_);
                result_ = work.exec_prepared(name_, pqxx::prepare::make_dynamic_params(pointers));
                row_ = -1;
            }
            ++row_;
            return row_ < static_cast<long>(result_->size());
        } catch (const std::exception& error) {
            return std::unexpected(PostgresError(error));
        }
    }
    long long Int(int column) const override {
        const auto field = (*result_)[row_][column];
        return field.is_null() ? 0 : field.as<long long>();
    }
    std::string Text(int column) const override {
        const auto field = (*result_)[row_][column];
        return field.is_null() ? std::string() : field.as<std::string>();
    }
    bool IsNull(int column) const override { return (*result_)[row_][column].is_null(); }
    void Reset() override {
        result_.reset();
        parameters_.clear();
    }

  private:
    std::optional<std::string>& Slot(int index) {
        if (static_cast<int>(parameters_.size()) < index) parameters_.resize(index);
        return parameters_[index - 1];
    }

    pqxx::connection& connection_;
    std::string name_;
    std::vector<std::optional<std::string>> parameters_;
    std::optional<pqxx::result> result_;
    long row_ = -1;
};

class PostgresConnection final : public SqlConnection {
  public:
    explicit PostgresConnection(std::unique_ptr<pqxx::connection> connection)
        : connection_(std::move(connection)) {}

    std::string_view Engine() const override { return "postgresql"; }

    Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
        const std::string text = NumberPlaceholders(sql);
        auto found = prepared_.find(text);
        if (found == prepared_.end()) {
            const std::string name = fmt::format("khet_{}", prepared_.size() + 1);
            try {
                connection_->prepare(name, text);
            } catch (const std::exception& error) {
                return std::unexpected(PostgresError(error));
            }
            found = prepared_.emplace(text, name).first;
        }
        return std::make_unique<PostgresStatement>(*connection_, found->second);
    }

    Status Execute(std::string_view script) override {
        try {
            pqxx::nontransaction work(*connection_);
            work.exec(std::string(script));
            return {};
        } catch (const std::exception& error) {
            return std::unexpected(PostgresError(error));
        }
    }
    Status Begin() override { return Execute("BEGIN"); }
    Status Commit() override { return Execute("COMMIT"); }
    Status Rollback() override { return Execute("ROLLBACK"); }

  private:
    std::unique_ptr<pqxx::connection> connection_;
    std::map<std::string, std::string> prepared_;  // SQL text → prepared statement name
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url) {
    try {
        auto connection = std::make_unique<pqxx::connection>(url);
        pqxx::nontransaction(*connection).exec("SET client_min_messages = warning");
        return std::make_unique<PostgresConnection>(std::move(connection));
    } catch (const std::exception& error) {
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("เชื่อมต่อ PostgreSQL ไม่ได้: {}", error.what()));
    }
}

}  // namespace khet::store
