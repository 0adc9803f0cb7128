"""User-facing strings, Danish first. The prompt catalogue carries its own translations."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("da", "en")

# key: (Danish, English)
STRINGS: dict[str, tuple[str, str]] = {
    # frame
    "app.title": ("Lån et øre", "Lend an ear"),
    "app.tagline": (
        "Kollegial refleksion over rigtige samtaler – beskrivende, ikke vurderende.",
        "Peer reflection on real conversations – descriptive, not evaluative.",
    ),
    "app.demo_banner": (
        "DEMO – alle personer, samtaler og refleksioner her er opdigtede. "
        "Skriv aldrig rigtige borgeroplysninger her.",
        "DEMO – all people, conversations and reflections here are fictional. "
        "Never write real citizen data here.",
    ),
    "app.language": ("Sprog / Language", "Sprog / Language"),
    "app.logout": ("Log ud", "Log out"),
    "app.logged_in_as": ("Logget ind som {name}", "Logged in as {name}"),
    "app.roles": ("Roller: {roles}", "Roles: {roles}"),
    "app.no_pages": (
        "Din konto har endnu ingen rolle med sider. Kontakt din administrator.",
        "Your account has no role with pages yet. Contact your administrator.",
    ),
    "app.no_cookie_key": (
        "Appen kan ikke starte: der mangler en stærk cookie-nøgle (mindst 32 tegn) i "
        "LISES_COOKIE_KEY eller i .streamlit/secrets.toml som cookie_key.",
        "The app cannot start: a strong cookie key (at least 32 characters) is missing from "
        "LISES_COOKIE_KEY or from .streamlit/secrets.toml as cookie_key.",
    ),
    "app.catalogue_broken": (
        "Promptkataloget kan ikke indlæses: {error}",
        "The prompt catalogue cannot be loaded: {error}",
    ),
    "role.caseworker": ("Sagsbehandler", "Caseworker"),
    "role.teamlead": ("Teamleder", "Team lead"),
    "role.facilitator": ("Facilitator", "Facilitator"),
    "role.admin": ("Administrator", "Administrator"),
    # login
    "login.form": ("Log ind", "Log in"),
    "login.username": ("Brugernavn", "Username"),
    "login.password": ("Adgangskode", "Password"),
    "login.submit": ("Log ind", "Log in"),
    "login.welcome": ("Du er logget ind …", "You are logged in …"),
    "login.failed": (
        "Brugernavn eller adgangskode er forkert.",
        "Username or password is incorrect.",
    ),
    "login.locked": (
        "For mange forsøg. Vent et øjeblik, og prøv igen.",
        "Too many attempts. Wait a moment and try again.",
    ),
    "login.demo_accounts": ("Demokonti", "Demo accounts"),
    "login.demo_help": (
        "Alle demokonti har adgangskoden **{password}**. Log ind som bringer i ét vindue og "
        "som lytter i et andet (fx et privat vindue) for at holde en session sammen.",
        "All demo accounts use the password **{password}**. Log in as bringer in one window "
        "and as listener in another (e.g. a private window) to hold a session together.",
    ),
    "login.col.username": ("Brugernavn", "Username"),
    "login.col.name": ("Navn", "Name"),
    "login.col.roles": ("Roller", "Roles"),
    "login.col.team": ("Team", "Team"),
    # first run
    "firstrun.title": ("Første opstart", "First start"),
    "firstrun.intro": (
        "Databasen er tom. Opret den første administrator; derefter opretter "
        "administratoren organisationer, teams og brugere.",
        "The database is empty. Create the first administrator; the administrator then "
        "creates organisations, teams and users.",
    ),
    "firstrun.username": ("Brugernavn", "Username"),
    "firstrun.name": ("Navn", "Name"),
    "firstrun.password": (
        "Adgangskode (mindst 12 tegn)",
        "Password (at least 12 characters)",
    ),
    "firstrun.password2": ("Gentag adgangskode", "Repeat password"),
    "firstrun.submit": ("Opret administrator", "Create administrator"),
    "firstrun.mismatch": (
        "De to adgangskoder er ikke ens.",
        "The two passwords differ.",
    ),
    "firstrun.done": (
        "Administratoren er oprettet. Log ind herunder.",
        "The administrator was created. Log in below.",
    ),
    # navigation
    "nav.home": ("Forside", "Home"),
    "nav.mine": ("Mine refleksioner", "My reflections"),
    "nav.new": ("Ny refleksion", "New reflection"),
    "nav.session": ("Refleksion", "Reflection"),
    "nav.admin": ("Administration", "Administration"),
    # errors
    "error.generic": (
        "Noget gik galt. Prøv igen.",
        "Something went wrong. Please try again.",
    ),
    "error.permission": (
        "Det har du ikke adgang til.",
        "You do not have access to this.",
    ),
    "error.not_logged_in": (
        "Du er ikke logget ind, eller din konto er deaktiveret.",
        "You are not logged in, or your account is deactivated.",
    ),
    "error.role_required": (
        "Denne side kræver rollen: {roles}. Din konto har den ikke.",
        "This page requires the role: {roles}. Your account does not have it.",
    ),
    "error.not_participant": (
        "Du deltager ikke i denne refleksion, så du kan ikke se den.",
        "You are not a participant in this reflection, so you cannot see it.",
    ),
    "error.bringer_only": (
        "Kun bringeren kan ændre dette.",
        "Only the bringer can change this.",
    ),
    "error.listener_only": (
        "Kun lytterne skriver iagttagelser og refleksioner.",
        "Only the listeners write observations and reflections.",
    ),
    "error.not_found": ("Det findes ikke (længere).", "It does not exist (any more)."),
    "error.session_not_found": (
        "Refleksionen findes ikke (længere). Måske har bringeren slettet den.",
        "The reflection does not exist (any more). The bringer may have deleted it.",
    ),
    "error.invalid": ("Ugyldigt input.", "Invalid input."),
    "error.too_long": (
        "Teksten er for lang: {length} tegn, højst {limit}. Din tekst er ikke gemt, men står "
        "stadig i feltet – kort den ned.",
        "The text is too long: {length} characters, at most {limit}. It was not saved but is "
        "still in the field – shorten it.",
    ),
    "error.personal_data": (
        "Teksten er ikke gemt, fordi den ser ud til at indeholde personoplysninger. "
        "Den står stadig i feltet. {details}",
        "The text was not saved because it seems to contain personal data. It is still in the "
        "field. {details}",
    ),
    "error.conflict": (
        "En anden har gemt en ny version af denne tekst, mens du skrev. Din tekst er ikke "
        "overskrevet og står stadig i feltet; den anden version vises herunder. Saml dem, og "
        "gem igen.",
        "Someone else saved a new version of this text while you were writing. Your text was "
        "not overwritten and is still in the field; the other version is shown below. Merge "
        "them and save again.",
    ),
    "error.session_finished": (
        "Refleksionen er afsluttet og kan ikke længere ændres.",
        "The reflection is finished and can no longer be changed.",
    ),
    "error.no_team": (
        "Din konto er ikke knyttet til et team. Kontakt din administrator.",
        "Your account is not linked to a team. Contact your administrator.",
    ),
    "error.too_many_listeners": (
        "Du kan invitere højst {maximum} kolleger.",
        "You can invite at most {maximum} colleagues.",
    ),
    "error.listener_not_in_team": (
        "Du kan kun invitere aktive sagsbehandlere fra dit eget team.",
        "You can only invite active caseworkers from your own team.",
    ),
    "error.listener_has_contributions": (
        "Kollegaen har allerede skrevet i sessionen og kan ikke fjernes. Kollegaen kan selv "
        "forlade sessionen under Mine refleksioner.",
        "The colleague has already written in the session and cannot be removed. The colleague "
        "can leave the session from My reflections.",
    ),
    "error.unknown_option": ("Ukendt valg.", "Unknown choice."),
    "error.unknown_question": (
        "Spørgsmålet hører ikke til en valgt linse.",
        "The question does not belong to a chosen lens.",
    ),
    "error.phase_blocked": (
        "Gruppen kan ikke gå videre endnu:",
        "The group cannot move on yet:",
    ),
    "error.learning_point_incomplete": (
        "Læringspunkt {position} mangler en kategori eller bringerens valg om deling.",
        "Learning point {position} lacks a category or the bringer's sharing choice.",
    ),
    "error.learning_point_empty": (
        "Skriv læringspunktet, før du vælger om det skal deles.",
        "Write the learning point before choosing whether to share it.",
    ),
    "error.scale": ("Vælg en værdi fra 1 til 5.", "Choose a value from 1 to 5."),
    "error.process_check_done": (
        "Du har allerede svaret på procestjekket for denne session.",
        "You have already answered the process check for this session.",
    ),
    "error.password_short": (
        "Adgangskoden skal have mindst {minimum} tegn.",
        "The password must have at least {minimum} characters.",
    ),
    "error.password_too_long": (
        "Adgangskoden er for lang (højst 72 bytes).",
        "The password is too long (at most 72 bytes).",
    ),
    "error.username_format": (
        "Brugernavnet må kun indeholde små bogstaver a–z, tal, punktum, bindestreg og "
        "understregning (2–64 tegn).",
        "The username may contain only lowercase a–z, digits, dot, hyphen and underscore "
        "(2–64 characters).",
    ),
    "error.username_taken": (
        "Brugernavnet {username} er optaget.",
        "The username {username} is taken.",
    ),
    "error.display_name": (
        "Skriv et navn (højst 200 tegn).",
        "Enter a name (at most 200 characters).",
    ),
    "error.roles": ("Vælg mindst én gyldig rolle.", "Choose at least one valid role."),
    "error.team_required": (
        "Sagsbehandlere og teamledere skal knyttes til et team.",
        "Caseworkers and team leads must belong to a team.",
    ),
    "error.team_not_found": ("Teamet findes ikke.", "The team does not exist."),
    "error.organisation_not_found": (
        "Organisationen findes ikke.",
        "The organisation does not exist.",
    ),
    "error.name_required": (
        "Skriv et navn (højst 200 tegn).",
        "Enter a name (at most 200 characters).",
    ),
    "error.name_taken": (
        "Navnet {name} findes allerede.",
        "The name {name} already exists.",
    ),
    "error.first_run_done": (
        "Der findes allerede brugere; første opstart er overstået.",
        "Users already exist; the first start is over.",
    ),
    "error.no_session_selected": (
        "Vælg en refleksion under Mine refleksioner, eller start en ny.",
        "Choose a reflection under My reflections, or start a new one.",
    ),
    "error.database": (
        "Databasen svarer ikke lige nu. Dit input står stadig i feltet – prøv igen om lidt.",
        "The database is not answering right now. Your input is still in the field – try again "
        "shortly.",
    ),
    # phase blockers
    "block.no_listeners": (
        "Inviter mindst én kollega som lytter.",
        "Invite at least one colleague.",
    ),
    "block.no_kind": (
        "Vælg hvilken slags samtale det var.",
        "Choose what kind of conversation it was.",
    ),
    "block.no_excerpt": (
        "Indsæt et uddrag eller noter fra samtalen.",
        "Paste an excerpt or notes from the conversation.",
    ),
    "block.no_lenses": ("Vælg mindst én linse.", "Choose at least one lens."),
    "block.rules_not_acknowledged": (
        "Alle deltagere skal bekræfte spillereglerne.",
        "All participants must acknowledge the ground rules.",
    ),
}


def t(key: str, lang: str = "da", **params: Any) -> str:
    """Translate; an unknown key shows itself so a missing string is visible, not silent."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError):
            return text
    return text


