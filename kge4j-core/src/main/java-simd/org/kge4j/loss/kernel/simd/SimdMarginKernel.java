package org.kge4j.loss.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.kernel.LabelledTerm;
import org.kge4j.loss.kernel.MarginKernel;
import org.kge4j.loss.kernel.MarginTerms;
import org.kge4j.loss.kernel.NegativeTerm;
import org.kge4j.loss.kernel.PortableMarginKernel;
import org.kge4j.loss.kernel.PositiveTerm;
import org.kge4j.loss.kernel.ScalarMarginKernel;
import org.kge4j.loss.kernel.SoftplusMath;

/**
 * The {@link MarginKernel} written with the Java Vector API ({@code jdk.incubator.vector}) at the
 * platform's preferred width, at least 256 bits ({@code L} = 8 or 16 float lanes). ReLU paths are
 * one fused pass: each vector of scores (and labels) is loaded once, its loss terms are accumulated
 * and its gradient is stored. Softplus paths work block by block ({@value #BLOCK} elements). The
 * sLCWA terms: margins into a per-thread L1-resident scratch, the activation and its derivative
 * over the scratch, then one pass that accumulates the loss and stores the gradient. The LCWA term:
 * {@code exp} of the negative term's margins into the scratch, one pass for the rest of the
 * negative term (log1p, sigmoid, labels, checks, loss, gradient), then the positive term only for
 * the vectors of {@code L} with some nonzero (smoothed) label, gathered into the scratch and
 * evaluated together, since it and its gradient are exactly 0 otherwise (LCWA labels are mostly 0).
 *
 * <p>Formulas are those of {@link MarginKernel} and {@link ScalarMarginKernel}; what differs is how
 * they are evaluated:
 *
 * <ul>
 *   <li>ReLU is a compare and two blends: {@code m = z > 0}, {@code h = m ? z : 0}, {@code h' = m ?
 *       1 : 0} (so {@code h'(0) = 0}). No branch, and no {@code max}, whose Java semantics (NaN,
 *       −0.0) cost several instructions per vector.
 *   <li>Softplus and sigmoid evaluate {@link SoftplusMath}'s formulas lane-wise, operation for
 *       operation and with the same constants: one {@code exp} and one {@code log1p} polynomial and
 *       two divisions per activation (one shared division and four multiplications measured slower,
 *       a division-free degree-7 {@code log1p} polynomial no faster), no branch.
 *   <li>Sums accumulate in float vectors over blocks of {@value #BLOCK} elements (at most 32
 *       additions per lane, all terms non-negative: relative error at most {@code 32·2^-24 ≈
 *       1.9e-6} per block); each block's lanes are then reduced and added to the double total. The
 *       same chunk always runs the same code, so results do not depend on the thread count.
 *   <li>Invalid input (contract: the sum is NaN) is detected without branches. sLCWA: {@code 0·x}
 *       is accumulated (NaN for a non-finite score). LCWA: the score is folded into the label
 *       ({@code x·0 + t} or {@code t + (x − x)}, NaN for a non-finite score), and labels outside
 *       [0, 1] are found from their int bits (see {@code labelledRelu} and {@code
 *       negativeLabelled}), the cheapest tests measured.
 *   <li>The last {@code (to − from) mod L} elements, and activations other than ReLU and softplus,
 *       are delegated to {@link PortableMarginKernel} / {@link ScalarMarginKernel}.
 * </ul>
 *
 * <p>Rules that keep HotSpot 17 from allocating (a vector that C2 cannot keep in a register is
 * boxed on the heap, per iteration): no method of this class takes or returns a vector (all vector
 * code sits inside the loop methods, so nothing depends on C2's inlining budget); no vector
 * constants in static fields; vectors carried across iterations live within one block loop and
 * start from {@code FloatVector.zero} created there (JMH {@code -prof gc}: 776 B per call at N =
 * 1e6 when they started from a shared {@code zero}, none since); a vector is never assigned in both
 * arms of a branch (hence one loop method per variant).
 *
 * <p>This class is compiled and loaded only with {@code --add-modules jdk.incubator.vector}; {@code
 * MarginKernels} instantiates it reflectively through {@link #create()}.
 */
public final class SimdMarginKernel implements MarginKernel {
  /** The minimum width: narrower vectors would be emulated, slower than scalar code. */
  private static final int MIN_BITS = 256;

  /**
   * The platform's preferred width, the same as the dense kernels': two vector classes in one JVM
   * make HotSpot's shared {@code FloatVector} call sites polymorphic, and C2 then boxes vectors.
   */
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private static final VectorSpecies<Integer> INT_SPECIES =
      VectorSpecies.of(int.class, SPECIES.vectorShape());
  private static final int LANES = SPECIES.length();

  /**
   * {@link SoftplusMath#EXP_ARGUMENT_LIMIT}'s bits: for non-negative floats, int order is float
   * order.
   */
  private static final int CLAMP_BITS = Float.floatToRawIntBits(SoftplusMath.EXP_ARGUMENT_LIMIT);

  /**
   * Largest valid label's bits ({@code 1f}) with the sign bit flipped, for the signed-maximum
   * check.
   */
  private static final int LABEL_LIMIT = Float.floatToRawIntBits(1f) ^ Integer.MIN_VALUE;

  /** Smallest {@code gradScale} of the LCWA ReLU loops, which accumulate in gradient units. */
  static final float MIN_RELU_GRAD_SCALE = 0x1p-60f;

