"""Use cases: each function takes the database and the acting person, checks the role, does the
work in one transaction with its audit event, and returns plain data (never ORM objects)."""
