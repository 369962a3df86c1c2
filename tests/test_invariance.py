"""Property tests on generated documents (hypothesis).

- Any mix of news fragments, registry names, cue words, quotation marks of every
  kind (balanced or not), punctuation, whitespace (\\r\\n too), emoji and ASCII goes
  through normalise → segment → extract → classify without an exception, and the
  claims keep the offset invariants: ``text[start:end] == text``, inside the text,
  sorted and non-overlapping.
- The same document in the other script (OpenCC s2t / s2hk / s2tw from Simplified,
  t2s back) gives the same (speaker, start, end) claims.
- The same claims in every process, whatever its PYTHONHASHSEED.
- The linear-time helpers of normalize and attribution give what the plain
  versions give.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import opencc
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.analysis import analyse_document
from pipeline.attribution import Quote, find_quotes
from pipeline.lexicons import load_lexicons
from pipeline.normalize import _containment, detect_script, markup_blocks

# the obvious (quadratic) versions the linear ones must agree with
MARKUP_BLOCK = re.compile(r"<(figure|script|style|nav|aside|footer)\b.*?</\1\s*>", re.S | re.I)


def _inside(zones: list[tuple[int, int, str]], s: int, e: int) -> bool:
    return any(zs <= s and e <= ze for zs, ze, _ in zones)


LEX = load_lexicons()
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
_T2S = opencc.OpenCC("t2s")
_S2T = {c: opencc.OpenCC(c) for c in ("s2t", "s2hk", "s2tw")}

# ---------------------------------------------------------------- vocabulary

NAMES = sorted(a for a in LEX.aliases if not a.isascii())
LATIN_NAMES = ["Putin", "Biden", "Lavrov", "Vladimir Putin", "Trump"]
ROLES = sorted(LEX.roles)
PRONOUNS = sorted(LEX.pronouns)
CUES = ["表示", "稱", "称", "說", "说", "指", "指出", "認為", "强调", "強調", "透露", "回應指", "報道稱", "形容", "警告", "問"]
SOURCES = ["據", "据", "根據", "援引", "引述", "消息人士", "一名官員", "據報道", "塔斯社引述"]
CONTENT = [
    "會談很好", "雙方同意繼續對話", "美國不會讓步", "俄方沒有幻想", "制裁無效", "北約東擴威脅俄羅斯安全",
    "峰會取得成果", "烏克蘭局勢緊張", "兩國關係有所改善", "会谈富有建设性", "双方将在下月会面", "不会接受这样的条件",
]
QUOTE_MARKS = sorted(set(LEX.quote_pairs) | set(LEX.quote_pairs.values()))
PUNCT = list("，。！？、；：…—,.!?;:()（）《》【】·")
SPACES = [" ", "\u3000", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u200b"]
EMOJI = ["😀", "🇺🇸", "👨\u200d👩\u200d👧", "👍🏽", "❤️", "🤝", "\U0001f9d1\u200d\U0001f680"]
ASCII = ["AP", "CNN", "G7", "2021", "said", "NATO", "(Putin)", "5月14日", "14日", "16:30", "<b>", "【12:00】", "---", "#"]
HEADLINES = ["新聞標題", "拜登普京峰會", "美俄会谈结束", "", "---\ntitle: 測試\n---"]
DATES = [None, "2019-05-16", "2021-06-16", "2025-08", "1999-01-01"]


def _pair(draw) -> tuple[str, str]:
    opener = draw(st.sampled_from(sorted(LEX.quote_pairs)))
    return opener, LEX.quote_pairs[opener]


@st.composite
def claim_sentence(draw) -> str:
    """A news-like attribution: [据] NAME|ROLE|PRONOUN CUE [：] [「]content[」] 。 — marks balanced or not."""
    source = draw(st.sampled_from(["", "", *SOURCES]))
    subject = draw(st.one_of(st.sampled_from(NAMES), st.sampled_from(ROLES), st.sampled_from(PRONOUNS), st.sampled_from(LATIN_NAMES)))
    cue = draw(st.sampled_from(CUES))
    sep = draw(st.sampled_from(["", "，", "：", ":", " "]))
    content = "".join(draw(st.lists(st.sampled_from(CONTENT + PUNCT[:3]), min_size=1, max_size=4)))
    opener, closer = _pair(draw)
    shape = draw(st.sampled_from(["plain", "quoted", "open", "close", "crossed", "quote_first"]))
    if shape == "quoted":
        content = opener + content + closer
    elif shape == "open":
        content = opener + content
    elif shape == "close":
        content = content + closer
    elif shape == "crossed":
        other = draw(st.sampled_from(QUOTE_MARKS))
        content = opener + content + other
    elif shape == "quote_first":  # “X，”普京說。
        return opener + content + "，" + closer + subject + cue + "。"
    return source + subject + cue + sep + content + draw(st.sampled_from(["。", "！", "？", "", "\n"]))


FRAGMENT = st.one_of(
    claim_sentence(),
    claim_sentence(),
    st.sampled_from(NAMES + LATIN_NAMES),
    st.sampled_from(CUES),
    st.sampled_from(CONTENT),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACES),
    st.sampled_from(EMOJI),
    st.sampled_from(ASCII),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
)


@st.composite
def documents(draw, fragment=FRAGMENT, headlines=HEADLINES) -> str:
    headline = draw(st.sampled_from(headlines))
    body = "".join(draw(st.lists(fragment, min_size=1, max_size=40)))
    return headline + draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n"])) + body


def _document(text: str, date: str | None, doc_id: str = "g") -> dict:
    return {
        "doc_id": doc_id,
        "text": text,
        "script": detect_script(text),
        "date": date,
        "title": text.split("\n", 1)[0][:200],
        "source_path": f"{doc_id}.txt",
    }


def check_spans(spans, n: int, what: str) -> None:
    prev = 0
    for s, e in spans:
        assert 0 <= s <= e <= n, f"{what} ({s}, {e}) outside the text of {n}"
        assert s >= prev, f"{what} ({s}, {e}) overlaps or is out of order"
        prev = e


def check_claims(text: str, claims: list[dict]) -> None:
    prev_end = 0
    ids = set()
    for c in claims:
        assert 0 <= c["start"] < c["end"] <= len(text), c["claim_id"]
        assert text[c["start"] : c["end"]] == c["text"], c["claim_id"]
        assert c["start"] >= prev_end, f"{c['claim_id']} overlaps the claim before it or is out of order"
        prev_end = c["end"]
        assert len(c["text_simplified"]) == len(c["text"])
        assert c["speaker"] and c["kind"] in ("direct", "indirect")
        if c["speaker_start"] >= 0:
            assert 0 <= c["speaker_start"] <= c["speaker_end"] <= len(text)
            assert text[c["speaker_start"] : c["speaker_end"]] == c["speaker_mention"]
        assert c["stance"] in ("favor", "against", "neutral")
        assert c["claim_id"] not in ids
        ids.add(c["claim_id"])


# ---------------------------------------------------------------- no crash, exact offsets


@SETTINGS
@given(text=documents(), date=st.sampled_from(DATES))
@example(text="新聞標題\n\n普京說：" + "「" * 300 + "會談" + "」" * 200 + "”" * 50, date="2021-06-16")
@example(text="新聞標題\r\n\r\n拜登表示，\r\n「會談很好」\r\n普京稱：\r\n「俄方沒有幻想。」\r\n", date=None)
@example(text="新聞標題\n\n普京(Pǔjīng)表示，會談😀很好。他說「👍🏽」", date="2021-06-16")
def test_generated_documents_never_crash_and_keep_offsets(config, text, date):
    norm, starts, ends, claims = analyse_document(_document(text, date), config)
    n = len(text)
    assert len(norm.text_simplified) == n
    check_spans(norm.sentences, n, "sentence")
    check_spans(norm.paragraphs, n, "paragraph")
    check_spans([(s, e) for s, e, _ in norm.zones], n, "zone")
    check_spans(list(zip(starts, ends, strict=True)), n, "token")
    check_claims(text, claims)


@SETTINGS
@given(
    unit=st.lists(st.sampled_from(QUOTE_MARKS + ["普京表示", "，", "。", "\n", "他說", "😀"]), min_size=1, max_size=6),
    times=st.integers(50, 400),
)
def test_repeated_hostile_patterns_never_crash(config, unit, times):
    text = "新聞標題\n\n" + "".join(unit) * times
    _, _, _, claims = analyse_document(_document(text, "2021-06-16"), config)
    check_claims(text, claims)


# ---------------------------------------------------------------- the same claims in either script


def _round_trips(word: str) -> bool:
    return all(len(c.convert(word)) == len(word) and _T2S.convert(c.convert(word)) == word for c in _S2T.values())


CLEAN = sorted(w for w in {*NAMES, *ROLES, *PRONOUNS, *CUES, *CONTENT, *SOURCES} if _T2S.convert(w) == w and _round_trips(w))
CLEAN_FRAGMENT = st.one_of(
    st.sampled_from(CLEAN),
    st.builds(
        lambda subject, cue, sep, content, marks, end: subject + cue + sep + marks[0] + content + marks[1] + end,
        st.sampled_from([w for w in CLEAN if w in LEX.aliases or w in LEX.roles or w in LEX.pronouns]),
        st.sampled_from([w for w in CLEAN if w in CUES]),
        st.sampled_from(["", "，", "："]),
        st.sampled_from([w for w in CLEAN if w in CONTENT]),
        st.sampled_from([("", ""), *LEX.quote_pairs.items(), ("「", ""), ("", "」")]),
        st.sampled_from(["。", "，", "\n", ""]),
    ),
    st.sampled_from(["，", "。", "：", "\n", "「", "」", "“", "”", " "]),
)


def test_the_clean_vocabulary_is_large_enough():
    assert len(CLEAN) > 100
    assert {"表示", "说", "普京"} <= set(CLEAN)


@SETTINGS
@given(
    simplified=documents(fragment=CLEAN_FRAGMENT, headlines=["美俄会谈", "普京表示", ""]),
    config_name=st.sampled_from(sorted(_S2T)),
    date=st.sampled_from(DATES),
)
@example(simplified="美俄会谈\n\n普京表示，会谈富有建设性。拜登说：「双方将在下月会面。」", config_name="s2hk", date="2021-06-16")
def test_the_other_script_gives_the_same_claims(config, simplified, config_name, date):
    assume(_T2S.convert(simplified) == simplified)
    traditional = _S2T[config_name].convert(simplified)
    assume(len(traditional) == len(simplified) and _T2S.convert(traditional) == simplified)
    _, _, _, simp_claims = analyse_document(_document(simplified, date), config)
    _, _, _, trad_claims = analyse_document(_document(traditional, date), config)
    check_claims(traditional, trad_claims)
    key = lambda c: (c["speaker"], c["start"], c["end"])  # noqa: E731
    assert {key(c) for c in trad_claims} == {key(c) for c in simp_claims}


# ---------------------------------------------------------------- the same claims in every process

# unlisted names after two titles of one length (總統 and 特使): which title was read first used
# to follow the iteration order of a set of strings, so it changed with PYTHONHASHSEED
TIED_TITLES = [
    "新聞標題\n\n美國總統特使韋進深表示，雙方會談很好。",
    "新聞標題\n\n俄羅斯外長顧問韋進深稱，制裁無效。",
    "新聞標題\n\n蘭州大學教授院長韋進深指，峰會取得成果。",
]
_CLAIMS_IN_A_PROCESS = """
import json, sys
from pipeline.config import Config
from pipeline.normalize import detect_script
from pipeline.analysis import analyse_document
out = []
for i, text in enumerate(json.loads(sys.argv[1])):
    doc = {"doc_id": f"d{i}", "text": text, "script": detect_script(text), "date": "2021-06-16",
           "title": "", "source_path": "d.txt"}
    out.append([[c["speaker"], c["start"], c["end"], c["speaker_resolution"]] for c in analyse_document(doc, Config.load())[3]])
