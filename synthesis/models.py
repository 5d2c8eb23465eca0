from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RoleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Role(models.Model):
    """A role a region can play in integration work (the taxonomy)."""

    slug = models.SlugField(unique=True)
    name_sv = models.CharField(_("Swedish name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    definition_sv = models.TextField(_("Swedish definition"), blank=True)
    definition_en = models.TextField(_("English definition"), blank=True)
    cues = models.JSONField(_("cue words"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv

    @property
    def definition(self) -> str:
        english = (get_language() or "sv").startswith("en")
        return self.definition_en if english else self.definition_sv
