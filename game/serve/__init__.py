"""Browser play: `safecity serve` runs one game process per browser tab through textual-serve."""
