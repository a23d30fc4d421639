"""The panel's calendar rule, deadlines, case codes and identity-code detection (pure modules)."""
from datetime import date, datetime

import pytest

from panel import calendar, case_codes, hetu

SEED_001_DATES_2023 = ["27.1.", "24.2.", "31.3.", "28.4.", "26.5.", "16.6.",
                       "25.8.", "29.9.", "27.10.", "24.11.", "15.12."]


def test_2023_gives_exactly_the_eleven_dates_of_seed_001():
    dates = calendar.meeting_dates(2023)
    assert [f"{d.day}.{d.month}." for d in dates] == SEED_001_DATES_2023
    assert all(d.weekday() == 4 for d in dates)


def test_meetings_are_from_nine_to_half_past_eleven():
    slots = calendar.meeting_slots(2023)
    assert slots[0] == (datetime(2023, 1, 27, 9, 0), datetime(2023, 1, 27, 11, 30))
    assert len(slots) == 11


@pytest.mark.parametrize("year", range(2020, 2032))
def test_every_year_has_no_july_and_third_fridays_in_june_and_december(year):
    dates = calendar.meeting_dates(year)
    assert len(dates) == 11
    assert 7 not in {d.month for d in dates}
    for d in dates:
        assert d.weekday() == 4
        if d.month in (6, 12):
            assert 15 <= d.day <= 21
        else:  # the last Friday: a week later is next month
            assert date.fromordinal(d.toordinal() + 7).month != d.month


def test_booking_closes_fourteen_days_before_the_meeting():
    meeting = "2027-01-29T09:00"
    assert calendar.booking_deadline(meeting, 14) == date(2027, 1, 15)
    assert calendar.booking_open(meeting, date(2027, 1, 15), 14)
    assert not calendar.booking_open(meeting, date(2027, 1, 16), 14)
    assert calendar.booking_open(meeting, date(2027, 1, 19), days_before=10)


def test_documents_due_a_week_before_and_overdue_after_it():
    meeting = "2027-01-29T09:00"
    assert calendar.documents_due(meeting, 7) == date(2027, 1, 22)
    def state(*args):
        return calendar.consultation_state(*args, 7)
    assert state("booked", meeting, None, date(2027, 1, 22)) == calendar.AWAITING_DOCUMENTS
    assert state("booked", meeting, None, date(2027, 1, 23)) == calendar.DOCUMENTS_OVERDUE
    assert state("booked", meeting, "2027-01-20T10:00:00Z", date(2027, 1, 23)) == calendar.DOCUMENTS_RECEIVED
    assert state("booked", meeting, None, date(2027, 1, 30)) == calendar.HANDLED
    assert state("cancelled", meeting, None, date(2027, 1, 23)) == calendar.CANCELLED
    assert calendar.days_until(calendar.documents_due(meeting, 7), date(2027, 1, 19)) == 3


def test_case_codes_have_prefix_year_and_three_digit_number():
    assert case_codes.format_case_code("KS", 2027, 14) == "KS-2027-014"
    assert case_codes.format_case_code("ks", 2027, 1234) == "KS-2027-1234"
    assert case_codes.parse_case_code("KS-2027-014") == ("KS", 2027, 14)
    assert case_codes.parse_case_code("131052-308T") is None
    with pytest.raises(ValueError):
        case_codes.format_case_code("K S", 2027, 1)
    with pytest.raises(ValueError):
        case_codes.format_case_code("KS", 2027, 0)


def test_next_case_code_counts_per_prefix_and_year():
    existing = ["KS-2027-001", "KS-2027-013", "KS-2026-099", "TP-2027-050", "junk"]
    assert case_codes.next_case_code("KS", 2027, existing) == "KS-2027-014"
    assert case_codes.next_case_code("KS", 2028, existing) == "KS-2028-001"
    assert case_codes.next_case_code("TP", 2027, existing) == "TP-2027-051"


@pytest.mark.parametrize("code", ["131052-308T", "010101A123N", "311299-999E", "290200A2468", "150399Y123L"])
def test_valid_identity_codes_are_found(code):
    # the check characters are computed independently: ddmmyyzzz mod 31
    digits = int(code[:6] + code[7:10])
    assert code[10] == "0123456789ABCDEFHJKLMNPRSTUVWXY"[digits % 31]
    assert hetu.is_valid(code)
    assert hetu.find_identity_codes(f"Lapsen tunnus on {code}, huomio.") == [code]


@pytest.mark.parametrize("text", [
    "310299-123X",        # 31 February
    "131052Z308T",        # not a century sign
    "131052-001M",        # individual numbers start from 002
    "KS-2027-014",        # a case code
    "puh. 040 183 4159",  # a phone number
    "pe 27.1.2023 klo 9.00–11.30",
    "1131052-308T",       # part of a longer number
])
def test_things_that_are_not_identity_codes_are_not_flagged(text):
    assert not hetu.looks_like_identity_code(text)


@pytest.mark.parametrize("code", ["131052-308A", "010215A123B", "120380-123X"])
def test_a_code_with_a_wrong_check_character_still_warns(code):
    # a slip in typing does not make an identity code less personal
    assert not hetu.is_valid(code)
    assert hetu.looks_like_identity_code(f"Isän tunnus {code}.")


def test_lower_case_separator_and_check_character_are_still_found():
    assert hetu.looks_like_identity_code("tunnus 010101a123n")
    assert hetu.check_character("131052", "308") == "T"
