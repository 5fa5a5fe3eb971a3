ROLE_PERMISSIONS = {
    "commander": ["incidents.view_*"],
    "analyst": ["incidents.*"],
    "officer": ["incidents.view_incident", "incidents.view_category"],
}
