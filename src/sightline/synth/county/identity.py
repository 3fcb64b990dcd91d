"""Identifiers that pass the national checks but belong to nobody real.

- UPN: check letter + the council's LA code + a 4-digit establishment + 2-digit year + serial.
  Made from the child's position in the county (unique by construction).
- NHS number: the 999 000 0000 - 999 999 9999 range set aside for testing, with a valid modulus
  11 check digit. That range holds about 909,000 valid numbers, so a county larger than that
  leaves the rest blank (an NHS number is optional on the record).
- ULN: 10 digits with a valid check digit, for young people aged 14 and over.
- Postcodes: the county's own districts SL1-SL9 (and QX/QY/QZ areas out of county).
"""

from __future__ import annotations

from functools import cache

from sightline.people.identifiers import upn_check_letter


def upn(la_code: int, index: int, year_allocated: int) -> str:
    """A valid UPN; distinct `index` values (below 8,000,000) give distinct UPNs."""
    estab = 2000 + index // 1000
    body = f"{la_code:03d}{estab:04d}{year_allocated % 100:02d}{index % 1000:03d}"
    return upn_check_letter(body) + body


@cache
def _valid_nhs_bodies() -> tuple[int, ...]:
    """Every 9-digit NHS number body 999xxxxxx whose check digit is not 10, in order."""
    # Digits 1-3 are 9, 9, 9 (weights 10, 9, 8); the other six have weights 7 down to 2. For
    # each first five of those six, exactly one last digit (weight 2) would need check digit 10:
    # the one with (partial + 2 * last) % 11 == 1, i.e. last = 6 * (1 - partial) % 11.
    valid = []
    head = 9 * (10 + 9 + 8)
    digits = range(10)
    for top in range(100_000):  # digits 4-8
        partial = head + sum(int(c) * w for c, w in zip(f"{top:05d}", (7, 6, 5, 4, 3), strict=True))
        bad = 6 * (1 - partial) % 11
        base = top * 10
        valid.extend(base + last for last in digits if last != bad)
    return tuple(valid)


NHS_SCRAMBLE = 7919  # a prime, so (index * NHS_SCRAMBLE) mod capacity is a permutation


def nhs_capacity() -> int:
    return len(_valid_nhs_bodies())


def nhs_number(index: int) -> str:
    """The test-range NHS number for `index` (0 <= index < nhs_capacity()), or ''."""
    bodies = _valid_nhs_bodies()
    n = len(bodies)
    if index >= n:
        return ""
    body = f"999{bodies[(index * NHS_SCRAMBLE + 12345) % n]:06d}"
    total = sum(int(c) * w for c, w in zip(body, range(10, 1, -1), strict=True))
    return body + str((11 - total % 11) % 11)


def uln(index: int) -> str:
    """A valid unique learner number; distinct `index` values give distinct ULNs."""
    base = 400_000_000 + index * 3
    for body in (base, base + 1, base + 2):
        digits = str(body)
        total = sum(int(c) * w for c, w in zip(digits, range(10, 1, -1), strict=True))
        check = 10 - total % 11
        if check < 10:
            return digits + str(check)
    raise AssertionError("one of three consecutive ULN bodies always has a check digit")


def postcode(outward: str, sector: int, a: int, b: int) -> str:
    from .names import INWARD_LETTERS

    letters = INWARD_LETTERS
    return f"{outward} {sector}{letters[a % len(letters)]}{letters[b % len(letters)]}"


def council_id(child_id: int) -> str:
    return f"SL{child_id:07d}"
