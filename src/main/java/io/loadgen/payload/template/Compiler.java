package io.loadgen.payload.template;

import io.loadgen.spec.Distribution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns template text into a {@link Template}: literal text, placeholders, names resolved to slots, conditions decided
 * as far as they can be before any record is made. Every mistake is a {@link TemplateSyntaxException} at its line
 * and column. One compiler per compilation.
 */
final class Compiler {

    private static final String GENERATORS =
            "time, seq, shard, choice, int, decimal, uuid, ipv4, hex, words, sentence or stacktrace";
    private static final Set<String> GENERATOR_NAMES = Set.of(
            "time",
            "seq",
            "shard",
            "choice",
            "int",
            "decimal",
            "uuid",
            "ipv4",
            "hex",
            "words",
            "sentence",
            "stacktrace");
    private static final Set<String> KEYWORDS = Set.of("let", "if", "else", "end", "and", "in", "chance", "mod");
    private static final String CONDITION = "a condition: NAME OP VALUE (OP one of ==, !=, <, <=, >, >=),"
            + " NAME in A,B,... or chance P, joined by 'and'";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}(\\.\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,18}");
    private static final Pattern IPV4 =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
    private static final int MOST_HEX_DIGITS = 4096;
    private static final Distribution WORDS = Distribution.parse("3..12");
    private static final Distribution SENTENCE = Distribution.parse("4..14");

    /** A word of a placeholder: {@code tail} is what follows a quoted text without a space ({@code ":3"}). */
    record Token(String text, boolean quoted, String tail, int offset) {}

    private record Name(String name, int slot, Value value, int offset) {}

    /** The template's top level, or a {@code {{if}}} section being read. */
    private static final class Frame {
        final Condition condition;
        final int offset;
        final int jsonAtIf;
        /** The text before the {{if}}. */
        final byte[] prefix;

        final List<Step> then = new ArrayList<>();
        List<Step> otherwise;
        int jsonAfterThen;
        Map<String, Name> names = new HashMap<>();

        Frame(Condition condition, int offset, int jsonAtIf, byte[] prefix) {
            this.condition = condition;
            this.offset = offset;
            this.jsonAtIf = jsonAtIf;
            this.prefix = prefix;
        }

        List<Step> steps() {
            return otherwise != null ? otherwise : then;
        }
    }

    private final String text;
    private final String source;
    private final boolean json;
    private final int end;
    private final int[] lineStarts;
    private final boolean[] dropped;
    private final StringBuilder literal = new StringBuilder();
    private final JsonText.Tracker tracker = new JsonText.Tracker();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final List<Template.SamplerSpec> samplers = new ArrayList<>();
    private int slots;
    private boolean readsClock;
    /** Names of closed sections, to tell a user why one is unknown after its {{end}}. */
    private final Map<String, Integer> sectionNames = new HashMap<>();

    Compiler(String text, String source, boolean json) {
        this.text = text;
        this.source = source;
        this.json = json;
        // One template is one record: the file's last line break is not part of it.
        int e = text.length();
        if (text.endsWith("\r\n")) e -= 2;
        else if (text.endsWith("\n")) e -= 1;
        this.end = e;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        this.dropped = new boolean[text.length()];
    }

    Template compile(String sourceText) {
        dropSilentLines();
        frames.push(new Frame(null, -1, 0, null));
        int pos = 0;
        while (pos < end) {
            int open = text.indexOf("{{", pos);
            if (open < 0 || open >= end) {
                appendLiteral(pos, end);
                break;
            }
            appendLiteral(pos, open);
            int close = closeOf(open);
            if (close < 0) {
                int quote = unclosedQuote(open);
                if (quote >= 0) throw error(quote, excerpt(quote), "a closing '\"' for this quoted text");
                throw error(open, excerpt(open), "'}}' to close the placeholder");
            }
            placeholder(open, close);
            pos = close + 2;
        }
        if (frames.size() > 1) {
            throw error(frames.peek().offset, excerpt(frames.peek().offset), "{{end}} to close this {{if}}");
        }
        flushLiteral();
        Frame root = frames.pop();
        return new Template(
                source,
                sourceText,
                json,
                root.then.toArray(new Step[0]),
                samplers.toArray(new Template.SamplerSpec[0]),
                slots,
                readsClock);
    }

    // ---- text between placeholders

    /**
     * A line that holds only comments and {@code let}s (and blanks) writes nothing, not even its line break: a
     * template can explain itself and define its values on lines of their own, above the record.
     */
    private void dropSilentLines() {
        int lastKeptBreak = -1;
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            int lineEnd = nl < 0 || nl >= end ? end : nl;
            if (silent(start, lineEnd)) {
                Arrays.fill(dropped, start, lineEnd, true);
                if (lineEnd < end) {
                    dropped[lineEnd] = true;
                } else if (lastKeptBreak >= 0) {
                    // The last line: drop the break before it, so the record does not end with one.
                    dropped[lastKeptBreak] = true;
                    if (lastKeptBreak > 0 && text.charAt(lastKeptBreak - 1) == '\r') dropped[lastKeptBreak - 1] = true;
                }
            } else if (lineEnd < end) {
                lastKeptBreak = lineEnd;
            }
            if (lineEnd >= end) return;
            start = lineEnd + 1;
        }
    }

    private boolean silent(int from, int to) {
        boolean any = false;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (!text.startsWith("{{", i)) return false;
            int close = closeOf(i);
            if (close < 0 || close + 2 > to) return false;
            String content = text.substring(i + 2, close).strip();
            boolean let =
                    content.startsWith("let") && content.length() > 3 && Character.isWhitespace(content.charAt(3));
            if (!content.startsWith("#") && !let) return false;
            any = true;
            i = close + 2;
        }
        return any;
    }

    private void appendLiteral(int from, int to) {
        for (int i = from; i < to; i++) {
            if (dropped[i]) continue;
            char c = text.charAt(i);
            literal.append(c);
            if (json) tracker.feed(c);
        }
    }

    /**
     * Text a placeholder writes that is known now (a quoted text): part of the literal, escaped where it lands. Inside
     * a JSON string it is escaped and so leaves the string open; outside one it is written as it is, and a quote in it
     * opens (or a later one closes) a string as the template's own text would.
     */
    private void appendOutput(String s) {
        if (inString()) {
            literal.append(JsonText.escape(s));
            return;
        }
        literal.append(s);
        if (json) {
            for (int i = 0; i < s.length(); i++) tracker.feed(s.charAt(i));
        }
    }

    /** Text still to write at the end of a template or branch. */
    private void flushLiteral() {
        if (literal.length() > 0) steps().add(new Step.Literal(takeLiteral()));
    }

    /** The literal text since the last step, for the next step to write first. */
    private byte[] takeLiteral() {
        byte[] b = literal.toString().getBytes(StandardCharsets.UTF_8);
        literal.setLength(0);
        return b;
    }

    private boolean inString() {
        return json && tracker.inString();
    }

    private List<Step> steps() {
        return frames.peek().steps();
    }

    /** The offset of the {@code }}} closing the placeholder opened at {@code open}; quoted text may hold braces. */
    private int closeOf(int open) {
        int i = open + 2;
        while (i + 1 < end) {
            char c = text.charAt(i);
            if (c == '"') {
                i = afterQuoted(i);
                if (i < 0) return -1;
            } else if (c == '}' && text.charAt(i + 1) == '}') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The quote left open in the placeholder opened at {@code open}, -1 if none is. */
    private int unclosedQuote(int open) {
        int i = open + 2;
        while (i < end) {
            if (text.charAt(i) == '"') {
                int after = afterQuoted(i);
                if (after < 0) return i;
                i = after;
            } else {
                i++;
            }
        }
        return -1;
    }

    private int afterQuoted(int quote) {
        int j = quote + 1;
        while (j < end) {
            char c = text.charAt(j);
            if (c == '\\') j += 2;
            else if (c == '"') return j + 1;
            else j++;
        }
        return -1;
    }

    // ---- placeholders

    private void placeholder(int open, int close) {
        String content = text.substring(open + 2, close).strip();
        if (content.startsWith("#")) return;
        if (content.isEmpty()) {
            throw error(open, "{{}}", "a generator (" + GENERATORS + "), a name, a quoted text or a # comment");
        }
        boolean condition = content.equals("if") || content.startsWith("if ") || content.startsWith("if\t");
        List<Token> t = splitAssignment(tokens(open + 2, close, condition));
        Token first = t.get(0);
        if (first.quoted()) {
            if (!first.tail().isEmpty()) {
                throw error(first.offset() + 1, first.tail(), "'}}' after a quoted text");
            }
            if (t.size() > 1) throw error(t.get(1).offset(), t.get(1).text(), "'}}' after a quoted text");
            appendOutput(first.text());
            return;
        }
        switch (first.text()) {
            case "if" -> startIf(t, open, close);
            case "else" -> {
                nothingAfter(t, 1, "'}}' after else");
                startElse(open);
            }
            case "end" -> {
                nothingAfter(t, 1, "'}}' after end");
                endIf(open);
            }
            case "let" -> define(t, 1, false, close);
            default -> {
                if (t.size() >= 2 && isEquals(t.get(1))) {
                    define(t, 0, true, close);
                } else if (GENERATOR_NAMES.contains(first.text())) {
                    Value v = value(t, 0, close);
                    steps().add(new Step.Emit(takeLiteral(), v, inString()));
                } else {
                    Name n = lookup(first.text());
                    if (n == null) {
                        throw error(
                                first.offset(),
                                first.text(),
                                "a generator (" + GENERATORS + "), let, if, else, end, a quoted text or a name"
                                        + " defined before" + namesInScope() + sectionNote(first.text()));
                    }
                    nothingAfter(t, 1, "'}}' after the name " + n.name());
                    steps().add(new Step.Reference(takeLiteral(), n.value(), n.slot(), inString()));
                }
            }
        }
    }

    /** {@code name=choice ...} reads as {@code name = choice ...}. */
    private static List<Token> splitAssignment(List<Token> t) {
        int i = !t.isEmpty() && !t.get(0).quoted() && t.get(0).text().equals("let") ? 1 : 0;
        if (t.size() <= i || t.get(i).quoted()) return t;
        Token tok = t.get(i);
        int eq = tok.text().indexOf('=');
        if (eq <= 0 || !NAME.matcher(tok.text().substring(0, eq)).matches()) return t;
        List<Token> out = new ArrayList<>(t.subList(0, i));
        out.add(new Token(tok.text().substring(0, eq), false, "", tok.offset()));
        out.add(new Token("=", false, "", tok.offset() + eq));
        if (eq + 1 < tok.text().length()) {
            out.add(new Token(tok.text().substring(eq + 1), false, "", tok.offset() + eq + 1));
        }
        out.addAll(t.subList(i + 1, t.size()));
        return out;
    }

    private static boolean isEquals(Token t) {
        return !t.quoted() && t.text().equals("=");
    }

    private void define(List<Token> t, int i, boolean writes, int close) {
        if (t.size() <= i) throw error(close, "}}", "a name after let");
        Token name = t.get(i);
        if (name.quoted()
                || !NAME.matcher(name.text()).matches()
                || GENERATOR_NAMES.contains(name.text())
                || KEYWORDS.contains(name.text())) {
            throw error(
                    name.offset(),
                    name.text(),
                    "a name (letters, digits and _, not starting with a digit) that is not a generator or a keyword");
        }
        if (t.size() <= i + 1 || !isEquals(t.get(i + 1))) {
            Token after = t.size() > i + 1 ? t.get(i + 1) : null;
            throw error(
                    after == null ? close : after.offset(),
                    after == null ? "}}" : after.text(),
                    "'=' after " + name.text());
        }
        if (t.size() <= i + 2) throw error(close, "}}", "a generator after '=' (" + GENERATORS + ")");
        Name existing = lookup(name.text());
        if (existing != null) {
            throw error(
                    name.offset(),
                    name.text(),
                    "a new name: " + name.text() + " is defined at " + at(existing.offset()));
        }
        Token g = t.get(i + 2);
        if (g.quoted() || !GENERATOR_NAMES.contains(g.text())) {
            throw error(g.offset(), g.text(), "a generator after '=' (" + GENERATORS + ")");
        }
        Value v = value(t, i + 2, close);
        int slot = slots++;
        frames.peek().names.put(name.text(), new Name(name.text(), slot, v, name.offset()));
        steps().add(new Step.Define(takeLiteral(), v, slot, writes, inString()));
    }

    private Name lookup(String name) {
        for (Frame f : frames) {
            Name n = f.names.get(name);
            if (n != null) return n;
        }
        return null;
    }

    private String namesInScope() {
        List<String> names = new ArrayList<>();
        for (Frame f : frames) names.addAll(f.names.keySet());
        names.sort(null);
        return names.isEmpty() ? " (none is)" : " (" + String.join(", ", names) + ")";
    }

    /** Why {@code name} is unknown here when a closed section defined it: a name lives in its section. */
    private String sectionNote(String name) {
        Integer at = sectionNames.get(name);
        return at == null
                ? ""
                : "; " + name + " is defined inside the {{if}} section at " + at(at) + " and known only there";
    }

    // ---- generators

    private Value value(List<Token> t, int g, int close) {
        Token gen = t.get(g);
        List<Token> args = t.subList(g + 1, t.size());
        String name = gen.text();
        switch (name) {
            case "time" -> {
                readsClock = true;
                if (args.isEmpty()) return new TimeValue(TimeValue.Format.RFC3339);
                Token f = args.get(0);
                TimeValue.Format format = f.quoted() ? null : TimeValue.Format.of(f.text());
                if (format == null) throw error(f.offset(), f.text(), "a time format: " + TimeValue.Format.list());
                nothingAfter(args, 1, "'}}' after time " + f.text());
                return new TimeValue(format);
            }
            case "seq" -> {
                if (args.isEmpty()) return new SeqValue(0);
                Token mod = args.get(0);
                if (mod.quoted() || !mod.text().equals("mod")) throw error(mod.offset(), mod.text(), "mod N or '}}'");
                if (args.size() < 2) throw error(close, "}}", "a whole number N >= 1 after mod");
                long n = whole(args.get(1), 1, Long.MAX_VALUE, "a whole number N >= 1 after mod");
                nothingAfter(args, 2, "'}}' after seq mod N");
                return new SeqValue(n);
            }
            case "shard" -> {
                nothingAfter(args, 0, "'}}' after shard");
                return new ShardValue();
            }
            case "uuid" -> {
                nothingAfter(args, 0, "'}}' after uuid");
                return new UuidValue();
            }
            case "choice" -> {
                return choice(args, close);
            }
            case "int" -> {
                Map<String, Token> options = options(args, 1, "min", "max");
                return new IntValue(numberSampler(args, options, close, "int", true, IntValue.LARGEST));
            }
            case "decimal" -> {
                Map<String, Token> options = options(args, 1, "digits", "min", "max");
                int digits = 3;
                if (options.containsKey("digits")) {
                    digits = (int) whole(optionValue(options.get("digits")), 0, 9, "digits= from 0 to 9");
                }
                double largest = DecimalValue.LARGEST_SCALED / Pow10.of(digits);
                return new DecimalValue(numberSampler(args, options, close, "decimal", false, largest), digits);
            }
            case "ipv4" -> {
                if (args.isEmpty()) return new Ipv4Value(0, 0);
                nothingAfter(args, 1, "'}}' after ipv4 NETWORK");
                return ipv4(args.get(0));
            }
            case "hex" -> {
                if (args.isEmpty()) throw error(close, "}}", "the number of hex digits after hex, e.g. hex 16");
                nothingAfter(args, 1, "'}}' after hex N");
                return new HexValue((int)
                        whole(args.get(0), 1, MOST_HEX_DIGITS, "a number of digits from 1 to " + MOST_HEX_DIGITS));
            }
            case "words", "sentence" -> {
                boolean sentence = name.equals("sentence");
                Distribution count = sentence ? SENTENCE : WORDS;
                if (!args.isEmpty()) count = distribution(args.get(0), " (the number of words)");
                nothingAfter(args, 1, "'}}' after " + name + " COUNT");
                return new WordsValue(sampler(count, sentence ? 1 : 0, WordsValue.MOST_WORDS), sentence);
            }
            case "stacktrace" -> {
                Map<String, Token> options = options(args, 0, "depth");
                Distribution depth = StackTraces.DEFAULT_DEPTH;
                if (options.containsKey("depth")) depth = distribution(optionValue(options.get("depth")), "");
                // The pool is made from the template text, so a template's traces are the same on every run and shard.
                long seed = text.hashCode() * 31L + gen.offset();
                return new StackTraceValue(StackTraces.pool(depth, seed));
            }
            default -> throw new IllegalStateException("not a generator: " + name);
        }
    }

    private Value choice(List<Token> args, int close) {
        if (args.isEmpty()) {
            throw error(close, "}}", "choices after choice: VALUE or VALUE:WEIGHT, e.g. GET:60 POST:25");
        }
        List<String> values = new ArrayList<>();
        double[] weights = new double[args.size()];
        double total = 0;
        for (int i = 0; i < args.size(); i++) {
            Token tok = args.get(i);
            String value;
            String weight = null;
            int weightAt;
            if (tok.quoted()) {
                value = tok.text();
                weightAt = tok.offset() + tok.text().length() + 2;
                if (!tok.tail().isEmpty()) {
                    if (!tok.tail().startsWith(":")) {
                        throw error(weightAt, tok.tail(), "':WEIGHT' or a space after a quoted choice");
                    }
                    weight = tok.tail().substring(1);
                    weightAt++;
                }
            } else {
                int colon = tok.text().indexOf(':');
                value = colon < 0 ? tok.text() : tok.text().substring(0, colon);
                weight = colon < 0 ? null : tok.text().substring(colon + 1);
                weightAt = tok.offset() + colon + 1;
                if (colon >= 0 && weight.indexOf(':') >= 0) {
                    throw error(tok.offset(), tok.text(), "VALUE:WEIGHT (a value with a colon goes in double quotes)");
                }
                if (value.isEmpty()) {
                    throw error(tok.offset(), tok.text(), "a value before ':' (an empty value is written \"\")");
                }
                if (value.indexOf('"') >= 0) {
                    throw error(tok.offset(), tok.text(), "a value without quotes, or all of it in double quotes");
                }
            }
            double w = 1;
            if (weight != null) {
                if (!NUMBER.matcher(weight).matches() || weight.startsWith("-")) {
                    throw error(weightAt, weight, "a weight: a number >= 0");
                }
                w = Double.parseDouble(weight);
            }
            values.add(value);
            weights[i] = w;
            total += w;
        }
        if (total <= 0) throw error(args.get(0).offset(), args.get(0).text(), "at least one weight above 0");
        return new ChoiceValue(values, weights);
    }

    private Value ipv4(Token tok) {
        Matcher m = IPV4.matcher(tok.text());
        String expected = "a network such as 10.0.0.0/8 (four numbers 0-255, a prefix 0-32)";
        if (tok.quoted() || !m.matches()) throw error(tok.offset(), tok.text(), expected);
        int address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) throw error(tok.offset(), tok.text(), expected);
            address = (address << 8) | octet;
        }
        int prefix = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
        if (prefix > 32) throw error(tok.offset(), tok.text(), expected);
        return new Ipv4Value(address, prefix);
    }

    /**
     * The sampler of {@code int}/{@code decimal}: the distribution in {@code args[0]}, then min= and max=. Draws are
     * bounded by {@code largest} either way (a normal or log-normal left open on a side is judged there by its mean),
     * since beyond it a value would be written rounded or saturated without a word.
     */
    private int numberSampler(
            List<Token> args, Map<String, Token> options, int close, String gen, boolean integers, double largest) {
        if (args.isEmpty()) throw error(close, "}}", "a distribution after " + gen + ": " + Distribution.ACCEPTED);
        Token dist = args.get(0);
        Distribution d = distribution(dist, "");
        Token minOption = options.get("min");
        Token maxOption = options.get("max");
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        if (minOption != null) min = number(optionValue(minOption), "min= a number");
        if (maxOption != null) max = number(optionValue(maxOption), "max= a number");
        if (min > max) throw error(maxOption.offset(), maxOption.text(), "max= at least min=");
        if (integers && Math.ceil(min) > Math.floor(max)) {
            throw error(
                    maxOption.offset(),
                    maxOption.text(),
                    "min= and max= with a whole number between them (int writes whole numbers; decimal writes"
                            + " the numbers between)");
        }
        String limit = integers
                ? "an int distribution, min= and max= within -2^53..2^53 (9007199254740992: a double holds every"
                        + " whole number up to there, and int draws through one)"
                : "a decimal distribution, min= and max= within -" + (long) largest + ".." + (long) largest
                        + " (9e18 / 10^digits: beyond, the value in units of its last digit does not fit a long)";
        double low = Math.max(d.lowest(), min);
        double high = Math.min(d.highest(), max);
        if (Math.abs(low) > largest && Double.isFinite(low)) {
            Token blamed = minOption != null && low == min ? minOption : dist;
            throw error(blamed.offset(), blamed.text(), limit);
        }
        if (Math.abs(high) > largest && Double.isFinite(high)) {
            Token blamed = maxOption != null && high == max ? maxOption : dist;
            throw error(blamed.offset(), blamed.text(), limit);
        }
        boolean open = low == Double.NEGATIVE_INFINITY || high == Double.POSITIVE_INFINITY;
        if (open && Math.abs(d.first()) > largest) throw error(dist.offset(), dist.text(), limit);
        return sampler(d, min, max);
    }

    private int sampler(Distribution d, double min, double max) {
        samplers.add(new Template.SamplerSpec(d, min, max));
        return samplers.size() - 1;
    }

    private Distribution distribution(Token tok, String what) {
        try {
            if (tok.quoted() || tok.text().contains("=")) throw new IllegalArgumentException("");
            return Distribution.parse(tok.text());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int got = m.lastIndexOf("; got '");
            if (got >= 0) m = m.substring(0, got);
            String expected = m.isEmpty() || m.startsWith("expected ")
                    ? "a distribution" + what + ": " + Distribution.ACCEPTED
                    : "a distribution" + what + " where " + m;
            throw error(tok.offset(), tok.text(), expected);
        }
    }

    /** Options {@code key=value} from {@code args[from]} on; each at most once. */
    private Map<String, Token> options(List<Token> args, int from, String... keys) {
        Map<String, Token> options = new LinkedHashMap<>();
        String list = String.join("=, ", keys) + "=";
        for (int i = from; i < args.size(); i++) {
            Token tok = args.get(i);
            int eq = tok.text().indexOf('=');
            String key = eq < 0 ? "" : tok.text().substring(0, eq);
            if (tok.quoted() || !List.of(keys).contains(key)) {
                throw error(tok.offset(), tok.text(), "an option (" + list + ") or '}}'");
            }
            if (options.put(key, tok) != null) throw error(tok.offset(), tok.text(), "each option once");
        }
        return options;
    }

    private static Token optionValue(Token option) {
        int eq = option.text().indexOf('=');
        return new Token(option.text().substring(eq + 1), false, "", option.offset() + eq + 1);
    }

    // ---- conditions

    private void startIf(List<Token> t, int open, int close) {
        Condition c = condition(t, 1, close);
        frames.push(new Frame(c, open, tracker.state(), takeLiteral()));
    }

    private void startElse(int open) {
        if (frames.size() == 1) throw error(open, "{{else}}", "{{else}} only between {{if ...}} and {{end}}");
        Frame f = frames.peek();
        if (f.otherwise != null) {
            throw error(open, "{{else}}", "{{end}}: the {{if}} at " + at(f.offset) + " already has an {{else}}");
        }
        flushLiteral();
        f.jsonAfterThen = tracker.state();
        for (Name n : f.names.values()) sectionNames.putIfAbsent(n.name(), n.offset());
        f.otherwise = new ArrayList<>();
        f.names = new HashMap<>(); // what the then-branch named is not set when the else-branch runs
        tracker.restore(f.jsonAtIf);
    }

    private void endIf(int open) {
        if (frames.size() == 1) throw error(open, "{{end}}", "{{end}} only after an {{if ...}}");
        flushLiteral();
        Frame f = frames.pop();
        for (Name n : f.names.values()) sectionNames.putIfAbsent(n.name(), n.offset());
        int afterThen = f.otherwise == null ? tracker.state() : f.jsonAfterThen;
        int afterElse = f.otherwise == null ? f.jsonAtIf : tracker.state();
        if (json && afterThen != afterElse) {
            throw error(
                    open,
                    "{{end}}",
                    "both branches of the {{if}} at " + at(f.offset) + " to leave a JSON string open or both closed"
                            + " (each branch opens and closes its own quotes)");
        }
        tracker.restore(afterThen);
        Step[] otherwise = f.otherwise == null ? new Step[0] : f.otherwise.toArray(new Step[0]);
        steps().add(new Step.Section(f.prefix, f.condition, f.then.toArray(new Step[0]), otherwise));
    }

    private Condition condition(List<Token> t, int from, int close) {
        List<Condition> parts = new ArrayList<>();
        int i = from;
        while (true) {
            if (i >= t.size()) throw error(close, "}}", CONDITION);
            i = term(t, i, close, parts);
            if (i >= t.size()) break;
            Token and = t.get(i);
            if (and.quoted() || !and.text().equals("and")) {
                throw error(and.offset(), and.text(), "'and' or '}}' after a condition");
            }
            i++;
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All(parts.toArray(new Condition[0]));
    }

    private int term(List<Token> t, int i, int close, List<Condition> parts) {
        Token first = t.get(i);
        if (!first.quoted() && first.text().equals("chance")) {
            if (i + 1 >= t.size()) throw error(close, "}}", "a probability from 0 to 1 after chance");
            Token p = t.get(i + 1);
            double v = number(p, "a probability from 0 to 1 after chance");
            if (v < 0 || v > 1) throw error(p.offset(), p.text(), "a probability from 0 to 1 after chance");
            parts.add(new Condition.Chance(v));
            return i + 2;
        }
        Name n = first.quoted() ? null : lookup(first.text());
        if (n == null) {
            throw error(
                    first.offset(),
                    first.text(),
                    CONDITION + ", with a name defined before" + namesInScope() + sectionNote(first.text()));
        }
        if (i + 1 >= t.size()) {
            throw error(close, "}}", "an operator after " + n.name() + ": ==, !=, <, <=, >, >= or in");
        }
        Token op = t.get(i + 1);
        if (!op.quoted() && op.text().equals("in")) {
            List<Token> values = new ArrayList<>();
            int j = i + 2;
            while (true) {
                if (j >= t.size()) throw error(close, "}}", "a value after " + (values.isEmpty() ? "in" : "','"));
                Token v = t.get(j);
                if (!v.quoted() && v.text().equals(",")) throw error(v.offset(), v.text(), "a value");
                values.add(v);
                j++;
                if (j >= t.size() || t.get(j).quoted() || !t.get(j).text().equals(",")) break;
                j++;
            }
            parts.add(in(n, values));
            return j;
        }
        Condition.Op o = op.quoted() ? null : Condition.Op.of(op.text());
        if (o == null) {
            throw error(op.offset(), op.text(), "an operator after " + n.name() + ": ==, !=, <, <=, >, >= or in");
        }
        if (i + 2 >= t.size()) throw error(close, "}}", "a value after " + o.text);
        parts.add(compare(n, o, op, t.get(i + 2)));
        return i + 3;
    }

    private Condition compare(Name n, Condition.Op op, Token opToken, Token v) {
        boolean equality = op == Condition.Op.EQ || op == Condition.Op.NE;
        switch (n.value().kind()) {
            case FIXED -> {
                List<String> texts = n.value().texts();
                boolean[] holds = new boolean[texts.size()];
                if (equality) {
                    oneOf(n, v);
                    for (int k = 0; k < holds.length; k++)
                        holds[k] = same(texts.get(k), v.text()) == (op == Condition.Op.EQ);
                } else {
                    double x = number(v, "a number after " + op.text);
                    for (int k = 0; k < holds.length; k++) {
                        if (!isNumber(texts.get(k))) {
                            throw error(
                                    n.offset(),
                                    n.name(),
                                    "a name whose values are all numbers before " + op.text + " (" + n.name()
                                            + " may be '" + texts.get(k) + "')");
                        }
                        holds[k] = op.holds(Double.parseDouble(texts.get(k)), x);
                    }
                }
                return new Condition.ByIndex(n.slot(), holds);
            }
            case NUMBER -> {
                return new Condition.Compare(n.slot(), op, number(v, "a number: " + n.name() + " is a number"));
            }
            default -> {
                if (!equality) {
                    throw error(opToken.offset(), op.text, "==, != or in: " + n.name() + " is text, compared as text");
                }
                return new Condition.TextIn(
                        n.slot(), new byte[][] {v.text().getBytes(StandardCharsets.UTF_8)}, op == Condition.Op.NE);
            }
        }
    }

    private Condition in(Name n, List<Token> values) {
        switch (n.value().kind()) {
            case FIXED -> {
                List<String> texts = n.value().texts();
                boolean[] holds = new boolean[texts.size()];
                for (Token v : values) {
                    oneOf(n, v);
                    for (int k = 0; k < holds.length; k++) holds[k] |= same(texts.get(k), v.text());
                }
                return new Condition.ByIndex(n.slot(), holds);
            }
            case NUMBER -> {
                double[] numbers = new double[values.size()];
                for (int k = 0; k < numbers.length; k++) {
                    numbers[k] = number(values.get(k), "a number: " + n.name() + " is a number");
                }
                return new Condition.NumberIn(n.slot(), numbers);
            }
            default -> {
                byte[][] texts = new byte[values.size()][];
                for (int k = 0; k < texts.length; k++)
                    texts[k] = values.get(k).text().getBytes(StandardCharsets.UTF_8);
                return new Condition.TextIn(n.slot(), texts, false);
            }
        }
    }

    /** A value compared with a choice must be one of its texts: anything else is a typo that would never match. */
    private void oneOf(Name n, Token v) {
        for (String text : n.value().texts()) {
            if (same(text, v.text())) return;
        }
        List<String> texts = n.value().texts();
        String list = texts.size() <= 12 ? String.join(", ", texts) : String.join(", ", texts.subList(0, 12)) + ", ...";
        throw error(v.offset(), v.text(), "one of the values of " + n.name() + ": " + list);
    }

    /** Equal as numbers when both are numbers (500 and 500.0), else as text. */
    private static boolean same(String a, String b) {
        if (isNumber(a) && isNumber(b)) return Double.parseDouble(a) == Double.parseDouble(b);
        return a.equals(b);
    }

    // ---- words of a placeholder

    private List<Token> tokens(int from, int to, boolean condition) {
        List<Token> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < to) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < to) {
                        char e = text.charAt(j + 1);
                        switch (e) {
                            case '"', '\\' -> sb.append(e);
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            default -> throw error(j, "\\" + e, "an escape: \\\", \\\\, \\n, \\t or \\r");
                        }
                        j += 2;
                    } else if (d == '"') {
                        closed = true;
                        j++;
                        break;
                    } else {
                        sb.append(d);
                        j++;
                    }
                }
                if (!closed) throw error(i, text.substring(i, to), "a closing '\"'");
                int k = j;
                while (k < to && !Character.isWhitespace(text.charAt(k)) && !(condition && text.charAt(k) == ',')) k++;
                out.add(new Token(sb.toString(), true, text.substring(j, k), i));
                i = k;
            } else if (condition && operatorLength(i, to) > 0) {
                int n = operatorLength(i, to);
                out.add(new Token(text.substring(i, i + n), false, "", i));
                i += n;
            } else {
                int k = i;
                while (k < to && !Character.isWhitespace(text.charAt(k)) && !(condition && operatorLength(k, to) > 0)) {
                    k++;
                }
                out.add(new Token(text.substring(i, k), false, "", i));
                i = k;
            }
        }
        return out;
    }

    /** In a condition: the length of the operator or comma at {@code i}, 0 if none. */
    private int operatorLength(int i, int to) {
        char c = text.charAt(i);
        if (c == ',') return 1;
        if (c == '=' || c == '!' || c == '<' || c == '>') {
            return i + 1 < to && text.charAt(i + 1) == '=' ? 2 : 1;
        }
        return 0;
    }

    private void nothingAfter(List<Token> t, int count, String expected) {
        if (t.size() > count) throw error(t.get(count).offset(), t.get(count).text(), expected);
    }

    private long whole(Token tok, long min, long max, String expected) {
        if (tok.quoted() || !WHOLE.matcher(tok.text()).matches()) throw error(tok.offset(), tok.text(), expected);
        long v = Long.parseLong(tok.text());
        if (v < min || v > max) throw error(tok.offset(), tok.text(), expected);
        return v;
    }

    private double number(Token tok, String expected) {
        if (!isNumber(tok.text())) throw error(tok.offset(), tok.text(), expected);
        return Double.parseDouble(tok.text());
    }

    private static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    // ---- positions and messages

    private TemplateSyntaxException error(int offset, String found, String expected) {
        int line = line(offset);
        int column = offset - lineStarts[line - 1] + 1;
        return new TemplateSyntaxException(source, line, column, found, expected);
    }

    private String at(int offset) {
        int line = line(offset);
        return line + ":" + (offset - lineStarts[line - 1] + 1);
    }

    private int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The opening of a placeholder, to its end or its first 40 characters. */
    private String excerpt(int open) {
        int close = text.startsWith("{{", open) ? closeOf(open) : -1;
        int stop = close >= 0 ? close + 2 : Math.min(end, open + 40);
        String s = text.substring(open, Math.min(stop, open + 40));
        return s.length() < stop - open ? s + "..." : s;
    }
}