  /** Elements per float accumulation block (a multiple of the lanes: 8 or 16). */
  static final int BLOCK = 256;

  private SimdMarginKernel() {}

  /**
   * The kernel, if this platform runs float vectors of at least 256 bits natively.
   *
   * @throws UnsupportedOperationException if the preferred vector size is below 256 bits: the
   *     Vector API would then emulate lanes, slower than scalar code
   */
  public static MarginKernel create() {
    int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    if (bits < MIN_BITS) {
      throw new UnsupportedOperationException(
          "the preferred float vector has "
              + bits
              + " bits; the SIMD loss kernel needs at least "
              + MIN_BITS);
    }
    return new SimdMarginKernel();
  }

  private static int vectorEnd(int from, int to) {
    return from + ((to - from) & -LANES);
  }

  @Override
  public double labelled(LabelledTerm term, float gradScale, int from, int to) {
    MarginActivation act = term.terms().activation();
    if (act != MarginActivation.RELU && act != MarginActivation.SOFTPLUS) {
      return ScalarMarginKernel.INSTANCE.labelled(term, gradScale, from, to);
    }
    // One loop per variant: a vector assigned in both arms of a branch inside the loop would
    // be boxed (allocated) on every iteration by C2.
    int upper = vectorEnd(from, to);
    if (act == MarginActivation.RELU && !(gradScale >= MIN_RELU_GRAD_SCALE && gradScale <= 1f)) {
      return PortableMarginKernel.INSTANCE.labelled(term, gradScale, from, to);
    }
    double sum;
    if (act == MarginActivation.RELU) {
      sum =
          term.weights() == null
              ? labelledRelu(term, gradScale, from, upper)
              : labelledReluWeighted(term, gradScale, from, upper);
    } else {
      sum = labelledSoftplus(term, gradScale, from, upper);
    }
    if (upper < to && !Double.isNaN(sum)) {
      sum += PortableMarginKernel.INSTANCE.labelled(term, gradScale, upper, to);
    }
    return sum;
  }

  /**
   * LCWA ReLU, one fused pass, for {@code gradScale ∈ [2^-60, 1]} (mean and sum reductions; other
   * weighted means take the portable kernel). The smoothed label enters only through two
   * per-element coefficients in gradient units, each one fma of {@code t} ({@code t' = spread +
   * (keep − spread)·t}):
   *
   * <pre>
   *   cp = −gradScale·w+·t'        cn = gradScale·w−·(1 − t')
   *   grad = cn·[λ̄ + x > 0] + cp·[λ − x > 0]
   *   sum  = (Σ cn·g(λ̄ + x) − Σ cp·h(λ − x)) / gradScale
   * </pre>
   *
   * Accumulating in gradient units saves the gradient's scaling multiply (measured 15 % faster);
   * the bounds on {@code gradScale} keep the coefficients normal and the sums finite.
   *
   * <p>Validity costs five cheap operations per vector (a compare and a blend into a float counter
   * measured ~25 % slower): {@code t} is replaced by {@code x·0 + t}, which is {@code t} for finite
   * {@code x} and NaN otherwise, so a non-finite score or a NaN label turns both coefficients, and
   * through {@code NaN·0 = NaN} the sums, into NaN; a label outside [0, 1] sets the sign bit of
   * {@code t + 0} or of {@code 1 − t}, which are OR-ed into an int vector ({@code + 0} maps a valid
   * {@code −0.0} label to {@code +0.0}).
   */
  private static double labelledRelu(LabelledTerm term, float gradScale, int from, int upper) {
    MarginTerms terms = term.terms();
    float[] x = term.scores();
    float[] t = term.labels();
    float[] grad = term.gradient();
    float smoothSpread = term.smoothSpread();
    float slope = term.smoothKeep() - smoothSpread;
    float cpw = -gradScale * terms.positiveWeight();
    float cnw = gradScale * terms.negativeWeight();
    FloatVector lp = FloatVector.broadcast(SPECIES, terms.positiveMargin());
    FloatVector ln = FloatVector.broadcast(SPECIES, terms.negativeMargin());
    FloatVector positiveSlope = FloatVector.broadcast(SPECIES, cpw * slope);
    FloatVector positiveIntercept = FloatVector.broadcast(SPECIES, cpw * smoothSpread);
    FloatVector negativeSlope = FloatVector.broadcast(SPECIES, -cnw * slope);
    FloatVector negativeIntercept = FloatVector.broadcast(SPECIES, cnw * (1f - smoothSpread));
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector zero = FloatVector.zero(SPECIES);
    double sum = 0;
    int signs = 0;
    for (int block = from; block < upper; block += BLOCK) {
      int blockEnd = Math.min(upper, block + BLOCK);
      // Accumulators start from a fresh zero inside the block: initialised from a vector
      // defined before the outer loop, C2 boxed (allocated) it once per call.
      FloatVector accPositive = FloatVector.zero(SPECIES);
      FloatVector accNegative = FloatVector.zero(SPECIES);
      IntVector blockSigns = IntVector.zero(INT_SPECIES);
      for (int i = block; i < blockEnd; i += LANES) {
        FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
        FloatVector tv = xv.fma(zero, FloatVector.fromArray(SPECIES, t, i));
        blockSigns =
            blockSigns.or(tv.add(zero).reinterpretAsInts().or(one.sub(tv).reinterpretAsInts()));
        FloatVector cp = tv.fma(positiveSlope, positiveIntercept);
        FloatVector cn = tv.fma(negativeSlope, negativeIntercept);
        FloatVector zp = lp.sub(xv);
        FloatVector zn = ln.add(xv);
        VectorMask<Float> mp = zp.compare(VectorOperators.GT, 0f);
        VectorMask<Float> mn = zn.compare(VectorOperators.GT, 0f);
        accPositive = cp.fma(zero.blend(zp, mp), accPositive);
        accNegative = cn.fma(zero.blend(zn, mn), accNegative);
        zero.blend(cn, mn).add(zero.blend(cp, mp)).intoArray(grad, i);
      }
      sum += accNegative.reduceLanes(VectorOperators.ADD);
      sum -= accPositive.reduceLanes(VectorOperators.ADD);
      signs |= blockSigns.reduceLanes(VectorOperators.OR);
    }
    return signs < 0 ? Double.NaN : sum / gradScale;
  }

