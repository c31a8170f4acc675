"""A catalog's Plural-Forms header, judged as msgfmt judges it.

``nplurals=N; plural=EXPR;``: N a small positive whole number; EXPR a C expression over ``n``
in GNU gettext's grammar (``?:``, ``||``, ``&&``, ``==``/``!=``, ``<``/``>``/``<=``/``>=``,
``+``/``-``, ``*``/``/``/``%``, ``!``, parentheses, whole numbers; no unary minus), whose
value for every n from 0 to 1000 is at least 0 and below N, never dividing by zero. A header
msgfmt would refuse (``msgfmt -c``) is refused here too, rather than reaching a translator's tool
or a build.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from campaigngen.memo import kept_for_short_texts

MAX_NPLURALS = 10  # CLDR's most is 6 (Arabic, Welsh); more is a mistake
CHECKED_UP_TO = 1000  # as msgfmt -c evaluates

_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_LEVELS = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))

Expr = Callable[[int], int]


class PluralError(ValueError):
    """Why a Plural-Forms header cannot be used, in words a translator's tool would show."""


def plural_forms_problem(value: str) -> str | None:
    """None if msgfmt would take this Plural-Forms value, else what is wrong with it."""
    return _judge(value)


# Judging a value evaluates its expression for a thousand n (7 ms), and every read of every
# catalog asks, with the few headers the languages have between them.
@kept_for_short_texts(longest=400, size=256)
def _judge(value: str) -> str | None:
    try:
        count, expression = _parts(value)
        if expression is None:  # msgfmt takes a count alone
            return None
        evaluate = _Parser(expression).parse()
        _check_values(count, evaluate)
    except PluralError as exc:
        return str(exc)
    return None


def _parts(value: str) -> tuple[int, str | None]:
    fields = dict(
        (name.strip(), rest.strip())
        for name, _, rest in (part.partition("=") for part in value.split(";"))
        if name.strip()
    )
    raw_count, expression = fields.get("nplurals"), fields.get("plural")
    if raw_count is None:
        raise PluralError("needs nplurals=N (how many plural forms the language has)")
    if not raw_count.isdigit() or not 1 <= int(raw_count) <= MAX_NPLURALS:
        raise PluralError(f"nplurals = {raw_count!r}: it must be a whole number from 1 to {MAX_NPLURALS}")
    return int(raw_count), expression


def _check_values(count: int, evaluate: Expr) -> None:
    for n in range(CHECKED_UP_TO + 1):
        try:
            form = evaluate(n)
        except ZeroDivisionError:
            raise PluralError(f"the plural expression divides by zero (for n = {n})") from None
        if not 0 <= form < count:
            raise PluralError(f"nplurals = {count}, but the plural expression gives {form} for n = {n}")


class _Parser:
    """Recursive descent over GNU gettext's plural grammar, building a function of n."""

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        at = 0
        text = text.rstrip()
        while at < len(text):
            match = _TOKEN.match(text, at)
            if match is None or match.end() == at:
                raise PluralError(f"the plural expression is not valid (at '{text[at:].strip()[:12]}')")
            self.tokens.append(match.group(match.lastindex or 0))
            at = match.end()
        self.at = 0

    def parse(self) -> Expr:
        expression = self._conditional()
        if self.at != len(self.tokens):
            raise PluralError(f"the plural expression is not valid (unexpected '{self.tokens[self.at]}')")
        return expression

    def _peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, token: str) -> None:
        if self._peek() != token:
            raise PluralError(f"the plural expression is not valid (expected '{token}')")
        self.at += 1

    def _conditional(self) -> Expr:
        test = self._binary(0)
        if self._peek() != "?":
            return test
        self.at += 1
        then = self._conditional()
        self._take(":")
        otherwise = self._conditional()
        return lambda n: then(n) if test(n) else otherwise(n)

    def _binary(self, level: int) -> Expr:
        if level == len(_LEVELS):
            return self._unary()
        left = self._binary(level + 1)
        while self._peek() in _LEVELS[level]:
            operator = self.tokens[self.at]
            self.at += 1
            left = _combine(operator, left, self._binary(level + 1))
        return left

    def _unary(self) -> Expr:
        token = self._peek()
        if token == "!":
            self.at += 1
            inner = self._unary()
            return lambda n: int(not inner(n))
        if token == "(":
            self.at += 1
            inner = self._conditional()
            self._take(")")
            return inner
        if token == "n":
            self.at += 1
            return lambda n: n
        if token is not None and token.isdigit():
            self.at += 1
            constant = int(token)
            return lambda n: constant
        raise PluralError(f"the plural expression is not valid (at '{token or 'the end'}')")


def _combine(operator: str, left: Expr, right: Expr) -> Expr:
    # || and && stop early as in C, so "n == 0 || 100 / n" never divides by zero.
    if operator == "||":
        return lambda n: int(bool(left(n)) or bool(right(n)))
    if operator == "&&":
        return lambda n: int(bool(left(n)) and bool(right(n)))
    operation = _ARITHMETIC[operator]
    return lambda n: operation(left(n), right(n))


_ARITHMETIC: dict[str, Callable[[int, int], int]] = {
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,  # below zero is out of range: msgfmt's unsigned value would be huge
    "*": lambda a, b: a * b,
    "/": lambda a, b: a // b,
    "%": lambda a, b: a % b,
}


__all__ = ["MAX_NPLURALS", "plural_forms_problem"]
