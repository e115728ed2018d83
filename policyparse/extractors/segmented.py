"""The jieba-segmented extractor: targets, deadlines and departments found on words.

It shares reading, normalization, the layout, metadata, measures and references
with ``rules``, and the second halves that turn a found item into values
(``resolve_deadline``, ``canonical_names``, number parsing). What differs is how
items are found and delimited: on jieba words with part-of-speech tags, via the
spaCy pipeline of :mod:`policyparse.extractors.words` (Matcher spans for quantities
and time expressions, organ words), not on character patterns:

- a department is a noun phrase of name words ending in an organ word, assigned by
  the word after it (要/负责/牵头/配合…) or before it (由/会同/联合, 责任单位：);
- a target is a matched quantity; its indicator is the words of its clause without
  framing words, and exclusions are matched on whole words, not substrings;
- a deadline is a matched time expression widened to its trigger words (到/至/于
  before it, 前/起/内 after it).

A per-field combination of the two was measured (README, "Two extractors"): rules
scores at least as well as jieba on every field of both gold sets, so taking each
field from its best extractor gives back ``rules``, and no third extractor is offered.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any, Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..lang.dates import MONTH_PART
from ..lexicon import alternation, table, word_list
from ..schemas import Deadline, Department, PolicyRecord, Target
from .base import Step
from .rules import RULES
from .words import ends_like_organ, shared_nlp
from .deadlines import DeadlineMention, find_deadline_mentions, keep_mention, resolve_mentions, table_mentions
from .departments import Mention, contact_mentions, departments_of, first_listed_leads, task_table_mentions, verb_role
from .vocab import deadline_cue, deadline_cue_matches, role_cue, role_of, target_cue
from .targets import (clause_context, due_for, lead_in_deadline, split_indicators, build_target, find_quantities, find_table_targets,
                      past_sections, rejection, under_conditions)

# --- words that decide -------------------------------------------------------------------------

_NAME_TAGS = {"n", "nt", "ns", "nz", "j", "nr", "ng", "an", "vn", "l", "r"}  # jieba tags a name may be made of
_JOIN = {"、", "和", "及", "与", "以及"}  # words that join the names of a list


@lru_cache(maxsize=1)
def _not_in_name() -> frozenset[str]:
    """Words that never belong to a department's name: function words, the words that open a
    clause before a list of bodies, generic qualifiers (data files shared with rules)."""
    words = {r["word"] for r in table("function_words.tsv")}
    words |= set(word_list("department_leading_words.txt")) | set(word_list("department_qualifiers.txt"))
    return frozenset(words)


def _tokens(doc: NormalizedDocument) -> Any:
    """The spaCy doc of ``doc.text`` (jieba words and candidate spans), made once per document."""
    if "spacy" not in doc.cache:
        doc.cache["spacy"] = shared_nlp()(doc.text)
    return doc.cache["spacy"]


# --- departments ---------------------------------------------------------------------------------


def _name_part(tok: Any) -> bool:
    t = tok.text
    if not t.strip() or t in _not_in_name() or role_of("verb", t) or role_of("modal", t):
        return False
    if re.fullmatch(r"[（）()]", t):
        return True
    return tok.tag_ in _NAME_TAGS or tok.tag_ == "x" and bool(re.fullmatch(r"[\p{Han}]+", t))


def _organ_word(tok: Any) -> bool:
    return tok.tag_ == "nt" or ends_like_organ(tok.text)


def _noun_phrase_before(sdoc: Any, head: int) -> int:
    """First token of the organ noun phrase that ends at token ``head`` (lists included)."""
    i = head
    while i - 1 >= 0:
        prev = sdoc[i - 1]
        if prev.text in _JOIN and i - 2 >= 0 and _name_part(sdoc[i - 2]):
            i -= 2
            continue
        if prev.text == "等" or _name_part(prev):
            i -= 1
            continue
        break
    # drop leading qualifiers the canonical names drop anyway, keep levels
    return i


def find_departments_on_words(doc: NormalizedDocument, layout: Layout, record: PolicyRecord, sdoc: Any) -> list[Department]:
    """Organ noun phrases found on words, with the role the words around them give; then named,
    grounded and given roles as the rules extractor does (:func:`departments_of`)."""
    allowed = set(layout.item_lines())
    first_leads = first_listed_leads(doc.text)
    mentions: list[Mention] = []
    for i in layout.contact_lines:
        mentions += contact_mentions(doc, i)
    n = len(sdoc)
    used_until = -1
    for k in range(n):
        tok = sdoc[k]
        if k <= used_until or not _organ_word(tok):
            continue
        # extend the head over following organ words of the same name (工业和信息化部门 + 办公室)
        end = k
        while end + 1 < n and (_organ_word(sdoc[end + 1]) or sdoc[end + 1].text == "等" and end + 2 < n and _organ_word(sdoc[end + 2])):
            end += 1
        start = _noun_phrase_before(sdoc, k)
        line_i = doc.line_at(sdoc[start].idx)
        if line_i not in allowed:
            continue
        found = _role_for(doc, sdoc, start, end)
        used_until = end
        if found is None:
            continue
        role, listed = found
        if listed and role == "responsible" and first_leads:
            role = "first_leads"
        s, e = sdoc[start].idx, sdoc[end].idx + len(sdoc[end].text)
        mentions.append(Mention(s, e, doc.text[s:e], role, listed))
    mentions += list(task_table_mentions(layout))
    return departments_of(doc, record, mentions)


def _role_for(doc: NormalizedDocument, sdoc: Any, start: int, end: int) -> Optional[tuple[str, bool]]:
    """``(role, listed)`` the words around the phrase ``sdoc[start:end+1]`` give it
    (department_roles.tsv): a label before a colon (a listed unit), a partner or agent word
    before, a verb after."""
    prev = [t.text for t in sdoc[max(0, start - 4) : start] if t.text.strip()]
    if prev and prev[-1] in ("：", ":"):
        label = re.search(rf"(?:{role_cue('label')})$", "".join(prev[:-1]))
        if label:
            return role_of("label", label.group(0)) or "responsible", True
    if prev and role_of("partner", prev[-1]):
        return "cooperate", False
    after = doc.text[sdoc[end].idx + len(sdoc[end].text) :][:16]
    verb = re.match(rf"(?:{role_cue('verb')}|{role_cue('modal')})", after)
    if prev and re.fullmatch(role_cue("agent"), prev[-1]):
        return ("lead" if verb and role_of("verb", verb.group(0)) == "lead" else "responsible"), False
    if verb:
        return verb_role(verb.group(0), after[verb.end() :]), False
    return None


# --- deadlines -----------------------------------------------------------------------------------

def _widens_before(word: str) -> bool:
    """A word before a time expression that belongs to it: 到, 自, 力争, 每 (deadline_cues.tsv)."""
    return any(deadline_cue_matches(k).match(word) for k in ("commit", "by_before", "start_before", "recurring_before"))


def _widens_after(word: str) -> bool:
    """A word after a time expression that belongs to it: 前, 起, 内, 底 (deadline_cues.tsv, date parts)."""
    return (any(deadline_cue_matches(k).match(word) for k in ("by_after", "start_after", "within_after"))
            or _month_part().fullmatch(word) is not None)


@lru_cache(maxsize=1)
def _month_part() -> re.Pattern[str]:
    relative = alternation([r["word"] for r in table("time_words.tsv")])
    return re.compile(rf"(?:{MONTH_PART}|{relative})(?:{deadline_cue('by_after')})?")


def find_deadlines_on_words(doc: NormalizedDocument, layout: Layout, record: PolicyRecord, sdoc: Any) -> list[Deadline]:
    """Time expressions matched on words, widened to their trigger words, then kept and resolved
    as the rules extractor keeps and resolves its own (:func:`keep_mention`, :func:`resolve_mentions`)."""
    allowed = set(layout.item_lines())
    mentions: list[DeadlineMention] = []
    for span in sdoc.spans["pp_time"]:
        s, e = span.start, span.end
        while s - 1 >= 0 and (_widens_before(sdoc[s - 1].text) or sdoc[s - 1].text in ("“", '"')):
            s -= 1
        while e < len(sdoc) and (_widens_after(sdoc[e].text) or sdoc[e].text in ("”", '"')):
            e += 1
        cs, ce = sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1].text)
        # the patterns look around the words (自本通知印发之日起…, a clause's start): read the
        # expressions of the whole line and keep those that overlap the widened words
        line = doc.lines[doc.line_at(cs)]
        mentions += [m for m in find_deadline_mentions(doc.text, line.start, line.end)
                     if m.start < ce and m.end > cs and keep_mention(doc, allowed, m)]
    mentions += table_mentions(doc, layout)
    # neighbouring token spans can find the same expression: keep the first of overlapping ones
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DeadlineMention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return resolve_mentions(doc, record, kept)


# --- targets -------------------------------------------------------------------------------------


def _clause_words(sdoc: Any, first: int) -> list[Any]:
    words = []
    i = first - 1
    while i >= 0 and sdoc[i].text not in ("，", "。", "；", "：", "！", "？", "\n", ",", ";"):
        words.insert(0, sdoc[i])
        i -= 1
    return words


def _boundaries(starts: list[int], start: int, end: int) -> set[int]:
    """Offsets, relative to ``start``, where words start or end in ``text[start:end]``
    (``starts``: the sorted start offsets of all words; a word ends where the next starts)."""
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_right(starts, end)
    return {0, end - start} | {s - start for s in starts[lo:hi]}


def find_targets_on_words(doc: NormalizedDocument, layout: Layout, record: PolicyRecord, sdoc: Any) -> list[Target]:
    """Quantities matched on words; kept or rejected by the rules' reasons (:func:`rejection`);
    the indicator is the clause's words without framing words."""
    allowed = set(layout.item_lines(attachments=False))
    ref = record.issue_date or record.publish_date
    out: list[Target] = []
    text = doc.text
    past = past_sections(record.measures)
    framing = target_cue("framing", "{}+")
    starts = [t.idx for t in sdoc]
    for span in sdoc.spans["pp_quantity"]:
        cs = span.start_char
        line_i = doc.line_at(cs)
        line = doc.lines[line_i]
        if line_i not in allowed or any(a <= cs < b for a, b in past) or under_conditions(doc, line_i):
            continue
        clause = _clause_words(sdoc, span.start)
        for q in find_quantities(text, cs, span.end_char):
            ctx = clause_context(text, line.start, line.end, q)
            if rejection(text, line.start, q, ctx, _boundaries(starts, ctx.clause_start, q.start)):
                continue
            due = due_for(record.deadlines, q, ctx, line.start, line.end, lead_in_deadline(doc, record.deadlines, line_i))
            if due and ref and due < ref:
                continue
            words = [t.text for t in clause]
            while words and (framing.fullmatch(words[0]) or re.fullmatch(r"\d+|年|[\p{Han}]?年底?", words[0])):
                words.pop(0)
            while words and (framing.fullmatch(words[-1]) or words[-1] in ("为", "是", "在")):
                words.pop()
            indicator = "".join(words).strip() or None
            if q.count > 1:
                indicator = split_indicators(indicator, q.count)[q.index]
            period = next((t.text for t in clause if target_cue("period").fullmatch(t.text)), None)
            scope = next((t.text for t in clause if target_cue("scope").fullmatch(t.text)), None)
            out.append(build_target(doc, record, q, ctx, indicator, due, period, scope))
    return out


# --- the extractors --------------------------------------------------------------------------------


def _deadlines(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Deadline]:
    return find_deadlines_on_words(doc, layout, record, _tokens(doc))


def _targets(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Target]:
    return find_targets_on_words(doc, layout, record, _tokens(doc)) + find_table_targets(doc, layout, record)


def _departments(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Department]:
    return find_departments_on_words(doc, layout, record, _tokens(doc))


JIEBA = RULES.replace(
    "jieba",
    Step("deadlines", _deadlines),
    Step("targets", _targets),
    Step("departments", _departments),
)
