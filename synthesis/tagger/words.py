"""Word lists of the role tagger: the language knowledge, Swedish first, English second.

Plain data (no Django, no project import), read by the engine in synthesis/tagger/__init__.py.
The role cues are not here: they are the taxonomy's (synthesis/taxonomy_default.py and the
Role table). tests/test_tagger.py and python -m synthesis.devset_report show what a change
to a list does.
"""

from __future__ import annotations

import re

# --- Language knowledge (Swedish first, English second) -------------------------------

# Cues that are ordinary words but mean something else inside compounds
# ("medelålder", "läkemedel", "arenaspel", "faktura"): whole words only.
WHOLE_WORD_ONLY = frozenset({"medel", "arena", "fakta"})

# Word parts that look like a cue but are not ("lärare" stems to "lär" like "lära").
# A hit overlapping one of these inside a token is ignored.
FALSE_FRIENDS = (
    "lärar",
    "medelål",
    "medelst",
    "medelvärd",
    "livsmedel",
    "läkemedel",
    "hjälpmedel",
    "projektor",
    "television",
    "provision",
    "testament",
    "skillnad",  # English "skill"
    "assistent",  # English "assist"
)

# Inflection endings Snowball leaves on some words ("nätverket", "stödet", "synkar").
ENDINGS = frozenset(
    "a e r n t s ar er or en et na ns ts de te ad at it ade ande ende arna erna orna "
    "ens ets es ing ings".split()
)

# Strong verbs and irregular forms the stemmer cannot relate to their base form.
IRREGULAR = {
    # Swedish
    "gick": "gå",
    "gått": "gå",
    "går": "gå",
    "drev": "driva",
    "drivit": "driva",
    "driven": "driva",
    "ledde": "leda",
    "lett": "leda",
    "tog": "ta",
    "tagit": "ta",
    "tar": "ta",
    "gav": "ge",
    "gett": "ge",
    "givit": "ge",
    "ger": "ge",
    "höll": "hålla",
    "hållit": "hålla",
    "håller": "hålla",
    "stödde": "stödja",
    "står": "stå",
    "stod": "stå",
    "stått": "stå",
    "spred": "sprida",
    "spridit": "sprida",
    "spridd": "sprida",
    "bidrog": "bidra",
    "bidragit": "bidra",
    "förde": "föra",
    "fört": "föra",
    "för": "föra",
    "lyfte": "lyfta",
    "drog": "dra",
    "dragit": "dra",
    "visade": "visa",
    "medlen": "medel",
    "medlet": "medel",
    "lär": "lära",
    # English
    "led": "lead",
    "ran": "run",
    "brought": "bring",
    "built": "build",
    "took": "take",
    "gave": "give",
    "held": "hold",
    "drove": "drive",
    "taught": "teach",
    "learnt": "learn",
    "went": "go",
    "goes": "go",
    "gone": "go",
    "opened": "open",
    "shared": "share",
}

# Negators negate the rest of their clause and the few words just before them (Swedish
# puts "inte" after the verb: "Regionen finansierar inte projekt").
NEGATORS = frozenset(
    "inte ej icke aldrig inget ingen inga varken knappast saknar saknas "
    "not no never neither nor cannot lacks lack".split()
)
# These end the clause before them and negate the one they start: "samordnar utan att
# finansiera", "coordinate rather than fund", "istället för att finansiera".
FORWARD_NEGATORS = frozenset(
    {
        "without",
        ("utan", "att"),
        ("rather", "than"),
        ("snarare", "än"),
        ("istället", "för"),
        ("instead", "of"),
    }
)
# ... unless followed by one of these: "inte bara ... utan också", "not only", "inte minst".
NEGATION_CANCELLERS = frozenset("bara enbart endast minst only just least merely solely".split())
# Words that end a clause: "ingen roll men projektpartner", "not a funder but a partner".
CLAUSE_BREAKERS = frozenset(
    "men utan medan däremot fast but however whereas while although though yet instead".split()
)
# Words that start a sub-clause: a negation after them does not reach back before them
# ("samordnar och har inget uppdrag att finansiera", "aktörer som annars inte träffas").
SUB_CLAUSE_STARTERS = frozenset(
    "och samt eller som att där när då eftersom and or which who that where when because".split()
)


# --- Who acts: the region, or another actor? ----------------------------------------------
# A role belongs to the region. A sentence whose subject is another actor ("Kommunen
# samordnar", "The library is a meeting place") says nothing about the region, unless the
# region is mentioned too. Region statements say "vi"/"we"/"regionen"; interview answers
# say "ni"/"you"/"de"/"they"/"regionen".

