"""Server projects: the store on a PostgreSQL server (issue 17), behind the same door as a file.

Only this package imports psycopg, and only when a ``postgresql://`` address is opened
(:func:`annotator.store.connection.open_database`). :mod:`.urls` parses addresses without it.
"""
