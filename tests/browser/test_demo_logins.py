"""The demo logins, as `script/demo` prints them: what a person trying the demo signs in with."""

import pytest

pytestmark = pytest.mark.browser


def test_the_demo_lists_a_login_per_role_and_the_front_door_and_assessment_logins(demo_logins):
    listed = list(demo_logins)
    assert listed[:9] == [
        "sw.demo", "tm.demo", "sm.demo", "iro.demo", "pa.demo",
        "lado.demo", "qa.demo", "leader.demo", "admin.demo",
    ]  # fmt: skip
    assert listed[9:13] == ["fd.demo", "fdtm.demo", "assess.demo", "assesstm.demo"]
    assert listed[13:] == ["cic.demo", "eh.demo"]
    assert {demo_logins[name]["team"] for name in ("fd.demo", "fdtm.demo")} == {"Front Door (MASH)"}
    assert len({login["password"] for login in demo_logins.values()}) == 1