  /**
   * {@link #labelledRelu} with sample weights {@code s}: {@code cp = −gradScale·s·w+·t'}, {@code cn
   * = gradScale·s·w−·(1 − t')}.
   */
  private static double labelledReluWeighted(
      LabelledTerm term, float gradScale, int from, int upper) {
    MarginTerms terms = term.terms();
    float[] x = term.scores();
    float[] t = term.labels();
    float[] weights = term.weights();
    float[] grad = term.gradient();
    float smoothSpread = term.smoothSpread();
    float slope = term.smoothKeep() - smoothSpread;
    float cpw = -gradScale * terms.positiveWeight();
    float cnw = gradScale * terms.negativeWeight();
    FloatVector lp = FloatVector.broadcast(SPECIES, terms.positiveMargin());
    FloatVector ln = FloatVector.broadcast(SPECIES, terms.negativeMargin());
    FloatVector positiveSlope = FloatVector.broadcast(SPECIES, cpw * slope);
    FloatVector positiveIntercept = FloatVector.broadcast(SPECIES, cpw * smoothSpread);
    FloatVector negativeSlope = FloatVector.broadcast(SPECIES, -cnw * slope);
    FloatVector negativeIntercept = FloatVector.broadcast(SPECIES, cnw * (1f - smoothSpread));
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector zero = FloatVector.zero(SPECIES);
    double sum = 0;
    int signs = 0;
    for (int block = from; block < upper; block += BLOCK) {
      int blockEnd = Math.min(upper, block + BLOCK);
      FloatVector accPositive = FloatVector.zero(SPECIES);
      FloatVector accNegative = FloatVector.zero(SPECIES);
      IntVector blockSigns = IntVector.zero(INT_SPECIES);
      for (int i = block; i < blockEnd; i += LANES) {
        FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
        FloatVector tv = xv.fma(zero, FloatVector.fromArray(SPECIES, t, i));
        blockSigns =
            blockSigns.or(tv.add(zero).reinterpretAsInts().or(one.sub(tv).reinterpretAsInts()));
        FloatVector sv = FloatVector.fromArray(SPECIES, weights, i);
        FloatVector cp = tv.fma(positiveSlope, positiveIntercept).mul(sv);
        FloatVector cn = tv.fma(negativeSlope, negativeIntercept).mul(sv);
        FloatVector zp = lp.sub(xv);
        FloatVector zn = ln.add(xv);
        VectorMask<Float> mp = zp.compare(VectorOperators.GT, 0f);
        VectorMask<Float> mn = zn.compare(VectorOperators.GT, 0f);
        accPositive = cp.fma(zero.blend(zp, mp), accPositive);
        accNegative = cn.fma(zero.blend(zn, mn), accNegative);
        zero.blend(cn, mn).add(zero.blend(cp, mp)).intoArray(grad, i);
      }
      sum += accNegative.reduceLanes(VectorOperators.ADD);
      sum -= accPositive.reduceLanes(VectorOperators.ADD);
      signs |= blockSigns.reduceLanes(VectorOperators.OR);
    }
    return signs < 0 ? Double.NaN : sum / gradScale;
  }

  @Override
  public double positiveTerm(PositiveTerm term, float gradScale, int from, int to) {
    MarginActivation activation = term.terms().activation();
    if (activation != MarginActivation.RELU && activation != MarginActivation.SOFTPLUS) {
      return ScalarMarginKernel.INSTANCE.positiveTerm(term, gradScale, from, to);
    }
    int upper = vectorEnd(from, to);
    double sum;
    if (activation == MarginActivation.RELU) {
      sum =
          term.multiplicity() == null
              ? positiveRelu(term, gradScale, from, upper)
              : positiveReluWeighted(term, gradScale, from, upper);
    } else {
      sum = positiveSoftplus(term, gradScale, from, upper);
    }
    if (upper < to && !Double.isNaN(sum)) {
      sum += PortableMarginKernel.INSTANCE.positiveTerm(term, gradScale, upper, to);
    }
    return sum;
  }

