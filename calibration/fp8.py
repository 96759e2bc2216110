"""FP8 GEMMs with the scaling serving engines use, for the calibration kit.

Two scalings (E4M3 operands, BF16 output, FP32 accumulation):
- rowwise: one scale per activation row (token) and one per weight output channel
  (torch._scaled_mm with scale_a [M, 1], scale_b [1, N]);
- block-1x128-128x128: DeepSeek-V3's recipe, one scale per 1×128 activation group and per
  128×128 weight block (torch.nn.functional.scaled_mm with ScalingType.BlockWise1x128 /
  BlockWise128x128, cuBLASLt on sm90), where the installed PyTorch has it.

Each point times: the BF16 GEMM of the same shape; the FP8 GEMM alone, with the activations
already quantised (what the cost is when quantisation is fused into the kernel before it, e.g.
the RMSNorm or SwiGLU); the activation quantisation as a separate step, two ways: PyTorch ops
(several kernels: abs, amax, divide, cast) and one Triton kernel (what engines ship, e.g. vLLM's
per-token-group quant); and quantisation + GEMM captured together in one graph.
"""
import torch

from timing import graph_time, rand

FP8 = torch.float8_e4m3fn
FP8_MAX = 448.0
SHAPES = [(4096, 14336), (7168, 4096)]  # (K, N): Llama-3-8B-class up projection; DeepSeek-V3 expert gate+up
MS = [16, 64, 256, 1024, 4096, 16384]
MS_QUICK = [16, 1024]

try:  # Triton kernels must be module-level (the JIT resolves names in the module's globals)
    import triton
    import triton.language as tl

    @triton.jit
    def _act_quant(x_ptr, q_ptr, s_ptr, K, G, NG, s_stride_r, s_stride_g, BLOCK_G: tl.constexpr, BLOCK: tl.constexpr):
        """One program per row: its NG groups of G columns as a [BLOCK_G, BLOCK] tile; per group
        amax, scale = amax / 448, FP8 values (row-wise quantisation is NG = 1, G = K)."""
        row = tl.program_id(0)
        gi = tl.arange(0, BLOCK_G)[:, None]
        ci = tl.arange(0, BLOCK)[None, :]
        mask = (gi < NG) & (ci < G)
        off = row.to(tl.int64) * K + gi * G + ci
        x = tl.load(x_ptr + off, mask=mask, other=0.0).to(tl.float32)
        s = tl.maximum(tl.max(tl.abs(x), axis=1), 1e-12) / 448.0
        tl.store(q_ptr + off, (x / s[:, None]).to(q_ptr.dtype.element_ty), mask=mask)
        g1 = tl.arange(0, BLOCK_G)
        tl.store(s_ptr + row * s_stride_r + g1 * s_stride_g, s, mask=g1 < NG)

    TRITON_ERROR = None
except Exception as e:  # noqa: BLE001 - the PyTorch quantiser still runs
    triton = None
    TRITON_ERROR = str(e)[:200]


