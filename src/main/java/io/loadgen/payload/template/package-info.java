/**
 * Record templates: text with {@code {{ ... }}} placeholders, compiled once ({@link
 * io.loadgen.payload.template.Template#compile}) into an immutable plan, from which each sender thread makes records
 * with its own {@link io.loadgen.payload.template.TemplateGenerator}. The user's reference is docs/templates.md; in
 * short:
 *
 * <pre>
 * {{time}} {{time rfc3339_ms}} {{time rfc3339_us}} {{time epoch_ms}} {{time epoch_us}} {{time clf}}
 *                                    the record's time (one clock reading per record)
 * {{seq}} {{seq mod N}} {{shard}}    the record's position in the run (unique across threads and shards), the shard
 * {{choice GET:60 POST:25 "a b":3}}  a weighted choice; weight omitted = 1; quoted values hold spaces, colons, \" \\
 * {{int DIST [min=] [max=]}}         a whole number from a distribution: N, A..B, uniform:A:B, normal:MEAN:SD,
 *                                    lognormal:MEAN:SIGMA (MEAN the arithmetic mean), zipf:N:S
 * {{decimal DIST [digits=3] [min=] [max=]}}   a fixed-point number
 * {{uuid}} {{ipv4}} {{ipv4 10.0.0.0/8}} {{hex N}}
 * {{words DIST}} {{sentence DIST}}   words of a built-in vocabulary; a sentence is capitalised and ends with '.'
 * {{stacktrace [depth=DIST]}}        a Java stack trace from a pool made at compile time
 * {{"text"}}                         the text ({{"{{"}} writes {{)
 * {{# comment}}                      nothing
 * {{NAME = GENERATOR ...}}           writes and remembers; {{NAME}} writes it again
 * {{let NAME = GENERATOR ...}}       remembers without writing
 * {{if COND}} ... {{else}} ... {{end}}   COND: NAME == V, !=, &lt;, &lt;=, &gt;, &gt;= (numbers as numbers),
 *                                    NAME in A,B,C, chance P; joined by 'and'
 * </pre>
 *
 * <p>A line holding only comments and {@code let}s is dropped with its line break; the text's one trailing line break
 * is dropped (one template, one record). In a JSON template the compiler follows the literal text's quotes and escapes
 * whatever a placeholder writes inside a JSON string; fixed texts (choices, quoted texts, stack traces) are escaped
 * when compiled. Names resolve to slots and conditions on choices to a table per choice index, so a record is copies,
 * a few random draws and no allocation. Mistakes are {@link io.loadgen.payload.template.TemplateSyntaxException}s:
 * {@code SOURCE:LINE:COLUMN: found '...', expected ...}.
 *
 * <p>Random draws come from {@link io.loadgen.payload.RecordRandom}, restarted per record from the seed and the
 * position, so the same run makes the same records whichever thread makes them.
 */
package io.loadgen.payload.template;
