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

    /** "0".."255", and the same with a leading dot: an address is four copies. */
    private static final byte[][] OCTETS = new byte[256][];

    private static final byte[][] DOT_OCTETS = new byte[256][];

    static {
        for (int i = 0; i < 256; i++) {
            OCTETS[i] = Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            DOT_OCTETS[i] = ("." + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        int a = network | (r.random.nextInt() & hostMask);
        out.put(OCTETS[a >>> 24]);
        out.put(DOT_OCTETS[(a >>> 16) & 0xFF]);
        out.put(DOT_OCTETS[(a >>> 8) & 0xFF]);
        out.put(DOT_OCTETS[a & 0xFF]);
    }
}
