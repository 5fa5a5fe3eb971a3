ROLE_PERMISSIONS = {
    "commander": ["readiness.*"],
    "analyst": ["readiness.view_*"],
    "officer": [
        "readiness.view_*",
        "readiness.add_warningstate",
        "readiness.change_warningstate",
        "readiness.change_checklisttask",
        "readiness.add_incidententry",
        "readiness.change_incidententry",
        "readiness.change_afteractionrecord",
        "readiness.add_finding",
        "readiness.change_finding",
    ],
}
