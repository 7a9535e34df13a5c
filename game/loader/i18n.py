"""Translation overlays: i18n/<lang>.yaml replaces texts, keyed by the source ids.

Only text is translated; ids, numbers, conditions and effects stay in the
source files. Every key of an overlay must name something the scenario has,
so a renamed scene cannot leave a stale translation behind unnoticed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from game.model.text_grammar import SUBSTITUTION, TERM_LINK
from game.loader.fs import describe_kind, kind, os_problem, resolve
from game.loader.issues import did_you_mean, problem
from game.loader.yaml_reader import ReadError, YList, YMap, read_yaml
from game.model import scenario as m
from game.model.diagnostics import Diagnostic, Span

LANGUAGE_FILE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?\Z")

# Tones the program itself words in the language played; a translation leaves them as they are.
WORDED_TONES = frozenset({"bright", "mixed", "dark"})


def available_languages(root: Path) -> list[str]:
    folder = root / "i18n"
    if kind(folder) != "folder":
        return []
    return sorted(p.stem for p in folder.glob("*.yaml") if LANGUAGE_FILE.match(p.stem))


def apply_translation(scenario: m.Scenario, root: Path, shown_root: str, lang: str, unbuilt=frozenset()):
    """The scenario in `lang`, and what is wrong with its translation. `unbuilt`: ids the source
    defines but that could not be built (a fact without a source): their translations are not
    orphans, the source's own error says what to fix."""
    path = root / "i18n" / f"{lang}.yaml"
    shown = f"{shown_root}/i18n/{lang}.yaml" if shown_root not in ("", ".") else f"i18n/{lang}.yaml"
    out: list[Diagnostic] = []
    found = kind(path)
    if found == "folder":
        out.append(problem("SC100", Span(shown), f"i18n/{lang}.yaml is a folder, not a translation file",
                           "a translation is one YAML file per language"))
        return scenario, out
    if found == "missing":
        out.append(problem("SC100", Span(shown), f"there is no translation file for `{lang}`",
                           f"known languages: {', '.join(available_languages(root)) or 'none'}"))
        return scenario, out
    if found != "file":
        out.append(problem("SC100", Span(shown), f"i18n/{lang}.yaml {describe_kind(found)}",
                           "a translation is one YAML file per language"))
        return scenario, out
    real, real_root = resolve(path), resolve(root)
    if isinstance(real, OSError) or isinstance(real_root, OSError):
        out.append(problem("SC100", Span(shown), f"i18n/{lang}.yaml cannot be read: "
                                                 f"{os_problem(real if isinstance(real, OSError) else real_root)}"))
        return scenario, out
    if not real.is_relative_to(real_root):
        out.append(problem("SC501", Span(shown), f"i18n/{lang}.yaml is a link to a file outside the scenario folder",
                           "copy the file into the folder instead of linking to it"))
        return scenario, out
    try:
        data = read_yaml(path, shown)
    except ReadError as err:
        return scenario, list(err.diagnostics)
    if data is None:
        return replace(scenario, language=lang), out
    overlay = _Overlay(scenario, out, shown, unbuilt)
    if not isinstance(data, YMap):
        overlay.shape(Span(shown, 1, 1), "a translation file is a mapping keyed like the scenario")
        return scenario, out
    return overlay.apply(data, lang), out


