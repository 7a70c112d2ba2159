"""PostgreSQL (12+, checked on 15 and 16)."""
