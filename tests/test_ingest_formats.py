"""Ingest of CSV, HTML, RSS/Atom and gzip'd inputs, the not-English quarantine and very long
documents: real files written to tmp folders, read through `iter_documents` and the real CLI."""

from __future__ import annotations

import gzip
import io
import json
import socket

import duckdb
import pytest

from detente.errors import InputError
from detente.ingest import CsvColumns, html_to_text, input_format, iter_documents, read_stream
from detente.language import ENGLISH_MIN_SHARE, LANGUAGE_MIN_WORDS, language_evidence
from detente.records import Document, Skipped

from .conftest import SHARED, run_cli

CORPUS = SHARED / "data" / "corpus"


def _write(path, data: bytes | str) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def _kinds(items) -> list[str]:
    return [type(i).__name__ for i in items]


# --------------------------------------------------------------------------- CSV

MAPPED_CSV = """headline,body,day,link,outlet,ref,section
Sanctions,Washington imposed new sanctions on Moscow.,2017-07-28,https://example.org/a,Wire,a1,world
Too many,fields,2017-07-29,https://example.org/b,Wire,b1,world,extra
No text,,2017-07-30,https://example.org/c,Wire,c1,world
Drills,"Russia and China held joint naval exercises.
They ended on Friday.",2017-07-31,https://example.org/d,Wire,d1,world
"""


def test_ingest_csv_columns_are_mapped_and_malformed_rows_skipped_with_line_and_reason(tmp_path):
    path = _write(tmp_path / "news.csv", MAPPED_CSV)
    columns = CsvColumns(text="body", title="headline", date="day", url="link", source="outlet", id="ref")
    items = list(iter_documents([path], csv_columns=columns))
    assert _kinds(items) == ["Document", "Skipped", "Skipped", "Document"]
    first, too_many, no_text, drills = items
    assert (first.text, first.title, first.published, first.url, first.source) == (
        "Washington imposed new sanctions on Moscow.", "Sanctions", "2017-07-28", "https://example.org/a", "Wire")
    assert first.meta == {"id": "a1", "section": "world"} and first.origin == f"{path}:2"
    assert (too_many.position, too_many.reason) == ("3", "malformed row") and "8 fields" in too_many.detail
    assert (no_text.position, no_text.reason) == ("4", "no text") and "'body'" in no_text.detail
    assert f"{path}:3: malformed row" in too_many.message()
    # a quoted field over two lines: the record starts on line 5
    assert drills.origin == f"{path}:5" and drills.text == "Russia and China held joint naval exercises.\nThey ended on Friday."


def test_ingest_csv_default_columns_need_no_mapping(tmp_path):
    path = _write(tmp_path / "d.csv", "id,title,date,source,url,text\n7,T,2019-05-22,wire,http://e.org/7,China condemned Japan.\n")
    [doc] = iter_documents([path])
    assert (doc.title, doc.published, doc.source, doc.url, doc.meta) == ("T", "2019-05-22", "wire", "http://e.org/7", {"id": "7"})


@pytest.mark.parametrize("data, columns, position, reason", [
    ("body\nsome text\n", CsvColumns(), "1", "missing column"),  # no `text` column
    ("text\nsome text\n", CsvColumns(title="headline"), "1", "missing column"),  # a renamed column must exist
    ("", CsvColumns(), "", "empty"),
    ("text\n", CsvColumns(), "", "empty"),
    (b"PK\x03\x04\x00\x00\x00binary", CsvColumns(), "", "binary"),
])
def test_ingest_csv_file_that_cannot_be_read_is_one_skip(tmp_path, data, columns, position, reason):
    path = _write(tmp_path / "bad.csv", data)
    [item] = iter_documents([path], csv_columns=columns)
    assert isinstance(item, Skipped) and (item.origin, item.position, item.reason) == (path, position, reason)


