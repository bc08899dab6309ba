package io.aircheck.jobs.audit.io;

import io.aircheck.storage.audit.AuditIndex;
import java.io.Serializable;

/** Opens the audit index inside an operator (the operator is serialized; the index is not). */
@FunctionalInterface
public interface AuditIndexFactory extends Serializable {
    AuditIndex open();
}
