"""Responsible departments (SPEC section 5): who must do what, with role and canonical name.

Where departments are found:

- responsibility notes: ``责任单位：…``, ``（牵头单位：…；配合单位：…）``,
  ``（A牵头，B、C配合）``, ``（A、B等按职责分工负责）``;
- task tables with 牵头单位/责任单位/配合单位 columns;
- the subject of 要/负责/牵头/配合/会同/联合/应当, and the agent of ``由A负责``;
- the 联系单位.

:func:`canonical_names` turns one printed list into canonical names: qualifiers
dropped (各级, 有关), levels kept and distributed (``市、区教育、公安等单位``), the
shared suffix distributed, abbreviations expanded (data/department_aliases.tsv).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..lang.markers import ANY_MARKER
from ..lang.organs import department_name_end, department_suffix_pattern, expand_abbreviations, ungrounded
from ..lexicon import alternation, table, word_list
from ..schemas import Department, PolicyRecord

from .measures import innermost_measure
from .explain import explain
from .vocab import role_at, role_cue, role_of

# --- lexicon-driven patterns ------------------------------------------------------------------



# patterns used in hot functions, compiled once
_WHITESPACE = re.compile(r"\s+")
_ALIAS_NOTE = re.compile(r"[（(]以下(?:简称|称)[^（）()]*[）)]")
_INCLUDING = re.compile(r"[（(]含([^（）()，,]+)[，,]?(?:下同)?[）)]")
_INCLUDING_ANY = re.compile(r"[（(]含[^（）()]*[）)]")
_LEADING_PARTICLE = re.compile(r"^(?:由各|由|请|经(?![信济])|和(?!平)|及|与|并|要(?!素))")  # not 经信委, 和平区, 要素市场
_UP_TO_DE = re.compile(r"^.*的(?=[^的]{2,}$)")
_UP_TO_LOCATED = re.compile(r"^.*(?:所在地?|居住地)(?=[^所]{2,}$)")
_LIST_SEPARATOR = re.compile(r"[、，,和]")
_DEPT_OR_UNIT = re.compile(r"(部门)[（(]单位[）)]")
_LEADING_GE = re.compile(r"^(?:各)+")
_BY_DUTY_CLAUSE = re.compile(r"^(?:依据|按照|根据|依照|结合|围绕)[^，。；]*$")
_ADVERBIAL_INSIDE = re.compile(r"(?:依据|按照|根据|依照|结合|围绕)")
_TRAILING_ETC = re.compile(r"等(?:[\p{Han}]{2,6})?$")
_THEN_COOPERATE = re.compile(
    r"^\s*(?:(?:根据|按照|依据|依照|按)(?:各自)?职责|积极|主动|密切|全力|认真|切实)?\s*(?:配合|协助)")
_CLAUSE_BREAK = re.compile(r"[，。；：！？]")
_LEADING_MARKER = re.compile(rf"\s*{ANY_MARKER}?\s*")
_GENERIC_INSIDE = re.compile(r"相关|有关|各(?:部门|单位|机构)")
_PUNCTUATION = re.compile(r"[，。；：！？《》“”]")
_ETC_BEFORE_SUFFIX = re.compile(r"等(?=[\p{Han}]{0,4}$)")


@lru_cache(maxsize=1)
def _alt() -> dict[str, str]:
    return {
        "suffix": department_suffix_pattern(),
        "level": alternation(word_list("levels.txt")),
        "qualifier": alternation(word_list("department_qualifiers.txt")),
    }


class _Patterns:
    """The department patterns, compiled once from the data files."""

    def __init__(self) -> None:
        a = _alt()
        suffix, level, qual = a["suffix"], a["level"], a["qualifier"]
        self.alt_body = re.compile(rf"[（(]([^（）()，,]{{2,20}}(?:{suffix}))[）)]")
        self.qualifiers = re.compile(rf"^(?:{qual})+(?!级以上)")
        self.qualifiers_any = re.compile(rf"^(?:{qual})+")
        self.level_only = re.compile(rf"^(?:{level})$")
        self.level_then = re.compile(rf"^({level})(.+)$")
        self.lead_level = re.compile(rf"^((?:{level})(?:级)?)(?=[\p{{Han}}])")
        self.own_level = re.compile(rf"^(?:(?:{level})(?!场)|国家|国务院|中国|中央)")
        self.full_name = re.compile(rf"^(?:人行|人民银行|中国|国家)|[\p{{Han}}]{{2}}(?<!城)(?:{level})")
        self.etc_after_suffix = re.compile(rf"(?<=(?:{suffix}))等(?:{suffix}|[\p{{Han}}]{{2,6}})$")
        self.levels_prefix = re.compile(rf"^(?:{level}|国家|国务院)+")
        self.printed_tail = re.compile(rf"等((?:{suffix}))$")
        self.level_before: dict[str, re.Pattern[str]] = {}

    def level_before_tail(self, tail: str) -> re.Pattern[str]:
        if tail not in self.level_before:
            self.level_before[tail] = re.compile(rf"(?:{_alt()['level']})(?={re.escape(tail)}$)")
        return self.level_before[tail]


@lru_cache(maxsize=1)
def _P() -> _Patterns:
    return _Patterns()


@lru_cache(maxsize=1)
def _ban() -> frozenset[str]:
    return frozenset(word_list("department_ban.txt"))


_ETC_HEAD = re.compile(r"等([\p{Han}]{2,8})$")


@lru_cache(maxsize=1)
def _non_department_heads() -> re.Pattern[str]:
    return re.compile(alternation(word_list("non_department_heads.txt")))


_ITEM_SPLIT = re.compile(r"、|，|,|和|及(?!时)|与|以及|或者|或|；")


def _split_items(s: str) -> list[str]:
    """Split a coordinated list outside brackets."""
    parts, depth, cur = [], 0, ""
    i = 0
    while i < len(s):
        ch = s[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        if depth == 0:
            m = _ITEM_SPLIT.match(s, i)
            if m:
                if not _protected_he(s, i):
                    parts.append(cur)
                    cur = ""
                    i = m.end()
                    continue
        cur += ch
        i += 1
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def _protected_he(s: str, i: int) -> bool:
    """和 inside an organ's own name (``organ_names_with_he.txt``): 住房和城乡建设, 和平区.

    >>> _protected_he("罗湖区住房和建设局", 5), _protected_he("财政和人社部门", 2)
    (True, False)
    """
    if s[i] != "和":
        return False
    lo = max(0, i - _he_names_reach())
    if any(m.start() <= i < m.end() for m in _he_names().finditer(s, lo, i + _he_names_reach() + 1)):
        return True
    return _one_organ_across_he(s, i)


_ITEM_BOUNDARY = re.compile(r"[、，,；;及与]")
_GENERIC_SUFFIX = re.compile(r"(?:部门|单位|机构|机关)(?:（[^（）]{1,12}）)?$")


def _one_organ_across_he(s: str, i: int) -> bool:
    """``市政务和数据局``, ``区粮食和物资储备中心``: 和 joins two domains of one organ when the words
    before it end with no organ suffix, the item ends with a specific one (局, 委, 中心, …) and
    the whole is an organ the lexicon can build; a generic suffix is shared by the list instead
    (``财政和人社部门`` is two departments).

    >>> _one_organ_across_he("市政务和数据局", 3), _one_organ_across_he("财政和人社部门", 2)
    (True, False)
    >>> _one_organ_across_he("市财政局和市人社局", 4)
    False
    """
    left_start = max((m.end() for m in _ITEM_BOUNDARY.finditer(s, 0, i)), default=0)
    left = s[left_start:i]
    m = _ITEM_BOUNDARY.search(s, i + 1)
    right = s[i + 1 : m.start() if m else len(s)]
    right = _TRAILING_ETC.sub("", right)
    if not left or not right or department_name_end().search(left) or _GENERIC_SUFFIX.search(right):
        return False
    return ungrounded(expand_abbreviations(_LEADING_GE.sub("", f"{left}和{right}"))) is None


@lru_cache(maxsize=1)
def _he_names() -> re.Pattern[str]:
    return re.compile(alternation(word_list("organ_names_with_he.txt")))


@lru_cache(maxsize=1)
def _he_names_reach() -> int:
    return max(len(w) for w in word_list("organ_names_with_he.txt"))


def canonical_names(printed: str) -> list[str]:
    """Canonical names of the departments in one printed list.

    A list in groups separated by ，or ； (``各地级以上市人民政府，省公安厅、发展改革委``)
    is read group by group: a level printed before a group's first item is that group's.

    >>> canonical_names("各级人力资源社会保障、工业和信息化部门")
    ['人力资源社会保障部门', '工业和信息化部门']
    >>> canonical_names("市、区教育、公安等单位")
    ['市教育单位', '市公安单位', '区教育单位', '区公安单位']
    >>> canonical_names("各设区市人社部门")
    ['设区市人力资源社会保障部门']
    >>> canonical_names("省公安厅、发改委、人社厅")
    ['省公安厅', '省发展改革委', '省人力资源社会保障厅']
    """
    s = _WHITESPACE.sub("", printed)
    s = _ALIAS_NOTE.sub("", s)
    groups = _groups(s)
    if len(groups) > 1:
        out: list[str] = []
        for g in groups:
            out += [n for n in canonical_names(g) if n not in out]
        return out
    extra: list[str] = []
    for m in _INCLUDING.finditer(s):
        extra.append(m.group(1))  # 各区政府（含新区管委会，下同）: both are named
    s = _INCLUDING_ANY.sub("", s)
    s = _LEADING_PARTICLE.sub("", s)
    s = _UP_TO_DE.sub("", s)  # 接受申请材料的各区主管部门
    s = _UP_TO_LOCATED.sub("", s)  # 户籍所在地区教育局 → 区教育局
    if "各" in s[1:] and not _LIST_SEPARATOR.search(s[: s.index("各", 1)]):
        s = s[s.index("各", 1) :]  # 户籍所在地各区住房保障主管部门: the organ starts at 各
    s = _DEPT_OR_UNIT.sub(r"\1", s)  # 等部门（单位）
    P = _P()
    for m in P.alt_body.finditer(s):
        extra.append(m.group(1))  # 各区政府（新区管委会）: an alternative body, named too
    s = P.alt_body.sub("", s)
    etc = _ETC_HEAD.search(s)
    if etc and _non_department_heads().search(etc.group(1)) and not _GENERIC_SUFFIX.search(etc.group(1)):
        return []  # 巴西中心、北欧创新中心等国际科创平台: a list of platforms
    raw_items = _split_items(s)
    # the suffix printed after 等 is the one the list shares: 法制、…、司法行政等部门 → 部门
    printed = _P().printed_tail.search(raw_items[-1]) if raw_items else None
    printed_tail = printed.group(1) if printed else None
    items = [_drop_etc(it) for it in raw_items]
    items = [it for it in items if it]
    if not items or (len(items) > 1 and items[-1] in _ban()):
        return []  # 政府主导、社会参与、部门联动: a list of phrases, the last one bare 部门
    qual = P.qualifiers
    level_only = P.level_only
    items = [qual.sub("", it) if not level_only.match(it) else it for it in items]  # 各地区 goes whole
    items = [it for it in items if it]
    if not items:
        return []  # only qualifiers: 各有关、相关
    # leading bare levels: 市、区教育、公安等单位 → levels [市, 区], and the first function
    levels: list[str] = []
    while items and level_only.match(items[0]) and len(items) > 1:
        levels.append(items.pop(0))
    if levels:
        first = items[0]
        m = P.level_then.match(first)
        if m:
            levels.append(m.group(1))
            items[0] = m.group(2)
    # a level printed before the first item and not before the others applies to all:
    # 省公安厅、发改委 → 省公安厅、省发改委 (not to full names such as 人行福州中心支行)
    lead_level = ""
    if not levels:
        m = P.lead_level.match(items[0])
        if m and len(items) > 1 and not any(P.own_level.match(it) for it in items[1:]):
            lead_level = m.group(1)
    names: list[str] = []
    for k, it in enumerate(items):
        name = it
        if not department_name_end().search(name):
            # a bare item shares the suffix of the next item that has one
            nxt = next((x for x in items[k + 1 :] if department_name_end().search(x)), None)
            if nxt:
                tail = printed_tail or department_name_end().search(nxt).group(0)
                lv = P.level_before_tail(tail).search(nxt)
                if lv and len(name) <= 4 and not name.endswith(lv.group(0)):
                    tail = lv.group(0) + tail  # 漳州 + 市人民政府
                name = name + tail
        if k > 0 and lead_level and not name.startswith(lead_level) and not P.full_name.search(name):
            name = lead_level + name
        names.append(name)
    if levels:
        names = [lv + n for lv in levels for n in names]
    for e in extra:
        names += [x for x in canonical_names(e) if x not in names]
    out = []
    for n in names:
        n = expand_abbreviations(n)
        n = _LEADING_GE.sub("", n)
        if _valid_name(n) and n not in out:
            out.append(n)
    return out


def _groups(s: str) -> list[str]:
    """``s`` split at ，；outside brackets, when every group ends like a department list."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        if depth == 0 and ch in "，,；;":
            parts.append(cur)
            cur = ""
            continue
        cur += ch
    parts.append(cur)
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(department_name_end().search(_TRAILING_ETC.sub("", p)) for p in parts):
        return parts
    return [s]


