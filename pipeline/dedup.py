"""One article counted once, one statement counted once.

**Documents.** The same article reaches a corpus many times: in UTF-8 and in Big5, in
Traditional and Simplified, with CRLF line endings, inside another page wrapper, or
reposted by a second outlet with its own headline, byline and footer. :class:`Deduper`
fingerprints each document by the 5-character shingles of its Simplified Han text (so
encoding, script, line endings, punctuation, Latin furniture and front matter do not
count) and marks a document as ``duplicate_of`` the first earlier document in corpus
path order whose estimated Jaccard similarity reaches ``dedup.min_similarity``.

The estimate is MinHash (``dedup.num_hashes`` hash functions; the share of equal minima
estimates the Jaccard similarity of the shingle sets), with locality-sensitive hashing
(``dedup.bands`` bands) to find candidates, so each document is compared only with the
few earlier ones that share a band, not with all of them. Only first copies are indexed.
Deterministic: fixed hash functions, documents seen in corpus order.

**Statements.** :func:`statement_id` groups the same statement by the same speaker
across documents: a hash of the speaker id and the claim's Simplified text with
everything but letters, digits and Han characters removed.
"""

from __future__ import annotations

import hashlib
import random
import re
import zlib
from functools import lru_cache

import numpy as np

from pipeline.config import DedupConfig
from pipeline.frontmatter import parse_front_matter
from pipeline.lexicons import simp
from pipeline.normalize import convert

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
NOT_WORD = re.compile(r"[\W_]+")
_PRIME = 4_294_967_311  # > 2**32: the hash functions are (a*x + b) mod p over 32-bit shingle hashes
# shingles hashed at a time: bounds the memory of a long document, and keeps the two
# chunk × num_hashes uint64 buffers (256 KB each) in the CPU cache: ~2x faster than 4096 rows
_CHUNK = 256


def statement_id(speaker: str, text_simplified: str) -> str:
    """Same speaker, same words (in either script, whatever the punctuation and spacing) → same id."""
    words = NOT_WORD.sub("", simp(text_simplified)).lower() or text_simplified
    return hashlib.sha1(f"{speaker}\x1f{words}".encode()).hexdigest()[:16]


def han_text(text: str) -> str:
    """The Simplified Han characters of a text, in order: what two copies of an article share."""
    # OpenCC's t2s, as simp() does, through normalize's cache: a worker converted this very
    # text when it detected the document's script, so a document without front matter is
    # not converted a second time
    return "".join(HAN.findall(convert(text, "t2s")))


@lru_cache(maxsize=4)
def _hash_functions(num_hashes: int) -> tuple[np.ndarray, np.ndarray]:
    rng = random.Random(20210616)  # fixed: the same hash functions in every run and process
    a = np.array([rng.randrange(1, 2**31) for _ in range(num_hashes)], dtype=np.uint64)
    b = np.array([rng.randrange(0, 2**31) for _ in range(num_hashes)], dtype=np.uint64)
    return a, b


@lru_cache(maxsize=4)
def _crc_tables(n_bytes: int) -> tuple[int, np.ndarray]:
    """CRC-32 is affine over GF(2) for messages of one length: ``crc32(m)`` is ``crc32(zeros)``
    xor, for each position j, a table entry for the byte ``m[j]``. (zeros CRC, tables[j, byte])."""
    zeros = zlib.crc32(bytes(n_bytes))
    tables = np.empty((n_bytes, 256), dtype=np.uint32)
    message = bytearray(n_bytes)
    for j in range(n_bytes):
        for v in range(256):
            message[j] = v
            tables[j, v] = zlib.crc32(message) ^ zeros
        message[j] = 0
    return zeros, tables


@lru_cache(maxsize=4)
def _char_crc_tables(k: int) -> tuple[int, np.ndarray]:
    """:func:`_crc_tables` of a ``k``-character shingle of 3-byte characters, folded per
    character: ``tables[c, cp]`` is the xor of the three byte entries of code point ``cp``'s
    UTF-8 bytes at character position ``c`` (code points U+0800-U+FFFF; 1.3 MB for k=5).
    A shingle's hash is then ``k`` look-ups instead of ``3k``."""
    zeros, byte_tables = _crc_tables(3 * k)
    cp = np.arange(0x10000, dtype=np.uint32)
    lead, middle, last = 0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)
    tables = np.empty((k, 0x10000), dtype=np.uint32)
    for c in range(k):
        tables[c] = byte_tables[3 * c][lead & 0xFF] ^ byte_tables[3 * c + 1][middle] ^ byte_tables[3 * c + 2][last]
    return zeros, tables


