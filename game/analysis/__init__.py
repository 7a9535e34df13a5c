"""Writer tooling: the story graph, the JSON Schema, and later lint and exploration."""