@lru_cache(maxsize=1)
def _public_stems() -> re.Pattern[str]:
    return re.compile(alternation(word_list("public_institution_stems.txt")))


def _drop_etc(item: str) -> str:
    """``法制办等部门`` → ``法制办``; ``公安等部门`` → ``公安部门``; ``协会等群团组织`` → ``协会``."""
    item = _P().etc_after_suffix.sub("", item)
    item = _ETC_BEFORE_SUFFIX.sub("", item)
    return item


def _valid_name(name: str) -> bool:
    if len(name) < 2 or len(name) > 40 or not department_name_end().search(name):
        return False
    bare = _P().levels_prefix.sub("", name)
    bare = _P().qualifiers_any.sub("", bare)
    if name in _ban() or not bare:
        return False
    if bare in _ban() and not (bare in ("政府", "人民政府") and bare != name):
        return False  # 有关部门 is generic at any level; 区政府 names a government
    if _GENERIC_INSIDE.search(name):
        return False  # 市级相关部门, 市政府各部门: generic
    if name.endswith("机构") and not _public_stems().search(name):
        return False
    if _PUNCTUATION.search(name) or _verbs().search(name) or name.endswith(_false_endings()):
        return False
    if name.endswith(_SCHOOL_ENDINGS) and not _NAMED_SCHOOL.search(name):
        return False  # 学校, 招生学校, 民办学校: a kind of school, not a named body
    return True


