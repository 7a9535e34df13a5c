"""HTML pages from templates (Jinja2, escaping on): the class report and the lesson guide.

One self-contained file each: the style is inline, the charts are inline SVG, and nothing is
fetched when the page is opened (no font, no script, no image from elsewhere). Program words are
translated here (gettext) and handed to the template; the scenario's and the class's text goes in
as plain strings, which the template escapes.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import jinja2

from game.i18n import _, language, month_name
from game.model.safe_text import is_web_url

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = number
    env.filters["web"] = lambda url: url if is_web_url(url or "") else ""
    env.filters["day"] = day
    return env


def number(value, digits: int = 2) -> str:
    """A number as the page's language writes it (a decimal comma in French); — when there is none."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = "−" + text[1:]
    return text.replace(".", ",") if language() == "fr" else text


def day(timestamp: float | None) -> str:
    if timestamp is None:
        return "—"
    moment = datetime.datetime.fromtimestamp(timestamp)
    return f"{moment.day} {month_name(moment.month).lower() if language() == 'fr' else month_name(moment.month)} " \
           f"{moment.year}, {moment:%H:%M}"


def render(template: str, **values) -> str:
    return environment().get_template(template).render(lang=language(), **values)


def common_words() -> dict[str, str]:
    return {
        "made_by": _("Made by Safe City"),
        "source": _("Source"),
        "no_names": _("No student is named here: the class's results keep only pseudonyms, and this page "
                      "shows none of them."),
    }
