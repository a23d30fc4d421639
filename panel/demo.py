"""Demo data of the panel: this year's and next year's meetings and a dozen
consultations in different states, spread over the three demo social workers.

Called by demo_data.fill as `fill(db, context)`; adds context["consultation_ids"]
(all ids, booking order) and context["consultation_states"] ({id: state}).
"""
from datetime import timedelta

import config

from panel import calendar, storage

PLACE = "Kokoushuone Aalto, Kilpisenkatu 8, Jyväskylä"
TEAMS = "https://teams.microsoft.com/l/meetup-join/demo-kuulluksi"
WORKERS = ["sosiaalityontekija@example.fi", "sosiaalityontekija2@example.fi", "sosiaalityontekija3@example.fi"]
COORDINATOR = "koordinaattori@example.fi"

# (questions, child's age, background) — invented, no names
CASES = [
    (["Onko sijoitus kodin ulkopuolelle tässä tilanteessa lapsen edun mukainen ratkaisu?",
      "Millaisia tukitoimia perheelle voisi vielä kokeilla avohuollossa?"], 14,
     "Nuori on ollut toistuvasti poissa koulusta ja kotoa. Avohuollon tukitoimia on ollut kaksi vuotta."),
    (["Miten lapsen ja isän tapaamiset kannattaisi järjestää sijoituksen aikana?"], 7,
     "Lapsi on sijoitettu sijaisperheeseen vuosi sitten. Tapaamisten jälkeen lapsi on ollut levoton."),
    (["Riittävätkö nykyiset tukitoimet vauvan turvallisuuden varmistamiseen?",
      "Tarvitaanko lastenpsykiatrinen arvio vanhemman ja vauvan vuorovaikutuksesta?",
      "Miten isovanhempien tuki saataisiin osaksi suunnitelmaa?"], 0,
     "Vanhemmalla on päihdetaustaa. Perhe on ollut perhetyön asiakkaana raskausajasta asti."),
    (["Millainen sijaishuoltopaikka vastaisi nuoren tarpeisiin parhaiten?"], 16,
     "Nuorella on ollut useita sijoituspaikkoja. Hän toivoo pääsevänsä lähemmäs kotipaikkakuntaansa."),
    (["Miten lapsen oma näkemys saadaan parhaiten kuuluviin huostaanoton valmistelussa?"], 11,
     "Lapsi puhuu vähän aikuisille. Koulukuraattori on tavannut lasta viikoittain."),
    (["Onko perheen tilanteessa syytä tehdä kiireellinen sijoitus?",
      "Mitä muita palveluja perheelle pitäisi tarjota?"], 5,
     "Perheessä on ollut väkivaltaa. Äiti ja lapset asuvat tällä hetkellä turvakodissa."),
    (["Miten nuoren itsenäistymistä voisi tukea jälkihuollossa?"], 17,
     "Nuori täyttää pian 18 vuotta ja haluaa muuttaa omaan asuntoon."),
    (["Onko lapsen kuntoutus riittävää nykyisessä sijaishuoltopaikassa?",
      "Pitäisikö sijaishuoltopaikkaa vaihtaa?"], 9,
     "Lapsella on neuropsykiatrisia haasteita ja koulunkäynnissä on vaikeuksia."),
    (["Miten sisarukset voisivat asua yhdessä sijoituksen aikana?"], 12,
     "Kolme sisarusta on sijoitettu eri paikkoihin. Sisarukset toivovat tapaavansa useammin."),
    (["Tarvitaanko tilanteessa moniammatillinen arvio lapsen kasvuolosuhteista?"], 3,
     "Neuvolasta on tehty kaksi lastensuojeluilmoitusta puolen vuoden aikana."),
    (["Miten vanhempien eroriita vaikuttaa lapsen tilanteeseen ja mitä sille voi tehdä?"], 8,
     "Vanhemmat ovat riidelleet huoltajuudesta kolme vuotta. Lapsi on kertonut olevansa huolissaan."),
    (["Onko avohuollon sijoitus nuorelle oikea tukitoimi nyt?",
      "Miten koulunkäynti turvataan sijoituksen aikana?"], 15,
     "Nuori on käyttänyt päihteitä ja jäänyt kiinni näpistyksistä. Vanhemmat pyytävät apua."),
]


def fill(db, context):
    """Meetings of this year and next, and twelve consultations."""
    on_day = calendar.as_date(context.get("today") or calendar.today(config.TIMEZONE))
    panel_id = context["panel_id"]
    users = context["users"]
    coordinator = users[COORDINATOR]
    for year in (on_day.year, on_day.year + 1):
        storage.generate_meetings(db, panel_id, year, config.DEFAULT_MEETING_CAPACITY)
    meetings = storage.list_meetings(db, [panel_id])
    for i, meeting in enumerate(meetings):
        # every other meeting on site, the rest on Teams
        db["meetings"].update(meeting["id"], {"place": PLACE} if i % 2 == 0 else {"teams_link": TEAMS})
    past = [m for m in meetings if calendar.as_date(m["starts_at"]) < on_day]
    coming = [m for m in meetings if calendar.as_date(m["starts_at"]) >= on_day]

    plan = []  # (meeting, state)
    for meeting in past[-3:]:
        plan += [(meeting, "handled"), (meeting, "handled")] if meeting is past[-1] else [(meeting, "handled")]
    if coming:
        plan += [(coming[0], "documents_received"), (coming[0], "documents_overdue"), (coming[0], "late")]
    if len(coming) > 1:
        plan += [(coming[1], "booked"), (coming[1], "cancelled"), (coming[1], "booked")]
    if len(coming) > 2:
        plan += [(coming[2], "booked"), (coming[2], "booked")]
    plan = plan[:len(CASES)]

    ids, states = [], {}
    for n, ((meeting, state), (questions, age, background)) in enumerate(zip(plan, CASES)):
        worker = users[WORKERS[n % len(WORKERS)]]
        meeting_day = calendar.as_date(meeting["starts_at"])
        late = state == "late" and not calendar.booking_open(meeting_day, on_day, config.BOOKING_CLOSES_DAYS_BEFORE)
        booked_on = (meeting_day - timedelta(days=3)) if late else min(on_day, meeting_day - timedelta(days=30))
        consultation_id = storage.book_consultation(
            db, meeting_id=meeting["id"], social_worker_id=worker, created_by=coordinator if late else worker,
            child_age=age, background=background, questions=questions, today=booked_on,
            closes_days_before=config.BOOKING_CLOSES_DAYS_BEFORE,
            late_reason="Kiireellinen sijoitus tehty, tilanne vaatii asiantuntijaryhmän arvion ennen päätöstä." if late else "")
        if state == "handled":
            db["consultations"].update(consultation_id, {
                "status": "handled",
                "documents_received_at": f"{meeting_day - timedelta(days=8)}T12:00:00Z"})
        elif state in ("documents_received", "late"):
            db["consultations"].update(consultation_id, {
                "documents_received_at": f"{min(on_day, meeting_day - timedelta(days=8))}T12:00:00Z"})
        elif state == "cancelled":
            storage.cancel_consultation(db, consultation_id, worker)
        ids.append(consultation_id)
        states[consultation_id] = state
    context["consultation_ids"] = ids
    context["consultation_states"] = states
    return context


def fill_workflow(db, context):
    """The workflow's demo data (members, outside experts, documents, the
    material, the family's 30 minutes): after the child's views exist."""
    from panel import demo_workflow
    return demo_workflow.fill(db, context)
