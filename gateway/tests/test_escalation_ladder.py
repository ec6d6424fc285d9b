"""Rule X-2: the people each rung of a breach reaches (gateway.inbox.ladder)."""

from gateway.core.users import UserPublic
from gateway.inbox.ladder import recipients


def person(username, level, department=None, companies=("P1",)):
    return UserPublic(username=username, level=level, department=department,
                      companies=None if companies is None else list(companies))


PEOPLE = [
    person("sales.p1", "operator", "sales"),
    person("lead.sales.p1", "leader", "sales"),
    person("lead.sales.p2", "leader", "sales", ("P2",)),
    person("lead.quality.p1", "leader", "quality"),
    person("gm.p1", "general_manager", "management"),
    person("gm.p2", "general_manager", "management", ("P2",)),
    person("group.gm", "group_general_manager", "management", None),
]


def test_a_first_breach_reaches_the_holders_department_leader_of_that_company_only():
    assert recipients("department_leader", "sales", "P1", PEOPLE) == ["lead.sales.p1"]
    assert recipients("department_leader", "quality", "P1", PEOPLE) == ["lead.quality.p1"]


def test_the_next_rung_reaches_the_companys_general_manager_not_another_companys():
    assert recipients("general_manager", "sales", "P2", PEOPLE) == ["gm.p2"]


def test_outsourcing_at_the_gm_rung_reaches_the_group_gm_too():
    assert recipients("general_manager", "procurement", "P1", PEOPLE,
                      outsourcing_companies={"P1"}) == ["gm.p1", "group.gm"]


def test_a_late_outsourced_operation_reaches_the_group_gm_with_the_companys_gm():
    # rule PLN-10, X-2: "(→ group GM for outsourcing)"; the group GM approved it
    assert recipients("general_manager", "planning", "P1", PEOPLE,
                      rule_id="PLN-10") == ["gm.p1", "group.gm"]
    assert recipients("general_manager", "planning", "P1", PEOPLE,
                      rule_id="PLN-6") == ["gm.p1"]


def test_a_rung_with_nobody_on_it_climbs_so_a_breach_never_reaches_no_one():
    # no planning leader in P1: the GM hears of it; no GM in S1: the group GM
    assert recipients("department_leader", "planning", "P1", PEOPLE) == ["gm.p1"]
    assert recipients("department_leader", "logistics", "S1", PEOPLE) == ["group.gm"]


def test_a_disabled_leader_is_skipped():
    people = [p.model_copy(update={"disabled": p.username == "lead.sales.p1"})
              for p in PEOPLE]
    assert recipients("department_leader", "sales", "P1", people) == ["gm.p1"]
