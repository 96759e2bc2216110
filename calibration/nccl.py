#!/usr/bin/env python3
"""NCCL collectives for the calibration kit: all-reduce, all-gather and all-to-all from 4 KiB to
1 GiB per rank, one process per GPU. Started by kit.py through torchrun when more than one GPU is
visible; rank 0 writes the JSON. NVLink multicast stays off (NCCL_NVLS_ENABLE=0)."""
import argparse
import json
import os
import statistics

import torch
import torch.distributed as dist


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-bytes", type=int, default=1 << 30)
    args = ap.parse_args()
    os.environ.setdefault("NCCL_NVLS_ENABLE", "0")
    dist.init_process_group("nccl")
    rank, world = dist.get_rank(), dist.get_world_size()
    torch.cuda.set_device(rank % torch.cuda.device_count())
    results = {"worldSize": world, "allReduce": [], "allGather": [], "allToAll": []}
    size = 4096
    while size <= args.max_bytes:
        n = size // 2  # bf16 elements per rank
        x = torch.randn(n, device="cuda", dtype=torch.bfloat16)
        gathered = torch.empty(n * world, device="cuda", dtype=torch.bfloat16)
        a2a_out = torch.empty_like(x)
        ops = {
            "allReduce": lambda: dist.all_reduce(x),
            "allGather": lambda: dist.all_gather_into_tensor(gathered, x),
            "allToAll": lambda: dist.all_to_all_single(a2a_out, x),
        }
        for name, fn in ops.items():
            for _ in range(3):
                fn()
            torch.cuda.synchronize()
            samples = []
            iters = 20 if size < (64 << 20) else 5
            for _ in range(5):
                s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                s.record()
                for _ in range(iters):
                    fn()
                e.record()
                e.synchronize()
                samples.append(s.elapsed_time(e) / 1e3 / iters)
            sec = statistics.median(samples)
            # bus bandwidth convention (nccl-tests): all-reduce 2(n-1)/n, all-gather and all-to-all (n-1)/n
            factor = 2 * (world - 1) / world if name == "allReduce" else (world - 1) / world
            results[name].append({"bytesPerRank": size, "seconds": sec, "busBytesPerS": factor * size / sec})
        del x, gathered, a2a_out
        size *= 4
    if rank == 0:
        with open(args.out, "w") as f:
            json.dump(results, f)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
