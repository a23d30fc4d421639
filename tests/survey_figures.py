"""The Southern Finland study's figures (shared/context/README.md) as report Cells:
29 expert members and 46 professionals; counts that round to exactly the
published percentages (69 % of professionals is 31 of 45: one skipped)."""
from surveys.suppression import Cell

EXPERTS, PROFESSIONALS = 29, 46

# question id: ((expert n, positive), (professional n, positive) or None when not asked)
STUDY = {
    "works_well": ((29, 22), (46, 17)),               # 76 % / 37 %
    "competence": ((29, 26), (46, 19)),               # 90 % / 41 %
    "client_heard": ((29, 1), (46, 1)),               # 3 % / 2 %
    "statement_importance": ((29, 3), None),          # 10 % / not asked
    "individual_composition": ((29, 5), (45, 31)),    # 17 % / 69 %
    "retention": ((29, 22), (46, 36)),                # 76 % / 78 %
}


def cell(question_id, group, n, positive, **more):
    return Cell(question_id=question_id, group=group, n=n, positive=positive, **more)


def study_cells(question_id):
    """(expert Cell, professional Cell or None) of one statement."""
    expert, professional = STUDY[question_id]
    return (cell(question_id, "expert", *expert),
            cell(question_id, "professional", *professional) if professional else None)
