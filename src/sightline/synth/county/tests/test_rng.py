"""Seeded streams are reproducible; low-discrepancy streams fill [0, 1) evenly."""

from sightline.synth.county.rng import Choice, Quasi, stream


def test_streams_are_reproducible_from_text_seeds():
    assert [stream(7, "a").random() for _ in range(3)] == [
        stream(7, "a").random() for _ in range(3)
    ]
    assert stream(7, "a").random() != stream(7, "b").random()


def test_quasi_draws_land_on_the_shares_even_for_small_counts():
    table = Choice({"NEG": 50.5, "EMO": 35.7, "PHY": 7.4, "SAB": 3.8, "MUL": 2.6})
    for name in ("cp_category", "moves", "pathway", "health"):
        q = Quasi(1, name)
        picks = [q.pick(name, 2024, table) for _ in range(100)]
        assert abs(picks.count("NEG") - 50.5) <= 3
        assert abs(picks.count("SAB") - 3.8) <= 2
        assert abs(picks.count("MUL") - 2.6) <= 2


def test_quota_keeps_the_share_whatever_is_already_yes():
    q = Quasi(5, "x")
    yes = 0
    for i in range(1000):
        already = i % 10 == 0  # 10% are "yes" by themselves
        if q.quota("repeat_plan", 2024, 0.235, already):
            q.taken("repeat_plan", 2024)
            yes += 1
        yes += already
    assert abs(yes - 235) <= 1