_SCHOOL_ENDINGS = ("学校", "小学", "中学", "中小学", "幼儿园")
# a named school: a place before it (高淳区第一中学) or an ordinal (第一中学)
_NAMED_SCHOOL = re.compile(r"^(?!民办)[\p{Han}]{2,8}?(?:省|市|区|县|镇|乡)(?!级)|第[一二三四五六七八九十\d]+")


@lru_cache(maxsize=1)
def _false_endings() -> tuple[str, ...]:
    return word_list("false_department_endings.txt")


@lru_cache(maxsize=1)
def _verbs() -> re.Pattern[str]:
    return re.compile(alternation(word_list("department_verbs.txt")))


# --- finding mentions ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _note() -> re.Pattern[str]:
    """A responsibility note: ``责任单位：A、B`` (labels from ``department_roles.tsv``)."""
    return re.compile(
        rf"(?P<label>{role_cue('label')})\s*[：:]\s*"
        r"(?P<list>(?:[^；;。\n（）()]|（[^（）的为]{1,12}）)+)"
    )


_PARTNER_INSIDE = re.compile(r"会同")


@lru_cache(maxsize=1)
def _duty_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"^\s*(?P<subj>[^：:，。；（）()]{{2,300}}?)[：:]\s*(?P<verb>{role_cue('verb')}|{role_cue('modal')})")


