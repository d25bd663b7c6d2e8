#pragma once

#include <vector>

#include "domain/audit.hpp"
#include "domain/document.hpp"
#include "services/ports/repositories.hpp"

namespace khet {

/// Reading the audit trail: an office's entries for those with kReadAudit there (every office's,
/// with an empty office, for a system administrator).
/// Entries newest first, at most the filter's limit, and whether more matched.
struct AuditPage {
    std::vector<AuditEntry> entries;
    bool truncated = false;
};

class AuditService {
  public:
    explicit AuditService(AuditRepository& audit) : audit_(audit) {}

    /// kInvalidArgument per field (from, to, action, limit 1–10,000).
    Result<AuditPage> Entries(const Actor& actor, const AuditFilter& filter);

    /// The same entries as a document for CSV and XLSX export, with Thai headers and times.
    Result<Document> EntriesDocument(const Actor& actor, const AuditFilter& filter);

  private:
    AuditRepository& audit_;
};

}  // namespace khet
