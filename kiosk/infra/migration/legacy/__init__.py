"""The old attendance app's ``attendance.db`` (and the ``.npy`` encodings it names) as a source."""
