package io.aircheck.capture.gateway;

/**
 * The lock of each room: everything the gateway decides and writes for one room happens under it,
 * so the room's records reach the log in decision order. Striped (a fixed set of locks shared by
 * hash), so unknown room ids from bad input cost no memory.
 */
final class RoomLocks {
    private static final int STRIPES = 256;

    private final Object[] locks = new Object[STRIPES];

    RoomLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    Object of(String roomId) {
        return locks[Math.floorMod(roomId.hashCode(), STRIPES)];
    }
}
