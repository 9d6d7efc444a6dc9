package org.kge4j.vectorization;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses a kernel implementation once per JVM, after Apache Lucene's {@code
 * VectorizationProvider}: a SIMD implementation lives in its own package, compiled against {@code
 * jdk.incubator.vector}, and is loaded reflectively only when that module is in the boot layer (the
 * JVM was started with {@code --add-modules jdk.incubator.vector}); otherwise nothing references it
 * and the portable scalar implementation runs. Users need no JVM flag: the flag only makes things
 * faster. kge4j's loss kernels and dense (embedding) kernels are both chosen here.
 *
 * <p>The system property {@value #PROPERTY} forces a choice: {@code auto} (default: SIMD when
 * available), {@code simd} (SIMD, or the portable kernel with a warning when unavailable), {@code
 * scalar} (the portable kernel) or {@code reference} (the plain reference kernel, for diagnosis).
 *
 * <p>This class is kge4j's plumbing, public only so that kge4j's modules can share it.
 */
public final class VectorizationProvider {
  /** The system property that forces the implementation. */
  public static final String PROPERTY = "kge4j.vectorization";

  /** The incubator module the SIMD kernels need. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

  private static final System.Logger LOG = System.getLogger(VectorizationProvider.class.getName());

  /** The values of {@value #PROPERTY}. */
  public enum Mode {
    /** SIMD when the module is present, else portable. */
    AUTO,
    /** SIMD, with a warning when it cannot run. */
    SIMD,
    /** The portable scalar kernel. */
    SCALAR,
    /** The plain reference kernel. */
    REFERENCE;

    /**
     * Parses a property value, ignoring case and surrounding blanks; null means {@link #AUTO}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Mode parse(String value) {
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

    /** The mode the system property asks for. */
    public static Mode current() {
      return parse(System.getProperty(PROPERTY));
    }
  }

  /**
   * The outcome of the choice.
   *
   * @param kernel the kernel to use
   * @param level how loudly to report it: a requested SIMD kernel that cannot run is a warning
   * @param reason why this kernel, for the log
   * @param <K> the kernel type
   */
  public record Choice<K>(K kernel, System.Logger.Level level, String reason) {}

  private VectorizationProvider() {}

  /**
   * Chooses from the system property and the boot layer, and logs the choice once per call.
   *
   * @param what what the kernel computes, for the log line ("loss kernels")
   * @param simdClass the SIMD implementation's class name; it must have a static {@code create()}
   * @param type the kernel interface
   * @param portable the portable implementation
   * @param reference the reference implementation
   */
  public static <K> K lookup(
      String what, String simdClass, Class<K> type, K portable, K reference) {
    Choice<K> choice =
        choose(
            Mode.current(),
            ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(),
            () -> loadSimd(simdClass, type),
            portable,
            reference);
    LOG.log(
        choice.level(),
        () -> "kge4j " + what + ": " + choice.kernel() + " (" + choice.reason() + ")");
    return choice.kernel();
  }

  /**
   * The decision itself, free of global state so that every branch can be tested.
   *
   * @param mode the requested mode
   * @param vectorModulePresent whether {@value #VECTOR_MODULE} is in the boot layer
   * @param simd loads the SIMD kernel; called only when the module is present, may throw when the
   *     platform cannot run it
   * @param portable the portable kernel
   * @param reference the reference kernel
   */
  public static <K> Choice<K> choose(
      Mode mode, boolean vectorModulePresent, Supplier<K> simd, K portable, K reference) {
    switch (mode) {
      case REFERENCE:
        return new Choice<>(reference, System.Logger.Level.INFO, PROPERTY + "=reference");
      case SCALAR:
        return new Choice<>(portable, System.Logger.Level.INFO, PROPERTY + "=scalar");
      default:
        break;
    }
    System.Logger.Level unavailable =
        mode == Mode.SIMD ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
    if (!vectorModulePresent) {
      return new Choice<>(
          portable,
          unavailable,
          VECTOR_MODULE
              + " is not in the boot layer; start the JVM with --add-modules "
              + VECTOR_MODULE
              + " for the SIMD kernels");
    }
    try {
      return new Choice<>(simd.get(), System.Logger.Level.INFO, VECTOR_MODULE + " is present");
    } catch (RuntimeException | LinkageError e) {
      return new Choice<>(portable, unavailable, "the SIMD kernel cannot run here: " + e);
    }
  }

  /**
   * Instantiates a SIMD kernel through its static {@code create()} factory.
   *
   * @throws IllegalStateException if the class is missing or its factory fails
   */
  public static <K> K loadSimd(String simdClass, Class<K> type) {
    try {
      // Read the module before touching the class (as Lucene does) so that a named module
      // that contains kge4j can link to it; on the class path this is a no-op.
      ModuleLayer.boot()
          .findModule(VECTOR_MODULE)
          .ifPresent(VectorizationProvider.class.getModule()::addReads);
      Class<?> implementation = Class.forName(simdClass);
      return type.cast(implementation.getMethod("create").invoke(null));
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(simdClass + ".create() failed", cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(simdClass + " is missing from the kge4j jars", e);
    }
  }
}
