"""A large synthetic patient population for the search benchmarks, generated fast and the same
for the same seed.

Names come from Faker's English and Mexican-Spanish lists with Faker's own frequency weights
(so common names are common), plus a long tail a real register has: rare surnames and given
names made of syllables, hyphenated and multi-part surnames, apostrophes, two-part given names.
Calling Faker once per row would take minutes for a million rows; numpy draws indexes instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from faker.providers.person.en_US import Provider as English
from faker.providers.person.es_MX import Provider as Spanish

SEED = 20261123
SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ta",
    "sel",
    "van",
    "dor",
    "bri",
    "len",
    "mar",
    "tos",
    "quin",
    "hal",
    "ber",
    "nu",
    "fa",
    "li",
    "gor",
    "ena",
    "ush",
    "pel",
    "tri",
    "om",
    "das",
    "zo",
    "ric",
    "an",
    "wen",
    "sto",
    "ly",
    "ga",
    "fe",
    "hu",
    "ji",
    "ko",
    "pa",
    "re",
    "si",
    "tu",
    "vo",
    "xa",
    "yel",
    "zan",
]


@dataclass(frozen=True)
class Population:
    given: list[str]
    family: list[str]
    dob: list[dt.date]
    sex: list[str]
    mrn: list[str]
    phone: list[str]

    def __len__(self) -> int:
        return len(self.given)

    def records(self) -> list[tuple[int, str, str, dt.date, str]]:
        """(id, given, family, dob, mrn) with ids 1..n, as the database would number them."""
        return [
            (i + 1, g, f, d, m)
            for i, (g, f, d, m) in enumerate(zip(self.given, self.family, self.dob, self.mrn, strict=True))
        ]


def _weighted(names: object) -> tuple[list[str], np.ndarray]:
    if isinstance(names, dict):
        keys = list(names)
        weights = np.asarray([float(names[k]) for k in keys])
    else:
        keys = list(names)  # type: ignore[call-overload]
        weights = np.ones(len(keys))
    return keys, weights / weights.sum()


def _synthetic(rng: np.random.Generator, count: int, parts: tuple[int, int]) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        n = int(rng.integers(parts[0], parts[1] + 1))
        names.add("".join(SYLLABLES[int(i)] for i in rng.integers(0, len(SYLLABLES), n)).capitalize())
    return sorted(names)


def generate(count: int, seed: int = SEED) -> Population:
    rng = np.random.default_rng(seed)
    female, female_w = _weighted(
        {**English.first_names_female, **dict.fromkeys(Spanish.first_names_female, 0.0003)}
    )
    male, male_w = _weighted({**English.first_names_male, **dict.fromkeys(Spanish.first_names_male, 0.0003)})
    last, last_w = _weighted({**English.last_names, **dict.fromkeys(Spanish.last_names, 0.0004)})
    rare_family = _synthetic(rng, 120_000, (2, 4))
    rare_given = _synthetic(rng, 20_000, (2, 3))

    sex = rng.choice(np.array(["F", "M"]), size=count)
    female_pick = rng.choice(len(female), size=count, p=female_w)
    male_pick = rng.choice(len(male), size=count, p=male_w)
    given = [female[f] if s == "F" else male[m] for s, f, m in zip(sex, female_pick, male_pick, strict=True)]
    family = [last[i] for i in rng.choice(len(last), size=count, p=last_w)]

    roll = rng.random(count)
    other = rng.choice(len(last), size=count, p=last_w)
    rare_f = rng.integers(0, len(rare_family), count)
    rare_g = rng.integers(0, len(rare_given), count)
    second_given = rng.choice(len(female), size=count, p=female_w)
    for i in np.flatnonzero(roll < 0.20):  # rare surnames
        family[i] = rare_family[rare_f[i]]
    for i in np.flatnonzero((roll >= 0.20) & (roll < 0.24)):  # hyphenated
        family[i] = f"{family[i]}-{last[other[i]]}"
    for i in np.flatnonzero((roll >= 0.24) & (roll < 0.26)):  # multi-part
        family[i] = f"{('de la', 'del', 'van der', 'de')[i % 4]} {family[i]}"
    for i in np.flatnonzero((roll >= 0.26) & (roll < 0.265)):  # apostrophes
        family[i] = f"{('O', 'D', 'Mc')[i % 3]}'{family[i]}"
    for i in np.flatnonzero((roll >= 0.30) & (roll < 0.38)):  # rare given names
        given[i] = rare_given[rare_g[i]]
    for i in np.flatnonzero((roll >= 0.38) & (roll < 0.40)):  # two-part given names
        given[i] = f"{given[i]} {female[second_given[i]]}"

    start = dt.date(1925, 1, 1).toordinal()
    days = rng.integers(0, 365 * 100, count)
    dob = [dt.date.fromordinal(start + int(d)) for d in days]
    phones = rng.integers(0, 10_000_000, count)
    return Population(
        given=given,
        family=family,
        dob=dob,
        sex=[str(s) for s in sex],
        mrn=[f"{i + 1:08d}" for i in range(count)],
        phone=[f"555-{p // 10000:03d}-{p % 10000:04d}" for p in phones],
    )


def percentiles(values: list[float]) -> str:
    ms = np.asarray(values) * 1000
    return (
        f"p50 {np.percentile(ms, 50):6.1f} ms  p95 {np.percentile(ms, 95):6.1f} ms  "
        f"p99 {np.percentile(ms, 99):6.1f} ms  max {ms.max():6.1f} ms  (n={len(ms)})"
    )


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")
