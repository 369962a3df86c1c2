"""Quotations: outermost spans between the quotation marks of ``extraction.yaml`` (quote_pairs)."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.attribution.base import Quote, doc_text
from pipeline.attribution.component import KnowledgeComponent, span_group
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons, any_char_of


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
    for m in any_char_of(frozenset(["\n", *pairs, *pairs.values()])).finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            stack.clear()
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
                continue  # unmatched closers are ignored
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
    return quotes



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