  private static double positiveRelu(PositiveTerm term, float gradScale, int from, int upper) {
    float[] x = term.scores();
    float[] grad = term.gradient();
    FloatVector lp = FloatVector.broadcast(SPECIES, term.terms().positiveMargin());
    float c = -gradScale;
    double sum = 0;
    double check = 0;
    FloatVector zero = FloatVector.zero(SPECIES);
    for (int block = from; block < upper; block += BLOCK) {
      int blockEnd = Math.min(upper, block + BLOCK);
      FloatVector acc = FloatVector.zero(SPECIES);
      FloatVector blockCheck = FloatVector.zero(SPECIES);
      for (int i = block; i < blockEnd; i += LANES) {
        FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
        blockCheck = xv.fma(zero, blockCheck);
        FloatVector z = lp.sub(xv);
        VectorMask<Float> m = z.compare(VectorOperators.GT, 0f);
        acc = acc.add(zero.blend(z, m));
        zero.blend(c, m).intoArray(grad, i);
      }
      sum += acc.reduceLanes(VectorOperators.ADD);
      check += blockCheck.reduceLanes(VectorOperators.ADD);
    }
    return check != 0 ? Double.NaN : sum;
  }

  private static double positiveReluWeighted(
      PositiveTerm term, float gradScale, int from, int upper) {
    float[] x = term.scores();
    float[] multiplicity = term.multiplicity();
    float[] grad = term.gradient();
    FloatVector lp = FloatVector.broadcast(SPECIES, term.terms().positiveMargin());
    float c = -gradScale;
    double sum = 0;
    double check = 0;
    FloatVector zero = FloatVector.zero(SPECIES);
    for (int block = from; block < upper; block += BLOCK) {
      int blockEnd = Math.min(upper, block + BLOCK);
      FloatVector acc = FloatVector.zero(SPECIES);
      FloatVector blockCheck = FloatVector.zero(SPECIES);
      for (int i = block; i < blockEnd; i += LANES) {
        FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
        FloatVector kv = FloatVector.fromArray(SPECIES, multiplicity, i);
        blockCheck = xv.fma(zero, blockCheck);
        FloatVector z = lp.sub(xv);
        VectorMask<Float> m = z.compare(VectorOperators.GT, 0f);
        acc = kv.fma(zero.blend(z, m), acc);
        zero.blend(kv.mul(c), m).intoArray(grad, i);
      }
      sum += acc.reduceLanes(VectorOperators.ADD);
      check += blockCheck.reduceLanes(VectorOperators.ADD);
    }
    return check != 0 ? Double.NaN : sum;
  }

  @Override
  public double negativeTerm(NegativeTerm term, float gradScale, int from, int to) {
    MarginActivation activation = term.terms().activation();
    if (activation != MarginActivation.RELU && activation != MarginActivation.SOFTPLUS) {
      return ScalarMarginKernel.INSTANCE.negativeTerm(term, gradScale, from, to);
    }
    int upper = vectorEnd(from, to);
    double sum;
    if (activation == MarginActivation.RELU) {
      sum =
          term.keep() == null
              ? negativeRelu(term, gradScale, from, upper)
              : negativeReluFiltered(term, gradScale, from, upper);
    } else {
      sum = negativeSoftplus(term, gradScale, from, upper);
    }
    if (upper < to && !Double.isNaN(sum)) {
      sum += PortableMarginKernel.INSTANCE.negativeTerm(term, gradScale, upper, to);
    }
    return sum;
  }

  private static double negativeRelu(NegativeTerm term, float gradScale, int from, int upper) {
    float[] x = term.scores();
    float[] grad = term.gradient();
    FloatVector ln = FloatVector.broadcast(SPECIES, term.terms().negativeMargin());
    double sum = 0;
    double check = 0;
    FloatVector zero = FloatVector.zero(SPECIES);
    for (int block = from; block < upper; block += BLOCK) {
      int blockEnd = Math.min(upper, block + BLOCK);
      FloatVector acc = FloatVector.zero(SPECIES);
      FloatVector blockCheck = FloatVector.zero(SPECIES);
      for (int i = block; i < blockEnd; i += LANES) {
        FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
        blockCheck = xv.fma(zero, blockCheck);
        FloatVector z = ln.add(xv);
        VectorMask<Float> m = z.compare(VectorOperators.GT, 0f);
        acc = acc.add(zero.blend(z, m));
        zero.blend(gradScale, m).intoArray(grad, i);
      }
      sum += acc.reduceLanes(VectorOperators.ADD);
      check += blockCheck.reduceLanes(VectorOperators.ADD);
    }
    return check != 0 ? Double.NaN : sum;
  }

  private static double negativeReluFiltered(
      NegativeTerm term, float gradScale, int from, int upper) {
    float[] x = term.scores();
    boolean[] keep = term.keep();
    float[] grad = term.gradient();
    FloatVector ln = FloatVector.broadcast(SPECIES, term.terms().negativeMargin());
    double sum = 0;
    double check = 0;
    FloatVector zero = FloatVector.zero(SPECIES);
    for (int block = from; block < upper; block += BLOCK) {
      int blockEnd = Math.min(upper, block + BLOCK);
      FloatVector acc = FloatVector.zero(SPECIES);
      FloatVector blockCheck = FloatVector.zero(SPECIES);
      for (int i = block; i < blockEnd; i += LANES) {
        FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
        blockCheck = xv.fma(zero, blockCheck);
        FloatVector z = ln.add(xv);
        // A dropped negative behaves as an inactive one: no loss, zero gradient.
        VectorMask<Float> m =
            z.compare(VectorOperators.GT, 0f).and(VectorMask.fromArray(SPECIES, keep, i));
        acc = acc.add(zero.blend(z, m));
        zero.blend(gradScale, m).intoArray(grad, i);
      }
      sum += acc.reduceLanes(VectorOperators.ADD);
      check += blockCheck.reduceLanes(VectorOperators.ADD);
    }
    return check != 0 ? Double.NaN : sum;
  }

