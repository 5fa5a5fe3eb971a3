"""Square grids in the metric frame, over the data or over a boundary polygon.

Cell numbering is row-major from the south-west corner: ``cell = row * nx + col`` where
``col = floor((x - x0) / cell_size)`` and ``row = floor((y - y0) / cell_size)``.

* :meth:`Grid.from_events` anchors the grid at the minimum x and y of the events (this is the
  convention that reproduces the project's reference figures) and makes it just large enough to
  hold the maximum.
* :meth:`Grid.from_boundary` covers the boundary's bounding box; ``grid.mask`` marks the cells whose
  centre lies inside the boundary, and those cells are the analysis domain.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from .errors import AnalysisError
from .events import CoordinateFrame, Events

MAX_CELLS = 20_000_000  # refuse grids that would not fit comfortably in memory


def load_boundary(
    source: str | Path | Mapping[str, Any],
    frame: CoordinateFrame | None = None,
    where: Mapping[str, Sequence[Any]] | None = None,
) -> BaseGeometry:
    """Read a GeoJSON boundary (WGS 84 per RFC 7946) and return its union in the metric frame.

    ``source`` is a path or an already-parsed GeoJSON dict (FeatureCollection, Feature or a bare
    Polygon/MultiPolygon geometry). ``where={"Region": ["E06", "E07"]}`` keeps only features whose
    property has one of the listed values. With ``frame=None`` the geometry stays in lon/lat.
    """
    if isinstance(source, str | Path):
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AnalysisError(f"no such boundary file: {source}")
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise AnalysisError(f"boundary {source} is not valid GeoJSON: {exc}")
    else:
        data = dict(source)
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = list(data.get("features") or [])
    elif kind == "Feature":
        features = [data]
    elif kind in ("Polygon", "MultiPolygon"):
        features = [{"type": "Feature", "properties": {}, "geometry": data}]
    else:
        raise AnalysisError(f"boundary must be a GeoJSON FeatureCollection, Feature or Polygon, not {kind!r}")
    if where:
        features = [
            f for f in features if all((f.get("properties") or {}).get(k) in set(v) for k, v in where.items())
        ]
    geoms = []
    for i, feature in enumerate(features):
        try:
            geom = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise AnalysisError(f"boundary feature {i} has no usable geometry: {exc}")
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise AnalysisError(
                f"boundary feature {i} is a {geom.geom_type}, expected a Polygon or MultiPolygon"
            )
        geoms.append(shapely.make_valid(geom))
    if not geoms:
        raise AnalysisError(
            "boundary holds no polygon (after filtering)" if where else "boundary holds no polygon"
        )
    merged = shapely.union_all(geoms)
    minx, miny, maxx, maxy = merged.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise AnalysisError("boundary coordinates are not WGS 84 longitude/latitude (RFC 7946 GeoJSON)")
    if frame is None:
        return merged

    def project(coords: np.ndarray) -> np.ndarray:
        mx, my = frame.from_wgs84(coords[:, 0], coords[:, 1])
        return np.column_stack([mx, my])

    return shapely.transform(merged, project)


@dataclass(frozen=True, eq=False)
class Grid:
    """A regular grid of square cells in the metric frame.

    ``mask`` (``n_cells`` booleans, or None for "all cells") marks the cells inside the boundary.
    """

    x0: float
    y0: float
    cell_size: float
    nx: int
    ny: int
    frame: CoordinateFrame
    mask: np.ndarray | None = None
    boundary: BaseGeometry | None = None

    def __post_init__(self) -> None:
        if not self.cell_size > 0:
            raise AnalysisError(f"cell size must be positive, not {self.cell_size}")
        if self.nx < 1 or self.ny < 1:
            raise AnalysisError("grid must have at least one cell")
        if self.nx * self.ny > MAX_CELLS:
            raise AnalysisError(
                f"grid of {self.nx} x {self.ny} cells is too large: use a larger cell size than {self.cell_size} m"
            )

    # ---------------------------------------------------------------------------- construction
    @classmethod
    def from_events(cls, events: Events, cell_size: float = 250.0) -> Grid:
        """Grid anchored at the events' minimum x/y, just covering their maximum."""
        _check_cell(cell_size)
        if len(events) == 0:
            raise AnalysisError("no events to build a grid over")
        x0, y0 = float(events.x.min()), float(events.y.min())
        nx = int(np.floor((events.x.max() - x0) / cell_size)) + 1
        ny = int(np.floor((events.y.max() - y0) / cell_size)) + 1
        return cls(x0, y0, float(cell_size), nx, ny, events.frame)

    @classmethod
    def from_boundary(cls, boundary: BaseGeometry, frame: CoordinateFrame, cell_size: float = 250.0) -> Grid:
        """Grid over a boundary already in the metric frame (see :func:`load_boundary`)."""
        _check_cell(cell_size)
        if boundary.is_empty or boundary.area <= 0:
            raise AnalysisError("boundary is empty")
        minx, miny, maxx, maxy = boundary.bounds
        nx = max(1, int(np.ceil((maxx - minx) / cell_size)))
        ny = max(1, int(np.ceil((maxy - miny) / cell_size)))
        grid = cls(float(minx), float(miny), float(cell_size), nx, ny, frame)
        cx, cy = grid.centres()
        mask = shapely.contains_xy(boundary, cx, cy)
        if not mask.any():
            raise AnalysisError(
                f"no cell centre falls inside the boundary: use a smaller cell size than {cell_size} m"
            )
        return cls(float(minx), float(miny), float(cell_size), nx, ny, frame, mask, boundary)

    @classmethod
    def from_geojson(
        cls,
        source: str | Path | Mapping[str, Any],
        frame: CoordinateFrame | str,
        cell_size: float = 250.0,
        where: Mapping[str, Sequence[Any]] | None = None,
    ) -> Grid:
        """Load a GeoJSON boundary and build the grid over it.

        ``frame`` is a :class:`CoordinateFrame` or the data's CRS (e.g. ``"EPSG:2326"``); for a
        geographic CRS the UTM zone is chosen from the boundary's centre.
        """
        if isinstance(frame, str):
            lonlat = load_boundary(source, None, where)
            centre = lonlat.centroid
            frame = CoordinateFrame.for_crs(frame, (centre.x, centre.y))
        return cls.from_boundary(load_boundary(source, frame, where), frame, cell_size)

    # --------------------------------------------------------------------------------- queries
    @property
    def n_cells(self) -> int:
        """Number of cells (``nx * ny``)."""
        return self.nx * self.ny

    @property
    def shape(self) -> tuple[int, int]:
        """``(ny, nx)``: reshape a flat surface with ``surface.reshape(grid.shape)``."""
        return self.ny, self.nx

    def cell_index(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Cell number of each metric point, -1 for points off the grid."""
        col = np.floor((np.asarray(x, dtype=float) - self.x0) / self.cell_size)
        row = np.floor((np.asarray(y, dtype=float) - self.y0) / self.cell_size)
        ok = (col >= 0) & (col < self.nx) & (row >= 0) & (row < self.ny)
        out = np.full(col.shape, -1, dtype=np.int64)
        out[ok] = row[ok].astype(np.int64) * self.nx + col[ok].astype(np.int64)
        return out

    def centres(self, cells: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Metric coordinates of cell centres (all cells, or the given cell numbers)."""
        idx = np.arange(self.n_cells) if cells is None else np.asarray(cells, dtype=np.int64)
        row, col = np.divmod(idx, self.nx)
        return self.x0 + (col + 0.5) * self.cell_size, self.y0 + (row + 0.5) * self.cell_size

    def domain_mask(self, events: Events | None = None, before: int | None = None) -> np.ndarray:
        """The analysis domain as a boolean mask over cells.

        With a boundary it is the boundary mask. Otherwise it is the cells holding at least one of
        ``events`` dated before day number ``before`` (all events when ``before`` is None).
        """
        if self.mask is not None:
            return self.mask.copy()
        if events is None:
            return np.ones(self.n_cells, dtype=bool)
        keep = np.ones(len(events), dtype=bool) if before is None else events.day < before
        cells = self.cell_index(events.x[keep], events.y[keep])
        mask = np.zeros(self.n_cells, dtype=bool)
        mask[cells[cells >= 0]] = True
        return mask

    def cell_polygon(self, cell: int) -> list[tuple[float, float]]:
        """Corner coordinates of a cell in the input CRS (closed ring, counter-clockwise)."""
        row, col = divmod(int(cell), self.nx)
        x1, y1 = self.x0 + col * self.cell_size, self.y0 + row * self.cell_size
        xs = np.array([x1, x1 + self.cell_size, x1 + self.cell_size, x1, x1])
        ys = np.array([y1, y1, y1 + self.cell_size, y1 + self.cell_size, y1])
        sx, sy = self.frame.from_metric(xs, ys)
        return [(float(a), float(b)) for a, b in zip(sx, sy, strict=True)]

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly description (recorded with every forecast)."""
        return {
            "x0": self.x0,
            "y0": self.y0,
            "cell_size_m": self.cell_size,
            "nx": self.nx,
            "ny": self.ny,
            "cells_in_boundary": None if self.mask is None else int(self.mask.sum()),
            **self.frame.to_dict(),
        }


def _check_cell(cell_size: float) -> None:
    if not (isinstance(cell_size, int | float) and np.isfinite(cell_size) and cell_size > 0):
        raise AnalysisError(f"cell size must be a positive number of metres, not {cell_size!r}")
