"""Stage 1: files -> documents (or rejections, with the reason).

Every file under the corpus folder ends up either as a document or as a row of
``rejected.parquet``; nothing is skipped silently (the reasons are listed in
:data:`REASONS`). ``text`` is the decoded file content unchanged for .txt and
.md (front matter, markup and ``\\r\\n`` and all; only a byte-order mark is not
part of it), and the extracted body text for HTML. Claim offsets index into
``text``.

Encodings. A byte-order mark decides (UTF-8, UTF-16, UTF-32); bytes that are
valid UTF-8 are UTF-8; otherwise the bytes are decoded strictly with each
Chinese codec (GBK, GB18030, Big5, CP950, Big5-HKSCS) and the reading whose
non-ASCII characters are most often common Chinese characters wins. Garbage
readings (GB bytes read as Big5 and the other way round) are strings of rare
characters, so this holds even for texts of a few dozen characters, where
statistical detectors alone often guess wrong. charset-normalizer breaks ties
and decides when no Chinese reading is convincing. An HTML page's declared
charset is honoured unless its reading is clearly worse than another.

Everything applied to the text is linear in its length: no regex here can
backtrack over a long line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from pipeline.config import DEFAULT_MODELS, DedupConfig, IngestConfig
from pipeline.dates import date_in_url, day_first_date
from pipeline.dedup import Deduper
from pipeline.frontmatter import parse_front_matter
from pipeline.normalize import detect_script
from pipeline.outlets import detect_outlet, load_outlets, page_url

# reason -> meaning (for the README and for rejected.parquet readers)
REASONS: dict[str, str] = {
    "hidden": "a hidden file, or a file inside a hidden folder (name starting with '.'): not read",
    "unsupported_type": "the file's extension is not one of ingest.extensions (e.g. .pdf, .docx, no extension)",
    "not_a_file": "not a regular file: a symlink to a folder (not followed), a FIFO, socket or device",
    "broken_symlink": "a symbolic link whose target does not exist (or a symlink loop)",
    "bad_filename": "the file name is not valid UTF-8, so it cannot be recorded as a path",
    "unreadable": "the file (or folder) cannot be read: permission denied or another OS error",
    "too_large": "the file is larger than ingest.max_bytes",
    "empty": "the file is empty, holds only whitespace, or (HTML) has no body text",
    "too_short": "fewer visible characters than ingest.min_chars",
    "binary": "not text: NUL bytes, or mostly control characters",
    "undecodable": "the bytes decode in no supported encoding (or contradict their byte-order mark)",
    "duplicate_id": "another file already has this doc_id (same file name without extension)",
    "internal_error": "an unexpected error while reading this file (a bug): the run went on without it",
}

FULL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})(?!\d)")
YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)[ \t]*[-/.年][ \t]*(\d{1,2})(?!\d)(?![ \t]*[-/.月][ \t]*\d)")
DATE_HEAD_CHARS = 1000  # a date in the text is looked for in its first lines only
DATE_HEAD_LINES = 10

BOMS = [  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# tried in this order; a later codec whose reading is identical to an earlier one's is dropped,
# so plain GBK is recorded as gbk and plain Big5 as big5
CJK_CODECS = ("gbk", "gb18030", "big5", "cp950", "big5hkscs")
CJK_FAMILY = {
    "gb2312": "gb", "gbk": "gb", "gb18030": "gb", "cp936": "gb", "hz": "gb",
    "big5": "big5", "big5hkscs": "big5", "cp950": "big5",
}
# charset-normalizer guesses taken when no Chinese reading is convincing (codecs.lookup names)
FALLBACK_CODECS = frozenset(
    {"cp1252", "iso8859-1", "iso8859-15", "cp1251", "koi8-r", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949"}
)
MIN_CJK_SCORE = 0.5  # below this share of common characters a Chinese reading is not convincing
TIE_MARGIN = 0.02  # readings this close are a tie, broken by charset-normalizer
DECLARED_MARGIN = 0.25  # a declared charset loses only to a reading this much better
SCORE_SAMPLE = 200_000  # characters scored per reading
NON_SPACE = re.compile(r"\S")  # what str.isspace() says is no space (re's \s is the same class)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.1
HTML_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset[ \t\r\n]*=[ \t\r\n]*["']?[ \t]*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding[ \t]*=[ \t]*["']([A-Za-z0-9_.:-]{1,40})""",
    re.I,
)
HTML_CHARSET_WINDOW = 4096

