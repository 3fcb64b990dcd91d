"""Checks for the national identifiers a child carries: UPN, ULN and NHS number.

Each check mirrors the published algorithm so bad identifiers are refused at entry and on
import, with a message that says which rule failed.
"""

import re

# The UPN check letter alphabet: 23 letters, I, O and S left out to avoid confusion with digits.
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_PATTERN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")


def upn_check_letter(body: str) -> str:
    """The check letter for the last 12 characters of a UPN (DfE algorithm).

    Characters 2 to 13 are weighted by their position (2..13); a letter in position 13 (a
    temporary UPN) counts as its index in the check-letter alphabet. The remainder of the sum
    divided by 23 picks the letter.
    """
    if len(body) != 12:
        raise ValueError("a UPN body is 12 characters")
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_CHECK_LETTERS.index(char)
        total += value * position
    return UPN_CHECK_LETTERS[total % 23]


def upn_problem(upn: str) -> str | None:
    """None when the UPN is valid, otherwise what is wrong with it in plain words."""
    if not UPN_PATTERN.match(upn):
        return "must be a letter, 11 digits and a final digit or letter (13 characters)"
    last = upn[-1]
    if last.isalpha() and last not in UPN_CHECK_LETTERS:
        return "has a final letter that is not allowed (I, O and S are never used)"
    if upn[0] != upn_check_letter(upn[1:]):
        return "has the wrong check letter"
    return None


def nhs_number_problem(number: str) -> str | None:
    """None when the NHS number passes the modulus 11 check, otherwise what is wrong."""
    if not re.fullmatch(r"\d{10}", number):
        return "must be 10 digits"
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(number[9]):
        return "fails the NHS number check digit"
    return None


def uln_problem(uln: str) -> str | None:
    """None when the unique learner number passes its check digit, otherwise what is wrong."""
    if not re.fullmatch(r"[1-9]\d{9}", uln):
        return "must be 10 digits and not start with 0"
    total = sum(int(d) * w for d, w in zip(uln[:9], range(10, 1, -1), strict=True))
    check = 10 - total % 11
    if check == 10 or check != int(uln[9]):
        return "fails the unique learner number check digit"
    return None
