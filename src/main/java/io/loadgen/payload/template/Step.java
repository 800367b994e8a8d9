package io.loadgen.payload.template;

/**
 * One part of a compiled template: a placeholder, a reference or a conditional section, each with the literal text
 * before it, so a record costs one dispatch per placeholder rather than two.
 */
abstract class Step {

    private static final byte[] NONE = new byte[0];

    /** Template text written before the step's own output, encoded once. */
    final byte[] prefix;

    Step(byte[] prefix) {
        this.prefix = prefix == null ? NONE : prefix;
    }

    abstract void run(RecordState r);

    static void runAll(Step[] steps, RecordState r) {
        for (Step s : steps) s.run(r);
    }

    /** Template text after the last placeholder of a template or branch. */
    static final class Literal extends Step {
        Literal(byte[] text) {
            super(text);
        }

        @Override
        void run(RecordState r) {
            r.out.put(prefix);
        }
    }

    /** {@code {{GENERATOR ...}}}: draws and writes. */
    static final class Emit extends Step {
        private final Value value;
        private final boolean inString;

        Emit(byte[] prefix, Value value, boolean inString) {
            super(prefix);
            this.value = value;
            this.inString = inString;
        }

        @Override
        void run(RecordState r) {
            r.out.put(prefix);
            value.write(r, r.out, inString);
        }
    }

    /** {@code {{NAME = GENERATOR ...}}} (writes) and {@code {{let NAME = GENERATOR ...}}} (does not). */
    static final class Define extends Step {
        private final Value value;
        private final int slot;
        private final boolean writes;
        private final boolean inString;

        Define(byte[] prefix, Value value, int slot, boolean writes, boolean inString) {
            super(prefix);
            this.value = value;
            this.slot = slot;
            this.writes = writes;
            this.inString = inString;
        }

        @Override
        void run(RecordState r) {
            r.out.put(prefix);
            Slot s = r.slots[slot];
            value.remember(r, s);
            if (writes) value.writeRemembered(s, r.out, inString);
        }
    }

    /** {@code {{NAME}}}: writes the named value again. */
    static final class Reference extends Step {
        private final Value value;
        private final int slot;
        private final boolean inString;

        Reference(byte[] prefix, Value value, int slot, boolean inString) {
            super(prefix);
            this.value = value;
            this.slot = slot;
            this.inString = inString;
        }

        @Override
        void run(RecordState r) {
            r.out.put(prefix);
            value.writeRemembered(r.slots[slot], r.out, inString);
        }
    }

    /** {@code {{if ...}} ... {{else}} ... {{end}}}. */
    static final class Section extends Step {
        private final Condition condition;
        private final Step[] then;
        private final Step[] otherwise;

        Section(byte[] prefix, Condition condition, Step[] then, Step[] otherwise) {
            super(prefix);
            this.condition = condition;
            this.then = then.clone();
            this.otherwise = otherwise.clone();
        }

        @Override
        void run(RecordState r) {
            r.out.put(prefix);
            runAll(condition.test(r) ? then : otherwise, r);
        }
    }
}
