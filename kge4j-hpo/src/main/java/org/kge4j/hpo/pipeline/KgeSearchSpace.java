package org.kge4j.hpo.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.kge4j.config.ConfigurationException;
import org.kge4j.config.LossConfig;
import org.kge4j.config.PipelineConfig;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.NumericParameter;
import org.kge4j.hpo.PowerTwoParameter;
import org.kge4j.loss.DoubleMarginLoss;

/**
 * The search space of a KGE study, built as PyKEEN's {@code hpo_pipeline} builds it from the {@code
 * "pipeline"} section of an HPO configuration: the keys of a {@code pipeline_config.json} ({@link
 * PipelineConfig#PIPELINE_KEYS}) plus {@code <component>_kwargs_ranges} for the components {@link
 * #COMPONENTS}.
 *
 * <p><b>Precedence</b>, per keyword argument (PyKEEN's {@code _get_kwargs}, see {@link
 * ValueSource}): a value in {@code <component>_kwargs} is used in every trial; else a range in
 * {@code <component>_kwargs_ranges} is searched ({@link KwargsRange} reads it); else the
 * component's default range ({@code hpoDefault()} of the configuration's components) is searched;
 * else the key is left out and the component's default value applies. Parameters are named with
 * their component prefix ({@code model.embedding_dim}, {@code loss.offset}, {@code optimizer.lr},
 * {@code negative_sampler.num_negs_per_pos}, {@code training.batch_size}, ...).
 *
 * <p><b>Conditional parameters.</b> {@code regularizer.weight} is searched only for models with a
 * regularizer (DistMult, ComplEx), {@code negative_sampler.*} only with sLCWA, {@code
 * model.scoring_fct_norm} only for TransE; ranges for a component a configuration lacks are
 * refused. The loss's default space depends on its form: PyKEEN's {@link
 * DoubleMarginLoss#HPO_DEFAULT} (margins) for semantic-matching models, and the distance-limit
 * space {@link LossConfig#DISTANCE_LIMITS_HPO_DEFAULT} for the distance models TransE and RotatE
 * (PyKEEN's margins cannot separate their scores, which are {@code <= 0}); distance limits for
 * other models are refused.
 *
 * <p><b>The margins are one unit</b> ({@link LossConfig#MARGIN_KEYS}), as {@link
 * DoubleMarginLoss#resolveMargin} takes exactly one combination: if the user gives any margin key,
 * explicitly or as a range, the default margin ranges are not used, and the user's margin keys
 * together must be one of {@code (positive_margin, negative_margin)}, {@code (positive_margin,
 * offset)}, {@code (negative_margin, offset)}, {@code (positive_distance_limit,
 * negative_distance_limit)}.
 *
 * <p><b>Validity: an invalid sample is never trained.</b> The default ranges cannot produce an
 * invalid configuration ({@code offset >= 0} keeps {@code positive_margin >= negative_margin}; the
 * distance limits' ranges are disjoint). User ranges can, and two orderings are enforced by
 * construction: {@code negative_margin <= positive_margin} and {@code positive_distance_limit <
 * negative_distance_limit}. With one side explicit, the other's range is cut to the allowed part
 * once, when the space is built; with both searched, the lower one is drawn first from its range
 * cut at the upper one's high end, and the upper one then from its range cut at the drawn value (a
 * range that depends on the trial, which the samplers handle as Optuna's do: TPE uses the earlier
 * trials' values that lie in the current range). A pair of ranges that admits no ordered pair, a
 * range key a component does not support, and a space none of whose corner or centre points
 * configures fail when the space is built. Whatever else {@link #configure} rejects is an invalid
 * sample, which the objective records as a failed trial without training it.
 */
public final class KgeSearchSpace {

  /** The components whose keyword arguments can be searched, in PyKEEN's order. */
  public static final List<String> COMPONENTS =
      List.of("model", "loss", "regularizer", "optimizer", "negative_sampler", "training");

  /** The range sections of the {@code "pipeline"} map: {@code <component>_kwargs_ranges}. */
  public static final List<String> RANGE_KEYS =
      COMPONENTS.stream().map(c -> c + "_kwargs_ranges").toList();

