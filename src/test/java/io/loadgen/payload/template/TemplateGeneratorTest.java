package io.loadgen.payload.template;

import static io.loadgen.payload.template.Records.assertMean;
import static io.loadgen.payload.template.Records.assertShare;
import static io.loadgen.payload.template.Records.make;
import static io.loadgen.payload.template.Records.makeJson;
import static io.loadgen.payload.template.Records.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each placeholder's output and distribution, names, conditions and JSON escaping, with a fixed seed and clock. */
@Timeout(60)
class TemplateGeneratorTest {

    private static final int N = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void timeInEachFormatFromOneClockReadingPerRecord() {
        assertThat(
                        one(
                                "{{time}}|{{time rfc3339_ms}}|{{time rfc3339_us}}|{{time epoch_ms}}|{{time epoch_us}}|{{time clf}}"))
                .isEqualTo("2026-12-02T08:30:01.123456789Z|2026-12-02T08:30:01.123Z|2026-12-02T08:30:01.123456Z"
                        + "|1796200201123|1796200201123456|02/Dec/2026:08:30:01 +0000");

        AtomicLong reads = new AtomicLong();
        AtomicLong now = new AtomicLong(Records.NOW_NANOS);
        TemplateGenerator g =
                new TemplateGenerator(Template.compile("{{time}} {{time epoch_us}} {{time}}", "t", false), 1, 0, () -> {
                    reads.incrementAndGet();
                    return now.addAndGet(700_000_000L); // a new second every other record
                });
        for (int p = 0; p < 10; p++) {
            String[] parts = new String(g.value(p), StandardCharsets.UTF_8).split(" ");
            assertThat(parts[0]).isEqualTo(parts[2]);
            java.time.Instant t = java.time.Instant.parse(parts[0]);
            assertThat(t.getEpochSecond() * 1_000_000_000L + t.getNano()).isEqualTo(now.get());
            assertThat(Long.parseLong(parts[1])).isEqualTo(now.get() / 1000);
        }
        assertThat(reads.get()).isEqualTo(10);
    }

    @Test
    void aTemplateWithoutTimeDoesNotReadTheClock() {
        TemplateGenerator g = new TemplateGenerator(Template.compile("{{seq}}", "t", false), 1, 0, () -> {
            throw new AssertionError("clock read");
        });
        assertThat(new String(g.value(5), StandardCharsets.UTF_8)).isEqualTo("5");
    }

    @Test
    void seqIsThePositionAndShardTheShard() {
        TemplateGenerator g = new TemplateGenerator(
                Template.compile("{{seq}} {{seq mod 7}} {{shard}}", "t", false), 1, 3, Records.CLOCK);
        assertThat(new String(g.value(123_456_789_012L), StandardCharsets.UTF_8))
                .isEqualTo("123456789012 4 3");
        assertThat(new String(g.value(0), StandardCharsets.UTF_8)).isEqualTo("0 0 3");
    }

    @Test
    void sequenceNumbersAreDistinctAcrossGeneratorsWithDisjointPositions() {
        Template t = Template.compile("{{seq}}", "t", false);
        TemplateGenerator a = new TemplateGenerator(t, 7, 0, Records.CLOCK);
        TemplateGenerator b = new TemplateGenerator(t, 7, 1, Records.CLOCK);
        Set<String> seen = new HashSet<>();
        for (long p = 0; p < 10_000; p++) {
            assertThat(seen.add(new String(a.value(2 * p), StandardCharsets.UTF_8)))
                    .isTrue();
            assertThat(seen.add(new String(b.value(2 * p + 1), StandardCharsets.UTF_8)))
                    .isTrue();
        }
    }

    @Test
    void theSameSeedAndPositionMakeTheSameRecordWhicheverGeneratorMakesIt() {
        Template t = Template.compile(
                "{{uuid}} {{int lognormal:100:1}} {{words 2..5}} {{choice a b c}} {{stacktrace}}", "t", false);
        TemplateGenerator a = new TemplateGenerator(t, 7, 0, Records.CLOCK);
        TemplateGenerator b = new TemplateGenerator(t, 7, 1, Records.CLOCK);
        TemplateGenerator other = new TemplateGenerator(t, 8, 0, Records.CLOCK);
        b.value(99); // b's state is elsewhere first
        for (long p = 0; p < 100; p++) {
            String ra = new String(a.value(p), StandardCharsets.UTF_8);
            assertThat(new String(b.value(p), StandardCharsets.UTF_8)).isEqualTo(ra);
            assertThat(new String(other.value(p), StandardCharsets.UTF_8)).isNotEqualTo(ra);
        }
    }

