package io.loadgen.payload.template;

import java.util.Arrays;

/** The test of an {@code {{if ...}}}: decided per record from the named values and the record's random numbers. */
abstract class Condition {

    abstract boolean test(RecordState r);

    enum Op {
        EQ("=="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        final String text;

        Op(String text) {
            this.text = text;
        }

        static Op of(String text) {
            for (Op op : values()) {
                if (op.text.equals(text)) return op;
            }
            return null;
        }

        boolean holds(double a, double b) {
            return switch (this) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
    }

    /** {@code A and B and ...}: all hold (tested in order, stopping at the first that does not). */
    static final class All extends Condition {
        private final Condition[] parts;

        All(Condition[] parts) {
            this.parts = parts.clone();
        }

        @Override
        boolean test(RecordState r) {
            for (Condition c : parts) {
                if (!c.test(r)) return false;
            }
            return true;
        }
    }

    /** {@code chance P}: true with probability P. */
    static final class Chance extends Condition {
        private final double p;

        Chance(double p) {
            this.p = p;
        }

        @Override
        boolean test(RecordState r) {
            return r.random.nextDouble() < p;
        }
    }

    /** A condition on a fixed-text value, decided for each of its texts when compiled: at run time one lookup. */
    static final class ByIndex extends Condition {
        private final int slot;
        private final boolean[] holds;

        ByIndex(int slot, boolean[] holds) {
            this.slot = slot;
            this.holds = holds.clone();
        }

        @Override
        boolean test(RecordState r) {
            return holds[r.slots[slot].index];
        }
    }

    /** {@code NAME OP NUMBER} on a number. */
    static final class Compare extends Condition {
        private final int slot;
        private final Op op;
        private final double value;

        Compare(int slot, Op op, double value) {
            this.slot = slot;
            this.op = op;
            this.value = value;
        }

        @Override
        boolean test(RecordState r) {
            return op.holds(r.slots[slot].number, value);
        }
    }

    /** {@code NAME in A,B} on a number. */
    static final class NumberIn extends Condition {
        private final int slot;
        private final double[] values;

        NumberIn(int slot, double[] values) {
            this.slot = slot;
            this.values = values.clone();
        }

        @Override
        boolean test(RecordState r) {
            double v = r.slots[slot].number;
            for (double x : values) {
                if (x == v) return true;
            }
            return false;
        }
    }

    /** {@code NAME == TEXT}, {@code !=} or {@code in} on text written by the value (words, ids, times). */
    static final class TextIn extends Condition {
        private final int slot;
        private final byte[][] values;
        private final boolean negated;

        TextIn(int slot, byte[][] values, boolean negated) {
            this.slot = slot;
            this.values = values.clone();
            this.negated = negated;
        }

        @Override
        boolean test(RecordState r) {
            Bytes t = r.slots[slot].text;
            for (byte[] v : values) {
                if (Arrays.equals(t.array, 0, t.length, v, 0, v.length)) return !negated;
            }
            return negated;
        }
    }
}
