"""SQLite (3.35+), the zero-setup embedded default."""
