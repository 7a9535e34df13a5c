"""The report's charts as inline SVG, drawn by pygal: no script, no outside file, no font to fetch.

Labels are the scenario's and the class's plain text; pygal writes them through an XML library,
which escapes them.
"""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

# Dark ink on white, readable in black and white once printed; one colour a series.
STYLE = Style(background="white", plot_background="white", foreground="#222222", foreground_strong="#000000",
              foreground_subtle="#666666", colors=("#1f5fa6", "#c8553d", "#2a9d8f", "#8d6cab", "#e9c46a"),
              font_family="sans-serif", label_font_size=13, major_label_font_size=13, value_font_size=13,
              value_label_font_size=13, title_font_size=15, legend_font_size=13, tooltip_font_size=12)
LABEL_LIMIT = 60


SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _svg(chart) -> str:
    """The chart's SVG without pygal's inline script (its tooltip settings: nothing to run in a report).
    Text in the SVG is escaped by pygal, so only pygal's own elements can match."""
    return SCRIPT.sub("", chart.render(is_unicode=True))


def _config(**values) -> pygal.Config:
    config = pygal.Config()
    config.js = []                          # pygal's tooltips come from a web address: none
    config.disable_xml_declaration = True   # the SVG goes inside the HTML page
    config.style = STYLE
    config.print_values = True
    config.show_legend = False
    config.truncate_label = LABEL_LIMIT
    config.width, config.height = values.pop("width", 760), values.pop("height", 300)
    for name, value in values.items():
        setattr(config, name, value)
    return config


def counts_chart(labels: list[str], counts: list[int], title: str = "") -> str:
    """A horizontal bar a label, with its count written at its end."""
    height = max(140, 46 * len(labels) + 70)
    chart = pygal.HorizontalBar(_config(height=height, title=title or None, show_y_guides=False,
                                        min_scale=1, max_scale=5, value_formatter=lambda v: f"{v:.0f}"))
    # pygal draws the first value at the bottom: reversed, the first option stands at the top.
    chart.x_labels = list(reversed(labels))
    chart.add("", list(reversed(counts)))
    return _svg(chart)


def pre_post_chart(rows: list[tuple[str, float | None, float | None]], before: str, after: str) -> str:
    """Grouped bars: each measure's class mean before and after playing."""
    chart = pygal.Bar(_config(height=280, show_legend=True, legend_at_bottom=True,
                              value_formatter=lambda v: f"{v:.2f}"))
    chart.x_labels = [label for label, _pre, _post in rows]
    chart.add(before, [pre for _label, pre, _post in rows])
    chart.add(after, [post for _label, _pre, post in rows])
    return _svg(chart)
