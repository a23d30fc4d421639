"""Recorded read-aloud: one audio file per wording, for devices with no voice.

static/js/read_aloud.js speaks every text a child sees with the browser's own
voice. On a device that has no voice for the page's language it plays a
recording instead, where the installation has one:

    <AUDIO_FOLDER>/<lang>/<digest>.<ext>     e.g. instance/audio/fi/3f0c9a1b2d4e5f60.wav

`digest` is the first 16 hex digits of the SHA-256 of the wording as shown
(whitespace collapsed), so a changed wording needs a new recording and an old
one is never played for new words. `flask --app app generate-audio` makes
stand-in files with espeak-ng (participation/audio.py); a unit replaces any of
them with a human recording of the same name (.mp3, .m4a, .ogg, .opus or .wav:
when several exist, that is also the order of preference, so a recording wins
over a generated .wav).

The files are served at /audio/<lang>/<file> to anyone: they hold only the
questionnaires' own wordings, never anybody's answer. The tablet session's
guard lets this endpoint through like the static files.
"""
import hashlib
import os
import re

from flask import Blueprint, abort, current_app, g, has_request_context, request, send_from_directory, url_for
from flask_babel import get_locale

EXTENSIONS = (".mp3", ".m4a", ".ogg", ".opus", ".wav")
DIGEST_LENGTH = 16
FILE_NAME = re.compile(rf"^[0-9a-f]{{{DIGEST_LENGTH}}}\.({'|'.join(e[1:] for e in EXTENSIONS)})$")
ENDPOINT = "read_aloud.audio"

bp = Blueprint("read_aloud", __name__)


def normalise(text):
    """The wording as read: whitespace collapsed, as the browser reads textContent."""
    return " ".join(str(text or "").split())


def digest(text):
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def folder(app=None):
    app = app or current_app
    path = app.config["AUDIO_FOLDER"]
    return path if os.path.isabs(path) else os.path.join(app.instance_path, path)


_index_cache = {}


def _preference(name):
    return EXTENSIONS.index(os.path.splitext(name)[1])


def _index(lang_folder):
    """{digest: file name} of one language's folder, read again only when the folder changes."""
    try:
        stamp = os.stat(lang_folder).st_mtime_ns
    except OSError:
        return {}
    cached = _index_cache.get(lang_folder)
    if cached and cached[0] == stamp:
        return cached[1]
    found = {}
    for name in sorted(filter(FILE_NAME.match, os.listdir(lang_folder)), key=_preference):
        found.setdefault(name[:DIGEST_LENGTH], name)
    _index_cache[lang_folder] = (stamp, found)
    return found


def recording(text, lang, app=None):
    """The file name of the recording of `text` in `lang`, or None."""
    if not normalise(text):
        return None
    return _index(os.path.join(folder(app), lang)).get(digest(text))


def stamp(lang=None):
    """(the language's folder, its modification time): what the recordings found depend on.
    A new or removed file changes the folder's time. Looked at once per request."""
    lang = lang or str(get_locale())
    seen = g.setdefault("read_aloud_stamps", {}) if has_request_context() else {}
    if lang not in seen:
        lang_folder = os.path.join(folder(), lang)
        try:
            seen[lang] = (lang_folder, os.stat(lang_folder).st_mtime_ns)
        except OSError:
            seen[lang] = (lang_folder, None)
    return seen[lang]


# {(folder, its time, script root): {text: address or None}}: the wordings are the
# questionnaires' own (never an answer), so the addresses are kept per process.
_url_cache = {}
_URL_CACHE_MAX = 16


def recording_url(text, lang=None):
    """The address of the recording of `text` (in the page's language), or None (template global)."""
    lang = lang or str(get_locale())
    key = (*stamp(lang), request.script_root if has_request_context() else "")
    urls = _url_cache.get(key)
    if urls is None:
        if len(_url_cache) >= _URL_CACHE_MAX:
            _url_cache.clear()
        urls = _url_cache[key] = {}
    text = str(text or "")
    if text not in urls:
        name = recording(text, lang)
        urls[text] = url_for(ENDPOINT, lang=lang, name=name) if name else None
    return urls[text]


@bp.get("/audio/<lang>/<name>")
def audio(lang, name):
    if lang not in current_app.config["LANGUAGES"] or not FILE_NAME.match(name):
        abort(404)
    # a unit may replace a stand-in by a recording of the same name: browsers ask again after a while
    return send_from_directory(os.path.join(folder(), lang), name, max_age=300, conditional=True)


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.globals["read_aloud_src"] = recording_url
