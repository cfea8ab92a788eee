"""Who may do what: the roles, the actions, which classes, and the sign-in throttling rule.

One rule for every front end: the window's guard and the CLI both ask :func:`allowed`
and :func:`needs_account`; the application services ask :func:`check_class` before they
read or change anything of a class (a teacher: only the classes linked to their account).
Pure: no Qt, no database, no clock (the caller passes ``now``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kiosk.core.errors import AccessDenied, InvalidInput


class Role(enum.StrEnum):
    ADMIN = "admin"  # school staff: classes, students, consent, enrollment, settings, models, records
    TEACHER = "teacher"  # starts and ends sessions, marks by hand, reads the records of their classes


class Action(enum.StrEnum):
    QUIT = "quit"  # close the kiosk window
    LEAVE_KIOSK_MODE = "leave-kiosk-mode"
    SETTINGS = "settings"
    ENROLL = "enroll"
    CONSENT = "consent"
    COLLECTIONS = "collections"  # the collection (classes and students) manager
    MANAGE_USERS = "manage-users"
    RECORDS_ALL = "records-all"  # records of every class
    START_SESSION = "start-session"
    END_SESSION = "end-session"
    HAND_MARK = "hand-mark"  # marks and corrections by hand
    RECORDS_OWN = "records-own"  # records and reports of the teacher's classes


TEACHER_ACTIONS = frozenset({Action.START_SESSION, Action.END_SESSION, Action.HAND_MARK, Action.RECORDS_OWN})
ALLOWED: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.TEACHER: TEACHER_ACTIONS,
}
# What ``[kiosk] sessions_without_login = true`` opens to anyone at the screen (the timetable).
SESSION_ACTIONS = frozenset({Action.START_SESSION, Action.END_SESSION})


def allowed(role: Role | None, action: Action) -> bool:
    """Whether an account of ``role`` may do ``action`` (``None``: nobody signed in)."""
    return role is not None and action in ALLOWED[role]


def needs_account(action: Action, *, sessions_without_login: bool) -> bool:
    """Whether ``action`` needs someone signed in at all on a kiosk with accounts."""
    return not (sessions_without_login and action in SESSION_ACTIONS)


def least_role(action: Action) -> Role:
    """The smallest role that may do ``action`` (for "ask a teacher" or "ask an admin")."""
    return Role.TEACHER if action in TEACHER_ACTIONS else Role.ADMIN


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"Unknown role {text!r}.", f"Use one of: {', '.join(r.value for r in Role)}."
        ) from None


# --- throttling ------------------------------------------------------------------------------
FREE_ATTEMPTS = 3  # wrong PINs before each further try must wait
DELAY_STEP = timedelta(seconds=30)  # the wait grows by this much per further wrong PIN
MAX_DELAY = timedelta(minutes=5)
LOCKOUT_AFTER = 10  # wrong PINs in a row: the account is locked until an admin resets it


@dataclass(frozen=True)
class Throttle:
    """An account's wrong-PIN count and when the last one was typed."""

    failures: int = 0
    last_failure_at: datetime | None = None

    @property
    def locked(self) -> bool:
        return self.failures >= LOCKOUT_AFTER

    def wait_until(self) -> datetime | None:
        """When the next try is accepted (``None``: now)."""
        if self.failures < FREE_ATTEMPTS or self.last_failure_at is None:
            return None
        delay = min(MAX_DELAY, DELAY_STEP * (self.failures - FREE_ATTEMPTS + 1))
        return self.last_failure_at + delay

    def refuses_at(self, now: datetime) -> bool:
        """Whether a try at ``now`` is refused without even checking the PIN."""
        if self.locked:
            return True
        until = self.wait_until()
        return until is not None and now < until

    def after_failure(self, now: datetime) -> Throttle:
        return Throttle(self.failures + 1, now)


@dataclass(frozen=True)
class Account:
    """A person who may sign in. ``secret_hash``: the stored hash, never the PIN itself."""

    name: str
    role: Role
    secret_hash: str = field(repr=False)
    active: bool = True
    throttle: Throttle = Throttle()
    last_login_at: datetime | None = None
    # The codes of the classes a teacher teaches (table ``class_teachers``); admins see every
    # class whatever is linked, so theirs stays empty.
    classes: frozenset[str] = frozenset()

    def may(self, action: Action) -> bool:
        return self.active and allowed(self.role, action)


# --- which classes ---------------------------------------------------------------------------
# ``account`` is ``None`` when nobody signed in: the computer's own user (the CLI, run by whoever
# may run it on that machine, counts as an admin, as it always has; a kiosk without accounts,
# or a session started from the timetable, passed the window's own gate, :func:`needs_account`).


def sees_every_class(account: Account | None) -> bool:
    return account is None or account.role is Role.ADMIN


def may_for_class(account: Account | None, action: Action, class_code: str | None) -> bool:
    """Whether ``account`` may do ``action`` for the class ``class_code`` (``None``: a student in
    no class, whom only an admin sees)."""
    if account is None:
        return True
    if not account.may(action):
        return False
    return account.role is Role.ADMIN or (class_code is not None and class_code in account.classes)


def check_action(account: Account | None, action: Action) -> None:
    """:class:`AccessDenied` unless ``account`` may do ``action`` at all (for some class)."""
    if account is not None and not account.may(action):
        state = "" if account.active else ", disabled"
        raise AccessDenied(f"{account.name} ({account.role.value}{state}) may not do this.", "Ask an admin.")


def check_class(account: Account | None, action: Action, class_code: str | None) -> None:
    """:class:`AccessDenied` in one line unless ``account`` may do ``action`` for ``class_code``."""
    if may_for_class(account, action, class_code):
        return
    check_action(account, action)
    assert account is not None
    what = f"class {class_code}" if class_code else "pupils who are in no class"
    raise AccessDenied(
        f"{account.name} does not teach {what}: a teacher sees and changes only their own classes.",
        f"An admin links the class to the account: `kiosk user classes {account.name} --add CODE`.",
    )


def check_every_class(account: Account | None, action: Action = Action.RECORDS_ALL) -> None:
    """For what covers the whole school at once (its term's rates): admins only."""
    if not sees_every_class(account):
        assert account is not None
        raise AccessDenied(
            f"{account.name} ({account.role.value}) sees only their own classes, not the whole school.",
            "Choose one of your classes, or ask an admin.",
        )


def visible_classes(
    account: Account | None, codes: Iterable[str], action: Action = Action.RECORDS_OWN
) -> list[str]:
    """The codes among ``codes`` that ``account`` may do ``action`` for, in their order."""
    return [c for c in codes if may_for_class(account, action, c)]


def parse_class_codes(text: str) -> tuple[str, ...]:
    """``"9B, 10A,,9B"`` -> ``("9B", "10A")``: the codes a person typed, once each, in order."""
    codes: list[str] = []
    for part in text.split(","):
        code = part.strip()
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)
