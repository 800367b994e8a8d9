package io.loadgen.payload;

/** The ResourceID number of a record: {@code position mod cardinality}, as the seed's {@code i % 10}. */
public final class ResourceIds {

    private ResourceIds() {}

    public static long of(long position, int cardinality) {
        return position % cardinality;
    }
}
