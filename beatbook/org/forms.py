from beatbook.core.forms import BeatbookModelForm

from .models import Staff, Unit


class UnitForm(BeatbookModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name_zh", "name_en", "kind", "parent"]


class StaffForm(BeatbookModelForm):
    class Meta:
        model = Staff
        fields = ["display_name", "rank_class", "rank", "unit", "skills", "active", "user"]
