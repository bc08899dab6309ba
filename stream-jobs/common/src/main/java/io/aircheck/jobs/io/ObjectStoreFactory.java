package io.aircheck.jobs.io;

import io.aircheck.storage.ObjectStore;
import java.io.Serializable;

/**
 * Opens the archive's object store inside an operator. Operators are serialized and shipped to task
 * managers, so they carry this factory (settings only) and open the store in {@code open()}.
 */
@FunctionalInterface
public interface ObjectStoreFactory extends Serializable {
    ObjectStore open();
}
