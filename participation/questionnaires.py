"""The questionnaires of the child's and the parent's views, as data:
child 3–6, child 7–12, young person 13–17, parent.

Pure module (no Flask). Built with the form engine's schema (questionnaire/)
and participation's extension (extension.py), so a typo fails at import.
Every wording is a *key*: the Finnish text itself, marked with N_() so that
`make translations` extracts it; Swedish and English come from the .po files
(Finnish stays the source of truth). A stored version snapshot keeps the
keys and the languages' texts of the time, so old answers are always shown
with their own wording.

Changing anything here (a wording, a choice, the order) makes a new version
automatically: versions are identified by a digest of the definition
(questionnaire/versions.py). Adding a band is adding a definition to
DEFINITIONS (and its wordings to the .po files).
"""
from questionnaire import localisation
from questionnaire import screens as engine_screens
from questionnaire.localisation import N_  # noqa: F401  (re-exported: the marker of wording keys)
from questionnaire.schema import Choice, Page, ShowIf, digest  # noqa: F401  (digest: re-exported)

from participation.extension import ViewsQuestion, ViewsQuestionnaire

# The pilot's three questions, verbatim from seed 000.
PILOT_Q1 = N_("Mitä sinä toivoisit tässä tilanteessa, että ainakin tapahtuisi?")
PILOT_Q2 = N_("Onko jotain mikä sinua huolestuttaa?")
PILOT_Q3 = N_("Mitä muuta haluaisit sanoa työryhmälle?")

def suggest_band(age):
    """The band suggested for a child of `age` years (the worker may change it)."""
    if age is None:
        return "7-12"
    if age <= 6:
        return "3-6"
    if age <= 12:
        return "7-12"
    return "13-17"


def _q(id, type, wording, show_if=None, **extra):
    if type == "yes_no" and "choices" not in extra:
        extra["choices"] = YES_NO_DK
    if show_if:
        show_if = ShowIf(question=show_if["question"], values=show_if["values"])
    return ViewsQuestion(id=id, type=type, wording=wording, show_if=show_if, **extra)


def _choice(value, label, image=None):
    return Choice(value=value, label=label, image=image)


YES_NO_DK = (
    _choice("yes", N_("Kyllä"), "yes.svg"),
    _choice("no", N_("Ei"), "no.svg"),
    _choice("dont_know", N_("En tiedä"), "dont_know.svg"),
)

# The worry question's yes / no: a tick would read as "good" for "yes, something
# worries me", so the 7–12 band gets faces that fit the meaning, and the 13–17
# band and the parent plain words (a grown-up look, no pictures).
WORRY_FACES = (
    _choice("yes", N_("Kyllä"), "sad.svg"),
    _choice("no", N_("Ei"), "happy.svg"),
    _choice("dont_know", N_("En tiedä"), "dont_know.svg"),
)
WORRY_PLAIN = tuple(_choice(c.value, c.label) for c in YES_NO_DK)

FEELINGS = (
    _choice("yes", N_("Kyllä, jokin huolettaa"), "sad.svg"),
    _choice("a_little", N_("Vähän"), "unsure.svg"),
    _choice("no", N_("Ei huoleta"), "happy.svg"),
    _choice("dont_know", N_("En tiedä"), "dont_know.svg"),
)


def _after_questions(child=True):
    """Joining the first 30 minutes of the meeting, and hearing back (seed 000, MASTER pilot).
    The same words for a child and a parent ("sinä": one form of address throughout)."""
    joining = {"question": "join", "values": ["yes", "dont_know"]}
    page_join = [
        _q("join", "single_choice", N_("Haluaisitko tulla itse työryhmän kokouksen alkuun? Alku kestää noin puoli tuntia."),
           choices=YES_NO_DK),
        _q("join_how", "single_choice", N_("Miten haluaisit olla mukana?"), show_if=joining,
           choices=(_choice("teams", N_("Teamsin kautta, tietokoneella tai puhelimella"), "teams.svg"),
                    _choice("on_site", N_("Paikan päällä samassa huoneessa"), "room.svg"),
                    _choice("either", N_("Kumpi tahansa käy"), None))),
    ]
    if child:
        page_join.append(
            _q("join_with", "single_choice", N_("Kenen kanssa haluaisit tulla?"), show_if=joining,
               choices=(_choice("alone", N_("Yksin"), "alone.svg"),
                        _choice("with_parent", N_("Vanhemman kanssa"), "with_parent.svg"),
                        _choice("with_other", N_("Jonkun muun aikuisen kanssa"), None))))
    page_back = [
        _q("hear_back", "multi_choice", N_("Miten haluaisit kuulla, mitä työryhmä ajatteli?"), help=N_("Voit valita monta."),
           choices=(_choice("social_worker", N_("Omalta sosiaalityöntekijältä"), "social_worker.svg"),
                    _choice("letter", N_("Kirjeellä"), "letter.svg"),
                    _choice("meeting", N_("Tapaamisessa"), "meeting.svg"))),
    ]
    return [_page("join", *page_join), _page("hear_back", *page_back)]


