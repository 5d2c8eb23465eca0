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
WHOLE_WORD_ONLY = frozenset({"medel", "arena", "fakta", "gemensamt"})
# Cues that are ambiguous as a word of their own but not inside a compound: "bidrag" is a
# grant in "kulturbidrag" but a contribution in "regionens viktigaste bidrag"; "projekt"
# is project work in "projektverksamheten" but not in "vi samarbetar i flera projekt";
# "träff" is a meeting someone holds in "arbetsgivarträff" but "träffa" is to meet. As
# whole words they count only in a multi-word cue ("ge bidrag", "driva projekt").
COMPOUND_ONLY = frozenset({"bidrag", "projekt", "träff"})

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

# Words the stemmer would make another word: "före" (gå före) would be "för" (for).
UNSTEMMED = frozenset({"före"})

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
    "bjöd": "bjuda",
    "bjudit": "bjuda",
    "bröt": "bryta",
    "brutit": "bryta",
    "gjorde": "göra",
    "gjort": "göra",
    "gör": "göra",
    "skrev": "skriva",
    "skrivit": "skriva",
    "fick": "få",
    "fått": "få",
    "får": "få",
    "sa": "säga",
    "sade": "säga",
    "sagt": "säga",
    "såg": "se",
    "sett": "se",
    "ser": "se",
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
    "met": "meet",
    "found": "find",
    "wrote": "write",
    "written": "write",
    "told": "tell",
    "made": "make",
}

