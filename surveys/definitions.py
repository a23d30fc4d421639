"""The feedback surveys as data, on the form engine (pure, no Flask).

Each survey is a SurveyDefinition: its id, its audience (the respondent
group: professional, expert, child, parent), its questions with their scales,
and per scale question the points that count as "positive" in the
study-style report (surveys/summary.py). The version is the engine's: any
change to a definition makes a new stored version by its digest
(questionnaire/versions.py), and every response keeps the version it
answered.

The question ids are stable and shared between the surveys that ask the same
thing (the reports put expert members and professionals side by side by
question id). A survey question is the engine's Question plus `positive`;
it gets none of participation's extras (who may see, worry marker, the
pilot's wording, drawing).

Wordings are translation keys, the Finnish text itself (see
questionnaire/localisation.py); Swedish and English are in the .po files.
"""
from dataclasses import dataclass

from questionnaire import scales
from questionnaire.localisation import N_
from questionnaire.schema import DefinitionError, Page, Question, Questionnaire

GROUPS = ("expert", "professional", "child", "parent")   # the respondent groups, in the reports' order
SUBJECTS = ("consultation", "meeting", "year", "message")
MAX_TEXT = 2000                                            # free text in a survey answer


@dataclass(frozen=True, kw_only=True)
class SurveyQuestion(Question):
    """A survey question: a scale question names its `positive` points."""
    positive: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "positive", tuple(self.positive))
        super().__post_init__()
        if self.type == "scale":
            values = [p.value for p in self.scale.points]
            if not self.positive or not set(self.positive) <= set(values):
                raise DefinitionError(f"question {self.id}: positive {self.positive} must be points of its scale {values}")
        elif self.positive:
            raise DefinitionError(f"question {self.id}: only a scale question has positive answers")
        if self.required:
            raise DefinitionError(f"question {self.id}: every survey question may be skipped")


@dataclass(frozen=True, kw_only=True)
class SurveyDefinition(Questionnaire):
    """A survey: who answers it (`audience`, one of GROUPS), what it is about
    (`subject`: one consultation, one meeting, the past year, or the message
    back to a child or parent) and, for a family's survey, the views band it is for."""
    audience: str
    subject: str
    band: str | None = None

    def __post_init__(self):
        super().__post_init__()
        if self.audience not in GROUPS:
            raise DefinitionError(f"{self.id}: audience {self.audience!r} is not one of {GROUPS}")
        if self.subject not in SUBJECTS:
            raise DefinitionError(f"{self.id}: subject {self.subject!r} is not one of {SUBJECTS}")
        if (self.band is None) != (self.audience in ("expert", "professional")):
            raise DefinitionError(f"{self.id}: a child's or parent's survey has a band, a staff survey none")
        if any(not isinstance(q, SurveyQuestion) for q in self.questions()):
            raise DefinitionError(f"{self.id}: every question is a SurveyQuestion")

    @property
    def group(self):
        return self.audience

    def scale_questions(self):
        return [q for q in self.questions() if q.type == "scale"]


def load(data):
    """A stored definition (a dict) as a SurveyDefinition."""
    return SurveyDefinition.from_dict(data, {"question": SurveyQuestion})


# ---- building blocks ------------------------------------------------------------------

TOP_TWO = ("4", "5")
TOP_ONE_OF_FIVE = ("5",)


def _scale(id, wording, scale, positive=TOP_TWO):
    return Page(id=id, questions=(SurveyQuestion(id=id, type="scale", wording=wording, scale=scale,
                                                 positive=positive),))


def _text(id, wording):
    return Page(id=id, questions=(SurveyQuestion(id=id, type="free_text", wording=wording),))


def _intro(*paragraphs, image=None):
    return Page(id="intro", kind="explanation", paragraphs=paragraphs, image=image)


