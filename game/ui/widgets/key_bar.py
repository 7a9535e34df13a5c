"""The bottom line: the keys that matter on this screen now, each clickable.

It shows the same bindings as Textual's Footer (those with `show=True`, and the
command palette) in one line of text, translated when shown (bindings are made
at import with N_), so it follows a change of language. The Footer builds a widget per key and
rebuilds them on every resize and binding change, which cost about 50 ms
before the first frame of the play screen; one line of text costs almost
nothing and never changes size.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from game.i18n import N_, _


KEY = "bold $footer-key-foreground"

# Screens that scroll say so here, in the key bar, rather than in a line of their own. The focused
# scroll area handles ↑↓ PgUp PgDn itself (its own bindings, not shown); this one is what the bar shows,
# on a key of its own so that those do not hide it (a click on it, or ctrl+↓, pages down).
SCROLL = Binding("ctrl+down", "scroll_down", N_("Scroll"), key_display=N_("↑↓ PgUp PgDn"))
DIM = Style(dim=True)

# Textual's own widgets bring keys with English descriptions of their own (an open Select list:
# "esc Dismiss menu"); the bar shows them in the game's words, through the catalogue like its own.
WIDGET_KEYS = {"Dismiss menu": N_("Close the list")}
# On a terminal too narrow for every key's word, these keep theirs (the help screen lists every key).
KEEP_WORDS = {"help", "quit"}


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground;
             text-wrap: nowrap; text-overflow: ellipsis; padding: 0 1;
             link-style: none; link-color: $footer-foreground; link-background: $footer-background;
             link-style-hover: reverse; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        if self.size.width:
            self.show_keys()   # else the first resize, which comes with the first layout, shows them

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def keys(self, width: int = 0) -> Content:
        """The keys with what they do, in `width` cells when given; on a narrow terminal, the palette's
        key alone, then closer together, then the last keys alone but help and quit (help lists every key)."""
        app = self.app
        seen: set[str] = set()
        entries = []
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = binding
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            entries.append((binding, binding.description, enabled))
        if palette is not None:
            entries.append((palette, N_("palette"), True))
        keys = Content("  ").join(self._key(*entry) for entry in entries)
        if not width or keys.cell_length <= width:
            return keys
        if palette is not None:   # ^p alone first: the palette's prompt says what it is
            entries[-1] = (palette, "", True)
        for space in ("  ", " "):
            keys = Content(space).join(self._key(*entry) for entry in entries)
            if keys.cell_length <= width:
                return keys
        # Still too wide: the first keys keep their words as far as they fit, the others are shown
        # alone, but for help and quit, which always say what they are.
        bare = [(binding, description if binding.action.rpartition(".")[2] in KEEP_WORDS else "", enabled)
                for binding, description, enabled in entries]
        for kept in range(len(entries), -1, -1):
            keys = Content(" ").join(self._key(*entry) for entry in entries[:kept] + bare[kept:])
            if keys.cell_length <= width:
                break
        return keys

    def _key(self, binding, description: str, enabled: bool) -> Content:
        key = self.app.get_key_display(binding)
        # The click presses the key: our own bindings' key names, quoted for the action parser.
        press = binding.key.split(",")[0].replace("\\", "").replace("'", "\\'")
        text = Content.styled(key, KEY)
        if description:
            text = Content.assemble(text, " ", _(WIDGET_KEYS.get(description, description)))
        if not enabled:
            text = text.stylize(DIM)
        return text.stylize(Style.from_meta({"@click": f"app.simulate_key('{press}')"}))

    def show_keys(self) -> None:
        self.update(self.keys(self.size.width), layout=False)

    def on_resize(self) -> None:
        self.show_keys()