HTML_FORMATS = (".html", ".htm")
MD_FORMATS = (".md", ".markdown")
HTML_DROP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link",
        "nav", "footer", "header", "aside",
        "iframe", "svg", "math", "canvas", "object", "embed", "audio", "video", "map",
        "button", "select", "option", "textarea", "input", "rt", "rp",
    }
)
HTML_BLOCKS = frozenset(
    {
        "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "tfoot", "thead", "tr", "ul",
    }
)
HTML_CELLS = frozenset({"td", "th"})
HTML_WS = re.compile(r"\s+")
LINE_WS = re.compile(r"[ \n]+")
CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")

COMMON_HANZI = frozenset(
    "一七万三上下不与专且世业东两严並个中丰临为主举久么义之乎乐九也习乡书买乱亂了争事二于云互五亚些亞交产"
    "京亮亲人亿什仅今介仍从他代令以们件价任份企伊众优会传伤伯似但位低住体佔何余作你使來例供依侧便俄保信修"
    "個們倒候值假做停側備傳傷僅像價億優儿元兄充先光克免兒党入內全兩八公六兰共关兴兵其具典养内再写军农冲决"
    "况冷准减几出击刀分切划列刘则刚创初判別利别到制刺刻則前剑剛剧副創劃劇劉劍力办功加务动助劳势動務勝勞勢"
    "包化北区医區十千升半华协協单卖南博占卫印危即却卻厂历压原去县参參又及友双反发取受变口古句另只叫召可台"
    "史右叶号司吃各合同名后向吗否吧含听吳吴吸告员呢周味呼命和咱品哈响員哥哪唐商啊問善喜喝喫單嗎器嚴四回因"
    "团园围固国图國圍園圖團土在地场均坐块坚型城域執基堂堅報場塊境墙增壓士声处备复夏外多夜够夠大天太夫央失"
    "头奇女她好如妇妈始姑姓委威娘婦媽子字存孙季学孩孫學宁它守安宋完宗官定宜宝实审客宣室宫宮害家容密富察實"
    "寧審寫寶对导封射将將專對導小少尔尚就尼尽局层居屆届展属層屬山岁岛岸島州工左差己已巴市布师希帝带師席帮"
    "帶常幫干平年并幹幾广庆序应底府度座庭康廠廣建开异式引弟张張強弹强彈归当录形彩影往征待很律後得從復微徵"
    "德心必志忙快念忽怀态怎怕思急性怪总恩息恶情惊惡想意愛感愿態慢慶應懷成我或战戰戶户房所手才打执扩批找承"
    "技把投抗护报担拉招括拿持指按挥换据授掌排採探接控推提換揮擊擔據擴支收改攻放政故效敌救敗教敢散数整敵數"
    "文斗料断斯新斷方於施旁旅族无既日旧早时昌明易星春是显時晚普景暗曲更書曾最會月有服望朝期木未本术朱机杀"
    "杂权李材村条来杨東松板极构林果枪架某查标树校样核根格案桥條检植楊楚業極楼構槍樂樓標模樣樹橋機檢權次欢"
    "欧歐歡止正此步武歲歷歸死段殺殿母每毒比毕毛毫民气氣水永求汉江決沉沒沙没河油治沿況法波注泽洋洞洪洲活派"
    "流测济海消深清渐減温測港游湖湾源準溫满滿演漢漸澤激濟灣火灵炮点為烈热無然照熟熱營爭爱爲父爷爺爾牆片版"
    "牌牙牛物特状狀独献獨獲獻率玉王环现班現球理環甚生產用田由甲电男画界留畢略畫異當病痛登發白百的皇皮益监"
    "盘盛盡監盤目直相省看真眼眾着督知短石矿研破础确確礎礦示礼社祕祖神票禁福禮离种科秘积称移程種稱稳積穩究"
    "空穿突立站竟章端笑笔第筆等筑答策简算管節範築簡米类精系紀約紅納級素索紧細終組結絕給統經維網緊線編練縣"
    "總織繼續红约级纪纳线练组细织终经结给绝统继续维编网罗罪置羅美羣群義習老考者而职联聞聯聲職聽肉股育背胜"
    "胡能脑脚脸腦腳臉臣臨自至致臺與興舉舊航般船良色艺节花苏若苦英范茶荆草荊药获菜華营萬落葉著蒙藏藝藥蘇蘭"
    "處號虽血衆行術街衛衝衞衣补表被装裏補裝裡襄西要見規視親覺觀见观规视觉角解言計訓記設許訴評詞試詩話該認"
    "語說説誰調談請論講證識警議護讀變讓计认让训议记讲许论设证评识诉词试诗话该语说请读谁调谈谷豐象負財貨責"
    "貴買費資賣質賽负财责败货质贵费资赛走赶起超越趕足跟路身車軍軟較載輕輪輯輸轄轉车转轮软轻载较辑输辖辦農"
    "边达过迎运近还这进远连述追退送适选逐這通速造連進遇遊運過道達遗遠適選遺還邊那邦部都鄂鄉配酒醫采里重量"
    "金銀銷錄錢錯鍾鎮鐵钟钱铁银销错镇長长門開間關门问间闻队防阳阵阶阿附际陆陈降限院陣除险陳陵陸陽隊階随際"
    "隨險难雄集雖雙雜離難雨雲雷電需露靈青静靜非靠面革音響頂項順須預頓領頭題額願類顧顯顶项顺须顾顿预领题额"
    "風风飛飞食飯養餘館饭馆首香馬驗驚马验骨體高鬥魚鮮鱼鲜麼黃黄黑點黨齊齐龍龙"
)
CJK_PUNCT = frozenset("，。、；：？！「」『』“”‘’（）《》〈〉【】〔〕…—─·・　％＋－／＝～")
COMMON = COMMON_HANZI | CJK_PUNCT


