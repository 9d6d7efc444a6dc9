package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.Reduction;

/**
 * The loss component: {@code loss} and {@code loss_kwargs} of the pipeline JSON. The only loss is
 * PyKEEN's {@code DoubleMarginLoss} (also spelled {@code double_margin}, {@code doublemargin}), in
 * one of two forms:
 *
 * <ul>
 *   <li><b>margins</b> (PyKEEN's): {@code positive_margin}, {@code negative_margin}, {@code offset}
 *       as {@link DoubleMarginLoss#resolveMargin} takes them (none: 1.0 / 0.0), {@code
 *       positive_negative_balance} in (0, 1) (0.5), {@code margin_activation} {@code relu}/{@code
 *       hard} or {@code softplus}/{@code soft} ({@code relu}), {@code reduction} {@code mean} or
 *       {@code sum} ({@code mean});
 *   <li><b>distance limits</b> (BootEA, kge4j's, for the distance models TransE and RotatE): {@code
 *       positive_distance_limit} γ1 and {@code negative_distance_limit} γ2 with {@code 0 <= γ1 <
 *       γ2}, and {@code positive_negative_balance} b: {@link
 *       DoubleMarginLoss#fromDistanceLimits}{@code (γ1, γ2, μ1 = (1 - b) / b)}, i.e. {@code λ =
 *       −γ1}, {@code λ̄ = γ2}; {@code margin_activation} must be {@code relu} and {@code reduction}
 *       {@code sum} (their defaults in this form).
 * </ul>
 *
 * The record holds the margins as given (so that the JSON keeps the user's form) and the resolved
 * activation and reduction ({@code relu}/{@code softplus}, {@code mean}/{@code sum}).
 *
 * @param name {@code DoubleMarginLoss}
 * @param positiveMargin λ, or null
 * @param negativeMargin λ̄, or null
 * @param offset λ − λ̄, or null
 * @param positiveNegativeBalance the positive term's weight, in (0, 1)
 * @param marginActivation {@code relu} or {@code softplus}
 * @param reduction {@code mean} or {@code sum}
 * @param positiveDistanceLimit γ1 of the distance-limit form, or null
 * @param negativeDistanceLimit γ2 of the distance-limit form, or null
 */
