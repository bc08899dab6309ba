package io.aircheck.storage.retention;

import java.util.regex.Pattern;

/**
 * A glob over object keys: {@code *} matches within one path segment, {@code **} across segments,
 * {@code ?} one character; everything else literally. E.g. {@code rooms/&#42;/&#42;/mix/*.m4s},
 * {@code rooms/**}. Pure.
 */
public record KeyPattern(String glob) {
    public KeyPattern {
        if (glob == null || glob.isBlank() || glob.startsWith("/")) {
            throw new IllegalArgumentException("not a key pattern: '" + glob + "'");
        }
    }

    public boolean matches(String key) {
        return regex().matcher(key).matches();
    }

    private Pattern regex() {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return glob;
    }
}
