package io.loadgen.payload.template;

import java.util.List;

/** {@code stacktrace}: one trace of a pool made when the template is compiled, so a record costs one copy. */
final class StackTraceValue extends FixedTexts {

    StackTraceValue(List<String> pool) {
        super(pool);
    }

    @Override
    int pick(RecordState r) {
        return r.random.nextInt(size());
    }
}