class _Duty:
    """A division-of-duties paragraph: ``单位：负责…`` (the units, a colon, the verb that assigns them)."""

    def match(self, line: str) -> Optional[re.Match[str]]:
        m = _duty_pattern().match(line)
        if m and department_name_end().search(_TRAILING_ETC.sub("", m.group("subj"))):
            return m
        return None


_DUTY = _Duty()
_PAREN_NOTE = re.compile(r"[（(](?P<body>[^（）()]{2,120}?)[）)]")
_PAREN_ROLE = re.compile(
    r"^(?P<a>[^，,；;]+?)(?P<r>牵头|负责)(?:[，,；;](?P<b>[^，,；;]+?)(?:等)?(?:配合|参与|协助)(?:落实|实施)?)?$"
    r"|^(?P<c>[^，,；;]+?)(?:等)?(?:按职责分工负责|按照职责分工负责|分工负责|按职责负责|各负其责)$"
)


@lru_cache(maxsize=1)
def _subject_verb() -> re.Pattern[str]:
    """A verb that assigns the subject before it (``department_roles.tsv``, cues verb and modal)."""
    return re.compile(rf"(?<=[\p{{Han}}）)，])(?P<verb>{role_cue('verb')}|{role_cue('modal')})")


@lru_cache(maxsize=1)
def _agent() -> re.Pattern[str]:
    """由 + department name: the agent of the action that follows."""
    return re.compile(
        rf"{role_cue('agent')}(?P<subj>[\p{{Han}}、（）()]{{1,60}}?(?:{_alt()['suffix']}|(?<=[省市县区])财政)(?:（[^（）]{{1,12}}）)?)"
        rf"(?=[\p{{Han}}])(?![小中大]学|学校|学院|医院|幼儿园)(?!{_alt()['suffix']})(?!(?:{_suffix_continuations()})(?![同议商]))"
        rf"(?![\p{{Han}}]{{1,4}}的)"  # 由农业农村部确认的…: a description, not a task
    )


