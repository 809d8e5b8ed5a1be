"""A cheap test of whether a text is English, so that other languages are quarantined, not
coded into nonsense. No model and no dependency: the share of very common function words."""

from __future__ import annotations

import re
from dataclasses import dataclass


# Very common English function words. None of them is a common word of another language
# written in the Latin alphabet ("a", "in", "an", "on", "was", "will", "also", "die", "no", "as",
# "do" are left out for that reason), so in French, German or Spanish text their share is near 0.
ENGLISH_FUNCTION_WORDS = frozenset("""
    the of and to that for it with by be at are this from have had has not but or they she we
    his her their its which would been were who after than more about into there can all them
    these those other over such only when what could should between under against during while
    before through our you your any being did does how
""".split())

# Function words of other languages written in the Latin alphabet (French, German, Spanish,
# Italian, Portuguese, Dutch, Swedish/Danish/Norwegian, Turkish, Indonesian/Malay, Polish,
# Vietnamese), leaving out every form that is also an English word, abbreviation or a common
# part of names ("per", "con", "non", "al-", "van", "sin", "met", "hat", "die").
OTHER_FUNCTION_WORDS = frozenset("""
    de la le les des et est une du en que qui dans sur au aux avec ce cette il elle ils nous vous
    sont été être ont leur lui mais ou où
    der das und ist nicht dem ein eine einer eines einem mit sich auf für von zu zum zur auch
    wird werden wurde wurden nach bei aus wie oder sie wir ich haben sind noch nur über durch gegen
    im ihr ihre sein seine seinen seiner dieser diese diesem dieses dass daß kein keine vom beim
    zwischen sowie bereits jedoch soll sollen kann können muss müssen
    el los las del por una para es se lo su sus como más pero fue ha han este esta entre sobre
    también muy hasta cuando donde porque
    di che della delle dei degli sono nel nella alla anche gli è questo questa essere stato
    um uma não da das dos mais pelo pela pelos pelas foi é são muito ao às em nas nos seu sua seus suas
    het een niet zijn dat wordt voor ook maar naar worden hebben werd
    och att som är för på inte ikke og det
    ve bir bu için ile olarak daha çok gibi olan ki ise ancak ama kadar sonra önce veya hem şu diye göre
    yang dengan untuk ini itu dari tidak akan dalam adalah pada
    się nie że jest oraz przez dla jego ich
    của và các là được trong người những một có với không này
""".split())

LANGUAGE_SAMPLE_CHARS = 20_000  # the check reads the start of a text only: it stays cheap for 5 MB documents
LANGUAGE_MIN_WORDS = 20  # shorter texts are too short to tell and are always coded
LANGUAGE_MIN_LETTERS = 40
ENGLISH_MIN_SHARE = 0.10  # English prose: 0.10-0.50 in the real corpora (median about 0.30)
OTHER_MIN_SHARE = 0.12  # French, German, Spanish prose: 0.2-0.35; English text at most 0.05 (one Reuters item 0.11)
NON_LATIN_MAX_SHARE = 0.5
_LATIN = r"\u0000-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff"  # Basic Latin to Latin Extended-D
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(rf"[^\W\d_{_LATIN}]")


@dataclass(frozen=True)
class LanguageEvidence:
    """What the cheap language check measured on the start of a text."""

    letters: int
    non_latin: float  # share of the letters outside the Latin alphabet (Cyrillic, Han, Arabic …)
    words: int  # Latin-alphabet words
    english: float  # share of those words that are English function words
    other: float  # share that are function words of another Latin-alphabet language

    def not_english(self) -> str | None:
        """Why the text is not English (the measured figures), or None when it may be English.

        A text is not English when most of its letters are not Latin, or when, over at least
        `LANGUAGE_MIN_WORDS` words, English function words are under `ENGLISH_MIN_SHARE` of the
        words while another language's function words reach `OTHER_MIN_SHARE`. Both conditions
        are needed: English tables and lists ("Shr 19 cts vs 16 cts Net 502,000 vs 401,000")
        have no function words of any language and are kept.
        """
        if self.letters >= LANGUAGE_MIN_LETTERS and self.non_latin > NON_LATIN_MAX_SHARE:
            return f"{self.non_latin:.0%} of {self.letters} letters are not Latin script"
        if self.words >= LANGUAGE_MIN_WORDS and self.english < ENGLISH_MIN_SHARE and self.other >= OTHER_MIN_SHARE:
            return (f"English function words are {self.english:.1%} of {self.words} words "
                    f"(under {ENGLISH_MIN_SHARE:.0%}); other languages' function words {self.other:.1%}")
        return None


def language_evidence(text: str) -> LanguageEvidence:
    """Measure the start of `text`: letters outside the Latin alphabet, and the share of words
    that are English (and other languages') function words. No model, no dependency."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    non_latin = len(_NON_LATIN_LETTER.findall(sample))
    # words of Latin letters only (a word with Cyrillic or Han letters in it is not counted), and
    # not written in capitals: "DE", "LA", "SE" in headlines and tables are abbreviations
    words = [w.lower() for w in _WORD.findall(sample)
             if not (len(w) > 1 and w.isupper()) and (w.isascii() or not _NON_LATIN_LETTER.search(w))]
    n = len(words)
    english = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / n if n else 0.0
    other = sum(w in OTHER_FUNCTION_WORDS for w in words) / n if n else 0.0
    return LanguageEvidence(letters, non_latin / letters if letters else 0.0, n, english, other)


