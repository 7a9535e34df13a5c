"""Catalogues of the program's own words, one folder per language (gettext)."""
