package io.aircheck.api.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads path parameters by matching a route template ({@code /a/{x}/b}) against a path. Pure. */
final class RouteTemplate {
    private RouteTemplate() {}

    static Map<String, String> params(String template, String path) {
        Map<String, String> params = new LinkedHashMap<>();
        if (template == null || path == null) {
            return params;
        }
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return params;
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                params.put(t[i].substring(1, t[i].length() - 1), p[i]);
            } else if (!t[i].equals(p[i])) {
                return new LinkedHashMap<>();
            }
        }
        return params;
    }

    private static final java.util.regex.Pattern SESSION =
            java.util.regex.Pattern.compile("^/api/rooms/([^/]+)/sessions/([^/]+)(/.*)?$");

    /** The room and session a path names, if it is under a session. */
    static Map<String, String> sessionOf(String path) {
        Map<String, String> params = new LinkedHashMap<>();
        java.util.regex.Matcher m = path == null ? null : SESSION.matcher(path);
        if (m != null && m.matches()) {
            params.put("roomId", m.group(1));
            params.put("sessionId", m.group(2));
        }
        return params;
    }

    /**
     * A path in the shape of the routes ({@code .../hls/{file}}), for requests that matched none.
     */
    static String shape(String path) {
        if (path == null) {
            return "";
        }
        int hls = path.indexOf("/hls/");
        return hls >= 0 ? path.substring(0, hls) + "/hls/{file}" : path;
    }
}
