#!/usr/bin/python3
"""PyTorch eager baseline for kge4j's training and evaluation benchmark (bench/train-bench.sh).

The same steps kge4j's harness times, written as a PyTorch user (and PyKEEN) would:
embedding tables as dense parameters, look-ups by index, batched products, PyKEEN's
DoubleMarginLoss formula (softplus, margins 1/0, balance 0.5, mean), backward() and torch.optim.Adam:

  slcwa  B positives of FB15k-237, K negatives each (half corrupt the head, half the tail, drawn
         uniformly as PyKEEN's basic sampler), ComplEx / DistMult scores of all B(K+1) triples;
         with --sampler shared, the K negatives are drawn once per chunk of 64 positives (the first
         half of the chunks corrupt heads, the rest tails) and scored as one batched matmul per
         chunk, as kge4j's shared sampler
  lcwa   B (h, r) queries scored against every entity (1-N), multi-hot labels from the training
         triples
  eval   filtered rank of every test triple's tail and head against all entities (known triples
         taken out by a mask), as PyKEEN's RankBasedEvaluator

Output: one line per case,

  RESULT torch <case> threads=<t> triples_per_s=<float> seconds_per_step=<float>

(the best of the timed repeats, which favours PyTorch on a noisy machine). Usage:
train_torch.py DATASET_DIR --model complex|distmult --dim D --case slcwa|lcwa|eval
               [--negatives K] [--sampler basic|shared] [--batch B] [--threads T] [--steps N]
"""

import argparse
import os
import time

import torch

POSITIVE_MARGIN = 1.0
NEGATIVE_MARGIN = 0.0
BALANCE = 0.5


def read_split(path, entity_ids, relation_ids, grow):
    triples = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            h, r, t = line.rstrip("\n").split("\t")
            if grow:
                for label, ids in ((h, entity_ids), (t, entity_ids), (r, relation_ids)):
                    ids.setdefault(label, None)
            triples.append((h, r, t))
    return triples


def load(directory):
    entity_ids, relation_ids = {}, {}
    train = read_split(os.path.join(directory, "train.txt"), entity_ids, relation_ids, True)
    for ids in (entity_ids, relation_ids):
        for i, label in enumerate(sorted(ids)):
            ids[label] = i

    def mapped(triples):
        rows = [
            (entity_ids[h], relation_ids[r], entity_ids[t])
            for h, r, t in triples
            if h in entity_ids and t in entity_ids and r in relation_ids
        ]
        return torch.tensor(rows, dtype=torch.long)

    valid = read_split(os.path.join(directory, "valid.txt"), entity_ids, relation_ids, False)
    test = read_split(os.path.join(directory, "test.txt"), entity_ids, relation_ids, False)
    return mapped(train), mapped(valid), mapped(test), len(entity_ids), len(relation_ids)


class Model(torch.nn.Module):
    def __init__(self, name, num_entities, num_relations, dim):
        super().__init__()
        self.name = name
        width = 2 * dim if name == "complex" else dim
        self.entities = torch.nn.Embedding(num_entities, width)
        self.relations = torch.nn.Embedding(num_relations, width)
        self.dim = dim

    def tail_query(self, h, r):
        return self._query(self.entities(h), self.relations(r), head=False)

    def head_query(self, r, t):
        return self._query(self.entities(t), self.relations(r), head=True)

    def _query(self, e, w, head):
        """The query of entity rows e and relation rows w: e * w for DistMult; for ComplEx the
        complex product h * r (tails) or conj(r) * t (heads), each written out term by term."""
        if self.name == "distmult":
            return e * w
        d = self.dim
        er, ei, rr, ri = e[..., :d], e[..., d:], w[..., :d], w[..., d:]
        if head:
            return torch.cat([rr * er + ri * ei, rr * ei - ri * er], dim=-1)
        return torch.cat([er * rr - ei * ri, er * ri + ei * rr], dim=-1)


def softplus_loss(positive, negative):
    act = torch.nn.functional.softplus
    return BALANCE * torch.mean(act(POSITIVE_MARGIN - positive)) + (1.0 - BALANCE) * torch.mean(
        act(NEGATIVE_MARGIN + negative)
    )


