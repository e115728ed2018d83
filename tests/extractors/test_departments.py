"""Departments: canonical names, roles and the notes that assign them."""

import policyparse
from policyparse.extractors.departments import canonical_names
from policyparse.lang.organs import expand_abbreviations
from tests.conftest import SEED_000, SEED_002, SEED_003


def _pairs(rec):
    return {(d.name, d.role) for d in rec.departments}


def test_coordinated_list_shares_its_suffix():
    rec = policyparse.parse(SEED_000)
    assert {("人力资源社会保障部门", "responsible"), ("工业和信息化部门", "responsible")} <= _pairs(rec)
    assert canonical_names("市、区教育、公安等单位") == ["市教育单位", "市公安单位", "区教育单位", "区公安单位"]


def test_abbreviations_expand_and_levels_stay():
    rec = policyparse.parse(SEED_002)
    assert ("设区市人力资源社会保障部门", "lead") in _pairs(rec)  # 各设区市人社部门要牵头
    assert ("工业和信息化部门", "responsible") in _pairs(rec)  # 工信部门要贯彻
    assert expand_abbreviations("市人社局") == "市人力资源社会保障局"
    assert canonical_names("省公安厅、发改委、卫健委") == ["省公安厅", "省发展改革委", "省卫生健康委"]


def test_partners_of_lianhe_cooperate():
    rec = policyparse.parse(SEED_003)
    assert {("市总工会", "cooperate"), ("市工商业联合会", "cooperate"), ("市局办公室", "lead")} <= _pairs(rec)


def test_contact_unit():
    rec = policyparse.parse(SEED_000)
    assert ("省人力资源社会保障厅就业促进处", "contact") in _pairs(rec)


def test_responsibility_note_and_first_listed_leads():
    text = "\n".join([
        "关于推进户籍制度改革的意见",
        "各市、县（区）人民政府：",
        "一、全面放开落户限制",
        "建立实际居住人口登记制度。",
        "责任单位：省公安厅、发改委、人社厅（列第一位的为牵头单位）",
        "二、保障基本公共服务",
        "完善随迁子女入学政策。（省教育厅牵头，省财政厅、市场监管局配合）",
    ])
    rec = policyparse.parse_text(text)
    pairs = _pairs(rec)
    assert ("省公安厅", "lead") in pairs
    # SPEC 5: under the first-listed rule the other units of every note cooperate
    assert ("省发展改革委", "cooperate") in pairs and ("省人力资源社会保障厅", "cooperate") in pairs
    assert ("省教育厅", "lead") in pairs and ("省财政厅", "cooperate") in pairs
    assert ("省市场监督管理局", "cooperate") in pairs
    assert {d.measure_id for d in rec.departments if d.name == "省教育厅"} == {"2"}


def test_task_table_columns(devset):
    rec = policyparse.parse(devset / "d11_chongqing_hukou_reform_implementing_opinions.html")
    pairs = _pairs(rec)
    assert ("市公安局", "lead") in pairs and ("市人力资源社会保障局", "cooperate") in pairs


def test_not_departments():
    rec = policyparse.parse_text("关于做好就业工作的通知\n各区：\n一、总体要求\n各地要加强领导，有关部门要密切配合，企业要依法用工。")
    assert rec.departments == []


# Sentences from the shared devset (d08, d09, d21, d23, d25): what is not a department.

def test_he_inside_an_official_name_does_not_split_it():
    rec = policyparse.parse_text("由罗湖区住房和建设局负责组织实施。")
    assert [d.name for d in rec.departments] == ["罗湖区住房和建设局"]
    assert canonical_names("财政和人社部门") == ["财政部门", "人力资源社会保障部门"]


def test_lianhe_as_a_noun_or_adjective_names_no_partner():
    rec = policyparse.parse_text("支持在京医院通过组建京津冀医疗联合体、整院托管、专科协作、远程诊疗等方式开展合作。"
                                 "以联合举办2022年冬奥会为契机，开展国际联合实验室、联合研究中心建设。")
    assert rec.departments == []


def test_a_list_of_platforms_or_phrases_is_not_departments():
    rec = policyparse.parse_text("支持创新主体与巴西中心、北欧创新中心等国际科创平台联合设立研究机构。"
                                 "全面构建政府主导、社会参与、部门联动的综合减灾救灾管理机制。")
    assert rec.departments == []


