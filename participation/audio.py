"""Stand-in recordings for read-aloud: `flask --app app generate-audio`.

Every text a person hears on their own screens (the worker's "show to the
child" screens and the tablet) gets a file <AUDIO_FOLDER>/<lang>/<digest>.wav
made offline with Debian's espeak-ng (web/read_aloud.py says how files are
named and found). A human voice is better: a unit records its own and saves
it under the same name (README, "Read-aloud recordings"). Files that exist are
never touched, so a recording is never overwritten.

texts(lang) is the one list of what may be heard: the wordings of every
questionnaire (the current definitions and every stored version), the
screens' own words (TEXTS below; a test renders the screens and checks that
each of their read-aloud items is here) and the sentences about the days of
the meetings to come.
"""
import os
import shutil
import subprocess
import tempfile
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from db import get_db
from participation import bands, explanations, questionnaires
from participation.storage import get_version
from questionnaire import localisation
from web import read_aloud

# espeak-ng's voice of each language (its own code where they agree)
VOICES = {"en": "en-gb"}

# The words of the person's screens besides the questionnaires' (the templates
# in templates/questionnaire/ and templates/participation/, in their order).
TEXTS = (
    _l("What is this about?"),
    _l("Answer"), _l("Tell more, if you like"), _l("Or tell in words (what is in the drawing)"),
    _l("Draw here with a finger, a pen or a mouse"), _l("You can also draw"),
    _l("I don't want to answer"), _l("You can also choose: I don't want to answer."),
    _l("Who may see this answer?"),
    _l("The working group and my social worker"), _l("Only my social worker"),
    _l("The expert panel and the social worker"), _l("Only the social worker"),
    _l("Thank you!"),
    _l("Thank you for telling us what you think. Your social worker will take your answers to the working group."),
    _l("Thank you for your views. The social worker will take them to the expert panel."),
    _l("When you are ready, press \"Finished\". Your social worker then looks through the answers with you."),
    _l("When you are ready, press \"Finished\". The social worker then looks through the answers with you."),
    _l("You have answered all the questions!"), _l("You have answered all the questions."),
    _l('You can still go back and check your answers. When you are ready, press "I am ready".'),
    _l("Hello!"), _l("On this tablet you can answer a few questions by yourself."),
    _l("Write the code you got from the adult"), _l("Choose your language. Then we start."),
    _l("We stopped for now"),
    _l("Nobody touched the tablet for a while, so we stopped. The answers you gave are saved."),
    *explanations.NO_MEETING.values(),
)


def _wordings(definition, texts, lang):
    """The texts of a definition the person sees, in `lang` (not the pilot's wording for the adult)."""
    t = localisation.translator(texts, lang)
    out = [t(definition.title)]
    for page in definition.pages:
        out += [t(p) for p in page.paragraphs]
        for q in page.questions:
            out += [t(q.wording), t(q.help)] + [t(c.label) for c in q.field.choices(q)]
    return [text for text in out if text]


def _definitions():
    """(definition, texts) of every current definition and every stored version."""
    languages = current_app.config["LANGUAGES"]
    for definition in questionnaires.DEFINITIONS.values():
        yield definition, localisation.texts_for(definition.wording_keys(), languages)
    for row in get_db().query("SELECT id FROM questionnaire_versions ORDER BY id"):
        version = get_version(get_db(), row["id"])
        keys = version["definition"].wording_keys()
        yield version["definition"], localisation.live_or_snapshot(version["texts"], keys, languages)


def _meeting_days():
    """The days of the meetings from today on that are not cancelled."""
    rows = get_db().query("SELECT DISTINCT substr(starts_at, 1, 10) AS day FROM meetings "
                          "WHERE NOT cancelled AND substr(starts_at, 1, 10) >= ? ORDER BY day",
                          [date.today().isoformat()])
    return [row["day"] for row in rows]


def texts(lang):
    """Every text a person may hear in `lang`, each once, in a stable order."""
    found = []
    for definition, wording in _definitions():
        found += _wordings(definition, wording, lang)
    with force_locale(lang):
        found += [str(text) for text in TEXTS]
        found += [str(text) for pair in list(bands.THANKS.values()) + [bands.GENERAL_THANKS] for text in pair]
        for day in _meeting_days():
            found += [explanations.meeting_sentence(day, audience, lang) for audience in explanations.MEETING]
    return list(dict.fromkeys(read_aloud.normalise(text) for text in found if read_aloud.normalise(text)))


def speak_to_file(espeak, lang, text, path):
    """Make `path` (a .wav) saying `text` with espeak-ng; written beside and moved in place."""
    handle, temporary = tempfile.mkstemp(suffix=".wav", dir=os.path.dirname(path))
    os.close(handle)
    try:
        subprocess.run([espeak, "-v", VOICES.get(lang, lang), "-s", "140", "-w", temporary, "--", text],
                       check=True, capture_output=True, timeout=60)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


@click.command("generate-audio")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable); default: every language")
@click.option("--espeak", default="espeak-ng", show_default=True, help="The espeak-ng program")
@with_appcontext
def generate_audio_command(languages, espeak):
    """Make stand-in read-aloud recordings (espeak-ng) for every text without one."""
    program = shutil.which(espeak)
    if program is None:
        raise click.ClickException(f"{espeak} is not installed (Debian: apt-get install espeak-ng)")
    wanted = languages or current_app.config["LANGUAGES"]
    unknown = [lang for lang in wanted if lang not in current_app.config["LANGUAGES"]]
    if unknown:
        raise click.ClickException(f"not a language of LANGUAGES: {', '.join(unknown)}")
    for lang in wanted:
        folder = os.path.join(read_aloud.folder(), lang)
        os.makedirs(folder, exist_ok=True)
        made = kept = 0
        for text in texts(lang):
            if read_aloud.recording(text, lang):
                kept += 1
                continue
            speak_to_file(program, lang, text, os.path.join(folder, read_aloud.digest(text) + ".wav"))
            made += 1
        click.echo(f"{lang}: {made} made, {kept} already there ({folder})")


def init_app(app):
    app.cli.add_command(generate_audio_command)
