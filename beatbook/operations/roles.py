# Operations are RESTRICTED by default: only cleared roles see them (need-to-know through clearance).
ROLE_PERMISSIONS = {
    "commander": ["operations.*"],
    "analyst": ["operations.view_*"],
}
