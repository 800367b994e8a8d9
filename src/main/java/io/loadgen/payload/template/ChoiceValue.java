package io.loadgen.payload.template;

import java.util.List;

/** {@code choice A:w B:w ...}: one of the texts, each with probability weight / total. */
final class ChoiceValue extends FixedTexts {

    /** Cumulative weights scaled to 1, so a draw is one uniform double compared with them. */
    private final double[] upTo;
    /**
     * A guide table (Chen's): entry k is the first choice whose cumulative weight exceeds k / length, so a draw starts
     * its scan there and is found in about one comparison, whatever the number of choices; the branches of a scan or a
     * binary search over random draws are mispredicted most of the time.
     */
    private final int[] guide;

    ChoiceValue(List<String> texts, double[] weights) {
        super(texts);
        double total = 0;
        for (double w : weights) total += w;
        upTo = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            upTo[i] = sum / total;
        }
        upTo[weights.length - 1] = 1; // against rounding: a draw below 1 always finds its text
        guide = new int[4 * weights.length];
        int i = 0;
        for (int k = 0; k < guide.length; k++) {
            while (upTo[i] <= (double) k / guide.length) i++;
            guide[k] = i;
        }
    }

    @Override
    int pick(RecordState r) {
        if (upTo.length == 1) return 0;
        double u = r.random.nextDouble();
        int i = guide[(int) (u * guide.length)];
        while (u >= upTo[i]) i++;
        return i;
    }
}
