"""Quotations: outermost spans between the quotation marks of ``extraction.yaml`` (quote_pairs)."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.attribution.base import INTRODUCERS, SPACE, Quote, doc_text
from pipeline.attribution.component import KnowledgeComponent, span_group
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons, any_char_of

# how a paragraph left open inside a continuing quotation ends
PARAGRAPH_SENTENCE_ENDS = frozenset("。！？!?…")
BLANKS_IN_LINE = SPACE + "\r"  # (no-break spaces from HTML among them)
# a quotation mark right after one of these stands where a quotation closes (mistyped pairs)
MISTYPED_CLOSE_AFTER = frozenset("。！？!?…，,")
# a quotation opened right after one of these introduces speech (说：“… / 说——“…)
INTRODUCING_MARKS = frozenset(INTRODUCERS)
RESUMING_MARKS = frozenset("，,")  # 「X，」他说，「Y」: the comma after an interrupting attribution


def find_quotes(text: str, pairs: dict[str, str], max_chars: int) -> list[Quote]:
    """Outermost quotations, paired by mark type; a mark left open at the end of
    its paragraph (or after max_chars) is not a quote. Linear time."""
    closers = {v: k for k, v in pairs.items() if k != v}
    toggles = {k for k, v in pairs.items() if k == v}
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    # open marks of each kind on the stack: a closer whose opener is not there is skipped
    # at once instead of scanning the whole stack (「「「…”””… would be quadratic)
    n_open: dict[str, int] = dict.fromkeys(pairs, 0)
    # quotation marks and line breaks are the only characters acted on
    continued = -1  # the opener that continues a quotation into its next paragraph
    stray: list[int] = []  # closing marks of this paragraph that closed nothing
    repaired = False
    for m in any_char_of(frozenset(["\n", *pairs, *pairs.values()])).finditer(text):
        i = m.start()
        ch = text[i]
        if i <= continued:
            continue  # the line breaks and the opener of a continuing paragraph
        if ch == "\n":
            continued = _continuation(text, i, stack, toggles)
            if continued >= 0:
                continue
            repaired |= _repair_mistyped(text, stack, stray, max_chars, quotes, i)
            stack.clear()
            stray.clear()
            n_open = dict.fromkeys(pairs, 0)
            continue
        if stack and i - stack[0][1] > max_chars:
            stack.clear()
            n_open = dict.fromkeys(pairs, 0)
        if ch in toggles:
            if stack and stack[-1][0] == ch:
                mark, pos = stack.pop()
                n_open[mark] -= 1
                if not stack:
                    quotes.append(Quote(pos + 1, i, mark))
            else:
                stack.append((ch, i))
                n_open[ch] += 1
        elif ch in pairs:
            stack.append((ch, i))
            n_open[ch] += 1
        elif ch in closers:
            want = closers[ch]
            if not n_open[want]:
                stray.append(i)  # unmatched closers are ignored (unless a mistyped pair)
                continue
            # pop to the matching opener (every mark popped is scanned once: linear overall)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == want:
                    mark, pos = stack[depth]
                    for popped, _ in stack[depth:]:
                        n_open[popped] -= 1
                    del stack[depth:]
                    if not stack:
                        quotes.append(Quote(pos + 1, i, mark))
                    break
    repaired |= _repair_mistyped(text, stack, stray, max_chars, quotes, len(text))
    if repaired:
        quotes.sort(key=lambda q: q.start)
    return quotes


def _after_sentence_or_clause(text: str, i: int) -> bool:
    """Is the mark at i typed where a quotation closes: right after 。！？…，, (blanks aside)?"""
    k = i
    while k > 0 and text[k - 1] in BLANKS_IN_LINE:
        k -= 1
    return text[k - 1 : k] in MISTYPED_CLOSE_AFTER


def _introduced_to_paragraph_end(text: str, opened: int, paragraph_end: int, resumes: bool) -> int:
    """说：“…。⏎ with the closing mark dropped: an opener right after a colon (or, where it
    resumes a quotation its attribution interrupted, 「X，」他说，「Y。⏎, after a comma) whose
    paragraph ends a sentence closes at the paragraph's end (returned); else -1."""
    k = opened
    while k > 0 and text[k - 1] in BLANKS_IN_LINE:
        k -= 1
    if text[k - 1 : k] not in INTRODUCING_MARKS and not (text[k - 1 : k] in RESUMING_MARKS and resumes):
        return -1
    end = paragraph_end
    while end > opened and text[end - 1] in BLANKS_IN_LINE:
        end -= 1
    # the sentence end stands where the closing mark would (a quote's end indexes its closer)
    return end - 1 if text[end - 1 : end] in PARAGRAPH_SENTENCE_ENDS else -1


