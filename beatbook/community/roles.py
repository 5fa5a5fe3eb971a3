# Liaison staff run sessions and members; assigning people to a programme (which opens its members'
# data to them) is the commander's decision, so liaison cannot add themselves to a programme.
_WORK = ["member", "session", "booking", "attendance", "ambassador", "ambassadorassignment"]

ROLE_PERMISSIONS = {
    "liaison": ["community.view_*"]
    + [f"community.{a}_{m}" for m in _WORK for a in ("add", "change", "delete")],
    "commander": [
        "community.view_programme",
        "community.view_session",
        "community.view_ambassador",
        "community.view_ambassadorassignment",
        "community.view_programmestaff",
        "community.change_programme",
        "community.add_programmestaff",
        "community.change_programmestaff",
        "community.delete_programmestaff",
    ],
    "officer": ["community.view_session", "community.view_programme"],
    "analyst": ["community.view_session", "community.view_programme"],
}
