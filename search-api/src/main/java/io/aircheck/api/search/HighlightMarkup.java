package io.aircheck.api.search;

/**
 * Turns the index's highlighted text (matches between {@link #START} and {@link #END}) into safe
 * HTML: everything escaped, the matches in {@code <mark>}. Pure.
 */
public final class HighlightMarkup {
    public static final String START = "\u0002";
    public static final String END = "\u0003";

    private HighlightMarkup() {}

    public static String toHtml(String marked) {
        StringBuilder out = new StringBuilder(marked.length() + 32);
        boolean open = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            switch (c) {
                case '\u0002' -> {
                    if (!open) {
                        out.append("<mark>");
                        open = true;
                    }
                }
                case '\u0003' -> {
                    if (open) {
                        out.append("</mark>");
                        open = false;
                    }
                }
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        if (open) {
            out.append("</mark>");
        }
        return out.toString();
    }

    /** Plain text escaped as HTML (no highlight). */
    public static String escape(String text) {
        return toHtml(text.replace(START, "").replace(END, ""));
    }
}
