"""The guessing throttle of the tablet's code page (issue 9, item 6): one module
with the login (web/throttle.py), each attempt recorded before the code is
checked in one transaction, counted per address and per network, never
installation-wide. Login-side tests are in test_accounts_throttle.py."""
import threading

import pytest

from participation import tablet_codes
from tests.conftest import csrf_from
from tests.test_tablet import make_code, make_consultation, make_views
from web import throttle

WINDOW = 3600


@pytest.fixture
def code(db, users, panel_id):
    """A valid code of the social worker's consultation."""
    worker_id = users["social_worker"][0]
    consultation_id = make_consultation(db, panel_id, worker_id)
    return make_code(db, consultation_id, make_views(db, consultation_id), worker_id)[0]


class Tablet:
    """A browser at one address, holding a CSRF token of the start page."""

    def __init__(self, app, address):
        self.client, self.address = app.test_client(), address
        page = self.client.get("/t", environ_base={"REMOTE_ADDR": address})
        self.token = csrf_from(page.get_data(as_text=True))

    def start(self, code):
        return self.client.post("/t", environ_base={"REMOTE_ADDR": self.address},
                                data={"code": code, "lang": "fi", "csrf_token": self.token}).status_code


def wrong_code():
    return tablet_codes.new_code()


# ---- pure ------------------------------------------------------------------------------

@pytest.mark.parametrize("address, network", [
    ("203.0.113.7", "203.0.113.0/24"), ("203.0.113.250", "203.0.113.0/24"), ("198.51.100.7", "198.51.100.0/24"),
    ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"), ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
    ("::ffff:203.0.113.7", "203.0.113.0/24"), ("unknown", "unknown"), ("", "")])
def test_addresses_are_counted_under_their_network_too(address, network):
    assert throttle.network_of(address) == network


@pytest.mark.parametrize("times, limit, expected", [
    ([], 3, 0), ([50.0, 40.0], 3, 0), ([50.0, 40.0, 30.0], 3, 30.0 - 10.0), ([50.0, 40.0, 10.5], 3, 1.0)])
def test_the_wait_lasts_until_the_failure_keeping_the_count_at_the_limit_leaves_the_window(times, limit, expected):
    assert throttle.wait_for(times, limit, since=10.0) == expected


def test_the_worst_case_of_guessing_a_live_code_stays_tiny(app):
    cfg = app.config
    assert "TABLET_MAX_FAILURES_GLOBAL" not in cfg  # nothing installation-wide holds every tablet
    space = tablet_codes.code_space()
    assert space == 31 ** 8 == 852_891_037_441
    lifetime = cfg["TABLET_CODE_HOURS"] * 3600
    window = cfg["TABLET_THROTTLE_WINDOW_SECONDS"]
    per_network = cfg["TABLET_MAX_FAILURES_PER_NETWORK"]
    assert cfg["TABLET_MAX_FAILURES_PER_ADDRESS"] <= per_network
    # one network (any number of its addresses) during one code's lifetime
    guesses = throttle.most_attempts(per_network, window, lifetime)
    assert guesses == 30 * 25 == 750
    # pessimistic: 1,000 codes valid at the same moment (a pilot has a few)
    assert tablet_codes.chance_to_guess(guesses, live_codes=1000) < 1e-6
    # a whole year of non-stop guessing from one network
    year = throttle.most_attempts(per_network, window, 365 * 24 * 3600)
    assert tablet_codes.chance_to_guess(year, live_codes=1000) < 1e-3


# ---- through the start page ----------------------------------------------------------------

def test_forty_parallel_wrong_codes_from_one_address_check_at_most_the_limit(app, db):
    limit = app.config["TABLET_MAX_FAILURES_PER_ADDRESS"]
    tablets = [Tablet(app, "203.0.113.9") for _ in range(40)]
    barrier, statuses = threading.Barrier(len(tablets)), []

    def guess(tablet):
        barrier.wait()
        statuses.append(tablet.start(wrong_code()))

    threads = [threading.Thread(target=guess, args=(tablet,)) for tablet in tablets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked, held = statuses.count(400), statuses.count(429)
    assert (checked, held) == (limit, len(tablets) - limit)
    assert db["throttle_attempts"].count_where("scope = 'tablet'") == limit


def test_wrong_codes_from_other_networks_never_hold_back_a_tablet_that_has_not_failed(app, code):
    limit = app.config["TABLET_MAX_FAILURES_PER_ADDRESS"]
    # 21 networks each guess until held: 210 wrong codes in the hour
    for n in range(21):
        guesser = Tablet(app, f"10.{n}.0.5")
        assert [guesser.start(wrong_code()) for _ in range(limit + 1)] == [400] * limit + [429]
    assert Tablet(app, "192.0.2.44").start(code) == 302


def test_many_addresses_of_one_network_are_held_together(app, code):
    per_network = app.config["TABLET_MAX_FAILURES_PER_NETWORK"]
    for host in range(1, per_network + 1):
        assert Tablet(app, f"203.0.113.{host}").start(wrong_code()) == 400
    # a fresh address of the same /24 is held, even with the right code ...
    assert Tablet(app, "203.0.113.200").start(code) == 429
    # ... one of another network is not
    assert Tablet(app, "203.0.114.200").start(code) == 302


def test_many_ipv6_addresses_of_one_64_are_held_together(app, code):
    per_network = app.config["TABLET_MAX_FAILURES_PER_NETWORK"]
    for host in range(1, per_network + 1):
        assert Tablet(app, f"2001:db8:5:6::{host:x}").start(wrong_code()) == 400
    assert Tablet(app, "2001:db8:5:6:ffff::1").start(code) == 429
    assert Tablet(app, "2001:db8:5:7::1").start(code) == 302


def test_a_right_code_leaves_no_failure_behind(app, db, code):
    tablet = Tablet(app, "198.51.100.3")
    assert tablet.start(wrong_code()) == 400
    assert tablet.start(code) == 302
    assert [r["address"] for r in db["throttle_attempts"].rows] == ["198.51.100.3"]


def test_failures_leave_the_window_and_the_network_may_try_again(db):
    limits = {"address": 10, "network": 3}
    now = 1_000_000.0
    for host in range(3):
        wait, _ = throttle.begin_attempt(db, "tablet", throttle.keys_for(f"203.0.113.{host}"), limits, WINDOW, now + host)
        assert wait == 0
    fresh = throttle.keys_for("203.0.113.99")
    assert throttle.seconds_to_wait(db, "tablet", fresh, limits, WINDOW, now + 10) == WINDOW - 10
    assert throttle.seconds_to_wait(db, "tablet", fresh, limits, WINDOW, now + WINDOW + 1) == 0


def test_the_login_and_the_tablet_count_apart(db):
    """Wrong passwords never hold back a tablet at the same address, nor the other way round."""
    keys = throttle.keys_for("203.0.113.5", "someone@example.fi")
    for _ in range(3):
        throttle.begin_attempt(db, "login", keys, {"address": 3}, WINDOW, 1000.0)
    assert throttle.seconds_to_wait(db, "login", keys, {"address": 3}, WINDOW, 1001.0) > 0
    assert throttle.seconds_to_wait(db, "tablet", keys, {"address": 3}, WINDOW, 1001.0) == 0