@dataclass(frozen=True)
class Rejection:
    source_path: str
    reason: str
    detail: str
    stage: str = "ingest"

    def to_row(self) -> dict:
        return {"source_path": self.source_path, "stage": self.stage, "reason": self.reason, "detail": self.detail}


class IngestError(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# --------------------------------------------------------------------------- discovery


def _printable_path(rel: str) -> str:
    """A path that can be stored: undecodable bytes of a file name shown as \\xNN."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _walk(corpus_dir: Path) -> list[tuple[str, Path, str, OSError | None]]:
    """(relative path, path, kind, error) of everything under corpus_dir except the folders walked.

    kind is file, symlink, special or unlistable (a folder that cannot be listed). Symlinked
    folders are not entered (no loops, nothing outside the corpus read behind one's back).
    Iterative, so deep trees cannot exhaust the stack.
    """
    found: list[tuple[str, Path, str, OSError | None]] = []
    pending: list[tuple[Path, str]] = [(corpus_dir, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            found.append((prefix.rstrip("/"), folder, "unlistable", exc))  # "" for the corpus folder itself
            continue
        for entry in entries:
            rel = prefix + entry.name
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    kind = "symlink"
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((path, rel + "/"))
                    continue
                elif entry.is_file(follow_symlinks=False):
                    kind = "file"
                else:
                    kind = "special"
            except OSError as exc:
                found.append((rel, path, "unlistable", exc))
                continue
            found.append((rel, path, kind, None))
    found.sort(key=lambda item: item[0])
    return found


def _extensions(cfg: IngestConfig) -> tuple[str, ...]:
    return tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in cfg.extensions)


def discover(corpus_dir: Path, cfg: IngestConfig) -> tuple[list[Path], list[Rejection]]:
    """Files to read, sorted by their path relative to corpus_dir, and the files that are not articles."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(
            f"corpus folder {corpus_dir} does not exist: put .txt/.md/.html articles there or pass CORPUS_DIR"
        )
    extensions = _extensions(cfg)
    take: list[Path] = []
    rejected: list[Rejection] = []
    for rel, path, kind, error in _walk(corpus_dir):
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            rejected.append(Rejection(_printable_path(rel), "bad_filename", "the file name is not valid UTF-8: rename the file"))
            continue
        if any(part.startswith(".") for part in rel.split("/")):
            rejected.append(Rejection(rel, "hidden", "hidden file or folder (name starts with '.'): not read"))
        elif kind == "unlistable":
            what = error.strerror if error is not None and error.strerror else error
            detail = f"cannot list or inspect this entry: {what}; nothing in it was read"
            rejected.append(Rejection(rel or ".", "unreadable", detail))
        elif kind == "special":
            rejected.append(Rejection(rel, "not_a_file", "not a regular file (FIFO, socket or device): not read"))
        elif kind == "symlink" and (problem := _symlink_problem(path)) is not None:
            rejected.append(Rejection(rel, *problem))
        elif path.suffix.lower() not in extensions:
            shown = f"extension '{path.suffix}'" if path.suffix else "no extension"
            rejected.append(Rejection(rel, "unsupported_type", f"{shown}: only {', '.join(extensions)} files are read"))
        else:
            take.append(path)
    return take, rejected


def _symlink_problem(path: Path) -> tuple[str, str] | None:
    """(reason, detail) when a symlink cannot be read as an article; None when it points to a regular file."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "broken_symlink", f"symbolic link to '{target}', which does not exist"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "broken_symlink", f"symbolic link to '{target}' is a loop"
        return "unreadable", f"symbolic link to '{target}' cannot be followed: {exc.strerror or exc}"
    if stat.S_ISDIR(st.st_mode):
        return "not_a_file", f"symbolic link to the folder '{target}': symlinked folders are not followed"
    if not stat.S_ISREG(st.st_mode):
        return "not_a_file", f"symbolic link to '{target}', which is not a regular file"
    return None


# --------------------------------------------------------------------------- decoding


def cjk_score(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation.

    A right reading of Chinese text scores about 0.9; GB bytes read as Big5 (or the other
    way round) score about 0.1, because a wrong codec maps byte pairs to characters spread
    over the whole table, mostly rare ones. Text with no non-ASCII character scores 1.
    """
    sample = text[:SCORE_SAMPLE]
    non_ascii = 0
    good = 0
    for ch in sample:
        if ch >= "\x80":
            non_ascii += 1
            if ch in COMMON:
                good += 1
    return good / non_ascii if non_ascii else 1.0


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _declared_codecs(label: str) -> list[str]:
    """Python codecs to try for a declared charset, best first (WHATWG: gb2312 means GBK, big5 means Big5-HKSCS)."""
    name = _codec_name(label)
    if name is None:
        return []
    family = CJK_FAMILY.get(name)
    if family == "gb":
        return ["gbk", "gb18030"] if name != "gb18030" else ["gb18030"]
    if family == "big5":
        return [name] + [c for c in ("big5", "cp950", "big5hkscs") if c != name]
    if name in ("iso8859-1", "ascii"):  # WHATWG reads both as windows-1252
        return ["cp1252", "iso8859-1"]
    return [name]


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, codec) for UTF-16 without a byte-order mark, else None.

    Both byte orders are tried; the reading taken must look like Chinese or plain ASCII
    text (cjk_score), so that binary data with NUL bytes is not taken for text.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text is not None and "\x00" not in text:
            score = cjk_score(text)
            if score >= MIN_CJK_SCORE and (best is None or score > best[0]):
                best = (score, text, codec)
    return (best[1], best[2]) if best else None


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return _codec_name(best.encoding) if best is not None else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, Python codec name); raises IngestError (binary, undecodable).

    ``declared`` is a charset the file names itself (an HTML <meta charset>): it is
    honoured when the bytes are not UTF-8, unless its reading is clearly worse.
    ``data.decode(encoding)`` gives back ``text`` exactly.
    """
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                name = enc.upper().removesuffix("-SIG")
                raise IngestError(
                    "undecodable", f"starts with a {name} byte-order mark but does not decode as {name}: {exc.reason}"
                ) from exc
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError("binary", f"contains NUL bytes ({data.count(0)} of {len(data)} bytes): not a text file")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc

    readings: list[tuple[float, str, str]] = []  # (score, codec, text), codecs in preference order
    seen: set[str] = set()
    declared_codec = None
    if declared:
        for codec in _declared_codecs(declared):
            text = _strict(data, codec)
            if text is not None:
                declared_codec = codec
                readings.append((cjk_score(text), codec, text))
                seen.add(text)
                break
    for codec in CJK_CODECS:
        text = _strict(data, codec)
        if text is not None and text not in seen:
            seen.add(text)
            readings.append((cjk_score(text), codec, text))

    best = max((r[0] for r in readings), default=0.0)
    if declared_codec is not None and (readings[0][0] >= best - DECLARED_MARGIN or best < MIN_CJK_SCORE):
        return readings[0][2], declared_codec
    if best >= MIN_CJK_SCORE:
        top = [r for r in readings if r[0] >= best - TIE_MARGIN]
        if len(top) > 1:  # a tie: charset-normalizer's family decides, else the higher score, else codec order
            family = CJK_FAMILY.get(_charset_normalizer_guess(data) or "")
            top = [r for r in top if CJK_FAMILY.get(r[1]) == family] or top
        chosen = max(top, key=lambda r: r[0])
        return chosen[2], chosen[1]

    guess = _charset_normalizer_guess(data)
    if guess in CJK_FAMILY:
        family = [r for r in readings if CJK_FAMILY.get(r[1]) == CJK_FAMILY[guess]]
        if family:
            chosen = max(family, key=lambda r: r[0])
            return chosen[2], chosen[1]
    if guess is not None and guess in FALLBACK_CODECS:
        text = _strict(data, guess)
        if text is not None:
            return text, guess
    raise IngestError("undecodable", _undecodable_detail(data, utf8_error, readings, guess))


def _undecodable_detail(data: bytes, utf8_error: UnicodeDecodeError, readings: list, guess: str | None) -> str:
    replaced = data.decode("utf-8", "replace")
    bad = replaced.count("\ufffd")
    if bad and bad <= max(3, len(replaced) // 100):
        return (
            f"looks like UTF-8 but {bad} byte sequence(s) are invalid (first at byte {utf8_error.start}: "
            f"{data[utf8_error.start:utf8_error.start + 4]!r}); re-save the file as UTF-8"
        )
    tried = ", ".join(r[1] for r in readings)
    parts = [f"not UTF-8 (invalid byte at {utf8_error.start})"]
    parts.append(f"{tried} decode it only to rare characters" if tried else "not GBK/GB18030/Big5 either")
    if guess:
        parts.append(f"charset-normalizer guesses {guess}, which is not supported")
    return "; ".join(parts)


def check_text(text: str) -> None:
    """Reject decoded text that is not prose: mostly control characters."""
    if not text:
        return
    n_control = len(CONTROL.findall(text))
    if n_control > MAX_CONTROL_SHARE * len(text):
        share = n_control / len(text)
        raise IngestError("binary", f"{n_control} of {len(text)} characters ({share:.0%}) are control characters: not text")


def has_visible_chars(text: str, n: int) -> bool:
    """At least ``n`` characters of ``text`` are no whitespace: found by scanning only as far
    as the n-th (counting them all visited every character of every document)."""
    return n <= 0 or next(islice(NON_SPACE.finditer(text), n - 1, None), None) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (<meta charset>, http-equiv, <?xml encoding>)."""
    m = HTML_CHARSET.search(data[:HTML_CHARSET_WINDOW])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "replace")
    return label if _codec_name(label) else None


