ROLE_PERMISSIONS = {
    "commander": ["events.*"],
    "analyst": ["events.view_*"],
    "officer": ["events.view_*", "events.add_*", "events.change_*"],
    "liaison": ["events.view_*", "events.add_publicevent", "events.change_publicevent"],
}
