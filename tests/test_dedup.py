"""Copies of an article count once; a statement carries its reach (issue #16, acceptance)."""

from __future__ import annotations

import shutil
import zlib

import numpy as np
import pandas as pd
import pytest

from pipeline.config import DedupConfig
from pipeline.dedup import Deduper, han_text, shingle_hashes, statement_id
from pipeline.runner import run_corpus
from pipeline.statements import statements

from .conftest import CORPUS, to_simplified

ARTICLE = CORPUS / "001_8372918e7152907c.txt"  # front matter with the outlet's URL; encodable in Big5-HKSCS
REPOST_URL = "https://news.mingpao.com/ins/international/article/20211208/s00005/1"


def _repost(text: str) -> str:
    """The same body under another outlet's front matter, headline furniture and footer."""
    body = text[text.index("\n---", 3) + 4 :]
    front = f'---\ntitle: "轉載：峰會"\nurl: "{REPOST_URL}"\nauthor: "國際組"\n---\n'
    return front + "即時新聞 國際 | 字體大小\n" + body.replace("\n", "\r\n") + "\r\n（責任編輯：小明）\r\n分享到臉書\r\n"


@pytest.fixture(scope="module")
def copies(tmp_path_factory, config):
    root = tmp_path_factory.mktemp("copies")
    once, three = root / "once", root / "three"
    once.mkdir()
    three.mkdir()
    shutil.copy(ARTICLE, once / "a.txt")
    text = ARTICLE.read_text(encoding="utf-8")
    shutil.copy(ARTICLE, three / "a.txt")
    (three / "b_big5.txt").write_bytes(text.encode("big5hkscs"))
    (three / "c_repost.txt").write_text(_repost(text), encoding="utf-8")
    run_corpus(once, root / "out_once", config, workers=1)
    run_corpus(three, root / "out_three", config, workers=1)
    return root / "out_once", root / "out_three"


def test_copies_in_another_encoding_and_reposts_are_marked_duplicate_of_the_first(copies):
    _, out = copies
    docs = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert docs.loc["b_big5", "encoding"] != "utf-8"
    assert docs["duplicate_of"].to_dict() == {"a": "", "b_big5": "a", "c_repost": "a"}
    assert docs.loc["a", "outlet"] != docs.loc["c_repost", "outlet"]
    assert docs.loc["c_repost", ["outlet", "region"]].tolist() == ["明報", "HK"]


def test_summary_counts_as_if_once_with_reach_of_two_outlets(copies):
    once, three = (pd.read_parquet(o / "speaker_topic_stance.parquet").set_index(["speaker", "topic"]) for o in copies)
    counts = ["n_claims", "n_favor", "n_against", "n_neutral", "first_date", "last_date"]
    pd.testing.assert_frame_equal(three[counts], once[counts])
    assert (once["n_outlets"] == 1).all()
    assert (three["n_outlets"] == 2).all()
    assert (three["n_mentions"] == 3 * once["n_mentions"]).all()
    dated_once, dated_three = (pd.read_parquet(o / "speaker_topic_date.parquet") for o in copies)
    assert dated_three["n_claims"].tolist() == dated_once["n_claims"].tolist()


def test_every_claim_has_said_on_outlet_region_and_one_statement_view(copies):
    _, out = copies
    claims = pd.read_parquet(out / "claims.parquet")
    assert {"statement_id", "said_on", "date_source", "outlet", "region"} <= set(claims.columns)
    assert claims["said_on"].notna().all()  # the document is dated: every claim is
    assert set(claims["date_source"]) <= {"text", "document"}
    assert claims.groupby("doc_id")["outlet"].first().notna().all()
    view = statements(claims)
    assert len(view) == claims.query("doc_id == 'a'")["statement_id"].nunique()
    assert (view["n_copies"] == 3).all() and (view["n_outlets"] == 2).all()
    assert all(regions == ["HK"] for regions in view["regions"])


def test_same_statement_in_either_script_or_punctuation_has_one_id():
    trad = "我們不會容忍任何挑釁，這是紅線。"
    assert statement_id("普京", trad) == statement_id("普京", to_simplified(trad))
    assert statement_id("普京", trad) == statement_id("普京", "我們不會容忍任何挑釁 這是紅線")
    assert statement_id("普京", trad) != statement_id("拜登", trad)
    assert statement_id("普京", trad) != statement_id("普京", "我們會容忍任何挑釁，這是紅線。")


