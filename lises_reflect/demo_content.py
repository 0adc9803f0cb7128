"""Fictional demo content for Lån et øre: organisations, names and conversation cases.

Everything in this module is invented and written for demonstration, tests and benchmarks.
The jobcentres, teams, caseworker names and conversations do not exist; no transcript comes
from a real conversation, and no text refers to a real citizen. There is deliberately no
personal data here: no CPR numbers, phone numbers, e-mail addresses, addresses or citizen
names (the citizen is "borgeren" throughout).

The cases are written to ring true to Danish jobcentre practice (kontanthjælp, virksomheds-
praktik, ressourceforløb, rehabiliteringsteam, fleksjob ...) and to show the three things the
Lån et øre lenses look for in talk: gribning (is what the citizen hesitantly says caught, passed
over or overtaken?), institutional talk turns, and who voices a concrete labour-market
perspective. Observations describe the talk; they never grade the caseworker.

Transcript conventions in the excerpts: "R:"/"SB:" is the caseworker (rådgiver/sagsbehandler),
"B:" the citizen; (.) a short pause, (1.5) a timed pause in seconds, [ overlapping talk,
= latched talk, ((...)) the transcriber's comment, [00:04:12] a timestamp. A line without a
label continues the turn above it.

`compose_case` varies the hand-written cases for bulk generation, so that thousands of demo
sessions are not all identical; it only recombines the texts below and never adds new data.
"""

from __future__ import annotations

import copy
import random

__all__ = [
    "CASES",
    "FIRST_NAMES",
    "LAST_NAMES",
    "LEARNING_POINTS",
    "ORGANISATIONS",
    "SMALL_TEAM",
    "UNFINISHED_CASE_PHASES",
    "compose_case",
    "free_texts",
]

# Allowed ids, mirroring prompts/options.yaml and prompts/lenses/ (used by the checks in tests).
_KINDS = ("first_meeting", "follow_up", "internship_follow_up", "rehab_preparation", "other")
_SITUATIONS = (
    "activity_ready",
    "job_ready",
    "resource_programme",
    "physical_health",
    "mental_health",
    "substance_use",
    "housing_or_finances",
    "family_situation",
    "language",
    "long_term_unemployment",
)
_LENSES = (
    "gribning",
    "institutional_turns",
    "labour_market_perspective",
    "three_tasks",
    "moral_dimensions",
)
SMALL_TEAM = "Ungeindsatsen (lille team)"

_LEARNING_CATEGORIES = ("frames_demands", "practice_pattern", "dilemma", "research_question")


# ---------------------------------------------------------------------------------------------
# Organisations and names (fictional)
# ---------------------------------------------------------------------------------------------

ORGANISATIONS: list[dict] = [
    {
        "name": "Jobcenter Åby (demo)",
        "teams": ["Team Kontanthjælp", "Team Ressourceforløb", "Team Unge"],
    },
    {
        "name": "Jobcenter Fjordby (demo)",
        "teams": ["Team Aktivitetsparat", "Team Sundhed og Rehabilitering", "Team Jobparat"],
    },
]

FIRST_NAMES: list[str] = [
    "Anne",
    "Mette",
    "Louise",
    "Camilla",
    "Pernille",
    "Helle",
    "Susanne",
    "Tina",
    "Line",
    "Ida",
    "Karina",
    "Birgitte",
    "Lone",
    "Rikke",
    "Signe",
    "Julie",
    "Charlotte",
    "Sara",
    "Amira",
    "Lars",
    "Jens",
    "Peter",
    "Michael",
    "Søren",
    "Thomas",
    "Morten",
    "Anders",
    "Rasmus",
    "Kasper",
    "Jesper",
    "Martin",
    "Niels",
    "Emil",
    "Ali",
]

LAST_NAMES: list[str] = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Jakobsen",
    "Mikkelsen",
    "Frederiksen",
    "Laursen",
    "Lund",
    "Holm",
    "Schmidt",
    "Eriksen",
    "Bach",
    "Dahl",
    "Kjær",
    "Vestergaard",
]

# Phases (1..8) at which some demo sessions are left unfinished: a session that has only its
# excerpt, one waiting for the round of observations, one in the middle of reflections, and so on.
UNFINISHED_CASE_PHASES: list[int] = [1, 3, 4, 5, 7]


def _excerpt(*lines: str) -> str:
    """Join transcript lines; a line starting with spaces continues the turn above it."""
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------

