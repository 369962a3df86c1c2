"""When a statement was said: ``said_on`` for each claim, from the date words of
``models/dates.yaml`` resolved against the document's date.

The document's date (``documents.date``, YYYY-MM-DD or YYYY-MM) comes from ingest:
metadata, else the page's first lines, else the URL (:func:`date_in_url`). A claim's date
is read from its sentence: the date expression nearest before the claim, or, when the
speaker comes after the claim (「…」，普京15日說), one between the claim and the speaker.
All the words (weekdays, 昨日, 當地時間, month and day marks, numerals) are data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.lexicons import read_yaml, simp

# digits of a URL date: /2021/06/16/, /2021-06-16, 20210616 (maybe followed by a serial: 202103190299)
URL_DATE_SEPARATED = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
URL_DATE_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?:\d{0,6})(?!\d)")
URL_YEAR_MONTH = re.compile(r"/((?:19|20)\d\d)[/-]?(\d\d)/")
# 18/07/2018, 28/2/2025 12:03: a page's date line written day first (Hong Kong, UK usage)
DAY_FIRST = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def date_in_url(url: str | None) -> str | None:
    """YYYY-MM-DD (or YYYY-MM) written in a URL's path, or None."""
    if not url:
        return None
    path = url.split("//", 1)[-1].partition("/")[2]
    for pattern in (URL_DATE_SEPARATED, URL_DATE_COMPACT):
        for m in pattern.finditer(path):
            found = _valid(*(int(g) for g in m.groups()))
            if found is not None:
                return found.isoformat()
    m = URL_YEAR_MONTH.search("/" + path)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{m.group(2)}"
    return None


def day_first_date(text: str) -> str | None:
    """YYYY-MM-DD of the first DD/MM/YYYY date in text (MM/DD/YYYY when only that reading is valid)."""
    for m in DAY_FIRST.finditer(text):
        a, b, y = (int(g) for g in m.groups())
        found = _valid(y, b, a) or _valid(y, a, b)
        if found is not None:
            return found.isoformat()
    return None


