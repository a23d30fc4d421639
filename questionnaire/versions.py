"""Versions of a questionnaire: identified by a digest of the definition and
stored in `questionnaire_versions` with the wording texts of the time.

Changing anything in a definition (a wording, a choice, the order) makes a
new version automatically. Plain functions taking the database; every
read-then-write runs inside db.immediate().
"""
import functools
import json
from collections.abc import Mapping

from db import immediate
from questionnaire.schema import as_dict, digest


def ensure_version(db, definition, texts=None):
    """The questionnaire_versions id of `definition`, stored now if it is new.

    A definition whose content differs from every stored one becomes the next
    version; `texts` ({key: {lang: text}}) is kept with it.
    """
    data = as_dict(definition)
    version_digest = digest(data)
    with immediate(db):
        rows = list(db.query("SELECT id, texts FROM questionnaire_versions WHERE questionnaire_id = ? AND digest = ?",
                             [data["id"], version_digest]))
        if rows:
            healed = _fill_missing_texts(json.loads(rows[0]["texts"]), texts or {})
            if healed is not None:
                db["questionnaire_versions"].update(rows[0]["id"], {"texts": json.dumps(healed, ensure_ascii=False)})
            return rows[0]["id"]
        latest = db.execute("SELECT coalesce(max(version), 0) FROM questionnaire_versions WHERE questionnaire_id = ?",
                            [data["id"]]).fetchone()[0]
        return db["questionnaire_versions"].insert({
            "questionnaire_id": data["id"], "version": latest + 1, "digest": version_digest,
            "definition": json.dumps(data, ensure_ascii=False),
            "texts": json.dumps(texts or {}, ensure_ascii=False)}).last_pk


def _fill_missing_texts(stored, fresh):
    """A version's texts with the translations it lacked (a text equal to its
    Finnish key) taken from `fresh`; None when nothing was missing. A wording
    that was translated is never changed: the version keeps its own words."""
    changed = False
    out = {key: dict(langs) for key, langs in stored.items()}
    for key, langs in fresh.items():
        for lang, text in langs.items():
            if lang == "fi" or not text or text == key:
                continue
            old = out.setdefault(key, {}).get(lang)
            if old in (None, "", key):
                out[key][lang] = text
                changed = True
    return out if changed else None


def get_version(db, version_id, load=None):
    """One stored version: its row with "definition" (built with `load`, e.g.
    Questionnaire.from_dict; the plain dict without it), "texts" and
    "texts_json" (the stored texts as they are, e.g. a cache key); or None.

    A definition built with `load` is frozen, so it is built once per stored
    text and shared (a page used to spend a millisecond on it every time)."""
    rows = list(db.query("SELECT * FROM questionnaire_versions WHERE id = ?", [version_id]))
    return from_row(rows[0], load) if rows else None


def from_row(row, load=None, lazy_texts=False):
    """A version's row as get_version answers it (for a caller that read the row
    with its own statement, e.g. joined with the record that uses it). With
    `lazy_texts` its "texts" are parsed only when first read (SnapshotTexts)."""
    row["texts_json"] = row["texts"]
    row["definition"] = _built(row["definition"], load) if load is not None else json.loads(row["definition"])
    row["texts"] = SnapshotTexts(row["texts"]) if lazy_texts else json.loads(row["texts"])
    return row


class SnapshotTexts(Mapping):
    """A version's stored texts ({key: {lang: text}}), parsed when first read: a record's page
    seldom reads them (its localized questions are kept per version: localisation.localized_version),
    and parsing them was a tenth of the worker's record page. Each is its own: nobody shares one."""

    def __init__(self, texts_json):
        self._json, self._texts = texts_json, None

    def _parsed(self):
        if self._texts is None:
            self._texts = json.loads(self._json)
        return self._texts

    def __getitem__(self, key):
        return self._parsed()[key]

    def __iter__(self):
        return iter(self._parsed())

    def __len__(self):
        return len(self._parsed())


def get_definition(db, version_id, load):
    """Only a stored version's definition, built with `load` (shared, as in get_version),
    or None: what reading a submitted answer needs, without parsing the version's texts."""
    row = db.execute("SELECT definition FROM questionnaire_versions WHERE id = ?", [version_id]).fetchone()
    return _built(row[0], load) if row else None


@functools.lru_cache(maxsize=256)
def _built(definition_json, load):
    return load(json.loads(definition_json))
