"""Grounding: a department is a body the organ lexicon knows or can build (issue 17)."""

import pytest

from policyparse.lang.organs import ungrounded


@pytest.mark.parametrize("name", [
    "国家发展改革委", "税务总局", "银保监会", "供销合作总社", "国管局",  # official short forms and former names
    "市人力资源社会保障局", "区自然资源和规划分局", "县市场监督管理局",  # level + domain + suffix
    "省（区、市）教育行政部门", "设区市人力资源社会保障部门",
    "河北省委", "市委宣传部", "省政府", "北京经济技术开发区管委会",  # Party organs, governments
    "市妇联", "共青团", "村民委员会", "行业协会",  # mass organisations and self-governing bodies
    "商事制度改革专项小组", "领导小组办公室", "部际联席会议",  # bodies named by their role
    "中国人民银行分支机构", "淮海技师学院", "古柏街道",
])
def test_bodies_the_lexicon_knows_or_builds(name):
    assert ungrounded(name) is None


@pytest.mark.parametrize("name", [
    "统筹推进部门", "认真落实部门", "深化部门",  # a verb or adverb before 部门 (the class)
    "当事人协商一致再行办", "国产芯片部署", "开发企业向市城管局", "法定监护人委",  # fragments of clauses
])
def test_fragments_are_not_departments(name):
    assert ungrounded(name) == f"no organ word: {name}"