STRINGS.update(
    {
        "ui.limit": ("højst {limit} tegn", "at most {limit} characters"),
        "ui.saved_at": ("✓ Gemt kl. {time}", "✓ Saved at {time}"),
        "ui.other_version": ("Den anden version:", "The other version:"),
        "ui.save_mine": ("Gem min tekst alligevel", "Save my text anyway"),
        "ui.save_again": ("Gem igen", "Save again"),
        "ui.page": ("Side", "Page"),
        "ui.showing": ("Viser {first}–{last} af {total}", "Showing {first}–{last} of {total}"),
        "ui.unsaved": (
            "Din tekst er ikke gemt endnu: databasen svarede ikke. Teksten står i feltet – tryk "
            "»Gem igen«, når forbindelsen er tilbage.",
            "Your text is not saved yet: the database did not answer. The text is still in the "
            "field – press »Save again« when the connection is back.",
        ),
        "vis.group": (
            "👥 Synligt for alle deltagere i denne session",
            "👥 Visible to all participants in this session",
        ),
        "vis.private": ("🔒 Kun synligt for dig", "🔒 Visible only to you"),
        "vis.bringer_decides": (
            "👥 Synligt for deltagerne. Deles kun med teamets FLIP-pulje, hvis bringeren vælger det.",
            "👥 Visible to the participants. Shared with the team's FLIP pool only if the bringer "
            "chooses so.",
        ),
        "vis.anonymous": (
            "🕶 Anonymt: gemmes uden navn og uden kobling til sessionen, og vises kun samlet.",
            "🕶 Anonymous: stored without name or link to the session, shown only in aggregate.",
        ),
    }
)

STRINGS.update(
    {
        "app.demo_accounts_outside_demo": (
            "Databasen indeholder demokonti, men appen kører ikke i demotilstand. Brug en anden "
            "database til drift (DATABASE_URL eller LISES_DATA_DIR).",
            "The database holds demo accounts but the app is not in demo mode. Use another "
            "database in production (DATABASE_URL or LISES_DATA_DIR).",
        ),
        # home
        "home.model": (
            "**Lån et øre** er en model for kollegial refleksion, udviklet sammen med "
            "sagsbehandlere i LISES-projektet. En kollega (*bringeren*) tager et uddrag af en "
            "rigtig samtale med, og 1–3 kolleger (*lytterne*) låner deres ører: først beskriver "
            "I, hvad der sker i samtalen, så reflekterer I over muligheder. I ser på samtalen – "
            "ikke på personen – og intet deles uden bringerens samtykke.",
            "**Lend an ear** is a model of peer reflection developed with caseworkers in the "
            "LISES project. One colleague (the *bringer*) brings an excerpt of a real "
            "conversation, and 1–3 colleagues (the *listeners*) lend their ears: first you "
            "describe what happens in the talk, then you reflect on possibilities. You look at "
            "the talk – not the person – and nothing is shared without the bringer's consent.",
        ),
        "home.role.caseworker": (
            "Start en refleksion under **Ny refleksion**, eller fortsæt under **Mine "
            "refleksioner**, hvor du også kan se din egen praksis over tid.",
            "Start a reflection under **New reflection**, or continue under **My "
            "reflections**, where you can also follow your own practice over time.",
        ),
        "home.role.teamlead": (
            "Som teamleder ser du aldrig enkeltpersoners refleksioner. Teamets samlede mønstre "
            "vises først, når mindst fem sagsbehandlere har bidraget.",
            "As a team lead you never see individual reflections. The team's patterns are "
            "shown only in aggregate, once at least five caseworkers have contributed.",
        ),
        "home.role.facilitator": (
            "Som FLIP-facilitator arbejder du med mønstre på tværs af teams og med de uddrag og "
            "læringspunkter, som bringerne selv har valgt at dele.",
            "As a FLIP facilitator you work with patterns across teams and with the excerpts "
            "and learning points that bringers chose to share.",
        ),
        "home.role.admin": (
            "Under **Administration** opretter du organisationer, teams og brugere. Som "
            "administrator ser du intet refleksionsindhold.",
            "Under **Administration** you create organisations, teams and users. As "
            "administrator you see no reflection content.",
        ),
        # new session
        "new.title": ("Ny refleksion", "New reflection"),
        "new.intro": (
            "Du er bringer: du tager en samtale med og inviterer 1–3 kolleger fra dit team til "
            "at låne dig deres ører. Du forbereder resten på næste side.",
            "You are the bringer: you bring a conversation and invite 1–3 colleagues from your "
            "team to lend you their ears. You prepare the rest on the next page.",
        ),
        "new.session_title": ("Arbejdstitel (valgfri)", "Working title (optional)"),
        "new.session_title_help": (
            "Fx 'Opfølgning i praktik'. Skriv ikke borgerens navn.",
            "E.g. 'Internship follow-up'. Do not write the citizen's name.",
        ),
        "new.start": ("Start refleksion", "Start reflection"),
        # mine
        "mine.title": ("Mine refleksioner", "My reflections"),
        "mine.start_new": ("Start ny refleksion", "Start a new reflection"),
        "mine.tab_sessions": ("Sessioner", "Sessions"),
        "mine.tab_practice": ("Min praksis over tid", "My practice over time"),
        "mine.empty": (
            "Du har ingen refleksioner endnu. Start en, eller vent på en invitation fra en "
            "kollega.",
            "You have no reflections yet. Start one, or wait for an invitation from a colleague.",
        ),
        "mine.role.bringer": ("Bringer", "Bringer"),
        "mine.role.listener": ("Lytter", "Listener"),
        "mine.finished": ("Afsluttet", "Finished"),
        "mine.phase": ("Fase {number}: {name}", "Phase {number}: {name}"),
        "mine.with": ("Med: {people}", "With: {people}"),
        "mine.open": ("Åbn", "Open"),
        "mine.continue": ("Fortsæt", "Continue"),
        "mine.delete": ("Slet", "Delete"),
        "mine.withdraw": ("Forlad og slet mine bidrag", "Leave and delete my contributions"),
        "mine.delete_confirm": (
            "Slet hele sessionen for alle deltagere? Det kan ikke fortrydes.",
            "Delete the whole session for all participants? This cannot be undone.",
        ),
        "mine.withdraw_confirm": (
            "Forlad sessionen og slet alt, du har skrevet i den? Det kan ikke fortrydes.",
            "Leave the session and delete everything you wrote in it? This cannot be undone.",
        ),
        "mine.yes": ("Ja, slet", "Yes, delete"),
        "mine.no": ("Fortryd", "Cancel"),
        "mine.deleted": ("Sessionen er slettet.", "The session was deleted."),
        "mine.withdrawn": (
            "Du har forladt sessionen, og dine bidrag er slettet.",
            "You left the session and your contributions were deleted.",
        ),
        "mine.practice_note": (
            "Kun du ser dette. Du sammenlignes kun med dig selv tidligere – aldrig med kolleger.",
            "Only you see this. You are compared only with your own earlier self – never with "
            "colleagues.",
        ),
        "mine.brought": ("Samtaler, jeg har bragt", "Conversations I brought"),
        "mine.listened": ("Sessioner, jeg har lyttet i", "Sessions I listened in"),
        "mine.this_quarter": ("Sessioner dette kvartal", "Sessions this quarter"),
        "mine.quarter_help": (
            "Forskellen er i forhold til dit eget forrige kvartal ({previous}).",
            "The difference is against your own previous quarter ({previous}).",
        ),
        "mine.month": ("Måned", "Month"),
        "mine.sessions": ("Sessioner", "Sessions"),
        "mine.as": ("Som", "As"),
        "mine.chart_reading": (
            "Du har deltaget i {total} sessioner fordelt på {months} måneder.",
            "You took part in {total} sessions over {months} months.",
        ),
        "mine.lenses": (
            "Linser i de samtaler, jeg har bragt",
            "Lenses in the conversations I brought",
        ),
        "mine.lens": ("Linse", "Lens"),
        "mine.takeaways": ("Det tager jeg med mig", "What I take along"),
        # session
        "session.untitled": ("Refleksion uden titel", "Untitled reflection"),
        "session.meta": (
            "{team} · bragt af {bringer} · {date}",
            "{team} · brought by {bringer} · {date}",
        ),
        "session.you_are": ("du er {role}", "you are {role}"),
        "session.finished_note": (
            "Sessionen er afsluttet. Du kan læse den, men ikke ændre den.",
            "The session is finished. You can read it but not change it.",
        ),
        "session.phase_of": (
            "Fase {number} af {total}: {name}",
            "Phase {number} of {total}: {name}",
        ),
        "session.prev": ("◀ Forrige fase", "◀ Previous phase"),
        "session.next": ("Næste fase ▶", "Next phase ▶"),
        "session.goto": ("Gå til fase", "Go to phase"),
        "session.excerpt": ("Uddrag af samtalen", "Excerpt of the conversation"),
        "prep.listener_note": (
            "{bringer} forbereder sessionen. Du kan læse med her.",
            "{bringer} is preparing the session. You can read along here.",
        ),
        "prep.listeners": (
            "Lyttere (1–3 kolleger fra dit team)",
            "Listeners (1–3 colleagues from your team)",
        ),
        "prep.listeners_help": (
            "De inviterede ser sessionen under Mine refleksioner.",
            "The invited colleagues see the session under My reflections.",
        ),
        "prep.kind": ("Slags samtale", "Kind of conversation"),
        "prep.choose": ("Vælg …", "Choose …"),
        "prep.situation": (
            "Borgerens situation (brede kategorier)",
            "The citizen's situation (broad categories)",
        ),
        "prep.situation_help": (
            "Kun brede kategorier – aldrig oplysninger, der kan identificere borgeren.",
            "Broad categories only – never details that could identify the citizen.",
        ),
        "prep.lenses": ("Linser", "Lenses"),
        "prep.optional": ("valgfri", "optional"),
        "prep.about_lenses": ("Om linserne", "About the lenses"),
        "prep.excerpt": ("Uddrag eller noter fra samtalen", "Excerpt or notes of the conversation"),
        "prep.excerpt_help": (
            "Skriv en taletur pr. linje, fx 'R: …' og 'B: …'. Fjern navne, CPR-numre, "
            "telefonnumre og adresser.",
            "One turn per line, e.g. 'R: …' and 'B: …'. Remove names, CPR numbers, phone numbers "
            "and addresses.",
        ),
        "prep.excerpt_placeholder": (
            "R: Hvordan er det gået i praktikken?\nB: Det er gået okay … jeg kan godt lide at "
            "være der om morgenen.",
            "R: How has the internship gone?\nB: It's been okay … I like being there in the "
            "mornings.",
        ),
        "rules.acknowledge": ("Jeg bekræfter spillereglerne", "I acknowledge the ground rules"),
        "rules.acknowledged": (
            "Du har bekræftet spillereglerne.",
            "You have acknowledged the ground rules.",
        ),
        "rules.ok_short": ("✓ spilleregler bekræftet", "✓ ground rules acknowledged"),
        "rules.waiting": ("Venter på: {names}", "Waiting for: {names}"),
        "context.label": ("Dit svar", "Your answer"),
        "context.listener_note": ("{bringer}s svar:", "{bringer}'s answer:"),
        "context.reminder": (
            "Det vil bringeren gerne låne jeres ører til:",
            "What the bringer wants to borrow your ears for:",
        ),
        "describe.bringer_note": (
            "Du lytter: lytterne beskriver, hvad de ser i samtalen. Du får ordet i fase 6.",
            "You listen: the listeners describe what they see in the talk. You speak in phase 6.",
        ),
        "describe.stems": ("Sætningsstartere til iagttagelser", "Sentence stems for observations"),
        "describe.my_observation": ("Min iagttagelse", "My observation"),
        "reflect.bringer_note": (
            "Du læser med, mens lytterne reflekterer. Du svarer i næste fase.",
            "You read along while the listeners reflect. You respond in the next phase.",
        ),
        "reflect.my_reflection": ("Min refleksion", "My reflection"),
        "response.struck": ("Det gjorde indtryk på mig", "What struck me"),
        "response.takeaway": ("Det tager jeg med mig", "What I take along"),
        "response.listener_note": ("Det gjorde indtryk på {bringer}:", "What struck {bringer}:"),
        "learning.point": ("Læringspunkt {number}", "Learning point {number}"),
        "learning.text": ("Læringspunkt", "Learning point"),
        "learning.category": ("Kategori", "Category"),
        "learning.share": ("Del med teamets FLIP-pulje", "Share with the team's FLIP pool"),
        "learning.share_yes": ("Ja, del anonymt", "Yes, share anonymously"),
        "learning.share_no": ("Nej, bliver her", "No, stays here"),
        "learning.share_unset": (
            "Bringeren har ikke valgt endnu",
            "The bringer has not chosen yet",
        ),
        "closing.check": ("Procestjek", "Process check"),
        "closing.safe_frame": ("Rammen føltes tryg", "The frame felt safe"),
        "closing.scale.1": ("slet ikke", "not at all"),
        "closing.scale.5": ("i høj grad", "very much"),
        "closing.send": ("Send anonymt", "Send anonymously"),
        "closing.check_done": (
            "Tak – dit svar er gemt anonymt.",
            "Thank you – your answer was stored anonymously.",
        ),
        "closing.finish_note": (
            "Når I er færdige, afslutter du sessionen. Læringspunkter skal have en kategori og "
            "dit valg om deling.",
            "When you are done, you finish the session. Learning points need a category and "
            "your sharing choice.",
        ),
        "closing.finish": ("Afslut sessionen", "Finish the session"),
    }
)