CASES: list[dict] = [
    # 1 ----------------------------------------------------------------------------------------
    {
        "title": "Opfølgning i virksomhedspraktik – lager",
        "conversation_kind": "internship_follow_up",
        "situation": ["activity_ready", "physical_health"],
        "lenses": ["gribning", "institutional_turns", "labour_market_perspective"],
        "excerpt": _excerpt(
            "[00:04:12] R: Nå, men (.) hvordan går det så derude på lageret?",
            "B: Jamen det går (.) det går meget godt egentlig. Jeg er lidt øm i ryggen om aftenen.",
            "R: Ja. Det kan jeg godt forstå, det er jo fysisk arbejde.",
            "B: Mm. (1.2) Men øh (.) i fredags fik jeg lov til at køre truck sammen med formanden."
            " (2.0) Det var faktisk (.) det var fedt.",
            "R: Okay. (.) Men så skal vi lige have styr på dine timesedler, for jeg har kun fået"
            " dem for de første to uger.",
            "B: Nå ja. Dem har jeg ikke fået afleveret.",
            "R: Nej, og det er vigtigt, fordi ellers kan vi ikke dokumentere, at du er i praktikken,",
            "    og så kan det få betydning for din ydelse.",
            "B: Ja ja.",
            "R: Og så har vi jo aftalt 13 uger, og du er i uge fem nu=",
            "B: =Uge seks.",
            "R: Uge seks, ja. (.) Så den slutter (.) ja, den 12. marts.",
            "B: Mm.",
            "R: Og vi skal også snakke om, om vi skal sætte timerne op. Du er på 15 timer om ugen nu.",
            "B: Jeg ved ikke (.) altså ryggen (.)",
            "R: Nej. Så skriver vi, at vi kigger på det ved næste opfølgning.",
            "[00:08:31] B: Hvis man (.) altså hvis man havde et truckcertifikat, så kunne man måske"
            " (1.5) nej, det er bare noget, jeg har tænkt på.",
            "R: Ja, det er da en god idé. Det kan vi godt snakke om. (.) Men nu skal vi lige først"
            " have praktikken til at køre, ikke?",
            "B: Jo.",
            "R: Og så ringer jeg til virksomheden i næste uge og hører, hvordan de synes, det går.",
            "B: [Okay.",
            "R: [Og så laver vi en ny aftale. Passer det dig med en tirsdag?",
        ),
        "context_wish": (
            "Jeg vil gerne låne jeres ører til, hvordan jeg følger op på praktikken. Jeg synes"
            " selv, samtalerne med ham bliver lidt tjekliste-agtige, og jeg kan ikke helt sætte"
            " fingeren på hvorfor."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 4 fortæller borgeren, med pauser, at det var 'fedt' at køre truck i"
                    " fredags. I tur 5 går du videre til timesedlerne."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "Tur 5, 7, 9, 11 og 13 handler om timesedler, dokumentation, de 13 uger,"
                    " slutdatoen og timetallet. Borgerens svar ind imellem er korte: 'Ja ja',"
                    " 'Mm'. I tur 10 retter han dog ugetallet."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 16 vender borgeren selv tilbage til trucken og nævner et"
                    " truckcertifikat, og han trækker det lidt tilbage i samme tur ('det er bare"
                    " noget, jeg har tænkt på'). I tur 17 siger du, at det er en god idé, og at I"
                    " kan snakke om det, efter praktikken er kommet til at køre."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "Det konkrete arbejdsmarkedsperspektiv i udskriften – at køre truck og et"
                    " certifikat – kommer fra borgeren (tur 4 og 16). Timetallet og slutdatoen"
                    " kommer fra dig (tur 9, 11 og 13)."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "I tur 14 begynder borgeren at sige noget om ryggen og stopper midt i"
                    " sætningen. I tur 15 bliver det til et notat om at kigge på timerne ved"
                    " næste opfølgning."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, hvad der var sket, hvis du i tur 5 havde spurgt:"
            " 'Hvad var det, der var fedt?'",
            "Man kunne forestille sig, at trucken og ryggen hænger sammen for borgeren – at"
            " det at køre truck er en måde at blive på et lager uden at løfte så meget.",
            "Måske kunne timesedlerne have ventet til sidst i samtalen – eller måske var det"
            " netop vigtigt at få dem af vejen først. Det ved du bedre end os.",
        ],
        "struck": (
            "At han faktisk sagde det om trucken to gange, og at jeg ikke hørte det første gang."
            " Jeg troede, jeg havde styr på, hvad han tænkte om praktikken."
        ),
        "takeaway": (
            "Når jeg åbner med 'hvordan går det', vil jeg prøve at blive ved svaret lidt længere,"
            " før jeg tager mine egne punkter."
        ),
        "learning_points": [
            {
                "text": (
                    "Timesedler og dokumentation af fremmøde kommer først i opfølgningen, fordi"
                    " ydelsen afhænger af dem. Det skubber borgerens egne fortællinger fra"
                    " praktikken til sidst – eller helt ud."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Vi siger 'det kan vi godt snakke om' og vender ikke tilbage til det i samme"
                    " samtale."
                ),
                "category": "practice_pattern",
                "share": True,
            },
            {
                "text": (
                    "Hvor ofte er det borgeren selv, der bringer et konkret job eller en konkret"
                    " opgave ind i opfølgningen på en praktik?"
                ),
                "category": "research_question",
                "share": False,
            },
        ],
    },
    # 2 ----------------------------------------------------------------------------------------
    {
        "title": "Første samtale – kontanthjælp efter sygedagpenge",
        "conversation_kind": "first_meeting",
        "situation": ["mental_health", "housing_or_finances"],
        "lenses": ["gribning", "three_tasks"],
        "excerpt": _excerpt(
            "SB: Velkommen. Jeg er din rådgiver her i jobcentret, og (.) i dag skal vi egentlig"
            " bare lære hinanden lidt at kende.",
            "B: Ja.",
            "SB: Jeg kan se, at dine sygedagpenge er stoppet, og at du er gået over på kontanthjælp.",
            "B: Ja, det (.) det kom lidt bag på mig, faktisk.",
            "SB: Ja, det er der mange, der siger. (.) Jeg skal i dag vurdere, om du er jobparat"
            " eller aktivitetsparat, så jeg kommer til at stille dig en del spørgsmål.",
            "    Det er ikke for at hænge dig op på noget, det er for at finde ud af, hvad der skal til.",
            "B: Okay.",
            "SB: Hvordan har du det i dag?",
            "B: (2.5) Bedre end i efteråret. Men jeg sover stadig dårligt. (1.0) Og så er der det"
            " med huslejen.",
            "SB: Huslejen?",
            "B: Ja, altså (.) med kontanthjælpen kan jeg ikke (.) jeg har regnet på det, og det"
            " går ikke op. Jeg har ikke sagt det til nogen.",
            "SB: Det er godt, du siger det. Det skal vi tage alvorligt. (.) Har du snakket med"
            " ydelseskontoret?",
            "B: Nej, jeg vidste ikke (.)",
            "SB: Så gør vi det sådan, at jeg skriver til dem i dag, og så kan du også få en tid"
            " hos vores gældsrådgiver, hvis du har lyst. [Det er gratis.",
            "B: [Ja tak. (.) Det vil jeg gerne.",
            "SB: Okay. (1.0) Og når du sover dårligt, er du så i kontakt med din egen læge om det?",
            "B: Ja, jeg har fået nogle piller. Men jeg vil egentlig gerne tilbage og arbejde (.)"
            " bare ikke i en butik igen. Det var der, det hele (.) ja.",
            "SB: Nej. (2.0) Hvad er det ved butikken?",
            "B: Det er kunderne. Og kassen. Jeg kan ikke have det, når der står en kø.",
            "SB: Det giver god mening. Så skal vi finde noget, hvor der ikke er kø. ((griner))",
            "B: ((griner)) Ja.",
            "SB: Jeg skriver i Min Plan, at det er noget, vi arbejder videre med. Og så vil jeg"
            " gerne bede om lov til at indhente helbredsoplysninger fra din læge. Det kræver dit"
            " samtykke.",
            "B: Ja, det er fint.",
        ),
        "context_wish": (
            "Det er en første samtale, og jeg vil gerne høre, om I synes, der er plads til hende"
            " i den. Jeg skal nå så meget i de første samtaler."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 8 nævner borgeren efter en lang pause huslejen, til sidst i en"
                    " sætning om søvn. I tur 9 spørger du tilbage med ét ord: 'Huslejen?', og i"
                    " tur 10 uddyber hun og siger, at hun ikke har sagt det til nogen."
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "I tur 5 fortæller du, at du skal vurdere jobparat eller aktivitetsparat, og"
                    " forklarer, hvorfor du stiller mange spørgsmål. Tur 11 og 13 handler om at"
                    " støtte med økonomien, tur 15 om at vurdere helbredet."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 16 siger borgeren 'bare ikke i en butik igen' og stopper midt i"
                    " sætningen. I tur 17 spørger du, efter en pause: 'Hvad er det ved"
                    " butikken?'"
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "I tur 21 kommer Min Plan og samtykket til helbredsoplysninger lige efter,"
                    " at I har grinet sammen i tur 19 og 20."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, at 'bare ikke i en butik' også kunne åbne for, hvad hun"
            " så gerne vil – måske var det næste spørgsmål, og udskriften slutter bare her.",
            "Man kunne forestille sig, at det, at hun 'ikke har sagt det til nogen', betyder"
            " noget for, hvordan hun oplever resten af samtalen.",
            "Jeg undrer mig over, om samtykket til lægen kunne fortælles som noget, der hænger"
            " sammen med 'noget uden kø' – altså hvorfor vi spørger lægen.",
        ],
        "struck": (
            "Jeg havde ikke lagt mærke til, at jeg spurgte så kort i tur 9. Jeg troede, jeg havde"
            " sagt meget mere. Det var det korte spørgsmål, der fik hende til at fortælle."
        ),
        "takeaway": (
            "Korte spørgsmål tilbage på borgerens eget ord. Og at jeg måske skal sige højt,"
            " hvorfor jeg beder om samtykke."
        ),
        "learning_points": [
            {
                "text": (
                    "Visitationen til jobparat eller aktivitetsparat skal ske i den første"
                    " samtale. Det giver mange spørgsmål på kort tid, og det er svært at give"
                    " plads til det, borgeren selv kommer med."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "At gentage borgerens eget ord som et spørgsmål ('Huslejen?') åbner mere,"
                    " end vi troede."
                ),
                "category": "practice_pattern",
                "share": True,
            },
        ],
    },
    # 3 ----------------------------------------------------------------------------------------
    {
        "title": "Forberedelse til rehabiliteringsteamet – ryg og skuldre",
        "conversation_kind": "rehab_preparation",
        "situation": ["physical_health", "long_term_unemployment"],
        "lenses": ["institutional_turns", "moral_dimensions", "gribning"],
        "excerpt": _excerpt(
            "[00:12:40] R: Så det, vi skal i gang med nu, er at forberede din sag til"
            " rehabiliteringsteamet.",
            "B: Ja. Det har du sagt.",
            "R: Ja. (.) Og det betyder, at du skal udfylde den forberedende del af"
            " rehabiliteringsplanen. Den får du med hjem, og så skal den være tilbage hos mig"
            " senest den 4. april.",
            "B: Okay. (1.5) Er det det der med, at man skal (.) er det pension?",
            "R: Nej, altså (.) rehabiliteringsteamet kan anbefale mange ting. Det kan være et"
            " ressourceforløb, det kan være fleksjob, og ja, det kan også være førtidspension."
            " Men det er ikke mig, der bestemmer det,",
            "    og det er ikke noget, der er besluttet på forhånd.",
            "B: Nej.",
            "R: Jeg skal også have en statusattest fra din egen læge, så den beder jeg om i dag.",
            "B: Han har jo (.) han har jo skrevet så mange papirer.",
            "R: Ja, det ved jeg godt. Men teamet skal have en opdateret beskrivelse af dit"
            " helbred. Den må ikke være mere end tre måneder gammel.",
            "B: (2.0) Jeg (.) jeg vil bare gerne lave noget med hænderne igen. Ikke bare sidde"
            " derhjemme.",
            "R: Ja. (.) Det kan du skrive i planen, der er et felt til, hvad du selv ønsker.",
            "B: Mm.",
            "R: Og så skulle du jo have været til fysioterapeut. Har du fået det gjort?",
            "B: Jeg har været der to gange. Det hjalp ikke rigtig.",
            "R: Okay. Så skal jeg bruge en kopi af det, de har skrevet.",
            "B: Hvad nu, hvis jeg ikke kan (.) hvis der ikke er noget, jeg kan?",
            "R: (1.5) Det er derfor, vi gør det her grundigt. Så teamet får et rigtigt billede af dig.",
            "B: Ja.",
            "R: Og du må gerne tage nogen med til mødet. Det er den 2. maj klokken 10.",
            "B: Det er okay. Jeg kommer alene.",
        ),
        "context_wish": (
            "Jeg har mange af de her forberedende samtaler, og de føles tunge, både for mig og for"
            " borgerne. Jeg vil gerne høre, hvad I lægger mærke til."
        ),
        "observations": [
            {
                "lens": "institutional_turns",
                "text": (
                    "Tur 3, 5, 7, 9, 13 og 15 handler om planen, fristen den 4. april,"
                    " statusattesten og kopien fra fysioterapeuten. Borgerens ture ind imellem"
                    " er korte: 'Ja', 'Nej', 'Mm'."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 10 siger borgeren, efter en pause på to sekunder, at han gerne vil"
                    " lave noget med hænderne igen. I tur 11 henviser du til feltet i planen, og"
                    " i tur 13 går du videre til fysioterapeuten."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 4 spørger borgeren, om det er pension, og i tur 16 spørger han, hvad"
                    " der sker, hvis der ikke er noget, han kan. Begge gange svarer du med,"
                    " hvordan processen foregår, og at den skal være grundig."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 5 siger du, at det ikke er dig, der bestemmer, og at intet er besluttet"
                    " på forhånd. Svaret handler både om at være ærlig om processen og om at"
                    " berolige."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "I tur 19 tilbyder du, at han kan tage nogen med til mødet, og i samme tur"
                    " kommer dato og klokkeslæt. I tur 20 svarer han: 'Jeg kommer alene.'"
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, om 'noget med hænderne' kunne blive til et spørgsmål:"
            " Hvad har du lavet med hænderne før? Hvad savner du?",
            "Man kunne forestille sig, at rækkefølgen ikke er tilfældig: han spørger om pension,"
            " før han har fået noget at vide om resten. Måske er det dét, der fylder mest for"
            " ham i hele samtalen.",
            "Jeg undrer mig over, hvad 'Jeg kommer alene' betyder – om det er et valg, eller en"
            " besked om, at der ikke er nogen.",
        ],
        "struck": (
            "At han to gange spurgte, om der var noget, han kunne. Og at jeg begge gange svarede"
            " med, hvad teamet skal bruge. Det er rigtigt nok, men det var ikke hans spørgsmål."
        ),
        "takeaway": (
            "Jeg vil prøve at lade forberedelsen til teamet starte med det, borgeren selv gerne"
            " vil – og tage papirerne bagefter."
        ),
        "learning_points": [
            {
                "text": (
                    "Frister og dokumentkrav til rehabiliteringsteamet (statusattest, den"
                    " forberedende del, kopier fra behandlere) kan fylde en hel samtale."
                    " Borgerens eget ønske bliver til 'et felt i planen'."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Vi skal være ærlige om, at førtidspension er en mulighed, uden at borgeren"
                    " går hjem og tror, at det er dét, vi sigter efter."
                ),
                "category": "dilemma",
                "share": True,
            },
            {
                "text": (
                    "Hvordan bliver borgerens egne ønsker brugt på selve mødet i"
                    " rehabiliteringsteamet?"
                ),
                "category": "research_question",
                "share": False,
            },
        ],
    },
    # 4 ----------------------------------------------------------------------------------------
    {
        "title": "Opfølgning på praktik i en børnehave",
        "conversation_kind": "internship_follow_up",
        "situation": ["language", "family_situation"],
        "lenses": ["gribning", "labour_market_perspective"],
        "excerpt": _excerpt(
            "R: Hvordan er det at være i børnehaven nu? Du har været der i (.) fire uger?",
            "B: Fem uger. Det er godt. (.) Jeg er mest i køkkenet. Og vasker tøj.",
            "R: Okay. Det er også det, der står i aftalen, ikke. Køkken og rengøring.",
            "B: Ja. (1.5) Men i går (.) en pædagog var syg. Så jeg var med de små. Vi læste bog.",
            "R: Nå! Hvordan var det?",
            "B: Det var (.) ((smiler)) det var rigtig godt. En lille dreng, han sad bare hos mig"
            " hele tiden.",
            "R: Det lyder da dejligt. (.) Kunne du tænke dig at være mere sammen med børnene?",
            "B: Ja. Men mit dansk (.) jeg ved ikke, om det er godt nok.",
            "R: Det kan vi jo spørge lederen om. Jeg skal alligevel ringe til hende.",
            "    Og der findes også en uddannelse, der hedder PAU, pædagogisk assistent. Men der"
            " skal man have noget mere dansk først.",
            "B: Hvor længe?",
            "R: Det kommer an på, hvor langt du er på sprogskolen. Det vil jeg finde ud af.",
            "B: Okay. (2.0) Men så er der også det med om morgenen.",
            "R: Ja?",
            "B: Min mand, han starter klokken 6 nu. Så jeg skal aflevere de små selv. Jeg kommer"
            " ti minutter for sent nogle gange.",
            "R: Har de sagt noget til det i børnehaven?",
            "B: Nej. Men jeg er bange for, at de tænker, jeg er (.) doven.",
            "R: [Nej",
            "B: [Jeg er ikke doven.",
            "R: Nej, det er du bestemt ikke. (.) Skal vi prøve at spørge, om du kan møde kvart"
            " over otte i stedet? Så er det stadig 20 timer om ugen, hvis du går lidt senere.",
            "B: Ja. Det vil være godt.",
            "R: Så tager jeg begge dele med, når jeg ringer til lederen: børnene og mødetiden.",
        ),
        "context_wish": (
            "Jeg synes selv, det var en god samtale, men jeg vil gerne høre, hvad I ser. Jeg er i"
            " tvivl om, om jeg lovede for meget med den uddannelse."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 4 fortæller borgeren, efter en pause, om dagen, hvor hun var med de"
                    " små og læste bog. I tur 5 spørger du 'Hvordan var det?', og i tur 7"
                    " spørger du, om hun kunne tænke sig at være mere sammen med børnene."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 9 kommer du med et konkret perspektiv: lederen, PAU og kravet om"
                    " dansk. I tur 10 spørger borgeren 'Hvor længe?', og i tur 11 siger du, at"
                    " du vil finde ud af det."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 12 bringer borgeren selv et nyt emne ind: morgenen. I tur 13 siger du"
                    " kun 'Ja?', og i tur 14 fortæller hun om mandens arbejdstid og om at komme"
                    " for sent."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 16 siger borgeren, at hun er bange for at blive set som doven. I tur"
                    " 17 og 18 taler I i munden på hinanden, og i tur 19 siger du, at det er hun"
                    " bestemt ikke."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 19 bliver mødetid og timetal til et konkret forslag, og i tur 21"
                    " samler du de to ting, du vil tage med til lederen: børnene og mødetiden."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, hvad den lille dreng, der sad hos hende, betyder for"
            " hende – det kunne være et sted at spørge videre.",
            "Man kunne forestille sig at spørge lederen, om hun kan være med børnene en fast"
            " time om ugen allerede nu, så praktikken peger hen mod det, hun gerne vil.",
            "Jeg undrer mig over, om 'det vil jeg finde ud af' i tur 11 kunne blive til noget, I"
            " finder ud af sammen.",
        ],
        "struck": (
            "At hun selv tog morgenen op. Den havde jeg slet ikke på min liste, og det var måske"
            " det vigtigste for, om praktikken holder."
        ),
        "takeaway": (
            "Jeg vil lade samtalen køre lidt længere efter mine egne spørgsmål. Der kom noget,"
            " da jeg bare sagde 'Ja?'."
        ),
        "learning_points": [
            {
                "text": (
                    "Praktikaftalen beskriver opgaverne (køkken og rengøring), og opfølgningen"
                    " tager udgangspunkt i aftalen. Det, borgeren faktisk har lyst til på"
                    " arbejdspladsen, står ikke noget sted."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Når vi ringer til virksomheden, kan vi tage borgerens egne ønsker med som et"
                    " konkret spørgsmål til lederen."
                ),
                "category": "practice_pattern",
                "share": True,
            },
        ],
    },
    # 5 ----------------------------------------------------------------------------------------
    {
        "title": "Opfølgning – misbrugsbehandling og jobplan",
        "conversation_kind": "follow_up",
        "situation": ["substance_use", "activity_ready"],
        "lenses": ["three_tasks", "moral_dimensions", "gribning"],
        "excerpt": _excerpt(
            "SB: Sidst vi sås, var du lige startet i behandling på rusmiddelcentret. Hvordan går det?",
            "B: Det går (.) op og ned. Jeg har været der hver tirsdag.",
            "SB: Hver tirsdag. Det er flot.",
            "B: Ja. (1.0) Jeg havde en dårlig weekend for 14 dage siden. Men ellers.",
            "SB: Mm. (.) Vil du fortælle lidt om det?",
            "B: Nej, altså (.) det er bare (.) jeg har sagt det til min behandler.",
            "SB: Okay. Det er helt fint. Det er også dem, der skal hjælpe dig med det.",
            "    Jeg spørger bare, fordi vi skal opdatere din jobplan i dag, og der skal stå, at"
            " behandlingen er det vigtigste lige nu.",
            "B: Ja.",
            "SB: Og så har jeg brug for, at du giver samtykke til, at jeg må tale med din"
            " behandler. Så du ikke skal fortælle det hele to steder.",
            "B: (2.0) Hvad skal du bruge det til?",
            "SB: Det er for, at vi kan koordinere. Så jeg ikke indkalder dig til noget, der"
            " støder sammen med behandlingen.",
            "B: Okay. Men (.) hun skal ikke fortælle om weekenden.",
            "SB: Nej. Du bestemmer, hvad samtykket skal dække. Vi kan skrive, at det kun gælder"
            " fremmøde og planer.",
            "B: Ja. Det er bedre.",
            "SB: Godt. (1.5) Og så er der det med en aktivitet ved siden af. Vi har talt om, at du"
            " kunne komme med i vores værksted et par formiddage om ugen.",
            "B: Min bror har et vognmandsfirma. (.) Han har sagt, at jeg kan komme med ud og"
            " køre. Når jeg er (.) når jeg er stabil.",
            "SB: Det lyder godt, at du har ham. (.) Men du har jo ikke kørekort lige nu, vel?",
            "B: Nej. Det blev frataget.",
            "SB: Så det må vente lidt. Men vi kan skrive det ind i jobplanen som et mål på"
            " længere sigt.",
            "B: (1.5) Ja. Det er også bare noget, han har sagt.",
            "SB: Jeg synes, det er et godt mål. Så skriver vi værkstedet tirsdag og torsdag (.)"
            " nej, tirsdag er behandlingen. Onsdag og torsdag fra 9 til 12?",
            "B: Det kan jeg godt.",
        ),
        "context_wish": (
            "Jeg vil gerne låne jeres ører til, hvordan jeg taler om samtykke og behandling. Jeg"
            " er altid bange for at gå for tæt på."
        ),
        "observations": [
            {
                "lens": "three_tasks",
                "text": (
                    "I tur 5 spørger du til den dårlige weekend, og i tur 7 tager du spørgsmålet"
                    " tilbage, da borgeren ikke vil fortælle: 'Det er helt fint.' I samme taletur"
                    " kommer jobplanen."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 10 og 12 spørger borgeren, hvad samtykket skal bruges til, og siger,"
                    " hvad behandleren ikke skal fortælle. I tur 13 siger du, at han bestemmer,"
                    " hvad samtykket skal dække."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 16 fortæller borgeren om sin brors vognmandsfirma. I tur 17 spørger du"
                    " til kørekortet, og i tur 19 bliver det til et mål på længere sigt. I tur 20"
                    " siger borgeren: 'Det er også bare noget, han har sagt.'"
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "Den institutionelle opgave fylder i tur 7 (jobplanen), tur 9 (samtykket) og"
                    " tur 15 og 21 (værkstedet med faste dage). I tur 21 retter du selv dagene,"
                    " så værkstedet ikke støder sammen med behandlingen."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 2 siger borgeren, at han har været i behandling hver tirsdag. I tur 3"
                    " gentager du 'hver tirsdag'."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, om broderen og vognmandsfirmaet kunne være det, der"
            " giver behandlingen mening for ham – ikke kun et mål på længere sigt.",
            "Man kunne forestille sig at spørge, hvad han skulle lave, når han kørte med"
            " broderen. Kørekortet er én vej, men der er måske også andre opgaver i et"
            " vognmandsfirma.",
            "Jeg undrer mig over tur 20. Måske tager han det lidt tilbage, fordi det nu står i"
            " en plan. Eller måske er det bare hans måde at tale om det på.",
        ],
        "struck": (
            "At han trak broderen tilbage, lige efter jeg havde skrevet det ind. Jeg troede, det"
            " var en god ting at skrive det i planen."
        ),
        "takeaway": (
            "Spørge mere til de ting, borgeren selv har med, før jeg gør dem til mål. Og jeg er"
            " glad for, at jeg lod ham bestemme over samtykket."
        ),
        "learning_points": [
            {
                "text": (
                    "Vi skal koordinere med behandlingen og har brug for samtykke, men borgeren"
                    " skal kunne stole på, at ikke alt bliver delt. Hvor meget har vi brug for at"
                    " vide?"
                ),
                "category": "dilemma",
                "share": True,
            },
            {
                "text": (
                    "Jobplanen skal opdateres og have en aktivitet ved siden af behandlingen."
                    " Kravet om faste ugentlige timer kommer ind, lige når borgeren fortæller om"
                    " sin egen idé."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Vi gør borgerens idéer til 'mål på længere sigt' i planen. Det kan lyde som"
                    " et ja, men også som et 'ikke nu'."
                ),
                "category": "practice_pattern",
                "share": False,
            },
        ],
    },
    # 6 ----------------------------------------------------------------------------------------
    {
        "title": "Første samtale i Team Unge – stoppet på HF",
        "conversation_kind": "first_meeting",
        "situation": ["activity_ready", "mental_health"],
        "lenses": ["gribning", "labour_market_perspective", "institutional_turns"],
        "excerpt": _excerpt(
            "[00:01:05] R: Nå. Det er første gang, vi ses. Jeg er din rådgiver her i Team Unge.",
            "B: Okay.",
            "R: Du er jo stoppet på HF, kan jeg se. Vil du fortælle lidt om det?",
            "B: (1.5) Det var bare ikke (.) jeg kom ikke op om morgenen.",
            "R: Nej.",
            "B: Og så var der nogle ting derhjemme. (.) Det er lidt bedre nu.",
            "R: Okay. Hvad laver du så til daglig?",
            "B: Ikke så meget. (.) Gamer lidt. Og så laver jeg knallerter for nogle af mine venner.",
            "R: Ja. (.) Du ved godt, at når man er under 30 og ikke har en uddannelse, så er det"
            " meningen, at man skal i gang med en uddannelse?",
            "B: Ja, det har de sagt.",
            "R: Så det, vi skal, er at finde ud af, hvad der skal til, for at du kan starte på en"
            " uddannelse. Det kan godt være, det ikke er lige nu.",
            "B: Mm.",
            "R: Vi har nogle forløb her, hvor man kan prøve forskellige ting af. Og vi har"
            " mentorer, der for eksempel kan hjælpe med at komme op om morgenen.",
            "B: (2.0) En mentor, er det sådan en, der ringer?",
            "R: Ja, mentoren kan ringe og vække dig eller komme forbi og tage med dig til"
            " tingene. Det aftaler man.",
            "B: Okay. (.) Det ved jeg ikke.",
            "R: Du behøver ikke at bestemme dig i dag.",
            "[00:06:40] B: Hvad med sådan en (.) altså mekaniker. Skal man have studenten for det?",
            "R: Nej, det skal man ikke. Det er en erhvervsuddannelse. Men der er nogle"
            " adgangskrav, dansk og matematik, og så skal du have en læreplads.",
            "B: Okay. (1.5) Så det er nok ikke lige (.)",
            "R: Det kan vi sagtens kigge på. Jeg booker en tid til dig hos vores uddannelsesvejleder.",
            "    Så snakker vi om det næste gang. Jeg indkalder dig til en samtale om 14 dage.",
            "B: Okay.",
        ),
        "context_wish": (
            "Det var en første samtale med en ung fyr, der ikke sagde ret meget. Jeg vil gerne"
            " høre, om der var noget, jeg ikke fik fat i."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 8 fortæller borgeren, at han laver knallerter for nogle af sine venner."
                    " I tur 9 går du videre til, at man under 30 uden uddannelse skal i gang med"
                    " en uddannelse."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "I tur 9, 11 og 13 beskriver du regler og tilbud: uddannelseskravet, forløb"
                    " og mentorer. I tur 10 og 12 svarer borgeren 'Ja, det har de sagt' og 'Mm'."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 18 spørger borgeren selv til mekaniker. I tur 19 svarer du med"
                    " adgangskrav og læreplads, og i tur 20 stopper han midt i sætningen: 'Så det"
                    " er nok ikke lige (.)'."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "Knallerterne (tur 8) og mekaniker (tur 18) er de to steder i udskriften,"
                    " hvor et konkret fag bliver nævnt. Begge kommer fra borgeren."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 21 siger du, at I sagtens kan kigge på det, og spørgsmålet om"
                    " mekaniker bliver til en tid hos uddannelsesvejlederen og en ny samtale om"
                    " 14 dage."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, hvad der var sket, hvis tur 9 havde været:"
            " 'Knallerter – hvad laver du ved dem?'",
            "Man kunne forestille sig, at knallerterne også siger noget om, at han godt kan"
            " komme op, når der er noget, han har lyst til.",
            "Jeg undrer mig over, om adgangskravene i tur 19 kunne vente til næste gang, så han"
            " ikke går hjem med 'det er nok ikke lige mig'.",
            "Måske kunne en mentor og et værksted hænge sammen for ham.",
        ],
        "struck": (
            "At han selv spurgte til mekaniker. Det havde jeg slet ikke opfattet, da jeg sad i"
            " samtalen – jeg havde skrevet 'ønsker ikke mentor' i mine noter."
        ),
        "takeaway": (
            "Jeg vil prøve at spørge videre på det, de unge laver i deres fritid, før jeg"
            " fortæller om reglerne."
        ),
        "learning_points": [
            {
                "text": (
                    "Uddannelseskravet for unge under 30 skal forklares i første samtale. Det"
                    " bliver hurtigt rammen for alt, der bliver sagt bagefter."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Vi svarer på et 'hvad med …?' med krav og betingelser, før vi spørger, hvad"
                    " der tiltaler dem."
                ),
                "category": "practice_pattern",
                "share": True,
            },
            {
                "text": (
                    "Hvor ofte nævner unge selv et fag i første samtale – og hvor ofte bliver det"
                    " samlet op?"
                ),
                "category": "research_question",
                "share": True,
            },
        ],
    },
    # 7 ----------------------------------------------------------------------------------------
    {
        "title": "Opfølgning i ressourceforløb – genbrugsbutikken",
        "conversation_kind": "follow_up",
        "situation": ["resource_programme", "mental_health"],
        "lenses": ["gribning", "three_tasks", "labour_market_perspective"],
        "excerpt": _excerpt(
            "R: Sidst talte vi om, at du og din mentor skulle prøve at komme ud et par gange om"
            " ugen. Hvordan er det gået?",
            "B: Det er gået (.) bedre, end jeg troede. Vi har gået tur med hunden næsten hver dag.",
            "R: Næsten hver dag. Det er godt.",
            "B: Ja. Og så var vi nede i genbrugsbutikken i torsdags.",
            "R: Nå?",
            "B: Bare for at kigge. (1.5) Og så stod der en dame og sorterede bøger, og så (.) så"
            " hjalp jeg hende lidt.",
            "R: Hvordan var det?",
            "B: Det var (.) ((griner lidt)) det var faktisk rart. Der var ikke nogen, der kiggede"
            " på mig. Man står bare og sorterer.",
            "R: Der er ro på.",
            "B: Ja. Præcis.",
            "R: (1.0) Ved du hvad, sådan en butik kunne måske være et sted, hvor du kunne være et"
            " par timer. Vi har lavet aftaler med dem før.",
            "    Så kunne det indgå i dit ressourceforløb som en praktik, måske 4 timer om ugen"
            " til at starte med.",
            "B: (3.0) Nu (.) nu går det lidt stærkt.",
            "R: Ja. Det gjorde det. Undskyld.",
            "B: Det er bare (.) hvis det bliver en aftale, så er det noget, jeg skal. Og så kan jeg ikke.",
            "R: Det forstår jeg godt. Når der står noget på papiret, bliver det til et krav.",
            "B: Ja.",
            "R: Hvad nu, hvis du og din mentor bare går derned igen? Uden at vi skriver noget?",
            "B: Det kan jeg godt.",
            "R: Så gør vi det. Og i juni skal vi have møde i dit koordinerende team, og der"
            " fortæller jeg, at du er kommet ud med hunden og i butikken. Er det okay?",
            "B: Ja. (.) Ja, det må du gerne sige.",
        ),
        "context_wish": (
            "Jeg vil gerne høre, hvordan I hører det øjeblik, hvor jeg foreslår praktikken. Jeg er"
            " i tvivl om, om jeg fik rettet op på det bagefter."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 4 nævner borgeren genbrugsbutikken, og i tur 5 siger du kun 'Nå?'. I"
                    " tur 6 fortæller hun så, at hun hjalp med at sortere bøger."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 8 siger borgeren, at det var rart, fordi ingen kiggede på hende. I tur"
                    " 9 siger du det med dine egne ord: 'Der er ro på', og i tur 10 svarer hun:"
                    " 'Ja. Præcis.'"
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "Arbejdsstedet og opgaven – genbrugsbutikken og at sortere bøger – kommer fra"
                    " borgeren i tur 4 og 6. Praktikken og timetallet kommer fra dig i tur 11."
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "Efter forslaget om praktik i tur 11 er der en pause på tre sekunder, og i"
                    " tur 12 siger borgeren, at det går lidt stærkt. I tur 13 og 15 siger du, at"
                    " det gjorde det, og sætter ord på, at det, der står på papiret, bliver til"
                    " et krav."
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "I tur 17 foreslår du, at hun og mentoren går derned igen, uden at noget"
                    " bliver skrevet. I tur 19 spørger du, om du må fortælle om butikken til det"
                    " koordinerende team."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, at 'der var ikke nogen, der kiggede på mig' måske siger"
            " mere om, hvad hun har brug for på en arbejdsplads, end timetallet gør.",
            "Man kunne forestille sig, at det koordinerende team kunne høre hendes egne ord om"
            " butikken, hvis hun selv har lyst til at sige dem.",
            "Jeg undrer mig over, hvad der gjorde, at du kunne trække forslaget tilbage så"
            " hurtigt. Det er ikke altid let, når et forløb skal have indhold.",
        ],
        "struck": (
            "At jeg blev så glad for butikken, at jeg gik i gang med at lave en aftale. Hun havde"
            " lige sagt, at det var rart, fordi der ikke var nogen krav."
        ),
        "takeaway": (
            "Jeg vil prøve at lade et godt øjeblik være et godt øjeblik, før jeg gør det til en"
            " aktivitet."
        ),
        "learning_points": [
            {
                "text": (
                    "Et ressourceforløb skal have et indhold, der kan beskrives og følges op på."
                    " Det trækker i retning af at lave aftaler hurtigt, også når borgeren har brug"
                    " for, at noget ikke er en aftale endnu."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Hvornår skal vi skubbe, og hvornår skal vi vente? Borgeren skal bestemme"
                    " tempoet, men forløbet har en tidsramme."
                ),
                "category": "dilemma",
                "share": True,
            },
        ],
    },
    # 8 ----------------------------------------------------------------------------------------
    {
        "title": "Arbejdsprøvning på plejecenter – hvor mange timer?",
        "conversation_kind": "internship_follow_up",
        "situation": ["resource_programme", "physical_health"],
        "lenses": ["labour_market_perspective", "institutional_turns", "moral_dimensions"],
        "excerpt": _excerpt(
            "[00:02:30] SB: Jeg har snakket med lederen på plejecentret i går.",
            "B: Nå. (.) Hvad sagde hun?",
            "SB: Hun sagde, at du er rigtig god med beboerne. Især om eftermiddagen, til"
            " aktiviteterne.",
            "B: ((griner)) Ja, det er også det sjoveste. Vi har spillet banko.",
            "SB: Og så spurgte hun, om du kunne være der flere timer.",
            "B: Ja, det vil jeg gerne.",
            "SB: Okay. Men (.) hvordan har du det, når du kommer hjem?",
            "B: (2.0) Jeg er træt. Jeg ligger på sofaen resten af dagen. Men det går.",
            "SB: Mm. Det er jo det, vi skal finde ud af i arbejdsprøvningen. Hvad du kan holde til"
            " over tid.",
            "    Ikke hvad du kan presse dig selv til i et par uger.",
            "B: Men hvis jeg kun kan 12 timer, så (.) så er det jo fleksjob, ikke?",
            "SB: Det er rehabiliteringsteamet, der vurderer det. Men ja, det kan være en mulighed.",
            "B: Jeg vil ikke være én af dem, der (.) jeg har altid arbejdet fuld tid.",
            "SB: Ja. Det har du. 22 år som SOSU-hjælper.",
            "B: 23.",
            "SB: 23. ((griner)) Undskyld.",
            "B: Det er okay.",
            "SB: Et fleksjob er et rigtigt job. Med løn og kolleger. Det er bare tilpasset det, du"
            " kan.",
            "B: Det ved jeg godt. (1.5) Det er bare ikke det, jeg havde tænkt.",
            "SB: Nej. (.) Skal vi prøve at sætte timerne op til 15 i to uger og se, hvordan din"
            " krop reagerer? Og så skriver du ned hver dag, hvordan du har det.",
            "B: Ja. Og så (.) må jeg så fortsætte med aktiviteterne?",
            "SB: Det spørger jeg hende om. Det lød, som om hun gerne ville have dig der.",
        ),
        "context_wish": (
            "Hun er så motiveret, og jeg vil gerne hjælpe hende, uden at hun knækker. Jeg vil"
            " gerne høre, hvordan jeg taler om fleksjob."
        ),
        "observations": [
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 1, 3 og 5 bringer du lederens perspektiv ind: beboerne, aktiviteterne"
                    " om eftermiddagen og ønsket om flere timer. Arbejdspladsen er konkret til"
                    " stede i samtalen fra starten."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "I tur 9 forklarer du, hvad arbejdsprøvningen skal vise: hvad borgeren kan"
                    " holde til over tid. I tur 11 nævner du rehabiliteringsteamet."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 10 og 12 taler borgeren om fleksjob og om altid at have arbejdet fuld"
                    " tid. I tur 13 siger du 'Det har du' og antallet af år, og i tur 17"
                    " beskriver du et fleksjob som et rigtigt job med løn og kolleger."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 8 fortæller borgeren, at hun ligger på sofaen resten af dagen, 'men"
                    " det går'. I tur 19 bliver det til et forslag om 15 timer i to uger og om at"
                    " skrive ned hver dag, hvordan hun har det."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 20 spørger borgeren selv, om hun må fortsætte med aktiviteterne, og i"
                    " tur 21 siger du, at du spørger lederen."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, om 'Det er bare ikke det, jeg havde tænkt' i tur 18"
            " kunne være et sted at blive – hvad havde hun tænkt?",
            "Man kunne forestille sig, at aktiviteterne med beboerne er dér, hvor et fleksjob"
            " kunne tage form. Både lederen og borgeren peger derhen.",
            "Jeg undrer mig over, hvordan det er for borgeren at få timerne sat op samme dag, som"
            " hun fortæller, at hun ligger på sofaen. Måske er det netop det, hun vil.",
        ],
        "struck": (
            "At vi begge to talte om timer, men hun talte om at være en, der arbejder, og jeg"
            " talte om dokumentation."
        ),
        "takeaway": "Fleksjob skal ikke kun forklares. Jeg vil spørge, hvad ordet betyder for borgeren.",
        "learning_points": [
            {
                "text": (
                    "Arbejdsprøvningen skal dokumentere arbejdsevnen over for"
                    " rehabiliteringsteamet. Så bliver timetallet det centrale, også når"
                    " borgeren og arbejdspladsen taler om opgaverne."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Borgeren vil gerne vise, at hun kan mere. Vi skal beskrive, hvad hun kan"
                    " holde til. Begge dele handler om respekt for hende."
                ),
                "category": "dilemma",
                "share": True,
            },
            {
                "text": (
                    "Hvordan taler borgere, der har arbejdet fuld tid hele livet, selv om"
                    " fleksjob – og hvad hører de, når vi siger ordet?"
                ),
                "category": "research_question",
                "share": False,
            },
        ],
    },
    # 9 ----------------------------------------------------------------------------------------
    {
        "title": "Praktik hos en tømrer – fra praktik til løntimer",
        "conversation_kind": "internship_follow_up",
        "situation": ["job_ready", "long_term_unemployment"],
        "lenses": ["labour_market_perspective", "gribning"],
        "excerpt": _excerpt(
            "R: Nu er du jo i uge 10 ud af 13 hos tømreren. Hvad tænker du?",
            "B: (1.5) Jeg tænker, at det er lidt ærgerligt, det snart er slut.",
            "R: Ja?",
            "B: Ja, altså (.) jeg har det godt derude. De andre er flinke. Jeg er med ude på"
            " byggepladsen nu, ikke bare på værkstedet.",
            "R: Hvad laver du derude?",
            "B: Alt muligt. Bærer plader. Rydder op. I tirsdags satte jeg lister op i et helt"
            " køkken selv.",
            "R: Selv?",
            "B: Ja. ((griner)) Mester kom og kiggede, og så sagde han bare 'fint'.",
            "R: Det er vist ros fra en tømrer.",
            "B: ((griner)) Ja, det er det.",
            "R: Har han sagt noget om, hvad der skal ske efter de 13 uger?",
            "B: Nej. (2.0) Altså, han sagde noget om, at de mangler en til at køre ud med"
            " materialer om morgenen. Men det var nok bare snak.",
            "R: Det lyder ikke som bare snak. Hvad tænker du selv om det?",
            "B: Det kunne jeg godt. Jeg har kørekort til trailer. (.) Men jeg ved ikke, om han vil"
            " betale for det.",
            "R: Nej. Det er dét, vi skal finde ud af. Skal vi ringe til ham sammen? Så kan vi"
            " spørge, om der kunne være nogle løntimer i det.",
            "    Om morgenen, for eksempel 2–3 timer, og så resten som praktik, til vi ser,"
            " hvordan det går.",
            "B: [Ja, men",
            "R: [Eller et job med løntilskud. Der er flere måder.",
            "B: Ja, men (.) jeg vil ikke have, at det ser ud, som om jeg tigger.",
            "R: Nej. (.) Det er helt rimeligt. Jeg kan også ringe alene og sige, at jeg følger op.",
            "B: Nej, (.) lad os ringe sammen. Men du snakker.",
            "R: Aftale.",
        ),
        "context_wish": (
            "Jeg vil gerne vise en samtale, jeg selv er glad for, og høre, om I kan se, hvad det"
            " var, der virkede. Så jeg kan gøre det igen."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 2 siger borgeren, efter en pause, at det er ærgerligt, at praktikken"
                    " snart er slut. I tur 3 siger du 'Ja?', og i tur 4 fortæller han om"
                    " kollegerne og byggepladsen."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 6 og 8 beskriver borgeren konkrete opgaver: plader, oprydning, lister"
                    " i et helt køkken og mesters 'fint'. I tur 5 og 7 spørger du ind til, hvad"
                    " han laver."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 12 nævner borgeren, at de mangler en til at køre materialer ud, og"
                    " kalder det 'nok bare snak'. I tur 13 siger du, at det ikke lyder som bare"
                    " snak, og spørger, hvad han selv tænker."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 15 og 17 bliver det til konkrete muligheder: løntimer om morgenen,"
                    " 2–3 timer, praktik ved siden af, eller løntilskud. I tur 16 og 17 overlapper"
                    " I hinanden."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 18 siger borgeren, at det ikke skal se ud, som om han tigger. I tur 19"
                    " tilbyder du at ringe alene, og i tur 20 vælger han at ringe sammen med dig."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, at 'fint' fra mester måske betyder mere for borgeren end"
            " det, der står i praktikaftalen.",
            "Man kunne forestille sig, at borgeren selv forbereder én sætning til opkaldet, så"
            " det ikke kun er dig, der snakker.",
            "Jeg undrer mig over, hvad 'tigger' dækker over – måske erfaringer fra tidligere"
            " praktikker, der ikke blev til noget.",
        ],
        "struck": (
            "At han var lige ved at lade det ligge. Jeg kunne mærke, at han sagde 'nok bare"
            " snak', og så var det vigtigt at blive der."
        ),
        "takeaway": (
            "Når en praktik skal blive til løntimer, handler det om de små sætninger fra"
            " arbejdsgiveren. Jeg vil spørge efter dem i alle opfølgninger."
        ),
        "learning_points": [
            {
                "text": (
                    "Når borgeren selv nedtoner en mulighed ('nok bare snak'), kan vi spørge"
                    " videre i stedet for at tage nedtoningen for gode varer."
                ),
                "category": "practice_pattern",
                "share": True,
            },
            {
                "text": (
                    "Praktikken er sat til 13 uger, og samtalen om løntimer starter først, når"
                    " den næsten er slut. Rammen gør, at vi tænker i forlængelse i stedet for i"
                    " job fra starten."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Hvad gør de arbejdsgivere, der ender med at give løntimer efter en praktik –"
                    " hvad siger de undervejs?"
                ),
                "category": "research_question",
                "share": True,
            },
        ],
    },
    # 10 ---------------------------------------------------------------------------------------
    {
        "title": "Telefonsamtale efter udeblivelse",
        "conversation_kind": "other",
        "situation": ["housing_or_finances", "family_situation"],
        "lenses": ["moral_dimensions", "institutional_turns", "gribning"],
        "excerpt": _excerpt(
            "R: Hej, det er fra jobcentret. Jeg ringer, fordi du ikke kom til samtalen i morges.",
            "B: Åh nej. (.) Var det i dag?",
            "R: Ja, klokken 9.",
            "B: Undskyld. Det (.) det har været en vild uge.",
            "R: Okay. Vil du fortælle mig, hvad der er sket? Jeg spørger, fordi jeg skal vurdere,"
            " om du havde en rimelig grund til at blive væk.",
            "    Ellers kan det betyde et fradrag i din kontanthjælp.",
            "B: (2.0) Min søn er blevet smidt ud af skolen. Og så har vi fået et brev fra"
            " boligselskabet om huslejen.",
            "R: Det lyder som meget på én gang.",
            "B: Ja. Jeg har ikke sovet.",
            "R: Det brev fra boligselskabet (.) er det en rykker, eller står der noget om, at I"
            " skal flytte?",
            "B: Jeg ved det ikke. Jeg har ikke (.) jeg har ikke åbnet det hele.",
            "R: Okay. (1.5) Må jeg foreslå, at du tager det med næste gang? Så kigger vi på det"
            " sammen. Eller du kan gå direkte til borgerservice med det.",
            "B: Ja.",
            "R: Og din søn (.) er der nogen fra kommunen inde over?",
            "B: Skolen har sagt, at de vil kontakte familieafdelingen. Det er jeg bange for.",
            "R: Ja. Det kan jeg godt forstå.",
            "B: Jeg skal bare have styr på ham. Så vil jeg gerne i gang igen. (.) Jeg har faktisk"
            " savnet at komme ud.",
            "R: Det er godt at høre. (.) Jeg skriver, at du havde en rimelig grund i dag, på grund"
            " af din familiesituation. Så sker der ikke noget med din ydelse.",
            "B: Tak.",
            "R: Men jeg bliver nødt til at sige, at næste gang skal du ringe inden. Også selvom"
            " det kun er fem minutter før.",
            "B: Ja. Det skal jeg nok.",
            "R: Og så finder vi en ny tid. Torsdag klokken 13?",
            "B: Ja. Og så tager jeg brevet med.",
        ),
        "context_wish": (
            "Det er en telefonsamtale, ikke en rigtig samtale, men den har siddet i mig. Jeg vil"
            " gerne høre, hvordan I hører den del med fradraget."
        ),
        "observations": [
            {
                "lens": "institutional_turns",
                "text": (
                    "I tur 5 forklarer du, hvorfor du spørger: du skal vurdere, om der var en"
                    " rimelig grund, og ellers kan det give et fradrag. Det står i samme taletur"
                    " som 'Vil du fortælle mig, hvad der er sket?'"
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 7 og 15 siger du noget om, hvordan det lyder for borgeren ('meget på"
                    " én gang', 'Det kan jeg godt forstå'). I tur 9 og 11 spørger du konkret til"
                    " brevet og foreslår, at I kigger på det sammen."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 16 siger borgeren, at hun har savnet at komme ud. I tur 17 siger du"
                    " 'Det er godt at høre' og fortsætter i samme tur med vurderingen af den"
                    " rimelige grund."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "I tur 19 kommer reglen om at ringe inden, efter at du i tur 17 har sagt, at"
                    " der ikke sker noget med ydelsen."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 14 fortæller borgeren, at hun er bange for familieafdelingen. Det"
                    " bliver ikke taget op igen i udskriften."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, hvad 'at komme ud' betyder for hende – ud af"
            " lejligheden, ud blandt andre, ud på en arbejdsplads?",
            "Man kunne forestille sig, at familieafdelingen og jobcentret kunne tale sammen, så"
            " hun ikke står med to systemer på samme tid – hvis hun har lyst.",
            "Jeg undrer mig over rækkefølgen i tur 17 og 19: først lettelse, så en regel. Måske"
            " er det netop den rækkefølge, der gør reglen til at bære.",
        ],
        "struck": (
            "Hvor meget af samtalen der handlede om, om hun skulle have et fradrag. Det var ikke"
            " det, hun havde brug for at tale om, men jeg var nødt til at spørge."
        ),
        "takeaway": (
            "Jeg vil sige det om ydelsen hurtigt og tydeligt, så det er af vejen, og så kan resten"
            " af samtalen handle om hende."
        ),
        "learning_points": [
            {
                "text": (
                    "Reglerne om udeblivelse og rimelig grund betyder, at en telefonsamtale om en"
                    " krise starter med et spørgsmål om sanktion."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Borgere med samme fravær skal behandles ens, men hendes uge var ikke som"
                    " andres. Retfærdighed og lydhørhed trækker i hver sin retning."
                ),
                "category": "dilemma",
                "share": True,
            },
            {
                "text": (
                    "Vi bruger udeblivelser som anledning til at ringe. Det er tit dér, vi hører"
                    " om det, der fylder."
                ),
                "category": "practice_pattern",
                "share": False,
            },
        ],
    },
    # 11 ---------------------------------------------------------------------------------------
    {
        "title": "Første samtale med tolk – mekaniker fra hjemlandet",
        "conversation_kind": "first_meeting",
        "situation": ["language", "job_ready"],
        "lenses": ["labour_market_perspective", "three_tasks", "institutional_turns"],
        "excerpt": _excerpt(
            "R: I dag skal vi lave din plan. Du er jobparat, og det betyder, at du skal stå til"
            " rådighed for job. ((tolken oversætter))",
            "B: Ja. Jeg forstår.",
            "R: Du skal have et CV på Jobnet, og du skal skrive i din joblog, hvilke job du"
            " søger. ((tolken oversætter))",
            "B: (2.0) Jeg har søgt rengøring. Men (.) jeg vil ikke gøre rent mere. ((tolken"
            " oversætter))",
            "R: Okay. Hvad har du lavet før?",
            "B: Mekaniker. 15 år. Jeg havde mit eget værksted. ((viser billeder på sin telefon))",
            "R: Må jeg se? (.) Det er et stort værksted.",
            "B: Ja. ((griner)) Før. Mange biler. Lastbiler også.",
            "R: Lastbiler også. (1.0) Det er noget, der bliver efterspurgt her. Der mangler mekanikere.",
            "B: Men jeg har ikke papir. Ikke dansk papir.",
            "R: Nej. Det er rigtigt. Du kan ikke arbejde som mekaniker med det samme.",
            "    Men der findes en realkompetencevurdering, hvor en skole ser på, hvad du kan. (.)"
            " Og du kunne starte i en praktik på et værksted, så en arbejdsgiver kan se dig arbejde.",
            "B: Praktik er uden løn?",
            "R: Ja, i praktikken får du din kontanthjælp. Det er for en kort periode, højst 4"
            " uger, når man er jobparat. ((tolken oversætter))",
            "B: (1.5) Jeg har været i praktik. To gange. Det blev ikke til noget.",
            "R: Hvor var det?",
            "B: Et lager. Og et hotel. Rengøring.",
            "R: Så det er ikke din erfaring, de har set.",
            "B: Nej.",
            "R: Det vil jeg gerne lave om på. Jeg vil gerne finde et værksted, hvor du kan vise,"
            " hvad du kan. Og samtidig skal du fortsætte på sprogskolen.",
            "B: Ja. Ja. Det er godt.",
            "R: Men jobloggen skal du stadig udfylde hver uge. Det kan jeg ikke lave om på.",
            "B: Okay. Kan min søn hjælpe med det? Han er bedre til computer.",
            "R: Ja, selvfølgelig.",
        ),
        "context_wish": (
            "Jeg vil gerne høre, hvad I tænker om starten af samtalen. Jeg har en fornemmelse af,"
            " at jeg var ved at køre ham ind i et spor, han ikke ville."
        ),
        "observations": [
            {
                "lens": "institutional_turns",
                "text": (
                    "Samtalen åbner i tur 1 og 3 med rådighed, CV på Jobnet og joblog. I tur 4"
                    " siger borgeren efter en pause, at han har søgt rengøring, men ikke vil gøre"
                    " rent mere."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 6 nævner borgeren mekaniker, 15 år og sit eget værksted og viser"
                    " billeder. I tur 7 spørger du, om du må se, og i tur 9 gentager du"
                    " 'lastbiler også' og siger, at der mangler mekanikere."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 11 kommer to konkrete veje: en realkompetencevurdering og en praktik"
                    " på et værksted, så en arbejdsgiver kan se ham arbejde."
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "I tur 15 spørger du til de tidligere praktikker, og i tur 17 siger du: 'Så"
                    " det er ikke din erfaring, de har set.' I tur 18 svarer borgeren 'Nej'."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "I tur 21 siger du, at jobloggen stadig skal udfyldes, og at du ikke kan lave"
                    " om på det. I tur 22 spørger borgeren, om hans søn kan hjælpe."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, at billederne på telefonen gjorde noget, et CV ikke kan."
            " Måske kunne de også komme med ud til et værksted.",
            "Man kunne forestille sig, at det, at samtalen starter med rådighed og joblog, er med"
            " til, at han i tur 4 taler om rengøring – det er det, han tror, systemet vil høre.",
            "Jeg undrer mig over, hvad det betyder for ham at skulle fortælle om sit eget"
            " værksted gennem en tolk.",
        ],
        "struck": (
            "Billederne. Han havde dem klar på telefonen, inden jeg spurgte. Jeg tror, han havde"
            " ventet på, at nogen ville se dem."
        ),
        "takeaway": (
            "Spørge, hvad de har lavet før, inden jeg gennemgår reglerne. Især når der er tolk,"
            " for så tager reglerne dobbelt så lang tid."
        ),
        "learning_points": [
            {
                "text": (
                    "Rådighed, CV og joblog skal gennemgås i den første samtale med jobparate."
                    " Med tolk tager det meget af tiden, og det er svært at nå frem til borgerens"
                    " erhvervserfaring."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Vi matcher borgere med de praktikker, der er lette at skaffe (lager,"
                    " rengøring), og ikke med deres erfaring."
                ),
                "category": "practice_pattern",
                "share": True,
            },
            {
                "text": (
                    "Hvordan bliver erhvervserfaring fra et andet land talt frem – eller ikke – i"
                    " samtaler med tolk?"
                ),
                "category": "research_question",
                "share": True,
            },
        ],
    },
    # 12 ---------------------------------------------------------------------------------------
    {
        "title": "Opfølgning på praktik i Netto – 10 timer om ugen",
        "conversation_kind": "internship_follow_up",
        "situation": ["activity_ready", "mental_health"],
        "lenses": ["gribning", "institutional_turns"],
        "excerpt": _excerpt(
            "[00:08:15] R: Og hvordan går det i Netto?",
            "B: Det går okay. (1.0) Jeg er der tirsdag og torsdag.",
            "R: Fra 7 til 12, ikke?",
            "B: Ja. (.) Det er faktisk det bedste. Om morgenen.",
            "R: Mm.",
            "B: Før butikken åbner. Så sætter vi frugt og grønt op, og (.) der er helt stille. Jeg"
            " bestemmer selv, hvordan æblerne skal ligge. ((griner lidt))",
            "R: Ja. (.) Vi skal jo snart snakke om, om du skal op i timer. Du er på 10 timer nu,"
            " og planen var, at vi skulle se på 15 efter otte uger.",
            "B: Ja.",
            "R: Og så skal din jobplan opdateres, så den passer.",
            "B: (2.0) Hvis det er om eftermiddagen, så er der mange kunder.",
            "R: Ja, det er der. Men det er jo også en del af at arbejde i en butik.",
            "B: Mm.",
            "R: Har du i øvrigt søgt om befordringsgodtgørelse? Du tager bussen derud, ikke?",
            "B: Nej. Jeg vidste ikke, at man kunne det.",
            "R: Jo, det kan du. Du skal søge på en blanket, og så skal du have dine buskvitteringer"
            " med.",
            "    Jeg sender et link i Min Plan.",
            "B: Okay.",
            "R: Så skal vi tale med butikschefen om de 15 timer. Jeg tænker, vi holder et"
            " trepartsmøde. Hvad siger du til onsdag den 9.?",
            "B: Det er fint. (1.5) Men (.) om morgenen, ikke?",
            "R: Mødet? Ja, det kan vi godt holde om morgenen.",
            "B: Nej, altså (.) de ekstra timer.",
            "R: Åh. (.) Det spørger vi ham om.",
        ),
        "context_wish": (
            "Jeg har en fornemmelse af, at jeg talte forbi hende i den her samtale. Jeg vil gerne"
            " høre, hvor I hører det."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 4 og 6 fortæller borgeren, at morgenen er det bedste: det er stille,"
                    " og hun bestemmer selv, hvordan æblerne skal ligge. I tur 5 siger du 'Mm',"
                    " og i tur 7 går du videre til timetallet og de 15 timer."
                ),
            },
            {
                "lens": "institutional_turns",
                "text": (
                    "Tur 7, 9, 13 og 15 handler om timer, jobplan og befordringsgodtgørelse –"
                    " alle sammen ting, borgeren skal have styr på. I tur 14 viser det sig, at"
                    " hun ikke vidste, at hun kunne få godtgørelse."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 10 siger borgeren, at der er mange kunder om eftermiddagen. I tur 11"
                    " svarer du, at det også er en del af at arbejde i en butik."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 18 vender borgeren tilbage til morgenen. I tur 19 hører du det som et"
                    " spørgsmål om mødet, og i tur 20 gør hun det tydeligt: 'de ekstra timer'."
                    " I tur 21 siger du, at I spørger butikschefen."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, at hun faktisk siger tre gange, at hun gerne vil være"
            " der om morgenen (tur 4, 10 og 18). Måske er det hendes måde at forhandle timerne"
            " på.",
            "Man kunne forestille sig at spørge: 'Hvordan skal æblerne ligge?' – det kunne måske"
            " åbne for, hvad hun er god til i butikken.",
            "Jeg undrer mig over, om trepartsmødet kunne starte med det, hun fortalte om"
            " morgenen, så butikschefen også hører det.",
        ],
        "struck": (
            "At hun sagde det tre gange, og at jeg først forstod det tredje gang. Jeg hørte det"
            " som, at hun var nervøs for kunderne, ikke som et ønske."
        ),
        "takeaway": (
            "Når en borger gentager noget, vil jeg stoppe op og spørge, om det er noget, hun eller"
            " han gerne vil have, at jeg hører."
        ),
        "learning_points": [
            {
                "text": (
                    "Planen om at gå fra 10 til 15 timer efter otte uger styrer opfølgningen."
                    " Timetallet bliver vigtigere end hvornår på dagen og hvilke opgaver."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": "Borgerens gentagelser kan være et tegn på, at noget ikke er blevet hørt endnu.",
                "category": "practice_pattern",
                "share": True,
            },
            {
                "text": (
                    "Hvor mange gange siger en borger det samme, før det bliver samlet op – og"
                    " kan man se det i udskrifter?"
                ),
                "category": "research_question",
                "share": False,
            },
        ],
    },
    # 13 ---------------------------------------------------------------------------------------
    {
        "title": "Forberedelse til rehabiliteringsteamet – fleksjob eller førtidspension?",
        "conversation_kind": "rehab_preparation",
        "situation": ["physical_health", "mental_health", "long_term_unemployment"],
        "lenses": ["moral_dimensions", "three_tasks", "gribning"],
        "excerpt": _excerpt(
            "SB: Jeg har fået statusattesten fra din læge nu. Skal vi kigge på den sammen?",
            "B: Ja. (.) Hvad skriver han?",
            "SB: Han skriver, at dit blodsukker er svært at få styr på, og at din depression har"
            " varet i mange år. Og han vurderer, at du ikke kan forvente at få det bedre.",
            "B: (3.0) Det har han ikke sagt til mig.",
            "SB: Nej. Jeg kan godt forstå, at det er hårdt at læse.",
            "B: Det er, som om (.) det er besluttet.",
            "SB: Det er ikke besluttet. Det er rehabiliteringsteamet, der kommer med en"
            " indstilling, og så er det kommunen, der træffer afgørelsen.",
            "    Men jeg vil være ærlig og sige, at med det, vi har nu, kan teamet godt komme til"
            " at foreslå førtidspension.",
            "B: Jeg er ikke færdig endnu.",
            "SB: Nej?",
            "B: Jeg har kørt skolebus i ni år. Børnene (.) de kom op til mig hver morgen og sagde"
            " godmorgen. (1.5) Jeg kan da godt køre en bus.",
            "SB: Hvornår kørte du sidst?",
            "B: Det er otte år siden. Det var før (.) før det hele.",
            "SB: Ja. (2.0) Det er vigtigt, at teamet hører det. At du selv synes, du har noget at"
            " give.",
            "B: Men hvad skal jeg gøre?",
            "SB: Du kan skrive det i den forberedende del. Og du kan sige det på mødet. Jeg vil"
            " også skrive det i min beskrivelse.",
            "B: Og hvis de siger pension alligevel?",
            "SB: Så er det ikke, fordi du ikke har prøvet. Du har været i tre ressourceforløb. Det"
            " er mange.",
            "B: (2.0) Ja. Det er mange.",
            "SB: Og en pension betyder ikke, at du ikke må lave noget. Der er folk, der har et"
            " skånejob eller laver frivilligt arbejde ved siden af.",
            "B: Det er ikke det samme.",
            "SB: Nej. Det er det ikke.",
        ),
        "context_wish": (
            "Det er en svær samtale, og jeg har tænkt meget over den bagefter. Jeg vil gerne"
            " høre, hvordan I hører den del, hvor jeg fortæller om førtidspension."
        ),
        "observations": [
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 3 læser du lægens vurdering op. I tur 4 siger borgeren, efter tre"
                    " sekunders pause, at lægen ikke har sagt det til ham. I tur 5 siger du, at"
                    " det er hårdt at læse."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 7 siger du både, at intet er besluttet, og at teamet godt kan komme til"
                    " at foreslå førtidspension. Det er to budskaber i samme taletur."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 8 siger borgeren: 'Jeg er ikke færdig endnu.' I tur 9 spørger du"
                    " 'Nej?', og i tur 10 fortæller han om skolebussen og børnene, der sagde"
                    " godmorgen."
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "I tur 11 spørger du, hvornår han kørte sidst. I tur 13 siger du, at det er"
                    " vigtigt, at teamet hører det, og i tur 15 beskriver du, hvordan det kan"
                    " komme med: den forberedende del, mødet og din beskrivelse."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 20 siger borgeren 'Det er ikke det samme', og i tur 21 siger du 'Nej."
                    " Det er det ikke.' Udskriften slutter uden en forklaring."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på børnene, der sagde godmorgen. Måske er det ikke bussen,"
            " han savner, men at være én, nogen venter på.",
            "Man kunne forestille sig, at spørgsmålet 'Hvad var det bedste ved at køre"
            " skolebus?' kunne give teamet et andet billede end statusattesten.",
            "Jeg undrer mig over, om tur 21 – at du bare giver ham ret – er det, der gør det"
            " muligt for ham at gå derfra.",
        ],
        "struck": (
            "At jeg ikke prøvede at forklare pensionen væk til sidst. Jeg var bange for, at jeg"
            " havde været for hård, men når jeg læser det nu, er det måske dér, han blev taget"
            " alvorligt."
        ),
        "takeaway": (
            "Det er okay at sige 'nej, det er det ikke'. Og jeg vil tage skolebussen med i min"
            " beskrivelse med hans egne ord."
        ),
        "learning_points": [
            {
                "text": (
                    "Ærlighed om en mulig førtidspension kan stå i vejen for borgerens håb – og"
                    " falsk håb kan stå i vejen for respekten. Vi har ikke ét svar på det."
                ),
                "category": "dilemma",
                "share": True,
            },
            {
                "text": (
                    "Statusattesten bliver læst op som det første i samtalen. Lægens vurdering"
                    " sætter rammen, før borgeren har sagt noget."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Hvordan kommer borgerens egen fortælling med i rehabiliteringsteamets"
                    " indstilling – bliver den gengivet med borgerens egne ord?"
                ),
                "category": "research_question",
                "share": False,
            },
        ],
    },
    # 14 ---------------------------------------------------------------------------------------
    {
        "title": "Opfølgning – tidligere typograf, joblog og CV",
        "conversation_kind": "follow_up",
        "situation": ["job_ready", "long_term_unemployment"],
        "lenses": ["institutional_turns", "gribning", "labour_market_perspective"],
        "excerpt": _excerpt(
            "R: Jeg kan se i din joblog, at du har søgt fem stillinger siden sidst.",
            "B: Ja. Jeg har ikke hørt noget.",
            "R: Nej. Det er også svært, det ved jeg godt. (.) Hvad har du søgt?",
            "B: Lagerarbejde. Og chauffør. Og så en pedelstilling på en skole.",
            "R: Okay. Det er fint. Det er bredt.",
            "B: (1.5) Jeg har været typograf i 30 år. Det er der ikke nogen, der skal bruge mere.",
            "R: Nej, branchen har ændret sig meget.",
            "B: Ja.",
            "R: Jeg skal også lige sige, at vi skal have opdateret dit CV på Jobnet. Der står"
            " stadig, at du søger som typograf.",
            "B: Nå. Okay.",
            "R: For det er det, arbejdsgiverne ser, når de søger efter kandidater.",
            "B: (2.0) Jeg har hjulpet min svoger lidt. Han har et skiltefirma. (.) Folie på biler"
            " og den slags.",
            "R: Nå? Er det lønnet?",
            "B: Nej nej. Bare et par eftermiddage.",
            "R: Okay. Det er vigtigt, at du fortæller det, for hvis det er arbejde, skal det"
            " registreres.",
            "    Det må ikke se ud som sort arbejde.",
            "B: Det er bare familie.",
            "R: Ja. Det tror jeg også. Men så skriver jeg det i journalen, så det er på plads.",
            "B: Okay.",
            "R: Men (.) det der med folie. Det er jo faktisk noget grafisk. Det ligger ikke så"
            " langt fra typograf.",
            "B: Nej. (1.0) Det er jo det samme, bare på en bil. ((griner))",
            "R: ((griner)) Har du tænkt på at skrive det i dit CV?",
            "B: Nej. Det har jeg ikke.",
            "R: Skal vi gøre det nu?",
            "B: Ja. (.) Og måske (.) han har snakket om, at han har for travlt om foråret.",
            "R: Så skal vi måske snakke med ham om, hvad det kunne blive til. Måske nogle timer"
            " til foråret.",
        ),
        "context_wish": (
            "Jeg synes, samtalen startede godt og gik lidt skævt i midten, men jeg ved ikke helt"
            " hvorfor. Jeg vil gerne have jeres ører på den del med svogeren."
        ),
        "observations": [
            {
                "lens": "institutional_turns",
                "text": (
                    "Tur 1, 9 og 11 handler om jobloggen og CV'et på Jobnet. I tur 6 siger"
                    " borgeren, at han har været typograf i 30 år, og at ingen skal bruge det"
                    " mere; i tur 7 siger du, at branchen har ændret sig meget."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 12 nævner borgeren efter en pause svogerens skiltefirma. I tur 13"
                    " spørger du, om det er lønnet, og tur 15 og 17 handler om registrering og"
                    " sort arbejde."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 19 vender du selv tilbage til folien og kobler den til typograf. I tur"
                    " 20 griner borgeren og siger, at det er det samme, bare på en bil."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 4 nævner borgeren de stillinger, han har søgt: lager, chauffør og"
                    " pedel. Typograf og skiltefirma kommer frem senere i samtalen, og i tur 24"
                    " fortæller han, at svogeren har for travlt om foråret."
                ),
            },
            {
                "lens": "labour_market_perspective",
                "text": (
                    "I tur 25 bliver svogerens travle forår til en mulighed: at tale med ham om"
                    " nogle timer."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, at spørgsmålet om sort arbejde måske gjorde borgeren"
            " forsigtig – og at han alligevel fortalte mere, da du vendte tilbage til folien.",
            "Man kunne forestille sig, at 30 år som typograf kunne stå i CV'et som noget, der"
            " peger frem – grafisk produktion, tryk, folie – og ikke kun som et fag, der er væk.",
            "Jeg undrer mig over, om ansøgningerne om lager og chauffør er dem, han tror,"
            " jobcentret gerne vil se.",
        ],
        "struck": (
            "At jeg gik direkte til sort arbejde. Det er noget, vi er blevet så vant til at"
            " spørge om. Men det var også mig, der fandt folien igen."
        ),
        "takeaway": (
            "Jeg vil huske, at jeg kan vende tilbage til noget, selvom jeg først har taget det i"
            " en anden retning."
        ),
        "learning_points": [
            {
                "text": (
                    "Reglerne om registrering af arbejde gør, at vi hører 'jeg har hjulpet' som en"
                    " kontrolsag, før vi hører det som en jobmulighed."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Det er muligt at vende tilbage til en gribning senere i samme samtale. Her"
                    " skete det i tur 19."
                ),
                "category": "practice_pattern",
                "share": True,
            },
            {
                "text": (
                    "Hvordan taler ledige over 55 om deres gamle fag – og hvordan bliver det brugt"
                    " i CV'et?"
                ),
                "category": "research_question",
                "share": False,
            },
        ],
    },
    # 15 ---------------------------------------------------------------------------------------
    {
        "title": "Hjemmebesøg – borger, der ikke åbner brevene",
        "conversation_kind": "other",
        "situation": ["mental_health", "long_term_unemployment"],
        "lenses": ["gribning", "three_tasks", "moral_dimensions"],
        "excerpt": _excerpt(
            "R: Tak, fordi jeg måtte komme. Jeg ved godt, det er lidt anderledes, at jeg kommer"
            " hjem til dig.",
            "B: Det er okay. (.) Undskyld rodet.",
            "R: Det skal du ikke tænke på. (2.0) Hvad er det, du har gang i der på bordet?",
            "B: Det er et skib. Et modelskib. (.) Jeg har bygget på det siden jul.",
            "R: Det er da helt vildt. Er det alle de små tove?",
            "B: Ja. ((griner)) Det tager lang tid. Man skal bruge pincet.",
            "R: Hvor mange timer sidder du med det?",
            "B: Nogle dage hele dagen. (1.5) Det er det eneste, hvor jeg ikke tænker.",
            "R: Nej. (.) Det kan jeg godt forstå.",
            "B: Mm.",
            "R: Jeg er kommet, fordi vi ikke har kunnet få fat i dig. Vi har sendt breve til din"
            " Digitale Post.",
            "B: Jeg åbner dem ikke. (.) Jeg kan ikke (.) når der står jobcentret, så får jeg ondt i"
            " maven.",
            "R: Okay. Det er godt, at du siger det.",
            "    Så skal vi finde en anden måde. Kan jeg ringe eller sende en sms i stedet?",
            "B: Sms er bedre.",
            "R: Så gør vi det. (1.0) Jeg bliver også nødt til at sige, at når vi ikke kan få"
            " kontakt, kan det få betydning for din kontanthjælp. Det er ikke for at true dig,"
            " men du skal vide det.",
            "B: Ja. (2.0) Det vidste jeg godt.",
            "R: Jeg vil gerne have, at vi laver en plan, du kan overskue. Måske starter vi med, at"
            " jeg kommer her igen om 14 dage.",
            "B: Ja. Det er okay.",
            "R: Og (.) det der med skibet. Hvis du har lyst, vil jeg gerne høre mere om det næste"
            " gang.",
            "B: (1.5) Ja. Så kan du se, om jeg har fået masterne på.",
        ),
        "context_wish": (
            "Det var mit første hjemmebesøg hos ham, og jeg var spændt på, om det var en god idé."
            " Jeg vil gerne høre, hvad I hører i overgangen fra skibet til brevene."
        ),
        "observations": [
            {
                "lens": "gribning",
                "text": (
                    "I tur 3 spørger du til det, der står på bordet, før I taler om noget andet."
                    " I tur 4 til 8 fortæller borgeren om modelskibet, pincetten og timerne."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 8 siger borgeren efter en pause: 'Det er det eneste, hvor jeg ikke"
                    " tænker.' I tur 9 siger du, at du godt kan forstå det, og i tur 11 går du"
                    " videre til, hvorfor du er kommet."
                ),
            },
            {
                "lens": "three_tasks",
                "text": (
                    "I tur 12 fortæller borgeren, at han får ondt i maven, når der står"
                    " jobcentret. I tur 13 spørger du, hvordan I så kan holde kontakten, og i tur"
                    " 14 vælger han sms."
                ),
            },
            {
                "lens": "moral_dimensions",
                "text": (
                    "I tur 15 siger du, at manglende kontakt kan få betydning for kontanthjælpen,"
                    " og tilføjer, at det ikke er for at true. I tur 16 siger borgeren, efter en"
                    " pause, at han godt vidste det."
                ),
            },
            {
                "lens": "gribning",
                "text": (
                    "I tur 19 vender du tilbage til skibet og spørger, om du må høre mere næste"
                    " gang. I tur 20 svarer borgeren, at du så kan se, om han har fået masterne"
                    " på."
                ),
            },
        ],
        "reflections": [
            "Jeg kommer til at tænke på, at 'det eneste, hvor jeg ikke tænker' også siger noget"
            " om, hvordan resten af dagen er for ham – det kunne være et sted at spørge videre,"
            " når I kender hinanden bedre.",
            "Man kunne forestille sig, at tålmodighed, fingerfærdighed og at kunne arbejde mange"
            " timer med én ting også kan tales om som arbejdsevne – senere.",
            "Jeg undrer mig over, hvordan det var for dig at skulle sige det med kontanthjælpen"
            " i hans stue.",
        ],
        "struck": (
            "At han sluttede med masterne. Så har han en grund til, at jeg kommer igen, som ikke"
            " handler om jobcentret."
        ),
        "takeaway": (
            "Jeg vil begynde flere samtaler med det, der er i rummet, og ikke med grunden til, at"
            " vi mødes."
        ),
        "learning_points": [
            {
                "text": (
                    "Digital Post er standard, men for nogle borgere er brevene i sig selv en"
                    " barriere. Reglerne om at reagere på indkaldelser forudsætter, at brevene"
                    " bliver åbnet."
                ),
                "category": "frames_demands",
                "share": True,
            },
            {
                "text": (
                    "Vi skal sige, at manglende kontakt kan få konsekvenser, og samtidig skabe den"
                    " tillid, der gør, at borgeren svarer næste gang."
                ),
                "category": "dilemma",
                "share": True,
            },
            {
                "text": "Et hjemmebesøg giver noget at tale om, som ikke er sagen.",
                "category": "practice_pattern",
                "share": False,
            },
        ],
    },
]


# ---------------------------------------------------------------------------------------------
# Variation for bulk generation
# ---------------------------------------------------------------------------------------------

# Alternative wordings per case (keyed by the case title): what another bringer might have
# written about the same conversation. `compose_case` picks between these and the case's own.
_VARIANTS: dict[str, dict[str, list[str]]] = {
    "Opfølgning i virksomhedspraktik – lager": {
        "title": ["Opfølgning på lagerpraktik – uge seks", "Praktikopfølgning – lager og truck"],
        "context_wish": [
            "Jeg vil gerne høre, hvad I lægger mærke til i starten af samtalen. Jeg har en"
            " fornemmelse af, at jeg var mere optaget af papirerne end af ham.",
        ],
        "struck": [
            "At trucken kom to gange. Første gang gik jeg lige forbi den, fordi jeg havde"
            " timesedlerne i hovedet.",
        ],
        "takeaway": [
            "Jeg vil tage timesedlerne til sidst næste gang og se, hvad der sker.",
        ],
    },
    "Første samtale – kontanthjælp efter sygedagpenge": {
        "title": ["Første samtale – ny på kontanthjælp"],
        "context_wish": [
            "Jeg vil gerne låne jeres ører til en første samtale, hvor der skete meget på kort"
            " tid. Jeg er i tvivl om, om hun kunne følge med.",
        ],
        "struck": [
            "At det var et enkelt ord, der åbnede for det med huslejen. Jeg havde forberedt en"
            " hel masse spørgsmål, og det var ikke dem, der gjorde det.",
        ],
        "takeaway": [
            "Jeg vil forklare samtykket bedre – hvad vi skal bruge oplysningerne til, og hvad"
            " vi ikke skal.",
        ],
    },
    "Forberedelse til rehabiliteringsteamet – ryg og skuldre": {
        "title": ["Forberedende samtale før rehabiliteringsteamet"],
        "context_wish": [
            "Jeg vil gerne høre, hvordan I hører hans spørgsmål om pension. Jeg svarer det samme"
            " hver gang, og jeg er ikke sikker på, at det hjælper.",
        ],
        "struck": [
            "At han sagde 'noget med hænderne', og at jeg henviste til et felt i en blanket. Det"
            " lyder hårdt, når man læser det.",
        ],
        "takeaway": [
            "Jeg vil spørge til, hvad borgeren selv vil sige til teamet, før vi går i gang med"
            " papirerne.",
        ],
    },
    "Opfølgning på praktik i en børnehave": {
        "title": ["Praktikopfølgning – børnehave, køkken og de små"],
        "context_wish": [
            "Jeg vil gerne høre, hvordan I hører det med uddannelsen. Jeg er bange for, at jeg"
            " har skabt forventninger, jeg ikke kan indfri.",
        ],
        "struck": [
            "At det vigtigste kom, da jeg ikke sagde noget. Bare 'Ja?'.",
        ],
        "takeaway": [
            "Mødetider og praktiske ting kan være dét, der afgør, om en praktik holder. Jeg vil"
            " spørge til dem hver gang.",
        ],
    },
    "Opfølgning – misbrugsbehandling og jobplan": {
        "title": ["Opfølgning – behandling, samtykke og værksted"],
        "context_wish": [
            "Jeg vil gerne høre, hvad I tænker om det med broderen. Jeg ved ikke, om jeg tog det"
            " alvorligt nok, eller om jeg tog det for alvorligt.",
        ],
        "struck": [
            "At han selv satte grænsen for samtykket, og at det faktisk gjorde samtalen lettere.",
        ],
        "takeaway": [
            "Jeg vil spørge, hvad borgeren selv vil have stående i planen, før jeg skriver noget"
            " ind.",
        ],
    },
    "Første samtale i Team Unge – stoppet på HF": {
        "title": ["Første samtale – ung, knallerter og mekaniker"],
        "context_wish": [
            "Jeg vil gerne låne jeres ører til en første samtale med en ung, hvor jeg gjorde"
            " det meste af snakken. Jeg vil gerne høre, hvor han kom til orde.",
        ],
        "struck": [
            "At knallerterne og mekaniker hænger sammen. Det så jeg ikke, før vi læste det sammen.",
        ],
        "takeaway": [
            "Næste gang starter jeg med knallerterne.",
        ],
    },
    "Opfølgning i ressourceforløb – genbrugsbutikken": {
        "title": ["Ressourceforløb – opfølgning med mentor i baghånden"],
        "context_wish": [
            "Jeg vil gerne høre, hvad I hører, når hun siger, at det går for stærkt. Jeg kender"
            " det fra mange af mine samtaler.",
        ],
        "struck": [
            "Pausen på tre sekunder. Jeg kan huske den fra samtalen, men jeg vidste ikke, at den"
            " var så lang.",
        ],
        "takeaway": [
            "Ikke alt godt skal skrives ned. Jeg vil spørge borgeren, før noget bliver til en"
            " aftale.",
        ],
    },
    "Arbejdsprøvning på plejecenter – hvor mange timer?": {
        "title": ["Arbejdsprøvning på plejecenter – timer og fleksjob"],
        "context_wish": [
            "Jeg vil gerne høre, hvordan I hører det, når jeg forklarer fleksjob. Jeg synes, jeg"
            " siger det samme til alle.",
        ],
        "struck": [
            "At hun rettede mig med de 23 år. Det betød noget for hende, og det havde jeg ikke"
            " tænkt over.",
        ],
        "takeaway": [
            "Jeg vil tage opgaverne med i beskrivelsen af arbejdsprøvningen, ikke kun timerne.",
        ],
    },
    "Praktik hos en tømrer – fra praktik til løntimer": {
        "title": ["Praktikopfølgning hos tømrer – uge 10 af 13"],
        "context_wish": [
            "Jeg vil gerne låne jeres ører til en samtale, der gik godt, for at blive klogere på,"
            " hvorfor den gik godt.",
        ],
        "struck": [
            "At det var ham, der valgte, at vi skulle ringe sammen. Jeg havde lige tilbudt at"
            " gøre det alene.",
        ],
        "takeaway": [
            "Spørg altid: 'Har arbejdsgiveren sagt noget om, hvad der skal ske bagefter?'",
        ],
    },
    "Telefonsamtale efter udeblivelse": {
        "title": ["Opkald efter udeblivelse – rimelig grund"],
        "context_wish": [
            "Jeg vil gerne høre, hvad I tænker om at skulle tale om fradrag i en samtale, hvor"
            " borgeren er i krise.",
        ],
        "struck": [
            "At hun sagde, at hun havde savnet at komme ud, og at jeg gik videre til ydelsen i"
            " samme åndedrag.",
        ],
        "takeaway": [
            "Jeg vil spørge, om jeg må kontakte familieafdelingen, så hun ikke skal fortælle det"
            " hele to gange.",
        ],
    },
    "Første samtale med tolk – mekaniker fra hjemlandet": {
        "title": ["Første samtale med tolk – jobparat med erfaring fra værksted"],
        "context_wish": [
            "Jeg vil gerne høre, hvordan tolkningen påvirker samtalen. Jeg synes, det er svært"
            " at nå ud over reglerne, når alt skal siges to gange.",
        ],
        "struck": [
            "At han sagde 'Jeg vil ikke gøre rent mere', og at det var det, der vendte samtalen.",
        ],
        "takeaway": [
            "Jeg vil finde værksteder, der vil tage en praktikant med erfaring fra et andet land.",
        ],
    },
    "Opfølgning på praktik i Netto – 10 timer om ugen": {
        "title": ["Praktikopfølgning i supermarked – morgen eller eftermiddag"],
        "context_wish": [
            "Jeg vil gerne høre, hvad I lægger mærke til i måden, jeg svarer hende på. Hun siger"
            " ikke så meget, og jeg fylder hullerne ud.",
        ],
        "struck": [
            "Æblerne. Hun fortalte mig, hvad hun er glad for, og jeg talte om timer.",
        ],
        "takeaway": [
            "Jeg vil tage hendes egne ord om morgenen med til trepartsmødet.",
        ],
    },
    "Forberedelse til rehabiliteringsteamet – fleksjob eller førtidspension?": {
        "title": ["Statusattest og rehabiliteringsteam – 'jeg er ikke færdig endnu'"],
        "context_wish": [
            "Jeg vil gerne låne jeres ører til en samtale, hvor jeg skulle sige noget, jeg helst"
            " ikke ville. Jeg vil gerne høre, hvad I hører.",
        ],
        "struck": [
            "Skolebussen. Han har været i systemet i mange år, og det havde jeg aldrig hørt om.",
        ],
        "takeaway": [
            "Jeg vil give borgeren tid til at reagere på statusattesten, før vi taler om, hvad"
            " der skal ske.",
        ],
    },
    "Opfølgning – tidligere typograf, joblog og CV": {
        "title": ["Opfølgning med jobparat over 55 – joblog og CV"],
        "context_wish": [
            "Jeg vil gerne høre, hvordan I hører det, når jeg spørger til sort arbejde. Det er et"
            " spørgsmål, vi skal stille, men det gør noget ved samtalen.",
        ],
        "struck": [
            "At folien på bilerne var det samme som typograf for ham. Det havde han aldrig sagt,"
            " hvis jeg ikke var vendt tilbage til det.",
        ],
        "takeaway": [
            "Jeg vil spørge til borgerens gamle fag som noget, der kan bruges, ikke som noget,"
            " der er væk.",
        ],
    },
    "Hjemmebesøg – borger, der ikke åbner brevene": {
        "title": ["Hjemmebesøg efter manglende kontakt"],
        "context_wish": [
            "Jeg vil gerne høre, hvordan I hører det, når jeg siger det med kontanthjælpen. Jeg"
            " var i tvivl, om jeg skulle sige det ved første besøg.",
        ],
        "struck": [
            "At han godt vidste det med kontanthjælpen. Det var ikke nyt for ham, det var"
            " brevene, der var svære.",
        ],
        "takeaway": [
            "Jeg vil spørge borgerne, hvordan de helst vil kontaktes, før de holder op med at"
            " svare.",
        ],
    },
}

# Reflections a listener might add to any case, by lens. Wonderings, never judgements.
_GENERIC_REFLECTIONS: dict[str, list[str]] = {
    "gribning": [
        "Jeg kommer til at tænke på, hvad der var sket, hvis samtalen var blevet ved borgerens"
        " egne ord lidt længere.",
        "Man kunne forestille sig at spørge: 'Hvad var det bedste ved det?' – og så se, hvad"
        " der sker.",
    ],
    "institutional_turns": [
        "Jeg undrer mig over, om nogle af de praktiske ting kunne samles til sidst i samtalen –"
        " eller om borgeren netop har brug for at få dem af vejen først.",
        "Man kunne forestille sig at sige højt, hvorfor reglen er der, og hvad den betyder for"
        " borgeren lige nu.",
    ],
    "labour_market_perspective": [
        "Jeg kommer til at tænke på, hvem der i samtalen siger noget om en konkret arbejdsplads"
        " – og hvornår.",
        "Man kunne forestille sig at spørge, hvilke opgaver borgeren kan se sig selv i, før"
        " timetallet kommer på bordet.",
    ],
    "three_tasks": [
        "Jeg undrer mig over, om borgeren kan mærke, hvornår du vurderer, hvornår du informerer,"
        " og hvornår du støtter – og om det ville hjælpe at sige det højt.",
    ],
    "moral_dimensions": [
        "Jeg kommer til at tænke på, at både effektivitet og respekt er på spil her, og at de"
        " trækker i hver sin retning.",
        "Man kunne forestille sig at sætte ord på dilemmaet over for borgeren: 'Jeg er nødt til"
        " at spørge om det her, selvom …'",
    ],
}


# Learning points a pair might write about any conversation, by category (prompts/options.yaml).
# `demo.seed` mixes them with the case's own points, so that a lead's or facilitator's pool of
# shared points reads like many different conversations. "Rammer/krav" (frames_demands) says
# what in the frames crowds out the conversation; the texts never name a citizen or a colleague.
LEARNING_POINTS: dict[str, list[str]] = {
    "frames_demands": [
        "Opfølgningen skal holdes inden for fristen, og så bliver samtalen til en samtale om"
        " fristen. Det, borgeren gerne ville fortælle om praktikken, nåede vi ikke.",
        "Når ydelsen afhænger af en underskrift, kommer underskriften først. Borgeren sidder og"
        " venter på, at 'det praktiske' er overstået, før hun siger noget selv.",
        "Planen skal opdateres ved hver samtale. Vi skriver, mens borgeren taler, og det er"
        " skærmen, der får vores opmærksomhed, når hun tøver.",
        "Rådighedsvurderingen skal dokumenteres, så vi spørger til ansøgninger og joblog, før vi"
        " spørger til, hvordan borgeren har haft det siden sidst.",
        "Der er afsat en halv time til samtalen. Når borgeren begynder at fortælle noget vigtigt"
        " til sidst, lukker vi ned i stedet for at åbne op.",
        "Statusattesten skal være indhentet, før sagen kan gå til rehabiliteringsteamet. Samtalen"
        " bliver en tjekliste over papirer, og borgerens eget bud får en linje til sidst.",
        "Når borgeren er udeblevet, skal reglerne om fradrag forklares. Det er svært at spørge"
        " nysgerrigt ind til, hvad der skete, i samme samtale.",
        "Visitationsskemaet bestemmer rækkefølgen af spørgsmålene. Det, borgeren selv lægger ud"
        " med, må vente, til vi når til det felt, hvor det passer ind.",
        "En praktik skal have en slutdato og et timetal, før den kan bevilges. Borgerens"
        " spørgsmål om, hvad man egentlig skal lave derude, bliver besvaret med datoer.",
        "Med mange samtaler på en dag går vi efter det, der skal noteres. Borgerens tøven bliver"
        " skrevet ned som 'usikker' i stedet for at blive udforsket.",
        "Når sagen skifter team, starter vi med at gennemgå reglerne igen. Borgeren har hørt dem"
        " flere gange før og når ikke at fortælle, hvad der er sket siden.",
        "Målet om, at flere skal i virksomhedsrettede tilbud, gør, at vi spørger til praktik,"
        " før vi har spurgt til, hvad borgeren selv kunne tænke sig.",
        "Reglerne ændrer sig ofte, og vi bruger tid i samtalen på at forklare, hvad der er nyt."
        " Den tid mangler, når borgeren vil tale om sin egen situation.",
        "Samtykket skal underskrives, før vi må kontakte lægen. Vi læser det op, og samtalen"
        " mister det tempo, borgeren lige havde fundet.",
        "Der er faste punkter, der skal krydses af i opfølgningen. Borgerens egen fortælling om,"
        " hvad der hjælper, passer ikke ind i nogen af dem.",
        "Pligten til at stå til rådighed skal siges tydeligt. Når den kommer tidligt i samtalen,"
        " farver den alt, hvad borgeren siger bagefter.",
        "Tolken er bestilt til en time. Når alt skal siges to gange, er der kun tid til reglerne"
        " og ikke til borgerens erfaringer fra sit fag.",
        "Tilbuddene ligger fast for et år ad gangen. Når borgeren nævner et ønske, der ikke"
        " passer ind i et af dem, går vi hurtigt videre.",
        "Vi skal kunne dokumentere, at den unge er vejledt om uddannelsespålægget. Det bliver"
        " let det eneste, den unge husker fra samtalen.",
        "Opfølgningen i ressourceforløbet har sin egen skabelon, og skabelonens overskrifter"
        " bliver samtalens overskrifter. Borgerens egne overskrifter forsvinder.",
        "Det er os, der skriver referatet fra mødet med virksomheden. Borgerens egne ord om"
        " opgaverne bliver til 'borgeren er positiv'.",
        "Vi har et mål for, hvor mange der skal have løntimer. Det gør det svært ikke at høre"
        " borgerens 'måske' som et ja.",
        "Journalnotatet skal kunne læses af en kollega. Vi spørger derfor efter det, der skal"
        " stå i notatet, frem for det, der betyder noget for borgeren.",
        "Fraværet skal registreres samme dag. Så ringer vi om fraværet og ikke om det, der"
        " gjorde, at borgeren ikke kom.",
        "En mentor skal begrundes med konkrete aktiviteter. Vi spørger til timer og mødesteder,"
        " før vi ved, hvad borgeren gerne vil have hjælp til.",
        "Når en ny sagsbehandler overtager, skal der laves en ny vurdering. Borgerens historie"
        " bliver fortalt endnu en gang, og denne gang til et skema.",
        "Kravene til joblog og CV fylder i samtaler med jobparate, også når borgeren fortæller"
        " om et konkret job, han har hørt om gennem en bekendt.",
        "Fristen for at sende sagen videre bliver sagt højt flere gange i samtalen. Borgeren"
        " svarer 'ja' og bliver mere og mere stille.",
        "Når samtalen bliver en telefonsamtale, fordi der ikke er et ledigt mødelokale, bliver"
        " den kortere og mere formel. Pauserne er sværere at høre.",
        "Reglerne om supplerende ydelse ved få løntimer er svære at forklare kort. Vi bruger"
        " tiden på beregningen og ikke på, om jobbet er det rigtige.",
        "Fordi vi skal vurdere, om borgeren kan tage imod et tilbud, bliver spørgsmålene om"
        " helbred til ja/nej-spørgsmål. Gode og dårlige dage får ikke plads.",
        "Ønsket om korte forløb gør, at vi taler om næste skridt, før borgeren har sagt, hvordan"
        " det sidste gik.",
        "Vi skal indkalde til samtale inden for fristen, også når borgeren lige er startet i"
        " behandling. Samtalen bliver mest et bevis på, at fristen er holdt.",
        "Skemaet til den forberedende del starter med uddannelse og arbejdshistorik. Borgeren"
        " ville helst starte med det seneste år, og det bliver aldrig rigtig sagt.",
        "Fagsystemets skabelon har ingen rubrik for det, borgeren drømmer om. Det bliver sagt,"
        " men ikke skrevet, og ved næste samtale er det væk.",
        "Vi skal nå at tale om både jobsøgning, helbred og aktiviteter hver gang. Når alle tre"
        " skal med, bliver der ikke tid til at blive ved det, der optager borgeren.",
    ],
    "practice_pattern": [
        "Vi stiller tit to spørgsmål i træk, og borgeren svarer kun på det sidste.",
        "Når borgeren holder en pause, fylder vi den ud med et nyt spørgsmål i stedet for at"
        " vente lidt.",
        "Vi opsummerer med vores egne ord, og borgeren siger 'ja', også når det ikke helt var"
        " det, hun mente.",
        "Vi siger 'det lyder godt' og går videre. Et 'hvad tænker du selv om det?' kunne give"
        " borgeren plads til at sige mere.",
        "Når vi gentager borgerens eget ord, fortæller borgeren mere, end når vi stiller et nyt"
        " spørgsmål.",
        "Vi gemmer det sværeste punkt til sidst, hvor der ikke er tid tilbage til at tale om det.",
        "Vi forklarer reglerne grundigt, men spørger sjældent, hvad de betyder for borgeren lige"
        " nu.",
        "Det er ofte borgeren, der nævner et konkret job, men os, der bestemmer, hvornår der"
        " bliver talt om det.",
        "Vi slutter samtalen med en ny aftale, før vi har spurgt, hvad borgeren tager med sig"
        " hjem.",
        "Vi hører et 'måske' som et nej og går videre til noget andet.",
        "Når borgeren griner af sig selv, griner vi med, og så er emnet lukket.",
        "Vi bruger 'vi' om det, borgeren skal gøre, og 'jeg' om det, vi selv skal gøre. Det"
        " lyder venligt, men gør det uklart, hvem der har ansvaret.",
    ],
    "dilemma": [
        "Skal fradraget nævnes nu, hvor borgeren er ked af det, eller næste gang, hvor det"
        " måske kommer bag på ham?",
        "Borgeren vil gerne i praktik med det samme, men lægen anbefaler ro. Hvem skal vi lytte"
        " mest til?",
        "Det er effektivt at give alle det samme forløb, men det er ikke det samme som at"
        " behandle alle retfærdigt.",
        "Vi vil gerne bevare tilliden, og vi skal samtidig kontrollere rådigheden. Begge dele"
        " sker i den samme samtale.",
        "Når borgeren foreslår et job, der ikke er realistisk lige nu, hvordan tager vi ønsket"
        " alvorligt uden at love for meget?",
        "Skal vi fortælle virksomheden om borgerens helbred, så praktikken kan tilpasses, eller"
        " holde det tilbage for at beskytte borgeren?",
        "Vi kan bruge mere tid på den borger, der åbner sig, men så får de andre mindre. Hvad er"
        " retfærdigt?",
        "Borgeren ønsker at beholde sin sagsbehandler, men organiseringen siger noget andet.",
        "Et hurtigt ja til en praktik kan være motivation, eller et ja for at få samtalen"
        " overstået.",
        "Vi skal være ærlige om, hvad ydelsen bliver, uden at det tager modet fra borgeren.",
    ],
    "research_question": [
        "Hvor i samtalen kommer borgerens egne ønsker typisk frem: i starten, i midten eller lige"
        " før vi slutter?",
        "Hvad sker der med et ønske, borgeren nævner, når det ikke bliver skrevet ind i planen?",
        "Siger borgerne mere, når vi sidder over for hinanden, end når samtalen foregår i"
        " telefonen?",
        "Hvordan oplever borgerne selv de institutionelle dele af samtalen: som støj eller som"
        " tryghed?",
        "Hvor ofte bliver et konkret job nævnt i samtaler med aktivitetsparate borgere, og af"
        " hvem?",
        "Hvad gør det ved samtalen, at der sidder en tolk med?",
        "Hvilke spørgsmål får borgerne til at fortælle om det, de er gode til?",
        "Hvordan kan virksomhederne inddrages, så borgerens egne ønsker kommer med i"
        " praktikaftalen?",
        "Gør det en forskel, om reglerne bliver forklaret i starten eller i slutningen af"
        " samtalen?",
        "Hvad kendetegner de samtaler, hvor en praktik senere bliver til løntimer?",
        "Hvordan påvirker et skift af sagsbehandler det, borgeren tør sige?",
    ],
}


def free_texts() -> list[str]:
    """Every free text in this module (for the personal-data check in the tests)."""
    out: list[str] = []
    for case in CASES:
        out += [case["title"], case["excerpt"], case["context_wish"], case["struck"]]
        out += [case["takeaway"], *case["reflections"]]
        out += [o["text"] for o in case["observations"]]
        out += [p["text"] for p in case["learning_points"]]
    for variants in _VARIANTS.values():
        for texts in variants.values():
            out += texts
    for texts in (*_GENERIC_REFLECTIONS.values(), *LEARNING_POINTS.values()):
        out += texts
    return out


def compose_case(rng: random.Random) -> dict:
    """Return a new case dict of the same shape, for bulk generation.

    Picks a base case from `CASES` and varies it: alternative wordings for the title, the
    bringer's wish, what struck the bringer and the takeaway; a sub-selection of the situation
    categories (the first, main one is always kept); a shuffled sub-selection of observations
    (at least three), reflections (at least two, sometimes with a general one added) and
    learning points (at least one, whose sharing may differ). Only texts from this module are
    recombined, so no personal data can appear. The base case is never modified.
    """
    base = rng.choice(CASES)
    case = copy.deepcopy(base)
    variants = _VARIANTS.get(base["title"], {})
    for field in ("title", "context_wish", "struck", "takeaway"):
        options = [base[field], *variants.get(field, [])]
        case[field] = rng.choice(options)

    situation = base["situation"]
    case["situation"] = [situation[0]] + [s for s in situation[1:] if rng.random() < 0.7]

    observations = copy.deepcopy(base["observations"])
    k = rng.randint(min(3, len(observations)), len(observations))
    case["observations"] = rng.sample(observations, k)

    reflections = list(base["reflections"])
    k = rng.randint(min(2, len(reflections)), len(reflections))
    chosen = rng.sample(reflections, k)
    if len(chosen) < 4 and rng.random() < 0.3:
        lens = rng.choice(base["lenses"])
        extra = [r for r in _GENERIC_REFLECTIONS.get(lens, []) if r not in chosen]
        if extra:
            chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(extra))
    case["reflections"] = chosen

    points = copy.deepcopy(base["learning_points"])
    k = rng.randint(1, len(points))
    chosen_points = rng.sample(points, k)
    for point in chosen_points:
        if point["share"] and rng.random() < 0.15:
            point["share"] = False
    case["learning_points"] = chosen_points
    return case
