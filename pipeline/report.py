"""The analyst's claim browser, DVC plot data, and plotting helpers for the notebooks.

:func:`build_report` turns the pipeline's tables into ONE self-contained HTML
page (inline CSS and JS, no network, works from ``file://``): the
speaker–topic–stance table, sortable and filterable, and each document's text
with every claim highlighted, its speaker mention linked to it and the
speaker / topic / stance / evidence of each claim in a tooltip and a side
panel. Text is shown in the original script; a toggle swaps in the Simplified
form, which OpenCC's character-level configs give with the same length, so
claim offsets hold in both.

Every piece of text from the corpus is escaped (articles may contain
``<script>``); the claim data the page's JS reads is JSON with ``<``, ``>``
and ``&`` escaped, and the JS writes it with ``textContent`` only.

:func:`write_report` is the I/O entry (``python -m pipeline report``): it reads
only what the page shows, so a large corpus costs the capped documents, not
all of them. :func:`configure_cjk_font` and :func:`stance_heatmap` serve the
notebooks and the README's figure.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq

if TYPE_CHECKING:  # matplotlib is a dev dependency: imported only where plotted
    from matplotlib.figure import Figure

STANCES = ("favor", "against", "neutral")
# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies),
# always paired with a symbol and an underline style so colour is never the only cue.
STANCE_COLOURS = {"favor": "#0072B2", "against": "#D55E00", "neutral": "#7A7A7A"}
STANCE_SYMBOLS = {"favor": "+", "against": "−", "neutral": "○"}
DEFAULT_MAX_DOCUMENTS = 50
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


def _tooltip(c: dict) -> str:
    lines = [f"{c['speaker']} · {c['stance']} ({c.get('stance_confidence') or 0:.2f})"]
    if c.get("topics"):
        lines.append("topics: " + ", ".join(c["topics"]))
    if c.get("stance_evidence"):
        lines.append("evidence: " + "; ".join(c["stance_evidence"]))
    mention = c.get("speaker_mention") or "(implicit)"
    lines.append(f"mention: {mention} ({c.get('speaker_resolution') or '?'}) · cue: {c.get('cue') or '(none)'}")
    return "\n".join(lines)


def render_text(text: str, simplified: str, claims: list[tuple[int, dict]]) -> str:
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
            attrs.append(f'title="{_esc(_tooltip(c))}"')
            return f"<mark {' '.join(attrs)}>{anchors}"
        if kind == "mention":
            c = by_index[ids[0]]
            n_claims = f"{len(ids)} claims" if len(ids) > 1 else "its claim"
            title = f"speaker {c['speaker']} ({c.get('speaker_resolution') or '?'}): go to {n_claims}"
            return f'<a class="mention" href="#c{ids[0]}" data-c="{" ".join(map(str, ids))}" title="{_esc(title)}">'
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


@dataclass(frozen=True)
class ReportData:
    """What the page needs; :func:`load_report_data` reads it, tests build it by hand."""

    documents: list[dict]  # the documents to show, with ``text`` (and ``text_simplified`` if known)
    claims: list[dict]  # the claims of those documents
    table: list[dict]  # speaker_topic_stance rows
    n_documents: int  # documents in the corpus
    n_claims: int  # claims in the corpus
    speaker_counts: dict[str, int]  # claims per speaker over the corpus
    source: str = ""  # where the tables came from, shown in the header


def _lang(script: str | None) -> str:
    return {"traditional": "zh-Hant", "simplified": "zh-Hans"}.get(script or "", "zh")


def _simplify(text: str, script: str | None) -> str:
    """The Simplified form with the text's length (the normalize stage's conversion)."""
    from pipeline.config import NormalizeConfig
    from pipeline.normalize import opencc_config_for, to_simplified

    return to_simplified(text, opencc_config_for(script or "mixed", NormalizeConfig()))


def _stance_bar(n_favor: int, n_against: int, n_neutral: int) -> str:
    total = max(1, n_favor + n_against + n_neutral)
    parts = []
    for stance, k in (("favor", n_favor), ("neutral", n_neutral), ("against", n_against)):
        if k:
            parts.append(f'<span class="seg st-{stance}" style="width:{100 * k / total:.1f}%"></span>')
    return f'<span class="mix" aria-hidden="true">{"".join(parts)}</span>'


def _table_html(table: list[dict], claim_index: dict[str, int], claim_text: dict[str, str], max_rows: int) -> str:
    head = [
        ("speaker", "text", "Speaker"), ("topic", "text", "Topic"), ("n_claims", "num", "Claims"),
        ("n_favor", "num", "Favor"), ("n_against", "num", "Against"), ("n_neutral", "num", "Neutral"),
        ("net_stance", "num", "Net stance"), ("n_documents", "num", "Docs"),
        ("first_date", "text", "First"), ("last_date", "text", "Last"), ("examples", "none", "Examples"),
    ]  # fmt: skip
    ths = []
    for key, kind, label in head:
        if kind == "none":
            ths.append(f'<th scope="col">{label}</th>')
        else:
            ths.append(f'<th scope="col" data-key="{key}" data-type="{kind}"><button type="button">{label}</button></th>')
    rows = []
    for r in table[:max_rows]:
        net = float(r["net_stance"])
        examples = []
        for k, cid in enumerate(r.get("example_claim_ids") or [], 1):
            tip = _esc(claim_text.get(cid, cid))
            if cid in claim_index:
                examples.append(f'<a href="#c{claim_index[cid]}" title="{tip}">{k}</a>')
            else:
                examples.append(f'<span class="off" title="{tip} (document not shown)">{k}</span>')
        net_class = "favor" if net > 0 else "against" if net < 0 else "neutral"
        rows.append(
            f'<tr data-speaker="{_esc(r["speaker"])}" data-topic="{_esc(r["topic"])}">'
            f'<td data-v="{_esc(r["speaker"])}">{_esc(r["speaker"])}</td>'
            f'<td data-v="{_esc(r["topic"])}">{_esc(r["topic"])}</td>'
            f'<td data-v="{r["n_claims"]}">{r["n_claims"]}</td>'
            f'<td data-v="{r["n_favor"]}">{r["n_favor"]}</td>'
            f'<td data-v="{r["n_against"]}">{r["n_against"]}</td>'
            f'<td data-v="{r["n_neutral"]}">{r["n_neutral"]}</td>'
            f'<td data-v="{net:.4f}" class="net net-{net_class}">'
            f"{_stance_bar(r['n_favor'], r['n_against'], r['n_neutral'])}<span>{net:+.2f}</span></td>"
            f'<td data-v="{r["n_documents"]}">{r["n_documents"]}</td>'
            f'<td data-v="{_esc(r.get("first_date") or "")}">{_esc(r.get("first_date") or "—")}</td>'
            f'<td data-v="{_esc(r.get("last_date") or "")}">{_esc(r.get("last_date") or "—")}</td>'
            f'<td class="ex">{" ".join(examples)}</td></tr>'
        )
    return f'<table id="stt"><thead><tr>{"".join(ths)}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _claims_json(claims: list[tuple[int, dict]], doc_pos: dict[str, int]) -> str:
    """Claim details for the side panel, safe to inline in a <script> element."""
    data = [
        {
            "id": c["claim_id"], "doc": doc_pos[c["doc_id"]], "speaker": c["speaker"],
            "mention": c.get("speaker_mention") or "", "resolution": c.get("speaker_resolution") or "",
            "cue": c.get("cue") or "", "cue_role": c.get("cue_role") or "", "kind": c.get("kind") or "",
            "topics": list(c.get("topics") or []), "topic_ev": list(c.get("topic_evidence") or []),
            "stance": c["stance"], "stance_conf": round(float(c.get("stance_confidence") or 0), 2),
            "stance_ev": list(c.get("stance_evidence") or []), "text": c["text"],
            "text_s": c.get("text_simplified") or c["text"], "target": c.get("target") or "",
            "date": c.get("date") or "", "conf": round(float(c.get("attribution_confidence") or 0), 2),
        }
        for _, c in claims
    ]  # fmt: skip
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, sub in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        raw = raw.replace(ch, sub)
    return raw


def _options(values: list[tuple[str, int]], all_label: str) -> str:
    opts = [f'<option value="">{all_label}</option>']
    opts += [f'<option value="{_esc(v)}">{_esc(v)} ({k})</option>' for v, k in values]
    return "".join(opts)


def build_report(data: ReportData, *, title: str = "Claim browser", max_rows: int = DEFAULT_MAX_ROWS) -> str:
    """The whole page as one HTML string (pure: same data, same bytes)."""
    doc_pos = {d["doc_id"]: i for i, d in enumerate(data.documents)}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for c in data.claims:
        if c["doc_id"] in doc_pos:
            by_doc[c["doc_id"]].append(c)
    indexed: list[tuple[int, dict]] = []
    for d in data.documents:
        for c in sorted(by_doc[d["doc_id"]], key=lambda c: (c["start"], c["end"])):
            indexed.append((len(indexed), c))
    claim_index = {c["claim_id"]: i for i, c in indexed}
    claim_text = {c["claim_id"]: c["text"] for _, c in indexed}

    doc_nav, doc_articles = [], []
    per_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for i, c in indexed:
        per_doc[c["doc_id"]].append((i, c))
    for pos, d in enumerate(data.documents):
        text = d.get("text") or ""
        simplified = d.get("text_simplified") or _simplify(text, d.get("script"))
        label = d.get("title") or d.get("source_path") or d["doc_id"]
        label_s = _simplify(label, d.get("script"))
        n = len(per_doc[d["doc_id"]])
        doc_nav.append(
            f'<li><a href="#d{pos}" data-doc="{pos}" lang="{_lang(d.get("script"))}" data-lang="{_lang(d.get("script"))}">'
            f'<span class="t">{_zh(label, label_s)}</span> <span class="n" title="claims">{n}</span></a></li>'
        )
        meta = [f"<span>{_esc(d.get('date') or 'no date')}</span>", f"<span>{_esc(d.get('source_path') or d['doc_id'])}</span>"]
        meta.append(f"<span>{_esc(d.get('script') or '')}</span>")
        url = d.get("url") or ""
        if url.startswith(("http://", "https://")):  # never javascript: or data: links
            meta.append(f'<a href="{_esc(url)}" rel="noopener noreferrer">source</a>')
        lang = _lang(d.get("script"))
        doc_articles.append(
            f'<article class="doc" id="d{pos}" data-doc="{pos}">'
            f'<h3 lang="{lang}" data-lang="{lang}">{_zh(label, label_s)}</h3>'
            f'<p class="meta">{" · ".join(meta)} · {n} claims</p>'
            f'<div class="doc-text" lang="{lang}" data-lang="{lang}">{render_text(text, simplified, per_doc[d["doc_id"]])}</div>'
            "</article>"
        )

    speakers = sorted(data.speaker_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    topic_counts: Counter[str] = Counter()
    for r in data.table:
        topic_counts[r["topic"]] += int(r["n_claims"])
    topics = sorted(topic_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    table_rows = sorted(data.table, key=lambda r: (-r["n_claims"], r["speaker"], r["topic"]))
    notes = []
    if len(data.documents) < data.n_documents:
        notes.append(
            f"Showing {len(data.documents)} of {data.n_documents} documents (those with the most claims); "
            "raise <code>--max-documents</code> to show more."
        )
    if len(table_rows) > max_rows:
        notes.append(f"The table shows the {max_rows} largest of {len(table_rows)} speaker–topic rows.")
    legend = (
        "".join(f'<span class="claim st-{s} legend-item">{STANCE_SYMBOLS[s]} {s}</span>' for s in STANCES)
        + '<span class="mention legend-item">speaker mention</span><span class="legend-item"><b class="ev">evidence</b></span>'
    )
    stats = (
        f"{data.n_documents} documents · {data.n_claims} claims · {len(speakers)} speakers · {len(data.table)} speaker–topic rows"
    )
    source = f" · from <code>{_esc(data.source)}</code>" if data.source else ""
    return _PAGE.format(
        title=_esc(title),
        stats=stats,
        source=source,
        notes="".join(f'<p class="note">{n}</p>' for n in notes),
        legend=legend,
        speaker_options=_options(speakers, "all speakers"),
        topic_options=_options(topics, "all topics"),
        table=_table_html(table_rows, claim_index, claim_text, max_rows),
        n_rows=min(len(table_rows), max_rows),
        doc_nav="".join(doc_nav),
        docs="".join(doc_articles) or '<p class="note">No document to show.</p>',
        claims_json=_claims_json(indexed, doc_pos),
        css=_CSS,
        js=_JS,
    )


# ------------------------------------------------------------------ DVC plot data


def plot_data(claims: list[dict], table: list[dict], top_speakers: int = PLOT_TOP_SPEAKERS) -> dict[str, list[dict]]:
    """Stance counts by topic and by speaker, one record per bar, for ``dvc plots``.

    By topic sums the speaker–topic table (a claim counts for each of its
    topics, as there); by speaker counts claims once, for the most cited speakers.
    """

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
        "stance_by_topic": [record("topic", t, by_topic[t]) for t in topics],
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


def load_report_data(data_dir: Path, max_documents: int = DEFAULT_MAX_DOCUMENTS) -> ReportData:
    """Read the tables under ``data_dir``, with text only for the documents shown."""
    docs_path, claims_path = data_dir / "documents.parquet", data_dir / "claims.parquet"
    documents = pq.read_table(docs_path, columns=DOCUMENT_COLUMNS).to_pylist()
    light = pq.read_table(claims_path, columns=["doc_id", "speaker"]).to_pylist()
    per_doc = Counter(c["doc_id"] for c in light)
    shown = select_documents(documents, per_doc, max_documents)
    texts: dict[str, str] = {}
    if shown:
        texts = {
            r["doc_id"]: r["text"]
            for r in pq.read_table(docs_path, columns=["doc_id", "text"], filters=[("doc_id", "in", shown)]).to_pylist()
        }
        claims = pq.read_table(claims_path, columns=CLAIM_COLUMNS, filters=[("doc_id", "in", shown)]).to_pylist()
    else:
        claims = []
    keep = set(shown)
    docs = [{**d, "text": texts.get(d["doc_id"], "")} for d in documents if d["doc_id"] in keep]
    return ReportData(
        documents=docs,
        claims=claims,
        table=pq.read_table(data_dir / "speaker_topic_stance.parquet").to_pylist(),
        n_documents=len(documents),
        n_claims=len(light),
        speaker_counts=dict(Counter(c["speaker"] for c in light)),
        source=str(data_dir),
    )


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    n_documents_shown: int
    n_documents: int
    n_claims_shown: int
    n_rows: int

    def text(self) -> str:
        return (
            f"report: {self.path} ({self.n_documents_shown} of {self.n_documents} documents, "
            f"{self.n_claims_shown} claims highlighted, {self.n_rows} speaker–topic rows)"
        )


def write_report(
    data_dir: Path,
    out: Path,
    plots_dir: Path | None = None,
    max_documents: int = DEFAULT_MAX_DOCUMENTS,
    title: str = "Claim browser",
) -> ReportSummary:
    """Read the tables, write the page (and the plot data), atomically."""
    data = load_report_data(data_dir, max_documents)
    _atomic_write(out, build_report(data, title=title))
    if plots_dir is not None:
        claims = pq.read_table(data_dir / "claims.parquet", columns=["speaker", "stance"]).to_pylist()
        for name, records in plot_data(claims, data.table).items():
            _atomic_write(plots_dir / f"{name}.json", json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    return ReportSummary(out, len(data.documents), data.n_documents, len(data.claims), len(data.table))


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


# ------------------------------------------------------------------ page template

_CSS = """
:root { --favor:#0072B2; --against:#D55E00; --neutral:#7A7A7A;
  --favor-bg:#dcebf7; --against-bg:#fbe3d3; --neutral-bg:#ececec; --ink:#1b1b1b; --muted:#5f6368; --line:#d9d9d9; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; color: var(--ink); background: #fbfbfa; font: 14px/1.55 system-ui, -apple-system, "Segoe UI",
  "Noto Sans CJK SC", "Noto Sans CJK TC", "PingFang SC", "Microsoft YaHei", sans-serif; }
header { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; align-items: center; padding: .7rem 1.2rem;
  background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 3; }
h1 { font-size: 1.25rem; margin: 0; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
.stats, .meta, .note, .count { color: var(--muted); }
.note { margin: .2rem 1.2rem; }
.legend { display: flex; gap: .6rem; flex-wrap: wrap; align-items: center; }
.legend-item { padding: 0 .35rem; font-size: .85rem; }
button { font: inherit; cursor: pointer; }
#script-toggle { border: 1px solid #888; background: #fff; border-radius: 4px; padding: .2rem .7rem; }
#script-toggle[aria-pressed="true"] { background: #222; color: #fff; }
section { padding: .8rem 1.2rem; }
.filters { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-bottom: .4rem; }
select { font: inherit; padding: .1rem .3rem; }
.table-wrap { max-height: 30vh; overflow: auto; border: 1px solid var(--line); background: #fff; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th { position: sticky; top: 0; background: #f1f1ef; text-align: left; z-index: 1; border-bottom: 1px solid var(--line); }
th button { border: 0; background: none; padding: .3rem .5rem; font-weight: 600; width: 100%; text-align: left; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
th:not([data-key]) { padding: .3rem .5rem; }
td { padding: .2rem .5rem; border-bottom: 1px solid #eee; white-space: nowrap; }
tbody tr:hover { background: #f6f8fb; }
td.net { display: flex; gap: .4rem; align-items: center; }
.net-favor span:last-child { color: var(--favor); font-weight: 600; }
.net-against span:last-child { color: var(--against); font-weight: 600; }
.mix { display: inline-flex; width: 70px; height: 10px; background: #f3f3f3; border: 1px solid #ccc; }
.mix .seg.st-favor { background: var(--favor); } .mix .seg.st-against { background: var(--against); }
.mix .seg.st-neutral { background: #bdbdbd; }
.ex a, .ex .off { display: inline-block; min-width: 1.3em; text-align: center; }
.ex .off { color: #aaa; }
.docs { display: grid; grid-template-columns: 230px minmax(0, 1fr) 330px; gap: 1rem; align-items: start; }
#doc-list { list-style: none; margin: 0; padding: 0; max-height: 80vh; overflow: auto; position: sticky; top: 4.5rem; }
#doc-list a { display: flex; justify-content: space-between; gap: .4rem; padding: .3rem .4rem; color: var(--ink);
  text-decoration: none; border-left: 3px solid transparent; }
#doc-list a .t { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#doc-list a[aria-current="true"] { border-left-color: var(--ink); background: #efefed; font-weight: 600; }
#doc-list .n { color: var(--muted); font-variant-numeric: tabular-nums; }
.doc, mark.claim, #docs-section { scroll-margin-top: 6rem; }
.doc { background: #fff; border: 1px solid var(--line); padding: .8rem 1.1rem; }
.doc h3 { margin: 0 0 .2rem; font-size: 1.1rem; }
.doc-nav { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; }
.doc-text { white-space: pre-wrap; font-size: 16px; line-height: 2.1; overflow-wrap: anywhere; }
mark.claim { color: inherit; padding: 1px 0; cursor: pointer; }
.st-favor.claim, .legend-item.st-favor { background: var(--favor-bg); border-bottom: 3px solid var(--favor); }
.st-against.claim, .legend-item.st-against { background: var(--against-bg); border-bottom: 3px dashed var(--against); }
.st-neutral.claim, .legend-item.st-neutral { background: var(--neutral-bg); border-bottom: 3px dotted var(--neutral); }
mark.claim.first::before { content: attr(data-label); font-size: 11px; line-height: 1; font-weight: 600; color: #fff;
  padding: 2px 4px; margin-right: 3px; border-radius: 3px; vertical-align: 2px; }
mark.st-favor.first::before { background: var(--favor); }
mark.st-against.first::before { background: var(--against); }
mark.st-neutral.first::before { background: #666; }
mark.claim.dim { background: none; border-bottom-color: #ddd; }
mark.claim.dim::before { background: #bbb; }
mark.claim.dim b.ev { font-weight: inherit; text-decoration: none; }
mark.claim.selected { outline: 2px solid var(--ink); outline-offset: 1px; }
mark.claim:focus-visible { outline: 3px solid #6a3d9a; }
a.mention, .legend-item.mention { color: #4b2a85; font-weight: 700; text-decoration: none;
  border: 1.5px solid #6a3d9a; border-radius: 3px; padding: 0 2px; background: #f3eefb; }
a.mention.selected { background: #6a3d9a; color: #fff; }
a.mention.dim { color: inherit; font-weight: normal; border-color: #ccc; background: none; }
b.ev { font-weight: 700; text-decoration: underline 2px; text-underline-offset: 3px; }
#panel { position: sticky; top: 4.5rem; background: #fff; border: 1px solid var(--line); padding: .8rem 1rem; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .7rem; margin: 0; }
#panel dt { color: var(--muted); }
#panel dd { margin: 0; overflow-wrap: anywhere; }
#panel .quote { font-size: 15px; background: #f7f7f5; padding: .4rem .6rem; margin: .5rem 0; border-left: 4px solid #999; }
.pill { display: inline-block; padding: 0 .45rem; border-radius: 999px; color: #fff; font-weight: 600; }
.pill.st-favor { background: var(--favor); } .pill.st-against { background: var(--against); }
.pill.st-neutral { background: #666; }
@media (max-width: 1000px) { .docs { grid-template-columns: 1fr; } #panel, #doc-list { position: static; } }
"""

_JS = r"""
(function () {
  "use strict";
  var CLAIMS = JSON.parse(document.getElementById("claims-data").textContent);
  function $(s, r) { return (r || document).querySelector(s); }
  function $$(s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); }
  var params = new URLSearchParams(location.search);
  var fSpeaker = $("#f-speaker"), fTopic = $("#f-topic"), toggle = $("#script-toggle");
  var rows = $$("#stt tbody tr"), docs = $$("article.doc"), links = $$("#doc-list a");
  var marksByDoc = docs.map(function (d) { return $$("mark.claim", d); });
  var simplified = false, current = -1, selected = -1;

  function matches(c) {
    return (!fSpeaker.value || c.speaker === fSpeaker.value) && (!fTopic.value || c.topics.indexOf(fTopic.value) >= 0);
  }
  function applyFilters() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!fSpeaker.value || r.dataset.speaker === fSpeaker.value) && (!fTopic.value || r.dataset.topic === fTopic.value);
      r.hidden = !ok; if (ok) shown++;
    });
    $("#row-count").textContent = shown + " of " + rows.length + " rows";
    var perDoc = docs.map(function () { return 0; });
    CLAIMS.forEach(function (c) { if (matches(c)) perDoc[c.doc]++; });
    marksByDoc.forEach(function (marks) {
      marks.forEach(function (m) { m.classList.toggle("dim", !matches(CLAIMS[+m.dataset.c.split(" ")[0]])); });
    });
    $$("a.mention").forEach(function (a) {
      a.classList.toggle("dim", !a.dataset.c.split(" ").some(function (i) { return matches(CLAIMS[+i]); }));
    });
    links.forEach(function (a) { $(".n", a).textContent = perDoc[+a.dataset.doc]; });
  }
  function sortBy(th) {
    var asc = th.getAttribute("aria-sort") !== "ascending", col = th.cellIndex, num = th.dataset.type === "num";
    $$("#stt thead th").forEach(function (t) { t.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (r) { var v = r.children[col].dataset.v; return num ? parseFloat(v) : v; };
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a), y = key(b), c = num ? x - y : String(x).localeCompare(String(y), "zh");
      return asc ? c : -c;
    });
    var tb = $("#stt tbody"); sorted.forEach(function (r) { tb.appendChild(r); });
  }
  function showDoc(i) {
    if (i < 0 || i >= docs.length) return;
    current = i;
    docs.forEach(function (d, k) { d.hidden = k !== i; });
    links.forEach(function (a) { a.setAttribute("aria-current", +a.dataset.doc === i ? "true" : "false"); });
    $("#doc-pos").textContent = "document " + (i + 1) + " of " + docs.length;
    $("#prev-doc").disabled = i === 0; $("#next-doc").disabled = i === docs.length - 1;
  }
  function openDoc(i) {  // show a document and put its first claim (that passes the filters) in the panel
    showDoc(i);
    if (selected >= 0 && CLAIMS[selected].doc === current) return;
    var first = docs[current] && $("mark.claim.first:not(.dim)", docs[current]);
    if (first) select(+first.dataset.c.split(" ")[0], false);
  }
  function field(dl, name, value) {
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name;
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function renderPanel(c) {
    var p = $("#panel-body"); p.textContent = "";
    var q = document.createElement("p"); q.className = "quote";
    q.lang = simplified ? "zh-Hans" : (docs[c.doc] ? $(".doc-text", docs[c.doc]).dataset.lang : "zh");
    q.textContent = simplified ? c.text_s : c.text; p.appendChild(q);
    var dl = document.createElement("dl"), pill = document.createElement("span");
    pill.className = "pill st-" + c.stance; pill.textContent = c.stance + " " + c.stance_conf.toFixed(2);
    field(dl, "speaker", c.speaker);
    field(dl, "mention", (c.mention || "(implicit)") + " · " + c.resolution);
    field(dl, "stance", pill);
    field(dl, "stance evidence", c.stance_ev.join("; ") || "—");
    field(dl, "topics", c.topics.join(", ") || "—");
    field(dl, "topic evidence", c.topic_ev.join("; ") || "—");
    field(dl, "cue", (c.cue || "(none)") + (c.cue_role ? " · " + c.cue_role : ""));
    field(dl, "kind", c.kind);
    field(dl, "target", c.target || "—");
    field(dl, "date", c.date || "—");
    field(dl, "confidence", "attribution " + c.conf.toFixed(2));
    field(dl, "claim id", c.id);
    p.appendChild(dl);
  }
  function select(i, scroll) {
    var c = CLAIMS[i]; if (!c) return;
    selected = i; showDoc(c.doc);
    $$(".selected").forEach(function (m) { m.classList.remove("selected"); });
    $$('[data-c~="' + i + '"]').forEach(function (m) { m.classList.add("selected"); });
    renderPanel(c);
    var el = document.getElementById("c" + i);
    if (scroll && el) el.scrollIntoView({ block: "center" });
  }
  function setScript(simp) {
    if (simp === simplified) return;
    simplified = simp;
    $$(".zh").forEach(function (el) { var t = el.textContent; el.textContent = el.dataset.s; el.dataset.s = t; });
    $$("[data-lang]").forEach(function (el) { el.lang = simp ? "zh-Hans" : el.dataset.lang; });
    toggle.setAttribute("aria-pressed", simp ? "true" : "false");
    toggle.textContent = simp ? "原文 · show original script" : "简体 · show Simplified";
    document.body.dataset.script = simp ? "simplified" : "original";
    if (selected >= 0) renderPanel(CLAIMS[selected]);
  }
  function fromHash() {
    var m = /^#([cd])(\d+)$/.exec(location.hash);
    if (!m) return false;
    if (m[1] === "c") select(+m[2], true); else openDoc(+m[2]);
    return true;
  }

  fSpeaker.addEventListener("change", applyFilters);
  fTopic.addEventListener("change", applyFilters);
  $$("#stt thead th[data-key] button").forEach(function (b) {
    b.addEventListener("click", function () { sortBy(b.parentNode); });
  });
  toggle.addEventListener("click", function () { setScript(!simplified); });
  $("#prev-doc").addEventListener("click", function () { openDoc(current - 1); });
  $("#next-doc").addEventListener("click", function () { openDoc(current + 1); });
  document.addEventListener("click", function (e) {
    var m = e.target.closest("mark.claim");
    if (m) select(+m.dataset.c.split(" ")[0], false);
  });
  document.addEventListener("focusin", function (e) {
    var m = e.target.closest && e.target.closest("mark.claim");
    if (m) select(+m.dataset.c.split(" ")[0], false);
  });
  window.addEventListener("hashchange", fromHash);

  // initial state from the URL: ?speaker=…&topic=…&script=simplified&doc=N, #cN / #dN
  if (params.get("speaker") !== null) fSpeaker.value = params.get("speaker");
  if (params.get("topic") !== null) fTopic.value = params.get("topic");
  applyFilters();
  if (params.get("script") === "simplified") setScript(true);
  if (!fromHash()) openDoc(Math.max(0, Math.min(docs.length - 1, parseInt(params.get("doc") || "0", 10) || 0)));
  document.body.dataset.ready = "true";
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
  content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{css}</style>
</head>
<body data-script="original">
<header>
  <h1>{title}</h1>
  <span class="stats">{stats}{source}</span>
  <button type="button" id="script-toggle" aria-pressed="false">简体 · show Simplified</button>
  <span class="legend" aria-label="legend">{legend}</span>
</header>
{notes}
<section id="table-section" aria-labelledby="table-h">
  <h2 id="table-h">Speaker × topic × stance</h2>
  <div class="filters">
    <label>Speaker <select id="f-speaker">{speaker_options}</select></label>
    <label>Topic <select id="f-topic">{topic_options}</select></label>
    <span class="count" id="row-count" aria-live="polite">{n_rows} rows</span>
    <span class="count">Click a column to sort; the filters also dim other claims in the documents.</span>
  </div>
  <div class="table-wrap">{table}</div>
</section>
<section id="docs-section" aria-labelledby="docs-h">
  <h2 id="docs-h">Documents</h2>
  <div class="docs">
    <nav aria-label="documents"><ol id="doc-list">{doc_nav}</ol></nav>
    <div>
      <div class="doc-nav"><button type="button" id="prev-doc">← previous</button>
        <button type="button" id="next-doc">next →</button><span class="count" id="doc-pos"></span></div>
      {docs}
    </div>
    <aside id="panel" aria-live="polite" aria-labelledby="panel-h">
      <h2 id="panel-h">Claim</h2>
      <div id="panel-body"><p class="count">Click, or tab to, a highlighted claim to see its speaker, topics,
        stance and evidence.</p></div>
    </aside>
  </div>
</section>
<script type="application/json" id="claims-data">{claims_json}</script>
<script>{js}</script>
</body>
</html>
"""