  /** Scratch per thread: scores' margins, activation values and derivatives of one block. */
  private static final ThreadLocal<float[]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[6 * BLOCK]);

  private static final int Z = 0;
  private static final int VALUE = 2 * BLOCK;
  private static final int DERIVATIVE = 4 * BLOCK;

  /**
   * Softplus and sigmoid of {@code buf[Z, Z + n)} into {@code buf[VALUE, …)} and {@code
   * buf[DERIVATIVE, …)}; {@code n} is a multiple of 8, at most {@code 2·BLOCK}.
   *
   * <p>The activation is a separate pass over an L1-resident block because C2 stops inlining once a
   * method's graph is large (NodeCountInliningCutoff), and a vector passed to a call that is not
   * inlined is boxed, i.e. allocated: fusing two softplus evaluations and the loss bookkeeping into
   * one loop body allocated on every iteration.
   */
  private static void softplusBlock(float[] buf, int n) {
    // Two passes, so that each loop body is short enough for several iterations to overlap in
    // the out-of-order window (the exp and log1p polynomials are long dependency chains). Both
    // stay in this one method on purpose: at more than 325 bytes of bytecode C2 never inlines
    // it into its callers, so its graph stays small enough for every Vector API call in it to
    // be intrinsified. With pass 1 delegated to expBlock, the then smaller method was inlined
    // into the sLCWA loops and those ran about 30 % slower (JMH, B = 1e4; the same with
    // -XX:CompileCommand=dontinline on this method was as fast as before).
    // Pass 1: u = exp(−|z|), the operations of expBlock.
    IntVector absMask = IntVector.broadcast(INT_SPECIES, 0x7fffffff);
    IntVector clamp = IntVector.broadcast(INT_SPECIES, CLAMP_BITS);
    FloatVector minusLog2e = FloatVector.broadcast(SPECIES, -SoftplusMath.LOG2E);
    FloatVector shifter = FloatVector.broadcast(SPECIES, SoftplusMath.SHIFTER);
    FloatVector ln2 = FloatVector.broadcast(SPECIES, SoftplusMath.LN2);
    FloatVector q0 = FloatVector.broadcast(SPECIES, SoftplusMath.EXP_Q0);
    FloatVector q1 = FloatVector.broadcast(SPECIES, -SoftplusMath.EXP_Q1);
    FloatVector q2 = FloatVector.broadcast(SPECIES, SoftplusMath.EXP_Q2);
    FloatVector q3 = FloatVector.broadcast(SPECIES, -SoftplusMath.EXP_Q3);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    for (int j = 0; j < n; j += LANES) {
      FloatVector z = FloatVector.fromArray(SPECIES, buf, Z + j);
      FloatVector a = z.reinterpretAsInts().and(absMask).min(clamp).reinterpretAsFloats();
      FloatVector shifted = a.fma(minusLog2e, shifter);
      FloatVector m = shifted.sub(shifter).fma(ln2, a);
      FloatVector m2 = m.mul(m);
      FloatVector q = m.fma(q3, q2).fma(m2, m.fma(q1, q0));
      m2.fma(q, one.sub(m))
          .reinterpretAsInts()
          .add(shifted.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .reinterpretAsFloats()
          .intoArray(buf, DERIVATIVE + j);
    }
    // Pass 2: softplus and sigmoid from z and u.
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector two = FloatVector.broadcast(SPECIES, 2f);
    FloatVector r0 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R0);
    FloatVector r1 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R1);
    FloatVector r2 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R2);
    for (int j = 0; j < n; j += LANES) {
      FloatVector z = FloatVector.fromArray(SPECIES, buf, Z + j);
      FloatVector u = FloatVector.fromArray(SPECIES, buf, DERIVATIVE + j);
      // Two divisions measured faster than one shared division and four multiplications.
      FloatVector recip = one.div(u.add(one));
      FloatVector s = u.div(u.add(two));
      FloatVector w = s.mul(s);
      FloatVector series = w.fma(r2, r1).fma(w, r0).fma(w, two);
      VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
      s.fma(series, zero.blend(z, positive)).intoArray(buf, VALUE + j);
      u.mul(recip).blend(recip, positive).intoArray(buf, DERIVATIVE + j);
    }
  }

  /**
   * LCWA softplus, two passes per block of {@value #BLOCK} elements. The first evaluates the
   * negative term {@code (1 − t')·g(λ̄ + x)} of every element (one softplus, fused with the label
   * bookkeeping and the validity checks) and stores its gradient. The second adds the positive term
   * only for the vectors of {@code L} with some {@code t' != 0}: with {@code t' = 0} it is exactly
   * 0, as is its gradient, and LCWA labels are mostly 0 (without smoothing most vectors are
   * skipped).
   */
  private static double labelledSoftplus(LabelledTerm term, float gradScale, int from, int upper) {
    MarginTerms terms = term.terms();
    float[] buf = SCRATCH.get();
    double sum = 0;
    for (int block = from; block < upper; block += BLOCK) {
      int end = Math.min(upper, block + BLOCK);
      // One method per variant: a vector assigned under a branch would be boxed.
      float negative =
          term.weights() == null
              ? negativeLabelled(term, gradScale, buf, block, end)
              : negativeLabelledWeighted(term, gradScale, buf, block, end);
      if (Float.isNaN(negative)) {
        return Double.NaN;
      }
      float positive = positiveLabelled(term, gradScale, buf, block, end);
      sum +=
          terms.positiveWeight() * (double) positive + terms.negativeWeight() * (double) negative;
    }
    return sum;
  }

  /**
   * {@code dst[dstFrom + j] = exp(−|margin + src[srcFrom + j]|)} for {@code j < n} ({@code n} a
   * multiple of 8; SoftplusMath.expNegative, with {@code |z|} clamped by integer operations, fewer
   * than abs, compare and blend on floats): the first pass of the LCWA negative term, whose margins
   * are not stored in the scratch ({@link #softplusBlock} repeats these operations for the reason
   * given there). Two short loop bodies overlap better in the out-of-order window than one long
   * one. A NaN {@code z} is clamped too; the callers' validity checks report it.
   */
  private static void expBlock(
      float margin, float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
    FloatVector offset = FloatVector.broadcast(SPECIES, margin);
    IntVector absMask = IntVector.broadcast(INT_SPECIES, 0x7fffffff);
    IntVector clamp = IntVector.broadcast(INT_SPECIES, CLAMP_BITS);
    FloatVector minusLog2e = FloatVector.broadcast(SPECIES, -SoftplusMath.LOG2E);
    FloatVector shifter = FloatVector.broadcast(SPECIES, SoftplusMath.SHIFTER);
    FloatVector ln2 = FloatVector.broadcast(SPECIES, SoftplusMath.LN2);
    FloatVector q0 = FloatVector.broadcast(SPECIES, SoftplusMath.EXP_Q0);
    FloatVector q1 = FloatVector.broadcast(SPECIES, -SoftplusMath.EXP_Q1);
    FloatVector q2 = FloatVector.broadcast(SPECIES, SoftplusMath.EXP_Q2);
    FloatVector q3 = FloatVector.broadcast(SPECIES, -SoftplusMath.EXP_Q3);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    for (int j = 0; j < n; j += LANES) {
      FloatVector z = FloatVector.fromArray(SPECIES, src, srcFrom + j).add(offset);
      FloatVector a = z.reinterpretAsInts().and(absMask).min(clamp).reinterpretAsFloats();
      FloatVector shifted = a.fma(minusLog2e, shifter);
      FloatVector m = shifted.sub(shifter).fma(ln2, a);
      FloatVector m2 = m.mul(m);
      FloatVector q = m.fma(q3, q2).fma(m2, m.fma(q1, q0));
      // The shifter's low mantissa bits hold n; moved into the exponent field they scale by 2^n.
      m2.fma(q, one.sub(m))
          .reinterpretAsInts()
          .add(shifted.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .reinterpretAsFloats()
          .intoArray(dst, dstFrom + j);
    }
  }

  /**
   * The negative term of one block and its gradient; NaN for invalid input (see {@link
   * #labelledSoftplus}). Validity in four operations and one accumulator: {@code tt = t + (x − x)}
   * is NaN for a non-finite score or a NaN label and maps a {@code −0.0} label to {@code +0.0}; the
   * labels are valid when the unsigned maximum of {@code tt}'s bits (a signed maximum after
   * flipping the sign bit) is at most the bits of {@code 1f}.
   */
  private static float negativeLabelled(
      LabelledTerm term, float gradScale, float[] buf, int block, int end) {
    MarginTerms terms = term.terms();
    float[] x = term.scores();
    float[] t = term.labels();
    float[] grad = term.gradient();
    expBlock(terms.negativeMargin(), x, block, buf, 0, end - block);
    FloatVector ln = FloatVector.broadcast(SPECIES, terms.negativeMargin());
    // 1 − t' = (1 − spread) − (keep − spread)·t.
    float smoothSpread = term.smoothSpread();
    FloatVector complementSlope = FloatVector.broadcast(SPECIES, smoothSpread - term.smoothKeep());
    FloatVector complementBase = FloatVector.broadcast(SPECIES, 1f - smoothSpread);
    FloatVector cn = FloatVector.broadcast(SPECIES, gradScale * terms.negativeWeight());
    IntVector flip = IntVector.broadcast(INT_SPECIES, Integer.MIN_VALUE);
    FloatVector r0 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R0);
    FloatVector r1 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R1);
    FloatVector r2 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R2);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector two = FloatVector.broadcast(SPECIES, 2f);
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector acc = FloatVector.zero(SPECIES);
    IntVector check = IntVector.broadcast(INT_SPECIES, Integer.MIN_VALUE);
    for (int i = block, j = 0; i < end; i += LANES, j += LANES) {
      FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
      FloatVector tt = FloatVector.fromArray(SPECIES, t, i).add(xv.sub(xv));
      check = check.max(tt.reinterpretAsInts().lanewise(VectorOperators.XOR, flip));
      FloatVector complement = tt.fma(complementSlope, complementBase);
      FloatVector z = xv.add(ln);
      FloatVector u = FloatVector.fromArray(SPECIES, buf, j);
      FloatVector recip = one.div(u.add(one));
      FloatVector s = u.div(u.add(two));
      FloatVector w = s.mul(s);
      FloatVector series = w.fma(r2, r1).fma(w, r0).fma(w, two);
      VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
      FloatVector value = s.fma(series, zero.blend(z, positive));
      FloatVector derivative = u.mul(recip).blend(recip, positive);
      acc = complement.fma(value, acc);
      complement.mul(cn).mul(derivative).intoArray(grad, i);
    }
    if (check.reduceLanes(VectorOperators.MAX) > LABEL_LIMIT) {
      return Float.NaN;
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /**
   * {@link #negativeLabelled} with sample weights: {@code (1 − t')·s} in place of {@code 1 − t'}.
   */
  private static float negativeLabelledWeighted(
      LabelledTerm term, float gradScale, float[] buf, int block, int end) {
    MarginTerms terms = term.terms();
    float[] x = term.scores();
    float[] t = term.labels();
    float[] weights = term.weights();
    float[] grad = term.gradient();
    expBlock(terms.negativeMargin(), x, block, buf, 0, end - block);
    FloatVector ln = FloatVector.broadcast(SPECIES, terms.negativeMargin());
    float smoothSpread = term.smoothSpread();
    FloatVector complementSlope = FloatVector.broadcast(SPECIES, smoothSpread - term.smoothKeep());
    FloatVector complementBase = FloatVector.broadcast(SPECIES, 1f - smoothSpread);
    FloatVector cn = FloatVector.broadcast(SPECIES, gradScale * terms.negativeWeight());
    IntVector flip = IntVector.broadcast(INT_SPECIES, Integer.MIN_VALUE);
    FloatVector r0 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R0);
    FloatVector r1 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R1);
    FloatVector r2 = FloatVector.broadcast(SPECIES, SoftplusMath.LOG_R2);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector two = FloatVector.broadcast(SPECIES, 2f);
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector acc = FloatVector.zero(SPECIES);
    IntVector check = IntVector.broadcast(INT_SPECIES, Integer.MIN_VALUE);
    for (int i = block, j = 0; i < end; i += LANES, j += LANES) {
      FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
      FloatVector tt = FloatVector.fromArray(SPECIES, t, i).add(xv.sub(xv));
      check = check.max(tt.reinterpretAsInts().lanewise(VectorOperators.XOR, flip));
      FloatVector complement =
          tt.fma(complementSlope, complementBase).mul(FloatVector.fromArray(SPECIES, weights, i));
      FloatVector z = xv.add(ln);
      FloatVector u = FloatVector.fromArray(SPECIES, buf, j);
      FloatVector recip = one.div(u.add(one));
      FloatVector s = u.div(u.add(two));
      FloatVector w = s.mul(s);
      FloatVector series = w.fma(r2, r1).fma(w, r0).fma(w, two);
      VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
      FloatVector value = s.fma(series, zero.blend(z, positive));
      FloatVector derivative = u.mul(recip).blend(recip, positive);
      acc = complement.fma(value, acc);
      complement.mul(cn).mul(derivative).intoArray(grad, i);
    }
    if (check.reduceLanes(VectorOperators.MAX) > LABEL_LIMIT) {
      return Float.NaN;
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /** Per thread: the first index of each gathered vector of {@link #positiveLabelled}. */
  private static final ThreadLocal<int[]> STARTS =
      ThreadLocal.withInitial(() -> new int[BLOCK / LANES]);

  /** Scratch offset of the gathered labels (after at most {@value #BLOCK} gathered margins). */
  private static final int LABELS = Z + BLOCK;

  /**
   * Adds the positive term {@code t'·s·h(λ − x)} of one block (valid input) to the gradient and
   * returns its sum. With {@code t' = 0} the term and its gradient are exactly 0, and LCWA labels
   * are mostly 0, so only the vectors of {@code L} with some {@code t' != 0} are evaluated: their
   * margins and labels are gathered into the scratch, {@link #softplusBlock} evaluates them
   * together, and the loss and gradient are scattered back vector by vector. Sample weights scale
   * the gathered labels in a loop of their own, so that one method serves both cases (a vector
   * assigned under a branch inside the gather loop would be boxed).
   */
  private static float positiveLabelled(
      LabelledTerm term, float gradScale, float[] buf, int block, int end) {
    float[] x = term.scores();
    float[] t = term.labels();
    int[] starts = STARTS.get();
    FloatVector lp = FloatVector.broadcast(SPECIES, term.terms().positiveMargin());
    float smoothSpread = term.smoothSpread();
    FloatVector labelSlope = FloatVector.broadcast(SPECIES, term.smoothKeep() - smoothSpread);
    FloatVector labelBase = FloatVector.broadcast(SPECIES, smoothSpread);
    int n = 0;
    for (int i = block; i < end; i += LANES) {
      FloatVector label = FloatVector.fromArray(SPECIES, t, i).fma(labelSlope, labelBase);
      if (label.compare(VectorOperators.NE, 0f).anyTrue()) {
        lp.sub(FloatVector.fromArray(SPECIES, x, i)).intoArray(buf, Z + n);
        label.intoArray(buf, LABELS + n);
        starts[n / LANES] = i;
        n += LANES;
      }
    }
    if (n == 0) {
      return 0f;
    }
    float[] weights = term.weights();
    if (weights != null) {
      for (int j = 0; j < n; j += LANES) {
        FloatVector.fromArray(SPECIES, buf, LABELS + j)
            .mul(FloatVector.fromArray(SPECIES, weights, starts[j / LANES]))
            .intoArray(buf, LABELS + j);
      }
    }
    softplusBlock(buf, n);
    float[] grad = term.gradient();
    float cp = gradScale * term.terms().positiveWeight();
    float sum = 0f;
    for (int j = 0; j < n; j += LANES) {
      int i = starts[j / LANES];
      FloatVector label = FloatVector.fromArray(SPECIES, buf, LABELS + j);
      sum +=
          label
              .mul(FloatVector.fromArray(SPECIES, buf, VALUE + j))
              .reduceLanes(VectorOperators.ADD);
      FloatVector.fromArray(SPECIES, grad, i)
          .sub(label.mul(cp).mul(FloatVector.fromArray(SPECIES, buf, DERIVATIVE + j)))
          .intoArray(grad, i);
    }
    return sum;
  }

  private static double positiveSoftplus(PositiveTerm term, float gradScale, int from, int upper) {
    float margin = term.terms().positiveMargin();
    float[] x = term.scores();
    float[] multiplicity = term.multiplicity();
    float[] grad = term.gradient();
    float[] buf = SCRATCH.get();
    double sum = 0;
    for (int block = from; block < upper; block += BLOCK) {
      int n = Math.min(upper - block, BLOCK);
      FloatVector lp = FloatVector.broadcast(SPECIES, margin); // block-local, see labelledSoftplus
      for (int j = 0; j < n; j += LANES) {
        lp.sub(FloatVector.fromArray(SPECIES, x, block + j)).intoArray(buf, Z + j);
      }
      softplusBlock(buf, n);
      sum +=
          multiplicity == null
              ? combine(x, grad, -gradScale, buf, block, n)
              : combinePositiveWeighted(x, multiplicity, grad, gradScale, buf, block, n);
    }
    return sum;
  }

  /**
   * The sLCWA softplus term of one block without multiplicities or a filter, from the activations
   * in the scratch: returns {@code Σ a(z)} (NaN for a non-finite score) and stores {@code grad[i] =
   * signedScale·a'(z)}, where {@code signedScale} is {@code −gradScale} for the positive term and
   * {@code gradScale} for the negative one.
   */
  private static double combine(
      float[] x, float[] grad, float signedScale, float[] buf, int block, int n) {
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector check = FloatVector.zero(SPECIES);
    for (int j = 0; j < n; j += LANES) {
      int i = block + j;
      check = FloatVector.fromArray(SPECIES, x, i).fma(zero, check);
      acc = acc.add(FloatVector.fromArray(SPECIES, buf, VALUE + j));
      FloatVector.fromArray(SPECIES, buf, DERIVATIVE + j).mul(signedScale).intoArray(grad, i);
    }
    return check.reduceLanes(VectorOperators.ADD) != 0
        ? Double.NaN
        : acc.reduceLanes(VectorOperators.ADD);
  }

  private static double combinePositiveWeighted(
      float[] x,
      float[] multiplicity,
      float[] grad,
      float gradScale,
      float[] buf,
      int block,
      int n) {
    float c = -gradScale;
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector check = FloatVector.zero(SPECIES);
    for (int j = 0; j < n; j += LANES) {
      int i = block + j;
      check = FloatVector.fromArray(SPECIES, x, i).fma(zero, check);
      FloatVector kv = FloatVector.fromArray(SPECIES, multiplicity, i);
      acc = kv.fma(FloatVector.fromArray(SPECIES, buf, VALUE + j), acc);
      FloatVector.fromArray(SPECIES, buf, DERIVATIVE + j).mul(kv.mul(c)).intoArray(grad, i);
    }
    return check.reduceLanes(VectorOperators.ADD) != 0
        ? Double.NaN
        : acc.reduceLanes(VectorOperators.ADD);
  }

  private static double negativeSoftplus(NegativeTerm term, float gradScale, int from, int upper) {
    float margin = term.terms().negativeMargin();
    float[] x = term.scores();
    boolean[] keep = term.keep();
    float[] grad = term.gradient();
    float[] buf = SCRATCH.get();
    double sum = 0;
    for (int block = from; block < upper; block += BLOCK) {
      int n = Math.min(upper - block, BLOCK);
      FloatVector ln = FloatVector.broadcast(SPECIES, margin); // block-local, see labelledSoftplus
      for (int j = 0; j < n; j += LANES) {
        ln.add(FloatVector.fromArray(SPECIES, x, block + j)).intoArray(buf, Z + j);
      }
      softplusBlock(buf, n);
      sum +=
          keep == null
              ? combine(x, grad, gradScale, buf, block, n)
              : combineNegativeFiltered(x, keep, grad, gradScale, buf, block, n);
    }
    return sum;
  }

  private static double combineNegativeFiltered(
      float[] x, boolean[] keep, float[] grad, float gradScale, float[] buf, int block, int n) {
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector check = FloatVector.zero(SPECIES);
    for (int j = 0; j < n; j += LANES) {
      int i = block + j;
      check = FloatVector.fromArray(SPECIES, x, i).fma(zero, check);
      // A dropped negative contributes no loss and a zero gradient.
      VectorMask<Float> kept = VectorMask.fromArray(SPECIES, keep, i);
      acc = acc.add(zero.blend(FloatVector.fromArray(SPECIES, buf, VALUE + j), kept));
      zero.blend(FloatVector.fromArray(SPECIES, buf, DERIVATIVE + j).mul(gradScale), kept)
          .intoArray(grad, i);
    }
    return check.reduceLanes(VectorOperators.ADD) != 0
        ? Double.NaN
        : acc.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public String toString() {
    return "SIMD (jdk.incubator.vector, " + SPECIES.vectorBitSize() + "-bit)";
  }
}