# --------------------------------------------------------------------------- metadata


def _scalar(value: object, limit: int | None = 500) -> str | None:
    """A metadata value as a string; None for missing, empty or structured values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        out = str(value).strip()
        return (out[:limit] if limit else out) or None
    return None


def _head(text: str) -> str:
    return "\n".join(text[:DATE_HEAD_CHARS].split("\n")[:DATE_HEAD_LINES])


def _date_in(text: str) -> str | None:
    for m in FULL_DATE.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        try:
            return dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
    for m in YEAR_MONTH.finditer(text):
        y, mo = (int(g) for g in m.groups())
        if 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}"
    return None


def find_date(meta_date: object, text: str) -> str | None:
    """YYYY-MM-DD (or YYYY-MM) from the metadata's date, else from the text's first lines."""
    if isinstance(meta_date, dt.date):
        return meta_date.isoformat()[:10]
    raw = _scalar(meta_date)
    if raw:
        found = _date_in(raw)
        if found:
            return found
    return _date_in(_head(text))


# lines that are page furniture, not a title: breadcrumbs, bylines, dates, view counts
NOT_A_TITLE = re.compile(
    r"^[>»]|^(date|source|by)\b|撰文|來源|来源|作者|記者|记者|更新|發布|发布|查看|閱讀|阅读|\d{4}\s*[-/.年]\s*\d{1,2}", re.I
)


def first_line(text: str, markdown: bool = False) -> str | None:
    """The first non-empty line that is not page furniture (breadcrumbs, bylines, dates),
    without Markdown heading or quote marks, at most 200 characters; else the first line."""
    pos = 0
    n = len(text)
    fallback = None
    for _ in range(20):  # a title is near the top
        if pos >= n:
            break
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line = text[pos:end].strip()
        if markdown:
            line = line.lstrip("#>").strip()
        if line:
            fallback = fallback or line[:200]
            if not NOT_A_TITLE.search(line[:40]):
                return line[:200]
        pos = end + 1
    return fallback


# --------------------------------------------------------------------------- HTML


def _finish_line(raw: str) -> str:
    """Collapse a line's whitespace; a source line break between two Chinese characters vanishes."""

    def repl(m: re.Match) -> str:
        if "\n" in m.group():
            s = m.string
            before = s[m.start() - 1] if m.start() > 0 else ""
            after = s[m.end()] if m.end() < len(s) else ""
            if before and after and CJK_CHAR.match(before) and CJK_CHAR.match(after):
                return ""
        return " "

    return LINE_WS.sub(repl, raw).strip()