def _repair_mistyped(
    text: str,
    stack: list[tuple[str, int]],
    stray: list[int],
    max_chars: int,
    quotes: list[Quote],
    paragraph_end: int,
) -> bool:
    """At a paragraph's end: a quotation typed with mismatched marks (「…”, “…“, ”…”), each
    paragraph's one unpaired pair, where the second mark follows a sentence or clause end as a
    closing mark does; or an introduced quotation whose closing mark was dropped. Appends the
    quotation; True when one was found."""
    start = end = -1
    if len(stack) == 1:
        # 「…” / "…”: one opener left open, closed by a closer of another kind
        opened = stack[0][1]
        end = next((c for c in stray if c > opened and _after_sentence_or_clause(text, c)), -1)
        if end < 0 and not stray:
            paragraph_start = text.rfind("\n", 0, opened) + 1
            resumes = bool(quotes) and quotes[-1].start > paragraph_start
            end = _introduced_to_paragraph_end(text, opened, paragraph_end, resumes)
        start = opened
    elif len(stack) == 2 and stack[0][0] == stack[1][0] and _after_sentence_or_clause(text, stack[1][1]):
        start, end = stack[0][1], stack[1][1]  # “…“: the closing mark typed as an opener
    elif not stack and len(stray) == 2 and text[stray[0]] == text[stray[1]]:
        if _after_sentence_or_clause(text, stray[1]) and not any(stray[0] < q.start < stray[1] for q in quotes[-1:]):
            start, end = stray  # ”…”: the opening mark typed as a closer
    if start < 0 or end < 0 or end - start > max_chars or end - start < 2:
        return False
    quotes.append(Quote(start + 1, end, text[start]))
    return True


def _continuation(text: str, i: int, stack: list[tuple[str, int]], toggles: set[str]) -> int:
    """「…。⏎⏎「…」: a quotation of several paragraphs leaves each paragraph but the last
    open and opens the next one with the same mark. Where the paragraph before the line
    break ends a sentence inside the one open quotation and the next paragraph opens with
    its mark, return that mark's position (the quotation goes on); else -1."""
    if len(stack) != 1 or stack[0][0] in toggles:
        return -1
    k = i
    while k > stack[0][1] and text[k - 1] in BLANKS_IN_LINE:
        k -= 1
    if text[k - 1 : k] not in PARAGRAPH_SENTENCE_ENDS:
        return -1
    j = i
    while j < len(text) and text[j] in BLANKS_IN_LINE + "\n":
        j += 1
    return j if text[j : j + 1] == stack[0][0] else -1


class QuoteTagger(KnowledgeComponent):
    """Quotations -> ``doc._.quotes`` and ``doc.spans["quotes"]`` (labelled with the opening mark)."""

    def __init__(self, lex: Lexicons | None, cfg: ExtractConfig) -> None:
        self.lex = lex
        self.cfg = cfg

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lex or self.knowledge()
        doc._.quotes = find_quotes(doc_text(doc), lex.quote_pairs, self.cfg.max_quote_chars)
        span_group(doc, self.spans_key, doc._.quotes, lambda q: "quote")
        return doc
