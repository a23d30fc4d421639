"""The survey summary's exports (surveys/export.py, routes_export.py, export_cli.py):
the exact machine header, numbers that stay numbers, formulas that never run,
small cells suppressed with what would give them back, the study's figures
from the demo data, the command line and the downloads."""
import csv
import io
import shutil
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from app import create_app
from db import connect, migrate
from surveys import export
from surveys.numbers import display_percent
from surveys.summary import QuestionSummary
from tests.conftest import TEST_SPEED, login, make_user

HEADER = "survey,question_id,group,n,positive_n,positive_pct,dont_know_n,suppressed"
DEMO_TODAY = date(2027, 1, 19)


def summary(survey, question, group, n, positive, dont_know=0):
    return QuestionSummary(survey_id=survey, question_id=question, group=group, type="scale", n=n,
                           dont_know=dont_know, positive_n=positive)


def read_csv(text, delimiter=","):
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def by_key(records):
    return {(r["survey"], r["question_id"], r["group"]): r for r in records}


# ---- the rows and their suppression ---------------------------------------------------------

def test_a_cell_of_four_answers_is_suppressed_and_one_of_five_is_shown():
    table = export.rows([summary("feedback-expert", "works_well", "expert", 4, 3),
                         summary("feedback-expert", "competence", "expert", 5, 3)], min_n=5)
    assert [(r.question_id, r.suppressed) for r in table] == [("works_well", True), ("competence", False)]
    assert (table[1].n, table[1].positive_n, str(table[1].positive_pct)) == (5, 3, "60.0")


def test_a_suppressed_row_has_suppressed_1_and_empty_numbers():
    text = export.to_csv(export.rows([summary("feedback-expert", "works_well", "expert", 4, 3, dont_know=2)],
                                     min_n=5))
    assert text.splitlines()[1] == "feedback-expert,works_well,expert,,,,,1"


def test_a_small_survey_takes_another_with_it_so_the_pages_total_cannot_give_it_back():
    # the page shows works_well for experts over both surveys (29): 29 - 26 would give the yearly 3 back
    table = export.rows([summary("feedback-expert", "works_well", "expert", 26, 20),
                         summary("feedback-expert-yearly", "works_well", "expert", 3, 2),
                         summary("feedback-expert", "competence", "expert", 26, 20),
                         summary("feedback-expert-yearly", "competence", "expert", 6, 2)], min_n=5)
    assert [(r.survey, r.question_id, r.suppressed) for r in table] == [
        ("feedback-expert", "works_well", True), ("feedback-expert-yearly", "works_well", True),
        ("feedback-expert", "competence", False), ("feedback-expert-yearly", "competence", False)]


def test_complementary_suppression_hides_the_smallest_shown_survey_only():
    table = export.rows([summary("feedback-child-7-12", "felt_heard", "child", 20, 15),
                         summary("feedback-child-13-17", "felt_heard", "child", 2, 1),
                         summary("feedback-child-x", "felt_heard", "child", 10, 5)], min_n=5)
    assert [r.suppressed for r in table] == [False, True, True]


def test_each_group_is_protected_on_its_own_and_free_text_is_left_out():
    table = export.rows([summary("feedback-expert", "works_well", "expert", 4, 3),
                         summary("feedback-professional", "works_well", "professional", 30, 10),
                         QuestionSummary(survey_id="feedback-expert", question_id="do_differently", group="expert",
                                         type="free_text", n=3)], min_n=5)
    assert [(r.group, r.suppressed) for r in table] == [("expert", True), ("professional", False)]


def test_the_percentage_has_one_decimal_rounded_half_up():
    table = export.rows([summary("s", "q1", "expert", 29, 22), summary("s", "q2", "expert", 8, 5),
                         summary("s", "q3", "expert", 40, 1)], min_n=5)
    assert [str(r.positive_pct) for r in table] == ["75.9", "62.5", "2.5"]   # 62.5 and 2.5 exactly: no banker's


# ---- the writers ----------------------------------------------------------------------------

HOSTILE = [summary("=1+1", "@SUM(A1:A9)", "expert", 29, 22, dont_know=1),
           summary("+cmd", "-2+3", "professional", 46, 17),
           summary("\tx", "\rq", "child", 8, 7),
           summary("ok", "\nq", "parent", 3, 1)]