@pytest.mark.parametrize("row, reason", [
    (b'"an unclosed quote,x\n', "malformed row"),
    (b'"a"b,x\n', "malformed row"),
    (b"caf\xe9 in latin-1,x\n", "not UTF-8"),
    (b'"",x\n', "no text"),
])
def test_ingest_csv_bad_row_is_skipped_and_the_others_kept(tmp_path, row, reason):
    good = b"Russia condemned Ukraine.,y\n"
    path = _write(tmp_path / "rows.csv", b"text,tag\n" + good + row + (good if b"unclosed" not in row else b""))
    items = list(iter_documents([path]))
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [(s.position, s.reason) for s in skipped] == [("3", reason)]
    assert isinstance(items[0], Document) and items[0].text == "Russia condemned Ukraine."
    assert _kinds(items).count("Document") == (1 if b"unclosed" in row else 2)


def test_ingest_csv_column_names_must_not_be_empty():
    with pytest.raises(InputError, match="--csv-text"):
        CsvColumns(text=" ")


def test_ingest_csv_cell_may_hold_a_long_document(tmp_path):
    text = "Washington imposed new sanctions on Moscow. " * 10_000  # 440 kB, over csv's 128 KiB default
    path = _write(tmp_path / "long.csv", f'text\n"{text}"\n')
    [doc] = iter_documents([path])
    assert isinstance(doc, Document) and doc.text == text


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russia and China hold drills | Example News</title>
<meta property="og:title" content="Russia and China hold joint naval drills">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-05-22T08:00:00Z">
<link rel="canonical" href="https://news.example.org/2019/05/22/drills">
<link rel="stylesheet" href="https://cdn.example.org/site.css">
<script src="https://cdn.example.org/tracker.js"></script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Russia and China hold joint naval drills</h1>
<p>Russia and China held joint naval exercises in the Sea of Japan on Tuesday, the defence ministry in Moscow said.</p>
<p>Washington criticised the drills and said it would watch them closely. Beijing rejected the criticism.</p>
<img src="https://cdn.example.org/ships.jpg" alt="ships">
</article>
<footer>Copyright 2019 Example News. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def test_ingest_html_page_gives_main_text_title_date_and_url(tmp_path):
    [doc] = iter_documents([_write(tmp_path / "drills.html", PAGE)])
    assert isinstance(doc, Document)
    assert "held joint naval exercises in the Sea of Japan" in doc.text and "Beijing rejected the criticism." in doc.text
    assert "Copyright" not in doc.text and "Sport" not in doc.text
    assert (doc.title, doc.published, doc.url, doc.source) == (
        "Russia and China hold joint naval drills", "2019-05-22", "https://news.example.org/2019/05/22/drills", "Example News")


def test_ingest_html_without_date_takes_the_report_date_flag(tmp_path):
    page = "<html><body><article><p>China condemned Japan over the islands dispute on Friday, officials said.</p></article></body></html>"
    [doc] = iter_documents([_write(tmp_path / "p.htm", page)], default_date="2013-11-29")
    assert isinstance(doc, Document) and doc.published == "2013-11-29" and doc.text.startswith("China condemned Japan")


@pytest.mark.parametrize("page", [
    "<html><head><title>Nothing here</title></head><body></body></html>",
    "<html><head><script>var a = 1;</script></head><body><script>track();</script></body></html>",
])
def test_ingest_html_with_no_text_is_skipped(tmp_path, page):
    path = _write(tmp_path / "empty.html", page)
    [item] = iter_documents([path])
    assert isinstance(item, Skipped) and (item.origin, item.reason) == (path, "no text")


