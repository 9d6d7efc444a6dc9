#!/usr/bin/python3
"""Turns bench/train-bench.sh's RESULT lines into one Markdown table (see that script)."""

import sys


def parse(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if not words or words[0] != "RESULT":
                continue
            fields = dict(w.split("=", 1) for w in words[2:] if "=" in w)
            fields["kind"] = words[1]
            if words[1] == "torch":
                fields["case"] = words[2]
            rows.append(fields)
    return rows


def main():
    rows = parse(sys.argv[1])
    peak = {r["threads"]: float(r["fma_per_s"]) for r in rows if r["kind"] == "peak"}
    torch = {r["case"]: r for r in rows if r["kind"] == "torch"}
    print(f"FMA peak (float, Vector API, {rows[0].get('vector_bits', '?')}-bit): "
          f"1 thread {peak.get('1', 0):.3g}/s, 2 threads {peak.get('2', 0):.3g}/s\n")
    for r in rows:
        if r["kind"] == "bandwidth":
            print(f"Memory bandwidth (STREAM triad, {r['threads']} threads):"
                  f" {float(r['bytes_per_s']) / 1e9:.1f} GB/s")
        elif r["kind"] == "adamrate":
            print(f"Dense Adam's arithmetic limit (arrays in L1, {r['threads']} threads):"
                  f" {float(r['values_per_s']):.3g} values/s")
        elif r["kind"] == "step":
            print(f"One {r['optimizer']} step over {r['model']} {r['dim']}'s tables"
                  f" ({r['rows']} touched entity rows, touching and clearing included):"
                  f" {float(r['ms']):.2f} ms ({float(r['bytes_per_s']) / 1e9:.1f} GB/s)")
    print()
    print("| case (FB15k-237, 2 threads) | kge4j | kge4j FMA/s | % of 2-thread peak | PyTorch |"
          " kge4j / PyTorch |")
    print("|---|---|---|---|---|---|")
    top = peak.get("2", float("nan"))
    for r in rows:
        if r["kind"] in ("slcwa", "lcwa"):
            unit = "positives" if r["kind"] == "slcwa" else "instances"
            rate = float(r[f"{unit}_per_s"])
            name = f"{r['kind']}-{r['model']}-{r['dim']}"
            if r["kind"] == "slcwa":
                name += f"-K={r['negatives']}-{r.get('sampler', 'basic')}"
            t = torch.get(name)
            trate = float(t.get("triples_per_s", t.get("queries_per_s", "nan"))) if t else float("nan")
            print(f"| {r['kind']} {r['model']} dim {r['dim']}"
                  + (f", K = {r['negatives']} ({r.get('sampler', 'basic')})"
                     if r["kind"] == "slcwa" else "")
                  + f", batch {r['batch']} | {rate:,.0f} {unit}/s | {float(r['fma_per_s']):.3g} |"
                  f" {100 * float(r['fma_per_s']) / top:.1f} % | {trate:,.0f}/s |"
                  f" {rate / trate:.1f}x |")
        elif r["kind"] == "eval":
            t = torch.get(f"eval-{r['model']}-{r['dim']}")
            tsec = float(t["seconds"]) if t else float("nan")
            print(f"| filtered test evaluation {r['model']} dim {r['dim']}"
                  f" ({r['test_triples']} triples, both sides) | {float(r['seconds']):.2f} s |"
                  f" {float(r['fma_per_s']):.3g} | {100 * float(r['fma_per_s']) / top:.1f} % |"
                  f" {tsec:.2f} s | {tsec / float(r['seconds']):.1f}x |")


if __name__ == "__main__":
    main()
