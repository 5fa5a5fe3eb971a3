ROLE_PERMISSIONS = {
    "commander": ["roads.view_*"],
    "analyst": ["roads.view_*"],
    "officer": ["roads.view_*", "roads.add_enforcementoperation", "roads.change_enforcementoperation"],
}
