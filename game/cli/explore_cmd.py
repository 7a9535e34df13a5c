"""`safecity explore PATH`: random playthroughs with coverage, endings, meters and failures to replay."""

from __future__ import annotations

import json
import statistics
import sys
import time

from game.analysis.explore import STRATEGIES, explore, group_failures, replay_command
from game.cli.common import load_or_report
from game.model.safe_text import PrintableWriter



def _bar(share: float, width: int = 30) -> str:
    return "█" * round(share * width)


def _histogram(values: list[float], low: float, high: float, bins: int = 10) -> list[int]:
    counts = [0] * bins
    span = (high - low) or 1
    for v in values:
        counts[min(bins - 1, int((v - low) / span * bins))] += 1
    return counts


def _write_gaps(out, gaps: dict[str, list[str]]) -> None:
    for kind, items in gaps.items():
        if items:
            shown = ", ".join(items[:12]) + (f" … (+{len(items) - 12})" if len(items) > 12 else "")
            what = "not played in these games" if kind == "other variants' starts" else "never reached"
            out.write(f"  {what} ({kind}): {shown}\n")


def _progress(stream):
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] > 0.2:
            last[0] = now
            stream.write(f"\r  {done:,}/{total:,} runs {_bar(done / total, 20):<20}")
            if done == total:
                stream.write("\n")
            stream.flush()

    return show


def _minutes(report) -> dict:
    values = sorted(report.minutes)
    if not values:
        return {"min": 0, "median": 0, "max": 0, "words_median": 0}
    return {"min": round(values[0], 1), "median": round(statistics.median(values), 1), "max": round(values[-1], 1),
            "words_median": statistics.median(report.shown_words)}


def unknown_variant(scenario, variant: str | None) -> bool:
    """True (after saying so) when the scenario has no such variant."""
    if variant and variant not in scenario.variants:
        PrintableWriter(sys.stderr).write(f"safecity explore: no variant `{variant}` "
                                          f"(known: {', '.join(scenario.variants) or 'none'})\n")
        return True
    return False


def run_explore(path, runs: int = 1000, seed: int = 0, variant: str | None = None, prefer_unused: bool = False,
                as_json: bool = False, out=None, strategy: str = "random", language: str | None = None) -> int:
    out = PrintableWriter(out or sys.stdout)     # story text and paths may hold anything
    scenario = load_or_report(path, "explore", language)
    if scenario is None:
        return 1
    if unknown_variant(scenario, variant):
        return 2
    progress = _progress(sys.stderr) if sys.stderr.isatty() and runs >= 200 and not as_json else None
    started = time.perf_counter()
    report = explore(scenario, runs, seed=seed, variant=variant, prefer_unused=prefer_unused, progress=progress,
                     strategy=strategy)
    elapsed = time.perf_counter() - started
    missing = report.missing(scenario, variant)
    failures = [{"seed": f.seed, "problem": f.problem, "scene": f.scene, "message": f.message, "path": f.path,
                 "runs": runs_with_it, "replay": f.replay_command(str(path))}
                for f, runs_with_it in group_failures(report.failures)]
    if as_json:
        json.dump({
            "runs": report.runs, "seconds": round(elapsed, 3), "seed": seed, "variant": variant,
            "strategy": strategy, "minutes": _minutes(report),
            "scenes_reached": len(report.scenes), "scenes": len(scenario.scenes), "missing": missing,
            "endings": dict(report.endings.most_common()),
            "decisions": {"min": min(report.decisions, default=0), "median": statistics.median(report.decisions or [0]),
                          "max": max(report.decisions, default=0)},
            "final_meters": {mid: {"min": min(v, default=0), "median": statistics.median(v or [0]),
                                   "max": max(v, default=0)} for mid, v in report.final_meters.items()},
            "failures": failures,
        }, out, indent=2)
        out.write("\n")
        return 1 if failures else 0
    total_choices = sum(len(s.choices) for s in scenario.scenes.values())
    out.write(f"{report.runs:,} runs of {scenario.title} in {elapsed:.1f} s (seeds {seed}..{seed + runs - 1}"
              f"{', variant ' + variant if variant else ''}{', preferring unused choices' if prefer_unused else ''}"
              f"{', strategy ' + strategy if strategy != 'random' else ''})\n\n")
    out.write(f"Coverage: {len(report.scenes)}/{len(scenario.scenes)} scenes, "
              f"{total_choices - len(missing['choices'])}/{total_choices} choices, "
              f"{len(scenario.events) - len(missing['events'])}/{len(scenario.events)} events\n")
    _write_gaps(out, missing)
    out.write("\nEndings:\n")
    finished = sum(report.endings.values()) or 1
    for ending, count in report.endings.most_common():
        title = scenario.scenes[ending].ending.title
        out.write(f"  {count / finished:6.1%} {_bar(count / finished):<30} {title} ({ending})\n")
    never = [s.id for s in scenario.scenes.values() if s.ending and s.id not in report.endings]
    if never:
        out.write(f"  never reached: {', '.join(never)}\n")
    if report.decisions:
        out.write(f"\nRun length: {min(report.decisions)}-{max(report.decisions)} decisions "
                  f"(median {statistics.median(report.decisions):g})\n")
        m = _minutes(report)
        out.write(f"Class time: {m['min']:g}-{m['max']:g} minutes (median {m['median']:g}): every word a run shows "
                  f"(scenes, speeches, results, fact cards, choices, ending; median {m['words_median']:,.0f}) at "
                  f"200 a minute, plus 20 s per decision\n")
    out.write("\nMeters at the end (10 bins from min to max):\n")
    for mid, values in report.final_meters.items():
        meter = scenario.meters[mid]
        counts = _histogram(values, meter.min, meter.max)
        peak = max(counts) or 1
        spark = "".join(" ▁▂▃▄▅▆▇█"[round(c / peak * 8)] for c in counts)
        median = statistics.median(values) if values else 0
        out.write(f"  {meter.label:<24} {meter.min:g} |{spark}| {meter.max:g}   median {median:g}\n")
    if failures:
        total = sum(f["runs"] for f in failures)
        _write_replays(out, f"cause(s) of failure, in {total} run(s)", [
            (f"{f['problem']} in `{f['scene']}`: {f['message']} ({f['runs']} run(s); the shortest replay:)",
             f["replay"]) for f in failures])
        return 1
    out.write("\nNo softlock or error.\n")
    return 0