class _Overlay:
    SECTIONS = ("language", "scenario", "meters", "flags", "characters", "scenes", "facts", "glossary",
                "reality", "variants", "quiz", "classroom")

    def __init__(self, scenario: m.Scenario, out: list[Diagnostic], shown: str, unbuilt=frozenset()):
        self.s = scenario
        self.out = out
        self.shown = shown
        self.unbuilt = unbuilt
        # A translated text may link a term by its id, its source term or alias, or its translated term.
        self.terms = {name.lower() for g in scenario.glossary.values() for name in (g.id, g.term, *g.aliases)}

    def orphan(self, span: Span, what: str, key: str, known) -> None:
        self.out.append(problem("SC601", span, f"the translation names {what} `{key}`, which the scenario does not have",
                                did_you_mean(key, known) or "remove it, or rename it to match the source id"))

    def shape(self, span: Span, message: str, hint: str = "") -> None:
        self.out.append(problem("SC602", span, message, hint))

    def text(self, holder, key, what: str) -> str | None:
        value = holder[key]
        span = holder.pos(key)
        if not isinstance(value, str):
            self.shape(span, f"the translation of {what} should be text")
            return None
        for link in TERM_LINK.finditer(value):
            term = link.group(1).strip().lower()
            if term not in self.terms:
                self.out.append(problem("SC305", span, f"[[{link.group(1)}]] is not in the glossary",
                                        did_you_mean(link.group(1), [g.term for g in self.s.glossary.values()])))
        for match in SUBSTITUTION.finditer(value):
            name = match.group(1)
            if name is not None and name not in self.s.meters and name not in self.s.flags:
                self.out.append(problem("SC309", span, f"`{{{name}}}` is not a meter or flag",
                                        did_you_mean(name, list(self.s.meters) + list(self.s.flags))))
        return value

    def fields(self, holder, key, what: str, allowed: tuple[str, ...], shorthand: str) -> dict[str, str]:
        """A translated item: text for its main field, or a mapping of its text fields."""
        value = holder[key]
        if isinstance(value, str):
            got = self.text(holder, key, what)
            return {shorthand: got} if got is not None else {}
        if not isinstance(value, YMap):
            self.shape(holder.pos(key), f"the translation of {what} should be text or a mapping of {', '.join(allowed)}")
            return {}
        result = {}
        for field_name in value:
            if field_name not in allowed:
                self.out.append(problem("SC202", value.key_span(field_name),
                                        f"`{field_name}` cannot be translated for {what}", did_you_mean(field_name, allowed)))
                continue
            got = self.text(value, field_name, f"{what} {field_name}")
            if got is not None:
                result[field_name] = got
        return result

    def each(self, data: YMap, section: str, known: dict, what: str):
        value = data[section]
        if not isinstance(value, YMap):
            self.shape(data.pos(section), f"`{section}` should be a mapping keyed by {what} ids")
            return
        for key in value:
            if key not in known:
                if key not in self.unbuilt:
                    self.orphan(value.key_span(key), what, key, known)
                continue
            yield value, key

    def apply(self, data: YMap, lang: str) -> m.Scenario:
        s = self.s
        changes: dict = {"language": lang}
        for section in data:
            if section not in self.SECTIONS:
                self.out.append(problem("SC202", data.key_span(section), f"`{section}` is not a section of a translation",
                                        did_you_mean(section, self.SECTIONS)))
        if "language" in data and data["language"] != lang:
            self.shape(data.pos("language"), f"this file is i18n/{lang}.yaml but says `language: {data['language']}`",
                       f"the file name gives the language: write `language: {lang}` or remove the line")
        if "glossary" in data and isinstance(data["glossary"], YMap):
            for key, value in data["glossary"].items():
                if isinstance(value, YMap) and isinstance(value.get("term"), str):
                    self.terms.add(value["term"].lower())
        if "scenario" in data and isinstance(data["scenario"], YMap):
            header = data["scenario"]
            for key in header:
                if key in ("title", "description"):
                    got = self.text(header, key, f"the scenario {key}")
                    if got is not None:
                        changes[key] = got
                else:
                    self.out.append(problem("SC202", header.key_span(key), f"`{key}` cannot be translated",
                                            "only title and description"))
        if "meters" in data:
            meters = dict(s.meters)
            for holder, key in self.each(data, "meters", s.meters, "meter"):
                meters[key] = replace(meters[key], **self.fields(holder, key, f"meter `{key}`",
                                                                 ("label", "unit", "description"), "label"))
            changes["meters"] = meters
        if "flags" in data:
            flags = dict(s.flags)
            for holder, key in self.each(data, "flags", s.flags, "flag"):
                flags[key] = replace(flags[key], **self.fields(holder, key, f"flag `{key}`", ("label",), "label"))
            changes["flags"] = flags
        if "characters" in data:
            chars = dict(s.characters)
            for holder, key in self.each(data, "characters", s.characters, "character"):
                chars[key] = replace(chars[key], **self.fields(holder, key, f"character `{key}`", ("name", "role"), "role"))
            changes["characters"] = chars
        if "facts" in data:
            facts = dict(s.facts)
            for holder, key in self.each(data, "facts", s.facts, "fact"):
                got = self.fields(holder, key, f"fact `{key}`", ("title", "text", "source"), "text")
                if "source" in got:   # the source's name, in the reader's language (its address and date stay)
                    got["source"] = replace(facts[key].source, name=got["source"])
                facts[key] = replace(facts[key], **got)
            changes["facts"] = facts
        if "glossary" in data:
            glossary = dict(s.glossary)
            for holder, key in self.each(data, "glossary", s.glossary, "glossary entry"):
                got = self.fields(holder, key, f"glossary entry `{key}`", ("term", "text"), "text")
                if "term" in got:
                    # The story's own names still find the entry from a [[link]]; they are not shown as
                    # "Also:" to a reader of another language.
                    source = glossary[key]
                    got["other_names"] = (source.term, *source.aliases, *source.other_names)
                    got["aliases"] = ()
                glossary[key] = replace(glossary[key], **got)
            changes["glossary"] = glossary
        if "variants" in data:
            variants = dict(s.variants)
            for holder, key in self.each(data, "variants", s.variants, "variant"):
                variants[key] = replace(variants[key], **self.fields(holder, key, f"variant `{key}`",
                                                                     ("label", "description"), "label"))
            changes["variants"] = variants
        if "reality" in data:
            by_id = {r.id: r for r in s.reality}
            for holder, key in self.each(data, "reality", by_id, "reality item"):
                by_id[key] = replace(by_id[key], **self.fields(holder, key, f"reality item `{key}`", ("text",), "text"))
            changes["reality"] = tuple(by_id.values())
        if "scenes" in data:
            scenes = dict(s.scenes)
            for holder, key in self.each(data, "scenes", s.scenes, "scene"):
                scenes[key] = self.scene(scenes[key], holder, key)
            changes["scenes"] = scenes
        if "quiz" in data:
            changes["quiz"] = self.quiz(data)
        if "classroom" in data:
            changes["classroom"] = self.classroom(data)
        return replace(s, **changes)

    def text_list(self, holder, key, what: str, count: int) -> list[str] | None:
        value = holder[key]
        if not isinstance(value, YList):
            self.shape(holder.pos(key), f"{what} should be a list of {count} texts, in the source's order")
            return None
        if len(value) != count:
            self.shape(holder.pos(key), f"{what} has {len(value)} items; the source has {count}",
                       "translate each item, in the same order")
            return None
        texts = [self.text(value, i, f"{what} item {i + 1}") for i in range(len(value))]
        return None if any(t is None for t in texts) else texts

    def scene(self, scene: m.Scene, holder: YMap, sid: str) -> m.Scene:
        value = holder[sid]
        if not isinstance(value, YMap):
            self.shape(holder.pos(sid), f"the translation of scene `{sid}` should be a mapping")
            return scene
        changes: dict = {}
        for key in value:
            what = f"scene `{sid}` {key}"
            if key == "headline":
                got = self.text(value, key, what)
                if got is not None:
                    changes["headline"] = got
            elif key == "text":
                if isinstance(value[key], str) and len(scene.text) <= 1:
                    got = self.text(value, key, what)
                    if got is not None and scene.text:
                        changes["text"] = (replace(scene.text[0], text=got),)
                else:
                    texts = self.text_list(value, key, what, len(scene.text))
                    if texts:
                        changes["text"] = tuple(replace(b, text=t) for b, t in zip(scene.text, texts))
            elif key == "say":
                texts = self.text_list(value, key, what, len(scene.say))
                if texts:
                    changes["say"] = tuple(replace(line, text=t) for line, t in zip(scene.say, texts))
            elif key == "ending" and scene.ending is not None:
                got = self.fields(value, key, what, ("title", "tone"), "title")
                if scene.ending.tone in WORDED_TONES:
                    got.pop("tone", None)   # the program words these in every language ("une fin sombre")
                changes["ending"] = replace(scene.ending, **got)
            elif key == "choices":
                changes["choices"] = self.choices(scene, value)
            else:
                self.out.append(problem("SC202" if key not in ("ending",) else "SC601", value.key_span(key),
                                        f"`{key}` cannot be translated in scene `{sid}`",
                                        did_you_mean(key, ("headline", "text", "say", "ending", "choices"))))
        return replace(scene, **changes)

    def choices(self, scene: m.Scene, value: YMap) -> tuple[m.Choice, ...]:
        by_id = {c.id: c for c in scene.choices}
        for holder, cid in self.each(value, "choices", by_id, f"choice of scene `{scene.id}`"):
            what = f"choice `{scene.id}.{cid}`"
            item = holder[cid]
            choice = by_id[cid]
            if isinstance(item, YMap) and "outcomes" in item:
                texts = self.text_list(item, "outcomes", f"{what} outcomes", len(choice.outcomes))
                if texts:
                    choice = replace(choice, outcomes=tuple(replace(o, result=t) for o, t in zip(choice.outcomes, texts)))
                item = _without(item, "outcomes")
                holder = _single(cid, item)
            by_id[cid] = replace(choice, **self.fields(holder, cid, what, ("text", "locked", "result"), "text"))
        return tuple(by_id.values())

    def quiz(self, data: YMap) -> dict:
        forms = dict(self.s.quiz)
        for holder, form in self.each(data, "quiz", forms, "quiz form"):
            by_id = {q.id: q for q in forms[form]}
            items = holder[form]
            if not isinstance(items, YMap):
                self.shape(holder.pos(form), f"quiz form `{form}` should be a mapping keyed by item ids")
                continue
            for qid in items:
                if qid not in by_id:
                    self.orphan(items.key_span(qid), f"quiz item of form `{form}`", qid, by_id)
                    continue
                entry = items[qid]
                item = by_id[qid]
                holder_of_item = items
                if isinstance(entry, YMap) and "options" in entry:
                    texts = self.text_list(entry, "options", f"quiz item `{qid}` options", len(item.options))
                    if texts:
                        item = replace(item, options=tuple(texts))
                    holder_of_item = _single(qid, _without(entry, "options"))
                got = self.fields(holder_of_item, qid, f"quiz item `{qid}`", ("text", "explain"), "text")
                by_id[qid] = replace(item, **got)
            forms[form] = tuple(by_id.values())
        return forms

    def classroom(self, data: YMap) -> m.Classroom:
        value = data["classroom"]
        c = self.s.classroom
        if not isinstance(value, YMap):
            self.shape(data.pos("classroom"), "`classroom` should be a mapping")
            return c
        changes = {}
        for key in value:
            if key in ("objectives", "discussion"):
                texts = self.text_list(value, key, f"classroom {key}", len(getattr(c, key)))
                if texts:
                    changes[key] = tuple(texts)
            elif key in ("level", "warning"):
                got = self.text(value, key, f"classroom {key}")
                if got is not None:
                    changes[key] = got
            else:
                self.out.append(problem("SC202", value.key_span(key), f"`{key}` cannot be translated in classroom"))
        return replace(c, **changes)


def _without(mapping: YMap, key: str) -> YMap:
    copy = YMap(mapping)
    copy.file, copy.line, copy.col = mapping.file, mapping.line, mapping.col
    copy.key_pos = {k: v for k, v in mapping.key_pos.items() if k != key}
    copy.val_pos = {k: v for k, v in mapping.val_pos.items() if k != key}
    del copy[key]
    return copy


def _single(key: str, value) -> YMap:
    """Wrap one value so the generic field reader can take it."""
    holder = YMap({key: value})
    span_source = value if isinstance(value, YMap) else None
    holder.file = span_source.file if span_source else ""
    holder.line = span_source.line if span_source else 0
    holder.col = span_source.col if span_source else 0
    holder.key_pos = {key: (holder.line, holder.col)}
    holder.val_pos = {key: (holder.line, holder.col)}
    return holder
