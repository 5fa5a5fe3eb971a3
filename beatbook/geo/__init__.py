"""Geography for Beatbook (no Django): boundaries, the Mong Kok area, HK1980 Grid projection, GeoJSON.

Everything here works on WGS84 longitude/latitude unless a name says HK1980 (EPSG:2326 metres).
"""

from beatbook.geo.boundaries import (
    MONGKOK_CODES,
    NAMED_AREAS,
    AreaError,
    DccaName,
    PointOfInterest,
    area_polygon,
    dcca_names,
    load_boundaries,
    normalise_code,
    points_of_interest,
)
from beatbook.geo.geojson import GeoJSONError, load_geojson, read_polygon_geojson
from beatbook.geo.paths import PACKAGE_DATA_DIR, repo_root, shared_data_dir
from beatbook.geo.projection import (
    geometry_to_hk1980,
    hk1980_to_wgs84,
    points_in_polygon,
    to_geojson,
    transformer,
    wgs84_to_hk1980,
)

__all__ = [
    "MONGKOK_CODES",
    "NAMED_AREAS",
    "PACKAGE_DATA_DIR",
    "AreaError",
    "DccaName",
    "GeoJSONError",
    "PointOfInterest",
    "area_polygon",
    "dcca_names",
    "geometry_to_hk1980",
    "hk1980_to_wgs84",
    "load_boundaries",
    "load_geojson",
    "normalise_code",
    "points_in_polygon",
    "points_of_interest",
    "read_polygon_geojson",
    "repo_root",
    "shared_data_dir",
    "to_geojson",
    "transformer",
    "wgs84_to_hk1980",
]
