"""Demo data after the meetings: the past meetings marked held with who took
part, and for the latest past meeting's consultations a finalised statement
(with a message to the child where a child gave views; its delivery is
still to be marked, so the coordinator sees it as undelivered).

Called by demo_data.fill after the child's views (participation.demo)."""
import config
from panel import attendance_storage, calendar, statement_storage
from panel.statement_rules import child_gave_views
from panel.storage import get_consultation, list_meeting_consultations, list_meetings
from participation.storage import list_views

COORDINATOR = "koordinaattori@example.fi"
EXPERTS = ["psykologi@example.fi", "laakari@example.fi", "juristi@example.fi", "kokemusasiantuntija@example.fi"]
OUTSIDE = [("Vaalijalan konsultoiva psykologi", "Vaalijala"), ("Valteri-koulun erityisopettaja", "Valteri")]

ANSWERS = [
    "Asiantuntijaryhmän näkemyksen mukaan avohuollon tukitoimia kannattaa tässä vaiheessa ensin vahvistaa; "
    "tilannetta arvioidaan uudelleen kolmen kuukauden kuluttua.",
    "Perhetyö kahdesti viikossa, lapselle oma tukihenkilö ja koulun kanssa yhteinen suunnitelma.",
    "Isovanhempien tuki kirjataan asiakassuunnitelmaan, ja heidät kutsutaan seuraavaan verkostopalaveriin.",
]
RECOMMENDATIONS = ("Avohuollon tukitoimia jatketaan ja niitä vahvistetaan: perhetyö kahdesti viikossa ja "
                   "nuorelle oma tukihenkilö. Koulun kanssa sovitaan poissaolojen seurannasta.")
NEXT_STEPS = ("Sosiaalityöntekijä kutsuu koulun, perheen ja nuoren yhteiseen palaveriin kuukauden sisällä. "
              "Tilanne arvioidaan uudelleen kolmen kuukauden kuluttua.")
TO_CHILD = ("Kiitos, että kerroit meille toiveistasi. Kuulimme, että haluat asua lähellä kavereitasi ja jatkaa "
            "samassa koulussa. Se on tärkeä toive, ja aikuiset yrittävät nyt auttaa, että se toteutuu. "
            "Sosiaalityöntekijäsi kertoo sinulle, mitä seuraavaksi tapahtuu.")


def fill(db, context):
    on_day = calendar.as_date(context.get("today") or calendar.today(config.TIMEZONE))
    users = context["users"]
    coordinator = users[COORDINATOR]
    past = [m for m in list_meetings(db, [context["panel_id"]], to_day=on_day) if not m["cancelled"]]
    agenda = list_meeting_consultations(db, [m["id"] for m in past], include_cancelled=False)
    for meeting in past:
        items = agenda[meeting["id"]]
        attendance_storage.mark_held(
            db, meeting["id"], coordinator, member_ids=[users[e] for e in EXPERTS], experts=OUTSIDE[:1],
            consultations={c["id"]: {"social_worker": True, "child_joined": False, "parents_joined": False}
                           for c in items})
    for meeting in past[-3:]:
        for item in agenda[meeting["id"]]:
            consultation = get_consultation(db, item["id"])
            gave_views = child_gave_views(list_views(db, item["id"]))
            statement_storage.save_draft(
                db, item["id"], coordinator,
                answers={q["position"]: ANSWERS[q["position"] - 1] for q in consultation["questions"]},
                recommendations=RECOMMENDATIONS, next_steps=NEXT_STEPS,
                message_to_child=TO_CHILD if gave_views else "", message_to_parent="")
            statement_storage.finalise(db, item["id"], coordinator, link=f"/consultations/{item['id']}/statement")
    return context
