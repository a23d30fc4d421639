"""One guessing throttle for the login and the tablet's code page, kept in the
database so that it holds across server processes.

Record first: `begin_attempt` checks the limits and stores the attempt as a
failure in one BEGIN IMMEDIATE transaction, before the password or the code
is even looked at; a right answer takes its row back (`forget_attempt`, or
`forget_account` after a login). So parallel guesses, in threads or in
several server processes, can never slip past a limit together.

An attempt is counted under each of its keys: the account (logins), the
address, and the address's network (/24 for IPv4, /64 for IPv6, where one
device easily has many addresses). A limit is given per key; an attempt
waits when one of its own keys has reached its limit within the sliding
window. No limit is installation-wide: failures from other networks never
hold back an address that has not failed itself.

No Flask here: the callers pass their limits from config.py.
"""
import ipaddress
import math

from db import immediate

KEYS = ("account", "address", "network")
IPV4_PREFIX = 24
IPV6_PREFIX = 64
# The privacy notice promises that no attempt is kept longer than a day, whatever a window is set to.
MAX_AGE_SECONDS = 24 * 3600


def network_of(address):
    """'203.0.113.7' -> '203.0.113.0/24', '2001:db8:1:2::9' -> '2001:db8:1:2::/64'.
    Anything that is not an IP address (e.g. 'unknown') is its own network."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return str(ipaddress.IPv4Network((int(ip), IPV4_PREFIX), strict=False))
    return str(ipaddress.IPv6Network((int(ip), IPV6_PREFIX), strict=False))


def account_key(account):
    """Accounts (emails) are compared without surrounding spaces and case."""
    return (account or "").strip().lower()


def keys_for(address, account=None):
    """The keys an attempt is counted under."""
    return {"account": None if account is None else account_key(account),
            "address": address, "network": network_of(address)}


def wait_for(times, limit, since):
    """Seconds until a key is below its limit again, given its failure `times`
    after `since` (newest first): the failure that keeps the count at the
    limit must leave the window. 0 while below the limit."""
    if len(times) < limit:
        return 0
    return max(1.0, times[limit - 1] - since)


def most_attempts(limit, window, seconds):
    """The most attempts one key can make in `seconds` under `limit` per
    sliding `window` (one window more for the edges)."""
    return limit * (math.ceil(seconds / window) + 1)


def minutes(wait):
    """A wait in whole minutes for people, rounded up (never 0)."""
    return max(1, math.ceil(wait / 60))


# ---- storage ------------------------------------------------------------------

def seconds_to_wait(db, scope, keys, limits, window, now):
    """0 when an attempt with `keys` may go on now, else the seconds until it may.

    `limits` maps a key ("account", "address", "network") to the failures it
    may have within the last `window` seconds.
    """
    since = now - window
    waits = [0]
    for key, limit in limits.items():
        if key not in KEYS:
            raise ValueError(f"unknown throttle key {key!r}")
        if keys.get(key) is None:
            continue
        times = [row[0] for row in db.execute(
            f"SELECT at FROM throttle_attempts WHERE scope = ? AND {key} = ? AND at > ? "
            "ORDER BY at DESC LIMIT ?", [scope, keys[key], since, limit])]
        waits.append(wait_for(times, limit, since))
    return max(waits)


def begin_attempt(db, scope, keys, limits, window, now):
    """Check the limits and record this attempt as a failure, atomically.

    Returns (seconds to wait, None) when a limit is reached: nothing is
    recorded then, so attempts during the wait never make it longer. Else
    (0, attempt id): call `forget_attempt` with it when the answer was right.
    """
    with immediate(db):
        wait = seconds_to_wait(db, scope, keys, limits, window, now)
        if wait:
            return wait, None
        attempt_id = db["throttle_attempts"].insert({
            "scope": scope, "account": keys.get("account"), "address": keys["address"],
            "network": keys["network"], "at": now}).last_pk
        # rows out of the window never count again
        db.execute("DELETE FROM throttle_attempts WHERE scope = ? AND at <= ?", [scope, now - window])
    return 0, attempt_id


def windows(config):
    """{scope: its sliding window in seconds} of every throttle, from the app's config."""
    return {"login": config["LOGIN_THROTTLE_WINDOW_SECONDS"], "tablet": config["TABLET_THROTTLE_WINDOW_SECONDS"]}


def prune(db, scope_windows, now):
    """Delete the attempts that no longer count (how many): those out of
    their scope's window, and any older than a day. `begin_attempt` does the same for its
    own scope, but only when the next attempt comes; the login page and the
    scheduled commands call this so that none waits for one."""
    # a read first: the login page calls this on every request, and mostly there is
    # nothing to delete; the write lock (BEGIN IMMEDIATE) is taken only when there is
    cutoffs = [(scope, now - min(window, MAX_AGE_SECONDS)) for scope, window in scope_windows.items()]
    stale = " OR ".join(["(scope = ? AND at <= ?)"] * len(cutoffs) + ["at <= ?"])
    if not db.execute(f"SELECT EXISTS (SELECT 1 FROM throttle_attempts WHERE {stale})",
                      [value for cutoff in cutoffs for value in cutoff] + [now - MAX_AGE_SECONDS]).fetchone()[0]:
        return 0
    deleted = 0
    with immediate(db):
        for scope, window in scope_windows.items():
            deleted += db.execute("DELETE FROM throttle_attempts WHERE scope = ? AND at <= ?",
                                  [scope, now - min(window, MAX_AGE_SECONDS)]).rowcount
        deleted += db.execute("DELETE FROM throttle_attempts WHERE at <= ?", [now - MAX_AGE_SECONDS]).rowcount
    return deleted


def forget_attempt(db, attempt_id):
    """The code was right: this attempt was no failure."""
    db.execute("DELETE FROM throttle_attempts WHERE id = ?", [attempt_id])


def forget_account(db, scope, account):
    """A successful login (or an administrator) clears the account's failures."""
    db.execute("DELETE FROM throttle_attempts WHERE scope = ? AND account = ?",
               [scope, account_key(account)])
