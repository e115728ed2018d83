"""Organ names: does a string name a government organ, and how is an abbreviation expanded?

Two kinds of ending, two data files: ``organ_suffixes.txt`` ends the name of one organ
as a signature prints it (…厅, …人民政府); ``department_suffixes.txt`` also takes the
generic words the body uses for bodies (…部门, …单位, …机构). Abbreviations
(人社 → 人力资源社会保障) live in ``department_aliases.tsv``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ..lexicon import alternation, mapping, table, word_list


@lru_cache(maxsize=1)
def organ_suffix_pattern() -> str:
    return alternation(word_list("organ_suffixes.txt"))


@lru_cache(maxsize=1)
def _organ_name() -> re.Pattern[str]:
    # A name is Han characters (brackets allowed: 公安厅（局）) ending with an organ suffix.
    return re.compile(rf"^[\p{{Han}}（）()、]{{1,40}}?(?:{organ_suffix_pattern()})(?:（[\p{{Han}}、]{{1,10}}）)?$")


def is_organ_name(s: str) -> bool:
    """True when ``s`` reads as one organ's name.

    >>> is_organ_name("江苏省人力资源和社会保障厅"), is_organ_name("先进制造业企业")
    (True, False)
    """
    s = s.strip()
    if len(s) < 2 or len(s) > 45:
        return False
    return bool(_organ_name().match(s))


_SPLIT = re.compile(r"\s+|、")


def split_organ_line(line: str) -> list[str]:
    """The organ names on a signature or 版头 line, or [] if it is not such a line.

    >>> split_organ_line("江苏省人力资源和社会保障厅   江苏省工业和信息化厅")
    ['江苏省人力资源和社会保障厅', '江苏省工业和信息化厅']
    """
    parts = [p for p in _SPLIT.split(line.strip()) if p]
    if not parts:
        return []
    if all(is_organ_name(p) for p in parts):
        return parts
    joined = "".join(parts)
    if is_organ_name(joined):
        return [joined]
    return []


# --- names as the body writes them ---------------------------------------------------------


@lru_cache(maxsize=1)
def department_suffix_pattern() -> str:
    """The endings of a department as the body names it (部门, 单位, 局, 委, …), as an alternation."""
    return alternation(word_list("department_suffixes.txt"))


@lru_cache(maxsize=1)
def department_name_end() -> re.Pattern[str]:
    """Matches at the end of a string that ends like a department name.

    "市财政", "区财政": a level plus 财政 names the finance bureau of that level.

    >>> bool(department_name_end().search("各设区市人社部门")), bool(department_name_end().search("市财政"))
    (True, True)
    """
    return re.compile(rf"(?:{department_suffix_pattern()}|(?<=[省市县区])财政)(?:（[^（）]{{1,12}}）)?$")


@lru_cache(maxsize=1)
def _aliases() -> list[tuple[str, str]]:
    table = mapping("department_aliases.tsv", "alias", "expansion")
    return sorted(table.items(), key=lambda kv: len(kv[0]), reverse=True)


def expand_abbreviations(name: str) -> str:
    """``市人社局`` → ``市人力资源社会保障局`` (full names are left alone).

    >>> expand_abbreviations("市人社局"), expand_abbreviations("市场监管局"), expand_abbreviations("市工商联")
    ('市人力资源社会保障局', '市场监督管理局', '市工商业联合会')
    """
    out = []
    i = 0
    while i < len(name):
        for alias, full in _aliases():
            if name.startswith(alias, i) and not name.startswith(full, i):
                out.append(full)
                i += len(alias)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


# --- grounding: is a candidate name a body the lexicon knows or can build? ---------------------

# Province-level places printed without their suffix (北京市 → 北京奥促中心, 重庆金融监管局).
_PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
              "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
              "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
# Words that close an organ's name after its domain: 主管部门, 行政执法局, 服务中心.
_QUALIFIERS = "(?:行业|业务|职能|主管|行政|管理|执法|服务|事务|监督|监管|综合|工作|办事|登记|交易|储备)*"
# Governments and the offices every government has.
_GOVERNMENTS = ("人民政府办公厅|人民政府办公室|政府办公厅|政府办公室|人民政府|政府|管委会|管理委员会|党工委|党委|"
                "街道办事处|办事处|人大常委会|政协|派出所|司法所|财政所|税务所|财政")  # 市财政: the finance bureau
# Local Party committees and their departments: 市委宣传部, 县委组织部, 区委编办.
_PARTY = "(?:党委|委)(?:办公厅|办公室|组织部|宣传部|统战部|政法委|网信办|编办|社会工作部|农办|财经办)?|纪委监委|纪委"
# Local mass organisations and courts.
_MASS = ("总工会|工会|共青团|团委|团省委|团市委|妇联|残联|工商联|科协|侨联|供销社|供销合作社|红十字会|贸促会|文联|"
         "妇女联合会|残疾人联合会|工商业联合会|科学技术协会|归国华侨联合会|"
         "村民委员会|居民委员会|社区居民委员会|村委会|居委会")  # and the self-governing bodies of villages and communities
_COURTS = "(?:高级|中级)?人民法院|(?:高级|中级)?人民检察院|高法院|中院|法院|检察院"


@lru_cache(maxsize=1)
def _lead() -> str:
    """What may stand before the domain: levels (市, 设区市, 省级), places with their suffix
    (西城区, 北京经济技术开发区), province names, 国家/中央/全国. A place never holds a
    preposition or particle (开发企业向市…: 向 ends the attempt)."""
    # at most four pieces: unbounded, the lazy place makes the number of ways to split a run of
    # 市市市… grow exponentially
    return rf"(?:{_lead_item()}){{0,4}}"


@lru_cache(maxsize=1)
def _lead_item() -> str:
    stop = "向由对在把将从请给被让使跟的等各或并为按"
    place = rf"[^{stop}\s，。；、：（）()]{{1,12}}?(?:省|自治区|自治州|市|州|盟|地区|县|自治县|旗|区|新区|镇|乡|街道)"
    levels = alternation(word_list("levels.txt"))
    bracketed = r"[省市县区州旗盟乡镇]（[省市县区州旗盟乡镇、]{1,8}）级?"  # 区（县）, 省（区、市）
    above = r"[省市县区乡镇]级以上"  # 县级以上地方人民政府…部门
    return (rf"国家|国务院|中央|中共|全国|中国|地方|当地|属地|所在地|本地|本级|同级|上级|{above}|{bracketed}|"
            rf"{alternation(_PROVINCES)}|{place}|{levels}|人民政府|政府")


@lru_cache(maxsize=1)
def _grounded_patterns() -> tuple[re.Pattern[str], ...]:
    lead = _lead()
    domain = alternation(word_list("organ_domains.txt"))
    suffix = f"{department_suffix_pattern()}|{organ_suffix_pattern()}"
    roles = table("organ_role_nouns.tsv")
    role = alternation([r["noun"] for r in roles if r["kind"] == "role"])
    weak = alternation([r["noun"] for r in roles if r["kind"] == "generic"])
    stop = "向由对在把将从请给被让使跟的等各或并为按"
    return (
        # 市 + 人力资源社会保障 + 局; 区 + 自然资源和规划 + 分局; 县 + 教育 + 行政部门
        re.compile(rf"^{lead}(?:{domain})(?:[和与及、]?(?:{domain}))*{_QUALIFIERS}(?:{suffix})$"),
        # words that hold a domain word and no preposition before the qualifiers: 房地产开发主管部门,
        # 资质审批部门, 乡级人民政府集体经济管理机构
        re.compile(rf"^{lead}(?=[^{stop}，。；、：]{{0,16}}?(?:{domain}))[^{stop}，。；、：]{{1,16}}?{_QUALIFIERS}(?:{suffix})$"),
        # a body under a known organ: 教育部信息中心, 教育部网信办
        re.compile(rf"^{lead}(?:{alternation(sorted(_known_names()))})[^{stop}，。；、：]{{1,12}}"
                   r"(?:中心|司|局|处|办公室|委员会|网信办|办)$"),
        re.compile(rf"^{lead}(?:{_GOVERNMENTS})$"),
        re.compile(rf"^{lead}(?:{_PARTY})$"),
        re.compile(rf"^{lead}(?:{_MASS})$"),
        re.compile(rf"^{lead}(?:{_COURTS}|审判机关|检察机关)$"),
        # a known organ's branches: 中国人民银行分支机构, 国务院金融管理部门派出机构
        re.compile(rf"^{lead}(?:(?:{alternation(sorted(_known_names()))})|(?:{domain}){_QUALIFIERS}(?:部门|机构))"
                   r"(?:分支机构|派出机构|直属机构|分行|支行|分局)$"),
        # an association by name: 中国支付清算协会, 省房地产协会
        re.compile(rf"^{lead}[\p{{Han}}]{{2,12}}(?:协会|学会|商会|联合会)$"),
        # a named town or street office: 古柏街道, 淳溪镇
        re.compile(r"^[\p{Han}]{2,6}(?:街道|镇|乡)$"),
        # a body named by its role: 试点工作小组办公室, 部际联席会议, 专家组
        re.compile(rf"^[^{stop}，。；]{{0,24}}(?:{role})$"),
        # an office, a window or the members of something, when a level, a known organ or a domain
        # word says whose: 市政府办公室, 人防窗口, 厅际联席会议成员单位 (not 统筹推进办公室)
        re.compile(rf"^(?:{_lead_item()}){{1,4}}[^{stop}，。；]{{0,16}}(?:{weak})$"),
        re.compile(rf"^{lead}(?=[^{stop}，。；]{{0,16}}?(?:{domain}|{alternation(sorted(_known_names()))}))"
                   rf"[^{stop}，。；]{{1,16}}(?:{weak})$"),
        # a level and a short office: 区县招办, 市侨办, 市金融办 (not 督办, 举办)
        re.compile(rf"^(?:{_lead_item()}){{1,4}}[\p{{Han}}]{{1,3}}办$"),
        # a named school, college, hospital or institute: 淮海技师学院, 天津医科大学总医院
        re.compile(r"^[\p{Han}]{2,20}(?:大学|学院|医院|总医院|中学|小学|幼儿园|研究院|研究所|党校)$"),
    )


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    return frozenset(row["name"] for row in table("organs.tsv"))


@lru_cache(maxsize=1)
def _known_name_pattern() -> re.Pattern[str]:
    # a known organ may carry the generic suffix of a distributed list: 财政、人行等部门 → 人民银行部门
    return re.compile(rf"^{_lead()}(?:{alternation(sorted(_known_names()))})(?:部门|单位|系统)?$")


_ALTERNATIVE = re.compile(r"（[^（）]{1,12}）$")


def ungrounded(name: str) -> Optional[str]:
    """None when ``name`` is a body the organ lexicon knows or can build, else why not.

    A department must be grounded (issue 17): a name or short form of ``organs.tsv``
    (国家发展改革委, 银保监会), or a place or level with domain words and an organ
    suffix (市人力资源社会保障局, 区自然资源和规划分局), a government, a Party or mass
    organ, a court, or a body named by its role (试点工作小组办公室).

    >>> ungrounded("市人力资源社会保障局") is None, ungrounded("税务总局") is None
    (True, True)
    >>> ungrounded("统筹推进部门")
    'no organ word: 统筹推进部门'
    """
    name = _ALTERNATIVE.sub("", name)  # 县（市、区）公安局（分局）: the bracket names an alternative
    if len(name) > 40:
        return f"too long for a name: {name}"
    if name in _known_names() or _known_name_pattern().match(name):
        return None
    if any(p.match(name) for p in _grounded_patterns()):
        return None
    return f"no organ word: {name}"