STRINGS.update(
    {
        "admin.title": ("Administration", "Administration"),
        "admin.note": (
            "Her styres organisationer, teams og konti. Administratorer ser intet "
            "refleksionsindhold.",
            "Organisations, teams and accounts are managed here. Administrators see no "
            "reflection content.",
        ),
        "admin.users": ("Brugere", "Users"),
        "admin.new_user": ("Ny bruger", "New user"),
        "admin.structure": ("Organisationer og teams", "Organisations and teams"),
        "admin.organisation": ("Organisation", "Organisation"),
        "admin.active": ("Aktiv", "Active"),
        "admin.email": ("E-mail (valgfri)", "E-mail (optional)"),
        "admin.initial_password": (
            "Første adgangskode (mindst 12 tegn)",
            "Initial password (at least 12 characters)",
        ),
        "admin.create_user": ("Opret bruger", "Create user"),
        "admin.user_created": (
            "Brugeren {username} er oprettet.",
            "The user {username} was created.",
        ),
        "admin.create_org": ("Opret organisation", "Create organisation"),
        "admin.create_team": ("Opret team", "Create team"),
        "admin.created": ("{name} er oprettet.", "{name} was created."),
    }
)

STRINGS.update(
    {
        "speaker.caseworker": ("rådgiver", "caseworker"),
        "speaker.citizen": ("borger", "citizen"),
        "speaker.other": ("anden", "other"),
        "prep.upload": (
            "… eller hent en fil (.txt eller .docx)",
            "… or upload a file (.txt or .docx)",
        ),
        "prep.upload_help": (
            "Teksten lægges i feltet herunder og tjekkes for personoplysninger, før den gemmes.",
            "The text goes into the field below and is checked for personal data before it is "
            "saved.",
        ),
        "talk.referenced": (
            "→ markerer ture, som en iagttagelse eller refleksion henviser til: {turns}",
            "→ marks turns that an observation or reflection refers to: {turns}",
        ),
        "talk.hidden_turns": (
            "Trin for trin: {shown} af {total} ture er vist.",
            "Step by step: {shown} of {total} turns shown.",
        ),
        "talk.reveal_start": ("Læs trin for trin", "Read step by step"),
        "talk.reveal_next": ("Vis næste tur", "Show the next turn"),
        "talk.reveal_all": ("Vis hele uddraget", "Show the whole excerpt"),
        "talk.imagine": (
            "Tur {turn} er borgerens. Hvilke næste ture kunne man forestille sig? Tal om det, "
            "før I viser den faktiske næste tur.",
            "Turn {turn} is the citizen's. Which next turns could one imagine? Talk about it "
            "before you show the actual next turn.",
        ),
        "talk.tab_turns": ("Udskrift og markeringer", "Transcript and tags"),
        "talk.tab_links": ("Gribninger", "Catching (gribning)"),
        "talk.tab_observations": ("Iagttagelser", "Observations"),
        "talk.tab_summary": ("Beskrivende opsummering", "Descriptive summary"),
        "talk.tag_note": (
            "Markér hver for sig, hvad der sker i turene. Jeres markeringer står side om side – "
            "forskelle er et godt sted at begynde samtalen, ikke en fejl. 👥 Synligt for "
            "deltagerne i sessionen.",
            "Tag on your own what happens in the turns. Your tags stand side by side – "
            "differences are a good place to start talking, not an error. 👥 Visible to the "
            "participants in the session.",
        ),
        "talk.parse_error": (
            "Uddraget kan ikke deles op i taleture. Bringeren kan rette det i Forberedelse.",
            "The excerpt cannot be split into turns. The bringer can fix it in Preparation.",
        ),
        "talk.my_tags": ("Mine markeringer af tur {turn}", "My tags for turn {turn}"),
        "talk.tag_placeholder": ("Markér tur {turn} …", "Tag turn {turn} …"),
        "talk.link_note": (
            "Hvad sker der så? Forbind en borgertur, hvor noget meningsfuldt bliver sagt, med "
            "turen eller turene efter, og beskriv hvad der skete.",
            "What happens next? Link a citizen turn where something meaningful is said to the "
            "turn(s) after it, and describe what happened.",
        ),
        "talk.no_citizen_turns": (
            "Uddraget har ingen borgerture.",
            "The excerpt has no citizen turns.",
        ),
        "talk.turn": ("Tur", "Turn"),
        "talk.link_from": ("Borgerens tur", "The citizen's turn"),
        "talk.link_to": ("Turen/turene efter", "The turn(s) after it"),
        "talk.outcome": ("Hvad skete der?", "What happened?"),
        "talk.save_link": ("Gem gribning", "Save link"),
        "talk.delete_link": ("Slet", "Delete"),
        "talk.summary_note": (
            "Dette beskriver samtalen i uddraget, som I har markeret den – det er ikke en "
            "vurdering af rådgiveren, og tallene gemmes ikke.",
            "This describes the talk in the excerpt as you have tagged it – it is not an "
            "assessment of the caseworker, and the figures are not stored.",
        ),
        "talk.summary_turns": (
            "Uddraget har {turns} ture: {citizen} borgerture og {caseworker} rådgiverture.",
            "The excerpt has {turns} turns: {citizen} citizen turns and {caseworker} caseworker "
            "turns.",
        ),
        "talk.summary_meaning": (
            "{count} borgerture er markeret som meningsskabende (tur {turns}). Det skete der "
            "efter dem, som I har beskrevet det:",
            "{count} citizen turns are tagged as meaning-making (turn {turns}). What happened "
            "after them, as you described it:",
        ),
        "talk.summary_meaning_one": (
            "1 borgertur er markeret som meningsskabende (tur {turns}). Det skete der efter "
            "den, som I har beskrevet det:",
            "1 citizen turn is tagged as meaning-making (turn {turns}). What happened after "
            "it, as you described it:",
        ),
        "talk.summary_no_meaning": (
            "Ingen borgerture er markeret som meningsskabende endnu.",
            "No citizen turns are tagged as meaning-making yet.",
        ),
        "talk.no_outcome": ("ikke beskrevet endnu", "not described yet"),
        "talk.summary_institutional": (
            "{count} af {total} rådgiverture ({share} %) er markeret som institutionelle taleture.",
            "{count} of {total} caseworker turns ({share} %) are tagged as institutional turns.",
        ),
        "export.title": ("Hent sessionen", "Download the session"),
        "export.note": (
            "Kun for dig som bringer. Markeringer står med pseudonymer (Deltager A, B …), ikke "
            "navne. Opbevar filerne fortroligt.",
            "For you as bringer only. Tags carry pseudonyms (Participant A, B …), not names. "
            "Keep the files confidential.",
        ),
        "export.pdf": ("Udskrift med spørgsmål (PDF)", "Handout with questions (PDF)"),
        "export.csv": ("Markeringer (CSV)", "Tags (CSV)"),
        "export.json": ("Hele sessionen (JSON)", "Whole session (JSON)"),
        "error.choose_outcome": ("Vælg hvad der skete.", "Choose what happened."),
        "error.unknown_turn": (
            "Tur {turn} findes ikke i uddraget.",
            "Turn {turn} is not in the excerpt.",
        ),
        "error.tag_not_for_speaker": (
            "Den markering passer ikke til den talers tur.",
            "That tag does not fit this speaker's turn.",
        ),
        "error.link_from_citizen": (
            "En gribning tager udgangspunkt i en borgertur.",
            "A link starts from a citizen turn.",
        ),
        "error.link_targets": (
            "Vælg en eller flere ture efter tur {turn}.",
            "Choose one or more turns after turn {turn}.",
        ),
        "error.excerpt_locked": (
            "Der er allerede markeret taleture, så ændringen må ikke flytte turene: behold samme "
            "antal ture og talere. Din tekst står stadig i feltet.",
            "Turns have already been tagged, so the change may not move the turns: keep the same "
            "number of turns and speakers. Your text is still in the field.",
        ),
    }
)

