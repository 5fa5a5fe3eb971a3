"""``beatbook cctv warnings``: open footage requests within two days of the overwrite date (or past it);
``beatbook cctv coverage --radius 100``: hotspots without a registered camera nearby."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from beatbook.core.context import acting_as


class Command(BaseCommand):
    help = "List footage requests about to be overwritten, or run the coverage analysis."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["warnings", "coverage"])
        parser.add_argument("--radius", type=float, default=100.0)
        parser.add_argument(
            "--points", default="", help="latitude,longitude[,label]; ... (default: current hotspots)"
        )

    def handle(self, *args, **options):
        from beatbook.audit import recorder
        from beatbook.cctv import coverage
        from beatbook.cctv.hotspot_source import current_hotspots
        from beatbook.cctv.models import CameraSite, FootageRequest

        with acting_as(None, source="command"):
            if options["action"] == "warnings":
                now = timezone.now()
                rows = [
                    r
                    for r in FootageRequest.objects.filter(status__in=FootageRequest.OPEN).select_related(
                        "site"
                    )
                    if r.needs_warning(now)
                ]
                recorder.record(
                    "view", model="cctv.footagerequest", object_repr=f"CLI warnings: {len(rows)} requests"
                )
                for r in sorted(rows, key=lambda r: r.overwrite_at):
                    hours = r.time_left(now).total_seconds() / 3600
                    self.stdout.write(
                        f"{r.incident_reference:<18} {r.site.building[:30]:<30} {r.status:<12} "
                        f"overwritten {r.overwrite_at:%Y-%m-%d %H:%M} ({hours:+.0f} h)"
                    )
                self.stdout.write(f"{len(rows)} open requests need chasing")
                return
            points = (
                coverage.parse_points(options["points"]) if options["points"] else current_hotspots(None)[0]
            )
            cams = [
                coverage.Point(f"S{s.pk}", s.latitude, s.longitude, s.building)
                for s in CameraSite.objects.filter(active=True)
            ]
            results = coverage.analyse(points, cams, options["radius"]) if points else []
            recorder.record(
                "view", model="cctv.camerasite", object_repr=f"CLI coverage r={options['radius']:g}"
            )
            for r in coverage.uncovered(results):
                self.stdout.write(
                    f"{r.hotspot.key} {r.hotspot.label[:40]:<40} nearest camera "
                    f"{(r.nearest_camera_m or 0):.0f} m"
                )
            self.stdout.write(
                f"{len(coverage.uncovered(results))} of {len(results)} hotspots have no camera "
                f"within {options['radius']:g} m ({len(cams)} sites)"
            )
