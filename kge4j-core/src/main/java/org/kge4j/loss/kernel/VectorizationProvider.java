package org.kge4j.loss.kernel;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses the {@link MarginKernel} implementation once per JVM, after Apache Lucene's {@code
 * VectorizationProvider}: the SIMD kernel lives in its own package ({@code
 * org.kge4j.loss.kernel.simd}), compiled against {@code jdk.incubator.vector}, and is loaded
 * reflectively only when that module is in the boot layer (the JVM was started with {@code
 * --add-modules jdk.incubator.vector}); otherwise nothing references it and the portable scalar
 * kernel runs. Users need no JVM flag: the flag only makes things faster.
 *
 * <p>The system property {@value #PROPERTY} forces a choice: {@code auto} (default: SIMD when
 * available), {@code simd} (SIMD, or the portable kernel with a warning when unavailable), {@code
 * scalar} (the portable {@link PortableMarginKernel}) or {@code reference} (the plain {@link
 * ScalarMarginKernel}, for diagnosis).
 */
final class VectorizationProvider {
  /** The system property that forces the implementation. */
  static final String PROPERTY = "kge4j.vectorization";

  /** The incubator module the SIMD kernel needs. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** The SIMD kernel, named only as a string so that nothing links to it without the module. */
  static final String SIMD_CLASS = "org.kge4j.loss.kernel.simd.SimdMarginKernel";

  private static final System.Logger LOG = System.getLogger(MarginKernels.class.getName());

  /** The values of {@value #PROPERTY}. */
  enum Mode {
    AUTO,
    SIMD,
    SCALAR,
    REFERENCE;

    /**
     * Parses a property value, ignoring case and surrounding blanks; null means {@link #AUTO}.
     *
     * @throws IllegalArgumentException for any other value
     */
    static Mode parse(String value) {
      if (value == null) {
        return AUTO;
      }
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "auto":
          return AUTO;
        case "simd":
          return SIMD;
        case "scalar":
          return SCALAR;
        case "reference":
          return REFERENCE;
        default:
          throw new IllegalArgumentException(
              PROPERTY + " must be one of auto, simd, scalar, reference, got '" + value + "'");
      }
    }
  }

  /**
   * The outcome of the choice.
   *
   * @param kernel the kernel to use
   * @param level how loudly to report it: a requested SIMD kernel that cannot run is a warning
   * @param reason why this kernel, for the log
   */
  record Choice(MarginKernel kernel, System.Logger.Level level, String reason) {}

  private VectorizationProvider() {}

  /** Chooses from the system property and the boot layer, and logs the choice once per call. */
  static MarginKernel lookup() {
    Choice choice =
        choose(
            Mode.parse(System.getProperty(PROPERTY)),
            ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(),
            VectorizationProvider::loadSimd);
    LOG.log(
        choice.level(),
        () -> "kge4j loss kernels: " + choice.kernel() + " (" + choice.reason() + ")");
    return choice.kernel();
  }

  /**
   * The decision itself, free of global state so that every branch can be tested.
   *
   * @param mode the requested mode
   * @param vectorModulePresent whether {@value #VECTOR_MODULE} is in the boot layer
   * @param simd loads the SIMD kernel; called only when the module is present, may throw when the
   *     platform cannot run it
   */
  static Choice choose(Mode mode, boolean vectorModulePresent, Supplier<MarginKernel> simd) {
    switch (mode) {
      case REFERENCE:
        return new Choice(
            ScalarMarginKernel.INSTANCE, System.Logger.Level.INFO, PROPERTY + "=reference");
      case SCALAR:
        return new Choice(
            PortableMarginKernel.INSTANCE, System.Logger.Level.INFO, PROPERTY + "=scalar");
      default:
        break;
    }
    System.Logger.Level unavailable =
        mode == Mode.SIMD ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
    if (!vectorModulePresent) {
      return new Choice(
          PortableMarginKernel.INSTANCE,
          unavailable,
          VECTOR_MODULE
              + " is not in the boot layer; start the JVM with --add-modules "
              + VECTOR_MODULE
              + " for the SIMD kernels");
    }
    try {
      return new Choice(simd.get(), System.Logger.Level.INFO, VECTOR_MODULE + " is present");
    } catch (RuntimeException | LinkageError e) {
      return new Choice(
          PortableMarginKernel.INSTANCE, unavailable, "the SIMD kernel cannot run here: " + e);
    }
  }

  /** Instantiates the SIMD kernel through its static {@code create()} factory. */
  private static MarginKernel loadSimd() {
    try {
      // Read the module before touching the class (as Lucene does) so that a named module
      // that contains kge4j can link to it; on the class path this is a no-op.
      ModuleLayer.boot()
          .findModule(VECTOR_MODULE)
          .ifPresent(VectorizationProvider.class.getModule()::addReads);
      Class<?> type = Class.forName(SIMD_CLASS);
      return (MarginKernel) type.getMethod("create").invoke(null);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(SIMD_CLASS + ".create() failed", cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(SIMD_CLASS + " is missing from the kge4j-core jar", e);
    }
  }
}
