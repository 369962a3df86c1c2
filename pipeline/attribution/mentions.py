"""Mentions: registry names and roles (``speakers.yaml``) and pronouns (``extraction.yaml``)."""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from pipeline.attribution.base import Mention, ascii_word_boundary, doc_text
from pipeline.attribution.component import KnowledgeComponent, span_group
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons


class MentionTagger(KnowledgeComponent):
    """Registry names, role phrases and pronouns, on token boundaries where it matters."""

    def __init__(self, lex: Lexicons | None, cfg: ExtractConfig | None = None) -> None:
        self.lex = lex
        self.cfg = cfg or ExtractConfig()

    def __call__(self, doc: Doc) -> Doc:
        self.lex or self.knowledge()
        arr = doc.to_array([IDX, LENGTH])
        starts = set(arr[:, 0].tolist())
        ends = set((arr[:, 0] + arr[:, 1]).tolist())
        year = doc._.year
        mentions: list[Mention] = []
        text_of_doc = doc_text(doc)
        for s, e in self.lex.mention_scanner.spans(text_of_doc):
            text = text_of_doc[s:e]
            if text in self.lex.pronouns:
                if s not in starts or e not in ends:
                    continue  # 他 inside 其他
                mentions.append(Mention(s, e, text, "pronoun", None, self.lex.pronouns[text]))
            elif text in self.lex.aliases:
                aligned = (s in starts) + (e in ends)
                if not text.isascii() and aligned < (2 if len(text) == 1 else 1):
                    continue  # 明报 inside 说明/报告 is no name; 普京 inside 向普京 is
                if text.isascii() and not ascii_word_boundary(text_of_doc, s, e):
                    continue
                mentions.append(Mention(s, e, text, "alias", self.lex.aliases[text]))
            else:
                holder = self.lex.role_holder(text, year)
                mentions.append(Mention(s, e, text, "role", holder))
        doc._.mentions = mentions
        span_group(doc, self.spans_key, mentions, lambda m: m.kind)
        return doc
