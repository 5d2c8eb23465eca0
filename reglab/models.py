from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .regions import REGIONS  # noqa: F401  (the list, importable without Django)


class Region(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Swedish alphabetical order (Å Ä Ö last), which neither SQLite nor every
    # PostgreSQL collation gives by sorting on name.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", _("Region coordinator")
        FACILITATOR = "facilitator", _("REGLAB facilitator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.region or self.get_kind_display()}"

    def clean(self) -> None:
        if self.kind == self.Kind.COORDINATOR and not self.region_id:
            raise ValidationError({"region": _("A region coordinator needs a region.")})
        if self.kind == self.Kind.FACILITATOR and self.region_id:
            raise ValidationError({"region": _("A facilitator belongs to no region.")})


def region_of(user) -> Region | None:
    """The region a coordinator belongs to; None for facilitators and strangers."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    if membership and membership.kind == Membership.Kind.COORDINATOR:
        return membership.region
    return None


def is_facilitator(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = getattr(user, "membership", None)
    return bool(membership and membership.kind == Membership.Kind.FACILITATOR)
