package io.aircheck.api.access;

import io.aircheck.api.ApiException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what, and see which rooms (DESIGN.md's security model). Pure: no I/O.
 *
 * <ul>
 *   <li>listener (and anonymous callers, if the operator allows them): public rooms in listings and
 *       search, public or unlisted rooms by link; segments of speakers who consented;
 *   <li>researcher: as a listener, plus unlisted rooms in listings and search, and the research
 *       export;
 *   <li>auditor: every room, every segment (consent or not), the export; signed exports of a
 *       session's complete record, the audit trail, legal holds;
 *   <li>admin: everything, and issuing tokens.
 * </ul>
 *
 * A refused action is a 401 for an anonymous caller (a key would help) and a 403 for a caller whose
 * key has too small a role.
 */
public final class AccessPolicy {
    private static final Set<Action> LISTENER_ACTIONS =
            EnumSet.of(
                    Action.LIST_ROOMS,
                    Action.READ_ROOM,
                    Action.PLAY,
                    Action.DOWNLOAD,
                    Action.READ_TRANSCRIPT,
                    Action.READ_TIMELINE,
                    Action.SEARCH);
    private static final Map<Role, Set<Action>> ALLOWED =
            Map.of(
                    Role.LISTENER, LISTENER_ACTIONS,
                    Role.RESEARCHER, with(LISTENER_ACTIONS, Action.EXPORT),
                    Role.AUDITOR,
                            with(
                                    LISTENER_ACTIONS,
                                    Action.EXPORT,
                                    Action.EXPORT_RECORDS,
                                    Action.READ_AUDIT_TRAIL,
                                    Action.LEGAL_HOLD),
                    Role.ADMIN, EnumSet.allOf(Action.class));

    private AccessPolicy() {}

    public static boolean allows(Role role, Action action) {
        return ALLOWED.get(role).contains(action);
    }

    /** Throws the 401 or 403 that refuses {@code action} to {@code caller}, if it is refused. */
    public static void require(Caller caller, Action action) {
        if (allows(caller.role(), action)) {
            return;
        }
        String needed = String.join(" or ", rolesAllowed(action));
        if (caller.anonymous()) {
            throw ApiException.unauthorized(
                    "an API key with the role "
                            + needed
                            + " is required to "
                            + action.description()
                            + ": send 'Authorization: Bearer <key>'");
        }
        throw ApiException.forbidden(
                "the key '"
                        + caller.name()
                        + "' has the role "
                        + caller.role().name().toLowerCase(java.util.Locale.ROOT)
                        + "; to "
                        + action.description()
                        + " the role "
                        + needed
                        + " is needed");
    }

    /** Room visibilities the role sees in listings and search hits. */
    public static Set<String> listedVisibilities(Role role) {
        return switch (role) {
            case LISTENER -> Set.of("PUBLIC");
            case RESEARCHER -> Set.of("PUBLIC", "UNLISTED");
            case AUDITOR, ADMIN -> Set.of(); // empty = no filter
        };
    }

    /** Room visibilities the role may open by a direct link. */
    public static boolean opensByLink(Role role, String visibility) {
        return role.seesEverything()
                || "PUBLIC".equals(visibility)
                || "UNLISTED".equals(visibility);
    }

    /** Whether the role sees transcript segments of speakers who did not consent. */
    public static boolean seesWithheldSegments(Role role) {
        return role.seesEverything();
    }

    static java.util.List<String> rolesAllowed(Action action) {
        return java.util.Arrays.stream(Role.values())
                .filter(r -> allows(r, action))
                .map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    private static Set<Action> with(Set<Action> base, Action... extra) {
        EnumSet<Action> all = EnumSet.copyOf(base);
        all.addAll(java.util.List.of(extra));
        return all;
    }
}
