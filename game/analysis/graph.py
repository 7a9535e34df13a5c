"""The story as a graph, for writers: Mermaid (renders on GitHub) and Graphviz DOT.

Scenes are nodes; choices, outcomes, routes, a scene's Continue, events, delayed
scenes and meter thresholds are edges drawn in distinct styles; endings stand out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.model.scenario import Scenario


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    kind: str          # choice, outcome, route, continue, event, later, threshold


def edges(scenario: Scenario) -> list[Edge]:
    out: list[Edge] = []
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.outcomes:
                total = sum(o.weight for o in choice.outcomes) or 1
                for outcome in choice.outcomes:
                    if outcome.goto:
                        share = round(100 * outcome.weight / total)
                        out.append(Edge(scene.id, outcome.goto, f"{choice.id} ({share}%)", "outcome"))
            elif choice.goto:
                out.append(Edge(scene.id, choice.goto, choice.id, "choice"))
            for holder in (choice, *choice.outcomes):
                for later in holder.later:
                    out.append(Edge(scene.id, later.scene, f"{choice.id}: +{later.turns} turns", "later"))
        if scene.goto:
            out.append(Edge(scene.id, scene.goto, "continue", "continue"))
        for route in scene.route:
            label = route.condition.source if route.condition else "otherwise"
            out.append(Edge(scene.id, route.goto, label, "route"))
    for variant in scenario.variants.values():
        if variant.start:
            out.append(Edge("__start__", variant.start, f"variant {variant.id}", "continue"))
    for event in scenario.events:
        out.append(Edge("__events__", event.scene, f"{event.id}: {event.when.source}", "event"))
    for meter in scenario.meters.values():
        for side, threshold in (("<=", meter.low), (">=", meter.high)):
            if threshold is not None:
                out.append(Edge(f"__meter_{meter.id}", threshold.goto, f"{side} {threshold.at:g}", "threshold"))
    return out


def _node_id(name: str) -> str:
    return "n_" + re.sub(r"\W", "_", name)


def _label(text: str, limit: int = 40) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace('"', "'").replace("\\", "/")


MERMAID_ARROWS = {"choice": "-->", "outcome": "-.->", "route": "==>", "continue": "-->", "event": "-.->",
                  "later": "-.->", "threshold": "-.->"}


def _coverage_class(scene_id: str, coverage: dict[str, float] | None) -> str:
    """A colour class from the share of explored games that reached the scene."""
    if coverage is None:
        return ""
    share = coverage.get(scene_id, 0.0)
    return "never" if share == 0 else ("rare" if share < 0.05 else "common")


COVERAGE_FILL = {"never": "#ffb3b3", "rare": "#ffe0b3", "common": "#d6f5d6"}


def to_mermaid(scenario: Scenario, coverage: dict[str, float] | None = None) -> str:
    lines = ["flowchart TD"]
    for scene in scenario.scenes.values():
        nid = _node_id(scene.id)
        if scene.ending:
            lines.append(f'  {nid}(["{_label(scene.id)}: {_label(scene.ending.title)}"]):::ending')
        elif scene.route and not scene.choices:
            lines.append(f'  {nid}{{"{_label(scene.id)}"}}')
        else:
            lines.append(f'  {nid}["{_label(scene.id)}"]')
    if scenario.events:
        lines.append('  n___events__(("events")):::special')
    if any(v.start for v in scenario.variants.values()):
        lines.append('  n___start__(("variants")):::special')
    for meter in scenario.meters.values():
        if meter.low or meter.high:
            lines.append(f'  {_node_id("__meter_" + meter.id)}[/"{_label(meter.label)}"/]:::special')
    for edge in edges(scenario):
        arrow = MERMAID_ARROWS[edge.kind]
        lines.append(f'  {_node_id(edge.source)} {arrow}|"{_label(edge.label)}"| {_node_id(edge.target)}')
    lines.append(f"  class {_node_id(scenario.start)} start")
    if coverage is not None:
        for scene in scenario.scenes.values():
            lines.append(f"  class {_node_id(scene.id)} {_coverage_class(scene.id, coverage)}")
        for name, fill in COVERAGE_FILL.items():
            lines.append(f"  classDef {name} fill:{fill}")
    lines.append("  classDef ending fill:#ffe9a8,stroke:#b8860b,stroke-width:2px")
    lines.append("  classDef start fill:#c8f7c5,stroke:#2e7d32,stroke-width:2px")
    lines.append("  classDef special fill:#e8e8ff,stroke:#555")
    return "\n".join(lines) + "\n"


DOT_STYLES = {"choice": "solid", "outcome": "dashed", "route": "bold", "continue": "solid", "event": "dotted",
              "later": "dotted", "threshold": "dashed"}


def to_dot(scenario: Scenario, coverage: dict[str, float] | None = None) -> str:
    lines = [f'digraph "{_label(scenario.id)}" {{', "  rankdir=TB;", '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for scene in scenario.scenes.values():
        nid = _node_id(scene.id)
        never = coverage is not None and coverage.get(scene.id, 0.0) == 0
        if scene.ending:
            fill = COVERAGE_FILL["never"] if never else "#ffe9a8"
            lines.append(f'  {nid} [label="{_label(scene.id)}\\n{_label(scene.ending.title)}", shape=doubleoctagon, '
                         f'style=filled, fillcolor="{fill}"];')
        elif scene.route and not scene.choices:
            extra = f', style=filled, fillcolor="{COVERAGE_FILL["never"]}"' if never else ""
            lines.append(f'  {nid} [label="{_label(scene.id)}", shape=diamond{extra}];')
        else:
            extra = ', style=filled, fillcolor="#c8f7c5"' if scene.id == scenario.start else ""
            if coverage is not None and scene.id != scenario.start:
                share = coverage.get(scene.id, 0.0)
                extra = f', style=filled, fillcolor="{COVERAGE_FILL[_coverage_class(scene.id, coverage)]}", ' \
                        f'xlabel="{share:.0%}"'
            lines.append(f'  {nid} [label="{_label(scene.id)}"{extra}];')
    if scenario.events:
        lines.append('  n___events__ [label="events", shape=ellipse, style=filled, fillcolor="#e8e8ff"];')
    if any(v.start for v in scenario.variants.values()):
        lines.append('  n___start__ [label="variants", shape=ellipse, style=filled, fillcolor="#e8e8ff"];')
    for meter in scenario.meters.values():
        if meter.low or meter.high:
            lines.append(f'  {_node_id("__meter_" + meter.id)} [label="{_label(meter.label)}", shape=parallelogram];')
    for edge in edges(scenario):
        lines.append(f'  {_node_id(edge.source)} -> {_node_id(edge.target)} '
                     f'[label="{_label(edge.label)}", style={DOT_STYLES[edge.kind]}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
