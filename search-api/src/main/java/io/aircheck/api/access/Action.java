package io.aircheck.api.access;

/** What a caller asks to do; {@link AccessPolicy} says which roles may. */
public enum Action {
    LIST_ROOMS("list rooms"),
    READ_ROOM("read a room"),
    PLAY("play a recording"),
    DOWNLOAD("download a master"),
    READ_TRANSCRIPT("read a transcript"),
    READ_TIMELINE("read a timeline"),
    SEARCH("search transcripts"),
    EXPORT("export search hits"),
    ISSUE_TOKENS("issue access tokens"),
    EXPORT_RECORDS("export a session's complete, signed record"),
    READ_AUDIT_TRAIL("read the audit trail"),
    LEGAL_HOLD("place or release a legal hold");

    private final String description;

    Action(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