    @Test
    void choiceDrawsEachValueAtItsWeight() {
        Map<String, Integer> counts = counts(make("{{choice GET:60 POST:25 PUT:10 DELETE:5}}", N));

        assertThat(counts.keySet()).containsExactlyInAnyOrder("GET", "POST", "PUT", "DELETE");
        assertShare("GET", counts.get("GET"), N, 0.60);
        assertShare("POST", counts.get("POST"), N, 0.25);
        assertShare("PUT", counts.get("PUT"), N, 0.10);
        assertShare("DELETE", counts.get("DELETE"), N, 0.05);
    }

    @Test
    void choiceOfManyValuesAndOmittedWeights() {
        StringBuilder t = new StringBuilder("{{choice");
        for (int i = 0; i < 20; i++) t.append(' ').append('v').append(i).append(i == 0 ? ":20" : "");
        Map<String, Integer> counts = counts(make(t.append("}}").toString(), N));

        assertThat(counts).hasSize(20);
        assertShare("v0", counts.get("v0"), N, 20.0 / 39);
        assertShare("v19", counts.get("v19"), N, 1.0 / 39);
    }

    @Test
    void quotedChoicesHoldSpacesColonsAndQuotes() {
        Set<String> values = new HashSet<>(make("{{choice \"GET /api/v1\":3 \"a:b\" \"say \\\"hi\\\"\" \"\"}}", 2000));

        assertThat(values).containsExactlyInAnyOrder("GET /api/v1", "a:b", "say \"hi\"", "");
    }

    @Test
    void intOverARangeIsUniformWithBothEnds() {
        double[] v = numbers(make("{{int 200..4000}}", N));

        assertThat(java.util.Arrays.stream(v).allMatch(x -> x >= 200 && x <= 4000 && x == Math.rint(x)))
                .isTrue();
        assertThat(v).contains(200.0, 4000.0);
        double n = 3801;
        assertMean("mean", v, 2100, Math.sqrt((n * n - 1) / 12));
    }

    @Test
    void intNormalWithClamps() {
        double[] v = numbers(make("{{int normal:100:30 min=1 max=500}}", N));

        assertThat(java.util.Arrays.stream(v).allMatch(x -> x >= 1 && x <= 500)).isTrue();
        assertMean("mean", v, 100, 30);
    }

    @Test
    void decimalBoundsNeedNoWholeNumberBetweenThem() {
        double[] v = numbers(make("{{decimal uniform:0:1 min=0.1 max=0.9}}", N));

        assertThat(java.util.Arrays.stream(v).allMatch(x -> x >= 0.1 && x <= 0.9))
                .isTrue();
        assertThat(java.util.Arrays.stream(v).filter(x -> x > 0.1 && x < 0.9).count())
                .isGreaterThan(N / 2);
    }

    @Test
    void largeIntsAreWrittenExactly() {
        // Up to 2^53 every whole number is written as drawn, unnamed (a long) and named (a double) alike.
        assertThat(one("{{int 9007199254740991}}")).isEqualTo("9007199254740991");
        assertThat(one("{{n = int 9007199254740991}} {{n}}")).isEqualTo("9007199254740991 9007199254740991");
        List<String> top = make("{{int uniform:9007199254740000:9007199254740991}}", 2000);
        assertThat(top).allMatch(s -> {
            long x = Long.parseLong(s);
            return x >= 9007199254740000L && x <= 9007199254740991L;
        });
        assertThat(top).anyMatch(s -> Long.parseLong(s) % 2 == 1);
        assertThat(one("{{int uniform:0:1e18 max=1000}}")).matches("\\d{1,4}");
        assertThat(make("{{decimal uniform:8999999999:9000000000 digits=9}}", 200))
                .allMatch(s -> s.matches("899999999\\d\\.\\d{9}|9000000000\\.0{9}"));
    }