def slcwa(model, optimizer, train, num_entities, batch, k, steps, generator, shared=False,
          chunk=64):
    """Times sLCWA steps. Basic: each positive gets its own K candidates, the first half replacing
    its tail, the second its head. Shared: K candidates per chunk of 64 positives, the first half
    of the chunks replacing heads, the rest tails, scored as one batched matmul per chunk."""
    n = train.shape[0]
    times = []
    for step in range(steps):
        idx = torch.randint(0, n, (batch,), generator=generator)
        h, r, t = train[idx, 0], train[idx, 1], train[idx, 2]
        shape = (batch // chunk, k) if shared else (batch, k)
        candidates = torch.randint(0, num_entities, shape, generator=generator)
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        tail_q = model.tail_query(h, r)
        head_q = model.head_query(r, t)
        positive = (tail_q * model.entities(t)).sum(-1)
        rows = model.entities(candidates)
        if shared:
            half = batch // 2
            queries = torch.cat([head_q[:half], tail_q[half:]], dim=0).view(batch // chunk, chunk, -1)
            negative = torch.bmm(queries, rows.transpose(1, 2)).reshape(batch, k)
        else:
            half = k // 2
            tails = torch.bmm(rows[:, :half], tail_q.unsqueeze(-1)).squeeze(-1)
            heads = torch.bmm(rows[:, half:], head_q.unsqueeze(-1)).squeeze(-1)
            negative = torch.cat([tails, heads], dim=1)
        loss = softplus_loss(positive, negative)
        loss.backward()
        optimizer.step()
        times.append(time.perf_counter() - start)
    return times


def lcwa(model, optimizer, train, num_entities, batch, steps, generator):
    pairs, inverse = torch.unique(train[:, :2], dim=0, return_inverse=True)
    labels_of = torch.zeros(pairs.shape[0], num_entities)
    labels_of[inverse, train[:, 2]] = 1.0
    times = []
    for step in range(steps):
        idx = torch.randint(0, pairs.shape[0], (batch,), generator=generator)
        labels = labels_of[idx]
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        scores = model.tail_query(pairs[idx, 0], pairs[idx, 1]) @ model.entities.weight.t()
        act = torch.nn.functional.softplus
        loss = BALANCE * torch.mean(labels * act(POSITIVE_MARGIN - scores)) + (
            1.0 - BALANCE
        ) * torch.mean((1.0 - labels) * act(NEGATIVE_MARGIN + scores))
        loss.backward()
        optimizer.step()
        times.append(time.perf_counter() - start)
    return times


@torch.no_grad()
def evaluate(model, train, valid, test, num_entities, batch):
    known = torch.cat([train, valid, test])
    tails_of, heads_of = {}, {}
    for h, r, t in known.tolist():
        tails_of.setdefault((h, r), []).append(t)
        heads_of.setdefault((r, t), []).append(h)
    start = time.perf_counter()
    ranks = []
    entities = model.entities.weight
    for side in ("tail", "head"):
        for first in range(0, test.shape[0], batch):
            rows = test[first : first + batch]
            h, r, t = rows[:, 0], rows[:, 1], rows[:, 2]
            if side == "tail":
                scores, true = model.tail_query(h, r) @ entities.t(), t
                keys = [tails_of[(a, b)] for a, b in zip(h.tolist(), r.tolist())]
            else:
                scores, true = model.head_query(r, t) @ entities.t(), h
                keys = [heads_of[(a, b)] for a, b in zip(r.tolist(), t.tolist())]
            true_scores = scores.gather(1, true.unsqueeze(1))
            mask = torch.zeros_like(scores, dtype=torch.bool)
            for i, answers in enumerate(keys):
                mask[i, answers] = True
            mask[torch.arange(len(keys)), true] = False
            scores = scores.masked_fill(mask, float("-inf"))
            greater = (scores > true_scores).sum(1)
            greater_equal = (scores >= true_scores).sum(1)
            ranks.append(0.5 * (greater + greater_equal + 1).float())
    seconds = time.perf_counter() - start
    ranks = torch.cat(ranks)
    return seconds, (1.0 / ranks).mean().item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dataset")
    p.add_argument("--model", default="complex")
    p.add_argument("--dim", type=int, default=128)
    p.add_argument("--case", default="slcwa")
    p.add_argument("--negatives", type=int, default=64)
    p.add_argument("--sampler", default="basic", choices=["basic", "shared"])
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=20)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(2)
    train, valid, test, num_entities, num_relations = load(a.dataset)
    model = Model(a.model, num_entities, num_relations, a.dim)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    label = f"{a.case}-{a.model}-{a.dim}"
    if a.case == "slcwa":
        label += f"-K={a.negatives}-{a.sampler}"
        times = slcwa(model, optimizer, train, num_entities, a.batch, a.negatives, a.steps,
                      generator, shared=a.sampler == "shared")
        best = min(times[2:])
        print(f"RESULT torch {label} threads={a.threads} triples_per_s={a.batch / best:.1f} "
              f"seconds_per_step={best:.5f}")
    elif a.case == "lcwa":
        times = lcwa(model, optimizer, train, num_entities, a.batch, a.steps, generator)
        best = min(times[2:])
        print(f"RESULT torch {label} threads={a.threads} queries_per_s={a.batch / best:.1f} "
              f"seconds_per_step={best:.5f}")
    else:
        seconds, mrr = evaluate(model, train, valid, test, num_entities, a.batch)
        print(f"RESULT torch {label} threads={a.threads} test_triples={test.shape[0]} "
              f"seconds={seconds:.3f} mrr={mrr:.5f}")


if __name__ == "__main__":
    main()
