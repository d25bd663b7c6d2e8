#pragma once

#include <vector>

#include "domain/audit.hpp"
#include "domain/document.hpp"
#include "services/ports/repositories.hpp"

namespace khet {

/// Reading the audit trail: an office's entries for those with kReadAudit there (every office's,
/// with an empty office, for a system administrator).
class AuditService {
  public:
    explicit AuditService(AuditRepository& audit) : audit_(audit) {}

    /// Entries newest first. kInvalidArgument per field (from, to, action, limit).
    Result<std::vector<AuditEntry>> Entries(const Actor& actor, const AuditFilter& filter);

    /// The same entries as a document for CSV and XLSX export, with Thai headers and times.
    Result<Document> EntriesDocument(const Actor& actor, const AuditFilter& filter);

  private:
    AuditRepository& audit_;
};

}  // namespace khet
