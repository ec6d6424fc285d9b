"""Who a breached time limit reaches, rung by rung (rule X-2). Pure: no I/O.

The services climb the ladder (servicekit.deadlines: department_leader, then
general_manager); this names the people of each rung from the user directory:

- department_leader: the leaders (level ``leader``) of the holder's department in the
  deadline's company;
- general_manager: that company's general managers; and the group GMs as well when the
  matter is outsourcing (a co-production service company, or a rule of outsourcing to an
  external partner: PLN-10, whose approval is the group GM's) or the company has no GM of
  its own (a cross-company matter the group has to settle);
- anything higher: the group GMs.

Nobody at a rung (no leader recorded for a department) climbs to the next one, so a
breach never reaches no one.
"""

from __future__ import annotations

from collections.abc import Iterable

from gateway.core.users import UserPublic

RUNGS = ("department_leader", "general_manager", "group_general_manager")
OUTSOURCING_RULES = frozenset({"PLN-10"})  # outsourcing (外协): the group GM approved it


def _works_for(user: UserPublic, company_id: str) -> bool:
    return user.companies is not None and company_id in user.companies


def _at(rung: str, department: str, company_id: str, people: list[UserPublic]
        ) -> list[UserPublic]:
    if rung == "department_leader":
        return [u for u in people if u.level == "leader" and u.department == department
                and _works_for(u, company_id)]
    if rung == "general_manager":
        return [u for u in people if u.level == "general_manager"
                and _works_for(u, company_id)]
    return [u for u in people if u.level == "group_general_manager"]


def recipients(rung: str, department: str, company_id: str, people: Iterable[UserPublic],
               outsourcing_companies: Iterable[str] = (), rule_id: str = "") -> list[str]:
    """The usernames a breach escalated to `rung` reaches (sorted), per X-2."""
    people = [u for u in people if not u.disabled]
    start = RUNGS.index(rung) if rung in RUNGS else len(RUNGS) - 1
    for index in range(start, len(RUNGS)):
        found = {u.username for u in _at(RUNGS[index], department, company_id, people)}
        if RUNGS[index] == "general_manager" and (
                company_id in set(outsourcing_companies) or rule_id in OUTSOURCING_RULES
                or not found):
            found |= {u.username for u in _at("group_general_manager", department,
                                              company_id, people)}
        if found:
            return sorted(found)
    return []
