package io.loadgen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Opens a page in a real browser, Debian's {@code chromium} (installed by {@code .ci/run}), headless: the DOM after its
 * scripts ran, and a screenshot. A test that needs it is skipped, with the reason, where the browser is missing
 * ({@link #assumeInstalled()}), and fails otherwise.
 *
 * <p>The flags keep it off the network: no background requests, no component updates, no sync; each call gets a
 * profile directory of its own.
 */
public final class HeadlessChromium {

    /** Debian's; {@code -Dloadgen.test.chromium=PATH} names another (a missing one shows the tests skip). */
    public static final Path BINARY = Path.of(System.getProperty("loadgen.test.chromium", "/usr/bin/chromium"));

    private static final Pattern SVG = Pattern.compile("<svg\\b[^>]*>");
    private static final Pattern POINTS = Pattern.compile("data-points=\"(\\d+)\"");
    private static final Pattern EMPTY = Pattern.compile("data-empty=\"([^\"]*)\"");
    private static final Pattern BODY = Pattern.compile("<body\\b[^>]*>");
    private static final Pattern SCRIPT = Pattern.compile("(?s)<script\\b.*?</script>");

    private HeadlessChromium() {}

    /** Skips the calling test, naming what is missing, unless the browser is installed. */
    public static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(BINARY),
                BINARY + " is not installed (apt-get install chromium; .ci/run installs it): the page is not opened");
    }

    /** The DOM of the page once its scripts ran ({@code --dump-dom}). */
    public static String dumpDom(Path page) throws IOException, InterruptedException {
        return new String(run(page, "--dump-dom"), StandardCharsets.UTF_8);
    }

    /** A PNG of the page, {@code width} x {@code height} CSS pixels. */
    public static void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars");
        assertThat(png).as("chromium wrote the screenshot").exists();
    }

    /** What a test asserts of a page drawn by the report's script: the body's flags and every chart's points. */
    public record Rendered(String rendered, String errors, List<Chart> charts) {}

    /** One {@code <svg>}: its {@code id}'s chart container is not tracked, only what it says of itself. */
    public record Chart(int points, String empty) {}

    public static Rendered rendered(String dom) {
        Matcher body = BODY.matcher(dom);
        assertThat(body.find()).as("a <body> in the DOM").isTrue();
        String tag = body.group();
        List<Chart> charts = new ArrayList<>();
        // The script's own text holds SVG markup in strings: only the elements count.
        Matcher svg = SVG.matcher(SCRIPT.matcher(dom).replaceAll(""));
        while (svg.find()) {
            Matcher points = POINTS.matcher(svg.group());
            Matcher empty = EMPTY.matcher(svg.group());
            charts.add(new Chart(
                    points.find() ? Integer.parseInt(points.group(1)) : -1, empty.find() ? empty.group(1) : null));
        }
        return new Rendered(attribute(tag, "data-rendered"), attribute(tag, "data-errors"), charts);
    }

    /** Distinct colours in the image, up to {@code enough}: a blank or one-colour page has one. */
    public static int colours(Path png, int enough) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG that decodes").isNotNull();
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
                if (seen.size() >= enough) return seen.size();
            }
        }
        return seen.size();
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    private static byte[] run(Path page, String... what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("loadgen-chromium-");
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Path err = Files.createTempFile("loadgen-chromium-", ".log");
        Path stdout = Files.createTempFile("loadgen-chromium-", ".out");
        Process p = new ProcessBuilder(command)
                .redirectError(err.toFile())
                .redirectOutput(stdout.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        String log = Files.readString(err);
        assertThat(ended).as("chromium ended within 90 s; its log:%n%s", log).isTrue();
        assertThat(p.exitValue()).as("chromium's exit code; its log:%n%s", log).isZero();
        byte[] out = Files.readAllBytes(stdout);
        deleteTree(profile);
        Files.deleteIfExists(err);
        Files.deleteIfExists(stdout);
        return out;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind harms nothing
        }
    }
}