# Negators negate the rest of their clause and the few words just before them (Swedish
# puts "inte" after the verb: "Regionen finansierar inte projekt").
NEGATORS = frozenset(
    "inte ej icke aldrig inget ingen inga varken knappast not no never neither nor cannot".split()
)
# --- Expectations: what an actor wants, needs, misses or expects of the region ------------
# "Det vi saknar är att regionen samordnar", "Regionen borde samordna", "We need someone
# who coordinates": the role is tagged and marked as expected. The marker covers its clause
# (back to clause punctuation or a sub-clause word such as "när") and the rest of the
# sentence up to "men"/"but" or ";".
WISH_WORDS = frozenset(
    "behöver behövs behövde behövt behöva behov behovet behoven borde bör måste "
    "önskar önskas önskade önska önskan önskemål önskemålet önskemålen önskvärt önskvärd "
    "efterlyser efterlyses efterlyste efterfrågar efterfrågas efterfrågan efterfrågade "
    "förväntar förväntas förväntan förväntningar förväntningen förväntningarna "
    "hoppas förhoppning förhoppningen förhoppningar gärna vore vill velat "
    "need needs needed needing should ought must could would wish wishes wished want wants "
    "expect expects expected expecting expectation expectations hope hopes hoped hoping "
    "demand demands call calls".split()
)
# Two words that together express a wish: "vi ville att regionen", "skulle kunna", "we
# would like", "the region has to". ("Vill"/"want" alone is a wish too: "Vi vill vara den
# som driver utvecklingen" is what the region expects of itself.)
WISH_PAIRS = frozenset(
    {
        ("ville", "att"),
        ("skulle", "kunna"),
        ("skulle", "vilja"),
        ("like", "the"),
        ("like", "you"),
        ("like", "them"),
        ("like", "to"),
        ("has", "to"),
        ("have", "to"),
    }
)
# "om"/"if" after one of these is a wish: "Det hade varit bra om", "vore fint om".
CONDITIONALS = frozenset("varit vore hade would be been".split())
# "ska" after one of these is a wish: "Vi tycker att regionen ska ha koll på".
OPINION_WORDS = frozenset("tycker anser tror menar think believe feel".split())
# A role named by the problem it solves is the role even when negated: "så att
# kommunerna inte drar åt varsitt håll", "aren't tripping over each other" (prefixes).
NEGATION_PROOF = (
    "varsitt",
    "dubbler",
    "dubbelarbet",
    "krock",
    "tripping",
    "uppifrån",
    "against",
    "varandra",
    "duplicat",
    "silo",
    "stuprör",
)
# A lack is an expectation ("Det vi saknar är ett forum", "det saknas samordning",
# "what is lacking is a forum") unless what is lacked is the means to act: "Regionen saknar
# mandat att finansiera" says the region does not fund, like a negation.
LACK_WORDS = frozenset(
    "saknar saknas saknade saknat saknad lack lacks lacked lacking missing miss misses".split()
)
CAPACITY_WORDS = (
    "mandat",
    "uppdrag",
    "resurs",
    "möjlighet",
    "befogenhet",
    "pengar",
    "budget",
    "ekonomi",
    "förutsättning",
    "kapacitet",
    "medel",
    "mandate",
    "remit",
    "resource",
    "means",
    "authority",
    "power",
    "capacity",
    "money",
    "funds",
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
# ... or when the two words deny it of the others: "det har ingen annan region gjort".
OTHERS_DENIED = frozenset({("ingen", "annan"), ("nobody", "else")})
# A question that opens with one of these and a negator asks for something: "Kunde inte
# regionen finansiera handledarutbildningen?", "Why can't the region bring us together?"
QUESTION_OPENERS = frozenset(
    "kan kunde skulle borde vore varför can could would should why couldn't can't "
    "wouldn't shouldn't won't".split()
)
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
    r"|researchers?|government|ngos?|church"
    r"|handläggar(?:e|en|na|nas)|(?<!nät)verket|rådet|fonden|lotteriet|kammaren)$"
)
# The region is said not to be the one: "pengarna kommer inte från regionen", "regionen är
# inte inblandad". What comes before such a mention is about someone else.
EXCLUDING_WORDS = frozenset(
    "inblandad inblandade involverad involverade involved ingenting nothing".split()
)
# Something received from someone else is not the region's role: "Vi har fått pengar från
# Postkodlotteriet", "We got a grant from the Inheritance Fund".
RECEIVING_WORDS = frozenset("få får fick fått erhållit got get gets received receive".split())
SOURCE_WORDS = frozenset("från via av from by".split())
# "partnerskapet som länsstyrelsen driver": another actor's, not the region's.
RUNNING_VERBS = frozenset(
    "driver drev drivit leder ledde äger ordnar arrangerar anordnar håller runs ran "
    "leads led owns hosts organises organizes".split()
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
# "Regionen ser till att kommunerna ...", "the region makes sure that ...": what the
# sub-clause says is the region's doing, whoever its subject is.
CAUSATIVES = frozenset("till sure ensures ensure säkerställer säkerställa".split())
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
# "Regionen hjälpte oss att skriva ansökan", "help us get in touch": the help is the
# other role's (project development, opening doors), not support of its own.
HELPING_ROLE = "stodjande"
HELPING_WORDS = ("hjälp", "help", "assist")
# Meeting places named as a location ("i olika forum", "in national forums") are where
# something happens, not a network the region convenes.
VENUE_ROLE = "natverksledare"
VENUE_PREPOSITIONS = frozenset("i in på at inom within".split())
# ... but "håller i ett forum", "samlar aktörer i ett integrationsforum" create one.
ARTICLES = frozenset("en ett a an the sitt sin sina its their own eget egen egna".split())
# --- Multi-word cues match as phrases --------------------------------------------------
# A preposition, article or conjunction in a cue binds to the word after it: "som
# arbetsgivare" matches "som arbetsgivare" and "som en stor arbetsgivare", never "som kan
# samla arbetsgivarna". After such a word only FILLERS may stand in between.
FUNCTION_WORDS = frozenset(
    "som av till med i på om hos mot vid från åt efter mellan under över en ett den det de "
    "att och samt eller för as to of for with on at by from into about between the a an "
    "and or vad hur vem vilka vilken vart what how who".split()
)
# Determiners, pronouns, quantifiers and common adjectives: "öppna nya dörrar", "leder ett
# länsövergripande nätverk", "lär oss av", "put us in touch". Words ending like an
# adjective (ADJECTIVE_ENDINGS), numbers and capitalised names ("leda EU-projekt") count
# too.
FILLERS = frozenset(
    "en ett den det de denna detta dessa the a an this that these those "
    "sin sitt sina sig egen eget egna min mitt mina vår vårt våra er ert era din ditt dina "
    "its their our your his her own my us them it me oss dem mig dig honom henne "
    "vi ni we you they "
    "alla all allt flera fler många några mer mera mest mycket viss vissa både båda hela halva "
    "more most many several some any few both whole "
    "ny nya nytt god goda gott bra bättre bästa stor stora stort större största små liten "
    "lilla litet annan annat andra olika samma övriga extern externa externt intern "
    "interna internt ytterligare stark starka starkt bred breda brett lång långa långt "
    "kort korta tydlig tydliga tydligt särskild särskilda särskilt första nästa enda "
    "verklig verkliga rätt rätta "
    "new good better best big bigger small large own other same clear strong wide broad "
    "long short real right key main major first next further fresh "
    "två tre fyra fem sex sju åtta nio tio tolv tjugo trettio hundra "
    "two three four five six seven eight nine ten twelve twenty".split()
)
ADJECTIVE_ENDINGS = (
    "ig",
    "iga",
    "igt",
    "isk",
    "iska",
    "iskt",
    "ell",
    "ella",
    "ellt",
    "al",
    "ala",
    "alt",
    "iv",
    "iva",
    "ivt",
    "bar",
    "bara",
    "bart",
    "sam",
    "samma",
    "samt",
    "ande",
    "ende",
    "ive",
    "ful",
    "ous",
    "ic",
    "able",
    "ible",
)
# A gap between the other words of a cue may hold anything but the start of another
# clause or a verb of its own: "öppnar nya dörrar", "förmedlar kunskap och forskning", not
# "samla dem som kan samordna". Two long words in reverse order may have a relative clause
# in between: "nätverket som regionen driver".
GAP_STOPPERS = frozenset(
    "som att där när då eftersom om fast medan innan sedan tills "
    "that which who whom where when because if while before after until "
    "är var vara varit blir blev bli har hade kan kunde ska skulle vill ville bör borde "
    "måste får fick gör gjorde "
    "is are was were be been has have had can could will would shall should must may might "
    "do does did".split()
)
RELATIVE_GAP = frozenset("som that which".split())

# Words so common in homework texts that a multi-word cue is not looked for where they
# stand when it has a rarer word ("arbeta tillsammans" is looked for at "arbeta", not at
# every "tillsammans"). Speed only: the matches are the same.
COMMON_WORDS = frozenset(
    "region regionen regional regionala länet län county tillsammans together nyanlända "
    "newcomers kommun kommunerna nationell nationella national år work arbete arbeta göra "
    "möte meeting träff hålla driva stöd".split()
)
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
    "*bridge the gap",
    "social|inheritance|european *fund",
)