def test_the_csv_has_exactly_the_machine_header_and_reads_back_to_the_same_numbers():
    table = export.rows(HOSTILE, min_n=5)
    text = export.to_csv(table)
    assert text.splitlines()[0] == HEADER
    assert "\r\n" in text and not text.startswith(export.BOM)
    records = read_csv(text)
    assert [(r["n"], r["positive_n"], r["positive_pct"], r["dont_know_n"], r["suppressed"]) for r in records] == [
        ("29", "22", "75.9", "1", "0"), ("46", "17", "37.0", "0", "0"), ("8", "7", "87.5", "0", "0"),
        ("", "", "", "", "1")]


def test_the_csv_neutralises_every_text_that_a_spreadsheet_would_run():
    records = read_csv(export.to_csv(export.rows(HOSTILE, min_n=5)))
    assert [(r["survey"], r["question_id"]) for r in records] == [
        ("'=1+1", "'@SUM(A1:A9)"), ("'+cmd", "'-2+3"), ("'\tx", "'\rq"), ("ok", "'\nq")]


def test_the_xlsx_keeps_numbers_numeric_and_every_text_a_text():
    data = export.to_xlsx(export.rows(HOSTILE, min_n=5))
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER.split(","))
    assert rows[1] == ("'=1+1", "'@SUM(A1:A9)", "expert", 29, 22, 75.9, 1, 0)
    assert rows[4] == ("ok", "'\nq", "parent", None, None, None, None, 1)
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row[:3])
    assert all(cell.data_type == "n" for cell in sheet[2][3:])
    assert sheet["F2"].number_format == "0.0"
    with zipfile.ZipFile(io.BytesIO(data)) as xlsx:
        assert "<f>" not in xlsx.read("xl/worksheets/sheet1.xml").decode()   # no formula anywhere


def test_the_xlsx_stores_a_text_starting_with_equals_as_text_even_without_the_apostrophe(monkeypatch):
    monkeypatch.setattr(export, "neutralise", lambda text: str(text))
    data = export.to_xlsx(export.rows([summary("=1+1", "works_well", "expert", 29, 22)], min_n=5))
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_the_csv_for_a_finnish_excel_has_a_bom_semicolons_and_decimal_commas():
    data = export.to_csv_fi(export.rows(HOSTILE[:2], min_n=5), header=("Kysely", "=Kysymys", "Ryhmä", "n",
                                                                          "Myönteisiä", "%", "EOS", "Piilotettu"))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Kysely;'=Kysymys;Ryhmä;n;Myönteisiä;%;EOS;Piilotettu"
    assert text.splitlines()[1] == "'=1+1;'@SUM(A1:A9);expert;29;22;75,9;1;0"


# ---- the demo data: the study's figures -----------------------------------------------------

