package io.aircheck.jobs.io;

import io.aircheck.storage.RoomCatalog;
import java.io.Serializable;

/** Opens the room catalog inside a sink writer (the sink is serialized; the catalog is not). */
@FunctionalInterface
public interface RoomCatalogFactory extends Serializable {
    RoomCatalog open();
}
