"""The words extraction reads: measures, periods, statuses, scopes, plans and traps."""

from __future__ import annotations

import re

# Measures: the words just before a figure.
GROWTH_UP = ("比上年增长", "同比增长", "增长", "增速", "增幅", "上涨", "提高", "上升", "增加")
GROWTH_DOWN = ("比上年下降", "同比下降", "下降", "减少", "回落", "降低", "下滑")
BETTER = ("改善",)  # 同比改善10.3%: a fall for PM2.5, a rise for good days
WORSE = ("恶化",)
TO_LEVEL = ("到", "至", "为")  # 下降到 4.5%: a level, not a change
AVERAGE = ("平均增长", "年均增长", "年均增速", "平均增速")
FLOW = (
    "新增",
    "新建",
    "新开工",
    "建成",
    "落户",
    "落地",
    "新引进",
    "引进",
    "新登记",
    "签约",
    "开工",
    "发放",
    "筹集",
    "维修",
    "建设",
    "处置",
    "获评",
    "兑现",
    "争取",
    "投入",
    "带动",
    "新认定",
    "认定",
    "培育",
    "招引",
    "新落户",
    "改造",
    "新培育",
    "新成立",
)
LEVEL = (
    "达到",
    "达",
    "总数",
    "共有",
    "拥有",
    "总量",
    "规模",
    "保持",
    "年末",
    "年底",
    "超过",
    "突破",
    "实现",
    "余额",
)

# 全年未发生重大安全事故: none of what the indicator counts.
NONE_HAPPENED = "未发生"

# Statuses.
PRELIMINARY = ("初步核算", "初步统计")
NOT_ABOUT = ("签约", "节约", "合约", "条约", "公约", "制约", "预约", "契约", "集约")

# A sentence about the future: targets and plans, not reported figures.
FUTURE = re.compile(
    r"预期目标|主要目标|目标是|目标为|力争|计划到|计划在|确保|将达到|将实现|将突破|"
    r"到20\d\d年|20\d\d年前|预期增长|左右的目标|要达到"
)
PLAN_HEADING = re.compile(r"工作安排|工作计划|主要目标|重点工作|工作任务|展望|目标任务")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分])")

# Periods in a sentence.
QUARTERS = (
    ("前三季度", "Q1..Q3"),
    ("1-3季度", "Q1..Q3"),
    ("一至三季度", "Q1..Q3"),
    ("第一季度", "Q1"),
    ("一季度", "Q1"),
    ("1季度", "Q1"),
    ("上半年", "H1"),
    ("下半年", "H2"),
    ("第二季度", "Q2"),
    ("二季度", "Q2"),
    ("第三季度", "Q3"),
    ("三季度", "Q3"),
    ("第四季度", "Q4"),
    ("四季度", "Q4"),
    ("前两个季度", "H1"),
)
MONTHS_RX = re.compile(
    r"(?:前(\d{1,2}|[一二三四五六七八九十]{1,2})个月)|"
    r"(?<!\d)(\d{1,2})-(\d{1,2})月"
)
# Not the year of a figure: 比2020年 (a comparison), 扣除2018年…影响 (a base effect), 2020年5月
# (a date: the report's, not the period's).
YEAR_RX = re.compile(r"(?<![比较与同从自至到于在截除])(20\d\d|19\d\d)年(?!以来|前|之前|底前|目标)")
DATE_YEAR_RX = re.compile(r"(20\d\d|19\d\d)年(?=\d{1,2}月)")
# A period word after these is what a figure is compared with (比1—3月份提高, 较上半年回升).
COMPARED = "比较于与同"
BASE_EFFECT = ("扣除", "剔除")  # 扣除…影响,可比增长11%: a rate on another basis
REVIEW_HEADING = re.compile(r"回顾|主要工作|工作总结")
THIS_YEAR = ("今年", "本年", "全年", "当年")
LAST_YEAR = ("去年",)

# Scopes: words before a figure's subject that name who it is about.
CITY = ("全市", "大连市", "大连", "我市", "本市")
COUNTY = ("全县", "我县", "本县")
PROVINCE = ("全省", "辽宁省", "辽宁")
NATION = ("全国", "我国", "国家统计局")
GENERIC_CITY = ("全市", "我市", "本市")  # any city's: whose, the text's title or lede says
# The province's other cities (朝阳 left out: 朝阳产业 is a word): a text about one of them
# says 全市 of itself.
OTHER_CITIES = (
    "沈阳",
    "鞍山",
    "抚顺",
    "本溪",
    "丹东",
    "锦州",
    "营口",
    "阜新",
    "辽阳",
    "盘锦",
    "铁岭",
    "葫芦岛",
)
OUTSIDE = (
    "全国",
    "全省",
    "辽宁省",
    "辽宁",
    "东北",
    *OTHER_CITIES,
    "城镇居民",
    "农村居民",
    "城镇常住居民",
    "农村常住居民",
    "中山区",
    "西岗区",
    "沙河口区",
    "甘井子区",
    "旅顺口区",
    "金州区",
    "普兰店区",
    "瓦房店市",
    "瓦房店",
    "庄河市",
    "庄河",
    "长海县",
    "金普新区",
    "高新区",
    "保税区",
    "长兴岛",
    "花园口",
    "全区",
    "新区",
    "全县",
    "我县",
    "本县",
    "我国",
    "国家统计局",
)
# Words that name a scope without being the text's: 经辽宁省统计局统一核算 (who accounted),
# 国家统计局大连调查队 (a publisher's office), 高于全国、全省 / 占全省 (a comparison).
NOT_THE_SCOPE = re.compile(
    r"经[^,。;]{0,12}?统计局[^,。;]{0,6}?核算"
    r"|国家统计局[^,。;\s]{1,6}?调查总?队"
)
COMPARISON = ("高于", "低于", "快于", "慢于", "好于", "领先", "占", "比", "较", "与")
# Modifiers that make another indicator of a name: 人均地区生产总值 is not 地区生产总值.
BLOCKING = (
    "人均",
    "第一产业",
    "第二产业",
    "第三产业",
    "城镇",
    "农村",
    "占",
    "单位",
    "农林牧渔",
    "生产性",
    "现代",
    "其他",
)
# …and after: 单位地区生产总值能耗 is energy intensity, 地区生产总值构成 a structure.
BLOCKING_AFTER = ("能耗", "电耗", "水耗", "构成", "指数", "密度", "排放", "增量", "弹性")
BOTH = "城乡"  # 城乡居民…分别增长6.7%和10.3%: urban, then rural
RESPECTIVELY = "分别"
FLOOR = "以上"  # 增长10%以上: at least 10