  private static final List<String> PAIRS_LOWER =
      List.of("negative_margin", "positive_distance_limit");
  private static final List<String> PAIRS_UPPER =
      List.of("positive_margin", "negative_distance_limit");
  private static final List<Set<String>> MARGIN_COMBINATIONS =
      List.of(
          Set.of("positive_margin", "negative_margin"),
          Set.of("positive_margin", "offset"),
          Set.of("negative_margin", "offset"),
          Set.of("positive_distance_limit", "negative_distance_limit"));

  private final PipelineConfig base;
  private final Map<String, Object> explicitMargins;
  private final Map<String, Object> explicitValues;
  private final List<SearchDimension> dimensions;

  private KgeSearchSpace(
      PipelineConfig base,
      Map<String, Object> explicitMargins,
      Map<String, Object> explicitValues,
      List<SearchDimension> dimensions) {
    this.base = base;
    this.explicitMargins = Collections.unmodifiableMap(explicitMargins);
    this.explicitValues = Collections.unmodifiableMap(explicitValues);
    this.dimensions = List.copyOf(dimensions);
  }

  /**
   * The space of a {@code "pipeline"} section: the keys of {@link PipelineConfig#PIPELINE_KEYS} and
   * {@link #RANGE_KEYS}.
   *
   * @throws ConfigurationException for an unsupported key (naming it and the supported ones), an
   *     invalid explicit value or range, or a space without any valid configuration
   */
  public static KgeSearchSpace fromPipeline(Map<String, ?> pipeline) {
    Objects.requireNonNull(pipeline, "pipeline");
    List<String> supported = new ArrayList<>(PipelineConfig.PIPELINE_KEYS);
    supported.addAll(RANGE_KEYS);
    for (String key : pipeline.keySet()) {
      if (!supported.contains(key)) {
        throw new ConfigurationException(
            key,
            key
                + " is not supported in an HPO pipeline; supported: "
                + String.join(", ", supported));
      }
    }
    Map<String, SearchDimension> userRanges = new LinkedHashMap<>();
    for (String component : COMPONENTS) {
      String section = component + "_kwargs_ranges";
      Object ranges = pipeline.get(section);
      if (ranges == null) {
        continue;
      }
      if (!(ranges instanceof Map<?, ?> map)) {
        throw new ConfigurationException(
            section, section + " must be an object of ranges by keyword, got " + ranges);
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        SearchDimension d =
            KwargsRange.parse(component, String.valueOf(entry.getKey()), entry.getValue());
        userRanges.put(d.name(), d);
      }
    }
    Map<String, Object> explicitPipeline = new LinkedHashMap<>(pipeline);
    explicitPipeline.keySet().removeAll(RANGE_KEYS);
    Map<String, Object> explicitValues = new LinkedHashMap<>();
    for (String component : COMPONENTS) {
      kwargsOf(explicitPipeline, component)
          .forEach((k, v) -> explicitValues.put(component + "." + k, v));
    }
    // an explicit value wins over a range of the same key (PyKEEN skips ranges of given kwargs)
    userRanges.keySet().removeAll(explicitValues.keySet());

    Map<String, Object> lossKwargs = new LinkedHashMap<>(kwargsOf(explicitPipeline, "loss"));
    Set<String> explicitMarginKeys = new LinkedHashSet<>(lossKwargs.keySet());
    explicitMarginKeys.retainAll(LossConfig.MARGIN_KEYS);
    Set<String> rangedMarginKeys = new LinkedHashSet<>();
    for (SearchDimension d : userRanges.values()) {
      if (d.component().equals("loss") && LossConfig.MARGIN_KEYS.contains(d.key())) {
        rangedMarginKeys.add(d.key());
      }
    }
    Set<String> userMarginKeys = new LinkedHashSet<>(explicitMarginKeys);
    userMarginKeys.addAll(rangedMarginKeys);
    Map<String, Object> explicitMargins = new LinkedHashMap<>();
    if (!rangedMarginKeys.isEmpty()) {
      if (!MARGIN_COMBINATIONS.contains(userMarginKeys)) {
        throw new ConfigurationException(
            "loss_kwargs_ranges",
            "loss margins: "
                + describeMarginKeys(explicitMarginKeys, rangedMarginKeys)
                + " are no combination that DoubleMarginLoss.resolve_margin accepts; give exactly"
                + " one of (positive_margin, negative_margin), (positive_margin, offset),"
                + " (negative_margin, offset) or (positive_distance_limit,"
                + " negative_distance_limit), each explicitly in loss_kwargs or as a range");
      }
      // the base configuration takes no margins then; every trial supplies the whole unit
      for (String key : explicitMarginKeys) {
        explicitMargins.put(key, lossKwargs.remove(key));
      }
      explicitPipeline.put("loss_kwargs", lossKwargs);
    }
    PipelineConfig base = PipelineConfig.fromPipelineMap(Map.of("pipeline", explicitPipeline));
    requireComponent(
        userRanges,
        "regularizer",
        base.regularizer() != null,
        base.model().name() + ", which has no regularizer (as in PyKEEN)");
    requireComponent(
        userRanges,
        "negative_sampler",
        base.negativeSampler() != null,
        "the LCWA training loop, which scores every entity");

    boolean distanceForm =
        userMarginKeys.contains("positive_distance_limit")
            || userMarginKeys.contains("negative_distance_limit")
            || (userMarginKeys.isEmpty() && base.model().isDistanceModel());
    Map<String, HpoSpace> defaults = new LinkedHashMap<>();
    defaults.put("model", base.model().hpoDefault());
    defaults.put(
        "loss",
        distanceForm ? LossConfig.DISTANCE_LIMITS_HPO_DEFAULT : DoubleMarginLoss.HPO_DEFAULT);
    defaults.put(
        "regularizer",
        base.regularizer() == null ? HpoSpace.of() : base.regularizer().hpoDefault());
    defaults.put("optimizer", base.optimizer().hpoDefault());
    defaults.put(
        "negative_sampler",
        base.negativeSampler() == null ? HpoSpace.of() : base.negativeSampler().hpoDefault());
    defaults.put("training", base.training().hpoDefault());

    List<SearchDimension> dimensions = new ArrayList<>();
    for (String component : COMPONENTS) {
      for (HpoParameter p : defaults.get(component).parameters().values()) {
        String name = component + "." + p.name();
        boolean marginReplaced =
            component.equals("loss")
                && LossConfig.MARGIN_KEYS.contains(p.name())
                && !userMarginKeys.isEmpty();
        if (explicitValues.containsKey(name) || marginReplaced) {
          continue;
        }
        SearchDimension user = userRanges.remove(name);
        dimensions.add(
            user != null
                ? user
                : SearchDimension.of(
                    component, p.name(), p.withName(name), ValueSource.DEFAULT_RANGE));
      }
      for (SearchDimension user : List.copyOf(userRanges.values())) {
        if (user.component().equals(component)) {
          dimensions.add(userRanges.remove(user.name()));
        }
      }
    }
    cutExplicitPairs(dimensions, explicitMargins);
    drawLowerMembersFirst(dimensions);
    KgeSearchSpace space = new KgeSearchSpace(base, explicitMargins, explicitValues, dimensions);
    space.checkRangeKeys();
    space.checkSomePointConfigures();
    return space;
  }

