"""Moving a SQLite file into the kiosk's database: the sources and the machinery they share.

:mod:`.source` defines the one protocol every source follows (read, decide, write, verify,
report) and opens the right one for a file. Two sources implement it: :mod:`.legacy` (the
old attendance app's ``attendance.db`` and its ``.npy`` encodings) and :mod:`.own` (the
kiosk's own SQLite file, same schema). The rest is shared: a read-only :mod:`.snapshot` of
the file, layout :mod:`.detect`-ion, the :mod:`.mapping` of source rows to target rows,
batched :mod:`.tables` writes with PostgreSQL COPY (:mod:`.bulk`), content :mod:`.checksum`-s,
and what the target holds of a source's students (:mod:`.students`).
"""