def scale_buffer(M, K, group):
    """Scale tensor in the layout the GEMM wants: [M, 1] for row-wise; [M, K/128] with the
    token dimension contiguous (stride (1, M)) for 1×128 groups, as cuBLASLt requires."""
    if group == K:
        return torch.empty(M, 1, device="cuda", dtype=torch.float32)
    return torch.empty(K // group, M, device="cuda", dtype=torch.float32).t()


def quant_triton(x, group):
    if triton is None:
        raise RuntimeError(f"Triton unavailable: {TRITON_ERROR}")
    M, K = x.shape
    q = torch.empty(M, K, device="cuda", dtype=FP8)
    s = scale_buffer(M, K, group)
    ng = K // group
    bg, bl = triton.next_power_of_2(ng), triton.next_power_of_2(group)
    _act_quant[(M,)](x, q, s, K, group, ng, s.stride(0), s.stride(1) if ng > 1 else 0, BLOCK_G=bg, BLOCK=bl, num_warps=8 if bg * bl >= 4096 else 4)
    return q, s


def quant_torch(x, group):
    M, K = x.shape
    xg = x.view(M, K // group, group).float()
    sc = xg.abs().amax(dim=-1).clamp_(min=1e-12).div_(FP8_MAX)  # [M, K/group]
    q = (xg / sc.unsqueeze(-1)).to(FP8).view(M, K)
    s = scale_buffer(M, K, group)
    s.copy_(sc)
    return q, s


def weight_quant(w, block):
    """w [N, K] BF16 → FP8 and scales: per output channel [1, N] (block None) or per 128×128
    block, passed as [K/128, N/128] (the transpose of the contiguous [N/128, K/128])."""
    N, K = w.shape
    if block is None:
        s = w.float().abs().amax(dim=1).clamp_(min=1e-12).div_(FP8_MAX)
        return (w.float() / s.unsqueeze(1)).to(FP8), s.view(1, N).contiguous()
    wb = w.float().view(N // block, block, K // block, block)
    s = wb.abs().amax(dim=(1, 3)).clamp_(min=1e-12).div_(FP8_MAX)  # [N/128, K/128]
    q = (wb / s[:, None, :, None]).to(FP8).view(N, K)
    return q, s.t()


def gemm_fn(scaling):
    if scaling == "rowwise":
        return lambda q, s, wq, ws: torch._scaled_mm(q, wq.t(), scale_a=s, scale_b=ws, out_dtype=torch.bfloat16)
    F = torch.nn.functional
    return lambda q, s, wq, ws: F.scaled_mm(q, wq.t(), s, F.ScalingType.BlockWise1x128, ws, F.ScalingType.BlockWise128x128, output_dtype=torch.bfloat16)


def dequant(q, s, group):
    M, K = q.shape
    return (q.float().view(M, K // group, group) * s.float().reshape(M, K // group, 1)).view(M, K)


def check_mode(scaling, K, N):
    """Relative error of the FP8 GEMM against FP32 on the dequantised operands, and whether the
    Triton and PyTorch quantisers agree (max scale difference)."""
    group = K if scaling == "rowwise" else 128
    x, w = rand(64, K, std=1.0), rand(N, K, std=1.0)
    q, s = quant_torch(x, group)
    wq, ws = weight_quant(w, None if scaling == "rowwise" else 128)
    out = gemm_fn(scaling)(q, s, wq, ws).float()
    wd = wq.float() * (ws.float().t() if scaling == "rowwise" else ws.float().t().repeat_interleave(128, 0).repeat_interleave(128, 1))
    ref = dequant(q, s, group) @ wd.t()
    res = {"relErrorVsFp32": ((out - ref).norm() / ref.norm()).item()}
    try:
        q2, s2 = quant_triton(x, group)
        res["tritonScaleMaxRelDiff"] = ((s2 - s).abs().max() / s.abs().max()).item()
    except Exception as e:  # noqa: BLE001
        res["tritonSkipped"] = str(e)[:200]
    return res


def fp8_point(scaling, x, wl, M, K, N, bf16, skipped):
    group = K if scaling == "rowwise" else 128
    gemm = gemm_fn(scaling)
    q, s = quant_torch(x, group)
    p = {"scaling": scaling, "m": M, "k": K, "n": N, "flops": 2 * M * K * N, "bf16Seconds": bf16}
    p["gemmSeconds"] = graph_time(lambda i: gemm(q, s, *wl[i % 3]))[0]
    p["quantTorchSeconds"] = graph_time(lambda i: quant_torch(x, group))[0]
    quant = quant_torch
    try:
        p["quantTritonSeconds"] = graph_time(lambda i: quant_triton(x, group))[0]
        quant = quant_triton
    except Exception as e:  # noqa: BLE001 - Triton unusable: say so, time the PyTorch path
        p["quantTritonSeconds"] = None
        skipped["triton"] = str(e)[:300]
    p["quantPlusGemmSeconds"] = graph_time(lambda i: gemm(*quant(x, group), *wl[i % 3]))[0]
    p["flopsPerS"] = p["flops"] / p["gemmSeconds"]
    return p


def measure_fp8_quant(quick, log=print):
    out = {
        "note": "E4M3 operands, BF16 out. gemmSeconds: FP8 GEMM with activations already quantised (quantisation fused into the kernel before it). quantTorchSeconds / quantTritonSeconds: activation quantisation as a separate step (PyTorch ops: several kernels; Triton: one kernel). quantPlusGemmSeconds: the Triton (else PyTorch) quantisation and the GEMM in one CUDA graph. Weights pre-quantised offline. All times from CUDA-graph replays.",
        "points": [],
        "checks": {},
        "skipped": {},
    }
    modes = ["rowwise", "block-1x128-128x128"]
    for scaling in modes:
        try:
            if scaling != "rowwise" and not hasattr(torch.nn.functional, "scaled_mm"):
                raise RuntimeError("torch.nn.functional.scaled_mm (block scaling) is not in this PyTorch")
            for K, N in SHAPES:
                out["checks"][f"{scaling}-{K}x{N}"] = check_mode(scaling, K, N)
        except Exception as e:  # noqa: BLE001 - record why this scaling was not measured
            out["skipped"][scaling] = str(e)[:300]
            log(f"[kit] fp8 {scaling} skipped: {str(e)[:160]}")
    for K, N in SHAPES:
        # three weight copies, rotated between calls, so small-M GEMMs do not read weights from L2
        ws_bf16 = [rand(N, K, std=1.0) for _ in range(3)]
        wts = {m: [weight_quant(w, None if m == "rowwise" else 128) for w in ws_bf16] for m in modes if m not in out["skipped"]}
        for M in MS_QUICK if quick else MS:
            x = rand(M, K, std=1.0)
            bf16 = graph_time(lambda i: x @ ws_bf16[i % 3].t())[0]
            for scaling, wl in wts.items():
                try:
                    out["points"].append(fp8_point(scaling, x, wl, M, K, N, bf16, out["skipped"]))
                except Exception as e:  # noqa: BLE001 - keep the other points
                    out["skipped"][f"{scaling}-M{M}-{K}x{N}"] = str(e)[:300]
                    continue
                p = out["points"][-1]
                log(f"[kit] fp8 {scaling:20s} M={M:5d} K={K} N={N}: bf16 {bf16 * 1e6:8.1f} us, fp8 {p['gemmSeconds'] * 1e6:8.1f} us, quant torch {p['quantTorchSeconds'] * 1e6:6.1f} / triton {(p['quantTritonSeconds'] or 0) * 1e6:6.1f} us, together {p['quantPlusGemmSeconds'] * 1e6:8.1f} us")
            del x
        del ws_bf16, wts
        torch.cuda.empty_cache()
    return out