# Aggregated figures for team leads and facilitators (issue 4)
STRINGS.update(
    {
        "figure.team": ("Team", "Team"),
        "figure.shown_as": ("Vist som", "Shown as"),
        "figure.status": ("Status", "Status"),
        "figure.status.shown": ("vist", "shown"),
        "figure.status.too_few": (
            "skjult: færre end {k} sagsbehandlere bag tallet",
            "hidden: fewer than {k} caseworkers behind the number",
        ),
        "figure.status.complement": (
            "skjult, så et andet skjult tal ikke kan regnes ud",
            "hidden so that another hidden number cannot be worked out",
        ),
        "figure.status.small_team": (
            "skjult: teamet har færre end {k} sagsbehandlere",
            "hidden: the team has fewer than {k} caseworkers",
        ),
        "figure.hidden": ("skjult", "hidden"),
    }
)

STRINGS.update(
    {
        "insights.sessions": ("Refleksionssessioner pr. måned", "Reflection sessions per month"),
        "insights.participation": (
            "Andel af teamet, der har deltaget mindst én gang",
            "Share of the team that took part at least once",
        ),
        "insights.lenses": ("Valgte linser", "Lenses chosen"),
        "insights.tags": (
            "Markeringer i udskrifterne (samlet for teamet)",
            "Tags in the transcripts (pooled for the team)",
        ),
        "insights.outcomes": (
            "Hvad skete der efter borgerens meningsfulde ytring?",
            "What happened after the citizen's meaningful utterance?",
        ),
        "insights.process": (
            "Procestjek: rammen føltes tryg (1–5, anonymt)",
            "Process check: the frame felt safe (1–5, anonymous)",
        ),
        "insights.axis.month": ("Måned", "Month"),
        "insights.axis.period": ("Periode", "Period"),
        "insights.axis.sessions": ("Antal sessioner", "Number of sessions"),
        "insights.axis.share": ("Andel af teamet (%)", "Share of the team (%)"),
        "insights.axis.lens": ("Linse", "Lens"),
        "insights.axis.sessions_with": ("Sessioner med linsen", "Sessions with the lens"),
        "insights.axis.tag": ("Markering", "Tag"),
        "insights.axis.tagged_turns": ("Antal markeringer", "Number of tags"),
        "insights.axis.outcome": ("Hvad skete der", "What happened"),
        "insights.axis.links": ("Antal gribninger", "Number of links"),
        "insights.axis.mean": ("Gennemsnit (1–5)", "Average (1–5)"),
        "insights.note.too_few": (
            "Nogle tal er skjult, fordi færre end {k} sagsbehandlere står bag dem.",
            "Some numbers are hidden because fewer than {k} caseworkers stand behind them.",
        ),
        "insights.note.complement": (
            "Nogle tal er skjult sammen med dem, så de ikke kan regnes ud ved at trække fra.",
            "Some numbers are hidden along with them, so they cannot be worked out by subtraction.",
        ),
        "insights.reading.none": (
            "I {period} står der for få sagsbehandlere (under {k}) bag tallene til at vise dem. "
            "Prøv en længere periode.",
            "In {period} too few caseworkers (under {k}) stand behind the numbers to show them. "
            "Try a longer period.",
        ),
        "insights.reading.grouped": (
            "I {period} kan {n} team vises side om side; team med for få deltagere er udeladt.",
            "In {period}, {n} teams can be shown side by side; teams with too few participants "
            "are left out.",
        ),
        "insights.reading.sessions": (
            "I {period} holdt teamet {n} refleksionssessioner i de viste måneder.",
            "In {period} the team held {n} reflection sessions in the months shown.",
        ),
        "insights.reading.some_hidden": (
            "Måneder med for få deltagere er skjult.",
            "Months with too few participants are hidden.",
        ),
        "insights.reading.participation": (
            "I {period} tog {value} af teamets sagsbehandlere del i mindst én refleksion.",
            "In {period}, {value} of the team's caseworkers took part in at least one reflection.",
        ),
        "insights.reading.process": (
            "I {period} vurderede deltagerne i gennemsnit, at rammen var tryg: {value} på en "
            "skala fra 1 til 5.",
            "In {period} participants rated the frame as safe at {value} on average, on a "
            "scale from 1 to 5.",
        ),
        "insights.reading.lenses": (
            "Den linse, teamet oftest valgte i {period}, var »{top}« ({n} sessioner).",
            "The lens the team chose most often in {period} was “{top}” ({n} sessions).",
        ),
        "insights.reading.tags": (
            "Den hyppigste markering i {period} var »{top}« ({n} gange).",
            "The most frequent tag in {period} was “{top}” ({n} times).",
        ),
        "insights.reading.outcomes": (
            "Når en borger sagde noget meningsfuldt, blev det i {period} oftest markeret som "
            "»{top}« ({n} gange).",
            "When a citizen said something meaningful, in {period} it was most often tagged "
            "“{top}” ({n} times).",
        ),
        "error.period": (
            "Vælg en af de faste perioder (måned, kvartal eller halvår).",
            "Choose one of the fixed periods (month, quarter or half year).",
        ),
        "error.not_your_team": (
            "Du kan kun se tal for de team, du er tilknyttet.",
            "You can only see figures for the teams you are assigned to.",
        ),
        "error.small_team": (
            "Teamet har færre end {k} sagsbehandlere, så der vises ingen tal.",
            "The team has fewer than {k} caseworkers, so no figures are shown.",
        ),
        "error.share_empty_excerpt": (
            "Der er intet uddrag at dele endnu.",
            "There is no excerpt to share yet.",
        ),
    }
)

STRINGS.update(
    {
        "flip.speaker.caseworker": ("Sagsbehandler", "Caseworker"),
        "flip.speaker.citizen": ("Borger", "Citizen"),
        "flip.speaker.other": ("Anden", "Other"),
        "flip.excerpt_heading": ("Uddrag {n}", "Excerpt {n}"),
        "flip.pack_excerpt_heading": ("Uddrag {letter}", "Excerpt {letter}"),
        "error.pack_excerpt_gone": (
            "Et af de valgte uddrag er ikke længere delt. Vælg uddragene igen.",
            "One of the chosen excerpts is no longer shared. Choose the excerpts again.",
        ),
    }
)

