ROLE_PERMISSIONS = {
    "liaison": ["community.*"],
    "commander": ["community.view_programme", "community.view_session", "community.view_ambassador",
                  "community.view_ambassadorassignment", "community.view_programmestaff",
                  "community.change_programme", "community.add_programmestaff", "community.delete_programmestaff"],
    "officer": ["community.view_session", "community.view_programme"],
    "analyst": ["community.view_session", "community.view_programme"],
}
