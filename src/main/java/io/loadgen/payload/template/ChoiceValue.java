package io.loadgen.payload.template;

import java.util.List;

/** {@code choice A:w B:w ...}: one of the texts, each with probability weight / total. */
final class ChoiceValue extends FixedTexts {

    /** Cumulative weights scaled to 1, so a draw is one uniform double compared with them. */
    private final double[] upTo;

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
    }

    @Override
    int pick(RecordState r) {
        if (upTo.length == 1) return 0;
        double u = r.random.nextDouble();
        // Few choices: a scan beats the branches of a binary search; many: the search.
        if (upTo.length <= 8) {
            int i = 0;
            while (u >= upTo[i]) i++;
            return i;
        }
        int lo = 0;
        int hi = upTo.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u >= upTo[mid]) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
