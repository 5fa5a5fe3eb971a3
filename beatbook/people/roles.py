# Training records and qualifications are personal data: the commander's office (training and welfare)
# manages them; every officer may see courses and surveys, and answer surveys of their unit.
ROLE_PERMISSIONS = {
    "commander": ["people.*"],
    "analyst": ["people.view_course", "people.view_trainingsession", "people.view_pulsesurvey"],
    "officer": ["people.view_course", "people.view_trainingsession", "people.view_pulsesurvey"],
    "liaison": ["people.view_course", "people.view_trainingsession", "people.view_pulsesurvey"],
}