STRINGS.update(
    {
        "period.kind": ("Periode", "Period"),
        "period.kind.month": ("Måned", "Month"),
        "period.kind.quarter": ("Kvartal", "Quarter"),
        "period.kind.half": ("Halvår", "Half year"),
        "period.choose": ("Vælg periode", "Choose period"),
        "figure.as_table": ("Vis tallene som tabel", "Show the numbers as a table"),
        "figure.csv": ("Hent tallene (CSV)", "Download the numbers (CSV)"),
        "nav.team": ("Teamets refleksioner", "The team's reflections"),
        "nav.flip": ("FLIP-forberedelse", "FLIP preparation"),
        "team.title": ("Teamets refleksioner", "The team's reflections"),
        "team.intro": (
            "Her ser du, hvad teamet reflekterer over – samlet for teamet, aldrig for den enkelte. "
            "Et tal vises kun, når mindst {k} sagsbehandlere står bag det, og kun for faste "
            "perioder. Brug det til at støtte et læringsmiljø, ikke til at sammenligne "
            "medarbejdere.",
            "Here you see what the team reflects on – for the team as a whole, never for one "
            "person. A number is shown only when at least {k} caseworkers stand behind it, and "
            "only for fixed periods. Use it to support a learning climate, not to compare staff.",
        ),
        "team.choose": ("Team", "Team"),
        "team.none": (
            "Du er ikke tilknyttet noget team som teamleder endnu. Kontakt din administrator.",
            "You are not assigned to any team as team lead yet. Contact your administrator.",
        ),
        "team.small": (
            "{team} har færre end {k} sagsbehandlere. For at ingen kan genkendes, vises der "
            "ingen tal for teamet. Tallene kommer frem, når teamet er mindst {k}.",
            "{team} has fewer than {k} caseworkers. So that nobody can be recognised, no "
            "figures are shown for the team. They appear once the team has at least {k}.",
        ),
        "team.frames": (
            "Rammer og krav, som fylder i samtalerne",
            "Frames and demands that crowd the conversations",
        ),
        "team.frames_intro": (
            "Læringspunkter i kategorien »Rammer/krav«, som sagsbehandlerne selv har valgt at "
            "dele – uden navne og i tilfældig rækkefølge. Det er noget, du som leder kan handle "
            "på.",
            "Learning points in the category “Frames/demands” that caseworkers chose to share – "
            "without names and in random order. Something you as a lead can act on.",
        ),
        "team.frames_too_few": (
            "Delte læringspunkter vises, når mindst {k} forskellige sagsbehandlere har delt "
            "nogen i perioden. Vælg evt. en længere periode.",
            "Shared learning points are shown once at least {k} different caseworkers have "
            "shared some in the period. Try a longer period.",
        ),
    }
)

STRINGS.update(
    {
        "flip.title": ("FLIP-forberedelse", "FLIP preparation"),
        "flip.intro": (
            "Mønstre på tværs af dine team og det materiale, sagsbehandlerne selv har valgt at "
            "dele – uden navne. Et tal vises kun, når mindst {k} sagsbehandlere står bag det; "
            "delt tekst kun, når mindst {k_text} har delt.",
            "Patterns across your teams and the material caseworkers chose to share – without "
            "names. A number is shown only when at least {k} caseworkers stand behind it; shared "
            "text only when at least {k_text} have shared.",
        ),
        "flip.tab.patterns": ("Mønstre på tværs af team", "Patterns across teams"),
        "flip.tab.pool": ("Delt materiale", "Shared material"),
        "flip.tab.pack": ("Seminarpakke", "Seminar pack"),
        "flip.teams_shown": ("Team i sammenligningen: {teams}.", "Teams compared: {teams}."),
        "flip.compare_teams": (
            "Team der sammenlignes (højst {n})",
            "Teams to compare (at most {n})",
        ),
        "error.too_many_teams": (
            "Vælg højst {maximum} team at sammenligne.",
            "Choose at most {maximum} teams to compare.",
        ),
        "flip.no_teams": (
            "Ingen af dine team har mindst {k} deltagende sagsbehandlere i perioden. Prøv en "
            "længere periode.",
            "None of your teams has at least {k} participating caseworkers in the period. Try a "
            "longer period.",
        ),
        "flip.teams_left_out": (
            "{n} team er udeladt, fordi færre end {k} sagsbehandlere deltog eller teamet er for "
            "lille.",
            "{n} teams are left out because fewer than {k} caseworkers took part or the team is "
            "too small.",
        ),
        "flip.filter.lens": ("Linse", "Lens"),
        "flip.filter.tag": ("Markering", "Tag"),
        "flip.filter.category": ("Læringskategori", "Learning category"),
        "flip.filter.all": ("Alle", "All"),
        "flip.excerpts": ("Delte uddrag", "Shared excerpts"),
        "flip.points": ("Delte læringspunkter", "Shared learning points"),
        "flip.too_few_sharers": (
            "Delt materiale vises, når mindst {k} forskellige sagsbehandlere har delt noget i "
            "perioden. Vælg evt. en længere periode.",
            "Shared material is shown once at least {k} different caseworkers have shared "
            "something in the period. Try a longer period.",
        ),
        "flip.no_match": ("Intet delt materiale passer til søgningen.", "Nothing shared matches."),
        "flip.tags_present": ("Markeringer i uddraget: {tags}", "Tags in the excerpt: {tags}"),
        "flip.pack_intro": (
            "Sammensæt en pakke til en FLIP på 2–4 timer med 4–8 deltagere: 2–4 delte uddrag, "
            "mønstrene og linsernes spørgsmål. Hent den som PDF til uddeling eller som "
            "PowerPoint til mødelokalet.",
            "Put together a pack for a 2–4 hour FLIP with 4–8 participants: 2–4 shared excerpts, "
            "the patterns and the lenses' questions. Download it as a PDF handout or as "
            "PowerPoint for the room.",
        ),
        "flip.pack_title": ("Titel", "Title"),
        "flip.pack_default_title": ("FLIP: Samtalen som faglig kerne", "FLIP: The conversation"),
        "flip.pack_hours": ("Varighed (timer)", "Duration (hours)"),
        "flip.pack_participants": ("Deltagere", "Participants"),
        "flip.pack_excerpts": ("Uddrag (vælg 2–4)", "Excerpts (choose 2–4)"),
        "flip.pack_excerpts_placeholder": ("Vælg delte uddrag", "Choose shared excerpts"),
        "flip.pack_figures": ("Mønstre (diagrammer)", "Patterns (charts)"),
        "flip.pack_prompts": ("Linser og deres spørgsmål", "Lenses and their questions"),
        "flip.pack_questions": (
            "Jeres egne diskussionsspørgsmål (ét pr. linje)",
            "Your own discussion questions (one per line)",
        ),
        "flip.pack_note": ("Kort indledning (valgfri)", "Short introduction (optional)"),
        "flip.make_pdf": ("Lav PDF", "Make PDF"),
        "flip.make_pptx": ("Lav PowerPoint", "Make PowerPoint"),
        "flip.working": ("Seminarpakken laves …", "Making the seminar pack …"),
        "flip.ready": ("Seminarpakken er klar.", "The seminar pack is ready."),
        "flip.download_pdf": ("Hent seminarpakken (PDF)", "Download the seminar pack (PDF)"),
        "flip.download_pptx": (
            "Hent seminarpakken (PowerPoint)",
            "Download the seminar pack (PowerPoint)",
        ),
    }
)

STRINGS.update(
    {
        "share_excerpt.label": (
            "Del uddraget anonymt med FLIP-facilitatorer",
            "Share the excerpt anonymously with FLIP facilitators",
        ),
        "share_excerpt.help": (
            "Kun du bestemmer. Facilitatorer ser uddraget uden navne, dato og team – talerne "
            "vises som »Sagsbehandler« og »Borger« – og kan bruge det på et FLIP-seminar. Du kan "
            "trække det tilbage når som helst.",
            "Only you decide. Facilitators see the excerpt without names, date or team – the "
            "speakers appear as “Caseworker” and “Citizen” – and may use it at a FLIP seminar. "
            "You can withdraw it at any time.",
        ),
        "share_excerpt.yes": (
            "Den, der har bragt samtalen, har delt uddraget anonymt med FLIP-facilitatorer.",
            "The colleague who brought the conversation has shared the excerpt anonymously "
            "with FLIP facilitators.",
        ),
        "share_excerpt.no": (
            "Uddraget er ikke delt uden for gruppen.",
            "The excerpt is not shared outside the group.",
        ),
    }
)

STRINGS.update(
    {
        "error.user_not_found": ("Brugeren findes ikke.", "The user does not exist."),
        "error.assign_role": (
            "Kun teamledere og facilitatorer tilknyttes team eller kommuner.",
            "Only team leads and facilitators are assigned to teams or municipalities.",
        ),
        "error.assign_target": (
            "Vælg enten et team eller en kommune/organisation.",
            "Choose either a team or a municipality/organisation.",
        ),
        "error.assign_lead_team": (
            "En teamleder tilknyttes et bestemt team.",
            "A team lead is assigned to a specific team.",
        ),
        "error.assign_missing_role": (
            "Brugeren har ikke rollen {role}. Giv rollen først.",
            "The user does not have the role {role}. Give the role first.",
        ),
        "admin.assignments": ("Tilknytninger", "Assignments"),
        "admin.assignments_note": (
            "Teamledere ser tal for deres eget team og de team, de tilknyttes her. Facilitatorer "
            "ser mønstre og delt materiale fra de team eller kommuner, de tilknyttes.",
            "Team leads see figures for their own team and the teams assigned here. "
            "Facilitators see patterns and shared material from the teams or municipalities "
            "assigned here.",
        ),
        "admin.assign": ("Tilknyt", "Assign"),
        "admin.assign_user": ("Brugernavn", "Username"),
        "admin.assign_role": ("Rolle", "Role"),
        "admin.assign_team": ("Team", "Team"),
        "admin.assign_org": ("… eller hele kommunen/organisationen", "… or the whole organisation"),
        "admin.assigned": ("Tilknytningen er gemt.", "The assignment is saved."),
        "admin.remove_assignment": ("Fjern tilknytning", "Remove assignment"),
        "admin.scope": ("Omfang", "Scope"),
    }
)