def _soft_space(m: re.Match) -> str:
    """A whitespace run in HTML text: a soft line break if it holds one, else a space."""
    run = m.group()
    return "\n" if "\n" in run or "\r" in run else " "


def _html_meta(soup) -> dict:
    metas: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            metas.setdefault(key.strip().lower(), content.strip())
    meta: dict[str, str] = {}
    title = soup.find("title")
    title_text = _finish_line(HTML_WS.sub(" ", title.get_text())) if title is not None else ""
    if title_text:
        meta["title"] = title_text
    elif metas.get("og:title"):
        meta["title"] = metas["og:title"]
    canonical = soup.find("link", rel="canonical")
    url = metas.get("og:url") or (canonical.get("href") if canonical is not None else None)
    if isinstance(url, str) and url.strip():
        meta["url"] = url.strip()
    for key in ("article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date", "og:published_time"):
        if metas.get(key):
            meta["date"] = metas[key]
            break
    else:
        time = soup.find("time", datetime=True)
        if time is not None and isinstance(time["datetime"], str):
            meta["date"] = time["datetime"]
    author = metas.get("author") or metas.get("article:author")
    if author:
        meta["author"] = author
    site = metas.get("og:site_name") or metas.get("application-name")
    if site:
        meta["outlet"] = site
    return meta


