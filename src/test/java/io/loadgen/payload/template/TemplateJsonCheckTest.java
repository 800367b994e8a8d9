package io.loadgen.payload.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JSON check names the first record that does not parse, why, and shows it. */
@Timeout(60)
class TemplateJsonCheckTest {

    private static Template json(String text) {
        return Template.compile(text, "mine.json", true);
    }

    @Test
    void aValidTemplatePasses() {
        assertThat(json("{\"a\":\"{{sentence}}\",\"n\":{{int 1..9}},\"t\":\"{{stacktrace}}\"}")
                        .firstInvalidJson())
                .isEmpty();
    }

    @Test
    void anUnquotedChoiceOfWordsIsCaughtWithTheRecordShown() {
        String m = json("{\"level\":{{choice INFO WARN}},\"n\":1}")
                .firstInvalidJson()
                .orElseThrow();

        assertThat(m).startsWith("mine.json: record 1 of 1000 is not valid JSON (Unrecognized token '");
        assertThat(m)
                .endsWith("): {\"level\":WARN,\"n\":1}")
                .doesNotContain("\n")
                .doesNotContain("line:");
    }

    @Test
    void aRareBranchIsFoundAtItsRecord() {
        Template t = json("{\"a\":1{{if chance 0.01}},{{end}}}");
        String m = t.firstInvalidJson().orElseThrow();

        int record = Integer.parseInt(m.replaceFirst("mine.json: record (\\d+) of 1000 .*", "$1"));
        assertThat(record).isGreaterThan(1);
        assertThat(m).endsWith(": {\"a\":1,}");
        // Records before it are fine: checking fewer finds nothing.
        assertThat(t.firstInvalidJson(0, record - 1)).isEmpty();
    }

    @Test
    void aStackTraceOutsideAStringIsCaughtAndItsLineBreaksShownEscapedAndCut() {
        Template t = json("{\"t\":{{stacktrace depth=50}}}");
        String m = t.firstInvalidJson(Records.SEED, 1000).orElseThrow();

        String record = Records.make(t, 1).get(0);
        String shown = record.substring(0, 300).replace("\n", "\\n").replace("\t", "\\t") + "...";
        assertThat(m).contains("record 1 of 1000 is not valid JSON (").endsWith("): " + shown);
        assertThat(m).doesNotContain("\n").contains("\\n\\tat com.example.");
    }

    @Test
    void aQuoteWrittenByAQuotedTextOpensAString() {
        // {{"\""}} writes a quote outside a string: it opens one, so the trace after it is escaped, and "} closes it.
        Template t = json("{\"t\":{{\"\\\"\"}}{{stacktrace depth=50}}\"}");

        assertThat(t.firstInvalidJson(Records.SEED, 1000)).isEmpty();
        assertThat(Records.make(t, 1).get(0)).startsWith("{\"t\":\"java.").contains("\\n\\tat com.example.");
        // And one written inside a string is escaped, leaving the string open.
        assertThat(Records.make(json("{\"t\":\"a{{\"\\\"\"}}{{stacktrace depth=5}}\"}"), 1)
                        .get(0))
                .startsWith("{\"t\":\"a\\\"java.")
                .contains("\\n\\tat com.example.");
    }

    @Test
    void trailingTextAndEmptyRecordsAreNotJson() {
        assertThat(json("{} x").firstInvalidJson().orElseThrow()).contains("(Unrecognized token 'x'");
        assertThat(json("{}{}").firstInvalidJson().orElseThrow()).contains("(text follows the first value)");
        assertThat(json("{{# nothing}}").firstInvalidJson().orElseThrow()).contains("(it is empty)");
    }
}