def _page(id, *questions):
    return Page(id=id, kind="questions", questions=questions)


def _explanation(id, image, paragraphs):
    return Page(id=id, kind="explanation", image=image, paragraphs=paragraphs)


CHILD_3_6 = ViewsQuestionnaire(
    id="child-3-6", audience="child", band="3-6",
    title=N_("Sinun ajatuksesi"),
    pages=[
        _explanation("intro", "intro_3_6.svg", [
            N_("Aikuiset haluavat auttaa sinua ja perhettäsi."),
            N_("Työryhmä on joukko aikuisia. He miettivät yhdessä, miten lapsia ja perheitä voi auttaa."),
            N_("Työryhmässä on esimerkiksi lääkäri, psykologi, juristi ja sosiaalityöntekijä."),
            N_("Työryhmä puhuu pian sinun asioistasi."),
            N_("Me haluamme kuulla, mitä sinä ajattelet."),
            N_("Voit kertoa, näyttää kuvan tai piirtää."),
            N_("Sosiaalityöntekijäsi vie vastauksesi työryhmälle. Niin aikuiset tietävät, mitä sinä ajattelet."),
            N_("Sinä saat valita, näkeekö vastauksesi työryhmä vai vain oma sosiaalityöntekijäsi."),
            N_("Vanhempasi eivät näe vastauksiasi täältä."),
            N_("Vastauksesi pysyvät tallessa sosiaalityöntekijäsi papereissa."),
            N_("Sinun ei ole pakko vastata."),
        ]),
        _page("q1", _q("q1", "drawing", N_("Mitä sinä toivot, että tapahtuu?"), worker_wording=PILOT_Q1, pilot=1, required=True,
                       help=N_("Voit piirtää tai kertoa."))),
        _page("q2", _q("q2", "single_choice", N_("Onko jokin asia, joka huolettaa tai pelottaa sinua?"),
                       worker_wording=PILOT_Q2, pilot=2, required=True, worry=True, comment=True,
                       choices=FEELINGS)),
        _page("q3", _q("q3", "free_text", N_("Mitä haluaisit vielä kertoa aikuisille?"), worker_wording=PILOT_Q3,
                       pilot=3, required=True, allow_drawing=True)),
    ] + _after_questions(),
)

CHILD_7_12 = ViewsQuestionnaire(
    id="child-7-12", audience="child", band="7-12",
    title=N_("Sinun ajatuksesi työryhmälle"),
    pages=[
        _explanation("intro", "intro_7_12.svg", [
            N_("Pian lastensuojelun työryhmä puhuu sinun asioistasi kokouksessa."),
            N_("Työryhmässä on aikuisia, jotka tietävät paljon lapsista ja perheistä. Siellä on esimerkiksi lääkäri, psykologi, juristi ja sosiaalityöntekijä."),
            N_("He antavat sosiaalityöntekijällesi neuvoja, miten sinua ja perhettäsi voisi auttaa."),
            N_("Sosiaalityöntekijäsi vie vastauksesi työryhmälle ennen kokousta. Työryhmän aikuiset lukevat ne."),
            N_("Sinun ajatuksesi ovat tärkeitä. Siksi kysymme sinulta ensin kolme asiaa. Sitten kysymme, haluatko tulla kokoukseen ja miten haluat kuulla, mitä työryhmä ajatteli."),
            N_("Voit kirjoittaa, kertoa tai piirtää. Voit myös sanoa, ettet halua vastata."),
            N_("Jokaisen vastauksen kohdalla saat valita, saako työryhmä nähdä sen vai vain oma sosiaalityöntekijäsi."),
            N_("Vanhempasi eivät näe vastauksiasi täältä. Jos mietit, mitä heille kerrotaan, kysy sosiaalityöntekijältäsi."),
            N_("Vastauksesi säilytetään lastensuojelun papereissa niin kauan kuin laki määrää."),
        ]),
        _page("q1", _q("q1", "free_text", PILOT_Q1, pilot=1, required=True, allow_drawing=True)),
        _page("q2", _q("q2", "yes_no", PILOT_Q2, pilot=2, required=True, worry=True, comment=True, choices=WORRY_FACES,
                       help=N_("Voit kertoa lisää, jos haluat."))),
        _page("q3", _q("q3", "free_text", PILOT_Q3, pilot=3, required=True, allow_drawing=True)),
    ] + _after_questions(),
)