    @Test
    void intLognormalHasItsMeanAndZipfItsTopRank() {
        double sigma = 0.6;
        double sd = 120 * Math.sqrt(Math.exp(sigma * sigma) - 1);
        assertMean("lognormal", numbers(make("{{int lognormal:120:0.6}}", N)), 120, sd);

        double[] ranks = numbers(make("{{int zipf:50:1.2}}", N));
        double h = 0;
        for (int k = 1; k <= 50; k++) h += Math.pow(k, -1.2);
        long ones = java.util.Arrays.stream(ranks).filter(x -> x == 1).count();
        assertShare("rank 1", ones, N, 1 / h);
        assertThat(java.util.Arrays.stream(ranks).allMatch(x -> x >= 1 && x <= 50))
                .isTrue();
    }

    @Test
    void decimalHasItsDigitsAndMean() {
        List<String> records = make("{{decimal lognormal:0.25:0.8 digits=3 max=30}}", N);
        assertThat(records).allMatch(s -> s.matches("\\d+\\.\\d{3}"));
        double sd = 0.25 * Math.sqrt(Math.exp(0.64) - 1);
        assertMean("mean", numbers(records), 0.25, sd);

        assertThat(make("{{decimal normal:0:5 digits=2}}", 2000)).allMatch(s -> s.matches("-?\\d+\\.\\d{2}"));
        assertThat(make("{{decimal normal:0:5 digits=2}}", 2000)).anyMatch(s -> s.startsWith("-"));
        assertThat(make("{{decimal uniform:2.5:7 digits=0}}", 100)).allMatch(s -> s.matches("\\d+"));
        assertThat(one("{{decimal 3}}")).isEqualTo("3.000");
        assertThat(one("{{decimal -0.0004}}")).isEqualTo("0.000");
        assertThat(one("{{decimal -1.25 digits=1}}")).isEqualTo("-1.3");
    }

    @Test
    void uuidsAreRandomVersion4() {
        List<String> ids = make("{{uuid}}", 20_000);

        assertThat(ids).allMatch(s -> s.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertThat(ids)
                .allMatch(s ->
                        UUID.fromString(s).version() == 4 && UUID.fromString(s).variant() == 2);
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void ipv4AnywhereOrWithinANetwork() {
        Pattern dotted = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
        for (String s : make("{{ipv4}}", 20_000)) {
            Matcher m = dotted.matcher(s);
            assertThat(m.matches()).as(s).isTrue();
            for (int i = 1; i <= 4; i++)
                assertThat(Integer.parseInt(m.group(i))).isBetween(0, 255);
        }
        assertThat(make("{{ipv4 10.0.0.0/8}}", 2000))
                .allMatch(s -> s.startsWith("10.") && dotted.matcher(s).matches());
        assertThat(make("{{ipv4 192.168.7.99/24}}", 2000)).allMatch(s -> s.startsWith("192.168.7."));
        assertThat(one("{{ipv4 172.16.1.2}}")).isEqualTo("172.16.1.2");
    }

    @Test
    void hexHasItsDigits() {
        assertThat(make("{{hex 16}}", 1000)).allMatch(s -> s.matches("[0-9a-f]{16}"));
        assertThat(make("{{hex 37}}", 1000)).allMatch(s -> s.matches("[0-9a-f]{37}"));
        assertThat(new HashSet<>(make("{{hex 32}}", 1000))).hasSize(1000);
    }

    @Test
    void wordsAndSentences() {
        List<String> words = make("{{words 3..12}}", N);
        double[] counts = new double[words.size()];
        for (int i = 0; i < counts.length; i++) {
            assertThat(words.get(i)).matches("[a-z]+( [a-z]+)*");
            counts[i] = words.get(i).split(" ").length;
        }
        assertThat(java.util.Arrays.stream(counts).allMatch(c -> c >= 3 && c <= 12))
                .isTrue();
        assertMean("words", counts, 7.5, Math.sqrt((10.0 * 10 - 1) / 12));

        assertThat(make("{{sentence 1..6}}", 2000)).allMatch(s -> s.matches("[A-Z][a-z]*( [a-z]+){0,5}\\."));
        assertThat(make("{{words 0..1}}", 200)).contains("");
    }

    @Test
    void stackTracesLookLikeJavaOnesAndComeFromAPool() {
        Pattern first = Pattern.compile("[a-z]+(\\.[a-z]+)*\\.[A-Z]\\w*(Exception|Error): [A-Z][a-z]*( [a-z]+)*");
        Pattern frame = Pattern.compile("\tat [\\w.$/]+\\.[\\w$]+\\(\\w+\\.java:\\d+\\)");
        List<String> traces = make("{{stacktrace}}", 5000);
        boolean caused = false;
        for (String t : traces) {
            String[] lines = t.split("\n");
            assertThat(lines[0]).matches(first);
            assertThat(lines.length).isGreaterThan(1);
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.startsWith("Caused by: ")) {
                    assertThat(line.substring("Caused by: ".length())).matches(first);
                    caused = true;
                } else if (line.startsWith("\t... ")) {
                    assertThat(line).matches("\t\\.\\.\\. \\d+ more");
                    assertThat(i).isEqualTo(lines.length - 1);
                } else {
                    assertThat(line).matches(frame);
                }
            }
        }
        assertThat(caused).isTrue();
        assertThat(new HashSet<>(traces)).hasSizeBetween(StackTraces.POOL / 2, StackTraces.POOL);

        for (String t : make("{{stacktrace depth=5}}", 200)) {
            String main = t.split("\nCaused by: ")[0];
            assertThat(main.split("\n")).hasSize(6);
        }
    }

