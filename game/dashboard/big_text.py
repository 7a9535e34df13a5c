"""Big letters for a join code on a projector: a 5×5 block font of the code alphabet, as plain lines.

    big_lines("K7M-QX4")              # 5 lines, each cell two characters wide (full blocks)
    big_lines("K7M-QX4", small=True)  # 3 lines, one character per cell (half blocks)

Only the characters of a join code are drawn (codes.ALPHABET and "-"); any other character is
a blank cell, so nothing else can reach the screen through here.
"""

from __future__ import annotations

_GLYPHS = {
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "####.", "#....", "#####"),
    "F": ("#####", "#....", "####.", "#....", "#...."),
    "G": (".####", "#....", "#..##", "#...#", ".###."),
    "H": ("#...#", "#...#", "#####", "#...#", "#...#"),
    "J": ("..###", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "###..", "#..#.", "#...#"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#"),
    "P": ("####.", "#...#", "####.", "#....", "#...."),
    "Q": (".###.", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "####.", "#..#.", "#...#"),
    "T": ("#####", "..#..", "..#..", "..#..", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "3": ("####.", "....#", ".###.", "....#", "####."),
    "4": ("#..#.", "#..#.", "#####", "...#.", "...#."),
    "7": ("#####", "...#.", "..#..", ".#...", ".#..."),
    "9": (".###.", "#...#", ".####", "....#", ".###."),
    "-": (".....", ".....", ".###.", ".....", "....."),
}
_BLANK = (".....",) * 5
HEIGHT = 5
_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _rows(text: str) -> list[str]:
    """The text as 5 rows of '#' and '.', one blank column between characters."""
    glyphs = [_GLYPHS.get(c, _BLANK) for c in text.upper()]
    return [".".join(g[row] for g in glyphs) for row in range(HEIGHT)]


def big_lines(text: str, small: bool = False) -> list[str]:
    rows = _rows(text)
    if not small:
        return ["".join("██" if c == "#" else "  " for c in row) for row in rows]
    rows.append("." * len(rows[0]))
    return ["".join(_HALF[(top == "#", bottom == "#")] for top, bottom in zip(rows[i], rows[i + 1]))
            for i in range(0, HEIGHT, 2)]


def width(text: str, small: bool = False) -> int:
    columns = len(text) * 6 - 1 if text else 0
    return columns if small else columns * 2