CHILD_13_17 = ViewsQuestionnaire(
    id="young-13-17", audience="child", band="13-17",
    title=N_("Sinun näkemyksesi työryhmälle"),
    pages=[
        _explanation("intro", None, [
            N_("Sosiaalityöntekijäsi on pyytänyt neuvoja lastensuojelun moniammatilliselta asiantuntijaryhmältä. Puhumme siitä lyhyesti työryhmänä."),
            N_("Työryhmässä on eri alojen ammattilaisia, esimerkiksi lääkäri, psykologi, juristi ja sosiaalityöntekijä. Mukana voi olla myös kokemusasiantuntija."),
            N_("Työryhmä käsittelee sinun asiaasi kokouksessa ja kirjoittaa sosiaalityöntekijällesi lausunnon."),
            N_("Haluamme, että sinun näkemyksesi ovat mukana. Vastauksesi liitetään työryhmän ennakkomateriaaliin."),
            N_("Voit jättää vastaamatta mihin tahansa kysymykseen."),
            N_("Jokaisen vastauksen kohdalla päätät itse, näkeekö sen työryhmä vai vain oma sosiaalityöntekijäsi."),
            N_("Työryhmän jäsenillä on vaitiolovelvollisuus: he eivät kerro asioistasi muille."),
            N_("Vanhempasi eivät näe vastauksiasi tästä palvelusta. Jos haluat tietää, mitä heille kerrotaan, kysy sosiaalityöntekijältäsi."),
            N_("Vastauksesi säilytetään lastensuojelun asiakirjoissa lain määräämän ajan, kuten muutkin asiakirjasi."),
        ]),
        _page("q1", _q("q1", "free_text", PILOT_Q1, pilot=1, required=True)),
        _page("q2", _q("q2", "yes_no", PILOT_Q2, pilot=2, required=True, worry=True, comment=True, choices=WORRY_PLAIN,
                       help=N_("Voit kertoa lisää, jos haluat."))),
        _page("q3", _q("q3", "free_text", PILOT_Q3, pilot=3, required=True)),
    ] + _after_questions(),
)

PARENT = ViewsQuestionnaire(
    id="parent", audience="parent", band="parent",
    title=N_("Vanhemman näkemykset työryhmälle"),
    pages=[
        # "sinä" throughout, as everywhere else on the screens (the pilot's questions too)
        _explanation("intro", None, [
            N_("Lapsesi asioista vastaava sosiaalityöntekijä on pyytänyt neuvoja lastensuojelun moniammatilliselta asiantuntijaryhmältä. Puhumme siitä myös työryhmänä."),
            N_("Asiantuntijaryhmässä on eri alojen ammattilaisia, esimerkiksi lääkäri, psykologi, juristi ja sosiaalityöntekijä. Mukana voi olla myös kokemusasiantuntija."),
            N_("Ryhmä käsittelee lapsesi asiaa kokouksessa ja antaa sosiaalityöntekijälle kirjallisen lausunnon."),
            N_("Toivomme, että myös sinä kerrot näkemyksesi. Vastauksesi pidetään erillään lapsen vastauksista: lapsesi ei näe niitä tästä palvelusta."),
            N_("Sosiaalityöntekijä liittää vastauksesi asiantuntijaryhmän ennakkomateriaaliin. Ryhmän jäsenet lukevat sen ennen kokousta."),
            N_("Jokaisen vastauksen kohdalla voit valita, näkeekö sen asiantuntijaryhmä vai vain sosiaalityöntekijä."),
            N_("Asiantuntijaryhmän jäseniä sitoo vaitiolovelvollisuus."),
            N_("Vastauksesi säilytetään lastensuojelun asiakirjoissa lain määräämän ajan."),
        ]),
        _page("q1", _q("q1", "free_text", PILOT_Q1, worker_wording=PILOT_Q1, pilot=1, required=True)),
        _page("q2", _q("q2", "yes_no", PILOT_Q2, worker_wording=PILOT_Q2, pilot=2, required=True, worry=True, choices=WORRY_PLAIN,
                       comment=True, help=N_("Voit kertoa lisää, jos haluat."))),
        _page("q3", _q("q3", "free_text", PILOT_Q3, worker_wording=PILOT_Q3, pilot=3, required=True)),
    ] + _after_questions(child=False),
)

DEFINITIONS = {d.band: d for d in (CHILD_3_6, CHILD_7_12, CHILD_13_17, PARENT)}


def bands(audience=None):
    """The band ids of the definitions in their order (only `audience`'s, "child"
    or "parent", if given): the one list of bands; nothing else repeats it."""
    return [band for band, d in DEFINITIONS.items() if audience in (None, d.audience)]


def definition_for(band):
    """The current definition of `band` (frozen: nobody can change ours)."""
    return DEFINITIONS[band]


def load(data):
    """A stored version's definition (a dict) as a ViewsQuestionnaire."""
    from participation.extension import load as load_definition
    return load_definition(data)


# The engine's functions under their old names (callers elsewhere use these).

def questions(definition):
    """All questions of a definition in order."""
    return definition.questions()


def question(definition, question_id):
    return definition.question(question_id)


def wording_keys(definition):
    """Every translatable key of a definition, in order, without duplicates."""
    return definition.wording_keys()


screens = engine_screens.screens
localize = localisation.localize
