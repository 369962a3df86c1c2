"""The analyst's claim browser, the offline DVC plots page, plot data, and plotting helpers for the notebooks.

:func:`build_report` turns the pipeline's tables into ONE self-contained HTML
page (no network, strict Content-Security-Policy, opens from ``file://``): a
table of every claim with text search in either script, filters, sorting,
paging and CSV/JSON export of the selection; a side panel with all of a
claim's fields (provenance, evidence, reach); and each article with its claims
highlighted, its speaker mentions linked to them. The page's HTML, CSS and JS
are package data in ``pipeline/report_assets/``; this module fills in the data
as JSON blocks. Text is shown in the original script; a toggle swaps in the
Simplified form, which OpenCC's character-level configs give with the same
length, so claim offsets hold in both.

Every piece of text from the corpus is escaped (articles may contain
``<script>``); the JSON blocks have ``<``, ``>`` and ``&`` escaped, and the JS
writes data with ``textContent``; only the article HTML built here (escaped)
goes in through ``innerHTML``.

:func:`write_report` is the I/O entry (``python -m pipeline report``).
:func:`dvc_plots_template` is the page ``dvc plots show`` fills, with the Vega
libraries inline. :func:`configure_cjk_font` and :func:`stance_heatmap` serve
the notebooks and the README's figure.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq

from pipeline.parquet_io import iter_batches, read_schema

if TYPE_CHECKING:  # matplotlib is a dev dependency: imported only where plotted
    from matplotlib.figure import Figure

STANCES = ("favor", "against", "neutral")
# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies),
# always paired with a symbol and an underline style so colour is never the only cue.
STANCE_COLOURS = {"favor": "#0072B2", "against": "#D55E00", "neutral": "#7A7A7A"}
STANCE_SYMBOLS = {"favor": "+", "against": "−", "neutral": "○"}
DEFAULT_MAX_DOCUMENTS: int | None = None  # None: the text of every document
DEFAULT_MAX_ROWS = 2000
PLOT_TOP_SPEAKERS = 15

DOCUMENT_COLUMNS = ["doc_id", "source_path", "title", "url", "date", "script", "n_chars"]
CLAIM_COLUMNS = [
    "claim_id", "doc_id", "start", "end", "text", "text_simplified", "kind", "speaker",
    "speaker_mention", "speaker_start", "speaker_end", "speaker_resolution", "cue", "cue_role",
    "date", "target", "attribution_confidence", "topics", "topic_evidence", "stance",
    "stance_confidence", "stance_evidence",
]  # fmt: skip


# ------------------------------------------------------------------ selecting


def select_documents(documents: list[dict], claim_counts: dict[str, int], max_documents: int) -> list[str]:
    """The doc_ids to show: those with the most claims (the most to read), in corpus order.

    A browser of thousands of articles is unusable and heavy; the page says how
    many were left out and how to show more.
    """
    ranked = sorted(range(len(documents)), key=lambda i: (-claim_counts.get(documents[i]["doc_id"], 0), i))
    keep = set(ranked[: max(0, max_documents)])
    return [d["doc_id"] for i, d in enumerate(documents) if i in keep]


# ------------------------------------------------------------------ text with highlights


def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _zh(original: str, simplified: str) -> str:
    """Escaped text; where the Simplified form differs, a span the script toggle swaps."""
    if original == simplified:
        return _esc(original)
    return f'<span class="zh" data-s="{_esc(simplified)}">{_esc(original)}</span>'


def evidence_words(evidence: Iterable[str] | None) -> list[str]:
    """The literal words of stance evidence (``希望 + 恢复 → favor`` → 希望, 恢复; ``cue:…`` is outside the claim)."""
    words = []
    for item in evidence or []:
        if item.startswith("cue:"):
            continue
        for w in item.split("→")[0].split("+"):
            w = w.strip()
            if w and w not in words:
                words.append(w)
    return words


def _find_all(haystack: str, needle: str) -> Iterable[int]:
    i = haystack.find(needle)
    while i >= 0:
        yield i
        i = haystack.find(needle, i + len(needle))


def render_text(text: str, simplified: str, claims: list[tuple[int, dict]], topic_labels: dict[str, str] | None = None) -> str:
    """A document's text as HTML, with claims, speaker mentions and stance evidence marked.

    ``claims`` are (page-wide index, claim row). The text is cut at every span
    boundary; each piece carries the layers that cover it (claim ⊃ mention ⊃
    evidence) and a layer stays open across pieces while it continues, so a
    claim is one ``<mark>`` unless something crosses its edge. Claims whose
    offsets do not index the text are left unmarked rather than misplaced.
    """
    if len(simplified) != len(text):
        simplified = text  # no 1:1 Simplified form: the toggle leaves this text as is
    n = len(text)
    claim_spans: dict[int, tuple[int, int]] = {}
    mentions: dict[tuple[int, int], list[int]] = defaultdict(list)
    evidence: set[tuple[int, int]] = set()
    by_index: dict[int, dict] = {}
    for idx, c in claims:
        s, e = c["start"], c["end"]
        if not (0 <= s < e <= n) or text[s:e] != c["text"]:
            continue
        by_index[idx] = c
        claim_spans[idx] = (s, e)
        ms, me = c.get("speaker_start"), c.get("speaker_end")
        if ms is not None and me is not None and 0 <= ms < me <= n:
            mentions[(ms, me)].append(idx)
        for w in evidence_words(c.get("stance_evidence")):
            for i in _find_all(simplified[s:e], w):
                evidence.add((s + i, s + i + len(w)))
    cuts = {0, n}
    for s, e in [*claim_spans.values(), *mentions, *evidence]:
        cuts.update((s, e))
    cuts_sorted = sorted(cuts)

    out: list[str] = []
    open_layers: list[tuple] = []
    opened_claims: set[int] = set()

    def open_tag(layer: tuple, start: int) -> str:
        kind, ids = layer[0], layer[1]
        if kind == "claim":
            # the claim that starts latest (then the shortest) is innermost: it styles the piece
            primary = min(ids, key=lambda i: (-claim_spans[i][0], claim_spans[i][1] - claim_spans[i][0], i))
            c = by_index[primary]
            ordered = [primary, *(i for i in ids if i != primary)]  # the page's JS selects the first
            attrs = [f'class="claim st-{_esc(c["stance"])}', f'data-c="{" ".join(map(str, ordered))}"']
            anchors = ""
            if primary not in opened_claims and claim_spans[primary][0] == start:
                opened_claims.add(primary)
                attrs[0] += " first"
                label = f"{c['speaker']} {STANCE_SYMBOLS.get(c['stance'], '')}"
                attrs += [f'id="c{primary}"', 'tabindex="0"', f'data-label="{_esc(label)}"']
            for other in ids:  # another claim starting at the same character still gets its anchor
                if other not in opened_claims and claim_spans[other][0] == start:
                    opened_claims.add(other)
                    anchors += f'<span class="anchor" id="c{other}"></span>'
            attrs[0] += '"'
            return f"<mark {' '.join(attrs)}>{anchors}"
        if kind == "mention":
            c = by_index[ids[0]]
            return f'<a class="mention" href="#c{ids[0]}" data-c="{" ".join(map(str, ids))}">'
        return '<b class="ev">'

    close = {"claim": "</mark>", "mention": "</a>", "ev": "</b>"}
    for a, b in itertools.pairwise(cuts_sorted):
        covering = tuple(sorted(i for i, (s, e) in claim_spans.items() if s <= a and b <= e))
        layers: list[tuple] = []
        if covering:
            layers.append(("claim", covering))
        for (s, e), ids in mentions.items():
            if s <= a and b <= e:
                layers.append(("mention", tuple(ids)))
                break
        if covering and any(s <= a and b <= e for s, e in evidence):
            layers.append(("ev", ()))
        keep = 0
        while keep < min(len(open_layers), len(layers)) and open_layers[keep] == layers[keep]:
            keep += 1
        out.extend(close[layer[0]] for layer in reversed(open_layers[keep:]))
        out.extend(open_tag(layer, a) for layer in layers[keep:])
        open_layers = layers
        out.append(_zh(text[a:b], simplified[a:b]))
    out.extend(close[layer[0]] for layer in reversed(open_layers))
    return "".join(out)


# ------------------------------------------------------------------ the page

ASSETS = "report_assets"  # package data: the page's HTML, CSS and JS, and the Vega libraries
# Claim columns other stages may add: shown when present, tolerated when absent.
OPTIONAL_CLAIM_COLUMNS = ["rule", "speaker_rule", "said_on", "date_source", "outlet", "region", "statement_id"]
OPTIONAL_DOCUMENT_COLUMNS = ["outlet", "region", "duplicate_of"]


@dataclass(frozen=True)
class ReportData:
    """What the page needs; :func:`load_report_data` reads it, tests build it by hand."""

    documents: list[dict]  # every document; ``text`` (and ``text_simplified`` if known) for those whose text is included
    claims: list[dict]  # every claim
    table: list[dict]  # speaker_topic_stance rows
    n_documents: int  # documents in the corpus
    n_claims: int  # claims in the corpus
    speaker_counts: dict[str, int]  # claims per speaker over the corpus
    source: str = ""  # where the tables came from, shown in the header


def _asset(name: str) -> str:
    return (resources.files("pipeline") / ASSETS / name).read_text(encoding="utf-8")


def _lang(script: str | None) -> str:
    return {"traditional": "zh-Hant", "simplified": "zh-Hans"}.get(script or "", "zh")


def _simplify(text: str, script: str | None) -> str:
    """The Simplified form with the text's length (the normalize stage's conversion)."""
    from pipeline.config import NormalizeConfig
    from pipeline.normalize import opencc_config_for, to_simplified

    return to_simplified(text, opencc_config_for(script or "mixed", NormalizeConfig()))


# CJK blocks whose characters a search query may hold: Extension A, Unified Ideographs, Compatibility.
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.lru_cache(maxsize=1)
def traditional_to_simplified_map() -> dict[str, str]:
    """OpenCC's character mapping, for the page's search box: a Traditional query finds Simplified text.

    The page has no OpenCC; it maps a query character by character with this
    table (about 2,700 characters) and looks for both forms.
    """
    from pipeline.config import NormalizeConfig
    from pipeline.normalize import converter, opencc_config_for

    cfg = NormalizeConfig()
    configs = dict.fromkeys(opencc_config_for(s, cfg) for s in ("traditional", "mixed", "unknown"))
    table: dict[str, str] = {}
    for config in configs:
        conv = converter(config)
        for lo, hi in _CJK_RANGES:
            for code in range(lo, hi):
                ch = chr(code)
                out = conv.convert(ch)
                if len(out) == 1 and out != ch:
                    table.setdefault(ch, out)
    return dict(sorted(table.items()))


def _script_json(obj: Any) -> str:
    """JSON safe to inline in a <script> element (no ``</script>``, ``<!--`` or line separators)."""
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for ch, sub in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        raw = raw.replace(ch, sub)
    return raw


def _article_block(pos: int, body: str) -> str:
    """An article's HTML, inert inside a script element until the page opens it.

    Stored raw (JSON would spell each ``<`` of the markup in six bytes): the corpus
    text in it is escaped, so the only ``<`` are our own tags and nothing can end the
    element early. JSON with everything escaped is the fallback should that ever fail.
    """
    lowered = body.lower()
    if "<script" in lowered or "</script" in lowered or "<!--" in lowered:
        return f'<script type="application/json" id="doc-{pos}">{_script_json(body)}</script>'
    return f'<script type="text/html" id="doc-{pos}">{body}</script>'


def _day(value: Any) -> str:
    """A date as ``YYYY-MM-DD`` text (parquet gives dates, datetimes or strings)."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if not isinstance(value, str) else value
    return str(value)


