"""Web pages: the notice without the site around it, page metadata kept."""

from policyparse.normalize import normalize
from policyparse.readers import read
from policyparse.readers.html import read_html

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于实施江苏省专精特新企业就业创业扬帆计划的通知 - 江苏省人力资源和社会保障厅</title>
<meta name="publishdate" content="2023-12-12"><script>var x = "各设区市：";</script></head>
<body><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xx">信息之窗</a></li><li><a href="/zc">政策法规</a></li></ul></div>
<div class="crumb">您当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策法规</a></div>
<table class="meta"><tr><td>发文机关：</td><td>江苏省人力资源和社会保障厅</td><td>发文字号：</td><td>苏人社发〔2023〕63号</td></tr>
<tr><td>成文日期：</td><td>2023年12月01日</td><td>发布日期：</td><td>2023-12-12</td></tr></table>
<div class="content"><p>各设区市人力资源社会保障局、工业和信息化局：</p>
<p>　　专精特新中小企业和专精特新“小巨人”企业是推动高质量发展的生力军。现就有关工作通知如下。</p>
<p>一、工作目标</p><p>（一）全周期培育壮大规模。人社部门要建好用好省级创业示范基地。</p>
<p style="text-align:right">江苏省人力资源和社会保障厅</p><p>2023年12月1日</p></div>
<div class="share"><a>点赞</a> <a>收藏</a> <a>转发</a></div>
<div class="footer"><p>版权所有：江苏省人力资源和社会保障厅 苏ICP备05009003号</p><p>【打印本页】 【关闭窗口】</p></div>
</body></html>"""


def test_chrome_goes_and_the_notice_stays():
    doc = normalize(read_html(PAGE.encode("utf-8")))
    lines = doc.text.split("\n")
    assert lines[0] == "各设区市人力资源社会保障局、工业和信息化局："
    assert "（一）全周期培育壮大规模。人社部门要建好用好省级创业示范基地。" in lines
    assert lines[-2:] == ["江苏省人力资源和社会保障厅", "2023年12月1日"]
    for chrome in ("首页", "信息之窗", "点赞", "收藏", "转发", "版权所有", "打印本页", "var x"):
        assert chrome not in doc.text


def test_page_metadata_is_kept_for_the_metadata_extractor():
    doc = normalize(read_html(PAGE.encode("utf-8")))
    assert doc.meta["发文字号"] == "苏人社发〔2023〕63号"
    assert doc.meta["成文日期"] == "2023年12月01日"
    assert doc.meta["发布日期"] == "2023-12-12"
    assert doc.meta["发文机关"] == "江苏省人力资源和社会保障厅"


def test_gb2312_page_with_task_table(devset):
    raw = read(devset / "d11_chongqing_hukou_reform_implementing_opinions.html")
    doc = normalize(raw)
    assert raw.encoding == "utf-8"
    header = [doc.line_text(i) for i, ln in enumerate(doc.lines) if ln.table is not None][0]
    assert header.split("\t")[1:3] == ["牵头单位", "配 合 单 位"] or "牵头单位" in header
    assert doc.meta["文号"].replace(" ", "") == "渝府发〔2015〕54号"
    assert "主题相关文章" not in doc.text


def test_page_without_charset_in_gbk(devset):
    raw = read(devset / "d30_zhongshan_dongsheng_junior_enrolment_announcement.html")
    assert raw.format == "html" and raw.encoding == "gb18030"
    assert "东升镇2015年公办初中一年级招生通告" in normalize(raw).text


def test_a_toolbar_is_not_run_on_into_the_breadcrumb_and_the_title(devset2):
    """武汉's elder-mode toolbar ends with ！ inside; block ends keep it a line of its own,
    so the 主送 under the title is found."""
    doc = normalize(read(devset2 / "e2_26_wuhan_hpf_use_notice.html"))
    lines = doc.text.split("\n")
    assert "各住房公积金业务受托银行：" in lines
    assert not any(line.startswith("欢迎来到") and "受托银行" in line for line in lines)


def test_prose_cut_by_a_block_boundary_is_joined(devset):
    doc = normalize(read(devset / "d09_beijing_13th_fyp_public_services_plan.html"))
    assert "到2020年，职业社会体育指导员人数达到1.1万人。" in doc.text


def test_a_form_that_wraps_the_article_is_not_a_widget(devset2):
    """上海市教育委员会 puts the whole article inside ``<form>``: it holds the notice's
    sentences, so it stays (its inputs go); a search form would not."""
    doc = normalize(read(devset2 / "e2_12_shanghai_hs_admission_measures.html"))
    assert "各区教育局，各有关直属事业单位：" in doc.text.split("\n")
    assert "（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导" in doc.text


def test_a_label_without_its_value_does_not_take_the_recipients(devset2):
    """白银's page ends its metadata with ``浏览次数：`` (a counter filled by script)."""
    doc = normalize(read(devset2 / "e2_21_baiyin_one_city_one_policy_plan.html"))
    assert "浏览次数" not in doc.meta
    assert "各县、区人民政府，市政府有关部门，市属有关企事业单位，中央、省在银有关单位：" in doc.text.split("\n")


def test_the_rows_of_a_metadata_table_go_whole(devset2):
    """自然资源部's table has 名称 | … beside 索引号 | … | 主题 | …: all of it is metadata."""
    doc = normalize(read(devset2 / "e2_01_mnr_cbirc_mortgage_transfer_notice.html"))
    assert doc.meta["发文字号"] == "自然资发〔2023〕29号"
    assert doc.text.count("关于协同做好不动产“带押过户”便民利企服务的通知") == 1


def test_controls_wired_to_scripts_or_hidden_are_not_text(devset2):
    """国家税务总局's 法规库 puts 收藏/订阅 buttons, an empty hidden （） and a QR box
    between the title and the text: without them the title block is found."""
    doc = normalize(read(devset2 / "e2_03_mof_sta_housing_vat_announcement.html"))
    lines = doc.text.split("\n")
    assert "（）" not in lines and "收藏" not in lines
    i = lines.index("财政部 税务总局关于个人销售住房增值税政策的公告")
    assert lines[i + 1] == "财政部 税务总局公告2025年第17号"
