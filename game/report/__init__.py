"""Printable pages for facilitators: the class report and the lesson guide (HTML, self-contained)."""