    @Test
    void commentsQuotedTextAndLiteralBraces() {
        assertThat(one("a{{# not written }}b{{\"{{\"}}c}}")).isEqualTo("ab{{c}}");
        assertThat(one("{{# a comment line}}\n  {{# another, indented }}  \nrecord {{seq}}\n"))
                .isEqualTo("record 0");
        assertThat(one("x {{# comment beside text keeps the line}}\ny")).isEqualTo("x \ny");
        assertThat(one("line one\r\nline two\r\n")).isEqualTo("line one\r\nline two");
        assertThat(one("record\n{{# a trailing comment line}}\n")).isEqualTo("record");
        assertThat(one("{{let n = int 5}}\n{{n}}-{{n}}")).isEqualTo("5-5");
        assertThat(one("{{\"say \\\"hi\\\"\\n\"}}")).isEqualTo("say \"hi\"\n");
    }

    @Test
    void namedValuesAreWrittenAgainByName() {
        for (String s :
                make("{{a = choice X Y Z}} {{a}} {{let n = int 1..1000000}}{{n}} {{n}} {{u = uuid}} {{u}}", 2000)) {
            String[] p = s.split(" ");
            assertThat(p[1]).isEqualTo(p[0]);
            assertThat(p[3]).isEqualTo(p[2]);
            assertThat(p[5]).isEqualTo(p[4]);
        }
        assertThat(make("{{d = decimal uniform:0:10 digits=2}}={{d}}", 200)).allMatch(s -> {
            String[] p = s.split("=");
            return p[0].equals(p[1]);
        });
    }

    @Test
    void errorLinesAndOnlyErrorLinesCarryATraceAtTheDeclaredShare() {
        List<String> records = make(
                "{{level = choice INFO:80 WARN:12 ERROR:5 DEBUG:3}}{{if level == ERROR and chance 0.6}} TRACE{{end}}",
                N);
        long errors = records.stream().filter(s -> s.startsWith("ERROR")).count();
        long traced = records.stream().filter(s -> s.endsWith(" TRACE")).count();

        assertThat(records).allMatch(s -> !s.endsWith(" TRACE") || s.equals("ERROR TRACE"));
        assertShare("ERROR", errors, N, 0.05);
        assertShare("traced ERROR", traced, errors, 0.6);
    }

    @Test
    void statusChoicesCompareAsNumbersAndChooseTheDuration() {
        List<String> records = make(
                "{{s = choice 200:80 404:5 500:10 503:5}} {{if s >= 500}}{{int lognormal:900:0.5}}"
                        + "{{else}}{{int lognormal:40:0.5}}{{end}}"
                        + "{{if s in 404,503}} odd{{end}}{{if s != 200 and s < 500}} client{{end}}",
                N);
        double slow = 0;
        double fast = 0;
        int slowN = 0;
        for (String r : records) {
            String[] p = r.split(" ");
            int status = Integer.parseInt(p[0]);
            long ms = Long.parseLong(p[1]);
            assertThat(r.endsWith(" odd") || r.endsWith(" odd client")).isEqualTo(status == 404 || status == 503);
            assertThat(r.endsWith(" client")).isEqualTo(status == 404);
            if (status >= 500) {
                slow += ms;
                slowN++;
            } else {
                fast += ms;
            }
        }
        assertShare("5xx", slowN, N, 0.15);
        assertThat(slow / slowN).isGreaterThan(10 * fast / (N - slowN));
    }

