"""A page that carries the notice twice: a print copy, a hidden second rendering.

Some portals put the article in the page twice (a ``display:none`` copy for the
print button, a mobile rendering after the desktop one). Read as it is, every
target, deadline and department would count twice. A second rendering is a run
of lines that repeats, in order, lines seen before, with at least two paragraphs
of prose in it and at least half as much prose as the rest of the page: a copy of
the notice, not a list item a regulation repeats for each of its grades (the
conditions of 一级 and 二级 资质 in a bulk page). The later copy goes and a
warning says how much went.
"""

from __future__ import annotations

import regex as re

from ..document import Line

_SPACE = re.compile(r"\s+")
MIN_PROSE = 30  # characters of a line that counts as a paragraph of prose
MIN_PARAGRAPHS = 2  # repeated paragraphs that make a second rendering
MIN_SHARE = 0.5  # the copy's prose against the prose of the rest of the page


def _key(line: Line) -> str:
    return _SPACE.sub("", line.text)


def drop_second_rendering(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """The lines without any run that repeats earlier lines, and a warning per run.

    >>> a = [Line("关于调整住房公积金贷款政策的通知"), Line("一、提高贷款额度。最高贷款额度由50万元调整为60万元，二套房同样执行。"),
    ...      Line("二、降低首付比例。首套住房首付比例由30%调整为20%，自印发之日起执行。"), Line("2024年5月6日")]
    >>> kept, warnings = drop_second_rendering(a + [Line("打印")] + a)
    >>> [line.text for line in kept][-2:], len(kept)
    (['2024年5月6日', '打印'], 5)
    """
    keys = [_key(line) for line in lines]
    prose = sum(len(k) for k in keys if len(k) >= MIN_PROSE)
    first: dict[str, int] = {}
    drop: set[int] = set()
    warnings: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        k = keys[i]
        p = first.get(k)
        if p is None or len(k) < MIN_PROSE or i in drop:
            first.setdefault(k, i)
            i += 1
            continue
        # extend the run backwards over short lines (the copy's title) and forwards
        start, q = i, p
        while start - 1 > q and q - 1 >= 0 and keys[start - 1] == keys[q - 1] and start - 1 not in drop:
            start -= 1
            q -= 1
        end, q = i, p
        while end < n and q < start and keys[end] == keys[q]:
            end += 1
            q += 1
        paragraphs = sum(1 for j in range(start, end) if len(keys[j]) >= MIN_PROSE)
        copied = sum(len(keys[j]) for j in range(start, end) if len(keys[j]) >= MIN_PROSE)
        if paragraphs >= MIN_PARAGRAPHS and copied >= MIN_SHARE * (prose - copied):
            drop.update(range(start, end))
            chars = sum(len(keys[j]) for j in range(start, end))
            warnings.append(
                f"the page carries the notice twice: a second rendering of {end - start} lines "
                f"({chars} characters) was dropped"
            )
            i = end
            continue
        first.setdefault(k, i)
        i += 1
    return [line for j, line in enumerate(lines) if j not in drop], warnings
