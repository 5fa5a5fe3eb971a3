import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import DateInput

from .models import AreaBoundary
from .services import DEFAULT_CATEGORIES, METHODS, SHIFTS

MAX_BOUNDARY_BYTES = 2 * 1024 * 1024
MAX_AREA_KM2 = 1200  # all of Hong Kong is about 1,110 km2


def category_choices(user):
    from beatbook.incidents.models import Category

    return [(c.code, str(c)) for c in Category.objects.visible_to(user).filter(active=True)]


class _ShiftForm(forms.Form):
    on_date = forms.DateField(label=_("Date"), widget=DateInput())
    shift = forms.ChoiceField(label=_("Shift"), choices=[(s, s) for s in SHIFTS])
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Default: victim-reported street crime (robbery, theft, burglary, wounding)."),
    )
    method = forms.ChoiceField(label=_("Method"), choices=[(m, m) for m in METHODS], initial="auto")
    cell_size = forms.IntegerField(label=_("Cell size (m)"), min_value=50, max_value=1000, initial=150)
    boundary = forms.ModelChoiceField(
        label=_("Area"),
        queryset=AreaBoundary.objects.all(),
        required=False,
        help_text=_("Default: the default area."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices(user)
        self.fields["categories"].initial = DEFAULT_CATEGORIES
        self.fields["on_date"].initial = timezone.localdate()
        if user is not None:
            self.fields["boundary"].queryset = AreaBoundary.objects.visible_to(user)

    def clean_on_date(self):
        value = self.cleaned_data["on_date"]
        if value > timezone.localdate() + dt.timedelta(days=14):
            raise forms.ValidationError(_("Forecasts are for the next two weeks at most."))
        if value.year < 2000:
            raise forms.ValidationError(_("Give a date from 2000 on."))
        return value


class ForecastRequestForm(_ShiftForm):
    pass


class PatrolPlanRequestForm(_ShiftForm):
    units = forms.IntegerField(label=_("Patrol units"), min_value=1, max_value=20, initial=4)
    hotspots = forms.IntegerField(label=_("Hotspots"), min_value=1, max_value=30, initial=8)
    seed = forms.IntegerField(
        label=_("Random seed (optional)"), min_value=0, max_value=2**31 - 1, required=False
    )
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        from beatbook.org.models import Unit

        qs = Unit.objects.all() if user is None else Unit.objects.visible_to(user)
        ids = user.scoped_unit_ids() if user is not None and hasattr(user, "scoped_unit_ids") else None
        if ids is not None and not user.is_superuser:
            qs = qs.filter(pk__in=ids)
        self.fields["unit"].queryset = qs


class BoundaryUploadForm(forms.Form):
    """Upload the official district polygon (or any study area) as GeoJSON in WGS84."""

    slug = forms.SlugField(label=_("Id"), max_length=60)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120, required=False)
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_("Polygon, MultiPolygon, Feature or FeatureCollection in WGS84 longitude/latitude."),
    )
    make_default = forms.BooleanField(label=_("Use as the default area"), required=False)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if AreaBoundary.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("An area with this id exists already."))
        return slug

    def clean_file(self):
        from beatbook.geo import AreaError, GeoJSONError, area_polygon, geometry_to_hk1980, to_geojson

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BOUNDARY_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        data = upload.read(MAX_BOUNDARY_BYTES + 1)
        try:
            polygon = area_polygon(bytes(data))
        except (GeoJSONError, AreaError) as exc:
            raise forms.ValidationError(_("Not a usable area: %(reason)s") % {"reason": str(exc)[:300]})
        km2 = geometry_to_hk1980(polygon).area / 1e6
        if km2 > MAX_AREA_KM2:
            raise forms.ValidationError(_("The area is %(km2).0f km², larger than Hong Kong.") % {"km2": km2})
        if km2 < 0.01:
            raise forms.ValidationError(_("The area is smaller than 0.01 km²; check the file."))
        self.geometry = to_geojson(polygon)["geometry"]
        return upload
