#!/usr/bin/env python3
"""Tensor-parallel decode step with its all-reduces, for the calibration kit: one process per GPU
(started by kit.py through torchrun when two or more GPUs are visible); rank 0 writes the JSON.

A random-weight dense model from a preset is sharded Megatron-style over the ranks: q/k/v and
gate/up column-parallel (each rank holds numHeads/tp query heads, numKvHeads/tp KV heads and
intermediateSize/tp columns), o and down row-parallel, each followed by an all-reduce of the
[batch, hidden] BF16 partial sums: 2 all-reduces per layer. Embedding and LM head are replicated
(the vocabulary-parallel head's small logit gather is left out). A decode step against a random
KV cache is captured in a CUDA graph twice, with and without the all-reduces (same kernels
otherwise), and each graph is replayed in lock-step on all ranks:
  allReduceInStepSeconds = (stepSeconds − stepNoCommSeconds) / allReducesPerStep
and an all-reduce of the same message alone (graph of allReducesPerStep calls) for comparison.
Every rank runs the same fixed number of replays (no adaptive repeat counts, which would let
ranks disagree and hang). NVLink multicast stays off (NCCL_NVLS_ENABLE=0).
"""
import argparse
import json
import os
import statistics

import torch
import torch.distributed as dist
import torch.nn.functional as F


def fixed_time(fn, warmup=5, repeats=7, inner=20):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    dist.barrier()
    samples = []
    for _ in range(repeats):
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        for _ in range(inner):
            fn()
        e.record()
        e.synchronize()
        samples.append(s.elapsed_time(e) / 1e3 / inner)
    return statistics.median(samples)


def rnd(*shape):
    return torch.empty(*shape, device="cuda", dtype=torch.bfloat16).normal_(0.0, 0.02)


class TpModel:
    def __init__(self, cfg, tp, layers):
        a = cfg["attention"]
        self.h, self.L, self.d = cfg["hiddenSize"], layers, a["headDim"]
        assert a["numHeads"] % tp == 0 and a["numKvHeads"] % tp == 0 and cfg["ffn"]["intermediateSize"] % tp == 0
        self.hq, self.hkv, self.I = a["numHeads"] // tp, a["numKvHeads"] // tp, cfg["ffn"]["intermediateSize"] // tp
        qkv = (self.hq + 2 * self.hkv) * self.d
        ones = lambda: torch.ones(self.h, device="cuda", dtype=torch.bfloat16)  # noqa: E731
        self.w = [{"qkv": rnd(self.h, qkv), "o": rnd(self.hq * self.d, self.h), "gu": rnd(self.h, 2 * self.I), "down": rnd(self.I, self.h), "n1": ones(), "n2": ones()} for _ in range(layers)]
        self.emb = rnd(cfg["vocabSize"], self.h)
        self.head = rnd(self.h, cfg["vocabSize"])

    def step(self, tok, caches, comm):
        B = tok.shape[0]
        x = F.embedding(tok, self.emb)  # [B, 1, h]
        for w, (kc, vc) in zip(self.w, caches):
            y = F.rms_norm(x, (self.h,), w["n1"])
            q = (y @ w["qkv"])[..., : self.hq * self.d].view(B, 1, self.hq, self.d).transpose(1, 2)
            att = F.scaled_dot_product_attention(q, kc, vc, enable_gqa=True)
            o = att.transpose(1, 2).reshape(B, 1, self.hq * self.d) @ w["o"]
            if comm:
                dist.all_reduce(o)
            x = x + o
            y = F.rms_norm(x, (self.h,), w["n2"])
            g, u = (y @ w["gu"]).chunk(2, dim=-1)
            m = (F.silu(g) * u) @ w["down"]
            if comm:
                dist.all_reduce(m)
            x = x + m
        return x[:, -1, :] @ self.head


def capture(fn):
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(3):
            fn()
    torch.cuda.current_stream().wait_stream(s)
    torch.cuda.synchronize()
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        fn()
    return g


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--presets", required=True)
    ap.add_argument("--model", default="llama-3.1-8b")
    ap.add_argument("--layers", type=int, default=0, help="0 = the preset's layer count")
    ap.add_argument("--batches", default="1,8,32,128")
    ap.add_argument("--context", type=int, default=2048)
    args = ap.parse_args()
    os.environ.setdefault("NCCL_NVLS_ENABLE", "0")
    dist.init_process_group("nccl")
    rank, world = dist.get_rank(), dist.get_world_size()
    torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", rank)))
    torch.manual_seed(1234 + rank)
    with open(os.path.join(args.presets, f"{args.model}.json")) as f:
        cfg = json.load(f)
    L = args.layers or cfg["numLayers"]
    m = TpModel(cfg, world, L)
    warm = torch.ones(1, device="cuda")
    dist.all_reduce(warm)  # communicator up before any capture
    res = {"worldSize": world, "modelId": cfg["id"], "layers": L, "context": args.context, "graph": True, "points": []}
    for B in [int(b) for b in args.batches.split(",")]:
        caches = [(rnd(B, m.hkv, args.context, m.d), rnd(B, m.hkv, args.context, m.d)) for _ in range(L)]
        tok = torch.randint(0, cfg["vocabSize"], (B, 1), device="cuda")
        msg = torch.empty(B, 1, m.h, device="cuda", dtype=torch.bfloat16).normal_()
        n_ar = 2 * L
        try:
            g_comm = capture(lambda: m.step(tok, caches, True))
            g_none = capture(lambda: m.step(tok, caches, False))

            def ar_only():
                for _ in range(n_ar):
                    dist.all_reduce(msg)

            g_ar = capture(ar_only)
            t_comm, t_none, t_ar = fixed_time(g_comm.replay), fixed_time(g_none.replay), fixed_time(g_ar.replay, inner=5)
        except Exception as e:  # noqa: BLE001 - graphs with NCCL unavailable: time eagerly and say so
            res["graph"] = False
            res["graphError"] = str(e)[:300]
            t_comm = fixed_time(lambda: m.step(tok, caches, True))
            t_none = fixed_time(lambda: m.step(tok, caches, False))
            t_ar = fixed_time(lambda: [dist.all_reduce(msg) for _ in range(n_ar)], inner=5)
        res["points"].append({
            "batch": B,
            "stepSeconds": t_comm,
            "stepNoCommSeconds": t_none,
            "allReducesPerStep": n_ar,
            "allReduceInStepSeconds": (t_comm - t_none) / n_ar,
            "allReduceAloneSeconds": t_ar / n_ar,
            "bytesPerAllReduce": B * m.h * 2,
        })
        if rank == 0:
            p = res["points"][-1]
            print(f"[tp] B={B}: step {t_comm * 1e3:.3f} ms, without all-reduce {t_none * 1e3:.3f} ms, all-reduce in step {p['allReduceInStepSeconds'] * 1e6:.1f} us, alone {p['allReduceAloneSeconds'] * 1e6:.1f} us", flush=True)
        del caches
        torch.cuda.empty_cache()
    if rank == 0:
        with open(args.out, "w") as f:
            json.dump(res, f)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