@lru_cache(maxsize=1)
def _suffix_continuations() -> str:
    """What continues a suffix into a longer one (部 → 部门: 门), so a name never stops inside it."""
    suffixes = word_list("department_suffixes.txt")
    tails = {s2[i:] for s2 in suffixes for i in range(1, len(s2))
             if any(s2[:i].endswith(s1) for s1 in suffixes)}
    return alternation(sorted(tails))


@lru_cache(maxsize=1)
def _partner() -> re.Pattern[str]:
    """会同/联合/协同 X, 与 X 合作: X is a partner."""
    one = rf"[\p{{Han}}（）()]{{1,40}}?(?:{_alt()['suffix']})(?:（[^（）]{{1,12}}）)?"
    name = rf"(?:{one}|[\p{{Han}}、（）()]{{1,80}}?(?:等)?(?:{_alt()['suffix']})(?:（[^（）]{{1,12}}）)?)(?:[、和]{one})*"
    return re.compile(rf"(?:{role_cue('partner')})(?P<obj>{name})|与(?P<obj2>{name})(?=通力合作|合作|协作|配合|共同|加强协调|协调|协商|加强合作|加强协作|联动)")
# 联合 joins partners only as a verb: after a clause break, an adverb or the acting
# organ (市人社局联合市财政局); 医疗联合体, 国际联合实验室, 以联合举办 are not that.
_BEFORE_PARTNER_VERB = re.compile(r"(?:^|[，,；;：:、。\s]|要|应|应当|将|可|可以|并|积极|共同|主动|须|需|分别|统一|定期)$")
_NOUN_AFTER_LIANHE = re.compile(r"联合(?:体|会|国|社|舰|收割)")


def _partner_verb_at(line: str, pos: int) -> bool:
    """Whether the 会同/联合 at ``pos`` is the verb that names partners."""
    if not line.startswith("联合", pos):
        return True
    if _NOUN_AFTER_LIANHE.match(line, pos):
        return False
    before = line[:pos]
    return bool(_BEFORE_PARTNER_VERB.search(before) or department_name_end().search(before))


_FIRST_LEADS = re.compile(r"(?:排|列)在?(?:第一|首)位(?:的|者)?(?:单位|部门)?为牵头|第一(?:个|家)?(?:单位|部门)为牵头|首位为牵头")
_CLAUSE_START = re.compile(r"[，。；：！？\n]|^")


# 你市要加强…: in a 批复 or 函 the addressed body is the recipient.
_YOU = re.compile(r"^你(?:市|省|区|县|州|盟|旗|镇|乡|厅|局|委|办|部|院|单位|公司|们)$")
_PREPOSITION_START = re.compile(
    rf"^(?:{alternation([r['word'] for r in table('function_words.tsv') if r['kind'] == 'preposition'])})")
