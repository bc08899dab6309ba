package io.aircheck.jobs.consent;

import java.util.List;

/** What the consent job did to a session's public copy: rendered (without whom) or withdrawn. */
public record PublicMixUpdate(
        String roomId, String sessionId, String action, List<String> withdrawn) {}
