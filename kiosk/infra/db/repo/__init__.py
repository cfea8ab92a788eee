"""Repository functions: each takes a Session, reads or flushes, and never commits.

The caller owns the transaction (see :func:`kiosk.infra.db.engine.unit_of_work`), so one
unit of work can span several calls and roll back as a whole. Results are frozen domain
values (:mod:`kiosk.core.domain`), never live ORM objects.
"""
