package org.kge4j.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.apache.jena.atlas.RuntimeIOException;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIxResolver;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFParserRegistry;
import org.apache.jena.riot.RIOT;
import org.apache.jena.riot.ReaderRIOT;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.RiotParseException;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.FactoryRDFStd;
import org.apache.jena.riot.system.MapWithScope;
import org.apache.jena.riot.system.ParserProfileStd;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sys.JenaSystem;

/**
 * Streams an RDF file through Apache Jena's RIOT parser into {@link InternedTriples}: no Jena
 * {@code Model} or {@code Graph} is built, and no node outlives its statement.
 *
 * <p>Labels: an IRI is its full IRI string; a blank node is {@code _:} followed by its label in the
 * file ({@code _:b0} stays {@code _:b0}), and a blank node without a label ({@code []} and
 * collections in Turtle, nested descriptions in RDF/XML) is {@code _:#1}, {@code _:#2}, ... in
 * document order — {@code #} cannot occur in a blank node label, so the two never collide, and the
 * same file always gives the same labels (Jena's default allocator draws a random seed per parse).
 * A literal object is skipped and counted, or with {@code keepLiterals} becomes an entity labelled
 * by its N-Triples form ({@code "text"}, {@code "text"@en}, {@code "5"^^<http://...#integer>}),
 * which starts with {@code "} and so cannot equal an IRI or a blank node label. Statements with an
 * RDF 1.2 triple term are skipped and counted. The graph name of quads is ignored.
 *
 * <p>Errors fail at once with {@code file:line:column: message}; warnings are counted and the first
 * {@value #LOGGED_WARNINGS} are logged.
 */
final class RdfReader {

  private static final System.Logger LOG = System.getLogger(RdfReader.class.getName());

  /** Warnings logged one by one; the rest are only counted. */
  static final int LOGGED_WARNINGS = 10;

  private RdfReader() {}