def statement_reach(claims: list[dict]) -> dict[str, int]:
    """Documents per ``statement_id``: how far one statement travelled (the same words in several reports)."""
    docs: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.get("statement_id"):
            docs[c["statement_id"]].add(c["doc_id"])
    return {sid: len(d) for sid, d in docs.items()}


CLAIM_KEYS = [
    "id", "doc", "start", "end", "text", "text_s", "speaker", "mention", "resolution", "cue", "cue_role", "kind",
    "date", "date_source", "target", "conf", "topics", "topic_ev", "stance", "stance_conf", "stance_ev", "rule",
    "speaker_rule", "outlet", "region", "statement_id", "reach",
]  # fmt: skip


def _claim_row(c: dict, doc: dict, pos: int, reach: dict[str, int]) -> list:
    """One claim for the page, in the order of :data:`CLAIM_KEYS` (columnar: the keys are written once)."""
    text_s = c.get("text_simplified") or c["text"]
    sid = c.get("statement_id") or ""
    return [
        c["claim_id"], pos, c["start"], c["end"], c["text"], None if text_s == c["text"] else text_s, c["speaker"],
        c.get("speaker_mention") or "", c.get("speaker_resolution") or "", c.get("cue") or "", c.get("cue_role") or "",
        c.get("kind") or "", _day(c.get("said_on") or c.get("date") or doc.get("date")), c.get("date_source") or "",
        c.get("target") or "", round(float(c.get("attribution_confidence") or 0), 2), list(c.get("topics") or []),
        list(c.get("topic_evidence") or []), c.get("stance") or "neutral", round(float(c.get("stance_confidence") or 0), 2),
        list(c.get("stance_evidence") or []), c.get("rule") or "", c.get("speaker_rule") or "",
        c.get("outlet") or doc.get("outlet") or "", c.get("region") or doc.get("region") or "", sid, reach.get(sid, 0),
    ]  # fmt: skip


