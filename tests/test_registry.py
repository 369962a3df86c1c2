"""The speaker registry (models/speakers.yaml): its shape, and names and roles resolving
in constructed sentences.

Shape: every id is Simplified, no spelling points at two ids, role years are well formed,
and a role has at most one holder in any year (a role several people hold at once, such
as China's foreign-ministry spokesperson, is not listed and stays as written).
Sentences: Taiwan and Hong Kong spellings and mainland ones resolve to one id, and roles
resolve by the article's date. Each sentence runs in both scripts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.attribution.names import earlier_person, family_name, near_spelling, surname_of_full_name
from pipeline.lexicons import day_number, load_registry, read_yaml, simp
from tests.conftest import ROOT, to_simplified, to_traditional

REGISTRY = ROOT / "models" / "speakers.yaml"
TYPES = {"person", "institution", "country", "media", "group"}
ROLE_KEYS = {"role", "from", "to", "shared"}
# roles are checked for gaps from this year on: the news the pipeline reads
FIRST_YEAR, LAST_YEAR = 2014, 2026


def _entries() -> list[dict]:
    return read_yaml(REGISTRY)


def _holders_by_year(role_holders) -> dict[int, set[str]]:
    """Sole holders (not rotating spokespeople) of each year, by days held."""
    years: dict[int, set[str]] = defaultdict(set)
    for h in role_holders:
        if h.shared:
            continue
        for y in range(max(h.start_year, 1900), min(h.end_year, LAST_YEAR) + 1):
            if h.days_in_year(y):
                years[y].add(h.entity_id)
    return years


def test_registry_loads_with_every_type_and_many_voices():
    entities, aliases, roles = load_registry(REGISTRY)
    assert {e.type for e in entities.values()} == TYPES
    assert sum(e.type == "person" for e in entities.values()) >= 200
    assert all(aliases[e] == e for e in entities)  # an id is a name of itself
    assert roles


def test_entries_use_only_known_fields():
    for entry in _entries():
        assert set(entry) <= {"id", "type", "country", "english", "aliases", "roles"}, entry["id"]
        assert entry.get("type", "person") in TYPES, entry["id"]
        assert entry.get("country"), entry["id"]
        for r in entry.get("roles") or []:
            # the loader reads role/from/to only: any other key would be silently ignored
            assert set(r) <= ROLE_KEYS and "role" in r, (entry["id"], r)


def test_ids_are_simplified():
    for entry in _entries():
        assert simp(entry["id"]) == entry["id"], entry["id"]
        assert simp(entry["country"]) == entry["country"], entry["id"]


def test_no_spelling_points_at_two_ids():
    owner: dict[str, str] = {}
    clashes = []
    for entry in _entries():
        eid = simp(entry["id"])
        for name in [entry["id"], *entry.get("aliases", []), *entry.get("english", [])]:
            key = simp(str(name)).strip()
            if owner.setdefault(key, eid) != eid:
                clashes.append((key, owner[key], eid))
    assert clashes == []


def test_one_character_aliases_are_country_abbreviations_only():
    """俄 (Russia) is written alone; a one-character person or outlet name would match inside words."""
    entities, aliases, _ = load_registry(REGISTRY)
    assert [a for a, e in aliases.items() if len(a) == 1 and entities[e].type != "country"] == []


# jieba's dictionary tags: other parts of speech than nouns (verbs, adjectives, adverbs, idioms …)
COMMON_TAGS = ("v", "a", "d", "i", "l", "c", "p", "u", "m", "q", "r", "t", "f", "b", "z", "e", "o", "y")
# spellings jieba also reads as another part of speech, kept on purpose (why)
NOT_TRAPS = {
    "强生": "Taiwan's spelling of Boris Johnson; the verb reading does not occur in news",
    "拉布": "Dominic Raab's mainland name; Hong Kong's word for filibustering is rare in foreign news",
    "日经": "the Nikkei's short name",
    "消息报": "Izvestia; jieba tags it as a verbal noun",
}
# words that read as a name of a listed voice but mostly mean something else (why)
KNOWN_TRAPS = {
    "汪洋": "'vast ocean' (the politician Wang Yang is not listed for it)",
    "钟山": "a mountain and many places",
    "马斯": "inside 托马斯 and other transliterations",
    "明镜": "'bright mirror' (Der Spiegel is 明镜周刊)",
    "金砖": "'gold brick' (BRICS is 金砖国家)",
    "蒙古": "inside 内蒙古 (Mongolia is 蒙古国)",
    "哈萨克": "the Kazakh people of China",
    "新方": "inside 新方案",
    "丹方": "a herbal prescription",
}


def _jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    words: dict[str, tuple[int, str]] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    return words


def test_known_trap_words_are_no_names():
    _, aliases, _ = load_registry(REGISTRY)
    assert sorted(set(KNOWN_TRAPS) & set(aliases)) == []


def test_person_and_media_aliases_are_no_common_words_nor_their_edges():
    """A person's or outlet's spelling must not be a word of another part of speech (a verb,
    an idiom) nor the first or last characters of a frequent such word or of a very frequent
    noun: the tagger accepts a name with one edge on a token boundary."""
    entities, aliases, roles = load_registry(REGISTRY)
    words = _jieba_words()
    edges: dict[str, list[str]] = defaultdict(list)
    for word, (freq, tag) in words.items():
        common = (freq >= 100 and tag.startswith(COMMON_TAGS)) or (freq >= 1000 and tag == "n")
        if common and word not in aliases and word not in roles:
            for k in (2, 3):
                if len(word) > k:
                    edges[word[:k]].append(word)
                    edges[word[-k:]].append(word)
    traps = []
    for alias, eid in aliases.items():
        if alias.isascii() or entities[eid].type not in ("person", "media") or alias in NOT_TRAPS:
            continue
        freq, tag = words.get(alias, (0, "nr"))
        if freq >= 5 and tag.startswith(COMMON_TAGS):
            traps.append((alias, eid, tag))
        traps += [(alias, eid, word) for word in edges.get(alias, [])]
    assert traps == []


def test_no_role_phrase_is_also_a_name():
    _, aliases, roles = load_registry(REGISTRY)
    assert sorted(set(aliases) & set(roles)) == []


def _day(value, *, last: bool = False) -> int:
    day = day_number(value, last=last)
    assert day is not None, value
    return day


def test_role_years_are_well_formed():
    for entry in _entries():
        for r in entry.get("roles") or []:
            start, end = r.get("from"), r.get("to")
            # a year (2015) or a day (2015-08-10, read by YAML as a date)
            assert isinstance(start, int | dt.date), (entry["id"], r)
            assert 19500101 <= _day(start) <= LAST_YEAR * 10000 + 1231, (entry["id"], r)
            if end is not None:
                assert isinstance(end, int | dt.date), (entry["id"], r)
                assert _day(start) <= _day(end, last=True) <= LAST_YEAR * 10000 + 1231, (entry["id"], r)
            assert r.get("shared", False) in (True, False), (entry["id"], r)
            assert simp(r["role"]).strip(), (entry["id"], r)


def test_a_role_has_one_holder_at_a_time():
    """Terms of a role's sole holders never overlap, to the day: two holders on one day
    would leave the role unresolved that day. Rotating spokespeople are marked shared."""
    _, _, roles = load_registry(REGISTRY)
    overlaps = []
    for role, holders in roles.items():
        sole = sorted((h for h in holders if not h.shared), key=lambda h: h.start_day)
        overlaps += [(role, a.entity_id, b.entity_id) for a, b in itertools.pairwise(sole) if a.end_day >= b.start_day]
    assert overlaps == []


def test_a_listed_role_has_a_holder_every_year_since_it_is_listed():
    """A role listed at all is listed over every year since its first holder, so that a
    year-only date finds the holder of most of that year (a gap of days, between a
    resignation and a successor, leaves the role as written on those days)."""
    _, _, roles = load_registry(REGISTRY)
    gaps = []
    for role, holders in roles.items():
        if all(h.shared for h in holders):
            continue
        years = _holders_by_year(holders)
        first = max(min(h.start_year for h in holders if not h.shared), FIRST_YEAR)
        gaps += [(role, y) for y in range(first, LAST_YEAR + 1) if not years.get(y)]
    assert gaps == []


def test_rotating_spokespeople_resolve_only_when_the_document_names_one(lexicons):
    """China's foreign-ministry spokespeople take turns: their role is shared, so it stays
    as written unless the document names one of those in office that day."""
    spokespeople = {"华春莹", "汪文斌", "毛宁", "林剑", "郭嘉昆", "赵立坚", "耿爽", "陆慷"}
    assert spokespeople <= set(lexicons.entities)
    assert all(h.shared for hs in lexicons.roles.values() for h in hs if h.entity_id in spokespeople)
    assert lexicons.role_holder("中国外交部发言人", 2023) is None
    assert lexicons.role_holder("中国外交部发言人", None, 20230601) is None
    assert lexicons.role_holder("中国外交部发言人", None, 20230601, frozenset({"毛宁", "普京"})) == "毛宁"
    # named, but not in office that day: the role stays as written
    assert lexicons.role_holder("中国外交部发言人", None, 20230601, frozenset({"郭嘉昆"})) is None
    # two in office both named: no way to tell
    assert lexicons.role_holder("中国外交部发言人", None, 20230601, frozenset({"毛宁", "汪文斌"})) is None


def test_day_number_reads_years_months_and_days():
    assert day_number(2015) == 20150101 and day_number(2015, last=True) == 20151231
    assert day_number("2015-08") == 20150801 and day_number("2015-08", last=True) == 20150831
    assert day_number("2015-08-10") == day_number(dt.date(2015, 8, 10)) == 20150810
    assert day_number(None) is None and day_number("no date") is None


def test_role_holder_resolves_by_year(lexicons):
    assert lexicons.role_holder("俄外交部发言人", 2014) == "卢卡舍维奇"
    assert lexicons.role_holder("俄外交部发言人", 2021) == "扎哈罗娃"
    assert lexicons.role_holder("美国国务卿", 2016) == "克里"
    assert lexicons.role_holder("美国国务卿", 2019) == "蓬佩奥"
    assert lexicons.role_holder("德国总理", 2023) == "朔尔茨"
    assert lexicons.role_holder("德国总理", 2025) == "默茨"
    assert lexicons.role_holder("中国外长", 2023) == "秦刚"
    assert lexicons.role_holder("中国外长", 2024) == "王毅"
    # a year of transition: the holder of most of it
    assert lexicons.role_holder("俄外交部发言人", 2015) == "卢卡舍维奇"
    assert lexicons.role_holder("日本首相", 2020) == "安倍晋三"
    assert lexicons.role_holder("白宫发言人", 2023) == "让-皮埃尔"


def test_role_holder_resolves_by_day(lexicons):
    """A full document date decides a year of transition: the holder in office that day."""
    assert lexicons.role_holder("俄外交部发言人", 2015, 20150301) == "卢卡舍维奇"
    assert lexicons.role_holder("俄外交部发言人", 2015, 20150901) == "扎哈罗娃"
    assert lexicons.role_holder("美国国务卿", 2025, 20250110) == "布林肯"
    assert lexicons.role_holder("美国国务卿", 2025, 20250301) == "鲁比奥"
    assert lexicons.role_holder("日本首相", 2024, 20240915) == "岸田文雄"
    assert lexicons.role_holder("日本首相", 2024, 20241015) == "石破茂"
    assert lexicons.role_holder("日本首相", 2025, 20251101) == "高市早苗"
    assert lexicons.role_holder("白宫新闻秘书", 2022, 20220401) == "普萨基"
    assert lexicons.role_holder("白宫新闻秘书", 2022, 20220701) == "让-皮埃尔"
    # between a removal and a successor nobody holds it: the role stays as written
    assert lexicons.role_holder("韩国总统", 2025, 20250501) is None


# (text, [(speaker, claim text)], document date); each runs as written and in the other script
# fmt: off
SENTENCES = [
    # Taiwan and Hong Kong transliterations -> the mainland id
    ("龐畢歐表示，美國將繼續向北京施壓。", [("蓬佩奥", "美國將繼續向北京施壓")], "2019-05-01"),
    ("庞培欧表示，美国将继续向北京施压。", [("蓬佩奥", "美国将继续向北京施压")], "2019-05-01"),
    ("蘇利文說，美中需要管控競爭。", [("沙利文", "美中需要管控競爭")], "2023-05-01"),
    ("梅克爾表示，德國支持對話。", [("默克尔", "德國支持對話")], "2018-05-01"),
    ("蕭茲強調，德國不會單獨行動。", [("朔尔茨", "德國不會單獨行動")], "2023-01-20"),
    ("德國總理梅爾茨表示，歐洲必須參與談判。", [("默茨", "歐洲必須參與談判")], "2025-09-01"),
    ("施密哈爾表示，烏克蘭需要更多防空系統。", [("什梅加尔", "烏克蘭需要更多防空系統")], "2023-03-01"),
    ("艾爾段表示，土耳其願意主辦和談。", [("埃尔多安", "土耳其願意主辦和談")], "2022-03-01"),
    ("內唐雅胡說，以色列將繼續行動。", [("内塔尼亚胡", "以色列將繼續行動")], "2024-03-01"),
    ("施紀賢表示，英國將繼續支持烏克蘭。", [("斯塔默", "英國將繼續支持烏克蘭")], "2025-03-01"),
    ("馮德萊恩表示，歐盟將推出新一輪制裁。", [("冯德莱恩", "歐盟將推出新一輪制裁")], "2023-03-01"),
    ("尹錫悅表示，韓美同盟堅如磐石。", [("尹锡悦", "韓美同盟堅如磐石")], "2023-04-01"),
    ("岸田表示，日本將加強防衛能力。", [("岸田文雄", "日本將加強防衛能力")], "2023-01-10"),
    ("白宮發言人李威特表示，總統願意再次會面。", [("莱维特", "總統願意再次會面")], "2025-10-01"),
    # governments and capitals -> the country
    ("日本政府表示，將與各方保持溝通。", [("日本", "將與各方保持溝通")], "2025-11-01"),
    # roles by the article's date
    ("俄外交部發言人表示，美方的指責毫無根據。", [("卢卡舍维奇", "美方的指責毫無根據")], "2014-04-01"),
    ("俄外交部發言人表示，美方的指責毫無根據。", [("扎哈罗娃", "美方的指責毫無根據")], "2021-04-01"),
    ("白宮新聞秘書表示，總統將出席峰會。", [("让-皮埃尔", "總統將出席峰會")], "2023-06-01"),
    ("白宮新聞秘書表示，總統將出席峰會。", [("莱维特", "總統將出席峰會")], "2025-06-01"),
    ("日本首相表示，日方將與美方協調。", [("安倍晋三", "日方將與美方協調")], "2019-06-01"),
    ("北約秘書長表示，盟國將增加軍費。", [("斯托尔滕贝格", "盟國將增加軍費")], "2022-06-01"),
    ("北約秘書長表示，盟國將增加軍費。", [("吕特", "盟國將增加軍費")], "2025-06-01"),
    # a full date decides a year of transition
    ("俄外交部發言人表示，美方的指責毫無根據。", [("卢卡舍维奇", "美方的指責毫無根據")], "2015-03-01"),
    ("俄外交部發言人表示，美方的指責毫無根據。", [("扎哈罗娃", "美方的指責毫無根據")], "2015-09-01"),
    ("美國國務卿表示，美國將繼續支持烏克蘭。", [("布林肯", "美國將繼續支持烏克蘭")], "2025-01-10"),
    ("美國國務卿表示，美國將繼續支持烏克蘭。", [("鲁比奥", "美國將繼續支持烏克蘭")], "2025-03-10"),
    ("白宮發言人表示，總統將出席峰會。", [("让-皮埃尔", "總統將出席峰會")], "2023-06-01"),
    # an undated page: the era its titled names place it in (Blinken's term), else the latest holder
    ("美國國務卿布林肯抵達北京。美國國務卿表示，美國將繼續支持烏克蘭。", [("布林肯", "美國將繼續支持烏克蘭")], None),
    ("美國國務卿表示，美國將繼續支持烏克蘭。", [("鲁比奥", "美國將繼續支持烏克蘭")], None),
    # a rotating spokesperson: the one its paragraph names; named in another paragraph, as written
    ("外交部發言人毛寧主持例行記者會。中國外交部發言人表示，中方反對單邊制裁。",
     [("毛宁", "中方反對單邊制裁")], "2023-06-01"),
    ("外交部發言人毛寧主持例行記者會。\n\n中國外交部發言人週六表示，中方反對單邊制裁。",
     [("中国外交部发言人", "中方反對單邊制裁")], "2023-06-01"),
    ("外交部發言人蕭光偉今天出席記者會。外交部發言人表示，台美關係穩固。", [("萧光伟", "台美關係穩固")], "2025-03-01"),
    ("伊朗外交部發言人表示，伊朗不會放棄濃縮鈾。", [("卡纳尼", "伊朗不會放棄濃縮鈾")], "2023-06-01"),
    ("伊朗外交部發言人表示，伊朗不會放棄濃縮鈾。", [("巴加埃", "伊朗不會放棄濃縮鈾")], "2025-06-01"),
    ("俄國防部發言人表示，俄軍擊落了多架無人機。", [("科纳申科夫", "俄軍擊落了多架無人機")], "2024-06-01"),
    # a role several people hold at once stays as written
    ("中國外交部發言人表示，中方反對單邊制裁。", [("中国外交部发言人", "中方反對單邊制裁")], "2023-06-01"),
    # unlisted names with no title: Korean and Taiwan family names from models/extraction.yaml
    ("朴成浩表示，韓國將繼續對話。", [("朴成浩", "韓國將繼續對話")], "2023-06-01"),
    ("權寧世表示，南韓將繼續對話。", [("权宁世", "南韓將繼續對話")], "2023-06-01"),
    ("賴士葆表示，政府應說清楚。", [("赖士葆", "政府應說清楚")], "2023-06-01"),
]
# fmt: on


def _other_script(text: str) -> str:
    simplified = to_simplified(text)
    return to_traditional(text) if simplified == text else simplified


@pytest.mark.parametrize(("text", "expected", "date"), SENTENCES)
def test_names_and_roles_resolve_in_both_scripts(extract, text, expected, date):
    for variant in (text, _other_script(text)):
        got = [(c["speaker"], to_simplified(c["text"])) for c in extract(variant, date=date)]
        assert got == [(s, to_simplified(t)) for s, t in expected], variant


def test_registry_path_is_the_one_the_pipeline_reads(config):
    assert Path(config.models_dir) / "speakers.yaml" == REGISTRY


# unlisted names: (text, [(speaker, speaker_rule)]); each runs as written and in the other script
# fmt: off
UNLISTED = [
    # a full foreign name with a separator yields the surname, as mainland media write it
    ("約翰·史密斯表示，英國支持烏克蘭。", [("史密斯", "unlisted_name")]),
    ("加納總統約翰·馬哈馬表示，非洲需要和平。", [("马哈马", "title_unlisted_name")]),
    # then surname + title is the same person
    ("加納總統約翰·馬哈馬表示，非洲需要和平。馬哈馬總統強調，各方應當克制。",
     [("马哈马", "title_unlisted_name"), ("马哈马", "unlisted_name_then_title")]),
    # an unlisted name before its title
    ("諾瓦科夫斯基外長表示，歐洲必須團結。", [("诺瓦科夫斯基", "unlisted_name_then_title")]),
    # a family name alone, or with a title, is the person named before with it
    ("日本官房長官鈴木一郎表示，日本將冷靜應對。鈴木表示，政府已提出抗議。",
     [("铃木一郎", "title_unlisted_name"), ("铃木一郎", "family_name_back_reference")]),
    ("韓國外長朴振表示，韓美同盟穩固。朴外長還說，韓國將與日本合作。",
     [("朴振", "registry_name"), ("朴振", "family_name_back_reference")]),
    # a misspelling of a person the document names is that person
    ("選舉委員會主席斯捷潘諾夫表示，投票順利。斯傑潘諾夫強調，沒有收到投訴。",
     [("斯捷潘诺夫", "title_unlisted_name"), ("斯捷潘诺夫", "misspelled_name")]),
    ("普京表示，會談很有成效。佩斯科表示，雙方同意繼續對話。", [("普京", "registry_name"), ("佩斯科夫", "registry_name")]),
    # a country and a description are no name
    ("一名巴勒斯坦官員表示，談判沒有進展。", [("巴勒斯坦官员", "title_only")]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), UNLISTED)
def test_unlisted_names_yield_one_id_per_person(extract, text, expected):
    for variant in (text, _other_script(text)):
        got = [(c["speaker"], c["speaker_rule"]) for c in extract(variant, date="2024-06-01")]
        assert got == expected, variant


def test_near_spelling(lexicons):
    assert near_spelling("斯杰潘诺夫", ["斯捷潘诺夫", "普京"], lexicons) == "斯捷潘诺夫"
    assert near_spelling("阿拉格", ["阿拉格齐"], lexicons) == "阿拉格齐"  # one character dropped
    assert near_spelling("马卡罗夫", ["马尔科夫", "马卡洛夫"], lexicons) is None  # two fit
    assert near_spelling("王小明", ["王小名"], lexicons) is None  # a Chinese name: no transliteration
    assert near_spelling("斯托尔滕贝格", ["斯托尔滕贝格"], lexicons) is None  # the same name


def test_name_helpers(lexicons):
    assert surname_of_full_name("威廉·鲁托") == "鲁托"
    assert surname_of_full_name("穆罕默德.沙尔曼") == "沙尔曼"
    assert surname_of_full_name("让-皮埃尔") == "让-皮埃尔"
    assert surname_of_full_name("约翰·F") == "约翰·F"  # an initial keeps the whole name
    assert family_name("朴", lexicons) == "朴"
    assert family_name("铃木", lexicons) == "铃木"
    assert family_name("外交部", lexicons) is None
    assert earlier_person("朴", ["朴振", "鲁托"]) == "朴振"
    assert earlier_person("林", ["林剑", "林芳正"]) is None  # two fit: no way to tell
    assert earlier_person("鲁托", ["威廉·鲁托"]) == "威廉·鲁托"
    assert earlier_person("拜登", ["拜登"]) is None  # the same id: nothing to resolve


def test_institutions_and_roles_are_composed_with_the_countrys_other_forms():
    from pipeline.lexicons import Entity, RoleHolder, compose_country_forms

    entities = {
        "甲国": Entity("甲国", "country", "甲国"),
        "甲国海关": Entity("甲国海关", "institution", "甲国"),
        "王五": Entity("王五", "person", "甲国"),
    }
    # 甲方 is a side and 京城 a metonym: neither opens an institution's name
    aliases = {"甲国": "甲国", "甲联邦": "甲国", "甲方": "甲国", "京城": "甲国", "甲国海关": "甲国海关", "王五": "王五"}
    roles = {"甲国海关关长": [RoleHolder("王五", 2020, 9999)]}
    compose_country_forms(entities, aliases, roles, ("方",))
    assert aliases["甲联邦海关"] == "甲国海关"
    assert "甲方海关" not in aliases and "京城海关" not in aliases
    assert roles["甲联邦海关关长"] == roles["甲国海关关长"]
    assert "甲联邦五" not in aliases  # a person's name is not composed (王五 does not open with a form)


def test_roles_are_also_read_with_a_country_initial():
    from pipeline.lexicons import Entity, RoleHolder, compose_country_forms

    entities = {"甲国": Entity("甲国", "country", "甲国"), "乙国": Entity("乙国", "country", "乙国")}
    aliases = {"甲国": "甲国", "乙国": "乙国"}
    roles = {"甲国外长": [RoleHolder("王五", 2020, 9999)], "乙国外长": [RoleHolder("赵六", 2020, 9999)]}
    compose_country_forms(entities, aliases, roles, ("方",), ("甲国",))
    assert roles["甲外长"] == roles["甲国外长"]
    assert "乙外长" not in roles  # a country not listed keeps its initial to other words
    assert "甲" not in aliases  # the initial alone names nobody


def test_the_registry_reads_press_abbreviations_of_roles(lexicons):
    assert lexicons.role_holder("德总理", 2021) == "默克尔"
    assert lexicons.role_holder("英首相", 2021) == "约翰逊"
    assert lexicons.role_holder("韩外长", 2021) == "郑义溶"
    # 以总理身份 / 中外长会晤: initials that open common words compose no role
    assert "以总理" not in lexicons.roles and "中外长" not in lexicons.roles


@pytest.mark.parametrize(
    ("formal", "listed"),
    [("中華人民共和國海警局", "中国海警局"), ("俄羅斯聯邦外交部", "俄罗斯外交部"), ("美利堅合眾國國務院", "美国国务院"), ("大韓民國外交部", "韩国外交部")],
)
def test_formal_country_names_open_the_registrys_institutions(formal, listed):
    from pipeline.lexicons import load_lexicons

    lex = load_lexicons()
    assert lex.aliases[to_simplified(formal)] == lex.aliases[listed]


def test_the_women_of_the_pronoun_rule_are_registry_persons(lexicons):
    # speaker_resolution.yaml female_speakers: a misspelt id would silently read as a man
    women = lexicons.speaker_rules["female_speakers"]
    assert women and all(lexicons.entities[w].type == "person" for w in women)


@pytest.mark.parametrize(
    ("written", "outlet"),
    [("新華網", "新华社"), ("人民網", "人民日报"), ("中新網", "中新社"), ("共同通信社", "共同社"), ("韓國聯合通訊社", "韩联社")],
)
def test_an_outlet_is_one_id_with_or_without_its_agency_or_site_word(lexicons, written, outlet):
    assert lexicons.aliases[to_simplified(written)] == outlet


# Taiwan / Hong Kong / Singapore spellings of frequent voices (issue #13): each must reach the
# mainland id (spec: one person, one id across regions). Written in Traditional where OpenCC
# leaves the spelling distinct; the lexicon is matched on the Simplified text.
REGIONAL_SPELLINGS = {
    "川普": "特朗普", "蒲亭": "普京", "布林根": "布林肯", "盧比歐": "鲁比奥", "魯比奧": "鲁比奥",
    "澤倫斯基": "泽连斯基", "馬克宏": "马克龙", "梅爾茲": "默茨", "蕭茲": "朔尔茨", "蕭爾茨": "朔尔茨",
    "施凱爾": "斯塔默", "施紀賢": "斯塔默", "古特瑞斯": "古特雷斯", "史托騰柏格": "斯托尔滕贝格",
    "范德賴恩": "冯德莱恩", "蘇利文": "沙利文", "納坦雅胡": "内塔尼亚胡", "艾爾段": "埃尔多安",
    "庫萊巴": "库列巴", "譚德賽": "谭德塞", "魏科夫": "威特科夫", "華爾茲": "沃尔兹", "李維特": "莱维特",
    "赫格塞斯": "赫格塞思", "小馬可仕": "马科斯", "安華": "安瓦尔", "杜魯道": "特鲁多", "府方": "台湾总统府",
    "費科": "菲佐", "桑傑士": "桑切斯", "洪馬內": "洪玛奈", "卡茲": "卡茨", "拉特克里夫": "拉特克利夫", "瑟斯基": "瑟尔斯基",
}


@pytest.mark.parametrize(("spelling", "entity"), sorted(REGIONAL_SPELLINGS.items()))
def test_regional_spellings_reach_the_mainland_id(lexicons, spelling, entity):
    assert lexicons.aliases.get(to_simplified(spelling)) == entity
