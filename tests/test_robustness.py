"""Bad input: every file accounted for, no crash or hang, and the same claims
whatever the encoding, line endings, HTML wrapping or script.

One ``run_corpus`` over a corpus made of the bundled articles in every variant of
:mod:`tests.variants` (UTF-8, UTF-8 with BOM, UTF-16, GB18030, Big5 where the
text fits, CRLF, HTML page, the other script through OpenCC, Hong Kong and Taiwan
character forms) plus hostile files
(empty, binary, undecodable, .pdf, no extension, hidden, unbalanced and nested
quotation marks, a 300,000-character line, emoji, pinyin, mixed scripts).
Then: pathological texts through ``analyse_document`` cost about what ordinary
text of the same length costs, and an exception while writing leaves no partial
parquet behind.

The measured agreement of each variant with the plain UTF-8 reading is printed
(``pytest -s tests/test_robustness.py``).
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jieba
import pytest

from pipeline import parquet_io
from pipeline.analysis import analyse_document
from pipeline.normalize import detect_script
from pipeline.parquet_io import TableWriter, read_rows, write_rows
from pipeline.runner import RunSummary, run_corpus
from tests.conftest import CORPUS, output_bytes
from tests.variants import (
    BY_LETTERS,
    BY_SPAN,
    BY_UNGLOSSED,
    VARIANT_NAMES,
    HostileFile,
    Variant,
    article_variants,
    hostile_files,
    lf,
    long_line,
)

ARTICLES = sorted(CORPUS.glob("*.txt"))
SCRIPT_GLOSS = re.compile(r"\([\u4e00-\u9fff]\)")  # one character's other-script form, as tests.variants writes it
MIN_JACCARD = 0.98  # claim agreement with the UTF-8 reading, per article and pooled, for every variant kind
# per article, where squeezing noise out leaves blanks that still cut a rule: a zero-width
# space every 5 characters leaves blanks after 」 / ” that stop one subject search (1 of 22
# claims in one article); script glosses (發(发)) squeezed out of a long run of words leave their
# filler where that run starts, after a quotation mark, and one speaker search in each of two
# articles does not reach across it. Pooled agreement must still reach MIN_JACCARD.
MIN_JACCARD_PER_ARTICLE = {"zero_width": 0.95, "glossed": 0.95}
TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]
# words of the nav / script / footer noise of tests.variants.html_page: none may reach a claim
HTML_NOISE_WORDS = ("導航", "頁首連結", "頁腳", "不應出現", "側欄", "結構化資料", "腳本")
# which decoders ingest may report for each byte-level variant (GB18030 text that is plain GBK is read as gbk)
ENCODING_FAMILY = {
    "utf8": {"utf-8"},
    "utf8_bom": {"utf-8-sig"},
    "utf16": {"utf-16"},
    "gb18030": {"gbk", "gb18030"},
    "big5": {"big5", "cp950", "big5hkscs"},
}


@dataclass
class VariantRun:
    corpus: Path
    out: Path
    summary: RunSummary
    variants: dict[tuple[str, str], Variant]  # (article stem, variant name) -> the variant written
    skipped: dict[tuple[str, str], str]  # (article stem, variant name) -> why it could not be made
    hostile: list[HostileFile]
    documents: dict[str, dict]  # source_path -> documents row
    rejected: dict[str, dict]  # source_path -> rejected row
    claims: dict[str, list[dict]]  # doc_id -> claims rows, in file order

    def doc(self, article: str, variant: str) -> dict:
        return self.documents[variant_path(article, variant, self.variants[(article, variant)].suffix)]

    def claims_of(self, article: str, variant: str) -> list[dict]:
        return self.claims.get(self.doc(article, variant)["doc_id"], [])


def variant_path(article: str, variant: str, suffix: str) -> str:
    return f"variants/{article}__{variant}{suffix}"  # doc_id (the stem) is unique per variant


@pytest.fixture(scope="module")
def variant_run(tmp_path_factory, config) -> VariantRun:
    """The one run over every variant and every hostile file."""
    root = tmp_path_factory.mktemp("robustness")
    corpus, out = root / "corpus", root / "out"
    variants: dict[tuple[str, str], Variant] = {}
    skipped: dict[tuple[str, str], str] = {}
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        made, missing = article_variants(text, detect_script(text))
        for v in made:
            variants[(path.stem, v.name)] = v
            dest = corpus / variant_path(path.stem, v.name, v.suffix)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(v.data)
        for s in missing:
            skipped[(path.stem, s.name)] = s.why
    hostile = hostile_files(seed=0)
    for h in hostile:
        dest = corpus / h.path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(h.data)
    summary = run_corpus(corpus, out, config, workers=1)
    claims: dict[str, list[dict]] = defaultdict(list)
    for c in read_rows(out / "claims.parquet"):
        claims[c["doc_id"]].append(c)
    return VariantRun(
        corpus=corpus,
        out=out,
        summary=summary,
        variants=variants,
        skipped=skipped,
        hostile=hostile,
        documents={d["source_path"]: d for d in read_rows(out / "documents.parquet")},
        rejected={r["source_path"]: r for r in read_rows(out / "rejected.parquet")},
        claims=dict(claims),
    )


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _words(text: str) -> str:
    """Claim text without line-ending and whitespace-run differences (CRLF, HTML collapsing)."""
    return re.sub(r"\s+", " ", lf(text)).strip()


def claim_keys(claims: list[dict], compare: str) -> set[tuple]:
    if compare == BY_SPAN:
        return {(c["speaker"], c["start"], c["end"]) for c in claims}
    if compare == BY_LETTERS:
        return {(c["speaker"], re.sub(r"[\s\u200b]+", "", c["text"])) for c in claims}
    if compare == BY_UNGLOSSED:
        return {(c["speaker"], SCRIPT_GLOSS.sub("", c["text"])) for c in claims}
    return {(c["speaker"], _words(c["text"])) for c in claims}


# --------------------------------------------------------------------------- every file accounted for


def test_the_run_completes_and_accounts_for_every_file(variant_run):
    files = sorted(p.relative_to(variant_run.corpus).as_posix() for p in variant_run.corpus.rglob("*") if p.is_file())
    docs, rejected = set(variant_run.documents), set(variant_run.rejected)
    assert not docs & rejected
    assert sorted(docs | rejected) == files
    assert variant_run.summary.n_files == len(files)
    assert variant_run.summary.n_documents == len(docs) and variant_run.summary.n_rejected == len(rejected)
    for name in TABLES:
        assert (variant_run.out / f"{name}.parquet").exists()
    assert not [p.name for p in variant_run.out.iterdir() if p.name.endswith(".tmp")]


def test_no_document_fails_in_analysis(variant_run):
    """A crash in normalise/segment/extract/classify would be recorded as extraction_failed."""
    failed = {p: r["detail"][:300] for p, r in variant_run.rejected.items() if r["stage"] != "ingest"}
    assert failed == {}
    assert not [p for p, r in variant_run.rejected.items() if r["reason"] == "internal_error"]


def test_every_variant_is_a_document_and_only_big5_is_ever_skipped(variant_run):
    for (article, name), v in variant_run.variants.items():
        assert variant_path(article, name, v.suffix) in variant_run.documents
    for (article, name), why in sorted(variant_run.skipped.items()):
        print(f"skipped {article} {name}: {why}")
    # Big5 has no code for Simplified-only characters or emoji: 002 (来, 数), 003 (Simplified)
    # and 004 (😊) cannot be written in Big5 or Big5-HKSCS without loss, so they have no Big5 variant
    assert {name for _, name in variant_run.skipped} <= {"big5"}
    assert sum(name == "big5" for _, name in variant_run.variants) >= 2  # the Big5 path is exercised
    assert len(variant_run.variants) + len(variant_run.skipped) == len(ARTICLES) * len(VARIANT_NAMES)


def test_hostile_files_are_rejected_with_their_reason(variant_run):
    got = {h.path: variant_run.rejected.get(h.path, {}).get("reason") for h in variant_run.hostile if h.reason}
    want = {h.path: h.reason for h in variant_run.hostile if h.reason}
    assert got == want
    for h in variant_run.hostile:
        if h.reason:
            assert variant_run.rejected[h.path]["detail"], h.path


def test_hostile_text_files_are_read_and_analysed(variant_run):
    for h in variant_run.hostile:
        if h.reason is None:
            doc = variant_run.documents.get(h.path)
            assert doc is not None, f"{h.path} ({h.what}) was rejected: {variant_run.rejected.get(h.path)}"
            assert doc["text"] == h.data.decode("utf-8")
    assert variant_run.documents["hostile/long_line.txt"]["n_chars"] > 300_000


def test_pinyin_and_mixed_scripts_keep_their_speakers(variant_run):
    def said(path: str) -> set[tuple[str, str]]:
        doc_id = variant_run.documents[path]["doc_id"]
        return {(c["speaker"], c["cue"]) for c in variant_run.claims.get(doc_id, [])}

    # 普京(Pǔjīng)表示 / 拜登（Bàidēng）稱 / 佩斯科夫(Péskōv)說 / 特(tè)朗(lǎng)普(pǔ)指
    assert {("普京", "表示"), ("拜登", "稱"), ("佩斯科夫", "說"), ("普京", "說")} <= said("hostile/pinyin.txt")
    # Traditional and Simplified in one sentence, Latin, Cyrillic and kana around it
    assert {("拜登", "表示"), ("普京", "稱")} <= said("hostile/mixed_scripts.txt")


# --------------------------------------------------------------------------- offsets


def test_claim_offsets_are_exact_in_every_document(variant_run):
    texts = {d["doc_id"]: d["text"] for d in variant_run.documents.values()}
    n = 0
    for doc_id, claims in variant_run.claims.items():
        text = texts[doc_id]
        previous_end = 0
        for c in claims:
            assert 0 <= c["start"] < c["end"] <= len(text), c["claim_id"]
            assert text[c["start"] : c["end"]] == c["text"], c["claim_id"]
            assert len(c["text_simplified"]) == len(c["text"]), c["claim_id"]
            assert c["start"] >= previous_end, f"{c['claim_id']} overlaps the claim before it"
            previous_end = c["end"]
            if c["speaker_start"] >= 0:
                assert text[c["speaker_start"] : c["speaker_end"]] == c["speaker_mention"], c["claim_id"]
            n += 1
    assert n > 1000


# --------------------------------------------------------------------------- the same claims in every variant


def test_byte_level_variants_decode_to_the_very_same_text(variant_run):
    for article, name in sorted(variant_run.variants):
        if name not in ENCODING_FAMILY:
            continue
        doc = variant_run.doc(article, name)
        assert doc["text"] == variant_run.doc(article, "utf8")["text"], (article, name)
        assert doc["encoding"] in ENCODING_FAMILY[name], (article, name, doc["encoding"])


def test_opencc_variants_have_the_same_length_in_the_other_script(variant_run):
    for (article, name), v in sorted(variant_run.variants.items()):
        if name == "opencc":
            doc, ref = variant_run.doc(article, name), variant_run.doc(article, "utf8")
            assert doc["n_chars"] == ref["n_chars"] and doc["text"] != ref["text"]
            assert doc["script"] != ref["script"], (article, v.note)


@pytest.mark.parametrize("region", ["hk", "tw"])
def test_regional_variants_have_the_same_length_in_other_characters(variant_run, region):
    changed = 0
    for article in sorted({a for a, _ in variant_run.variants}):
        doc, ref = variant_run.doc(article, region), variant_run.doc(article, "utf8")
        assert doc["n_chars"] == ref["n_chars"], article
        changed += doc["text"] != ref["text"]
    print(f"{region}: {changed} of {len(ARTICLES)} articles have characters in other forms")
    assert changed >= 2  # not a no-op (Taiwan forms differ from OpenCC's standard ones in few characters)


def test_html_page_noise_never_reaches_the_text_or_the_claims(variant_run):
    for (article, name), _ in variant_run.variants.items():
        if name != "html":
            continue
        doc = variant_run.doc(article, name)
        assert not [w for w in HTML_NOISE_WORDS if w in doc["text"]], article
        assert doc["title"], article


@pytest.mark.parametrize("variant", [v for v in VARIANT_NAMES if v != "utf8"])
def test_variant_gives_the_same_claims_as_utf8(variant_run, variant):
    measured: dict[str, float] = {}
    pooled_ref: set = set()
    pooled_var: set = set()
    for path in ARTICLES:
        article = path.stem
        if (article, variant) not in variant_run.variants:
            print(f"{variant:9s} {article}  skipped: {variant_run.skipped[(article, variant)]}")
            continue
        compare = variant_run.variants[(article, variant)].compare
        ref = claim_keys(variant_run.claims_of(article, "utf8"), compare)
        got = claim_keys(variant_run.claims_of(article, variant), compare)
        assert ref, f"{article} has no claims in UTF-8: nothing to compare"
        measured[article] = jaccard(ref, got)
        pooled_ref |= {(article, *k) for k in ref}
        pooled_var |= {(article, *k) for k in got}
        print(
            f"{variant:9s} {article}  Jaccard {measured[article]:.4f}  by {compare}  "
            f"({len(ref)} claims in UTF-8, {len(got)} here, {len(ref & got)} shared)"
        )
    pooled = jaccard(pooled_ref, pooled_var)
    print(f"{variant:9s} all articles  Jaccard {pooled:.4f}")
    assert measured and pooled >= MIN_JACCARD
    floor = MIN_JACCARD_PER_ARTICLE.get(variant, MIN_JACCARD)
    low = {a: round(j, 4) for a, j in measured.items() if j < floor}
    assert not low, f"{variant}: claims differ from the UTF-8 reading (Jaccard < {floor}): {low}"


def test_agreement_table_per_variant_kind(variant_run):
    """One table (``pytest -s``): per variant kind, the pooled claim agreement with UTF-8."""
    rows = []
    for variant in VARIANT_NAMES[1:]:
        ref_all: set = set()
        got_all: set = set()
        n = 0
        for path in ARTICLES:
            v = variant_run.variants.get((path.stem, variant))
            if v is None:
                continue
            n += 1
            ref_all |= {(path.stem, *k) for k in claim_keys(variant_run.claims_of(path.stem, "utf8"), v.compare)}
            got_all |= {(path.stem, *k) for k in claim_keys(variant_run.claims_of(path.stem, variant), v.compare)}
        rows.append((variant, n, len(ref_all), len(got_all), jaccard(ref_all, got_all)))
    print("\nkind       articles  claims(utf8)  claims(variant)  agreement")
    for variant, n, a, b, j in rows:
        print(f"{variant:10s} {n:8d}  {a:12d}  {b:15d}  {j:9.4f}")
    assert [r[0] for r in rows if r[4] < MIN_JACCARD] == []


# --------------------------------------------------------------------------- linear time


def _news_text(n_chars: int) -> str:
    """n_chars of ordinary news text: the bundled articles, repeated."""
    body = "\n".join(p.read_text(encoding="utf-8") for p in ARTICLES)
    return (body * (n_chars // len(body) + 1))[:n_chars]


def _pathological(kind: str) -> str:
    head = "標題：病態輸入\n\n"
    if kind == "long_line":  # 300,000 characters of names, cues and news words, no punctuation
        return head + long_line(300_000, random.Random(1)) + "\n"
    if kind == "nested_50k":  # 50,000 nested marks of four kinds around one quotation
        return head + "普京說：" + "「『“‘" * 6_250 + "沒有結果" + "’”』」" * 6_250 + "。\n"
    if kind == "unclosed_100k":
        return head + "拜登表示" + "「" * 100_000 + "\n"
    if kind == "crossed_marks":  # closers of a kind never opened, under open marks of another
        return head + ("「" * 1_500 + "”" * 1_500) * 60 + "\n"
    if kind == "unclosed_markup":  # <nav> never closed, in a .txt body
        return head + "<nav>拜登表示會談很好。" * 10_000 + "\n"
    if kind == "timestamps":  # a live blog: one timestamp zone per line
        return head + "【12:00】拜登表示會談很好。\n" * 15_000
    if kind == "latin_names":  # registry names in Latin script: one word-boundary check each
        return head + "Putin said Biden and Lavrov agreed. " * 6_000 + "\n"
    if kind == "relay_words":  # 援引 x 20,000 in one sentence: the source after each is looked for
        return head + "援引" * 20_000 + "\n"
    if kind == "pronoun_cues":  # 他說： x 30,000 in one sentence: each pronoun resolved
        return head + "記者問拜登，" + "他說：" * 30_000 + "\n"
    if kind == "single_quotes":  # ‘…’ does not end the clause after a quotation
        return head + "‘普京表示會談很好’" * 3_000 + "\n"
    if kind == "negated_then_attitude":  # 認為 after many negated cues in one sentence
        return head + "拜登表示好，" + "普京沒有表示，" * 5_000 + "普京認為好，" * 5_000 + "\n"
    raise ValueError(kind)


PATHOLOGICAL = [
    "long_line", "nested_50k", "unclosed_100k", "crossed_marks", "unclosed_markup", "timestamps", "latin_names",
    "relay_words", "pronoun_cues", "single_quotes", "negated_then_attitude",
]


@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_pathological_input_costs_what_ordinary_text_of_its_length_costs(config, kind):
    """No wall-clock limit: the analysis time is compared with jieba's time on news text
    of the same length, measured here (a quadratic step makes the ratio explode)."""
    text = _pathological(kind)
    document = {
        "doc_id": kind,
        "text": text,
        "script": detect_script(text),
        "date": "2021-06-16",
        "title": "",
        "source_path": f"{kind}.txt",
    }
    analyse_document({**document, "text": "標題\n\n普京表示，會談很好。"}, config)  # everything loaded and warm
    jieba.lcut("預熱", HMM=False)
    t0 = time.perf_counter()
    norm, _, _, claims = analyse_document(document, config)
    analysis = time.perf_counter() - t0
    t0 = time.perf_counter()
    jieba.lcut(text, HMM=False)
    jieba_same = time.perf_counter() - t0
    t0 = time.perf_counter()
    jieba.lcut(_news_text(len(text)), HMM=False)
    jieba_news = time.perf_counter() - t0
    reference = max(jieba_same, jieba_news)
    ratio = analysis / reference
    print(
        f"{kind}: {len(text):,} chars, {len(claims)} claims, analysis {analysis:.2f}s, "
        f"jieba {jieba_same:.2f}s on it and {jieba_news:.2f}s on news text: ratio {ratio:.1f}"
    )
    assert len(norm.text_simplified) == len(text)
    for c in claims:
        assert text[c["start"] : c["end"]] == c["text"]
    assert ratio < 20, f"{kind}: analysis took {ratio:.0f}x jieba's time on the same length of text"


# --------------------------------------------------------------------------- atomic outputs


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


REJECTED_ROWS = [{"source_path": f"f{i}.pdf", "stage": "ingest", "reason": "unsupported_type", "detail": "x"} for i in range(5)]


@pytest.mark.parametrize("existing", [False, True])
def test_write_table_failing_midway_leaves_no_partial_file(tmp_path, monkeypatch, existing):
    dest = tmp_path / "rejected.parquet"
    if existing:
        write_rows(dest, "rejected", REJECTED_ROWS[:1])
    before = dest.read_bytes() if existing else None
    real = parquet_io.pq.write_table

    def write_then_fail(data, where, **kwargs):
        real(data, where, **kwargs)  # the temporary file is complete ...
        with open(where, "ab") as fh:
            fh.write(b"half a row group")
        raise OSError(28, "No space left on device")  # ... and then the disk fills up

    monkeypatch.setattr(parquet_io.pq, "write_table", write_then_fail)
    with pytest.raises(OSError, match="No space"):
        write_rows(dest, "rejected", REJECTED_ROWS)
    assert (dest.read_bytes() if dest.exists() else None) == before
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("existing", [False, True])
def test_table_writer_interrupted_between_batches_leaves_no_partial_file(tmp_path, existing):
    dest = tmp_path / "rejected.parquet"
    if existing:
        write_rows(dest, "rejected", REJECTED_ROWS[:1])
    before = dest.read_bytes() if existing else None
    with pytest.raises(KeyboardInterrupt):
        with TableWriter(dest, "rejected") as writer:
            writer.write(REJECTED_ROWS[:3])
            assert _leftovers(tmp_path)  # the batch went to a temporary file, not to dest
            raise KeyboardInterrupt
    assert (dest.read_bytes() if dest.exists() else None) == before
    assert _leftovers(tmp_path) == []


def test_a_run_that_fails_while_writing_keeps_the_previous_tables(tmp_path, monkeypatch, config):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in ARTICLES[:3]:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    run_corpus(corpus, out, config, workers=1)
    before = output_bytes(out)
    assert {p.name for p in out.iterdir() if p.name != ".lock"} == {f"{t}.parquet" for t in TABLES}

    small_batches = dataclasses.replace(config, run=dataclasses.replace(config.run, batch_size=1))
    real_write = TableWriter.write_table  # every batch goes through it
    calls = []

    def write_then_fail(self, data):
        calls.append(self.table)
        real_write(self, data)
        if len(calls) >= 3:  # documents and claims of the first batch are written, then a failure
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(TableWriter, "write_table", write_then_fail)
    for folder in (out, tmp_path / "fresh"):
        calls.clear()
        with pytest.raises(OSError, match="No space"):
            run_corpus(corpus, folder, small_batches, workers=1)
        assert len(calls) >= 3
        assert _leftovers(folder) == []
    assert {p.name for p in out.iterdir() if p.name != ".lock"} == {f"{t}.parquet" for t in TABLES}
    assert output_bytes(out) == before
    assert [p for p in (tmp_path / "fresh").iterdir() if p.suffix == ".parquet"] == []
    assert os.listdir(tmp_path / "fresh") == [".lock"]  # the lock file stays; no lock is held
