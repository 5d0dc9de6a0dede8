"""The load benchmark's results (`bench.load`): one row per load window, capacity per
replica count, the issue's targets, and the markdown tables printed at the end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

#: The issue's targets, checked in the report (not asserted).
ACK_P99_TARGET_MS = 50.0
PER_CORE_TARGET = 100.0


@dataclass(frozen=True, slots=True)
class Phase:
    """One load window against one target, and what followed it."""

    target: str
    replicas: int
    backend: str
    load: str
    offered_per_s: float | None  # open loop
    connections: int | None  # closed loop
    duration_s: float
    sent: int
    acked: int
    errors: int
    error_kinds: dict[str, int]
    acks_per_s: float
    ack_ms_p50: float
    ack_ms_p99: float
    ack_ms_max: float
    acks_over_3s: int
    send_lag_ms_p99: float | None
    peak_in_flight: int
    server_cpu_s: float  # window and drain, every replica
    server_cores_busy: float  # server CPU seconds per second of the window
    machine_cores_busy: float | None  # every process on the machine, other work included
    acked_per_cpu_s: float | None
    server_peak_rss_mib: float
    # clerkbot only (None for the bare handler):
    answered: int | None  # chat.postMessage calls within the window
    answered_per_s: float | None
    answered_total: int | None  # ... once drained
    unanswered: int | None  # sent, never answered (a timed-out event may still be)
    kept_up: bool | None
    drained: bool | None
    drain_s: float | None  # from the window's end to the last answer
    peak_backlog: int | None  # acked, not yet answered
    peak_waiting: int | None  # the servers' own queue, where they keep one
    answered_per_cpu_s: float | None


def capacity(phases: Sequence[Phase], replicas: int) -> dict[str, Any]:
    mine = [p for p in phases if p.target == "clerkbot" and p.replicas == replicas]
    best = max(mine, key=lambda p: p.answered_per_s or 0.0)
    top = best.answered_per_s or 0.0
    opened = [p for p in mine if p.offered_per_s is not None]
    kept = [p.offered_per_s for p in opened if p.kept_up and p.offered_per_s is not None]
    saturated = any(p.kept_up is False for p in opened)
    # The rates below capacity are the rates it kept up with.
    below = [p.ack_ms_p99 for p in opened if p.kept_up]
    efficiency = [p.answered_per_cpu_s for p in mine if p.answered_per_cpu_s is not None]
    return {
        "replicas": replicas,
        "backend": best.backend,
        "capacity_answered_per_s": top,
        "measured_at": best.load,
        "saturated": saturated,
        "highest_rate_kept_up": max(kept) if kept else None,
        "answered_per_cpu_s": best.answered_per_cpu_s,
        "best_answered_per_cpu_s": max(efficiency, default=None),
        "server_cores_busy": best.server_cores_busy,
        "worst_ack_ms_p99_below_capacity": max(below) if below else None,
    }


def report(
    phases: list[Phase], health: list[dict[str, Any]], setup: dict[str, Any]
) -> dict[str, Any]:
    counts = sorted({p.replicas for p in phases if p.target == "clerkbot"})
    caps = [capacity(phases, n) for n in counts]
    base = caps[0]["capacity_answered_per_s"] if caps else 0.0
    for cap in caps:
        cap["vs_first"] = round(cap["capacity_answered_per_s"] / base, 2) if base else None
    bare = [p for p in phases if p.target == "bare"]
    bare_top = max((p.acks_per_s for p in bare), default=0.0)
    one = caps[0] if caps else {}
    worst = one.get("worst_ack_ms_p99_below_capacity")
    per_core = one.get("answered_per_cpu_s") or 0.0
    targets = {
        "ack_p99_ms_le_50_below_capacity": worst is not None and worst <= ACK_P99_TARGET_MS,
        "capacity_per_core_ge_100": per_core >= PER_CORE_TARGET,
        "capacity_over_bare_acks": round(base / bare_top, 4) if bare_top else None,
    }
    semantic = all(all(h["semantic"]) for h in health)
    return {
        "setup": {**setup, "semantic_layer": "on" if semantic else "OFF"},
        "phases": [asdict(p) for p in phases],
        "capacity": caps,
        "bare_max_acks_per_s": bare_top,
        "targets": targets,
        "health": health,
    }


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def markdown(result: dict[str, Any]) -> str:
    setup = result["setup"]
    bare = {p["load"]: p for p in result["phases"] if p["target"] == "bare"}
    heads = "target|replicas|db|load|sent|acked/s|ack p50 ms|ack p99 ms|ack max ms|p99 x bare"
    heads += "|errors|answered/s|kept up|drain s|peak backlog|server cores|machine cores"
    heads += "|answered/CPU-s"
    lines = [
        f"semantic layer {setup['semantic_layer']}; {setup['arrivals']} arrivals; "
        f"{setup['duration_s']:g} s per load; {setup['cpus']} CPUs shared by every process "
        f"(load generator included; load average {setup['load_average_before']} before, "
        f"{setup['load_average_after']} after); wall {setup['wall_s']:g} s",
        "",
        f"|{heads}|",
        "|" + "---|" * len(heads.split("|")),
    ]
    for p in result["phases"]:
        ref = bare.get(p["load"])
        ratio = round(p["ack_ms_p99"] / ref["ack_ms_p99"], 1) if ref and ref["ack_ms_p99"] else None
        keys = ("target", "replicas", "backend", "load", "sent", "acks_per_s", "ack_ms_p50")
        keys2 = ("ack_ms_p99", "ack_ms_max")
        keys3 = ("errors", "answered_per_s", "kept_up", "drain_s", "peak_backlog")
        cells = [p[k] for k in keys + keys2] + [ratio if p["target"] != "bare" else None]
        cells += [p[k] for k in keys3] + [p["server_cores_busy"], p["machine_cores_busy"]]
        cells.append(p["answered_per_cpu_s"])
        lines.append("|" + "|".join(_cell(c) for c in cells) + "|")
    lines += [
        "",
        "|replicas|db|capacity answered DMs/s|saturated|highest rate kept up|"
        "per core (answered/CPU-s)|best per core|server cores|x first|"
        "worst ack p99 ms below capacity|",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    named: tuple[str, ...] = ("replicas", "backend", "capacity_answered_per_s", "saturated")
    named += ("highest_rate_kept_up", "answered_per_cpu_s", "best_answered_per_cpu_s")
    named += ("server_cores_busy", "vs_first")
    for cap in result["capacity"]:
        cells = [cap[k] for k in named] + [cap["worst_ack_ms_p99_below_capacity"]]
        lines.append("|" + "|".join(_cell(c) for c in cells) + "|")
    targets = result["targets"]
    lines += [
        "",
        f"bare aiohttp handler: {result['bare_max_acks_per_s']:g} acks/s at most; clerkbot's "
        f"capacity (first row) is {_cell(targets['capacity_over_bare_acks'])} of it. Targets: "
        f"ack p99 <= {ACK_P99_TARGET_MS:g} ms below capacity: "
        f"{_cell(targets['ack_p99_ms_le_50_below_capacity'])}; >= {PER_CORE_TARGET:g} "
        f"answered DMs/s per core: {_cell(targets['capacity_per_core_ge_100'])}",
    ]
    return "\n".join(lines)
