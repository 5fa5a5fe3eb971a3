ROLE_PERMISSIONS = {
    "officer": ["partners.view_organisation", "partners.view_outreach", "partners.add_outreach"],
    "analyst": ["partners.view_organisation", "partners.view_outreach"],
}
