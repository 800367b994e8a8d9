package io.loadgen.payload.template;

/** {@code ipv4 [CIDR]}: a random IPv4 address, within the network when one is given. */
final class Ipv4Value extends Value {

    private final int network;
    private final int hostMask;

    /** @param prefix the network's prefix length, 0 for any address */
    Ipv4Value(int network, int prefix) {
        this.hostMask = prefix == 0 ? -1 : (int) ((1L << (32 - prefix)) - 1);
        this.network = network & ~hostMask;
    }

    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        int a = network | (r.random.nextInt() & hostMask);
        out.putLong(a >>> 24);
        out.put('.');
        out.putLong((a >>> 16) & 0xFF);
        out.put('.');
        out.putLong((a >>> 8) & 0xFF);
        out.put('.');
        out.putLong(a & 0xFF);
    }
}
