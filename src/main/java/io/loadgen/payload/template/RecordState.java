package io.loadgen.payload.template;

import io.loadgen.payload.RecordRandom;
import io.loadgen.payload.Sampler;

/** What the steps of a template read and write while one generator makes one record: one per generator. */
final class RecordState {

    final RecordRandom random;
    final Sampler[] samplers;
    final Slot[] slots;
    final Bytes out = new Bytes(1024);
    final TimeText time = new TimeText();
    final int shard;
    long position;
    long epochNanos;

    RecordState(RecordRandom random, Sampler[] samplers, int slotCount, int shard) {
        this.random = random;
        this.samplers = samplers;
        this.slots = new Slot[slotCount];
        for (int i = 0; i < slotCount; i++) slots[i] = new Slot();
        this.shard = shard;
    }
}
