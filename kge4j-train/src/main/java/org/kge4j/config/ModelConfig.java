package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.hpo.IntParameter;
import org.kge4j.model.ComplEx;
import org.kge4j.model.DistMult;
import org.kge4j.model.Initializer;
import org.kge4j.model.LpRegularizer;
import org.kge4j.model.Model;
import org.kge4j.model.ModelSpec;
import org.kge4j.model.Models;
import org.kge4j.model.RotatE;
import org.kge4j.model.TransE;

/**
 * The model component: {@code model} and {@code model_kwargs} of the pipeline JSON.
 *
 * <table>
 *   <caption>keyword arguments</caption>
 *   <tr><th>key</th><th>models</th><th>valid</th><th>default</th></tr>
 *   <tr><td>{@code embedding_dim}</td><td>all</td><td>1 ..{@link Models#maxDim}</td>
 *       <td>PyKEEN's: TransE, DistMult 50; ComplEx, RotatE 200</td></tr>
 *   <tr><td>{@code scoring_fct_norm}</td><td>TransE</td><td>1 or 2</td><td>1</td></tr>
 *   <tr><td>{@code entity_initializer}</td><td>all</td><td>{@link Initializer#NAMES}</td>
 *       <td>the model's PyKEEN default</td></tr>
 *   <tr><td>{@code relation_initializer}</td><td>all</td><td>{@link Initializer#NAMES}</td>
 *       <td>the model's PyKEEN default</td></tr>
 * </table>
 *
 * <p>Names resolve ignoring case and punctuation ({@code "ComplEx"}, {@code "complex"}). The record
 * holds resolved values: the PyKEEN spelling of the name and the initializers actually used, so
 * that {@link #kwargs()} writes everything a run depends on.
 *
 * @param name {@code TransE}, {@code DistMult}, {@code ComplEx} or {@code RotatE}
 * @param embeddingDim the embedding dimension (complex dimension for ComplEx and RotatE)
 * @param scoringFctNorm TransE's norm (1 or 2); null for the other models
 * @param entityInitializer the entity table's initializer
 * @param relationInitializer the relation table's initializer
 */