ANONYMOUS_STAFF = N_("Palaute on nimetön. Vastaukseen ei tallenneta nimeäsi, konsultaatiota, kokousta eikä vastausaikaa, vain kuukausi.")
NO_READ_BACK = N_("Lähetettyä vastausta ei voi jälkeenpäin lukea eikä muuttaa kukaan, et sinäkään.")
SKIP_ANY = N_("Vastaaminen vie noin minuutin. Voit jättää minkä tahansa kysymyksen väliin.")
RELEASED_LATER = N_("Koordinaattori näkee vastaukset vain yhteenvetona ja vasta, kun kuukausi on päättynyt: kaikki kerralla.")

DO_DIFFERENTLY = N_("Mitä asiantuntijaryhmän pitäisi tehdä toisin?")
INDIVIDUAL_COMPOSITION = N_("Kuinka tärkeänä pidät sitä, että asiantuntijaryhmä kootaan jokaiseen konsultaatioon yksilöllisesti?")
RETENTION = N_("Kuinka tärkeä tekijä hyvin toimiva asiantuntijaryhmä on työntekijöiden pito- ja vetovoiman kannalta?")
STATEMENT_IMPORTANCE = N_("Kuinka tärkeänä pidät lausunnon antamista (pyydettäessä)?")


# ---- the professional: the social worker who consulted the panel ----------------------------

PROFESSIONAL = SurveyDefinition(
    id="feedback-professional", audience="professional", subject="consultation",
    title=N_("Palaute konsultaatiosta"),
    pages=(
        _intro(N_("Kysymme, miten asiantuntijaryhmä toimi tässä konsultaatiossa."), ANONYMOUS_STAFF, NO_READ_BACK,
               SKIP_ANY, RELEASED_LATER),
        _scale("works_well", N_("Miten asiantuntijaryhmä mielestäsi toimi tässä konsultaatiossa?"), scales.quality()),
        _scale("competence", N_("Kuinka paljon konsultaatio vahvisti ammattitaitoasi ja osaamistasi?"), scales.amount()),
        # the study reported "fully agree" only
        _scale("client_heard", N_("Asiakas tuli riittävän hyvin kuulluksi asiantuntijaryhmän käsittelyssä."),
               scales.agreement(), TOP_ONE_OF_FIVE),
        _scale("clear_recommendations",
               N_("Sain selkeitä suosituksia ja konkreettisia keinoja asiakkaan tilanteen edistämiseen."),
               scales.agreement()),
        _scale("questions_answered", N_("Lausunto vastasi esittämiini kysymyksiin."), scales.agreement()),
        _scale("individual_composition", INDIVIDUAL_COMPOSITION, scales.importance()),
        _scale("retention", RETENTION, scales.importance()),
        _text("do_differently", DO_DIFFERENTLY),
    ),
)

# ---- the expert member, about one meeting ------------------------------------------------

EXPERT = SurveyDefinition(
    id="feedback-expert", audience="expert", subject="meeting",
    title=N_("Palaute kokouksesta"),
    pages=(
        _intro(N_("Kysymme, miten asiantuntijaryhmä toimi tässä kokouksessa."), ANONYMOUS_STAFF, NO_READ_BACK,
               SKIP_ANY, RELEASED_LATER),
        _scale("works_well", N_("Miten asiantuntijaryhmä mielestäsi toimi tässä kokouksessa?"), scales.quality()),
        _scale("competence", N_("Kuinka paljon kokous vahvisti ammattitaitoasi ja osaamistasi?"), scales.amount()),
        _scale("client_heard", N_("Asiakas tuli riittävän hyvin kuulluksi asiantuntijaryhmän käsittelyssä."),
               scales.agreement(), TOP_ONE_OF_FIVE),
        # the study reported "very important" only
        _scale("statement_importance", STATEMENT_IMPORTANCE, scales.importance(), TOP_ONE_OF_FIVE),
        _scale("individual_composition", INDIVIDUAL_COMPOSITION, scales.importance()),
        _scale("retention", RETENTION, scales.importance()),
        _text("do_differently", DO_DIFFERENTLY),
    ),
)

# ---- the yearly survey the coordinator sends to everyone, as the study did ---------------------

