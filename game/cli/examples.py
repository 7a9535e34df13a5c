"""Examples at the end of each command's --help: what a teacher, a student or a writer types.

Each example is a whole command line; a test parses every one with the real parser, so an
example never shows an option that does not exist.
"""

from __future__ import annotations

import argparse

EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "": [("safecity", "the title screen: play Safe City, resume a game, join a class"),
         ("safecity play --lang fr --variant express", "the 15-minute game, in French"),
         ("safecity paths", "where saves and settings are kept")],
    "play": [("safecity play", "play Safe City in the full-screen game"),
             ("safecity play tutorial --plain", "the short tutorial as plain text (screen readers, pipes)"),
             ("safecity play --continue", "go on with your latest unfinished game"),
             ("safecity play story/my-town --seed 7 --replay continue,sign", "test a path through your story")],
    "check": [("safecity check story/my-town", "every mistake, with file:line:col and a hint"),
              ("safecity check story/my-town --format json", "the same, for an editor or CI")],
    "schema": [("safecity schema --output story/my-town/.safecity.schema.json", "completion in your editor")],
    "list": [("safecity list", "the scenarios that ship with the game")],
    "explore": [("safecity explore story/my-town", "1,000 random games: what no game reached, endings, failures"),
                ("safecity explore story/my-town --exhaustive", "every reachable state: softlocks and endless loops"),
                ("safecity explore safe-city --strategies --variant express", "how each way of playing ends")],
    "graph": [("safecity graph story/my-town -o map.md", "the story map as a Mermaid diagram"),
              ("safecity graph story/my-town --format svg -o map.svg --coverage 500", "with how often games pass")],
    "saves": [("safecity saves", "every saved game"),
              ("safecity saves delete --finished --yes", "delete every finished game")],
    "join": [("safecity join K7M-QX4", "join your class with the code your teacher gives")],
    "quiz": [("safecity quiz", "practise the quiz and see the explanations")],
    "new": [("safecity new story/my-town", "a small working scenario to start writing from")],
    "class": [("safecity class new --name \"2nde B\" --variant express", "open a class and print its code"),
              ("safecity class dashboard K7M-QX4", "the class on the projector")],
    "class new": [("safecity class new --name \"2nde B\"", "a class of Safe City; students join with the code"),
                  ("safecity class new tutorial --name \"Club\" --lang fr --quiz none", "the tutorial, in French")],
    "class list": [("safecity class list", "every class in the database")],
    "class show": [("safecity class show K7M-QX4", "who joined, where each student is")],
    "class dashboard": [("safecity class dashboard K7M-QX4", "arrival, live view and debrief on the projector")],
    "class close": [("safecity class close K7M-QX4", "no more joins")],
    "class report": [("safecity class report K7M-QX4 -o report.html", "the printable report"),
                     ("safecity class report K7M-QX4 --format csv -o rows.csv", "the anonymous rows")],
    "class vote": [("safecity class vote K7M-QX4", "play on the projector; the class votes each decision")],
    "class release": [("safecity class release K7M-QX4 owl-42", "a student goes on from another computer")],
    "class delete": [("safecity class delete K7M-QX4 --yes", "delete the class and all of its data")],
    "class export": [("safecity class export K7M-QX4 --format json -o class.json", "the anonymous rows as JSON")],
    "class purge": [("safecity class purge --older-than 30d --yes", "delete every class older than 30 days")],
    "serve": [("safecity serve", "Safe City in a browser at http://127.0.0.1:8000"),
              ("safecity serve --class K7M-QX4 --host 0.0.0.0", "the class's games for the classroom's network")],
    "guide": [("safecity guide -o guide.html", "the lesson guide of Safe City, printable"),
              ("safecity guide tutorial --lang fr", "the tutorial's guide in French")],
    "paths": [("safecity paths", "the folders and files the game uses on this computer")],
    "completion": [("safecity completion bash > ~/.local/share/bash-completion/completions/safecity",
                    "Tab completes commands and options in bash"),
                   ("safecity completion zsh > ~/.zfunc/_safecity", "the same for zsh")],
}


def epilog(command: str) -> str:
    lines = ["examples:"]
    for line, what in EXAMPLES.get(command, []):
        lines += [f"  {line}", f"      {what}"]
    return "\n".join(lines) if len(lines) > 1 else ""


def subparsers(parser: argparse.ArgumentParser, prefix: str = ""):
    """(command path, parser) of every command and sub-command, `parser` itself first as ""."""
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from subparsers(child, f"{prefix} {name}".strip())


def add_examples(parser: argparse.ArgumentParser) -> None:
    for command, child in subparsers(parser):
        text = epilog(command)
        if text:
            child.epilog = text
            child.formatter_class = argparse.RawDescriptionHelpFormatter