_ITEM_BREAK = re.compile(r"[、和及]")
_VERB_INSIDE = re.compile(r"要(?![求点素件])|应当|配合|协助|根据|按照|依据|负责|牵头|(?<!自)由|属于")
_TRAILING_ADVERB = re.compile(r"(?:统筹|分别|共同|具体|依法|切实|全面|积极|主动|直接)$")
_LATER_LEAD = re.compile(r"[，；]\s*(?:并|同时|还)?\s*(?:要|应|应当|负责)?\s*(?:会同|牵头)")
_SENTENCE_END = re.compile(r"[。；！？]")


def _sentence_end(line: str, pos: int) -> int:
    m = _SENTENCE_END.search(line, pos)
    return m.start() if m else len(line)


def _without_trailing_non_organs(subj: str) -> Optional[str]:
    """``各区农业农村部门和市属企业`` → ``各区农业农村部门``: the subject's organs, when the
    list ends in one or two items that are not organs (an enterprise, a place)."""
    cut = subj
    for _ in range(2):
        k = max((m.start() for m in _ITEM_BREAK.finditer(cut) if not _in_brackets(cut, m.start())), default=-1)
        if k <= 0:
            return None
        if _suffix_inside().search(cut[k + 1 :]):
            return None  # the dropped item holds an organ (省工业和信息化厅确定): not this case
        if len(cut) - k - 1 > 8:
            return None  # a long tail is a clause, not an item
        cut = cut[:k]
        if department_name_end().search(cut) and not _PREPOSITION_START.match(cut) and not cut.startswith("要"):
            return cut
    return None


@lru_cache(maxsize=1)
def _suffix_inside() -> re.Pattern[str]:
    return re.compile(_alt()["suffix"])


@dataclass
class Mention:
    start: int
    end: int
    printed: str
    role: str
    listed: bool = False  # in a note or table the notice labels as its units: no grounding needed