# The FLIP seminar pack (lises_reflect/seminar.py)
STRINGS.update(
    {
        "pack.error.title": ("Giv seminarpakken en titel.", "Give the seminar pack a title."),
        "pack.error.excerpts": ("Vælg 2–4 delte uddrag.", "Choose 2–4 shared excerpts."),
        "pack.error.hours": ("En FLIP varer 2–4 timer.", "A FLIP lasts 2–4 hours."),
        "pack.error.participants": (
            "En FLIP har 4–8 deltagere.",
            "A FLIP has 4–8 participants.",
        ),
        "pack.error.too_many_questions": (
            "Højst 10 diskussionsspørgsmål – vælg de vigtigste.",
            "At most 10 discussion questions – choose the most important.",
        ),
        "pack.error.question": (
            "Et diskussionsspørgsmål er tomt eller længere end 500 tegn.",
            "A discussion question is empty or longer than 500 characters.",
        ),
        "pack.error.nothing_to_ask": (
            "Vælg mindst én linse eller skriv mindst ét diskussionsspørgsmål.",
            "Choose at least one lens or write at least one discussion question.",
        ),
        "pack.page": ("Side {page} af {pages}", "Page {page} of {pages}"),
        "pack.meta": (
            "FLIP · {hours} timer · {participants} deltagere",
            "FLIP · {hours} hours · {participants} participants",
        ),
        "pack.agenda": ("Dagsorden", "Agenda"),
        "pack.agenda.welcome": (
            "Velkomst og spillereglerne for beskrivende refleksion",
            "Welcome and the ground rules for descriptive reflection",
        ),
        "pack.agenda.research": (
            "Oplæg: mønstre fra teamenes refleksioner",
            "Input: patterns from the teams' reflections",
        ),
        "pack.agenda.excerpt": (
            "{heading}: læs, beskriv og reflekter med linserne",
            "{heading}: read, describe and reflect with the lenses",
        ),
        "pack.agenda.break": ("Pause", "Break"),
        "pack.agenda.closing": (
            "Afrunding: hvad vil vi afprøve til næste gang?",
            "Closing: what will we try before next time?",
        ),
        "pack.rules": ("Spilleregler", "Ground rules"),
        "pack.rules_text": (
            "Vi beskriver, hvad der sker i samtalen – vi vurderer ikke kollegaen.\n"
            "Uddragene er delt frivilligt og uden navne af kolleger. De bliver i rummet.\n"
            "Spørg »hvad sker der så?« før »hvad burde der ske?«.",
            "We describe what happens in the conversation – we do not judge the colleague.\n"
            "The excerpts were shared voluntarily and without names by colleagues. They stay "
            "in the room.\nAsk “what happens next?” before “what should happen?”.",
        ),
        "pack.lenses": ("Linser: {lenses}", "Lenses: {lenses}"),
        "pack.shared_points": (
            "Læringspunkter, som kollegerne delte",
            "Learning points the colleagues shared",
        ),
        "pack.patterns": ("Mønstre på tværs af team", "Patterns across teams"),
        "pack.prompts": ("Linsernes spørgsmål", "The lenses' questions"),
        "pack.questions": ("Diskussionsspørgsmål", "Discussion questions"),
        "pack.question": ("Til drøftelse", "For discussion"),
        "pack.continued": ("(fortsat)", "(continued)"),
        "pack.closing": ("Næste skridt", "Next steps"),
        "pack.closing_text": (
            "Hvad vil hver af os afprøve i en samtale før næste FLIP?",
            "What will each of us try in a conversation before the next FLIP?",
        ),
        "pack.notes.title": (
            "Byd velkommen, og rammesæt: vi lærer af samtaler, ikke af at bedømme hinanden.",
            "Welcome everyone and frame it: we learn from conversations, not by judging.",
        ),
        "pack.notes.agenda": (
            "Gennemgå planen; pauserne er til at trække vejret mellem uddragene.",
            "Walk through the plan; the breaks give air between the excerpts.",
        ),
        "pack.notes.excerpt": (
            "Læs uddraget højt i roller. Spørg først beskrivende med linserne: {lenses}.",
            "Read the excerpt aloud in roles. Ask descriptively first with the lenses: {lenses}.",
        ),
        "pack.notes.prompts": (
            "Lad deltagerne pege på tur-numre, når de beskriver.",
            "Let participants point to turn numbers when they describe.",
        ),
        "pack.notes.question": (
            "Giv et par minutters stille tænketid før drøftelsen.",
            "Give a few minutes of quiet thinking before the discussion.",
        ),
        "pack.progress.cover": ("Forside og dagsorden …", "Cover and agenda …"),
        "pack.progress.excerpt": ("{heading} …", "{heading} …"),
        "pack.progress.figure": ("Diagram: {title} …", "Chart: {title} …"),
        "pack.progress.questions": ("Spørgsmål …", "Questions …"),
        "pack.progress.done": ("Færdig", "Done"),
    }
)

STRINGS.update(
    {
        "error.password_common": (
            "Den adgangskode er for almindelig – den står på listen over kendte adgangskoder. "
            "Vælg en anden, gerne en sætning.",
            "That password is too common – it is on the list of known passwords. Choose "
            "another one, a sentence works well.",
        ),
        "error.old_password": (
            "Den nuværende adgangskode er forkert.",
            "The current password is wrong.",
        ),
        "error.password_same": (
            "Den nye adgangskode skal være en anden end den nuværende.",
            "The new password must differ from the current one.",
        ),
        "login.locked_out": (
            "For mange forsøg. Prøv igen om 15 minutter, eller kontakt din administrator.",
            "Too many attempts. Try again in 15 minutes, or contact your administrator.",
        ),
        "login.expired.idle": (
            "Du er logget ud, fordi du ikke har brugt Lån et øre i 30 minutter.",
            "You were logged out after 30 minutes without activity.",
        ),
        "login.expired.absolute": (
            "Du er logget ud, fordi det er 12 timer siden, du loggede ind.",
            "You were logged out because you logged in 12 hours ago.",
        ),
        "login.expired.other": (
            "Din session er afsluttet. Log ind igen.",
            "Your session has ended. Please log in again.",
        ),
        "password.title": ("Vælg en ny adgangskode", "Choose a new password"),
        "password.intro": (
            "Din administrator har nulstillet din adgangskode. Vælg en ny, før du fortsætter: "
            "mindst 12 tegn, gerne en sætning; æ, ø og å må gerne bruges.",
            "Your administrator has reset your password. Choose a new one before you go on: at "
            "least 12 characters, a sentence works well; æ, ø and å are fine.",
        ),
        "password.current": ("Nuværende (midlertidig) adgangskode", "Current (temporary) password"),
        "password.new": ("Ny adgangskode", "New password"),
        "password.repeat": ("Gentag ny adgangskode", "Repeat new password"),
        "password.submit": ("Skift adgangskode", "Change password"),
        "password.mismatch": (
            "De to nye adgangskoder er ikke ens.",
            "The two new passwords differ.",
        ),
        "password.changed": ("Adgangskoden er skiftet.", "The password has been changed."),
    }
)

STRINGS.update(
    {
        "error.admin_self": (
            "Du kan ikke deaktivere dig selv eller fjerne din egen administratorrolle.",
            "You cannot deactivate yourself or remove your own admin role.",
        ),
        "admin.edit": ("Redigér bruger", "Edit user"),
        "admin.choose_user": ("Bruger", "User"),
        "admin.save": ("Gem ændringer", "Save changes"),
        "admin.saved": ("Ændringerne er gemt.", "The changes are saved."),
        "admin.reset": ("Nulstil adgangskode", "Reset password"),
        "admin.reset_help": (
            "Giv brugeren en midlertidig adgangskode (mindst 12 tegn). Brugeren skal vælge en ny "
            "ved næste login, og alle åbne logins afsluttes nu.",
            "Give the user a temporary password (at least 12 characters). The user must choose "
            "a new one at the next login, and all open logins end now.",
        ),
        "admin.reset_done": (
            "Adgangskoden er nulstillet. Brugeren skal vælge en ny ved næste login.",
            "The password is reset. The user must choose a new one at the next login.",
        ),
        "admin.must_change": ("Skal skifte adgangskode", "Must change password"),
    }
)

STRINGS.update(
    {
        "mine.tab_access": ("Hvem har set mit materiale", "Who has seen my material"),
        "mine.access_intro": (
            "Her kan du se, hvem der har åbnet eller hentet de samtaler, du har bragt – også "
            "når en FLIP-facilitator har set et uddrag, du har delt, eller brugt det i en "
            "seminarpakke.",
            "Here you see who opened or downloaded the conversations you brought – also when a "
            "FLIP facilitator saw an excerpt you shared or used it in a seminar pack.",
        ),
        "mine.access.when": ("Hvornår", "When"),
        "mine.access.who": ("Hvem", "Who"),
        "mine.access.what": ("Hvad", "What"),
        "mine.access.conversation": ("Samtale", "Conversation"),
        "access.view.open": ("åbnede sessionen", "opened the session"),
        "access.export.session": ("hentede udskrift/markeringer", "downloaded handout/tags"),
        "access.view.flip_pool": (
            "så det delte uddrag (FLIP-forberedelse)",
            "saw the shared excerpt (FLIP preparation)",
        ),
        "access.export.seminar_pack_pdf": (
            "brugte uddraget i en seminarpakke (PDF)",
            "used the excerpt in a seminar pack (PDF)",
        ),
        "access.export.seminar_pack_pptx": (
            "brugte uddraget i en seminarpakke (PowerPoint)",
            "used the excerpt in a seminar pack (PowerPoint)",
        ),
    }
)