    @Test
    void numbersCompareAsNumbersAndTextAsText() {
        for (String r :
                make("{{n = int 1..100}} {{if n <= 10}}low{{else}}{{if n > 90}}high{{else}}mid{{end}}{{end}}", 5000)) {
            int n = Integer.parseInt(r.split(" ")[0]);
            assertThat(r).endsWith(n <= 10 ? "low" : n > 90 ? "high" : "mid");
        }
        for (String r :
                make("{{w = words 1..1}} {{if w in request,response}}R{{end}}{{if w != user}}!{{end}}", 20_000)) {
            String w = r.split(" ")[0];
            String mark = (w.equals("request") || w.equals("response") ? "R" : "") + (w.equals("user") ? "" : "!");
            assertThat(r).isEqualTo(w + " " + mark);
        }
        assertShare(
                "chance",
                make("{{if chance 0.3}}y{{end}}", N).stream()
                        .filter("y"::equals)
                        .count(),
                N,
                0.3);
    }

    @Test
    void namesInsideASectionAreItsOwn() {
        assertThat(make("{{if chance 0.5}}{{x = int 1..9}}{{x}}{{else}}{{x = choice a}}{{x}}{{end}}", 1000))
                .allMatch(s -> s.matches("([1-9])\\1|aa"));
    }

    @Test
    void jsonStringsGetEscapedOutputAndTheRestDoesNot() throws Exception {
        String t = "{\"m\":\"{{c = choice \"a\\\"b\" \"c\\\\d\" \"tab\\there\"}}\",\"again\":\"{{c}}\","
                + "\"q\":\"{{\"x\\\"y\"}}\",\"n\":{{int 1..3}},\"s\":\"x\\\"{{int 7}}\"}";
        for (String r : makeJson(t, 3000)) {
            JsonNode node = JSON.readTree(r);
            assertThat(node.get("m").textValue()).isIn("a\"b", "c\\d", "tab\there");
            assertThat(node.get("again").textValue()).isEqualTo(node.get("m").textValue());
            assertThat(node.get("q").textValue()).isEqualTo("x\"y");
            assertThat(node.get("n").intValue()).isBetween(1, 3);
            assertThat(node.get("s").textValue()).isEqualTo("x\"7");
        }
        // Not JSON: nothing is escaped.
        assertThat(one("\"{{\"a\\\"b\"}}\"")).isEqualTo("\"a\"b\"");
    }

    @Test
    void stackTracesInAJsonStringParseBackWithTheirNewlinesAndTabs() throws Exception {
        for (String r : makeJson("{\"stack_trace\":\"{{stacktrace}}\",\"raw\":{{\"1\"}}}", 500)) {
            assertThat(r).doesNotContain("\n").doesNotContain("\t");
            String trace = JSON.readTree(r).get("stack_trace").textValue();
            assertThat(trace).contains("\n\tat com.example.");
        }
    }

    @Test
    void recordsAreExactLengthArraysReusedByLength() {
        TemplateGenerator g =
                new TemplateGenerator(Template.compile("{{choice a bb}}", "t", false), 1, 0, Records.CLOCK);
        Map<Integer, byte[]> byLength = new HashMap<>();
        for (long p = 0; p < 100; p++) {
            byte[] v = g.value(p);
            assertThat(new String(v, StandardCharsets.UTF_8)).isIn("a", "bb");
            byte[] before = byLength.putIfAbsent(v.length, v);
            if (before != null) assertThat(v).isSameAs(before);
        }
    }

    @Test
    void arraysAreKeptWithinTheBudgetAndMadeBeyondIt() {
        ExactArrays arrays = new ExactArrays();
        byte[] source = new byte[70_000];
        for (int i = 0; i < source.length; i++) source[i] = (byte) i;
        for (int length = 1; length < 69_000; length += 7) {
            byte[] a = arrays.copyOf(source, length);
            assertThat(a).hasSize(length);
            assertThat(a[length - 1]).isEqualTo(source[length - 1]);
        }
        assertThat(arrays.keptBytes()).isPositive().isLessThanOrEqualTo(ExactArrays.BUDGET);
        assertThat(arrays.copyOf(source, 8)).isSameAs(arrays.copyOf(source, 8));
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> counts = new HashMap<>();
        for (String v : values) counts.merge(v, 1, Integer::sum);
        return counts;
    }

    private static double[] numbers(List<String> values) {
        return values.stream().mapToDouble(Double::parseDouble).toArray();
    }
}
