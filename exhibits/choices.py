"""Vocabularies shared by models, filters and the demo content."""

from django.db import models


class HonourLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    MUNICIPAL = "municipal", "市级"
    DISTRICT = "district", "区级"
    STREET = "street", "街道级"

    @classmethod
    def rank(cls, value):
        """0 for the highest level; used to sort honours and people by their top honour."""
        return list(cls.values).index(value)


HALL_LEVELS = [
    (HonourLevel.PROVINCIAL.value, HonourLevel.PROVINCIAL.label),
    (HonourLevel.MUNICIPAL.value, HonourLevel.MUNICIPAL.label),
    (HonourLevel.DISTRICT.value, HonourLevel.DISTRICT.label),
]


class DeedCategory(models.TextChoices):
    """The five categories of moral models and good people."""

    HELPING_OTHERS = "helping", "助人为乐"
    BRAVERY = "bravery", "见义勇为"
    INTEGRITY = "integrity", "诚实守信"
    DEDICATION = "dedication", "敬业奉献"
    FILIAL_PIETY = "filial", "孝老爱亲"


class WallForm(models.TextChoices):
    WALL = "wall", "文化墙"
    STELE = "stele", "石碑"
    SCULPTURE = "sculpture", "雕塑"
    BOARDS = "boards", "展板"
    GARDEN = "garden", "园地/广场"
    CORRIDOR = "corridor", "文化长廊"


class FamilyHonourKind(models.TextChoices):
    CIVILISED_FAMILY = "family", "文明家庭"
    MOTHER_DAUGHTER_IN_LAW = "in_laws", "好婆媳"
    SISTERS_IN_LAW = "sisters_in_law", "好妯娌"
    NEIGHBOURS = "neighbours", "好邻居"


class HonourRollKind(models.TextChoices):
    MORAL_MODEL = "moral_model", "道德模范"
    GOOD_PEOPLE = "good_people", "好人榜"
    VOLUNTEER = "volunteer", "志愿服务"
    OTHER = "other", "其他荣誉"
