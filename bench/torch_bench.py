#!/usr/bin/python3
"""PyTorch eager baseline for kge4j's loss benchmarks (bench/compare.sh runs it).

Times forward + backward() of PyKEEN's DoubleMarginLoss formula, written out exactly as
PyKEEN's ``DoubleMarginLoss.forward`` / ``process_slcwa_scores`` compute it:

  LCWA:         w+ * mean(t * h(l+ - x)) + w- * mean((1 - t) * g(l- + x))
  sLCWA dense:  w+ * mean(h(l+ - k)) + w- * mean(g(l- + k_neg))

on the same sizes as kge4j's JMH benchmarks (LCWA: B = 1000 rows, N elements in all; sLCWA dense:
B positives of shape (B, 1) and B x K negatives), for 1 and 2 intra-op threads.
The gradient buffers are dropped before each step (PyKEEN's optimizer.zero_grad(set_to_none)),
so each step allocates them afresh exactly as a training loop does.

Output: one machine-readable line per case and thread count,

  RESULT torch <case> threads=<t> elements=<n> elements_per_s=<float>

where <case> is ``lcwa-<relu|softplus>-N=<n>`` or ``slcwa-<relu|softplus>-B=<b>`` (the names
kge4j's bench/compare.sh uses) and elements counts every score processed (N for LCWA, B*(K+1)
for sLCWA). The figure is the best of several timed repeats, which favours PyTorch on a noisy
machine. Usage: torch_bench.py [--quick] [--threads 1,2] [--min-time SECONDS]
"""

import argparse
import sys
import time

import torch

POSITIVE_MARGIN = 1.0
NEGATIVE_MARGIN = 0.0
BALANCE = 0.5
K = 64
LCWA_ROWS = 1000


def activation(name):
    # PyKEEN resolves "relu" to torch.nn.ReLU and "softplus" to torch.nn.Softplus (beta 1,
    # threshold 20), which are exactly these functional forms.
    if name == "relu":
        return torch.nn.functional.relu
    return torch.nn.functional.softplus


def lcwa_step(act, predictions, labels):
    predictions.grad = None
    loss = BALANCE * torch.mean(labels * act(POSITIVE_MARGIN - predictions)) + (
        1.0 - BALANCE
    ) * torch.mean((1.0 - labels) * act(NEGATIVE_MARGIN + predictions))
    loss.backward()
    return loss


def slcwa_step(act, positive_scores, negative_scores):
    positive_scores.grad = None
    negative_scores.grad = None
    positive_loss = torch.mean(act(POSITIVE_MARGIN - positive_scores))
    negative_loss = torch.mean(act(NEGATIVE_MARGIN + negative_scores))
    loss = BALANCE * positive_loss + (1.0 - BALANCE) * negative_loss
    loss.backward()
    return loss


def best_rate(step, elements, min_time, repeats):
    """Best elements/s over `repeats` timed runs of at least `min_time` seconds (and 2 steps)."""
    for _ in range(2):  # warm-up: first-touch page faults and allocator caches
        step()
    best = 0.0
    for _ in range(repeats):
        steps = 0
        start = time.perf_counter()
        while True:
            step()
            steps += 1
            elapsed = time.perf_counter() - start
            if steps >= 2 and elapsed >= min_time:
                break
        best = max(best, steps * elements / elapsed)
    return best


def cases(quick):
    lcwa_sizes = [10**6] if quick else [10**4, 10**5, 10**6, 10**7]
    slcwa_sizes = [10**5] if quick else [10**4, 10**5, 10**6]
    for name in ("relu", "softplus"):
        for n in lcwa_sizes:
            yield "lcwa", name, n
        for b in slcwa_sizes:
            yield "slcwa", name, b


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only N = 1e6 and B = 1e5, short timings")
    parser.add_argument("--threads", default="1,2", help="comma-separated intra-op thread counts")
    parser.add_argument("--min-time", type=float, default=None, help="seconds per timed repeat")
    args = parser.parse_args()
    min_time = args.min_time if args.min_time is not None else (0.2 if args.quick else 0.4)
    repeats = 2 if args.quick else 3

    generator = torch.Generator().manual_seed(42)
    for threads in (int(t) for t in args.threads.split(",")):
        torch.set_num_threads(threads)
        for kind, name, size in cases(args.quick):
            act = activation(name)
            if kind == "lcwa":
                shape = (LCWA_ROWS, size // LCWA_ROWS)
                predictions = torch.randn(shape, generator=generator).requires_grad_()
                labels = (torch.rand(shape, generator=generator) < 0.01).float()
                elements = size
                case = f"lcwa-{name}-N={size:.0e}".replace("e+0", "e")

                def step():
                    return lcwa_step(act, predictions, labels)
            else:
                positives = torch.randn((size, 1), generator=generator).requires_grad_()
                negatives = torch.randn((size, K), generator=generator).requires_grad_()
                elements = size * (K + 1)
                case = f"slcwa-{name}-B={size:.0e}".replace("e+0", "e")

                def step():
                    return slcwa_step(act, positives, negatives)

            rate = best_rate(step, elements, min_time, repeats)
            print(
                f"RESULT torch {case} threads={threads} elements={elements} elements_per_s={rate:.6g}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
