"""Project pages: register, timeline of milestones (planned vs actual), risks, stakeholder engagement."""

from __future__ import annotations

from beatbook.core import views as generic

from . import filtersets, forms, services, tables
from .models import Engagement, Milestone, Project, Risk


class ProjectListView(generic.ObjectListView):
    queryset = Project.objects.select_related("objective", "lead_unit")
    filterset = filtersets.ProjectFilterSet
    table = tables.ProjectTable


class ProjectDetailView(generic.ObjectDetailView):
    queryset = Project.objects.select_related("objective", "lead_unit")

    def get_extra_context(self, obj):
        user = self.request.user
        milestones = list(Milestone.objects.restrict(user, "view").filter(project=obj))
        start, end, rows = services.timeline(obj, milestones)
        on_time, due = services.on_time_rate(milestones)
        return {
            "timeline": rows,
            "timeline_start": start,
            "timeline_end": end,
            "on_time": on_time,
            "due": due,
            "states": tables.MILESTONE_STATES,
            "bands": tables.RISK_BANDS,
            "risks": Risk.objects.restrict(user, "view").filter(project=obj),
            "engagements": Engagement.objects.restrict(user, "view")
            .filter(project=obj)
            .select_related("outreach"),
            "can_add": user.has_perm("projects.add_milestone"),
        }


class ProjectEditView(generic.ObjectEditView):
    queryset = Project.objects.all()
    form = forms.ProjectForm


class ProjectDeleteView(generic.ObjectDeleteView):
    queryset = Project.objects.all()


class MilestoneListView(generic.ObjectListView):
    queryset = Milestone.objects.select_related("project")
    filterset = filtersets.MilestoneFilterSet
    table = tables.MilestoneTable


class MilestoneDetailView(generic.ObjectDetailView):
    queryset = Milestone.objects.select_related("project")


class MilestoneEditView(generic.ObjectEditView):
    queryset = Milestone.objects.all()
    form = forms.MilestoneForm


class MilestoneDeleteView(generic.ObjectDeleteView):
    queryset = Milestone.objects.all()


class RiskListView(generic.ObjectListView):
    queryset = Risk.objects.select_related("project")
    filterset = filtersets.RiskFilterSet
    table = tables.RiskTable


class RiskDetailView(generic.ObjectDetailView):
    queryset = Risk.objects.select_related("project")


class RiskEditView(generic.ObjectEditView):
    queryset = Risk.objects.all()
    form = forms.RiskForm


class RiskDeleteView(generic.ObjectDeleteView):
    queryset = Risk.objects.all()


class EngagementListView(generic.ObjectListView):
    queryset = Engagement.objects.select_related("project")
    filterset = filtersets.EngagementFilterSet
    table = tables.EngagementTable


class EngagementDetailView(generic.ObjectDetailView):
    queryset = Engagement.objects.select_related("project", "outreach")


class EngagementEditView(generic.ObjectEditView):
    queryset = Engagement.objects.all()
    form = forms.EngagementForm


class EngagementDeleteView(generic.ObjectDeleteView):
    queryset = Engagement.objects.all()
