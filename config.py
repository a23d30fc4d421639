"""Default configuration. Every value can be overridden from the environment
with the FLASK_ prefix (FLASK_DATABASE, FLASK_SECRET_KEY, ...), see app.py."""

# Path of the SQLite file; relative paths are taken inside the instance folder.
DATABASE = "kuulluksi.sqlite"
# PRAGMA synchronous of every connection. FULL survives a power cut; the test
# suite sets OFF for its throwaway files.
DATABASE_SYNCHRONOUS = "FULL"

# Languages offered, Finnish first: it is the default and the source of truth.
LANGUAGES = ["fi", "sv", "en"]
BABEL_DEFAULT_LOCALE = "fi"
BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
TIMEZONE = "Europe/Helsinki"

# Name shown in the header when the user belongs to no panel (e.g. an admin).
SITE_NAME = "Kuulluksi"

# The wellbeing area that runs Kuulluksi, on the accessibility statement and the
# privacy notice; until they are set the pages say plainly that they are missing.
CONTROLLER = ""                 # the data controller, e.g. "Keski-Suomen hyvinvointialue"
ACCESSIBILITY_CONTACT = ""      # e.g. "saavutettavuus@hyvaks.fi"
PRIVACY_CONTACT = ""            # e.g. "kirjaamo@hyvaks.fi, PL 1, 40101 Jyväskylä"
DATA_PROTECTION_OFFICER = ""    # e.g. "tietosuojavastaava@hyvaks.fi"
# Date of the accessibility statement (YYYY-MM-DD); a value that is not a date shows this one.
ACCESSIBILITY_STATEMENT_DATE = "2026-11-23"

# Cookies. SESSION_COOKIE_SECURE is turned off only for local development
# over plain http (`make run` sets FLASK_SESSION_COOKIE_SECURE=false).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = True
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"
PERMANENT_SESSION_LIFETIME = 8 * 3600
# Earlier secret keys whose session cookies still open (a list, oldest first): set the old
# key here when changing FLASK_SECRET_KEY, so that nobody is logged out by the change.
SECRET_KEY_FALLBACKS = None

# Redirect plain http to https. Off by default: in production TLS usually ends
# at a reverse proxy; HSTS is sent either way.
FORCE_HTTPS = False

# Largest request body accepted: a case document of at most 10 MB (panel/documents.py)
# and the upload form's fields; drawings are at most 2 MB.
MAX_CONTENT_LENGTH = 11 * 1024 * 1024

# Behind a reverse proxy (nginx, a load balancer) every request comes from the
# proxy's address, which would make the per-address limits below hold back
# everyone at once. PROXY_HOPS=1 trusts one proxy's X-Forwarded-For and
# X-Forwarded-Proto headers. Never set it without a proxy in front.
PROXY_HOPS = 0

# Login throttling (web/throttle.py): failed logins allowed per account and
# per address within the sliding window. An administrator can unlock an account.
# No attempt is kept longer than a day (the privacy notice), so a longer window counts one day.
LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
LOGIN_MAX_FAILURES_PER_ADDRESS = 20
LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60

# argon2id cost profile, a name in argon2.profiles (the library's recommended
# one). Tests use CHEAPEST; stored hashes keep their own parameters.
PASSWORD_HASH_PROFILE = "RFC_9106_LOW_MEMORY"

# Booking rules of the panel (seed 001).
BOOKING_CLOSES_DAYS_BEFORE = 14
DOCUMENTS_DUE_DAYS_BEFORE = 7
DEFAULT_MEETING_CAPACITY = 3
# "Today" for the panel's calendar as YYYY-MM-DD, pinned by tests and demos;
# None (always in production) is the real date in TIMEZONE.
TODAY = None

# Tablet mode: minutes without touch before "are you still there?".
TABLET_IDLE_MINUTES = 10
# The same in seconds; overrides TABLET_IDLE_MINUTES when set (the tests use it).
TABLET_IDLE_SECONDS = None
# How long "are you still there?" waits before the tablet session ends.
TABLET_IDLE_GRACE_SECONDS = 60
# A tablet code works once, for this many hours.
TABLET_CODE_HOURS = 24
# Wrong tablet codes allowed per address and per network (/24 for IPv4, /64
# for IPv6) within the sliding window; over either limit no code is checked
# until the window has moved on. Nothing is installation-wide: wrong codes
# from elsewhere never hold back another network's tablet. The worst case is
# worked out in participation/tablet_codes.py (and tested).
TABLET_THROTTLE_WINDOW_SECONDS = 3600
TABLET_MAX_FAILURES_PER_ADDRESS = 10
TABLET_MAX_FAILURES_PER_NETWORK = 30
# The thank-you screen returns to the start page after this many seconds.
TABLET_RETURN_SECONDS = 20
# How often the child's-views page asks whether the child has finished.
TABLET_STATUS_POLL_SECONDS = 4

# Email notices (panel/outbox.py, sent by `flask --app app send-mail`). While
# MAIL_SERVER, MAIL_SENDER or PUBLIC_URL is empty nothing is sent: the emails
# wait in the outbox and the coordinator sees them there. An email holds only
# a link, never a child's words, a document or a case's background.
MAIL_SERVER = ""          # the SMTP server, e.g. "smtp.hyvaks.fi"
MAIL_PORT = 587           # its port (587 for STARTTLS, 25 inside a closed network)
MAIL_USE_TLS = True       # STARTTLS before logging in; only a server on this machine may go without
MAIL_USERNAME = ""        # SMTP login; empty: no login
MAIL_PASSWORD = ""
MAIL_SENDER = ""          # the From address, e.g. "Kuulluksi <kuulluksi@hyvaks.fi>"
# The address people open Kuulluksi at, for the links in emails, e.g. "https://kuulluksi.hyvaks.fi".
PUBLIC_URL = ""

# Survey report: a group with fewer answers than this to a question is never
# shown (page, chart, alt text, table, export), nor anything that would let
# it be worked out (surveys/suppression.py: complementary suppression).
SURVEY_MIN_N = 5
# Rendered report charts kept in memory by each server process (SVG and PNG,
# a few dozen kB each), the least recently used dropped first (surveys/chart_cache.py).
SURVEY_CHART_CACHE_ENTRIES = 256

# Feedback surveys (surveys/). A feedback request (the social worker's after a
# statement, an expert member's after a meeting, a child's or parent's after
# the message back, the yearly round's) can be answered for this many days.
SURVEY_REQUEST_DAYS = 30
# The one reminder to a request not yet answered, this many days after it was sent.
SURVEY_REMINDER_DAYS = 7
# No single answer can be watched arriving: a month's responses enter the
# reports only when the month has closed and this many days more have passed
# (a yearly round's when it has closed and as many days have passed), all at once.
SURVEY_GRACE_DAYS = 14
# A child's or parent's feedback code works once, for this many days (it may be
# taken home); the worst case of guessing is worked out in surveys/codes.py.
SURVEY_CODE_DAYS = 14

# Recorded read-aloud for devices without a voice: <AUDIO_FOLDER>/<lang>/<digest>.wav
# (or .mp3, .m4a, .ogg, .opus), one file per wording (web/read_aloud.py); a
# relative path is inside instance/. `flask --app app generate-audio` makes
# stand-ins with espeak-ng; a human recording of the same name replaces one.
AUDIO_FOLDER = "audio"