# --------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>World Wire</title><link>https://wire.example.org/</link><description>World news</description>
<item><title>New sanctions</title><link>https://wire.example.org/sanctions</link><guid>wire-1</guid>
<pubDate>Fri, 28 Jul 2017 23:30:00 -0400</pubDate>
<description>&lt;p&gt;Washington imposed new &lt;b&gt;sanctions&lt;/b&gt; on Moscow.&lt;/p&gt;&lt;p&gt;Russia &amp;amp; China objected.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</description></item>
<item><title>Only a title</title><link>https://wire.example.org/empty</link></item>
<item><title>Talks</title><link>https://wire.example.org/talks</link>
<description>Chinese and Russian diplomats held talks in Geneva.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id><updated>2019-05-23T00:00:00Z</updated>
<entry><title>Drills</title><id>urn:desk:1</id><link href="https://desk.example.org/1"/>
<published>2019-05-21T22:00:00-05:00</published><updated>2019-05-23T09:00:00Z</updated>
<content type="html">&lt;p&gt;Russia and China held joint naval exercises.&lt;/p&gt;</content>
<summary>A short summary.</summary></entry>
<entry><title>Summary only</title><id>urn:desk:2</id><link href="https://desk.example.org/2"/>
<updated>2019-05-24T09:00:00Z</updated><summary>Japan protested to China.</summary></entry>
</feed>"""


def test_ingest_rss_entries_are_documents_with_their_own_dates_links_and_text(tmp_path):
    path = _write(tmp_path / "wire.rss", RSS)
    items = list(iter_documents([path], default_date="2000-01-01"))
    assert _kinds(items) == ["Document", "Skipped", "Document"]
    first, empty, talks = items
    assert first.text == "Washington imposed new sanctions on Moscow.\n\nRussia & China objected."
    assert (first.title, first.url, first.source, first.meta) == (
        "New sanctions", "https://wire.example.org/sanctions", "World Wire", {"id": "wire-1"})
    assert first.published == "2017-07-28"  # the publisher's own day, not the UTC one (the 29th)
    assert first.origin == f"{path}:entry 1"
    assert (empty.position, empty.reason) == ("entry 2", "no text")
    assert talks.published == "2000-01-01"  # no date in the entry: the --date flag


def test_ingest_atom_entries_take_content_else_summary_and_published_else_updated(tmp_path):
    drills, summary = iter_documents([_write(tmp_path / "desk.atom", ATOM)])
    assert (drills.text, drills.published, drills.url, drills.source) == (
        "Russia and China held joint naval exercises.", "2019-05-21", "https://desk.example.org/1", "Atom Desk")
    assert (summary.text, summary.published) == ("Japan protested to China.", "2019-05-24")


@pytest.mark.parametrize("name, data, reason", [
    ("config.xml", "<?xml version='1.0'?><config><port>80</port></config>", "not a feed"),
    ("page.rss", "<html><body>Moved</body></html>", "not a feed"),
    ("none.atom", "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>", "empty"),
])
def test_ingest_file_that_is_not_a_usable_feed_is_skipped(tmp_path, name, data, reason):
    path = _write(tmp_path / name, data)
    [item] = iter_documents([path])
    assert isinstance(item, Skipped) and (item.origin, item.reason) == (path, reason)


def test_ingest_truncated_feed_keeps_what_was_read_and_says_it_is_malformed(tmp_path):
    data = RSS[: RSS.index("<item><title>Talks")] + "<item><title>Tal"
    items = list(iter_documents([_write(tmp_path / "cut.rss", data)]))
    assert isinstance(items[0], Document) and items[0].title == "New sanctions"
    assert isinstance(items[-1], Skipped) and items[-1].reason == "malformed feed"


def test_ingest_html_and_feeds_never_touch_the_network(tmp_path, monkeypatch):
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network use in ingest")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    feed = RSS.replace('<?xml version="1.0" encoding="UTF-8"?>',
                       '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE rss SYSTEM "http://dtd.example.org/rss.dtd">')
    items = list(iter_documents([_write(tmp_path / "a.html", PAGE), _write(tmp_path / "b.rss", feed)]))
    assert _kinds(items) == ["Document", "Document", "Skipped", "Document"] and attempts == []


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    assert html_to_text("<div>One <i>two</i></div><script>x()</script><p>Three &amp; four</p>") == "One two\n\nThree & four"


# --------------------------------------------------------------------------- gzip, folders, stdin

def test_ingest_gzipped_jsonl_and_csv_read_like_the_plain_files(tmp_path):
    jsonl = (json.dumps({"text": "Russia condemned Ukraine.", "date": "2014-03-01"}) + "\n{broken\n").encode()
    csv_data = MAPPED_CSV.replace("body", "text").encode()
    plain = list(iter_documents([_write(tmp_path / "a.jsonl", jsonl), _write(tmp_path / "b.csv", csv_data)]))
    zipped = list(iter_documents([_write(tmp_path / "a.jsonl.gz", gzip.compress(jsonl)),
                                  _write(tmp_path / "b.csv.gz", gzip.compress(csv_data))]))
    assert _kinds(zipped) == _kinds(plain) == ["Document", "Skipped", "Document", "Skipped", "Skipped", "Document"]
    assert [i.doc_id for i in zipped if isinstance(i, Document)] == [i.doc_id for i in plain if isinstance(i, Document)]
    assert [(i.position, i.reason) for i in zipped if isinstance(i, Skipped)] == [
        (i.position, i.reason) for i in plain if isinstance(i, Skipped)]
    assert zipped[1].origin.endswith("a.jsonl.gz") and zipped[1].position == "2"


@pytest.mark.parametrize("name, data", [
    ("fake.jsonl.gz", b'{"text": "not compressed at all"}\n'),
    ("cut.csv.gz", gzip.compress(b"text\n" + b"Russia condemned Ukraine.\n" * 2000)[:-40]),
])
def test_ingest_bad_gzip_is_skipped_with_reason(tmp_path, name, data):
    path = _write(tmp_path / name, data)
    items = list(iter_documents([path]))
    assert isinstance(items[-1], Skipped) and (items[-1].origin, items[-1].reason) == (path, "bad gzip")


def test_ingest_folder_reads_every_input_format_in_name_order(tmp_path):
    _write(tmp_path / "a.csv", "text\nChina condemned Japan.\n")
    _write(tmp_path / "b.csv.gz", gzip.compress(b"text\nJapan condemned China.\n"))
    _write(tmp_path / "c.html", PAGE)
    _write(tmp_path / "d.jsonl.gz", gzip.compress(b'{"text": "Iran condemned Israel."}\n'))
    _write(tmp_path / "e.atom", ATOM)
    _write(tmp_path / "f.xml", RSS)
    _write(tmp_path / "g.txt", "India condemned Pakistan.")
    _write(tmp_path / "ignored.pdf", b"%PDF-1.4")
    origins = [i.origin.rsplit("/", 1)[-1] for i in iter_documents([str(tmp_path)]) if isinstance(i, Document)]
    assert origins == ["a.csv:2", "b.csv.gz:2", "c.html", "d.jsonl.gz:1", "e.atom:entry 1", "e.atom:entry 2",
                       "f.xml:entry 1", "f.xml:entry 3", "g.txt"]


@pytest.mark.parametrize("name, kind", [
    ("a.CSV", "csv"), ("a.csv.gz", "csv.gz"), ("a.jsonl.gz", "jsonl.gz"), ("a.ndjson.gz", "jsonl.gz"), ("a.txt.gz", None),
    ("a.htm", "html"), ("a.xml", "feed"), ("a.rss", "feed"), ("a.md", "text"), ("a.gz", None), ("a.pdf", None),
])
def test_ingest_input_format_by_file_name(tmp_path, name, kind):
    assert input_format(tmp_path / name) == kind


@pytest.mark.parametrize("data, first_text", [
    (RSS.encode(), "Washington imposed new sanctions on Moscow.\n\nRussia & China objected."),
    (PAGE.encode(), None),
    (gzip.compress(b'{"text": "Russia condemned Ukraine."}\n'), "Russia condemned Ukraine."),
])
def test_ingest_standard_input_recognises_feeds_html_and_gzip(data, first_text):
    items = list(read_stream(io.BytesIO(data), "<stdin>"))
    assert isinstance(items[0], Document)
    if first_text:
        assert items[0].text == first_text
    else:
        assert "Sea of Japan" in items[0].text and items[0].title == "Russia and China hold joint naval drills"


@pytest.mark.parametrize("name", ["x.txt", "x.html", "x.rss", "x.xml", "x.csv", "x.csv.gz", "x.jsonl.gz"])
@pytest.mark.parametrize("data", [
    "\u00a0\u2003\x1c\n".encode(),  # only Unicode whitespace: once an IndexError in read_text
    bytes(range(256)),
    b"<", b'"', b"<rss version='2.0'><channel><item><description>\xff\xfe",
    b"<html><body><p>\xc3\x28 broken</p>", b"\x1f\x8b\x08\x00",
])
def test_ingest_odd_bytes_in_any_format_give_documents_or_skips_with_a_reason(tmp_path, name, data):
    path = _write(tmp_path / name, data)
    items = list(iter_documents([path]))
    assert items and all(isinstance(i, Document) or (isinstance(i, Skipped) and i.reason) for i in items)


def test_ingest_whitespace_only_text_on_standard_input_is_empty():
    [item] = read_stream(io.BytesIO("\u00a0\u2003\n".encode()), "<stdin>")
    assert isinstance(item, Skipped) and item.reason == "empty"


# --------------------------------------------------------------------------- not English

FOREIGN = {
    "French": "Le ministre russe des Affaires étrangères a rencontré mardi son homologue chinois à Pékin. Les deux pays "
              "ont annoncé qu'ils allaient renforcer leur coopération militaire et économique, malgré les sanctions "
              "imposées par les États-Unis et l'Union européenne. Selon le communiqué, les deux parties sont convenues "
              "d'organiser des exercices navals conjoints dans la mer du Japon avant la fin de l'année.",
    "German": "Der russische Außenminister hat am Dienstag seinen chinesischen Amtskollegen in Peking getroffen. Beide "
              "Länder kündigten an, ihre militärische und wirtschaftliche Zusammenarbeit trotz der von den Vereinigten "
              "Staaten und der Europäischen Union verhängten Sanktionen auszubauen. Nach Angaben des Ministeriums "
              "wollen die beiden Staaten noch in diesem Jahr ein gemeinsames Marinemanöver im Japanischen Meer abhalten.",
    "Spanish": "El ministro ruso de Asuntos Exteriores se reunió el martes con su homólogo chino en Pekín. Ambos países "
               "anunciaron que reforzarán su cooperación militar y económica, a pesar de las sanciones impuestas por "
               "Estados Unidos y la Unión Europea. Según el comunicado, las dos partes acordaron celebrar maniobras "
               "navales conjuntas en el mar de Japón antes de que termine el año.",
    "Russian": "Министр иностранных дел России во вторник встретился со своим китайским коллегой в Пекине. Обе страны "
               "объявили, что расширят военное и экономическое сотрудничество, несмотря на санкции, введённые США и "
               "Европейским союзом. Согласно заявлению, стороны договорились провести совместные военно-морские "
               "учения в Японском море до конца года.",
    "Chinese": "俄罗斯外交部长星期二在北京会见了中国外交部长。两国宣布，尽管美国和欧盟实施了制裁，双方仍将加强军事和经济合作。"
               "根据声明，双方同意在年底前在日本海举行联合海上军事演习。",
}
ENGLISH = ("Russia's foreign minister met his Chinese counterpart in Beijing on Tuesday. The two countries announced "
           "that they would strengthen their military and economic cooperation despite the sanctions imposed by the "
           "United States and the European Union. According to the statement, the two sides agreed to hold joint "
           "naval exercises in the Sea of Japan before the end of the year.")


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_ingest_non_english_text_is_skipped_with_the_measured_figure(tmp_path, language):
    path = _write(tmp_path / f"{language}.txt", FOREIGN[language])
    [item] = iter_documents([path])
    assert isinstance(item, Skipped) and (item.origin, item.reason) == (path, "not English")
    assert "%" in item.detail and ("function words" in item.detail or "not Latin script" in item.detail)


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_ingest_non_english_rows_are_skipped_in_jsonl_csv_and_feeds_alike(tmp_path, language):
    text = FOREIGN[language]
    jsonl = _write(tmp_path / "rows.jsonl", json.dumps({"text": ENGLISH}) + "\n" + json.dumps({"text": text}) + "\n")
    csv_path = _write(tmp_path / "rows.csv", f'text\n"{ENGLISH}"\n"{text}"\n')
    skipped = [(i.origin, i.position, i.reason) for i in iter_documents([jsonl, csv_path]) if isinstance(i, Skipped)]
    assert skipped == [(jsonl, "2", "not English"), (csv_path, "3", "not English")]


@pytest.mark.parametrize("text", [
    ENGLISH,
    # an English results table: no function words of any language
    "Shr 19 cts vs 16 cts\n\nNet 502,000 vs 401,000\n\nRevs 8,791,000 vs 6,650,000\n\nSix mths\n\nShr 38 cts vs 29 cts\n\n"
    "Net 989,000 vs 745,000\n\nRevs 16.3 mln vs 12.9 mln\n\nNOTE: Company's full name is Example Holdings Inc",
    # English with a long Russian quotation
    ENGLISH + " The minister said: «" + FOREIGN["Russian"][:120] + "»",
    # too short to tell: always coded
    "Der Außenminister traf seinen Kollegen in Peking.",
])
def test_ingest_english_text_and_short_texts_are_not_flagged(tmp_path, text):
    [item] = iter_documents([_write(tmp_path / "en.txt", text)])
    assert isinstance(item, Document)


def test_language_evidence_measures_function_word_shares():
    english, french = language_evidence(ENGLISH), language_evidence(FOREIGN["French"])
    assert english.english > 0.25 and english.other == 0.0 and english.words >= LANGUAGE_MIN_WORDS
    assert french.english < ENGLISH_MIN_SHARE and french.other > 0.2 and french.not_english()
    assert language_evidence(FOREIGN["Chinese"]).non_latin == 1.0


def _spread(path, n: int = 2000) -> list[str]:
    """`n` lines taken evenly across a corpus file (all of them when it has fewer)."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]  # not splitlines: U+2028 is in texts
    step = max(1, len(lines) // n)
    return lines[::step][:n]


@pytest.mark.parametrize("corpus", ["bbc_news_2004_2005", "reuters21578", "un_general_debate_1990_2024", "wikinews_2019_2020"])
def test_ingest_real_english_corpora_are_never_flagged_as_not_english(corpus):
    path = CORPUS / f"{corpus}.jsonl"
    assert path.exists(), f"corpus {path} is missing: ../shared must sit beside the repository"
    rows = [json.loads(line) for line in _spread(path)]
    flagged = [(r["id"], why) for r in rows if (why := language_evidence(r["text"]).not_english())]
    assert len(rows) >= 294 and flagged == []


# --------------------------------------------------------------------------- long documents and the CLI

def test_cli_codes_a_5_mb_document_without_rejecting_it(tmp_path):
    filler = ("The committee met again in the afternoon to review the budget figures for the coming year. "
              "Officials said the numbers would be published once the auditors had finished their work. ")
    text = ("Washington imposed new sanctions on Moscow on Tuesday. " + filler * (5_000_000 // len(filler))
            + "China and Russia held joint naval exercises in the Sea of Japan.")
    assert len(text) >= 4_990_000 and "\n" not in text  # one 5 MB paragraph: the parser must cut it
    db = tmp_path / "big.duckdb"
    result = run_cli("code", _write(tmp_path / "big.txt", text), "--db", str(db), "--date", "2017-07-28")
    assert result.returncode == 0, result.stderr.decode()
    assert "1 new documents" in result.stdout.decode() and "0 skipped" in result.stdout.decode()
    rows = [json.loads(line) for line in run_cli("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    found = {(r["source_country"], r["target_country"], r["cameo_root"]) for r in rows}
    assert {("USA", "RUS", "16"), ("CHN", "RUS", "06"), ("RUS", "CHN", "06")} <= found  # first and last sentence


def test_cli_code_csv_mapping_flags_and_skipped_rows(tmp_path):
    path = _write(tmp_path / "news.csv", MAPPED_CSV)
    db = tmp_path / "csv.duckdb"
    result = run_cli("code", path, "--db", str(db), "--csv-text", "body", "--csv-title", "headline", "--csv-date", "day",
                     "--csv-url", "link", "--csv-source", "outlet", "--csv-id", "ref")
    err = result.stderr.decode()
    assert result.returncode == 1 and f"{path}:3: malformed row" in err and f"{path}:4: no text" in err
    assert "2 new documents" in result.stdout.decode()
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT title, published, url, source FROM documents ORDER BY published").fetchall()
    finally:
        con.close()
    assert docs == [("Sanctions", "2017-07-28", "https://example.org/a", "Wire"),
                    ("Drills", "2017-07-31", "https://example.org/d", "Wire")]
    rows = [json.loads(line) for line in run_cli("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert ("USA", "RUS", "16", "2017-07-28") in {(r["source_country"], r["target_country"], r["cameo_root"], r["report_date"])
                                                  for r in rows}


def test_cli_code_reports_non_english_input_as_skipped(tmp_path):
    path = _write(tmp_path / "fr.txt", FOREIGN["French"])
    result = run_cli("code", path, "--db", str(tmp_path / "fr.duckdb"))
    assert result.returncode == 1 and f"{path}: not English (English function words are 0.0%" in result.stderr.decode()
