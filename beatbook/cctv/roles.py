ROLE_PERMISSIONS = {
    "liaison": ["cctv.*"],
    "officer": [
        "cctv.view_camerasite",
        "cctv.view_footagerequest",
        "cctv.add_footagerequest",
        "cctv.change_footagerequest",
    ],
    "analyst": ["cctv.view_camerasite", "cctv.view_footagerequest", "cctv.view_buildingsurvey"],
    "commander": ["cctv.view_*"],
}