  /**
   * Reads {@code in} as {@code format} into {@code triples}, counting into {@code tally}.
   *
   * @param source the file as named in messages
   * @param baseIri the base for relative IRIs (Turtle, TriG, RDF/XML): the file's URI
   * @throws IllegalArgumentException on a syntax error, with {@code source:line:column}
   * @throws UncheckedIOException if the stream cannot be read
   */
  static void read(
      InputStream in,
      GraphFormat format,
      String source,
      String baseIri,
      boolean keepLiterals,
      InternedTriples triples,
      Tally tally) {
    Failing errors = new Failing(source, tally);
    try {
      if (format.isLineBased()) {
        readLines(in, format, errors, keepLiterals, triples, tally);
      } else {
        JenaSystem.init();
        RDFParser.source(in)
            .lang(format.lang())
            .base(baseIri)
            .labelToNode(fileLabels())
            .errorHandler(errors)
            .parse(new Sink(keepLiterals, triples, tally));
      }
    } catch (RiotParseException e) {
      throw new IllegalArgumentException(
          Failing.location(source, e.getLine(), e.getCol()) + ": " + e.getOriginalMessage(), e);
    } catch (RuntimeIOException e) {
      IOException cause =
          e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
      throw new UncheckedIOException("cannot read " + source + ": " + cause.getMessage(), cause);
    } catch (RiotException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads N-Triples or N-Quads (or a range of whole lines of such a file) from {@code in},
   * reporting to {@code errors}; RIOT's exceptions are passed on as they are.
   */
  static void readLines(
      InputStream in,
      GraphFormat format,
      ErrorHandler errors,
      boolean keepLiterals,
      InternedTriples triples,
      Tally tally) {
    JenaSystem.init();
    ReaderRIOT reader =
        RDFParserRegistry.getFactory(format.lang())
            .create(format.lang(), new VerbatimIriProfile(errors, keepLiterals));
    reader.read(
        in,
        null,
        format.lang().getContentType(),
        new Sink(keepLiterals, triples, tally),
        RIOT.getContext().copy());
  }

  /**
   * Logs the {@code number}-th warning of {@code source} (1-based) if it is one of the first
   * {@value #LOGGED_WARNINGS}.
   */
  static void logWarning(String source, long line, long col, String message, long number) {
    if (number <= LOGGED_WARNINGS) {
      LOG.log(
          Level.WARNING,
          "{0}: {1}{2}",
          Failing.location(source, line, col),
          message,
          number == LOGGED_WARNINGS ? " (further warnings are only counted)" : "");
    }
  }

  /**
   * Blank nodes labelled as in the file, unlabelled ones {@code #1}, {@code #2}, ... in document
   * order. Without a scope map every occurrence of a label is allocated again, which gives an equal
   * node: labels, not node identity, are what {@link Sink} keeps.
   */
  static LabelToNode fileLabels() {
    return new LabelToNode(
        new MapWithScope.ScopePolicy<>() {
          @Override
          public Map<String, Node> getScope(Node scope) {
            return null;
          }

          @Override
          public void clear() {
            // No scope, nothing to clear.
          }
        },
        new MapWithScope.Allocator<>() {
          private long anonymous;

          @Override
          public Node alloc(Node scope, String label) {
            return NodeFactory.createBlankNode(label);
          }

          @Override
          public Node create() {
            return NodeFactory.createBlankNode("#" + ++anonymous);
          }

          @Override
          public void reset() {
            anonymous = 0;
          }
        });
  }

  /**
   * The parser profile of N-Triples and N-Quads, whose IRIs are absolute by definition: RIOT's
   * standard profile parses every IRI again to resolve it against no base, which took 40 % of the
   * loading time; this one takes the IRI as written (the tokenizer has already checked the IRIREF
   * syntax, e.g. no spaces). Checking is off, as RIOT's default for these formats.
   *
   * <p>Unless literals are kept, every literal becomes one shared placeholder: {@link Sink} only
   * counts a skipped literal, and building it would parse its value by its datatype (an {@code
   * xsd:integer}'s number, an {@code xsd:dateTime}'s fields) and normalise its language tag, work
   * that RDF dumps, often half literals, pay for nothing; on a cold JVM it is also code the JIT
   * compilers must compile first. The tokenizer has checked the literal's syntax either way, and
   * with checking off the profile reports nothing about a literal's value.
   */
  private static final class VerbatimIriProfile extends ParserProfileStd {
    private static final Node SKIPPED_LITERAL = NodeFactory.createLiteralString("");

    private final boolean keepLiterals;

    VerbatimIriProfile(ErrorHandler errors, boolean keepLiterals) {
      super(
          new FactoryRDFStd(fileLabels()),
          errors,
          IRIxResolver.create().noBase().resolve(false).allowRelative(true).build(),
          PrefixMapFactory.create(),
          RIOT.getContext().copy(),
          false,
          false);
      this.keepLiterals = keepLiterals;
    }

    @Override
    public String resolveIRI(String iri, long line, long col) {
      return iri;
    }

    @Override
    public Node createStringLiteral(String lexical, long line, long col) {
      return keepLiterals ? super.createStringLiteral(lexical, line, col) : SKIPPED_LITERAL;
    }

    @Override
    public Node createLangLiteral(String lexical, String langTag, long line, long col) {
      return keepLiterals ? super.createLangLiteral(lexical, langTag, line, col) : SKIPPED_LITERAL;
    }

    @Override
    public Node createLangDirLiteral(
        String lexical, String langTag, String direction, long line, long col) {
      return keepLiterals
          ? super.createLangDirLiteral(lexical, langTag, direction, line, col)
          : SKIPPED_LITERAL;
    }

    @Override
    public Node createTypedLiteral(String lexical, RDFDatatype datatype, long line, long col) {
      return keepLiterals
          ? super.createTypedLiteral(lexical, datatype, line, col)
          : SKIPPED_LITERAL;
    }
  }

  /** Interns each statement's labels; literals and triple terms are counted. */
  private static final class Sink extends StreamRDFBase {
    private final boolean keepLiterals;
    private final InternedTriples triples;
    private final Tally tally;

    Sink(boolean keepLiterals, InternedTriples triples, Tally tally) {
      this.keepLiterals = keepLiterals;
      this.triples = triples;
      this.tally = tally;
    }

    @Override
    public void triple(Triple triple) {
      statement(triple.getSubject(), triple.getPredicate(), triple.getObject());
    }

    @Override
    public void quad(Quad quad) {
      statement(quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    private void statement(Node subject, Node predicate, Node object) {
      tally.statements++;
      if (subject.isTripleTerm() || object.isTripleTerm()) {
        tally.tripleTermsSkipped++;
        return;
      }
      String tail;
      if (object.isLiteral()) {
        if (!keepLiterals) {
          tally.literalsSkipped++;
          return;
        }
        tally.literalsKept++;
        tail = NodeFmtLib.strNT(object);
      } else {
        tail = label(object);
      }
      triples.add(label(subject), predicate.getURI(), tail);
    }

    private static String label(Node node) {
      return node.isBlank() ? "_:" + node.getBlankNodeLabel() : node.getURI();
    }
  }

  /** Fails on the first error with {@code file:line:column}; counts and logs warnings. */
  private static final class Failing implements ErrorHandler {
    private final String source;
    private final Tally tally;

    Failing(String source, Tally tally) {
      this.source = source;
      this.tally = tally;
    }

    static String location(String source, long line, long col) {
      if (line < 1) {
        return source;
      }
      return col < 1 ? source + ":" + line : source + ":" + line + ":" + col;
    }

    @Override
    public void warning(String message, long line, long col) {
      tally.warnings++;
      logWarning(source, line, col, message, tally.warnings);
    }

    @Override
    public void error(String message, long line, long col) {
      throw new IllegalArgumentException(location(source, line, col) + ": " + message);
    }

    @Override
    public void fatal(String message, long line, long col) {
      error(message, line, col);
    }
  }
}
