"""Writes synthetic Safe City scenarios of any size, for benchmarks.

    uv run python benchmarks/generate.py OUT_FOLDER [--scenes 1000] [--seed 0]

The scenario uses every part of the format the way a writer would: meters with
low/high thresholds that end the game, flags (full and short form), characters,
sourced facts, a glossary with aliases, events, reality items, variants, a quiz,
a calendar and classroom notes. Scenes live in `scenes/part_NNN.yaml`, about
500 per file, pulled in with one glob. Each scene has Markdown text with
{meter} substitutions and [[term]] links, spoken lines, fact references and
one way on: 2-4 choices (conditions, locks, effects, `later`, weighted
`outcomes`), a route, a single goto or an ending.

Every reference points at something that exists, so `load_scenario` reports
nothing and a benchmark times a full, clean validation. The output depends only
on (scenes, seed).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

SCENES_PER_FILE = 500

# --- the fixed cast ------------------------------------------------------------

METERS = {
    # id: (label, start, min, max, unit, low threshold, high threshold)
    "budget": ("City budget", 60, 0, 100, "M€", (None, "end_bankrupt"), None),
    "trust": ("Public trust", 50, 0, 100, "%", (10, "end_recall"), (None, "end_model_city")),
    "privacy": ("Privacy", 70, 0, 100, "", (5, "end_panopticon"), None),
    "safety": ("Feeling of safety", 50, 0, 100, "", None, None),
    "crime": ("Reported crime", 40, 0, 100, "", None, (95, "end_riots")),
    "press": ("Press coverage", 0, -50, 50, "", None, None),
    "cameras": ("Cameras installed", 12, 0, 500, "cameras", None, None),
}
NUMERIC = [m for m in METERS if m != "cameras"]

FLAG_VERBS = ["signed", "refused", "delayed", "leaked", "audited", "published", "funded", "banned"]
FLAG_NOUNS = ["camera_deal", "face_pilot", "data_sharing", "drone_trial", "school_gates", "anpr_network",
              "privacy_board", "open_data"]

CHARACTERS = {
    "mayor": ("Claire Dumas", "the mayor", "blue"),
    "chief": ("Marc Lenoir", "chief of the municipal police", "red"),
    "journalist": ("Inès Haddad", "reporter at the Courrier", "yellow"),
    "activist": ("Tom Berger", "digital-rights activist", "green"),
    "vendor": ("Sales team of VigiTech", "a surveillance vendor", "magenta"),
    "dpo": ("Aline Roux", "data protection officer", "cyan"),
    "judge": ("Judge Perrin", "administrative court", "white"),
    "resident": ("Karim", "a resident of the old town", "green"),
}

GLOSSARY = [
    # key, definition, term shown (or None), aliases
    ("CCTV", "Closed-circuit television: cameras whose images go to a control room.", None, ["video surveillance"]),
    ("facial recognition", "Software that matches faces in images against a list of people.", None, ["face recognition"]),
    ("GDPR", "The EU General Data Protection Regulation (2016/679).", None, ["RGPD"]),
    ("DPIA", "Data protection impact assessment, required before risky processing.", "data protection impact assessment", []),
    ("retention", "How long recordings are kept before they are deleted.", "data retention", ["retention period"]),
    ("predictive policing", "Using past data to forecast where or by whom crime will happen.", None, []),
    ("ANPR", "Automatic number-plate recognition.", None, ["plate readers"]),
    ("biometrics", "Measurements of the body (face, gait, voice) used to identify people.", None, ["biometric data"]),
    ("proportionality", "A measure must be necessary and no more intrusive than needed.", None, ["proportionate"]),
    ("CNIL", "The French data protection authority.", None, []),
    ("smart city", "A city that runs services with sensors, networks and data.", None, []),
    ("metadata", "Data about data: who, when, where — not the content.", None, []),
    ("function creep", "A system built for one purpose slowly used for others.", None, []),
    ("chilling effect", "People avoid lawful acts because they feel watched.", None, []),
    ("audit", "An independent check of how a system is used.", None, ["audits"]),
    ("open data", "Data published for anyone to reuse.", None, []),
    ("public procurement", "The rules a city follows to buy goods and services.", None, ["tender"]),
    ("algorithmic bias", "Systematic errors of an algorithm against some groups.", None, ["bias"]),
    ("drone", "An unmanned aircraft, sometimes carrying a camera.", None, ["drones"]),
    ("anonymisation", "Removing what identifies people from data, for good.", None, ["anonymization"]),
]
LINK_NAMES = [name for key, _, term, aliases in GLOSSARY for name in [key, *( [term] if term else []), *aliases]]

NOUNS = ["the old town", "the station", "the market", "the school gates", "the river bank", "the stadium",
         "the north estate", "the town hall", "the tram line", "the night buses", "the park", "the harbour"]
PROPOSALS = ["forty new cameras", "a facial recognition pilot", "a drone patrol", "plate readers at every entrance",
             "a shared data platform", "sound sensors", "an app to report incidents", "smart street lights",
             "a crowd-analysis system", "a 24-hour control room"]
ACTIONS = [("approve", "Approve it"), ("refuse", "Refuse it"), ("delay", "Ask for a study first"),
           ("consult", "Consult the residents"), ("audit", "Order an independent audit"),
           ("negotiate", "Negotiate the price"), ("limit", "Approve a smaller version"),
           ("publish", "Publish the contract"), ("court", "Ask the court"), ("press", "Call the press")]
TONES = ["bright", "mixed", "dark", "bittersweet"]
SOURCES = [("CNIL", "https://www.cnil.fr/"), ("La Quadrature du Net", "https://www.laquadrature.net/"),
           ("European Data Protection Board", "https://edpb.europa.eu/"), ("Le Monde", "https://www.lemonde.fr/"),
           ("Conseil d'État", "https://www.conseil-etat.fr/"), ("Cour des comptes", "https://www.ccomptes.fr/")]


# --- a tiny YAML writer --------------------------------------------------------
# Written by hand rather than with yaml.dump so the files look like a writer's:
# block style, `|` for Markdown, `+5` for effects, short flow maps and lists.


class Signed(int):
    """An effect amount written with its sign: +5 / -5."""


class Flow(dict):
    """A small mapping written on one line: {budget: +5, trust: -3}."""


class FlowList(list):
    """A short list written on one line: [f001, f002]."""


_PLAIN = re.compile(r"[A-Za-z(][^:#\n\"'{}\[\],]*\Z")
_NOT_PLAIN_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Signed):
        return f"{int(value):+d}"
    if isinstance(value, (int, float)):
        return repr(value)
    if _PLAIN.match(value) and not value.endswith(" ") and value.lower() not in _NOT_PLAIN_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted one


def emit(value, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{scalar(key)}:"
            if isinstance(item, Flow):
                lines.append(f"{head} {{{', '.join(f'{scalar(k)}: {scalar(v)}' for k, v in item.items())}}}")
            elif isinstance(item, FlowList):
                lines.append(f"{head} [{', '.join(scalar(v) for v in item)}]")
            elif isinstance(item, (dict, list)):
                lines.append(head)
                lines.extend(emit(item, indent + 2))
            elif isinstance(item, str) and "\n" in item:
                lines.append(f"{head} |")
                lines.extend(f"{pad}  {line}" if line else "" for line in item.rstrip("\n").split("\n"))
            else:
                lines.append(f"{head} {scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict) and not isinstance(item, Flow):
                inner = emit(item, indent + 2)
                inner[0] = f"{pad}- {inner[0][indent + 2:]}"
                lines.extend(inner)
            elif isinstance(item, str) and "\n" in item:
                lines.append(f"{pad}- |")
                lines.extend(f"{pad}    {line}" if line else "" for line in item.rstrip("\n").split("\n"))
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def dump(document: dict, comment: str = "") -> str:
    head = f"# {comment}\n" if comment else ""
    return head + "\n".join(emit(document)) + "\n"


# --- the story -----------------------------------------------------------------


class _Story:
    def __init__(self, scenes: int, seed: int):
        if scenes < 50:
            raise ValueError("a synthetic scenario needs at least 50 scenes")
        self.rng = random.Random(seed)
        self.total = scenes
        self.flags = [f"{v}_{n}" for v in FLAG_VERBS[:4] for n in FLAG_NOUNS] + \
                     [f"{v}_{n}" for v in FLAG_VERBS[4:] for n in FLAG_NOUNS[:2]]
        threshold_endings = sorted({t[1] for m in METERS.values() for t in m[5:7] if t})
        narrative = 3 + scenes // 500
        self.endings = threshold_endings + [f"end_{TONES[k % len(TONES)]}_{k + 1}" for k in range(narrative)]
        self.numbered = [f"s{i + 1:05d}" for i in range(scenes - len(self.endings))]
        # Each numbered scene gets a kind; the start scene always offers choices.
        self.kind: dict[str, str] = {}
        for i, sid in enumerate(self.numbered):
            r = self.rng.random()
            if i == 0:
                kind = "choices"
            elif r < 0.05:
                kind = "interlude"  # shown by an event or `later`: its choices need no goto
            elif r < 0.13:
                kind = "route"
            elif r < 0.19:
                kind = "goto"
            else:
                kind = "choices"
            self.kind[sid] = kind
        self.main = [s for s in self.numbered if self.kind[s] != "interlude"]
        self.position = {sid: p for p, sid in enumerate(self.main)}
        self.interludes = [s for s in self.numbered if self.kind[s] == "interlude"]
        self.facts = [f"fact_{k + 1:04d}" for k in range(max(30, scenes // 25))]
        # Every interlude is shown by something: every fourth by an event, the
        # others by a `later` planted in a choice scene.
        self.event_scenes = self.interludes[::4]
        self.planted: dict[str, list[str]] = {}
        choice_scenes = [s for s in self.main if self.kind[s] == "choices"]
        event_set = set(self.event_scenes)
        for sid in self.interludes:
            if sid not in event_set:
                self.planted.setdefault(self.rng.choice(choice_scenes), []).append(sid)

    # -- small pieces --

    def cond(self, depth: int = 0) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.30:
            return f"{rng.choice(NUMERIC)} {rng.choice(['>=', '<', '>', '<=', '!='])} {rng.randrange(5, 95, 5)}"
        if r < 0.45:
            return rng.choice(["", "not "]) + rng.choice(self.flags)
        if r < 0.55:
            return f"visited({rng.choice(self.numbered)})"
        if r < 0.62:
            return f"turn >= {rng.randint(2, 12)}"
        if r < 0.72:
            a, b = rng.sample(NUMERIC, 2)
            return f"{a} + {b} > {rng.randrange(40, 160, 10)}"
        if r < 0.78:
            a, b = rng.sample(NUMERIC, 2)
            return f"({a} - {b}) * 2 > {rng.randrange(-40, 40, 10)}"
        if r < 0.82:
            return f"{rng.choice(NUMERIC)} / 2 >= {rng.randrange(5, 45, 5)}"
        if depth >= 1:
            return rng.choice(self.flags)
        joiner = rng.choice([" and ", " or "])
        if r < 0.92:
            return self.cond(depth + 1) + joiner + self.cond(depth + 1)
        return f"not ({self.cond(depth + 1)}{joiner}{self.cond(depth + 1)})"

    def effects(self, low: int = 1, high: int = 3) -> Flow:
        rng = self.rng
        result = Flow()
        for _ in range(rng.randint(low, high)):
            r = rng.random()
            if r < 0.7:
                result[rng.choice(NUMERIC)] = Signed(rng.choice([-10, -5, -3, -2, 2, 3, 5, 10]))
            elif r < 0.8:
                result[rng.choice(NUMERIC)] = f"={rng.randrange(10, 90, 10)}"
            elif r < 0.85:
                result["cameras"] = Signed(rng.choice([5, 10, 20, 40]))
            else:
                result[rng.choice(self.flags)] = rng.random() < 0.8
        return result

    def link(self) -> str:
        return f"[[{self.rng.choice(LINK_NAMES)}]]"

    def markdown(self, sid: str) -> str:
        rng = self.rng
        place, proposal = rng.choice(NOUNS), rng.choice(PROPOSALS)
        meter_a, meter_b = rng.sample(NUMERIC, 2)
        paragraphs = [
            f"Week {rng.randint(1, 52)}. Near {place}, the council debates **{proposal}**. "
            f"The budget stands at {{budget}}; {METERS[meter_a][0].lower()}: {{{meter_a}}}.",
            f"The vendor promises {rng.randint(10, 95)}% fewer incidents with {self.link()}; "
            f"the data protection officer asks about {self.link()} and _{rng.choice(['who sees', 'how long', 'why'])}_.",
        ]
        if rng.random() < 0.5:
            paragraphs.append(f"- {rng.choice(NOUNS).capitalize()}: {rng.randint(2, 40)} complaints\n"
                              f"- {{{meter_b}}} on the {METERS[meter_b][0].lower()} gauge\n"
                              f"- see {self.link()}")
        if rng.random() < 0.3:
            paragraphs.append(f"> \"{rng.choice(PROPOSALS).capitalize()} will change {place},\" "
                              f"says a resident. Cameras so far: {{cameras}}.")
        return "\n\n".join(paragraphs) + "\n"

    def say(self) -> list:
        rng = self.rng
        lines = []
        for who in rng.sample(list(CHARACTERS), rng.randint(1, 3)):
            text = rng.choice([
                f"We cannot ignore {rng.choice(NOUNS)}.",
                f"Who will check how {self.link()} is used?",
                f"With {{budget}} left, {rng.choice(PROPOSALS)} is a stretch.",
                f"My readers want to know about {self.link()}.",
                "The law is clear: it must be necessary and proportionate.",
                f"Residents of {rng.choice(NOUNS)} feel watched.",
            ])
            if rng.random() < 0.25:
                lines.append({"who": who, "text": text, "if": self.cond()})
            else:
                lines.append({who: text})
        return lines

    def forward(self, sid: str) -> str:
        """A scene a little ahead of this one (or an ending, near the end or by chance)."""
        rng = self.rng
        r = rng.random()
        if r < 0.04:
            return rng.choice(self.endings)
        if r < 0.08 and sid in self.position and self.position[sid] > 0:
            return self.main[rng.randrange(0, self.position[sid])]  # back to a hub
        base = self.position.get(sid, rng.randrange(len(self.main)))
        target = base + rng.randint(1, 30)
        return self.main[target] if target < len(self.main) else rng.choice(self.endings)

    def later(self):
        rng = self.rng
        item = {"scene": rng.choice(self.interludes), "turns": rng.randint(1, 4)}
        if rng.random() < 0.5:
            item["if"] = self.cond()
        return item

    def choice(self, sid: str, action: tuple[str, str], goto: bool, planted: list[str]) -> dict:
        rng = self.rng
        c: dict = {"id": action[0], "text": f"{action[1]}: {rng.choice(PROPOSALS)}" if rng.random() < 0.5 else action[1]}
        if rng.random() < 0.3:
            c["if"] = self.cond()
            if rng.random() < 0.35:
                c["locked"] = f"You need {rng.choice(['more budget', 'a signed deal', 'the court on your side'])}."
        if rng.random() < 0.7:
            c["effects"] = self.effects()
        if goto:
            c["goto"] = self.forward(sid)
        laters = [{"scene": s, "turns": rng.randint(1, 3)} for s in planted]
        if rng.random() < 0.1 and self.interludes:
            laters.append(self.later())
        if laters:
            c["later"] = laters[0] if len(laters) == 1 and rng.random() < 0.5 else laters
        if goto and rng.random() < 0.1:
            outcomes = []
            for _ in range(rng.randint(2, 3)):
                o: dict = {"weight": rng.choice([1, 2, 3, 0.5])}
                if rng.random() < 0.2:
                    o["if"] = self.cond()
                o["effects"] = self.effects(1, 2)
                if rng.random() < 0.6:
                    o["goto"] = self.forward(sid)
                if rng.random() < 0.3:
                    o["later"] = self.later()
                o["result"] = rng.choice(["It works, for now.", "The press finds out.",
                                          f"The court objects to the {self.link()} clause."])
                outcomes.append(o)
            c["outcomes"] = outcomes
        if rng.random() < 0.3:
            c["result"] = rng.choice(["The council votes.", f"The budget is now {{budget}}.",
                                      f"The {self.link()} debate goes on."])
        return c

    def scene(self, sid: str) -> dict:
        rng = self.rng
        kind = self.kind.get(sid, "ending")
        s: dict = {}
        if kind in ("choices", "route") and rng.random() < 0.3:
            s["turn"] = True
        if kind != "interlude" and rng.random() < 0.5:
            s["headline"] = f"{rng.choice(PROPOSALS).capitalize()} for {rng.choice(NOUNS)}? Trust at {{trust}}%"
        if rng.random() < 0.1:
            s["text"] = [{"text": self.markdown(sid)},
                         {"if": self.cond(), "text": f"Since your last decision, {self.link()} is on every front page.\n"}]
        else:
            s["text"] = self.markdown(sid)
        if kind != "ending":
            s["say"] = self.say()
        if rng.random() < 0.6:
            s["facts"] = FlowList(rng.sample(self.facts, rng.randint(1, 2)))
        if rng.random() < 0.2:
            s["effects"] = self.effects(1, 2)
        if kind in ("choices", "interlude"):
            actions = rng.sample(ACTIONS, 2 if kind == "interlude" else rng.randint(2, 4))
            planted = self.planted.get(sid, [])
            s["choices"] = [self.choice(sid, a, goto=kind == "choices" or rng.random() < 0.3,
                                        planted=planted if k == 0 else []) for k, a in enumerate(actions)]
        elif kind == "route":
            s["route"] = [{"if": self.cond(), "goto": self.forward(sid)} for _ in range(rng.randint(1, 3))]
            s["route"].append({"goto": self.forward(sid)})
        elif kind == "goto":
            s["goto"] = self.forward(sid)
        else:
            k = self.endings.index(sid)
            s["ending"] = {"title": sid.split("_", 1)[1].replace("_", " ").capitalize(), "tone": TONES[k % len(TONES)]}
        if rng.random() < 0.2:
            s["tags"] = FlowList(rng.sample(["budget", "privacy", "police", "schools", "press", "court"], 2))
        return s

    # -- files --

    def root(self) -> dict:
        rng = self.rng
        meters = {}
        for mid, (label, start, low_, high_, unit, low, high) in METERS.items():
            m: dict = {"label": label, "start": start}
            if (low_, high_) != (0, 100):
                m["min"], m["max"] = low_, high_
            if unit:
                m["unit"] = unit
            if mid == "press":
                m["hidden"] = True
            m["description"] = f"How the {label.lower()} evolves."
            for key, threshold in (("low", low), ("high", high)):
                if threshold:
                    m[key] = {"at": threshold[0], "goto": threshold[1]} if threshold[0] is not None else {"goto": threshold[1]}
            meters[mid] = m
        flags = {}
        for k, fid in enumerate(self.flags):
            label = fid.replace("_", " ").capitalize()
            flags[fid] = label if k % 3 else {"label": label, "start": k % 6 == 0, "description": "Set by a choice."}
        facts = {}
        for fid in self.facts:
            name, url = rng.choice(SOURCES)
            facts[fid] = {
                "title": f"{rng.choice(PROPOSALS).capitalize()}: what the evidence says",
                "text": f"A study of {rng.randint(3, 60)} cities found no clear effect of {rng.choice(PROPOSALS)} "
                        f"on crime, but a {rng.randint(5, 40)}% rise in complaints about privacy.\n",
                "source": {"name": name, "url": f"{url}{fid}", "date": f"20{rng.randint(12, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"},
                "tags": FlowList(rng.sample(["law", "evidence", "cost", "europe", "france"], 2)),
            }
        glossary = {}
        for key, text, term, aliases in GLOSSARY:
            if term is None and not aliases:
                glossary[key] = text
            else:
                entry: dict = {"text": text}
                if term:
                    entry["term"] = term
                if aliases:
                    entry["aliases"] = FlowList(aliases)
                glossary[key] = entry
        events = []
        for k, sid in enumerate(self.event_scenes):
            e = {"id": f"ev_{k + 1:04d}", "when": self.cond(), "scene": sid}
            if k % 3 == 0:
                e["once"] = False
            if k % 5 == 0:
                e["priority"] = k % 7
            events.append(e)
        reality = [{"id": f"real_{k + 1}", "when": self.cond(),
                    "text": f"In reality, {rng.choice(PROPOSALS)} was tried in {rng.randint(2, 30)} cities.",
                    "facts": FlowList(rng.sample(self.facts, 2))} for k in range(10)]
        return {
            "scenario": {
                "id": f"synthetic-{self.total}",
                "title": f"Synthetic city ({self.total} scenes)",
                "start": self.numbered[0],
                "language": "en",
                "description": "A generated scenario for benchmarks: every part of the format, every reference valid.\n",
                "authors": ["benchmarks/generate.py"],
                "version": "1.0",
                "calendar": {"start": "2018-06", "months_per_turn": 6},
                "includes": ["scenes/*.yaml"],
            },
            "classroom": {"minutes": 45, "level": "upper secondary",
                          "objectives": ["Weigh safety against privacy", "Read a procurement contract"],
                          "discussion": ["Which choice would you make again?", "Who should audit the cameras?"]},
            "meters": meters,
            "flags": flags,
            "characters": {cid: {"name": n, "role": r, "colour": c} for cid, (n, r, c) in CHARACTERS.items()},
            "events": events,
            "facts": facts,
            "glossary": glossary,
            "reality": reality,
            "variants": {
                "express": {"label": "Express game (20 minutes)", "description": "Starts later in the story.",
                            "start": self.main[len(self.main) // 3], "set": Flow(budget="=40", trust="=45")},
                "austerity": {"label": "Austerity", "set": Flow(budget="=25", signed_camera_deal=True)},
            },
            "quiz": {
                "pre": [{"id": "q1", "case": "The city films a demonstration and keeps the images for a year.",
                         "proportionate": False, "explain": "Retention must be limited.",
                         "facts": FlowList([self.facts[0]])},
                        {"id": "q2", "question": "Which law governs personal data in the EU?",
                         "options": ["GDPR", "HIPAA", "The Patriot Act"], "answer": 1}],
                "post": [{"id": "q1", "case": "A camera near a school entrance, images kept 30 days, signposted.",
                          "proportionate": True}],
            },
        }


def generate(folder: Path, scenes: int, seed: int = 0) -> Path:
    """Write a synthetic scenario of `scenes` scenes into `folder` (replacing its story files)."""
    folder = Path(folder)
    story = _Story(scenes, seed)
    scene_dir = folder / "scenes"
    if scene_dir.exists():
        shutil.rmtree(scene_dir)
    scene_dir.mkdir(parents=True)
    (folder / "scenario.yaml").write_text(
        dump(story.root(), f"Synthetic scenario: {scenes} scenes, seed {seed} (benchmarks/generate.py)"), encoding="utf-8")
    ids = story.numbered + story.endings
    for part, first in enumerate(range(0, len(ids), SCENES_PER_FILE), start=1):
        chunk = ids[first:first + SCENES_PER_FILE]
        document = {"scenes": {sid: story.scene(sid) for sid in chunk}}
        (scene_dir / f"part_{part:03d}.yaml").write_text(dump(document, f"scenes {chunk[0]} .. {chunk[-1]}"),
                                                          encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic Safe City scenario folder.")
    parser.add_argument("folder", type=Path, help="where to write it (created if missing)")
    parser.add_argument("--scenes", type=int, default=1000, help="number of scenes (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    generate(args.folder, args.scenes, args.seed)
    files = sorted(args.folder.rglob("*.yaml"))
    size = sum(p.stat().st_size for p in files)
    print(f"{args.folder}: {args.scenes} scenes in {len(files)} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
