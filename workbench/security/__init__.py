"""Users and roles, password hashing, the audit trail; signing and encryption later."""
