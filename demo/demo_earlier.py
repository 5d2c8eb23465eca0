"""The demo's earlier round: a pilot homework a year before the seed deck's, so that the
synthesis tab *Jämför omgångar* has something to compare with.

These texts are made up for the demo (the title says so); the seed deck's real round is
in demo_data.py. Eight of its twelve regions took part, with shorter statements and
three short interviews each. In the pilot the regions mostly called themselves
coordinators and financiers, and the other actors saw them above all as financiers and
project owners, which lets the comparison show a change towards competence development
and networks in the later round.
"""

DEADLINE = "2025-11-21T23:59:00+01:00"

ASSIGNMENT = {
    "title_sv": "Pilotomgång 2025: regionens roll (påhittade exempeltexter)",
    "title_en": "Pilot round 2025: the region's role (made-up example texts)",
    "instructions_sv": (
        "Beskriv kort vilken roll regionen har i integrationsarbetet, och intervjua tre "
        "andra aktörer om hur de ser på den rollen."
    ),
    "instructions_en": (
        "Describe briefly the role the region has in integration work, and interview three "
        "other actors about how they see that role."
    ),
    "min_interviews": 3,
}


def _interview(organisation, actor_type, day, function, consent, answers, quote):
    return {
        "organisation": organisation,
        "actor_type": actor_type,
        "date": f"2025-10-{day:02d}",
        "function": function,
        "consent": consent,
        "answers": answers,
        "quotes": [quote],
    }


