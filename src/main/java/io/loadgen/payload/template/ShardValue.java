package io.loadgen.payload.template;

/** {@code shard}: the index of the shard (the pod of a fleet) making the record. */
final class ShardValue extends NumberValue {

    @Override
    double draw(RecordState r) {
        return r.shard;
    }

    @Override
    void format(double number, Bytes out) {
        out.putLong((long) number);
    }
}