@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A database filled by the demo data once (as `flask demo-data` on 19.1.2027)."""
    path = str(tmp_path_factory.mktemp("export-demo") / "demo.sqlite")
    demo = connect(path, synchronous="OFF")
    migrate(demo)
    from demo_data import extra_steps, fill_accounts
    context = {"today": DEMO_TODAY}
    context.update(fill_accounts(demo))
    for step in extra_steps():
        step(demo, context)
    demo.conn.close()
    return path


@pytest.fixture
def demo_app(demo_file, tmp_path):
    path = str(tmp_path / "demo.sqlite")
    shutil.copy(demo_file, path)
    return create_app({"TESTING": True, "DATABASE": path, "SECRET_KEY": "test-secret", "TODAY": str(DEMO_TODAY),
                       "SESSION_COOKIE_SECURE": False, **TEST_SPEED})


@pytest.fixture
def demo_db(demo_app):
    conn = connect(demo_app.config["DATABASE"], synchronous="OFF")
    yield conn
    conn.conn.close()


STUDY_ROWS = {   # (survey, question, group): (n, positive_n, positive_pct): the study's 76 % / 37 % ...
    ("feedback-expert", "works_well", "expert"): ("29", "22", "75.9"),
    ("feedback-professional", "works_well", "professional"): ("46", "17", "37.0"),
    ("feedback-expert", "competence", "expert"): ("29", "26", "89.7"),
    ("feedback-professional", "competence", "professional"): ("46", "19", "41.3"),
    ("feedback-expert", "client_heard", "expert"): ("29", "1", "3.4"),
    ("feedback-professional", "client_heard", "professional"): ("46", "1", "2.2"),
    ("feedback-expert", "statement_importance", "expert"): ("29", "3", "10.3"),
    ("feedback-expert", "individual_composition", "expert"): ("29", "5", "17.2"),
    ("feedback-professional", "individual_composition", "professional"): ("45", "31", "68.9"),
    ("feedback-expert", "retention", "expert"): ("29", "22", "75.9"),
    ("feedback-professional", "retention", "professional"): ("46", "36", "78.3"),
}


def test_the_demo_datas_export_gives_the_studys_figures(demo_app):
    result = demo_app.test_cli_runner().invoke(args=["export-summary"])
    assert result.exit_code == 0, result.output
    records = by_key(read_csv(result.stdout))
    for key, figures in STUDY_ROWS.items():
        assert (records[key]["n"], records[key]["positive_n"], records[key]["positive_pct"]) == figures, key
        assert records[key]["suppressed"] == "0"
    # rounded to whole numbers they are the study's: 76 %, 37 %, 90 %, 41 %, 3 %, 2 %, 10 %, 17 %, 69 %, 76 %, 78 %
    assert [int(display_percent(f[2])) for f in STUDY_ROWS.values()] == [76, 37, 90, 41, 3, 2, 10, 17, 69, 76, 78]


# ---- the command line -----------------------------------------------------------------------

def audit_lines(db):
    return [(r["user_id"], r["detail"]) for r in db.query(
        "SELECT user_id, detail FROM audit_log WHERE action = 'survey.summary_exported' ORDER BY id")]


def test_the_cli_writes_the_csv_to_stdout_and_logs_the_export(demo_app, demo_db):
    result = demo_app.test_cli_runner().invoke(args=["export-summary", "--format", "csv", "--panel", "1",
                                                     "--from", "2025-11", "--to", "2026-10"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == HEADER
    assert len(result.stdout.splitlines()) == 23
    assert audit_lines(demo_db) == [(None, "csv; panels 1; from 2025-11; to 2026-10; version -")]


def test_the_cli_writes_an_xlsx_to_the_output_file(demo_app, tmp_path):
    target = tmp_path / "summary.xlsx"
    result = demo_app.test_cli_runner().invoke(args=["export-summary", "--format", "xlsx", "--output", str(target)])
    assert result.exit_code == 0, result.output
    rows = {r[:3]: r[3:] for r in load_workbook(target).active.iter_rows(min_row=2, values_only=True)}
    assert rows[("feedback-expert", "works_well", "expert")] == (29, 22, 75.9, 0, 0)


@pytest.mark.parametrize("args, option", [(["--from", "2026-13"], "'--from'"), (["--to", "26-01"], "'--to'"),
                                          (["--from", "2026-06", "--to", "2026-01"], "'--to'"),
                                          (["--panel", "99"], "'--panel'"), (["--panel", "x"], "'--panel'"),
                                          (["--format", "pdf"], "'--format'")])
def test_a_bad_option_is_a_usage_error_naming_it_without_a_traceback(demo_app, demo_db, args, option):
    result = demo_app.test_cli_runner().invoke(args=["export-summary", *args])
    assert result.exit_code == 2
    assert f"Invalid value for {option}" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)   # click's usage exit, not an error raised from the command
    assert audit_lines(demo_db) == []


def test_an_output_file_that_cannot_be_written_is_an_error_and_exports_nothing(demo_app, demo_db, tmp_path):
    result = demo_app.test_cli_runner().invoke(args=["export-summary", "--output", str(tmp_path / "no" / "x.csv")])
    assert result.exit_code == 1
    assert "Could not open file" in result.output and "Traceback" not in result.output
    assert audit_lines(demo_db) == []


def test_an_xlsx_needs_an_output_file(demo_app, demo_db):
    result = demo_app.test_cli_runner().invoke(args=["export-summary", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--output FILE" in result.output
    assert audit_lines(demo_db) == []


# ---- the downloads --------------------------------------------------------------------------

@pytest.fixture
def demo_people(demo_db):
    """The demo panel's coordinator, an admin and another panel's coordinator (cheap passwords)."""
    from accounts.storage import create_panel
    panel_id = demo_db["panels"].rows.__next__()["id"]
    other = create_panel(demo_db, "Toinen paneeli", case_code_prefix="TP")
    return {"coordinator": make_user(demo_db, "koord@example.org", ["coordinator"], [panel_id]),
            "admin": make_user(demo_db, "admin@example.org", ["admin"], []),
            "other": make_user(demo_db, "muu@example.org", ["coordinator"], [other]),
            "panel_id": panel_id, "other_panel_id": other}


def logged_in(demo_app, email):
    client = demo_app.test_client()
    assert login(client, email).status_code == 302
    return client


def test_the_coordinator_downloads_the_csv_as_an_attachment_never_cached(demo_app, demo_db, demo_people):
    response = logged_in(demo_app, "koord@example.org").get("/feedback/report/export.csv?from=2025-11")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=feedback-summary_2025-11.csv"
    assert response.headers["Content-Type"].startswith("text/csv; charset=utf-8")
    assert "no-store" in response.headers["Cache-Control"]
    records = by_key(read_csv(response.get_data(as_text=True)))
    assert records[("feedback-expert", "works_well", "expert")]["positive_pct"] == "75.9"
    panel_id = demo_people["panel_id"]
    assert audit_lines(demo_db) == [(demo_people["coordinator"], f"csv; panels {panel_id}; from 2025-11; to -; version -")]


def test_another_panels_coordinator_gets_only_their_own_panel_and_a_400_for_ours(demo_app, demo_people):
    client = logged_in(demo_app, "muu@example.org")
    own = read_csv(client.get("/feedback/report/export.csv").get_data(as_text=True))
    assert own == []   # their panel has no responses
    assert client.get(f"/feedback/report/export.csv?panel={demo_people['panel_id']}").status_code == 400


def test_the_admin_exports_every_panel(demo_app, demo_db, demo_people):
    response = logged_in(demo_app, "admin@example.org").get("/feedback/report/export.csv")
    assert len(read_csv(response.get_data(as_text=True))) == 22
    ids = sorted([demo_people["panel_id"], demo_people["other_panel_id"]])
    assert audit_lines(demo_db)[-1][1].startswith(f"csv; panels {ids[0]},{ids[1]};")


def test_the_xlsx_download_has_the_page_languages_header(demo_app, demo_people):
    client = logged_in(demo_app, "koord@example.org")
    client.get("/language/en")
    response = client.get("/feedback/report/export.xlsx")
    assert response.headers["Content-Type"] == export_xlsx_type()
    assert response.headers["Content-Disposition"] == "attachment; filename=feedback-summary.xlsx"
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [c.value for c in sheet[1]][:3] == ["Survey", "Question", "Respondent group"]
    assert sheet["D1"].value == "n" and isinstance(sheet["D2"].value, int)


def export_xlsx_type():
    from surveys.routes_export import XLSX
    return XLSX


def test_the_csv_for_excel_download_is_finnish_by_default(demo_app, demo_people):
    response = logged_in(demo_app, "koord@example.org").get("/feedback/report/export.csv-fi")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=feedback-summary_excel-fi.csv"
    text = response.data.decode("utf-8-sig")
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert text.splitlines()[0].startswith("Kysely;Kysymys;")
    assert "feedback-expert;works_well;expert;29;22;75,9;0;0" in text.splitlines()


@pytest.mark.parametrize("url", ["/feedback/report/export.pdf", "/feedback/report/export.", "/feedback/report/export.CSV"])
def test_an_unknown_format_is_404(demo_app, demo_people, url):
    assert logged_in(demo_app, "koord@example.org").get(url).status_code == 404


@pytest.mark.parametrize("query", ["from=2026-13", "to=x", "panel=abc", "from=2026-06&to=2026-01", "panel=99999"])
def test_a_bad_filter_is_400_and_exports_nothing(demo_app, demo_db, demo_people, query):
    response = logged_in(demo_app, "koord@example.org").get(f"/feedback/report/export.xlsx?{query}")
    assert response.status_code == 400
    assert audit_lines(demo_db) == []


def test_a_version_is_one_answered_in_the_users_panels_as_on_the_report_page(demo_app, demo_db, demo_people):
    from surveys.report_storage import version_choices
    answered = version_choices(demo_db, panel_ids=[demo_people["panel_id"]])[0]["version_id"]
    unanswered = demo_db.execute("SELECT max(id) + 1 FROM questionnaire_versions").fetchone()[0]
    client = logged_in(demo_app, "koord@example.org")
    assert client.get(f"/feedback/report/export.csv?version={answered}").status_code == 200
    assert client.get(f"/feedback/report/export.csv?version={unanswered}").status_code == 400
    # another panel's coordinator: nothing was answered there, so no version is theirs
    assert logged_in(demo_app, "muu@example.org").get(f"/feedback/report/export.csv?version={answered}").status_code == 400
    assert [line[1].rsplit("; ", 1)[1] for line in audit_lines(demo_db)] == [f"version {answered}"]