def build_report(
    data: ReportData,
    *,
    title: str = "Claim browser",
    topic_labels: dict[str, str] | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> str:
    """The whole page as one HTML string (pure: same data, same bytes).

    ``topic_labels`` maps topic ids to the labels shown (Chinese); an id without
    a label is shown as is. Every claim is in the table; the text of a document
    is included when ``data.documents`` carries it, as a JSON block the page
    parses only when the article is opened (the page stays quick with 10,000
    claims).
    """
    labels = dict(topic_labels or {})
    doc_pos = {d["doc_id"]: i for i, d in enumerate(data.documents)}
    claims = sorted(
        (c for c in data.claims if c["doc_id"] in doc_pos),
        key=lambda c: (doc_pos[c["doc_id"]], c["start"], c["end"], c["claim_id"]),
    )
    per_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for i, c in enumerate(claims):
        per_doc[c["doc_id"]].append((i, c))
    reach = statement_reach(claims)
    present = {k for c in claims for k in c if k in OPTIONAL_CLAIM_COLUMNS}
    present |= {k for d in data.documents for k in d if k in OPTIONAL_DOCUMENT_COLUMNS}

    docs_json, doc_blocks = [], []
    for pos, d in enumerate(data.documents):
        text = d.get("text")
        label = d.get("title") or d.get("source_path") or d["doc_id"]
        url = d.get("url") or ""
        docs_json.append({
            "id": d["doc_id"], "title": label, "title_s": _simplify(label, d.get("script")), "date": _day(d.get("date")),
            "path": d.get("source_path") or "", "url": url if url.startswith(("http://", "https://")) else "",
            "script": d.get("script") or "", "lang": _lang(d.get("script")), "outlet": d.get("outlet") or "",
            "region": d.get("region") or "", "duplicate_of": d.get("duplicate_of") or "",
            "n_claims": len(per_doc[d["doc_id"]]), "has_text": text is not None,
        })  # fmt: skip
        if text is not None:
            simplified = d.get("text_simplified") or _simplify(text, d.get("script"))
            body = render_text(text, simplified, per_doc[d["doc_id"]])
            doc_blocks.append(_article_block(pos, body))

    rows = [_claim_row(c, data.documents[doc_pos[c["doc_id"]]], doc_pos[c["doc_id"]], reach) for c in claims]
    table = sorted(data.table, key=lambda r: (-r["n_claims"], r["speaker"], r["topic"]))
    summary_keys = ("speaker", "topic", "n_claims", "n_favor", "n_against", "n_neutral", "n_documents")
    summary = [
        {**{k: r[k] for k in summary_keys}, "net_stance": round(float(r["net_stance"]), 4),
         "first_date": _day(r.get("first_date")), "last_date": _day(r.get("last_date"))}
        for r in table[:max_rows]
    ]  # fmt: skip
    meta = {
        "columns": sorted(present),
        "topic_labels": {t: labels[t] for t in sorted(labels)},
        "t2s": traditional_to_simplified_map(),
        "summary": summary,
    }
    notes = []
    n_text = sum(1 for d in data.documents if d.get("text") is not None)
    if n_text < data.n_documents:
        notes.append(
            f"The text of {n_text} of {data.n_documents} documents is included (those with the most claims); every "
            "claim is in the table. Raise <code>--max-documents</code> to include more."
        )
    if len(table) > max_rows:
        notes.append(f"The speaker × topic table shows the {max_rows} largest of {len(table)} rows.")
    speakers = len(data.speaker_counts) or len({c["speaker"] for c in claims})
    stats = f"{data.n_documents} documents · {data.n_claims} claims · {speakers} speakers · {len(data.table)} speaker–topic rows"
    if data.source:
        stats += f" · from <code>{_esc(data.source)}</code>"
    blocks = [
        f'<script type="application/json" id="meta">{_script_json(meta)}</script>',
        f'<script type="application/json" id="docs-data">{_script_json(docs_json)}</script>',
        f'<script type="application/json" id="claims-data">{_script_json({"keys": CLAIM_KEYS, "rows": rows})}</script>',
        *doc_blocks,
    ]
    page = _asset("page.html")
    # JS and data last: no placeholder can appear inside what was substituted before it
    for key, value in (
        ("@@TITLE@@", _esc(title)), ("@@STATS@@", stats), ("@@CSS@@", _asset("browser.css")),
        ("@@NOTES@@", "".join(f'<p class="note">{n}</p>' for n in notes)),
        ("@@DATA@@", "\n".join(blocks)), ("@@JS@@", _asset("browser.js")),
    ):  # fmt: skip
        page = page.replace(key, value)
    return page


def dvc_plots_template() -> str:
    """The HTML template for ``dvc plots show`` with Vega, Vega-Lite and Vega-Embed inline (no CDN: works offline)."""
    libs = "\n".join(
        f"<script>{_asset('vega/' + name)}</script>" for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
    )
    return _asset("dvc_plots.html").replace("@@VEGA_SCRIPTS@@", libs)


# ------------------------------------------------------------------ DVC plot data


def plot_data(
    claims: list[dict], table: list[dict], top_speakers: int = PLOT_TOP_SPEAKERS, topic_labels: dict[str, str] | None = None
) -> dict[str, list[dict]]:
    """Stance counts by topic and by speaker, one record per bar, for ``dvc plots``.

    By topic sums the speaker–topic table (a claim counts for each of its
    topics, as there); by speaker counts claims once, for the most cited speakers.
    Topics are named by ``topic_labels`` where it has them (the plots' axis labels).
    """
    labels = topic_labels or {}

    def record(key: str, name: str, counts: Counter[str]) -> dict:
        n = sum(counts.values())
        net = (counts["favor"] - counts["against"]) / n if n else 0.0
        return {key: name, "claims": n, **{s: counts[s] for s in STANCES}, "net_stance": round(net, 4)}

    by_topic: dict[str, Counter[str]] = defaultdict(Counter)
    for r in table:
        for s in STANCES:
            by_topic[r["topic"]][s] += int(r[f"n_{s}"])
    by_speaker: dict[str, Counter[str]] = defaultdict(Counter)
    for c in claims:
        by_speaker[c["speaker"]][c["stance"]] += 1
    topics = sorted(by_topic, key=lambda t: (-sum(by_topic[t].values()), t))
    speakers = sorted(by_speaker, key=lambda s: (-sum(by_speaker[s].values()), s))[:top_speakers]
    return {
        "stance_by_topic": [record("topic", labels.get(t, t), by_topic[t]) for t in topics],
        "stance_by_speaker": [record("speaker", s, by_speaker[s]) for s in speakers],
    }


# ------------------------------------------------------------------ I/O entry


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the page is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _present(path: Path, wanted: list[str]) -> list[str]:
    """The wanted columns the file has (columns other stages add may be missing)."""
    names = set(read_schema(path).names)
    return [c for c in wanted if c in names]


def load_report_data(data_dir: Path, max_documents: int | None = DEFAULT_MAX_DOCUMENTS) -> ReportData:
    """Read the tables under ``data_dir``: every document's metadata and every claim, and the text
    of all documents, or of the ``max_documents`` with the most claims."""
    docs_path, claims_path = data_dir / "documents.parquet", data_dir / "claims.parquet"
    documents = pq.read_table(docs_path, columns=_present(docs_path, DOCUMENT_COLUMNS + OPTIONAL_DOCUMENT_COLUMNS))
    documents = documents.to_pylist()
    claims = pq.read_table(claims_path, columns=_present(claims_path, CLAIM_COLUMNS + OPTIONAL_CLAIM_COLUMNS)).to_pylist()
    per_doc = Counter(c["doc_id"] for c in claims)
    if max_documents is None:
        shown = [d["doc_id"] for d in documents]
    else:
        shown = select_documents(documents, per_doc, max_documents)
    texts: dict[str, str] = {}
    if shown:
        for batch in iter_batches(docs_path, columns=["doc_id", "text"]):
            keep = set(shown)
            texts.update((r["doc_id"], r["text"] or "") for r in batch.to_pylist() if r["doc_id"] in keep)
    docs = [{**d, "text": texts.get(d["doc_id"])} for d in documents]
    return ReportData(
        documents=docs,
        claims=claims,
        table=pq.read_table(data_dir / "speaker_topic_stance.parquet").to_pylist(),
        n_documents=len(documents),
        n_claims=len(claims),
        speaker_counts=dict(Counter(c["speaker"] for c in claims)),
        source=str(data_dir),
    )


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    n_documents_with_text: int
    n_documents: int
    n_claims: int
    n_rows: int
    n_bytes: int

    def text(self) -> str:
        return (
            f"report: {self.path} ({self.n_claims} claims, text of {self.n_documents_with_text} of "
            f"{self.n_documents} documents, {self.n_rows} speaker–topic rows, {self.n_bytes / 1e6:.1f} MB)"
        )


def write_report(
    data_dir: Path,
    out: Path,
    plots_dir: Path | None = None,
    max_documents: int | None = DEFAULT_MAX_DOCUMENTS,
    title: str = "Claim browser",
    topic_labels: dict[str, str] | None = None,
    dvc_template: Path | None = None,
) -> ReportSummary:
    """Read the tables, write the page (and the plot data and the offline DVC plots template), atomically."""
    data = load_report_data(data_dir, max_documents)
    page = build_report(data, title=title, topic_labels=topic_labels)
    _atomic_write(out, page)
    if plots_dir is not None:
        for name, records in plot_data(data.claims, data.table, topic_labels=topic_labels).items():
            _atomic_write(plots_dir / f"{name}.json", json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    if dvc_template is not None:
        _atomic_write(dvc_template, dvc_plots_template())
    n_text = sum(1 for d in data.documents if d.get("text") is not None)
    return ReportSummary(out, n_text, data.n_documents, data.n_claims, len(data.table), len(page.encode("utf-8")))


# ------------------------------------------------------------------ notebooks: fonts and figures

# Families that cover Chinese, preferred first; Simplified-first since the canonical
# speaker ids are Simplified.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans CJK TC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "SimHei", "Noto Sans CJK JP", "AR PL UMing CN",
)  # fmt: skip


def _bundled_cjk_fonts() -> list[Path]:
    """Noto Sans CJK (SIL Open Font License) as shipped by the ``cvttf-notosanscjk-regular``
    dev dependency: a font file in a wheel, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec("cvttf_NotoSansCJK_Regular")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sorted(folder.glob("NotoSansCJK*.otf"))


def configure_cjk_font() -> str:
    """Make matplotlib draw Chinese: put an installed CJK family first in ``font.sans-serif``.

    Without this, speaker names render as empty boxes ("tofu"). System fonts
    come first (Debian: ``apt-get install fonts-noto-cjk``), then the Noto Sans CJK
    font of the ``cvttf-notosanscjk-regular`` package (a dev dependency). Returns the family; raises if there is none, since
    silent tofu is worse than an error.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    family = next((f for f in CJK_FAMILIES if f in installed), None)
    if family is None:
        for path in _bundled_cjk_fonts():
            font_manager.fontManager.addfont(str(path))
            family = font_manager.FontProperties(fname=str(path)).get_name()
            break
    if family is None:
        raise RuntimeError(
            "no CJK font for matplotlib: `apt-get install fonts-noto-cjk` or `pip install cvttf-notosanscjk-regular` "
            "(both in the project's CI and dev extras)"
        )
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family, *(f for f in mpl.rcParams["font.sans-serif"] if f != family)]
    return family


