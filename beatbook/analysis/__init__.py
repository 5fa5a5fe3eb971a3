"""Crime analysis for Beatbook: hotspots, near repeats, forecasts, backtests and patrol plans.

A plain library (no Django): coordinates are put in metres, dates become day numbers, and every
forecast comes with a :class:`ForecastRecord` of the method, parameters and input period used.
See docs/analysis.md.
"""

from .backtest import backtest
from .errors import AnalysisError
from .events import CoordinateFrame, Events, events_from_arrays, load_events
from .forecast import (
    METHODS,
    AutoForecaster,
    BlendForecaster,
    EnsembleForecaster,
    Forecaster,
    ForecastRecord,
    KDEForecaster,
    NaiveForecaster,
    ProMapForecaster,
    SEPPForecaster,
    default_candidates,
    explain_cell,
    forecast_surface,
    make_forecaster,
)
from .grid import Grid, load_boundary
from .hotspots import GiStarResult, benjamini_hochberg, count_surface, getis_ord_gi_star, kde_surface
from .knox import KnoxResult, knox_test
from .patrol import check_patrol_plan, plan_patrols, select_hotspots

__all__ = [
    "METHODS",
    "AnalysisError",
    "AutoForecaster",
    "BlendForecaster",
    "EnsembleForecaster",
    "CoordinateFrame",
    "Events",
    "ForecastRecord",
    "Forecaster",
    "GiStarResult",
    "Grid",
    "KDEForecaster",
    "KnoxResult",
    "NaiveForecaster",
    "ProMapForecaster",
    "SEPPForecaster",
    "backtest",
    "benjamini_hochberg",
    "check_patrol_plan",
    "count_surface",
    "default_candidates",
    "events_from_arrays",
    "explain_cell",
    "forecast_surface",
    "getis_ord_gi_star",
    "kde_surface",
    "knox_test",
    "load_boundary",
    "load_events",
    "make_forecaster",
    "plan_patrols",
    "select_hotspots",
]
