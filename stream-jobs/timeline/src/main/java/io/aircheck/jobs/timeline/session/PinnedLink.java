package io.aircheck.jobs.timeline.session;

/** A link pinned to the room (an empty url unpins). A Flink POJO. */
public final class PinnedLink {
    public long atUs;
    public String url;
    public String title;
    public String by;

    public PinnedLink() {}

    public PinnedLink(long atUs, String url, String title, String by) {
        this.atUs = atUs;
        this.url = url;
        this.title = title;
        this.by = by;
    }
}