def stance_heatmap(table: Any, top_speakers: int = 12, top_topics: int = 12, ax: Any = None) -> Figure:
    """Speakers × topics, coloured by net stance, each cell labelled with its claim count.

    ``table`` is speaker_topic_stance (a pandas DataFrame). Blue is favor and
    orange against, as in the claim browser; empty cells mean no claim.
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    speakers = table.groupby("speaker")["n_claims"].sum().sort_values(ascending=False).head(top_speakers).index
    topics = table.groupby("topic")["n_claims"].sum().sort_values(ascending=False).head(top_topics).index
    sub = table[table["speaker"].isin(speakers) & table["topic"].isin(topics)]
    net = sub.pivot(index="speaker", columns="topic", values="net_stance").reindex(index=speakers, columns=topics)
    count = sub.pivot(index="speaker", columns="topic", values="n_claims").reindex(index=speakers, columns=topics)
    cmap = LinearSegmentedColormap.from_list(
        "stance", [STANCE_COLOURS["against"], "#f4f4f4", STANCE_COLOURS["favor"]]
    ).with_extremes(bad="white")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 0.75 * len(topics), 1.2 + 0.45 * len(speakers)), layout="constrained")
    values = np.ma.masked_invalid(net.to_numpy(dtype=float))
    im = ax.imshow(values, cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(len(topics)), [t.replace("_", " ") for t in topics], rotation=40, ha="right")
    ax.set_yticks(range(len(speakers)), list(speakers))
    ax.set_xticks(np.arange(-0.5, len(topics)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(speakers)), minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    for (i, j), n in np.ndenumerate(count.to_numpy(dtype=float)):
        if not np.isnan(n):
            strong = abs(values[i, j]) > 0.6
            ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize=8, color="white" if strong else "#222222")
    ax.set_title("Net stance by speaker and topic (cell: number of claims)")
    cbar = ax.figure.colorbar(im, ax=ax, shrink=0.8, ticks=[-1, 0, 1])
    cbar.ax.set_yticklabels(["−1 against", "0", "+1 favor"])
    return ax.figure
