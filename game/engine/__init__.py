"""The game engine: running scenarios against a game state."""
