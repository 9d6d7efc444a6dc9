package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.PowerTwoParameter;

/**
 * Text forms of parameter definitions and of typed parameter maps, for storages that keep strings.
 * Strings are length-prefixed ({@code 5:hello}), so any character may appear in names and choices;
 * doubles use {@link Double#toString}, which round-trips exactly.
 *
 * <ul>
 *   <li>{@code float;LOW;HIGH;LOG} e.g. {@code float;0.001;0.1;true}
 *   <li>{@code int;LOW;HIGH;STEP;LOG} e.g. {@code int;16;256;16;false}
 *   <li>{@code power_two;LOW;HIGH} (exponents) e.g. {@code power_two;4;12}
 *   <li>{@code categorical;} then each choice length-prefixed, e.g. {@code
 *       categorical;4:relu8:softplus}
 *   <li>value maps: per entry the name, a type letter ({@code d} double, {@code i} int, {@code s}
 *       string) and the value, each length-prefixed
 * </ul>
 */
final class StorageCodec {
  private StorageCodec() {}

  static String encode(HpoParameter p) {
    if (p instanceof FloatParameter f) {
      return "float;" + f.low() + ";" + f.high() + ";" + f.log();
    }
    if (p instanceof IntParameter i) {
      return "int;" + i.low() + ";" + i.high() + ";" + i.step() + ";" + i.log();
    }
    if (p instanceof PowerTwoParameter t) {
      return "power_two;" + t.low() + ";" + t.high();
    }
    StringBuilder sb = new StringBuilder("categorical;");
    for (String choice : ((CategoricalParameter) p).choices()) {
      appendString(sb, choice);
    }
    return sb.toString();
  }

  static HpoParameter decode(String name, String text) {
    if (text.startsWith("categorical;")) {
      Reader r = new Reader(text, "categorical;".length());
      List<String> choices = new ArrayList<>();
      while (!r.atEnd()) {
        choices.add(r.string());
      }
      return new CategoricalParameter(name, choices);
    }
    String[] f = text.split(";", -1);
    if (f[0].equals("float") && f.length == 4) {
      return new FloatParameter(
          name, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Boolean.parseBoolean(f[3]));
    }
    if (f[0].equals("int") && f.length == 5) {
      return new IntParameter(
          name,
          Integer.parseInt(f[1]),
          Integer.parseInt(f[2]),
          Integer.parseInt(f[3]),
          Boolean.parseBoolean(f[4]));
    }
    if (f[0].equals("power_two") && f.length == 3) {
      return new PowerTwoParameter(name, Integer.parseInt(f[1]), Integer.parseInt(f[2]));
    }
    throw new IllegalArgumentException(
        "stored definition of parameter " + name + " is not readable: " + text);
  }

  static String encodeValues(Map<String, ?> values) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      appendString(sb, e.getKey());
      Object v = e.getValue();
      if (v instanceof String s) {
        sb.append('s');
        appendString(sb, s);
      } else if (v instanceof Integer
          || v instanceof Long
          || v instanceof Short
          || v instanceof Byte) {
        sb.append('i');
        appendString(sb, v.toString());
      } else if (v instanceof Number n) {
        sb.append('d');
        appendString(sb, Double.toString(n.doubleValue()));
      } else {
        throw new IllegalArgumentException(
            "parameter "
                + e.getKey()
                + " must be a number or a string, got "
                + v
                + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")"));
      }
    }
    return sb.toString();
  }

  static Map<String, Object> decodeValues(String text) {
    Map<String, Object> values = new LinkedHashMap<>();
    Reader r = new Reader(text, 0);
    while (!r.atEnd()) {
      String name = r.string();
      char type = r.letter();
      String v = r.string();
      values.put(
          name,
          switch (type) {
            case 's' -> v;
            case 'i' -> Long.parseLong(v);
            case 'd' -> Double.parseDouble(v);
            default -> throw new IllegalArgumentException("unknown value type " + type);
          });
    }
    return values;
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append(s.length()).append(':').append(s);
  }

  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text, int pos) {
      this.text = text;
      this.pos = pos;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    char letter() {
      return text.charAt(pos++);
    }

    String string() {
      int colon = text.indexOf(':', pos);
      int length = Integer.parseInt(text.substring(pos, colon));
      pos = colon + 1 + length;
      return text.substring(colon + 1, pos);
    }
  }
}