def run_strategies(path, runs: int = 200, seed: int = 0, variant: str | None = None, as_json: bool = False,
                   out=None, language: str | None = None) -> int:
    """Balance: each scripted player's endings and class minutes, side by side."""
    out = PrintableWriter(out or sys.stdout)
    scenario = load_or_report(path, "explore", language)
    if scenario is None:
        return 1
    if unknown_variant(scenario, variant):
        return 2
    reports = {name: explore(scenario, runs, seed=seed, variant=variant, strategy=name) for name in STRATEGIES}
    if as_json:
        json.dump({"runs": runs, "seed": seed, "variant": variant, "strategies": {
            name: {"endings": dict(r.endings.most_common()), "minutes": _minutes(r),
                   "failures": len(r.failures)} for name, r in reports.items()}}, out, indent=2)
        out.write("\n")
        return 1 if any(r.failures for r in reports.values()) else 0
    out.write(f"{runs:,} runs per strategy of {scenario.title}{', variant ' + variant if variant else ''}\n")
    for name, r in reports.items():
        finished = sum(r.endings.values()) or 1
        m = _minutes(r)
        out.write(f"\n{name}: {STRATEGIES[name]} (class time median {m['median']:g} min)\n")
        for ending, count in r.endings.most_common():
            sc = scenario.scenes[ending]
            out.write(f"  {count / finished:6.1%} {_bar(count / finished, 20):<20} {sc.ending.title} ({ending}"
                      f"{', ' + sc.ending.tone if sc.ending.tone else ''})\n")
    return 1 if any(r.failures for r in reports.values()) else 0


def _write_replays(out, what: str, problems: list[tuple[str, str]]) -> None:
    """Each problem in a line, with the command that replays it under (the first 20)."""
    out.write(f"\n{len(problems)} {what}; replay each with the command shown:\n")
    for line, command in problems[:20]:
        out.write(f"  {line}\n    {command}\n")