STRINGS.update(
    {
        "admin.rename": (
            "Omdøb eller deaktivér team/organisation",
            "Rename or deactivate a team/organisation",
        ),
        "admin.rename_kind": ("Hvad", "What"),
        "admin.rename_item": ("Vælg", "Choose"),
        "admin.kind.team": ("Team", "Team"),
        "admin.kind.organisation": ("Organisation", "Organisation"),
        "admin.new_name": ("Nyt navn", "New name"),
        "admin.rename_mismatch": (
            "Vælg et element af den valgte slags.",
            "Choose an item of the chosen kind.",
        ),
    }
)

# Charts and the FLIP seminar pack (lises_reflect/charts.py, lises_reflect/seminar.py)
STRINGS.update(
    {
        "chart.empty": ("Ingen tal at vise", "No figures to show"),
        "pack.confidential": ("Fortroligt – bliver i rummet", "Confidential – stays in the room"),
        "pack.agenda.reflection": (
            "Refleksion med linserne",
            "Reflection with the lenses",
        ),
        "pack.agenda.input": (
            "Oplæg: hvad forskningen ved om samtalen",
            "Input: what research knows about the conversation",
        ),
        "pack.agenda.with_lenses": ("{label} ({lenses})", "{label} ({lenses})"),
        "pack.minutes": ("{minutes} min", "{minutes} min"),
        "pack.lens_prompts": (
            "{heading}: spørgsmål fra linserne",
            "{heading}: questions from the lenses",
        ),
        "pack.hidden_note": (
            "{hidden} af {total} tal er skjult, så ingen enkeltperson kan genkendes.",
            "{hidden} of {total} numbers are hidden so that no individual can be recognised.",
        ),
        "pack.question_n": ("Til drøftelse ({n} af {total})", "For discussion ({n} of {total})"),
        "pack.notes.rules": (
            "Læs spillereglerne højt, og spørg, om nogen vil tilføje en. Mind om, at uddragene "
            "er delt af kolleger, der ikke skal kunne genkendes, og at papirerne bliver i rummet.",
            "Read the ground rules aloud and ask whether anyone wants to add one. Remind the group "
            "that colleagues shared the excerpts, must not be recognisable, and that the papers "
            "stay in the room.",
        ),
        "pack.notes.figure": (
            "Læs sætningen højt, før I ser på søjlerne. Tallene er samlet for hele team; spørg, "
            "hvordan mønstret ser ud i jeres egen hverdag – ikke hvem der ligger hvor.",
            "Read the sentence aloud before looking at the bars. The numbers are pooled for whole "
            "teams; ask how the pattern looks in your own day – not who is where.",
        ),
        "pack.notes.learning_points": (
            "Læringspunkter, som kollegerne delte (tag dem først frem efter gruppens egen "
            "beskrivelse): {points}",
            "Learning points the colleagues shared (bring them in only after the group's own "
            "description): {points}",
        ),
        "pack.notes.closing": (
            "Lad hver deltager sige én konkret ting, de vil prøve i en samtale. Skriv dem ned til "
            "næste FLIP – som eget udgangspunkt, ikke som mål at blive målt på.",
            "Let each participant name one concrete thing to try in a conversation. Note them for "
            "the next FLIP – as a starting point of one's own, not a target to be measured on.",
        ),
    }
)

# Issue 13: nothing lost, one shared room.
STRINGS.update(
    {
        "ui.would_clear": (
            "Feltet er tomt, men den gemte tekst er ikke slettet. Hent den tilbage, eller slet "
            "den, hvis det var meningen.",
            "The field is empty, but the saved text has not been deleted. Bring it back, or "
            "delete it if that is what you meant.",
        ),
        "ui.restore_saved": ("Hent den gemte tekst tilbage", "Bring the saved text back"),
        "ui.delete_saved": ("Slet den gemte tekst", "Delete the saved text"),
        "error.would_clear": (
            "Et tomt felt sletter ikke en gemt tekst af sig selv.",
            "An empty field does not delete a saved text by itself.",
        ),
    }
)

# Who leads the phases, finishing with confirmation, the finished session as a record (issue 13)
STRINGS.update(
    {
        "error.phase_bringer_only": (
            "Det er den, der har bragt samtalen, der flytter gruppens fase. Du kan foreslå at "
            "gå videre.",
            "The colleague who brought the conversation moves the group's phase. You can "
            "propose moving on.",
        ),
        "error.propose_listener_only": (
            "Som bringer flytter du selv fasen; forslag kommer fra lytterne.",
            "As the bringer you move the phase yourself; proposals come from the listeners.",
        ),
        "error.proposal_same_phase": (
            "Gruppen er allerede i den fase.",
            "The group is already in that phase.",
        ),
        "error.session_not_finished": (
            "Du kan hente dine bidrag, når sessionen er afsluttet.",
            "You can download your contributions once the session is finished.",
        ),
        "error.own_download_listener_only": (
            "Som bringer henter du hele sessionen under »Hent sessionen«.",
            "As the bringer you download the whole session under “Download the session”.",
        ),
        "lead.leads": ("{bringer} styrer faserne.", "{bringer} leads the phases."),
        "lead.listener_note": (
            "Du kan foreslå at gå videre; {bringer} bestemmer.",
            "You can propose moving on; {bringer} decides.",
        ),
        "lead.propose_next": ("Foreslå næste fase", "Propose the next phase"),
        "lead.proposed_by_me": (
            "Du har foreslået at gå videre til »{name}«. {bringer} bestemmer.",
            "You proposed moving on to “{name}”. {bringer} decides.",
        ),
        "lead.proposed_by_other": (
            "{who} har foreslået at gå videre til »{name}«.",
            "{who} proposed moving on to “{name}”.",
        ),
        "lead.proposal_for_bringer": (
            "{who} foreslår, at gruppen går videre til fase {number}: »{name}«.",
            "{who} proposes that the group moves on to phase {number}: “{name}”.",
        ),
        "lead.follow": ("Følg forslaget", "Follow the proposal"),
        "lead.dismiss": ("Ikke endnu", "Not yet"),
        "finish.confirm_title": ("Vil du afslutte sessionen?", "Finish the session?"),
        "finish.confirm_body": (
            "Når sessionen er afsluttet:\n"
            "- kan ingen ændre noget i den længere – heller ikke dig;\n"
            "- kan alle deltagere stadig læse alle otte faser;\n"
            "- kan du hente hele sessionen (PDF, CSV, JSON), og hver lytter kan hente sine "
            "egne iagttagelser, refleksioner, markeringer og gribninger samt de delte "
            "læringspunkter;\n"
            "- går de læringspunkter, du har markeret som delt, anonymt til teamets FLIP-pulje.",
            "Once the session is finished:\n"
            "- nobody can change anything in it any more – not you either;\n"
            "- every participant can still read all eight phases;\n"
            "- you can download the whole session (PDF, CSV, JSON), and each listener can "
            "download his or her own observations, reflections, tags and gribning links and "
            "the shared learning points;\n"
            "- the learning points you marked as shared go anonymously to the team's FLIP pool.",
        ),
        "finish.excerpt_for_listeners": (
            "Lytterne må få uddraget med i deres download",
            "Listeners may take the excerpt along in their download",
        ),
        "finish.excerpt_for_listeners_help": (
            "Kun du bestemmer. En hentet kopi kan ikke trækkes tilbage. Uden dit ja får "
            "lytterne kun deres egne bidrag.",
            "Only you decide. A downloaded copy cannot be taken back. Without your yes the "
            "listeners get their own contributions only.",
        ),
        "finish.confirm": ("Ja, afslut sessionen", "Yes, finish the session"),
        "finish.cancel": ("Fortryd", "Cancel"),
        "record.pick": ("Læs fase", "Read phase"),
        "record.note": (
            "Du læser den afsluttede session. At skifte fase her flytter ikke gruppen.",
            "You are reading the finished session. Changing the phase here does not move "
            "the group.",
        ),
        "record.own_title": ("Hent dine bidrag", "Download your contributions"),
        "record.own_note_with_excerpt": (
            "Dine egne iagttagelser, refleksioner, markeringer og gribninger, de delte "
            "læringspunkter og uddraget, som {bringer} har givet lov til. Opbevar filen "
            "fortroligt.",
            "Your own observations, reflections, tags and gribning links, the shared learning "
            "points, and the excerpt, which {bringer} allowed. Keep the file confidential.",
        ),
        "record.own_note_without_excerpt": (
            "Dine egne iagttagelser, refleksioner, markeringer og gribninger og de delte "
            "læringspunkter. Uddraget er ikke med: {bringer} har ikke givet lov til det.",
            "Your own observations, reflections, tags and gribning links and the shared "
            "learning points. The excerpt is not included: {bringer} has not allowed it.",
        ),
        "record.own_txt": ("Mine bidrag (tekst)", "My contributions (text)"),
        "record.own_json": ("Mine bidrag (JSON)", "My contributions (JSON)"),
        "record.process_check_closed": (
            "Sessionen er afsluttet; tjekket kan ikke længere sendes.",
            "The session is finished; the check can no longer be sent.",
        ),
        "access.export.own_contributions": (
            "hentede sine egne bidrag",
            "downloaded his or her own contributions",
        ),
    }
)

