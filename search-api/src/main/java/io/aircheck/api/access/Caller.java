package io.aircheck.api.access;

/** Who is calling: a named API key with its role, or an anonymous listener. */
public record Caller(String name, Role role, boolean anonymous) {
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.LISTENER, true);
}
