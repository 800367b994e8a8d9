package io.loadgen.payload.template;

/** One part of a compiled template: literal text, a placeholder, a reference or a conditional section. */
abstract class Step {

    abstract void run(RecordState r);

    static void runAll(Step[] steps, RecordState r) {
        for (Step s : steps) s.run(r);
    }

    /** Template text between placeholders, encoded once. */
    static final class Literal extends Step {
        private final byte[] bytes;

        Literal(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        void run(RecordState r) {
            r.out.put(bytes);
        }
    }

    /** {@code {{GENERATOR ...}}}: draws and writes. */
    static final class Emit extends Step {
        private final Value value;
        private final boolean inString;

        Emit(Value value, boolean inString) {
            this.value = value;
            this.inString = inString;
        }

        @Override
        void run(RecordState r) {
            value.write(r, r.out, inString);
        }
    }

    /** {@code {{NAME = GENERATOR ...}}} (writes) and {@code {{let NAME = GENERATOR ...}}} (does not). */
    static final class Define extends Step {
        private final Value value;
        private final int slot;
        private final boolean writes;
        private final boolean inString;

        Define(Value value, int slot, boolean writes, boolean inString) {
            this.value = value;
            this.slot = slot;
            this.writes = writes;
            this.inString = inString;
        }

        @Override
        void run(RecordState r) {
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

        Reference(Value value, int slot, boolean inString) {
            this.value = value;
            this.slot = slot;
            this.inString = inString;
        }

        @Override
        void run(RecordState r) {
            value.writeRemembered(r.slots[slot], r.out, inString);
        }
    }

    /** {@code {{if ...}} ... {{else}} ... {{end}}}. */
    static final class Section extends Step {
        private final Condition condition;
        private final Step[] then;
        private final Step[] otherwise;

        Section(Condition condition, Step[] then, Step[] otherwise) {
            this.condition = condition;
            this.then = then.clone();
            this.otherwise = otherwise.clone();
        }

        @Override
        void run(RecordState r) {
            runAll(condition.test(r) ? then : otherwise, r);
        }
    }
}
