package io.aircheck.api.testing.browser;

import java.util.List;

/**
 * What a browser test does with a page, the same in every browser: open a URL, run a script, click
 * and type as a person does (real pointer and key input), read what is shown.
 */
public interface Browser {
    /** e.g. "chromium", "firefox". */
    String name();

    /** Opens {@code url} and waits until the page has loaded. */
    void open(String url);

    /**
     * Runs {@code body}, a function body that may {@code return} a value, in the page; returns that
     * value as Java (String, Boolean, Number, List, Map, or null).
     */
    Object js(String body);

    /** Clicks the first element matching {@code css} where it is on screen. */
    void click(String css);

    /** Clicks the first element matching {@code css}, then types {@code text} into it. */
    void type(String css, String text);

    /** The rendered text of every element matching {@code css}, in document order. */
    @SuppressWarnings("unchecked")
    default List<String> texts(String css) {
        return (List<String>)
                js(
                        "return Array.from(document.querySelectorAll("
                                + quoted(css)
                                + ")).map(e => e.innerText.trim());");
    }

    /** Whether an element matching {@code css} is there and shown. */
    default boolean displayed(String css) {
        return Boolean.TRUE.equals(
                js(
                        "const e = document.querySelector("
                                + quoted(css)
                                + "); return !!e && e.getClientRects().length > 0"
                                + " && getComputedStyle(e).visibility !== 'hidden';"));
    }

    /** Sets the size of the page's viewport (a phone: 390 x 844). */
    void resize(int width, int height);

    /** A PNG of the viewport. */
    byte[] screenshot();

    /**
     * Ends the browser. (Not {@code AutoCloseable}: JUnit would close a parameterized test's
     * browser after each test.)
     */
    void quit();

    /** {@code s} as a JavaScript string literal. */
    static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
