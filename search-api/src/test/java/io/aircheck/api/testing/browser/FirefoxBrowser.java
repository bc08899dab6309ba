package io.aircheck.api.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Firefox ESR, driven over WebDriver BiDi, which Firefox speaks itself ({@code
 * --remote-debugging-port}): no geckodriver (Debian does not package it). Clicks and keys are real
 * input ({@code input.performActions}), as a person's are.
 */
public final class FirefoxBrowser implements Browser {
    private static final Pattern LISTENING =
            Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final String PREFS =
            String.join(
                    "\n",
                    "user_pref(\"media.autoplay.default\", 0);",
                    "user_pref(\"media.autoplay.blocking_policy\", 0);",
                    "user_pref(\"media.volume_scale\", \"0.0\");",
                    "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                    "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
                    "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                    "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
                    "user_pref(\"app.update.disabledForTesting\", true);",
                    "user_pref(\"network.connectivity-service.enabled\", false);",
                    "user_pref(\"browser.newtabpage.enabled\", false);",
                    "");

    private final Process process;
    private final BidiConnection bidi;
    private final String context;

    private FirefoxBrowser(Process process, BidiConnection bidi, String context) {
        this.process = process;
        this.bidi = bidi;
        this.context = context;
    }

    public static FirefoxBrowser start(Path work) {
        Path firefox = Path.of("/usr/bin/firefox-esr");
        if (!Files.isExecutable(firefox)) {
            throw new IllegalStateException(
                    "the browser test needs Debian's firefox-esr: run infra/bin/setup --browser (as root)");
        }
        Process process = null;
        try {
            Path profile = Files.createDirectories(work.resolve("firefox-profile"));
            Files.writeString(profile.resolve("user.js"), PREFS);
            process =
                    new ProcessBuilder(
                                    firefox.toString(),
                                    "--headless",
                                    "--no-remote",
                                    "--profile",
                                    profile.toString(),
                                    "--remote-debugging-port",
                                    "0",
                                    "--width",
                                    "1200",
                                    "--height",
                                    "900",
                                    "about:blank")
                            .redirectErrorStream(true)
                            .start();
            URI url = URI.create(listeningUrl(process) + "/session");
            BidiConnection bidi = BidiConnection.open(url);
            ObjectNode capabilities = BidiConnection.params();
            capabilities.putObject("capabilities");
            bidi.send("session.new", capabilities);
            JsonNode tree = bidi.send("browsingContext.getTree", BidiConnection.params());
            String context = tree.path("contexts").get(0).path("context").asText();
            FirefoxBrowser browser = new FirefoxBrowser(process, bidi, context);
            browser.resize(1200, 900);
            return browser;
        } catch (IOException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw e;
        }
    }

    /** Reads Firefox's output until it names its BiDi address, then drains it in the background. */
    private static String listeningUrl(Process process) throws IOException {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    Matcher m = LISTENING.matcher(line);
                                    if (m.find()) {
                                        url.complete(m.group(1));
                                    } else if (!url.isDone() && seen.size() < 50) {
                                        seen.add(line);
                                    }
                                }
                            } catch (IOException e) {
                                // the process ended
                            }
                            url.completeExceptionally(
                                    new IllegalStateException(
                                            "Firefox ended without a BiDi address: " + seen));
                        },
                        "firefox-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Firefox did not start its BiDi server: " + seen, e);
        }
    }

    @Override
    public String name() {
        return "firefox";
    }

    @Override
    public void open(String url) {
        ObjectNode p = BidiConnection.params().put("context", context).put("url", url);
        p.put("wait", "complete");
        bidi.send("browsingContext.navigate", p);
    }

    @Override
    public Object js(String body) {
        ObjectNode p = BidiConnection.params();
        p.put("functionDeclaration", "() => {" + body + "\n}");
        p.put("awaitPromise", true);
        p.putObject("target").put("context", context);
        p.putObject("serializationOptions").put("maxObjectDepth", 4);
        JsonNode result = bidi.send("script.callFunction", p);
        if ("exception".equals(result.path("type").asText())) {
            throw new IllegalStateException(
                    "script failed: " + result.path("exceptionDetails").path("text").asText());
        }
        return BidiValues.toJava(result.path("result"));
    }

    @Override
    public void click(String css) {
        String find =
                "const e = document.querySelector("
                        + Browser.quoted(css)
                        + "); if (!e) throw new Error('nothing matches "
                        + css.replace("'", "\\'")
                        + "');";
        js(find + " e.scrollIntoView({block: 'center', inline: 'nearest'});");
        @SuppressWarnings("unchecked")
        Map<String, Object> at =
                (Map<String, Object>)
                        js(
                                find
                                        + " const r = e.getClientRects()[0];"
                                        + " const x = Math.round(r.left + Math.min(r.width / 2, 20));"
                                        + " const y = Math.round(r.top + r.height / 2);"
                                        + " const there = document.elementFromPoint(x, y);"
                                        + " return {x: x, y: y, hit: !!there && (there === e || e.contains(there)),"
                                        + " there: there ? there.outerHTML.slice(0, 120) : 'nothing'};");
        if (!Boolean.TRUE.equals(at.get("hit"))) {
            throw new IllegalStateException(
                    "cannot click "
                            + css
                            + ": at "
                            + at.get("x")
                            + ","
                            + at.get("y")
                            + " is "
                            + at.get("there"));
        }
        ObjectNode p = BidiConnection.params().put("context", context);
        ObjectNode pointer = p.putArray("actions").addObject();
        pointer.put("type", "pointer").put("id", "mouse");
        pointer.putObject("parameters").put("pointerType", "mouse");
        ArrayNode steps = pointer.putArray("actions");
        steps.addObject()
                .put("type", "pointerMove")
                .put("x", ((Number) at.get("x")).intValue())
                .put("y", ((Number) at.get("y")).intValue());
        steps.addObject().put("type", "pointerDown").put("button", 0);
        steps.addObject().put("type", "pointerUp").put("button", 0);
        bidi.send("input.performActions", p);
    }

    @Override
    public void type(String css, String text) {
        click(css);
        ObjectNode p = BidiConnection.params().put("context", context);
        ObjectNode keys = p.putArray("actions").addObject();
        keys.put("type", "key").put("id", "keyboard");
        ArrayNode steps = keys.putArray("actions");
        text.codePoints()
                .forEach(
                        c -> {
                            String key = new String(Character.toChars(c));
                            steps.addObject().put("type", "keyDown").put("value", key);
                            steps.addObject().put("type", "keyUp").put("value", key);
                        });
        bidi.send("input.performActions", p);
    }

    @Override
    public void resize(int width, int height) {
        ObjectNode p = BidiConnection.params().put("context", context);
        p.putObject("viewport").put("width", width).put("height", height);
        bidi.send("browsingContext.setViewport", p);
    }

    @Override
    public byte[] screenshot() {
        JsonNode result =
                bidi.send(
                        "browsingContext.captureScreenshot",
                        BidiConnection.params().put("context", context));
        return Base64.getDecoder().decode(result.path("data").asText());
    }

    @Override
    public void quit() {
        try {
            bidi.send("browser.close", BidiConnection.params());
        } catch (RuntimeException e) {
            // it may go before it answers
        }
        bidi.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
