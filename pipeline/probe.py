"""Probes: the same content written in other forms, to find rules that do not generalise, without gold.

Rules written against a few outlets fail on forms those outlets do not use. A probe rewrites
each document of a corpus in a form any outlet could write, and checks that every claim the
original gives is found again: same speaker, same content (blanks, marks and script aside).

- typing (whole document, words unchanged): ``ascii_marks`` (，。：… typed as ,.:…),
  ``fullwidth`` (２０２１年, Ｇ７), ``wrapped`` (hard-wrapped lines), ``spaced`` (blanks inside
  words), ``zero_width`` (zero-width spaces inside words), ``other_script`` (OpenCC t2s / s2t),
  ``one_line`` (a page scraped into one line: the headline, then the body's lines glued
  together after a page lead such as a source line or the outlet's label), ``garbage``
  (anti-scraping garbage, runs of Latin letters, digits and marks, glued to the start of
  every other line);
- ``unlisted_names``: every registry person who speaks, under a name the registry lacks
  (the expected speaker is that name);
- ``other_cues``: a plain cue (表示, 说 …) swapped for each other speech cue;
- ``adverbials``: time, place and manner words between a named speaker and the cue;
- ``postposed``: 'X表示，Y。' written 'Y，X表示。' and '“Y。”X表示。';
- ``furniture``: the page around the article (bylines, headings quoting a leader, captions,
  link lines, share buttons, reader comments) inserted as lines of their own; besides the
  claims kept, the claims the furniture adds are reported (outcome ``spurious``).

What changes is a general failure, named by its probe: no gold is read, so a corpus without
annotation can be probed, and a fix found this way is a construction, not a sentence.
Probe words: models/probes.yaml. Every document goes through the run's own analysis
(:func:`pipeline.analysis.analyse`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.analysis import analyse, load_models
from pipeline.config import Config
from pipeline.ingest import ingest_corpus
from pipeline.lexicons import Lexicons, read_yaml, simp
from pipeline.normalize import detect_script, to_simplified

NOT_LETTER = re.compile(r"[\W_]+")
HAN_RUN = r"[\u4e00-\u9fff]"
ASCII_MARKS = str.maketrans("，。：；？！", ",.:;?!")
FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})
OTHER_SCRIPT = {"simplified": "s2t", "traditional": "t2s", "mixed": "t2s"}
CONTENT_COMMAS = ("，", ",")
FURNITURE_PLACES = ("top", "middle", "end")
FRONT_MATTER = re.compile(r"\A---\n.*?^---[ \t]*\n", re.M | re.S)
# the probes whose rewrite adds text that must give no claim: found claims beyond the
# expected ones are reported as spurious
ADDS_TEXT = frozenset({"furniture"})


@dataclass(frozen=True)
class ProbeWords:
    foreign_names: tuple[str, ...]
    chinese_names: tuple[str, ...]
    plain_cues: tuple[str, ...]
    speech_cues: tuple[str, ...]
    adverbials: tuple[str, ...]
    wrap_width: int
    spaced_every: int
    zero_width_every: int
    page_lead: str
    garbage: tuple[str, ...]
    furniture: dict[str, tuple[str, ...]]  # top / middle / end -> lines

    @classmethod
    def load(cls, models_dir: Path, lex: Lexicons) -> ProbeWords:
        raw = read_yaml(Path(models_dir) / "probes.yaml") or {}
        names = raw.get("unlisted_names") or {}
        words = cls(
            foreign_names=tuple(simp(n) for n in names.get("foreign", ())),
            chinese_names=tuple(simp(n) for n in names.get("chinese", ())),
            plain_cues=tuple(simp(c) for c in raw.get("plain_cues", ())),
            speech_cues=tuple(simp(c) for c in raw.get("speech_cues", ())),
            adverbials=tuple(simp(a) for a in raw.get("adverbials", ())),
            wrap_width=int(raw.get("wrap_width", 30)),
            spaced_every=int(raw.get("spaced_every", 7)),
            zero_width_every=int(raw.get("zero_width_every", 5)),
            page_lead=str(raw.get("page_lead", "")),
            garbage=tuple(str(g) for g in raw.get("garbage", ())),
            furniture={
                place: tuple(simp(str(x)) for x in (raw.get("furniture") or {}).get(place, ())) for place in FURNITURE_PLACES
            },
        )
        listed = [n for n in (*words.foreign_names, *words.chinese_names) if n in lex.aliases]
        if listed:
            raise ValueError(f"probes.yaml: unlisted_names holds registry names: {', '.join(listed)}")
        return words


@dataclass(frozen=True)
class Expected:
    """A claim of the original, as the rewritten document must give it again."""

    claim: dict  # the original claim row
    speaker: str
    content: str  # the content's letters (see letters)


@dataclass(frozen=True)
class Rewrite:
    probe: str
    variant: str  # which word or form, within the probe
    text: str
    expected: list[Expected]


def letters(text: str) -> str:
    """What a claim says, without blanks, marks, width or script: the key claims are compared by."""
    return NOT_LETTER.sub("", simp(unicodedata.normalize("NFKC", text)))


# --------------------------------------------------------------------------- typing


def hard_wrap(text: str, width: int) -> str:
    """Every line cut into lines of width characters."""
    return "\n".join(
        "\n".join(line[i : i + width] for i in range(0, len(line), width)) for line in text.split("\n")
    )


def blank_every(text: str, blank: str, every: int) -> str:
    """blank after every run of `every` Han characters (inside words as much as between them)."""
    return re.sub(rf"({HAN_RUN}{{{every}}})(?={HAN_RUN})", lambda m: m.group(1) + blank, text)


def one_line_page(text: str, lead: str) -> str:
    """The headline on its line, then lead and the body's lines glued into one line."""
    head, _, body = text.strip("\n").partition("\n")
    return head + "\n" + lead + "".join(line.strip() for line in body.split("\n")) + "\n"


