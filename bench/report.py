#!/usr/bin/python3
"""Prints bench/compare.sh's Markdown table from JMH's JSON and torch_bench.py's RESULT lines.

Usage: report.py JMH_JSON TORCH_RESULTS... (the PyTorch figure of a case is the best over the files)

elements/s: LCWA counts the N scores, sLCWA counts all B·(K + 1) scores, the triad its elements.
Bandwidth fraction, LCWA: elements/s × 12 bytes (score and label read, gradient written) divided
by the triad's bytes/s (12 per element, STREAM's counting) at the same thread count. sLCWA: elements/s
divided by those of STREAM's scale (dst = s·src) over the same number of floats and threads, the
least work any kernel must do (read each score, write its gradient) and so the ceiling.
"""

import json
import sys

K = 64
BYTES = {"lcwa": 12, "slcwa": 8}
TRIAD_BYTES = 12


def size_name(value):
    return f"{value:.0e}".replace("e+0", "e").replace("e+", "e")


def batch_of(case):
    """The B of an sLCWA case name such as slcwa-relu-B=1e5 (the key of the scale ceiling)."""
    return case.split("=", 1)[1]


def load_jmh(path):
    kge4j, triad, scale, sizes = {}, {}, {}, {}
    for entry in json.load(open(path)):
        name = entry["benchmark"].rsplit(".", 2)[-2]
        params = entry.get("params", {})
        score = entry["primaryMetric"]["score"]
        alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        threads = int(params["threads"])
        if name == "TriadBenchmark":
            triad[threads] = score
            continue
        if name == "ScaleBenchmark":
            b = int(params["b"])
            scale[(size_name(b), threads)] = score * b * (K + 1)
            continue
        if name == "LcwaBenchmark":
            n = int(params["n"])
            case = f"lcwa-{params['activation']}-N={size_name(n)}"
            elements = n
        else:
            b = int(params["b"])
            case = f"slcwa-{params['activation']}-B={size_name(b)}"
            elements = b * (K + 1)
        kge4j[(case, threads, params["impl"])] = (score * elements, alloc)
        sizes[case] = elements
    return kge4j, triad, scale, sizes


def load_torch(paths):
    best = {}
    for path in paths:
        for line in open(path):
            if not line.startswith("RESULT torch "):
                continue
            fields = line.split()
            case = fields[2]
            values = dict(f.split("=", 1) for f in fields[3:])
            key = (case, int(values["threads"]))
            best[key] = max(best.get(key, 0.0), float(values["elements_per_s"]))
    return best


def main():
    kge4j, triad, scale, sizes = load_jmh(sys.argv[1])
    torch = load_torch(sys.argv[2:])

    def fmt(x):
        return "–" if x is None else f"{x:.3g}"

    def ratio(a, b):
        return "–" if a is None or not b else f"{a / b:.1f}×"

    print("| case | threads | kge4j SIMD el/s | kge4j scalar el/s | PyTorch el/s (best) | SIMD / PyTorch "
          "| scalar / PyTorch | SIMD % of bandwidth ceiling | SIMD B/op |")
    print("|---|---|---|---|---|---|---|---|---|")
    cases = sorted({(c, t) for (c, t, _) in kge4j},
                   key=lambda k: (k[0].split("-")[0], k[0].split("-")[1], float(k[0].split("=")[1]), k[1]))
    for case, threads in cases:
        simd, alloc = kge4j.get((case, threads, "simd"), (None, None))
        scalar, _ = kge4j.get((case, threads, "scalar"), (None, None))
        pt = torch.get((case, threads))
        bandwidth = "–"
        if simd is not None and case.startswith("slcwa"):
            if (batch_of(case), threads) in scale:
                bandwidth = f"{100 * simd / scale[(batch_of(case), threads)]:.0f} % of scale"
        elif simd is not None and threads in triad:
            bandwidth = f"{100 * simd * BYTES['lcwa'] / (triad[threads] * TRIAD_BYTES):.0f} % of triad"
        print(f"| {case} | {threads} | {fmt(simd)} | {fmt(scalar)} | {fmt(pt)} | {ratio(simd, pt)} "
              f"| {ratio(scalar, pt)} | {bandwidth} | {fmt(alloc)} |")
    for threads in sorted(triad):
        print(f"\nTriad (a = b + s·c, float32), {threads} thread(s): {triad[threads]:.3g} elements/s = "
              f"{triad[threads] * TRIAD_BYTES / 1e9:.1f} GB/s")

    def check(label, value, target, unit=""):
        if value is None:
            print(f"- {label}: not measured in this run")
        else:
            verdict = "MET" if value >= target else "MISSED"
            print(f"- {label}: {value:.3g}{unit} (target >= {target:g}{unit}) — {verdict}")

    def vs_torch(case, threads, impl):
        value = kge4j.get((case, threads, impl), (None, None))[0]
        pt = torch.get((case, threads))
        return None if value is None or not pt else value / pt

    print("\nTargets (issue 4):")
    check("LCWA ReLU, 1 thread, N = 1e6: SIMD / PyTorch", vs_torch("lcwa-relu-N=1e6", 1, "simd"), 20, "×")
    ten_million = kge4j.get(("lcwa-relu-N=1e7", 1, "simd"), (None, None))[0]
    check("LCWA ReLU, 1 thread, N = 1e7: fraction of the 1-thread triad bandwidth",
          None if ten_million is None or 1 not in triad
          else ten_million * BYTES["lcwa"] / (triad[1] * TRIAD_BYTES), 0.70)
    check("LCWA softplus, 1 thread, N = 1e6: SIMD / PyTorch", vs_torch("lcwa-softplus-N=1e6", 1, "simd"), 10, "×")
    for threads in (1, 2):
        case = "slcwa-relu-B=1e5"
        check(f"sLCWA dense ReLU K = 64, B = 1e5, {threads} thread(s): SIMD / PyTorch", vs_torch(case, threads, "simd"),
              10, "×")
        pt = torch.get((case, threads))
        ceiling = scale.get((batch_of(case), threads))
        simd = kge4j.get((case, threads, "simd"), (None, None))[0]
        if pt and ceiling and simd:
            # Any kernel must read each score and write its gradient: STREAM's scale over the same
            # 6.5e6 floats bounds the ratio, whatever the kernel computes.
            print(f"  (ceiling, STREAM scale over the same floats: {ceiling:.3g} elements/s = "
                  f"{ceiling / pt:.1f}× PyTorch; kge4j reaches {100 * simd / ceiling:.0f} % of it)")
    check("LCWA ReLU, 1 thread, N = 1e6: scalar fallback / PyTorch", vs_torch("lcwa-relu-N=1e6", 1, "scalar"), 2,
          "×")
    allocs = [(a, a / sizes[c]) for (c, t, i), (_, a) in kge4j.items() if i == "simd" and t == 1 and a is not None]
    if allocs:
        print(f"- allocation, SIMD, 1 thread: at most {max(a for a, _ in allocs):.0f} B per call, "
              f"{max(e for _, e in allocs):.1e} B per element (target: a constant per call, ≈ 0 per element; JMH's own threads allocate a few "
              "KB/s in the background, which shows up per call in the slow cases)")

if __name__ == "__main__":
    main()