def shingle_hashes(han: str, k: int) -> np.ndarray:
    """``zlib.crc32`` of the UTF-8 bytes of every ``k``-character shingle of ``han``, unique
    and sorted (uint64)."""
    return np.unique(_shingle_crcs(han, k)).astype(np.uint64)


def _shingle_crcs(han: str, k: int) -> np.ndarray:
    """``zlib.crc32`` of every ``k``-character shingle of ``han``, in text order, repeats kept
    (uint32; a MinHash needs no sorting: a repeated shingle has the same minimum). Han
    characters are 3 bytes each in UTF-8, so every shingle is 3k bytes and all of them are
    hashed at once with per-character tables (:func:`_char_crc_tables`), instead of one
    ``crc32`` call per shingle (the same values, ten times faster)."""
    n = len(han) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint32)
    if len(han.encode()) != 3 * len(han):  # not all 3-byte characters: one call per shingle
        return np.fromiter((zlib.crc32(han[i : i + k].encode()) for i in range(n)), np.uint32, n)
    points = np.frombuffer(han.encode("utf-16-le"), dtype=np.uint16)  # 3-byte characters are all in the BMP
    zeros, tables = _char_crc_tables(k)
    hashes = np.full(n, zeros, dtype=np.uint32)
    for c in range(k):
        hashes ^= tables[c][points[c : c + n]]
    return hashes


def document_signature(text: str, cfg: DedupConfig) -> np.ndarray | None:
    """MinHash of a document's shingles, front matter left out (it is furniture); None when it
    has too little Han text to compare. Pure: workers compute it, the writer only looks it up."""
    han = han_text(text[parse_front_matter(text)[1] :])
    k = cfg.shingle_chars
    if len(han) < max(k, cfg.min_han_chars):
        return None
    a, b = _hash_functions(cfg.num_hashes)
    hashes = _shingle_crcs(han, k).astype(np.uint64)
    sig = np.full(cfg.num_hashes, _PRIME, dtype=np.uint64)
    prime = np.uint64(_PRIME)
    shape = (min(_CHUNK, len(hashes)), cfg.num_hashes)
    buffer, multiples = np.empty(shape, dtype=np.uint64), np.empty(shape, dtype=np.uint64)
    for i in range(0, len(hashes), _CHUNK):
        block = hashes[i : i + _CHUNK]
        values, below = buffer[: len(block)], multiples[: len(block)]
        # (a*x + b) mod p for every shingle x and hash function, in place; y - (y // p) * p
        # because numpy divides by a scalar with multiplications, ~3x faster than its remainder
        np.multiply(block[:, None], a[None, :], out=values)
        values += b
        np.floor_divide(values, prime, out=below)
        below *= prime
        values -= below
        np.minimum(sig, values.min(axis=0), out=sig)
    return sig


class Deduper:
    """duplicate_of for documents fed in corpus order (:meth:`check`)."""

    def __init__(self, cfg: DedupConfig) -> None:
        self.cfg = cfg
        self.rows = max(1, cfg.num_hashes // max(1, cfg.bands))
        self.buckets: dict[tuple[int, bytes], list[int]] = {}
        self.signatures: list[np.ndarray] = []
        self.doc_ids: list[str] = []

    def check(self, doc_id: str, text: str, sig: np.ndarray | bool | None = False) -> str:
        """The doc_id of the first earlier copy of this document, or '' (then it is indexed as a first copy).

        ``sig``: the document's signature when a worker computed it already (None: too little
        text to compare); computed here when not given."""
        if sig is False:
            sig = document_signature(text, self.cfg)
        if sig is None:
            return ""
        keys = [(band, sig[band * self.rows : (band + 1) * self.rows].tobytes()) for band in range(self.cfg.bands)]
        candidates = sorted({i for key in keys for i in self.buckets.get(key, ())})
        for i in candidates:  # earliest first: the copy first in corpus order wins
            if float(np.mean(self.signatures[i] == sig)) >= self.cfg.min_similarity:
                return self.doc_ids[i]
        index = len(self.signatures)
        self.signatures.append(sig)
        self.doc_ids.append(doc_id)
        for key in keys:
            self.buckets.setdefault(key, []).append(index)
        return ""