YEARLY_INTRO = N_("Tämä on asiantuntijaryhmän vuosikysely. Kysymme, miten asiantuntijaryhmä on mielestäsi toiminut viime aikoina.")
YEARLY_RELEASED = N_("Koordinaattori näkee vastaukset vain yhteenvetona ja vasta, kun kysely on päättynyt: kaikki kerralla.")
WORKS_WELL_YEARLY = N_("Miten asiantuntijaryhmä mielestäsi toimii?")
CLIENT_HEARD_YEARLY = N_("Asiakas tulee riittävän hyvin kuulluksi asiantuntijaryhmän käsittelyssä.")

PROFESSIONAL_YEARLY = SurveyDefinition(
    id="feedback-professional-yearly", audience="professional", subject="year",
    title=N_("Vuosikysely asiantuntijaryhmän toiminnasta"),
    pages=(
        _intro(YEARLY_INTRO, ANONYMOUS_STAFF, NO_READ_BACK, SKIP_ANY, YEARLY_RELEASED),
        _scale("works_well", WORKS_WELL_YEARLY, scales.quality()),
        _scale("competence", N_("Kuinka paljon konsultaatiot ovat vahvistaneet ammattitaitoasi ja osaamistasi?"),
               scales.amount()),
        _scale("client_heard", CLIENT_HEARD_YEARLY, scales.agreement(), TOP_ONE_OF_FIVE),
        _scale("clear_recommendations",
               N_("Saan selkeitä suosituksia ja konkreettisia keinoja asiakkaan tilanteen edistämiseen."),
               scales.agreement()),
        _scale("questions_answered", N_("Lausunnot vastaavat esittämiini kysymyksiin."), scales.agreement()),
        _scale("individual_composition", INDIVIDUAL_COMPOSITION, scales.importance()),
        _scale("retention", RETENTION, scales.importance()),
        _text("do_differently", DO_DIFFERENTLY),
    ),
)

EXPERT_YEARLY = SurveyDefinition(
    id="feedback-expert-yearly", audience="expert", subject="year",
    title=N_("Vuosikysely asiantuntijaryhmän toiminnasta"),
    pages=(
        _intro(YEARLY_INTRO, ANONYMOUS_STAFF, NO_READ_BACK, SKIP_ANY, YEARLY_RELEASED),
        _scale("works_well", WORKS_WELL_YEARLY, scales.quality()),
        _scale("competence",
               N_("Kuinka paljon asiantuntijaryhmän työ on vahvistanut ammattitaitoasi ja osaamistasi?"),
               scales.amount()),
        _scale("client_heard", CLIENT_HEARD_YEARLY, scales.agreement(), TOP_ONE_OF_FIVE),
        _scale("statement_importance", STATEMENT_IMPORTANCE, scales.importance(), TOP_ONE_OF_FIVE),
        _scale("individual_composition", INDIVIDUAL_COMPOSITION, scales.importance()),
        _scale("retention", RETENTION, scales.importance()),
        _text("do_differently", DO_DIFFERENTLY),
    ),
)

# ---- the child and the parent, after the message back --------------------------------------
# As short as THL's customer-feedback statements for children. Children under
# about 10 pick the happiest face almost always (Read and MacFarlane's
# Smileyometer; Hall et al. 2016): 7–12 gets three faces with words, positive
# is only the top one, and the reports show the whole distribution.

CHILD_ANONYMOUS = N_("Vastaus on nimetön. Kukaan ei saa tietää, mitä sinä vastasit. Et voi itsekään katsoa tai muuttaa vastausta myöhemmin.")
CHILD_WORRIES = N_("Jos jokin asia huolettaa sinua, kerro siitä sosiaalityöntekijällesi. Voit myös soittaa Lasten ja nuorten puhelimeen 116 111. Soitto on maksuton.")
CHILD_SKIP = N_("Voit jättää kysymyksen väliin.")
ANYTHING_ELSE = N_("Haluatko sanoa vielä jotain?")