def test_names_that_end_like_an_abbreviation_keep_their_own_end():
    rec = policyparse.parse_text("由国家发展改革委、中国证监会、国家外汇局等相关部门按照职责分工，依法依规处理。"
                                 "县级历年结余基金不足的部分，由县级经办机构会同当地财政局向市级经办机构申请。")
    names = [d.name for d in rec.departments]
    assert {"国家发展改革委", "中国证监会", "国家外汇局", "县级经办机构"} <= set(names)
    assert "中国证监会局" not in names and "县级经办" not in names


def test_each_region_is_not_a_level():
    rec = policyparse.parse_text("各部门、各地区及行业协会要充分运用各类媒体等传播渠道，开展宣传教育。")
    assert [d.name for d in rec.departments] == ["行业协会"]  # not 区协会


# Sentences from devset notices annotated after these rules' first version (d08, d13, d14, d16, d18, d21).

def test_the_suffix_printed_after_deng_is_the_shared_one():
    assert canonical_names("法制、公安、司法行政等部门") == ["法制部门", "公安部门", "司法行政部门"]
    assert canonical_names("自治区公安、住房城乡建设等部门") == ["自治区公安部门", "自治区住房城乡建设部门"]


def test_ni_shi_in_a_reply_is_the_recipient():
    rec = policyparse.parse_text("鹰潭市人民政府：\n你市《关于恳请批复鹰潭港总体规划的请示》收悉。现批复如下：\n"
                                 "一、你市要加强港口岸线资源的保护和管理。")
    assert _pairs(rec) == {("鹰潭市人民政府", "responsible")}


def test_a_subject_list_that_ends_in_a_non_organ_keeps_its_organs():
    rec = policyparse.parse_text("各区农业农村部门和市属企业要根据生产实际情况，把细化落实。\n"
                                 "市科委、杨浦区牵头建立市区联动工作机制，细化年度任务。")
    assert _pairs(rec) == {("区农业农村部门", "responsible"), ("市科委", "lead")}


def test_roles_read_past_adverbs_and_across_clauses():
    rec = policyparse.parse_text(
        "各省级人民政府统筹负责本行政区域内的风险防范和处置工作。"
        "省环境保护厅要根据省政府委托，抓紧签订目标责任书，并会同有关部门加强对《方案》实施的指导。"
        "人力资源社会保障、教育等部门要根据职责配合公安机关分别负责相关证明的审核工作。"
        "工会、共青团等社会团体和村民委员会等基层自治组织，应当协助有关部门做好服务管理工作。")
    assert _pairs(rec) == {
        ("省级人民政府", "responsible"), ("省环境保护厅", "responsible"), ("省环境保护厅", "lead"),
        ("人力资源社会保障部门", "cooperate"), ("教育部门", "cooperate"),
        ("工会", "cooperate"), ("共青团", "cooperate"), ("村民委员会", "cooperate")}


def test_yaoqiu_is_not_a_modal():
    rec = policyparse.parse_text("城市人民政府作为责任主体，要按照国务院部署和本实施意见要求，切实加强组织领导。")
    assert [d.name for d in rec.departments] == ["城市人民政府"]


# Sentences from the real PDF fixtures (notice_gov_02, notice_gov_05).

def test_huo_joins_alternatives_and_town_levels_distribute():
    assert canonical_names("各街道办事处或镇人民政府") == ["街道办事处", "镇人民政府"]
    assert canonical_names("各镇、各街道派出所") == ["镇派出所", "街道派出所"]


def test_an_agent_name_runs_to_the_end_of_its_suffix():
    rec = policyparse.parse_text("市县（区）财政资金具体补贴机具品目和补贴标准由当地农业农村部门、财政部门自定。")
    assert [d.name for d in rec.departments] == ["当地农业农村部门", "财政部门"]


def test_reporting_to_or_being_described_is_not_a_task():
    rec = policyparse.parse_text("由省农业农村厅、省财政厅联合报农业农村部、财政部予以备案后实施。"
                                 "由农业农村部、财政部确认的保障粮食和重要农产品稳定安全供给重点机具。")
    assert _pairs(rec) == {("省农业农村厅", "responsible"), ("省财政厅", "responsible")}


def test_a_printed_list_of_only_qualifiers_names_no_department():
    # 各地区…要: crashed the whole record before (bulk xv_central_077.txt, a ParseError)
    assert canonical_names("各地区") == []
    rec = policyparse.parse_text("关于做好工作的通知\n各省：\n一、各地区要加强组织领导。")
    assert rec.error is None and rec.departments == []
