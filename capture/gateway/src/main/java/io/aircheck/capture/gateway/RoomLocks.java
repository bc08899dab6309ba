package io.aircheck.capture.gateway;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock of each room: everything the gateway decides and writes for one room happens under it,
 * so the room's records reach the log in decision order. Striped (a fixed set of locks shared by
 * hash), so unknown room ids from bad input cost no memory. Events wait for the lock; audio only
 * tries it ({@code tryLock}) and comes back later, so that a receiving thread never stalls behind
 * an event waiting for the log.
 */
final class RoomLocks {
    private static final int STRIPES = 1024;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    RoomLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(String roomId) {
        return locks[Math.floorMod(roomId.hashCode(), STRIPES)];
    }
}
