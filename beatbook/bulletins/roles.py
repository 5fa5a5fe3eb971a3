ROLE_PERMISSIONS = {
    # Liaison staff write and send; approving is the commander's (a supervisor), never the writer's.
    "liaison": [
        "bulletins.view_*",
        "bulletins.add_bulletin",
        "bulletins.change_bulletin",
        "bulletins.add_webhook",
        "bulletins.change_webhook",
    ],
    "commander": ["bulletins.view_*", "bulletins.approve_bulletin"],
    "partner": ["bulletins.add_acknowledgement"],
    "officer": ["bulletins.view_bulletin"],
}
