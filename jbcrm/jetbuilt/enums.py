"""The values the Jetbuilt API document enumerates, as ``Literal`` types and tuples.

The ``Literal`` aliases type request arguments; the tuples list the allowed values so a request
can be checked before it is sent. Response fields stay plain ``str``: a server that returns a
value this list does not know yet still decodes.
"""

from __future__ import annotations

import typing
from typing import Literal

#: A project's stage (``stage`` filter of ``GET /projects``, ``stage`` of a project update).
Stage = Literal[
    "opportunity",
    "estimate",
    "revisions",
    "proposal",
    "contract",
    "install",
    "review",
    "completed",
    "icebox",
    "lost",
    "template",
    "trash",
]
STAGES: tuple[Stage, ...] = typing.get_args(Stage)

#: A project's type (enterprise companies; which ones apply depends on company settings).
ProjectType = Literal["project", "box_sale", "design", "service", "rental"]
PROJECT_TYPES: tuple[ProjectType, ...] = typing.get_args(ProjectType)

#: A project's AVSO region; the server unsets the field when sent any other value.
AvsoRegion = Literal["Atlantic", "National Capital", "Ontario", "Pacific", "Québec", "Western"]
AVSO_REGIONS: tuple[AvsoRegion, ...] = typing.get_args(AvsoRegion)

#: A product's warranty unit: days, months or years.
WarrantyUnit = Literal["d", "mo", "yr"]
WARRANTY_UNITS: tuple[WarrantyUnit, ...] = typing.get_args(WarrantyUnit)

#: A product's rack space unit (rack units).
RackUnit = Literal["RU"]
RACK_UNITS: tuple[RackUnit, ...] = typing.get_args(RackUnit)

#: A product's power and PoE unit (watts).
PowerUnit = Literal["W"]
POWER_UNITS: tuple[PowerUnit, ...] = typing.get_args(PowerUnit)

#: A product's heat load unit.
HeatLoadUnit = Literal["BTU"]
HEAT_LOAD_UNITS: tuple[HeatLoadUnit, ...] = typing.get_args(HeatLoadUnit)

#: A product's weight unit.
WeightUnit = Literal["lb", "oz", "kg", "g"]
WEIGHT_UNITS: tuple[WeightUnit, ...] = typing.get_args(WeightUnit)

#: A product's height, width and depth unit.
LengthUnit = Literal["in", "ft", "cm", "mm"]
LENGTH_UNITS: tuple[LengthUnit, ...] = typing.get_args(LengthUnit)

#: A stock location belongs to a company office or sits at a project.
StockLocationKind = Literal["company", "project"]
STOCK_LOCATION_KINDS: tuple[StockLocationKind, ...] = typing.get_args(StockLocationKind)

#: The ``type`` filter of ``GET /tasks``.
TaskType = Literal["install", "sales"]
TASK_TYPES: tuple[TaskType, ...] = typing.get_args(TaskType)

#: A project line item's kind.
LineItemKind = Literal["physical", "hourly_labor", "subcontract_labor"]
LINE_ITEM_KINDS: tuple[LineItemKind, ...] = typing.get_args(LineItemKind)
