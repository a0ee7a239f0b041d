"""Who signs in during the tests, and from where."""

# Documentation addresses (RFC 5737): the test client never sends anything anywhere.
CURATOR_IP = "192.0.2.10"
ATTACKER_IP = "198.51.100.66"
LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "curator-pass-9"  # the `curator` fixture's
