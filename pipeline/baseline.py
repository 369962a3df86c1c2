"""The classic recipe, as a yardstick: speech verb + nearest person name.

For each sentence of the body, the first speech verb found by
``jieba.posseg`` is the cue, the nearest person name (POS ``nr``) before it is
the speaker, taken as written (no alias, role or pronoun resolution), and the
rest of the sentence is the claim. ``python -m pipeline.baseline CORPUS GOLD``
scores it against gold next to the real pipeline, in one run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jieba.posseg as pseg

from pipeline.config import Config
from pipeline.evaluate import evaluate, format_report, load_gold
from pipeline.ingest import ingest_corpus
from pipeline.lexicons import load_lexicons, simp
from pipeline.normalize import normalize_document

CLASSIC_CUES = frozenset(
    "说 表示 称 指出 认为 强调 透露 告诉 指 宣称 声称 回应 警告 批评 否认 承认 呼吁 重申 介绍 报道 写道 坦言 直言".split()
)
TRIM = "。，,；;！!？?：:、 \t\n“”「」『』\""


def baseline_claims(document: dict, body_simplified: str, sentences: list[tuple[int, int]]) -> list[dict]:
    claims = []
    for ss, se in sentences:
        pos = ss
        last_name: str | None = None
        for word, flag in pseg.cut(body_simplified[ss:se]):
            start = pos
            pos += len(word)
            if flag.startswith("nr"):
                last_name = word
            elif word in CLASSIC_CUES and last_name:
                s, e = pos, se
                while s < e and body_simplified[s] in TRIM:
                    s += 1
                while e > s and body_simplified[e - 1] in TRIM:
                    e -= 1
                if e - s >= 2:
                    claims.append(
                        {"doc_id": document["doc_id"], "start": s, "end": e, "text": document["text"][s:e],
                         "speaker": simp(last_name), "cue": document["text"][start:pos]}
                    )
                break
    return claims


def run_baseline(corpus_dir: Path, config: Config) -> list[dict]:
    lex = load_lexicons(config.models_dir)
    docs, _ = ingest_corpus(corpus_dir, config.ingest)
    claims: list[dict] = []
    for d in docs:
        norm = normalize_document(d["doc_id"], d["text"], d["script"], config.normalize, lex)
        claims.extend(baseline_claims(d, norm.body_text(), norm.sentences))
    return claims


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit("usage: python -m pipeline.baseline CORPUS_DIR GOLD.jsonl")
    corpus, gold = Path(argv[0]), Path(argv[1])
    result = evaluate(run_baseline(corpus, Config.load()), load_gold(gold))
    print("classic recipe (speech verb + nearest jieba.posseg person name):")
    print(format_report(result))


if __name__ == "__main__":
    main(sys.argv[1:])