# Words that refer to the region (and the 21 region names, "Region Skåne").
REGION_WORDS = frozenset(
    "region regionen regionens regions region's region’s regionledningen landstinget "
    "blekinge dalarna gotland gävleborg halland jämtland härjedalen jönköping jönköpings "
    "kalmar kronoberg norrbotten skåne stockholm sörmland uppsala värmland västerbotten "
    "västernorrland västmanland örebro östergötland".split()
)
# The region addressed or talked about in an interview answer.
YOU_WORDS = frozenset("ni er era ert you your yours they them dem".split())
# "de" is also an article ("de nyanlända"): it refers to the region only as a subject,
# first in its sentence or before a verb ("de samordnar", "de är").
DE_WORDS = frozenset({"de"})
# The writer: the region in a role statement, the interviewee in an interview answer.
WE_WORDS = frozenset("vi oss vår vårt våra we us our ours".split())
# Other actors, as whole words or as the head of a compound ("grannkommunen",
# "Idrottsförbundet", "Folkhögskolan"). Checked once per distinct token.
ACTOR_HEAD = re.compile(
    r"(?:kommun(?:en|ens|er|erna|ernas|s)?|länsstyrelse(?:n|ns|r|rna|rnas)?"
    r"|arbetsförmedling(?:en|ens|ar|arna)?|universitet(?:et|ets|en)?|högskola(?:n|ns)?"
    r"|skola(?:n|ns)?|skolor(?:na|nas)?|bibliotek(?:et|ets|en)?|förbund(?:et|ets|en)?"
    r"|förening(?:en|ens|ar|arna|arnas)?|företag(?:et|ets|en|s)?|myndighet(?:en|ens|er|erna)?"
    r"|arbetsgivar(?:e|en|ens|na|nas)|forskar(?:e|en|na|nas)|civilsamhället|civilsamhällets"
    r"|migrationsverket|tillväxtverket|skolverket|socialstyrelsen|försäkringskassan"
    r"|polisen|staten|statens|regeringen|regeringens|skr|kyrkan|församlingen"
    r"|municipalit(?:y|ies|y's|y’s)|council|councils|administrative|agency|agencies"
    r"|employment|universit(?:y|ies|y's|y’s)|college|colleges|school|schools"
    r"|librar(?:y|ies|y's|y’s)|associations?|compan(?:y|ies|y's|y’s)|employers?"
    r"|researchers?|government|ngos?|church)$"
)
# The target group is the subject of some clauses ("nyanlända som har vårdutbildning"),
# but a sentence about it may still be about the region's role.
TARGET_WORDS = frozenset(
    "nyanlända newcomer newcomers deltagarna participants asylsökande flyktingar refugees "
    "invandrare immigrants".split()
)
# Pronouns for a person who is not the region ("Hon har en gedigen utbildning").
PERSON_WORDS = frozenset("hon han she he hans hennes his her".split())
# Skipped when looking for the subject: "De flesta kommuner", "The municipalities".
SUBJECT_SKIP = frozenset(
    "the a an en ett alla flera fler många några andra de flesta vissa both all many "
    "more most some other several också även dessutom".split()
)
# "Vi på Arbetsförmedlingen", "we at the county board", "our school": the writer is
# another actor.
WE_POSSESSIVES = frozenset("vår vårt våra our".split())
AT_WORDS = frozenset("på at från from inom hos in".split())
# Verbs before an inverted subject: "Någon stödjande funktion har regionen inte".
INVERTING_VERBS = frozenset(
    "har hade är var kan kunde ska skulle vill ville bör borde måste får fick gör gjorde "
    "blir blev driver drev tar tog ger gav finns fanns behöver erbjuder ser står".split()
)
# A sub-clause that takes its subject from the word before: "kommunerna som samordnar".
RELATIVES = frozenset("som that which who".split())
# Coordination keeps the subject and starts a new predicate: "lär av andra och samordnar".
COORDINATORS = frozenset("och samt eller and or".split())
# Another actor who needs or asks for something talks about the region's role
# ("Kommunerna behöver stöd").
NEED_WORDS = frozenset(
    "behöver behov behovet efterfrågar efterfrågas önskar önskemål förväntar hoppas "
    "need needs needed want wants ask asks expect expects hope hopes".split()
)
# A sentence that opens like a statement about something else ("The train left",
# "Trenden i antalet ... har varit") and never mentions the region or a pronoun for it
# is not about the region's role. Swedish definite nouns end like this:
DEFINITE_ENDINGS = ("en", "et", "rna", "rn")
# Roles whose cue takes the rest of its clause as topic: in "påverka hur statsbidragen
# fördelas" the money is what is argued about, not money the region gives; in "lära av
# regioner som arbetar med validering" validation is what is learned about. Value: the
# roles that lose their hits after it (None: all), and whether a single word is enough.
TOPIC_TAKERS: dict[str, tuple[frozenset[str] | None, bool]] = {
    "paverkare": (
        frozenset(
            "finansiar kompetensutvecklare projektutvecklare forebild regionaliserare".split()
        ),
        True,
    ),
    "larande": (None, False),  # "lära av", "learn from"; not the word "Lärande"
    "finansiar": (frozenset({"projektutvecklare"}), True),
    "projektutvecklare": (frozenset({"finansiar"}), False),  # "söka", "apply for" phrases
}
# Meeting places named as a location ("i olika forum", "in national forums") are where
# something happens, not a network the region convenes.
VENUE_ROLE = "natverksledare"
VENUE_PREPOSITIONS = frozenset("i in på at inom within".split())
# ... but "håller i ett forum", "samlar aktörer i ett integrationsforum" create one.
ARTICLES = frozenset("en ett a an the sitt sin sina its their own eget egen egna".split())
# Fixed expressions where a cue word means something else: "stödde oss på" (relied on),
# "med hjälp av" (by means of), "the train", "platform 4". Exact word forms, "|" between
# alternatives, "#" for a number, "*" before the word that looks like a cue.
NON_CUES = (
    "*stödja|stödjer|stöder|stödde|stött|stöttade|stöttar sig|oss|mig|dig|er på",
    "med *hjälp|stöd av",
    "with the *help of",
    "the|a|by|next|first|last *train|trains",
    "*train|trains station|left|arrived|was|journey|ride",
    "*platform|plattform|plattformen #",
    "it *stöd|stödet",
    "i *medel",
)