  private static String describeMarginKeys(Set<String> explicit, Set<String> ranged) {
    List<String> parts = new ArrayList<>();
    explicit.forEach(k -> parts.add(k + " (explicit)"));
    ranged.forEach(k -> parts.add(k + " (range)"));
    return String.join(", ", parts);
  }

  private static void requireComponent(
      Map<String, SearchDimension> userRanges, String component, boolean present, String why) {
    if (present) {
      return;
    }
    for (SearchDimension d : userRanges.values()) {
      if (d.component().equals(component)) {
        String section = component + "_kwargs_ranges";
        throw new ConfigurationException(
            section + "." + d.key(), section + "." + d.key() + " cannot be searched with " + why);
      }
    }
  }

  /** With one side of an ordered pair explicit, cuts the other's range to the allowed part. */
  private static void cutExplicitPairs(
      List<SearchDimension> dimensions, Map<String, Object> explicitMargins) {
    for (int i = 0; i < PAIRS_LOWER.size(); i++) {
      String lower = PAIRS_LOWER.get(i);
      String upper = PAIRS_UPPER.get(i);
      boolean strict = i == 1;
      int lowerIndex = indexOf(dimensions, "loss." + lower);
      int upperIndex = indexOf(dimensions, "loss." + upper);
      if (lowerIndex >= 0 && upperIndex < 0 && explicitMargins.containsKey(upper)) {
        double limit = ((Number) explicitMargins.get(upper)).doubleValue();
        dimensions.set(
            lowerIndex,
            cut(
                dimensions.get(lowerIndex),
                Double.NEGATIVE_INFINITY,
                limit,
                limit,
                strict,
                lower + (strict ? " < " : " <= ") + upper + " = " + limit));
      } else if (upperIndex >= 0 && lowerIndex < 0 && explicitMargins.containsKey(lower)) {
        double limit = ((Number) explicitMargins.get(lower)).doubleValue();
        dimensions.set(
            upperIndex,
            cut(
                dimensions.get(upperIndex),
                limit,
                Double.POSITIVE_INFINITY,
                limit,
                strict,
                upper + (strict ? " > " : " >= ") + lower + " = " + limit));
      } else if (lowerIndex >= 0 && upperIndex >= 0) {
        if (dimensions.get(lowerIndex).parameter() instanceof FloatParameter lo
            && dimensions.get(upperIndex).parameter() instanceof FloatParameter up) {
          if (strict ? !(lo.low() < up.high()) : !(lo.low() <= up.high())) {
            throw new ConfigurationException(
                "loss_kwargs_ranges." + lower,
                "loss_kwargs_ranges."
                    + lower
                    + " ["
                    + lo.low()
                    + ", "
                    + lo.high()
                    + "] and "
                    + upper
                    + " ["
                    + up.low()
                    + ", "
                    + up.high()
                    + "] admit no pair with "
                    + lower
                    + (strict ? " < " : " <= ")
                    + upper);
          }
        } else {
          throw new ConfigurationException(
              "loss_kwargs_ranges." + lower,
              "loss_kwargs_ranges."
                  + lower
                  + " and "
                  + upper
                  + " must both be float ranges, so that every sample keeps "
                  + lower
                  + (strict ? " < " : " <= ")
                  + upper);
        }
      }
    }
  }

