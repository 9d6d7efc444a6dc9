import java.io.*;
import java.nio.file.*;
import java.util.*;
import org.kge4j.config.*;
import org.kge4j.data.*;
import org.kge4j.training.*;
import org.kge4j.evaluation.*;

public class Q {
  // each line: tag key=value ... ; keys: ds model dim loop neg bs ep lr seed pm nm off bal act red dl(g1,g2) ls reg thr
  public static void main(String[] a) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(a[0]));
    Map<String, Dataset> cache = new HashMap<>();
    for (String line : lines) {
      line = line.trim();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] parts = line.split("\\s+");
      String tag = parts[0];
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 1; i < parts.length; i++) { String[] kv = parts[i].split("=", 2); m.put(kv[0], kv[1]); }
      String ds = m.getOrDefault("ds", "umls");
      Dataset d = cache.computeIfAbsent(ds, Datasets::load);
      PipelineConfig.Builder b = PipelineConfig.builder().dataset(ds).model(m.getOrDefault("model", "distmult"))
          .embeddingDim(Integer.parseInt(m.getOrDefault("dim", "64"))).trainingLoop(m.getOrDefault("loop", "slcwa"))
          .batchSize(Integer.parseInt(m.getOrDefault("bs", "512")))
          .numEpochs(Integer.parseInt(m.getOrDefault("ep", "100"))).optimizer(m.getOrDefault("opt", "adam"))
          .learningRate(Double.parseDouble(m.getOrDefault("lr", "0.01")));
      if (LoopKind.of(m.getOrDefault("loop", "slcwa")) == LoopKind.SLCWA) b.numNegsPerPos(Integer.parseInt(m.getOrDefault("neg", "32")));
      int threads = Integer.parseInt(m.getOrDefault("thr", "2"));
      if (m.containsKey("pm")) b.positiveMargin(Double.valueOf(m.get("pm")));
      if (m.containsKey("nm")) b.negativeMargin(Double.valueOf(m.get("nm")));
      if (m.containsKey("off")) b.offset(Double.valueOf(m.get("off")));
      if (m.containsKey("bal")) b.positiveNegativeBalance(Double.parseDouble(m.get("bal")));
      if (m.containsKey("act")) b.marginActivation(m.get("act"));
      if (m.containsKey("red")) b.reduction(m.get("red"));
      if (m.containsKey("ls")) b.labelSmoothing(Double.valueOf(m.get("ls")));
      if (m.containsKey("reg")) b.regularizerWeight(Double.valueOf(m.get("reg")));
      if (m.containsKey("norm")) b.scoringFctNorm(Integer.parseInt(m.get("norm")));
      if (m.containsKey("dl")) { String[] g = m.get("dl").split(","); b.distanceLimits(Double.valueOf(g[0]), Double.valueOf(g[1])); }
      String seeds = m.getOrDefault("seeds", "1");
      for (String s : seeds.split(",")) {
        PipelineConfig c = b.randomSeed(Long.parseLong(s)).build();
        long t0 = System.nanoTime();
        String out;
        try {
          PipelineResult r = Pipeline.builder(c, d).numThreads(threads).build().run();
          MetricResults v = RankBasedEvaluator.builder().numThreads(threads).build()
              .evaluate(r.training().model(), d.validation(), List.of(d.training(), d.testing()));
          MetricResults t = r.testMetrics();
          List<Double> losses = r.training().losses();
          out = String.format(Locale.ROOT, "%s\tseed=%s\tvalMRR=%.4f\ttestMRR=%.4f\tH1=%.4f\tH10=%.4f\ttps=%.0f\ttrainSec=%.1f\tloss0=%.5f\tlossEnd=%.5f\t%s",
              tag, s, v.meanReciprocalRank(), t.meanReciprocalRank(), t.hitsAt(1), t.hitsAt(10),
              r.training().triplesPerSecond(), r.training().trainingSeconds(), losses.get(0), losses.get(losses.size() - 1),
              String.join(" ", Arrays.copyOfRange(parts, 1, parts.length)));
        } catch (RuntimeException e) {
          out = tag + "\tseed=" + s + "\tERROR " + e;
        }
        System.out.println(out);
        try (FileWriter w = new FileWriter(a[1], true)) { w.write(out + "\n"); }
      }
    }
  }
}
