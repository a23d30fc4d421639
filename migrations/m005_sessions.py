"""Server-side login sessions and one guessing throttle for logins and tablet codes."""
import ipaddress


def _network(address):
    """The /24 or /64 of an address (as web/throttle.py counts it); a non-address is its own."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def migrate(db):
    # One row per live staff login. The signed session cookie carries a random
    # token; only its SHA-256 is stored. Logging out deletes the row, so a copy
    # of the cookie opens nothing any more.
    db.execute("""
        CREATE TABLE login_sessions (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            -- Unix seconds (REAL), compared with time.time()
            started_at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX login_sessions_user ON login_sessions(user_id)")
    # Attempts counted by web/throttle.py: a login (account and address) or a
    # tablet code (address and its network, /24 or /64). An attempt is stored
    # before the password or code is checked and removed again when it was right.
    db.execute("""
        CREATE TABLE throttle_attempts (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL CHECK (scope IN ('login', 'tablet')),
            account TEXT COLLATE NOCASE,
            address TEXT NOT NULL,
            network TEXT NOT NULL,
            at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX throttle_attempts_account ON throttle_attempts(scope, account, at)")
    db.execute("CREATE INDEX throttle_attempts_address ON throttle_attempts(scope, address, at)")
    db.execute("CREATE INDEX throttle_attempts_network ON throttle_attempts(scope, network, at)")
    db.execute("CREATE INDEX throttle_attempts_at ON throttle_attempts(scope, at)")
    # replaced by throttle_attempts: their rows move there (a lockout in
    # progress holds across the upgrade), then the old tables go
    for email, address, at in db.execute("SELECT email, address, at FROM login_failures").fetchall():
        db.execute("INSERT INTO throttle_attempts (scope, account, address, network, at) VALUES ('login', ?, ?, ?, ?)",
                   [email, address, _network(address), at])
    for address, at in db.execute("SELECT address, at FROM tablet_failures").fetchall():
        db.execute("INSERT INTO throttle_attempts (scope, account, address, network, at) VALUES ('tablet', NULL, ?, ?, ?)",
                   [address, _network(address), at])
    db.execute("DROP TABLE login_failures")
    db.execute("DROP TABLE tablet_failures")
