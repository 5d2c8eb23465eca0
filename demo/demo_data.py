"""Demo data for the REGLAB homework portal (loaded by ``python manage.py load_demo``).

The data recreates the hand-made workshop deck in ``seed/000_2a5f07fd6bdf4270.txt``
(*Lärprojektet integration – Hemläxor*), so that the deck the portal generates tells
the same story as the one the facilitators once built by hand.

What comes from the seed deck:

* the homework itself (formulate the region's role, interview at least three actors),
  spelled out a little in the instructions;
* the twelve regions that handed in ("Inkomna beskrivningar");
* the role words the regions used about themselves ("Regionernas syn på rollen");
* the actors the regions interviewed (Arbetsförmedlingen, kommuner, länsstyrelsen,
  Hallands idrottsförbund, Lunds universitet, Länsbiblioteket Västerbotten,
  Länsnykterhetsförbundet, Riksteatern) and the themes of their answers;
* every quote in the deck ("Tre Arbetsförmedlingar", "Tre Länsstyrelser",
  "Tre kommuner"), verbatim and grouped as in the deck, without the ” marks (and
  without the stray ")" after "RUS:en" in the deck).

Everything else is invented demo material: the full role statements, which region
each quote came from, the remaining interviews, the interviewees' job functions
(personal data; no real person is meant), dates, consent levels and the four draft
submissions. The deck does not say which region each quote belongs to; the
attribution here is made up.

The module is plain Python (no Django import). Run ``python -m demo.demo_data``
to self-check the data: it prints ``ok`` or the list of problems.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from reglab.regions import REGIONS

#: The assignment's deadline (ISO 8601, Swedish winter time).
DEADLINE = "2026-11-20T23:59:00+01:00"

#: The homework, as in the deck's "Hemläxa" slide.
ASSIGNMENT = {
    "title_sv": "Hemläxa: regionens roll i integrationsarbetet",
    "title_en": "Homework: the region's role in integration work",
    "instructions_sv": (
        "Formulera den roll som er region tar, eller vill ta, i integrationsarbetet. "
        "Beskriv med egna ord vad regionen gör i dag, vad ni vill utveckla och vilka andra "
        "aktörer ni behöver för att lyckas.\n\n"
        "Intervjua minst tre andra aktörer om hur de ser på regionens roll, till exempel "
        "Arbetsförmedlingen, en kommun, länsstyrelsen, ett universitet eller en högskola, "
        "ett bibliotek eller en idéburen organisation. Skriv ner svaren och markera de "
        "citat ni vill lyfta fram på workshoppen.\n\n"
        "Fråga varje intervjuperson om samtycke: får svaren citeras med organisationens "
        "namn, anonymt eller inte alls? Lämna in rollbeskrivningen och intervjuerna senast "
        "den 20 november 2026."
    ),
    "instructions_en": (
        "Describe the role your region takes, or wants to take, in integration work. "
        "Explain in your own words what the region does today, what you want to develop and "
        "which other actors you need in order to succeed.\n\n"
        "Interview at least three other actors about how they see the region's role, for "
        "example Arbetsförmedlingen (the Public Employment Service), a municipality, the "
        "county administrative board, a university, a library or a civil-society "
        "organisation. Write down the answers and mark the quotes you want to highlight at "
        "the workshop.\n\n"
        "Ask every interviewee for consent: may the answers be quoted with the "
        "organisation's name, anonymously or not at all? Hand in the role statement and the "
        "interviews by 20 November 2026."
    ),
    "min_interviews": 3,
}

#: One submission per region that has anything. The twelve deck regions are
#: submitted (two of them late); Gotland, Kalmar, Norrbotten and Värmland have
#: drafts; Kronoberg, Stockholm, Sörmland, Västernorrland and Västmanland nothing.
SUBMISSIONS = [
    {
        "region": "orebro",
        "state": "submitted",
        "submitted_at": "2026-11-18T14:05:00+01:00",
        "statement": (
            "Region Örebro län ser sin roll i integrationsarbetet som i första hand "
            "samordnande. Många aktörer gör viktiga insatser för nyanlända i länet, men de "
            "hänger inte alltid ihop. Vi vill ta ett tydligare samordningsansvar, så att "
            "kommunernas, Arbetsförmedlingens och civilsamhällets insatser kompletterar "
            "varandra i stället för att överlappa.\n\n"
            "Regionen kan också vara en dörröppnare. Genom våra kontakter med arbetsgivare, "
            "lärosäten och statliga myndigheter kan vi koppla ihop aktörer som annars inte "
            "skulle mötas.\n\n"
            "Vi vill dessutom vara kunskapsförmedlare: ta fram fakta om hur integrationen "
            "utvecklas i länet och sprida goda exempel. Slutligen vill regionen vara en "
            "påverkande röst gentemot staten när nationella regelverk försvårar det "
            "regionala arbetet."
        ),
        "self_roles": ["samordnare", "dorroppnare", "kunskapsformedlare", "paverkare"],
        "interviews": [
            {
                "organisation": "Arbetsförmedlingen Bergslagen",
                "actor_type": "arbetsformedlingen",
                "date": "2026-10-02",
                "function": "Sektionschef, etablering",
                "consent": "anonymous",
                "answers": (
                    "Vi ser regionen som en viktig part, men i dag är det svårt att se vad "
                    "regionen konkret gör i etableringsarbetet. Vi tycker att den "
                    "viktigaste uppgiften för regionen blir att aktivt driva utvecklingen i "
                    "regionen så att förutsättningar skapas för nyanlända att ta del av "
                    "reguljär utbildning. Många av våra deltagare behöver komvux, "
                    "yrkesutbildning eller folkhögskola för att nå ett arbete, och där har "
                    "regionen både ett ansvar för kompetensförsörjningen och kontakterna "
                    "med utbildningsanordnarna. Vi skulle också vilja att regionen blir "
                    "bättre på att synka insatser med andra myndigheter och aktörer, så att "
                    "vi inte bygger parallella spår. Ett gemensamt forum där vi planerar "
                    "utbildningsinsatserna tillsammans vore värdefullt."
                ),
                "quotes": [
                    (
                        "Vi tycker att den viktigaste uppgiften för regionen blir att "
                        "aktivt driva utvecklingen i regionen så att förutsättningar skapas "
                        "för nyanlända att ta del av reguljär utbildning"
                    ),
                ],
            },
            {
                "organisation": "Örebro kommun",
                "actor_type": "kommun",
                "date": "2026-10-09",
                "function": "Integrationsstrateg",
                "consent": "named",
                "answers": (
                    "Regionen är en självklar samverkanspartner för oss. Vi har ett bra "
                    "samarbete kring hälsa och tandvård för nyanlända, men i "
                    "integrationsfrågorna i stort är regionens roll mer otydlig. Vi skulle "
                    "gärna se att regionen driver ett länsgemensamt nätverk för kommunernas "
                    "integrationsstrateger, en plattform där vi kan dela erfarenheter och "
                    "planera gemensamma insatser. I dag tar vi själva det ansvaret, och det "
                    "blir ryckigt. Regionen kan också bidra med finansiering till "
                    "utvecklingsarbete som en enskild kommun inte klarar att driva själv, "
                    "till exempel inom samhällsorientering och språkutveckling på "
                    "arbetsplatser."
                ),
                "quotes": [],
            },
            {
                "organisation": "Örebro universitet",
                "actor_type": "universitet",
                "date": "2026-10-21",
                "function": "Universitetslektor i socialt arbete",
                "consent": "no_quote",
                "answers": (
                    "Från universitetets perspektiv är regionen en viktig länk mellan "
                    "forskningen och praktiken. Vi har flera forskare som studerar "
                    "etablering och arbetsmarknad, men resultaten når inte alltid ut till "
                    "dem som arbetar med frågorna. Regionen skulle kunna ta en roll i att "
                    "koppla ihop oss med kommuner och arbetsgivare, och i att beställa "
                    "kompetensutveckling för personal som möter nyanlända. Vi ser också ett "
                    "behov av att regionen samordnar aktörerna kring validering av utländsk "
                    "utbildning, där ansvaret i dag är splittrat."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "blekinge",
        "state": "submitted",
        "submitted_at": "2026-11-12T09:20:00+01:00",
        "statement": (
            "Region Blekinge vill vara en stödjande och koordinerande kraft i länets "
            "integrationsarbete. Blekinge är ett litet län med fem kommuner, och vi har "
            "goda förutsättningar att hålla ihop arbetet. Regionen ska stötta kommunerna i "
            "frågor som rör kompetensförsörjning, hälsa och kollektivtrafik, där vårt eget "
            "ansvar möter nyanländas vardag.\n\n"
            "Vi vill samtidigt vara en lärande organisation. Vi har mycket att lära av "
            "andra regioner och av de aktörer som möter nyanlända varje dag, och vi vill "
            "bygga in det lärandet i hur vi arbetar med regional utveckling.\n\n"
            "Rollen som samordnare ser vi som något vi växer in i. Den förutsätter att "
            "regionen och länsstyrelsen är överens om ansvarsfördelningen, och intervjuerna "
            "visar att vi ännu inte har tydliggjort den."
        ),
        "self_roles": ["samordnare", "stodjande", "larande"],
        "interviews": [
            {
                "organisation": "Karlskrona kommun",
                "actor_type": "kommun",
                "date": "2026-09-24",
                "function": "Enhetschef, arbetsmarknad och integration",
                "consent": "anonymous",
                "answers": (
                    "Hur vi ser på regionens roll? Den är oklar. Vad är skillnaden mellan "
                    "Länsstyrelsen och regionens roll? Kan bli tydligare, både för oss och "
                    "för de andra kommunerna i länet. Vi får inbjudningar från båda till "
                    "möten om samma frågor och vet inte alltid vem som har mandat att göra "
                    "vad. Samtidigt ser vi att regionen har resurser som vi behöver, "
                    "särskilt när det gäller kompetensförsörjning och vuxenutbildning. Om "
                    "regionen tog en tydligare koordinerande och stöttande roll, och kom "
                    "överens med länsstyrelsen om ansvarsfördelningen, skulle det "
                    "underlätta vårt arbete mycket."
                ),
                "quotes": [
                    (
                        "Den är oklar. Vad är skillnaden mellan Länsstyrelsen och regionens "
                        "roll? Kan bli tydligare"
                    ),
                ],
            },
            {
                "organisation": "Arbetsförmedlingen Blekinge",
                "actor_type": "arbetsformedlingen",
                "date": "2026-10-06",
                "function": "Verksamhetsutvecklare",
                "consent": "named",
                "answers": (
                    "Vi samarbetar redan med regionen i flera projekt och upplever att "
                    "samverkan fungerar bra. Det vi saknar är ett forum där myndigheter, "
                    "kommuner och organisationer synkar sina insatser för nyanlända. I dag "
                    "planerar var och en för sig, och deltagarna hamnar ibland mellan "
                    "stolarna. Regionen skulle kunna ta ansvar för att samla aktörerna "
                    "några gånger per år och se till att insatserna hänger ihop. Vi ser "
                    "också gärna att regionen fortsätter att satsa på yrkesutbildningar som "
                    "matchar arbetsgivarnas behov."
                ),
                "quotes": [],
            },
            {
                "organisation": "Blekinge Tekniska Högskola",
                "actor_type": "universitet",
                "date": "2026-10-15",
                "function": "Samverkansstrateg",
                "consent": "no_quote",
                "answers": (
                    "Vi ser regionen som en viktig partner i kompetensförsörjningen. Många "
                    "nyanlända akademiker har en utbildning som inte tas tillvara, och här "
                    "kan regionen och högskolan tillsammans göra mer, till exempel genom "
                    "kompletterande utbildningar och mentorsprogram med länets företag. Vi "
                    "skulle gärna se att regionen tar initiativ till en regional plattform "
                    "för validering och kompetensutveckling, där högskolan, kommunerna och "
                    "näringslivet deltar. Regionen har också en roll i att finansiera "
                    "sådana satsningar, eftersom högskolans egna medel inte räcker."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "ostergotland",
        "state": "submitted",
        "submitted_at": "2026-11-19T10:45:00+01:00",
        "statement": (
            "Region Östergötland ser sin roll som samordnare av det regionala "
            "integrationsarbetet, med särskilt fokus på kompetensförsörjningen. Länets "
            "arbetsgivare behöver den kompetens som nyanlända har med sig, och regionen kan "
            "samordna insatserna så att validering, språkstöd och matchning hänger ihop.\n\n"
            "En annan viktig del av rollen är att vara kunskapsförmedlare. Vi följer "
            "utvecklingen genom analyser av arbetsmarknad och befolkning och delar "
            "resultaten med kommuner, myndigheter och organisationer, så att de kan fatta "
            "beslut på ett bättre underlag.\n\n"
            "Vi vill också stärka vår omvärldsbevakning: följa vad som händer nationellt "
            "och inom EU, fånga upp trender tidigt och göra dem begripliga för aktörerna i "
            "Östergötland."
        ),
        "self_roles": ["samordnare", "kunskapsformedlare", "omvarldsbevakare"],
        "interviews": [
            {
                "organisation": "Länsstyrelsen Östergötland",
                "actor_type": "lansstyrelse",
                "date": "2026-10-01",
                "function": "Handläggare, integration och social hållbarhet",
                "consent": "named",
                "answers": (
                    "Vi har ett nära samarbete med regionen och ser att den fyller en "
                    "tydlig funktion. Hur vi skulle beskriva regionens roll? Samordnar "
                    "arbetet med kompetensförsörjning i regionen, stödjer och engagerar "
                    "andra aktörer. Det är precis där integrationen behöver kopplas in. "
                    "Länsstyrelsen har uppdraget att främja samverkan kring nyanländas "
                    "etablering, och regionen har de regionala utvecklingsfrågorna. Vi tror "
                    "att vi kompletterar varandra väl, men vi behöver bli bättre på att "
                    "synka våra insatser så att kommunerna inte upplever att två "
                    "myndigheter kallar till samma möten."
                ),
                "quotes": [
                    (
                        "Samordnar arbetet med kompetensförsörjning i regionen, stödjer och "
                        "engagerar andra aktörer"
                    ),
                ],
            },
            {
                "organisation": "Norrköpings kommun",
                "actor_type": "kommun",
                "date": "2026-10-13",
                "function": "Utvecklingsledare, integration",
                "consent": "named",
                "answers": (
                    "Norrköping tar emot många nyanlända och har lång erfarenhet av "
                    "integrationsarbete. Vi upplever att regionen är samverkande och "
                    "lyhörd, men att den ibland kommer in sent i processerna. Vi skulle "
                    "vilja se regionen som en aktör som driver egna nätverk där kommunerna "
                    "kan mötas kring gemensamma utmaningar, till exempel bostadsförsörjning "
                    "och vuxenutbildning. Regionen kan också bidra med analyser. Den "
                    "statistik som regionen tar fram om befolkning och arbetsmarknad är "
                    "mycket användbar för oss i planeringen."
                ),
                "quotes": [],
            },
            {
                "organisation": "Linköpings universitet",
                "actor_type": "universitet",
                "date": "2026-10-20",
                "function": "Forskare, etnicitet och migration",
                "consent": "no_quote",
                "answers": (
                    "Vi ser regionen som en aktör med potential att bli en bro mellan "
                    "forskning och praktik. Regionens analysverksamhet är stark, men det "
                    "finns få arenor där forskare, tjänstepersoner och civilsamhälle möts "
                    "kring integrationsfrågor. Regionen kan bidra med kompetensutveckling "
                    "för personal i kommunerna, gärna i samarbete med universitetet, och "
                    "med finansiering av följeforskning så att insatserna utvärderas. I dag "
                    "startas många projekt utan att någon följer upp vad de leder till."
                ),
                "quotes": [],
            },
            {
                "organisation": "Östsvenska Handelskammaren",
                "actor_type": "naringsliv",
                "date": "2026-11-04",
                "function": "Policyansvarig",
                "consent": "anonymous",
                "answers": (
                    "Företagen i Östergötland har stora rekryteringsbehov, och det finns "
                    "många nyanlända med kompetens som inte kommer till sin rätt. Regionen "
                    "kan vara länken mellan näringslivet och de offentliga aktörerna. Vi "
                    "vill att regionen samordnar insatserna för matchning och validering, "
                    "så att företagen vet vart de ska vända sig. Det är svårt för ett "
                    "mindre företag att navigera bland alla projekt och myndigheter. "
                    "Regionen borde också lyssna mer på näringslivet när utbildningar "
                    "planeras."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "vgr",
        "state": "submitted",
        "submitted_at": "2026-11-23T09:40:00+01:00",
        "statement": (
            "Västra Götalandsregionen ser fyra delar i sin roll. Den första är att "
            "regionalisera nationella satsningar: statliga uppdrag och medel behöver "
            "anpassas till förutsättningarna i våra 49 kommuner, som skiljer sig mycket åt.\n\n"
            "Den andra är att vara innovatör. Vi vill pröva nya metoder, till exempel i "
            "samverkan mellan vård, folkbildning och arbetsgivare, och ta vara på det som "
            "fungerar.\n\n"
            "Den tredje är rollen som projektutvecklare. Regionen har lång erfarenhet av "
            "EU-projekt och kan hjälpa andra aktörer att utveckla idéer till ansökningar "
            "och genomförbara utvecklingsprojekt.\n\n"
            "Den fjärde är att samordna och öppna dörrar. I ett så stort län behövs någon "
            "som koordinerar och kopplar ihop aktörer över kommungränserna. Där vill vi "
            "vara dörröppnare snarare än ännu en aktör med egna insatser."
        ),
        "self_roles": [
            "regionaliserare",
            "innovator",
            "projektutvecklare",
            "samordnare",
            "dorroppnare",
        ],
        "interviews": [
            {
                "organisation": "Riksteatern Västra Götaland",
                "actor_type": "civilsamhalle",
                "date": "2026-09-17",
                "function": "Verksamhetsutvecklare",
                "consent": "named",
                "answers": (
                    "Riksteatern är en folkrörelse, och för oss handlar integration om att "
                    "alla ska få ta del av och skapa kultur. Regionen är vår viktigaste "
                    "finansiär på regional nivå, och utan regionens stöd skulle vi inte "
                    "kunna driva våra föreställningar och workshoppar på flera språk. Vi "
                    "ser gärna att regionen fortsätter att finansiera kulturen som "
                    "mötesplats, och att den tar en tydligare roll i att samla "
                    "kulturaktörerna i ett nätverk kring integrationsfrågor. Kultur och "
                    "folkbildning glöms ofta bort när integration bara diskuteras som en "
                    "arbetsmarknadsfråga."
                ),
                "quotes": [],
            },
            {
                "organisation": "Göteborgs Stad",
                "actor_type": "kommun",
                "date": "2026-10-08",
                "function": "Strateg, arbetsmarknad och vuxenutbildning",
                "consent": "anonymous",
                "answers": (
                    "Vi ser regionen som en viktig samverkanspartner, inte minst inom "
                    "vuxenutbildning och kompetensförsörjning. Göteborg har egna strukturer "
                    "för integrationsarbetet, så regionens roll blir mer att koordinera "
                    "mellan kommunerna i länet och att sprida erfarenheter. Regionen bör "
                    "bli bättre på att synka insatser med andra myndigheter och "
                    "organisationer. I dag finns det många parallella satsningar som inte "
                    "känner till varandra. Vi uppskattar att regionen prövar nya "
                    "arbetssätt, men det behövs en bättre plan för hur det som fungerar ska "
                    "bli ordinarie verksamhet."
                ),
                "quotes": [],
            },
            {
                "organisation": "Länsstyrelsen Västra Götaland",
                "actor_type": "lansstyrelse",
                "date": "2026-10-14",
                "function": "Samordnare, etablering av nyanlända",
                "consent": "no_quote",
                "answers": (
                    "Länsstyrelsen och regionen har olika uppdrag men arbetar mot samma "
                    "mål. Vi ser att regionen har en viktig roll i de långsiktiga frågorna: "
                    "kompetensförsörjning, infrastruktur och tillväxt. Det vi önskar är att "
                    "regionen och länsstyrelsen tar fram en gemensam plan för hur vi "
                    "stöttar kommunerna, så att de inte får dubbla budskap. Regionen kan "
                    "också vara drivande när det gäller ansökningar till EU:s fonder, där "
                    "kommunerna och civilsamhället kan delta som partner."
                ),
                "quotes": [],
            },
            {
                "organisation": "Högskolan Väst",
                "actor_type": "universitet",
                "date": "2026-11-02",
                "function": "Samverkansrådgivare",
                "consent": "anonymous",
                "answers": (
                    "Högskolan Väst samarbetar med regionen kring arbetsintegrerat lärande "
                    "och kompletterande utbildningar för personer med utländsk examen. Vi "
                    "ser regionen som en aktör som kan koppla ihop högskolan med "
                    "arbetsgivare i Fyrbodal och i resten av länet. Regionen har också en "
                    "roll i att finansiera utvecklingen av nya utbildningsformer. Vi skulle "
                    "gärna se en mer långsiktig satsning i stället för korta projekt, "
                    "eftersom det tar tid att bygga upp utbildningar som fungerar för "
                    "målgruppen."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "vasterbotten",
        "state": "submitted",
        "submitted_at": "2026-11-20T11:30:00+01:00",
        "statement": (
            "Region Västerbotten vill vara visionär i integrationsarbetet. Vi ser en "
            "framtid där inflyttning, från andra länder såväl som från andra delar av "
            "Sverige, är en förutsättning för att hela länet ska leva. Den målbilden "
            "behöver formuleras tydligt och delas av fler.\n\n"
            "Regionen vill också vara en förebild. Som en av länets största arbetsgivare "
            "kan vi gå före genom att erbjuda anställningar, praktikplatser och språkstöd "
            "på arbetsplatsen.\n\n"
            "Vi ser oss som samordnare av det strategiska arbetet, i nära dialog med "
            "länsstyrelsen och kommunerna. Vi vill dessutom påverka nationella "
            "beslutsfattare, så att glesbygdens förutsättningar syns när "
            "integrationspolitiken utformas."
        ),
        "self_roles": ["visionar", "forebild", "samordnare", "paverkare"],
        "interviews": [
            {
                "organisation": "Länsstyrelsen Västerbotten",
                "actor_type": "lansstyrelse",
                "date": "2026-09-29",
                "function": "Enhetschef, social hållbarhet",
                "consent": "anonymous",
                "answers": (
                    "Ni har ingen roll/uppdrag (positivt) men projektpartner med ett "
                    "tillväxtperspektiv. Så uppfattar vi det i dag: regionen har inget "
                    "formellt uppdrag för etableringen, och det ger frihet att välja var ni "
                    "gör mest nytta. Regionens roll är att ha ett långsiktigt perspektiv "
                    "och bevaka att länets integrationsarbete går i linje med andra "
                    "regionala strategiska styrdokument som t.ex. RUS:en. Länsstyrelsen kan "
                    "hålla i samverkan kring etableringen, medan regionen ser till att "
                    "integrationen blir en del av tillväxt- och "
                    "kompetensförsörjningsarbetet."
                ),
                "quotes": [
                    (
                        "Ni har ingen roll/uppdrag (positivt) men projektpartner med ett "
                        "tillväxtperspektiv"
                    ),
                    (
                        "Regionens roll är att ha ett långsiktigt perspektiv och bevaka att "
                        "länets integrationsarbete går i linje med andra regionala "
                        "strategiska styrdokument som t.ex. RUS:en"
                    ),
                ],
            },
            {
                "organisation": "Länsbiblioteket Västerbotten",
                "actor_type": "bibliotek",
                "date": "2026-10-07",
                "function": "Länsbibliotekarie",
                "consent": "named",
                "answers": (
                    "Biblioteken är ofta den första offentliga plats som nyanlända besöker, "
                    "och vi möter många frågor om språk, samhälle och digitala tjänster. "
                    "Länsbiblioteket är en del av regionen, så vi ser rollen inifrån. Vi "
                    "tycker att regionen har en viktig uppgift i kompetensutveckling för "
                    "bibliotekspersonal och andra som möter nyanlända, och i att driva "
                    "nätverk där biblioteken, folkbildningen och kommunerna kan utbyta "
                    "erfarenheter. Språkcaféer och läsfrämjande insatser på flera språk "
                    "fungerar bra, men de behöver stabil finansiering snarare än "
                    "tillfälliga projektmedel."
                ),
                "quotes": [],
            },
            {
                "organisation": "Umeå kommun",
                "actor_type": "kommun",
                "date": "2026-10-16",
                "function": "Integrationssamordnare",
                "consent": "no_quote",
                "answers": (
                    "Vi har ett bra samarbete med regionen men upplever att den framför "
                    "allt är samverkande snarare än drivande i integrationsfrågorna. "
                    "Regionen skulle kunna ta en mer koordinerande och stöttande roll "
                    "gentemot de mindre kommunerna i inlandet, som har svårt att bygga upp "
                    "egen kompetens på området. För Umeås del handlar det mest om att "
                    "regionen bidrar med kompetensutveckling och med analyser av "
                    "arbetsmarknaden, så att vi kan planera vuxenutbildningen efter de "
                    "behov som finns."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "jonkoping",
        "state": "submitted",
        "submitted_at": "2026-11-16T16:02:00+01:00",
        "statement": (
            "Region Jönköpings län ser sig som en samordnande och stödjande aktör. Länet "
            "har en stark tradition av samverkan mellan kommuner, näringsliv och "
            "civilsamhälle, och regionens uppgift är att hålla ihop den samverkan när det "
            "gäller integration.\n\n"
            "Konkret vill vi samordna de regionala insatserna för nyanländas etablering, "
            "stötta kommunerna med underlag och processtöd och vara den part som ser "
            "helheten i länet.\n\n"
            "Vi vill även vara en dörröppnare mot näringslivet. Många företag i "
            "Gnosjöregionen och runt Jönköping söker arbetskraft, och regionen kan öppna "
            "dörrar mellan arbetsgivarna och de nyanlända som har den kompetens som "
            "efterfrågas."
        ),
        "self_roles": ["samordnare", "stodjande", "dorroppnare"],
        "interviews": [
            {
                "organisation": "Värnamo kommun",
                "actor_type": "kommun",
                "date": "2026-10-05",
                "function": "Verksamhetschef, arbete och integration",
                "consent": "named",
                "answers": (
                    "Vad ska regionen göra? Leda utvecklingsarbetet i länet gällande "
                    "integration utifrån RUS genom att presentera fakta och i olika forum "
                    "och nätverk ställa frågan vilken roll de har och hur det tänker arbeta "
                    "med integration. Det gäller alla aktörer, även de som inte ser "
                    "integration som sin fråga. För oss som kommun vill vi att regionen ska "
                    "vara processledare, sakkunnig och bollplank när vi utvecklar vårt eget "
                    "arbete. Vi har goda erfarenheter av samverkan i länet, men regionen "
                    "kan bli bättre på att synka insatser med andra myndigheter och "
                    "organisationer."
                ),
                "quotes": [
                    (
                        "Leda utvecklingsarbetet i länet gällande integration utifrån RUS "
                        "genom att presentera fakta och i olika forum och nätverk ställa "
                        "frågan vilken roll de har och hur det tänker arbeta med "
                        "integration"
                    ),
                    "vara processledare, sakkunnig och bollplank",
                ],
            },
            {
                "organisation": "Arbetsförmedlingen Jönköping",
                "actor_type": "arbetsformedlingen",
                "date": "2026-10-12",
                "function": "Sektionschef",
                "consent": "anonymous",
                "answers": (
                    "Samverkan med regionen fungerar bra, särskilt kring yrkesutbildningar "
                    "och den regionala kompetensplattformen. Vi ser regionen som en "
                    "koordinerande aktör som kan samla arbetsgivarna och "
                    "utbildningsanordnarna. Det vi önskar är att regionen blir bättre på "
                    "att synka sina insatser med oss och med kommunerna, så att de "
                    "nyanlända får en sammanhållen väg till arbete. Regionen kan också "
                    "bidra med finansiering till insatser som riktar sig till kvinnor som "
                    "står långt från arbetsmarknaden."
                ),
                "quotes": [],
            },
            {
                "organisation": "Jönköping University",
                "actor_type": "universitet",
                "date": "2026-10-27",
                "function": "Projektledare, internationell rekrytering",
                "consent": "no_quote",
                "answers": (
                    "Vi ser regionen som en viktig partner i arbetet med att behålla "
                    "internationella studenter och deras anhöriga i länet. Regionen kan "
                    "öppna dörrar till arbetsgivare och till de nätverk som finns i "
                    "näringslivet. Vi skulle gärna se att regionen driver en plattform där "
                    "högskolan, kommunerna och företagen kan mötas kring rekrytering av "
                    "personer med utländsk bakgrund. Regionen har också en roll när det "
                    "gäller kompetensutveckling för arbetsgivare som vill bli bättre på "
                    "mångfald."
                ),
                "quotes": [],
            },
            {
                "organisation": "Länsstyrelsen i Jönköpings län",
                "actor_type": "lansstyrelse",
                "date": "2026-11-03",
                "function": "Utvecklingsledare, integration",
                "consent": "named",
                "answers": (
                    "Länsstyrelsen har ansvar för att främja samverkan kring nyanländas "
                    "etablering, och vi ser regionen som en viktig samverkanspartner i det "
                    "arbetet. Regionen har en roll genom den regionala utvecklingsstrategin "
                    "och genom ansvaret för kompetensförsörjning. Vi tycker att regionen "
                    "ska stödja kommunerna med underlag och processtöd och bidra med "
                    "kunskap om arbetsmarknadens behov. Det är viktigt att vi har en tydlig "
                    "ansvarsfördelning, så att kommunerna vet vem de ska vända sig till."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "jamtland-harjedalen",
        "state": "submitted",
        "submitted_at": "2026-11-20T21:47:00+01:00",
        "statement": (
            "Region Jämtland Härjedalen ser sin roll som att regionalisera den nationella "
            "integrationspolitiken. Nationella satsningar är ofta utformade för storstäder, "
            "och vi behöver anpassa dem till ett län med långa avstånd, små kommuner och en "
            "arbetsmarknad som präglas av besöksnäring och offentlig sektor.\n\n"
            "Vi vill vara koordinerande, så att kommunernas, Arbetsförmedlingens och "
            "folkbildningens insatser synkas, och vi vill vara dörröppnare mot arbetsgivare "
            "i hela länet.\n\n"
            "Samtidigt vill vi vara lärande. Vi har inte alla svar, och intervjuerna har "
            "redan gett oss nya perspektiv på vad andra förväntar sig av regionen. Flera "
            "efterfrågar ett tydligare uppdrag, och det tar vi med oss."
        ),
        "self_roles": ["regionaliserare", "samordnare", "dorroppnare", "larande"],
        "interviews": [
            {
                "organisation": "Arbetsförmedlingen Jämtland",
                "actor_type": "arbetsformedlingen",
                "date": "2026-09-22",
                "function": "Enhetschef",
                "consent": "anonymous",
                "answers": (
                    "Vi har en god dialog med regionen men tycker att rollen är otydlig "
                    "utåt. Regionen bör tydliggöra sitt uppdrag, både för oss och för "
                    "kommunerna, så att det blir lättare att veta när vi ska vända oss dit. "
                    "Vi ser också att regionen kan göra mer för att sprida kunskap. Lyfta "
                    "goda exempel, t.ex. från andra regioner som har lyckats med validering "
                    "eller branschvisa utbildningar. Det skulle inspirera arbetsgivarna "
                    "här. Vårt viktigaste medskick handlar ändå om riktningen. Behöver en "
                    "vision för sitt uppdrag, för i dag ser vi många enskilda insatser men "
                    "ingen gemensam riktning för hela länet."
                ),
                "quotes": [
                    "Regionen bör tydliggöra sitt uppdrag",
                    "Lyfta goda exempel, t.ex. från andra regioner",
                    "Behöver en vision för sitt uppdrag",
                ],
            },
            {
                "organisation": "Östersunds kommun",
                "actor_type": "kommun",
                "date": "2026-10-03",
                "function": "Integrationsstrateg",
                "consent": "named",
                "answers": (
                    "Östersunds kommun ser regionen som en samverkande aktör med ett "
                    "viktigt ansvar för länets utveckling. Vi önskar att regionen tar en "
                    "koordinerande roll för de mindre kommunerna, som inte har egna "
                    "integrationsstrateger. Regionen kan också driva en gemensam plattform "
                    "för folkbildningen, kommunerna och föreningslivet, där vi delar "
                    "metoder och erfarenheter. Vi ser att regionen har goda kontakter med "
                    "besöksnäringen, och där kan den öppna dörrar för nyanlända som söker "
                    "arbete."
                ),
                "quotes": [],
            },
            {
                "organisation": "Mittuniversitetet",
                "actor_type": "universitet",
                "date": "2026-10-19",
                "function": "Universitetslektor i sociologi",
                "consent": "no_quote",
                "answers": (
                    "Från Mittuniversitetets horisont är regionen en viktig beställare av "
                    "kunskap. Vi har bidragit till flera analyser om inflyttning och "
                    "integration i glesbygd, och vi ser gärna att regionen fortsätter att "
                    "använda forskningen i sitt strategiska arbete. Regionen kan bidra med "
                    "kompetensutveckling för tjänstepersoner i kommunerna och med att "
                    "finansiera studier som följer upp insatserna över tid. Det saknas i "
                    "dag kunskap om vad som händer med dem som flyttar från länet efter "
                    "etableringstiden."
                ),
                "quotes": [],
            },
            {
                "organisation": "Hela Sverige ska leva Jämtlands län",
                "actor_type": "civilsamhalle",
                "date": "2026-11-05",
                "function": "Verksamhetsledare",
                "consent": "anonymous",
                "answers": (
                    "För oss handlar integration om att bygdernas föreningsliv ska vara "
                    "öppet för alla som flyttar hit. Regionen är en viktig finansiär för "
                    "lokala utvecklingsgrupper, och vi ser gärna att stödet också omfattar "
                    "insatser för nyanlända på landsbygden. Regionen skulle kunna samla de "
                    "idéburna organisationerna i ett nätverk kring inflyttning och "
                    "mottagande. Vi upplever att civilsamhället ofta bjuds in sent, när "
                    "besluten redan är fattade."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "skane",
        "state": "submitted",
        "submitted_at": "2026-11-27T16:20:00+01:00",
        "statement": (
            "Region Skåne ser sig som påverkare och lobbyist för Skånes intressen i "
            "integrationsfrågorna. Skåne tar emot många nyanlända och har en arbetsmarknad "
            "som präglas av närheten till Danmark. Vi vill vara en stark röst gentemot "
            "regeringen och EU när regelverk och resurser fördelas.\n\n"
            "Regionen bedriver en omfattande omvärldsbevakning och analys, och vi vill "
            "använda den mer systematiskt i integrationsarbetet. Vi vill sprida kunskap om "
            "nyanländas väg till arbete, om skillnaderna mellan kommunerna och om vad "
            "forskningen säger.\n\n"
            "Samordning är också en del av rollen, men vi ser den främst som samordning av "
            "kunskapsunderlag snarare än av andra aktörers verksamhet."
        ),
        "self_roles": ["paverkare", "omvarldsbevakare", "kunskapsformedlare", "samordnare"],
        "interviews": [
            {
                "organisation": "Lunds universitet",
                "actor_type": "universitet",
                "date": "2026-09-30",
                "function": "Professor, migrationsforskning",
                "consent": "named",
                "answers": (
                    "Lunds universitet har en stor forskningsmiljö inom migration, och vi "
                    "ser Region Skåne som en viktig mottagare av den kunskapen. Regionen "
                    "kan vara kunskapsförmedlare mellan forskningen och de kommuner och "
                    "organisationer som arbetar med integration. Vi skulle gärna se fler "
                    "gemensamma arenor där forskare och praktiker möts. Regionen har också "
                    "varit en viktig finansiär av följeforskning, och det hoppas vi att den "
                    "fortsätter med. Däremot är det svårt för oss att se vad regionen gör "
                    "gentemot regeringen och riksdagen i de här frågorna."
                ),
                "quotes": [],
            },
            {
                "organisation": "Malmö stad",
                "actor_type": "kommun",
                "date": "2026-10-10",
                "function": "Enhetschef, etablering",
                "consent": "anonymous",
                "answers": (
                    "Malmö har ett omfattande eget integrationsarbete, och vi ser regionen "
                    "främst som en samverkanspartner inom hälso- och sjukvård, "
                    "kollektivtrafik och kompetensförsörjning. Regionen kan bli bättre på "
                    "att synka insatser med andra myndigheter och organisationer, till "
                    "exempel när det gäller hälsoundersökningar och samhällsorientering. Vi "
                    "uppskattar regionens analyser, men vi skulle vilja att de oftare tas "
                    "fram tillsammans med kommunerna, så att de svarar mot de frågor vi "
                    "faktiskt har."
                ),
                "quotes": [],
            },
            {
                "organisation": "Länsstyrelsen Skåne",
                "actor_type": "lansstyrelse",
                "date": "2026-10-22",
                "function": "Handläggare, integration",
                "consent": "no_quote",
                "answers": (
                    "Vi samarbetar med regionen i flera sammanhang och ser den som en "
                    "koordinerande och stöttande kraft, särskilt gentemot de mindre "
                    "kommunerna. Regionen har resurser för analys och omvärldsbevakning som "
                    "länsstyrelsen saknar. Vi vill gärna att regionen driver egna "
                    "plattformar där kommunerna kan mötas kring kompetensförsörjning, och "
                    "att vi tillsammans tydliggör vem som gör vad i länet. I dag är det "
                    "inte alltid klart för kommunerna vilken myndighet de ska vända sig "
                    "till."
                ),
                "quotes": [],
            },
            {
                "organisation": "Sydsvenska Industri- och Handelskammaren",
                "actor_type": "naringsliv",
                "date": "2026-11-07",
                "function": "Näringspolitisk rådgivare",
                "consent": "named",
                "answers": (
                    "Näringslivet i Skåne behöver arbetskraft, och vi ser regionen som en "
                    "aktör som kan koppla ihop företagen med de insatser som finns för "
                    "nyanlända. I dag är det svårt för ett företag att få överblick. "
                    "Regionen kan bidra med kompetensutveckling, till exempel korta "
                    "yrkesutbildningar som tas fram tillsammans med branscherna, och med "
                    "att samla aktörerna kring validering av yrkeserfarenhet från andra "
                    "länder."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "gavleborg",
        "state": "submitted",
        "submitted_at": "2026-11-09T11:48:00+01:00",
        "statement": (
            "Region Gävleborg ser sin främsta roll som finansiär och projektutvecklare. "
            "Genom de regionala utvecklingsmedlen och vårt ansvar i strukturfondsarbetet "
            "kan vi medfinansiera insatser som kommuner och organisationer inte kan bära "
            "själva, och vi hjälper till att utveckla idéer till projekt med långsiktig "
            "effekt.\n\n"
            "Vi vill också vara dörröppnare. Regionen har kontakter inom näringsliv, kultur "
            "och föreningsliv som kan öppna vägar för nyanlända till arbete och till ett "
            "aktivt deltagande i samhället.\n\n"
            "Vi ser däremot inte att regionen ska ta över någon annan aktörs uppdrag. Vår "
            "uppgift är att skapa förutsättningar, inte att utföra etableringsinsatser."
        ),
        "self_roles": ["finansiar", "projektutvecklare", "dorroppnare"],
        "interviews": [
            {
                "organisation": "Länsstyrelsen Gävleborg",
                "actor_type": "lansstyrelse",
                "date": "2026-09-25",
                "function": "Enhetschef, samhällsutveckling",
                "consent": "anonymous",
                "answers": (
                    "Vi ser att regionen har två tydliga uppgifter i integrationsarbetet. "
                    "Samordnar arbetet inom regional tillväxt med jobbskapande åtgärder för "
                    "nyanlända samt har ett samordnande ansvar för kulturupplevelser för "
                    "målgruppen. Det senare tycker vi att regionen gör bra, till exempel "
                    "genom samarbetet med Folkteatern och biblioteken. Länsstyrelsen "
                    "ansvarar för samverkan kring etableringen, och vi ser gärna att "
                    "regionen och länsstyrelsen tar fram en gemensam bild av hur ansvaret "
                    "fördelas."
                ),
                "quotes": [
                    (
                        "Samordnar arbetet inom regional tillväxt med jobbskapande åtgärder "
                        "för nyanlända samt har ett samordnande ansvar för "
                        "kulturupplevelser för målgruppen"
                    ),
                ],
            },
            {
                "organisation": "Länsnykterhetsförbundet Gävleborg",
                "actor_type": "civilsamhalle",
                "date": "2026-10-08",
                "function": "Ombudsman",
                "consent": "named",
                "answers": (
                    "Länsnykterhetsförbundet arbetar med föräldrastöd och förebyggande "
                    "insatser på flera språk, och vi har fått stöd från regionen i flera "
                    "år. För oss är regionen framför allt finansiär, och vi hoppas att "
                    "stödet blir mer långsiktigt. Vi skulle också vilja att regionen driver "
                    "ett nätverk för de idéburna organisationer som arbetar med nyanlända, "
                    "så att vi kan samordna oss bättre och undvika att konkurrera om samma "
                    "medel. Regionen kan dessutom bidra med kompetensutveckling inom "
                    "folkhälsa för våra ledare."
                ),
                "quotes": [],
            },
            {
                "organisation": "Gävle kommun",
                "actor_type": "kommun",
                "date": "2026-10-17",
                "function": "Arbetsmarknadsstrateg",
                "consent": "no_quote",
                "answers": (
                    "Vi upplever regionen som samverkande och lätt att nå. Regionen har "
                    "hjälpt oss att utveckla flera projekt inom arbetsmarknad och "
                    "integration, och den stödjer oss med medfinansiering och kontakter. "
                    "Det vi saknar är att regionen tar en mer samordnande roll mellan "
                    "kommunerna i länet, så att vi inte uppfinner samma hjul tio gånger. "
                    "Ett gemensamt forum för kommunernas arbetsmarknadsenheter skulle vara "
                    "ett bra första steg."
                ),
                "quotes": [],
            },
            {
                "organisation": "Högskolan i Gävle",
                "actor_type": "universitet",
                "date": "2026-11-02",
                "function": "Utbildningsledare, kompletterande utbildningar",
                "consent": "anonymous",
                "answers": (
                    "Högskolan i Gävle erbjuder kompletterande utbildningar för lärare och "
                    "sjuksköterskor med utländsk examen. Regionen är en viktig partner, "
                    "både som arbetsgivare och som ansvarig för kompetensförsörjningen i "
                    "länet. Vi ser gärna att regionen tar initiativ till en plattform där "
                    "utbildningsanordnare och arbetsgivare planerar tillsammans, och att "
                    "den bidrar med kompetensutveckling för handledare på arbetsplatserna. "
                    "Det är ofta handledningen som avgör om praktiken leder till en "
                    "anställning."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "halland",
        "state": "submitted",
        "submitted_at": "2026-11-06T15:30:00+01:00",
        "statement": (
            "Region Halland ser sin roll i integrationsarbetet som samordnare och "
            "kunskapsförmedlare. Halland är ett växande län där kommunerna har olika "
            "förutsättningar, och regionen kan samordna arbetet så att erfarenheter tas "
            "tillvara mellan dem.\n\n"
            "Som kunskapsförmedlare vill vi ta fram och sprida fakta om hur nyanlända "
            "etablerar sig i Halland, och lyfta goda exempel från kommuner, föreningar och "
            "arbetsgivare.\n\n"
            "Vi vill även vara innovatör. Inom hälso- och sjukvården prövar vi redan nya "
            "metoder för hälsokommunikation på flera språk, och vi vill ta vara på det "
            "innovationsarbetet även i det bredare integrationsarbetet."
        ),
        "self_roles": ["samordnare", "kunskapsformedlare", "innovator"],
        "interviews": [
            {
                "organisation": "Hallands idrottsförbund",
                "actor_type": "civilsamhalle",
                "date": "2026-09-18",
                "function": "Verksamhetsutvecklare, integration",
                "consent": "named",
                "answers": (
                    "Idrotten är en av de viktigaste mötesplatserna för nyanlända barn och "
                    "unga, och vi vill att fler ska hitta till föreningarna. Regionen har "
                    "varit en viktig finansiär av våra satsningar, till exempel "
                    "prova-på-aktiviteter och utbildning av ledare med utländsk bakgrund. "
                    "Vi ser regionen som den aktör som kan samla idrotten, folkbildningen "
                    "och kommunerna i ett gemensamt nätverk, och vi skulle gärna se att "
                    "regionen driver en sådan plattform. Det skulle göra det lättare för "
                    "föreningarna att samverka med skolor och kommuner."
                ),
                "quotes": [],
            },
            {
                "organisation": "Arbetsförmedlingen Halland",
                "actor_type": "arbetsformedlingen",
                "date": "2026-10-06",
                "function": "Enhetschef",
                "consent": "anonymous",
                "answers": (
                    "Vi har ett gott samarbete med regionen kring kompetensförsörjning och "
                    "upplever regionen som samverkande. Det vi vill se mer av är att "
                    "regionen blir bättre på att synka insatser med andra myndigheter, "
                    "organisationer och aktörer, så att vi kan planera "
                    "utbildningsinsatserna tillsammans. Regionen kan också ta en "
                    "koordinerande och stöttande roll gentemot kommunerna i arbetet med att "
                    "kombinera svenskundervisning och yrkesutbildning."
                ),
                "quotes": [],
            },
            {
                "organisation": "Halmstads kommun",
                "actor_type": "kommun",
                "date": "2026-10-28",
                "function": "Integrationssamordnare",
                "consent": "no_quote",
                "answers": (
                    "Halmstads kommun ser regionen som en viktig partner när det gäller "
                    "hälsa och kompetensförsörjning. Vi tycker att regionen är bra på att "
                    "ta fram fakta och lyfta goda exempel från kommunerna i länet. Däremot "
                    "vore det värdefullt om regionen drev ett eget nätverk för kommunernas "
                    "integrationssamordnare, eftersom vi i dag träffas ganska sällan och då "
                    "mest på eget initiativ. Regionen kan också bidra med finansiering till "
                    "gemensamma utvecklingsinsatser."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "uppsala",
        "state": "submitted",
        "submitted_at": "2026-11-14T13:55:00+01:00",
        "statement": (
            "Region Uppsala vill vara en samordnande och påverkande kraft i länets "
            "integrationsarbete. Vi har ett ansvar för regional utveckling som omfattar "
            "kompetensförsörjning, och integration är en självklar del av det uppdraget.\n\n"
            "Regionen vill samordna de regionala aktörernas insatser, så att de nyanlända "
            "som kommer till länet möter en sammanhållen kedja från etablering till arbete. "
            "Vi vill också öppna dörrar mellan universiteten, arbetsgivarna och kommunerna.\n\n"
            "Som kunskapsförmedlare vill vi dela analyser och goda exempel. Och vi vill "
            "påverka, både nationellt och inom regionen, så att integrationsfrågorna får en "
            "tydligare plats i de regionala strategierna."
        ),
        "self_roles": ["samordnare", "paverkare", "dorroppnare", "kunskapsformedlare"],
        "interviews": [
            {
                "organisation": "Enköpings kommun",
                "actor_type": "kommun",
                "date": "2026-10-01",
                "function": "Utvecklingsledare, arbetsmarknad",
                "consent": "anonymous",
                "answers": (
                    "Vi upplever att samarbetet med regionen har blivit bättre de senaste "
                    "åren, särskilt kring vuxenutbildning och kompetensförsörjning. Tycker "
                    "att rollen kan utvecklas mer och blir än mer tydligare, så att det är "
                    "lätt för en mindre kommun att veta vad regionen kan bidra med. Vi ser "
                    "gärna att regionen tar en koordinerande roll och samlar kommunerna "
                    "kring gemensamma utbildningsinsatser. Regionen kan också stötta oss "
                    "med analyser och med kontakter till arbetsgivare i länet."
                ),
                "quotes": [
                    ("Tycker att rollen kan utvecklas mer och blir än mer tydligare"),
                ],
            },
            {
                "organisation": "Uppsala universitet",
                "actor_type": "universitet",
                "date": "2026-10-09",
                "function": "Samverkansstrateg",
                "consent": "named",
                "answers": (
                    "Uppsala universitet har många forskare och studenter med "
                    "internationell bakgrund, och vi ser regionen som en viktig länk till "
                    "arbetsmarknaden i länet. Regionen kan öppna dörrar för internationella "
                    "akademiker och deras partner, som ofta har svårt att hitta arbete som "
                    "motsvarar deras kompetens. Vi skulle också vilja att regionen "
                    "samordnar insatserna för validering och kompletterande utbildning "
                    "tillsammans med universitetet och Arbetsförmedlingen."
                ),
                "quotes": [],
            },
            {
                "organisation": "Länsstyrelsen i Uppsala län",
                "actor_type": "lansstyrelse",
                "date": "2026-10-23",
                "function": "Handläggare, social hållbarhet",
                "consent": "named",
                "answers": (
                    "Länsstyrelsen ser regionen som en samverkanspartner med ansvar för de "
                    "långsiktiga utvecklingsfrågorna. Vi arbetar tillsammans i flera "
                    "nätverk och upplever samarbetet som konstruktivt. Regionen kan bli "
                    "bättre på att synka insatser med oss och med kommunerna, så att vi "
                    "inte kallar till parallella möten. Vi ser också gärna att regionen "
                    "bidrar med kompetensutveckling för de yrkesgrupper som möter nyanlända "
                    "inom hälso- och sjukvården."
                ),
                "quotes": [],
            },
            {
                "organisation": "Företagarna Uppsala län",
                "actor_type": "naringsliv",
                "date": "2026-11-06",
                "function": "Regionchef",
                "consent": "no_quote",
                "answers": (
                    "Små företag vill gärna anställa nyanlända, men vet ofta inte hur de "
                    "ska gå till väga. Regionen kan koppla ihop företagen med rätt "
                    "kontakter och samla information om stöd och insatser på ett ställe. Vi "
                    "skulle vilja att regionen tar ett större ansvar för "
                    "kompetensförsörjningen i länet och att näringslivet får vara med "
                    "tidigt när insatser planeras, inte bara när de ska genomföras."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "dalarna",
        "state": "submitted",
        "submitted_at": "2026-11-03T10:12:00+01:00",
        "statement": (
            "Region Dalarna ser sig framför allt som dörröppnare. Vi har kontakter med "
            "arbetsgivare, besöksnäring, folkhögskolor och kulturliv i hela länet, och vi "
            "vill använda dem för att öppna dörrar för nyanlända.\n\n"
            "Regionen vill också vara stödjande gentemot kommunerna. Dalarnas kommuner är "
            "olika stora och har olika resurser, och regionen kan stötta dem med processtöd "
            "och vara ett bollplank i deras utvecklingsarbete.\n\n"
            "Till sist vill vi vara lärande. Genom REGLAB vill vi lära av andra regioner "
            "och ta hem det som fungerar. Vi tror att en region som lär sig av andra också "
            "blir en bättre partner för aktörerna i länet."
        ),
        "self_roles": ["dorroppnare", "stodjande", "larande"],
        "interviews": [
            {
                "organisation": "Arbetsförmedlingen Dalarna",
                "actor_type": "arbetsformedlingen",
                "date": "2026-09-15",
                "function": "Verksamhetsutvecklare, etablering",
                "consent": "named",
                "answers": (
                    "Regionen och Arbetsförmedlingen har samverkat länge, och vi ser "
                    "regionen som en viktig part när det gäller kompetensförsörjning och "
                    "utbildning. Kan bidra med omvärldsbevakning och lyfta fram positiva "
                    "exempel och erfarenheter från andra regioner, något som vi själva "
                    "sällan har tid med. Vi skulle också vilja att regionen tar en mer "
                    "koordinerande roll mellan kommunerna, eftersom förutsättningarna "
                    "skiljer sig mycket mellan Falun och Borlänge och de mindre kommunerna "
                    "i norra Dalarna."
                ),
                "quotes": [
                    (
                        "Kan bidra med omvärldsbevakning och lyfta fram positiva exempel "
                        "och erfarenheter från andra regioner"
                    ),
                ],
            },
            {
                "organisation": "Falu kommun",
                "actor_type": "kommun",
                "date": "2026-10-02",
                "function": "Integrationsstrateg",
                "consent": "named",
                "answers": (
                    "Vi ser regionen som en stödjande och samverkande aktör. Regionen har "
                    "varit ett bra bollplank när vi har tagit fram vår integrationsplan, "
                    "och vi uppskattar att den har öppnat dörrar till arbetsgivare i länet. "
                    "Vi skulle vilja att regionen driver ett nätverk för länets kommuner "
                    "där vi kan lära av varandra, och att den bidrar med finansiering till "
                    "gemensamma insatser som ingen enskild kommun klarar själv."
                ),
                "quotes": [],
            },
            {
                "organisation": "Högskolan Dalarna",
                "actor_type": "universitet",
                "date": "2026-10-14",
                "function": "Universitetsadjunkt, svenska som andraspråk",
                "consent": "anonymous",
                "answers": (
                    "Högskolan Dalarna har lång erfarenhet av utbildning i svenska som "
                    "andraspråk, och vi ser regionen som en viktig partner i "
                    "kompetensutvecklingen av lärare och handledare. Vi tror att regionen "
                    "kan ta en större roll i att samordna utbildningsinsatserna i länet, så "
                    "att folkhögskolorna, komvux och högskolan kompletterar varandra i "
                    "stället för att konkurrera om samma deltagare. Regionen skulle också "
                    "kunna samla aktörerna en gång per termin för att följa upp hur det "
                    "går."
                ),
                "quotes": [],
            },
            {
                "organisation": "Studieförbundet Vuxenskolan Dalarna",
                "actor_type": "civilsamhalle",
                "date": "2026-10-28",
                "function": "Verksamhetsutvecklare",
                "consent": "no_quote",
                "answers": (
                    "Studieförbunden når många nyanlända genom språkcaféer och "
                    "studiecirklar, och vi ser regionen som en viktig finansiär av "
                    "folkbildningen i länet. Vi skulle vilja att regionen tar initiativ "
                    "till en mötesplats där folkbildningen, kommunerna och föreningslivet "
                    "kan planera tillsammans. Regionen har också ett ansvar för att "
                    "insatserna når hela länet, inte bara de större orterna längs Dalälven. "
                    "Många av våra cirkelledare är själva nyanlända, och de behöver både "
                    "stöd och utbildning."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "gotland",
        "state": "draft",
        "submitted_at": None,
        "statement": (
            "Region Gotland har ett särskilt utgångsläge eftersom vi är både region och "
            "kommun. Vi ansvarar alltså själva för mottagandet av nyanlända och samtidigt "
            "för den regionala utvecklingen. Vår roll blir därför att samordna"
        ),
        "self_roles": ["samordnare"],
        "interviews": [
            {
                "organisation": "Länsstyrelsen i Gotlands län",
                "actor_type": "lansstyrelse",
                "date": "2026-11-10",
                "function": "Handläggare, integration",
                "consent": "anonymous",
                "answers": (
                    "Gotland är speciellt eftersom regionen också är kommun, och därför "
                    "blir gränsen mellan det kommunala och det regionala uppdraget otydlig "
                    "för många. Vi ser regionen som en samverkanspartner med stort ansvar "
                    "för både mottagande och utveckling. Det vi önskar är att regionen "
                    "tydligare beskriver vilka insatser som hör till etableringen och vilka "
                    "som hör till det långsiktiga tillväxtarbetet, så att vi vet var "
                    "länsstyrelsen gör mest nytta."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "kalmar",
        "state": "draft",
        "submitted_at": None,
        "statement": "",
        "self_roles": [],
        "interviews": [
            {
                "organisation": "Kalmar kommun",
                "actor_type": "kommun",
                "date": "2026-10-20",
                "function": "Integrationssamordnare",
                "consent": "named",
                "answers": (
                    "Vi ser regionen som en viktig samverkanspartner, särskilt när det "
                    "gäller hälsa och kollektivtrafik. I integrationsfrågorna i övrigt är "
                    "regionens roll mindre synlig för oss. Vi skulle gärna se att regionen "
                    "samlar kommunerna i länet kring gemensamma frågor som vuxenutbildning "
                    "och validering, och att den bidrar med analyser av hur arbetsmarknaden "
                    "utvecklas i olika delar av länet. För en kommun av vår storlek är "
                    "sådana underlag svåra att ta fram på egen hand."
                ),
                "quotes": [],
            },
            {
                "organisation": "Linnéuniversitetet",
                "actor_type": "universitet",
                "date": "2026-11-12",
                "function": "Universitetslektor i pedagogik",
                "consent": "no_quote",
                "answers": (
                    "Linnéuniversitetet samarbetar med regionen i flera utvecklingsprojekt, "
                    "och vi ser regionen som en aktör som kan koppla ihop forskning och "
                    "praktik. Regionen kan bidra med kompetensutveckling för personal i "
                    "kommunerna och med att finansiera uppföljning av de insatser som görs "
                    "för nyanlända. Vi skulle också vilja se en mer långsiktig plan, så att "
                    "kunskapen från projekten inte försvinner när finansieringen tar slut."
                ),
                "quotes": [],
            },
        ],
    },
    {
        "region": "norrbotten",
        "state": "draft",
        "submitted_at": None,
        "statement": (
            "Region Norrbotten vill ta en samordnande roll i integrationsarbetet, med fokus "
            "på kompetensförsörjningen till de stora industrisatsningarna i länet. Vi "
            "behöver"
        ),
        "self_roles": ["samordnare", "kompetensutvecklare"],
        "interviews": [],
    },
    {
        "region": "varmland",
        "state": "draft",
        "submitted_at": None,
        "statement": (
            "Region Värmland vill vara en stödjande aktör för kommunerna i "
            "integrationsarbetet och en dörröppnare mot arbetsgivarna i länet.\n\n"
            "Utkast: lägg till något om kultur och folkbildning efter intervjun med "
            "Karlstads kommun."
        ),
        "self_roles": ["stodjande", "dorroppnare"],
        "interviews": [
            {
                "organisation": "Karlstads kommun",
                "actor_type": "kommun",
                "date": "2026-11-13",
                "function": "Enhetschef, integration",
                "consent": "anonymous",
                "answers": (
                    "Vi har ett gott samarbete med regionen och ser den som en samverkande "
                    "och stödjande aktör. Regionen har bra kontakter med arbetsgivarna, och "
                    "vi skulle gärna se att de kontakterna används mer för att öppna vägar "
                    "till arbete för nyanlända. Regionen kan också ta ett större ansvar för "
                    "kultur och folkbildning som mötesplatser, där Värmland har en stark "
                    "tradition att bygga vidare på."
                ),
                "quotes": [],
            },
        ],
    },
]


# ---------------------------------------------------------------------------
# What the seed deck says, used by check() (and handy for tests of the synthesis).
# ---------------------------------------------------------------------------

#: "Inkomna beskrivningar": the twelve regions that handed in.
DECK_REGIONS = [
    "orebro",
    "blekinge",
    "ostergotland",
    "vgr",
    "vasterbotten",
    "jonkoping",
    "jamtland-harjedalen",
    "skane",
    "gavleborg",
    "halland",
    "uppsala",
    "dalarna",
]

#: "Regionernas syn på rollen": each deck word, its role slug and a stem that
#: must occur in the submitted statements.
DECK_ROLE_WORDS = [
    ("Lobbyist", "paverkare", "lobbyist"),
    ("Omvärldsbevakare", "omvarldsbevakare", "omvärldsbevak"),
    ("Innovatör", "innovator", "innovat"),
    ("Kunskapsförmedlare", "kunskapsformedlare", "kunskapsförmedl"),
    ("Regionalisera", "regionaliserare", "regionalisera"),
    ("Projektutvecklare", "projektutvecklare", "projektutveckl"),
    ("Lärande", "larande", "lärande"),
    ("Förebild", "forebild", "förebild"),
    ("Stödjande", "stodjande", "stödjande"),
    ("Koordinerande", "samordnare", "koordinera"),
    ("Samordnare", "samordnare", "samordn"),
    ("Dörröppnare", "dorroppnare", "dörröppnare"),
    ("Visionär", "visionar", "visionär"),
    ("Finansiär", "finansiar", "finansiär"),
    ("Påverkande", "paverkare", "påverka"),
]

#: The deck's quote slides: per actor type, one list of quotes per interview.
DECK_QUOTE_GROUPS = {
    "arbetsformedlingen": [  # "Tre Arbetsförmedlingar"
        [
            "Vi tycker att den viktigaste uppgiften för regionen blir att aktivt driva "
            "utvecklingen i regionen så att förutsättningar skapas för nyanlända att ta del "
            "av reguljär utbildning"
        ],
        [
            "Regionen bör tydliggöra sitt uppdrag",
            "Lyfta goda exempel, t.ex. från andra regioner",
            "Behöver en vision för sitt uppdrag",
        ],
        [
            "Kan bidra med omvärldsbevakning och lyfta fram positiva exempel och "
            "erfarenheter från andra regioner"
        ],
    ],
    "lansstyrelse": [  # "Tre Länsstyrelser"
        [
            "Ni har ingen roll/uppdrag (positivt) men projektpartner med ett tillväxtperspektiv",
            "Regionens roll är att ha ett långsiktigt perspektiv och bevaka att länets "
            "integrationsarbete går i linje med andra regionala strategiska styrdokument "
            "som t.ex. RUS:en",
        ],
        [
            "Samordnar arbetet med kompetensförsörjning i regionen, stödjer och engagerar "
            "andra aktörer"
        ],
        [
            "Samordnar arbetet inom regional tillväxt med jobbskapande åtgärder för "
            "nyanlända samt har ett samordnande ansvar för kulturupplevelser för målgruppen"
        ],
    ],
    "kommun": [  # "Tre kommuner"
        [
            "Den är oklar. Vad är skillnaden mellan Länsstyrelsen och regionens roll? "
            "Kan bli tydligare"
        ],
        ["Tycker att rollen kan utvecklas mer och blir än mer tydligare"],
        [
            "Leda utvecklingsarbetet i länet gällande integration utifrån RUS genom att "
            "presentera fakta och i olika forum och nätverk ställa frågan vilken roll de har "
            "och hur det tänker arbeta med integration",
            "vara processledare, sakkunnig och bollplank",
        ],
    ],
}

#: Actors the deck names under "Andra aktörers syn på regionerna" that are not actor
#: types of their own: (organisation name fragment, actor type, region or None).
DECK_NAMED_ACTORS = [
    ("Hallands idrottsförbund", "civilsamhalle", "halland"),
    ("Lunds universitet", "universitet", "skane"),
    ("Länsbiblioteket Västerbotten", "bibliotek", "vasterbotten"),
    ("Länsnykterhetsförbundet", "civilsamhalle", None),
    ("Riksteatern", ("annan", "civilsamhalle"), None),
]

_REGION_SLUGS = {slug for slug, _name in REGIONS}
_ACTOR_TYPES = {
    "arbetsformedlingen",
    "kommun",
    "lansstyrelse",
    "universitet",
    "bibliotek",
    "civilsamhalle",
    "naringsliv",
    "annan",
}
_ROLE_SLUGS = {
    "samordnare",
    "samverkanspartner",
    "paverkare",
    "omvarldsbevakare",
    "innovator",
    "kunskapsformedlare",
    "projektutvecklare",
    "larande",
    "forebild",
    "stodjande",
    "dorroppnare",
    "visionar",
    "finansiar",
    "regionaliserare",
    "natverksledare",
    "kompetensutvecklare",
    "processledare",
}
#: Stems that show a role in a region's own statement (for the self-check only; the
#: portal's taxonomy has the real cue words).
_SELF_ROLE_STEMS = {
    "samordnare": ("samordn", "koordiner"),
    "paverkare": ("påverka", "lobby", "röst"),
    "omvarldsbevakare": ("omvärldsbevak", "trender"),
    "innovator": ("innovat", "nya metoder"),
    "kunskapsformedlare": ("kunskapsförmedl", "sprida kunskap", "goda exempel"),
    "projektutvecklare": ("projektutveckl",),
    "larande": ("lärande", "lära av"),
    "forebild": ("förebild", "gå före"),
    "stodjande": ("stödj", "stötta", "processtöd"),
    "dorroppnare": ("dörröppnare", "öppna dörrar"),
    "visionar": ("visionär", "målbild"),
    "finansiar": ("finansiär", "finansiera"),
    "regionaliserare": ("regionalisera",),
    "kompetensutvecklare": ("kompetensförsörjning", "kompetensutveckl"),
}
_CONSENTS = {"named", "anonymous", "no_quote"}
_STATES = {"submitted", "draft"}
_OPEN = "2026-11-01T00:00:00+01:00"
_INTERVIEW_FIRST, _INTERVIEW_LAST = date(2026, 9, 1), date(2026, 11, 15)


def _words(text: str) -> int:
    return len(text.split())


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def check() -> list[str]:
    """Return the problems in the demo data (an empty list when it is consistent)."""
    problems: list[str] = []
    deadline = datetime.fromisoformat(DEADLINE)
    opened = datetime.fromisoformat(_OPEN)

    for text in _strings([ASSIGNMENT, SUBMISSIONS]):
        if unicodedata.normalize("NFC", text) != text:
            problems.append(f"not NFC: {text[:40]!r}")
    if ASSIGNMENT["min_interviews"] != 3:
        problems.append("the deck asks for at least three interviews")

    regions = [s["region"] for s in SUBMISSIONS]
    if len(regions) != len(set(regions)):
        problems.append("a region has more than one submission")
    submitted = [s for s in SUBMISSIONS if s["state"] == "submitted"]
    if sorted(s["region"] for s in submitted) != sorted(DECK_REGIONS):
        problems.append("the submitted regions are not the deck's twelve")
    late = [
        s["region"]
        for s in submitted
        if s["submitted_at"] and datetime.fromisoformat(s["submitted_at"]) > deadline
    ]
    if len(late) != 2:
        problems.append(f"expected two late regions, got {late}")

    quoted: dict[str, list[tuple[str, list[str]]]] = {}
    for sub in SUBMISSIONS:
        region = sub["region"]
        where = f"{region}:"
        if region not in _REGION_SLUGS:
            problems.append(f"{where} unknown region slug")
        if sub["state"] not in _STATES:
            problems.append(f"{where} unknown state {sub['state']!r}")
        for role in sub["self_roles"]:
            if role not in _ROLE_SLUGS:
                problems.append(f"{where} unknown role slug {role!r}")
            elif sub["statement"] and not any(
                stem in sub["statement"].lower() for stem in _SELF_ROLE_STEMS.get(role, ())
            ):
                problems.append(f"{where} the statement does not express {role!r}")
        when = sub["submitted_at"]
        if sub["state"] == "draft":
            if when is not None:
                problems.append(f"{where} a draft has submitted_at")
            if len(sub["interviews"]) > 2:
                problems.append(f"{where} a draft has more than two interviews")
        else:
            if when is None:
                problems.append(f"{where} submitted without submitted_at")
            elif region not in late and not opened <= datetime.fromisoformat(when) <= deadline:
                problems.append(f"{where} submitted_at {when} outside 1–20 November")
            if not 3 <= len(sub["interviews"]) <= 4:
                problems.append(f"{where} {len(sub['interviews'])} interviews, not 3–4")
            if not 80 <= _words(sub["statement"]) <= 200:
                problems.append(f"{where} statement has {_words(sub['statement'])} words")
        for number, interview in enumerate(sub["interviews"], start=1):
            at = f"{where} interview {number} ({interview['organisation']}):"
            if interview["actor_type"] not in _ACTOR_TYPES:
                problems.append(f"{at} unknown actor type {interview['actor_type']!r}")
            if interview["consent"] not in _CONSENTS:
                problems.append(f"{at} unknown consent {interview['consent']!r}")
            held = date.fromisoformat(interview["date"])
            if not _INTERVIEW_FIRST <= held <= _INTERVIEW_LAST:
                problems.append(f"{at} date {held} outside 1 September–15 November")
            if when and held > datetime.fromisoformat(when).date():
                problems.append(f"{at} held after the submission")
            if not interview["function"]:
                problems.append(f"{at} no function")
            if not 60 <= _words(interview["answers"]) <= 200:
                problems.append(f"{at} answers have {_words(interview['answers'])} words")
            for quote in interview["quotes"]:
                if quote not in interview["answers"]:
                    problems.append(f"{at} quote is not in the answers: {quote[:40]!r}")
            if interview["quotes"]:
                if interview["consent"] == "no_quote":
                    problems.append(f"{at} quotes picked although consent is no_quote")
                if sub["state"] != "submitted":
                    problems.append(f"{at} a draft has picked quotes")
                quoted.setdefault(interview["actor_type"], []).append(
                    (region, interview["quotes"])
                )

    for actor_type, groups in DECK_QUOTE_GROUPS.items():
        found = quoted.pop(actor_type, [])
        if sorted(quotes for _, quotes in found) != sorted(groups):
            problems.append(f"the {actor_type} quotes differ from the deck")
        if len({region for region, _ in found}) != len(groups):
            problems.append(f"the {actor_type} quotes are not from {len(groups)} regions")
    for actor_type in quoted:
        problems.append(f"quotes picked from {actor_type}, which the deck does not quote")

    counts = {role: 0 for role in _ROLE_SLUGS}
    for sub in submitted:
        for role in set(sub["self_roles"]) & _ROLE_SLUGS:
            counts[role] += 1
    statements = " ".join(s["statement"] for s in submitted).lower()
    for word, role, stem in DECK_ROLE_WORDS:
        if not counts[role]:
            problems.append(f"no submitted region claims {role!r} ({word})")
        if stem not in statements:
            problems.append(f"the deck word {word!r} is missing from the statements")
    ranking = ["samordnare", "dorroppnare", "kunskapsformedlare", "paverkare"]
    ranked = [counts[role] for role in ranking]
    rest = max(n for role, n in counts.items() if role not in ranking)
    if ranked != sorted(ranked, reverse=True) or len(set(ranked)) != 4 or ranked[-1] <= rest:
        problems.append(
            f"self-view ranking is off: {dict(zip(ranking, ranked, strict=True))}, rest {rest}"
        )
    if counts["samordnare"] * 2 <= len(submitted):
        problems.append("samordnare is not claimed by most regions")

    interviews = [(s["region"], i) for s in SUBMISSIONS for i in s["interviews"]]
    for name, actor_type, region in DECK_NAMED_ACTORS:
        types = actor_type if isinstance(actor_type, tuple) else (actor_type,)
        if not any(
            name in i["organisation"] and i["actor_type"] in types and region in (None, r)
            for r, i in interviews
        ):
            problems.append(f"the deck's actor {name!r} is not interviewed")
    return problems


if __name__ == "__main__":
    found = check()
    print("\n".join(found) if found else "ok")
