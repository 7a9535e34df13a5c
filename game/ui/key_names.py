"""Key names as the player's keyboard prints them: Esc, Enter, PgUp... in English; Échap, Entrée,
Pg préc... in French. The key bar, Textual's own footers and the help all show keys through here."""

from __future__ import annotations

from textual.binding import Binding

from game.i18n import N_, _

NAMES = {
    "escape": N_("Esc"), "enter": N_("Enter"), "tab": N_("Tab"), "space": N_("Space"),
    "pageup": N_("PgUp"), "pagedown": N_("PgDn"), "home": N_("Home"), "end": N_("End"),
    "delete": N_("Del"), "backspace": N_("Backspace"), "up": "↑", "down": "↓", "left": "←", "right": "→",
}


def key_display(binding: Binding, textual_display) -> str:
    """How `binding` is shown: its own display (translated: "↑↓ PgUp PgDn"), else the key's name."""
    if binding.key_display:
        return _(binding.key_display)
    modifiers, key = binding.parse_key()
    if key in NAMES and not modifiers:
        return _(NAMES[key])
    return textual_display(binding)