# Issue 13: presence on the session page.
STRINGS.update(
    {
        "live.here": ("Her nu: {names}", "Here now: {names}"),
        "live.alone": (
            "Ingen andre har sessionen åben lige nu.",
            "Nobody else has the session open right now.",
        ),
        "live.writing": ("{name} skriver {what} …", "{name} is writing {what} …"),
        "live.kind.observation": ("en iagttagelse", "an observation"),
        "live.kind.reflection": ("en refleksion", "a reflection"),
        "live.kind.struck": ("om, hvad der gjorde indtryk", "about what struck them"),
    }
)

# Gribning form, blind tagging and the differences in tags (issue 13, items 5 and 7).
STRINGS.update(
    {
        "talk.choose_source": ("Vælg en borgertur …", "Choose a citizen turn …"),
        "talk.choose_targets": ("Vælg en eller flere ture …", "Choose one or more turns …"),
        "talk.source_first": ("Vælg først borgerens tur", "First choose the citizen's turn"),
        "talk.no_linkable": (
            "Ingen af de viste borgerture har en tur efter sig endnu. Vis flere ture for at "
            "beskrive, hvad der sker så.",
            "None of the citizen turns shown has a turn after it yet. Show more turns to "
            "describe what happens next.",
        ),
        "talk.link_incomplete": (
            "Vælg borgerens tur, turen eller turene efter og hvad der skete – så kan du gemme.",
            "Choose the citizen's turn, the turn(s) after it and what happened – then you can "
            "save.",
        ),
        "talk.link_saved": (
            "✓ Gribningen er gemt: tur {source} → {targets}.",
            "✓ The link is saved: turn {source} → {targets}.",
        ),
        "talk.link_transcript": ("Udskriften, som I har læst den", "The transcript as read"),
        "talk.links_saved_heading": ("Gemte gribninger", "Saved links"),
        "talk.tags_saved": ("✓ Gemt", "✓ Saved"),
        "talk.blind_start": ("Markér blindt", "Tag blind"),
        "talk.blind_start_help": (
            "Hver deltager markerer alene: ingen ser de andres markeringer, før du viser dem "
            "alle på én gang. Så står forskellene tydeligt frem som et sted at begynde "
            "samtalen.",
            "Everyone tags alone: nobody sees the others' tags until you show them all at once. "
            "The differences then stand out as a place to start talking.",
        ),
        "talk.blind_on": (
            "Blind markering: I markerer hver for sig. Ingen kan se de andres markeringer, før "
            "{bringer} viser dem alle på én gang. 🔒 Dine markeringer ser kun du indtil da.",
            "Blind tagging: you tag on your own. Nobody can see the others' tags until "
            "{bringer} shows them all at once. 🔒 Until then only you see your tags.",
        ),
        "talk.blind_on_bringer": (
            "Blind markering: I markerer hver for sig. Ingen kan se de andres markeringer, før "
            "du viser dem alle på én gang. 🔒 Dine markeringer ser kun du indtil da.",
            "Blind tagging: you tag on your own. Nobody can see the others' tags until you show "
            "them all at once. 🔒 Until then only you see your tags.",
        ),
        "talk.blind_reveal": ("Vis alles markeringer", "Show everyone's tags"),
        "talk.blind_revealed": (
            "Alles markeringer er vist. Under »Tal om forskellene« står de ture, hvor I har "
            "markeret forskelligt.",
            "Everyone's tags are shown. »Talk about the differences« lists the turns you tagged "
            "differently.",
        ),
        "talk.tab_differences": ("Tal om forskellene", "Talk about the differences"),
        "talk.diff_note": (
            "Her står de ture, hvor jeres markeringer ikke er ens, og hvad hver af jer valgte. "
            "En forskel er ikke en fejl og ikke en bedømmelse: spørg hinanden, hvad I hørte i "
            "turen.",
            "These are the turns where your tags are not the same, and what each of you chose. "
            "A difference is neither an error nor a judgement: ask each other what you heard in "
            "the turn.",
        ),
        "talk.diff_heading": ("Tal om denne tur", "Talk about this turn"),
        "talk.diff_no_tag": ("ingen markering", "no tag"),
        "talk.diff_none": (
            "Ingen forskelle endnu: jeres markeringer er ens, eller kun én af jer har markeret.",
            "No differences yet: your tags are the same, or only one of you has tagged.",
        ),
        "talk.diff_hidden": (
            "Forskellene vises, når bringeren har vist alles markeringer.",
            "The differences are shown once the bringer has shown everyone's tags.",
        ),
        "talk.summary_own_only": (
            "Blind markering: opsummeringen bygger kun på dine egne markeringer, indtil alles "
            "markeringer er vist.",
            "Blind tagging: the summary rests on your own tags only until everyone's tags are "
            "shown.",
        ),
        "error.link_not_after": (
            "Tur {target} kommer ikke efter tur {turn}. Vælg ture efter borgerens tur.",
            "Turn {target} does not come after turn {turn}. Choose turns after the citizen's turn.",
        ),
        "error.turn_not_shown": (
            "Tur {turn} er ikke vist endnu, mens I læser trin for trin.",
            "Turn {turn} is not shown yet while you read step by step.",
        ),
        "error.blind_already": (
            "Markeringen er allerede blind eller vist for alle.",
            "Tagging is already blind or shown to everyone.",
        ),
        "error.not_blind": (
            "Markeringen er ikke blind, så der er ingen skjulte markeringer at vise.",
            "Tagging is not blind, so there are no hidden tags to show.",
        ),
    }
)

# The phase controls again at the bottom of a phase (issue 13, item 7). The labels name the
# target phase, and differ from the top's "◀ Forrige fase" / "Næste fase ▶" / "Foreslå næste
# fase", so that every button on the page has a name of its own.
STRINGS.update(
    {
        "session.back_to": ("◀ Tilbage til fase {number}", "◀ Back to phase {number}"),
        "session.on_to": ("Videre til fase {number} ▶", "On to phase {number} ▶"),
        "lead.propose_phase": (
            "Foreslå at gå videre til fase {number}",
            "Propose moving on to phase {number}",
        ),
    }
)

# Issue 14: figures only for closed periods, released once.
STRINGS.update(
    {
        "figure.status.open": (
            "vises, når perioden er slut",
            "shown when the period has ended",
        ),
        "insights.note.open": (
            "Tal vises først, når en periode er slut, og ændres ikke bagefter: tal for {period} "
            "vises fra 1. {next}.",
            "Figures are shown only once a period has ended, and never change afterwards: "
            "figures for {period} are shown from 1 {next}.",
        ),
        "insights.n_exact": ("n={n}", "n={n}"),
        "insights.n_few": ("under {n} svar", "under {n} answers"),
        "period.closed_only": (
            "Kun afsluttede perioder: tal for {period} vises fra 1. {next}.",
            "Closed periods only: figures for {period} are shown from 1 {next}.",
        ),
    }
)

# Issue 14 (trust): pack titles, shared learning points, the access log.
STRINGS.update(
    {
        "error.learning_point_shared": (
            "Læringspunktet er delt, så teksten kan ikke ændres. Den, der bragte samtalen, kan "
            "fjerne delingen først; så kan I ændre teksten, og hun eller han vælger igen, om den "
            "nye tekst skal deles.",
            "The learning point is shared, so its text cannot be changed. The person who brought "
            "the conversation can withdraw the sharing first; then you can change the text, and "
            "he or she chooses again whether to share the new text.",
        ),
        "error.learning_point_changed": (
            "Teksten er lige blevet ændret. Læs den nye tekst, og vælg så igen, om den skal deles.",
            "The text has just been changed. Read the new text, then choose again whether to "
            "share it.",
        ),
        "learning.frozen_shared": (
            "Delt: teksten og kategorien er låst, så de ikke kan ændres, efter at den, der bragte "
            "samtalen, har sagt ja til at dele dem. Skal de ændres, fjerner hun eller han "
            "delingen først.",
            "Shared: the text and category are locked, so they cannot change after the person "
            "who brought the conversation said yes to sharing them. To change them, he or she "
            "withdraws the sharing first.",
        ),
        "access.view.learning_points": (
            "læste delte læringspunkter",
            "read shared learning points",
        ),
        "pack.error.title_long": (
            "Titlen er for lang: højst 120 tegn.",
            "The title is too long: at most 120 characters.",
        ),
    }
)


# Issue 14, item 9: names and the e-mail field are screened for personal data.
STRINGS.update(
    {
        "error.name_personal.cpr": (
            'Navnet er ikke gemt: det ser ud til at indeholde et CPR-nummer ("{text}"). '
            "Skriv kun navnet.",
            'The name was not saved: it seems to contain a CPR number ("{text}"). '
            "Enter only the name.",
        ),
        "error.name_personal.phone": (
            'Navnet er ikke gemt: det ser ud til at indeholde et telefonnummer ("{text}"). '
            "Skriv kun navnet.",
            'The name was not saved: it seems to contain a phone number ("{text}"). '
            "Enter only the name.",
        ),
        "error.name_personal.email": (
            'Navnet er ikke gemt: det ser ud til at indeholde en e-mailadresse ("{text}"). '
            "Skriv e-mailadressen i feltet til e-mail, og kun navnet her.",
            'The name was not saved: it seems to contain an e-mail address ("{text}"). '
            "Put the e-mail address in the e-mail field, and only the name here.",
        ),
        "error.email_invalid": (
            "E-mailadressen er ikke gemt: skriv én gyldig e-mailadresse, fx "
            "navn@kommune.dk, og intet andet – eller lad feltet stå tomt.",
            "The e-mail address was not saved: enter one valid e-mail address, e.g. "
            "name@kommune.dk, and nothing else – or leave the field empty.",
        ),
        "error.email_personal": (
            "E-mailadressen er ikke gemt: den ser ud til at indeholde et CPR- eller "
            'telefonnummer ("{text}"). Brug kontoens arbejdsadresse.',
            "The e-mail address was not saved: it seems to contain a CPR or phone number "
            '("{text}"). Use the account\'s work address.',
        ),
    }
)