def _subject_start(line: str, pos: int) -> int:
    """Where the subject ending at ``pos`` starts: after the last clause break or marker."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(line[:pos]) if not _in_brackets(line, m.start())]
    s = max(starts) if starts else 0
    if _in_brackets(line, pos):
        s = max(s, line.rfind("（", 0, pos) + 1)
    m = _LEADING_MARKER.match(line[s:pos])
    return s + (m.end() if m else 0)


@lru_cache(maxsize=1)
def _leading_words() -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(word_list('department_leading_words.txt'))})+")


def _in_brackets(line: str, pos: int) -> bool:
    before = line[:pos]
    return before.count("（") > before.count("）")


def _subject(line: str, end: int) -> Optional[tuple[int, str]]:
    start = _subject_start(line, end)
    subj = _leading_words().sub("", line[start:end])
    if not subj:
        return None
    return end - len(subj), subj


_LATER_COOPERATE = re.compile(r"^[^，。；：]{0,6}?(?:配合|协助)")


def verb_role(verb: str, ahead: str) -> str:
    """The role a verb after a subject gives, looking at what follows a modal or 负责.

    >>> verb_role("要", "牵头制定方案"), verb_role("应当", "积极配合"), verb_role("负责", "统筹")
    ('lead', 'cooperate', 'responsible')
    >>> verb_role("按照各自职责", "主动配合做好")
    'cooperate'
    """
    modal = role_of("modal", verb)
    if modal or verb == "负责":
        nxt = role_at("verb", ahead.lstrip())
        if nxt and nxt[0] == "lead":
            return "lead"  # 要牵头, 应当会同, 负责牵头
        if modal and _THEN_COOPERATE.match(ahead):
            return "cooperate"  # 要积极配合
    role = modal or role_of("verb", verb) or "responsible"
    if role == "responsible" and _LATER_COOPERATE.match(ahead):
        return "cooperate"  # 等单位按照各自职责主动配合: 配合 later in the clause
    return role


def _mentions_in_line(line: str, offset: int, first_leads: bool) -> list[Mention]:
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, printed: str, role: str, listed: bool = False) -> None:
        out.append(Mention(offset + s, offset + e, printed, role, listed))
        taken.append((s, e))

    for m in _note().finditer(line):
        role = role_of("label", m.group("label")) or "responsible"
        lst = m.group("list")
        if first_leads and role == "responsible":
            role = "first_leads"  # the first unit of the list leads (the notice says so)
        add(m.start("list"), m.end("list"), lst, role, listed=True)
    m = _DUTY.match(line)
    if m and not any(a <= m.start("subj") < b for a, b in taken):
        # 市公安局：负责查处…: a division of duties, one unit (or list) per paragraph
        add(m.start("subj"), m.end("subj"), m.group("subj"),
            verb_role(m.group("verb"), line[m.end("verb") : m.end("verb") + 10]), listed=True)
    for m in _PAREN_NOTE.finditer(line):
        if any(a <= m.start() < b for a, b in taken):
            continue
        body = m.group("body")
        pm = _PAREN_ROLE.match(body)
        if not pm:
            continue
        base = m.start("body")
        if pm.group("c"):
            add(base, base + len(pm.group("c")), pm.group("c"), "first_leads" if first_leads else "responsible",
                listed=True)
            continue
        role = "lead" if pm.group("r") == "牵头" else "first_leads" if first_leads else "responsible"
        a = pm.group("a")
        partner = _PARTNER_INSIDE.search(a)
        if partner:  # （国家发展改革委、财政部会同有关部门负责）: A leads, its partners cooperate (SPEC 5)
            add(base, base + partner.start(), a[: partner.start()], "lead", listed=True)
            add(base + partner.end(), base + len(a), a[partner.end() :], "cooperate", listed=True)
        else:
            add(base, base + len(a), a, role, listed=True)
        if pm.group("b"):
            b0 = base + body.find(pm.group("b"), len(pm.group("a")))
            add(b0, b0 + len(pm.group("b")), pm.group("b"), "cooperate", listed=True)
    for m in _agent().finditer(line):
        if any(a <= m.start() < b for a, b in taken):
            continue
        role = "lead" if line.startswith(("牵头", "会同"), m.end("subj")) else "responsible"
        subj = m.group("subj")
        add(m.start("subj"), m.start("subj") + len(subj), subj, role)
    for m in _subject_verb().finditer(line):
        end = m.start("verb")
        if any(a <= end <= b for a, b in taken) or line[max(0, end - 1) : end] == "由":
            continue
        got = _subject(line, end)
        if not got and line[max(0, end - 1) : end] == "，":
            # …社区居民委员会、村民委员会等基层自治组织，应当协助: the subject is the clause before
            got = _subject(line, end - 1)
            if got and not department_name_end().search(_TRAILING_ETC.sub("", got[1])):
                got = None
        if not got:
            continue
        s, subj = got
        if _VERB_INSIDE.search(subj):
            continue  # …等部门要根据职责配合公安机关分别: a clause, not a subject
        adverb = _TRAILING_ADVERB.search(subj)
        if adverb and not department_name_end().search(subj):
            subj = subj[: adverb.start()]  # 各省级人民政府统筹负责
        hops = 0
        while _BY_DUTY_CLAUSE.match(subj) and line[max(0, s - 1) : s] == "，" and hops < 3:
            # 网信、公安等部门，依据各自职责负责…; …等部门根据“三管三必须”要求，按照有关责任分工，负责…
            prev = _subject(line, s - 1)
            if not prev:
                break
            s, subj = prev
            cut = _ADVERBIAL_INSIDE.search(subj)
            if cut and cut.start() > 0:
                subj = subj[: cut.start()]  # the units, without the 根据… that follows them
            end = s + len(subj)
            hops += 1
        if not (department_name_end().search(subj) or department_name_end().search(_TRAILING_ETC.sub("", subj)) or _YOU.match(subj)):
            trimmed = _without_trailing_non_organs(subj)
            if trimmed is None:
                continue
            subj, end = trimmed, s + len(trimmed)
        role = verb_role(m.group("verb"), line[m.end("verb") : m.end("verb") + 10])
        add(s, s + len(subj) if adverb else end, subj, role)
        if role != "lead" and _LATER_LEAD.search(line[m.end("verb") : _sentence_end(line, m.end("verb"))]):
            add(s, s + len(subj), subj, "lead")  # 省环境保护厅要…，并会同有关部门…: it also leads
    for m in _partner().finditer(line):
        key = "obj" if m.group("obj") else "obj2"
        if any(a <= m.start(key) < b for a, b in taken):
            continue
        if key == "obj" and not _partner_verb_at(line, m.start()) or _PREPOSITION_START.match(m.group(key)):
            continue
        add(m.start(key), m.end(key), m.group(key), "cooperate")
    return out


def task_table_mentions(layout: Layout) -> Iterable[Mention]:
    """Units under 牵头单位/责任单位/配合单位 columns of a task table."""
    for tbl in layout.tables:
        roles = {}
        for c in tbl.header:
            words = c.text.replace(" ", "")
            m = re.search(role_cue("label"), words)
            if m:
                roles[c.column] = role_of("label", m.group(0)) or "responsible"
        if not roles:
            continue
        for row in tbl.rows:
            for c in row:
                if c.column in roles and c.text.strip():
                    yield Mention(c.start, c.end, c.text, roles[c.column], listed=True)


_CONTACT_UNIT = re.compile(r"联\s*系\s*单\s*位\s*[：:]\s*(?P<u>[^）)；;，,]+)")


def contact_mentions(doc: NormalizedDocument, i: int) -> list[Mention]:
    """The 联系单位 of a contact line (one mention, role contact)."""
    line = doc.lines[i]
    m = _CONTACT_UNIT.search(doc.line_text(i))
    if not m:
        return []
    return [Mention(line.start + m.start("u"), line.start + m.end("u"), m.group("u"), "contact")]


def _aliases_in(text: str) -> dict[str, str]:
    """``市住房保障主管部门（以下简称市主管部门）`` → {市主管部门: 市住房保障主管部门}."""
    out = {}
    for m in re.finditer(r"(?P<full>[\p{Han}]{2,30}?)[（(]以下简称[“\"]?(?P<alias>[\p{Han}]{2,12})[”\"]?[，,）)]", text):
        full = m.group("full")
        cut = _subject_start(full, len(full))
        full = full[cut:]
        if department_name_end().search(full) and department_name_end().search(m.group("alias")):
            out[m.group("alias")] = full
    return out


def find_departments(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Department]:
    """Every department mention with its role, canonical name, span and measure."""
    first_leads = first_listed_leads(doc.text)
    mentions: list[Mention] = []
    for i in layout.item_lines():
        mentions += _mentions_in_line(doc.line_text(i), doc.lines[i].start, first_leads)
    for i in layout.contact_lines:
        mentions += contact_mentions(doc, i)
    mentions += list(task_table_mentions(layout))
    return departments_of(doc, record, mentions)


def first_listed_leads(text: str) -> bool:
    """Whether the notice states once that the first unit listed leads (``列第一位者为牵头单位``)."""
    return bool(_FIRST_LEADS.search(text))


def departments_of(doc: NormalizedDocument, record: PolicyRecord, mentions: list[Mention]) -> list[Department]:
    """The departments named by ``mentions``: aliases the notice defines resolved, lists split into
    canonical names, the first-listed rule applied, and names found in running text grounded in the
    organ lexicon (dropped otherwise, with the reason, see ``explain``). Both extractors end here."""
    text = doc.text
    aliases = _aliases_in(text)
    out: list[Department] = []
    for men in mentions:
        printed = men.printed.strip()
        for alias, full in aliases.items():
            if printed.endswith(alias) and alias != full:
                printed = printed[: -len(alias)] + full
        if _YOU.match(printed):
            names = canonical_names(record.recipients[0]) if len(record.recipients) == 1 else []
        else:
            names = [printed] if men.role == "contact" else canonical_names(printed)
        for k, name in enumerate(names):
            role = men.role
            if role == "first_leads":
                # 列第一位者为牵头单位: the first unit of every note leads, the others cooperate (SPEC 5)
                role = "lead" if k == 0 else "cooperate"
            if not men.listed and role != "contact":
                why = ungrounded(name)
                if why:
                    explain(doc, "departments", text[men.start : men.end], (men.start, men.end), why)
                    continue
            out.append(
                Department(
                    text=text[men.start : men.end],
                    name=name if men.role != "contact" else expand_abbreviations(re.sub(r"\s+", "", name)),
                    role=role,  # type: ignore[arg-type]
                    span=(men.start, men.end),
                    measure_id=innermost_measure(record.measures, men.start, men.end),
                    page=doc.lines[doc.line_at(men.start)].page,
                )
            )
    out.sort(key=lambda d: d.span[0])
    return out
