ROLE_PERMISSIONS = {
    "commander": ["projects.*"],
    "analyst": ["projects.view_*"],
    "liaison": ["projects.view_*", "projects.add_engagement", "projects.change_engagement"],
}
