"""Faceted filtering for the exhibit listings.

Each facet reads one GET parameter, narrows the exhibits and counts, for each of its values, how
many exhibits the other active filters leave: the numbers next to each choice are exactly what a
click on it will show. A URL with any combination of parameters is a shareable view.

Facets on a related table (a person's honours, an exhibit's tags) filter through one `Exists`
subquery per table, so several honour filters must match the *same* honour (a provincial honour
in 2019, not a provincial honour and some honour in 2019) and no row is ever counted twice.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.utils.functional import cached_property

from core.generation import memoized


@dataclass(frozen=True)
class Scope:
    """Where a facet's field lives: on the exhibit itself, or on a related table."""

    model: object = None  # None: the exhibit model itself
    fk: str = ""  # the related table's foreign key to the exhibit

    @property
    def is_self(self):
        return self.model is None


SELF = Scope()


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    param: str
    label: str
    field: str
    scope: Scope = SELF
    label_field: str = ""
    choices: dict = field(default_factory=dict)
    cast: type = str
    descending: bool = False

    def parse(self, raw):
        """The value asked for, or None when it is not a value this facet can have."""
        try:
            value = self.cast(raw)
        except (TypeError, ValueError):
            return None
        if self.choices and str(value) not in self.choices:
            return None
        return value

    def condition(self, value):
        return Q(**{self.field: value})

    def label_for(self, value):
        return str(self.choices.get(str(value), value))

    def count(self, exhibits, scoped_conditions):
        """Rows of (value, label, count) for exhibits already narrowed by the other facets."""
        value_fields = [self.field] + ([self.label_field] if self.label_field else [])
        if self.scope.is_self:
            rows = exhibits.values(*value_fields).annotate(n=Count("pk")).order_by()
        else:
            rows = (
                self.scope.model.objects.filter(
                    scoped_conditions, **{f"{self.scope.fk}__in": exhibits.values("pk")}
                )
                .values(*value_fields)
                .annotate(n=Count(self.scope.fk, distinct=True))
                .order_by()
            )
        result = []
        for row in rows:
            value = row[self.field]
            if value in (None, ""):
                continue
            label = row[self.label_field] if self.label_field else self.choices.get(str(value), value)
            result.append((value, str(label), row["n"]))
        return self.sort(result)

    def sort(self, rows):
        if self.choices:
            order = list(self.choices)
            return sorted(rows, key=lambda row: order.index(str(row[0])))
        return sorted(rows, key=lambda row: row[0], reverse=self.descending)


class YearFacet(Facet):
    # Years outside this range are not years anyone filters by, and would overflow the column.
    earliest, latest = 1900, 2100

    def __init__(self, param="year", label="年份", field="year", scope=SELF):
        super().__init__(param, label, field, scope=scope, cast=int, descending=True)

    def parse(self, raw):
        value = super().parse(raw)
        return value if value is not None and self.earliest <= value <= self.latest else None

    def count(self, exhibits, scoped_conditions):
        return [
            (value, self.label_for(value), n) for value, _, n in super().count(exhibits, scoped_conditions)
        ]

    def label_for(self, value):
        return f"{value}年"


class PlaceFacet(Facet):
    """Exhibits beneath a place of one type (street or community), by materialised tree path."""

    def __init__(self, param, label, place_model):
        super().__init__(param, label, field="path", cast=int)
        self.place_model = place_model

    def places(self):
        """{id: place} of every live place of this type, kept for the content generation."""
        return memoized(("exhibits:facet-places", self.place_model._meta.label), self._load_places)

    def _load_places(self):
        return {
            page.pk: page
            for page in self.place_model.objects.live().only("id", "title", "path").order_by("path")
        }

    def parse(self, raw):
        value = super().parse(raw)
        return value if value in self.places() else None

    def condition(self, value):
        return Q(path__startswith=self.places()[value].path)

    def label_for(self, value):
        return self.places()[value].title

    def count(self, exhibits, scoped_conditions):
        by_path = {place.path: place for place in self.places().values()}
        counts = {}
        for length in {len(path) for path in by_path}:
            rows = (
                exhibits.annotate(prefix=Substr("path", 1, length))
                .values("prefix")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                place = by_path.get(row["prefix"])
                if place:
                    counts[place.pk] = row["n"]
        return [(place.pk, place.title, counts[place.pk]) for place in by_path.values() if place.pk in counts]


class FacetedListing:
    """The exhibits a listing shows for one request, and the options of each facet."""

    def __init__(self, exhibits, facets, query):
        self.base = exhibits
        self.facets = list(facets)
        self.invalid = []
        self.active = {}
        for facet in self.facets:
            raw = query.get(facet.param)
            if raw in (None, ""):
                continue
            value = facet.parse(raw)
            if value is None:
                self.invalid.append(facet.label)
            else:
                self.active[facet.param] = value
        self.query = {
            facet.param: self.active[facet.param] for facet in self.facets if facet.param in self.active
        }

    def _narrow(self, exclude=None):
        """The exhibits under every active filter but `exclude`, and `exclude`'s scope conditions."""
        by_scope = {}
        for facet in self.facets:
            if facet.param in self.active and facet.param != exclude:
                condition = facet.condition(self.active[facet.param])
                by_scope[facet.scope] = by_scope.get(facet.scope, Q()) & condition
        exhibits = self.base
        excluded_scope = next((f.scope for f in self.facets if f.param == exclude), None)
        for scope, condition in by_scope.items():
            if scope.is_self:
                exhibits = exhibits.filter(condition)
            elif scope == excluded_scope:
                # The facet counts rows of this scope under these very conditions, so each row it
                # counts is its own witness: an EXISTS here would only make the database look twice
                # (28 ms → a few at 10,000 exhibits on PostgreSQL).
                continue
            else:
                related = scope.model.objects.filter(condition, **{scope.fk: OuterRef("pk")})
                exhibits = exhibits.filter(Exists(related))
        scoped = by_scope.get(excluded_scope, Q()) if excluded_scope and not excluded_scope.is_self else Q()
        return exhibits, scoped

    @property
    def results(self):
        return self._narrow()[0]

    @property
    def is_filtered(self):
        return bool(self.active)

    def url_with(self, **changes):
        """The query string of this view with some parameters changed (None removes one)."""
        query = {**self.query, **changes}
        query = {key: value for key, value in query.items() if value is not None}
        return "?" + urlencode(query) if query else "?"

    @cached_property
    def groups(self):
        """Each facet with its counted options; facets with nothing to choose are left out."""
        result = []
        for facet in self.facets:
            exhibits, scoped = self._narrow(exclude=facet.param)
            selected = self.active.get(facet.param)
            rows = facet.count(exhibits, scoped)
            if selected is not None and selected not in {row[0] for row in rows}:
                rows.append((selected, facet.label_for(selected), 0))
            options = [
                Option(
                    value=str(value),
                    label=label,
                    count=count,
                    selected=value == selected,
                    url=self.url_with(**{facet.param: None if value == selected else value}),
                )
                for value, label, count in rows
            ]
            if options:
                result.append({"facet": facet, "options": options, "selected": selected is not None})
        return result

    @cached_property
    def active_filters(self):
        """The filters in force, each with its label and the URL that removes it."""
        return [
            {
                "facet": group["facet"].label,
                "label": option.label,
                "remove_url": self.url_with(**{group["facet"].param: None}),
            }
            for group in self.groups
            for option in group["options"]
            if option.selected
        ]