public record LossConfig(
    String name,
    Double positiveMargin,
    Double negativeMargin,
    Double offset,
    double positiveNegativeBalance,
    String marginActivation,
    String reduction,
    Double positiveDistanceLimit,
    Double negativeDistanceLimit)
    implements ComponentConfig {

  /** The loss names. */
  public static final List<String> NAMES = List.of("DoubleMarginLoss");

  /**
   * The margin keys: given together, they replace each other as one unit (see {@link #overlay}).
   */
  public static final List<String> MARGIN_KEYS =
      List.of(
          "positive_margin",
          "negative_margin",
          "offset",
          "positive_distance_limit",
          "negative_distance_limit");

  /**
   * The search space of the distance-limit form (kge4j's; PyKEEN has none): γ1 in [0, 4] and γ2 in
   * [5, 16], disjoint so that every sample has γ1 < γ2, and the balance as in PyKEEN's {@code
   * hpo_default}.
   */
  public static final HpoSpace DISTANCE_LIMITS_HPO_DEFAULT =
      HpoSpace.of(
          new FloatParameter("positive_distance_limit", 0, 4, false),
          new FloatParameter("negative_distance_limit", 5, 16, false),
          new FloatParameter("positive_negative_balance", 1.0e-3, 1.0 - 1.0e-3, false));

  private static final String SECTION = "loss_kwargs";
  private static final List<String> KEYS =
      List.of(
          "positive_margin",
          "negative_margin",
          "offset",
          "positive_negative_balance",
          "margin_activation",
          "reduction",
          "positive_distance_limit",
          "negative_distance_limit");

  /**
   * Resolves the name, activation and reduction and checks the loss by building it.
   *
   * @throws ConfigurationException naming the key, the value and what is allowed
   */
  public LossConfig {
    name = Names.resolve("loss", name, NAMES, "loss");
    Kwargs k = Kwargs.of(SECTION, Map.of(), name, KEYS);
    boolean limits = positiveDistanceLimit != null || negativeDistanceLimit != null;
    MarginActivation activation;
    Reduction resolvedReduction;
    try {
      activation = MarginActivation.of(marginActivation);
    } catch (IllegalArgumentException e) {
      throw k.invalid(
          "margin_activation",
          "must be one of hard, relu, soft, softplus, got " + Kwargs.describe(marginActivation));
    }
    try {
      resolvedReduction =
          reduction == null ? (limits ? Reduction.SUM : Reduction.MEAN) : Reduction.of(reduction);
    } catch (IllegalArgumentException e) {
      throw k.invalid("reduction", "must be mean or sum, got " + Kwargs.describe(reduction));
    }
    marginActivation = activation == MarginActivation.RELU ? "relu" : "softplus";
    reduction = resolvedReduction.pykeenName();
    if (!(positiveNegativeBalance > 0 && positiveNegativeBalance < 1)) {
      throw k.invalid(
          "positive_negative_balance",
          "must be in the open interval (0, 1), got " + positiveNegativeBalance);
    }
    if (limits) {
      if (positiveDistanceLimit == null || negativeDistanceLimit == null) {
        throw k.invalid(
            positiveDistanceLimit == null ? "positive_distance_limit" : "negative_distance_limit",
            "is needed with "
                + k.name(
                    positiveDistanceLimit == null
                        ? "negative_distance_limit"
                        : "positive_distance_limit")
                + " (the distance-limit form takes both γ1 and γ2), got none");
      }
      for (String margin : List.of("positive_margin", "negative_margin", "offset")) {
        Double value =
            switch (margin) {
              case "positive_margin" -> positiveMargin;
              case "negative_margin" -> negativeMargin;
              default -> offset;
            };
        if (value != null) {
          throw k.invalid(
              margin,
              "cannot be combined with the distance limits, which set the margins to λ = −γ1, λ̄ ="
                  + " γ2; got "
                  + margin
                  + " "
                  + value);
        }
      }
      if (activation != MarginActivation.RELU) {
        throw k.invalid(
            "margin_activation", "must be relu with the distance limits, got " + marginActivation);
      }
      if (resolvedReduction != Reduction.SUM) {
        throw k.invalid("reduction", "must be sum with the distance limits, got " + reduction);
      }
      if (!(positiveDistanceLimit >= 0
          && negativeDistanceLimit > positiveDistanceLimit
          && Double.isFinite(negativeDistanceLimit))) {
        throw k.invalid(
            "positive_distance_limit",
            "and "
                + k.name("negative_distance_limit")
                + " must be finite with 0 <= γ1 < γ2, got γ1 = "
                + positiveDistanceLimit
                + ", γ2 = "
                + negativeDistanceLimit);
      }
    }
    try {
      build(
          positiveMargin,
          negativeMargin,
          offset,
          positiveNegativeBalance,
          activation,
          resolvedReduction,
          positiveDistanceLimit,
          negativeDistanceLimit);
    } catch (ConfigurationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // What is left are combinations (e.g. margins with λ < λ̄) that the loss itself reports.
      throw new ConfigurationException(SECTION, SECTION + ": " + e.getMessage());
    }
  }

  /**
   * The component from its name and {@code loss_kwargs}; absent keys take the defaults.
   *
   * @throws ConfigurationException for an unknown name, an unsupported key or an invalid value
   */
  public static LossConfig fromKwargs(String name, Map<String, ?> kwargs) {
    String resolved = Names.resolve("loss", name, NAMES, "loss");
    Kwargs k = Kwargs.of(SECTION, kwargs, resolved, KEYS);
    Double balance = k.number("positive_negative_balance");
    return new LossConfig(
        resolved,
        k.number("positive_margin"),
        k.number("negative_margin"),
        k.number("offset"),
        balance == null ? 0.5 : balance,
        k.string("margin_activation"),
        k.string("reduction"),
        k.number("positive_distance_limit"),
        k.number("negative_distance_limit"));
  }

  /**
   * {@code override} laid over {@code base} (both {@code loss_kwargs}): the margin keys ({@link
   * #MARGIN_KEYS}) form one unit, since {@link DoubleMarginLoss#resolveMargin} takes exactly one
   * combination; if {@code override} holds any of them, none of {@code base}'s is kept. When the
   * form changes (margins to distance limits or back), {@code base}'s activation and reduction are
   * dropped too, as they default per form.
   */
  public static Map<String, Object> overlay(Map<String, ?> base, Map<String, ?> override) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    boolean newMargins = override.keySet().stream().anyMatch(MARGIN_KEYS::contains);
    if (newMargins) {
      boolean baseLimits = base.get("positive_distance_limit") != null;
      boolean newLimits =
          override.get("positive_distance_limit") != null
              || override.get("negative_distance_limit") != null;
      merged.keySet().removeAll(MARGIN_KEYS);
      if (baseLimits != newLimits) {
        merged.remove("margin_activation");
        merged.remove("reduction");
      }
    }
    override.forEach((key, value) -> Kwargs.putOrRemove(merged, key, value));
    return merged;
  }

  /** Whether the loss uses the BootEA distance-limit form. */
  public boolean usesDistanceLimits() {
    return positiveDistanceLimit != null;
  }

  /**
   * The loss this configuration resolves to, as a run's {@code results.json} reports it under
   * {@code loss} (both writers, the CLI's {@code train} and kge4j-spark's job, use this): {@code
   * name}, {@code form} ({@code margins} or {@code distance_limits}), the resolved {@code
   * positive_margin} λ and {@code negative_margin} λ̄, the {@code positive_weight} and {@code
   * negative_weight} the balance gives, {@code margin_activation} and {@code reduction}, in that
   * order.
   */
  public Map<String, Object> resolved() {
    DoubleMarginLoss loss = build();
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("name", "DoubleMarginLoss");
    resolved.put("form", usesDistanceLimits() ? "distance_limits" : "margins");
    resolved.put("positive_margin", loss.positiveMargin());
    resolved.put("negative_margin", loss.negativeMargin());
    resolved.put("positive_weight", loss.positiveWeight());
    resolved.put("negative_weight", loss.negativeWeight());
    resolved.put("margin_activation", loss.marginActivation().name());
    resolved.put("reduction", loss.reduction().pykeenName());
    return resolved;
  }

  /** The configured loss. */
  public DoubleMarginLoss build() {
    return build(
        positiveMargin,
        negativeMargin,
        offset,
        positiveNegativeBalance,
        MarginActivation.of(marginActivation),
        Reduction.of(reduction),
        positiveDistanceLimit,
        negativeDistanceLimit);
  }

  private static DoubleMarginLoss build(
      Double positiveMargin,
      Double negativeMargin,
      Double offset,
      double balance,
      MarginActivation activation,
      Reduction reduction,
      Double gamma1,
      Double gamma2) {
    if (gamma1 != null) {
      return DoubleMarginLoss.fromDistanceLimits(gamma1, gamma2, (1 - balance) / balance);
    }
    return DoubleMarginLoss.builder()
        .positiveMargin(positiveMargin)
        .negativeMargin(negativeMargin)
        .offset(offset)
        .positiveNegativeBalance(balance)
        .marginActivation(activation)
        .reduction(reduction)
        .build();
  }

  /** {@code loss_kwargs}: the margins as given, the balance, activation and reduction. */
  @Override
  public Map<String, Object> kwargs() {
    Map<String, Object> map = new LinkedHashMap<>();
    Kwargs.putIfPresent(map, "positive_margin", positiveMargin);
    Kwargs.putIfPresent(map, "negative_margin", negativeMargin);
    Kwargs.putIfPresent(map, "offset", offset);
    Kwargs.putIfPresent(map, "positive_distance_limit", positiveDistanceLimit);
    Kwargs.putIfPresent(map, "negative_distance_limit", negativeDistanceLimit);
    map.put("positive_negative_balance", positiveNegativeBalance);
    map.put("margin_activation", marginActivation);
    map.put("reduction", reduction);
    return map;
  }

  /**
   * The default search space of this form: {@link DoubleMarginLoss#HPO_DEFAULT} (PyKEEN's) for
   * margins, {@link #DISTANCE_LIMITS_HPO_DEFAULT} for distance limits.
   */
  @Override
  public HpoSpace hpoDefault() {
    return usesDistanceLimits() ? DISTANCE_LIMITS_HPO_DEFAULT : DoubleMarginLoss.HPO_DEFAULT;
  }
}
