ROLE_PERMISSIONS = {
    "commander": ["hotspots.*"],
    "analyst": ["hotspots.*"],
    "officer": [
        "hotspots.view_forecast",
        "hotspots.view_patrolplan",
        "hotspots.view_patrolhotspot",
        "hotspots.view_patrolvisit",
        "hotspots.view_visitrecord",
        "hotspots.add_visitrecord",
        "hotspots.change_visitrecord",
        "hotspots.view_areaboundary",
    ],
}