def parse_iso(value: str | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of 'YYYY-MM-DD' or 'YYYY-MM'; None for the parts not given."""
    if not value:
        return None, None, None
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return None, None, None
    y = nums[0] if nums else None
    m = nums[1] if len(nums) > 1 and 1 <= nums[1] <= 12 else None
    d = nums[2] if len(nums) > 2 and m and _valid(y or 2000, m, nums[2]) else None
    return y, m, d


@dataclass(frozen=True)
class DateWords:
    pattern: re.Pattern | None
    numerals: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, int]
    max_days_back: int

    def number(self, text: str) -> int | None:
        """16, １６, 十六, 廿八, 二十八 → int."""
        text = text.strip()
        if text.isdigit():
            return int(text)
        value = current = 0
        for ch in text:
            v = self.numerals.get(ch)
            if v is None:
                return None
            if v == 10:
                value += (current or 1) * 10
                current = 0
            elif v in (20, 30):
                value += v
                current = 0
            else:
                current = current * 10 + v
        return value + current


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=8)
def load_dates(models_dir: Path) -> DateWords:
    path = Path(models_dir) / "dates.yaml"
    if not path.exists():  # no date words: claims take the document's date
        return DateWords(None, {}, {}, {}, 0)
    data = read_yaml(path) or {}
    numerals = {simp(str(k)): int(v) for k, v in (data.get("numerals") or {}).items()}
    weekdays = {simp(str(k)): int(v) for k, v in (data.get("weekdays") or {}).items()}
    relative = {simp(str(k)): int(v) for k, v in (data.get("relative_days") or {}).items()}
    num = "(?:[0-9０-９]{1,2}|[" + "".join(re.escape(c) for c in sorted(numerals)) + "]{1,3})"
    year_s = _alt([simp(x) for x in data.get("year_suffix", [])])
    month_s = _alt([simp(x) for x in data.get("month_suffix", [])])
    day_s = _alt([simp(x) for x in data.get("day_suffix", [])])
    bare_s = _alt([simp(x) for x in data.get("bare_day_suffix", data.get("day_suffix", []))])
    this_month = _alt([simp(x) for x in data.get("this_month", [])])
    brackets = data.get("brackets") or []
    opening = "[" + "".join(re.escape(b) for b in brackets) + "]?" if brackets else ""
    pieces = [
        rf"(?P<fy>(?:19|20)\d\d)\s*(?:{year_s})\s*(?P<fm>{num})\s*(?:{month_s})\s*(?P<fd>{num})\s*(?:{day_s})",
        rf"(?<![0-9０-９])(?P<mm>{num})\s*(?:{month_s})\s*(?P<md>{num})\s*(?:{day_s})",
    ]
    if this_month:
        pieces.append(rf"(?:{this_month})\s*(?P<td>{num})\s*(?:{day_s})")
    if weekdays:
        pieces.append(rf"(?P<wd>{_alt(list(weekdays))})(?:\s*{opening}\s*(?P<wdd>{num})\s*(?:{day_s})?\s*{opening})?")
    if relative:
        pieces.append(rf"(?P<rel>{_alt(list(relative))})")
    pieces.append(rf"(?<![0-9０-９{''.join(numerals)}])(?P<bd>{num})\s*(?:{bare_s})")
    return DateWords(
        re.compile("|".join(pieces)), numerals, weekdays, relative, int(data.get("max_days_back", 40))
    )


def _month_before(y: int, m: int) -> tuple[int, int]:
    return (y - 1, 12) if m == 1 else (y, m - 1)


def resolve(m: re.Match, words: DateWords, doc_date: str | None) -> dt.date | None:
    """The date a matched expression names, given the document's date; None when it cannot be told."""
    y, mo, d = parse_iso(doc_date)
    ref = _valid(y, mo, d) if y and mo and d else None
    g = m.groupdict()
    if g.get("fy"):
        return _valid(int(g["fy"]), words.number(g["fm"]) or 0, words.number(g["fd"]) or 0)
    if g.get("mm"):
        if y is None:
            return None
        month, day = words.number(g["mm"]) or 0, words.number(g["md"]) or 0
        found = _valid(y, month, day)
        if found is not None and ref is not None and (found - ref).days > 31:
            found = _valid(y - 1, month, day)  # 12月30日 in a page of 2 January
        return found
    day_text = g.get("td") or g.get("wdd") or g.get("bd")
    if day_text:
        if y is None or mo is None:
            return None
        day = words.number(day_text) or 0
        if d is not None and day > d:
            y, mo = _month_before(y, mo)  # the 30th in a page of the 2nd: last month's
        found = _valid(y, mo, day)
        if found is not None and ref is not None and (ref - found).days > words.max_days_back:
            return None
        return found
    if ref is None:
        return None
    if g.get("wd"):
        back = (ref.weekday() - words.weekdays[g["wd"]]) % 7
        return ref - dt.timedelta(days=back)
    if g.get("rel"):
        return ref + dt.timedelta(days=words.relative[g["rel"]])
    return None


def _last_date(text: str, words: DateWords, doc_date: str | None) -> dt.date | None:
    found, found_end = None, -2
    for m in words.pattern.finditer(text):  # type: ignore[union-attr]
        if found is not None and m.start() - found_end <= 1:
            continue  # 14日当天, 周二（14日）晚: a word right after a date refers to it
        resolved = resolve(m, words, doc_date)
        if resolved is not None:
            found, found_end = resolved, m.end()
    return found


def said_on(
    text_simplified: str,
    sentence: tuple[int, int] | None,
    claim: dict,
    words: DateWords,
    doc_date: str | None,
) -> tuple[dt.date | None, str]:
    """(said_on, date_source) of one claim: 'text', 'document' or '' (no date at all)."""
    if words.pattern is not None and sentence is not None:
        s_start, s_end = sentence
        before = text_simplified[s_start : max(s_start, claim["start"])]
        found = _last_date(before, words, doc_date)
        speaker_end = claim.get("speaker_end") if claim.get("speaker_end") is not None else -1
        if found is None and speaker_end > claim["end"]:
            # 「…」，普京15日說: the attribution, and its date, follow the quote
            found = _last_date(text_simplified[claim["end"] : min(s_end, speaker_end + 12)], words, doc_date)
        if found is not None:
            return found, "text"
    y, mo, d = parse_iso(doc_date)
    if y and mo and d:
        return dt.date(y, mo, d), "document"
    return None, ""


def sentence_of(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The sentence span holding pos (sentences sorted by start)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid][0] <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo and sentences[lo - 1][0] <= pos < max(sentences[lo - 1][1], sentences[lo - 1][0] + 1):
        return tuple(sentences[lo - 1])  # type: ignore[return-value]
    return None
