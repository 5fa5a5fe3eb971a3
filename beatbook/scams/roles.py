"""Anti-fraud permissions per role (merged into the role groups by accounts.roles.sync_roles)."""

ROLE_PERMISSIONS = {
    "commander": ["scams.view_*"],
    "analyst": ["scams.view_*", "scams.import_indicator", "scams.add_indicator", "scams.change_indicator"],
    "officer": [
        "scams.view_*",
        "scams.add_report",
        "scams.change_report",
        "scams.add_indicator",
        "scams.change_indicator",
        "scams.add_sighting",
    ],
    "liaison": [
        "scams.view_*",
        "scams.add_alertsubscription",
        "scams.change_alertsubscription",
        "scams.delete_alertsubscription",
        "scams.add_partnerkey",
        "scams.change_partnerkey",
    ],
    # Partners see only their own organisation's records, through the portal (no model view permission).
    "partner": ["scams.bulk_check", "scams.add_report", "scams.add_sighting"],
    "auditor": ["scams.view_*"],
}