def html_to_text(html: str) -> tuple[str, dict]:
    """(body text, metadata) of an HTML page.

    Body text only: script, style, head, nav, header, footer, aside, form controls and
    elements with the ``hidden`` attribute are left out; entities are decoded; <br> and
    block elements (p, div, li, h1 ...) end lines; whitespace inside a line is collapsed
    (a line break between Chinese characters is dropped, as browsers do). One line per
    block, joined with \\n.
    """
    from bs4 import BeautifulSoup
    from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    soup = BeautifulSoup(html, "html.parser")
    meta = _html_meta(soup)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _finish_line("".join(current))
        if line:
            lines.append(line)
        current.clear()

    skip_strings = (Comment, Declaration, Doctype, ProcessingInstruction)
    in_pre = 0
    stack: list[tuple[object, bool]] = [(soup.body or soup, False)]
    while stack:  # iterative: deeply nested pages cannot overflow the stack
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if isinstance(node, skip_strings):
                continue
            if in_pre:
                first, *rest = str(node).replace("\r\n", "\n").replace("\r", "\n").split("\n")
                # spaces inside <pre> are protected from collapsing as no-break spaces, restored below
                current.append(first.replace(" ", "\u00a0"))
                for piece in rest:
                    flush()
                    current.append(piece.replace(" ", "\u00a0"))
            else:
                current.append(HTML_WS.sub(_soft_space, str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name.lower()
        if closing:
            if name == "pre":
                in_pre -= 1
            if name in HTML_BLOCKS:
                flush()
            elif name in HTML_CELLS:
                current.append(" ")
            continue
        if name in HTML_DROP or node.has_attr("hidden"):
            continue
        if name == "br":
            flush()
            continue
        if name in HTML_BLOCKS:
            flush()
        if name == "pre":
            in_pre += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    text = "\n".join(line.replace("\u00a0", " ") for line in lines)
    return text + ("\n" if lines else ""), meta


# --------------------------------------------------------------------------- documents


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_FORMATS:
        return "html"
    if suffix in MD_FORMATS:
        return "md"
    return "txt"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise IngestError("not_a_file", "not a regular file: not read")
        if st.st_size > max_bytes:
            raise IngestError("too_large", f"{st.st_size:,} bytes is over ingest.max_bytes={max_bytes:,}")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError("unreadable", f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # grew since stat
        raise IngestError("too_large", f"more than ingest.max_bytes={max_bytes:,} bytes")
    return data


def read_document(path: Path, rel: str, cfg: IngestConfig, models_dir: Path = DEFAULT_MODELS) -> dict:
    """One file -> a documents row. Raises IngestError with the reason on bad input.

    models_dir: where outlets.yaml is (outlet and region of the document)."""
    data = _read_bytes(path, cfg.max_bytes)
    if not data:
        raise IngestError("empty", "the file is empty (0 bytes)")
    fmt = _format(path)
    text, encoding = decode(data, declared=declared_charset(data) if fmt == "html" else None)
    check_text(text)
    if not text.strip():
        raise IngestError("empty", "the file holds only whitespace")
    if fmt == "html":
        text, meta = html_to_text(text)
        body = text
        if not text.strip():
            raise IngestError("empty", "the HTML page has no body text (scripts, styles, nav, header, footer are left out)")
    else:
        meta, body_start = parse_front_matter(text)
        body = text[body_start:]
    if not has_visible_chars(text, cfg.min_chars):
        visible = len(text) - sum(map(str.isspace, text))
        raise IngestError("too_short", f"only {visible} visible characters (ingest.min_chars={cfg.min_chars})")
    title = _scalar(meta.get("title"), 200) or first_line(body, markdown=fmt == "md") or first_line(text)
    url = _scalar(meta.get("url"), None)
    # the date: metadata, else the page's first lines, else the URL (the page's own, or one on its first lines)
    date = find_date(meta.get("date"), body) or day_first_date(_head(body))
    if date is None or len(date) < len("YYYY-MM-DD"):  # a day from the URL beats a month from the page
        from_url = date_in_url(url) or date_in_url(page_url(body))
        if from_url and (date is None or len(from_url) > len(date)):
            date = from_url
    outlet, region = detect_outlet(meta, url, body, load_outlets(Path(models_dir)))
    return {
        "doc_id": path.stem,
        "source_path": rel,
        "format": fmt,
        "encoding": encoding,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": title,
        "url": url,
        "date": date,
        "author": _scalar(meta.get("author"), 200),
        "script": detect_script(text),
        "n_chars": len(text),
        "text": text,
        "outlet": outlet,
        "region": region,
    }


def ingest_file(path: Path, corpus_dir: Path, cfg: IngestConfig, models_dir: Path = DEFAULT_MODELS) -> dict | Rejection:
    """A documents row, or the Rejection saying why not. Never raises for a bad file."""
    rel = Path(path).relative_to(corpus_dir).as_posix()
    try:
        return read_document(Path(path), rel, cfg, models_dir)
    except IngestError as exc:
        return Rejection(rel, exc.reason, exc.detail)
    except Exception as exc:  # a bug must not stop the run: record it and go on
        return Rejection(rel, "internal_error", f"unexpected {type(exc).__name__} while reading: {exc}"[:500])


def ingest_corpus(
    corpus_dir: Path, cfg: IngestConfig, models_dir: Path = DEFAULT_MODELS, dedup: DedupConfig | None = None
) -> tuple[list[dict], list[Rejection]]:
    """All documents of a folder, in path order, plus every file that was not taken and why (sorted by path).

    Two files with the same stem (a.txt and a.html) would share a doc_id: the
    later one in path order is rejected as a duplicate id rather than silently overwriting.
    Copies of one article are kept, each marked ``duplicate_of`` its first copy (see :mod:`pipeline.dedup`).
    """
    deduper = Deduper(dedup or DedupConfig())
    corpus_dir = Path(corpus_dir)
    paths, rejected = discover(corpus_dir, cfg)
    docs: list[dict] = []
    seen: dict[str, str] = {}
    for path in paths:
        result = ingest_file(path, corpus_dir, cfg, models_dir)
        if isinstance(result, Rejection):
            rejected.append(result)
        elif result["doc_id"] in seen:
            detail = f"doc_id {result['doc_id']} is already taken by {seen[result['doc_id']]}"
            rejected.append(Rejection(result["source_path"], "duplicate_id", detail))
        else:
            seen[result["doc_id"]] = result["source_path"]
            result["duplicate_of"] = deduper.check(result["doc_id"], result["text"])
            docs.append(result)
    rejected.sort(key=lambda r: r.source_path)
    return docs, rejected
