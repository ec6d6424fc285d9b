"""Who may keep whose account (pure: no I/O).

A group admin keeps every account; a company admin keeps the accounts of their own
companies only, and cannot make anyone a group admin, a group GM or a user of the
whole group. Levels are the rungs of the escalation ladder (rule X-2: operator →
department leader → general manager → group GM), which the ladder reads per user.
"""

from __future__ import annotations

from collections.abc import Iterable

GROUP_ADMIN = "group_admin"
COMPANY_ADMIN = "company_admin"
ADMIN_ROLES = (GROUP_ADMIN, COMPANY_ADMIN)
# Roles only a group admin may give: they reach beyond one company.
GROUP_WIDE_ROLES = frozenset({GROUP_ADMIN, "group_general_manager"})

# rule X-2: the escalation ladder, lowest rung first
LEVELS = ("operator", "leader", "general_manager", "group_general_manager")
DEPARTMENTS = ("sales", "planning", "design", "procurement", "quality", "logistics",
               "aftersales", "management", "administration")


def level_from_roles(roles: Iterable[str]) -> str:
    """The rung a user's roles imply, for accounts made before levels were kept."""
    roles = set(roles)
    if "group_general_manager" in roles:
        return "group_general_manager"
    if "general_manager" in roles:
        return "general_manager"
    if "department_leader" in roles:
        return "leader"
    return "operator"


def department_from_roles(roles: Iterable[str]) -> str | None:
    for role in roles:
        if role in DEPARTMENTS:
            return role
    roles = set(roles)
    if roles & {"general_manager", "group_general_manager"}:
        return "management"
    if roles & set(ADMIN_ROLES):
        return "administration"
    return None


def refusal_to_keep(admin_roles: Iterable[str], admin_companies: list[str] | None,
                    companies: list[str] | None, roles: Iterable[str] = ()) -> str | None:
    """Why this admin may not keep an account of these companies and roles (None: may)."""
    admin_roles = set(admin_roles)
    if GROUP_ADMIN in admin_roles and admin_companies is None:
        return None
    if COMPANY_ADMIN not in admin_roles and GROUP_ADMIN not in admin_roles:
        return "only a group admin or a company admin keeps accounts"
    if companies is None:
        return "only a group admin keeps accounts of the whole group"
    outside = sorted(set(companies) - set(admin_companies or ()))
    if outside:
        return f"you do not keep accounts of company {', '.join(outside)}"
    given = sorted(set(roles) & GROUP_WIDE_ROLES)
    if given:
        return f"only a group admin gives the roles {', '.join(given)}"
    return None
