package io.aircheck.api.replay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an HLS playlist from the archive so that every media URI points at the API: each URI
 * (segment lines and {@code URI="..."} attributes such as EXT-X-MAP's) becomes its bare file name,
 * which a player resolves next to the playlist, with the caller's query (e.g. its access token)
 * appended, so that media elements that cannot send headers still authenticate. A URI that names a
 * host is cut to its file name too: the bucket is never exposed. Pure.
 */
public final class PlaylistRewriter {
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    private PlaylistRewriter() {}

    /** {@code query} without '?', or null/blank for none. */
    public static String rewrite(String playlist, String query) {
        String suffix = query == null || query.isBlank() ? "" : "?" + query;
        StringBuilder out = new StringBuilder(playlist.length() + 64);
        for (String line : playlist.split("\r?\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                out.append(line);
            } else if (trimmed.startsWith("#")) {
                Matcher m = URI_ATTRIBUTE.matcher(line);
                StringBuilder rewritten = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(
                            rewritten,
                            Matcher.quoteReplacement(
                                    "URI=\"" + fileName(m.group(1)) + suffix + "\""));
                }
                m.appendTail(rewritten);
                out.append(rewritten);
            } else {
                out.append(fileName(trimmed)).append(suffix);
            }
            out.append('\n');
        }
        // split(-1) leaves one empty element after a final newline: do not double it
        int length = out.length();
        if (length >= 2 && out.charAt(length - 1) == '\n' && out.charAt(length - 2) == '\n') {
            out.setLength(length - 1);
        }
        return out.toString();
    }

    /** Whether the playlist is complete (VOD, or an event that has ended). */
    public static boolean isComplete(String playlist) {
        return playlist.contains("#EXT-X-ENDLIST");
    }

    /** The last path segment of a URI, without its query. */
    static String fileName(String uri) {
        String path = uri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
