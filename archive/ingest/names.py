"""The tables every rule of the people stage reads: surnames, titles, offices, non-names.

>>> title_at_end("市委副书记").group(), title_at_end("检查督导") is None
('副书记', True)

Tables: surnames, titles and the offices before them, words the tagger wrongly calls names
(``not_names.txt``, derived from the training dates of the PFR corpus), countries,
characters that spell transliterated foreign names and Japanese surnames. No corpus text
is stored here, and this module imports no other of the stage: every rule imports it.
"""

from __future__ import annotations

import re
from pathlib import Path

# Single-character surnames: the 百家姓 ones still in use and common modern ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈"
    "匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴"
    "盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌"
    "母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀"
    "衣信展阴昝智幸奉植衡富尧闭由习回钮占拜洪赖果丘归喇郄"
)
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫 独孤 "
    "澹台 呼延 万俟 闻人 轩辕 公冶 太史 申屠 钟离 宗政 濮阳 淳于 单于 拓跋 完颜 司空 百里 东郭".split()
)

# Words the tagger calls names but are not (common words, abstractions, titles).
NOT_NAMES = frozenset(
    """谢谢 公正 文明 光辉 杜绝 家庭幸福 台湾独立 邓小平理论 毛泽东思想 马克思主义 列宁主义
    高峰 黄金 金融 高新 万元 万人 万户 方便 安全 和平 宁静 红旗 白云 华人 江山 常委 书记 市长
    主任 领导 同志 老师 先生 女士 主席 总理 于是 于此 向前 任何 任务 管理 关于 时间 时代 成为
    成功 明确 明显 平安 平等 和谐 解放 方向 方面 方针 高度 高校 高速 高兴 周年 周边 周末 周到
    马上 马路 张家口 武装 武警 石油 金融业 雷锋精神 司法 连续 连锁 程度 宋体 韩国 宁夏 海南
    华北 华东 华南 华中 江南 江北 江苏 江西 黄河 长江 太平洋 明天 今天 叶子 梅花 兰花 金牌 银牌
    钟声 钱包 龙头 雷雨 温暖 温度 温和 康复 康乐 华侨 白皮书 朱红 红军 安居 安康 包括 包装 应当
    应该 卫生 卫星 全面 全体 全国 全党 全军 全省 全市 国家 国务 国际 国内 国外 戴高乐 平原 平台
    向着 向来 于都 宫殿 柏林 党员 党委 党中央 师生 师傅 齐心 齐全 强化 强调 强国 强大 甘肃
    易于 易懂 施工 施行 申请 申报 曲折 甘心 季节 周总理 周全 施策 卫健委 """.split()
) | frozenset(
    line.strip()
    for line in (Path(__file__).with_name("not_names.txt")).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

# Country names (general knowledge, not corpus-derived): the tagger sometimes calls a
# transliterated country a person (贝宁, 乌干达, 萨尔瓦多).
COUNTRIES = frozenset(
    """中国 朝鲜 韩国 日本 蒙古 越南 老挝 柬埔寨 泰国 缅甸 马来西亚 新加坡 印度尼西亚 印尼 菲律宾
    文莱 印度 巴基斯坦 孟加拉 孟加拉国 尼泊尔 不丹 斯里兰卡 马尔代夫 阿富汗 伊朗 伊拉克 科威特 沙特
    沙特阿拉伯 卡塔尔 巴林 阿联酋 阿曼 也门 约旦 以色列 巴勒斯坦 黎巴嫩 叙利亚 土耳其 塞浦路斯
    哈萨克斯坦 吉尔吉斯斯坦 塔吉克斯坦 乌兹别克斯坦 土库曼斯坦 格鲁吉亚 亚美尼亚 阿塞拜疆 俄罗斯
    乌克兰 白俄罗斯 摩尔多瓦 立陶宛 拉脱维亚 爱沙尼亚 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚
    南斯拉夫 塞尔维亚 黑山 克罗地亚 斯洛文尼亚 波黑 马其顿 阿尔巴尼亚 希腊 意大利 梵蒂冈 圣马力诺
    马耳他 西班牙 葡萄牙 安道尔 法国 摩纳哥 比利时 荷兰 卢森堡 德国 奥地利 瑞士 列支敦士登 英国
    爱尔兰 冰岛 丹麦 挪威 瑞典 芬兰 美国 加拿大 墨西哥 危地马拉 伯利兹 萨尔瓦多 洪都拉斯 尼加拉瓜
    哥斯达黎加 巴拿马 古巴 海地 多米尼加 多米尼克 牙买加 巴哈马 巴巴多斯 格林纳达 哥伦比亚 委内瑞拉
    圭亚那 苏里南 厄瓜多尔 秘鲁 玻利维亚 巴西 智利 阿根廷 巴拉圭 乌拉圭 澳大利亚 新西兰
    巴布亚新几内亚 斐济 汤加 萨摩亚 瓦努阿图 基里巴斯 瑙鲁 图瓦卢 帕劳 埃及 利比亚 突尼斯
    阿尔及利亚 摩洛哥 毛里塔尼亚 塞内加尔 冈比亚 几内亚 几内亚比绍 塞拉利昂 利比里亚 科特迪瓦
    布基纳法索 加纳 多哥 贝宁 尼日利亚 尼日尔 喀麦隆 乍得 中非 加蓬 赤道几内亚 刚果 扎伊尔 安哥拉
    赞比亚 马拉维 莫桑比克 马达加斯加 毛里求斯 科摩罗 塞舌尔 博茨瓦纳 南非 莱索托 斯威士兰 纳米比亚
    津巴布韦 肯尼亚 坦桑尼亚 卢旺达 布隆迪 埃塞俄比亚 索马里 吉布提 厄立特里亚 苏丹 乌干达 马里
    佛得角 蒙古国""".split()
)
NOT_NAMES = NOT_NAMES | COUNTRIES
# A surname and a title or form of address is how a person is addressed, not a name
# (陈书记, 王市长, 李老师): the gold lists name people, so these are left out.
ADDRESS_WORDS = frozenset(
    """书记 市长 县长 省长 区长 镇长 乡长 村长 主任 主席 局长 处长 科长 厂长 所长 院长 校长 部长
    经理 老师 师傅 大夫 医生 教授 队长 站长 行长 总理 司令 政委 连长 排长 班长 营长 团长 师长 军长
    委员 先生 女士 小姐 同志 大爷 大娘 大妈 大姐 大哥 老汉 老板 支书 会计 记者 总""".split()
)

# Characters that spell transliterated (foreign, minority) names: 克林顿, 切尔诺梅尔金, 阿卜杜勒.
TRANSLIT = frozenset(
    "阿埃艾安奥巴班邦保贝本比彼波伯博布查达戴丹道德迪蒂丁东杜多厄恩法菲费芬弗福夫盖冈戈格"
    "根古哈海汉赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库拉莱赖兰朗劳勒雷蕾里利莉连列林琳卢鲁"
    "路伦罗洛马玛迈麦曼梅门蒙米密明莫姆穆纳娜乃奈内尼涅努诺帕佩彭皮普齐奇契乔切琴丘萨塞桑"
    "森沙舍什施史斯松苏索塔泰坦汤特图托瓦威韦维温沃乌伍西希锡谢辛休雅亚扬耶伊因英尤于约泽扎"
    "詹珍兹佐尔茨圣默顿瑟得哥登摩逊罕瓜莎提那卜翰妮撒丽热夏底宁珀佛宾奎廉慈彻昂第捷纽季娅"
    "舒娃凡孜汀瑞叶赛衮甫勃察拜歌派荷迦郎尕琪黛久柳楚蓬朱吕萨嘎"
)
# Japanese surnames common in the news (桥本龙太郎, 小渊惠三, 土井多贺子).
JAPANESE_SURNAMES = frozenset(
    """桥本 小渊 小泽 土井 鹿野 堀内 中川 木庭 青山 大泽 藤田 村山 池田 高村 梶山 加藤 山崎
    竹下 宫泽 羽田 细川 中曾根 海部 森喜 野中 三冢 久间 大岛 河野 山口 佐藤 铃木 田中 渡边
    伊藤 中村 小林 山本 松本 井上 木村 林田 清水 山田 森田 石原 福田 安倍 菅 冈田 前原 鸠山
    武村 新井 丹羽 大内 深谷 江藤 町村 额贺 高桥 吉田 石井 西村 北川 古川 桥口 二阶堂 樱内 中岛 濑田 宇野 竹内 大平 太田 中西
    西田 小川 松下 上田 野田 中山 小仓 宫本 冈本 坂本 松村 中野 长谷川 黑田 绪方""".split()
)


# Title words, longest first when matched. 副/常务副/第一副 are added by the pattern.
TITLES = sorted(
    """总书记 书记 党委书记 党组书记 支部书记 市长 省长 县长 区长 镇长 乡长 村长 州长 主任 主任委员
    主席 总理 委员长 部长 局长 厅长 处长 科长 委员 常委 秘书长 总指挥 指挥长 院长 校长 董事长
    总经理 经理 厂长 所长 社长 总编辑 会长 理事长 司令员 司令 政委 政治委员 参谋长 军长 师长
    国务委员 大使 外长 总统 首相 总督 议长 总干事 发言人 检察长 庭长 队长 行长 署长 监事长
    组长 站长 团长 台长 馆长 政协主席 主任医师 教授 研究员 总工程师 特使 代表 总裁 执行主席
    委员会主任 处长 审计长 总监 主编 """.split(),
    key=len,
    reverse=True,
)
TITLE = "(?:(?:常务|第一|执行)?副)?(?:" + "|".join(dict.fromkeys(TITLES)) + ")"
_TITLE_AT_END = re.compile(TITLE + "$")
# Offices kept in front of a title (the longest that ends the text before the title).
OFFICES = sorted(
    """市委 省委 县委 区委 镇党委 乡党委 党委 党组 市人大常委会 省人大常委会 县人大常委会
    全国人大常委会 人大常委会 市人大 省人大 全国人大 市政府 省政府 县政府 区政府 国务院 中共中央
    中央 中共中央政治局 中央政治局 中央军委 国家 市政协 省政协 县政协 全国政协 政协 市纪委
    省纪委 中央纪委 市委常委 省委常委 外交部 国防部 公安部 财政部 教育部 商务部 市 省 县 区
    中华全国总工会 全国总工会 共青团中央 全国妇联 中国科学院 中国社会科学院 市公安局 军区
    """.split(),
    key=len,
    reverse=True,
)
# Names titled after the name: 习近平总书记, 李鹏总理.
AFTER_TITLES = ("总书记", "主席", "总理", "副总理", "委员长", "书记", "市长", "省长", "同志")
# Offices written before the title that say nothing a reader needs: 中共中央总书记 → 总书记.
CANONICAL_ROLES = {"中共中央总书记": "总书记", "中央总书记": "总书记"}
# Forms of address that end a word the tagger may call a name (王先生, 李同志).
HONORIFICS = ("先生", "小姐", "女士", "大使", "同志", "老师", "大姐", "大爷", "师傅")


def title_at_end(text: str) -> re.Match | None:
    """The title word that ends ``text`` (with any 副 before it), or None."""
    return _TITLE_AT_END.search(text)


# Characters whose presence at a name's edge usually means the tagger glued a word on
# (和李鹏, 宋健在): the scorer learns their weights one by one.
EDGE_CHARACTERS = frozenset(
    "和与同及对向由请让被给跟据经把将从在是了也都就又还以摘说等为称讲们的摄时获有"
)

# Last characters of places and bodies the tagger calls names (白庄村, 卫健委, 马村区). Three
# sets, one per use, each as measured for its rule: widening any one changes figures.
_BODY_ENDS = "村庄委区县镇乡市省店厂局部院站路街港"
# A name a context rule reads (a byline, a list item) never ends so.
CONTEXT_PLACE_ENDS = frozenset(_BODY_ENDS)
# A three-character word ending so is no name, whatever rule proposed it.
PLACE_ENDS = frozenset("坝" + _BODY_ENDS + "湾山河湖桥门寺园")
# The scorer's feature ``placeend`` only weighs a candidate, so it takes more endings.
PLACE_ENDS_WEIGHED = PLACE_ENDS | frozenset("州城岛队")
