"""Builds the immutable Scenario from conformed files, checking every reference.

By the time data reaches this module its types are right (conform.py dropped
what was not); what is left to check is meaning: ids that exist, ids defined
once, conditions that parse, scenes that have a way on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from game.language.expressions import ExprError, compile_expression
from game.loader.conform import parse_effect_value
from game.loader.files import FolderRead, StoryFile
from game.loader.issues import did_you_mean, problem
from game.loader.locate import line_starts, locate
from game.loader.yaml_reader import YList, YMap
from game.model import scenario as m
from game.model.diagnostics import Diagnostic, Span
from game.model.text_grammar import SUBSTITUTION, TERM_LINK

RESERVED = {"turn", "true", "false", "and", "or", "not", "visited", "min", "max", "abs", "count"}


class Builder:
    def __init__(self, folder: FolderRead, out: list[Diagnostic]):
        self.folder = folder
        self.out = out
        # id -> (data, container YMap) gathered across files
        self.parts: dict[str, dict[str, tuple[object, YMap]]] = {}
        self.lists: dict[str, list[tuple[YMap, YList, int]]] = {"events": [], "reality": []}
        self.quiz_forms: dict[str, tuple[YList, YMap]] = {}
        self.meters: dict[str, m.Meter] = {}
        self.flags: dict[str, m.Flag] = {}
        self.scene_ids: frozenset[str] = frozenset()
        self._compiled: dict = {}   # (source, expect) -> Compiled: many conditions repeat
        self.interludes: set[str] = set()
        self.term_index: dict[str, str] = {}
        self._texts = {f.shown: f.text for f in folder.files}
        self._starts: dict[str, list[int]] = {}
        self.glossary: dict[str, m.GlossaryEntry] = {}

    def report(self, code: str, span: Span, message: str, hint: str = "") -> None:
        self.out.append(problem(code, span, message, hint))

    # -- gathering ---------------------------------------------------------

    def gather(self) -> None:
        for story_file in self.folder.files:
            data = story_file.data
            for part in ("meters", "flags", "characters", "scenes", "facts", "glossary", "variants"):
                if part in data:
                    self._gather_map(part, data[part])
            for part in ("events", "reality"):
                if part in data:
                    items = data[part]
                    for index in range(len(items)):
                        self.lists[part].append((items[index], items, index))
            if "quiz" in data:
                for form, items in data["quiz"].items():
                    if form in self.quiz_forms:
                        self._duplicate("quiz form", form, data["quiz"].key_span(form), self.quiz_forms[form][1].key_span(form))
                        continue
                    self.quiz_forms[form] = (items, data["quiz"])
        # A meter and a flag share one namespace: conditions name both alike.
        for name in set(self.parts.get("meters", {})) & set(self.parts.get("flags", {})):
            flags = self.parts["flags"]
            self._duplicate("name", name, flags[name][1].key_span(name),
                            self.parts["meters"][name][1].key_span(name), "a meter and a flag cannot share a name")
            del flags[name]

    def _gather_map(self, part: str, mapping: YMap) -> None:
        bucket = self.parts.setdefault(part, {})
        for key, value in mapping.items():
            if key in bucket:
                self._duplicate(part[:-1] if part.endswith("s") else part, key, mapping.key_span(key),
                                bucket[key][1].key_span(key))
                continue
            if part in ("meters", "flags") and key in RESERVED:
                self.report("SC205", mapping.key_span(key), f"`{key}` is a reserved word in conditions",
                            "choose another name")
                continue
            bucket[key] = (value, mapping)

    def _duplicate(self, what: str, key: str, span: Span, first: Span, hint: str = "") -> None:
        self.report("SC306", span, f"the {what} `{key}` is defined twice (first at {first})",
                    hint or "ids must be unique across all files of the scenario")

    # -- expressions and text ----------------------------------------------

    def inside(self, span: Span, value: str, offset: int) -> Span:
        """The span of value[offset], for a value that starts at `span`."""
        text = self._texts.get(span.file)
        if not text:
            return span
        starts = self._starts.get(span.file)
        if starts is None:
            starts = self._starts[span.file] = line_starts(text)
        line, col = locate(text, starts, span.line, span.col, value, offset)
        return Span(span.file, line, col)

    def stray_braces(self, text: str, start: int, end: int, container, key) -> None:
        """A { or } between start and end opens or closes nothing: the player would see it as written."""
        for offset in (i for i in range(start, end) if text[i] in "{}"):
            brace = text[offset]
            after = text[offset + 1:offset + 16].split("\n")[0]
            if brace == "{":
                word = re.match(r"[A-Za-z_][\w]*", after)
                message = (f"`{{{word.group(0)}` is never closed: players would see it as written"
                           if word else "this `{` opens no {name}: players would see it as written")
                hint = (f"close it, `{{{word.group(0)}}}`, to show the value; write {{{{ for a brace"
                        if word else "write {{ to show a brace")
            else:
                message = "this `}` closes no {name}: players would see it as written"
                hint = "write }} to show a brace"
            self.report("SC310", self.inside(container.pos(key), text, offset), message, hint)

    def condition(self, source, container, key, expect: str = "bool") -> m.Condition | None:
        span = container.pos(key)
        if isinstance(source, bool):
            return m.Condition(str(source).lower(), (lambda s, v=source: v), span=span)
        try:
            key = (source, expect)
            compiled = self._compiled.get(key)
            if compiled is None:
                # frozensets pass through compile_expression uncopied: no cost per condition
                compiled = self._compiled[key] = compile_expression(
                    source, meters=self._meter_names, flags=self._flag_names, scenes=self.scene_ids, expect=expect)
        except ExprError as err:
            where = self.inside(span, source, err.col - 1) if isinstance(source, str) else span
            self.report(err.code, where, err.message, err.hint)
            return None
        return replace(compiled, span=span)

    def check_text(self, text: str, container, key) -> str:
        if "{" in text or "}" in text:
            covered = 0                 # the end of the last {name}, {{ or }}: a brace before it is taken
            for match in SUBSTITUTION.finditer(text):
                self.stray_braces(text, covered, match.start(), container, key)
                covered = match.end()
                name = match.group(1)
                if name is not None and name not in self.meters and name not in self.flags:
                    self.report("SC309", self.inside(container.pos(key), text, match.start()),
                                f"`{{{name}}}` is not a meter or flag",
                                did_you_mean(name, list(self.meters) + list(self.flags))
                                or "only meter and flag values can be inserted; write {{ for a literal brace")
            self.stray_braces(text, covered, len(text), container, key)
        if "[[" in text:
            for link in TERM_LINK.finditer(text):
                term = link.group(1).strip()
                where = self.inside(container.pos(key), text, link.start())
                if self.term_index and term.lower() not in self.term_index:
                    self.report("SC305", where, f"[[{term}]] is not in the glossary",
                                did_you_mean(term, [g.term for g in self.glossary.values()]))
                elif not self.term_index:
                    self.report("SC305", where, f"[[{term}]] links the glossary, but there is none",
                                "add a `glossary:` section, or remove the brackets")
        return text

    def scene_ref(self, scene_id: str, container, key, what: str = "scene") -> str | None:
        if scene_id in self.scene_ids:
            return scene_id
        self.report("SC301", container.pos(key), f"there is no {what} `{scene_id}`",
                    did_you_mean(scene_id, self.scene_ids))
        return None

    def effects(self, mapping: YMap | None, holder, key) -> tuple[m.Effect, ...]:
        if not mapping:
            return ()
        result = []
        for target, value in mapping.items():
            span = mapping.pos(target)
            op, amount = parse_effect_value(value)
            if target in self.meters:
                if op == "flag":
                    self.report("SC204", span, f"`{target}` is a meter: give a number, not {str(value).lower()}",
                                "+5 or -5 adds, \"=40\" sets")
                    continue
            elif target in self.flags:
                if op != "flag":
                    self.report("SC204", span, f"`{target}` is a flag: set it to true or false")
                    continue
            else:
                self.report("SC304", mapping.key_span(target), f"there is no meter or flag `{target}`",
                            did_you_mean(target, list(self.meters) + list(self.flags)))
                continue
            result.append(m.Effect(target, op, amount, span))
        return tuple(result)

    def laters(self, value, holder: YMap) -> tuple[m.Later, ...]:
        if value is None:
            return ()
        items = [value] if isinstance(value, YMap) else list(value)
        result = []
        for item in items:
            scene = self.scene_ref(item["scene"], item, "scene") if "scene" in item else None
            cond = self.condition(item["if"], item, "if") if "if" in item else None
            if scene is not None and "turns" in item:
                result.append(m.Later(scene, item["turns"], cond, Span(item.file, item.line, item.col)))
        return tuple(result)

    # -- parts -------------------------------------------------------------

    def build_meters(self) -> None:
        for mid, (data, holder) in self.parts.get("meters", {}).items():
            span = holder.key_span(mid)
            low_, high_ = data.get("min", 0), data.get("max", 100)
            if low_ >= high_:
                self.report("SC204", data.pos("max") if "max" in data else span,
                            f"meter `{mid}` has min {low_:g} and max {high_:g}", "min must be below max")
                low_, high_ = min(low_, high_), max(low_, high_) + (1 if low_ == high_ else 0)
            start = data.get("start", low_)
            if not low_ <= start <= high_:
                self.report("SC204", data.pos("start"), f"meter `{mid}` starts at {start:g}, outside {low_:g}..{high_:g}",
                            "the start value must lie within min and max")
                start = min(max(start, low_), high_)
            self.meters[mid] = m.Meter(mid, data.get("label", mid), start, low_, high_, data.get("unit", ""),
                                       data.get("hidden", False), data.get("description", ""), span=span)
        for fid, (data, holder) in self.parts.get("flags", {}).items():
            span = holder.key_span(fid)
            if isinstance(data, str):
                self.flags[fid] = m.Flag(fid, data, False, span)
            else:
                self.flags[fid] = m.Flag(fid, data.get("label", ""), data.get("start", False), span)

    def thresholds(self) -> None:
        """Thresholds name scenes, so they are resolved once scene ids are known."""
        for mid, (data, holder) in self.parts.get("meters", {}).items():
            meter = self.meters.get(mid)
            if meter is None:
                continue
            low = self._threshold(data, "low", meter.min, meter)
            high = self._threshold(data, "high", meter.max, meter)
            # Absent, or wrong (the schema check has said where): neither way is said to be better. A
            # threshold does not tell: an ending reached by a rising meter may be the best one.
            good = data.get("good") if data.get("good") in m.GOOD_WAYS else "neither"
            self.meters[mid] = m.Meter(meter.id, meter.label, meter.start, meter.min, meter.max, meter.unit,
                                       meter.hidden, meter.description, low, high, meter.span, good)

    def _threshold(self, data: YMap, key: str, default: float, meter: m.Meter) -> m.Threshold | None:
        if key not in data:
            return None
        t = data[key]
        at = t.get("at", default)
        if not meter.min <= at <= meter.max:
            self.report("SC204", t.pos("at"), f"`{key}.at` is {at:g}, outside the meter's range {meter.min:g}..{meter.max:g}",
                        "the meter is clamped to its range, so it could never get there")
        goto = self.scene_ref(t["goto"], t, "goto") if "goto" in t else None
        if goto is None:
            return None
        return m.Threshold(at, goto, t.pos())

    def build_characters(self) -> dict[str, m.Character]:
        return {cid: m.Character(cid, d.get("name", cid), d.get("role", ""), d.get("colour", ""), h.key_span(cid))
                for cid, (d, h) in self.parts.get("characters", {}).items()}

    def build_facts(self) -> dict[str, m.Fact]:
        facts = {}
        for fid, (d, holder) in self.parts.get("facts", {}).items():
            span = holder.key_span(fid)
            if "source" not in d:
                if not d.was_dropped("source"):
                    self.report("SC308", span, f"the fact `{fid}` has no source",
                                "every fact card needs `source: {name: ..., url: ..., date: ...}`")
                continue
            src = d["source"]
            source = m.Source(src.get("name", ""), src.get("url", ""), str(src.get("date", "")))
            facts[fid] = m.Fact(fid, d.get("title", fid), d.get("text", ""), source, span, str(d.get("date", "")))
        return facts

    def build_glossary(self) -> dict[str, m.GlossaryEntry]:
        glossary = {}
        self.term_index: dict[str, str] = {}
        for key, (d, holder) in self.parts.get("glossary", {}).items():
            span = holder.key_span(key)
            if isinstance(d, str):
                entry = m.GlossaryEntry(key, key, d, span)
                aliases = []
            else:
                aliases = list(d.get("aliases", ()))
                entry = m.GlossaryEntry(key, d.get("term", key), d.get("text", ""), span, tuple(aliases))
            glossary[key] = entry
            for name in [key, entry.term, *aliases]:
                self.term_index[name.lower()] = key
        self.glossary = glossary
        return glossary

    def fact_refs(self, ids, holder, key) -> tuple[str, ...]:
        result = []
        for index, fid in enumerate(ids or ()):
            if fid in self.facts:
                result.append(fid)
            elif fid not in self.facts_without_source:
                self.report("SC302", ids.pos(index), f"there is no fact `{fid}`", did_you_mean(fid, self.facts))
        return tuple(result)

    def collect_interludes(self) -> None:
        """Scenes shown by events and `later` resume where play was going.

        So do the further pages they lead to by goto, up to a scene that starts
        a new turn (that one is back on the main line).
        """
        for item, _, _ in self.lists["events"]:
            if "scene" in item:
                self.interludes.add(item["scene"])
        for sid, (data, _) in self.parts.get("scenes", {}).items():
            for choice in data.get("choices", ()):
                for holder in [choice, *choice.get("outcomes", ())]:
                    later = holder.get("later")
                    if later is None:
                        continue
                    for item in ([later] if isinstance(later, YMap) else later):
                        if "scene" in item:
                            self.interludes.add(item["scene"])
        scenes = self.parts.get("scenes", {})
        todo = list(self.interludes)
        while todo:
            data = scenes.get(todo.pop(), (None,))[0]
            if not isinstance(data, YMap):
                continue
            for target in _gotos(data):
                target_data = scenes.get(target, (None,))[0]
                if target not in self.interludes and isinstance(target_data, YMap) and not target_data.get("turn"):
                    self.interludes.add(target)
                    todo.append(target)

    def build_scene(self, sid: str, d: YMap, holder: YMap) -> m.Scene:
        span = holder.key_span(sid)
        text_value = d.get("text")
        blocks: list[m.TextBlock] = []
        if isinstance(text_value, str):
            blocks.append(m.TextBlock(self.check_text(text_value, d, "text"), None, d.pos("text")))
        elif isinstance(text_value, YList):
            for index, block in enumerate(text_value):
                cond = self.condition(block["if"], block, "if") if "if" in block else None
                blocks.append(m.TextBlock(self.check_text(block.get("text", ""), block, "text"), cond, text_value.pos(index)))
        headline = self.check_text(d["headline"], d, "headline") if "headline" in d else ""
        say = []
        for index, line in enumerate(d.get("say", ())):
            who = line["who"] if "who" in line else next(iter(line))
            text_key = "text" if "who" in line else who
            if who not in self.characters:
                self.report("SC303", line.key_span(who) if "who" not in line else line.pos("who"),
                            f"there is no character `{who}`", did_you_mean(who, self.characters))
                continue
            cond = self.condition(line["if"], line, "if") if "if" in line else None
            say.append(m.Line(who, self.check_text(line.get(text_key, ""), line, text_key), cond, d["say"].pos(index)))
        interlude = sid in self.interludes
        choices = tuple(self.build_choice(c, sid, interlude) for c in d.get("choices", ()))
        seen: dict[str, m.Choice] = {}
        for choice in choices:
            if choice.id in seen:
                self.report("SC306", choice.span, f"the choice id `{choice.id}` is used twice in scene `{sid}`",
                            "choice ids must be unique within their scene")
            seen[choice.id] = choice
        routes = tuple(r for r in (self.build_route(r) for r in d.get("route", ())) if r)
        goto = self.scene_ref(d["goto"], d, "goto") if "goto" in d else None
        ending = None
        if "ending" in d:
            e = d["ending"]
            ending = m.Ending(e.get("title", sid), e.get("tone", ""), d.pos("ending"))
        self.check_scene_shape(sid, d, span, interlude)
        return m.Scene(
            id=sid, text=tuple(blocks), headline=headline, turn=d.get("turn", False), say=tuple(say),
            facts=self.fact_refs(d.get("facts"), d, "facts"), effects=self.effects(d.get("effects"), d, "effects"),
            choices=choices, route=routes, goto=goto, ending=ending, tags=tuple(d.get("tags", ())), span=span)

    def check_scene_shape(self, sid: str, d: YMap, span: Span, interlude: bool) -> None:
        # Count ways written but dropped as invalid too: they were reported already.
        ways = [k for k in ("choices", "route", "goto", "ending") if d.written(k)]
        if len(ways) > 1:
            self.report("SC206", d.key_span(ways[1]),
                        f"scene `{sid}` has both `{ways[0]}` and `{ways[1]}`; a scene moves on in one way",
                        "keep one: choices, route, goto (a single Continue) or ending")
        elif not ways and not interlude:
            self.report("SC206", span, f"scene `{sid}` has no way on",
                        "add choices, a goto, a route or an ending (only scenes shown by events or `later` "
                        "may leave this out: they resume where play was going)")
        elif "choices" in d and not d["choices"]:
            self.report("SC206", d.key_span("choices"), f"scene `{sid}` has an empty list of choices")

    def build_choice(self, c: YMap, sid: str, interlude: bool) -> m.Choice:
        span = Span(c.file, c.line, c.col)
        cond = self.condition(c["if"], c, "if") if "if" in c else None
        if "locked" in c and "if" not in c:
            self.report("SC204", c.key_span("locked"), "`locked` gives the reason a choice is unavailable; it needs an `if`",
                        "add `if:` with the condition that unlocks it")
        goto = self.scene_ref(c["goto"], c, "goto") if "goto" in c else None
        outcomes = tuple(self.build_outcome(o, goto) for o in c.get("outcomes", ()))
        if outcomes and all(o.weight <= 0 for o in outcomes):
            self.report("SC204", c.pos("outcomes"), "every outcome has weight 0, so none can happen")
        missing_goto = not c.written("goto") and (not outcomes or any(o.goto is None and not o_.written("goto")
                                                                    for o, o_ in zip(outcomes, c.get("outcomes", ()))))
        if missing_goto and not interlude:
            self.report("SC206", span, f"choice `{c.get('id', '?')}` in scene `{sid}` has no goto",
                        "add `goto: scene_id` (only scenes shown by events or `later` may omit it, to resume play)")
        return m.Choice(
            id=c.get("id", "?"), text=self.check_text(c.get("text", ""), c, "text"), condition=cond,
            locked=c.get("locked", ""), effects=self.effects(c.get("effects"), c, "effects"), goto=goto,
            later=self.laters(c.get("later"), c), outcomes=outcomes,
            result=self.check_text(c["result"], c, "result") if "result" in c else "", span=span)

    def build_outcome(self, o: YMap, choice_goto: str | None) -> m.Outcome:
        goto = self.scene_ref(o["goto"], o, "goto") if "goto" in o else choice_goto
        cond = self.condition(o["if"], o, "if") if "if" in o else None
        return m.Outcome(o.get("weight", 1), self.effects(o.get("effects"), o, "effects"), goto,
                         self.laters(o.get("later"), o),
                         self.check_text(o["result"], o, "result") if "result" in o else "", cond,
                         Span(o.file, o.line, o.col))

    def build_route(self, r: YMap) -> m.Route | None:
        goto = self.scene_ref(r["goto"], r, "goto") if "goto" in r else None
        cond = self.condition(r["if"], r, "if") if "if" in r else None
        return m.Route(goto, cond, Span(r.file, r.line, r.col)) if goto else None

    def build_events(self) -> tuple[m.Event, ...]:
        events, seen = [], {}
        for item, items, index in self.lists["events"]:
            span = items.pos(index)
            eid = item.get("id", "?")
            if eid in seen:
                self._duplicate("event", eid, span, seen[eid])
                continue
            seen[eid] = span
            when = self.condition(item["when"], item, "when") if "when" in item else None
            scene = self.scene_ref(item["scene"], item, "scene") if "scene" in item else None
            if when is None or scene is None:
                continue
            events.append(m.Event(eid, when, scene, item.get("once", True), item.get("priority", 0), span))
        # Stable: equal priorities keep the order they were written in.
        events.sort(key=lambda e: -e.priority)
        return tuple(events)

    def build_reality(self) -> tuple[m.RealityItem, ...]:
        items, seen = [], {}
        for item, holder, index in self.lists["reality"]:
            span = holder.pos(index)
            rid = item.get("id", "?")
            if rid in seen:
                self._duplicate("reality item", rid, span, seen[rid])
                continue
            seen[rid] = span
            cond = self.condition(item["when"], item, "when") if "when" in item else None
            items.append(m.RealityItem(rid, self.check_text(item.get("text", ""), item, "text"), cond,
                                       self.fact_refs(item.get("facts"), item, "facts"), span))
        return tuple(items)

    def build_variants(self) -> dict[str, m.Variant]:
        variants = {}
        for vid, (d, holder) in self.parts.get("variants", {}).items():
            start = self.scene_ref(d["start"], d, "start") if "start" in d else None
            variants[vid] = m.Variant(vid, d.get("label", vid), d.get("description", ""), start,
                                      self.effects(d.get("set"), d, "set"), holder.key_span(vid))
        return variants

    def build_quiz(self) -> dict[str, tuple[m.QuizItem, ...]]:
        forms = {}
        for form, (items, _) in self.quiz_forms.items():
            built, seen = [], set()
            for index, q in enumerate(items):
                span = items.pos(index)
                qid = q.get("id", "?")
                if qid in seen:
                    self.report("SC306", span, f"the quiz item `{qid}` appears twice in form `{form}`")
                seen.add(qid)
                item = self.build_quiz_item(q, qid, span)
                if item:
                    built.append(item)
            forms[form] = tuple(built)
        return forms

    def build_quiz_item(self, q: YMap, qid: str, span: Span) -> m.QuizItem | None:
        facts = self.fact_refs(q.get("facts"), q, "facts")
        if "case" in q and "question" in q:
            self.report("SC204", span, f"quiz item `{qid}` has both `case` and `question`", "an item is one or the other")
            return None
        if "case" in q:
            if "proportionate" not in q:
                self.report("SC203", span, f"case `{qid}` needs `proportionate: true` or `false`",
                            "is what the case describes lawful and proportionate?")
                return None
            return m.QuizItem(qid, "case", q["case"], q["proportionate"], explain=q.get("explain", ""), facts=facts, span=span)
        if "question" in q:
            options = tuple(q.get("options", ()))
            answer = q.get("answer")
            if len(options) < 2:
                self.report("SC203", span, f"question `{qid}` needs at least two `options`")
                return None
            if q.was_dropped("answer"):
                return None  # an invalid answer was reported where it was written
            if answer is None or answer > len(options):
                self.report("SC204", q.pos("answer") if answer else span,
                            f"question `{qid}` needs `answer:` between 1 and {len(options)}",
                            "the answer counts the options from 1")
                return None
            return m.QuizItem(qid, "knowledge", q["question"], None, options, answer - 1,
                              q.get("explain", ""), facts, span)
        self.report("SC203", span, f"quiz item `{qid}` needs a `case` or a `question`")
        return None

    # -- the whole ----------------------------------------------------------

    def build(self) -> m.Scenario | None:
        files = self.folder.files
        if not files or "scenario" not in files[0].data:
            return None
        root: StoryFile = files[0]
        header = root.data["scenario"]
        self.gather()
        self.scene_ids = frozenset(self.parts.get("scenes", {}))
        self.build_meters()
        self._meter_names = frozenset(self.meters)
        self._flag_names = frozenset(self.flags)
        self.thresholds()
        self.characters = self.build_characters()
        facts_data = self.parts.get("facts", {})
        self.facts_without_source = {fid for fid, (d, _) in facts_data.items() if "source" not in d}
        self.facts = self.build_facts()
        self.glossary = self.build_glossary()
        self.collect_interludes()
        scenes = {sid: self.build_scene(sid, d, h) for sid, (d, h) in self.parts.get("scenes", {}).items()}
        start = header.get("start")
        if start is None:
            if not header.was_dropped("start"):
                self.report("SC307", Span(header.file, header.line, header.col), "the scenario has no `start` scene",
                            "add `start: scene_id` under `scenario:`")
        elif start not in scenes:
            self.report("SC307", header.pos("start"), f"the start scene `{start}` does not exist",
                        did_you_mean(start, scenes) or "define it under `scenes:`")
        # (A scene with no way on and no ending is already SC206: most likely the ending, half written.)
        if scenes and not any(scene.ending is not None or not (scene.choices or scene.route or scene.goto)
                              for scene in scenes.values()):
            self.report("SC311", header.pos("start") if header.written("start") else
                        Span(header.file, header.line, header.col),
                        "the story has no ending: no game can ever finish",
                        "add a scene with `ending: {title: ...}` and a way to reach it")
        calendar = None
        if "calendar" in header and "start" in header["calendar"]:
            year, month = header["calendar"]["start"].split("-")
            calendar = m.Calendar(int(year), int(month), header["calendar"].get("months_per_turn", 6))
        classroom = m.Classroom()
        if "classroom" in root.data:
            c = root.data["classroom"]
            classroom = m.Classroom(c.get("minutes", 0), c.get("level", ""), c.get("warning", ""),
                                    tuple(c.get("objectives", ())), tuple(c.get("discussion", ())))
        return m.Scenario(
            id=header.get("id", "untitled"), title=header.get("title", ""), language=header.get("language", "en"),
            start=start or "", meters=self.meters, flags=self.flags, characters=self.characters, scenes=scenes,
            events=self.build_events(), facts=self.facts, glossary=self.glossary, reality=self.build_reality(),
            variants=self.build_variants(), quiz=self.build_quiz(), calendar=calendar, classroom=classroom,
            description=header.get("description", ""), authors=tuple(header.get("authors", ())),
            fingerprint=self.folder.fingerprint, root=str(self.folder.root or ""),
            lint={str(k): str(v) for k, v in header.get("lint", {}).items()})


def _gotos(scene: YMap):
    """Every scene id a scene's data can lead to directly."""
    if isinstance(scene.get("goto"), str):
        yield scene["goto"]
    for route in scene.get("route", ()):
        if "goto" in route:
            yield route["goto"]
    for choice in scene.get("choices", ()):
        if "goto" in choice:
            yield choice["goto"]
        for outcome in choice.get("outcomes", ()):
            if "goto" in outcome:
                yield outcome["goto"]