def run_exhaustive(path, variant: str | None = None, max_states: int = 200_000, max_seconds: float = 30.0,
                   as_json: bool = False, out=None, meters: str = "exact") -> int:
    from game.analysis.exhaustive import explore_all, missing

    out = PrintableWriter(out or sys.stdout)     # story text and paths may hold anything
    scenario = load_or_report(path, "explore")
    if scenario is None:
        return 1

    began, last_line = time.monotonic(), [0.0]
    on_terminal = sys.stderr.isatty()

    def progress(done: int, cap: int) -> None:
        """On a terminal, one line that updates itself; piped (a CI log), a line every few seconds."""
        now = time.monotonic() - began
        text = f"  {done:,} states of at most {cap:,}, {now:.0f} s of at most {max_seconds:g} s"
        if on_terminal:
            sys.stderr.write(f"\r{text} {_bar(min(1.0, max(done / cap, now / max_seconds)), 20)}")
        elif now - last_line[0] >= 2:
            last_line[0] = now
            sys.stderr.write(text + "\n")
        sys.stderr.flush()

    report = explore_all(scenario, variant=variant, meters=meters, max_states=max_states, max_seconds=max_seconds,
                         progress=None if as_json else progress)
    if on_terminal and not as_json:
        sys.stderr.write("\n")
    gaps = missing(scenario, report, variant)
    softlocks = [{"scene": scene, "path": p, "message": message, "replay": replay_command(path, 0, p, variant)}
                 for scene, p, message in report.softlocks]
    loops = [{"entry": loop.entry, "cycle": loop.cycle, "states": loop.states, "path": loop.path,
              "replay": replay_command(path, 0, loop.path, variant)} for loop in report.loops]
    exits = [{"meter": e.meter, "kind": e.kind, "scene": e.scene, "choice": e.choice,
              "outcome": None if e.outcome is None else e.outcome + 1, "value": e.value,
              "replay": replay_command(path, 0, e.path, variant)}
             for key in sorted(report.exits) for e in report.exits[key].values()]
    if as_json:
        json.dump({"mode": report.mode, "states": report.states, "situations": report.situations,
                   "complete": report.complete, "seconds": round(report.seconds, 3),
                   "missing": gaps, "endings": sorted(report.endings),
                   "thresholds": sorted(f"{m}.{side}" for m, side in report.thresholds),
                   "meter_exits": exits, "softlocks": softlocks, "loops": loops,
                   "loops_checked": report.loops_checked}, out, indent=2)
        out.write("\n")
        return 1 if softlocks or loops else 0
    if not report.complete:
        limit = (f"it reached --max-states ({max_states:,})" if report.stopped_by == "states"
                 else f"it ran for --max-seconds ({max_seconds:g} s)")
        scope = (f"stopped early because {limit}: what follows is a lower bound; raise the limit"
                 + (", or try --meters extremes" if report.mode == "exact" else ""))
    elif report.mode == "exact":
        scope = "every reachable state"
    else:
        scope = (f"{report.situations:,} situations, each with the lowest and highest meters games bring to it; "
                 "something reached only with a meter mid-range can be missed (--meters exact decides)")
    out.write(f"Exhaustive exploration of {scenario.title}: {report.states:,} states in {report.seconds:.1f} s; "
              f"{scope}\n")
    out.write(f"Endings reached: {len(report.endings)}/{sum(1 for s in scenario.scenes.values() if s.ending)}\n")
    _write_gaps(out, gaps)
    _write_exits(out, scenario, report, exits)
    if loops:
        _write_replays(out, "endless loop(s): games that can never reach an ending", [
            (f"from `{loop['entry']}`, every way goes round "
             + " -> ".join(f"`{scene}`" for scene in loop["cycle"] + loop["cycle"][:1])
             + f" ({loop['states']} state(s) caught); give one of these scenes a way out to an ending",
             loop["replay"]) for loop in loops])
    if softlocks:
        _write_replays(out, "softlock(s)", [(f"in `{s['scene']}`: {s['message']}", s["replay"]) for s in softlocks])
    if softlocks or loops:
        return 1
    if report.loops_checked:
        out.write("No softlock: an ending can be reached from every reachable state.\n")
    else:
        out.write("No softlock found (the search stopped early: endless loops were not checked).\n")
    return 0


EXIT_WORDS = {
    "low": "reaches its low threshold ({at:g}), which leads to `{goto}`",
    "high": "reaches its high threshold ({at:g}), which leads to `{goto}`",
    "min": "would go below its minimum ({at:g}) and is held there",
    "max": "would go above its maximum ({at:g}) and is held there",
}


def _write_exits(out, scenario, report, exits: list[dict]) -> None:
    """Every way a meter left its range: one line per (meter, kind), the causes, one replay each."""
    if not exits:
        out.write("No meter leaves its range.\n")
        return
    out.write("\nMeters leaving their range (each way: scene, choice, outcome; first replay shown):\n")
    for (mid, kind) in sorted(report.exits):
        meter = scenario.meters[mid]
        if kind in ("low", "high"):
            threshold = meter.low if kind == "low" else meter.high
            words = EXIT_WORDS[kind].replace("{at:g}", f"{threshold.at:g}").replace("{goto}", threshold.goto)
        else:
            words = EXIT_WORDS[kind].replace("{at:g}", f"{meter.min if kind == 'min' else meter.max:g}")
        ways = [e for e in exits if e["meter"] == mid and e["kind"] == kind]
        out.write(f"  {meter.label} {words}: {len(ways)} way(s)\n")
        for way in ways[:5]:
            outcome = f", outcome {way['outcome']}" if way["outcome"] else ""
            out.write(f"    `{way['scene']}` → `{way['choice']}`{outcome} ({way['value']:g})\n")
        if len(ways) > 5:
            out.write(f"    … and {len(ways) - 5} more (--json lists them all)\n")
        out.write(f"    replay the first: {ways[0]['replay']}\n")