public record ModelConfig(
    String name,
    int embeddingDim,
    Integer scoringFctNorm,
    Initializer entityInitializer,
    Initializer relationInitializer)
    implements ComponentConfig {

  /** The model names, as PyKEEN spells them. */
  public static final List<String> NAMES = Kind.ALL.stream().map(Kind::pykeenName).toList();

  private static final String SECTION = "model_kwargs";

  /**
   * Resolves the name, fills in the defaults of null initializers and the TransE norm, and checks
   * every value.
   *
   * @throws ConfigurationException naming the key, the value and what is allowed
   */
  public ModelConfig {
    Kind kind = Kind.of(name);
    name = kind.pykeenName;
    Kwargs k = Kwargs.of(SECTION, Map.of(), name, kind.keys());
    k.atLeast("embedding_dim", embeddingDim, 1);
    int maxDim = Models.maxDim(kind.key());
    if (embeddingDim > maxDim) {
      throw k.invalid(
          "embedding_dim",
          "must be <= "
              + maxDim
              + " for "
              + name
              + " (a row of "
              + (kind.complex ? "2 x embedding_dim" : "embedding_dim")
              + " floats must fit four times into one Java array), got "
              + embeddingDim);
    }
    if (kind == Kind.TRANSE) {
      scoringFctNorm = scoringFctNorm == null ? 1 : scoringFctNorm;
      if (scoringFctNorm != 1 && scoringFctNorm != 2) {
        throw k.invalid("scoring_fct_norm", "must be 1 or 2, got " + scoringFctNorm);
      }
    } else if (scoringFctNorm != null) {
      throw unsupported("scoring_fct_norm", name, kind);
    }
    entityInitializer = entityInitializer == null ? kind.entityInitializer : entityInitializer;
    relationInitializer =
        relationInitializer == null ? kind.relationInitializer : relationInitializer;
    int width = kind.complex ? 2 * embeddingDim : embeddingDim;
    for (String key : List.of("entity_initializer", "relation_initializer")) {
      Initializer initializer =
          key.equals("entity_initializer") ? entityInitializer : relationInitializer;
      if (initializer == Initializer.INIT_PHASES && width % 2 != 0) {
        throw k.invalid(
            key,
            "init_phases needs complex rows (an even width), got width "
                + width
                + " ("
                + name
                + " with embedding_dim "
                + embeddingDim
                + ")");
      }
    }
  }

  /**
   * The component from its name and {@code model_kwargs}; absent keys take PyKEEN's defaults.
   *
   * @throws ConfigurationException for an unknown name, an unsupported key or an invalid value
   */
  public static ModelConfig fromKwargs(String name, Map<String, ?> kwargs) {
    Kind kind = Kind.of(name);
    Kwargs k = Kwargs.of(SECTION, kwargs, kind.pykeenName, kind.keys());
    Integer dim = k.integer("embedding_dim");
    return new ModelConfig(
        kind.pykeenName,
        dim == null ? kind.defaultDim : dim,
        k.integer("scoring_fct_norm"),
        initializer(k, "entity_initializer"),
        initializer(k, "relation_initializer"));
  }

  private static Initializer initializer(Kwargs k, String key) {
    String value = k.string(key);
    if (value == null) {
      return null;
    }
    try {
      return Initializer.of(value);
    } catch (IllegalArgumentException e) {
      throw k.invalid(
          key,
          "must be one of "
              + String.join(", ", Initializer.NAMES)
              + ", got "
              + Kwargs.describe(value));
    }
  }

  private static ConfigurationException unsupported(String key, String name, Kind kind) {
    return new ConfigurationException(
        SECTION + "." + key,
        SECTION
            + "."
            + key
            + " is not supported by "
            + name
            + "; supported: "
            + String.join(", ", kind.keys()));
  }

  /** {@code model_kwargs}: every key of this model, resolved. */
  @Override
  public Map<String, Object> kwargs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("embedding_dim", embeddingDim);
    Kwargs.putIfPresent(map, "scoring_fct_norm", scoringFctNorm);
    map.put("entity_initializer", entityInitializer.id());
    map.put("relation_initializer", relationInitializer.id());
    return map;
  }

  /**
   * PyKEEN's {@code hpo_default}: {@code embedding_dim} 16..256 step 16 (RotatE: 32..1024 step 16),
   * and for TransE {@code scoring_fct_norm} 1..2.
   */
  @Override
  public HpoSpace hpoDefault() {
    Kind kind = Kind.of(name);
    IntParameter dim =
        kind == Kind.ROTATE
            ? new IntParameter("embedding_dim", 32, 1024, 16, false)
            : new IntParameter("embedding_dim", 16, 256, 16, false);
    return kind == Kind.TRANSE
        ? HpoSpace.of(dim, new IntParameter("scoring_fct_norm", 1, 2, 1, false))
        : HpoSpace.of(dim);
  }

  /** Whether the model scores by a distance ({@code score <= 0}: TransE, RotatE). */
  public boolean isDistanceModel() {
    return Kind.of(name).distance;
  }

  /** The model's default regularizer (PyKEEN's), or null when it has none. */
  public LpRegularizer defaultRegularizer() {
    return Kind.of(name).regularizer;
  }

  /**
   * A randomly initialised model.
   *
   * @param regularizerWeight the weight of the model's default regularizer; null = PyKEEN's
   * @param inverseRelations whether the relation table also holds every relation's inverse
   */
  public Model create(
      int numEntities,
      int numRelations,
      Double regularizerWeight,
      boolean inverseRelations,
      SplittableRandom random) {
    return Models.create(
        Kind.of(name).key(),
        new ModelSpec(
            numEntities,
            numRelations,
            embeddingDim,
            entityInitializer,
            relationInitializer,
            inverseRelations),
        scoringFctNorm == null ? 1 : scoringFctNorm,
        regularizerWeight,
        random);
  }

  /**
   * What the configuration knows about each model before creating one: PyKEEN's name, the default
   * dimension, whether rows hold complex numbers, whether the score is a distance, the default
   * initializers and regularizer (null: none).
   */
  private record Kind(
      String pykeenName,
      int defaultDim,
      boolean complex,
      boolean distance,
      Initializer entityInitializer,
      Initializer relationInitializer,
      LpRegularizer regularizer) {

    static final Kind TRANSE =
        new Kind(
            "TransE",
            50,
            false,
            true,
            TransE.DEFAULT_ENTITY_INITIALIZER,
            TransE.DEFAULT_RELATION_INITIALIZER,
            null);
    static final Kind DISTMULT =
        new Kind(
            "DistMult",
            50,
            false,
            false,
            DistMult.DEFAULT_ENTITY_INITIALIZER,
            DistMult.DEFAULT_RELATION_INITIALIZER,
            DistMult.DEFAULT_REGULARIZER);
    static final Kind COMPLEX =
        new Kind(
            "ComplEx",
            200,
            true,
            false,
            ComplEx.DEFAULT_ENTITY_INITIALIZER,
            ComplEx.DEFAULT_RELATION_INITIALIZER,
            ComplEx.DEFAULT_REGULARIZER);
    static final Kind ROTATE =
        new Kind(
            "RotatE",
            200,
            true,
            true,
            RotatE.DEFAULT_ENTITY_INITIALIZER,
            RotatE.DEFAULT_RELATION_INITIALIZER,
            null);

    /** Every model, in the order of {@link #NAMES}. */
    static final List<Kind> ALL = List.of(TRANSE, DISTMULT, COMPLEX, ROTATE);

    static Kind of(String name) {
      String resolved = Names.resolve("model", name, NAMES, "");
      return ALL.get(NAMES.indexOf(resolved));
    }

    /** The name {@link Models#create} takes: PyKEEN's in lower case. */
    String key() {
      return pykeenName.toLowerCase(Locale.ROOT);
    }

    List<String> keys() {
      return this == TRANSE
          ? List.of(
              "embedding_dim", "scoring_fct_norm", "entity_initializer", "relation_initializer")
          : List.of("embedding_dim", "entity_initializer", "relation_initializer");
    }
  }
}