def _article(seed: int) -> str:
    import random

    rng = random.Random(seed)
    chars = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现"
    return "".join(rng.choice(chars) for _ in range(1500))


def test_deduper_threshold_and_first_copy_in_order():
    dd = Deduper(DedupConfig())
    base = _article(1)
    assert dd.check("first", base) == ""
    assert dd.check("other", _article(2)) == ""
    # another script, extra furniture, another line ending: still the first copy
    assert dd.check("copy", "標題\r\n" + base.replace("说", "說") + "\r\n（編輯：某）") == "first"
    # half the article rewritten: a different document
    assert dd.check("rewrite", base[:750] + _article(3)[:750]) == ""
    assert dd.check("tiny", "短文") == ""  # too little Han text to tell


def test_stricter_threshold_keeps_edited_copies_apart():
    base = _article(4)
    edited = base[:1200] + _article(5)[:300]
    assert Deduper(DedupConfig(min_similarity=0.6)).check("x", base) == ""
    loose, strict = Deduper(DedupConfig(min_similarity=0.6)), Deduper(DedupConfig(min_similarity=0.95))
    for dd in (loose, strict):
        dd.check("base", base)
    assert loose.check("edited", edited) == "base"
    assert strict.check("edited", edited) == ""


def test_output_is_the_same_whatever_the_number_of_workers(copies, tmp_path, config):
    from tests.conftest import output_bytes

    _, out = copies
    run_corpus(out.parent / "three", tmp_path / "w2", config, workers=2)
    for table in ("documents", "claims", "speaker_topic_stance", "speaker_topic_date"):
        assert output_bytes(out, [table]) == output_bytes(tmp_path / "w2", [table]), table


def test_ingest_stage_marks_copies_too(copies, config):
    from pipeline.ingest import ingest_corpus

    _, out = copies
    docs, _ = ingest_corpus(out.parent / "three", config.ingest, config.models_dir, config.dedup)
    assert [d["duplicate_of"] for d in docs] == ["", "a", "a"]
    assert docs[0]["date"] == "2021-12-07" and docs[2]["date"] == "2021-12-08"  # the repost's date from its URL


@pytest.mark.parametrize("k", [1, 2, 5])
def test_shingle_hashes_are_crc32_of_each_shingle_unique_and_sorted(k):
    """The table-driven CRC equals one zlib.crc32 call per shingle, in both scripts, with
    characters of every Han block (the signature, and so duplicate_of, must not move)."""
    simplified = "外交部发言人说双方将继续保持沟通，美方应当停止对俄罗斯的制裁" * 3
    traditional = "外交部發言人說雙方將繼續保持溝通，美方應當停止對俄羅斯的制裁" + "\u3400\u4dbf\uf900\ufaff𠀀"
    for text in (simplified, traditional, "", "中", "中文"):
        for han in (han_text(text), text):  # Han text only (3-byte characters), and anything else
            expected = sorted({zlib.crc32(han[i : i + k].encode()) for i in range(len(han) - k + 1)})
            got = shingle_hashes(han, k)
            assert got.dtype == np.uint64
            assert got.tolist() == expected


@pytest.mark.parametrize("k", [1, 5])
def test_signature_is_the_minhash_of_the_shingle_set(k):
    """The signature hashes the shingles in text order, repeats kept (no sort): the same minima
    as over the set of shingles, computed here one (a*x + b) mod p at a time, in both scripts
    and with characters of every Han block and a text that is not all 3-byte characters."""
    from pipeline.dedup import _PRIME, _hash_functions, document_signature

    cfg = DedupConfig(shingle_chars=k, num_hashes=16, min_han_chars=5)
    a, b = _hash_functions(cfg.num_hashes)
    repeated = "外交部发言人说双方将继续保持沟通，美方应当停止对俄罗斯的制裁。" * 20  # every shingle many times
    traditional = "外交部發言人說雙方將繼續保持溝通，美方應當停止對俄羅斯的制裁" + "\u3400\u4dbf\uf900\ufaff𠀀"
    for text in (repeated, traditional, to_simplified(traditional)):
        han = han_text(text)
        shingles = {zlib.crc32(han[i : i + k].encode()) for i in range(len(han) - k + 1)}
        expected = [min((int(ai) * x + int(bi)) % _PRIME for x in shingles) for ai, bi in zip(a, b, strict=True)]
        assert document_signature(text, cfg).tolist() == expected
