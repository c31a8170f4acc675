"""Numbers in a text, however they are written: what a reader could dial.

A number to call can be written in digits of any script (१८८८, ๑๘๘๘, ①⑧⑧⑧), with letters
standing in for digits (1-8OO-3O7-O1O9), split by any separator (555/01/00, 5·5·5), in
words (uno ocho ocho ocho, ochocientos ochenta y ocho, 一八八八, หนึ่งแปดแปดแปด) or as a
vanity number (1-800-FLOWERS). `mentions()` reads every such run of a text into a
`NumberMention`; `added_numbers()` says which of them a translation adds to its source.

Single number words are ordinary words ("uno" is "someone", 一 is "a", 일 is "work"), so a
run of words counts as a number only when it spells three digits or more with two words or
more (three in scripts written without spaces, where number syllables sit inside everyday
words: 천천히 "slowly", 万一 "in case"). Digits are never ordinary: where the source has none,
the translation may add none.

    tokens.py   the text cut into tokens: digits of any script, number words, the rest
    reading.py  runs of tokens read as numbers (`mentions`)
    policy.py   which of them a translation adds to its source (`added_numbers`)

The lexicons (number words per language, ICU's reading) are `checks/number_words.py`.
"""

from campaigngen.checks.numerals.policy import AddedNumber, added_numbers
from campaigngen.checks.numerals.reading import NARROW_SEPARATORS, NumberMention, mentions
from campaigngen.checks.numerals.tokens import LOOKALIKE_DIGITS

__all__ = ["AddedNumber", "LOOKALIKE_DIGITS", "NARROW_SEPARATORS", "NumberMention", "added_numbers", "mentions"]
