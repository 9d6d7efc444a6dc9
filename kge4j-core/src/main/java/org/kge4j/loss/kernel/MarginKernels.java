package org.kge4j.loss.kernel;

import org.kge4j.loss.MarginActivation;

/**
 * The entry point through which the losses run their kernels: it picks the implementation and
 * turns the kernels' "NaN means invalid input" contract into exceptions that name the offending
 * element, so callers never see a silent NaN.
 */
public final class MarginKernels {
    private MarginKernels() {
    }

    /** The kernel in use. */
    public static MarginKernel active() {
        return ScalarMarginKernel.INSTANCE;
    }

    /**
     * {@link MarginKernel#labelled} over {@code [0, size)}.
     *
     * @throws IllegalArgumentException naming the first non-finite score or label outside [0, 1]
     */
    public static double labelled(MarginTerms terms, float[] x, float[] t, float[] weights, float smoothKeep,
                                  float smoothSpread, float[] grad, float gradScale, int size,
                                  String scoresName) {
        double sum = active().labelled(terms, x, t, weights, smoothKeep, smoothSpread, grad, gradScale, 0, size);
        if (Double.isNaN(sum)) {
            requireFinite(x, size, scoresName);
            requireUnitInterval(t, size);
            throw activationFailure(terms.activation());
        }
        return sum;
    }

    /** {@link MarginKernel#positiveTerm} over {@code [from, to)}, failing on non-finite scores. */
    public static double positiveTerm(MarginActivation activation, float margin, float[] x, float[] multiplicity,
                                      float[] grad, float gradScale, int from, int to, String scoresName) {
        double sum = active().positiveTerm(activation, margin, x, multiplicity, grad, gradScale, from, to);
        if (Double.isNaN(sum)) {
            requireFinite(x, to, scoresName);
            throw activationFailure(activation);
        }
        return sum;
    }

    /** {@link MarginKernel#negativeTerm} over {@code [from, to)}, failing on non-finite scores. */
    public static double negativeTerm(MarginActivation activation, float margin, float[] x, boolean[] keep,
                                      float[] grad, float gradScale, int from, int to, String scoresName) {
        double sum = active().negativeTerm(activation, margin, x, keep, grad, gradScale, from, to);
        if (Double.isNaN(sum)) {
            requireFinite(x, to, scoresName);
            throw activationFailure(activation);
        }
        return sum;
    }

    /** Valid inputs gave NaN: only a user-supplied activation can do that. */
    private static IllegalStateException activationFailure(MarginActivation activation) {
        return new IllegalStateException("margin activation " + activation.name()
                + " returned NaN for finite input; activations must map finite values to finite values");
    }

    private static void requireFinite(float[] x, int size, String name) {
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(name + " must be finite, got " + x[i] + " at flat index " + i);
            }
        }
    }

    private static void requireUnitInterval(float[] t, int size) {
        for (int i = 0; i < size; i++) {
            if (!(t[i] >= 0f && t[i] <= 1f)) {
                throw new IllegalArgumentException(
                        "labels must lie in [0, 1] (rule R4), got " + t[i] + " at flat index " + i);
            }
        }
    }
}
