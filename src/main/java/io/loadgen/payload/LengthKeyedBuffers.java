package io.loadgen.payload;

/**
 * One reusable array per record length. The Kafka serializer takes a whole array, so a value must be an array of
 * exactly its length; seed records vary by a few bytes (level name, digits), so a handful of arrays cover a run.
 */
final class LengthKeyedBuffers {

    private byte[][] byLength = new byte[256][];

    byte[] get(int length) {
        if (length >= byLength.length) {
            byte[][] grown = new byte[Math.max(length + 1, byLength.length * 2)][];
            System.arraycopy(byLength, 0, grown, 0, byLength.length);
            byLength = grown;
        }
        byte[] b = byLength[length];
        if (b == null) {
            b = new byte[length];
            byLength[length] = b;
        }
        return b;
    }
}
