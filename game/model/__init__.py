"""The immutable scenario model and the diagnostics that describe problems in it."""
