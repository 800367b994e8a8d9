package io.loadgen.payload.template;

import java.util.List;

/** {@code {{"text"}}}: always the same text (how a template writes a literal {@code {{}). */
final class QuotedText extends FixedTexts {

    QuotedText(String text) {
        super(List.of(text));
    }

    @Override
    int pick(RecordState r) {
        return 0;
    }
}