CHILD_7_12 = SurveyDefinition(
    id="feedback-child-7-12", audience="child", subject="message", band="7-12",
    title=N_("Miltä sinusta tuntui?"),
    pages=(
        _intro(N_("Kysymme vielä kolme pientä asiaa."), CHILD_ANONYMOUS, CHILD_WORRIES, CHILD_SKIP,
               image="intro_7_12.svg"),
        _scale("felt_heard", N_("Tuntuiko, että sinua kuunneltiin?"), scales.amount_faces_3(), ("3",)),
        _scale("understood", N_("Ymmärsitkö, mitä työryhmä ajatteli?"), scales.amount_faces_3(), ("3",)),
        _scale("good_to_tell", N_("Oliko hyvä, että sait kertoa ajatuksesi?"), scales.amount_faces_3(), ("3",)),
        _text("anything_else", ANYTHING_ELSE),
    ),
)

CHILD_13_17 = SurveyDefinition(
    id="feedback-child-13-17", audience="child", subject="message", band="13-17",
    title=N_("Palaute sinulta"),
    pages=(
        _intro(N_("Kysymme vielä, miltä asiasi käsittely sinusta tuntui."), CHILD_ANONYMOUS, CHILD_WORRIES,
               CHILD_SKIP),
        _scale("felt_heard", N_("Tuntuiko, että sinua kuunneltiin?"),
               scales.amount(dont_know_label=scales.DONT_KNOW_CHILD_LABEL)),
        _scale("understood", N_("Ymmärsitkö, mitä työryhmä ajatteli tilanteestasi?"),
               scales.amount(dont_know_label=scales.DONT_KNOW_CHILD_LABEL)),
        _scale("good_to_tell", N_("Oliko hyvä, että sait kertoa näkemyksesi?"),
               scales.amount(dont_know_label=scales.DONT_KNOW_CHILD_LABEL)),
        _text("anything_else", ANYTHING_ELSE),
    ),
)

PARENT = SurveyDefinition(
    id="feedback-parent", audience="parent", subject="message", band="parent",
    title=N_("Palaute vanhemmalta"),
    pages=(
        _intro(N_("Kysymme lopuksi, miltä lapsenne asian käsittely teistä tuntui."),
               N_("Palaute on nimetön. Vastaustanne ei yhdistetä teihin eikä lapsenne asiaan."),
               N_("Lähetettyä vastausta ei voi jälkeenpäin lukea eikä muuttaa kukaan, ette te itsekään."),
               N_("Jos jokin huolestuttaa teitä, ottakaa yhteyttä lapsenne sosiaalityöntekijään."),
               N_("Voitte jättää minkä tahansa kysymyksen väliin.")),
        _scale("felt_heard", N_("Tuntuiko, että teitä kuunneltiin?"), scales.amount()),
        _scale("understood", N_("Ymmärsittekö, mitä asiantuntijaryhmä ajatteli lapsenne tilanteesta?"),
               scales.amount()),
        _scale("good_to_tell", N_("Oliko hyvä, että saitte kertoa näkemyksenne?"), scales.amount()),
        _text("anything_else", N_("Haluatteko sanoa vielä jotain?")),
    ),
)

SURVEYS = {d.id: d for d in (PROFESSIONAL, EXPERT, PROFESSIONAL_YEARLY, EXPERT_YEARLY, CHILD_7_12, CHILD_13_17,
                             PARENT)}
# what each kind of request asks
AFTER_CONSULTATION = PROFESSIONAL.id
AFTER_MEETING = EXPERT.id
YEARLY = {"professional": PROFESSIONAL_YEARLY.id, "expert": EXPERT_YEARLY.id}


def get(survey_id):
    """The current definition of a survey, or None."""
    return SURVEYS.get(survey_id)


def for_band(band):
    """The family survey for a views band ("7-12", "13-17", "parent"), or None (no 3–6 survey)."""
    return next((d for d in SURVEYS.values() if d.band == band), None)
