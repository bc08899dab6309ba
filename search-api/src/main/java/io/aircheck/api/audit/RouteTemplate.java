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
}
