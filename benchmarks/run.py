"""Benchmark ``validate`` against the parse floor, side by side, on generated trees.

    python benchmarks/run.py                      # N = 10, 100, 1000 (the 1000 run takes minutes)
    python benchmarks/run.py --packs 10 100       # other sizes
    python benchmarks/run.py --validate "validate" --work /tmp/bench

For each N, on one generated tree (``benchmarks/generate.py``, same seed), in this order:

- **floor**: read every file ``validate`` analyses and parse it, single process: ruamel's
  C composer for YAML, ``ast.parse`` for the integration code, ``json.loads`` for JSON
  (DESIGN.md section 9). Timed inside the child, so interpreter start-up is not counted.
- **cold**: ``validate --no-cache`` (default ``--jobs``: the CPU count), and the same with
  ``--jobs 1`` (serial, for reference).
- **fill** then **warm**: with a fresh cache directory, once to fill it, once reading it.
- **one pack**: ``validate --no-cache`` on the first pack of the tree.
- **--version**.

Every measurement runs in a fresh child (``python run.py --measure -- CMD``) that reports
wall time, the largest RSS of any one process (``getrusage(RUSAGE_CHILDREN)``) and the
largest sum of RSS over the process tree (workers included; sampled from /proc every
20 ms, Linux only). Timings are medians over ``--repeat`` runs (N=1000: one run). The
table is printed and written with every sample to ``benchmarks/out/bench-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
START_LOAD = os.getloadavg() if hasattr(os, "getloadavg") else None
REPO = HERE.parent


# --- child side: the parse floor and the measuring wrapper ---------------------------------


def floor_files(tree: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """YAML, Python and JSON files as ``validate`` picks them (integration YAML and code, pack
    JSON without test data)."""
    yamls, pys, jsons = [], [], []
    for folder, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if d != "test_data" and not d.startswith("."))
        here = Path(folder)
        for name in sorted(files):
            path = here / name
            if name.endswith(".json"):
                jsons.append(path)
            elif "Integrations" in here.parts and name.endswith((".yml", ".yaml")):
                yamls.append(path)
            elif "Integrations" in here.parts and name.endswith(".py") and not name.endswith("_test.py"):
                pys.append(path)
    return yamls, pys, jsons


def parse_floor(tree: Path) -> dict:
    import ast

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yamls, pys, jsons = floor_files(tree)
    start, cpu = time.perf_counter(), time.process_time()
    size = 0
    for path in yamls:
        text = path.read_bytes().decode("utf-8")
        size += len(text)
        try:
            yaml.compose(text)
        except Exception:  # noqa: BLE001 - a broken file still costs its parse
            pass
    for path in pys:
        text = path.read_bytes().decode("utf-8")
        size += len(text)
        try:
            ast.parse(text)
        except SyntaxError:
            pass
    for path in jsons:
        text = path.read_bytes().decode("utf-8")
        size += len(text)
        try:
            json.loads(text)
        except ValueError:
            pass
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "yaml": len(yamls),
            "python": len(pys), "json": len(jsons), "bytes": size}


def _descendants(root_pid: int) -> list[int]:
    """``root_pid`` and its descendants (from /proc; just ``root_pid`` where unavailable)."""
    parents: dict[int, list[int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return [root_pid]
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(name))
        except (OSError, IndexError, ValueError):
            continue
    found, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(parents.get(pid, []))
    return found


def _rss_kb(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status", "rb") as handle:
                for line in handle:
                    if line.startswith(b"VmRSS:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str], cwd: str | None) -> dict:
    """Run ``cmd``; wall time, exit code, peak RSS of one process and of the whole tree."""
    peak = 0
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        # The process list is rescanned every 0.2 s (workers come and go rarely), the RSS of
        # the known processes read every 20 ms: the sampler itself stays below 1 % of a CPU.
        nonlocal peak
        pids, rescanned, = [child.pid], 0.0
        while not done.wait(0.02):
            now = time.monotonic()
            if now - rescanned > 0.2:
                pids, rescanned = _descendants(child.pid), now
            peak = max(peak, _rss_kb(pids))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "rc": child.returncode, "max_rss_mb": usage.ru_maxrss / 1024,
            "tree_rss_mb": peak / 1024, "user": usage.ru_utime, "sys": usage.ru_stime,
            "stdout_tail": out.decode(errors="replace")[-300:], "stderr_tail": err.decode(errors="replace")[-300:]}


# --- parent side ---------------------------------------------------------------------------


def child_measure(cmd: list[str], cwd: Path) -> dict:
    wrapper = [sys.executable, str(Path(__file__).resolve()), "--measure", "--cwd", str(cwd), "--", *cmd]
    result = subprocess.run(wrapper, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def median_of(samples: list[dict], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def bench_one(n: int, args: argparse.Namespace, validate: list[str]) -> dict:
    tree = args.work / f"tree-{n}-seed{args.seed}"
    stamp = tree / "generated.json"
    if not stamp.is_file():
        sys.path.insert(0, str(HERE))
        from generate import generate

        print(f"generating {n} packs in {tree} ...", file=sys.stderr)
        stats = generate(tree, n, args.seed)
        stamp.write_text(json.dumps(stats, indent=2))
    stats = json.loads(stamp.read_text())
    repeat = args.repeat if n < 1000 else 1
    first_pack = sorted((tree / "Packs").iterdir())[0]
    cache = args.work / f"cache-{n}"
    quiet = ["-q", "--output-format", "concise", "--exit-zero"]
    labels = ("floor", "cold", "cold_serial", "fill", "warm", "one_pack", "version")
    results: dict[str, list[dict]] = {k: [] for k in labels}

    def run(label: str, cmd: list[str], times: int) -> None:
        for _ in range(times):
            sample = child_measure(cmd, tree)
            if sample["rc"] not in (0, 1):
                raise SystemExit(f"{label} failed ({sample['rc']}): {sample['stderr_tail']}")
            results[label].append(sample)
            print(f"  N={n:<5} {label:<12} {sample['wall']:8.3f}s  rss {sample['max_rss_mb']:6.1f} MB"
                  f"  tree {sample['tree_rss_mb']:6.1f} MB", file=sys.stderr)

    # The floor first: it reads every file, so all runs after it find the page cache warm.
    for _ in range(repeat):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--floor", str(tree)]
        sample = child_measure(cmd, tree)
        sample["floor"] = json.loads(sample["stdout_tail"].strip().splitlines()[-1])
        results["floor"].append(sample)
        print(f"  N={n:<5} floor        {sample['floor']['seconds']:8.3f}s (in process; wall {sample['wall']:.3f}s)",
              file=sys.stderr)
    run("cold", [*validate, ".", "--no-cache", *quiet], repeat)
    if not args.skip_serial:
        run("cold_serial", [*validate, ".", "--no-cache", "-j", "1", *quiet], repeat)
    for _ in range(repeat):
        subprocess.run(["rm", "-rf", str(cache)], check=True)
        run("fill", [*validate, ".", "--cache-dir", str(cache), *quiet], 1)
        run("warm", [*validate, ".", "--cache-dir", str(cache), *quiet], 1)
    run("one_pack", [*validate, str(first_pack.relative_to(tree)), "--no-cache", *quiet], max(repeat, 3))
    run("version", [*validate, "--version"], max(repeat, 5))

    floor = statistics.median(s["floor"]["seconds"] for s in results["floor"])
    floor_cpu = statistics.median(s["floor"]["cpu"] for s in results["floor"])
    cpu = [s["user"] + s["sys"] for s in results["cold"]]
    row = {
        "packs": n, "files": stats["files"], "bytes": stats["bytes"], "analysed": results["floor"][0]["floor"],
        "floor_s": floor,
        "floor_cpu_s": floor_cpu,
        "cold_cpu_s": statistics.median(cpu),
        "cold_s": median_of(results["cold"], "wall"),
        "cold_serial_s": median_of(results["cold_serial"], "wall") if results["cold_serial"] else None,
        "fill_s": median_of(results["fill"], "wall"),
        "warm_s": median_of(results["warm"], "wall"),
        "one_pack_s": median_of(results["one_pack"], "wall"),
        "version_s": median_of(results["version"], "wall"),
        "cold_max_rss_mb": max(s["max_rss_mb"] for s in results["cold"]),
        "cold_tree_rss_mb": max(s["tree_rss_mb"] for s in results["cold"]),
        "serial_max_rss_mb": max((s["max_rss_mb"] for s in results["cold_serial"]), default=None),
        "samples": results,
    }
    row["cold_ratio"] = row["cold_s"] / floor
    row["cold_cpu_ratio"] = row["cold_cpu_s"] / floor_cpu
    row["warm_pct"] = 100 * row["warm_s"] / row["cold_s"]
    row["packs_per_s"] = n / row["cold_s"]
    row["warm_packs_per_s"] = n / row["warm_s"]
    return row


def table(rows: list[dict]) -> str:
    head = ("| N packs | files (MB) | parse floor | cold | cold ÷ floor | cold CPU ÷ floor CPU | cold `-j1` | warm "
            "| warm ÷ cold | packs/s cold | one pack | `--version` | peak RSS cold: largest process / all processes |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        serial = f"{r['cold_serial_s']:.2f} s" if r["cold_serial_s"] is not None else "-"
        lines.append(
            f"| {r['packs']} | {r['files']} ({r['bytes'] / 1e6:.0f}) | {r['floor_s']:.2f} s | {r['cold_s']:.2f} s "
            f"| {r['cold_ratio']:.2f}× | {r['cold_cpu_ratio']:.2f}× | {serial} | {r['warm_s']:.2f} s "
            f"| {r['warm_pct']:.1f} % "
            f"| {r['packs_per_s']:.1f} | {r['one_pack_s'] * 1000:.0f} ms | {r['version_s'] * 1000:.0f} ms "
            f"| {r['cold_max_rss_mb']:.0f} MB / {r['cold_tree_rss_mb']:.0f} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--floor"]:
        print(json.dumps(parse_floor(Path(argv[1]))))
        return 0
    if argv[:1] == ["--measure"]:
        cwd = argv[2] if argv[1:2] == ["--cwd"] else None
        cmd = argv[argv.index("--") + 1:]
        print(json.dumps(measure(cmd, cwd)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", "-n", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement below N=1000 (median)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/validate-bench"), help="where trees and caches go")
    parser.add_argument("--validate", default=f"{shlex.quote(sys.executable)} -m validator",
                        help="the command to benchmark (default: this Python's -m validator)")
    parser.add_argument("--skip-serial", action="store_true", help="do not time --jobs 1")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    validate = shlex.split(args.validate)
    rows = [bench_one(n, args, validate) for n in args.packs]
    machine = {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
               "load_avg_at_start": START_LOAD,
               "load_avg_at_end": os.getloadavg() if hasattr(os, "getloadavg") else None,
               "validate": args.validate}
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2))
    print(table(rows))
    print(f"\n{machine['cpus']} CPUs, Python {machine['python']}, load average {START_LOAD} at the start and "
          f"{machine['load_avg_at_end']} at the end; samples in {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