print(json.dumps(out, ensure_ascii=False))
"""


def test_claims_do_not_depend_on_the_hash_seed_of_the_process():
    results = []
    for seed in ("1", "3"):  # two seeds that gave different speakers before the fix
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _CLAIMS_IN_A_PROCESS, json.dumps(TIED_TITLES)],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        results.append(json.loads(run.stdout.strip().splitlines()[-1]))
    assert results[0] == results[1]
    assert all(results[0]), "every sentence has its claim"


# ---------------------------------------------------------------- linear-time helpers = plain versions


def find_quotes_plain(text: str, pairs: dict[str, str], max_chars: int) -> list[Quote]:
    """find_quotes as first written: the whole stack is scanned for every closer."""
    closers = {v: k for k, v in pairs.items() if k != v}
    toggles = {k for k, v in pairs.items() if k == v}
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            continue
        if stack and i - stack[0][1] > max_chars:
            stack.clear()
        if ch in toggles:
            if stack and stack[-1][0] == ch:
                mark, pos = stack.pop()
                if not stack:
                    quotes.append(Quote(pos + 1, i, mark))
            else:
                stack.append((ch, i))
        elif ch in pairs:
            stack.append((ch, i))
        elif ch in closers:
            want = closers[ch]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == want:
                    mark, pos = stack[depth]
                    del stack[depth:]
                    if not stack:
                        quotes.append(Quote(pos + 1, i, mark))
                    break
    return quotes


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from([*QUOTE_MARKS, "a", "\n"]), max_size=200),
    max_chars=st.integers(1, 60),
)
def test_find_quotes_gives_what_the_plain_version_gives(text, max_chars):
    assert find_quotes(text, LEX.quote_pairs, max_chars) == find_quotes_plain(text, LEX.quote_pairs, max_chars)


MARKUP_PIECES = [
    "<nav>", "</nav>", "<NAV class='x'>", "</nav >", "</Nav\n>", "<navx>", "</ nav>", "<script>", "</script>",
    "<style", "</style>", "<footer>", "</footer>", "<aside>", "</aside>", "<figure>", "</figure>", "<nav中>",
    "a", "字", "\n", "<", ">", "/",
]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(MARKUP_PIECES), max_size=40), pos=st.integers(0, 20))
def test_markup_blocks_gives_what_the_regex_gives(pieces, pos):
    text = "".join(pieces)
    assert markup_blocks(text, pos) == [m.span() for m in MARKUP_BLOCK.finditer(text, pos)]


@settings(max_examples=300, deadline=None)
@given(
    zones=st.lists(st.tuples(st.integers(0, 50), st.integers(0, 30)), max_size=12),
    queries=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), min_size=1, max_size=12),
)
def test_zone_containment_index_gives_what_the_scan_gives(zones, queries):
    zs = [(s, s + w, "k") for s, w in zones]
    inside = _containment(zs)
    for s, w in queries:
        assert inside(s, s + w) == _inside(zs, s, s + w)


def test_generated_text_alphabets_hold_every_quote_mark():
    assert {"「", "」", "“", "”", "『", "』", '"', "＂"} <= set(QUOTE_MARKS)
    assert re.search(r"\r\n", "".join(SPACES))
