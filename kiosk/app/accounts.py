"""Accounts: add, list, disable, reset, and signing in with throttling (online or offline).

Accounts live in the central database (``users``), so every kiosk of a school shares them.
The offline-first store copies their hashes into the kiosk's local cache with the roster, so
a teacher can still sign in while PostgreSQL is down; wrong PINs typed then are counted
in the cache (a restart does not reset them).

The old single admin PIN (``[gui] admin_pin_hash``) becomes an account named ``admin`` on
the first start that finds no accounts (:meth:`AccountService.adopt_admin_pin`): its hash is
moved as it is (same scrypt scheme), so the PIN the school knows keeps working.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from kiosk.app.admin_pin import hash_secret, verify_pin
from kiosk.app.errors import as_kiosk_error
from kiosk.core.authz import Account, Role
from kiosk.core.errors import AccessDenied, DatabaseUnavailable, InvalidInput
from kiosk.infra.config import Settings, write_user_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo import users as user_repo
from kiosk.infra.offline.cache import LocalCache

log = logging.getLogger(__name__)

ADOPTED_ADMIN_NAME = "admin"
_WRONG = "That name or PIN is not right."


def _now() -> datetime:
    return datetime.now(UTC)


class AccountService:
    """``engine``: the central database; ``cache``: the local copy (PostgreSQL kiosks)."""

    def __init__(
        self,
        engine: Engine | None,
        cache: LocalCache | None = None,
        *,
        clock: Callable[[], datetime] = _now,
        reachable: Callable[[], bool] = lambda: True,
    ) -> None:
        """``reachable``: False while the store knows the server is away (no wait for a timeout)."""
        self._engine = engine
        self._reachable = reachable
        self._factory = session_factory(engine) if engine is not None else None
        self._cache = cache
        self._clock = clock

    # --- managing (admins; the central database only) ---------------------------------------
    def _write(
        self,
        what: str,
        work: Callable[..., Account],
        *,
        audit_action: str | None = None,
        by: str | None = None,
    ) -> Account:
        """``work`` in one transaction; with ``audit_action``, an audit entry in the same one
        (who changed which account: never the PIN or its hash)."""
        if self._factory is None:
            raise DatabaseUnavailable(
                "Accounts cannot be changed offline.", "Try again when the database is back."
            )
        try:
            with unit_of_work(self._factory) as s:
                account = work(s)
                if audit_action is not None:
                    audit.record(
                        s,
                        actor=by,
                        action=audit_action,
                        entity="user",
                        entity_id=account.name,
                        details={
                            "role": account.role.value,
                            "active": account.active,
                            "classes": sorted(account.classes),
                        },
                    )
                return account
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient privilege
                raise AccessDenied(
                    "This database account may not change the accounts (a classroom PC's kiosk_device).",
                    "Do it as kiosk_admin or the owner: `kiosk --database URL user ...`.",
                ) from None
            raise as_kiosk_error(exc, what) from None

    def add(
        self, name: str, role: Role, secret: str, classes: Sequence[str] = (), *, by: str | None = None
    ) -> Account:
        """A new account; a teacher's ``classes`` (codes) linked in the same transaction, so an
        unknown code adds nothing at all."""
        secret_hash = hash_secret(secret)

        def work(s: Session) -> Account:
            account = user_repo.add(s, name, role, secret_hash)
            return user_repo.set_classes(s, account.name, classes) if classes else account

        account = self._write("Adding the account", work, audit_action="user.add", by=by)
        log.info("Account %s added (%s, %d classes)", account.name, account.role.value, len(account.classes))
        return account

    def set_classes(self, name: str, classes: Sequence[str], *, by: str | None = None) -> Account:
        """Make ``classes`` (codes) the classes the teacher ``name`` teaches; the rest unlinked."""
        account = self._write(
            "Changing the account's classes",
            lambda s: user_repo.set_classes(s, name, classes),
            audit_action="user.classes",
            by=by,
        )
        log.info("Account %s now teaches %d classes", account.name, len(account.classes))
        return account

    def change_classes(
        self, name: str, *, add: Sequence[str] = (), remove: Sequence[str] = (), by: str | None = None
    ) -> Account:
        """Link ``add`` and unlink ``remove`` (codes), keeping the teacher's other classes."""

        both = sorted(set(add) & set(remove))
        if both:
            raise InvalidInput(
                f"Both added and removed: {', '.join(both)}; nothing was changed.", "Name each class once."
            )

        def work(s: Session) -> Account:
            user_repo.class_ids(s, remove)  # an unknown code is a typo: refused, not ignored
            current = user_repo.find(s, name)
            kept = [c for c in sorted(current.classes if current else ()) if c not in set(remove)]
            return user_repo.set_classes(s, name, [*kept, *add])

        return self._write("Changing the account's classes", work, audit_action="user.classes", by=by)

    def set_active(self, name: str, active: bool, *, by: str | None = None) -> Account:
        return self._write(
            "Changing the account",
            lambda s: user_repo.set_active(s, name, active),
            audit_action="user.enable" if active else "user.disable",
            by=by,
        )

    def reset(self, name: str, secret: str | None = None, *, by: str | None = None) -> Account:
        """Unlock (clear the wrong-PIN count) and, when given, set a new PIN or password."""
        secret_hash = hash_secret(secret) if secret is not None else None
        return self._write(
            "Resetting the account",
            lambda s: user_repo.reset(s, name, secret_hash),
            audit_action="user.reset",
            by=by,
        )

    def account(self, name: str) -> Account:
        """One account with its classes (:class:`NotFound` naming it when there is none)."""
        return self._write("Reading the account", lambda s: user_repo.get(s, name))

    def list_accounts(self) -> list[Account]:
        if self._factory is None:
            return []
        try:
            with unit_of_work(self._factory) as s:
                return user_repo.list_accounts(s)
        except DBAPIError as exc:
            raise as_kiosk_error(exc, "Reading the accounts") from None

    def has_accounts(self) -> bool:
        """Whether any active account exists (none: the kiosk is open, as before accounts)."""
        if self._factory is not None and (self._cache is None or self._reachable()):
            try:
                with unit_of_work(self._factory) as s:
                    return user_repo.count(s) > 0
            except DBAPIError as exc:
                if self._cache is None:
                    raise as_kiosk_error(exc, "Reading the accounts") from None
        return self._cache.has_accounts() if self._cache is not None else False

    def adopt_admin_pin(self, settings: Settings) -> str | None:
        """Turn the old ``[gui] admin_pin_hash`` into the account ``admin`` (once); its name."""
        old_hash = settings.gui.admin_pin_hash.strip()
        if not old_hash or self._factory is None:
            return None
        try:
            with unit_of_work(self._factory) as s:
                if user_repo.count(s, active_only=False) > 0:
                    return None
                user_repo.add(s, ADOPTED_ADMIN_NAME, Role.ADMIN, old_hash)
        except DBAPIError as exc:
            log.warning("The admin PIN could not become an account yet: %s", as_kiosk_error(exc, "").message)
            return None
        write_user_settings(settings.user_config_file, {"gui": {"admin_pin_hash": ""}})
        log.info("The admin PIN became the admin account %r", ADOPTED_ADMIN_NAME)
        return ADOPTED_ADMIN_NAME

    # --- signing in ---------------------------------------------------------------------------
    def sign_in(self, name: str, secret: str) -> Account:
        """The account when ``secret`` is right; :class:`AccessDenied` saying why otherwise."""
        if self._factory is not None and (self._cache is None or self._reachable()):
            try:
                return self._sign_in_online(name, secret)
            except DBAPIError as exc:
                error = as_kiosk_error(exc, "Signing in")
                # A lost connection (not a refusal such as a missing grant): the local copy.
                lost = isinstance(exc, OperationalError) or isinstance(error, DatabaseUnavailable)
                if self._cache is None or not lost:
                    raise error from None
                log.info("Signing in from the local copy of the accounts (%s)", error.message)
        if self._cache is None:
            raise DatabaseUnavailable("The accounts cannot be read.", "Try again when the database is back.")
        return self._sign_in_offline(name, secret)

    def _sign_in_online(self, name: str, secret: str) -> Account:
        assert self._factory is not None
        now = self._clock()
        with unit_of_work(self._factory) as s:
            account = user_repo.find(s, name)
            _refuse_early(account, now)
            assert account is not None
            if verify_pin(secret, account.secret_hash):
                user_repo.record_success(s, account.name, now)
                log.info("Signed in: %s (%s)", account.name, account.role.value)
                return account
            user_repo.record_failure(s, account.name, now)
        # committed: the failure counts even though the caller gets an error
        log.warning("Wrong PIN for the account %s (%d)", account.name, account.throttle.failures + 1)
        raise _wrong(account.throttle.after_failure(now).failures)

    def _sign_in_offline(self, name: str, secret: str) -> Account:
        assert self._cache is not None
        now = self._clock()
        account = self._cache.account(name)
        _refuse_early(account, now)
        assert account is not None
        if verify_pin(secret, account.secret_hash):
            self._cache.clear_login_failures(account.name)
            log.info("Signed in offline: %s (%s)", account.name, account.role.value)
            return account
        self._cache.record_login_failure(account.name, now)
        log.warning("Wrong PIN for the account %s, offline (%d)", account.name, account.throttle.failures + 1)
        raise _wrong(account.throttle.after_failure(now).failures)


def _refuse_early(account: Account | None, now: datetime) -> None:
    if account is None:
        raise AccessDenied(_WRONG, "Try again.")
    if not account.active:
        raise AccessDenied(f"The account {account.name} is disabled.", "Ask the school's admin.")
    if account.throttle.locked:
        raise AccessDenied(
            f"The account {account.name} is locked after too many wrong PINs.",
            f"An admin unlocks it with `kiosk user reset {account.name}`.",
        )
    until = account.throttle.wait_until()
    if until is not None and now < until:
        seconds = int((until - now).total_seconds()) + 1
        raise AccessDenied(f"Too many wrong PINs: wait {seconds} seconds.", "Then try again.")


def _wrong(failures: int) -> AccessDenied:
    from kiosk.core.authz import FREE_ATTEMPTS, LOCKOUT_AFTER

    if failures >= LOCKOUT_AFTER:
        return AccessDenied("That PIN is not right; the account is now locked.", "Ask the school's admin.")
    if failures >= FREE_ATTEMPTS:
        return AccessDenied(_WRONG, "Further tries must wait a little longer each time.")
    return AccessDenied(_WRONG, "Try again.")