SUBMISSIONS = [
    {
        "region": "orebro",
        "submitted_at": "2025-11-19T10:15:00+01:00",
        "statement": (
            "Region Örebro län samordnar de regionala insatserna för nyanlända. Regionen "
            "finansierar också projekt i kommunerna och i civilsamhället genom "
            "utvecklingsmedel."
        ),
        "self_roles": ["samordnare", "finansiar"],
        "interviews": [
            _interview(
                "Arbetsförmedlingen Bergslagen",
                "arbetsformedlingen",
                3,
                "Sektionschef",
                "anonymous",
                "Regionen är för oss främst en finansiär av projekt. Vi söker medel "
                "tillsammans när vi vill pröva något nytt.",
                "Regionen är för oss främst en finansiär av projekt.",
            ),
            _interview(
                "Örebro kommun",
                "kommun",
                8,
                "Integrationsstrateg",
                "named",
                "Regionen driver projekt och skriver ansökningar med oss. Vi vet inte alltid "
                "vem på regionen vi ska vända oss till.",
                "Regionen driver projekt och skriver ansökningar med oss.",
            ),
            _interview(
                "Länsstyrelsen i Örebro län",
                "lansstyrelse",
                14,
                "Handläggare",
                "anonymous",
                "Vi ser regionen som en finansiär av utvecklingsprojekt och som en part som "
                "samordnar de regionala insatserna.",
                "Vi ser regionen som en finansiär av utvecklingsprojekt.",
            ),
        ],
    },
    {
        "region": "blekinge",
        "submitted_at": "2025-11-17T15:40:00+01:00",
        "statement": (
            "Region Blekinge vill samordna arbetet mellan länets fem kommuner. Regionen "
            "stöttar kommunerna med processtöd när de startar nya insatser."
        ),
        "self_roles": ["samordnare", "stodjande"],
        "interviews": [
            _interview(
                "Karlskrona kommun",
                "kommun",
                2,
                "Enhetschef",
                "named",
                "Regionen har finansierat flera av våra projekt för nyanlända kvinnor. "
                "Utan de medlen hade vi inte kommit i gång.",
                "Regionen har finansierat flera av våra projekt för nyanlända kvinnor.",
            ),
            _interview(
                "Arbetsförmedlingen Blekinge",
                "arbetsformedlingen",
                9,
                "Arbetsförmedlare",
                "anonymous",
                "Vi har sökt projektmedel tillsammans med regionen. Regionen är en viktig "
                "projektpartner för oss.",
                "Regionen är en viktig projektpartner för oss.",
            ),
            _interview(
                "Blekinge Tekniska Högskola",
                "universitet",
                16,
                "Forskare",
                "no_quote",
                "Vi har inte så mycket kontakt med regionen i integrationsfrågor, mer i "
                "andra sammanhang.",
                "Vi har inte så mycket kontakt med regionen i integrationsfrågor.",
            ),
        ],
    },
    {
        "region": "vgr",
        "submitted_at": "2025-11-21T16:05:00+01:00",
        "statement": (
            "Västra Götalandsregionen finansierar utvecklingsprojekt i civilsamhället och "
            "påverkar staten när nationella regler försvårar det regionala arbetet."
        ),
        "self_roles": ["finansiar", "paverkare"],
        "interviews": [
            _interview(
                "Göteborgs Stad",
                "kommun",
                1,
                "Utvecklingsledare",
                "named",
                "Regionen är den stora finansiären av projekt i länet. Vi skulle vilja att "
                "regionen också samordnade kommunernas arbete.",
                "Regionen är den stora finansiären av projekt i länet.",
            ),
            _interview(
                "Studieförbundet Vuxenskolan Västra Götaland",
                "civilsamhalle",
                6,
                "Verksamhetsutvecklare",
                "anonymous",
                "Vi söker bidrag från regionen varje år. Regionen är en finansiär, inte så "
                "mycket mer.",
                "Regionen är en finansiär, inte så mycket mer.",
            ),
            _interview(
                "Länsstyrelsen i Västra Götalands län",
                "lansstyrelse",
                13,
                "Samordnare",
                "anonymous",
                "Regionen driver påverkansarbete gentemot staten och har en röst som hörs i "
                "nationella frågor.",
                "Regionen har en röst som hörs i nationella frågor.",
            ),
        ],
    },
    {
        "region": "skane",
        "submitted_at": "2025-11-20T09:30:00+01:00",
        "statement": (
            "Region Skåne samordnar insatser för nyanlända och driver projekt med "
            "kommunerna. Regionen omvärldsbevakar och analyserar hur integrationen "
            "utvecklas."
        ),
        "self_roles": ["samordnare", "projektutvecklare", "omvarldsbevakare"],
        "interviews": [
            _interview(
                "Malmö stad",
                "kommun",
                2,
                "Integrationssamordnare",
                "named",
                "Regionen driver projekt som vi deltar i. Regionens analyser av "
                "integrationen i länet är bra underlag för oss.",
                "Regionens analyser av integrationen i länet är bra underlag för oss.",
            ),
            _interview(
                "Arbetsförmedlingen Skåne",
                "arbetsformedlingen",
                7,
                "Sektionschef",
                "anonymous",
                "Regionen finansierar projekt som vi ibland är med i. Vi ser inte att "
                "regionen samordnar så mycket.",
                "Regionen finansierar projekt som vi ibland är med i.",
            ),
            _interview(
                "Lunds universitet",
                "universitet",
                15,
                "Lektor",
                "anonymous",
                "Regionen följer forskningen och tar fram fakta om integrationen. Det är "
                "värdefullt för oss.",
                "Regionen följer forskningen och tar fram fakta om integrationen.",
            ),
        ],
    },
    {
        "region": "halland",
        "submitted_at": "2025-11-14T11:20:00+01:00",
        "statement": (
            "Region Halland finansierar projekt för nyanlända och samordnar kommunernas "
            "arbete i länet."
        ),
        "self_roles": ["finansiar", "samordnare"],
        "interviews": [
            _interview(
                "Halmstads kommun",
                "kommun",
                6,
                "Integrationssamordnare",
                "anonymous",
                "Regionen har gett oss bidrag till språkcaféer. Det är det vi mest märker av "
                "regionen.",
                "Regionen har gett oss bidrag till språkcaféer.",
            ),
            _interview(
                "Arbetsförmedlingen Halland",
                "arbetsformedlingen",
                10,
                "Enhetschef",
                "named",
                "Regionen är en projektägare som vi samverkar med i några projekt.",
                "Regionen är en projektägare som vi samverkar med i några projekt.",
            ),
            _interview(
                "Hallands bildningsförbund",
                "civilsamhalle",
                17,
                "Verksamhetsledare",
                "anonymous",
                "Vi söker medel från regionen. Vi vet inte riktigt vad regionen vill med "
                "integrationsarbetet.",
                "Vi vet inte riktigt vad regionen vill med integrationsarbetet.",
            ),
        ],
    },
    {
        "region": "uppsala",
        "submitted_at": "2025-11-18T13:00:00+01:00",
        "statement": (
            "Region Uppsala vill vara en dörröppnare till arbetsgivare och sprida goda "
            "exempel mellan kommunerna."
        ),
        "self_roles": ["dorroppnare", "kunskapsformedlare"],
        "interviews": [
            _interview(
                "Uppsala kommun",
                "kommun",
                3,
                "Strateg",
                "named",
                "Regionen finansierar delar av vårt arbete med nyanlända. Vi samarbetar "
                "också i ett projekt om hälsa.",
                "Regionen finansierar delar av vårt arbete med nyanlända.",
            ),
            _interview(
                "Arbetsförmedlingen Uppsala",
                "arbetsformedlingen",
                9,
                "Arbetsförmedlare",
                "anonymous",
                "Regionen har öppnat dörrar till vården som arbetsgivare. Det har gett "
                "praktikplatser.",
                "Regionen har öppnat dörrar till vården som arbetsgivare.",
            ),
            _interview(
                "Länsstyrelsen i Uppsala län",
                "lansstyrelse",
                20,
                "Handläggare",
                "anonymous",
                "Regionen sprider kunskap och goda exempel i länet, bland annat på våra "
                "gemensamma träffar.",
                "Regionen sprider kunskap och goda exempel i länet.",
            ),
        ],
    },
    {
        "region": "dalarna",
        "submitted_at": "2025-11-21T18:30:00+01:00",
        "statement": (
            "Region Dalarna samordnar arbetet och finansierar projekt. Regionen vill vara "
            "en lärande organisation som lär av andra regioner."
        ),
        "self_roles": ["samordnare", "finansiar", "larande"],
        "interviews": [
            _interview(
                "Falu kommun",
                "kommun",
                1,
                "Integrationschef",
                "named",
                "Regionen är en finansiär av projekt. Vi skulle vilja att regionen "
                "samordnade mer.",
                "Vi skulle vilja att regionen samordnade mer.",
            ),
            _interview(
                "Arbetsförmedlingen Dalarna",
                "arbetsformedlingen",
                8,
                "Sektionschef",
                "anonymous",
                "Vi har sökt projektmedel tillsammans med regionen, och regionen är projektägare.",
                "Vi har sökt projektmedel tillsammans med regionen.",
            ),
            _interview(
                "Högskolan Dalarna",
                "universitet",
                22,
                "Forskare",
                "anonymous",
                "Regionen och högskolan har pratat om utbildning för nyanlända akademiker, "
                "men inget har startat ännu.",
                "Regionen och högskolan har pratat om utbildning för nyanlända akademiker.",
            ),
        ],
    },
    {
        "region": "vasterbotten",
        "submitted_at": "2025-11-12T08:45:00+01:00",
        "statement": (
            "Region Västerbotten stödjer kommunerna i inlandet och samordnar länets "
            "integrationsnätverk."
        ),
        "self_roles": ["stodjande", "samordnare"],
        "interviews": [
            _interview(
                "Umeå kommun",
                "kommun",
                2,
                "Utvecklingsledare",
                "named",
                "Regionen samordnar nätverket för integrationssamordnare, och det fungerar bra.",
                "Regionen samordnar nätverket för integrationssamordnare.",
            ),
            _interview(
                "Lycksele kommun",
                "kommun",
                9,
                "Integrationssamordnare",
                "anonymous",
                "Regionen har finansierat ett projekt om praktik. Mer stöd till de små "
                "kommunerna i inlandet behövs.",
                "Mer stöd till de små kommunerna i inlandet behövs.",
            ),
            _interview(
                "Arbetsförmedlingen Västerbotten",
                "arbetsformedlingen",
                16,
                "Arbetsförmedlare",
                "anonymous",
                "Regionen är en projektpartner, men vi ser inte regionen som drivande i "
                "integrationsarbetet.",
                "Regionen är en projektpartner.",
            ),
        ],
    },
]
