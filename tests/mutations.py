"""Texts that break the way real notices break, and the promises every record keeps.

Shared by the property tests (``tests/test_properties.py``, through hypothesis)
and the long fuzz run (``benchmarks/fuzz.py``, many processes): each generator
takes a ``random.Random`` so a failing example is reproduced from its seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from policyparse.schemas import PolicyRecord

ROOT = Path(__file__).resolve().parents[1]

# Characters notices are made of, weighted towards the ones the rules look at.
VOCABULARY = (
    "一二三四五六七八九十百（）()、.．。，,；;：:〔〕[]【】《》“”\"%％‰第条章节款项"
    "0123456789０１２３４５６７８９年月日前底内末季度每半个工作日周以上下不低于高超过达到力争确保"
    "万亿元人户家个平方米公里吨千瓦时小时天次项率比例牵头负责配合参与协同各有关单位部门"
    "市区县省镇街道乡村人民政府办公厅室局委员会中心财政发展和改革教育卫生健康通知意见办法方案"
    "关于印发做好进一步加强工作的请认真贯彻落实执行抄送印发附件联系人电话 \u3000\t"
)
LINE_OPENERS = ["一、", "（一）", "1.", "（1）", "①", "第一条", "第二章", "附件：", "抄送：", "", "", ""]
_WIDTHS = str.maketrans("，；：（）。！？％１２３４５６７８９０", ",;:().!?%1234567890")
_WIDTHS_BACK = str.maketrans("，；：（）！？％", ",;:()!?%")


def notices() -> list[str]:
    """The bundled seed notices, and the devset's text notices when ``../shared`` is there."""
    paths = sorted((ROOT / "corpus").glob("*.txt"))
    devset = ROOT.parent / "shared" / "devset"
    if devset.is_dir():
        paths += sorted(p for p in devset.rglob("*") if p.suffix in (".txt", ".md") and p.name != "INDEX.md")
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def random_text(rng: random.Random, max_lines: int = 40) -> str:
    """Lines of notice-like characters, each maybe opened by a numbering marker."""
    lines = []
    for _ in range(rng.randint(0, max_lines)):
        n = rng.randint(0, 60)
        if rng.random() < 0.1:
            body = "".join(chr(rng.randint(0x20, 0x2FFFF)) for _ in range(n))  # any code point
        else:
            body = "".join(rng.choice(VOCABULARY) for _ in range(n))
        lines.append(rng.choice(LINE_OPENERS) + body)
    return rng.choice(["\n", "\r\n", "\n\n"]).join(lines)


def _delete_lines(lines: list[str], rng: random.Random) -> list[str]:
    k = rng.randint(1, max(1, len(lines) // 4))
    drop = set(rng.sample(range(len(lines)), min(k, len(lines))))
    return [line for i, line in enumerate(lines) if i not in drop]


def _shuffle_paragraphs(lines: list[str], rng: random.Random) -> list[str]:
    if len(lines) < 3:
        return lines
    a = rng.randrange(len(lines) - 1)
    b = rng.randint(a + 1, min(len(lines), a + 30))
    part = lines[a:b]
    rng.shuffle(part)
    return lines[:a] + part + lines[b:]


def _double_markers(lines: list[str], rng: random.Random) -> list[str]:
    out = []
    for line in lines:
        if rng.random() < 0.2:
            opener = rng.choice([m for m in LINE_OPENERS if m])
            line = opener + opener + line if rng.random() < 0.5 else opener + line
        out.append(line)
    return out


def _mix_widths(lines: list[str], rng: random.Random) -> list[str]:
    return [line.translate(rng.choice([_WIDTHS, _WIDTHS_BACK])) if rng.random() < 0.5 else line for line in lines]


def _split_lines(lines: list[str], rng: random.Random) -> list[str]:
    out = []
    for line in lines:
        if len(line) > 4 and rng.random() < 0.2:
            cut = rng.randrange(1, len(line))
            out += [line[:cut], line[cut:]]
        else:
            out.append(line)
    return out


def _join_lines(lines: list[str], rng: random.Random) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and rng.random() < 0.2:
            out[-1] += line
        else:
            out.append(line)
    return out


def _truncate(lines: list[str], rng: random.Random) -> list[str]:
    text = "\n".join(lines)
    return text[: rng.randrange(len(text) + 1)].split("\n")


def _noise(lines: list[str], rng: random.Random) -> list[str]:
    if not lines:
        return [random_text(rng, 3)]
    i = rng.randrange(len(lines))
    line = lines[i]
    at = rng.randint(0, len(line))
    lines = list(lines)
    lines[i] = line[:at] + random_text(rng, 2) + line[at:]
    return lines


def _repeat_block(lines: list[str], rng: random.Random) -> list[str]:
    if not lines:
        return lines
    a = rng.randrange(len(lines))
    b = min(len(lines), a + rng.randint(1, 10))
    return lines[:b] + lines[a:b] + lines[b:]


MUTATIONS = (_delete_lines, _shuffle_paragraphs, _double_markers, _mix_widths, _split_lines,
             _join_lines, _truncate, _noise, _repeat_block)


def mutate(text: str, rng: random.Random) -> str:
    """``text`` after one to four of the ways real copies of notices get damaged."""
    lines = text.split("\n")
    for op in rng.choices(MUTATIONS, k=rng.randint(1, 4)):
        lines = op(lines, rng)
    return "\n".join(lines)


def broken_promises(rec: PolicyRecord) -> list[str]:
    """Every way ``rec`` breaks the record contract; empty when it keeps it.

    Spans lie inside ``text`` and read the item's own words (a measure's span opens
    with its marker); measure ids are unique and parents exist; dates are dates;
    the record survives a JSON round trip unchanged.
    """
    out = []
    text = rec.text
    for family in ("references", "targets", "deadlines", "departments", "measures"):
        for item in getattr(rec, family):
            a, b = item.span
            if not 0 <= a <= b <= len(text):
                out.append(f"{family}: span {item.span} outside text of {len(text)}")
            elif family == "measures":
                if not text[a:b].startswith(item.marker):
                    out.append(f"measure {item.id}: span opens {text[a:a + 8]!r}, not marker {item.marker!r}")
            elif text[a:b] != item.text:
                out.append(f"{family}: span reads {text[a:b]!r}, item says {item.text!r}")
    ids = [m.id for m in rec.measures]
    if len(ids) != len(set(ids)):
        out.append(f"duplicate measure ids {sorted(i for i in ids if ids.count(i) > 1)}")
    known = set(ids)
    out += [f"measure {m.id}: parent {m.parent} missing" for m in rec.measures if m.parent and m.parent not in known]
    dates = [rec.issue_date, rec.publish_date, rec.printed_date] + [t.due for t in rec.targets]
    dates += [d.date for d in rec.deadlines] + [d.start for d in rec.deadlines]
    out += [f"not a date: {d!r}" for d in dates if d is not None and type(d) is not dt.date]
    if PolicyRecord.model_validate_json(rec.model_dump_json()) != rec:
        out.append("record changes in a JSON round trip")
    return out


def any_string(rng: random.Random, max_len: int = 400) -> str:
    """Any code points at all, lone surrogates and controls included."""
    return "".join(chr(rng.randint(0, 0x10FFFF if rng.random() < 0.3 else 0x3000)) for _ in range(rng.randint(0, max_len)))
