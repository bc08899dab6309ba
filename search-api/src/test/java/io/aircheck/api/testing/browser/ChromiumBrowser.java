package io.aircheck.api.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium, driven by Selenium through Debian's chromedriver. */
public final class ChromiumBrowser implements Browser {
    private final ChromeDriver driver;

    private ChromiumBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static ChromiumBrowser start(Path work) {
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromedriver) || !Files.isExecutable(chromium)) {
            throw new IllegalStateException(
                    "the browser test needs Debian's chromium and chromium-driver: run infra/bin/setup --browser (as root)");
        }
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                    "--autoplay-policy=no-user-gesture-required",
                    "--mute-audio",
                    "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")),
                    "--window-size=1200,900");
            ChromeDriverService service =
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(chromedriver.toFile())
                            .usingAnyFreePort()
                            .build();
            return new ChromiumBrowser(new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "chromium";
    }

    @Override
    public void open(String url) {
        driver.get(url);
    }

    @Override
    public Object js(String body) {
        return driver.executeScript(body);
    }

    @Override
    public void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    @Override
    public void type(String css, String text) {
        WebElement element = driver.findElement(By.cssSelector(css));
        element.click();
        element.sendKeys(text);
    }

    @Override
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        // the window's frame: make the viewport the size asked for
        @SuppressWarnings("unchecked")
        Map<String, Number> inner =
                (Map<String, Number>)
                        driver.executeScript(
                                "return {w: window.innerWidth, h: window.innerHeight};");
        driver.manage()
                .window()
                .setSize(
                        new Dimension(
                                2 * width - inner.get("w").intValue(),
                                2 * height - inner.get("h").intValue()));
    }

    @Override
    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void quit() {
        driver.quit();
    }
}
