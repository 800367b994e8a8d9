package io.loadgen.payload.template;

import static io.loadgen.payload.template.Records.assertShare;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.payload.SeedLogGenerator;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.Specs;
import io.loadgen.testing.SeedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The templates shipped in src/main/resources/templates: 20,000 records each, in their format, parsed independently. */
@Timeout(120)
class TemplateShippedTest {

    private static final int N = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TIME_NS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z";
    /** nginx "combined": $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$referer" "$ua" */
    private static final Pattern NGINX = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3}) - - "
            + "\\[\\d\\d/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
            + "\"(GET|POST|PUT|DELETE|HEAD) (/[\\x21-\\x7e]*) HTTP/1\\.1\" ([1-5]\\d\\d) (0|[1-9]\\d*) "
            + "\"([^\"]*)\" \"([^\"]+)\"");
    /** RFC 5424: <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG], NILVALUE "-". */
    private static final Pattern SYSLOG = Pattern.compile("<(\\d{1,3})>1 "
            + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z "
            + "[\\x21-\\x7e]{1,255} [\\x21-\\x7e]{1,48} [\\x21-\\x7e]{1,128} [\\x21-\\x7e]{1,32} - [^\\n]+");
    /** CRI (containerd, CRI-O): TIMESTAMP STREAM TAG MESSAGE, TAG F for a full line. */
    private static final Pattern CRI = Pattern.compile("(" + TIME_NS + ") (stdout|stderr) F (.*)");

    @Test
    void theShippedNamesAndTheirSources() {
        assertThat(Template.shippedNames()).containsExactly("app-json", "k8s", "nginx", "seed", "syslog");
        for (String name : Template.shippedNames()) {
            Template t = Template.shipped(name).orElseThrow();
            assertThat(t.sourceText()).as(name).startsWith("{{#");
            assertThat(t.json()).as(name).isEqualTo(name.equals("seed") || name.equals("app-json"));
        }
        assertThat(Template.shipped("nginx.log")).isPresent();
        assertThat(Template.shipped("apache")).isEmpty();
        assertThat(Template.shipped("nginx.json")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-json", "k8s", "nginx", "seed", "syslog"})
    void noRecordHoldsALineBreakAndJsonOnesPassTheCheck(String name) {
        Template t = Template.shipped(name).orElseThrow();
        for (String r : Records.make(t, N))
            assertThat(r).as(name).doesNotContain("\n").doesNotContain("\r");
        if (t.json()) assertThat(t.firstInvalidJson()).as(name).isEmpty();
    }

    @Test
    void seedHasTheFormatOfTheSeedGeneratorByteForByteButTheLevel() {
        PayloadSpec spec = Specs.seedPayload();
        SeedLogGenerator seed = new SeedLogGenerator(spec, Records.CLOCK);
        List<String> records = Records.make(Template.shipped("seed").orElseThrow(), N);
        Map<String, Integer> levels = new TreeMap<>();
        for (int p = 0; p < N; p++) {
            SeedRecord r = SeedRecord.parse(records.get(p).getBytes(StandardCharsets.UTF_8));
            assertThat(r.instant()).isEqualTo(Records.NOW);
            assertThat(r.messageNumber()).isEqualTo(p);
            assertThat(r.resourceNumber()).isEqualTo(p % 10);
            levels.merge(r.level(), 1, Integer::sum);
            String expected = new String(seed.value(p), StandardCharsets.UTF_8);
            assertThat(withoutLevel(records.get(p))).isEqualTo(withoutLevel(expected));
        }
        for (String level : SeedRecord.LEVELS) assertShare(level, levels.get(level), N, 0.25);
    }

    private static String withoutLevel(String record) {
        return record.replaceFirst("\"Level\":\"[A-Z]+\"", "\"Level\":\"\"");
    }

    @Test
    void nginxIsCombinedFormatWithSmallerBodiesOn5xx() {
        long errorBytes = 0;
        long errors = 0;
        long okBytes = 0;
        long ok = 0;
        for (String r : Records.make(Template.shipped("nginx").orElseThrow(), N)) {
            Matcher m = NGINX.matcher(r);
            assertThat(m.matches()).as(r).isTrue();
            for (int i = 1; i <= 4; i++)
                assertThat(Integer.parseInt(m.group(i))).isBetween(0, 255);
            int status = Integer.parseInt(m.group(8));
            long bytes = Long.parseLong(m.group(9));
            if (status == 204 || status == 304 || m.group(6).equals("HEAD"))
                assertThat(bytes).as(r).isZero();
            if (status >= 500) {
                errorBytes += bytes;
                errors++;
            } else if (status == 200) {
                okBytes += bytes;
                ok++;
            }
        }
        assertThat(errors).isPositive();
        assertThat((double) errorBytes / errors).isLessThan((double) okBytes / ok / 5);
    }

    @Test
    void syslogIsRfc5424WithMicroseconds() {
        for (String r : Records.make(Template.shipped("syslog").orElseThrow(), N)) {
            Matcher m = SYSLOG.matcher(r);
            assertThat(m.matches()).as(r).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isBetween(0, 191);
        }
    }

    @Test
    void k8sIsACriLineWithWarningsAndErrorsOnStderr() {
        long stderr = 0;
        for (String r : Records.make(Template.shipped("k8s").orElseThrow(), N)) {
            Matcher m = CRI.matcher(r);
            assertThat(m.matches()).as(r).isTrue();
            boolean err = m.group(2).equals("stderr");
            if (err) stderr++;
            assertThat(m.group(3)).as(r).matches("time=\\S+ level=" + (err ? "(warn|error)" : "(info|debug)") + " .*");
        }
        assertShare("stderr", stderr, N, 0.15);
    }

    @Test
    void appJsonCarriesStackTracesOnAShareOfErrorLinesAndSlow5xx() throws Exception {
        long errors = 0;
        long traced = 0;
        double slow = 0;
        long slowN = 0;
        double fast = 0;
        long fastN = 0;
        for (String r : Records.make(Template.shipped("app-json").orElseThrow(), N)) {
            JsonNode node = JSON.readTree(r);
            assertThat(node.get("timestamp").textValue())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(node.get("trace_id").textValue()).matches("[0-9a-f]{32}");
            assertThat(node.get("span_id").textValue()).matches("[0-9a-f]{16}");
            assertThat(node.get("message").textValue()).matches("[A-Z][a-z]*( [a-z]+)+\\.");
            String level = node.get("level").textValue();
            assertThat(level).isIn("INFO", "WARN", "ERROR", "DEBUG");
            JsonNode trace = node.get("stack_trace");
            if (level.equals("ERROR")) errors++;
            if (trace != null) {
                assertThat(level).isEqualTo("ERROR");
                assertThat(trace.textValue()).contains("\n\tat com.example.");
                traced++;
            }
            int status = node.get("http_status").intValue();
            double ms = node.get("duration_ms").doubleValue();
            if (status >= 500) {
                slow += ms;
                slowN++;
            } else {
                fast += ms;
                fastN++;
            }
        }
        assertShare("ERROR", errors, N, 0.05);
        assertShare("ERROR lines with a stack trace", traced, errors, 0.65);
        assertThat(slow / slowN).isGreaterThan(5 * fast / fastN);
    }
}