  /** Moves the lower member of a searched pair right before the upper one, if it came after. */
  private static void drawLowerMembersFirst(List<SearchDimension> dimensions) {
    for (int i = 0; i < PAIRS_LOWER.size(); i++) {
      int lower = indexOf(dimensions, "loss." + PAIRS_LOWER.get(i));
      int upper = indexOf(dimensions, "loss." + PAIRS_UPPER.get(i));
      if (lower > upper && upper >= 0) {
        dimensions.add(upper, dimensions.remove(lower));
      }
    }
  }

  private static SearchDimension cut(
      SearchDimension d, double low, double high, double limit, boolean strict, String rule) {
    if (!(d.parameter() instanceof FloatParameter p)) {
      throw new ConfigurationException(
          "loss_kwargs_ranges." + d.key(),
          "loss_kwargs_ranges."
              + d.key()
              + " must be a float range (its values must satisfy "
              + rule
              + ")");
    }
    double newLow = Math.max(p.low(), low);
    double newHigh = Math.min(p.high(), high);
    boolean empty =
        strict ? !(newLow < newHigh || (newLow == newHigh && newLow != limit)) : newLow > newHigh;
    if (empty) {
      throw new ConfigurationException(
          "loss_kwargs_ranges." + d.key(),
          "loss_kwargs_ranges."
              + d.key()
              + " ["
              + p.low()
              + ", "
              + p.high()
              + "] has no value with "
              + rule);
    }
    return d.withParameter(new FloatParameter(p.name(), newLow, newHigh, p.log()));
  }