def glue_garbage(text: str, garbage: tuple[str, ...]) -> str:
    """Every other line after the first starts with the next garbage string (in turn)."""
    lines = text.split("\n")
    if not garbage:
        return text
    for k in range(1, len(lines), 2):
        if lines[k].strip():
            lines[k] = garbage[(k // 2) % len(garbage)] + lines[k]
    return "\n".join(lines)


def wrap_in_furniture(text: str, furniture: dict[str, tuple[str, ...]]) -> str:
    """The page's furniture as lines of their own: the top lines after the headline (after
    any front matter), the middle lines after the body's middle line, the end lines last;
    written in the document's script."""
    front = FRONT_MATTER.match(text)
    lead, text = (text[: front.end()], text[front.end() :]) if front else ("", text)
    head, _, body = text.partition("\n")
    lines = body.rstrip("\n").split("\n")
    filled = [k for k, line in enumerate(lines) if line.strip()]
    middle = filled[len(filled) // 2] + 1 if filled else 0

    def written(place: str) -> list[str]:
        traditional = detect_script(text) == "traditional"
        return [to_simplified(line, "s2t") if traditional else line for line in furniture.get(place, ())]

    out = [head, *written("top"), *lines[:middle], *written("middle"), *lines[middle:], *written("end")]
    return lead + "\n".join(out) + "\n"


def _typing(name: str, words: ProbeWords) -> Callable[[str], str]:
    return {
        "ascii_marks": lambda t: t.translate(ASCII_MARKS),
        "fullwidth": lambda t: t.translate(FULLWIDTH),
        "wrapped": lambda t: hard_wrap(t, words.wrap_width),
        "spaced": lambda t: blank_every(t, " ", words.spaced_every),
        "zero_width": lambda t: blank_every(t, "\u200b", words.zero_width_every),
        "other_script": lambda t: to_simplified(t, OTHER_SCRIPT[detect_script(t)]),
        "one_line": lambda t: one_line_page(t, words.page_lead),
        "garbage": lambda t: glue_garbage(t, words.garbage),
        "furniture": lambda t: wrap_in_furniture(t, words.furniture),
    }[name]


TYPING = ("ascii_marks", "fullwidth", "wrapped", "spaced", "zero_width", "other_script", "one_line", "garbage", "furniture")


def _unchanged(claims: list[dict]) -> list[Expected]:
    return [Expected(c, c["speaker"], letters(c["text"])) for c in claims]


# --------------------------------------------------------------------------- rewrites at claims


def _unlisted_names(text: str, claims: list[dict], words: ProbeWords, lex: Lexicons) -> Iterator[Rewrite]:
    """Registry people who speak here, each under a name the registry lacks, everywhere in the text."""
    people = [
        c["speaker"]
        for c in claims
        if c.get("speaker_rule") == "registry_name" and lex.entities.get(c["speaker"]) is not None
        and lex.entities[c["speaker"]].type == "person"
    ]
    swaps: dict[str, tuple[str, re.Pattern]] = {}
    n_foreign = n_chinese = 0
    for person in dict.fromkeys(people):
        chinese = len(person) <= 3 and person[0] in lex.surnames
        pool, k = (words.chinese_names, n_chinese) if chinese else (words.foreign_names, n_foreign)
        if not pool:
            continue
        if chinese:
            n_chinese += 1
        else:
            n_foreign += 1
        aliases = sorted({a for a, e in lex.aliases.items() if e == person and len(a) >= 2 and not a.isascii()}, key=len)
        swaps[person] = (pool[k % len(pool)], re.compile("|".join(map(re.escape, reversed(aliases)))))
    if not swaps:
        return

    def swapped(t: str) -> str:
        for name, pattern in swaps.values():
            t = pattern.sub(name, t)
        return t

    expected = [
        Expected(c, swaps[c["speaker"]][0], letters(swapped(simp(c["text"])))) for c in claims if c["speaker"] in swaps
    ]
    yield Rewrite("unlisted_names", "", swapped(to_simplified(text, "t2s")), expected)


def _cue_sites(text: str, claims: list[dict], cues: Iterable[str]) -> list[tuple[int, int, dict]]:
    """(cue start, cue end, claim) of indirect claims whose cue stands alone between the speaker
    and a comma before the content."""
    wanted = set(cues)
    sites = []
    for c in claims:
        cue = simp(c.get("cue") or "")
        if c.get("kind") != "indirect" or cue not in wanted or c.get("speaker_start", -1) < 0:
            continue
        k = text.find(cue, c["speaker_end"], c["start"])
        if k >= 0 and text[k + len(cue) : c["start"]] in CONTENT_COMMAS:
            sites.append((k, k + len(cue), c))
    return sites


def _rewrite_at(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _other_cues(text: str, claims: list[dict], words: ProbeWords, lex: Lexicons) -> Iterator[Rewrite]:
    text = to_simplified(text, "t2s")  # the claims' offsets hold: same length
    sites = _cue_sites(text, claims, words.plain_cues)
    if not sites:
        return
    for cue in words.speech_cues:
        edits = [(s, e, cue) for s, e, _ in sites]
        yield Rewrite("other_cues", cue, _rewrite_at(text, edits), _unchanged([c for _, _, c in sites]))


def _adverbials(text: str, claims: list[dict], words: ProbeWords, lex: Lexicons) -> Iterator[Rewrite]:
    text = to_simplified(text, "t2s")
    sites = {
        c["speaker_end"]: c
        for c in claims
        if c.get("speaker_rule") == "registry_name" and c.get("cue") and text.startswith(simp(c["cue"]), c["speaker_end"])
    }
    if not sites:
        return
    for adverbial in words.adverbials:
        edits = [(pos, pos, adverbial) for pos in sites]
        yield Rewrite("adverbials", adverbial, _rewrite_at(text, edits), _unchanged(list(sites.values())))


# 'X表示，Y。' -> 'Y，X表示。' (content_then_speaker) and '“Y。”X表示。' (quote_then_speaker)
POSTPOSED_FORMS: dict[str, Callable[[str, str], str]] = {
    "content_then_speaker": lambda subject_and_cue, content: f"{content}，{subject_and_cue}。",
    "quote_then_speaker": lambda subject_and_cue, content: f"“{content}。”{subject_and_cue}。",
}


def _postposed(text: str, claims: list[dict], words: ProbeWords, lex: Lexicons) -> Iterator[Rewrite]:
    """'X表示，Y。' as a sentence of its own -> the speaker after what was said."""
    text = to_simplified(text, "t2s")
    sites = []
    for _cue_start, cue_end, c in _cue_sites(text, claims, words.plain_cues):
        sentence_start = max(text.rfind("。", 0, c["speaker_start"]), text.rfind("\n", 0, c["speaker_start"])) + 1
        if text[c["end"] : c["end"] + 1] == "。" and not text[sentence_start : c["speaker_start"]].strip():
            sites.append((c["speaker_start"], c["end"] + 1, text[c["speaker_start"] : cue_end], c))
    if not sites:
        return
    for form, write in POSTPOSED_FORMS.items():
        edits = [(s, e, write(subject, text[c["start"] : c["end"]])) for s, e, subject, c in sites]
        yield Rewrite("postposed", form, _rewrite_at(text, edits), _unchanged([c for *_, c in sites]))


CLAIM_PROBES: dict[str, Callable[[str, list[dict], ProbeWords, Lexicons], Iterator[Rewrite]]] = {
    "unlisted_names": _unlisted_names,
    "other_cues": _other_cues,
    "adverbials": _adverbials,
    "postposed": _postposed,
}
PROBES = (*TYPING, *CLAIM_PROBES)


def rewrites(text: str, claims: list[dict], probes: Iterable[str], words: ProbeWords, lex: Lexicons) -> Iterator[Rewrite]:
    """Every rewrite of one document the probes make, with the claims each must give again."""
    for probe in probes:
        if probe in CLAIM_PROBES:
            yield from CLAIM_PROBES[probe](text, claims, words, lex)
        elif claims:
            yield Rewrite(probe, "", _typing(probe, words)(text), _unchanged(claims))


# --------------------------------------------------------------------------- comparing


def compare(rewrite: Rewrite, found: list[dict], doc_id: str) -> list[dict]:
    """One row per expected claim: kept (same speaker and content), other_speaker, or lost."""
    by_content: dict[str, dict] = {}
    for c in found:
        by_content.setdefault(letters(c["text"]), c)
    rows = []
    for exp in rewrite.expected:
        got = by_content.get(exp.content)
        outcome = "lost" if got is None else "kept" if got["speaker"] == exp.speaker else "other_speaker"
        rows.append(
            {
                "probe": rewrite.probe,
                "variant": rewrite.variant,
                "doc_id": doc_id,
                "start": exp.claim["start"],
                "end": exp.claim["end"],
                "text": exp.claim["text"],
                "rule": exp.claim.get("rule") or "",
                "expected_speaker": exp.speaker,
                "outcome": outcome,
                "found_speaker": "" if got is None else got["speaker"],
                "found_rule": "" if got is None else (got.get("speaker_rule") or ""),
                "stance": exp.claim.get("stance") or "",
                "found_stance": "" if got is None else (got.get("stance") or ""),
            }
        )
    if rewrite.probe in ADDS_TEXT:
        rows.extend(_spurious(rewrite, found, doc_id))
    return rows


def _spurious(rewrite: Rewrite, found: list[dict], doc_id: str) -> list[dict]:
    """Claims of the rewrite that the original does not give: what the added text made up
    (start and end are offsets in the rewrite)."""
    expected = {exp.content for exp in rewrite.expected}
    return [
        {
            "probe": rewrite.probe,
            "variant": rewrite.variant,
            "doc_id": doc_id,
            "start": c["start"],
            "end": c["end"],
            "text": c["text"],
            "rule": "",
            "expected_speaker": "",
            "outcome": "spurious",
            "found_speaker": c["speaker"],
            "found_rule": c.get("speaker_rule") or "",
            "stance": "",
            "found_stance": c.get("stance") or "",
        }
        for c in found
        if letters(c["text"]) not in expected
    ]


def probe_corpus(
    corpus_dir: Path, config: Config, probes: Iterable[str] = PROBES, progress: Callable[[str], None] | None = None
) -> list[dict]:
    """Every probe on every document of the folder: one row per claim the original gives and
    each rewrite must give again (schemas.PROBE)."""
    probes = list(probes)
    unknown = [p for p in probes if p not in PROBES]
    if unknown:
        raise ValueError(f"unknown probe {', '.join(unknown)}: one of {', '.join(PROBES)}")
    models = load_models(config)
    lex = models.lexicons
    words = ProbeWords.load(config.models_dir, lex)
    documents, _rejected = ingest_corpus(Path(corpus_dir), config.ingest, config.models_dir, config.dedup)
    rows: list[dict] = []
    for document in documents:
        if progress is not None:
            progress(document["doc_id"])
        claims = list(analyse(document, models.nlp, models.classifier, config).claims)
        for rewrite in rewrites(document["text"], claims, probes, words, lex):
            variant = {**document, "text": rewrite.text, "script": detect_script(rewrite.text)}
            found = list(analyse(variant, models.nlp, models.classifier, config).claims)
            rows.extend(compare(rewrite, found, document["doc_id"]))
    return rows


def summary(rows: list[dict]) -> list[tuple[str, int, int, int, int, int]]:
    """(probe, compared, kept, other speaker, lost, kept with another stance) per probe, in PROBES order."""
    counts: dict[str, Counter] = {}
    for r in rows:
        c = counts.setdefault(r["probe"], Counter())
        c[r["outcome"]] += 1
        c["stance_changed"] += r["outcome"] == "kept" and r["found_stance"] != r["stance"]
    outcomes = ("kept", "other_speaker", "lost")
    return [
        (p, sum(c[k] for k in outcomes), c["kept"], c["other_speaker"], c["lost"], c["stance_changed"])
        for p in PROBES
        if (c := counts.get(p)) is not None
    ]


def spurious_counts(rows: list[dict]) -> Counter:
    """Claims the rewrite added, per probe (only probes that add text report them)."""
    return Counter(r["probe"] for r in rows if r["outcome"] == "spurious")


def format_summary(rows: list[dict]) -> str:
    columns = ("claims", 7), ("kept", 7), ("other speaker", 14), ("lost", 6), ("kept share", 11), ("stance changed", 15)
    lines = [f"{'probe':16s}" + "".join(f" {name:>{width}s}" for name, width in columns) + f" {'spurious':>9s}"]
    added = spurious_counts(rows)
    for probe, n, kept, other, lost, stance in summary(rows):
        spurious = f"{added[probe]:9d}" if probe in ADDS_TEXT else f"{'':9s}"
        lines.append(f"{probe:16s} {n:7d} {kept:7d} {other:14d} {lost:6d} {kept / n:11.3f} {stance:15d} {spurious}")
    return "\n".join(lines)
