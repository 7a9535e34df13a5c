"""How much does validation cost on top of parsing? A report, not a test.

    uv run python benchmarks/check_vs_yaml.py [--sizes 1000,10000] [--repeat 3] [--seed 0]
                                              [--clock cpu|wall] [--no-cli] [--keep DIR]

For each size, a synthetic scenario (benchmarks/generate.py) is written to a
temporary folder, then, in the same run and interleaved so both see the same
machine load, the best of `--repeat` timings is taken of:

  yaml.load   read the text of every file of the folder and
              `yaml.load(text, Loader=yaml.CSafeLoader)` it: the bare parse.
  check       `load_scenario(folder)`: read, parse with positions, conform to
              the schema, build and check every reference.
  CLI         `python -m game check folder` in a subprocess, end to end, next to
              `python -c "import yaml"` (interpreter start-up) as its baseline.

Times are CPU time of the process (for the CLI: of the child) by default, which
other jobs on a shared machine disturb less than elapsed time; `--clock wall`
uses elapsed time, and the table always shows the other clock's ratio too.
Every run starts after gc.collect(); the garbage collector stays on, as in use.

The goal (from the issue): check <= 1.5 x yaml.load, and time per scene that
stays flat from 1,000 to 10,000 scenes (linearity ~1.0).

Exit status: 0 whatever the numbers; 1 only if the loader reports errors on a
generated scenario (the benchmark would then not time a clean validation).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402

from generate import generate  # noqa: E402
from game.loader import load_scenario  # noqa: E402

GOAL_RATIO = 1.5
LINEAR_WITHIN = 1.25  # time per scene at the largest size / at the smallest


def story_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


def bare_parse(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def validate(folder: Path) -> None:
    result = load_scenario(folder)
    if result.errors:  # checked once before timing; this keeps the timed call honest
        raise AssertionError(f"{len(result.errors)} errors")


class Best:
    """The best (least) wall-clock and CPU time seen over the repeats."""

    def __init__(self):
        self.wall = self.cpu = float("inf")

    def add(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = min(self.wall, wall), min(self.cpu, cpu)

    def get(self, clock: str) -> float:
        return self.cpu if clock == "cpu" else self.wall


def timed(best: Best, fn, *args) -> None:
    gc.collect()  # start each run with no garbage left by the one before
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    best.add(time.perf_counter() - wall, time.process_time() - cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(cmd, cwd=PROJECT, env=env, capture_output=True, text=True)


def timed_run(best: Best, cmd: list[str]) -> subprocess.CompletedProcess:
    wall, cpu = time.perf_counter(), children_cpu()
    done = run(cmd)
    best.add(time.perf_counter() - wall, children_cpu() - cpu)
    return done


def measure(size: int, repeat: int, seed: int, cli: bool, workdir: Path) -> dict:
    folder = generate(workdir / f"scenario-{size}", size, seed)
    files = story_files(folder)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"  {size:,} scenes: {len(files)} files, {megabytes:.1f} MB ... ", end="", flush=True)

    first = load_scenario(folder)  # also warms the file cache and imports
    if first.errors or first.scenario is None:
        print("the loader reports errors on the generated scenario:")
        for d in first.diagnostics[:15]:
            print("   ", d.format().replace("\n", "\n    "))
        raise SystemExit(1)
    warnings = len(first.diagnostics)
    del first

    base, check = Best(), Best()
    for _ in range(repeat):
        timed(base, bare_parse, files)
        timed(check, validate, folder)

    row = {"size": size, "files": len(files), "mb": megabytes, "base": base, "check": check, "warnings": warnings}
    if cli:
        command = [sys.executable, "-m", "game", "check", str(folder)]
        startup = [sys.executable, "-c", "import yaml"]
        cli_time, start_time = Best(), Best()
        for _ in range(repeat):
            done = timed_run(cli_time, command)
            if done.returncode != 0:
                print(f"`{' '.join(command)}` exited {done.returncode}:")
                print("   ", "\n    ".join((done.stdout + done.stderr).splitlines()[:15]))
                raise SystemExit(1)
            timed_run(start_time, startup)
        row.update(cli=cli_time, startup=start_time)
    print("done")
    return row


def report(rows: list[dict], repeat: int, cli: bool, clock: str) -> None:
    other = "wall" if clock == "cpu" else "cpu"
    t = lambda r, key: r[key].get(clock)  # noqa: E731
    print()
    print(f"Best of {repeat}, {'CPU time of the process' if clock == 'cpu' else 'wall-clock time'}; "
          f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
          f"PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}); {date.today().isoformat()}")
    print()
    head = (f"{'scenes':>7} {'files':>5} {'MB':>5} {'yaml.load s':>11} {'check s':>8} {'check/yaml':>10} "
            f"{'validation adds':>15} {'yaml us/scene':>13} {'check us/scene':>14} {'(' + other + ' ratio)':>12}")
    print(head)
    print("-" * len(head))
    for r in rows:
        ratio = t(r, "check") / t(r, "base")
        other_ratio = r["check"].get(other) / r["base"].get(other)
        print(f"{r['size']:>7,} {r['files']:>5} {r['mb']:>5.1f} {t(r, 'base'):>11.3f} {t(r, 'check'):>8.3f} "
              f"{ratio:>10.2f} {(ratio - 1) * 100:>14.0f}% {t(r, 'base') / r['size'] * 1e6:>13.0f} "
              f"{t(r, 'check') / r['size'] * 1e6:>14.0f} {other_ratio:>12.2f}")

    if cli:
        print()
        head = (f"{'scenes':>7} {'CLI s':>7} {'start-up s':>10} {'CLI - start-up':>14} {'in-process check':>16} "
                f"{'CLI / yaml.load':>15}")
        print(head)
        print("-" * len(head))
        for r in rows:
            print(f"{r['size']:>7,} {t(r, 'cli'):>7.3f} {t(r, 'startup'):>10.3f} {t(r, 'cli') - t(r, 'startup'):>14.3f} "
                  f"{t(r, 'check'):>16.3f} {t(r, 'cli') / t(r, 'base'):>15.2f}")
        print("  start-up is `python -c \"import yaml\"`; (CLI - start-up) - in-process check is what importing")
        print("  game, the check command, printing and a cold process (fresh heap, exit) add")

    print()
    ratios = [t(r, "check") / t(r, "base") for r in rows]
    met = all(x <= GOAL_RATIO for x in ratios)
    print(f"Goal check/yaml.load <= {GOAL_RATIO}: {'MET' if met else 'NOT MET'} "
          f"(worst {max(ratios):.2f}: validation adds up to {(max(ratios) - 1) * 100:.0f}%)")
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        for what, key in (("check", "check"), ("yaml.load", "base")):
            lin = (t(large, key) / large["size"]) / (t(small, key) / small["size"])
            verdict = "linear" if lin <= LINEAR_WITHIN else "NOT linear"
            print(f"Linearity of {what}: time per scene at {large['size']:,} / at {small['size']:,} = {lin:.2f} "
                  f"({verdict}; ~1.0 is linear, counted linear up to {LINEAR_WITHIN})")
    if any(r["warnings"] for r in rows):
        print("note: the loader reported warnings (no errors) on:", ", ".join(f"{r['size']:,}" for r in rows if r["warnings"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time `check` against a bare yaml.load with the C loader.")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated scene counts (default 1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="timings per measurement; the best is kept (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated scenarios (default 0)")
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess (CLI) timings")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="cpu: CPU time of the process (steadier on a shared machine; default); wall: elapsed time")
    parser.add_argument("--keep", type=Path, help="write the scenarios here instead of a temporary folder")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    repeat = max(1, args.repeat)

    print(f"Generating and timing {', '.join(f'{s:,}' for s in sizes)} scenes (best of {repeat}):")
    with tempfile.TemporaryDirectory(prefix="safecity-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = [measure(size, repeat, args.seed, not args.no_cli, workdir) for size in sizes]
    report(rows, repeat, not args.no_cli, args.clock)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
