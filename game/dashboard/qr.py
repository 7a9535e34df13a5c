"""The QR code of the join URL as plain lines of half blocks, as `safecity serve` prints it
(segno, error correction M, a border of 2 modules). A drawn block is a LIGHT module: the
screen draws these lines light on black, so the code reads the same on any terminal theme."""

from __future__ import annotations

_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(url: str, border: int = 2, large: bool = False) -> list[str]:
    """Two modules a line (half blocks); `large`: one module a line, two columns wide (a square
    on most terminal fonts, twice the size, for a projector)."""
    import segno

    code = segno.make(url, error="m")
    size = len(code.matrix)
    total = size + 2 * border

    def light(row: int, col: int) -> bool:
        r, c = row - border, col - border
        if not (0 <= r < size and 0 <= c < size):
            return True                       # the quiet zone around the code
        return not code.matrix[r][c]

    rows = [[light(r, c) for c in range(total)] for r in range(total)]
    if large:
        return ["".join("██" if cell else "  " for cell in row) for row in rows]
    if total % 2:
        rows.append([False] * total)          # the last half line: nothing below it
    return ["".join(_HALF[(top, bottom)] for top, bottom in zip(rows[i], rows[i + 1]))
            for i in range(0, len(rows), 2)]
