"""The facilitator's class dashboard: live from the class database, and the debrief walk-through.

Data (no Textual): feed.py polls the store, snapshot.py turns events into a ClassSnapshot,
debrief.py builds the debrief's steps, qr.py and big_text.py draw plain strings.
Screens (Textual): app.py with one mode per screen (arrival, live, debrief), widgets.py.
"""