  private static int indexOf(List<SearchDimension> dimensions, String name) {
    for (int i = 0; i < dimensions.size(); i++) {
      if (dimensions.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A user range for a key its component does not take fails with the range's name. */
  private void checkRangeKeys() {
    for (SearchDimension d : dimensions) {
      if (d.source() != ValueSource.USER_RANGE
          || (d.component().equals("loss") && LossConfig.MARGIN_KEYS.contains(d.key()))) {
        continue;
      }
      try {
        base.withParameters(Map.of(d.name(), d.toKwarg(corner(d.parameter(), 0.0))));
      } catch (ConfigurationException e) {
        String section =
            d.component().equals("training") ? "training_kwargs" : d.component() + "_kwargs";
        if (e.key().equals(section + "." + d.key())
            && e.getMessage().contains("is not supported")) {
          throw new ConfigurationException(
              d.component() + "_kwargs_ranges." + d.key(),
              d.component() + "_kwargs_ranges." + d.key() + ": " + e.getMessage());
        }
      }
    }
  }

  /**
   * Configures the corner points (every parameter at the low end, at the high end) and the centre;
   * a space where none configures cannot train anything.
   */
  private void checkSomePointConfigures() {
    ConfigurationException first = null;
    for (double f : new double[] {0.0, 1.0, 0.5}) {
      try {
        configure(draw(p -> corner(p, f), true));
        return;
      } catch (ConfigurationException e) {
        first = first == null ? e : first;
      }
    }
    throw new ConfigurationException(
        first.key(),
        "no configuration of the search space is valid (tried every parameter at its low end, its"
            + " high end and its centre): "
            + first.getMessage());
  }

  /** The value at fraction {@code f} of a parameter's scale (numbers) or choice list. */
  private static Object corner(HpoParameter p, double f) {
    if (p instanceof NumericParameter n) {
      return n.fromUnit(f);
    }
    List<String> choices = ((CategoricalParameter) p).choices();
    return choices.get((int) Math.round(f * (choices.size() - 1)));
  }

  private static Map<String, Object> kwargsOf(Map<String, ?> pipeline, String component) {
    Object section = pipeline.get(component + "_kwargs");
    if (!(section instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    map.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
    return kwargs;
  }

  /** The configuration of the explicit values (the margins left out when they are searched). */
  public PipelineConfig base() {
    return base;
  }

  /** The searched parameters, in the order a trial asks for them. */
  public List<SearchDimension> dimensions() {
    return dimensions;
  }

  /** The searched parameters as a core {@link HpoSpace} (static ranges), e.g. for a grid. */
  public HpoSpace hpoSpace() {
    return HpoSpace.of(
        dimensions.stream().map(SearchDimension::parameter).toArray(HpoParameter[]::new));
  }

  /**
   * Where the keyword argument {@code name} ({@code <component>.<key>}) of every trial comes from.
   */
  public ValueSource sourceOf(String name) {
    if (explicitValues.containsKey(name)) {
      return ValueSource.EXPLICIT;
    }
    for (SearchDimension d : dimensions) {
      if (d.name().equals(name)) {
        return d.source();
      }
    }
    return ValueSource.CONSTRUCTOR_DEFAULT;
  }

  /**
   * The largest number of epochs a trial can train: the explicit {@code num_epochs}, else the top
   * of its range: the resource of the pruners.
   */
  public int maxEpochs() {
    for (SearchDimension d : dimensions) {
      if (d.name().equals("training.num_epochs")) {
        if (d.parameter() instanceof IntParameter p) {
          return p.maxValue();
        }
        if (d.parameter() instanceof PowerTwoParameter p) {
          return 1 << p.high();
        }
        if (d.parameter() instanceof CategoricalParameter) {
          return d.choiceValues().stream()
              .mapToInt(v -> ((Number) v).intValue())
              .max()
              .orElseThrow();
        }
        throw new ConfigurationException(
            "training_kwargs_ranges.num_epochs",
            "training_kwargs_ranges.num_epochs must be an int range or a list of integers, got "
                + d.parameter());
      }
    }
    return base.training().numEpochs();
  }

  /**
   * The keyword arguments of one trial, by prefixed name, drawn through {@code suggest} (a {@link
   * org.kge4j.hpo.study.Trial}'s {@code suggest}) in the order of {@link #dimensions()}.
   *
   * @param ordered enforce the orderings of the margin pairs by trial-dependent ranges (see the
   *     class description); false for a grid, whose points are fixed (an unordered point is then an
   *     invalid sample)
   */
  public Map<String, Object> suggest(Function<HpoParameter, Object> suggest, boolean ordered) {
    return draw(suggest, ordered);
  }

  private Map<String, Object> draw(Function<HpoParameter, Object> suggest, boolean ordered) {
    Map<String, Object> kwargs = new LinkedHashMap<>();
    Map<String, Double> drawn = new LinkedHashMap<>();
    for (SearchDimension d : dimensions) {
      HpoParameter parameter = ordered ? orderedRange(d, drawn) : d.parameter();
      Object value = suggest.apply(parameter);
      kwargs.put(d.name(), d.toKwarg(value));
      if (value instanceof Number n) {
        drawn.put(d.name(), n.doubleValue());
      }
    }
    return kwargs;
  }

  /**
   * The range to draw {@code d} from given the values drawn before it: the lower member of a
   * searched pair is cut at the upper member's high end, the upper member at the drawn lower value.
   */
  private HpoParameter orderedRange(SearchDimension d, Map<String, Double> drawn) {
    if (!d.component().equals("loss") || !(d.parameter() instanceof FloatParameter p)) {
      return d.parameter();
    }
    int lowerAt = PAIRS_LOWER.indexOf(d.key());
    if (lowerAt >= 0) {
      int partner = indexOf(dimensions, "loss." + PAIRS_UPPER.get(lowerAt));
      if (partner >= 0 && dimensions.get(partner).parameter() instanceof FloatParameter up) {
        return new FloatParameter(p.name(), p.low(), Math.min(p.high(), up.high()), p.log());
      }
      return p;
    }
    int upperAt = PAIRS_UPPER.indexOf(d.key());
    if (upperAt >= 0) {
      Double lower = drawn.get("loss." + PAIRS_LOWER.get(upperAt));
      if (lower != null && lower > p.low()) {
        return new FloatParameter(p.name(), Math.min(lower, p.high()), p.high(), p.log());
      }
    }
    return p;
  }

  /**
   * The keyword arguments of stored parameter values (a trial's {@code params}): categorical
   * choices become their JSON values again.
   *
   * @throws IllegalArgumentException for a parameter this space does not search (a study created
   *     with another space)
   */
  public Map<String, Object> kwargsOf(Map<String, Object> params) {
    Map<String, Object> kwargs = new LinkedHashMap<>();
    params.forEach(
        (name, value) -> {
          int i = indexOf(dimensions, name);
          if (i < 0) {
            throw new IllegalArgumentException(
                "parameter "
                    + name
                    + " is not searched by this space (searched: "
                    + String.join(", ", dimensions.stream().map(SearchDimension::name).toList())
                    + ")");
          }
          kwargs.put(name, dimensions.get(i).toKwarg(value));
        });
    return kwargs;
  }

  /**
   * The configuration of one trial: the explicit values with {@code kwargs} (by prefixed name, as
   * {@link #suggest} returns them) laid over them, the explicit margins added back when margins are
   * searched.
   *
   * @throws ConfigurationException if the combination is invalid (an invalid sample)
   */
  public PipelineConfig configure(Map<String, ?> kwargs) {
    Map<String, Object> parameters = new LinkedHashMap<>(kwargs);
    explicitMargins.forEach((key, value) -> parameters.put("loss." + key, value));
    return base.withParameters(parameters);
  }

  /**
   * One line per keyword argument that differs between trials or is given explicitly, e.g. {@code
   * optimizer.lr: float [0.001, 0.1] log (default range)}: what a study records to recognise its
   * space when it is resumed.
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    explicitValues.forEach((name, value) -> lines.add(name + ": " + value + " (explicit)"));
    for (SearchDimension d : dimensions) {
      lines.add(
          d.name()
              + ": "
              + describe(d.parameter())
              + " ("
              + d.source().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ")");
    }
    return lines;
  }

  private static String describe(HpoParameter p) {
    if (p instanceof FloatParameter f) {
      return "float [" + f.low() + ", " + f.high() + "]" + (f.log() ? " log" : "");
    }
    if (p instanceof IntParameter i) {
      return "int ["
          + i.low()
          + ", "
          + i.high()
          + "]"
          + (i.step() != 1 ? " step " + i.step() : "")
          + (i.log() ? " log" : "");
    }
    if (p instanceof PowerTwoParameter t) {
      return "int 2^" + t.low() + "..2^" + t.high();
    }
    return "one of " + ((CategoricalParameter) p).choices();
  }
}
