package io.loadgen.payload.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A template that does not compile says where (line:column of the source) what was found and what is accepted. */
@Timeout(10)
class TemplateSyntaxTest {

    private static final String GENERATORS =
            "a generator (time, seq, shard, choice, int, decimal, uuid, ipv4, hex, words, sentence or stacktrace)";
    private static final String DISTRIBUTIONS =
            "N, A..B, uniform:A:B, normal:MEAN:SD, lognormal:MEAN:SIGMA or zipf:N:S";

    private static final String INT_LIMIT = "an int distribution, min= and max= within -2^53..2^53"
            + " (9007199254740992: a double holds every whole number up to there, and int draws through one)";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "ab {{tme}}",
                        "1:6: found 'tme', expected " + GENERATORS
                                + ", let, if, else, end, a quoted text or a name defined before (none is)"),
                Arguments.of("x\n{{time", "2:1: found '{{time', expected '}}' to close the placeholder"),
                Arguments.of("{{choice \"abc}}", "1:10: found '\"abc}}', expected a closing '\"' for this quoted text"),
                Arguments.of(
                        "{{int lognormal:5}}", "1:7: found 'lognormal:5', expected a distribution: " + DISTRIBUTIONS),
                Arguments.of(
                        "{{int lognormal:0:1}}",
                        "1:7: found 'lognormal:0:1', expected a distribution where lognormal:MEAN:SIGMA needs MEAN > 0"),
                Arguments.of("{{int}}", "1:6: found '}}', expected a distribution after int: " + DISTRIBUTIONS),
                Arguments.of("{{int 1..5 mn=1}}", "1:12: found 'mn=1', expected an option (min=, max=) or '}}'"),
                Arguments.of("{{int 1..5 min=4 max=2}}", "1:18: found 'max=2', expected max= at least min="),
                Arguments.of(
                        "{{int uniform:0:1 min=0.2 max=0.8}}",
                        "1:27: found 'max=0.8', expected min= and max= with a whole number between them (int writes"
                                + " whole numbers; decimal writes the numbers between)"),
                Arguments.of("{{int uniform:0:1e18}}", "1:7: found 'uniform:0:1e18', expected " + INT_LIMIT),
                Arguments.of("{{int uniform:1e19:2e19}}", "1:7: found 'uniform:1e19:2e19', expected " + INT_LIMIT),
                Arguments.of("{{int normal:1e17:5}}", "1:7: found 'normal:1e17:5', expected " + INT_LIMIT),
                Arguments.of(
                        "{{int normal:0:5 min=-9007199254741000}}",
                        "1:18: found 'min=-9007199254741000', expected " + INT_LIMIT),
                Arguments.of(
                        "{{decimal uniform:0:1e10 digits=9}}",
                        "1:11: found 'uniform:0:1e10', expected a decimal distribution, min= and max= within"
                                + " -9000000000..9000000000 (9e18 / 10^digits: beyond, the value in units of its last"
                                + " digit does not fit a long)"),
                Arguments.of(
                        "{{decimal normal:0:1 max=9000000000000001}}",
                        "1:22: found 'max=9000000000000001', expected a decimal distribution, min= and max= within"
                                + " -9000000000000000..9000000000000000 (9e18 / 10^digits: beyond, the value in units"
                                + " of its last digit does not fit a long)"),
                Arguments.of("{{decimal 1 digits=12}}", "1:20: found '12', expected digits= from 0 to 9"),
                Arguments.of(
                        "{{choice a:b:1}}",
                        "1:10: found 'a:b:1', expected VALUE:WEIGHT (a value with a colon goes in double quotes)"),
                Arguments.of("{{choice GET:-1}}", "1:14: found '-1', expected a weight: a number >= 0"),
                Arguments.of(
                        "{{time iso}}",
                        "1:8: found 'iso', expected a time format: rfc3339, rfc3339_ms, rfc3339_us, epoch_ms, epoch_us,"
                                + " clf"),
                Arguments.of("{{seq mod 0}}", "1:11: found '0', expected a whole number N >= 1 after mod"),
                Arguments.of("{{hex 0}}", "1:7: found '0', expected a number of digits from 1 to 4096"),
                Arguments.of(
                        "{{ipv4 300.1.1.1/8}}",
                        "1:8: found '300.1.1.1/8', expected a network such as 10.0.0.0/8 (four numbers 0-255, a prefix"
                                + " 0-32)"),
                Arguments.of("{{uuid x}}", "1:8: found 'x', expected '}}' after uuid"),
                Arguments.of("{{\"a\" b}}", "1:7: found 'b', expected '}}' after a quoted text"),
                Arguments.of("{{\"a\\q\"}}", "1:5: found '\\q', expected an escape: \\\", \\\\, \\n, \\t or \\r"),
                Arguments.of(
                        "{{}}", "1:1: found '{{}}', expected " + GENERATORS + ", a name, a quoted text or a # comment"),
                Arguments.of("{{a = uuid}}{{a = uuid}}", "1:15: found 'a', expected a new name: a is defined at 1:3"),
                Arguments.of(
                        "{{let time = uuid}}",
                        "1:7: found 'time', expected a name (letters, digits and _, not starting with a digit) that is"
                                + " not a generator or a keyword"),
                Arguments.of("{{let x}}", "1:8: found '}}', expected '=' after x"),
                Arguments.of(
                        "{{x = foo}}",
                        "1:7: found 'foo', expected a generator after '=' (time, seq, shard, choice,"
                                + " int, decimal, uuid, ipv4, hex, words, sentence or stacktrace)"),
                Arguments.of(
                        "{{if chance 0.5}}{{x = int 1..2}}{{end}}{{x}}",
                        "1:43: found 'x', expected " + GENERATORS
                                + ", let, if, else, end, a quoted text or a name defined before (none is); x is defined"
                                + " inside the {{if}} section at 1:20 and known only there"),
                Arguments.of(
                        "{{if lvl == ERROR}}x{{end}}",
                        "1:6: found 'lvl', expected a condition: NAME OP VALUE (OP one of ==, !=, <, <=, >, >=), NAME in"
                                + " A,B,... or chance P, joined by 'and', with a name defined before (none is)"),
                Arguments.of(
                        "{{l = choice A B}}{{if l == C}}{{end}}",
                        "1:29: found 'C', expected one of the values of l: A, B"),
                Arguments.of(
                        "{{l = choice A \"B\\nC\"}}{{if l == D}}{{end}}",
                        "1:34: found 'D', expected one of the values of l: A, B\\nC"),
                Arguments.of(
                        "{{l = choice A B}}{{if l < 5}}{{end}}",
                        "1:3: found 'l', expected a name whose values are all numbers before < (l may be 'A')"),
                Arguments.of(
                        "{{w = words}}{{if w > 3}}{{end}}",
                        "1:21: found '>', expected ==, != or in: w is text, compared as text"),
                Arguments.of(
                        "{{n = int 1..3}}{{if n == abc}}{{end}}",
                        "1:27: found 'abc', expected a number: n is a number"),
                Arguments.of(
                        "{{if chance 1.5}}{{end}}",
                        "1:13: found '1.5', expected a probability from 0 to 1 after chance"),
                Arguments.of(
                        "a{{else}}", "1:2: found '{{else}}', expected {{else}} only between {{if ...}} and {{end}}"),
                Arguments.of("a{{end}}", "1:2: found '{{end}}', expected {{end}} only after an {{if ...}}"),
                Arguments.of(
                        "{{if chance 0.5}}x", "1:1: found '{{if chance 0.5}}', expected {{end}} to close this {{if}}"),
                Arguments.of(
                        "{{if chance 0.5}}{{else}}{{else}}{{end}}",
                        "1:26: found '{{else}}', expected {{end}}: the {{if}} at 1:1 already has an {{else}}"),
                Arguments.of(
                        "{{# comment lines count as lines}}\n{{let s = choice 200 500}}\n"
                                + "{{s}} {{if s >= 500 or chance 0.1}}x{{end}}",
                        "3:21: found 'or', expected 'and' or '}}' after a condition"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void saysWhereWhatWasFoundAndWhatIsAccepted(String template, String message) {
        assertThatThrownBy(() -> Template.compile(template, "mine.log", false))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("mine.log:" + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void lineAndColumnAreThoseOfTheSource() {
        TemplateSyntaxException e = (TemplateSyntaxException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Template.compile("a\r\nbb\n   {{int 5..1}}", "x", false));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(10);
        assertThat(e).hasMessage("x:3:10: found '5..1', expected a distribution where A..B needs A <= B");
    }

    @Test
    void jsonBranchesMustLeaveStringsAlike() {
        assertThatThrownBy(() -> Template.compile("{\"a\":{{if chance 0.5}}\"x{{else}}1{{end}}}", "t.json", true))
                .hasMessage("t.json:1:34: found '{{end}}', expected both branches of the {{if}} at 1:6 to leave a JSON"
                        + " string open or both closed (each branch opens and closes its own quotes)");
        // Not JSON: the same text compiles.
        Template.compile("{\"a\":{{if chance 0.5}}\"x{{else}}1{{end}}}", "t.log", false);
    }

    @Test
    void spacesAroundEqualsAndInsideBracesAreOptional() {
        assertThat(Records.one("{{ level=choice A }}{{ level }}{{let n=int 3}}{{if n>=3 and level==A}}!{{end}}"))
                .isEqualTo("AA!");
    }
}
