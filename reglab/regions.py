"""The 21 Swedish regions; plain data, so scripts without Django can read it too."""

# The 21 Swedish regions, in Swedish alphabetical order (slug, name).
REGIONS: list[tuple[str, str]] = [
    ("blekinge", "Blekinge"),
    ("dalarna", "Dalarna"),
    ("gotland", "Gotland"),
    ("gavleborg", "Gävleborg"),
    ("halland", "Halland"),
    ("jamtland-harjedalen", "Jämtland Härjedalen"),
    ("jonkoping", "Jönköpings län"),
    ("kalmar", "Kalmar län"),
    ("kronoberg", "Kronoberg"),
    ("norrbotten", "Norrbotten"),
    ("skane", "Skåne"),
    ("stockholm", "Stockholm"),
    ("sormland", "Sörmland"),
    ("uppsala", "Uppsala"),
    ("varmland", "Värmland"),
    ("vasterbotten", "Västerbotten"),
    ("vasternorrland", "Västernorrland"),
    ("vastmanland", "Västmanland"),
    ("vgr", "Västra Götalandsregionen"),
    ("orebro", "Örebro län"),
    ("ostergotland", "Östergötland"),
]
