"""Test support: a PostgreSQL server for tests (local, from the environment, or embedded) and
fresh databases on it. Also used by the tennis demo to start an embedded server."""
